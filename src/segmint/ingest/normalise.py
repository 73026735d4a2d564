"""Normalisation rules for imported values.

Two kinds of rules live here:

- scalar functions (`name`, `email`, `phone`, `country`, `gender`, `boolean`) that need a real library or
  language rules; the importer applies them to each DISTINCT value of a column, never per row;
- Ibis expression builders (`parse_amount`, `parse_timestamp`, ...) for the high-volume columns (dates and
  amounts), so that millions of rows are parsed inside DuckDB.

A scalar function returns `(value, None)` on success and `(None, reason)` when it refuses the value (a
`Reason`: the English text with its code and params, ingest/reasons.py).
"""

from __future__ import annotations

import gettext
import re
import string
from dataclasses import dataclass
from functools import cache, lru_cache

import ibis
import ibis.expr.datatypes as dt
import phonenumbers
import pycountry
from email_validator import EmailNotValidError, validate_email

from segmint.config import iso_currencies
from segmint.ingest.month_names import month_name_timestamp
from segmint.ingest.reasons import Reason
from segmint.ingest.spelling import SPACES as _SPACES
from segmint.ingest.spelling import spelling

Result = tuple[object, str | None]

# -- names ------------------------------------------------------------------------------------------
_NAME_PART = re.compile(r"([\w']+)")


def _fix_word(word: str, after_apostrophe_of: str | None) -> str:
    """Capitalise a word unless it already looks deliberately mixed-case (McDonald, DiCaprio)."""
    if word[:1].isupper() and any(c.islower() for c in word) and not word[1:].isupper():
        return word
    if after_apostrophe_of is not None and not (
        len(after_apostrophe_of) == 1 and after_apostrophe_of.isascii()
    ):
        return word.lower()  # Мар'яна, Solov'yova: the part after the apostrophe stays lower case
    return word[:1].upper() + word[1:].lower()


def name(value: str) -> Result:
    """Trim, collapse whitespace and fix the case: "  оЛЕКСАНДР " -> "Олександр", "мар'яна" -> "Мар'яна",
    "шевчук-бойко" -> "Шевчук-Бойко", "o'brien" -> "O'Brien"."""
    text = spelling(value).strip()
    if not text:
        return None, None
    out, previous = [], None
    for piece in re.split(r"([\s\-'])", text):
        if piece and piece not in " -'":
            out.append(_fix_word(piece, previous if out and out[-1] == "'" else None))
            previous = piece
        else:
            out.append(piece)
    return "".join(out), None


# -- e-mail -----------------------------------------------------------------------------------------
# email_validator checks an address in ~60 us: at 1M customers a minute of the import (64 us an address
# on 46k addresses of benchmarks/generate.py's shop; 3 us with the path below). For a plain ASCII address
# (a dot-atom before the @, letters, digits and hyphens after it) its answer depends on the local part's
# length and on the domain alone, so the domain is checked by email_validator once per domain and the
# rest here; any other address (quoted, non-ASCII, an IP literal, too long, an unusual domain) goes
# through email_validator whole. tests/ingest/test_email_fast.py checks both answer alike.
_ATEXT = r"A-Za-z0-9!#$%&'*+/=?^_`{|}~-"
_DOT_ATOM = re.compile(rf"[{_ATEXT}]+(?:\.[{_ATEXT}]+)*")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ASCII_DOMAIN = re.compile(rf"{_LABEL}(?:\.{_LABEL})+")
_LOCAL_MAX, _ADDRESS_MAX = 64, 254  # RFC 5321 limits, as email_validator applies them


def email(value: str) -> Result:
    text = value.strip()
    if not text:
        return None, None
    if plain_address(text):
        return text.lower(), None
    return validated_email(text)


def plain_address(text: str) -> bool:
    """email_validator accepts `text` as it is, known without running it (see above); False says nothing:
    the address must then go through email_validator."""
    local, at, domain = text.rpartition("@")
    return bool(
        at
        and len(local) <= _LOCAL_MAX
        and len(text) <= _ADDRESS_MAX
        and _DOT_ATOM.fullmatch(local)
        and _ASCII_DOMAIN.fullmatch(domain)
        and _plain_domain(domain.lower())
    )


@lru_cache(maxsize=2**16)
def _plain_domain(domain: str) -> bool:
    """email_validator accepts addresses at `domain` and writes the domain as it is."""
    try:
        return validate_email(f"a@{domain}", check_deliverability=False).domain == domain
    except EmailNotValidError:
        return False


def validated_email(text: str) -> Result:
    """The address as email_validator checks and normalises it (lower-cased), or why it is refused."""
    try:
        checked = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        return None, Reason(f"invalid e-mail: {exc}", email_failure(str(exc)), detail=str(exc))
    return checked.normalized.lower(), None


