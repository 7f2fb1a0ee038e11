"""The map in a real browser: the first click lands, the mark outlined is the one clicked,
the quote is the outlet's own characters, and at 10,000 claims every mark sits on its point.

Window sizes are the ones that lost the first click before (the map did not fit, and
Leaflet's focus scrolled the page under the pointer). The 10,000-claim corpus is
``sources.synthetic``'s (2,000 articles), and its screenshot goes to
``tests/.cache/artifacts/map-10k.png``.
"""

from __future__ import annotations

import json
import time

import pytest

from geo.mapping import MERGE_BELOW_ZOOM
from sources.articles import BUNDLED_DIR
from sources.corpus import load_corpus
from sources.synthetic import write_corpus

from .conftest import DASHBOARD, ROOT
from .server import streamlit_server
from .test_e2e import (
    MAP_IFRAME,
    MARKERS,
    RERUN_TIMEOUT_MS,
    assert_clean,
    open_map,
    screenshot,
    show_mark,
    wait_idle,
)

pytestmark = pytest.mark.browser

HADRUT = "OC Media: Hadrut"
ASLAN_DUZ = "AVIM: Aslan Duz"
QUOTE = ".atlas-quote"
LARGE_TIMEOUT_MS = 180_000

# Where every drawn mark is, against where its claims' points are, in client pixels.
# A mark is a pin (its tip), a ring or a square (its centre) or a cluster (its centre).
MEASURE = """(container) => {
    const map = window.map;
    const frame = container.getBoundingClientRect();
    const at = (latlng) => {
        const p = map.latLngToContainerPoint(latlng);
        return [frame.left + p.x, frame.top + p.y];
    };
    const out = [];
    for (const id in map._layers) {
        const layer = map._layers[id];
        if (!layer._icon || !layer.getLatLng) continue;
        const cluster = typeof layer.getAllChildMarkers === 'function';
        const shape = layer._icon.querySelector('path') || layer._icon.querySelector('svg');
        const box = (shape || layer._icon).getBoundingClientRect();
        const pin = !cluster && layer.feature && layer.feature.properties.shape === 'pin';
        const drawn = [box.left + box.width / 2, pin ? box.bottom : box.top + box.height / 2];
        const points = cluster
            ? layer.getAllChildMarkers().map((m) => at(m._preSpiderfyLatlng || m.getLatLng()))
            : [at(layer._preSpiderfyLatlng || layer.getLatLng())];
        let leg = null;
        if (layer._spiderLeg) {
            const ends = layer._spiderLeg.getLatLngs().map(at);
            const path = layer._spiderLeg._path;
            leg = {ends, visible: Boolean(path && path.isConnected)
                && Number(getComputedStyle(path).strokeOpacity) > 0.2};
        }
        out.push({title: layer._icon.title || (layer._icon.querySelector('[title]') || {}).title,
                  cluster, drawn, points, leg,
                  inside: drawn[0] >= frame.left && drawn[0] <= frame.right
                       && drawn[1] >= frame.top && drawn[1] <= frame.bottom});
    }
    return {zoom: map.getZoom(), marks: out};
}"""


def _distance(a, b) -> float:
    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5


def assert_marks_on_their_points(measured: dict, tolerance: float = 3.0) -> dict[str, int]:
    """Every drawn mark of a claim (or of claims at one point) lies within ``tolerance``
    px of its point, or at the end of a visible leg back to it. Below the merging zoom,
    a cluster may hold several places: it is then where markercluster puts it, at
    their centre."""
    bad, seen = [], {"marks": 0, "one point": 0, "merged": 0, "on legs": 0}
    for mark in measured["marks"]:
        if not mark["inside"]:
            continue
        points = mark["points"]
        spread = max(_distance(points[0], p) for p in points)
        if mark["leg"] is not None:
            start, end = mark["leg"]["ends"]
            seen["on legs"] += 1
            ok = (
                mark["leg"]["visible"]
                and _distance(start, points[0]) <= tolerance
                and _distance(end, mark["drawn"]) <= tolerance + 2  # the leg meets the mark
            )
        elif not mark["cluster"] or spread <= 0.5:
            seen["marks" if not mark["cluster"] else "one point"] += 1
            ok = all(_distance(mark["drawn"], p) <= tolerance for p in points)
        else:
            seen["merged"] += 1
            centre = [sum(p[i] for p in points) / len(points) for i in (0, 1)]
            ok = measured["zoom"] < MERGE_BELOW_ZOOM and _distance(mark["drawn"], centre) <= 8
        if not ok:
            distinct = sorted({(round(p[0]), round(p[1])) for p in points})
            bad.append({**mark, "points": distinct[:12], "n": len(points)})
    assert not bad, f"zoom {measured['zoom']}: {json.dumps(bad[:5])}"
    return seen


