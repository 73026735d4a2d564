"""Transliteration: KMU 2010 for Cyrillic, and match keys under which common spellings agree."""

import pytest

from segmint.quality.transliterate import match_key, to_latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Олександр Петренко", "Oleksandr Petrenko"),
        ("Григорій", "Hryhorii"),  # г→h, ій→ii (anyascii gives the Russian-style "Grigoriy")
        ("Харків", "Kharkiv"),
        ("Щербина", "Shcherbyna"),
        ("Ольга", "Olha"),  # the soft sign is dropped
        ("Юрій", "Yurii"),  # word-initial ю→yu
        ("Наталія", "Nataliia"),  # elsewhere я→ia
        ("Євгенія", "Yevheniia"),
        ("Їжакевич", "Yizhakevych"),
        ("Київ", "Kyiv"),
        ("Згурський", "Zghurskyi"),  # зг→zgh, so it does not read as ж
        ("п'ять", "piat"),  # the apostrophe is dropped and я after it is not word-initial
        ("Ґудзь", "Gudz"),
        ("Фёдор Эдуардович", "Fyodor Eduardovych"),  # Russian-only letters still come out
        ("Łukasz Żółw", "Lukasz Zolw"),  # non-Cyrillic scripts go through anyascii
    ],
)
def test_to_latin_follows_kmu_2010(cyrillic, latin):
    assert to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    "spellings",
    [
        ["Олександр Петренко", "Oleksandr Petrenko", "OLEKSANDR  PETRENKO"],
        ["Григорій", "Hryhorii", "Grigoriy", "Hryhoriy"],
        ["Дмитро", "Dmytro", "Dmitro"],
        ["Наталія", "Nataliia", "Natalia", "Nataliya"],
        ["Юрій", "Yurii", "Iurii", "Yuriy", "Jurij"],
        ["Харків", "Kharkiv", "Harkiv"],
        ["Володимир", "Volodymyr", "Wolodymyr"],
        ["Ілля", "Illia", "Ilya", "Illya"],
        ["Олексій", "Oleksii", "Oleksiy"],
        ["Хмельницький", "Khmelnytskyi", "Khmel'nyts'kyy"],
    ],
)
def test_spellings_of_one_name_share_a_match_key(spellings):
    assert len({match_key(s) for s in spellings}) == 1, {s: match_key(s) for s in spellings}


def test_different_names_keep_different_keys():
    names = ["Олександр", "Олексій", "Андрій", "Петренко", "Петрук", "Ірина", "Олена", "Alexander", "Ivan"]
    assert len({match_key(n) for n in names}) == len(names)


def test_russian_and_english_forms_stay_close():
    # Not equal (they are different forms of the name), but one or two edits apart, which the
    # Jaro-Winkler levels of the name comparison accept.
    import duckdb

    con = duckdb.connect()
    for a, b in [("Александр", "Alexander"), ("Aleksandr", "Oleksandr"), ("Kiev", "Київ")]:
        (distance,) = con.execute("SELECT levenshtein(?, ?)", [match_key(a), match_key(b)]).fetchone()
        assert distance <= 2, (a, b, match_key(a), match_key(b))


def test_empty_values():
    assert to_latin(None) is None
    assert match_key(None) is None
    assert match_key("   ") is None
    assert match_key("—") is None
