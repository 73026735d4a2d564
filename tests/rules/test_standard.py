"""Rule text values are matched in the spelling the import stores (rules/standard.py; hunt-py B-low-19).

The import turns every apostrophe into ', fixes the case of cities, lower-cases e-mails, writes phones in
E.164 and countries as ISO codes. A rule typed the way people type (’ from a Ukrainian keyboard layout,
КИЇВ, 067 123 45 67, Україна) used to match nobody, silently. Here the data goes through the real importer
into a real workspace, and each rule as people type it must select what the canonical spelling selects.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from segmint import Workspace, import_file, refresh, segments
from segmint.rules import CompileContext, compile_rules, render, select_members
from segmint.rules import ast as a

TODAY = dt.date(2024, 6, 30)
CUSTOMERS = """customer_id,first_name,city,email,phone,country,gender,region,tags
A1,Мар'яна,Кам'янець-Подільський,Mar@Ukr.Net,+380671234567,Україна,Ж,Хмельницька,vip
A2,Мар’яна,Кам’янець-Подільський,a2@ukr.net,067 123 45 68,UA,жін,  Хмельницька,vip; opt
A3,Марʼяна,Камʼянець-Подільський,a3@ukr.net,(067) 123-45-69,ukraine,female,Хмельницька,
A4,мар`яна,  КИЇВ ,a4@i.ua,0671234570,Poland,m,Київська,opt
A5,Іван,Нова Каховка,a5@i.ua,0501234571,Україна,m,Херсонська,
A6,Олег,Новаград,a6@i.ua,0501234572,Україна,m,Житомирська,
"""
ORDERS = """order_id,customer_id,ordered_at,total,channel
o1,A1,2024-06-01,100,Каса
o2,A2,2024-06-02,200,online
o3,A4,2024-06-03,300,POS
o4,A5,2024-06-04,400,Сайт
"""
EVENTS = """customer_id,event_type,occurred_at,channel
A1,Email Open,2024-06-10,email
A4,email-open,2024-06-11,email
A5,site_visit,2024-06-12,web
"""


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("standard")
    ws = Workspace.init(folder / "ws")
    for entity, text in (("customers", CUSTOMERS), ("orders", ORDERS), ("events", EVENTS)):
        path = folder / f"{entity}.csv"
        path.write_text(text, encoding="utf-8")
        summary = import_file(ws, entity, path, refresh=False)
        assert summary.quarantined == 0, summary.to_dict()
    yield ws
    ws.close()


def ids(ws, rule: str) -> list[str]:
    return sorted(select_members(ws, rule, as_of=TODAY).to_pandas()["customer_id"])


KAM = "Кам'янець-Подільський"


@pytest.mark.parametrize(
    ("typed", "canonical", "expected"),
    [
        # apostrophes: U+2019 (typographic), U+02BC (Ukrainian layouts), U+0060; the import stores '
        ('city = "Кам’янець-Подільський"', f'city = "{KAM}"', ["A1", "A2", "A3"]),
        ('city = "Камʼянець-Подільський"', f'city = "{KAM}"', ["A1", "A2", "A3"]),
        ('city = "кам`янець-подільський"', f'city = "{KAM}"', ["A1", "A2", "A3"]),
        # case and spaces, and the same letters in NFD (й as и + combining breve)
        ('city = "КИЇВ"', 'city = "Київ"', ["A4"]),
        ('city = "  київ "', 'city = "Київ"', ["A4"]),
        (f'city = "{unicodedata.normalize("NFD", "Київ")}"', 'city = "Київ"', ["A4"]),
        ('city != "КИЇВ"', 'city != "Київ"', ["A1", "A2", "A3", "A5", "A6"]),
        ('not city in ("КИЇВ", "нова каховка")', 'not city in ("Київ", "Нова Каховка")',
         ["A1", "A2", "A3", "A6"]),
        # pieces of a city: one spelling; starts with also capitalised as the import does
        ('city starts with "кам’ян"', f'city starts with "{KAM[:6]}"', ["A1", "A2", "A3"]),
        ('city contains "’янець"', 'city contains "\'янець"', ["A1", "A2", "A3"]),
        # e-mail in lower case, phone in E.164 (national numbers in the workspace's country, UA), country code
        ('email = "MAR@UKR.NET"', 'email = "mar@ukr.net"', ["A1"]),
        ('email contains "@UKR."', 'email contains "@ukr."', ["A1", "A2", "A3"]),
        ('phone = "067 123 45 67"', 'phone = "+380671234567"', ["A1"]),
        ('phone in ("(067) 123-45-68", "00380 67 123 45 69")', 'phone in ("+380671234568", "+380671234569")',
         ["A2", "A3"]),
        ('phone starts with "+380 67"', 'phone starts with "+38067"', ["A1", "A2", "A3", "A4"]),
        ('country = "Україна"', 'country = "UA"', ["A1", "A2", "A3", "A5", "A6"]),
        ('country in ("pl", "Poland")', 'country = "PL"', ["A4"]),
        ('gender = "Female"', 'gender = "f"', ["A1", "A2", "A3"]),
        # text the import only trims
        ('region = " Хмельницька "', 'region = "Хмельницька"', ["A1", "A2", "A3"]),
        ('tags contains " vip "', 'tags contains "vip"', ["A1", "A2"]),
        ('has_tag("opt ")', 'has_tag("opt")', ["A2", "A4"]),
        # function filters and picked values: an order's channel as the import maps it, an event's type
        ('orders(channel = "ПОС") >= 1 or orders(channel = "Каса") >= 1', 'orders(channel = "pos") >= 1',
         ["A1", "A4"]),
        ('orders(channel = ("Web", "Online")) >= 1', 'orders(channel = "online") >= 1', ["A2", "A5"]),
        ('last_order_channel = "Каса"', 'last_order_channel = "pos"', ["A1", "A4"]),
        ('events(type = "Email Open") >= 1', 'events(type = "email_open") >= 1', ["A1", "A4"]),
    ],
)  # fmt: skip
def test_a_value_typed_as_people_type_it_matches_as_the_import_stored_it(
    imported, typed, canonical, expected
):
    assert ids(imported, canonical) == expected  # the data is what the import made of it
    assert ids(imported, typed) == expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ('city contains "ець"', ["A1", "A2", "A3"]),  # a piece keeps its case: not "Ець"
        ('city contains "КАМ"', []),
        ('city starts with "Нова "', ["A5"]),  # the space after a prefix stays: not Новаград
        ('region = "хмельницька"', []),  # plain text is stored as typed: case is the user's
        ('country = "Kyiv"', []),  # no fuzzy country search: a city is not its country
        ('tags contains "VIP"', []),  # tags are stored as typed
    ],
)
def test_what_would_change_the_question_is_not_standardised(imported, rule, expected):
    assert ids(imported, rule) == expected


