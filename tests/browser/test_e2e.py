"""End to end: `streamlit run` + headless Debian chromium, with no network beyond 127.0.0.1.

Every page load goes through :class:`tests.browser.cdn.CdnRouter`: folium's CDN
files come from npm tarballs, tiles are blank PNGs and anything else is aborted
and recorded. Each test ends by asserting that nothing was blocked (nothing
tried to leave the machine) and that no JavaScript dialog opened.

The first tests check the harness itself on a tiny app written to tmp_path
(including a negative control proving that a dialog and a tracker request *are*
caught); the rest check dashboard.py against the contract in README.md.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
import time
from pathlib import Path

import pytest

from .cdn import css_references, folium_cdn_urls, resolve
from .conftest import DASHBOARD, ROOT
from .server import streamlit_server

pytestmark = pytest.mark.browser

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Direct children of Leaflet's marker pane: <img class="leaflet-marker-icon"> for default
# icons, <div class="awesome-marker ..."> for folium.Icon (it has no leaflet-marker-icon).
MARKERS = ".leaflet-marker-pane > *"
OUTLETS = ("OC Media", "A News", "Zartonk Media", "AVIM", "Middle East Monitor")
HADRUT_TITLE = "OC Media: Hadrut"
HADRUT_SENTENCE = "The monument is likely located in Hadrut"
LOAD_TIMEOUT_MS = 30_000
RERUN_TIMEOUT_MS = 15_000


# ----------------------------------------------------------------- helpers


def open_map(page, url: str):
    """Load the app; return the map's FrameLocator once a marker is drawn."""
    page.goto(url, wait_until="domcontentloaded")
    frame = page.frame_locator(MAP_IFRAME)
    frame.locator(MARKERS).first.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    wait_idle(page)
    return frame


def wait_idle(page, settle_ms: int = 500) -> None:
    """Wait until Streamlit stops running the script (its status widget goes away)."""
    page.wait_for_timeout(settle_ms)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=20_000)


def marker_titles(frame) -> list[str]:
    return [t for t in frame.locator(MARKERS).evaluate_all("els => els.map(e => e.title)") if t]


# Claims at one point are one cluster mark (Leaflet.markercluster); their own marks are
# in the page only once the cluster is spread out. This finds the mark titled ``title``
# among all of them and brings it into sight: spreading its cluster, or zooming in.
_SHOW_MARK = """(el, title) => {
    const map = window.map;
    const group = Object.values(map._layers).find((l) => l._gridClusters);
    const mark = group && group.getLayers().find((m) => m.options.title === title);
    if (!mark) return false;
    if (!map.getBounds().contains(mark.getLatLng())) map.panTo(mark.getLatLng(), {animate: false});
    const parent = group.getVisibleParent(mark);
    if (parent && parent !== mark) {
        const here = mark.getLatLng();
        if (parent.getAllChildMarkers().every((m) => m.getLatLng().equals(here))) {
            parent.spiderfy();
        } else {
            group.zoomToShowLayer(mark, () => {});
        }
    }
    return true;
}"""


def show_mark(frame, title: str) -> None:
    """Bring the mark titled ``title`` into the page, out of its cluster if it is in one."""
    found = frame.locator(".leaflet-container").first.evaluate(_SHOW_MARK, title)
    assert found, f"no mark titled {title!r} on the map"
    frame.get_by_title(title, exact=True).first.wait_for(state="visible", timeout=10_000)
    frame.locator(".leaflet-container").first.page.wait_for_timeout(600)  # legs animate out


def all_mark_titles(frame) -> list[str]:
    """The titles of every claim's mark, in a cluster or not."""
    return frame.locator(".leaflet-container").first.evaluate(
        """() => {
            const map = window.map;
            const group = Object.values(map._layers).find((l) => l._gridClusters);
            return group ? group.getLayers().map((m) => m.options.title) : [];
        }"""
    )


def click_marker(marker, *, fallback: bool = False) -> None:
    """Click a marker with the mouse, lifted above its neighbours first.

    With ``fallback`` a marker the mouse cannot reach (covered by an open popup,
    say) gets a DOM click event instead; Leaflet handles both alike.
    """
    marker.evaluate("el => { el.style.zIndex = 1000000; }")
    try:
        marker.click(timeout=5_000)
    except Exception:
        if not fallback:
            raise
        marker.dispatch_event("click")


