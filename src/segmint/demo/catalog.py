"""Reference data the demo shop is drawn from: places, names, categories, brands and attribute values.

Plain data, kept apart from the generator so it can be read (and extended) at a glance. Latin spellings of
Ukrainian names follow the official passport transliteration (KMU 2010), as real records do.
"""

from __future__ import annotations

# (city, region, ISO country, weight). Ukrainian cities keep their Cyrillic names; foreign ones are written
# the way a Ukrainian shop's form would receive them (English exonyms).
CITIES: list[tuple[str, str, str, float]] = [
    ("Київ", "Київ", "UA", 22.0),
    ("Харків", "Харківська область", "UA", 7.0),
    ("Одеса", "Одеська область", "UA", 6.5),
    ("Дніпро", "Дніпропетровська область", "UA", 6.5),
    ("Львів", "Львівська область", "UA", 7.5),
    ("Запоріжжя", "Запорізька область", "UA", 3.5),
    ("Вінниця", "Вінницька область", "UA", 3.0),
    ("Полтава", "Полтавська область", "UA", 2.2),
    ("Чернігів", "Чернігівська область", "UA", 1.8),
    ("Черкаси", "Черкаська область", "UA", 1.8),
    ("Житомир", "Житомирська область", "UA", 1.8),
    ("Суми", "Сумська область", "UA", 1.4),
    ("Хмельницький", "Хмельницька область", "UA", 1.9),
    ("Рівне", "Рівненська область", "UA", 1.8),
    ("Івано-Франківськ", "Івано-Франківська область", "UA", 2.3),
    ("Тернопіль", "Тернопільська область", "UA", 1.8),
    ("Луцьк", "Волинська область", "UA", 1.5),
    ("Ужгород", "Закарпатська область", "UA", 1.2),
    ("Чернівці", "Чернівецька область", "UA", 1.4),
    ("Кропивницький", "Кіровоградська область", "UA", 1.0),
    ("Миколаїв", "Миколаївська область", "UA", 1.7),
    ("Херсон", "Херсонська область", "UA", 0.6),
    ("Біла Церква", "Київська область", "UA", 1.0),
    ("Бровари", "Київська область", "UA", 1.0),
    ("Ірпінь", "Київська область", "UA", 0.9),
    ("Кременчук", "Полтавська область", "UA", 0.9),
    ("Кривий Ріг", "Дніпропетровська область", "UA", 1.6),
    ("Warsaw", "Mazowieckie", "PL", 2.2),
    ("Kraków", "Małopolskie", "PL", 1.4),
    ("Wrocław", "Dolnośląskie", "PL", 1.1),
    ("Gdańsk", "Pomorskie", "PL", 0.6),
    ("Berlin", "Berlin", "DE", 1.1),
    ("Munich", "Bayern", "DE", 0.6),
    ("Prague", "Praha", "CZ", 0.9),
    ("Vilnius", "Vilniaus apskritis", "LT", 0.5),
    ("Bratislava", "Bratislavský kraj", "SK", 0.3),
    ("Vienna", "Wien", "AT", 0.3),
    ("London", "England", "GB", 0.4),
    ("Toronto", "Ontario", "CA", 0.3),
]

