"""A YAML file's errors (store/yaml_files.py: a file that cannot be opened, is not text or is not YAML) in
Ukrainian and Russian, by the ending of their code: each reader's table takes them under its own prefix
(segments file: file., a campaign file: spec.unreadable., an import mapping: import.mapping_) with its own
advice for a line indented unlike those above it (yaml.indent), which names the file's own keys. {where}
is the file, line and column (place); PyYAML's English problem is never shown."""

from __future__ import annotations

from segmint.web.coded import Table

# fmt: off
UK: dict[str, str] = {
    "missing": "{file}: такого файлу немає",
    "folder": "{file}: це тека; назвіть файл у ній",
    "permission": "{file}: немає дозволу на читання",
    "not_utf8": "{file}: це не текст UTF-8 ({reason}, байт {byte})",
    "yaml": "{where}: некоректний YAML; перевірте відступи, двокрапки й лапки в цьому місці",
    "yaml.colon": "{where}: некоректний YAML: двокрапка там, де YAML її не чекає; значення з «: » беріть у "
                  "лапки, або ключ має більший відступ, ніж ключі над ним",
    "yaml.tab": "{where}: некоректний YAML: символ табуляції; YAML робить відступи лише пробілами, замініть "
                "табуляцію пробілами",
    "yaml.character": "{where}: некоректний YAML: значення, що починається з {character!r}, беріть у лапки",
    "yaml.control": "{where}: некоректний YAML: недопустимий символ ({character}); вилучіть його",
    "yaml.unclosed_quote": "{where}: некоректний YAML: текст у лапках, що починається тут, не закрито: "
                           "бракує {quote}",
    "yaml.bracket": "{where}: некоректний YAML: {bracket}, що відкривається тут, не закрито дужкою "
                    "{closing}, або його елементи не розділено комами",
    "yaml.after_quote": "{where}: некоректний YAML: текст після значення в лапках; значення, що "
                        "починається з лапок, ними й закінчується: візьміть усе значення в одинарні лапки "
                        "або запишіть його після «|» на рядках нижче",
}
RU: dict[str, str] = {
    "missing": "{file}: такого файла нет",
    "folder": "{file}: это папка; назовите файл в ней",
    "permission": "{file}: нет разрешения на чтение",
    "not_utf8": "{file}: это не текст UTF-8 ({reason}, байт {byte})",
    "yaml": "{where}: некорректный YAML; проверьте отступы, двоеточия и кавычки в этом месте",
    "yaml.colon": "{where}: некорректный YAML: двоеточие там, где YAML его не ждёт; значение с «: » берите "
                  "в кавычки, или у ключа отступ больше, чем у ключей над ним",
    "yaml.tab": "{where}: некорректный YAML: символ табуляции; YAML делает отступы только пробелами, "
                "замените табуляцию пробелами",
    "yaml.character": "{where}: некорректный YAML: значение, которое начинается с {character!r}, берите в "
                      "кавычки",
    "yaml.control": "{where}: некорректный YAML: недопустимый символ ({character}); удалите его",
    "yaml.unclosed_quote": "{where}: некорректный YAML: текст в кавычках, который начинается здесь, не "
                           "закрыт: не хватает {quote}",
    "yaml.bracket": "{where}: некорректный YAML: {bracket}, которая открывается здесь, не закрыта скобкой "
                    "{closing}, или её элементы не разделены запятыми",
    "yaml.after_quote": "{where}: некорректный YAML: текст после значения в кавычках; значение, которое "
                        "начинается с кавычки, ею и заканчивается: возьмите всё значение в одинарные "
                        "кавычки или запишите его после «|» на строках ниже",
}
# the indent advice's first part; each reader adds what its keys look like
INDENT = {
    "uk": "{where}: некоректний YAML: відступ рядка не такий, як у рядків над ним; ",
    "ru": "{where}: некорректный YAML: отступ строки не такой, как у строк над ней; ",
}
WHERE = {
    "uk": {"file": "{file}", "line": "{file}: рядок {line}",
           "column": "{file}: рядок {line}, стовпець {column}"},
    "ru": {"file": "{file}", "line": "{file}: строка {line}",
           "column": "{file}: строка {line}, столбец {column}"},
}
# fmt: on
_PLACES = Table({lang: {f"where.{key}": text for key, text in keys.items()} for lang, keys in WHERE.items()})


def texts(prefix: str, lang: str, indent: str) -> dict[str, str]:
    """A reader's entries in `lang`: code (prefix + ending) -> text, its keys' layout `indent` ending the
    indent advice."""
    table = {"uk": UK, "ru": RU}[lang]
    worded = {f"{prefix}{end}": text for end, text in table.items()}
    return worded | {f"{prefix}yaml.indent": INDENT[lang] + indent}


def place(params: dict, lang: str) -> str:
    """{where}: FILE, FILE: line N or FILE: line N, column C, as params tell."""
    where = "where.column" if "column" in params else "where.line" if "line" in params else "where.file"
    return _PLACES.text(where, lang, _PLACES.values(params, lang))
