"""The date format an import is told (`--date-format`, the API's and the web form's `date_format`, a mapping
file's `date_format`), read once for every interface before any work: a strftime format is checked
directive by directive, a notation of day, month and year as people write it (`ДД.ММ.РРРР`, `dd/mm/yy`)
becomes one, and a text that is neither is refused with a coded MappingError.

Before, an unknown directive (`%Q`, a trailing `%`) reached DuckDB's strptime mid-import and crashed it (a
500 from the API, a traceback from the CLI), and only the web page translated `ДД.ММ.РРРР`: the API and the
CLI took it as a format and put every row in quarantine.
"""

from __future__ import annotations

import re

from segmint.errors import MappingError

# the directives DuckDB's strptime reads (its own list: every other letter after % it refuses)
DIRECTIVES = frozenset("aAbBcdfgGhHIjmMnpSTuUVwWxXyYzZ") | {"-d", "-j", "-m", "-y", "-H", "-I", "-M", "-S"}
# the notations people write (the pages' own "ДД.ММ.РРРР", "РРРР-ММ-ДД"; ru ГГГГ; en dd.mm.yyyy): day,
# month, four- and two-digit year, and the separators between them
_PARTS = re.compile(r"(?i)(дд|dd)|(мм|mm)|(рррр|гггг|yyyy)|(рр|гг|yy)|([./\- ])")
_AS_DIRECTIVES = ("%d", "%m", "%Y", "%y")
_EXAMPLES = "%d.%m.%Y (with a time: %d.%m.%Y %H:%M) or DD.MM.YYYY"


def strftime_format(typed: str | None, *, mapping_file: str | None = None) -> str | None:
    """The strftime format the reader takes for the date format `typed`: a strftime format as it is
    (`%d.%m.%Y`), a notation of day, month and year as one (`ДД.ММ.РРРР` -> `%d.%m.%Y`, `dd/mm/yy` ->
    `%d/%m/%y`); None when nothing is typed. Raises MappingError `import.date_format_directive` (a % not
    followed by a directive strptime reads) or `import.date_format_unreadable` (neither a format with a
    directive nor a notation: it would match no date); with `.mapping` and the file when `typed` is a
    mapping file's `date_format`."""
    text = "" if typed is None else str(typed).strip()  # a mapping file's YAML may give a number
    if not text:
        return None
    where = f"{mapping_file}: date_format" if mapping_file else "--date-format"
    file = {"file": mapping_file} if mapping_file else {}
    if "%" in text:
        bad = _bad_directive(text)
        if bad:
            raise MappingError(
                f"{where} {text!r}: {bad!r} is not a directive of a date format (a % starts one: %d day, "
                f"%m month, %Y year, %y two-digit year, %H:%M time; %% is a % sign); write it as {_EXAMPLES}",
                code="import.date_format_directive.mapping"
                if mapping_file
                else "import.date_format_directive",
                params={**file, "format": text, "directive": bad},
            )
        if "%" in text.replace("%%", ""):
            return text
    else:
        parts = [(found.lastindex, found.group()) for found in _PARTS.finditer(text)]
        if "".join(part for _, part in parts) == text and any(kind <= 4 for kind, _ in parts):
            return "".join(_AS_DIRECTIVES[kind - 1] if kind <= 4 else part for kind, part in parts)
    raise MappingError(
        f"{where} {text!r} is not a date format the import reads; write it with strftime's directives, as "
        f"{_EXAMPLES}, or give none: dates such as 31.01.2024 are recognised by themselves",
        code="import.date_format_unreadable.mapping" if mapping_file else "import.date_format_unreadable",
        params={**file, "format": text},
    )


def _bad_directive(text: str) -> str | None:
    """The first directive of the strftime format `text` that strptime does not read (`%Q`, `%E`, a % at
    the end), or None; `%%` is a % sign."""
    at = 0
    while (at := text.find("%", at)) >= 0:
        directive = text[at : at + (3 if text[at + 1 : at + 2] == "-" else 2)]
        if directive != "%%" and directive[1:] not in DIRECTIVES:
            return directive
        at += len(directive)
    return None