# Ukrainian first names: (Cyrillic, Latin), by gender.
FEMALE_NAMES: list[tuple[str, str]] = [
    ("Олена", "Olena"),
    ("Ольга", "Olha"),
    ("Наталія", "Nataliia"),
    ("Тетяна", "Tetiana"),
    ("Ірина", "Iryna"),
    ("Юлія", "Yuliia"),
    ("Анна", "Anna"),
    ("Марія", "Mariia"),
    ("Оксана", "Oksana"),
    ("Світлана", "Svitlana"),
    ("Катерина", "Kateryna"),
    ("Вікторія", "Viktoriia"),
    ("Анастасія", "Anastasiia"),
    ("Людмила", "Liudmyla"),
    ("Галина", "Halyna"),
    ("Софія", "Sofiia"),
    ("Дарина", "Daryna"),
    ("Ганна", "Hanna"),
    ("Христина", "Khrystyna"),
    ("Яна", "Yana"),
    ("Валентина", "Valentyna"),
    ("Лариса", "Larysa"),
    ("Інна", "Inna"),
    ("Єлизавета", "Yelyzaveta"),
    ("Соломія", "Solomiia"),
    ("Зоряна", "Zoriana"),
    ("Леся", "Lesia"),
    ("Уляна", "Uliana"),
    ("Богдана", "Bohdana"),
    ("Аліна", "Alina"),
]
MALE_NAMES: list[tuple[str, str]] = [
    ("Олександр", "Oleksandr"),
    ("Андрій", "Andrii"),
    ("Сергій", "Serhii"),
    ("Дмитро", "Dmytro"),
    ("Володимир", "Volodymyr"),
    ("Олег", "Oleh"),
    ("Іван", "Ivan"),
    ("Максим", "Maksym"),
    ("Микола", "Mykola"),
    ("Юрій", "Yurii"),
    ("Тарас", "Taras"),
    ("Віктор", "Viktor"),
    ("Євген", "Yevhen"),
    ("Богдан", "Bohdan"),
    ("Василь", "Vasyl"),
    ("Петро", "Petro"),
    ("Роман", "Roman"),
    ("Артем", "Artem"),
    ("Денис", "Denys"),
    ("Ігор", "Ihor"),
    ("Михайло", "Mykhailo"),
    ("Віталій", "Vitalii"),
    ("Антон", "Anton"),
    ("Назар", "Nazar"),
    ("Остап", "Ostap"),
    ("Ярослав", "Yaroslav"),
    ("Павло", "Pavlo"),
    ("Григорій", "Hryhorii"),
    ("Кирило", "Kyrylo"),
    ("Станіслав", "Stanislav"),
]
# Surnames: (male, female, male Latin, female Latin); most Ukrainian surnames do not change with gender.
SURNAMES: list[tuple[str, str, str, str]] = [
    ("Мельник", "Мельник", "Melnyk", "Melnyk"),
    ("Шевченко", "Шевченко", "Shevchenko", "Shevchenko"),
    ("Коваленко", "Коваленко", "Kovalenko", "Kovalenko"),
    ("Бондаренко", "Бондаренко", "Bondarenko", "Bondarenko"),
    ("Бойко", "Бойко", "Boiko", "Boiko"),
    ("Ткаченко", "Ткаченко", "Tkachenko", "Tkachenko"),
    ("Кравченко", "Кравченко", "Kravchenko", "Kravchenko"),
    ("Ковальчук", "Ковальчук", "Kovalchuk", "Kovalchuk"),
    ("Коваль", "Коваль", "Koval", "Koval"),
    ("Олійник", "Олійник", "Oliinyk", "Oliinyk"),
    ("Шевчук", "Шевчук", "Shevchuk", "Shevchuk"),
    ("Поліщук", "Поліщук", "Polishchuk", "Polishchuk"),
    ("Бондар", "Бондар", "Bondar", "Bondar"),
    ("Ткачук", "Ткачук", "Tkachuk", "Tkachuk"),
    ("Марченко", "Марченко", "Marchenko", "Marchenko"),
    ("Лисенко", "Лисенко", "Lysenko", "Lysenko"),
    ("Руденко", "Руденко", "Rudenko", "Rudenko"),
    ("Савченко", "Савченко", "Savchenko", "Savchenko"),
    ("Петренко", "Петренко", "Petrenko", "Petrenko"),
    ("Клименко", "Клименко", "Klymenko", "Klymenko"),
    ("Павленко", "Павленко", "Pavlenko", "Pavlenko"),
    ("Кузьменко", "Кузьменко", "Kuzmenko", "Kuzmenko"),
    ("Гончаренко", "Гончаренко", "Honcharenko", "Honcharenko"),
    ("Романюк", "Романюк", "Romaniuk", "Romaniuk"),
    ("Мороз", "Мороз", "Moroz", "Moroz"),
    ("Левченко", "Левченко", "Levchenko", "Levchenko"),
    ("Гаврилюк", "Гаврилюк", "Havryliuk", "Havryliuk"),
    ("Ярошенко", "Ярошенко", "Yaroshenko", "Yaroshenko"),
    ("Литвиненко", "Литвиненко", "Lytvynenko", "Lytvynenko"),
    ("Семенюк", "Семенюк", "Semeniuk", "Semeniuk"),
    ("Ковальський", "Ковальська", "Kovalskyi", "Kovalska"),
    ("Заводський", "Заводська", "Zavodskyi", "Zavodska"),
    ("Грицишин", "Грицишин", "Hrytsyshyn", "Hrytsyshyn"),
    ("Дорошенко", "Дорошенко", "Doroshenko", "Doroshenko"),
    ("Зінченко", "Зінченко", "Zinchenko", "Zinchenko"),
    ("Білик", "Білик", "Bilyk", "Bilyk"),
    ("Яковенко", "Яковенко", "Yakovenko", "Yakovenko"),
    ("Вовк", "Вовк", "Vovk", "Vovk"),
    ("Соловйов", "Соловйова", "Solovyov", "Solovyova"),
    ("Федоренко", "Федоренко", "Fedorenko", "Fedorenko"),
]
# Local names for customers abroad who are not Ukrainian: (female first, male first, surnames) per country.
FOREIGN_NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "PL": (
        ["Anna", "Katarzyna", "Magdalena", "Agnieszka", "Zofia"],
        ["Piotr", "Krzysztof", "Tomasz", "Paweł", "Jakub"],
        ["Nowak", "Kowalczyk", "Wiśniewski", "Wójcik", "Lewandowski", "Zieliński"],
    ),
    "DE": (
        ["Anna", "Laura", "Julia", "Katharina", "Sophie"],
        ["Lukas", "Jonas", "Felix", "Maximilian", "Paul"],
        ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker"],
    ),
    "CZ": (
        ["Jana", "Tereza", "Eva", "Lucie"],
        ["Jan", "Petr", "Tomáš", "Jakub"],
        ["Novák", "Svoboda", "Dvořák", "Černý", "Procházka"],
    ),
    "LT": (
        ["Eglė", "Rūta", "Ieva"],
        ["Tomas", "Mantas", "Lukas"],
        ["Kazlauskas", "Jankauskas", "Petrauskas"],
    ),
    "SK": (["Zuzana", "Martina"], ["Marek", "Peter"], ["Horváth", "Kováč", "Varga"]),
    "AT": (["Lena", "Hannah"], ["Tobias", "David"], ["Gruber", "Huber", "Wagner"]),
    "GB": (
        ["Emily", "Olivia", "Charlotte"],
        ["James", "Oliver", "Harry"],
        ["Smith", "Jones", "Taylor", "Brown"],
    ),
    "CA": (["Emma", "Chloe"], ["Liam", "Noah"], ["Wilson", "Martin", "Tremblay"]),
}

