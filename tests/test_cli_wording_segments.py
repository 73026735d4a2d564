"""The human output of `init`, the import's progress, `quarantine`, `segments show|create|edit|delete|
export|load|members|movements|transitions`, `refresh`'s progress, `report` and `demo` speaks the
workspace's language (cli/wording.py), with the web UI's and the report's words where they name the same
thing, numbers as the language writes them and nouns in the form their count asks for; an English
workspace reads what it read before, and every text of the CLI exists in en, uk and ru."""

from __future__ import annotations

import functools
import json
import os
import pty
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from tests import cli
from tests.cli import in_order, refused

from segmint.cli import wording
from segmint.families import labels

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# the workspace's language, not the English tests/cli.py asks for by default
ok = functools.partial(cli.ok, language=None, wide=True)
LANGS = ("uk", "ru", "en")


@pytest.fixture(scope="module")
def shops(tmp_path_factory):
    """A workspace per language with the example customers and orders (4 rows quarantined); what `init`
    said. The files are imported once and the database copied to the other languages' workspaces (their
    segmint.toml, all that differs, stays init's own): an import per language was ~8 s more of every
    xdist worker's setup, and no test here reads what the import said."""
    folders = {lang: tmp_path_factory.mktemp(lang) / "ws" for lang in LANGS}
    created = {lang: ok("init", ws, "--language", lang).stderr for lang, ws in folders.items()}
    first, *others = folders.values()
    ok("-w", first, "import", "customers", EXAMPLES / "customers_uk.csv")
    ok("-w", first, "import", "orders", EXAMPLES / "orders_uk.csv")
    for ws in others:
        shutil.copyfile(first / "segmint.duckdb", ws / "segmint.duckdb")
    return {lang: (ws, created[lang]) for lang, ws in folders.items()}