def _sentence(claim_title: str) -> str:
    outlet, mention = claim_title.split(": ", 1)
    corpus = load_corpus(BUNDLED_DIR)
    claim = next(
        c
        for c in corpus.claims
        if c.outlet == outlet and c.mention == mention and c.role == "exercise"
    )
    article = next(a for a in corpus.articles if a.id == claim.article_id)
    # The article's own characters, not the claim's copy of them.
    return article.body[claim.sentence_start : claim.sentence_start + len(claim.sentence)]


@pytest.fixture(scope="module")
def five(tmp_path_factory):
    data = tmp_path_factory.mktemp("five-db")
    with streamlit_server(
        DASHBOARD, cwd=ROOT, env={"ATLAS_ARTICLES": "", "ATLAS_DATA_DIR": str(data)}
    ) as server:
        yield server


@pytest.mark.parametrize(
    "viewport",
    [
        pytest.param({"width": 1366, "height": 650}, id="1366x650"),
        pytest.param({"width": 375, "height": 812}, id="375x812-phone"),
    ],
)
def test_the_first_click_on_a_mark_opens_its_excerpt(five, session_factory, viewport):
    phone = viewport["width"] < 500
    session = session_factory(viewport=viewport)
    page = session.new_page()
    frame = open_map(page, five.url)
    # The map does not fit: its top is scrolled out of the window, as a reader on a
    # laptop or phone has it after scrolling, and the mark is in sight.
    page.locator(MAP_IFRAME).evaluate(
        """(iframe) => {
            let box = iframe.parentElement;
            while (box && !(box.scrollHeight > box.clientHeight
                    && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) {
                box = box.parentElement;
            }
            box = box || document.scrollingElement;
            box.scrollTop += iframe.getBoundingClientRect().top + 60;
        }"""
    )
    mark = frame.locator(f'{MARKERS}[title="{HADRUT}"]')
    box = mark.bounding_box()
    assert box and 0 < box["y"] < viewport["height"] - box["height"], box
    # One press where the mark is, without Playwright scrolling anything first.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 3)
    quote = page.locator(QUOTE)
    quote.wait_for(state="attached", timeout=RERUN_TIMEOUT_MS)  # one click, no retry
    assert quote.evaluate("el => el.textContent") == _sentence(HADRUT)
    cue = page.locator(".st-key-phone_cue")
    # On a phone the excerpt is below the fold, and a cue under the map says so.
    assert cue.is_visible() == phone
    # Marks are a fingertip wide on a phone.
    width = frame.get_by_title(HADRUT, exact=True).bounding_box()["width"]
    assert width >= (32 if phone else 20), width
    assert_clean(session, f"first click at {viewport}")


def test_the_outlined_mark_is_the_one_clicked(five, guarded) -> None:
    page = guarded.new_page()
    frame = open_map(page, five.url)
    for title in (HADRUT, ASLAN_DUZ, HADRUT):
        show_mark(frame, title)  # Aslan Duz shares its point with other outlets' claims
        frame.locator(f'{MARKERS}[title="{title}"]').click()
        page.locator(QUOTE).filter(has_text=_sentence(title)).wait_for(timeout=RERUN_TIMEOUT_MS)
        selected = frame.locator(f"{MARKERS}.atlas-selected")
        selected.first.wait_for(state="attached", timeout=RERUN_TIMEOUT_MS)
        # The cluster holding the selection is outlined too (it has no title): of the
        # claims' own marks, only the one just clicked is.
        outlined = selected.evaluate_all("els => els.map(e => e.title)")
        assert [t for t in outlined if t] == [title], outlined
    assert_clean(guarded, "outline follows the click")


@pytest.mark.parametrize(
    "title", ["AVIM: Shusha", "Zartonk Media: Armenian-Iranian border", HADRUT]
)
def test_the_quote_is_the_articles_own_characters(five, guarded, title) -> None:
    page = guarded.new_page()
    frame = open_map(page, five.url)
    show_mark(frame, title)
    marker = frame.locator(f'{MARKERS}[title="{title}"]')
    marker.click()
    quote = page.locator(QUOTE)
    quote.wait_for(timeout=RERUN_TIMEOUT_MS)
    text = quote.evaluate("el => el.textContent")
    assert text == _sentence(title)
    assert quote.locator("mark").inner_text() == title.split(": ", 1)[1]
    assert_clean(guarded, f"quote of {title}")


def test_tooltips_stay_inside_the_map(five, guarded) -> None:
    page = guarded.new_page()
    frame = open_map(page, five.url)
    container = frame.locator(".leaflet-container")
    # Pan so that Hadrut's pin sits 6 px from the map's top right corner.
    container.evaluate(
        """(el) => {
            const map = window.map, size = map.getSize();
            const target = [...Object.values(map._layers)].find(
                (l) => l.options && l.options.title === 'OC Media: Hadrut');
            const p = map.latLngToContainerPoint(target.getLatLng());
            map.panBy([p.x - (size.x - 6), p.y - 30], {animate: false});
        }"""
    )
    mark = frame.locator(f'{MARKERS}[title="{HADRUT}"]')
    mark.hover(force=True)
    tip = frame.locator(".leaflet-tooltip.atlas-tip")
    tip.wait_for(state="visible")
    page.wait_for_timeout(200)
    box, outer = tip.bounding_box(), container.bounding_box()
    assert box["x"] >= outer["x"] and box["y"] >= outer["y"], (box, outer)
    assert box["x"] + box["width"] <= outer["x"] + outer["width"] + 0.5, (box, outer)
    assert box["y"] + box["height"] <= outer["y"] + outer["height"] + 0.5, (box, outer)


