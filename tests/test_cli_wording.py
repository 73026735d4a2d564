"""The CLI's human output speaks the workspace's language (cli/wording.py): the summaries of `import` and
`refresh`, the tables of `segments list`, and every coded error, worded as the web UI words it. An English
workspace keeps the output it had, and `--json` is the same document in every language."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from tests import cli
from tests.cli import in_order, refused

from segmint.segments.model import unknown
from segmint.web.messages import translate

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "customers_uk.csv"
# the workspace's language, not the English tests/cli.py asks for by default
segmint = functools.partial(cli.segmint, language=None)
ok = functools.partial(cli.ok, language=None)

# what each language's human output says, in the order the commands print it
WORDS = {
    "en": {
        "import": ["customers from", "read", "inserted", "updated", "quarantined", "rejected values",
                   "see the quarantined rows with: segmint quarantine --import", "took"],
        "refresh": ["Refreshed as of", "customers,", "entries and", "exits recorded",
                    "nobody (nothing to compute from yet)"],
        "list": ["(as of", "group", "customers", "segments", "segment", "kind", "members", "rule",
                 "dynamic", "static", "(list of ids)"],
        "error": "Error: ",
    },
    "uk": {
        "import": ["customers з", "прочитано", "додано", "оновлено", "у карантині", "відхилені значення",
                   "рядки в карантині покаже: segmint quarantine --import", "тривав"],
        "refresh": ["Оновлено станом на", "клієнтів", "записано входів", "виходів",
                    "нікого (ще немає з чого обчислювати)"],
        "list": ["(станом на", "Група", "Клієнти", "сегменти", "Сегмент", "Тип", "Учасники", "Правило",
                 "динамічний", "статичний", "(список ідентифікаторів)"],
        "error": "Помилка: ",
    },
    "ru": {
        "import": ["customers из", "прочитано", "добавлено", "обновлено", "в карантине",
                   "отклонённые значения", "строки в карантине покажет: segmint quarantine --import",
                   "длился"],
        "refresh": ["Обновлено на", "клиентов", "записано входов", "выходов",
                    "никого (ещё не из чего вычислять)"],
        "list": ["(на", "Группа", "Клиенты", "сегменты", "Сегмент", "Тип", "Участники", "Правило",
                 "динамический", "статический", "(список идентификаторов)"],
        "error": "Ошибка: ",
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def shops(tmp_path_factory):
    """A workspace per language with the example customers, a dynamic and a static segment."""
    folders = {}
    for lang in WORDS:
        ws = tmp_path_factory.mktemp(lang) / "ws"
        ok("init", ws, "--language", lang)
        imported = ok("-w", ws, "import", "customers", EXAMPLES, wide=True)  # refreshed: the same in each
        ok("-w", ws, "segments", "create", "Big", "--rule", "total_spent > 1000")
        ok("-w", ws, "segments", "create", "Picked", "--members", "C001,C002")
        folders[lang] = (ws, imported.stderr)
    return folders


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_import_refresh_and_segments_list_speak_the_workspaces_language(shops, lang):
    ws, imported = shops[lang]
    assert in_order(imported, WORDS[lang]["import"]), imported
    refreshed = ok("-w", ws, "refresh", wide=True).stderr
    assert in_order(refreshed, WORDS[lang]["refresh"]), refreshed
    listed = ok("-w", ws, "segments", "list", wide=True).stderr
    assert in_order(listed, WORDS[lang]["list"]), listed


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_a_coded_error_is_worded_as_the_web_ui_words_it(shops, lang):
    """A SegmentError (a CodedError) and a RuleError, with its caret line under the rule, in the
    workspace's language: the web UI's own wording of the same error, not a second table."""
    ws, _ = shops[lang]
    missing = segmint("-w", ws, "segments", "show", "Nope", wide=True)
    assert missing.returncode == 1 and not missing.stdout
    error = unknown("Nope", [])
    first = missing.stderr.splitlines()[0]
    assert first.startswith(WORDS[lang]["error"] + translate(error, lang).split(";")[0]), first
    bad = segmint("-w", ws, "segments", "create", "X", "--rule", "total_spnt > 1", wide=True)
    lines = bad.stderr.splitlines()
    assert bad.returncode == 1 and lines[0].startswith(WORDS[lang]["error"]), bad.stderr
    assert lines[1:] == ["  total_spnt > 1", "  ^"]
    assert ("total_spent" in lines[0]) and (("field" in lines[0]) == (lang == "en"))


def test_segmint_language_chooses_another_language_than_the_workspaces(shops):
    """$SEGMINT_LANGUAGE: the language of the person at the terminal, over the workspace's."""
    ws, _ = shops["en"]
    missing = cli.segmint("-w", ws, "segments", "show", "Nope", wide=True, language="ru")
    assert missing.stderr.startswith("Ошибка: " + translate(unknown("Nope", []), "ru").split(";")[0])
    ws, _ = shops["uk"]
    refreshed = cli.ok("-w", ws, "refresh", wide=True, language="en").stderr
    assert in_order(refreshed, WORDS["en"]["refresh"]), refreshed


