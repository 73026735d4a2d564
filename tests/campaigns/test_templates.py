"""The template sandbox: personalisation works, escaping works, and hostile templates get nothing."""

from __future__ import annotations

import pytest

from segmint.campaigns.templates import FIELDS, MessageTemplate, TemplateError

RECORD = {
    **dict.fromkeys(FIELDS),
    "customer_id": "C1",
    "name": "Олена",
    "favourite_category": "книги",
    "last_purchase_amount": 1234.5,
    "last_purchase_date": "12.10.2025",
}


def test_a_template_renders_the_customers_fields():
    text = MessageTemplate(
        "{{ name }}: {{ favourite_category|upper }}, {{ last_purchase_amount|round(0)|int }}"
    )
    assert text.render(RECORD) == "Олена: КНИГИ, 1234"


def test_missing_values_render_empty_and_defaults_work():
    text = MessageTemplate("[{{ city }}] {{ recommended_category or 'новинки' }}")
    assert text.render(RECORD) == "[] новинки"


def test_email_bodies_are_autoescaped_and_plain_text_is_not():
    hostile = {**RECORD, "name": "<script>alert(1)</script>"}
    assert MessageTemplate("<p>{{ name }}</p>", html=True).render(hostile) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    assert MessageTemplate("{{ name }}").render(hostile) == "<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("source", "attribute"),
    [
        ("{{ ''.__class__.__mro__ }}", "__mro__"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "__subclasses__"),
        ("{{ name.__class__.__base__ }}", "__base__"),
        ("{{ name.upper() }}", "upper"),
        ("{{ '{0.__class__}'.format(name) }}", "format"),
        ("{{ (name|list).pop() }}", "pop"),
        ("Hi\n{% for c in name %}{{ c.__class__ }}{% endfor %}", "__class__"),
    ],
)
def test_a_written_attribute_or_method_is_refused_when_the_template_is_checked(source, attribute):
    """The sandbox would refuse it for every customer at render: a campaign that could never send."""
    with pytest.raises(TemplateError) as error:
        MessageTemplate(source)
    assert (error.value.code, error.value.params["attribute"]) == ("template.attribute", attribute)
    assert error.value.params["line"] == source.count("\n") + 1
    assert "{{ name|upper }}" in str(error.value)


def test_a_for_loops_own_attributes_stay_readable():
    template = MessageTemplate("{% for c in name %}{{ loop.index }}{{ c }}{% endfor %}")
    assert template.render(RECORD) == "1О2л3е4н5а"


@pytest.mark.parametrize(
    "source",
    [
        "{{ name|attr('__class__') }}",
        "{{ 'a' * 100000000 }}",
    ],
)
def test_attribute_access_is_refused_at_render(source):
    template = MessageTemplate(source)
    with pytest.raises(TemplateError) as error:
        template.render(RECORD)
    assert "customer C1" in str(error.value)


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ("{{ cycler.__init__.__globals__ }}", "unknown field cycler"),
        ("{{ joiner.__init__.__globals__.os.environ }}", "unknown field joiner"),
        ("{{ lipsum.__globals__['os'].popen('id').read() }}", "unknown field lipsum"),
        ("{{ namespace.__init__.__globals__ }}", "unknown field namespace"),
        ("{{ range(10**9)|list }}", "unknown field range"),
        ("{{ config }}", "unknown field config"),
        ("{{ request.environ }}", "unknown field request"),
        ("{{ self }}", "unknown field self"),
        ("{{ self.__init__.__globals__ }}", "unknown field self"),
        ("{{ environ }}", "unknown field environ"),
        ("{% include '/etc/passwd' %}", "include, import and extends are not allowed"),
        ("{% import '/etc/passwd' as p %}", "include, import and extends are not allowed"),
        ("{% extends '/etc/passwd' %}", "include, import and extends are not allowed"),
        ("{% from 'x' import y %}", "include, import and extends are not allowed"),
        ("{{ name ", "line 1"),
    ],
)
def test_hostile_or_broken_templates_are_refused_before_rendering(source, why):
    with pytest.raises(TemplateError) as error:
        MessageTemplate(source)
    assert why in str(error.value)
