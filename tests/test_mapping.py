from __future__ import annotations

import json
import re

import pytest

from geo.mapping import (
    OKABE_ITO,
    build_base_map,
    build_claims_layer,
    claims_geojson,
    clean_label,
    group_key,
    outlet_colours,
)
from sources.articles import Article
from sources.extraction import extract_claims

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "`${alert(2)}`",
    "\\`alert(3)",
    "</script><script>alert(4)</script>",
    "'\"><svg onload=alert(5)>",
]


def _render(claims, colours=None):
    colours = colours or outlet_colours(c.outlet for c in claims)
    folium_map = build_base_map()
    build_claims_layer(claims_geojson(claims, colours)).add_to(folium_map)
    return folium_map.get_root().render()


def test_every_claim_is_in_the_rendered_map(seeds):
    claims = [c for c in seeds.claims if c.role == "exercise"]
    page = _render(claims)
    for claim in claims:
        assert json.dumps(claim.id) in page
    assert page.count('"area": true') == 2 * sum(c.is_area for c in claims)


def test_colours_are_colour_blind_safe_and_stable():
    outlets = ["Zartonk Media", "AVIM", "A News", "OC Media", "Middle East Monitor"]
    first = outlet_colours(outlets)
    assert first == outlet_colours(reversed(outlets))
    assert set(first.values()) <= set(OKABE_ITO)  # five outlets: the first palette
    many = outlet_colours(f"Outlet {i}" for i in range(15))
    assert len(set(many.values())) == 15
    assert len(set(first.values())) == len(outlets)


def test_claims_at_one_place_each_get_a_slot():
    body = "Drills were held in Aslan Duz."
    claims = [
        c
        for name in ("A", "B", "C")
        for c in extract_claims(Article.fake(body, id=name, outlet=name))
    ]
    features = claims_geojson(claims, outlet_colours("ABC"))["features"]
    assert sorted(f["properties"]["slot"] for f in features) == [0, 1, 2]
    assert {f["properties"]["slots"] for f in features} == {3}


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_never_reaches_the_page_raw(payload):
    article = Article.fake(
        f"{payload} Drills were held in Aslan Duz {payload}.",
        outlet=f"Evil{payload}",
        title=payload,
    )
    claims = extract_claims(article)
    assert claims
    page = _render(claims)
    script = page[page.index("L.geoJson") :]
    # Article strings travel only as JSON data, where <, >, & and ' are \u-escaped ...
    blobs = re.findall(r"_add\((\{.*?\})\);", script, re.S)
    assert blobs and all("<" not in blob and ">" not in blob for blob in blobs)
    titles = {f["properties"]["title"] for blob in blobs for f in json.loads(blob)["features"]}
    assert any(payload.strip() in title for title in titles)
    # ... and none of it reaches code: not the JS, not an HTML attribute.
    code = re.sub(r"_add\((\{.*?\})\);", "_add(DATA);", page, flags=re.S)
    for needle in (payload, "alert(", "onerror", "<svg"):
        assert needle not in code
    assert "innerHTML" not in page[page.index("function (feature, latlng)") :]


def test_excerpts_never_enter_the_map(seeds):
    claims = [c for c in seeds.claims if c.role == "exercise"]
    page = _render(claims)
    assert "The monument is likely located" not in page


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("a\u202eb", "ab"), ("a\nb\tc", "a b c"), ("x" * 300, "x" * 119 + "…"), ("\u2066ok", "ok")],
)
def test_labels_drop_controls_and_bidi_overrides(raw, clean):
    assert clean_label(raw) == clean


def test_bad_colour_is_refused():
    claims = extract_claims(Article.fake("Drills were held in Aslan Duz."))
    with pytest.raises(ValueError, match="instead got"):
        claims_geojson(claims, {"Fake Outlet": "red;background:url(x)"})


def test_many_claims_aggregate_by_place_outlet_and_role(seeds):
    claims = list(seeds.claims)
    collection = claims_geojson(
        claims, outlet_colours(c.outlet for c in claims), aggregate_above=10
    )
    features = collection["features"]
    assert len(features) < len(claims)
    assert sum(f["properties"]["count"] for f in features) == len(claims)
    keys = {group_key(c) for c in claims}
    assert {f["properties"]["id"] for f in features} == keys
    aslan = [f for f in features if "Aslan Duz" in f["properties"]["title"]]
    assert len({f["properties"]["slot"] for f in aslan}) == len(aslan)


@pytest.mark.parametrize(
    "text",
    [
        "https://tracker.example/p.png",
        "www.tracker.example",
        "javascript:alert(1)",
        "![x](//tracker.example/p.png)",
        "<img src=x onerror=alert(1)>",
        "$x^2$",
        "**bold**",
    ],
)
def test_markdown_escape_leaves_no_live_syntax(text):
    from sources.render import md_escape

    escaped = md_escape(text)
    assert "://" not in escaped and "www." not in escaped  # no auto-links
    assert not re.search(r"(?<!\\)[<>$\[\]!*()`]", escaped), escaped  # all escaped