# a bad date and a value not among the allowed ones, from options read before and after the workspace opens
CLI_ERRORS = {
    "uk": ["Помилка: --as-of: '31.02.2024' — не дата; пишіть РРРР-ММ-ДД або дд.мм.рррр",
           "Помилка: --backfill: 'monthly' або 'weekly', а не 'wekly' (можливо, 'weekly'?)",
           "Помилка: --from: '2024-13-01' — не дата; пишіть РРРР-ММ-ДД або дд.мм.рррр",
           "Помилка: --format: 'csv', 'parquet', 'json' або 'xlsx', а не 'docx'",
           "Помилка: --as-of: '1.1' — не дата; пишіть РРРР-ММ-ДД або дд.мм.рррр"],
    "ru": ["Ошибка: --as-of: '31.02.2024' — не дата; пишите ГГГГ-ММ-ДД или дд.мм.гггг",
           "Ошибка: --backfill: 'monthly' или 'weekly', а не 'wekly' (возможно, 'weekly'?)",
           "Ошибка: --from: '2024-13-01' — не дата; пишите ГГГГ-ММ-ДД или дд.мм.гггг",
           "Ошибка: --format: 'csv', 'parquet', 'json' или 'xlsx', а не 'docx'",
           "Ошибка: --as-of: '1.1' — не дата; пишите ГГГГ-ММ-ДД или дд.мм.гггг"],
    "en": ["Error: --as-of: '31.02.2024' is not a date; write YYYY-MM-DD or dd.mm.yyyy",
           "Error: --backfill is 'monthly' or 'weekly', not 'wekly' (did you mean 'weekly'?)",
           "Error: --from: '2024-13-01' is not a date; write YYYY-MM-DD or dd.mm.yyyy",
           "Error: --format is 'csv', 'parquet', 'json' or 'xlsx', not 'docx'",
           "Error: --as-of: '1.1' is not a date; write YYYY-MM-DD or dd.mm.yyyy"],
}  # fmt: skip


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_the_command_lines_own_errors_speak_the_workspaces_language(shops, lang):
    """A bad date or a value not among an option's allowed ones is refused in the language of the workspace
    the command names (with -w before or after the command's name, or the current folder), also when it
    is refused while the command line is read, before the command opens its workspace. Both were English
    in every workspace."""
    ws, _ = shops[lang]
    runs = [
        (("-w", ws, "refresh", "--as-of", "31.02.2024"), None),
        (("refresh", "--backfill", "wekly", "-w", ws), None),
        (("-w", ws, "segments", "movements", "Big", "--from", "2024-13-01"), None),
        (("-w", ws, "segments", "members", "Big", "-f", "docx"), None),
        (("kpis", "--as-of", "1.1"), ws),
    ]
    for (args, cwd), expected in zip(runs, CLI_ERRORS[lang], strict=True):
        done = segmint(*args, cwd=cwd, wide=True)
        assert (done.returncode, done.stderr.strip(), done.stdout) == (1, expected, ""), args


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_an_output_that_cannot_be_written_is_refused_in_the_workspaces_language(shops, lang):
    """-o naming a file in a missing folder, or a folder: refused before any work (cli/common.check_output)
    in the words the library's own refusal of the same file has (web/segment_errors.py,
    file.unwritable.*). It was English in every workspace."""
    ws, _ = shops[lang]
    missing, folder = ws / "missing" / "x.csv", ws.parent
    expected = {
        "uk": [f"Помилка: не вдається записати {missing}: теки {missing.parent} не існує",
               f"Помилка: не вдається записати {folder}: це тека; назвіть файл у ній"],
        "ru": [f"Ошибка: не удаётся записать {missing}: папки {missing.parent} не существует",
               f"Ошибка: не удаётся записать {folder}: это папка; назовите файл в ней"],
        "en": [f"Error: cannot write {missing}: the folder {missing.parent} does not exist",
               f"Error: cannot write {folder}: it is a folder; name a file in it"],
    }[lang]  # fmt: skip
    runs = [("segments", "members", "Big", "-o", missing), ("segments", "export", "-o", folder)]
    for args, said in zip(runs, expected, strict=True):
        done = segmint("-w", ws, *args, wide=True)
        assert (done.returncode, done.stderr.strip(), done.stdout) == (1, said, ""), args


