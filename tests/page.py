"""Driving ``dashboard.py`` under Streamlit's AppTest: run it, read its map, click a mark."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "dashboard.py")


def run_page(*, timeout: float = 120, **query: str | list[str]) -> AppTest:
    """The page after its first run, with ``query`` as its URL parameters."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def open_tab(at: AppTest, label: str) -> AppTest:
    """Open the tab ``label`` (only the open tab is computed) and run the page."""
    at.session_state["tab"] = label
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def map_args(at: AppTest) -> dict:
    """What the st_folium component was sent: its script, feature group and state key."""
    [component] = [
        c
        for c in at.get("component_instance")
        if c.proto.component_name == "streamlit_folium.st_folium"
    ]
    return json.loads(component.proto.json_args)


def split_map_data(script: str) -> tuple[str, list[str]]:
    """``script`` with every ``_add({...});`` GeoJSON argument cut out, and those arguments.

    Each argument is read with a JSON decoder, so its end is where the JSON ends,
    not the first ``});`` a hostile string might contain.
    """
    decoder = json.JSONDecoder()
    code, blobs, pos = [], [], 0
    while (at := script.find("_add({", pos)) != -1:
        start = at + len("_add(")
        _, end = decoder.raw_decode(script, start)
        assert script.startswith(");", end), script[end : end + 40]
        code.append(script[pos:start] + "DATA")
        blobs.append(script[start:end])
        pos = end
    code.append(script[pos:])
    return "".join(code), blobs


def map_features(at: AppTest) -> list[dict]:
    """Every GeoJSON feature sent to the map: the marks, and one outline per area."""
    _, blobs = split_map_data(map_args(at)["feature_group"])
    return [f for blob in blobs for f in json.loads(blob)["features"]]


def drawn_features(at: AppTest) -> list[dict]:
    """The marks on the map: one per claim, or per group of claims when many."""
    return [f for f in map_features(at) if not f["properties"]["id"].startswith("area:")]


def drawn_areas(at: AppTest) -> list[dict]:
    return [f for f in map_features(at) if f["properties"]["id"].startswith("area:")]


def drawn_ids(at: AppTest) -> set[str]:
    return {f["properties"]["id"] for f in drawn_features(at)}


def selected_ids(at: AppTest) -> set[str]:
    """The marks drawn outlined as selected."""
    return {f["properties"]["id"] for f in drawn_features(at) if f["properties"].get("selected")}


def click(at: AppTest, claim_id: str) -> None:
    """What st_folium reports when a mark is clicked: the value under its state key (a
    hash of the map JS), copied to the page's ``key`` by its on_change callback."""
    key = map_args(at)["key"]
    value = {"last_active_drawing": {"properties": {"id": claim_id}}}
    at.session_state[key] = value
    at.session_state["map"] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]


def quote(at: AppTest) -> str:
    """The excerpt's sentence as a reader sees it: the quote block's text."""
    import html
    import re

    bodies = [h.proto.body for h in at.get("html") if 'class="atlas-quote"' in h.proto.body]
    assert len(bodies) == 1, bodies
    return html.unescape(re.sub(r"<[^>]+>", "", bodies[0]))
