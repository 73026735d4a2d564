"""Campaign, template and trigger errors in Russian, for web/campaign_errors.py (the same codes and {names}
as its Ukrainian UK; kept apart as segment_errors_ru.py is from segment_errors.py)."""

from __future__ import annotations

from segmint.web import segment_errors_ru, yaml_errors

# fmt: off
RU: dict[str, str] = {
    "campaign.no_name": "рассылке нужно название",
    "campaign.name_slash": "название рассылки {name!r} содержит '/': REST API не смог бы к ней обратиться",
    "campaign.name_dots": "название рассылки {name!r} — это шаг пути ('.' или '..'): REST API не смог бы "
                          "к ней обратиться",
    "campaign.channel": "канал — один из {channels}, а не {channel!r}",
    "campaign.no_messages": "рассылке нужно хотя бы одно сообщение (целевая аудитория и шаблон)",
    "campaign.negative_cost": "стоимость сообщения не может быть отрицательной",
    "campaign.attribution_days": "окно атрибуции должно быть не меньше 1 дня",
    "campaign.holdout_share": "{what}: не меньше 0 и меньше 1, а не {value}",
    "campaign.variant_names": "{what}: каждому варианту нужно своё название, не {reserved!r} (так "
                              "названа контрольная группа), а не {variants}",
    "campaign.message_twice": "два сообщения для одной и той же целевой аудитории и варианта",
    "campaign.unknown_variant": "варианта сообщения {unknown} нет среди вариантов {variants}",
    "campaign.missing_message": "нет сообщения для {missing}: каждой целевой аудитории нужно сообщение для "
                                "каждого варианта",
    "missing.item": "{target!r} вариант {variant}",
    "campaign.no_subject": "письму e-mail нужна тема: заполните поле «Тема (email)»",
    "campaign.unknown": "нет рассылки с названием {name!r}; известные рассылки: {known}",
    "campaign.unknown.hint": "нет рассылки с названием {name!r} (возможно, {hint!r}?); известные рассылки: "
                             "{known}",
    "campaign.unknown.none": "нет рассылки с названием {name!r}; рассылок ещё нет",
    "campaign.name_taken": "рассылка с названием {name!r} уже существует; выберите другое название",
    "campaign.unknown_target": "неизвестная целевая аудитория {target!r}: укажите название сегмента или "
                               "семейство:группа (например, rfm:At Risk, lifecycle:lapsed)",
    "campaign.unknown_target.hint": "неизвестная целевая аудитория {target!r}; возможно, {hint!r}? Укажите "
                                    "название сегмента или семейство:группа",
    "campaign.unsubscribe_url": "{where} использует {{{{ unsubscribe_url }}}}, но segmint.toml не задаёт url "
                                "в [campaigns.unsubscribe]: впишите адрес, по которому `segmint serve` "
                                "отвечает на /unsubscribe для ваших клиентов, напр. "
                                "url = \"https://crm.shop.ua/unsubscribe\" (docs/campaigns.md)",
    "where.subject": "тема сообщения для {target!r}, вариант {variant}",
    "where.body": "текст сообщения для {target!r}, вариант {variant}",
    "where.template": "шаблон",
    "template.syntax": "{where}, {at}: ошибка в шаблоне: {problem}",
    "syntax.line": "строка {line}",
    "syntax.column": "строка {line}, символ {column}",
    "jinja.unclosed_block": "блок {block} не закрыт: не хватает {{% end{block} %}}",
    "jinja.unclosed": "шаблон закончился без {closing}",
    "jinja.unexpected_char": "непонятный знак {char} (возможно, кавычки не закрыты)",
    "jinja.unexpected": "лишний знак «{char}»",
    "jinja.unknown_tag": "неизвестный тег «{tag}»",
    "jinja.expected": "здесь должно быть {expected}, а стоит {got}",
    "jinja.no_expression": "не хватает выражения перед {got}",
    "jinja.comment": "комментарий не закрыт: не хватает #}}",
    "jinja.end_of_template": "конец шаблона",
    "template.forbidden_tag": "{where}: include, import и extends в шаблоне сообщения запрещены",
    "template.attribute": "{where}, строка {line}: .{attribute} читает атрибут или метод, "
    "чего шаблон не может; форматируйте поле фильтром, как {{{{ name|upper }}}}",
    "template.unknown_field": "{where}: неизвестное поле {unknown}; в шаблоне можно использовать: {fields}",
    "template.render": "{where} для клиента {customer}: {error}",
    "template.too_long": "{where}: текст после подстановки длиннее {limit} символов",
    "export.layout": "формат экспорта для сервиса — один из {layouts}, а не {layout!r}",
    "export.format": "формат файла экспорта — один из {formats}, а не {format!r}",
    "preview.no_customer": "нет клиента с идентификатором {id!r}",
    "preview.no_message": "в рассылке {campaign!r} нет сообщения для целевой аудитории {target!r}, вариант "
                          "{variant!r}; целевые аудитории: {targets}; варианты: {variants}",
    "where.entry": "{file}: messages[{entry}]",
    "spec.unreadable": "{file}: не удаётся прочитать рассылку: {reason}",
    **yaml_errors.texts("spec.unreadable.", "ru", "ключи рассылки (name, channel, messages) начинаются в "
                                                  "одном столбце, каждое сообщение под messages: — с «- »"),
    "spec.not_mapping": "{file}: файл рассылки — это словарь с name, channel и messages",
    "spec.unknown_key": "{file}: неизвестный ключ {keys}; известные: {known}",
    "spec.no_target": "{where}: каждому сообщению нужна целевая аудитория (target)",
    "spec.message_key": "{where}: неизвестный ключ {keys}",
    "spec.body_file": "{where}: не удаётся прочитать body_file: {reason}",
    "spec.no_body": "{where}: сообщению нужен текст (body или body_file)",
    "spec.no_subject": "{file}: письму e-mail нужна тема: впишите subject в каждое сообщение",
    "spec.not_number": "{file}: {key} — не число: {value!r}",
    "spec.not_whole_number": "{file}: {key} — не целое число: {value!r}",
    "number.invalid": "{what} — не число: {value!r}",
    "options.name_and_target": "укажите НАЗВАНИЕ и хотя бы одну --target (или файл --spec)",
    "options.body": "укажите сообщение: --body или --body-file",
    "options.no_subject": "письму e-mail нужна тема: укажите --subject",
    "results.not_sent": "рассылка {name!r} ещё не отправлена: результатов для измерения нет",
    "options.when": "{option} — дата или время, например 2026-01-31 или 2026-01-31T09:00, а не {value!r}",
    "options.target": "укажите --event ТИП для --on event или --segment НАЗВАНИЕ для --on enter / exit",
    "options.action_needs": "для действия {action} укажите {option}",
    "trigger.unknown": "триггера {name!r} нет",
    "trigger.delay": "не удаётся прочитать задержку {delay!r}: впишите, например, 0, 30m, 2h, 3d, 1w или "
                     "1d12h",
    "trigger.delay_negative": "задержка не может быть отрицательной: {delay!r}",
    "trigger.unknown_group": "у семейства {family!r} нет группы {group!r}; его группы: {groups}",
    "trigger.unknown_group.hint": "у семейства {family!r} нет группы {group!r}; возможно, {hint!r}? "
                                  "(его группы: {groups})",
    "trigger.unknown_segment": "неизвестный сегмент {target!r}: укажите название сегмента или "
                               "семейство:группа (например, rfm:At Risk)",
    "trigger.unknown_segment.hint": "неизвестный сегмент {target!r}; возможно, {hint!r}? Укажите название "
                                    "сегмента или семейство:группа",
    "trigger.unknown_action": "неизвестное действие {action!r}; одно из: {actions}",
    "trigger.action_needs": "для этого действия заполните «Параметр действия» ({parameter})",
    "trigger.webhook_url": "URL вебхука должен начинаться с http:// или https://, а не {url!r}",
    "trigger.secret_both": "укажите ключ подписи вебхука либо как --secret, либо как --secret-env, не оба",
    "trigger.secret_env_name": "{name!r} не является именем переменной окружения (буквы, цифры, _)",
    "trigger.not_static": "{segment!r} не является статическим сегментом: сначала создайте его",
    "trigger.no_name": "триггеру нужно название",
    "trigger.on": "триггер срабатывает на {choices}, а не на {on!r}",
    "trigger.name_taken": "триггер с названием {name!r} уже существует; выберите другое название",
    "trigger.no_event_type": "триггеру события нужен тип события (например, cart_abandon)",
    "trigger.delay_too_long": "задержка — не более {days} дней ({days}d, десять лет), а не {delay!r}",
    "trigger.unknown_event_type": "неизвестный тип события {event_type!r}; тип события — один из: {expected}",
    "trigger.name_too_long": "название триггера — не более {limit} символов, а не {length}",
    "trigger.name_slash": "название триггера {name!r} содержит '/': REST API не смог бы к нему обратиться",
    "trigger.name_dots": "название триггера {name!r} — это шаг пути ('.' или '..'): REST API не смог бы "
                         "к нему обратиться",
    "trigger.stored_delay_too_long": "триггер {name!r} пропущен: его задержка {days}d длиннее самой долгой, "
                                     "{limit} дней (её сохранила более старая версия segmint); удалите "
                                     "триггер и создайте его заново с задержкой не более {limit}d",
    "trigger.cannot_run": "триггер {name!r} пропущен: {problem}",
    "settings.env_unset": "{setting} называет переменную окружения {env}, но она не задана",
    "smtp.no_host": "SMTP-сервер не настроен: впишите host в [campaigns.smtp] файла segmint.toml",
    "smtp.no_sender": "отправитель не настроен: впишите sender в [campaigns.smtp] файла segmint.toml",
    "smtp.login_refused": "SMTP-сервер {server} не принял вход: {reply}",
    "smtp.session_refused": "SMTP-сервер {server} отказал в сеансе: {problem}",
    "smtp.unreachable": "не удаётся соединиться с SMTP-сервером {server}: {problem}",
    "webhook.no_url": "вебхук не настроен: впишите url в [campaigns.webhook] файла segmint.toml",
    "webhook.url": "campaigns.webhook.url должен быть адресом http(s), а не {url!r}",
    "webhook.no_secret": "нет секрета вебхука: впишите secret_env (или secret) в [campaigns.webhook]",
    "webhook.unreachable": "не удаётся соединиться с вебхуком {url}: {problem}",
    **{code: text for code, text in segment_errors_ru.RU.items() if code.startswith("file.unwritable.")},
}
# fmt: on