def test_the_legend_draws_the_mark_shapes(five, guarded) -> None:
    page = guarded.new_page()
    open_map(page, five.url)
    legend = page.get_by_text("Marks", exact=True).locator("xpath=..")
    images = legend.locator("img")
    assert images.count() >= 4  # pin, ring, square, cluster
    assert all(i.evaluate("el => el.complete && el.naturalWidth > 0") for i in images.all()), (
        "a legend shape did not render"
    )


# --------------------------------------------------------------- 10,000 claims


@pytest.fixture(scope="module")
def ten_thousand(tmp_path_factory):
    """The page on 2,000 synthetic articles (about 10,000 exercise claims)."""
    folder = tmp_path_factory.mktemp("corpus-10k")
    write_corpus(folder, 2000, seed=7)
    data = tmp_path_factory.mktemp("corpus-10k-db")
    env = {"ATLAS_ARTICLES": str(folder), "ATLAS_DATA_DIR": str(data)}
    with streamlit_server(DASHBOARD, cwd=ROOT, env=env, timeout=120) as server:
        yield server


def test_at_ten_thousand_claims_every_mark_sits_on_its_point(
    ten_thousand, guarded, artifacts_dir
) -> None:
    page = guarded.new_page()
    page.set_viewport_size({"width": 1400, "height": 1000})
    started = time.monotonic()
    page.goto(ten_thousand.url, wait_until="domcontentloaded")
    frame = page.frame_locator(MAP_IFRAME)
    frame.locator(MARKERS).first.wait_for(state="visible", timeout=LARGE_TIMEOUT_MS)
    wait_idle(page)
    print(f"10k claims: first marks after {time.monotonic() - started:.1f} s (cold server)")
    container = frame.locator(".leaflet-container")
    seen = assert_marks_on_their_points(container.evaluate(MEASURE))
    print(f"10k claims, first view: {seen}")
    assert sum(seen.values()) >= 10
    screenshot(page, artifacts_dir, "map-10k")
    # Open the biggest cluster on one point: its claims spread out on legs back to it.
    index = container.evaluate(
        """(el) => {
            const map = window.map, icons = [...el.querySelectorAll('.leaflet-marker-pane > *')];
            const size = map.getSize();
            let best = null;
            for (const id in map._layers) {
                const c = map._layers[id];
                if (!c._icon || typeof c.getAllChildMarkers !== 'function') continue;
                const p = map.latLngToContainerPoint(c.getLatLng());
                if (p.x < 120 || p.y < 120 || p.x > size.x - 120 || p.y > size.y - 120) continue;
                const kids = c.getAllChildMarkers(), here = kids[0].getLatLng();
                if (kids.length > 2 && kids.every((m) => m.getLatLng().equals(here))
                        && (!best || kids.length > best.n)) best = {n: kids.length, icon: c._icon};
            }
            return best ? icons.indexOf(best.icon) : -1;
        }"""
    )
    assert index >= 0, "no cluster of claims at one point in the first view"
    frame.locator(MARKERS).nth(index).click()
    page.mouse.move(0, 0)  # no tooltip over the legs in the screenshot
    page.wait_for_timeout(1000)  # markercluster animates the legs out
    measured = container.evaluate(MEASURE)
    assert any(m["leg"] for m in measured["marks"]), "the cluster spread nothing out"
    seen = assert_marks_on_their_points(measured)
    print(f"10k claims, one cluster spread out: {seen}")
    screenshot(page, artifacts_dir, "map-10k-spread")
    # Zoomed in past the merging zoom, every mark is on its own point.
    container.evaluate(f"() => window.map.setZoom({MERGE_BELOW_ZOOM}, {{animate: false}})")
    page.wait_for_timeout(1000)
    seen = assert_marks_on_their_points(container.evaluate(MEASURE))
    assert seen["merged"] == 0, seen
    # Areas stay outlines: where most overlap, their fills still let the land show.
    wash = container.evaluate(
        """(el) => {
            const map = window.map, centre = map.getCenter();
            let clear = 1;
            for (const id in map._layers) {
                const area = map._layers[id].options && map._layers[id].options.atlasArea;
                if (area && area.centre.distanceTo(centre) < area.radius)
                    clear *= 1 - map._layers[id].options.fillOpacity;
            }
            return 1 - clear;
        }"""
    )
    assert wash < 0.35, f"area fills stack to {wash:.2f} opacity over the map's centre"
    assert_clean(guarded, "10k claims")
