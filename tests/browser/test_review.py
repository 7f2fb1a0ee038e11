"""The review loop in a real browser: paste an article, see its claims, reject one,
restart the server, and find the review and its history still there."""

from __future__ import annotations

import shutil
import time

import pytest

from sources.articles import BUNDLED_DIR

from .conftest import DASHBOARD, ROOT
from .server import streamlit_server
from .test_e2e import (
    LOAD_TIMEOUT_MS,
    MARKERS,
    RERUN_TIMEOUT_MS,
    all_mark_titles,
    assert_clean,
    click_marker,
    open_map,
    screenshot,
    show_mark,
    wait_idle,
)

pytestmark = pytest.mark.browser

TEXT = (
    "Iran and Azerbaijan began a joint military exercise in Shusha on Monday, the defence "
    "ministry said. Troops arrived from Baku before the drill."
)


def _wait_for_mark(frame, title: str, timeout_s: float = LOAD_TIMEOUT_MS / 1000) -> None:
    deadline = time.monotonic() + timeout_s
    while title not in all_mark_titles(frame):
        assert time.monotonic() < deadline, f"no mark titled {title!r} appeared"
        time.sleep(0.3)


def test_add_an_article_reject_a_claim_and_keep_it_across_a_restart(
    tmp_path, guarded, artifacts_dir
) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(BUNDLED_DIR, folder)
    env = {"ATLAS_ARTICLES": str(folder), "ATLAS_DATA_DIR": str(tmp_path / "db")}
    with streamlit_server(DASHBOARD, cwd=ROOT, env=env) as server:
        page = guarded.new_page()
        open_map(page, server.url)
        page.get_by_label("Article text").fill(TEXT)
        page.get_by_role("textbox", name="Title").fill("Joint drill in Shusha")
        page.get_by_role("textbox", name="Outlet").fill("Browser Wire")
        page.get_by_role("button", name="Add article").click()
        frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
        frame.locator(MARKERS).first.wait_for(state="attached", timeout=LOAD_TIMEOUT_MS)
        wait_idle(page)
        _wait_for_mark(frame, "Browser Wire: Shusha")
        show_mark(frame, "Browser Wire: Shusha")
        click_marker(frame.locator(f'{MARKERS}[title="Browser Wire: Shusha"]').first, fallback=True)
        page.get_by_text("Review this claim").first.wait_for(timeout=RERUN_TIMEOUT_MS)
        screenshot(page, artifacts_dir, "review-before")
        page.get_by_role("button", name="Reject").click()
        page.get_by_text("Status: rejected by").first.wait_for(timeout=RERUN_TIMEOUT_MS)
        wait_idle(page)
        url = page.url
        assert "claim=" in url, url
        screenshot(page, artifacts_dir, "review-rejected")
        assert_clean(guarded, "review")
    # A new server process on the same database: the review and its history remain.
    with streamlit_server(DASHBOARD, cwd=ROOT, env=env) as server:
        guarded.expected_pages = 2  # this test opens a second page itself
        page = guarded.new_page()
        query = url.split("?", 1)[1]
        page.goto(f"{server.url}?{query}&rejected=1", wait_until="domcontentloaded")
        page.get_by_text("Status: rejected by").first.wait_for(timeout=LOAD_TIMEOUT_MS)
        page.get_by_text("History (1 review(s))").first.click()
        page.get_by_text("Machine proposal: exercise, Shusha").first.wait_for(
            timeout=RERUN_TIMEOUT_MS
        )
        assert_clean(guarded, "after restart")