def test_json_is_the_same_document_in_every_language(shops):
    documents = {lang: json.loads(ok("-w", ws, "segments", "list", "--json").stdout) for lang, (ws, _) in
                 shops.items()}  # fmt: skip
    for document in documents.values():
        for family in document["families"]:
            family.pop("as_of")
        for segment in document["segments"]:
            segment.pop("as_of")
            segment.pop("created_at", None)
            segment.pop("updated_at", None)
    assert documents["uk"] == documents["en"] == documents["ru"]


@pytest.mark.parametrize(
    ("lang", "counted"),
    [("uk", ["customers: додано 2", "order_items: додано 3"]), ("ru", ["customers: добавлено 2",
     "order_items: добавлено 3"]), ("en", ["customers: inserted 2", "order_items: inserted 3"])],
)  # fmt: skip
def test_the_counts_of_the_other_tables_an_import_fills_speak_its_language(tmp_path, lang, counted):
    """An order-lines file fills customers and order_items too; their count lines read 'inserted ...,
    updated ..., unchanged ...' in every language."""
    ws = tmp_path / "ws"
    ok("init", ws, "--language", lang)
    lines = tmp_path / "lines.csv"
    lines.write_text(
        "order_id,customer_id,ordered_at,product_id,quantity,unit_price\n"
        "O1,K1,2024-03-01,P1,2,10\nO1,K1,2024-03-01,P2,1,5\nO2,K2,2024-03-02,P1,1,10\n",
        encoding="utf-8",
    )
    shown = ok("-w", ws, "import", "orders", lines, "--create-missing-customers", "--no-refresh", wide=True)
    assert in_order(shown.stderr, counted), shown.stderr
    assert lang == "en" or "inserted" not in shown.stderr


@pytest.mark.parametrize(
    ("lang", "said"),
    [("uk", "Помилка: {file}: такого файлу немає"), ("ru", "Ошибка: {file}: такого файла нет"),
     ("en", "Error: {file}: no such file")],
    ids=["uk", "ru", "en"],
)  # fmt: skip
def test_a_members_file_that_is_not_there_is_said_in_the_workspaces_language(shops, lang, said):
    """`segments create NAME --members-file FILE` naming no file: as `segments load` says it (file.missing),
    not the operating system's English ("не вдається прочитати …: No such file or directory")."""
    ws, _ = shops[lang]
    missing = ws / "no-such-ids.csv"
    done = segmint("-w", ws, "segments", "create", "From file", "--members-file", missing, wide=True)
    assert (done.returncode, done.stderr.strip(), done.stdout) == (1, said.format(file=missing), "")