# email_validator words its refusals in English only, with no code: the common ones are told apart by their
# text, so the web words them in Ukrainian and Russian (web/import_errors.py) instead of quoting the English
# `detail`; any other is import.email. The first pattern found wins.
_EMAIL_FAILURES = (
    (re.compile(r"too long|so many characters"), "import.email.too_long"),
    (re.compile(r"must have an @-sign|at-sign"), "import.email.no_at"),
    (re.compile(r"something before the @-sign"), "import.email.nothing_before_at"),
    (re.compile(r"something after the @-sign"), "import.email.nothing_after_at"),
    (re.compile(r"should have a period|top-level domain|special-use|reserved"), "import.email.domain"),
    (re.compile(r"period|hyphen"), "import.email.dots"),
    (re.compile(r"before the @-sign"), "import.email.before_at"),
    (re.compile(r"after the @-sign"), "import.email.domain"),
)


def email_failure(detail: str) -> str:
    """The code of email_validator's refusal `detail`."""
    return next((code for pattern, code in _EMAIL_FAILURES if pattern.search(detail)), "import.email")


# -- phone ------------------------------------------------------------------------------------------
def phone(value: str, default_country: str) -> Result:
    """E.164, reading numbers without +code in the workspace's default country ("067 123 45 67" -> "
    "+380...)."""
    text = value.strip()
    if not text:
        return None, None
    if _EXCEL_NUMBER.fullmatch(text):
        text, refused = excel_phone(text)
        if refused:
            return None, refused
    if text.startswith("00"):
        text = "+" + text[2:]
    number = split_e164(text)
    if number is None:
        try:
            number = phonenumbers.parse(text, default_country)
        except phonenumbers.NumberParseException as exc:
            code = _PHONE_FAILURES.get(exc.error_type, "import.phone")
            return None, Reason(f"invalid phone number: {exc}", code, detail=str(exc))
    if not phonenumbers.is_valid_number(number):
        older = old_trunk_prefix(text, default_country)
        if older is None:
            return None, Reason(
                f"invalid phone number for {default_country} or its +code",
                "import.phone_country",
                country=default_country,
            )
        number = older
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


# A phone column Excel took for a number is saved as one: "380671234567.0" (a float's text, also what
# DuckDB gives for a numeric cell), or in scientific notation, "3.80671234567E+11", which shows all digits
# only when the exponent is the number of decimals; "3.80671E+11" (Excel's General format in a narrow
# column) has lost the last ones, and reading it would give another person's number.
_EXCEL_NUMBER = re.compile(r"\+?[0-9]+\.0+|[1-9](\.[0-9]+)?[eE]\+?[0-9]{1,2}")


def excel_phone(text: str) -> tuple[str, Reason | None]:
    """The digits of a phone Excel saved as a number (`_EXCEL_NUMBER`), or the reason when its digits were
    rounded off."""
    if "." in text and not text[text.index(".") :].lstrip(".0"):
        return text[: text.index(".")], None  # "380671234567.0"
    mantissa, _, exponent = text.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    if int(exponent) == decimals:
        return mantissa.replace(".", ""), None
    if int(exponent) < decimals:  # a fraction: no phone number; phonenumbers says so
        return text, None
    return text, Reason(
        f"phone number {text!r} was saved by Excel as a rounded number and has lost its last digits; save "
        "the column formatted as text",
        "import.phone.excel_rounded",
        value=text,
    )


# phonenumbers' refusals by their type, so the web words them without the English `detail` (as e-mails)
_PHONE_FAILURES = {
    phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: "import.phone.country_code",
    phonenumbers.NumberParseException.NOT_A_NUMBER: "import.phone.not_a_number",
    phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: "import.phone.too_short",
    phonenumbers.NumberParseException.TOO_SHORT_NSN: "import.phone.too_short",
    phonenumbers.NumberParseException.TOO_LONG: "import.phone.too_long",
}


# Before 2010 a Ukrainian long-distance call was dialled 8, then the 0XX code: CRM data still holds
# "8-067-123-45-67" and "80671234567". phonenumbers reads the 8 as part of the number (invalid).
_OLD_TRUNK_8 = {"UA"}
_OLD_TRUNK_DIGITS = re.compile(r"80[0-9]{9}")


def old_trunk_prefix(text: str, default_country: str) -> phonenumbers.PhoneNumber | None:
    """The valid number "8 0XX XXX XX XX" stands for in a country that dialled 8 before its 0 (Ukraine),
    else None. Only for numbers written without a +code, 11 digits starting 80."""
    if default_country not in _OLD_TRUNK_8 or text.lstrip().startswith("+"):
        return None
    digits = "".join(c for c in text if c.isdigit())
    if not _OLD_TRUNK_DIGITS.fullmatch(digits) or not re.fullmatch(r"[0-9 ()./-]+", text):
        return None
    number = phonenumbers.parse(digits[1:], default_country)
    return number if phonenumbers.is_valid_number(number) else None