# Phone numbering: (country calling code, mobile prefixes, digits after the prefix).
PHONE_PLANS: dict[str, tuple[str, list[str], int]] = {
    "UA": ("380", ["50", "66", "95", "99", "67", "68", "96", "97", "98", "63", "73", "93"], 7),
    "PL": ("48", ["500", "501", "502", "510", "530", "600", "601", "690", "780", "790"], 6),
    "DE": ("49", ["151", "152", "157", "160", "170", "171", "175", "176"], 8),
    "CZ": ("420", ["601", "602", "603", "604", "605", "720", "730", "775"], 6),
    "LT": ("370", ["61", "62", "65", "67", "68", "69"], 6),
    "SK": ("421", ["901", "902", "903", "905", "910", "915", "940", "950"], 6),
    "AT": ("43", ["650", "660", "664", "676", "680", "699"], 7),
    "GB": ("44", ["7400", "7700", "7800", "7900", "7500"], 6),
    "CA": ("1", ["416647", "647555"], 4),
}

EMAIL_DOMAINS_UA = [
    "gmail.com",
    "ukr.net",
    "i.ua",
    "meta.ua",
    "gmail.com",
    "gmail.com",
    "outlook.com",
    "icloud.com",
]
EMAIL_DOMAINS_INTL = ["gmail.com", "outlook.com", "icloud.com", "yahoo.com", "proton.me", "wp.pl", "gmx.de"]