@pytest.mark.parametrize(
    ("lang", "said"),
    [("uk", "Помилка: {file}: це тека; назвіть файл у ній"),
     ("ru", "Ошибка: {file}: это папка; назовите файл в ней"),
     ("en", "Error: {file}: it is a folder; name a file in it")],
    ids=["uk", "ru", "en"],
)  # fmt: skip
def test_a_folder_named_as_a_file_to_read_is_said_in_the_workspaces_language(shops, lang, said):
    """A folder where a file is read (a members file, a YAML file, an import, a mapping): file.folder in
    the workspace's language, not the operating system's English ("…: Is a directory")."""
    ws, _ = shops[lang]
    folder = ws.parent / f"a-folder-{lang}"
    folder.mkdir()
    reads = [
        ("segments", "create", "From file", "--members-file", folder),
        ("segments", "load", folder),
        ("import", "customers", folder),
        ("import", "customers", folder, "--mapping", folder),
    ]
    for args in reads:
        done = segmint("-w", ws, *args, wide=True)
        assert (done.returncode, done.stderr.strip(), done.stdout) == (1, said.format(file=folder), ""), args


@pytest.mark.parametrize(
    ("lang", "said"),
    [("uk", "Помилка: нічого змінювати: вкажіть --rule, --description, --rename, --add, --remove "
            "або --refreeze"),
     ("ru", "Ошибка: нечего менять: укажите --rule, --description, --rename, --add, --remove или --refreeze"),
     ("en", "Error: nothing to change: give --rule, --description, --rename, --add, --remove or --refreeze")],
    ids=["uk", "ru", "en"],
)  # fmt: skip
def test_an_edit_that_asks_for_no_change_says_so(shops, lang, said):
    """`segments edit NAME` with no option changed nothing and said "Змінено сегмент NAME: …" (Updated)."""
    ws, _ = shops[lang]
    before = json.loads(ok("-w", ws, "segments", "show", "Big", "--json").stdout)
    done = segmint("-w", ws, "segments", "edit", "Big", wide=True)
    assert (done.returncode, done.stderr.strip(), done.stdout) == (1, said, "")
    assert json.loads(ok("-w", ws, "segments", "show", "Big", "--json").stdout) == before


MISTYPED = {
    ("segments", "show"): {"uk": "бракує аргументу name", "ru": "не хватает аргумента name",
                           "en": "Missing argument 'name'."},
    ("segments", "lst"): {"uk": "немає команди 'lst' (можливо, 'list'?)",
                          "ru": "нет команды 'lst' (возможно, 'list'?)", "en": "No such command 'lst'."},
    ("segments", "list", "--jsn"): {"uk": "немає параметра --jsn (можливо, --json?)",
                                    "ru": "нет параметра --jsn (возможно, --json?)",
                                    "en": "No such option: --jsn"},
    ("refresh", "--as-of"): {"uk": "параметру --as-of потрібне значення",
                             "ru": "параметру --as-of нужно значение",
                             "en": "Option '--as-of' requires an argument."},
    ("kpis", "--compare", "Big"): {"uk": "параметру --compare потрібно значень: 2",
                                   "ru": "параметру --compare нужно значений: 2",
                                   "en": "Option '--compare' requires 2 arguments."},
    ("segments", "show", "Big", "extra"): {"uk": "зайві аргументи: extra", "ru": "лишние аргументы: extra",
                                           "en": "Got unexpected extra argument"},
}  # fmt: skip


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_a_mistyped_command_line_is_said_in_the_workspaces_language(shops, lang):
    """Typer's usage errors (a missing argument, an unknown command or option, an option without its
    value or with fewer than its values, `kpis --compare Big`, an extra argument) were English in every
    workspace; now worded in its language, with the usage line and where the help is (cli/usage.py).
    English keeps Typer's own box. Exit code 2 as before."""
    ws, _ = shops[lang]
    error = {"uk": "Помилка:", "ru": "Ошибка:", "en": "Error"}[lang]
    for args, said in MISTYPED.items():
        done = segmint("-w", ws, *args, wide=True)
        assert (done.returncode, done.stdout) == (2, ""), (args, done.stderr)
        assert error in done.stderr and said[lang] in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    if lang != "en":
        shown = segmint("-w", ws, "segments", "show", wide=True).stderr
        usage = {"uk": "Використання:", "ru": "Использование:"}[lang]
        first = shown.splitlines()[0]  # the program is "python -m segmint" here
        assert first.startswith(usage) and "segmint segments show [OPTIONS]" in first, shown
        assert "--help" in shown.splitlines()[1] and "Usage" not in shown and "Try" not in shown


