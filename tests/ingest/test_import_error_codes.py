"""Every reason the importer gives (a quarantined row, a refused value, an upload refused as a whole) carries
a stable code and params, stored beside the English reason (quarantine and rejected_values: reason_code,
reason_params), and the web UI words every code in Ukrainian and Russian (web/import_errors.py,
import_errors_ru.py) instead of matching the English text, as it does rule and segment errors
(tests/segments/test_segment_error_codes.py). Real imports on a real workspace; a scan of the source fails
when a raise site or a reason in ingest has no code, or a code no wording."""

from __future__ import annotations

import ast as pyast
import json
import os
import re
from pathlib import Path

import pytest
from tests.coded import assert_worded_in_uk_and_ru, placeholders
from tests.ingest.conftest import write

import segmint
from segmint import DataError, import_file
from segmint.errors import CodedError, MappingError
from segmint.ingest.recorded import recorded_import
from segmint.store.yaml_files import ENDINGS
from segmint.web.import_errors import UK, stored_reason
from segmint.web.import_errors_ru import RU
from segmint.web.messages import translate

INGEST = Path(segmint.__file__).parent / "ingest"
FOREIGN = {"uk": "ыэъёЫЭЪЁ", "ru": "іїєґІЇЄҐ"}  # letters of the other language only
CODE = re.compile(r"(?<![\w/])import\.[a-z_]+(?:\.[a-z_]+)?")  # not docs/import.md

# (entity, file, what it is imported after) -> the codes its quarantined rows and refused values carry
ROWS = {
    "customers": (
        "customer_id;full_name;email;phone;country;gender;signup_date;consent_email\n"
        "C1;Ann;ann@example;067 1;Нарнія;zz;31.02.2024;maybe\n"
        ";Nobody;;;;;;\n"
        "C2;Bob;;;;;13/25/2024;\n"
        "C3;Cid;;;;;03/25/2024;\n"
        "C4;Dan;;;;;15.03.24;\n"
        "C5;Eve;;;;;someday;\n"
        "C6;Fay;;;;;;\n"
        "C6;Fay again;;;;;;\n"
        "C7;Gus;;;;;45123;\n",
        {
            "import.email.domain",
            "import.phone_country",
            "import.country",
            "import.gender",
            "import.date_not_in_calendar",
            "import.yes_no",
            "import.missing",
            "import.date_year",
            "import.date_unknown_format",
            "import.duplicate_key",
            "import.date_excel_serial",
        },
    ),
    "orders": (
        "order_id,customer_id,ordered_at,total,discount,status\n"
        "O1,NOBODY,2024-03-01,10,0,paid\n"
        "O2,C1,2024-03-01,-5,0,paid\n"
        "O3,C1,2024-03-01,5,-1,paid\n"
        "O4,C1,2024-03-01,5,0,lost\n"
        "O5,C1,2024-03-01,lots,0,paid\n"
        "O6,C1,2024-03-01,nan,0,paid\n",
        {
            "import.unknown_customer",
            "import.negative_total",
            "import.negative_discount",
            "import.unknown_status",
            "import.not_a_number",
            "import.not_finite",
        },
    ),
    "order-items": (
        "order_id,line_no,product_id,quantity,unit_price\n"
        "NOPE,1,p,1,5\n"
        "O1,1,p,-1,5\n"
        "O1,2,p,1,-5\n"
        "O1,0,p,1,5\n"
        "O1,x,p,1,5\n",
        {
            "import.unknown_order",
            "import.negative_quantity",
            "import.negative_price",
            "import.line_no",
            "import.not_a_number",
        },
    ),
    "currency": (
        "order_id,customer_id,ordered_at,total,currency\nC7,C1,2024-03-01,$5,\nC8,C1,2024-03-01,₴5,USD\n"
        "C9,C1,2024-03-01,5,ГРВ\n",
        {"import.amount_currency", "import.amount_currency.order", "import.currency"},
    ),
    "marks": (
        "order_id;customer_id;ordered_at;total\nM1;C1;2024-03-01;1,234.50\nM2;C1;2024-03-01;99,50\n"
        "M3;C1;2024-03-01;1,234\n",
        {"import.number_ambiguous"},
    ),
    "date_order": (
        "order_id;customer_id;ordered_at;total\nD1;C1;03/04/2024;5\nD2;C1;25/03/2024;5\nD3;C1;03/25/2024;5\n",
        {"import.date_order", "import.date_month_first"},
    ),
    "events": (
        "customer_id,event_type,occurred_at,nps_score\nC1,teleport,2024-03-01,\nC1,survey_answer,2024-03-01,11\n",
        {"import.unknown_event_type", "import.nps_range"},
    ),
    "lines": (
        "order_id,customer_id,ordered_at,product_id,quantity,unit_price\n"
        "L1,C1,2024-03-01,p,1,5\n"
        "L1,C1,2024-03-01,p,-1,5\n"
        "L2,C1,2024-03-01,p,1,5\n"
        "L2,C2,2024-03-01,p,1,5\n"
        "L3,C1,2024-03-01,p,1,5\n"
        "L3,C1,2024-03-02,p,1,5\n",
        {"import.order_line", "import.negative_quantity", "import.order_customers", "import.order_dates"},
    ),
    "broken": (
        'customer_id,full_name\nB1,Ann,extra\n"B2,Bob\n',
        {"import.csv_columns.counts", "import.csv_quotes"},
    ),
}


