"""The newsroom outputs in a real browser: timeline selection, comparison, copy link.

Screenshots saved here (tests/.cache/artifacts/) are the README's pictures.
"""

from __future__ import annotations

import pytest

from .test_e2e import MARKERS, RERUN_TIMEOUT_MS, assert_clean, open_map, wait_idle

pytestmark = pytest.mark.browser

CHART = '[data-testid="stVegaLiteChart"]'


def _chart_box(page):
    chart = page.locator(CHART).first
    chart.scroll_into_view_if_needed()
    chart.locator("canvas, svg").first.wait_for(state="visible", timeout=RERUN_TIMEOUT_MS)
    return chart, chart.bounding_box()


def test_dragging_a_span_on_the_timeline_filters_the_map(dashboard_server, guarded, artifacts_dir):
    page = guarded.new_page()
    frame = open_map(page, dashboard_server.url)
    before = frame.locator(MARKERS).count()
    chart, box = _chart_box(page)
    page.wait_for_timeout(500)
    chart.screenshot(path=str(artifacts_dir / "timeline.png"))
    # Drag across the right half of the plot (the 2025 drills), in the lanes' middle.
    y = box["y"] + box["height"] * 0.45
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=8)
    page.mouse.move(box["x"] + box["width"] * 0.97, y, steps=8)
    page.mouse.up()
    page.wait_for_function("() => /[?&]from=/.test(location.search)", timeout=RERUN_TIMEOUT_MS)
    wait_idle(page)
    after = frame.locator(MARKERS).count()
    assert 0 < after < before, (before, after)
    chart.screenshot(path=str(artifacts_dir / "timeline-selected.png"))
    assert_clean(guarded, "timeline span")


def test_who_says_where_row_selects_the_claim_on_the_map(dashboard_server, guarded, artifacts_dir):
    page = guarded.new_page()
    open_map(page, dashboard_server.url + "?exercise=aras-2025")
    page.get_by_role("tab", name="Who says where").click()
    table = page.locator(".st-key-comparison")
    table.wait_for(state="visible", timeout=RERUN_TIMEOUT_MS)
    table.get_by_text("likely located in").first.wait_for(state="visible")
    # Streamlit scrolls inside its own container: a tall window puts the whole table in view.
    page.set_viewport_size({"width": 1400, "height": 2800})
    page.wait_for_timeout(800)
    table.screenshot(path=str(artifacts_dir / "comparison.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})
    table.locator(".st-key-compare_pick-oc-media-2025-05-araz-2025-1647 button").first.click()
    page.wait_for_function(
        "() => /[?&]claim=oc-media/.test(location.search)", timeout=RERUN_TIMEOUT_MS
    )
    wait_idle(page)
    assert page.locator(".st-key-excerpt").get_by_text("likely located in").count()
    assert_clean(guarded, "comparison")