BAD_VALUES = {
    ("serve", "--port", "99999"): {"uk": "Помилка: --port: щонайбільше 65535, а не 99999",
                                   "ru": "Ошибка: --port: не больше 65535, а не 99999",
                                   "en": "Invalid value for '--port': Input should be less than or equal to"},
    ("serve", "--port", "abc"): {"uk": "Помилка: --port: 'abc' — не ціле число",
                                 "ru": "Ошибка: --port: 'abc' — не целое число",
                                 "en": "Invalid value for '--port'"},
    ("segments", "movements", "Big", "--from", "2024-01-01", "--limit", "-1"): {
        "uk": "Помилка: --limit: щонайменше 0, а не -1", "ru": "Ошибка: --limit: не меньше 0, а не -1",
        "en": "Invalid value for '--limit'"},
    ("experiments", "size", "--baseline", "0,05", "--mde", "0.02"): {
        "uk": "Помилка: --baseline: '0,05' — не число; пишіть його з крапкою, напр. 0.05",
        "ru": "Ошибка: --baseline: '0,05' — не число; пишите его с точкой, напр. 0.05",
        "en": "Invalid value for '--baseline'"},
}  # fmt: skip
REFUSED = {
    ("dedupe", "--apply", "--undo", "m1"): {
        "uk": "Помилка: вкажіть лише один із параметрів --apply, --undo, --history",
        "ru": "Ошибка: укажите только один из параметров --apply, --undo, --history",
        "en": "Error: use only one of --apply, --undo and --history"},
    ("experiments", "size", "--baseline", "0.05", "--mde", "0.02", "--holdout-share", "2"): {
        "uk": "Помилка: --holdout-share: більше за 0 і менше за 1, а не 2.0",
        "ru": "Ошибка: --holdout-share: больше 0 и меньше 1, а не 2.0",
        "en": "Error: --holdout-share is more than 0 and less than 1, not 2.0"},
    ("experiments", "size", "--baseline", "0.98", "--mde", "0.05"): {
        "uk": "Помилка: --mde не може бути 0, а --baseline + --mde (0.98 + 0.05) — частка: більше за 0 і "
              "менше за 1",
        "ru": "Ошибка: --mde не может быть 0, а --baseline + --mde (0.98 + 0.05) — доля: больше 0 и меньше 1",
        "en": "Error: --mde is not 0, and --baseline + --mde (0.98 + 0.05) is a rate more than 0 and less "
              "than 1"},
    ("experiments", "size", "--baseline", "0.05", "--mde", "0.02", "--power", "0.01"): {
        "uk": "Помилка: --power: більше за --alpha (0.05) і менше за 1, а не 0.01",
        "ru": "Ошибка: --power: больше --alpha (0.05) и меньше 1, а не 0.01",
        "en": "Error: --power is more than --alpha (0.05) and less than 1, not 0.01"},
}  # fmt: skip


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_a_bad_value_of_an_option_is_said_in_the_workspaces_language(shops, lang):
    """Typer's BadParameter (`serve --port 99999`, a word where a number goes, `--limit -1`) kept Typer's
    English box ("Input should be less than or equal to 65535") in a uk or ru workspace; now worded from
    what Pydantic found (its type, the limit, the value as typed) with the usage line, status 2 as before;
    English keeps Typer's box. The two refusals the commands raised as BadParameter themselves (`dedupe`'s
    exclusive options, `experiments size --holdout-share 2`) are coded errors, status 1 as other bad input."""
    ws, _ = shops[lang]
    for args, said in BAD_VALUES.items():
        done = segmint("-w", ws, *args, wide=True)
        assert (done.returncode, done.stdout) == (2, ""), (args, done.stderr)
        assert said[lang] in done.stderr and "Traceback" not in done.stderr, (args, done.stderr)
        assert lang == "en" or ("Invalid value" not in done.stderr and "╭" not in done.stderr), done.stderr
    for args, said in REFUSED.items():
        done = segmint("-w", ws, *args, wide=True)
        assert (done.returncode, done.stdout, done.stderr.strip()) == (1, "", said[lang]), args