def stored_codes(ws, import_id: str) -> list[tuple[str, str, str | None, dict | None]]:
    return [
        (reason, code, json.loads(params) if params else None)
        for table in ("quarantine", "rejected_values")
        for reason, code, params in ws.raw.execute(
            f"SELECT reason, reason_code, reason_params FROM {table} WHERE import_id = ?", [import_id]
        ).fetchall()
    ]


@pytest.fixture
def imported(workspace, tmp_path):
    """Each file of ROWS imported in turn: (case, its stored reasons)."""
    import_file(workspace, "customers", write(tmp_path / "base.csv", "customer_id\nC1\nC2\n"))
    import_file(
        workspace,
        "orders",
        write(tmp_path / "base_o.csv", "order_id,customer_id,ordered_at,total\nO1,C1,2024-01-01,5\n"),
    )
    found = {}
    for case, (text, _codes) in ROWS.items():
        entity = {
            "lines": "orders",
            "broken": "customers",
            "currency": "orders",
            "marks": "orders",
            "date_order": "orders",
        }.get(case, case)
        summary = import_file(workspace, entity, write(tmp_path / f"{case}.csv", text))
        found[case] = stored_codes(workspace, summary.import_id)
    return found


def test_every_quarantined_row_and_refused_value_stores_its_code_and_params(imported):
    for case, (_text, codes) in ROWS.items():
        rows = imported[case]
        assert [reason for reason, code, _ in rows if code is None] == [], case
        assert {code for _, code, _ in rows} == codes, case
    every = [row for rows in imported.values() for row in rows]
    calendar = (
        "not a valid calendar date: '31.02.2024'",
        "import.date_not_in_calendar",
        {"value": "31.02.2024"},
    )
    assert calendar in every
    assert ("duplicate key, superseded by row 9", "import.duplicate_key", {"row": 9}) in every
    (unknown,) = [params for _, code, params in every if code == "import.unknown_customer"]
    assert unknown == {"customer": "NOBODY"}
    (counts,) = [params for _, code, params in every if code == "import.csv_columns.counts"]
    assert (counts["expected"], counts["found"]) == ("2", "3")


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_every_stored_reason_is_worded_in_ukrainian_and_russian(imported, lang):
    for rows in imported.values():
        for reason, code, params in rows:
            worded = translate(stored_reason(reason, code, params), lang)
            words = worded  # the wording without the values it quotes (an e-mail's reason is the library's)
            for value in params.values():
                words = words.replace(str(value), "")
            assert worded != reason and not re.search(r"\b(the|is|a|not|only|or)\b", words), (code, worded)
            assert not set(words) & set(FOREIGN[lang]), worded
            assert translate(stored_reason(reason, code, params), "en") == reason


