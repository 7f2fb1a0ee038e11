"""The page in headless Chromium at about 10,000 claims: what a reader waits for.

    python -m tests.benchmarks.browser [--articles 2000] [--repeat 5] [--app PATH]

Writes a synthetic corpus (2,000 articles, about 10,000 exercise claims), serves
the page with ``streamlit run`` and, once a first visit has warmed the server,
times with the offline browser harness of ``tests/browser``: navigation until
the first marks are drawn, and a filter change (one exercise dropped) until the
map's marks are drawn again, seen by a MutationObserver on Leaflet's marker
pane. Prints the minimum, median and maximum of ``--repeat`` tries. ``--app``
times another version of the page (another checkout's ``dashboard.py``) on the
same corpus, for a comparison in the same conditions.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAP = 'iframe[title="streamlit_folium.st_folium"]'
MARKS = ".leaflet-marker-pane > *"

# Notes, in the map frame, how long after this call Leaflet's marker pane next changes:
# a rerun's new marks replace the old ones in one task, so one mutation batch.
WATCH = """(pane) => {
    window.__atlasRedrawn = null;
    const started = performance.now();
    const seen = new MutationObserver(() => {
        seen.disconnect();
        window.__atlasRedrawn = performance.now() - started;
    });
    seen.observe(pane, {childList: true});
}"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--app", type=Path, default=ROOT / "dashboard.py")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from sources.synthetic import write_corpus
    from tests.browser.cdn import CdnRouter, NpmStore
    from tests.browser.server import streamlit_server

    with tempfile.TemporaryDirectory(prefix="atlas-browser-") as tmp:
        folder = Path(tmp)
        write_corpus(folder / "articles", args.articles, seed=7)
        env = {
            "ATLAS_ARTICLES": str(folder / "articles"),
            "ATLAS_DATA_DIR": str(folder / "db"),
            "ATLAS_CACHE_DIR": str(folder / "cache"),
        }
        with (
            streamlit_server(args.app, cwd=args.app.parent, env=env, timeout=600) as server,
            sync_playwright() as pw,
        ):
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
            )
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            CdnRouter(store=NpmStore()).install(context)
            started = time.monotonic()
            _first_marks(context, server.url, timeout_ms=600_000)  # warms the server
            print(f"first visit to a cold server: {time.monotonic() - started:.1f} s")
            loads = [_first_marks(context, server.url) for _ in range(args.repeat)]
            changes = _filter_changes(context, server.url, args.repeat)
            browser.close()
    _report("navigation to first marks, warm server", loads)
    _report("filter change to marks redrawn", changes)
    return 0


def _first_marks(context, url: str, timeout_ms: int = 60_000) -> float:  # type: ignore[no-untyped-def]
    page = context.new_page()
    started = time.monotonic()
    page.goto(url, wait_until="commit")
    page.frame_locator(MAP).locator(MARKS).first.wait_for(state="visible", timeout=timeout_ms)
    elapsed = time.monotonic() - started
    page.close()
    return elapsed


def _filter_changes(context, url: str, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.goto(url)
    frame = page.frame_locator(MAP)
    frame.locator(MARKS).first.wait_for(state="visible", timeout=60_000)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")
    map_frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    times = []
    for _ in range(repeat):
        frame.locator(".leaflet-marker-pane").evaluate(WATCH)
        started = time.monotonic()
        page.get_by_label("Also show context mentions").click(force=True)
        map_frame.wait_for_function("() => window.__atlasRedrawn !== null", timeout=60_000)
        times.append(time.monotonic() - started)
        page.wait_for_timeout(500)
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")
    page.close()
    return times


def _report(what: str, times: list[float]) -> None:
    print(
        f"{what}: median {statistics.median(times):.2f} s "
        f"(min {min(times):.2f}, max {max(times):.2f}, n={len(times)})"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main())
