"""The human output of `kpis`, `audit`, `dedupe`, `campaigns`, `triggers` and `clusters` speaks the
workspace's language (cli/wording.py), with the web UI's words where it names the same thing, numbers as
the language writes them and nouns in the form their count asks for; an English workspace reads what it
read before."""

from __future__ import annotations

import functools
import re
import shutil

import pytest
from tests import cli

from segmint.cli import wording
from segmint.playbook.load import builtin

# the workspace's language, not the English tests/cli.py asks for by default
ok = functools.partial(cli.ok, language=None, wide=True)
LANGS = ("uk", "ru", "en")


def in_order(text: str, words: list[str]) -> bool:
    """Every one of `words` in `text`, each after the one before."""
    at = 0
    for word in words:
        at = text.find(word, at)
        if at < 0:
            return False
        at += len(word)
    return True


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small demo shop (refreshed; it has suspected duplicates) in a workspace per language."""
    root = tmp_path_factory.mktemp("demo")
    cli.ok("demo", root / "uk", "--customers", "300")
    for lang in ("ru", "en"):
        shutil.copytree(root / "uk", root / lang)
        settings = root / lang / "segmint.toml"
        settings.write_text(
            settings.read_text(encoding="utf-8").replace('language = "uk"', f'language = "{lang}"'),
            encoding="utf-8",
        )
    return root


KPIS = {
    "uk": ["KPI за період", "(365 днів)", "Сегмент", "Розмір", "Частка бази", "Виручка", "Частка виручки",
           "Середній чек", "Замовлень на покупця", "Усі клієнти", "Днів між замовленнями", "Конверсія",
           "Відтік", "CLV за весь час", "CLV на 12 місяців", "NPS", "ROI:", "Рекомендації", "Група",
           "Стратегія", "Канал", "rfm:Champions проти rfm:Loyal", "Різниця", "Частка покупок зі знижкою",
           "Утримання когорт", "Когорта", "Клієнти", "М0", "Висновки"],
    "ru": ["KPI за период", "(365 дней)", "Сегмент", "Размер", "Доля базы", "Выручка", "Доля выручки",
           "Средний чек", "Заказов на покупателя", "Все клиенты", "Дней между заказами", "Конверсия",
           "Отток", "CLV за всё время", "CLV на 12 месяцев", "NPS", "ROI:", "Рекомендации", "Группа",
           "Стратегия", "Канал", "rfm:Champions против rfm:Loyal", "Разница", "Доля покупок со скидкой",
           "Удержание когорт", "Когорта", "Клиенты", "М0", "Выводы"],
    "en": ["KPIs", "(365 days)", "Segment", "Size", "Share", "Revenue", "Rev. share", "AOV", "Orders/buyer",
           "All customers", "Days between", "Conversion", "Churn", "CLV to date", "CLV 12m", "NPS", "ROI:",
           "Playbook", "Group", "Strategy", "Channel", "rfm:Champions vs rfm:Loyal", "Difference",
           "discount_share", "Cohort retention", "Cohort", "Customers", "M0", "Insights"],
}  # fmt: skip
# a share of the base as each language writes a percentage (CLDR: uk 12,5%, ru 12,5 %; English 12.5%)
PERCENT = {"uk": r"\d,\d%", "ru": "\\d,\\d\u00a0%", "en": r"\d\.\d%"}


@pytest.mark.parametrize("lang", LANGS)
def test_kpis_speak_the_workspaces_language(demo, lang):
    shown = ok("-w", demo / lang, "kpis", "--insights", "--cohorts", "--compare", "rfm:Champions",
               "rfm:Loyal").stderr  # fmt: skip
    assert in_order(shown, KPIS[lang]), shown
    assert re.search(PERCENT[lang], shown), shown
    strategy = builtin().get("rfm", "Champions").as_dict(lang)["strategy"]
    assert strategy[:40] in shown, shown  # the playbook in the language of the rest


@pytest.mark.parametrize(("lang", "days", "words"), [
    ("uk", 1, "(1 день)"), ("uk", 22, "(22 дні)"), ("uk", 25, "(25 днів)"), ("uk", 31, "(31 день)"),
    ("ru", 1, "(1 день)"), ("ru", 22, "(22 дня)"), ("ru", 25, "(25 дней)"), ("ru", 111, "(111 дней)"),
    ("en", 1, "(1 days)"), ("en", 22, "(22 days)"),
])  # fmt: skip
def test_a_count_takes_the_form_its_number_asks_for(demo, lang, days, words):
    """Ukrainian and Russian nouns after a count: one, few or many by CLDR's rules (English keeps its
    old words, "1 days" included)."""
    shown = ok("-w", demo / lang, "kpis", "--days", days).stderr
    assert words in shown.splitlines()[0], shown


def test_the_plural_forms_follow_cldr():
    written = {}
    for lang in ("uk", "ru", "en"):
        wording.use(lang)
        written[lang] = [wording.form("n_customers", n) for n in (1, 2, 5, 11, 21, 22, 100, 1001)]
    wording.use("en")
    assert written["uk"] == ["клієнт", "клієнти", "клієнтів", "клієнтів", "клієнт", "клієнти", "клієнтів",
                             "клієнт"]  # fmt: skip
    assert written["ru"] == ["клиент", "клиента", "клиентов", "клиентов", "клиент", "клиента", "клиентов",
                             "клиент"]  # fmt: skip
    assert written["en"] == ["customer"] + ["customers"] * 7


AUDIT = {
    "uk": [r"\d+ клієнт(и|ів)?, ", r"замовлен(ня|ь) \(\d+,\d% гостьових\)", "Заповненість полів клієнтів",
           "Поле", "Заповнено", "Частка", "Неактивні контакти:", r"за 365 днів до",
           "ніколи не були активними:",
           r"Імовірні дублікати при p ≥ 0,8: груп — \d+", "перевірено клієнтів —",
           "Найбільші / найпевніші групи", "Група", "Код клієнта", "Ім’я", "Email", "Телефон", "Місто"],
    "ru": [r"\d+ клиент(а|ов)?, ", r"заказ(а|ов)? \(\d+,\d\u00a0% гостевых\)", "Заполненность полей клиентов",
           "Поле", "Заполнено", "Доля", "Неактивные контакты:", "за 365 дней до", "никогда не были активны:",
           r"Вероятные дубликаты при p ≥ 0,8: групп — \d+", "проверено клиентов —",
           "Самые крупные / самые вероятные группы", "Группа", "Код клиента", "Имя", "Email", "Телефон",
           "Город"],
    "en": [r"\d+ customers, ", r"orders \(\d+\.\d% guest\)", "Completeness of customer fields", "field",
           "filled", "share", "Stale contacts:", "in 365 days before", "never active.",
           r"Suspected duplicates at p ≥ 0\.8: \d+ clusters", "among", "Largest / most certain clusters",
           "cluster", "customer_id", "name", "email", "phone", "city"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_audit_speaks_the_workspaces_language(demo, lang):
    shown = ok("-w", demo / lang, "audit").stderr
    assert re.search(".*?".join(f"(?:{w})" for w in AUDIT[lang]), shown, re.S), shown


MERGE = {
    "uk": ["Щоб об’єднати їх, запустіть із --apply", "Об’єднано записів:", "основних записів:",
           "Скасувати: segmint dedupe --undo", "Скасовано", "відновлено записів:", "Об’єднання",
           "Код об’єднання", "Записів об’єднано"],
    "ru": ["Чтобы объединить их, запустите с --apply", "Объединено записей:", "основных записей:",
           "Отменить: segmint dedupe --undo", "Отменено", "восстановлено записей:", "Объединения",
           "Код объединения", "Записей объединено"],
    "en": ["Run with --apply to merge them", "Merged", "survivors", "Undo with segmint dedupe --undo",
           "Undid", "records live again", "Merges", "merge_id", "records merged"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_dedupe_merge_undo_and_history_speak_the_workspaces_language(demo, tmp_path, lang):
    ws = shutil.copytree(demo / lang, tmp_path / "ws")
    listed = ok("-w", ws, "dedupe").stderr
    merged = ok("-w", ws, "dedupe", "--apply", "--no-refresh").stderr
    merge_id = re.search(r"--undo (\S+)", merged).group(1)
    undone = ok("-w", ws, "dedupe", "--undo", merge_id, "--no-refresh").stderr
    history = ok("-w", ws, "dedupe", "--history").stderr
    shown = "\n".join((listed, merged, undone, history))
    assert in_order(shown, MERGE[lang]), shown