# e-mails and phones the validators refuse, each with its code (hunt W4: the Russian page read
# "недействительный адрес e-mail (The part after the @-sign contains invalid characters: '@'.)")
VALIDATORS = {
    "ann@b@c.com": "import.email.domain",
    "ann@example": "import.email.domain",
    "ann@x.invalid": "import.email.domain",
    "ann": "import.email.no_at",
    "ann＠x.com": "import.email.no_at",
    "ann@": "import.email.nothing_after_at",
    "@x.com": "import.email.nothing_before_at",
    "an n@x.com": "import.email.before_at",
    "ann..b@x.com": "import.email.dots",
    "ann@-x.com": "import.email.dots",
    "ann@" + "x" * 70 + ".com": "import.email.too_long",
    "Ann <ann@x.com>": "import.email",
    "+999 123": "import.phone.country_code",
    "позвонить": "import.phone.not_a_number",
    "00": "import.phone.not_a_number",
    "+380" + "1" * 20: "import.phone.too_long",
}


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_an_email_or_phone_refusal_is_worded_without_the_validators_english(workspace, tmp_path, lang):
    emails = [value for value, code in VALIDATORS.items() if code.startswith("import.email")]
    lines = [f"C{i};{value};" if value in emails else f"C{i};;{value}" for i, value in enumerate(VALIDATORS)]
    path = write(tmp_path / "c.csv", "customer_id;email;phone\n" + "\n".join(lines) + "\n")
    summary = import_file(workspace, "customers", path)
    assert summary.landed == len(VALIDATORS) and summary.rejected_values == len(VALIDATORS)
    rows = workspace.raw.execute(
        "SELECT value, reason, reason_code, reason_params FROM rejected_values ORDER BY row"
    ).fetchall()
    assert {value: code for value, _, code, _ in rows} == VALIDATORS
    for value, reason, code, params in rows:
        worded = translate(stored_reason(reason, code, json.loads(params)), lang)
        assert re.findall(r"[A-Za-z]{2,}", worded.replace("e-mail", "")) == [], (value, worded)
        assert not set(worded) & set(FOREIGN[lang]), worded
        # the English reason, the CLI's and the API's, still quotes the validator
        english = ("invalid e-mail: ", "invalid phone number: ")
        assert reason.startswith(english) and json.loads(params)["detail"] in reason


def test_a_reason_is_worded_from_its_code_whatever_the_english_says():
    """The failure mode of matching the English text: a reworded English reason fell back to English in the
    Ukrainian and Russian pages. Worded from its code, it cannot."""
    reworded = stored_reason(
        "this date does not exist: 31.02.2024", "import.date_not_in_calendar", {"value": "31.02.2024"}
    )
    assert translate(reworded, "uk") == "такої дати в календарі немає: '31.02.2024'"
    assert translate(reworded, "ru") == "такой даты в календаре нет: '31.02.2024'"
    assert translate(reworded, "en") == "this date does not exist: 31.02.2024"
    before_codes = stored_reason("not a valid calendar date: '31.02.2024'", None, None)
    assert translate(before_codes, "uk") == "not a valid calendar date: '31.02.2024'"  # shown as stored


@pytest.mark.parametrize(
    ("name", "content", "code", "params"),
    [
        ("empty.csv", b"", "import.file_empty", {}),
        ("header.csv", b"customer_id\n", "import.no_data_rows", {}),
        (
            "twice.csv",
            b"customer_id,customer_id\nA,B\n",
            "import.header_twice",
            {"name": "customer_id", "first": 1, "second": 2},
        ),
        ("blank.csv", b"customer_id,,x\nA,B,C\n", "import.header_empty", {"position": 2}),
        ("file.txt.zip", b"PK", "import.file_type", {"suffix": ".zip"}),
        ("records.jsonl", b"\n\n", "import.no_records", {}),
    ],
)
def test_a_file_refused_as_a_whole_carries_its_code(workspace, tmp_path, name, content, code, params):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        import_file(workspace, "customers", path)
    assert (caught.value.code, caught.value.params) == (code, params)
    worded = translate(caught.value, "uk")
    assert worded.startswith(str(path)) and UK[code].split("{")[0] in worded and "the file" not in worded


def test_a_mapping_refused_carries_its_code(workspace, tmp_path):
    path = write(tmp_path / "c.csv", "Код;Імя\nA;B\n")
    with pytest.raises(MappingError) as caught:
        import_file(workspace, "customers", path, mapping=["Кот=customer_id"])
    assert caught.value.code == "import.no_column.hint"
    assert caught.value.params == {
        "file": str(path),
        "column": "Кот",
        "hint": "Код",
        "columns": ["Код", "Імя"],
    }
    assert (
        translate(caught.value, "ru")
        == f"{path}: в файле нет колонки 'Кот'; возможно, 'Код'? (колонки: Код, Імя)"
    )
    with pytest.raises(MappingError) as caught:
        import_file(workspace, "customers", path, mapping=["Код=customer_idd"])
    assert caught.value.code == "import.no_field.hint" and caught.value.params["hint"] == "customer_id"