# Categories: key, Ukrainian display name, English name, popularity, typical unit price (UAH) and its spread.
CATEGORIES: list[tuple[str, str, str, float, float, float]] = [
    ("electronics", "Електроніка", "Electronics", 1.3, 3500.0, 1.0),
    ("home", "Дім і кухня", "Home & kitchen", 1.4, 650.0, 0.8),
    ("fashion", "Одяг і взуття", "Fashion", 1.6, 1100.0, 0.6),
    ("beauty", "Краса і здоров'я", "Beauty & health", 1.2, 420.0, 0.6),
    ("sports", "Спорт і відпочинок", "Sports & outdoors", 0.8, 1300.0, 0.9),
    ("kids", "Дитячі товари", "Kids", 0.9, 600.0, 0.7),
    ("books", "Книги", "Books", 0.7, 320.0, 0.4),
    ("grocery", "Продукти", "Grocery", 1.5, 180.0, 0.6),
    ("pets", "Зоотовари", "Pet supplies", 0.6, 450.0, 0.7),
    ("garden", "Сад і город", "Garden", 0.5, 700.0, 0.8),
]
# Product types per category (Ukrainian) and the brands sold in it.
PRODUCT_TYPES: dict[str, list[str]] = {
    "electronics": ["Смартфон", "Навушники", "Павербанк", "Планшет", "Смарт-годинник", "Роутер", "Колонка"],
    "home": ["Сковорода", "Набір ножів", "Чайник", "Постільна білизна", "Ковдра", "Кавоварка", "Рушник"],
    "fashion": ["Футболка", "Джинси", "Кросівки", "Куртка", "Сукня", "Светр", "Вишиванка"],
    "beauty": [
        "Крем для обличчя",
        "Шампунь",
        "Парфуми",
        "Сироватка",
        "Бальзам для губ",
        "Сонцезахисний крем",
    ],
    "sports": ["Килимок для йоги", "Гантелі", "Намет", "Рюкзак", "Велошолом", "Термос"],
    "kids": ["Конструктор", "Пазл", "Дитячий візок", "Підгузки", "М'яка іграшка", "Розмальовка"],
    "books": ["Роман", "Дитяча книга", "Кулінарна книга", "Нон-фікшн", "Комікс", "Підручник"],
    "grocery": ["Кава в зернах", "Чай", "Шоколад", "Оливкова олія", "Мед", "Гранола"],
    "pets": ["Корм для котів", "Корм для собак", "Наповнювач", "Іграшка для собак", "Лежанка"],
    "garden": ["Насіння", "Секатор", "Шланг", "Горщик", "Добриво", "Садові рукавиці"],
}
BRANDS: dict[str, list[str]] = {
    "electronics": ["Samsung", "Xiaomi", "Apple", "JBL", "TP-Link", "2E"],
    "home": ["Tefal", "Ardesto", "Gorenje", "Home Line", "Ярослава"],
    "fashion": ["Answear", "Gepur", "Adidas", "Nike", "Puma", "Vovk"],
    "beauty": ["Nivea", "Mixa", "Bioderma", "Joko Blend", "Marie Fresh"],
    "sports": ["Decathlon", "Tramp", "Totu", "Kelme"],
    "kids": ["LEGO", "Pampers", "Ранок", "Kinderkraft"],
    "books": ["Видавництво Старого Лева", "Vivat", "А-ба-ба-га-ла-ма-га", "Лабораторія", "Yakaboo"],
    "grocery": ["Lviv Croissants", "Світоч", "Roshen", "Ahmad Tea", "Jacobs", "Пасіка Гармонія"],
    "pets": ["Royal Canin", "Purina", "Brit", "Club 4 Paws"],
    "garden": ["Gardena", "Fiskars", "Семена Украины", "Intertool"],
}

