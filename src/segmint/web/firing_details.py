"""A trigger firing's detail in the interface language, worded from its `detail_code` and `detail_params`
(segmint.triggers.details), as web/merge_errors.py words a merge's errors: a Ukrainian or Russian
workspace read "campaign 'X': left out: no consent" and "tagged 'vip'" in English, in `segmint triggers
firings` and on the triggers page. A detail without a code (an exception's or a server's own text, or a
firing recorded before codes were kept) is shown as stored. tests/triggers/test_firing_details.py checks
every code has both wordings."""

from __future__ import annotations

from typing import Any

from segmint.web import segment_errors
from segmint.web.coded import Table, listed
from segmint.web.strings import STRINGS
from segmint.web.strings_ru import STRINGS_RU

PREFIX = "firing."

# fmt: off
UK: dict[str, str] = {
    "firing.tagged": "додано мітку {tag!r}",
    "firing.no_customer": "такого клієнта немає",
    "firing.in_segment": "у статичному сегменті {segment!r}",
    "firing.secret_unset": "змінну середовища {variable} не задано: вебхук не надіслано",
    "firing.not_tried": "не надсилалося: вебхук цього разу не відповів ({error})",
    "firing.conflict": "цих клієнтів тим часом змінив інший запис; ще раз наступного запуску ({error})",
    "firing.campaign.queued": "кампанія {campaign!r}: у черзі (варіант {variant})",
    "firing.campaign.holdout": "кампанія {campaign!r}: у контрольній групі, повідомлення не буде",
    "firing.campaign.already": "кампанія {campaign!r}: уже одержувач, повторно не надсилається",
    "firing.campaign.left_out": "кампанія {campaign!r}: не включено: {reason}",
    "firing.campaign.not_handled": "кампанія {campaign!r}: не оброблено",
}
RU: dict[str, str] = {
    "firing.tagged": "добавлена метка {tag!r}",
    "firing.no_customer": "такого клиента нет",
    "firing.in_segment": "в статическом сегменте {segment!r}",
    "firing.secret_unset": "переменная окружения {variable} не задана: вебхук не отправлен",
    "firing.not_tried": "не отправлялось: вебхук в этот раз не ответил ({error})",
    "firing.conflict": (
        "этих клиентов тем временем изменила другая запись; ещё раз при следующем запуске ({error})"
    ),
    "firing.campaign.queued": "кампания {campaign!r}: в очереди (вариант {variant})",
    "firing.campaign.holdout": "кампания {campaign!r}: в контрольной группе, сообщения не будет",
    "firing.campaign.already": "кампания {campaign!r}: уже получатель, повторно не отправляется",
    "firing.campaign.left_out": "кампания {campaign!r}: не включено: {reason}",
    "firing.campaign.not_handled": "кампания {campaign!r}: не обработано",
}
# fmt: on


def _value(key: str, value: Any, lang: str) -> Any:
    """A left-out reason ("no consent") in the campaigns' words for it; any other param as it is."""
    if key == "reason" and isinstance(value, str):
        name = "left_out_" + value.replace(" ", "_")
        if lang == "ru" and name in STRINGS_RU:
            return STRINGS_RU[name]
        if name in STRINGS and lang in STRINGS[name]:
            return STRINGS[name][lang]
    return listed(key, value, lang)


TABLE = Table({"uk": UK, "ru": RU}, value=_value)


def word(firing: dict, lang: str) -> str:
    """The firing's detail in `lang` (uk, ru): from its code when known here (a segment error's code by
    web/segment_errors.py), else as stored (English, or a text that was never ours)."""
    code, params, stored = firing.get("detail_code"), firing.get("detail_params") or {}, firing.get("detail")
    if code is not None and code.startswith(PREFIX):
        return TABLE.word(code, params, lang) or stored or ""
    if code is not None:  # an error a static-segment action met (its segment deleted or made dynamic)
        return segment_errors.TABLE.word(code, params, lang) or stored or ""
    return stored or ""