def assert_map_drawn(frame, min_markers: int = 1) -> None:
    """Leaflet's CSS is applied and the markers are laid out at distinct places."""
    info = frame.locator(".leaflet-container").first.evaluate(
        """(map) => {
            const box = map.getBoundingClientRect();
            const icons = [...map.querySelectorAll('.leaflet-marker-pane > *')];
            return {
              overflow: getComputedStyle(map).overflow,
              map: [box.width, box.height],
              tilesLoaded: map.querySelectorAll('.leaflet-tile-loaded').length,
              icons: icons.map(el => {
                const r = el.getBoundingClientRect(), s = getComputedStyle(el);
                return {tag: el.tagName, cls: el.className, title: el.title,
                        broken: el.tagName === 'IMG' && !(el.complete && el.naturalWidth > 0),
                        pos: s.position, x: r.x, y: r.y, w: r.width, h: r.height,
                        bg: s.backgroundImage, inside: r.right > box.left && r.left < box.right
                          && r.bottom > box.top && r.top < box.bottom};
              }),
            };
        }"""
    )
    assert info["overflow"] == "hidden", f"leaflet.css not applied: {info}"
    assert info["map"][0] > 200 and info["map"][1] > 200, f"map has no size: {info['map']}"
    icons = info["icons"]
    assert len(icons) >= min_markers, f"expected >= {min_markers} markers, got {len(icons)}"
    assert all(i["pos"] == "absolute" and i["w"] > 0 and i["h"] > 0 for i in icons), icons
    assert any(i["inside"] for i in icons), f"no marker inside the map viewport: {icons}"
    if len(icons) > 1:
        assert len({(round(i["x"]), round(i["y"])) for i in icons}) > 1, "markers all stacked"
    broken = [i for i in icons if i["broken"]]
    assert not broken, f"marker images that did not load (plain folium.Marker?): {broken}"
    for icon in icons:  # awesome-markers draw their pin from a sprite in their CSS
        if "awesome-marker" in icon["cls"]:
            assert "markers-" in icon["bg"], f"awesome-markers CSS not applied: {icon}"


def assert_clean(sess, where: str = "") -> None:
    """Nothing left the machine, no JavaScript dialog, no window opened by the page."""
    assert not sess.router.blocked, f"{where}: requests blocked:\n{sess.router.report()}"
    assert not sess.router.unexpected_missing(), f"{where}: 404s:\n{sess.router.report()}"
    assert not sess.dialogs, f"{where}: JavaScript dialogs fired: {sess.dialogs}"
    assert len(sess.pages) <= sess.expected_pages, f"{where}: extra windows: {sess.pages}"


def screenshot(page, artifacts_dir: Path, name: str) -> Path:
    """The window as the reader sees it. Streamlit scrolls an inner container, so the
    document is one window tall and a full-page capture adds nothing but a resize,
    which sometimes stalled Chromium's capture for over 20 s on a busy machine."""
    path = artifacts_dir / f"{name}.png"
    page.screenshot(path=str(path))
    return path


# ----------------------------------------------------------- harness checks


def test_every_folium_cdn_url_has_a_local_copy(npm_store) -> None:
    """Each CDN file the installed folium emits, and each font/image its CSS names, resolves."""
    missing = []
    for url in folium_cdn_urls():
        asset = resolve(url, npm_store)
        assert asset.body, url
        if url.endswith(".css"):
            for ref in css_references(url, asset.body.decode("utf-8", "replace")):
                try:
                    resolve(ref, npm_store)
                except LookupError as exc:
                    missing.append(str(exc))
    assert not missing, "\n".join(missing)


DEMO_APP = """
import folium
import streamlit as st
from streamlit_folium import st_folium

st.title("Harness demo")
m = folium.Map(location=[39.5, 47.1], zoom_start=8)
for title, lat, lon in [("OC Media: Hadrut", 39.520, 47.032),
                        ("A News: Aslan Duz", 39.444, 47.406),
                        ("AVIM: Khojavend", 39.793, 47.112)]:
    folium.Marker([lat, lon], title=title, tooltip=title,
                  icon=folium.Icon(color="red", icon="info-sign")).add_to(m)
folium.Marker([39.3, 46.9], title="fa icon",
              icon=folium.Icon(prefix="fa", icon="flag", angle=20)).add_to(m)
folium.Circle([39.7, 46.75], radius=20000, fill=True, fill_opacity=0.2).add_to(m)
{extra}
out = st_folium(m, key="map", height=500, width=900,
                returned_objects=["last_object_clicked_tooltip"])
st.text("clicked: " + str((out or {{}}).get("last_object_clicked_tooltip")))
"""


