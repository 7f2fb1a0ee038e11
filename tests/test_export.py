"""Exports of a view: every field, the same rows as the view, files GIS tools open.

``ogrinfo`` (Debian's gdal-bin, installed by tests/setup_system.sh) opens the
GeoJSON and KML; without it these tests skip, except under CI, where they fail.
"""

from __future__ import annotations

import dataclasses
import html
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree

from geo.footprint import circle_ring
from sources.export import FIELDS, FORMATS, export_rows, export_view
from sources.export.csvfile import defuse
from sources.export.kml import description_html, kml_colour
from sources.frame import claims_frame, data_version, filter_frame
from sources.view import ViewState
from tests.conftest import ROOT

KML_NS = {"k": "http://www.opengis.net/kml/2.2"}
HOSTILE = [
    "<script>alert(1)</script> held in {place}",
    '=HYPERLINK("http://evil.example","x") {place} drill',
    "+1 -1 @SUM(A1) {place}",
    "<![CDATA[<img src=x onerror=alert(1)>]]> in {place} $[name] ${{alert(2)}}",
    "Təlim Ağcabədi və {place} ərazisində keçirildi",
    "رزمایش در {place} برگزار شد \u202eevil\u202c",
    'Line one\nline two, "quoted", {place} \\ backslash',
]


def _ogrinfo() -> str:
    found = shutil.which("ogrinfo")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("ogrinfo is missing under CI; tests/setup_system.sh installs gdal-bin")
        pytest.skip("ogrinfo (gdal-bin) is not installed; run bash tests/setup_system.sh")
    return found


def _feature_counts(path: Path) -> dict[str, int]:
    out = subprocess.run(
        [_ogrinfo(), "-ro", "-so", "-al", str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    layers = re.findall(r"Layer name: (.+)\n(?:.*\n)*?Feature Count: (\d+)", out)
    return {name: int(n) for name, n in layers}


def _hostile_claims(seeds):
    """Seed claims whose outlet and sentence are hostile, the place still in the sentence."""
    claims = []
    for i, claim in enumerate(c for c in seeds.claims if c.role == "exercise"):
        template = HOSTILE[i % len(HOSTILE)]
        before, place = template.split("{place}")[0], claim.mention
        sentence = template.format(place=place)
        sentence_start = claim.start - len(before)
        claims.append(
            dataclasses.replace(
                claim,
                outlet=f"Evil<b>{i}</b>`${{x}}` <![CDATA[<script>]]>",
                sentence=sentence,
                sentence_start=sentence_start,
                attributed_to="=cmd|' /C calc'!A0" if i % 2 else None,
            )
        )
    return claims


def _data(placemark) -> dict[str, str]:
    return {
        d.get("name"): d.findtext("k:value", namespaces=KML_NS)
        for d in placemark.findall("k:ExtendedData/k:Data", KML_NS)
    }


@pytest.fixture(scope="module")
def frame(seeds):
    return claims_frame(seeds.claims)


@pytest.mark.parametrize(
    "state",
    [
        ViewState(),
        ViewState(exercises=("aras-2025",)),
        ViewState(outlets=("OC Media", "AVIM")),
        ViewState(context=True),
    ],
    ids=["all", "aras-2025", "two-outlets", "with-context"],
)
def test_geojson_and_kml_open_in_gdal_with_the_views_feature_count(frame, state, tmp_path):
    view = filter_frame(frame, state)
    assert len(view) > 0
    geojson, kml = tmp_path / "view.geojson", tmp_path / "view.kml"
    geojson.write_bytes(export_view(view, "geojson"))
    kml.write_bytes(export_view(view, "kml"))
    assert sum(_feature_counts(geojson).values()) == len(view)
    folders = _feature_counts(kml)
    assert sum(folders.values()) == len(view)
    assert len(folders) == view["exercise"].nunique()  # one folder per exercise


def test_every_field_is_in_every_format(frame):
    view = filter_frame(frame, ViewState())
    version = data_version(view)
    rows = export_rows(view)
    assert {r.id for r in rows} == set(view["id"])
    assert {r.data_version for r in rows} == {version}
    table = pd.read_csv(io.BytesIO(export_view(view, "csv")), encoding="utf-8-sig")
    assert list(table.columns) == list(FIELDS)
    assert len(table) == len(view)
    features = json.loads(export_view(view, "geojson"))["features"]
    assert all(set(FIELDS) <= set(f["properties"]) for f in features)
    doc = etree.fromstring(export_view(view, "kml"))
    data = doc.findall(".//k:Placemark/k:ExtendedData", KML_NS)
    assert len(data) == len(view)
    row = {r.id: r for r in rows}[_data(doc.find(".//k:Placemark", KML_NS))["id"]]
    filled = {name for name in FIELDS if str(getattr(row, name)) != ""}
    assert {d.get("name") for d in data[0]} == filled  # fastkml leaves out empty values
    assert all(r.lat and r.lon and r.url.startswith("https://") for r in rows)


def test_csv_round_trip_through_pandas_keeps_every_character(seeds):
    claims = _hostile_claims(seeds)
    rows = export_rows(claims_frame(claims))
    raw = export_view(claims_frame(claims), "csv")
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for row, (_, line) in zip(rows, back.iterrows(), strict=True):
        assert line["sentence"] == defuse(row.sentence)
        assert line["sentence"].removeprefix("'") == row.sentence or not row.sentence.startswith(
            "'"
        )
        assert line["outlet"] == row.outlet
        assert float(line["lat"]) == row.lat
    sentences = set(back["sentence"])
    assert any("ərazisində" in s for s in sentences) and any("برگزار" in s for s in sentences)


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Tehran", "Tehran"),
        ("a=1", "a=1"),
        ("", ""),
    ],
)
def test_csv_cells_that_excel_would_evaluate_are_defused(cell, safe):
    assert defuse(cell) == safe


