"""Directional, offset and off-coast areas: where their centres land, and their names."""

from __future__ import annotations

import pytest

from geo.areas import directional_area, off_coast_area, offset_area, parse_direction
from geo.distance import haversine_km
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.places import Place
from geo.shapes import on_land, shape_of

UZBEKISTAN = Place(
    id="gn:1512440",
    name="Uzbekistan",
    kind="country",
    country="UZ",
    lat=41.7,
    lon=63.3,
    radius_km=828,
    provenance="test",
    aliases=("Uzbekistan",),
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def _country(gazetteer: Gazetteer, code: str) -> Place:
    if code == "UZ":
        return UZBEKISTAN
    (place,) = [p for p in gazetteer.places if p.kind == "country" and p.country == code]
    return place


# (country, direction as written, code, (lat range), (lon range)) for the centre
DIRECTIONAL = [
    ("IR", "northwestern", "nw", (35.5, 39.8), (44.0, 49.0)),
    ("IR", "north-western", "nw", (35.5, 39.8), (44.0, 49.0)),
    ("IR", "southern", "s", (25.0, 30.0), (50.0, 62.0)),
    ("UZ", "north", "n", (42.5, 45.6), (56.0, 66.0)),
    ("RU", "southern", "s", (43.0, 50.0), (38.0, 48.0)),
    ("RU", "western", "w", (50.0, 62.0), (28.0, 40.0)),
    ("RU", "eastern", "e", (50.0, 72.0), (130.0, 180.0)),
    ("TR", "eastern", "e", (37.0, 41.5), (38.5, 44.8)),
    ("AZ", "southern", "s", (38.4, 40.0), (45.0, 49.5)),
    ("IR", "central", "c", (29.0, 35.0), (50.0, 58.0)),
]


@pytest.mark.parametrize(("code", "word", "short", "lats", "lons"), DIRECTIONAL)
def test_directional_area_lies_on_that_side_on_land(
    gazetteer: Gazetteer,
    code: str,
    word: str,
    short: str,
    lats: tuple[float, float],
    lons: tuple[float, float],
) -> None:
    country = _country(gazetteer, code)
    area = directional_area(country, word)
    assert lats[0] <= area.lat <= lats[1] and lons[0] <= area.lon <= lons[1], area
    shape = shape_of(code)
    assert shape is not None and shape.contains(area.lat, area.lon)
    assert (area.id, area.kind, area.country) == (f"ov:dir-{code.lower()}-{short}", "region", code)
    assert area.name in area.aliases and area.name.endswith(country.name)
    assert "Natural Earth" in area.provenance
    assert (area.lat, area.lon) != (country.lat, country.lon)
    assert (area.lat, area.lon) != shape.centroid


def test_northwestern_iran_is_far_from_the_centroid(gazetteer: Gazetteer) -> None:
    area = directional_area(_country(gazetteer, "IR"), "northwestern")
    shape = shape_of("IR")
    assert shape is not None
    assert haversine_km(area.lat, area.lon, *shape.centroid) >= 300
    assert (area.name, area.id) == ("Northwestern Iran", "ov:dir-ir-nw")
    assert area.provenance.startswith("north-western ninth of Iran's Natural Earth extent")
    assert 100 < area.radius_km < shape.radius_km


def test_directional_area_of_a_province_stays_in_its_country(gazetteer: Gazetteer) -> None:
    province = gazetteer.get("ov:ardabil-province")
    assert province is not None
    area = directional_area(province, "northern")
    assert area.lat > province.lat and area.radius_km < province.radius_km
    assert area.id == "ov:dir-ardabil-province-n"
    iran = shape_of("IR")
    assert iran is not None and iran.contains(area.lat, area.lon)


DIRECTION_WORDS = [
    ("northwestern", "nw"),
    ("North-West", "nw"),
    ("NW", "nw"),
    ("the north"[4:], "n"),
    ("southeasterly", "se"),
    ("centre", "c"),
    ("северо-западе", "nw"),
    ("южной", "s"),
    ("восточнее", "e"),
    ("kuzeybatısında", "nw"),
    ("Doğu", "e"),
    ("şimal-qərbində", "nw"),
    ("cənubunda", "s"),
    ("شمال‌غرب", "nw"),
    ("جنوب", "s"),
]


@pytest.mark.parametrize(("word", "code"), DIRECTION_WORDS)
def test_parse_direction(word: str, code: str) -> None:
    assert parse_direction(word) == code


@pytest.mark.parametrize("word", ["", "upward", "nne", "sea", "new"])
def test_parse_direction_rejects_other_words(word: str) -> None:
    with pytest.raises(ValueError, match=repr(word)):
        parse_direction(word)


def test_offset_area_east_of_yerevan(gazetteer: Gazetteer) -> None:
    yerevan = gazetteer.get("gn:616052")
    assert yerevan is not None
    area = offset_area(yerevan, "east", 30)
    assert haversine_km(yerevan.lat, yerevan.lon, area.lat, area.lon) == pytest.approx(30, abs=0.5)
    assert area.lon > yerevan.lon and abs(area.lat - yerevan.lat) < 0.01
    assert (area.name, area.id, area.radius_km) == (
        "30 km east of Yerevan",
        "ov:near-616052-e-30km",
        23.0,
    )
    vague = offset_area(yerevan, "east")
    assert vague.name == "East of Yerevan" and "assumed" in vague.provenance


def test_offset_area_from_a_country_starts_at_its_edge(gazetteer: Gazetteer) -> None:
    area = offset_area(_country(gazetteer, "IR"), "north", 50)
    assert 36.5 < area.lat < 38.5  # just past the Caspian shore, not 50 km from the centre


@pytest.mark.parametrize(("direction", "km"), [("central", 10), ("east", 0), ("east", -5)])
def test_offset_area_rejects_bad_input(gazetteer: Gazetteer, direction: str, km: float) -> None:
    yerevan = gazetteer.get("gn:616052")
    assert yerevan is not None
    with pytest.raises(ValueError, match="instead got"):
        offset_area(yerevan, direction, km)


def test_off_baku_is_at_sea_nearby(gazetteer: Gazetteer) -> None:
    baku = gazetteer.get("gn:587084")
    assert baku is not None
    area = off_coast_area(baku)
    assert (area.kind, area.name, area.id) == ("sea", "Off Baku", "ov:off-587084")
    assert not on_land(area.lat, area.lon)
    assert haversine_km(baku.lat, baku.lon, area.lat, area.lon) < 40


def test_off_the_coast_of_iran_picks_the_named_sea(gazetteer: Gazetteer) -> None:
    iran, caspian = _country(gazetteer, "IR"), gazetteer.get("ov:caspian-sea")
    assert caspian is not None
    north = off_coast_area(iran, sea=caspian)
    assert north.lat > 36 and not on_land(north.lat, north.lon)
    assert north.id == "ov:off-ir-caspian-sea"
    assert off_coast_area(iran).lat < 30  # the Gulf coast is the longer one


@pytest.mark.parametrize("place_id", ["gn:174982", "gn:616052"])
def test_off_coast_area_rejects_places_without_a_coast(gazetteer: Gazetteer, place_id: str) -> None:
    place = gazetteer.get(place_id)
    assert place is not None
    with pytest.raises(ValueError, match="instead got"):
        off_coast_area(place)
