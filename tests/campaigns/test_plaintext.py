"""The text version of an HTML email body: what a text-only mail client shows."""

from __future__ import annotations

import pytest

from segmint.campaigns.plaintext import html_to_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Привіт, Олена!</p><p>До зустрічі</p>", "Привіт, Олена!\n\nДо зустрічі\n"),
        ("рядок<br>другий<br/>третій", "рядок\nдругий\nтретій\n"),
        ("<ul><li>один</li><li>два</li></ul><p>далі</p>", "- один\n- два\n\nдалі\n"),
        ("<p>знижка&nbsp;10&#37; &mdash; <b>лише</b> сьогодні</p>", "знижка\xa010% — лише сьогодні\n"),
        ('<a href="https://shop.ua/u/abc">Відписатися</a>', "Відписатися (https://shop.ua/u/abc)\n"),
        ('<a href="https://shop.ua">https://shop.ua</a>', "https://shop.ua\n"),  # no address twice
        ('<a href="mailto:help@shop.ua">пишіть</a>', "пишіть (help@shop.ua)\n"),
        ('<a href="https://shop.ua/x"><img src="b.png" alt="Банер"></a>', "Банер (https://shop.ua/x)\n"),
        ('<a href="https://shop.ua/x"><img src="b.png"></a>', "https://shop.ua/x\n"),
        ("<style>p { color: red }</style><script>alert(1)</script><p>видно</p>", "видно\n"),
        (
            "<table><tr><td>товар</td><td>ціна</td></tr><tr><td>А</td><td>5</td></tr></table>",
            "товар ціна\nА 5\n",
        ),
        ("   текст \n\n   без   тегів  ", "текст без тегів\n"),
    ],
)
def test_html_becomes_readable_text(html, text):
    assert html_to_text(html) == text