def _write_demo(tmp_path: Path, extra: str = "") -> Path:
    script = tmp_path / "demo_app.py"
    script.write_text(DEMO_APP.format(extra=textwrap.dedent(extra)), "utf-8")
    return script


def test_harness_demo_map_renders_and_click_reruns(tmp_path, guarded, artifacts_dir) -> None:
    t0 = time.monotonic()
    with streamlit_server(_write_demo(tmp_path)) as server:
        page = guarded.new_page()
        frame = open_map(page, server.url)
        frame.locator(MARKERS).nth(3).wait_for(state="visible")
        t_drawn = time.monotonic() - t0
        assert_map_drawn(frame, min_markers=4)
        assert frame.locator(".leaflet-overlay-pane path.leaflet-interactive").count() == 1
        assert set(marker_titles(frame)) >= {HADRUT_TITLE, "A News: Aslan Duz"}
        screenshot(page, artifacts_dir, "harness-demo")

        click_marker(frame.locator(f'{MARKERS}[title="{HADRUT_TITLE}"]'))
        page.get_by_text(f"clicked: {HADRUT_TITLE}").wait_for(timeout=RERUN_TIMEOUT_MS)
        t_click = time.monotonic() - t0 - t_drawn
        screenshot(page, artifacts_dir, "harness-demo-clicked")
        assert_clean(guarded, "demo")
        assert guarded.router.served and guarded.router.tiles
    print(f"demo: markers drawn {t_drawn:.1f}s after start, click->rerun {t_click:.1f}s")


def test_harness_catches_dialogs_and_escaping_requests(tmp_path, guarded) -> None:
    """Negative control: the guards used by the hostile-corpus test do fire."""
    extra = """
    folium.Marker([39.6, 47.3], title="evil", icon=folium.Icon(),
                  popup=folium.Popup("<img src=x onerror=alert(1)>")).add_to(m)
    st.markdown("![x](http://tracker.example/p.png)")
    """
    with streamlit_server(_write_demo(tmp_path, extra)) as server:
        page = guarded.new_page()
        open_map(page, server.url)
        page.wait_for_timeout(1_500)
    assert guarded.dialogs, "the onerror=alert(1) popup fired no dialog event"
    assert any("tracker.example" in b.url for b in guarded.router.blocked), guarded.router.report()


# ------------------------------------------------------------- the dashboard


@pytest.fixture
def dash(dashboard_server, guarded):
    """(page, map frame) for dashboard.py on the bundled corpus."""
    page = guarded.new_page()
    t0 = time.monotonic()
    frame = open_map(page, dashboard_server.url)
    print(f"dashboard: first marker drawn in {time.monotonic() - t0:.1f}s")
    return page, frame


def _click_until_text(page, frame, title: str, text: str) -> None:
    """Click the markers titled ``title`` until ``text`` shows outside the map.

    One place can carry several claims from one article (one marker each, same
    title, same spot); the contract asks that one of them shows ``text``.
    """
    show_mark(frame, title)
    markers = frame.locator(f'{MARKERS}[title="{title}"]')
    count = markers.count()
    assert count, f"no marker titled {title!r}; titles: {sorted(set(marker_titles(frame)))}"
    target = page.get_by_text(text).first
    for i in range(count):
        click_marker(markers.nth(i), fallback=i > 0)
        try:
            target.wait_for(state="visible", timeout=RERUN_TIMEOUT_MS if i == 0 else 8_000)
            return
        except Exception:
            continue
    raise AssertionError(f"clicking the {count} marker(s) titled {title!r} never showed {text!r}")


def test_dashboard_renders_map_with_titled_markers(dash, guarded, artifacts_dir) -> None:
    page, frame = dash
    heading = page.get_by_role("heading", name="Exercise Atlas")
    assert heading.count() or page.title() == "Exercise Atlas", (
        f"no 'Exercise Atlas' heading or page title (title={page.title()!r})"
    )
    assert_map_drawn(frame, min_markers=3)
    titles = marker_titles(frame)
    assert HADRUT_TITLE in titles, f"marker titles: {sorted(set(titles))}"
    bad = [t for t in titles if not re.fullmatch(r"[^:]+: .+", t)]
    assert not bad, f"marker titles not '<outlet>: <mention>': {bad}"
    screenshot(page, artifacts_dir, "dashboard")
    assert_clean(guarded, "dashboard load")


