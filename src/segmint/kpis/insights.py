"""Notable facts about a set of segments, flagged automatically from their KPIs and membership history:
the most profitable, the highest churn risk, one buying mostly on discount, the fastest-shrinking.

Each insight carries a `code` (its kind and variant) and the `params` its sentence is worded from, so the
report and the web UI word it in their page's language with that language's numbers (`word`); its
`message` is the English sentence of the CLI and the JSON. The texts are here in English and Ukrainian,
in Russian in insights_ru.py (same codes), as the playbook keeps its defaults.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from segmint import localize
from segmint.kpis.insights_ru import RU

if TYPE_CHECKING:
    from segmint.families.labels import Namer

DISCOUNT_MOSTLY = 0.5  # "mostly on discount": more than half of the period's purchases had a discount
MIN_SIZE = 10  # groups smaller than this are too small to flag for churn or discounts
LANGUAGES = ("en", "uk", "ru")
# highest churn risk: (basis, KPI, the customers it is over), the first with a group of MIN_SIZE of them
CHURN_BASES = (
    ("probability", "churn_probability", "churn_probability_customers"),
    ("rate", "churn_rate", "active_previous_period"),
)

# code -> (English, Ukrainian); {value}, {share}, {before}, ... are filled in written as the language writes
# numbers. The English texts are the CLI's sentences: keep them as they are.
# fmt: off
TEXTS: dict[str, tuple[str, str]] = {
    "most_profitable": (
        "{segment} brings the most revenue in the period: {value} ({share} of all) "
        "(no cost data: profit is ranked by revenue).",
        "{segment} приносить найбільшу виручку за період: {value} ({share} від усієї) "
        "(даних про витрати немає: прибуток оцінено за виручкою)."),
    "most_profitable.no_share": (
        "{segment} brings the most revenue in the period: {value} "
        "(no cost data: profit is ranked by revenue).",
        "{segment} приносить найбільшу виручку за період: {value} "
        "(даних про витрати немає: прибуток оцінено за виручкою)."),
    "highest_churn_risk.probability": (
        "{segment} has the highest churn risk: mean predicted churn probability {value} over its "
        "{customers} repeat buyers.",
        "{segment} має найвищий ризик відтоку: середня прогнозна ймовірність відтоку {value} серед "
        "{customers}."),
    "highest_churn_risk.rate": (
        "{segment} has the highest churn risk: churn rate over the period {value} of its {customers} "
        "buyers of the previous period.",
        "{segment} має найвищий ризик відтоку: відтік за період {value} з {customers} "
        "попереднього періоду."),
    "highest_churn_risk.rate_unestimated": (
        "{segment} has the highest churn risk: churn rate over the period {value} of its {customers} "
        "buyers of the previous period (the CLV model does not estimate churn on this data).",
        "{segment} має найвищий ризик відтоку: відтік за період {value} з {customers} "
        "попереднього періоду (модель CLV не оцінює відтік на цих даних)."),
    "mostly_on_discount": (
        "{segment} buys mostly on discount: {value} of its purchases in the period.",
        "{segment} купує переважно зі знижкою: {value} покупок за період."),
    "fastest_shrinking.size": (
        "{segment} shrinks fastest: {before} → {now} members ({change}, share {share_change}) since {since}.",
        "{segment} зменшується найшвидше: {before} → {now} ({change}, частка {share_change}) "
        "з {since}."),
    "fastest_shrinking.share": (
        "{segment} loses its share of the customer base fastest: {before} → {now} members "
        "({change}, share {share_change}) since {since}.",
        "{segment} найшвидше втрачає частку бази: {before} → {now} ({change}, частка "
        "{share_change}) з {since}."),
}
# fmt: on
# uk and ru: the noun after a count, in the form the count takes (CLDR one|few|many, localize.plural), written
# with the count: "21 учасник", "22 учасники", "25 учасників"; after "серед"/"з" (ru "среди"/"из") the
# genitive: "21 повторного покупця", "22 повторних покупців". Keyed by (code prefix, param).
NOUNS: dict[tuple[str, str], dict[str, str]] = {
    ("fastest_shrinking", "now"): {"uk": "учасник|учасники|учасників", "ru": "участник|участника|участников"},
    ("highest_churn_risk.probability", "customers"): {
        "uk": "повторного покупця|повторних покупців|повторних покупців",
        "ru": "повторного покупателя|повторных покупателей|повторных покупателей",
    },
    ("highest_churn_risk.rate", "customers"): {
        "uk": "покупця|покупців|покупців",
        "ru": "покупателя|покупателей|покупателей",
    },
}
MONEY = ("value",)  # params written with two decimals; PERCENT as percentages; COUNTS as whole numbers
PERCENT = ("share", "change", "share_change")
COUNTS = ("before", "now", "customers")


def _text(code: str, lang: str) -> str:
    if lang == "ru":
        return RU[code]
    return TEXTS[code][1 if lang == "uk" else 0]


def _written(name: str, value, code: str, lang: str, group: str | None, space: str) -> str:
    """One parameter as `lang` writes it. English with no `group`: the CLI's own (942,611.00, 12%, +5%,
    counts ungrouped)."""
    signed = name in ("change", "share_change")
    if name in PERCENT or (name == "value" and not code.startswith("most_profitable")):
        if lang == "en" and group is None:
            return f"{value:{'+' if signed else ''}.0%}"
        return localize.percent(value, 0, lang, space=space, signed=signed)
    if name in MONEY or name in COUNTS:
        digits = 2 if name in MONEY else 0
        if lang == "en" and group is None:
            return f"{value:,.2f}" if digits else str(value)
        return localize.number(value, digits, lang, **({"group": group} if group is not None else {}))
    return str(value)


def word(
    item: dict,
    lang: str = "en",
    *,
    group: str | None = None,
    space: str = "",
    names: dict[str, str] | None = None,
) -> str:
    """The insight's sentence in `lang` (en, uk, ru) from its code and params, numbers as `lang` writes them
    (segmint.localize). English takes `group` (thousands) and `space` (before %) as localize does; with no
    `group` it is the CLI's sentence, the insight's `message`. `names`: how the sentence names a segment
    (segment_names: a family group by its label). An item without a code (a stored document from before
    codes) keeps its message."""
    code, params = item.get("code"), item.get("params")
    if code not in TEXTS or params is None:
        return item.get("message", "")
    values = {
        name: _written(name, value, code, lang, group, space) if value is not None else localize.DASH
        for name, value in params.items()
    }
    for (prefix, name), forms in NOUNS.items():
        if code.startswith(prefix) and lang in forms and params.get(name) is not None:
            values[name] += " " + localize.plural(params[name], forms[lang], lang)
    if names and params.get("segment") in names:
        values["segment"] = names[params["segment"]]
    return _text(code, lang).format(**values)


def segment_names(document: dict, names: Namer) -> dict[str, str]:
    """The KPI document's family groups as the reader of `names` reads them (Чемпіони (Champions)), by the
    name its insights give them; a segment of one's own is named as it is, and so is a group of the
    workspace's own RFM map (`names`: the workspace's families.labels.Namer)."""
    return {
        row["name"]: names.shown(row["family"], row["group"], row["name"])
        for row in document.get("segments", [])
        if row.get("family")
    }


def _best(rows: dict[str, dict], key: str, *, highest: bool = True, min_size: int = 0, counted: str = "size"):
    """(name, value) of the row with the highest (lowest) `key`, among those whose `counted` (the
    customers the figure is over) is at least `min_size`."""
    known = [
        (name, row[key])
        for name, row in rows.items()
        if row.get(key) is not None and row[counted] >= min_size
    ]
    if not known:
        return None
    return (max if highest else min)(known, key=lambda item: item[1])


def _churn_unestimated(rows: dict[str, dict]) -> bool:
    """The CLV model predicted for members of these segments but estimated none's churn probability."""
    predicted = any(row.get("predicted_clv") is not None for row in rows.values())
    return predicted and all(row.get("churn_probability") is None for row in rows.values())


