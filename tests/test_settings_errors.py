"""A refusal of segmint.toml says what is wrong and where (the file, the setting as [table] key, its line; a
TOML syntax error's line and column) by a stable code and params (segmint.config_problems.PROBLEMS), which
the web UI and the CLI word in Ukrainian and Russian (web/settings_errors.py, settings_errors_ru.py)
instead of showing pydantic's English ("Value error, no group for r=1 fm=1 …", "Extra inputs are not
permitted"). One real refusal per code on a real file; the CLI's refusal on a real workspace, in the
language the broken file still declares."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.cli import segmint as run
from tests.coded import placeholders

from segmint import ConfigError, Settings, Workspace
from segmint.api.app import create_app
from segmint.campaigns.config import CampaignSettings
from segmint.config import CONFIG_FILE, dump_settings, load_settings, make_settings, read_table
from segmint.config_problems import EXPECTED, PROBLEMS, TOML_PROBLEMS
from segmint.rules.standard import group_key
from segmint.web.messages import translate
from segmint.web.settings_errors import PARTS, UK
from segmint.web.settings_errors_ru import RU

FOREIGN = {"uk": "ыэъёЫЭЪЁ", "ru": "іїєґІЇЄҐ"}  # letters of the other language only
ENGLISH = re.compile(
    r"\b(must|unknown|line|not valid|setting|table|problems|did you mean|such as|is missing)\b"
)
BASE = dump_settings(Settings(reference_date="2026-01-01"))
LOST = '{ name = "Lost", r = [1, 1], fm = [1, 2] },'


def line_of(text: str, fragment: str) -> int:
    """The line of `text` that holds `fragment`, counted from 1."""
    return next(number for number, line in enumerate(text.splitlines(), 1) if fragment in line)


# code -> (the default file's text changed so: (old, new), the English the refusal says, the line it names
# as the line that holds this text of the changed file)
CASES = {
    "config.toml": (
        ('currency = "UAH"', "currency = UAH"),
        'column 12: not valid TOML: Invalid value (text goes in quotes, e.g. currency = "UAH"',
        "currency = UAH",
    ),
    "config.top_level": (
        ("[workspace]", 'language = "en"\n[workspace]'),
        "language: a setting outside any table",
        'language = "en"',
    ),
    "config.unknown_table": (
        ("[families.rfm]\n", "[colours]\nred = 1\n[families.rfm]\n"),
        "[colours]: unknown table; the tables are [workspace], [families]",
        "[colours]",
    ),
    "config.unknown_table.hint": (
        ("[families.rfm]\n", "[families.rmf]\n"),
        "[families.rmf]: unknown table (did you mean [families.rfm]?)",
        "[families.rmf]",
    ),
    "config.unknown_key": (
        (LOST, LOST[:-3] + ", colour = 3 },"),
        "[families.rfm] groups[11].colour: unknown setting; the settings here are name, r, fm",
        "colour = 3",
    ),
    "config.unknown_key.hint": (
        ("stale_after_days", "stale_afterdays"),
        "[workspace] stale_afterdays: unknown setting (did you mean 'stale_after_days'?)",
        "stale_afterdays",
    ),
    "config.unknown_key.elsewhere": (
        ("stale_after_days = 365", "stale_after_days = 365\nbins = 4"),
        "[workspace] bins: not a setting of this table: it goes under [families.rfm]",
        "bins = 4",
    ),
    "config.type": (
        ("stale_after_days = 365", 'stale_after_days = "a year"'),
        '[workspace] stale_after_days: must be a whole number, not "a year"',
        "stale_after_days",
    ),
    "config.choice": (
        ('language = "uk"', 'language = "de"'),
        '[workspace] language: must be one of "uk", "en", "ru", not "de"',
        "language =",
    ),
    "config.choice.quoted": (
        ("bins = 5", 'bins = "5"'),
        '[families.rfm] bins: must be one of 3, 4, 5 written without quotes, not "5"',
        "bins =",
    ),
    "config.min": (
        ("new_days = 90", "new_days = -5"),
        "[families.rfm_simple] new_days: must be at least 1, not -5",
        "new_days = -5",
    ),
    "config.max": (
        ("# vip_m_score =   (not set)", "vip_m_score = 6"),
        "[families.rfm_simple] vip_m_score: must be at most 5, not 6",
        "vip_m_score",
    ),
    "config.below": (
        ("discount_share = 0.5", "discount_share = 1.0"),
        "[families.preferences] discount_share: must be less than 1.0, not 1.0",
        "discount_share",
    ),
    "config.pair": (
        (LOST, '{ name = "Lost", r = [1], fm = [1, 2] },'),
        "[families.rfm] groups[11].r: must be a pair [low, high], not [1]",
        '"Lost"',
    ),
    "config.empty": (
        (LOST, '{ name = "", r = [1, 1], fm = [1, 2] },'),
        "[families.rfm] groups[11].name: must not be empty",
        'name = ""',
    ),
    "config.required": (
        (LOST, '{ name = "Lost", fm = [1, 2] },'),
        "[families.rfm] groups[11].r: is missing",
        '"Lost"',
    ),
    "config.score_range": (
        (LOST, '{ name = "Lost", r = [1, 1], fm = [2, 1] },'),
        "[families.rfm] groups[11].fm: must be [low, high] with 1 <= low <= high <= 5, not [2, 1]",
        '"Lost"',
    ),
    "config.rfm_gap": (
        (LOST, ""),
        "[families.rfm] groups: no group for r=1 fm=1, r=1 fm=2: every R x FM cell",
        "groups = [",
    ),
    "config.rfm_reserved": (
        (LOST, '{ name = "no purchases", r = [1, 1], fm = [1, 2] },'),
        '[families.rfm] groups[11].name: "no purchases" is the group of customers who never bought',
        '"no purchases"',
    ),
    "config.rfm_same_name": (
        (LOST, '{ name = "at  risk", r = [1, 1], fm = [1, 2] },'),
        '[families.rfm] groups[11].name: "at  risk" is the same group as groups[8] "At Risk" to a rule',
        '"at  risk"',
    ),
    "config.event_type": (  # a guess matched nothing, silently
        ('hot_types = ["cart_add"]', 'hot_types = ["cart_add", "refund"]'),
        '[families.temperature] hot_types[2]: unknown event type "refund"; the event types are email_sent, '
        "email_open, email_click,",
        "hot_types =",
    ),
    "config.event_type.order": (  # no event is a purchase: it is an order
        ('hot_types = ["cart_add"]', 'hot_types = ["cart_add", "purchase"]'),
        '[families.temperature] hot_types[2]: unknown event type "purchase": purchases are orders (imported '
        "as orders), not events; the event types are email_sent, email_open,",
        "hot_types =",
    ),
    "config.event_type.hint": (
        ('response_types = ["email_open", "email_click"', 'response_types = ["email_open", "email_clik"'),
        '[families.activity] response_types[2]: unknown event type "email_clik" (did you mean "email_click"?)'
        "; the event types are email_sent,",
        "response_types =",
    ),
    "config.event_types.none": (  # everyone was passive, silently (hot_types = [] is a setting: docs)
        ('response_types = ["email_open", "email_click", "sms_click"]', "response_types = []"),
        "[families.activity] response_types: must name at least one event type: with none, every customer "
        "is passive",
        "response_types =",
    ),
    "config.window_order": (
        ("inactive_days = 180", "inactive_days = 500"),
        "[families.rfm_simple] inactive_days: must not exceed lost_days (365), not 500",
        "inactive_days",
    ),
    "config.vip_score": (
        ("# vip_m_score =   (not set)", "vip_m_score = 4"),
        "[families.rfm_simple] vip_m_score: cannot exceed [families.rfm] bins (3), not 4",  # bins = 3 below
        "vip_m_score = 4",
    ),
    "config.currency": (
        ('currency = "UAH"', 'currency = "hryvnia"'),
        '[workspace] currency: must be a 3-letter ISO 4217 code such as UAH, EUR, GBP, not "hryvnia"',
        "currency",
    ),
    "config.currency.unknown": (
        ('currency = "UAH"', 'currency = "QQQ"'),
        '[workspace] currency: unknown currency "QQQ"; use an ISO 4217 code such as UAH, EUR, GBP',
        "currency",
    ),
    "config.date_format": (  # it reached DuckDB's strptime mid-import: a traceback
        ("# date_format =   (not set)", 'date_format = "%d.%m.%Q"'),
        '[workspace] date_format: must be a date format such as %d.%m.%Y or DD.MM.YYYY, not "%d.%m.%Q"',
        "date_format",
    ),
    "config.timezone": (
        ('"Europe/Kyiv"', '"Mars/Base"'),
        '[workspace] timezone: unknown time zone "Mars/Base"; use an IANA name',
        "timezone =",
    ),
    "config.timezone.hint": (
        ('"Europe/Kyiv"', '"europe/kyiv"'),
        '[workspace] timezone: unknown time zone "europe/kyiv" (did you mean "Europe/Kyiv"?); use an IANA',
        "timezone =",
    ),
    "config.country": (
        ('default_country = "UA"', 'default_country = "XX"'),
        '[workspace] default_country: unknown country code "XX"',
        "default_country",
    ),
    "config.reference_date": (
        ("reference_date = 2026-01-01", 'reference_date = "2026-13-01"'),
        "[workspace] "
        'reference_date: must be "today", "last_activity" or a date such as 2026-01-31, '
        'not "2026-13-01"',
        "reference_date =",
    ),
    "config.problems": (("bins = 5", "bins = 7\n[families.lifecycle.x]"), "2 problems:\n  line", "bins = 7"),
}
# the codes a real file raises otherwise: below (config.invalid: a file that cannot be read), and by
# read_table (config.above; config.url: [campaigns.unsubscribe] url), and by the playbook's
# (config.play.*: tests/playbook/test_playbook.py)
ELSEWHERE = {"config.no_file", "config.not_utf8", "config.above", "config.url", "config.invalid",
             "config.play.entry", "config.play.new_group"}  # fmt: skip


def refusal(tmp_path: Path, text: str) -> ConfigError:
    path = tmp_path / CONFIG_FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    return raised.value


def assert_worded(error: ConfigError, *shown: str) -> None:
    """In uk and ru: another text than the English, in that language, with the file and `shown`."""
    for lang in ("uk", "ru"):
        worded = translate(error, lang)
        assert worded != str(error) and worded.startswith(str(error.path)), (lang, worded)
        assert not set(worded) & set(FOREIGN[lang]), (lang, worded)
        assert not ENGLISH.search(worded.replace(str(error.path), "")), (lang, worded)
        for part in shown:
            assert part in worded, (lang, part, worded)


def test_every_code_is_raised_by_a_real_file_and_worded():
    assert set(CASES) | ELSEWHERE == set(PROBLEMS) | {"config.problems"}


@pytest.mark.parametrize("code", sorted(CASES))
def test_a_refusal_says_what_and_where(tmp_path, code):
    (old, new), english, fragment = CASES[code]
    assert old in BASE
    text = BASE.replace(old, new, 1)
    if code == "config.vip_score":
        text = text.replace("bins = 5", "bins = 3")
    error = refusal(tmp_path, text)
    line = line_of(text, fragment)
    assert error.code == code and error.path == str(tmp_path / CONFIG_FILE)
    first = error.params["problems"][0]["params"] if code == "config.problems" else error.params
    assert first["line"] == line and f"line {line}" in str(error), str(error)
    assert english in str(error), str(error)
    assert "Value error" not in str(error) and "Input should" not in str(error)
    setting = first.get("setting") or ""
    assert_worded(error, setting, str(line))


@pytest.mark.parametrize(
    ("first", "second", "code"),
    [
        ("VIP", "vip", "config.rfm_same_name"),
        ("Best", "Best ", "config.rfm_same_name"),
        ("Can't Lose", "CAN’T  LOSE", "config.rfm_same_name"),
        ("Best", "No  Purchases", "config.rfm_reserved"),
        ("Best", "Без покупок", "config.rfm_reserved"),  # No Purchases as uk and ru workspaces show it
    ],
)
def test_the_map_refuses_group_names_a_rule_cannot_tell_apart(tmp_path, first, second, code):
    """A rule matches a group by rules.standard.group_key (any case, spacing or apostrophe), so with rows
    "VIP" and "vip" `rfm.group = "VIP"` picked both groups and `!= "VIP"` neither; "No  Purchases" (two
    spaces) got past the reserved-name check and `rfm.group = "No Purchases"` picked its buyers too.
    The map is refused at its second row; names a rule tells apart are not, nor rows of one name."""
    rows = '  {{ name = "{}", r = [3, 5], fm = [1, 5] }},\n  {{ name = "{}", r = [1, 5], fm = [1, 5] }},\n'
    text = re.sub(r"groups = \[\n.*?\n\]", lambda _: "groups = [\n" + rows.format(first, second) + "]", BASE,
                  flags=re.S)  # fmt: skip
    error = refusal(tmp_path, text)
    assert error.code == code, str(error)
    assert error.params["setting"] == "[families.rfm] groups[2].name"
    assert error.params["line"] == line_of(text, f'"{second}"'), str(error)
    if code == "config.rfm_same_name":
        assert group_key(first) == group_key(second)
        assert f'groups[1] "{first}" to a rule' in str(error), str(error)
    assert_worded(error, "[families.rfm] groups[2].name", f'"{second}"')
    for name in (f"{first} 2", first):  # another name; or the same, as written: rows of one group
        (tmp_path / CONFIG_FILE).write_text(text.replace(f'"{second}"', f'"{name}"'), encoding="utf-8")
        assert load_settings(tmp_path / CONFIG_FILE).families.rfm.groups[1].name == name


def test_event_types_are_read_as_the_import_reads_them(tmp_path):
    """A setting's event type is the type the import stores for that text: `відкриття листа` in
    response_types matched no stored event (the import stores email_open), so everyone was passive; a
    misspelt one is refused with the nearest type, from a Ukrainian name too."""
    text = BASE.replace(
        'response_types = ["email_open", "email_click", "sms_click"]',
        'response_types = ["відкриття листа", "Email Click", "клік у смс"]',
    ).replace('hot_types = ["cart_add"]', 'hot_types = ["додав у кошик"]')
    (tmp_path / CONFIG_FILE).write_text(text, encoding="utf-8")
    families = load_settings(tmp_path / CONFIG_FILE).families
    assert families.activity.response_types == ["email_open", "email_click", "sms_click"]
    assert families.temperature.hot_types == ["cart_add"]
    error = refusal(tmp_path, text.replace('"клік у смс"', '"відкритя листа"'))
    assert error.code == "config.event_type.hint" and error.params["hint"] == '"email_open"', str(error)
    assert error.params["setting"] == "[families.activity] response_types[3]"


@pytest.mark.parametrize("name", ["order", "Purchases", "покупка", "замовлення", "Заказ"])
def test_a_purchase_among_event_types_is_said_to_be_an_order(tmp_path, name):
    """A purchase is no event but an order: "order" or "замовлення" was refused as any unknown type, with
    no word of where purchases are, or with a wrong guess."""
    text = BASE.replace('response_types = ["email_open"', f'response_types = ["{name}", "email_open"')
    error = refusal(tmp_path, text)
    assert error.code == "config.event_type.order", str(error)
    assert error.params["setting"] == "[families.activity] response_types[1]"
    assert error.params["line"] == line_of(text, "response_types =")
    assert f'"{name}": purchases are orders (imported as orders), not events;' in str(error)
    assert_worded(error, f'"{name}"', "orders")


def test_an_event_type_written_twice_is_kept_once_where_first_written(tmp_path):
    """Email Open and email_open are one stored type: it was kept twice, and written back twice."""
    text = BASE.replace(
        'response_types = ["email_open", "email_click", "sms_click"]',
        'response_types = ["Email Click", "Email Open", "email_open", "клік", "sms_click", "email_click"]',
    ).replace('hot_types = ["cart_add"]', 'hot_types = ["cart_add", "Додав у кошик"]')
    (tmp_path / CONFIG_FILE).write_text(text, encoding="utf-8")
    settings = load_settings(tmp_path / CONFIG_FILE)
    assert settings.families.activity.response_types == ["email_click", "email_open", "sms_click"]
    assert settings.families.temperature.hot_types == ["cart_add"]
    assert 'response_types = ["email_click", "email_open", "sms_click"]' in dump_settings(settings)


def test_an_empty_temperature_list_turns_its_signal_off_and_is_kept(tmp_path):
    """hot_types = [] (a cart add alone no longer makes a customer hot) and engagement_types = [] are
    settings (docs/families.md), unlike an empty response_types (config.event_types.none, in CASES)."""
    text = BASE.replace('hot_types = ["cart_add"]', "hot_types = []")
    text = re.sub(r"engagement_types = \[.*?\]", "engagement_types = []", text)
    (tmp_path / CONFIG_FILE).write_text(text, encoding="utf-8")
    temperature = load_settings(tmp_path / CONFIG_FILE).families.temperature
    assert temperature.hot_types == [] and temperature.engagement_types == []


def test_several_problems_are_listed_one_a_line_in_every_language(tmp_path):
    text = BASE.replace('language = "uk"', 'language = "ru"').replace("bins = 5", "bins = 2")
    text = text.replace("stale_after_days = 365", 'stale_after_days = "x"')
    error = refusal(tmp_path, text)
    assert error.code == "config.problems" and str(error).splitlines()[1:] == [
        f"  line {line_of(text, 'stale_after_days')}, [workspace] stale_after_days: must be a whole number, "
        'not "x"',
        f"  line {line_of(text, 'bins = 2')}, [families.rfm] bins: must be one of 3, 4, 5, not 2",
    ]
    assert translate(error, "ru").splitlines() == [
        f"{error.path}: найдено проблем — 2:",
        f"  строка {line_of(text, 'stale_after_days')}, [workspace] stale_after_days: должно быть целое "
        'число, а не "x"',
        f"  строка {line_of(text, 'bins = 2')}, [families.rfm] bins: должно быть одно из: 3, 4, 5, а не 2",
    ]


def test_settings_not_from_a_file_name_no_file(tmp_path):
    """`segmint init --currency hryvnia --country XX`: the settings the command line gives, refused without
    a file or line, in every language (a file named None read 'None: проблем у файлі')."""
    with pytest.raises(ConfigError) as raised:
        make_settings({"currency": "hryvnia", "default_country": "XX"})
    assert str(raised.value).splitlines() == [
        "2 problems:",
        '  [workspace] currency: must be a 3-letter ISO 4217 code such as UAH, EUR, GBP, not "hryvnia"',
        '  [workspace] default_country: unknown country code "XX"; use ISO 3166 alpha-2 such as UA, PL, GB',
    ]
    assert translate(raised.value, "uk").splitlines() == [
        "знайдено проблем — 2:",
        '  [workspace] currency: має бути трилітерний код ISO 4217, як-от UAH, EUR, GBP, а не "hryvnia"',
        '  [workspace] default_country: невідомий код країни "XX"; вкажіть код ISO 3166 alpha-2, як-от '
        "UA, PL, GB",
    ]


def test_a_missing_or_not_utf8_file(tmp_path):
    with pytest.raises(ConfigError) as missing:
        load_settings(tmp_path / CONFIG_FILE)
    assert missing.value.code == "config.no_file" and str(missing.value).endswith(": no such file")
    assert translate(missing.value, "uk") == f"{tmp_path / CONFIG_FILE}: файлу немає"
    (tmp_path / CONFIG_FILE).mkdir()
    with pytest.raises(ConfigError) as folder:  # read_table (the [server] table) said "cannot read" too
        read_table(tmp_path, "server", CampaignSettings)
    assert (
        folder.value.code == "config.invalid"
        and str(folder.value) == f"{tmp_path / CONFIG_FILE}: Is a directory"
    )
    (tmp_path / CONFIG_FILE).rmdir()
    (tmp_path / CONFIG_FILE).write_bytes('[workspace]\ncurrency = "грн"\n'.encode("cp1251"))
    with pytest.raises(ConfigError) as cp1251:
        load_settings(tmp_path / CONFIG_FILE)
    assert cp1251.value.code == "config.not_utf8" and "save the file as UTF-8" in str(cp1251.value)
    assert_worded(cp1251.value, "UTF-8")


@pytest.mark.parametrize(
    ("kind", "old", "new", "at"),
    [
        ("toml.value", 'currency = "UAH"', "currency = UAH", "column 12"),
        ("toml.equals", 'currency = "UAH"', 'currency "UAH"', "column 10"),
        ("toml.newline", 'currency = "UAH"', 'currency = "UAH" "EUR"', "column 18"),
        ("toml.statement", 'currency = "UAH"', "= 1", "column 1"),
        ("toml.key", LOST, LOST[:-3] + " ,", "column 45"),
        ("toml.table_end", "[families.lifecycle]", "[families.lifecycle", "column 20"),
        ("toml.unclosed_array", "bins = 5", "bins = [5", "column 1"),
        ("toml.unclosed_table", "bins = 5", "bins = { a = 5", "column 15"),
        ("toml.string", 'timezone = "Europe/Kyiv"', 'timezone = "Europe/Kyiv', "column 24"),
        ("toml.twice", "[families.lifecycle]", "[families.lifecycle]\n[families.rfm]  # again", "column 14"),
        ("toml.overwrite", "new_days = 90", "new_days = 90\nnew_days = 30", "column"),
        ("toml.character", 'currency = "UAH"', 'currency = "UA\x01H"', "column 15"),
        ("toml.date", "reference_date = 2026-01-01", "reference_date = 2026-02-30", "column 18"),
        ("toml.newline", "reference_date = 2026-01-01", "reference_date = 2026-01-01T25:00", "column 28"),
    ],
)
def test_a_toml_syntax_error_names_its_line_and_is_worded_by_its_kind(tmp_path, kind, old, new, at):
    text = BASE.replace(old, new, 1)
    error = refusal(tmp_path, text)
    line = line_of(text, "groups = [" if kind == "toml.unclosed_array" else new.splitlines()[-1])
    assert error.code == "config.toml" and error.params["kind"] == kind, str(error)
    assert str(error).startswith(f"{error.path}: line {line}") and at in str(error), str(error)
    assert_worded(error, f" {line}")
    assert translate(error, "uk") != translate(error, "ru")


def test_the_other_tables_are_refused_alike(tmp_path):
    """read_table reads [server] (api/limits.py) and any table beside [workspace] the same way: a limit,
    an unknown key, a check of the table's own (config.url)."""
    ws = tmp_path / "ws"
    Workspace.init(ws).close()
    config = ws / CONFIG_FILE
    config.write_text(config.read_text() + "\n[campaigns.smtp]\ntimeout = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError) as above:
        read_table(ws, "campaigns", CampaignSettings)
    line = line_of(config.read_text(), "timeout = 0")
    assert above.value.code == "config.above"
    assert (
        str(above.value) == f"{config}: line {line}, [campaigns.smtp] timeout: must be more than 0.0, not 0"
    )
    assert_worded(above.value, "[campaigns.smtp] timeout", f" {line}")
    config.write_text(config.read_text() + '[campaigns.unsubscribe]\nurl = "ftp://x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as invalid:
        read_table(ws, "campaigns", CampaignSettings)
    assert invalid.value.code == "config.problems"
    assert [p["code"] for p in invalid.value.params["problems"]] == ["config.above", "config.url"]
    assert "[campaigns.unsubscribe] url: must be an absolute http(s) address" in str(invalid.value)
    assert_worded(invalid.value, "[campaigns.unsubscribe] url", '"ftp://x"')
    config.write_text(config.read_text() + "[server]\nmax_upload_mb = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError) as server:
        create_app(ws)
    line = line_of(config.read_text(), "max_upload_mb")
    assert str(server.value) == f"{config}: line {line}, [server] max_upload_mb: must be at least 1, not 0"
    assert translate(server.value, "uk") == (
        f"{config}: рядок {line}, [server] max_upload_mb: має бути щонайменше 1, а не 0"
    )


def test_the_catalogues_word_every_code_with_the_english_names():
    assert set(UK) == set(RU)
    for code, english in PROBLEMS.items():
        assert placeholders(UK[code]) == placeholders(RU[code]) == placeholders(english), code
    for kind in [*TOML_PROBLEMS, *(f"type.{name}" for name in EXPECTED)]:
        assert kind in UK and placeholders(UK[kind]) == placeholders(RU[kind]), kind
    assert set(UK) == {*PROBLEMS, *TOML_PROBLEMS, *(f"type.{name}" for name in EXPECTED), *PARTS}


def test_the_cli_refuses_in_the_language_the_broken_file_declares(tmp_path):
    """The settings cannot be loaded, so no workspace was opened: the language is the `language` line of
    [workspace] when it can be read (here even in a file that is not TOML), else English."""
    ws = tmp_path / "ws"
    Workspace.init(ws).close()  # a new workspace is Ukrainian
    config = ws / CONFIG_FILE
    good = config.read_text()
    config.write_text(good.replace("bins = 5", "bins = 7"), encoding="utf-8")
    line = line_of(config.read_text(), "bins = 7")
    listed = run("segments", "list", "-w", ws, language=None, wide=True)
    assert listed.returncode == 1 and listed.stderr.strip() == (
        f"Помилка: {config}: рядок {line}, [families.rfm] bins: має бути одне з: 3, 4, 5, а не 7"
    )
    config.write_text(good.replace('language = "uk"', 'language = "ru"').replace('"UAH"', "UAH"), "utf-8")
    refreshed = run("refresh", "-w", ws, language=None, wide=True)
    line = line_of(config.read_text(), "currency")
    assert refreshed.returncode == 1 and refreshed.stderr.strip().startswith(
        f"Ошибка: {config}: строка {line}, символ 12: ошибка синтаксиса TOML: недопустимое значение"
    )
    config.write_text(good.replace('language = "uk"', 'language = "de"'), "utf-8")
    served = run("serve", "-w", ws, "--port", "1", language=None, wide=True)
    assert served.returncode == 1 and served.stderr.strip() == (
        f"Error: {config}: line {line_of(config.read_text(), 'language =')}, [workspace] language: must be "
        'one of "uk", "en", "ru", not "de"'
    )


def test_a_date_format_is_read_as_the_import_option_is(tmp_path):
    """A notation of day, month and year is the strftime format `--date-format` would make of it."""
    path = tmp_path / CONFIG_FILE
    text = BASE.replace("# date_format =   (not set)", 'date_format = "ДД.ММ.РРРР"')
    path.write_text(text, encoding="utf-8")
    assert load_settings(path).date_format == "%d.%m.%Y"