def test_click_marker_shows_excerpt(dash, guarded, artifacts_dir) -> None:
    page, frame = dash
    t0 = time.monotonic()
    _click_until_text(page, frame, HADRUT_TITLE, HADRUT_SENTENCE)
    print(f"dashboard: click -> excerpt in {time.monotonic() - t0:.1f}s")
    body = page.locator("body").inner_text()
    assert "excerpt" in body.lower(), "no 'excerpt' panel label on the page after the click"
    screenshot(page, artifacts_dir, "dashboard-clicked")
    assert_clean(guarded, "dashboard click")


def test_url_after_click_reopens_same_excerpt(
    dash, guarded, session_factory, dashboard_server
) -> None:
    page, frame = dash
    _click_until_text(page, frame, HADRUT_TITLE, HADRUT_SENTENCE)
    page.wait_for_function("() => /[?&]claim=/.test(location.search)", timeout=RERUN_TIMEOUT_MS)
    wait_idle(page)
    url = page.url
    print(f"dashboard: view URL {url}")
    assert url.startswith(dashboard_server.url), url

    fresh = session_factory()  # new context: no cookies, storage or session state shared
    other = fresh.new_page()
    other.goto(url, wait_until="domcontentloaded")
    other.get_by_text(HADRUT_SENTENCE).first.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    wait_idle(other)
    assert "excerpt" in other.locator("body").inner_text().lower()
    assert_clean(guarded, "deep link (clicking page)")
    assert_clean(fresh, f"deep link {url}")


def test_all_five_outlets_present(dash, guarded) -> None:
    page, frame = dash
    titles = marker_titles(frame)
    outlets_on_markers = {t.split(": ", 1)[0] for t in titles}
    legend_text = page.locator("body").inner_text() + "\n" + frame.locator("body").inner_text()
    missing = [o for o in OUTLETS if o not in outlets_on_markers and o not in legend_text]
    assert not missing, f"outlets absent from markers and legend: {missing}; titles: {titles}"
    assert_clean(guarded, "outlets")


# --------------------------------------------------------- a hostile corpus

HOSTILE_ARTICLES = {
    "evil-script.md": {
        "title": "Drill <script>alert(1)</script> report",
        "outlet": "Evil<script>alert(1)</script>",
        "url": "javascript:alert(1)",
        "published": "2025-05-19",
        "body": (
            "Iran and Azerbaijan held a joint military drill in Aslan Duz. "
            "<img src=x onerror=alert(1)> `${alert(document.domain)}`\n"
            "The Aras-2025 joint exercise was held in Aslan Duz <script>alert(1)</script>.\n"
        ),
    },
    "evil-template.md": {
        "title": "`${alert(1)}` \\` backtick \\`${alert(2)}`",
        "outlet": "Tmpl`${alert(1)}`\\`",
        "url": "https://example.org/a?q=<img src=x onerror=alert(1)>",
        "published": "2025-05-20",
        "body": (
            "The Aras-2025 joint exercise took place in Hadrut \\`${alert(1)}\\` `${alert(2)}`.\n"
            "Iranian special forces held the drill in Hadrut ${alert(3)} \\${alert(4)}.\n"
        ),
    },
    "evil-markdown.md": {
        "title": "![x](http://tracker.example/p.png) [click](javascript:alert(1))",
        "outlet": "![o](//tracker.example/o.png) <img src=x onerror=alert(1)>",
        "url": "https://tracker.example/article",
        "published": "2025-05-19",
        "body": (
            # The extractor skips lines holding "http" as page furniture, so the
            # protocol-relative image is the one that reaches an excerpt.
            "The Aras-2025 joint exercise was held in Shusha ![x](//tracker.example/p.png) "
            "[more](javascript:alert(1)) <img src=//tracker.example/q.png>.\n"
            "The joint military drill Aras-2025 was held in Khojavend. "
            "![x](http://tracker.example/p.png) [more](javascript:alert(1)) "
            '<a href="javascript:alert(1)">link</a>\n'
            "<svg onload=alert(1)></svg> Azerbaijani and Iranian troops drilled in Khojavend.\n"
        ),
    },
    "evil-rtl.md": {
        "title": "Drill \u202eenilno\u202c news \u2066<b>bold</b>\u2069",
        "outlet": "\u202eaideM CO\u202c",
        "url": "https://example.org/\u202ertl",
        "published": "2024-06-12",
        "body": (
            "Azerbaijani and Iranian forces held coordinated tactical exercises in Nakhchivan "
            "\u202e<script>alert(1)</script>\u202c on 12 June.\n"
            '<iframe src="javascript:alert(1)"></iframe> The exercises in Nakhchivan ended '
            "\"'><script>alert(1)</script>.\n"
        ),
    },
}


