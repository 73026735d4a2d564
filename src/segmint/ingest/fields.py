"""What each importable entity's fields are, declared once as data.

Header matching, `--map` validation, the docs and the schema check in the tests all read this table. Aliases
are compared after `header_key()` (lower case, no spaces, dashes, dots or underscores), in English, Ukrainian
and Russian, because those are the exports our users bring.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

# Field kinds decide how a value is parsed and normalised (see normalise.py and typed.py).
TEXT, NAME, EMAIL, PHONE, COUNTRY, GENDER, CURRENCY = (
    "text",
    "name",
    "email",
    "phone",
    "country",
    "gender",
    "currency",
)
DATE, TIMESTAMP, AMOUNT, QUANTITY, INTEGER, BOOLEAN, TAGS = (
    "date",
    "timestamp",
    "amount",
    "quantity",
    "integer",
    "boolean",
    "tags",
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = TEXT
    required: bool = False
    description: str = ""
    aliases: tuple[str, ...] = ()
    lands_in: str | None = None  # "table.column" when the value is stored outside the entity's table


@dataclass(frozen=True)
class Entity:
    """An importable kind of record and the table it lands in."""

    name: str  # as the CLI spells it: customers, orders, order-items, events, products
    table: str
    key: tuple[str, ...]
    fields: tuple[Field, ...]
    extras_column: str | None = None  # where unmapped source columns go (JSON), if anywhere
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})


def header_key(text: str) -> str:
    """Compare headers loosely: "E-mail", "e_mail" and " Email " are the same header."""
    return re.sub(r"[\s\-_.'’ʼ`/()№#]+", "", str(text).strip().lower()).replace("ё", "е")


F = Field
CUSTOMER_ID = F(
    "customer_id",
    TEXT,
    True,
    "The customer's id in the source system.",
    (
        "id",
        "customerid",
        "customer",
        "clientid",
        "client",
        "кодклієнта",
        "idклієнта",
        "клієнт",
        "кодклиента",
        "idклиента",
        "клиент",
        "номерклієнта",
        "номерклиента",
        "customer id",
    ),
)

CUSTOMERS = Entity(
    "customers",
    "customers",
    ("customer_id",),
    (
        CUSTOMER_ID,
        F("source", TEXT, False, "The system the record came from.", ("system", "джерело", "источник")),
        F("first_name", NAME, False, "Given name.", ("firstname", "givenname", "name", "ім'я", "імя", "имя")),
        F(
            "last_name",
            NAME,
            False,
            "Family name.",
            ("lastname", "surname", "familyname", "прізвище", "фамилия"),
        ),
        F(
            "full_name",
            NAME,
            False,
            "Full name when the file has one column for it.",
            ("fullname", "піб", "фио", "повнеім'я", "полноеимя", "клієнтпіб"),
        ),
        F(
            "email",
            EMAIL,
            False,
            "E-mail address; lower-cased and validated.",
            (
                "email",
                "mail",
                "emailaddress",
                "електроннапошта",
                "пошта",
                "почта",
                "электроннаяпочта",
                # CRM exports (1C, amoCRM, Bitrix24) abbreviate: "Эл. почта", "Ел. пошта", "E-mail адрес"
                "элпочта",
                "эладрес",
                "электронныйадрес",
                "адресэлпочты",
                "адресэлектроннойпочты",
                "елпошта",
                "еладреса",
                "електроннаадреса",
                "адресаелектронноїпошти",
                "emailадрес",
                "emailадреса",
                "емейл",
                "имейл",
                "імейл",
                "мейл",
            ),
        ),
        F(
            "phone",
            PHONE,
            False,
            "Phone number; stored as E.164.",
            (
                "phone",
                "phonenumber",
                "mobile",
                "tel",
                "telephone",
                "телефон",
                "мобільний",
                "мобильный",
                "номертелефону",
                "номертелефона",
                "тел",
                "моб",
                "мобтел",
                "мобтелефон",
                "мобильныйтел",
                "мобільнийтел",
                "мобильныйтелефон",
                "мобільнийтелефон",
                "телефонмобильный",
                "телефонмобільний",
                "сотовый",
                "сотовыйтелефон",
                "контактныйтелефон",
                "контактнийтелефон",
            ),
        ),
        F("gender", GENDER, False, "f, m or other.", ("sex", "стать", "пол")),
        F(
            "birth_date",
            DATE,
            False,
            "Date of birth.",
            (
                "birthdate",
                "dateofbirth",
                "dob",
                "birthday",
                "датанародження",
                "датарождения",
                "деньнародження",
                "деньрождения",
                "др",  # "Д.р.", "Д/р"
                "дн",  # "Д.н."
                "датанар",
            ),
        ),
        F(
            "birth_year",
            INTEGER,
            False,
            "Year of birth when the file gives only the year (1957); age is counted from it when there is "
            "no birth date.",
            (
                "birthyear",
                "yearbirth",
                "yearofbirth",
                "рікнародження",
                "годрождения",
                "рікнар",
                "годрожд",
            ),
        ),
        F("city", NAME, False, "City.", ("town", "місто", "город", "населенийпункт", "населенныйпункт")),
        F(
            "region",
            TEXT,
            False,
            "Region, oblast or state.",
            ("state", "oblast", "область", "регіон", "регион"),
        ),
        F("country", COUNTRY, False, "Country; stored as ISO 3166 alpha-2.", ("країна", "страна")),
        F("language", TEXT, False, "ISO 639-1 language.", ("lang", "мова", "язык")),
        F(
            "income",
            AMOUNT,
            False,
            "Yearly income as a number; a column of bands (50-75k, high) under these names goes to "
            "income_band.",
            (
                "income",
                "annualincome",
                "yearlyincome",
                "householdincome",
                "дохід",
                "доход",
                "річнийдохід",
                "годовойдоход",
            ),
        ),
        F(
            "income_band",
            TEXT,
            False,
            "Income band (50-75k, high).",
            ("incomeband", "incomerange", "incomelevel", "рівеньдоходу", "уровеньдохода"),
        ),
        F("occupation", TEXT, False, "Occupation.", ("job", "profession", "професія", "профессия")),
        F(
            "marital_status",
            TEXT,
            False,
            "Marital status.",
            ("maritalstatus", "сімейнийстан", "семейноеположение"),
        ),
        F("education", TEXT, False, "Education.", ("освіта", "образование")),
        F(
            "signup_date",
            DATE,
            False,
            "When the customer joined.",
            (
                "signupdate",
                "registrationdate",
                "registered",
                "createdat",
                "created",
                "датареєстрації",
                "датарегистрации",
                "датасоздания",
                "датастворення",
                "зарегистрирован",
                # marketing data sets: Kaggle's "Customer Personality Analysis" names it Dt_Customer
                "dtcustomer",
                "customersince",
                "clientsince",
                "datejoined",
                "joindate",
                "enrollmentdate",
                "клієнтз",
                "клиентс",
            ),
        ),
        F(
            "acquisition_source",
            TEXT,
            False,
            "Where the customer came from.",
            ("utmsource", "acquisitionsource"),
        ),
        F(
            "acquisition_channel",
            TEXT,
            False,
            "Channel the customer came through.",
            ("utmmedium", "acquisitionchannel"),
        ),
        F("device", TEXT, False, "mobile, desktop, tablet.", ("пристрій", "устройство")),
        F("os", TEXT, False, "Operating system.", ("operatingsystem",)),
        F("interests", TAGS, False, "Interests, separated by , or ;.", ("інтереси", "интересы")),
        F("values", TAGS, False, "Values, separated by , or ;.", ("цінності", "ценности")),
        F(
            "consent_email",
            BOOLEAN,
            False,
            "Agreed to marketing e-mail.",
            ("emailconsent", "emailoptin", "згоданаemail", "согласиенаemail"),
        ),
        F(
            "consent_sms",
            BOOLEAN,
            False,
            "Agreed to marketing SMS.",
            ("smsconsent", "smsoptin", "згоданаsms", "согласиенаsms"),
        ),
        F("tags", TAGS, False, "Free labels, separated by , or ;.", ("labels", "теги", "мітки", "метки")),
        F("status", TEXT, False, "The business's own status.", ("статус",)),
    ),
    extras_column="custom",
)

ORDER_ID = F(
    "order_id",
    TEXT,
    True,
    "Order or invoice number.",
    (
        "order",
        "orderid",
        "ordernumber",
        "orderno",
        "invoice",
        "invoiceno",
        "invoicenumber",
        "номерзамовлення",
        "замовлення",
        "номерзаказа",
        "заказ",
        "чек",
        "номерчека",
    ),
)
ITEM_FIELDS = (
    F(
        "line_no",
        INTEGER,
        False,
        "Line number within the order (numbered in file order when absent).",
        ("line", "lineno", "linenumber", "position", "рядок", "позиція", "позиция", "строка"),
    ),
    F(
        "product_id",
        TEXT,
        False,
        "Product code or SKU.",
        ("product", "productid", "sku", "stockcode", "article", "артикул", "кодтовару", "кодтовара"),
    ),
    F(
        "product_name",
        TEXT,
        False,
        "Product name.",
        ("productname", "description", "item", "товар", "назватовару", "наименование", "найменування"),
    ),
    F("category", TEXT, False, "Product category.", ("категорія", "категория")),
    F("quantity", QUANTITY, True, "Units on the line.", ("qty", "count", "кількість", "количество", "кол")),
    F(
        "unit_price",
        AMOUNT,
        True,
        "Price of one unit.",
        ("price", "unitprice", "ціна", "цена", "цінаодиниці"),
    ),
)
ORDER_FIELDS = (
    ORDER_ID,
    F(
        "customer_id",
        TEXT,
        False,
        "The buyer's customer id; empty for a guest purchase.",
        CUSTOMER_ID.aliases,
    ),
    F(
        "ordered_at",
        TIMESTAMP,
        True,
        "Date and time of the order.",
        (
            "date",
            "orderdate",
            "invoicedate",
            "datetime",
            "time",
            "createdat",
            "дата",
            "датазамовлення",
            "датазаказа",
            "час",
            "время",
            "датаічас",
            "датаивремя",
            "датачас",
            "датавремя",
        ),
    ),
    F(
        "total",
        AMOUNT,
        False,
        "Order value after discount; a file of order lines may leave it out (computed from its lines).",
        ("amount", "sum", "ordertotal", "revenue", "value", "сума", "сумма", "разом", "итого"),
    ),
    F(
        "discount",
        AMOUNT,
        False,
        "Discount given on the order; in a file of order lines, on the line (the order's is their sum).",
        ("знижка", "скидка"),
    ),
    F("currency", CURRENCY, False, "ISO 4217 currency when it differs from the workspace's.", ("валюта",)),
    F("channel", TEXT, False, "online, offline or pos.", ("saleschannel", "канал")),
    F("store", TEXT, False, "Shop or point of sale.", ("shop", "магазин", "точка")),
    F("status", TEXT, False, "completed, pending, cancelled, returned or adjustment.", ("статус",)),
    F("source", TEXT, False, "The system the record came from.", ("system", "джерело", "источник")),
    F(
        "country",
        COUNTRY,
        False,
        "The buyer's country; stored on customers created by the import.",
        ("країна", "страна"),
        lands_in="customers.country",
    ),
)
ORDERS = Entity("orders", "orders", ("order_id",), ORDER_FIELDS + ITEM_FIELDS)

ORDER_ITEMS = Entity(
    "order-items",
    "order_items",
    ("order_id", "line_no"),
    (ORDER_ID, *ITEM_FIELDS, F("discount", AMOUNT, False, "Discount on the line.", ("знижка", "скидка"))),
)

EVENTS = Entity(
    "events",
    "events",
    ("event_id",),
    (
        F(
            "event_id",
            TEXT,
            False,
            "The source's event id (a content hash when absent).",
            ("id", "eventid", "idподії", "idсобытия", "кодподії", "кодсобытия", "номерподії", "номерсобытия"),
        ),
        F("customer_id", TEXT, False, "Whose event it is.", CUSTOMER_ID.aliases),
        F(
            "event_type",
            TEXT,
            True,
            "email_open, page_view, survey_answer, ...",
            (
                "type",
                "event",
                "eventtype",
                "action",
                "подія",
                "событие",
                "тип",
                "типподії",
                "типсобытия",
                "видподії",
                "видсобытия",
                "дія",
                "действие",
            ),
        ),
        F(
            "occurred_at",
            TIMESTAMP,
            True,
            "When it happened.",
            (
                "date",
                "time",
                "timestamp",
                "datetime",
                "occurredat",
                "eventdate",
                "eventtime",
                "дата",
                "час",
                "время",
                "датаподії",
                "датасобытия",
                "часподії",
                "времясобытия",
                "датаічас",
                "датаивремя",
                "датачас",
                "датавремя",
            ),
        ),
        F(
            "campaign_id",
            TEXT,
            False,
            "Campaign the event belongs to.",
            ("campaign", "кампанія", "кампания", "idкампанії", "idкампании", "кодкампанії", "кодкампании"),
        ),
        F("channel", TEXT, False, "email, sms, web, ...", ("канал", "каналзв'язку", "каналсвязи")),
        F(
            "nps_score",
            INTEGER,
            False,
            "0..10 on survey answers.",
            ("nps", "score", "npsscore", "оцінка", "оценка", "оцінкаnps", "оценкаnps", "бал", "балл"),
        ),
    ),
    extras_column="properties",
)

PRODUCTS = Entity(
    "products",
    "products",
    ("product_id",),
    (
        F(
            "product_id",
            TEXT,
            True,
            "Product code or SKU.",
            ("id", "sku", "stockcode", "артикул", "кодтовару"),
        ),
        F("name", TEXT, False, "Product name.", ("productname", "description", "назва", "наименование")),
        F("category", TEXT, False, "Category.", ("категорія", "категория")),
        F("brand", TEXT, False, "Brand.", ("бренд", "виробник", "производитель")),
        F("price", AMOUNT, False, "List price.", ("ціна", "цена")),
    ),
)

ENTITIES: dict[str, Entity] = {e.name: e for e in (CUSTOMERS, ORDERS, ORDER_ITEMS, EVENTS, PRODUCTS)}
ENTITIES["order_items"] = ORDER_ITEMS

EVENT_TYPES = (
    "email_sent",
    "email_open",
    "email_click",
    "email_unsubscribe",
    "sms_sent",
    "sms_click",
    "site_visit",
    "page_view",
    "cart_add",
    "cart_abandon",
    "review",
    "survey_answer",
)
ORDER_STATUSES = ("completed", "pending", "cancelled", "returned", "adjustment")


# Event types as Ukrainian and Russian CRM logs write them, by canonical type (EVENT_TYPES); the text
# is matched in lower case with runs of spaces and hyphens as one "_" (see checks.event_type). A purchase
# is no event: it is an order (docs/import.md).
EVENT_TYPE_ALIASES = {
    "email_sent": ("лист надіслано", "надіслано лист", "відправлено лист", "письмо отправлено",
                   "отправлено письмо", "отправка письма"),
    "email_open": ("відкриття листа", "відкрив лист", "відкрила лист", "лист відкрито", "відкрито лист",
                   "открытие письма", "открыл письмо", "открыла письмо", "письмо открыто"),
    "email_click": ("клік", "клік у листі", "клік в листі", "перехід за посиланням", "клик", "клик в письме",
                    "переход по ссылке", "click"),
    "email_unsubscribe": ("відписка", "відписався", "відписалася", "отписка", "отписался", "отписалась",
                          "unsubscribe"),
    "sms_sent": ("смс надіслано", "sms надіслано", "смс отправлено", "sms отправлено"),
    "sms_click": ("клік у смс", "клік в смс", "клик в смс", "клик по смс"),
    "site_visit": ("візит", "візит на сайт", "відвідування сайту", "відвідав сайт", "визит", "визит на сайт",
                   "посещение сайта", "посетил сайт", "visit"),
    "page_view": ("перегляд сторінки", "переглянув сторінку", "переглянула сторінку", "перегляд",
                  "просмотр страницы", "просмотрел страницу", "просмотр"),
    "cart_add": ("додав у кошик", "додала у кошик", "додав в кошик", "додала в кошик", "додано в кошик",
                 "додано у кошик", "додавання в кошик", "додавання у кошик", "добавил в корзину",
                 "добавила в корзину", "добавлено в корзину", "добавление в корзину", "add to cart"),
    "cart_abandon": ("покинутий кошик", "кинутий кошик", "брошенная корзина", "покинутая корзина",
                     "abandoned cart"),
    "review": ("відгук", "залишив відгук", "залишила відгук", "отзыв", "оставил отзыв", "оставила отзыв"),
    "survey_answer": ("опитування", "відповідь на опитування", "опрос", "ответ на опрос"),
}  # fmt: skip
_EVENT_TYPE_SEPARATORS = r"[\s\-]+"
_EVENT_TYPE_OF = {
    re.sub(_EVENT_TYPE_SEPARATORS, "_", name): kind
    for kind, names in EVENT_TYPE_ALIASES.items()
    for name in names
}


# What people call a purchase when they look for it among the event types (folded as an event type is): no
# event is one, since purchases are orders, imported as orders (settings say so, config.event_type.order)
PURCHASE_NAMES = frozenset(
    re.sub(_EVENT_TYPE_SEPARATORS, "_", name)
    for name in ("purchase", "purchases", "purchased", "order", "orders", "order placed", "buy", "bought",
                 "sale", "checkout", "payment", "покупка", "покупки", "купівля", "купив", "купила",
                 "замовлення", "оплата", "заказ", "заказы", "купил", "оформлен заказ")
)  # fmt: skip


def stored_event_type(text: str) -> str:
    """`event_type` of one Python string: the type the import stores for `text` (a settings value, read as
    an events file's type is)."""
    folded = re.sub(_EVENT_TYPE_SEPARATORS, "_", text.strip().lower())
    return _EVENT_TYPE_OF.get(folded, folded)


def nearest_event_type(text: str) -> str | None:
    """The event type a mistyped one probably means ("email_opn", "відкритя листа": email_open), or None."""
    names = {**{kind: kind for kind in EVENT_TYPES}, **_EVENT_TYPE_OF}  # a type, or a name of one
    near = difflib.get_close_matches(stored_event_type(text), list(names), n=1, cutoff=0.6)
    return names[near[0]] if near else None