SAMPLE_SIZE = {
    "uk": "Щоб виявити зростання 5,00% → 7,00% (альфа 0,05, потужність 80%): контрольна група 1 222, кожен "
          "варіант (усього 1) 10 993; аудиторія щонайменше 12 220 за контрольної групи 10%.",
    "ru": "Чтобы обнаружить рост 5,00 % → 7,00 % (альфа 0,05, мощность 80 %): контрольная группа 1 222, "
          "каждый вариант (всего 1) 10 993; аудитория не меньше 12 220 при контрольной группе 10 %.",
    "en": "To detect 5.00% → 7.00% (alpha 0.05, power 80%): holdout 1,222, each of 1 variant(s) 10,993; "
          "audience of at least 12,220 with a 10% holdout.",
}  # fmt: skip


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_a_sample_size_is_said_in_the_workspaces_language(shops, lang):
    """`experiments size` opens no workspace: its sentence was English, with English numbers ("1,222"), in a
    uk or ru workspace; now worded as the workspace's other summaries are (its own refusals: REFUSED)."""
    ws, _ = shops[lang]
    done = ok("-w", ws, "experiments", "size", "--baseline", "0.05", "--mde", "0.02", wide=True)
    assert done.stdout == ""
    said = " ".join(done.stderr.replace("\xa0", " ").replace("\u202f", " ").split())
    assert said == SAMPLE_SIZE[lang]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_sample_size_takes_the_workspace_after_the_command_name(shops, lang):
    """-w is taken before or after a command's name (README): `experiments size ... -w WS` was refused
    with "No such option: -w", the only command with a workspace that did not take it there."""
    ws, _ = shops[lang]
    done = ok("experiments", "size", "--baseline", "0.05", "--mde", "0.02", "-w", ws, wide=True)
    said = " ".join(done.stderr.replace("\xa0", " ").replace("\u202f", " ").split())
    assert said == SAMPLE_SIZE[lang]


INIT_REFUSED = {
    "uk": 'Помилка: --timezone: невідомий часовий пояс "Mars/Base"; вкажіть назву IANA, як-от Europe/Kyiv, '
          "Europe/Warsaw або UTC",
    "ru": "Ошибка: найдено проблем — 2:\n"
          '  --timezone: неизвестный часовой пояс "Europe/Kyyiv" (возможно, "Europe/Kyiv"?); укажите '
          "название IANA, например Europe/Kyiv, Europe/Warsaw или UTC\n"
          '  --country: неизвестный код страны "XX"; укажите код ISO 3166 alpha-2, например UA, PL, GB',
    "en": 'Error: --currency: must be a 3-letter ISO 4217 code such as UAH, EUR, GBP, not "UAHX"',
}  # fmt: skip


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_init_refuses_a_bad_setting_naming_the_option_typed(tmp_path, lang):
    """`segmint init DIR --timezone Mars/Base` was refused as "Error: [workspace] timezone: …" (the key of
    a settings file that does not exist yet) and in English, though the workspace would be Ukrainian; now
    it names --timezone (--country, --currency) in the language chosen for the new workspace (uk unless
    --language says otherwise), and creates nothing."""
    options = {"uk": ["--timezone", "Mars/Base"],
               "ru": ["--timezone", "Europe/Kyyiv", "--country", "XX", "--language", "ru"],
               "en": ["--currency", "UAHX", "--language", "en"]}[lang]  # fmt: skip
    done = segmint("init", tmp_path / "ws", *options, wide=True)
    assert (done.returncode, done.stdout, done.stderr.strip()) == (1, "", INIT_REFUSED[lang])
    assert not (tmp_path / "ws").exists()


