"""The human output of `kpis`, `audit`, `dedupe`, `campaigns`, `triggers` and `clusters` speaks the
workspace's language (cli/wording.py), with the web UI's words where it names the same thing, numbers as
the language writes them and nouns in the form their count asks for; an English workspace reads what it
read before."""

from __future__ import annotations

import functools
import json
import re
import shutil

import pytest
from tests import cli
from tests.campaigns.servers import WebhookSink, configure, webhook_config
from tests.cli import in_order

from segmint.cli import wording
from segmint.playbook.load import builtin

# the workspace's language, not the English tests/cli.py asks for by default
ok = functools.partial(cli.ok, language=None, wide=True)
LANGS = ("uk", "ru", "en")


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
           "Стратегія", "Канал", "Чемпіони (rfm:Champions) проти Лояльні (rfm:Loyal)", "Різниця",
           "Частка покупок зі знижкою",
           "Утримання когорт", "Когорта", "Клієнти", "М0", "Висновки"],
    "ru": ["KPI за период", "(365 дней)", "Сегмент", "Размер", "Доля базы", "Выручка", "Доля выручки",
           "Средний чек", "Заказов на покупателя", "Все клиенты", "Дней между заказами", "Конверсия",
           "Отток", "CLV за всё время", "CLV на 12 месяцев", "NPS", "ROI:", "Рекомендации", "Группа",
           "Стратегия", "Канал", "Чемпионы (rfm:Champions) против Лояльные (rfm:Loyal)", "Разница",
           "Доля покупок со скидкой",
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


CAMPAIGN = {
    "uk": ["Створено кампанію Осінь (sms), одержувачів:", "контрольна група", "варіант", "Тема:",
           "Осінь: у черзі", "за цей запуск: надіслано", "черга надсилання: у черзі 0",
           "Кампанія", "Канал", "Статус", "У черзі", "Надіслано", "З помилкою", "Без відповіді", "надіслано",
           "Осінь (sms, надіслано)", "контрольна група",
           "Сегмент", "Група", "Одержувачі", "Конверсія", "Приріст (95% інтервал)", "p-значення",
           "P(краще за контроль)", "ROI", "Відписалися", "контрольна група", "Усі сегменти",
           "Записано одержувачів:", "(generic, csv)"],
    "ru": ["Создана рассылка Осінь (sms), получателей:", "контрольная группа", "вариант", "Тема:",
           "Осінь: в очереди", "за этот запуск: отправлено", "очередь отправки: в очереди 0",
           "Рассылка", "Канал", "Статус", "В очереди", "Отправлено", "С ошибкой", "Без ответа", "отправлена",
           "Осінь (sms, отправлена)", "контрольная группа",
           "Сегмент", "Группа", "Получатели", "Конверсия", "Прирост (95% интервал)", "p-значение",
           "P(лучше контроля)", "ROI", "Отписались", "контрольная группа", "Все сегменты",
           "Записано получателей:", "(generic, csv)"],
    "en": ["Created campaign Осінь (sms),", "recipients", "holdout", "variant", "Subject:",
           "Осінь: queued", "this run sent", "outbox: queued 0",
           "campaign", "channel", "status", "queued", "sent", "failed", "uncertain", "sent",
           "Осінь (sms, sent)", "holdout",
           "segment", "arm", "recipients", "conversion", "uplift (95% CI)", "p-value", "P(beat)", "ROI",
           "unsubscribed", "holdout", "All segments",
           "Wrote", "recipients to", "(generic, csv)"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_a_campaign_sent_and_measured_speaks_the_workspaces_language(demo, tmp_path, monkeypatch, lang):
    """create, preview, send (to a real webhook on loopback), status of all and of one, results, export."""

    ws = shutil.copytree(demo / lang, tmp_path / "ws")
    monkeypatch.setenv("SEGMINT_TEST_HOOK_SECRET", "hook-secret")
    with WebhookSink("hook-secret") as sink:
        configure(ws, webhook_config(sink.url))
        created = ok("-w", ws, "campaigns", "create", "Осінь", "--channel", "sms", "-t", "rfm:At Risk", "-t",
                     "rfm:Champions", "--body", "{{ name }}, -10%", "--subject", "Знижка").stderr  # fmt: skip
        audience = json.loads(cli.ok("-w", ws, "campaigns", "export", "Осінь", "--format", "json").stdout)
        preview = ok("-w", ws, "campaigns", "preview", "Осінь", "-c", audience[0]["customer_id"]).stderr
        sent = ok("-w", ws, "campaigns", "send", "Осінь").stderr
    listed = ok("-w", ws, "campaigns", "status").stderr
    one = ok("-w", ws, "campaigns", "status", "Осінь").stderr
    results = ok("-w", ws, "campaigns", "results", "Осінь").stderr
    exported = ok("-w", ws, "campaigns", "export", "Осінь", "-o", tmp_path / "audience.csv").stderr
    shown = "\n".join((created, preview, sent, listed, one, results, exported))
    assert in_order(shown, CAMPAIGN[lang]), shown


# a send's [campaigns] settings refused as segmint.toml's own: each problem on its line, worded in full
BAD_SMTP = '[campaigns.smtp]\nhost = "127.0.0.1"\nport = 0\nhots = "smtp.shop.ua"\n'
SETTINGS_REFUSED = {
    "uk": ["знайдено проблем — 2", "рядок {port}, [campaigns.smtp] port: має бути щонайменше 1, а не 0",
           "рядок {hots}, [campaigns.smtp] hots: невідоме налаштування (можливо, 'host'?)"],
    "ru": ["найдено проблем — 2", "строка {port}, [campaigns.smtp] port: должно быть не меньше 1, а не 0",
           "строка {hots}, [campaigns.smtp] hots: неизвестная настройка (возможно, 'host'?)"],
    "en": ["2 problems", "line {port}, [campaigns.smtp] port: must be at least 1, not 0",
           "line {hots}, [campaigns.smtp] hots: unknown setting (did you mean 'host'?)"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_a_campaigns_refused_settings_are_worded_with_their_lines(demo, tmp_path, lang):
    """A typo in [campaigns.smtp] is refused as any segmint.toml problem is: the line and the setting as
    written, what is wrong, in the workspace's language. It read "помилка в налаштуваннях [campaigns]:
    campaigns.smtp.port: Input should be greater than or equal to 1; …", pydantic's English, no line."""
    ws = shutil.copytree(demo / lang, tmp_path / "ws")
    configure(ws, BAD_SMTP)
    lines = (ws / "segmint.toml").read_text(encoding="utf-8").splitlines()
    at = {"port": lines.index("port = 0") + 1, "hots": lines.index('hots = "smtp.shop.ua"') + 1}
    refused = cli.segmint("-w", ws, "campaigns", "create", "Осінь", "-t", "rfm:At Risk", "--body", "x",
                          "--subject", "s", language=None, wide=True)  # fmt: skip
    assert refused.returncode == 1, refused.stderr
    for words in SETTINGS_REFUSED[lang]:
        assert words.format(**at) in refused.stderr, refused.stderr
    assert "Input should" not in refused.stderr


TRIGGERS = {
    "uk": ["Створено тригер «Повернення»", "Тригери", "Тригер", "Коли", "Сегмент або подія", "Затримка",
           "Дія",
           "Діє з", "входить у", "1 день 12 годин", "мітка", "Нових спрацювань:", "опрацьовано: виконано",
           "чекають: 0", "Спрацювання", "Тригер", "Клієнт", "Подія", "Час виконання", "Стан", "Подробиці",
           "виконано", "Видалено тригер «Повернення» (скасовано спрацювань, що чекали: 0)"],
    "ru": ["Создан триггер «Повернення»", "Триггеры", "Триггер", "Когда", "Сегмент или событие", "Задержка",
           "Действие", "Действует с", "входит в", "1 день 12 часов", "метка", "Новых срабатываний:",
           "обработано: выполнено", "ожидают: 0", "Срабатывания", "Триггер", "Клиент", "Событие",
           "Время выполнения", "Состояние", "Подробности", "выполнено",
           "Удалён триггер «Повернення» (отменено ожидавших срабатываний: 0)"],
    "en": ["Created trigger 'Повернення'", "Triggers", "name", "on", "target", "delay", "action", "since",
           "enter", "1d12h", "tag", "new firing(s); performed:", "done; 0 waiting", "Firings", "trigger",
           "customer", "occurred", "due", "state", "detail", "done",
           "Deleted trigger 'Повернення' (0 waiting firing(s) dropped)"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_triggers_speak_the_workspaces_language(demo, tmp_path, lang):
    """create, list, run, firings, delete: the web UI's words for a trigger's event, action and columns,
    its delay as the language writes a duration."""
    ws = shutil.copytree(demo / lang, tmp_path / "ws")
    shown = "\n".join(
        ok("-w", ws, "triggers", *args).stderr
        for args in (
            ("create", "Повернення", "--on", "enter", "--segment", "rfm:At Risk", "--action", "tag", "--tag",
             "returning", "--delay", "1d12h", "--since", "2020-01-01"),
            ("list",),
            ("run", "--now", "2026-02-01"),
            ("firings", "--limit", "2"),
            ("delete", "Повернення"),
        )
    )  # fmt: skip
    assert in_order(shown, TRIGGERS[lang]), shown


CLUSTERS = {
    "uk": ["Кластеризовано клієнтів:", "станом на", ", метод kmeans: k =", "за", " с", "Персона", "Клієнти",
           "Частка", "Точність правила", "Повнота правила", "Хто:", "бази)", "Що:", "Чому:",
           "Коли:", "Де:", "Чим вирізняються:", "Правило (точність", "повнота",
           "Кластеризація", "навчена", "на даних станом на", "клієнтів: 300"],
    "ru": ["Кластеризовано клиентов:", "на", ", метод kmeans: k =", "за", " с", "Персона", "Клиенты", "Доля",
           "Точность правила", "Полнота правила", "Кто:", "базы)", "Что:", "Почему:", "Когда:",
           "Где:", "Чем выделяются:", "Правило (точность", "полнота",
           "Кластеризация", "обученная", "на данных на", "клиентов: 300"],
    "en": ["Clustered 300 customers as of", "with kmeans: k =", " s", "persona", "customers", "share",
           "rule precision", "rule recall", "Who:", "What:", "Why:", "When:", "Where:", "Sets it apart:",
           "Rule (precision", "recall", "Clustering", "fitted", "on data as of", "300 customers"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_clusters_speak_the_workspaces_language(demo, tmp_path, lang):
    """fit and show: the personas' cards worded as the web UI words them (web/personas.py)."""
    ws = shutil.copytree(demo / lang, tmp_path / "ws")
    fitted = ok("-w", ws, "clusters", "fit", "--no-refresh", "--k-max", "4").stderr
    shown = ok("-w", ws, "clusters", "show").stderr
    assert in_order(fitted + "\n" + shown, CLUSTERS[lang]), fitted + shown
    if lang != "en":  # the share of the base in the cards, as the language writes a percentage
        assert re.search(r"\(\d+\u00a0?% (бази|базы)\)", shown), shown


TOKENS_AND_PLAYBOOK = {
    "uk": ["Токенів ще немає:", "Створено токен", "з роллю «редактор» (показується один раз", "API-токени",
           "Код", "Роль", "Назва", "Створено", "Відкликано", "редактор", "Відкликано токен", "(редактор)",
           "Рекомендації (uk)", "Родина", "Група", "Стратегія", "Канал", "rfm", "Champions"],
    "ru": ["Токенов ещё нет:", "Создан токен", "с ролью «редактор» (показывается один раз", "API-токены",
           "Код", "Роль", "Название", "Создан", "Отозван", "редактор", "Отозван токен", "(редактор)",
           "Рекомендации (ru)", "Семейство", "Группа", "Стратегия", "Канал", "rfm", "Champions"],
    "en": ["No tokens yet:", "Created editor token", "(shown once, store it safely):", "API tokens", "id",
           "role", "name", "created", "revoked", "editor", "Revoked token", "(editor)", "Playbook (en)",
           "Family", "Group", "Strategy", "Channel", "rfm", "Champions"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_tokens_and_the_playbook_speak_the_workspaces_language(demo, tmp_path, lang):
    ws = shutil.copytree(demo / lang, tmp_path / "ws")
    none = ok("-w", ws, "tokens", "list").stderr
    created = ok("-w", ws, "tokens", "create", "--role", "editor", "--name", "CI")
    token_id = json.loads(cli.ok("-w", ws, "tokens", "list", "--json").stdout)["tokens"][0]["token_id"]
    listed = ok("-w", ws, "tokens", "list").stderr
    revoked = ok("-w", ws, "tokens", "revoke", token_id).stderr
    book = ok("-w", ws, "playbook", "--family", "rfm").stderr
    shown = "\n".join((none, created.stderr, listed, revoked, book))
    assert in_order(shown, TOKENS_AND_PLAYBOOK[lang]), shown
    assert created.stdout.strip().startswith("sgm_")  # the token alone on stdout, in every language
    assert builtin().get("rfm", "Champions").as_dict(lang)["strategy"][:40] in book
