"""Scale: the page at 1k, 10k and 100k claims, beside a per-marker folium map.

    python -m tests.benchmarks.scale [--sizes 1000 10000 100000] [--baseline-max 100000]

For each size it writes a synthetic corpus with about that many exercise-location
claims, fills a claims store once, then runs each page in its own process
under Streamlit's AppTest and prints, side by side: the server time of a first
render and of a filter change, their ratio to the baseline, the map payload
sent to the browser, and the process's peak memory. The baseline is the naive
build: one ``folium.Marker`` with a ``Popup`` per claim, the whole map rebuilt
on every run. It also prints extraction throughput, cold and from the store.
A benchmark that prints figures, not a timed test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXERCISE_CLAIMS_PER_ARTICLE = 4.9

# The naive page: what a first folium + Streamlit build looks like.
BASELINE_PAGE = """
import folium
import streamlit as st
from streamlit_folium import st_folium
from sources.corpus import load_corpus
from sources.db.database import Database
from sources.frame import filter_claims
from sources.view import ViewState

@st.cache_resource
def corpus():
    return load_corpus(database=Database())

c = corpus()
exercises = sorted({x.exercise or "unassigned" for x in c.claims})
chosen = st.multiselect("Exercise", exercises, key="f_exercise")
shown = filter_claims(c.claims, ViewState(exercises=tuple(chosen)))
m = folium.Map(location=(39.6, 46.9), zoom_start=7)
for claim in shown:
    folium.Marker(
        (claim.place.lat, claim.place.lon),
        popup=folium.Popup(claim.sentence, parse_html=True),
        tooltip=claim.outlet,
    ).add_to(m)
st_folium(m, key="map", returned_objects=[])
"""


def _worker(page: str, directory: str) -> dict[str, float]:
    """Run one page under AppTest: first render, then one filter change."""
    from streamlit.testing.v1 import AppTest

    os.environ["ATLAS_ARTICLES"] = directory
    at = AppTest.from_file(page, default_timeout=3600)
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    payload_first = _payload(at)
    options = at.multiselect(key="f_exercise").options
    # Drop one exercise: most claims stay, so the map stays big.
    at.multiselect(key="f_exercise").set_value(list(options[1:]))
    started = time.perf_counter()
    at.run()
    change = time.perf_counter() - started
    return {
        "first_s": first,
        "change_s": change,
        "payload_mb": max(payload_first, _payload(at)) / 1e6,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _payload(at: object) -> int:
    components = [
        c
        for c in at.get("component_instance")  # type: ignore[attr-defined]
        if c.proto.component_name == "streamlit_folium.st_folium"
    ]
    return sum(len(c.proto.json_args) for c in components)


def _run_worker(page: Path, directory: Path, env: dict[str, str]) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.scale", "--worker", str(page), str(directory)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def _prepare(size: int, folder: Path, env: dict[str, str]) -> tuple[Path, dict[str, float]]:
    """A corpus of about ``size`` exercise claims, imported and extracted once."""
    from sources.db.database import Database
    from sources.synthetic import write_corpus

    directory = folder / f"corpus-{size}"
    articles = max(1, round(size / EXERCISE_CLAIMS_PER_ARTICLE))
    write_corpus(directory, articles, seed=7)
    with Database(env["ATLAS_DATABASE_URL"]) as db:
        db.import_folder(directory)
        loaded = db.articles()
        started = time.perf_counter()
        found, _ = db.proposals(loaded)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        db.proposals(loaded)
        warm = time.perf_counter() - started
    claims = [c for group in found.values() for c in group]
    exercise = sum(c.role == "exercise" for c in claims)
    return directory, {
        "articles": len(loaded),
        "claims": len(claims),
        "exercise_claims": exercise,
        "cold_aps": len(loaded) / cold,
        "warm_aps": len(loaded) / warm,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument(
        "--baseline-max",
        type=int,
        default=100000,
        help="skip the per-marker baseline above this many claims",
    )
    parser.add_argument("--worker", nargs=2, metavar=("PAGE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(_worker(*args.worker)))
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="atlas-scale-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "ATLAS_DATABASE_URL": f"sqlite:///{folder / 'atlas.sqlite'}"}
        baseline_page = folder / "baseline.py"
        baseline_page.write_text(BASELINE_PAGE, encoding="utf-8")
        for size in args.sizes:
            directory, corpus = _prepare(size, folder, env)
            ours = _run_worker(ROOT / "dashboard.py", directory, env)
            base = _run_worker(baseline_page, directory, env) if size <= args.baseline_max else None
            rows.append((size, corpus, ours, base))
            _print(rows)
    return 0


def _print(rows: list) -> None:
    print("\nsize      articles  claims(ex)  extract cold  from store")
    for size, corpus, _, _ in rows:
        print(
            f"{size:<9,} {corpus['articles']:>8,} {corpus['exercise_claims']:>10,}"
            f" {corpus['cold_aps']:>9,.0f} a/s {corpus['warm_aps']:>8,.0f} a/s"
        )
    print(
        f"\n{'size':<9}{'page':<10}{'first render':>13}{'filter change':>15}"
        f"{'× baseline':>12}{'payload':>10}{'peak mem':>10}"
    )
    for size, _, ours, base in rows:
        for name, row in (("atlas", ours), ("baseline", base)):
            if row is None:
                print(f"{size:<9,}{name:<10}{'skipped':>13}")
                continue
            ratio = f"{ours['change_s'] / base['change_s']:.3f}" if base else "–"
            print(
                f"{size:<9,}{name:<10}{row['first_s']:>11.2f} s{row['change_s']:>13.2f} s"
                f"{ratio if name == 'atlas' else '':>12}{row['payload_mb']:>7.1f} MB"
                f"{row['peak_mb']:>7,.0f} MB"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main())