# phonenumbers.parse is two thirds of phonenumbers' time on a number (parse ~24 us, is_valid_number ~10 us,
# format_number ~2 us of CPU, on benchmarks/generate.py's shop, whose phones are all written +<code><number>
# as most CRM exports write them). For that spelling parse only splits the country code off, except where
# the rest could lose a national prefix or keeps leading zeros; split_e164 makes that split itself and
# leaves every other case to parse, so is_valid_number and format_number still give phonenumbers' answer.
# phone(): 30.5 -> 14.3 us of CPU a number (20k of those phones, best of 5); a 200k-customer import from
# Parquet (179k distinct phones): 19-21 -> 14-16 s of CPU, the phones' share 9-10 -> 4-5 s. Numbers
# repeat little within a file, and the importer already reads each distinct value once (typed.py), so a
# cache by raw text would save nothing more there. The same holds with spaces, dashes, dots and brackets
# between the digits, which parse drops: "+38 (067) 123-45-67" 46.5 -> 16.6 us, "+380 67 123 4567"
# 40.0 -> 13.5 us. tests/ingest/test_phone_fast.py checks split_e164 builds exactly parse's PhoneNumber
# and that phone() answers as before, reasons included.
_PLAIN_E164 = re.compile(r"\+[1-9][0-9]{3,19}")
_SPACED_E164 = re.compile(r"\+[0-9 ().-]+")  # "+38 (067) 123-45-67": parse reads the digits alone
_PHONE_PUNCTUATION = str.maketrans("", "", " ().-")


def split_e164(text: str) -> phonenumbers.PhoneNumber | None:
    """phonenumbers.parse(text) for a "+<digits>" (spaces, dashes, dots and brackets between them allowed)
    whose parse is a mere split of the country code, else None (parse must read it)."""
    if not _PLAIN_E164.fullmatch(text):
        if not _SPACED_E164.fullmatch(text):
            return None
        text = text.translate(_PHONE_PUNCTUATION)
        if not _PLAIN_E164.fullmatch(text):
            return None
    digits = text[1:]
    for size in (1, 2, 3):  # parse takes the shortest prefix that is a calling code
        code = int(digits[:size])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            break
    else:
        return None
    national = digits[size:]
    if not 2 <= len(national) <= 17 or national[0] == "0" or _may_strip_prefix(code, national):
        return None
    return phonenumbers.PhoneNumber(country_code=code, national_number=int(national))


def _may_strip_prefix(code: int, national: str) -> bool:
    """parse might strip a national prefix (or carrier code) from `national`: its pattern matches there."""
    pattern = _national_prefix(code)
    return pattern is None or pattern.match(national) is not None


@cache
def _national_prefix(code: int) -> re.Pattern | None:
    """The country's national-prefix-for-parsing pattern, a never-matching one when it has none, or None
    when phonenumbers has no metadata for the code (parse decides then)."""
    region = phonenumbers.region_code_for_country_code(code)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(code, region)
    if metadata is None:
        return None
    return re.compile(metadata.national_prefix_for_parsing or r"(?!)")


# -- country ----------------------------------------------------------------------------------------
_MORE_COUNTRY_NAMES = {
    # Names pycountry's uk and ru catalogues (see _country_names) lack: short and everyday spellings.
    "великобританія": "GB",
    "великобритания": "GB",
    "британія": "GB",
    "британия": "GB",
    "англія": "GB",
    "англия": "GB",
    "сполучене королівство": "GB",
    "об'єднане королівство": "GB",
    "сполучені штати": "US",
    "росія": "RU",
    "россия": "RU",
    "молдавія": "MD",
    "білорусія": "BY",
    "белоруссия": "BY",
    "голландія": "NL",
    "голландия": "NL",
    # English names the data sets use that are not ISO names
    "uk": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "eire": "IE",
    "usa": "US",
    "rsa": "ZA",
    # "Korea" alone is South Korea in trade data (UCI Online Retail); pycountry's fuzzy search picks
    # the Democratic People's Republic first
    "korea": "KR",
    "south korea": "KR",
    "корея": "KR",
}
_STRESS_MARK = "\u0301"  # the ru catalogue writes "Респу́блика"


def _country_key(text: str) -> str:
    """A country name as the tables hold it: one spelling (apostrophes, NFC), lower case, ё as е, no
    stress marks, whitespace collapsed."""
    return spelling(text).strip().lower().replace("ё", "е").replace(_STRESS_MARK, "")


@cache
def _country_names() -> dict[str, str]:
    """Every Ukrainian and Russian country name pycountry ships (its iso3166-1 gettext catalogues: name,
    official name, common name) -> ISO alpha-2, with the everyday names they lack; built on first use."""
    names: dict[str, str] = {}
    for language in ("uk", "ru"):
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        for found in pycountry.countries:
            for attribute in ("name", "official_name", "common_name"):
                english = getattr(found, attribute, None)
                if english:
                    names.setdefault(_country_key(catalogue.gettext(english)), found.alpha_2)
    names.update({_country_key(name): code for name, code in _MORE_COUNTRY_NAMES.items()})
    return names


