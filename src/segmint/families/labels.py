"""The built-in families' group names as Ukrainian and Russian readers read them: one catalogue for the CLI,
the HTML report and the web UI.

A group's name stays its English key everywhere it is data: the `features` table and the history, rule
values (`rfm.group = "At Risk"`), --group options, --json documents, the API. Only where a person reads a
summary is it labelled: `shown()` writes "Під загрозою відтоку (At Risk)", the label and the key a rule
needs, `label()` the label alone (a chart's axis). English is the key. A name the catalogue does not have
(a group of one's own RFM map, a product category, a cluster's persona) is shown as it is, and so is a name
of one's own RFM map that reuses a built-in name for other cells (`own_groups`): the label would say the
built-in group's meaning of a name the user gave to another set of scores. A `Namer`, built once from the
language and the workspace's settings, is what names groups where a person reads them, so no caller carries
the workspace's own groups beside the language.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

# family -> group key -> (uk, ru); tests/test_cli_group_labels.py checks every built-in group has one
# fmt: off
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "rfm": {
        "Champions": ("Чемпіони", "Чемпионы"),
        "Loyal": ("Лояльні", "Лояльные"),
        "Potential Loyalist": ("Потенційно лояльні", "Потенциально лояльные"),
        "New Customers": ("Нові клієнти", "Новые клиенты"),
        "Promising": ("Перспективні", "Перспективные"),
        "Need Attention": ("Потребують уваги", "Требуют внимания"),
        "About to Sleep": ("Засинають", "Засыпающие"),
        "At Risk": ("Під загрозою відтоку", "Под угрозой оттока"),
        "Can't Lose Them": ("Не можна втратити", "Нельзя потерять"),
        "Hibernating": ("Сплячі", "Спящие"),
        "Lost": ("Втрачені", "Потерянные"),
        "No Purchases": ("Без покупок", "Без покупок"),
    },
    "rfm_simple": {
        "New": ("Нові", "Новые"),
        "Regular": ("Постійні", "Постоянные"),
        "VIP": ("VIP", "VIP"),
        "Inactive": ("Неактивні", "Неактивные"),
        "Lost": ("Втрачені", "Потерянные"),
        "No Purchases": ("Без покупок", "Без покупок"),
    },
    "lifecycle": {
        "prospect": ("Потенційні", "Потенциальные"),
        "new": ("Нові", "Новые"),
        "active": ("Активні", "Активные"),
        "lapsing": ("Відходять", "Уходящие"),
        "lapsed": ("Колишні", "Ушедшие"),
    },
    "activity": {
        "active": ("Активні", "Активные"),
        "passive": ("Пасивні", "Пассивные"),
    },
    "preferences": {
        "none": ("Немає", "Нет"),  # the other groups are the data's own categories
    },
    "temperature": {
        "cold": ("Холодні", "Холодные"),
        "warm": ("Теплі", "Тёплые"),
        "hot": ("Гарячі", "Горячие"),
    },
    "churn_risk": {
        "low": ("Низький", "Низкий"),
        "medium": ("Середній", "Средний"),
        "high": ("Високий", "Высокий"),
    },
}
# fmt: on
LANGUAGES = ("uk", "ru")  # the languages of the labels, in the order of LABELS' pairs


def own_groups(families) -> frozenset[tuple[str, str]]:
    """(family, group) of each group a workspace's RFM map (`families`: its [families] settings) names
    itself though the catalogue has the name: a row of one's own map called "Champions" for other R x FM
    cells than the built-in Champions'. Shown as named, unlabelled. A map that keeps a built-in group's
    cells keeps its label (the bins do not matter: every map is read on the 1-5 scale)."""
    rows = tuple((rule.name, tuple(rule.r), tuple(rule.fm)) for rule in families.rfm.groups)
    return _own(rows)


@cache
def _own(rows: tuple) -> frozenset[tuple[str, str]]:
    from segmint.config import STANDARD_RFM_GROUPS

    built_in = _cells(tuple((rule.name, tuple(rule.r), tuple(rule.fm)) for rule in STANDARD_RFM_GROUPS))
    mine = _cells(rows)
    return frozenset(
        ("rfm", name) for name, cells in mine.items() if name in LABELS["rfm"] and cells != built_in.get(name)
    )


def _cells(rows: tuple) -> dict[str, frozenset[tuple[int, int]]]:
    """group -> the (R, FM) cells it names: the first row that holds a cell names it (families/rfm.py)."""
    named: dict[str, set] = {}
    for r in range(1, 6):
        for fm in range(1, 6):
            name = next((n for n, (r0, r1), (f0, f1) in rows if r0 <= r <= r1 and f0 <= fm <= f1), None)
            if name is not None:
                named.setdefault(name, set()).add((r, fm))
    return {name: frozenset(cells) for name, cells in named.items()}


class Namer:
    """A `lang` reader's names of one workspace's groups (`families`: its [families] settings; None, no
    workspace's: every name the catalogue has is labelled). Built once where the language and the settings
    are known and passed where the language is: a group of the workspace's own RFM map that reuses a
    built-in name (own_groups) is then named as it is wherever a group is labelled."""

    __slots__ = ("lang", "own")

    def __init__(self, lang: str, families=None) -> None:
        self.lang = lang
        self.own = own_groups(families) if families is not None else frozenset()

    def __repr__(self) -> str:
        return f"Namer({self.lang!r}, own={sorted(self.own)!r})"

    def label(self, family: str | None, group: str) -> str:
        """`group` of `family` as the reader reads it: the catalogue's label, else the group as stored (and
        so when it is a group of the workspace's own)."""
        if self.lang not in LANGUAGES or not isinstance(group, str) or (family, group) in self.own:
            return group
        pair = LABELS.get(family or "", {}).get(group)
        return pair[LANGUAGES.index(self.lang)] if pair else group

    def shown(self, family: str | None, group: str, key: str | None = None) -> str:
        """The label and the key, "Чемпіони (Champions)", where a person reads a group and may go on to
        write a rule with it (`key`: as the reader named it, e.g. rfm:Champions; else the group); the key
        alone when the group has no other label (English, VIP, a name of one's own)."""
        worded = self.label(family, group)
        key = group if key is None else key
        return key if worded == group else f"{worded} ({key})"


def labelled_as(family: str, typed: str, groups: Iterable[str]) -> str | None:
    """The one of a family's `groups` whose Ukrainian or Russian label `typed` is, in any case, apostrophe
    or spacing ("чемпіони" -> Champions): the CLI, report and web UI show "Чемпіони (Champions)", and a
    reader who types the label where a rule or --group needs the key is told the key (nearest_name finds no
    English name near a Cyrillic one)."""
    from segmint.ingest.spelling import group_key

    labels = LABELS.get(family, {})
    typed_key = group_key(typed)
    return next((group for group in groups if typed_key in map(group_key, labels.get(group, ()))), None)


def label(family: str | None, group: str, lang: str) -> str:
    """`group` of `family` as a `lang` reader reads it, no workspace's own groups known (Namer.label)."""
    return Namer(lang).label(family, group)


def shown(family: str | None, group: str, lang: str, key: str | None = None) -> str:
    """The label and the key, "Чемпіони (Champions)", no workspace's own groups known (Namer.shown)."""
    return Namer(lang).shown(family, group, key)