MAPPING_FILES = {  # a mapping file's content (None: a folder) -> its code, and its place in uk and ru
    "columns:\n  Код: customer_id\n  Ім'я: name: повне\n": (
        "import.mapping_yaml.colon",
        (
            "рядок 3, стовпець 13: некоректний YAML: двокрапка",
            "строка 3, столбец 13: некорректный YAML: двоеточие",
        ),
    ),
    "columns:\n  Код: customer_id\n delimiter: ';'\n": (
        "import.mapping_yaml.indent",
        ("рядок 3, стовпець 2: некоректний YAML: відступ", "строка 3, столбец 2: некорректный YAML: отступ"),
    ),
    "columns:\n\tКод: customer_id\n": (
        "import.mapping_yaml.tab",
        ("рядок 2, стовпець 1: некоректний YAML: символ табуляції", "строка 2, столбец 1: некорректный YAML"),
    ),
    None: ("import.mapping_folder", ("це тека; назвіть файл у ній", "это папка; назовите файл в ней")),
}


@pytest.mark.parametrize("content", list(MAPPING_FILES), ids=[code for code, _ in MAPPING_FILES.values()])
def test_a_mapping_file_that_is_not_yaml_says_where_and_what_in_ukrainian_and_russian(
    workspace, tmp_path, content
):
    """A mapping file with a ': ' in a value, a line indented unlike the ones above it, a tab, or a folder
    named for it: its code, and the line and column in uk and ru. Old code: import.mapping_yaml with
    PyYAML's English ('некоректний YAML: mapping values are not allowed here\n  in "<unicode string>",
    line 3, column 13: ...') in every language, and a folder refused by no code of the import's."""
    path = write(tmp_path / "c.csv", "Код;Ім'я\nA;B\n")
    mapping = tmp_path if content is None else tmp_path / "map.yaml"
    if content is not None:
        mapping.write_text(content, encoding="utf-8")
    code, (uk, ru) = MAPPING_FILES[content]
    with pytest.raises(MappingError) as caught:
        import_file(workspace, "customers", path, mapping_file=mapping)
    assert caught.value.code == code
    for lang, said in (("uk", uk), ("ru", ru)):
        worded = translate(caught.value, lang)
        assert worded.startswith(f"{mapping}: {said}") and "<unicode string>" not in worded, worded


def test_a_mapping_file_that_may_not_be_read_is_refused_in_ukrainian_and_russian(workspace, tmp_path):
    """import.mapping_permission: chmod 000 for a user; root, whom file modes do not stop, may not read
    another process's memory (/proc/1/mem: the kernel's ptrace check)."""
    path = write(tmp_path / "c.csv", "Код;Ім'я\nA;B\n")
    mapping = Path("/proc/1/mem") if os.geteuid() == 0 else tmp_path / "map.yaml"
    if os.geteuid() != 0:
        mapping.write_text("columns:\n  Код: customer_id\n", encoding="utf-8")
        mapping.chmod(0)
    with pytest.raises(MappingError) as caught:
        import_file(workspace, "customers", path, mapping_file=mapping)
    assert (caught.value.code, caught.value.params) == ("import.mapping_permission", {"file": str(mapping)})
    assert translate(caught.value, "uk") == f"{mapping}: немає дозволу на читання"
    assert translate(caught.value, "ru") == f"{mapping}: нет разрешения на чтение"


def test_an_import_id_nobody_has_is_a_coded_error_worded_in_ukrainian_and_russian(workspace):
    """The check `segmint quarantine --import` and the API's /imports/{id} share (ingest/recorded.py)."""
    with pytest.raises(CodedError) as caught:
        recorded_import(workspace, "imp-nope")
    assert (caught.value.code, caught.value.params) == ("import.unknown", {"id": "imp-nope"})
    assert str(caught.value) == "no import has the id 'imp-nope'"
    assert_worded_in_uk_and_ru(caught.value)