@cache
def country(value: str, fuzzy: bool = True) -> Result:
    """ISO alpha-2 from a code or a name (English, Ukrainian or Russian); `fuzzy` also tries pycountry's
    fuzzy search, which reads a region or a misspelling as its country."""
    text = _SPACES.sub(" ", value).strip()
    if not text:
        return None, None
    code = _country_names().get(_country_key(text))
    if code:
        return code, None
    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        try:
            found = pycountry.countries.search_fuzzy(text)[0] if fuzzy and len(text) > 3 else None
        except LookupError:
            found = None
    if found is None:
        return None, Reason(f"unknown country {text!r}", "import.country", value=text)
    return found.alpha_2, None


# -- gender and booleans ----------------------------------------------------------------------------
_GENDERS = {
    "f": "f",
    "female": "f",
    "woman": "f",
    "w": "f",
    "ж": "f",
    "жін": "f",
    "жіноча": "f",
    "жінка": "f",
    "жен": "f",
    "женский": "f",
    "женщина": "f",
    "m": "m",
    "male": "m",
    "man": "m",
    "ч": "m",
    "чол": "m",
    "чоловіча": "m",
    "чоловік": "m",
    "м": "m",
    "муж": "m",
    "мужской": "m",
    "мужчина": "m",
    "other": "other",
    "x": "other",
    "інша": "other",
    "другой": "other",
    "иное": "other",
}


def gender(value: str) -> Result:
    text = value.strip().lower().rstrip(".")
    if not text:
        return None, None
    if text in _GENDERS:
        return _GENDERS[text], None
    return None, Reason(
        f"unknown gender {value.strip()!r} (expected f, m or other, in any of en/uk/ru)",
        "import.gender",
        value=value.strip(),
    )


_TRUE = {"1", "true", "yes", "y", "t", "так", "да", "+", "x", "✓"}
_FALSE = {"0", "false", "no", "n", "f", "ні", "нет", "-", ""}


def boolean(value: str) -> Result:
    text = value.strip().lower()
    if text in _TRUE:
        return True, None
    if text in _FALSE:
        return (False if text else None), None
    return None, Reason(f"not a yes/no value: {value.strip()!r}", "import.yes_no", value=value.strip())


# -- currencies written beside an amount -----------------------------------------------------------
# "$100", "100 грн", "₴100", "€1.234,50": the mark is read, and the amount lands only in the currency it is
# stored in (the order's currency column, else the workspace's); a mark of another currency is refused,
# never dropped (typed.py words why). Symbols and words our users' exports write, and any three letters
# as an ISO 4217 code in any case. "$" alone is any dollar (DOLLAR), matching a workspace in USD, CAD, ...
DOLLAR = "$"
DOLLAR_CURRENCIES = ("USD", "CAD", "AUD", "NZD", "SGD", "HKD")
UNKNOWN_CURRENCY = "?"  # a mark that names no currency ("100 шт"): the value is no amount
CURRENCY_MARKS: dict[str, str] = {
    "₴": "UAH",
    "грн": "UAH",
    "гривень": "UAH",
    "гривні": "UAH",
    "гривна": "UAH",
    "гривен": "UAH",
    "гривня": "UAH",
    "$": DOLLAR,
    "us$": "USD",
    "долар": "USD",
    "доллар": "USD",
    "€": "EUR",
    "євро": "EUR",
    "евро": "EUR",
    "£": "GBP",
    "₽": "RUB",
    "руб": "RUB",
    "рубль": "RUB",
    "zł": "PLN",
    "злотий": "PLN",
    "злотый": "PLN",
    "₸": "KZT",
    "₾": "GEL",
}
_NOT_A_MARK = "[0-9\\s\u00a0\u202f.,'\u2019+\\-]"  # digits, signs, spaces and separators around a mark
_MARK = "[^" + _NOT_A_MARK[1:]


def currency_of(text: ibis.StringValue) -> ibis.StringValue:
    """The currency written in an amount's text: its ISO code (DOLLAR for "$"), UNKNOWN_CURRENCY for a
    mark that names none, NULL when the text has no mark. An e or _ alone is part of a number ("1e3",
    "1_000", as DuckDB casts them), not a mark."""
    mark = text.re_replace(_NOT_A_MARK, "").lower()
    return ibis.cases(
        (mark.re_search("^[e_]*$"), ibis.null("string")),
        (mark.re_search("^[a-z]{3}$"), mark.upper()),
        else_=ibis.literal(CURRENCY_MARKS, type="map<string, string>")[mark].coalesce(UNKNOWN_CURRENCY),
    )


ISO_CURRENCIES = sorted(iso_currencies())  # ISO 4217, the list the workspace's currency is checked against


def currency_code(text: ibis.StringValue, workspace: str) -> ibis.StringValue:
    """A currency column's value as an ISO 4217 code: "грн", "грн." and "₴" are UAH, "usd" is USD, "$" is
    the `workspace` currency when that is a dollar (else USD); NULL for text that names no ISO currency."""
    cleaned = strip(text).lower().re_replace(r"\.$", "")
    code = ibis.literal(CURRENCY_MARKS, type="map<string, string>")[cleaned].coalesce(cleaned.upper())
    code = ibis.ifelse(code == DOLLAR, workspace if workspace in DOLLAR_CURRENCIES else "USD", code)
    return ibis.ifelse(code.isin(ISO_CURRENCIES), code, ibis.null("string"))


