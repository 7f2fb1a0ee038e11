"""Scale: the page on the five articles and at 1k, 10k and 100k claims, in one run.

    python -m tests.benchmarks.scale [--sizes 1000 10000 100000] [--baseline-max 10000]

For each size it writes a synthetic corpus with about that many exercise-location
claims and fills a claims store (articles imported, claims extracted). Each page
is then served once in a process of its own, as a server would have done before
(this builds the claims snapshot: "cold"), and measured in a fresh process under
Streamlit's AppTest, from that warm store: the first render, a plain rerun, a
filter change, a click on a mark, a change of "Colour by", and a rerun after a
review (which patches the snapshot). The five-article page is measured the same
way, first, and every first render is also printed as a ratio to its: the target
is at most 1.5x at 100,000 claims, and at most 0.5 s for a filter change there
(one exercise dropped, then one outlet).

The baseline is the naive build (one ``folium.Marker`` with a ``Popup`` per
claim, the whole map rebuilt on every run), measured up to ``--baseline-max``.
Server time only: a benchmark that prints figures, not a timed test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXERCISE_CLAIMS_PER_ARTICLE = 4.9
FIRST_RENDER_TARGET = 1.5  # x the five-article page's first render, at 100,000 claims
FILTER_CHANGE_TARGET_S = 0.5

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


def _timed(at) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    return elapsed


def _worker(page: str, directory: str, steps: str) -> dict[str, float]:
    """Run one page under AppTest: a first render, then the interactions in ``steps``."""
    from streamlit.testing.v1 import AppTest

    os.environ["ATLAS_ARTICLES"] = directory
    at = AppTest.from_file(page, default_timeout=3600)
    result = {"first_s": _timed(at)}
    payload = _payload(at)
    if "full" in steps:
        result["rerun_s"] = _timed(at)
        options = at.multiselect(key="f_exercise").options
        # Drop one exercise: most claims stay, so the map stays big.
        at.multiselect(key="f_exercise").set_value(list(options[1:]))
        result["change_s"] = _timed(at)
        payload = max(payload, _payload(at))
        _click_first_mark(at)
        result["click_s"] = _timed(at)
        at.selectbox(key="f_colour").set_value("outlet_country")
        result["colour_s"] = _timed(at)
        outlets = at.multiselect(key="f_outlet").options
        at.multiselect(key="f_outlet").set_value(list(outlets[1:]))
        result["outlet_s"] = _timed(at)
        _review_one(at)
        result["review_s"] = _timed(at)
    elif "change" in steps:
        options = at.multiselect(key="f_exercise").options
        at.multiselect(key="f_exercise").set_value(list(options[1:]))
        result["change_s"] = _timed(at)
    result["payload_mb"] = payload / 1e6
    result["peak_mb"] = _peak_mb()
    return result


def _peak_mb() -> float:
    """This process's peak resident memory. Linux keeps ``ru_maxrss`` across fork and
    exec, so a worker would report its parent's peak; VmHWM starts again at exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _click_first_mark(at) -> None:  # type: ignore[no-untyped-def]
    from tests.page import drawn_features, map_args

    first = drawn_features(at)[0]["properties"]["id"]
    value = {"last_active_drawing": {"properties": {"id": first}}}
    at.session_state[map_args(at)["key"]] = value
    at.session_state["map"] = value


