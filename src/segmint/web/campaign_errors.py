"""Campaign, template and trigger errors in the interface language, worded from their `code` and `params`
(segmint.errors.CodedError: CampaignError, TemplateError, TriggerError; and a send's DeliveryError and the
ConfigError of its [campaigns] settings), as web/segment_errors.py words
segment errors: a change to the English wording cannot silently leave the Ukrainian or Russian one behind,
as matching the English text did. Ukrainian here, Russian in campaign_errors_ru.py (the same codes and
{names}); an error without a known code is shown as the library wrote it.
tests/campaigns/test_campaign_error_codes.py raises every code and checks both wordings.

A template's place ({where}: the subject or body of the message for a target and variant, or "template")
and a campaign file's entry are put together from their params; a file that cannot be written is worded
as a segment export's (the same codes, file.unwritable.*, in web/segment_errors.py).
"""

from __future__ import annotations

import re

from segmint.errors import CodedError, ConfigError
from segmint.web import campaign_errors_ru as ru
from segmint.web import segment_errors, yaml_errors
from segmint.web.coded import Table

# fmt: off
UK: dict[str, str] = {
    # a campaign's checks (campaigns.model, create, audience, unsubscribe)
    "campaign.no_name": "кампанії потрібна назва",
    "campaign.name_slash": "назва кампанії {name!r} містить '/': REST API не змогло б до неї звернутися",
    "campaign.name_dots": "назва кампанії {name!r} — це крок шляху ('.' або '..'): REST API не змогло "
                          "б до неї звернутися",
    "campaign.channel": "канал — один із {channels}, а не {channel!r}",
    "campaign.no_messages": "кампанії потрібне хоча б одне повідомлення (ціль і шаблон)",
    "campaign.negative_cost": "вартість повідомлення не може бути від’ємною",
    "campaign.attribution_days": "вікно атрибуції має бути щонайменше 1 день",
    "campaign.holdout_share": "{what}: щонайменше 0 і менше за 1, а не {value}",
    "campaign.variant_names": "{what}: кожен варіант потребує власної назви, іншої ніж {reserved!r} (так "
                              "названо контрольну групу), а не {variants}",
    "campaign.message_twice": "два повідомлення для тієї самої цілі й варіанта",
    "campaign.unknown_variant": "варіанта повідомлення {unknown} немає серед варіантів {variants}",
    "campaign.missing_message": "немає повідомлення для {missing}: кожна ціль потребує повідомлення для "
                                "кожного варіанта",
    "missing.item": "{target!r} варіант {variant}",
    "campaign.no_subject": "лист e-mail потребує теми: заповніть поле «Тема (email)»",
    "campaign.unknown": "немає кампанії з назвою {name!r}; відомі кампанії: {known}",
    "campaign.unknown.hint": "немає кампанії з назвою {name!r} (можливо, {hint!r}?); відомі кампанії: "
                             "{known}",
    "campaign.unknown.none": "немає кампанії з назвою {name!r}; кампаній ще немає",
    "campaign.name_taken": "кампанія з назвою {name!r} уже існує; виберіть іншу назву",
    "campaign.unknown_target": "невідома ціль {target!r}: вкажіть назву сегмента або родина:група "
                               "(наприклад, rfm:At Risk, lifecycle:lapsed)",
    "campaign.unknown_target.hint": "невідома ціль {target!r}; можливо, {hint!r}? Вкажіть назву сегмента "
                                    "або родина:група",
    "campaign.unsubscribe_url": "{where} використовує {{{{ unsubscribe_url }}}}, але segmint.toml не "
                                "задає url у [campaigns.unsubscribe]: впишіть адресу, за якою "
                                "`segmint serve` відповідає на /unsubscribe для ваших клієнтів, напр. "
                                "url = \"https://crm.shop.ua/unsubscribe\" (docs/campaigns.md)",
    # message templates (campaigns.templates); {where} is one of the where.* below
    "where.subject": "тема повідомлення для {target!r}, варіант {variant}",
    "where.body": "текст повідомлення для {target!r}, варіант {variant}",
    "where.template": "шаблон",
    # {at}: syntax.line or syntax.column; {problem}: Jinja's, worded by a jinja.* below when it is one of
    # those, else as Jinja gave it
    "template.syntax": "{where}, {at}: помилка в шаблоні: {problem}",
    "syntax.line": "рядок {line}",
    "syntax.column": "рядок {line}, символ {column}",
    "jinja.unclosed_block": "блок {block} не закрито: бракує {{% end{block} %}}",
    "jinja.unclosed": "шаблон закінчився без {closing}",
    "jinja.unexpected_char": "незрозумілий знак {char} (можливо, лапки не закрито)",
    "jinja.unexpected": "зайвий знак «{char}»",
    "jinja.unknown_tag": "невідомий тег «{tag}»",
    "jinja.expected": "тут має бути {expected}, а стоїть {got}",
    "jinja.no_expression": "бракує виразу перед {got}",
    "jinja.comment": "коментар не закрито: бракує #}}",
    "jinja.end_of_template": "кінець шаблону",
    "template.forbidden_tag": "{where}: include, import і extends у шаблоні повідомлення заборонено",
    "template.attribute": "{where}, рядок {line}: .{attribute} читає атрибут чи метод, чого шаблон не може; "
    "форматуйте поле фільтром, як {{{{ name|upper }}}}",
    "template.unknown_field": "{where}: невідоме поле {unknown}; у шаблоні можна використати: {fields}",
    "template.render": "{where} для клієнта {customer}: {error}",
    "template.too_long": "{where}: текст після підстановки довший за {limit} символів",
    # exports and previews (campaigns.exports, preview)
    "export.layout": "формат експорту для сервісу — один із {layouts}, а не {layout!r}",
    "export.format": "формат файлу експорту — один із {formats}, а не {format!r}",
    "preview.no_customer": "немає клієнта з ідентифікатором {id!r}",
    "preview.no_message": "у кампанії {campaign!r} немає повідомлення для цілі {target!r}, варіант "
                          "{variant!r}; цілі: {targets}; варіанти: {variants}",
    # a campaign file (campaigns.spec); {where} is where.entry
    "where.entry": "{file}: messages[{entry}]",
    "spec.unreadable": "{file}: не вдається прочитати кампанію: {reason}",  # the system's reason, as given
    # a file that cannot be opened, is not text or not YAML (store/yaml_files.py), as a segments file's
    **yaml_errors.texts("spec.unreadable.", "uk", "ключі кампанії (name, channel, messages) починаються "
                                                  "в одному стовпці, кожне повідомлення під messages: — "
                                                  "з «- »"),
    "spec.not_mapping": "{file}: файл кампанії — це словник із name, channel і messages",
    "spec.unknown_key": "{file}: невідомий ключ {keys}; відомі: {known}",
    "spec.no_target": "{where}: кожному повідомленню потрібна ціль (target)",
    "spec.message_key": "{where}: невідомий ключ {keys}",
    "spec.body_file": "{where}: не вдається прочитати body_file: {reason}",
    "spec.no_body": "{where}: повідомленню потрібен текст (body або body_file)",
    "spec.no_subject": "{file}: лист e-mail потребує теми: впишіть subject у кожне повідомлення",
    "spec.not_number": "{file}: {key} — не число: {value!r}",
    "spec.not_whole_number": "{file}: {key} — не ціле число: {value!r}",
    "number.invalid": "{what} — не число: {value!r}",
    # the CLI's options (cli/campaigns.py, cli/triggers.py)
    "options.name_and_target": "вкажіть НАЗВУ і хоча б одну --target (або файл --spec)",
    "options.body": "вкажіть повідомлення: --body або --body-file",
    "options.no_subject": "лист e-mail потребує теми: вкажіть --subject",
    "results.not_sent": "кампанію {name!r} ще не надіслано: результатів для вимірювання немає",
    "options.when": "{option} — дата або час, як-от 2026-01-31 чи 2026-01-31T09:00, а не {value!r}",
    "options.target": "вкажіть --event ТИП для --on event або --segment НАЗВА для --on enter / exit",
    "options.action_needs": "для дії {action} вкажіть {option}",
    # triggers (triggers.model, firings)
    "trigger.unknown": "тригера {name!r} немає",
    "trigger.delay": "не вдається прочитати затримку {delay!r}: впишіть, наприклад, 0, 30m, 2h, 3d, 1w або "
                     "1d12h",
    "trigger.delay_negative": "затримка не може бути від’ємною: {delay!r}",
    "trigger.unknown_group": "родина {family!r} не має групи {group!r}; її групи: {groups}",
    "trigger.unknown_group.hint": "родина {family!r} не має групи {group!r}; можливо, {hint!r}? "
                                  "(її групи: {groups})",
    "trigger.unknown_segment": "невідомий сегмент {target!r}: вкажіть назву сегмента або родина:група "
                               "(наприклад, rfm:At Risk)",
    "trigger.unknown_segment.hint": "невідомий сегмент {target!r}; можливо, {hint!r}? Вкажіть назву "
                                    "сегмента або родина:група",
    "trigger.unknown_action": "невідома дія {action!r}; одна з: {actions}",
    "trigger.action_needs": "для цієї дії заповніть «Параметр дії» ({parameter})",
    "trigger.webhook_url": "URL вебхука має починатися з http:// або https://, а не {url!r}",
    "trigger.secret_both": "вкажіть ключ підпису вебхука або як --secret, або як --secret-env, не обидва",
    "trigger.secret_env_name": "{name!r} не є назвою змінної середовища (літери, цифри, _)",
    "trigger.not_static": "{segment!r} не є статичним сегментом: спершу створіть його",
    "trigger.no_name": "тригеру потрібна назва",
    "trigger.on": "тригер спрацьовує на {choices}, а не на {on!r}",
    "trigger.name_taken": "тригер із назвою {name!r} уже існує; виберіть іншу назву",
    "trigger.no_event_type": "тригеру події потрібен тип події (наприклад, cart_abandon)",
    "trigger.delay_too_long": "затримка — щонайбільше {days} днів ({days}d, десять років), а не {delay!r}",
    "trigger.unknown_event_type": "невідомий тип події {event_type!r}; тип події — один із: {expected}",
    "trigger.name_too_long": "назва тригера — щонайбільше {limit} символів, а не {length}",
    "trigger.name_slash": "назва тригера {name!r} містить '/': REST API не змогло б до нього звернутися",
    "trigger.name_dots": "назва тригера {name!r} — це крок шляху ('.' або '..'): REST API не змогло "
                         "б до нього звернутися",
    # a trigger a run skips (triggers.model Trigger.delay, triggers.run); {problem} is the error as raised
    "trigger.stored_delay_too_long": "тригер {name!r} пропущено: його затримка {days}d довша за найдовшу, "
                                     "{limit} днів (її зберегла старіша версія segmint); видаліть тригер і "
                                     "створіть його знову із затримкою щонайбільше {limit}d",
    "trigger.cannot_run": "тригер {name!r} пропущено: {problem}",
    # a send's delivery settings and transport (campaigns.config, smtp, webhook); {problem}, {reply} and
    # {problems} are the system's, the server's and pydantic's own, as they gave them
    "settings.env_unset": "{setting} називає змінну середовища {env}, але її не задано",
    "smtp.no_host": "SMTP-сервер не налаштовано: впишіть host у [campaigns.smtp] файлу segmint.toml",
    "smtp.no_sender": "відправника не налаштовано: впишіть sender у [campaigns.smtp] файлу segmint.toml",
    "smtp.login_refused": "SMTP-сервер {server} не прийняв вхід: {reply}",
    "smtp.session_refused": "SMTP-сервер {server} відмовив у сеансі: {problem}",
    "smtp.unreachable": "не вдається з’єднатися з SMTP-сервером {server}: {problem}",
    "webhook.no_url": "вебхук не налаштовано: впишіть url у [campaigns.webhook] файлу segmint.toml",
    "webhook.url": "campaigns.webhook.url має бути адресою http(s), а не {url!r}",
    "webhook.no_secret": "немає секрету вебхука: впишіть secret_env (або secret) у [campaigns.webhook]",
    "webhook.unreachable": "не вдається з’єднатися з вебхуком {url}: {problem}",
    # a file that cannot be written (campaigns.exports): as a segment export's
    **{code: text for code, text in segment_errors.UK.items() if code.startswith("file.unwritable.")},
}
# fmt: on
# Jinja's syntax errors (its own English, without a code): the message's pattern -> the code that words it
JINJA_PROBLEMS = {
    "jinja.unclosed_block": r"Unexpected end of template\. Jinja was looking for the following tags: .*"
    r"The innermost block that needs to be closed is '(?P<block>\w+)'\.",
    "jinja.unclosed": r"unexpected end of template, expected '(?P<closing>[^']+)'\.?",
    "jinja.unexpected_char": r"unexpected char (?P<char>'.'|\".\") at \d+",
    "jinja.unexpected": r"unexpected '(?P<char>.+)'",
    "jinja.unknown_tag": r"Encountered unknown tag '(?P<tag>\w+)'\..*",
    "jinja.expected": r"expected token '(?P<expected>[^']+)', got '(?P<got>[^']+)'",
    "jinja.no_expression": r"Expected an expression, got '(?P<got>[^']+)'",
    "jinja.comment": r"Missing end of comment tag",
}
TOKENS = {"closing", "expected", "got"}  # the patterns' groups that quote a token by Jinja's name for it
# Jinja's names of the tokens it quotes: the delimiters as they are typed
DELIMITERS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "begin of print statement": "{{",
    "begin of statement block": "{%",
}
PARTS = {
    "campaign.unknown.hint",  # campaign.unknown with the nearest name (`hint`)
    "missing.item",
    "where.subject",
    "where.body",
    "where.template",
    "where.entry",
    "syntax.line",
    "syntax.column",
    "jinja.end_of_template",
    *JINJA_PROBLEMS,
}