# -- vectorised parsing in DuckDB, as Ibis expressions ----------------------------------------------
_WHITESPACE = tuple(string.whitespace)


def strip(text: ibis.StringValue) -> ibis.StringValue:
    """`text.strip()` (spaces, tabs, line breaks at either end), trimming only the values that need it.

    DuckDB's trim with a character set costs about 0.4 s of CPU per million values, and most values have
    nothing to trim; the test below costs a tenth of that (measured with benchmarks/import_bench.py, where
    trims were the largest cost of a CSV import). It may send a value that needs no trim to the trim (one
    starting with a control character), never the other way round. Comparisons only: DuckDB plans
    `IN (...)` over a few strings as a hash join.
    """
    starts = text < "!"  # the first byte is a space or a control character (or the text is empty)
    ends = text.endswith(_WHITESPACE[0])
    for char in _WHITESPACE[1:]:
        ends |= text.endswith(char)
    return ibis.ifelse(starts | ends, text.strip(), text)


DAY_FIRST_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d.%m.%y",
    "%Y.%m.%d",
    "%Y/%m/%d",
)
MONTH_FIRST_FORMATS = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y")
# the formats of a column whose slash dates are month-first: mm/dd/yyyy in place of dd/mm/yyyy
MONTH_FIRST_ORDER_FORMATS = tuple(
    fmt.replace("%d/%m/", "%m/%d/") if fmt.startswith("%d/%m/") else fmt for fmt in DAY_FIRST_FORMATS
)
MONTH_FIRST, DAY_FIRST = "month-first", "day-first"


@ibis.udf.scalar.builtin
def try_strptime(value: str, formats: dt.Array(dt.string)) -> dt.timestamp:  # type: ignore[valid-type]
    """DuckDB's try_strptime with a list of formats: the first that parses wins, NULL when none does."""


def _formats(formats) -> ibis.Value:
    return ibis.literal(list(formats), type="array<string>")


# ISO 8601 with a UTC offset or Z ("2024-03-14T10:15:00Z", "2024-03-14 10:15:00+02:00", "...+0200", "...+02")
ISO_OFFSET = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?"
    r"\s?([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$"
)


@ibis.udf.scalar.builtin(name="timezone")
def _local_time(zone: str, moment: dt.Timestamp(timezone="UTC")) -> dt.timestamp:  # type: ignore[valid-type]
    """DuckDB's timezone(zone, timestamptz): the wall-clock time in `zone`, naive."""


def offset_timestamp(text: ibis.StringValue, zone: str) -> ibis.TimestampValue:
    """An ISO 8601 timestamp with a UTC offset or Z as the wall-clock time in the workspace's time `zone`,
    naive, as every timestamp is stored (a naive one is read as the zone's already): "2024-03-14T10:15:00Z"
    is 12:15 in Europe/Kyiv. NULL for any other text."""
    minutes = text.re_replace(r"^(.{10}[Tt ][0-9]{2}:[0-9]{2})([^:0-9])", r"\1:00\2")  # 10:15Z -> 10:15:00Z
    moment = minutes.replace(",", ".").try_cast(dt.Timestamp(timezone="UTC"))
    return ibis.ifelse(text.re_search(ISO_OFFSET), _local_time(zone, moment), ibis.null("timestamp"))


def parse_timestamp(
    text: ibis.StringValue, declared: str | None, month_first: bool = False, zone: str = "UTC"
) -> ibis.TimestampValue:
    """ISO, dd.mm.yyyy, dd-mm-yyyy, dd/mm/yyyy (with or without time), or the declared format only (with or
    without time when it has none: `declared_formats`); mm/dd/yyyy instead of dd/mm/yyyy in a column whose
    dates are `month_first` (`date_orders`). A date may be followed by the year's abbreviation г./р.
    ("14.03.2024г."); without a declared format, an ISO 8601 timestamp with an offset or Z reads as the
    time in the workspace's `zone` (`offset_timestamp`), and a date written with the month's name in
    English, Ukrainian or Russian ("14 March 2024", "14 березня 2024 р.": `month_name_timestamp`).

    `text` comes trimmed (see `strip`). The first format that parses wins, as in DuckDB's try_strptime
    over the list; but a format that fails costs as much as 1.5 s of CPU per million values in DuckDB, so
    each format is tried alone, in order (COALESCE tries the next only where the previous gave NULL), and
    only on values that contain the format's separators (which every value it parses contains). A file of
    dd.mm.yyyy HH:MM dates parsed 30 times faster this way than with the whole list per value. The г./р.,
    offset and month-name readings come last, each one expression (DuckDB computes a part a COALESCE
    repeats for every row), and their regular expressions run only on values ending as they do (г./р.) or
    that no earlier attempt read.
    """
    if declared:
        formats = declared_formats(declared)
        attempts = [try_strptime(text, _formats(formats))]
    else:
        formats = list(MONTH_FIRST_ORDER_FORMATS if month_first else DAY_FIRST_FORMATS)
        attempts = [_try_format(text, fmt) for fmt in formats]
    ends = text.endswith(".")
    for letter in "ГгРр":
        ends |= text.endswith(letter)
    unabbreviated = try_strptime(text.re_replace(r"\s*[ГгРр]\.?$", ""), _formats(formats))
    attempts.append(ibis.ifelse(ends, unabbreviated, ibis.null("timestamp")))
    if not declared:
        attempts.append(offset_timestamp(text, zone))
        attempts.append(month_name_timestamp(text))
    return ibis.coalesce(*attempts)