def _review_one(at) -> None:  # type: ignore[no-untyped-def]
    """Reject one claim in the database, as another editor would: the next run patches."""
    from sources.db.database import Database
    from sources.frame import claim_from_row
    from sources.review.model import review_claim
    from sources.snapshot import load_snapshot

    with Database(os.environ["ATLAS_DATABASE_URL"]) as db:
        snapshot = load_snapshot(db, stamp=db.data_stamp())
        claim = claim_from_row(snapshot.claims.iloc[len(snapshot.claims) // 2])
        db.record(review_claim(claim, "reject", editor="benchmark"))


def _payload(at: object) -> int:
    components = [
        c
        for c in at.get("component_instance")  # type: ignore[attr-defined]
        if c.proto.component_name == "streamlit_folium.st_folium"
    ]
    return sum(len(c.proto.json_args) for c in components)


def _run_worker(page: Path, directory: Path, env: dict[str, str], steps: str) -> dict[str, float]:
    command = ["-m", "tests.benchmarks.scale", "--worker", str(page), str(directory)]
    result = subprocess.run(
        [sys.executable, *command, "--steps", steps],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def _prepare(directory: Path, url: str, size: int | None) -> dict[str, float]:
    """The store for ``directory`` (a synthetic corpus of about ``size`` exercise claims,
    or the bundled articles when None): imported and extracted once."""
    from sources.db.database import Database
    from sources.synthetic import write_corpus

    if size is not None:
        write_corpus(directory, max(1, round(size / EXERCISE_CLAIMS_PER_ARTICLE)), seed=7)
    with Database(url) as db:
        db.import_folder(directory)
        loaded = db.articles()
        started = time.perf_counter()
        found, _ = db.proposals(loaded)
        cold = time.perf_counter() - started
    claims = [c for group in found.values() for c in group]
    return {
        "articles": len(loaded),
        "exercise_claims": sum(c.role == "exercise" for c in claims),
        "cold_aps": len(loaded) / cold,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument(
        "--baseline-max",
        type=int,
        default=10000,
        help="measure the per-marker baseline up to this many claims (100,000 takes minutes)",
    )
    parser.add_argument("--worker", nargs=2, metavar=("PAGE", "DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--steps", default="full", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(_worker(*args.worker, args.steps)))
        return 0
    with tempfile.TemporaryDirectory(prefix="atlas-scale-") as tmp:
        folder = Path(tmp)
        baseline_page = folder / "baseline.py"
        baseline_page.write_text(BASELINE_PAGE, encoding="utf-8")
        dashboard = ROOT / "dashboard.py"
        # A cache of this run's own (snapshots), whose gazetteer index _prepare builds.
        cache = {**os.environ, "ATLAS_CACHE_DIR": str(folder / "cache")}
        corpora = [("five", ROOT / "sources" / "data" / "articles", None)]
        corpora += [(f"{size:,}", folder / f"corpus-{size}", size) for size in args.sizes]
        prepared = []
        for name, directory, size in corpora:
            url = f"sqlite:///{folder / f'store-{name}.sqlite'}"
            with _environ(ATLAS_CACHE_DIR=cache["ATLAS_CACHE_DIR"]):
                corpus = _prepare(directory, url, size)
            env = {**cache, "ATLAS_DATABASE_URL": url}
            # A server's first visitor, before: builds the snapshot (the "cold" first render).
            cold = _run_worker(dashboard, directory, env, steps="first")
            prepared.append((name, directory, size, corpus, env, cold))
        rows = []
        for name, directory, size, corpus, env, cold in prepared:
            ours = _run_worker(dashboard, directory, env, steps="full")
            base = None
            if size is None or size <= args.baseline_max:
                base = _run_worker(baseline_page, directory, env, steps="change")
            rows.append((name, corpus, cold, ours, base))
            _print(rows)
    return 0


def _print(rows: list) -> None:
    five = rows[0][3]["first_s"]
    print(f"\n{'corpus':<9}{'articles':>9}{'claims(ex)':>11}{'extract cold':>14}")
    for name, corpus, *_ in rows:
        rate = "–" if name == "five" else f"{corpus['cold_aps']:,.0f} a/s"
        print(f"{name:<9}{corpus['articles']:>9,}{corpus['exercise_claims']:>11,}{rate:>14}")
    print(
        f"\nServer time under AppTest, each page in its own process, warm store "
        f"(the first render's ratio is to the five-article page's, {five:.2f} s):"
    )
    head = ("corpus", "page", "first", "× five", "rerun", "exercise", "outlet", "click", "colour")
    head += ("review",)
    print("".join(f"{h:>10}" for h in head) + f"{'payload':>10}{'peak mem':>10}{'cold first':>12}")
    # "cold first": the very first visit, which reads every claim and writes the snapshot.
    for name, _, cold, ours, base in rows:
        for page, row in (("atlas", ours), ("baseline", base)):
            if row is None:
                continue
            cells = [name, page, f"{row['first_s']:.2f} s", f"{row['first_s'] / five:.2f}"]
            cells += [
                f"{row[k]:.2f} s" if k in row else "–"
                for k in ("rerun_s", "change_s", "outlet_s", "click_s", "colour_s", "review_s")
            ]
            print(
                "".join(f"{c:>10}" for c in cells)
                + f"{row['payload_mb']:>7.2f} MB{row['peak_mb']:>7,.0f} MB"
                + (f"{cold['first_s']:>10.2f} s" if page == "atlas" else "")
            )
    largest = rows[-1]
    if len(rows) > 1:
        ratio = largest[3]["first_s"] / five
        change = max(largest[3]["change_s"], largest[3].get("outlet_s", 0))
        print(
            f"\nAt {largest[0]} claims: first render {ratio:.2f}× the five-article page's "
            f"(target ≤ {FIRST_RENDER_TARGET}×: {_met(ratio <= FIRST_RENDER_TARGET)}); "
            f"slowest filter change {change:.2f} s (target ≤ {FILTER_CHANGE_TARGET_S} s: "
            f"{_met(change <= FILTER_CHANGE_TARGET_S)})."
        )
    sys.stdout.flush()


@contextlib.contextmanager
def _environ(**values: str) -> Iterator[None]:
    """Set environment variables for a block, and put back what was there."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


if __name__ == "__main__":
    raise SystemExit(main())
