"""The newsroom outputs in a real browser: timeline selection, comparison, copy link.

Screenshots saved here (tests/.cache/artifacts/) are the README's pictures.
"""

from __future__ import annotations

import re

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


HADRUT_ID = "oc-media-2025-05-araz-2025@1647"
HADRUT_SENTENCE = "The monument is likely located in Hadrut"


def test_copy_link_copies_a_url_that_reopens_the_view(
    dashboard_server, guarded, session_factory, artifacts_dir
):
    guarded.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = guarded.new_page()
    open_map(page, f"{dashboard_server.url}?exercise=aras-2025&claim={HADRUT_ID}")
    page.get_by_text(HADRUT_SENTENCE).first.wait_for(state="visible")
    page.locator(".st-key-copy_link button").first.click()
    code = page.locator('[data-testid="stCode"]').filter(has_text="v=").first
    code.wait_for(state="visible", timeout=RERUN_TIMEOUT_MS)
    code.hover()
    code.locator("button").first.click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith(dashboard_server.url), copied
    assert "exercise=aras-2025" in copied and "claim=oc-media-2025-05-araz-2025%401647" in copied
    assert re.search(r"[?&]v=[0-9a-f]{12}\b", copied), copied
    page.screenshot(path=str(artifacts_dir / "copy-link.png"))

    fresh = session_factory()
    other = fresh.new_page()
    open_map(other, copied)
    other.get_by_text(HADRUT_SENTENCE).first.wait_for(state="visible", timeout=RERUN_TIMEOUT_MS)
    assert not other.locator(".st-key-version_notice").count()  # same data: no notice
    assert_clean(guarded, "copy link")
    assert_clean(fresh, f"copied link {copied}")


def _toggle_checked(page, label: str) -> bool:
    return page.get_by_label(label).is_checked()


def test_back_and_forward_step_through_views(dashboard_server, guarded):
    page = guarded.new_page()
    open_map(page, dashboard_server.url)
    start = page.url
    page.get_by_text("Also show context mentions").click()
    page.wait_for_function("() => /[?&]context=1/.test(location.search)", timeout=RERUN_TIMEOUT_MS)
    wait_idle(page)
    page.get_by_text("Also show rejected claims").click()
    page.wait_for_function("() => /[?&]rejected=1/.test(location.search)", timeout=RERUN_TIMEOUT_MS)
    wait_idle(page)

    page.go_back()
    page.wait_for_function(
        "() => !/[?&]rejected=1/.test(location.search)", timeout=RERUN_TIMEOUT_MS
    )
    wait_idle(page, 1_000)
    assert "context=1" in page.url and "rejected=1" not in page.url, page.url
    assert _toggle_checked(page, "Also show context mentions")
    assert not _toggle_checked(page, "Also show rejected claims")

    page.go_back()
    page.wait_for_function("() => !/[?&]context=1/.test(location.search)", timeout=RERUN_TIMEOUT_MS)
    wait_idle(page, 1_000)
    assert not _toggle_checked(page, "Also show context mentions")
    assert page.url.startswith(dashboard_server.url), "Back left the app"

    page.go_forward()
    page.wait_for_function("() => /[?&]context=1/.test(location.search)", timeout=RERUN_TIMEOUT_MS)
    wait_idle(page, 1_000)
    assert _toggle_checked(page, "Also show context mentions")
    assert start.startswith(dashboard_server.url)
    assert_clean(guarded, "back and forward")


def test_clicking_a_lane_keeps_that_exercise(dashboard_server, guarded):
    page = guarded.new_page()
    open_map(page, dashboard_server.url)
    chart, _ = _chart_box(page)
    label = chart.get_by_text("Aras-2025", exact=True)
    if label.count():  # SVG renderer: the axis label is text we can place
        lane_y = label.first.bounding_box()["y"] + 6
    else:  # canvas: the last lane sits lowest, just above the axis
        box = chart.bounding_box()
        lane_y = box["y"] + box["height"] * 0.6
    box = chart.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.79, lane_y)
    page.wait_for_function(
        "() => /[?&]exercise=aras-2025/.test(location.search)", timeout=RERUN_TIMEOUT_MS
    )
    wait_idle(page)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    titles = frame.locator(MARKERS).evaluate_all("els => els.map(e => e.title)")
    assert titles and "A News: Aslan Duz" not in titles, titles
    assert_clean(guarded, "timeline lane")