# the directives of a time of day: a declared format with none of them says how the date is written
_TIME_DIRECTIVES = re.compile(r"%[-#]?[HIMSfpTRXclkr]")
_TIMES = ("%H:%M:%S", "%H:%M", "%H:%M:%S.%f")


def declared_formats(declared: str) -> list[str]:
    """The formats a declared --date-format reads: itself, and when it has no time of day (`%d.%m.%Y`) the
    same followed by a time, as the formats found without one are (`14.03.2024 10:15`, `...T10:15:00`): the
    declared format says how the date is written, and an export's date-times were quarantined for their
    time ("does not match the declared date format")."""
    if _TIME_DIRECTIVES.search(declared):
        return [declared]
    return [declared, *(f"{declared}{sep}{time}" for sep in (" ", "T") for time in _TIMES)]


_SEPARATORS = "-./:"  # literal characters of the formats that a parsed value must contain as they are


def _try_format(text: ibis.StringValue, fmt: str) -> ibis.TimestampValue:
    """The format alone, on values that hold its separators in its order (LIKE '%.%.%:%' for
    '%d.%m.%Y %H:%M'): strptime matches each literal character of a format with the same character."""
    separators = [char for char in re.sub(r"%.", "", fmt) if char in _SEPARATORS]
    attempt = try_strptime(text, _formats([fmt]))
    if not separators:
        return attempt
    shape = "%" + "%".join(separators) + "%"
    return ibis.ifelse(text.like(shape), attempt, ibis.null("timestamp"))


def _else_only_where_null(value: ibis.Value, fallback: ibis.Value) -> ibis.Value:
    """`value.coalesce(fallback)`, as a CASE: DuckDB evaluates a CASE branch only for the rows that take
    it, while the parts of a `fallback` used more than once may be computed for every row of a COALESCE."""
    return ibis.ifelse(value.notnull(), value, fallback)


# slash dates by which of their first two numbers can be the month (1-12) and which only a day (13-31)
_MONTH, _DAY = "(0?[1-9]|1[0-2])", "(1[3-9]|2[0-9]|3[01])"
_SLASH_DATE = r"^\s*{}/{}/[0-9]{{4}}"
ONLY_MONTH_FIRST, ONLY_DAY_FIRST = _SLASH_DATE.format(_MONTH, _DAY), _SLASH_DATE.format(_DAY, _MONTH)
EITHER_WAY = _SLASH_DATE.format(_MONTH, _MONTH)
MIXED_ORDER = "mixed"  # a column that writes both 12/13/2010 and 13/12/2010: its undecided values are refused
UNDECIDED = "day-first, assumed"  # slash dates that all read either way (01/02/2024): read day-first


@dataclass(frozen=True)
class DateOrder:
    """How a column's slash dates read: month-first, day-first, `MIXED_ORDER` or `UNDECIDED`, with a value of
    each order."""

    order: str
    month_first: str | None
    day_first: str | None
    column: str
    file: str


def date_orders(con, table: str, columns: list[str], file: str) -> dict[str, DateOrder]:
    """The order a column's dd/mm/yyyy or mm/dd/yyyy dates show, for the columns that have any: decided by
    a value with 13 or more in the first or second place, else `UNDECIDED`: one column, one reading.
    Without this, 12/01/2010 read day-first while 12/13/2010 beside it was refused as month-first. One scan
    of each column (0.04 s of CPU on 300k slash dates); the regular expressions run only on values with
    two slashes."""
    orders = {}
    for c in columns:
        text = f"CAST({_quote(c)} AS VARCHAR)"
        month, day, slashed = con.execute(
            f"SELECT min(d) FILTER (WHERE regexp_matches(d, '{ONLY_MONTH_FIRST}')), "
            f"min(d) FILTER (WHERE regexp_matches(d, '{ONLY_DAY_FIRST}')), count(*) "
            f"FROM (SELECT {text} AS d FROM {table} WHERE {text} LIKE '%/%/%')"
        ).fetchone()
        if slashed:
            order = {(True, True): MIXED_ORDER, (True, False): MONTH_FIRST, (False, True): DAY_FIRST}.get(
                (bool(month), bool(day)), UNDECIDED
            )
            orders[c] = DateOrder(order, month, day, c, file)
    return orders


def reads_either_way(text: ibis.StringValue) -> ibis.BooleanValue:
    """A slash date whose first two numbers are both 1-12: 03/04/2024 is 3 April or 4 March."""
    return text.like("%/%/%") & text.re_search(EITHER_WAY)