TABLE = Table({"uk": UK, "ru": ru.RU})


def word(error: CodedError | ConfigError, lang: str) -> str | None:
    """The error in `lang` (uk, ru), or None when the language or the error's code is not known here."""
    if not TABLE.knows(error.code, lang):
        return None
    params, given = error.params, {}
    values = TABLE.values(params, lang)
    if error.code.startswith("template.") or "part" in params:  # the template's place
        given["where"] = TABLE.text(f"where.{params.get('part', 'template')}", lang, values)
    elif "entry" in params:  # a campaign file's messages[i]
        given["where"] = TABLE.text("where.entry", lang, values)
    elif error.code.startswith("spec.unreadable."):  # a campaign file's line and column
        given["where"] = yaml_errors.place(params, lang)
    if error.code == "template.syntax":
        given["at"] = TABLE.text("syntax.column" if params.get("column") else "syntax.line", lang, values)
        given["problem"] = jinja_problem(params["problem"], lang)
    if error.code == "campaign.missing_message":
        given["missing"] = ", ".join(
            TABLE.text("missing.item", lang, {"target": target, "variant": variant})
            for target, variant in params["missing"]
        )
    code = "campaign.unknown.hint" if error.code == "campaign.unknown" and "hint" in params else error.code
    return TABLE.word(code, params, lang, **given)


def jinja_problem(problem: str, lang: str) -> str:
    """Jinja's syntax error (English, no code) in `lang` when it is one of JINJA_PROBLEMS, else as Jinja
    wrote it. A quoted token is shown as typed: "}}" for Jinja's 'end of print statement'."""
    for code, pattern in JINJA_PROBLEMS.items():
        found = re.fullmatch(pattern, problem, re.DOTALL)
        if found:
            values = {key: _token(v, lang) if key in TOKENS else v for key, v in found.groupdict().items()}
            return TABLE.text(code, lang, values)
    return problem


def _token(text: str, lang: str) -> str:
    if text == "end of template":
        return TABLE.text("jinja.end_of_template", lang, {})
    return f"«{DELIMITERS.get(text, text)}»"
