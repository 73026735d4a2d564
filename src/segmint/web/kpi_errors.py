"""KPI errors in the interface language, worded from their `code` and `params` (kpis.KpiError), as
web/segment_errors.py words segment errors: `segmint kpis` in a Ukrainian or Russian workspace said them in
English. A name that is no segment keeps the SegmentError's code and params and is worded as that error
(the KpiError's __cause__). tests/kpis/test_kpi_error_codes.py raises every code and checks both wordings.
"""

from __future__ import annotations

from segmint.segments.model import SegmentError
from segmint.web import segment_errors
from segmint.web.coded import Table

# fmt: off
UK: dict[str, str] = {
    "kpi.period": "період — щонайменше 1 день, а не {days} (--days)",
    "kpi.period.long": "період — щонайбільше {max} днів, а не {days} (--days)",
    "kpi.period.early": "період у {days} дн. до {end} разом із попереднім, з яким його порівнюють, почався б "
                        "раніше за 0001-01-01: вкажіть пізнішу дату --as-of або менше днів --days",
    "kpi.not_a_family": "{name!r} — сегмент, а не родина; назвіть його без --family",
    "kpi.unknown_group": "у родини {family!r} немає групи {group!r}; її групи: {groups}",
    "kpi.unknown_group.hint": "у родини {family!r} немає групи {group!r}; можливо, {hint!r}? "
                              "(її групи: {groups})",
    "kpi.is_a_family": "{name!r} — родина: вкажіть --family {name} або назвіть групу, наприклад {groups}",
    "kpi.no_refresh": "для {name!r} ще не обчислено учасників: запустіть segmint refresh",
    "kpi.no_membership_on": "для {name!r} не обчислено учасників на {day} (перше оновлення — {first}): "
                            "запустіть segmint refresh --as-of {day} або segmint refresh --backfill "
                            "monthly",
    "kpi.nothing_named": "назвіть сегмент або родину (--family rfm)",
    "kpi.named_twice": "сегмент {name!r} названо двічі",
    "kpi.compare_missing": "--compare називає {missing}, але цього немає серед сегментів, про які запитано",
}
RU: dict[str, str] = {
    "kpi.period": "период — не меньше 1 дня, а не {days} (--days)",
    "kpi.period.long": "период — не больше {max} дней, а не {days} (--days)",
    "kpi.period.early": "период в {days} дн. до {end} вместе с предыдущим, с которым его сравнивают, начался "
                        "бы раньше 0001-01-01: укажите более позднюю дату --as-of или меньше дней --days",
    "kpi.not_a_family": "{name!r} — сегмент, а не семейство; назовите его без --family",
    "kpi.unknown_group": "у семейства {family!r} нет группы {group!r}; его группы: {groups}",
    "kpi.unknown_group.hint": "у семейства {family!r} нет группы {group!r}; возможно, {hint!r}? "
                              "(его группы: {groups})",
    "kpi.is_a_family": "{name!r} — семейство: укажите --family {name} или назовите группу, например {groups}",
    "kpi.no_refresh": "для {name!r} ещё не вычислены участники: запустите segmint refresh",
    "kpi.no_membership_on": "для {name!r} не вычислены участники на {day} (первое обновление — {first}): "
                            "запустите segmint refresh --as-of {day} или segmint refresh --backfill "
                            "monthly",
    "kpi.nothing_named": "назовите сегмент или семейство (--family rfm)",
    "kpi.named_twice": "сегмент {name!r} назван дважды",
    "kpi.compare_missing": "--compare называет {missing}, но этого нет среди запрошенных сегментов",
}
# fmt: on

TABLE = Table({"uk": UK, "ru": RU})


def word(error, lang: str) -> str | None:
    """The KpiError in `lang` (uk, ru), or None when the language or its code is not known here."""
    if isinstance(error.__cause__, SegmentError):
        return segment_errors.word(error.__cause__, lang)
    return TABLE.word(error.code, error.params, lang)
