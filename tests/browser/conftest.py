"""Fixtures for the end-to-end tests: Debian chromium via Playwright, offline CDN, server.

Without /usr/bin/chromium or Playwright the tests skip, except under CI=true,
where they fail: CI must run them (``bash tests/setup_system.sh`` installs chromium).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .cdn import CdnRouter, NpmStore, folium_cdn_urls, resolve
from .server import StreamlitServer, streamlit_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
ARTIFACTS = ROOT / "tests" / ".cache" / "artifacts"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: end-to-end test in headless chromium against `streamlit run`"
    )


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"playwright is not importable ({exc}); pip install playwright")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing; run: bash tests/setup_system.sh")
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance) -> Iterator[object]:
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def npm_store() -> NpmStore:
    """The npm cache, warmed with every CDN file folium emits (fetched once, then cached)."""
    if shutil.which("npm") is None:
        _unavailable("npm is missing: it fetches Leaflet & co. from the npm registry")
    store = NpmStore()
    for url in folium_cdn_urls():
        resolve(url, store)
    return store


class BrowserSession:
    """One context's guard rails: the CDN router, and every dialog/new page seen."""

    def __init__(self, browser, store: NpmStore, **context_options) -> None:
        self.router = CdnRouter(store=store)
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.pages: list[object] = []
        self.expected_pages = 1  # windows a test opens itself; more means the page opened one
        options = {"viewport": {"width": 1400, "height": 1000}, **context_options}
        self.context = browser.new_context(**options)
        self.context.set_default_timeout(20_000)
        self.router.install(self.context)
        self.context.on("page", self._watch)

    def _watch(self, page) -> None:
        self.pages.append(page)

        def on_dialog(dialog) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message!r} on {page.url}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on(
            "console",
            lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None,
        )

    def new_page(self):
        return self.context.new_page()  # _watch runs via the "page" event

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session_factory(browser, npm_store) -> Iterator[object]:
    """Make fresh, guarded browser contexts (e.g. to reopen a URL with no shared state);
    keyword arguments go to ``browser.new_context`` (a phone's viewport, touch)."""
    made: list[BrowserSession] = []

    def make(**context_options) -> BrowserSession:
        made.append(BrowserSession(browser, npm_store, **context_options))
        return made[-1]

    yield make
    for sess in made:
        sess.close()


@pytest.fixture
def guarded(session_factory) -> BrowserSession:
    """A browser context with the offline CDN route and dialog recording installed."""
    return session_factory()


@pytest.fixture
def page(guarded):
    return guarded.new_page()


@pytest.fixture(scope="module")
def dashboard_server() -> Iterator[StreamlitServer]:
    """``streamlit run dashboard.py`` on the bundled corpus, shared by a test module."""
    if not DASHBOARD.is_file():
        pytest.fail(f"{DASHBOARD} does not exist yet", pytrace=False)
    with streamlit_server(DASHBOARD, cwd=ROOT, env={"ATLAS_ARTICLES": ""}) as server:
        yield server


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