def looks_month_first(text: ibis.StringValue) -> ibis.BooleanValue:
    """True where a value failed the day-first formats but reads as mm/dd/yyyy: reported, never guessed."""
    return try_strptime(text, _formats(MONTH_FIRST_FORMATS)).notnull()


def accounting_sign(text: ibis.StringValue) -> ibis.StringValue:
    """The negatives of accounting and 1C written with a leading minus: "(50,00)" and "50,00-" as "-50,00",
    so they read (and meet the rules of negatives) as "-50,00" does. Part of the clean-up (`full_amount`),
    which reads only the values the plain cast refused."""
    # one expression each: DuckDB hoists a part a CASE repeats and computes it for every row
    signed = text.re_replace(r"^\(\s*([^-\s].*?)\s*\)$", r"-\1").re_replace(r"^([^-+(].*?)\s*-$", r"-\1")
    return ibis.ifelse(text.endswith(")") | text.endswith("-"), signed, text)


# a number written with decimals: a point and any digits, or a comma and one or two ("9,0", "9,50"); a comma
# before three digits ("1,000") may be a thousands separator and is not read as a whole number
_DECIMALS = r"^[+-]?[0-9]+(\.[0-9]+|,[0-9]{1,2})$"


def parse_whole(text: ibis.StringValue) -> tuple[ibis.Value, ibis.BooleanValue]:
    """A whole number (int64) from stripped text, and where the text is a number with a fraction ("9,5",
    "9.5"). A decimal comma or zero decimals are the number's ("9,0" and "9.00" are 9): a score typed in a
    spreadsheet with a decimal comma. DuckDB's own cast rounds "9.5" to 10 and refuses "9,0"."""
    marked = text.contains(".") | text.contains(",")
    decimals = marked & text.re_search(_DECIMALS)
    number = text.replace(",", ".").try_cast("decimal(38, 9)")
    whole = number == number.round()
    parsed = ibis.cases(
        (decimals & whole, number.cast("int64")),
        (decimals, ibis.null("int64")),
        else_=text.try_cast("int64"),
    )
    return parsed, decimals & ~whole


def parse_amount(
    text: ibis.StringValue, type_: str = "decimal(18, 4)", currency: ibis.Value | None = None
) -> ibis.Value:
    """Amounts with comma or dot decimals: "1 234,56", "1234,56", "1.234,56" and "1,234.56" all read
    1234.56. A single comma is a decimal comma (our users' convention); several commas, or several dots,
    are thousands (see `with_decimal_mark` for "1,234" in a file whose decimal mark is a point). `text`
    comes trimmed (see `strip`). A currency written with the amount ("$100", "100 грн") must be
    `currency` (an ISO code, `in_currency`); without one (a quantity) none may be written.

    Two shortcuts skip the regular expressions of `full_amount`, which cost about 1.4 s of CPU per
    million values: a value without a comma that the plain cast accepts has no space, currency or quote
    in it either (DuckDB refuses those), so the clean-up would leave it as it is; and a value with a comma
    that casts once the comma is a point had nothing to remove, and the clean-up would only have made that
    same replacement (with a dot as well, the replacement gives two points, which no cast accepts). The
    regular expressions run only on the values the shortcut refused.
    """
    # A cast that fails costs as much as the regular expressions, and DuckDB never casts a comma: values
    # with one go straight to the comma shortcut. The clean-up sits in a CASE branch, where DuckDB runs it
    # only for the values that reach it (as a COALESCE argument, its repeated parts run for every value).
    quick = ibis.ifelse(text.contains(","), text.replace(",", ".").try_cast(type_), text.try_cast(type_))
    return ibis.coalesce(quick, full_amount(text, type_, currency))


# One separator between 1-3 digits and exactly three: "1,234", "12.500", "$1,234": a thousands separator
# or a decimal mark, which only the rest of the file tells (`decimal_marks`).
AMBIGUOUS = r"^[1-9][0-9]{0,2}[.,][0-9]{3}$"


def _shows_decimal(mark: str) -> str:
    """A regular expression over a number's digits and separators that holds only where `mark` is its
    decimal mark: both marks with `mark` last, the other one twice, or `mark` once where it cannot be a
    thousands separator (not three digits after it, or no digit, a leading 0 or four digits before)."""
    d, t = re.escape(mark), re.escape("," if mark == "." else ".")
    return (
        f"^[0-9]*({t}[0-9]*)+{d}[0-9]*$|^[0-9]*{t}[0-9]*{t}[0-9{t}]*$"
        f"|^[0-9]*{d}([0-9]{{0,2}}|[0-9]{{4,}})$|^(0[0-9]*|[0-9]{{4,}}|){d}[0-9]{{3}}$"
    )


SHOWS_DECIMAL = {mark: _shows_decimal(mark) for mark in ".,"}
MIXED_MARKS = "?"  # a file that shows both: its ambiguous values are refused