def _write_hostile_corpus(directory: Path) -> None:
    """This test's own hostile articles, plus the committed fixtures of tests/data/hostile."""
    directory.mkdir(parents=True, exist_ok=True)
    for fixture in (ROOT / "tests" / "data" / "hostile").iterdir():
        if fixture.name != "README.md":
            shutil.copy(fixture, directory / fixture.name)
    for name, art in HOSTILE_ARTICLES.items():
        front = "\n".join(f"{key}: {json.dumps(art[key])}" for key in ("title", "outlet", "url"))
        text = f"---\n{front}\npublished: {art['published']}\nlanguage: en\n---\n\n{art['body']}"
        (directory / name).write_text(text, "utf-8")


def _injected_elements(page, frame) -> list[str]:
    """Hostile markup that became live DOM, in the page or in the map iframe."""
    probe = """() => {
        const found = [];
        const live = 'img[src="x"], svg[onload], iframe[src^="javascript"], [onerror], [onload]';
        for (const el of document.querySelectorAll(live)) found.push(el.outerHTML.slice(0, 120));
        for (const s of document.querySelectorAll('script')) {
            const code = s.textContent || '';
            if (code.includes('alert(1)</script>') || /^\\s*alert\\(/.test(code))
                found.push('script: ' + code.slice(0, 120));
        }
        for (const a of document.querySelectorAll('a[href^="javascript:"]'))
            found.push(a.outerHTML.slice(0, 120));
        return found;
    }"""
    return page.evaluate(probe) + frame.locator(":root").evaluate(f"(_el) => ({probe})()")


def _hover_and_click(page, frame, title: str, attempts: int = 3) -> None:
    """Hover (tooltips render then) and click the mark titled ``title``. A rerun still
    redrawing the map from the click before can close its cluster meanwhile: try again."""
    for attempt in range(attempts):
        try:
            show_mark(frame, title)
            marker = frame.get_by_title(title, exact=True).first
            marker.hover(timeout=5_000, force=True)
            click_marker(marker, fallback=True)
            wait_idle(page, settle_ms=700)
            return
        except Exception:
            if attempt == attempts - 1:
                raise
            wait_idle(page, settle_ms=1_000)


def test_hostile_corpus_runs_no_script_and_fetches_nothing(
    tmp_path, guarded, artifacts_dir
) -> None:
    corpus = tmp_path / "articles"
    _write_hostile_corpus(corpus)
    if not DASHBOARD.is_file():
        pytest.fail(f"{DASHBOARD} does not exist yet", pytrace=False)
    with streamlit_server(DASHBOARD, cwd=ROOT, env={"ATLAS_ARTICLES": str(corpus)}) as server:
        page = guarded.new_page()
        frame = open_map(page, server.url)
        page.wait_for_timeout(1_500)  # let onerror/onload handlers have their chance
        assert frame.locator(MARKERS).count() >= 1, "the hostile corpus drew no marks"
        titles = all_mark_titles(frame)
        assert any("<script>" in t or "${" in t for t in titles), (
            f"no hostile outlet reached a marker title, so nothing hostile was exercised: {titles}"
        )
        assert_clean(guarded, "hostile corpus, after load")
        for i, title in enumerate(sorted(set(titles))):  # every mark, out of its cluster
            _hover_and_click(page, frame, title)
            assert_clean(guarded, f"hostile corpus, after clicking marker {i}")
        # The Shusha sentence carries the protocol-relative tracker image: show its
        # excerpt last, and check it really is on the page before the final checks.
        shusha = [t for t in titles if t.endswith(": Shusha") and "tracker" in t]
        assert shusha, f"no Shusha marker from evil-markdown.md; titles: {titles}"
        _hover_and_click(page, frame, shusha[0])
        page.get_by_text("joint exercise was held in Shusha").first.wait_for(
            state="visible", timeout=RERUN_TIMEOUT_MS
        )
        page.wait_for_timeout(1_000)
        injected = _injected_elements(page, frame)
        screenshot(page, artifacts_dir, "hostile")
        assert not injected, f"hostile markup became live DOM: {injected}"
        assert_clean(guarded, "hostile corpus, end")
        assert not [u for u in guarded.router.served if "tracker.example" in u]