def test_numbers_are_not_defused(frame):
    view = filter_frame(frame, ViewState())
    text = export_view(view, "csv").decode("utf-8-sig")
    assert "'-" not in text.split("\r\n")[1]  # no numeric cell was prefixed


def test_hostile_text_stays_escaped_in_kml_descriptions(seeds, tmp_path):
    claims = _hostile_claims(seeds)
    raw = export_view(claims_frame(claims), "kml")
    assert b"<![CDATA[" not in raw and b"<script" not in raw
    doc = etree.fromstring(raw)
    descriptions = doc.findall(".//k:Placemark/k:description", KML_NS)
    assert len(descriptions) == len(claims)
    by_id = {c.id: c for c in claims}
    for element in descriptions:
        claim = by_id[_data(element.getparent())["id"]]
        balloon = element.text  # what Google Earth renders as HTML
        tags = set(re.findall(r"<\s*/?\s*([A-Za-z!]+)", balloon))
        assert tags <= {"b", "br"}, tags
        assert "$[" not in balloon and "${" not in balloon
        assert "\u202e" not in balloon
        shown = html.unescape(re.sub(r"<[^>]+>", "", balloon))
        assert claim.outlet in shown
        assert claim.mention in shown
    path = tmp_path / "hostile.kml"
    path.write_bytes(raw)
    assert sum(_feature_counts(path).values()) == len(claims)


def test_the_place_is_bold_in_the_kml_description(frame):
    row = export_rows(filter_frame(frame, ViewState()))[0]
    assert f"<b>{html.escape(row.place_as_written)}</b>" in description_html(row)


def test_areas_are_closed_counter_clockwise_polygons_with_their_radius(frame):
    view = filter_frame(frame, ViewState(context=True))
    features = json.loads(export_view(view, "geojson"))["features"]
    areas = [f for f in features if f["properties"]["area"]]
    points = [f for f in features if not f["properties"]["area"]]
    assert areas and points
    assert {f["geometry"]["type"] for f in points} == {"Point"}
    for f in areas:
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert f["properties"]["radius_km"] == f["properties"]["precision_km"] > 0
        polygons = (
            [f["geometry"]["coordinates"]]
            if f["geometry"]["type"] == "Polygon"
            else f["geometry"]["coordinates"]
        )
        for polygon in polygons:
            ring = polygon[0]
            assert ring[0] == ring[-1] and len(ring) >= 4
            area2 = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))
            assert area2 > 0, "exterior rings run counter-clockwise (RFC 7946)"


def test_a_circle_is_its_radius_from_the_centre():
    from geo.distance import haversine_km

    ring = circle_ring(39.5, 47.0, 75.0)
    distances = [haversine_km(39.5, 47.0, lat, lon) for lon, lat in ring]
    assert max(abs(d - 75.0) for d in distances) < 0.01


def test_kml_colours_follow_the_colour_by(frame):
    view = filter_frame(frame, ViewState())
    doc = etree.fromstring(export_view(view, "kml", colour_by="outlet_country"))
    styles = doc.findall(".//k:Style", KML_NS)
    assert len(styles) == view["outlet_country"].nunique()
    assert kml_colour("#0072B2") == "ffb27200"


def _cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "sources.export", *args],
        cwd=ROOT,
        capture_output=True,
        check=False,
        timeout=180,
        env={**os.environ, "ATLAS_ARTICLES": ""},
    )


def test_the_command_line_exports_through_the_pages_filter(frame, tmp_path):
    done = _cli("--format", "geojson", "--exercise", "aras-2025", "--outlet", "OC Media")
    assert done.returncode == 0, done.stderr
    view = filter_frame(frame, ViewState(exercises=("aras-2025",), outlets=("OC Media",)))
    features = json.loads(done.stdout)["features"]
    assert sorted(f["id"] for f in features) == sorted(view["id"])
    kml = _cli("--format", "kml")
    assert kml.returncode == 0, kml.stderr
    path = tmp_path / "cli.kml"
    path.write_bytes(kml.stdout)
    assert sum(_feature_counts(path).values()) == len(filter_frame(frame, ViewState()))


def test_the_command_line_refuses_unknown_filters():
    done = _cli("--format", "csv", "--exercise", "no-such-drill")
    assert done.returncode == 2 and b"no-such-drill" in done.stderr and not done.stdout


def test_formats_are_the_three_asked_for():
    assert set(FORMATS) == {"csv", "geojson", "kml"}


def test_a_country_area_takes_its_outline_when_the_gazetteer_has_shapes(monkeypatch):
    import types

    from geo import footprint

    square = ((44.0, 38.0), (48.0, 38.0), (48.0, 42.0), (44.0, 42.0))  # counter-clockwise
    shapes = types.ModuleType("geo.shapes")
    shapes.shape_of = lambda code: types.SimpleNamespace(polygons=((tuple(reversed(square)),),))
    monkeypatch.setitem(sys.modules, "geo.shapes", shapes)
    footprint.area_polygons.cache_clear()
    try:
        polygons, shape = footprint.area_polygons(
            lat=40.0, lon=46.0, radius_km=200.0, kind="country", country="AZ"
        )
        assert shape == "outline"
        ring = polygons[0][0]
        assert ring[0] == ring[-1] and set(ring) == set(square)
        area2 = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))
        assert area2 > 0
        _, other = footprint.area_polygons(
            lat=40.0, lon=46.0, radius_km=50.0, kind="province", country="AZ"
        )
        assert other == "circle"
    finally:
        footprint.area_polygons.cache_clear()
