"""A deterministic, labelled set of customer records with known duplicates, to measure dedupe.

People are Ukrainian (written in Cyrillic or in one of the Latin spellings Ukrainian names get) or English.
Some people have several records, each a copy corrupted the way CRM exports are: the other script, a
Russian form of the first name, a typo, dropped fields, another e-mail domain or a new address, the phone
written differently or mistyped, first and last name swapped, or only a full name. `entity_id` is the truth.
Every record has an e-mail or a phone (a CRM keeps no record it cannot reach), though a duplicate may have
a new one. Different people share names too (namesakes), as in any real base, so precision is really tested.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

import pandas as pd
import phonenumbers
from anyascii import anyascii

from segmint.quality.transliterate import to_latin


def _words(text: str) -> list[str]:
    return text.split()


UK_MALE = _words(
    "Олександр Андрій Дмитро Сергій Володимир Іван Михайло Віталій Юрій Василь Олег Богдан Ігор Тарас "
    "Максим Артем Роман Микола Петро Степан Ярослав Віктор Євген Григорій Анатолій Павло Денис Костянтин "
    "Валентин Леонід Остап Назар Данило Кирило Тимофій Федір Ілля Олексій Орест Святослав"
)
UK_FEMALE = _words(
    "Олена Наталія Ірина Тетяна Оксана Марія Юлія Світлана Людмила Анна Ольга Катерина Вікторія Галина "
    "Софія Христина Надія Лариса Іванна Дарина Валентина Зоряна Мирослава Ганна Соломія Анастасія Євгенія "
    "Яна Алла Любов Роксолана Уляна Вероніка Леся Ніна Діана Аліна Богдана Тамара Інна"
)
UK_SURNAMES = _words(
    "Мельник Шевченко Коваленко Бондаренко Бойко Ткаченко Кравченко Ковальчук Коваль Олійник Шевчук "
    "Поліщук Лисенко Бондар Марченко Руденко Савченко Петренко Мороз Клименко Павленко Кравчук Кузьменко "
    "Левченко Харченко Карпенко Гнатюк Пономаренко Савчук Ткачук Сидоренко Юрченко Мазур Онищенко Кучер "
    "Приходько Гончаренко Романенко Остапенко Зінченко Тимошенко Литвиненко Панченко Лук'яненко Мартинюк "
    "Василенко Костенко Гаврилюк Дячук Семенюк Демченко Яковенко Федоренко Нестеренко Кириленко Вакуленко "
    "Захарченко Назаренко Кушнір Білик Дмитренко Антонюк Гордієнко Бабенко Степаненко Тарасенко Мельничук "
    "Андрієнко Головко Сорока Гуменюк Щербак Литвин Іваненко Власенко Фесенко Гребенюк Жук Лозинський "
    "Мирошниченко Скрипник Черненко Грищенко Кравець Луценко Чорновол Захарчук Пилипенко Ярошенко Гриценко "
    "Сердюк Шаповал Яценко Остапчук Дорошенко Стасюк Хоменко Вовк Гайдамака Процик Швець Прокопенко Рибак"
)
# Roots and suffixes of the commonest Ukrainian surname patterns (Петренко, Петрук, Петришин, Петрів...):
# with the list above they give real name diversity, so namesakes are about as frequent as in a real base.
UK_ROOTS = _words(
    "Петр Іван Марк Гнат Сем Максим Павл Кирил Юрч Стас Тарас Дмитр Андр Мирон Нестер Олекс Яким Гриц Мусі "
    "Процик Бабич Харч Кузьм Климч Федорч Левч Карп Кост Данил Лук Тимч Остапч Васильч Мартин Гаврил Филип"
)
UK_SUFFIXES = ["енко", "ук", "ишин", "ів", "ович", "ак", "юк", "ець"]
# Russian forms of Ukrainian first names, as a Russian-speaking clerk would type them.
RU_FORMS = {
    "Олександр": "Александр", "Андрій": "Андрей", "Дмитро": "Дмитрий", "Сергій": "Сергей",
    "Іван": "Иван", "Михайло": "Михаил", "Віталій": "Виталий", "Юрій": "Юрий", "Василь": "Василий",
    "Ігор": "Игорь", "Микола": "Николай", "Петро": "Пётр", "Євген": "Евгений", "Григорій": "Григорий",
    "Олексій": "Алексей", "Олена": "Елена", "Наталія": "Наталья", "Ірина": "Ирина", "Тетяна": "Татьяна",
    "Юлія": "Юлия", "Ганна": "Анна", "Ольга": "Ольга", "Катерина": "Екатерина", "Галина": "Галина",
    "Надія": "Надежда", "Євгенія": "Евгения", "Любов": "Любовь", "Віктор": "Виктор", "Павло": "Павел",
}  # fmt: skip
EN_MALE = _words(
    "James John Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew Anthony Mark "
    "George Steven Paul Andrew Joshua Kevin Brian Edward Ronald Timothy Jason Jeffrey Ryan Jacob Gary Eric"
)
EN_FEMALE = _words(
    "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret "
    "Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Laura"
)
EN_SURNAMES = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Wilson Anderson Taylor "
    "Thomas Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King "
    "Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner "
    "Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Bell"
)
UK_CITIES = [  # (Cyrillic, weight ~ population)
    ("Київ", 30), ("Харків", 14), ("Одеса", 10), ("Дніпро", 10), ("Львів", 7), ("Запоріжжя", 7),
    ("Вінниця", 4), ("Полтава", 3), ("Чернігів", 3), ("Житомир", 3), ("Івано-Франківськ", 2),
    ("Тернопіль", 2), ("Луцьк", 2), ("Ужгород", 1), ("Черкаси", 3), ("Суми", 3), ("Рівне", 2),
    ("Хмельницький", 3), ("Миколаїв", 4), ("Чернівці", 2),
]  # fmt: skip
EN_CITIES = [("London", 10), ("Manchester", 3), ("Warsaw", 4), ("Berlin", 3), ("Toronto", 3), ("New York", 4)]
UA_OPERATORS = ["50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99"]
DOMAINS = ["gmail.com", "ukr.net", "i.ua", "meta.ua", "outlook.com", "yahoo.com", "icloud.com"]

COLUMNS = ["customer_id", "first_name", "last_name", "full_name", "email", "phone", "city", "entity_id"]


@dataclass
class Person:
    entity_id: str
    first: str  # Cyrillic for Ukrainians
    last: str
    ukrainian: bool
    email: str | None
    phone: str | None  # E.164
    city: str


def generate(n_records: int = 5000, *, seed: int = 7, duplicate_share: float = 0.25) -> pd.DataFrame:
    """`n_records` customer rows (the canonical columns compared by dedupe) plus `entity_id`, the truth.

    About `duplicate_share` of the people have 2-4 records; the rest have one.
    """
    rng = random.Random(seed)
    rows: list[dict] = []
    person_no = 0
    used_emails: set[str] = set()
    while len(rows) < n_records:
        person = _person(rng, f"p{person_no:07d}", used_emails)
        person_no += 1
        copies = 1
        if rng.random() < duplicate_share:
            copies = rng.choices([2, 3, 4], weights=[75, 20, 5])[0]
        for copy in range(min(copies, n_records - len(rows))):
            rows.append(_record(rng, person, corrupt=copy > 0))
    order = list(range(len(rows)))
    rng.shuffle(order)  # duplicates are not next to each other
    frame = pd.DataFrame([rows[i] for i in order], columns=COLUMNS[1:])
    frame.insert(0, "customer_id", [f"c{i:07d}" for i in range(len(frame))])
    return frame


def true_pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    """Every pair of customer ids (smaller first) that belong to the same person."""
    pairs: set[tuple[str, str]] = set()
    for ids in frame.groupby("entity_id").customer_id.agg(sorted):
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    return pairs


def _person(rng: random.Random, entity_id: str, used_emails: set[str]) -> Person:
    ukrainian = rng.random() < 0.8
    female = rng.random() < 0.5
    if ukrainian:
        first = rng.choice(UK_FEMALE if female else UK_MALE)
        if rng.random() < 0.5:
            last = rng.choice(UK_SURNAMES)
        else:
            last = rng.choice(UK_ROOTS) + rng.choice(UK_SUFFIXES)
        last = _feminine(last) if female else last
        city = _weighted(rng, UK_CITIES if rng.random() < 0.95 else EN_CITIES)
    else:
        first = rng.choice(EN_FEMALE if female else EN_MALE)
        last = rng.choice(EN_SURNAMES)
        city = _weighted(rng, EN_CITIES if rng.random() < 0.8 else UK_CITIES)
    latin_first, latin_last = (to_latin(first).lower(), to_latin(last).lower())
    local = rng.choice(
        [
            f"{latin_first}.{latin_last}",
            f"{latin_first}{latin_last}",
            f"{latin_first[0]}.{latin_last}",
            f"{latin_last}.{latin_first}",
            f"{latin_first}_{latin_last}{rng.randrange(60, 100)}",
            f"{latin_last}{rng.randrange(1, 1000)}",
        ]
    )
    email = f"{local}@{rng.choice(DOMAINS)}" if rng.random() < 0.85 else None
    while email in used_emails:  # an address belongs to one person
        email = f"{local}{rng.randrange(10, 10000)}@{email.split('@')[1]}"
    if email:
        used_emails.add(email)
    phone = _phone(rng, ukrainian) if email is None or rng.random() < 0.85 else None
    return Person(entity_id, first, last, ukrainian, email, phone, city)


def _record(rng: random.Random, person: Person, *, corrupt: bool) -> dict:
    """One record of a person: written as the first system would, or (corrupt) as another one would."""
    first, last, city = person.first, person.last, person.city
    email, phone = person.email, person.phone
    script = "cyrillic" if person.ukrainian and rng.random() < 0.6 else "latin"
    swapped = full_only = False
    if corrupt:
        if person.ukrainian and rng.random() < 0.5:
            script = "latin" if script == "cyrillic" else "cyrillic"
        if person.ukrainian and first in RU_FORMS and rng.random() < 0.15:
            first = RU_FORMS[first]
        if rng.random() < 0.3:
            if rng.random() < 0.5:
                first = _typo(rng, first)
            else:
                last = _typo(rng, last)
        if email and rng.random() < 0.3:
            local = email.split("@")[0]
            email = (
                f"{local}@{rng.choice(DOMAINS)}"
                if rng.random() < 0.6
                else f"{_typo(rng, local)}@{email.split('@')[1]}"
            )
        if rng.random() < 0.2:
            email = None
        if phone and rng.random() < 0.1:
            phone = _typo_digits(rng, phone)
        if rng.random() < 0.2:
            phone = None
        if rng.random() < 0.1:
            phone = _phone(rng, person.ukrainian)  # a new number
        if phone and rng.random() < 0.1:  # stored as typed by a tool that did not normalise it
            phone = phonenumbers.format_number(
                phonenumbers.parse(phone), phonenumbers.PhoneNumberFormat.NATIONAL
            )
        if email is None and phone is None:  # a CRM keeps a record only with some way to reach the person
            email, phone = (person.email, None) if person.email else (None, person.phone)
        if rng.random() < 0.2:
            city = None
        swapped = rng.random() < 0.1
        full_only = rng.random() < 0.1
    first, last, city = (_render(v, script, rng) for v in (first, last, city))
    if swapped:
        first, last = last, first
    record = {"first_name": first, "last_name": last, "full_name": None}
    if full_only:  # a POS that keeps one name field, often surname first
        parts = [last, first] if rng.random() < 0.5 else [first, last]
        record = {"first_name": None, "last_name": None, "full_name": " ".join(parts)}
    return {**record, "email": email, "phone": phone, "city": city, "entity_id": person.entity_id}


def _render(value: str | None, script: str, rng: random.Random) -> str | None:
    """Cyrillic as is, or in one of the Latin spellings people and systems use."""
    if value is None or script == "cyrillic" or value.isascii():
        return value
    return to_latin(value) if rng.random() < 0.7 else anyascii(value).replace("'", "")


def _feminine(surname: str) -> str:
    return surname[:-3] + "ська" if surname.endswith("ський") else surname


def _weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _phone(rng: random.Random, ukrainian: bool) -> str:
    if ukrainian or rng.random() < 0.3:
        text = f"+380{rng.choice(UA_OPERATORS)}{rng.randrange(10**7):07d}"
    else:
        text = f"+447{rng.randrange(100, 999)}{rng.randrange(10**6):06d}"
    number = phonenumbers.parse(text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _typo(rng: random.Random, word: str) -> str:
    """One keyboard slip: a letter dropped, doubled, replaced or two letters swapped."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    alphabet = "абвгдеєжзиіїйклмнопрстуфхцчшщьюя" if not word.isascii() else string.ascii_lowercase
    kind = rng.choice(["drop", "double", "replace", "swap"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "replace":
        return word[:i] + rng.choice(alphabet) + word[i + 1 :]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def _typo_digits(rng: random.Random, phone: str) -> str:
    i = rng.randrange(len(phone) - 7, len(phone))
    return phone[:i] + str((int(phone[i]) + rng.randrange(1, 10)) % 10) + phone[i + 1 :]


def score(frame: pd.DataFrame, clusters: pd.DataFrame) -> dict[str, float | int]:
    """Pairwise precision, recall and F1 of predicted clusters (cluster_id, customer_id) against the truth."""
    truth = true_pairs(frame)
    predicted: set[tuple[str, str]] = set()
    for ids in clusters.groupby("cluster_id").customer_id.agg(sorted):
        predicted.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    hits = len(truth & predicted)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "true_pairs": len(truth),
        "predicted_pairs": len(predicted),
        "true_positives": hits,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }
