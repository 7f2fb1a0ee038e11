"""The map on a closed network: every request off the machine is blocked, with no
routing to npm copies; Leaflet, its CSS and the blank background come from the app.

The server runs with ATLAS_OFFLINE_ASSETS=1 and ATLAS_TILES_URL=blank, after
``python -m geo.assets fetch`` (npm, as at set-up) put the files in static/vendor/.
"""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest

from geo.assets import AssetError, fetch_assets, missing_assets

from .conftest import DASHBOARD, ROOT, _unavailable
from .server import streamlit_server
from .test_e2e import HADRUT_SENTENCE, HADRUT_TITLE, assert_map_drawn, open_map, wait_idle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_server():
    if shutil.which("npm") is None:
        _unavailable("npm is missing: the set-up step fetches Leaflet & co. with it")
    try:
        fetch_assets()
    except AssetError as exc:
        _unavailable(f"could not fetch the offline assets: {exc}")
    assert not missing_assets()
    env = {"ATLAS_ARTICLES": "", "ATLAS_OFFLINE_ASSETS": "1", "ATLAS_TILES_URL": "blank"}
    with streamlit_server(DASHBOARD, cwd=ROOT, env=env) as server:
        yield server


def test_the_map_marks_and_a_click_work_with_every_outside_request_blocked(
    offline_server, browser, artifacts_dir
):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(20_000)
    blocked: list[str] = []
    local: list[str] = []

    def only_this_machine(route):
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if urlsplit(url).scheme in ("data", "blob", "about") or host == "127.0.0.1":
            local.append(url)
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", only_this_machine)
    try:
        page = context.new_page()
        frame = open_map(page, offline_server.url)
        assert_map_drawn(frame, min_markers=3)
        land = frame.locator(".leaflet-atlas-background-pane path")
        land.first.wait_for(state="attached", timeout=15_000)
        assert land.count() >= 2, "no land or borders drawn on the blank background"
        assert not frame.locator(".leaflet-tile").count(), "tiles requested on a blank map"
        markers = frame.locator(f'.leaflet-marker-pane > *[title="{HADRUT_TITLE}"]')
        markers.first.evaluate("el => { el.style.zIndex = 1000000; }")
        markers.first.click()
        page.get_by_text(HADRUT_SENTENCE).first.wait_for(state="visible", timeout=15_000)
        wait_idle(page)
        page.screenshot(path=str(artifacts_dir / "offline-map.png"))
        assert not blocked, f"requests that would have left the machine: {blocked}"
        assert any("/app/static/vendor/leaflet@" in u for u in local), local
    finally:
        context.close()