def test_every_code_has_both_wordings_with_the_same_names():
    assert sorted(UK) == sorted(RU)
    assert {
        code: placeholders(UK[code]) for code in UK if placeholders(UK[code]) != placeholders(RU[code])
    } == {}
    assert [text for text in RU.values() if set(text) & set(FOREIGN["ru"])] == []
    assert [text for text in UK.values() if set(text) & set(FOREIGN["uk"])] == []


def _sources() -> dict[str, pyast.Module]:
    return {path.name: pyast.parse(path.read_text(encoding="utf-8")) for path in sorted(INGEST.glob("*.py"))}


def test_every_raise_site_and_reason_in_ingest_gives_a_code_that_is_worded():
    errors = ("DataError", "EncodingError", "MappingError")
    calls, codes, uncoded = [], set(), []
    for name, tree in _sources().items():
        for node in pyast.walk(tree):
            if isinstance(node, pyast.Call) and getattr(node.func, "id", None) in errors:
                calls.append((name, node.lineno))
                if "code" not in {k.arg for k in node.keywords}:
                    uncoded.append((name, node.lineno))
            if (
                isinstance(node, pyast.Call)
                and getattr(node.func, "id", None) == "Reason"
                and len(node.args) < 2
            ):
                uncoded.append((name, node.lineno))
            # a scalar rule's refusal in plain text (`return None, "..."`), not a Reason
            pair = isinstance(node, pyast.Return) and isinstance(node.value, pyast.Tuple) and node.value.elts
            text = pair and len(pair) == 2 and isinstance(pair[1], pyast.JoinedStr | pyast.Constant)
            if text and isinstance(getattr(pair[1], "value", ""), str):
                uncoded.append((name, node.lineno))
            if isinstance(node, pyast.Constant) and isinstance(node.value, str):
                codes.update(found.group(0) for found in CODE.finditer(node.value))
            if isinstance(node, pyast.Call) and getattr(node.func, "id", None) == "hinted":
                codes.add(node.args[0].value + ".hint")
    assert len(calls) >= 30  # the scan finds the raise sites
    assert uncoded == []
    # a row rule made in SQL sets its code with its reason
    checks = (INGEST / "checks.py").read_text(encoding="utf-8")
    assert checks.count("_reason = ") == checks.count("_why = json_object(") >= 3
    codes.discard("import.md")
    # f"import.mapping_{ending}": a mapping file that cannot be opened or read (store.yaml_files' ENDINGS)
    codes.discard("import.mapping_")
    codes.update(f"import.mapping_{ending}" for ending in ENDINGS)
    # the audit's check of stored values gives its own codes, worded in the same tables
    validation = (INGEST.parent / "quality" / "validation.py").read_text(encoding="utf-8")
    codes.update(re.findall(r'"(audit\.[a-z0-9_]+)"', validation))
    assert sorted(codes - set(UK)) == []  # a code without a wording
    assert sorted(set(UK) - codes) == []  # a wording no code uses


def test_a_negative_quantity_price_or_discount_is_shown_as_typed(workspace, tmp_path):
    """A DECIMAL cast to text kept its scale's zeros: the reason read "negative quantity -1.000", in uk
    "від’ємна кількість -1.000", minus a thousand to a reader whose dot groups thousands."""
    import_file(workspace, "customers", write(tmp_path / "c.csv", "customer_id\nC1\n"))
    lines = write(
        tmp_path / "lines.csv",
        "order_id,customer_id,ordered_at,product_id,quantity,unit_price,discount\n"
        "L1,C1,2024-03-01,p,-1,5,0\nL2,C1,2024-03-01,p,1,-2.50,0\nL3,C1,2024-03-01,p,1,5,-3.10\n",
    )
    summary = import_file(workspace, "orders", lines)
    stored = sorted(stored_codes(workspace, summary.import_id), key=lambda row: row[1])
    assert [(reason.split(" (")[0], code, params) for reason, code, params in stored] == [
        ("negative discount -3.1", "import.negative_discount", {"value": "-3.1"}),
        ("negative price -2.5", "import.negative_price", {"value": "-2.5"}),
        ("negative quantity -1", "import.negative_quantity", {"value": "-1"}),
    ]
    worded = [translate(stored_reason(*row), "uk") for row in stored]
    assert worded[2].startswith("від’ємна кількість -1 (") and "від’ємна ціна -2.5" in worded, worded