QUARANTINE = {
    "uk": ["Створено робочий простір", "4 рядки в карантині (показано перші 2)", "Файл", "Рядок", "Колонка",
           "Значення", "Причина", "немає customer_id", "невідомий клієнт 'C999'"],
    "ru": ["Создано рабочее пространство", "4 строки в карантине (показаны первые 2)", "Файл", "Строка",
           "Колонка", "Значение", "Причина", "нет customer_id", "неизвестный клиент 'C999'"],
    "en": ["Created workspace", "4 quarantined rows (first 2)", "file", "row", "column", "value", "reason",
           "missing customer_id", "unknown customer 'C999' (import the customers first, or use"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_init_and_the_quarantine_speak_the_workspaces_language(shops, lang):
    """The quarantine's reasons worded from their codes, as the web UI's import page words them."""
    ws, created = shops[lang]
    shown = ok("-w", ws, "quarantine", "--limit", "2").stderr
    assert in_order(created + shown, QUARANTINE[lang]), created + shown


SEGMENTS = {
    "uk": {
        "create": ["Створено динамічний сегмент Big: 1 учасник", "Створено статичний сегмент Two: 2 учасники",
                   "Створено статичний сегмент Five: 5 учасників", "Змінено сегмент Big: 1 учасник"],
        "show": ["Big (динамічний)", "опис: великі", "правило: total_spent > 1000", "створено:", "змінено:",
                 "історія: 1 дата, ", "перебування (поточні враховано до останнього оновлення)", "Група",
                 "Учасників зараз", "Перебувань", "Тривають", "Днів у середньому", "Медіана днів",
                 "Найдовше, днів", "у сегменті", "rfm (вбудована родина)"],
        "files": ["Записано 3 визначення сегментів у", "без змін: Big",
                  "примітка: жодне оновлення не обчислювало Big на 2020-01-01: його історія починається",
                  "Big: записано 0 учасників у"],
        "moves": ["Big: входів 1, виходів 0", "Дата", "Рух", "Клієнт", "увійшов",
                  "примітка: жодне оновлення не обчислювало rfm на 2020-01-01: усі — у групі (немає)",
                  "B показує його стан на", "rfm: клієнти за групами на A = 2020-01-01 і B = 2030-01-01",
                  "(немає)"],
        "narrow": ["Частка", "67%", "(ширший термінал покаже матрицю"],
        "delete": ["Видалено сегмент Two"],
    },
    "ru": {
        "create": ["Создан динамический сегмент Big: 1 участник",
                   "Создан статический сегмент Two: 2 участника",
                   "Создан статический сегмент Five: 5 участников", "Изменён сегмент Big: 1 участник"],
        "show": ["Big (динамический)", "описание: великі", "правило: total_spent > 1000", "создан:",
                 "изменён:", "история: 1 дата, ", "пребывания (текущие учтены до последнего обновления)",
                 "Группа", "Участников сейчас", "Пребываний", "Продолжаются", "Дней в среднем",
                 "Медиана дней", "Дольше всего, дней", "в сегменте", "rfm (встроенное семейство)"],
        "files": ["Записано 3 определения сегментов в", "без изменений: Big",
                  "примечание: ни одно обновление не вычисляло Big на 2020-01-01: его история начинается",
                  "Big: записано 0 участников в"],
        "moves": ["Big: входов 1, выходов 0", "Дата", "Движение", "Клиент", "вошёл",
                  "примечание: ни одно обновление не вычисляло rfm на 2020-01-01: все — в группе (нет)",
                  "B показывает его состояние на",
                  "rfm: клиенты по группам на A = 2020-01-01 и B = 2030-01-01", "(нет)"],
        "narrow": ["Доля", "67\u00a0%", "(более широкий терминал покажет"],
        "delete": ["Удалён сегмент Two"],
    },
    "en": {
        "create": ["Created dynamic segment Big: 1 member", "Created static segment Two: 2 members",
                   "Created static segment Five: 5 members", "Updated Big: 1 member"],
        "show": ["Big (dynamic)", "description: великі", "rule: total_spent > 1000", "created_at:",
                 "updated_at:", "history: 1 date, ", "stays (ongoing ones counted up to the last refresh)",
                 "group", "members now", "stays", "ongoing", "mean days", "median days", "longest",
                 "in the segment", "rfm (built-in family)"],
        "files": ["Wrote the 3 segment definitions to", "unchanged: Big",
                  "note: no refresh computed Big on 2020-01-01: its history starts on",
                  "Wrote 0 members of Big to"],
        "moves": ["Big: 1 entered, 0 left", "date", "movement", "customer", "entered",
                  "note: no refresh computed rfm on 2020-01-01: everyone is (none)", "B shows it as of",
                  "rfm: customers by group on A = 2020-01-01 and B = 2030-01-01", "(none)"],
        "narrow": ["share", "67%", "(a wider terminal shows the matrix"],
        "delete": ["Deleted segment Two"],
    },
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_the_segments_commands_speak_the_workspaces_language(shops, tmp_path, lang):
    """create, edit, show, export, load, members, movements, transitions and delete, with the count's
    noun in its form (1 учасник, 2 учасники, 5 учасників; 1 member, 2 members: English said "1 members")."""
    ws, _ = shops[lang]
    words = SEGMENTS[lang]
    created = "".join(
        ok("-w", ws, "segments", *args).stderr
        for args in (
            ("create", "Big", "--rule", "total_spent > 1000"),
            ("create", "Two", "--members", "C001,C002"),
            ("create", "Five", "--members", "C001,C002,C003,C004,C005"),
            ("edit", "Big", "--description", "великі"),
        )
    )
    assert in_order(created, words["create"]), created
    shown = ok("-w", ws, "segments", "show", "Big").stderr + ok("-w", ws, "segments", "show", "rfm").stderr
    assert in_order(shown, words["show"]), shown
    assert not re.search(r"\d\d:\d\d:\d\d\.\d", shown), shown  # times to the second, not the microsecond
    exported = tmp_path / "segments.yaml"
    files = (
        ok("-w", ws, "segments", "export", "-o", exported).stderr
        + ok("-w", ws, "segments", "load", exported).stderr
        + ok("-w", ws, "segments", "members", "Big", "-o", tmp_path / "m.csv", "--as-of", "2020-01-01").stderr
    )
    assert in_order(files, words["files"]), files
    transitions = ("segments", "transitions", "rfm", "--from", "2020-01-01", "--to", "2030-01-01")
    moves = ok("-w", ws, "segments", "movements", "Big", "--from", "2020-01-01").stderr
    moves += ok("-w", ws, *transitions).stderr
    assert in_order(moves, words["moves"]), moves
    narrow = cli.ok("-w", ws, *transitions, language=None, columns=40).stderr  # one line per pair of groups
    assert in_order(narrow, words["narrow"]), narrow
    deleted = ok("-w", ws, "segments", "delete", "Two").stderr
    assert in_order(deleted, words["delete"]), deleted


REPORT = {
    "uk": ["Складаємо звіт…", "Звіт segmint станом на", "Клієнти", "клієнтів, що купували",
           "покупок за весь час", "виручка за весь час", "середній чек за весь час", "розділів із вмістом",
           "Кластери та персони покупців: Кластеризації ще немає", "Записано",
           "МБ); відкрийте його в браузері."],
    "ru": ["Составляем отчёт…", "Отчёт segmint на", "Клиенты", "клиентов, которые покупали",
           "покупок за всё время", "выручка за всё время", "средний чек за всё время",
           "разделов с содержимым", "Кластеры и персоны покупателей: Кластеризации ещё нет", "Записан",
           "МБ); откройте его в браузере."],
    "en": ["Writing the report…", "segmint report, as of", "customers", "customers who bought",
           "purchases to date", "revenue to date", "average order value to date", "sections with content",
           "Clusters and buyer personas: No clustering yet", "Written", "MB); open it in a browser."],
}  # fmt: skip


def in_a_terminal(*args, language: str | None) -> str:
    """What `segmint ARGS` shows on a terminal (stderr a pseudo-terminal, so Rich draws its spinners and
    progress labels; a pipe gets none of them), as text without the terminal's colours and moves."""
    parent, child = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key != "SEGMINT_LANGUAGE"}
    env.update({"TERM": "xterm", "COLUMNS": "1000"}, **({"SEGMINT_LANGUAGE": language} if language else {}))
    done = subprocess.Popen(
        [sys.executable, "-m", "segmint", *map(str, args)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=child, env=env,
    )  # fmt: skip
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # the command ended and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(parent)
    assert done.wait(timeout=600) == 0, shown
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode("utf-8", "replace"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_summary_speaks_the_workspaces_language(shops, tmp_path, lang):
    """The summary's labels are the report page's own, its empty sections named by their titles; the
    spinner's label is the last thing a spinner draws, so it is there whatever the timing."""
    ws, _ = shops[lang]
    shown = in_a_terminal("-w", ws, "report", "-o", tmp_path / "report.html", language=None)
    assert in_order(shown, REPORT[lang]), shown


PROGRESS = {
    "uk": ["оновлення сегментів після customers_uk.csv", "Оновлено станом на", "Оновлюємо сегменти…"],
    "ru": ["обновление сегментов после customers_uk.csv", "Обновлено на", "Обновляем сегменты…"],
    "en": ["refreshing the segments after customers_uk.csv", "Refreshed as of", "Refreshing segments…"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_progress_labels_speak_the_workspaces_language(tmp_path, lang):
    """The import's last step (the refresh after it) and `refresh`'s spinner, as a terminal shows them."""
    ws = tmp_path / "ws"
    ok("init", ws, "--language", lang)
    shown = in_a_terminal("-w", ws, "import", "customers", EXAMPLES / "customers_uk.csv", language=None)
    shown += in_a_terminal("-w", ws, "refresh", language=None)
    assert in_order(shown, PROGRESS[lang]), shown


DEMO = {
    "uk": ["Демонстраційний робочий простір", "Клієнти", "нечіткі дублікати записів", "Замовлення",
           "виконано", "замовлення гостей", "позиції замовлень", "виручка (виконані, UAH)", "замовлення від",
           "замовлення до", "товари", "у 10 категоріях", "категорії: ", "Події", "Тип події", "Кількість",
           "Справжні параметри (одиниця часу: 7 днів)", "Модель", "Параметри", "період спостереження",
           "Справжні значення записано в", "Побудовано за", "Оновлено станом на", "Далі: segmint audit"],
    "ru": ["Демонстрационное рабочее пространство", "Клиенты", "нечёткие дубликаты записей", "Заказы",
           "выполнен", "заказы гостей", "позиции заказов", "выручка (выполненные, UAH)", "заказы с",
           "заказы по", "товары", "в 10 категориях", "категории: ", "События", "Тип события", "Количество",
           "Истинные параметры (единица времени: 7 дней)", "Модель", "Параметры", "период наблюдения",
           "Истинные значения записаны в", "Построено за", "Обновлено на", "Далее: segmint audit"],
    "en": ["Demo workspace", "customers", "near-duplicate records", "orders", "completed", "guest orders",
           "order items", "revenue (completed, UAH)", "orders from", "orders to", "products",
           "in 10 categories", "categories: ", "Events", "type", "count",
           "True parameters (time unit: 7 days)", "model", "parameters", "window", "Truth recorded in",
           "Built in", "Refreshed as of", "Next: segmint audit"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_the_demo_speaks_its_workspaces_language(tmp_path, lang):
    """The demo workspace is Ukrainian (the default settings), so is what `segmint demo` says;
    $SEGMINT_LANGUAGE chooses another."""
    shown = cli.ok("demo", tmp_path / "demo", "--customers", "100", language=None if lang == "uk" else lang,
                   wide=True).stderr  # fmt: skip
    assert in_order(shown, DEMO[lang]), shown


def test_every_text_exists_in_english_ukrainian_and_russian():
    """Every key of the CLI's TEXTS has an English text and a Ukrainian and Russian one (its own or the web
    UI's, WEB) with the same {names} (English may leave out one a language needs, as a noun's form); a
    noun for counts lists the forms form() reads."""
    names = string.Formatter()
    for key in wording.TEXTS:
        texts = {lang: wording.text(key, lang) for lang in LANGS}
        fields = {lang: {f for _, f, _, _ in names.parse(t) if f is not None} for lang, t in texts.items()}
        assert fields["uk"] == fields["ru"] >= fields["en"], (key, texts)
        assert all(t.strip() for t in texts.values()), (key, texts)
        assert key in wording.WEB or {"uk", "ru"} <= set(wording.TEXTS[key]), key
        if key.startswith("n_"):  # form() reads one|few|many in uk and ru, one|other in English
            forms = {lang: len(written.split("|")) for lang, written in texts.items()}
            assert forms["uk"] == forms["ru"] == 3 and forms["en"] in (1, 2), (key, texts)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("uk", ["1 учасник", "2 учасники", "5 учасників", "11 учасників", "21 учасник", "1 дата", "3 дати",
                "5 дат", "у 1 категорії", "у 2 категоріях", "у 5 категоріях", "1 рядок у карантині",
                "3 рядки в карантині", "12 рядків у карантині"]),
        ("ru", ["1 участник", "2 участника", "5 участников", "11 участников", "21 участник", "1 дата",
                "3 даты", "5 дат", "в 1 категории", "в 2 категориях", "в 5 категориях",
                "1 строка в карантине", "3 строки в карантине", "12 строк в карантине"]),
        ("en", ["1 member", "2 members", "5 members", "11 members", "21 members", "1 date", "3 dates",
                "5 dates", "in 1 category", "in 2 categories", "in 5 categories", "1 quarantined row",
                "3 quarantined rows", "12 quarantined rows"]),
    ],
)  # fmt: skip
def test_the_nouns_after_a_count_follow_cldr(lang, words):
    """English too: "Created static segment S: 1 members" had one form for every count."""
    prep = {"uk": "у", "ru": "в", "en": "in"}[lang]
    wording.use(lang)
    try:
        written = [f"{n} {wording.form('n_members', n)}" for n in (1, 2, 5, 11, 21)]
        written += [f"{n} {wording.form('n_dates', n)}" for n in (1, 3, 5)]
        written += [f"{prep} {n} {wording.form('n_categories', n)}" for n in (1, 2, 5)]
        written += [f"{n} {wording.form('n_quarantined_rows', n)}" for n in (1, 3, 12)]
    finally:
        wording.use("en")
    assert written == words


@pytest.mark.parametrize("lang", LANGS)
def test_a_familys_stays_fit_an_80_column_terminal(shops, lang):
    """`segments show rfm` in 80 columns: the stays table would not fit (the uk and ru headers alone need
    more), and Rich would cut group names and headers to "Champio…"; each group gets a line of its own
    instead, its figures named under it, no line wider than the terminal and nothing cut."""
    ws, _ = shops[lang]
    stays = json.loads(cli.ok("-w", ws, "segments", "show", "rfm", "--json").stdout)["stays"]
    assert stays, "the example shop has RFM history"
    shown = cli.ok("-w", ws, "segments", "show", "rfm", language=None, columns=80).stderr
    lines = shown.splitlines()
    title = wording.text("stays_title", lang)
    assert "…" not in shown[shown.index(title) :], shown  # (the history's dates before it are a range)
    assert all(len(line) <= 80 for line in lines), shown
    names = [line.strip() for line in lines]
    groups = [labels.shown("rfm", row["group_name"], lang) for row in stays]  # uk: Чемпіони (Champions)
    assert groups == [n for n in names if n in set(groups)]
    headers = [wording.text(key, lang).lower() for key in ("col_members_now", "col_ongoing", "col_longest")]
    assert in_order(shown, [groups[0], *headers, groups[-1]]), shown


@pytest.mark.parametrize("lang", LANGS)
def test_a_tables_title_is_not_broken_over_lines_in_80_columns(shops, lang):
    """The title over a table narrower than it (a family's two columns in `segments list`, the matrix of
    `segments transitions`, the table of `segments movements`) is one line in an 80-column terminal. Rich
    wrapped it at the table's width: "rfm_simple (станом на" over "2010-12-09)", and on the UCI data
    "Чемпіони: входів 2 795, виходів 2" over "327" (the no-break space inside a number is a space to it)."""
    ws, _ = shops[lang]
    listed = json.loads(cli.ok("-w", ws, "segments", "list", "--json").stdout)
    text = functools.partial(wording.text, lang=lang)
    moved = cli.ok("-w", ws, "segments", "movements", "rfm", "--from", "2020-01-01", "--json")
    moves = json.loads(moved.stdout)
    titles = [text("family_title").format(family=f["name"], date=f["as_of"]) for f in listed["families"]]
    titles += [
        text("transitions_title").format(family="rfm", start="2020-01-01", end="2030-01-01"),
        text("movements_title").format(name="rfm", entered=moves["entered"], left=moves["left"]),
    ]
    shown = cli.ok("-w", ws, "segments", "list", language=None, columns=80).stderr
    for args in (("transitions", "rfm", "--from", "2020-01-01", "--to", "2030-01-01"),
                 ("movements", "rfm", "--from", "2020-01-01")):  # fmt: skip
        shown += cli.ok("-w", ws, "segments", *args, language=None, columns=80).stderr
    lines = shown.splitlines()
    assert all(len(line) <= 80 for line in lines), shown
    for title in titles:
        assert any(title in line for line in lines), (title, shown)


BACKFILLED = {
    "uk": "Оновлено станом на 2024-03-31 … 2024-05-22 (3 дати): клієнтів",
    "ru": "Обновлено на 2024-03-31 … 2024-05-22 (3 даты): клиентов",
    "en": "Refreshed as of 2024-03-31 … 2024-05-22 (3 dates):",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_backfills_summary_names_its_dates_as_a_span_with_their_count(tmp_path, lang):
    """`refresh --backfill monthly` said "Оновлено станом на дат: 3, 2024-03-31 … 2024-05-22" (en "as of 3
    dates, …"): the span first, then how many dates, the noun in its form."""
    ws = tmp_path / "ws"
    ok("init", ws, "--language", lang)
    ok("-w", ws, "import", "customers", EXAMPLES / "customers_uk.csv", "--no-refresh")
    ok("-w", ws, "import", "orders", EXAMPLES / "orders_uk.csv", "--no-refresh")
    said = ok("-w", ws, "refresh", "--backfill", "monthly").stderr
    assert BACKFILLED[lang] in said, said


BACKWARDS = {
    "uk": "Помилка: --from 2025-06-01 пізніше за --to 2025-01-01: ранішу дату вкажіть у --from",
    "ru": "Ошибка: --from 2025-06-01 позже, чем --to 2025-01-01: более раннюю дату укажите в --from",
    "en": "Error: --from 2025-06-01 is after --to 2025-01-01: give the earlier date to --from",
}


@pytest.mark.parametrize("lang", LANGS)
def test_transitions_and_movements_refuse_from_after_to_naming_both_dates(shops, lang):
    """`segments transitions rfm --from D1 --to D2` with D1 after D2 answered with a matrix (B against an
    earlier A, as if time ran backwards), status 0; movements said the library's "the end … is before
    the start …". Both now refuse it naming --from and --to with their dates, in the workspace's
    language (on stdout, under --json, as the refusal's JSON document); the same dates in order are
    answered."""
    ws, _ = shops[lang]
    for command in ("transitions", "movements"):
        for to in ("2025-01-01", "01.01.2025"):
            done = cli.segmint("-w", ws, "segments", command, "rfm", "--from", "2025-06-01", "--to", to,
                               "--json", language=None, wide=True)  # fmt: skip
            assert (done.returncode, refused(done).strip()) == (1, BACKWARDS[lang]), command
        forward = ("-w", ws, "segments", command, "rfm", "--from", "2025-01-01", "--to", "2025-06-01")
        assert json.loads(ok(*forward, "--json").stdout)["from"] == "2025-01-01", command


REFUSED_IDS_AND_DATES = {
    "uk": ["Помилка: ідентифікатор клієнта номер 2 у списку порожній",
           "Помилка: --from 2030-01-01 пізніше за останню дату, на яку оновлення обчислювало rfm ({last}, "
           "типове значення --to): вкажіть --to ДАТА"],
    "ru": ["Ошибка: идентификатор клиента номер 2 в списке пустой",
           "Ошибка: --from 2030-01-01 позже последней даты, на которую обновление вычисляло rfm ({last}, "
           "значение --to по умолчанию): укажите --to ДАТА"],
    "en": ["Error: customer id number 2 of the list is empty",
           "Error: --from 2030-01-01 is after the last date a refresh computed rfm on ({last}, the default "
           "of --to): give --to DATE"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_id_and_a_from_after_the_default_to_are_refused_in_the_workspaces_language(shops, lang):
    """A stray comma in --members was dropped without a word, where the library refuses an empty id with
    its position (ids.empty, worded as the web UI words it); `transitions` without --to was Typer's usage
    box with status 2 and now takes the last computed date, a --from after it refused naming that date."""
    ws, _ = shops[lang]
    empty, after = REFUSED_IDS_AND_DATES[lang]
    done = cli.segmint("-w", ws, "segments", "create", "Stray", "--members", "C001,,C002", language=None,
                       wide=True)  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr.strip()) == (1, "", empty)
    last = json.loads(ok("-w", ws, "segments", "show", "rfm", "--json").stdout)["dates"][-1]
    done = cli.segmint("-w", ws, "segments", "transitions", "rfm", "--from", "2030-01-01", language=None,
                       wide=True)  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr.strip()) == (1, "", after.format(last=last))
    matrix = json.loads(ok("-w", ws, "segments", "transitions", "rfm", "--from", "2024-01-01",
                           "--json").stdout)  # fmt: skip
    assert matrix["to"] == matrix["computed_on"]["to"] == last


FIRST_ENTRIES = {
    "uk": "примітка: історія Since починається {date}: входи того дня — її перше обчислення, а не рух",
    "ru": "примечание: история Since начинается {date}: входы в тот день — её первое вычисление, а не "
          "движение",
    "en": "note: the history of Since starts on {date}: the entries that day are its first computation, "
          "not moves",
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_movements_say_where_the_history_starts_when_the_span_holds_its_first_date(shops, lang):
    """`segments movements SEGMENT --from D` over the day its history starts listed everyone in it as
    "entered" that day (356 of a new segment on Online Retail) with no word that this is its first
    computation, not a move (`show` and `transitions` say it); now a note says so, and refresh
    --backfill/--as-of computes earlier dates. A span after that day has no note."""
    ws, _ = shops[lang]
    ok("-w", ws, "segments", "create", "Since", "--rule", "total_spent > 0")
    first = json.loads(ok("-w", ws, "segments", "show", "Since", "--json").stdout)["dates"][0]
    said = " ".join(ok("-w", ws, "segments", "movements", "Since", "--from", "2000-01-01").stderr.split())
    assert FIRST_ENTRIES[lang].format(date=first) in said, said
    later = ok("-w", ws, "segments", "movements", "Since", "--from", first, "--to", first).stderr
    assert FIRST_ENTRIES[lang].format(date=first)[:20] in " ".join(later.split())
    after = ok("-w", ws, "segments", "movements", "Since", "--from", "2999-01-01").stderr
    assert FIRST_ENTRIES[lang][:12] not in after, after


def test_transitions_write_a_share_under_half_a_percent_as_under_one_percent(tmp_path, shared_data):
    """On Online Retail II, 2 of the 414 Champions of 2010-06-30 are in Need Attention on 2010-12-09: the
    list of moves (the matrix is too wide for the terminal) gave their share of A as "0%" beside the count
    2; now "<1%" (uk), and no share of a move with customers in it reads 0%."""
    ws = tmp_path / "retail"
    ok("init", ws, "--currency", "GBP", "--timezone", "Europe/London", "--country", "GB")
    data = shared_data / "online_retail_ii" / "online_retail_ii_2009_2010.parquet"
    ok("-w", ws, "import", "orders", data, "--preset", "online-retail")  # refreshed as of 2010-12-09
    ok("-w", ws, "refresh", "--as-of", "2010-06-30")
    span = ("--from", "2010-06-30", "--to", "2010-12-09")
    matrix = json.loads(ok("-w", ws, "segments", "transitions", "rfm", *span, "--json").stdout)
    a, b = matrix["groups"].index("Champions"), matrix["groups"].index("Need Attention")
    assert (matrix["matrix"][a][b], sum(matrix["matrix"][a])) == (2, 414)
    shown = cli.ok("-w", ws, "segments", "transitions", "rfm", *span, language=None, columns=120).stderr
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in shown.splitlines() if "│" in line]
    # uk: Чемпіони (Champions), the label and the key (families/labels.py)
    named = [labels.shown("rfm", group, "uk") for group in ("Champions", "Need Attention")]
    assert [*named, "2", "<1%"] in rows, shown
    assert all(row[3] != "0%" for row in rows if len(row) == 4), shown


def test_segments_load_reads_a_yaml_file_saved_as_windows_1251(shops, tmp_path):
    """A definitions file edited in a Windows editor that saves ANSI (Windows-1251 in Ukraine) was refused:
    "це не текст UTF-8 (invalid continuation byte, байт 11)", with Python's English words in it, though a
    members file in the same encoding is read. Now read as Windows-1251 when it is not UTF-8; the names
    and rules land as written."""
    ws, _ = shops["uk"]
    yaml = "segments:\n- name: Сплячі Київ\n  description: Великі, що заснули\n  rule: total_spent > 1000\n"
    saved = tmp_path / "ansi.yaml"
    saved.write_bytes(yaml.encode("cp1251"))
    loaded = json.loads(ok("-w", ws, "segments", "load", saved, "--json").stdout)
    assert loaded == {"Сплячі Київ": "created"}
    shown = json.loads(ok("-w", ws, "segments", "show", "Сплячі Київ", "--json").stdout)
    assert (shown["description"], shown["rule"]) == ("Великі, що заснули", "total_spent > 1000")


def test_movements_json_gives_its_dates_as_dates_however_typed(shops):
    """`segments movements rfm --from 01.12.2010 --json` gave "from": "01.12.2010" (the text as typed, a
    leading space kept), where transitions gives "2010-12-01": a script reading both got two formats."""
    ws, _ = shops["uk"]
    span = ("--from", "01.01.2025", "--to", " 01.06.2025")
    moved = json.loads(ok("-w", ws, "segments", "movements", "rfm", *span, "--json").stdout)
    matrix = json.loads(ok("-w", ws, "segments", "transitions", "rfm", *span, "--json").stdout)
    assert (moved["from"], moved["to"]) == (matrix["from"], matrix["to"]) == ("2025-01-01", "2025-06-01")
    opened = json.loads(ok("-w", ws, "segments", "movements", "rfm", "--from", "01.01.2025", "--json").stdout)
    assert (opened["from"], opened["to"]) == ("2025-01-01", None)


AFTER_NOW = {
    "uk": ("примітка: 2999-01-01 пізніше за дату відліку {now} («сьогодні» робочого простору): ",
           "; пізнішої дати жодне оновлення не обчислює"),
    "ru": ("примечание: 2999-01-01 позже даты отсчёта {now} («сегодня» рабочего пространства): ",
           "; более позднюю дату ни одно обновление не вычисляет"),
    "en": ("note: 2999-01-01 is after the workspace's reference date {now} (its 'now'): ",
           "; no refresh computes a later date"),
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_a_date_after_the_workspaces_now_is_not_sent_to_refresh_as_of(shops, lang):
    """`segments transitions rfm --to 2999-01-01` and `members rfm --as-of 2999-01-01` noted "`segmint
    refresh --as-of 2999-01-01` … fills that date in", a command that is refused (after the reference
    date); now the note says the date is after the workspace's 'now', which no refresh computes."""
    ws, _ = shops[lang]
    now = json.loads(ok("-w", ws, "segments", "show", "rfm", "--json").stdout)["dates"][-1]
    head, tail = (part.format(now=now) for part in AFTER_NOW[lang])
    for args in (("transitions", "rfm", "--from", now, "--to", "2999-01-01"),
                 ("members", "rfm", "--group", "Lost", "--as-of", "2999-01-01", "-o", "-")):  # fmt: skip
        said = " ".join(ok("-w", ws, "segments", *args).stderr.split())
        assert head in said and tail in said and "--as-of 2999-01-01" not in said, said
