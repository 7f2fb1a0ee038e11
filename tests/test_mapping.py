from __future__ import annotations

import json
import re

import pytest

from geo.colours import OTHER_COLOUR, PALETTE, assign_colours
from geo.mapping import (
    SHAPES,
    build_base_map,
    build_claims_layer,
    clean_label,
    group_id,
    group_members,
    map_data,
    shape_of,
    shape_svg,
)
from sources.articles import Article
from sources.extraction import extract_claims
from sources.frame import claims_frame

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "`${alert(2)}`",
    "\\`alert(3)",
    "</script><script>alert(4)</script>",
    "'\"><svg onload=alert(5)>",
]
DATA = re.compile(r"_add\((\{.*?\})\);", re.S)


def _frame(claims):
    return claims_frame(claims)


def _render(frame, **kw):
    colours = assign_colours(frame["outlet"])
    folium_map = build_base_map()
    build_claims_layer(map_data(frame, colours, **kw)).add_to(folium_map)
    return folium_map.get_root().render()


def _features(page: str) -> list[dict]:
    return [f for blob in DATA.findall(page) for f in json.loads(blob)["features"]]


def test_every_claim_is_a_mark_and_every_area_an_outline_once(seeds):
    frame = _frame(c for c in seeds.claims if c.role == "exercise")
    features = _features(_render(frame))
    marks = [f for f in features if not f["properties"]["id"].startswith("area:")]
    areas = [f for f in features if f["properties"]["id"].startswith("area:")]
    assert sorted(f["properties"]["id"] for f in marks) == sorted(frame["id"])
    assert len(areas) == frame.loc[frame["is_area"], "place_id"].nunique()
    assert all(f["properties"]["radius_m"] > 0 for f in areas)


def test_claims_at_one_place_share_its_point_and_cluster():
    body = "Drills were held in Aslan Duz."
    claims = [
        c
        for name in ("A", "B", "C")
        for c in extract_claims(Article.fake(body, id=name, outlet=name))
    ]
    page = _render(_frame(claims))
    points = {tuple(f["geometry"]["coordinates"]) for f in _features(page)}
    assert len(points) == 1  # three marks, one point: markercluster groups them there
    assert "L.markerClusterGroup" in page and "spiderfyOnMaxZoom: true" in page
    assert "leaflet.markercluster" in page  # the library's own files, through folium's plugin


def test_the_map_has_its_own_zoom_limit_for_the_clusters_even_without_tiles(monkeypatch):
    # Leaflet.markercluster throws "Map has no maxZoom specified" on a map without one,
    # and the blank background (closed networks) brings no tile layer to set it.
    monkeypatch.setenv("ATLAS_TILES_URL", "blank")
    page = build_base_map().get_root().render()
    assert '"maxZoom": 18' in page or "maxZoom: 18" in page, page[:2000]


def test_the_map_focuses_without_scrolling_the_page():
    page = build_base_map().get_root().render()
    assert "preventScroll: true" in page


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_never_reaches_the_page_raw(payload):
    article = Article.fake(
        f"{payload} Drills were held in Aslan Duz {payload}.",
        outlet=f"Evil{payload}",
        title=payload,
    )
    claims = extract_claims(article)
    assert claims
    page = _render(_frame(claims))
    script = page[page.index("L.geoJson") :]
    # Article strings travel only as JSON data, where <, >, & and ' are \u-escaped ...
    blobs = DATA.findall(script)
    assert blobs and all("<" not in blob and ">" not in blob for blob in blobs)
    titles = {f["properties"]["title"] for blob in blobs for f in json.loads(blob)["features"]}
    assert any(payload.strip() in title for title in titles if title)
    # ... and none of it reaches code: not the JS, not an HTML attribute.
    code = DATA.sub("_add(DATA);", page)
    for needle in (payload, "alert(", "onerror", "<svg"):
        assert needle not in code
    assert "innerHTML" not in code[code.index("L.geoJson") :]


def test_excerpts_never_enter_the_map(seeds):
    page = _render(_frame(c for c in seeds.claims if c.role == "exercise"))
    assert "The monument is likely located" not in page


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("a\u202eb", "ab"), ("a\nb\tc", "a b c"), ("x" * 300, "x" * 119 + "…"), ("\u2066ok", "ok")],
)
def test_labels_drop_controls_and_bidi_overrides(raw, clean):
    assert clean_label(raw) == clean