DEDUPE_NOTES = {
    "uk": ["записів — 20: замало для навчання, ймовірності m/u — апріорні",
           "жодні два записи не мають спільного e-mail або телефону з прізвищем: ймовірності m — апріорні, "
           "u оцінено"],
    "ru": ["записей — 20: слишком мало для обучения, вероятности m/u — априорные",
           "никакие две записи не имеют общего e-mail или телефона с фамилией: вероятности m — априорные, "
           "u оценены"],
    "en": ["20 records: too few to train, prior m/u probabilities used",
           "no two records share an e-mail, or a phone and surname: prior m probabilities used, u estimated"],
}  # fmt: skip


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_the_duplicate_searchs_notes_speak_the_workspaces_language(tmp_path, lang):
    """`audit` and `dedupe` ended with the duplicate search's note in English in every workspace ("no two
    records share an e-mail …", on every audit of a base without contacts such as Online Retail's); the
    two notes it gives without an exception's text are now in the workspace's language."""
    for size, note in zip((20, 600), DEDUPE_NOTES[lang], strict=True):
        ws, rows = tmp_path / f"ws{size}", tmp_path / f"customers{size}.csv"
        rows.write_text("customer_id,city\n" + "".join(f"K{i},Kyiv\n" for i in range(size)), encoding="utf-8")
        ok("init", ws, "--language", lang)
        ok("-w", ws, "import", "customers", rows, "--no-refresh")
        for command in ("dedupe", "audit"):
            said = " ".join(ok("-w", ws, command, wide=True).stderr.split())
            assert note in said, (command, said)


def test_init_refuses_a_currency_in_cyrillic_letters(tmp_path):
    """`segmint init DIR --currency грн` (how a Ukrainian analyst writes the hryvnia) made a workspace with
    currency "ГРН": three letters, but no ISO 4217 code (Cyrillic passed str.isalpha). Now refused as any
    other bad code, naming --currency, in the new workspace's language; nothing is created."""
    done = segmint("init", tmp_path / "ws", "--currency", "грн", wide=True)
    said = 'Помилка: --currency: має бути трилітерний код ISO 4217, як-от UAH, EUR, GBP, а не "грн"'
    assert (done.returncode, done.stdout, done.stderr.strip()) == (1, "", said)
    assert not (tmp_path / "ws").exists()
    ok("init", tmp_path / "ws", "--currency", "uah")
    assert 'currency = "UAH"' in (tmp_path / "ws" / "segmint.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_init_refuses_three_letters_that_are_no_iso_currency(tmp_path, lang):
    """`segmint init DIR --currency QQQ` (or the typo UHA) made a workspace whose own orders the import
    then quarantined, every one that states its currency ("unknown currency 'QQQ'"): only the length was
    checked. Now refused against the import's ISO 4217 list, naming --currency; nothing is created."""
    done = segmint("init", tmp_path / "ws", "--currency", "QQQ", "--language", lang, wide=True)
    said = {
        "uk": 'Помилка: --currency: невідома валюта "QQQ"; вкажіть код ISO 4217, як-от UAH, EUR, GBP',
        "ru": 'Ошибка: --currency: неизвестная валюта "QQQ"; укажите код ISO 4217, например UAH, EUR, GBP',
        "en": 'Error: --currency: unknown currency "QQQ"; use an ISO 4217 code such as UAH, EUR, GBP',
    }[lang]
    assert (done.returncode, done.stdout, done.stderr.strip()) == (1, "", said)
    assert not (tmp_path / "ws").exists()


AS_OF_REFUSED = {
    "uk": ["Помилка: --as-of 1990-01-01 раніше за початок даних (",
           "Помилка: --as-of 2999-12-31 пізніше за дату відліку"],
    "ru": ["Ошибка: --as-of 1990-01-01 раньше начала данных (",
           "Ошибка: --as-of 2999-12-31 позже даты отсчёта"],
    "en": ["Error: --as-of 1990-01-01 is before the data starts (",
           "Error: --as-of 2999-12-31 is after the reference date"],
}  # fmt: skip


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_refresh_refuses_an_as_of_outside_the_data_naming_the_option_typed(shops, lang):
    """`refresh --as-of 1990-01-01` (before the data) and `--as-of 2999-12-31` (after the workspace's
    'now') were refused as "as_of … " (the library's and the API's parameter), which no CLI user typed;
    now they name --as-of, in the workspace's language, and nothing is refreshed."""
    ws, _ = shops[lang]
    for day, said in zip(("1990-01-01", "2999-12-31"), AS_OF_REFUSED[lang], strict=True):
        done = segmint("-w", ws, "refresh", "--as-of", day, "--json", wide=True)
        assert done.returncode == 1 and refused(done).startswith(said) and "as_of" not in done.stderr
