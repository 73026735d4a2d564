"""Country names as real exports write them become ISO 3166 codes: every name in the UCI data sets, and
the Ukrainian and Russian spellings of the same countries."""

import duckdb
import pytest

from segmint.ingest.normalise import country

# every Country value of UCI Online Retail and Online Retail II, and its ISO code (None: not a country)
UCI = {
    "Australia": "AU", "Austria": "AT", "Bahrain": "BH", "Belgium": "BE", "Bermuda": "BM", "Brazil": "BR",
    "Canada": "CA", "Channel Islands": None, "Cyprus": "CY", "Czech Republic": "CZ", "Denmark": "DK",
    "EIRE": "IE", "European Community": None, "Finland": "FI", "France": "FR", "Germany": "DE",
    "Greece": "GR", "Hong Kong": "HK", "Iceland": "IS", "Israel": "IL", "Italy": "IT", "Japan": "JP",
    "Korea": "KR", "Lebanon": "LB", "Lithuania": "LT", "Malta": "MT", "Netherlands": "NL", "Nigeria": "NG",
    "Norway": "NO", "Poland": "PL", "Portugal": "PT", "RSA": "ZA", "Saudi Arabia": "SA", "Singapore": "SG",
    "Spain": "ES", "Sweden": "SE", "Switzerland": "CH", "Thailand": "TH", "USA": "US",
    "United Arab Emirates": "AE", "United Kingdom": "GB", "Unspecified": None, "West Indies": None,
}  # fmt: skip


def test_every_country_of_the_uci_data_sets(shared_data):
    files = ["online_retail/online_retail.parquet", "online_retail_ii/online_retail_ii_2009_2010.parquet"]
    names = set()
    for name in files:
        rows = duckdb.sql(f"SELECT DISTINCT Country FROM '{shared_data / name}'").fetchall()
        names |= {row[0] for row in rows}
    assert names == set(UCI)
    assert {name: country(name)[0] for name in names} == UCI  # "Korea" was KP, North Korea


@pytest.mark.parametrize("name", ["Korea", "South Korea", "Корея", "Південна Корея", "Южная Корея", "KR"])
def test_korea_is_the_republic(name):
    assert country(name) == ("KR", None)