def test_bad_colour_is_refused():
    frame = _frame(extract_claims(Article.fake("Drills were held in Aslan Duz.")))
    with pytest.raises(ValueError, match="instead got"):
        map_data(frame, {"Fake Outlet": "red;background:url(x)"})


def test_many_claims_aggregate_by_place_role_and_colour(seeds):
    frame = _frame(seeds.claims)
    colours = assign_colours(frame["outlet"])
    marks = map_data(frame, colours, aggregate_above=10)["marks"]["features"]
    assert len(marks) < len(frame)
    assert sum(f["properties"]["count"] for f in marks) == len(frame)
    for feature in marks:
        members = group_members(frame, feature["properties"]["id"])
        assert len(members) == feature["properties"]["count"]
        assert members["place_id"].nunique() == 1 and members["outlet"].nunique() == 1
        lon, lat = feature["geometry"]["coordinates"]
        assert (lat, lon) == pytest.approx((members["lat"].iloc[0], members["lon"].iloc[0]))
    row = frame.iloc[0]
    assert group_id(row["place_id"], row["role"], row["outlet"]) in {
        f["properties"]["id"] for f in marks
    }


def test_an_aggregated_mark_holding_the_selected_claim_is_outlined(seeds):
    frame = _frame(seeds.claims)
    chosen = frame.iloc[3]
    marks = map_data(
        frame, assign_colours(frame["outlet"]), aggregate_above=10, selected=chosen["id"]
    )["marks"]["features"]
    outlined = [f["properties"]["id"] for f in marks if f["properties"]["selected"]]
    assert outlined == [group_id(chosen["place_id"], chosen["role"], chosen["outlet"])]


def test_past_the_palette_no_colour_names_two_outlets():
    body = "Drills were held in Aslan Duz."
    claims = [
        c
        for i in range(20)
        for c in extract_claims(Article.fake(body, id=f"a{i}", outlet=f"Outlet {i:02}"))
        for _ in range(20 - i)  # the first outlets are the most frequent
    ]
    frame = _frame(claims)
    colours = assign_colours(frame["outlet"])
    marks = map_data(frame, colours)["marks"]["features"]
    by_outlet: dict[str, set[str]] = {}
    for feature in marks:
        outlet = feature["properties"]["title"].split(":")[0]
        by_outlet.setdefault(outlet, set()).add(feature["properties"]["colour"])
    named = {o: c.pop() for o, c in by_outlet.items() if c != {OTHER_COLOUR}}
    assert len(named) == len(PALETTE) and len(set(named.values())) == len(PALETTE)
    assert {o for o, c in by_outlet.items() if c == {OTHER_COLOUR}} == {
        f"Outlet {i:02}" for i in range(15, 20)
    }


@pytest.mark.parametrize("colour_by", ["outlet_country", "credited"])
def test_colour_by_another_column(seeds, colour_by):
    frame = _frame(c for c in seeds.claims if c.role == "exercise")
    colours = assign_colours(frame[colour_by])
    marks = map_data(frame, colours, colour_by=colour_by)["marks"]["features"]
    expected = {colours[v or "Unknown"] for v in frame[colour_by]}
    assert {f["properties"]["colour"] for f in marks} == expected
    with pytest.raises(ValueError, match="colour_by"):
        map_data(frame, colours, colour_by="sentence; drop")


@pytest.mark.parametrize(
    ("role", "is_area", "shape"),
    [("exercise", False, "pin"), ("exercise", True, "ring"), ("context", True, "square")],
)
def test_shapes(role, is_area, shape):
    assert shape_of(role, is_area) == shape
    svg = shape_svg(shape, "#0072B2")
    assert SHAPES[shape] in svg and svg.startswith("<svg")


def test_shape_svg_refuses_what_it_was_not_made_for():
    with pytest.raises(ValueError, match="instead got"):
        shape_svg("pin", "red;x")
    with pytest.raises(ValueError, match="instead got"):
        shape_svg("<script>", "#000000")