# Psychographic interests and the categories they pull a customer towards.
INTERESTS: dict[str, list[str]] = {
    "technology": ["electronics"],
    "cooking": ["home", "grocery"],
    "fashion": ["fashion", "beauty"],
    "fitness": ["sports"],
    "travel": ["sports", "electronics"],
    "reading": ["books"],
    "parenting": ["kids", "books"],
    "pets": ["pets"],
    "gardening": ["garden", "home"],
    "beauty": ["beauty"],
    "gaming": ["electronics"],
    "coffee": ["grocery"],
}
VALUES = ["price", "quality", "convenience", "sustainability", "brand", "novelty", "local_products", "speed"]

OCCUPATIONS = [
    ("office_worker", 18),
    ("it_specialist", 10),
    ("student", 9),
    ("teacher", 5),
    ("doctor", 3),
    ("engineer", 6),
    ("entrepreneur", 7),
    ("sales", 7),
    ("manager", 8),
    ("retired", 8),
    ("military", 3),
    ("freelancer", 5),
    ("worker", 7),
    ("homemaker", 4),
]
INCOME_BANDS = [("low", 22), ("lower_middle", 30), ("middle", 28), ("upper_middle", 14), ("high", 6)]
MARITAL = [("single", 34), ("married", 48), ("divorced", 10), ("widowed", 4), ("partnership", 4)]
EDUCATION = [("secondary", 20), ("vocational", 18), ("bachelor", 27), ("master", 30), ("phd", 5)]

# acquisition source -> channel, weight, and the system that created the record
ACQUISITION = [
    ("google", "paid_search", 18, "shop"),
    ("instagram", "paid_social", 15, "shop"),
    ("facebook", "paid_social", 10, "shop"),
    ("tiktok", "paid_social", 5, "shop"),
    ("organic_search", "organic", 14, "shop"),
    ("direct", "organic", 8, "shop"),
    ("referral", "referral", 6, "crm"),
    ("rozetka", "marketplace", 5, "shop"),
    ("prom_ua", "marketplace", 3, "shop"),
    ("store", "offline", 14, "pos"),
    ("email", "owned", 2, "crm"),
]
# device, operating system, weight
DEVICES = [
    ("mobile", "android", 42),
    ("mobile", "ios", 24),
    ("desktop", "windows", 20),
    ("desktop", "macos", 8),
    ("desktop", "linux", 1),
    ("tablet", "android", 2),
    ("tablet", "ios", 3),
]
TAGS = ["loyalty_card", "newsletter", "b2b", "vip_candidate", "military_discount", "employee", "wholesale"]
CUSTOMER_STATUSES = [("active", 96.5), ("inactive", 2.5), ("blocked", 1.0)]

# Physical stores by city; other cities buy online or by phone.
STORES: dict[str, list[str]] = {
    "Київ": ["Київ, ТРЦ Ocean Plaza", "Київ, ТРЦ Respublika", "Київ, вул. Хрещатик 22"],
    "Львів": ["Львів, ТРЦ Victoria Gardens", "Львів, пл. Ринок 10"],
    "Харків": ["Харків, ТРЦ Nikolsky"],
    "Одеса": ["Одеса, ТРЦ Riviera"],
    "Дніпро": ["Дніпро, ТРЦ Мост-Сіті"],
    "Вінниця": ["Вінниця, ТРЦ Мегамолл"],
    "Івано-Франківськ": ["Івано-Франківськ, вул. Незалежності 5"],
}