def _insight(kind: str, code: str, segment: str, value, params: dict, **extra) -> dict:
    item = {"kind": kind, "code": code, "segment": segment, "value": value, **extra,
            "params": {"segment": segment, **params}}  # fmt: skip
    item["message"] = word(item)
    return item


def insights(rows: dict[str, dict], changes: dict[str, dict] | None = None) -> list[dict]:
    """rows: segment -> KPIs (without the base); changes: segment -> {before, now, change, share_change,
    since}.
    Each insight: kind, code, segment, value, params (what its sentence says) and the English sentence."""
    found = []
    best = _best(rows, "revenue")
    if best and best[1] > 0:
        name, value = best
        share = rows[name].get("revenue_share")
        code = "most_profitable" if share is not None else "most_profitable.no_share"
        params = {"value": value, **({"share": share} if share is not None else {})}
        found.append(_insight("most_profitable", code, name, value, params))
    # each churn figure counted over its own customers: the repeat buyers the model estimates, else the
    # members who bought in the previous period; the sentence says when the model estimated no one's
    # churn at all (a fit that sees no dropout, docs/clv.md, or the historical-average fallback)
    unestimated = _churn_unestimated(rows)
    for basis, key, counted in CHURN_BASES:
        churn = _best(rows, key, min_size=MIN_SIZE, counted=counted)
        if churn is not None:
            name, value = churn
            params = {"value": value, "customers": rows[name][counted]}
            code = f"highest_churn_risk.{basis}" + ("_unestimated" if basis == "rate" and unestimated else "")
            found.append(_insight("highest_churn_risk", code, name, value, params))
            break
    discount = _best(rows, "discount_share", min_size=MIN_SIZE)
    if discount is not None and discount[1] > DISCOUNT_MOSTLY:
        name, value = discount
        found.append(_insight("mostly_on_discount", "mostly_on_discount", name, value, {"value": value}))
    sized = {n: {"size": c["before"], **c} for n, c in (changes or {}).items()}
    for measure in ("change", "share_change"):  # shrinking in members; else losing share of a growing base
        shrinking = _best(sized, measure, highest=False, min_size=MIN_SIZE)
        if shrinking is not None and shrinking[1] < 0:
            name, value = shrinking
            change = changes[name]
            what = "size" if measure == "change" else "share"
            params = {k: change[k] for k in ("before", "now", "change", "share_change", "since")}
            found.append(
                _insight("fastest_shrinking", f"fastest_shrinking.{what}", name, value, params, measure=what)
            )
            break
    return found