def decimal_marks(con, table: str, columns: list[str]) -> str | None:
    """The decimal mark the amounts of a file show, when some value is `AMBIGUOUS`: "." or ",", MIXED_MARKS
    when they show both, None when there is nothing to decide (no ambiguous value, or nothing shows a
    mark: they are then read as today, the separator as a decimal mark). One scan of the columns; the
    evidence is counted only when an ambiguous value was found."""
    if not columns:
        return None
    digits = [f"regexp_replace(CAST({_quote(c)} AS VARCHAR), '[^0-9.,]', '', 'g')" for c in columns]
    ambiguous = " OR ".join(f"regexp_full_match({d}, '{AMBIGUOUS}')" for d in digits)
    shortlist = " OR ".join(f"{_quote(c)} LIKE '%_.___%' OR {_quote(c)} LIKE '%_,___%'" for c in columns)
    (found,) = con.execute(
        f"SELECT EXISTS (SELECT 1 FROM {table} WHERE ({shortlist}) AND ({ambiguous}))"
    ).fetchone()
    if not found:
        return None
    shows = {
        mark: " OR ".join(f"regexp_full_match({d}, '{pattern}')" for d in digits)
        for mark, pattern in SHOWS_DECIMAL.items()
    }
    dot, comma = con.execute(f"SELECT bool_or({shows['.']}), bool_or({shows[',']}) FROM {table}").fetchone()
    if dot and comma:
        return MIXED_MARKS
    return "." if dot else "," if comma else None


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def with_decimal_mark(text: ibis.StringValue, amount: ibis.Value, mark: str | None, type_: str) -> ibis.Value:
    """`amount` (parse_amount's), but an `AMBIGUOUS` value read with the file's decimal `mark`: "1,234" is
    1234 where the file's decimal mark is a point; NULL in a file of MIXED_MARKS."""
    if mark is None:
        return amount
    digits = accounting_sign(text).re_replace("[^0-9.,\\-]", "")  # the sign stays, "(1,234)"'s too
    if mark == MIXED_MARKS:
        resolved = ibis.null(type_)
    else:
        point = digits.replace(mark, ".").try_cast(type_)
        resolved = ibis.ifelse(digits.contains(mark), point, digits.re_replace("[.,]", "").try_cast(type_))
    return ibis.ifelse(amount.notnull() & is_ambiguous(text), resolved, amount)


def is_ambiguous(text: ibis.StringValue) -> ibis.BooleanValue:
    """The number in `text` is `AMBIGUOUS` (its sign, currency and spaces aside)."""
    return text.re_replace("[^0-9.,]", "").re_search(AMBIGUOUS)


def full_amount(text: ibis.StringValue, type_: str = "decimal(18, 4)", currency: ibis.Value | None = None):
    """The amount by the whole clean-up, NULL when it names another currency than `currency` (or any, when
    `currency` is None). "(50,00)" and "50,00-" are -50 (`accounting_sign`)."""
    text = accounting_sign(text)
    written = currency_of(text)
    fits = written.isnull() if currency is None else written.isnull() | in_currency(written, currency)
    # most of the values here are "1 234,50": a cheap look for a mark spares them the look-up
    fits = ibis.ifelse(text.re_search(_MARK), fits, True)
    amount = cleaned_amount(text).try_cast(type_)
    return ibis.ifelse(text.notnull(), ibis.ifelse(fits, amount, None), None).cast(type_)


def in_currency(written: ibis.Value, currency: ibis.Value) -> ibis.BooleanValue:
    """The currency `currency_of` read is `currency` (an ISO code): the same code, or a "$" in dollars."""
    return (written == currency) | ((written == DOLLAR) & currency.isin(DOLLAR_CURRENCIES))


def cleaned_amount(text: ibis.StringValue) -> ibis.StringValue:
    """The amount's text with spaces, currency marks and thousands separators gone and a decimal point (a
    mark of no currency stays, and the text then casts to no number)."""
    return decimal_point(text.re_replace(_MARKS_AND_SEPARATORS, ""))


# spaces and quotes as thousands separators, a word (with its abbreviating dot) and a symbol: marks that
# `currency_of` reads; a lone letter stays (the e of "1e3"). A word is \p{L}: DuckDB's RE2 reads \w as
# ASCII, so `грн.` lost its letters one by one as symbols and kept its dot, and "1 250,50 грн." read 125050
_MARKS_AND_SEPARATORS = "[\\s\u00a0\u202f'\u2019]|\\p{L}{2,}\\.?|[^\\w\\s.,+\\-]"


def decimal_point(s: ibis.StringValue) -> ibis.StringValue:
    """A number's text with its thousands separators gone and a decimal point."""
    has_comma, has_dot = s.contains(","), s.contains(".")
    dot_last = s.re_search(r"\.[0-9]*$")
    return ibis.cases(
        (has_comma & has_dot & dot_last, s.replace(",", "")),
        (has_comma & has_dot, s.replace(".", "").replace(",", ".")),
        (has_comma & ~s.re_search(",.*,"), s.replace(",", ".")),
        (has_comma, s.replace(",", "")),
        (s.re_search(r"\..*\."), s.replace(".", "")),
        else_=s,
    )