def test_a_segment_and_its_refresh_use_the_same_spelling(imported):
    """A segment is evaluated when created and again by every refresh, through other code paths: both
    must read the national phone number in the workspace's country."""
    segments.create(imported, "Kam", 'city = "Кам’янець-Подільський" and phone != "067 123 45 67"')
    assert sorted(segments.members(imported, "Kam").to_pandas()["customer_id"]) == ["A2", "A3"]
    refresh(imported)
    assert sorted(segments.members(imported, "Kam").to_pandas()["customer_id"]) == ["A2", "A3"]
    assert segments.get(imported, "Kam").rule == 'city = "Кам’янець-Подільський" and phone != "067 123 45 67"'


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ('city = ""', []),
        ('city in ("", " ")', []),
        ('city != ""', ["A1", "A2", "A3", "A4", "A5", "A6"]),
        ('city contains ""', ["A1", "A2", "A3", "A4", "A5", "A6"]),
        ('city starts with " "', []),
        ('phone = " "', []),
        ('has_tag("")', []),
        ('orders(channel = " ") >= 1', []),
    ],
)
def test_empty_and_blank_values_are_compared_as_typed(imported, rule, expected):
    """A value the import would store as nothing has no standard spelling: it is compared as typed (an
    empty `contains` piece is in every text), never dropped from the condition."""
    assert ids(imported, rule) == expected


TEXT_CHARS = st.characters(exclude_characters="\0", exclude_categories=("Cs",))  # NUL is refused
FIELDS = ("city", "email", "phone", "country", "gender", "region")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(TEXT_CHARS, min_size=1, max_size=20))
def test_any_value_still_matches_itself_on_every_standardised_field(workspace, value):
    """Standardising only adds spellings: whatever the text, a customer stored with exactly it (by other
    means than the import) is still found by =, in, contains and starts with on every field, and nothing
    the standardisers do to odd text (phone or country parsing, NFC, case) raises."""
    raw = workspace.raw
    raw.execute("DELETE FROM customers")
    columns = ", ".join(FIELDS)
    raw.execute(
        f"INSERT INTO customers (customer_id, {columns}, imported_at) VALUES ('A', ?, ?, ?, ?, ?, ?, now())",
        [value] * len(FIELDS),
    )
    text = render(a.String(value))
    forms = ("{} = {}", "{} in ({})", "{} contains {}", "{} starts with {}", "not {} != {}")
    rules = {f"r{n}": rule for n, rule in enumerate(form.format(f, text) for f in FIELDS for form in forms)}
    ctx = CompileContext.from_workspace(workspace, as_of=TODAY)
    (row,) = compile_rules(rules, ctx).to_pyarrow().to_pylist()
    assert [rules[name] for name, hit in row.items() if hit is False] == []
