"""A segments file that is not valid YAML is refused in the workspace's language with the file, line and
column PyYAML points at and what to do, the usual mistakes each with its own code (file.yaml.colon, .tab,
.character, .control, .unclosed_quote, .bracket, .after_quote, .indent). Old behaviour: in a uk or ru
workspace the error kept PyYAML's English, "некоректний YAML: mapping values are not allowed here".
Through the real CLI."""

from __future__ import annotations

import pytest
from tests.cli import segmint

SAID = {
    "uk": "рядок 3, стовпець 21: некоректний YAML: двокрапка там, де YAML її не чекає; значення з «: » "
    "беріть у лапки, або ключ має більший відступ, ніж ключі над ним",
    "ru": "строка 3, столбец 21: некорректный YAML: двоеточие там, где YAML его не ждёт; значение с «: » "
    "берите в кавычки, или у ключа отступ больше, чем у ключей над ним",
    "en": "line 3, column 21: not valid YAML: mapping values are not allowed here; a value with ': ' in it "
    "goes in quotes, or the key is indented more than the keys above it",
}
WRONG = "рядок {}, стовпець {}: некоректний YAML: {}"


@pytest.mark.parametrize("lang", SAID)
def test_a_yaml_mistake_is_worded_in_the_workspaces_language(tmp_path, lang):
    ws = tmp_path / "ws"
    segmint("init", ws, "--language", lang)
    path = tmp_path / "segments.yaml"
    path.write_text(
        "segments:\n  - name: Сплячі\n    description: VIP: ті, хто не купує\n    rule: total_spent > 100\n",
        encoding="utf-8",
    )
    shown = segmint("-w", ws, "segments", "load", path, language=None, wide=True)
    assert shown.returncode == 1
    assert f"{path}: {SAID[lang]}" in shown.stderr, shown.stderr
    if lang != "en":
        assert "mapping values" not in shown.stderr


@pytest.mark.parametrize(
    ("text", "uk"),
    [
        ("segments:\n\t- name: A\n", WRONG.format(2, 1, "символ табуляції")),
        ('segments:\n  - name: "A\n    kind: dynamic\n', WRONG.format(2, 11, "текст у лапках")),
        ("segments:\n  - name: A\n    members: [C1, C2\n", WRONG.format(3, 14, "[, що")),
        ("segments:\n  - name: A\n   kind: dynamic\n", WRONG.format(3, 4, "відступ рядка")),
        ('segments:\n  - name: A\n    rule: "city" = "Kyiv"\n', WRONG.format(3, 18, "текст після")),
    ],
)
def test_the_usual_mistakes_say_what_to_do_in_ukrainian(tmp_path, text, uk):
    ws = tmp_path / "ws"
    segmint("init", ws, "--language", "uk")
    path = tmp_path / "segments.yaml"
    path.write_text(text, encoding="utf-8")
    shown = segmint("-w", ws, "segments", "load", path, language=None, wide=True)
    assert shown.returncode == 1
    assert f"{path}: {uk}" in shown.stderr, shown.stderr


SEVERAL = (
    "segments:\n"
    "  - name: Сплячі\n"
    "    rule: total_spent > 100\n"
    "  - name: Взуття\n"
    "    rule: city = 'Київ' and bougth(category = 'shoes') >= 1\n"
    "  - name: Фокус\n"
    "    kind: static\n"
    "  - name: Сплячі\n"
    "    rule: total_spent > 5\n"
)
SAID_SEVERAL = {
    "uk": [
        "знайдено проблем — 3:",
        "  рядок 5, стовпець 29: сегмент 'Взуття': невідома функція 'bougth'; можливо, 'bought'?",
        "    city = 'Київ' and bougth(category = 'shoes') >= 1",
        "    " + " " * len("city = 'Київ' and ") + "^",
        "  рядок 6: сегмент 'Фокус': статичному сегменту потрібні members або rule",
        "  рядок 8: сегмент 'Сплячі' визначено двічі (уперше в рядку 2)",
    ],
    "ru": [
        "найдено проблем — 3:",
        "  строка 5, столбец 29: сегмент 'Взуття': неизвестная функция 'bougth'; возможно, 'bought'?",
        "    city = 'Київ' and bougth(category = 'shoes') >= 1",
        "    " + " " * len("city = 'Київ' and ") + "^",
        "  строка 6: сегмент 'Фокус': статическому сегменту нужны members или rule",
        "  строка 8: сегмент 'Сплячі' определён дважды (впервые в строке 2)",
    ],
}


@pytest.mark.parametrize("lang", SAID_SEVERAL)
def test_every_bad_entry_is_said_at_once_in_the_workspaces_language(tmp_path, lang):
    """Three mistakes, three lines under one head in the workspace's language, the rule's caret under its
    line; nothing is stored. Old code: the first mistake alone (three round trips to fix the file)."""
    ws = tmp_path / "ws"
    segmint("init", ws, "--language", lang)
    path = tmp_path / "segments.yaml"
    path.write_text(SEVERAL, encoding="utf-8")
    shown = segmint("-w", ws, "segments", "load", path, language=None, wide=True)
    assert shown.returncode == 1
    lines = shown.stderr.splitlines()
    head = next(i for i, line in enumerate(lines) if line.endswith(f"{path}: {SAID_SEVERAL[lang][0]}"))
    assert lines[head + 1 : head + 6] == SAID_SEVERAL[lang][1:], shown.stderr
    listed = segmint("-w", ws, "segments", "export", language=None)
    assert listed.returncode == 0 and "Сплячі" not in listed.stdout, listed.stdout
