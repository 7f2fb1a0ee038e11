"""How long the newsroom outputs take as the view grows: exports, timeline, comparison,
data version and the per-claim states a cited link keeps.

    python -m tests.benchmarks.outputs [--sizes 1000 10000 100000]

Claims are the five articles' exercise locations copied into many articles (new
ids, outlets and dates), so the figures measure the outputs, not extraction.
Prints seconds per output and size; nothing is asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Sequence

from sources.comparison import compare_exercise
from sources.corpus import load_corpus
from sources.export import export_view
from sources.frame import claims_frame, data_version, filter_frame
from sources.timeline import timeline_chart, timeline_data
from sources.view import ViewState
from tests.conftest import ROOT

OUTLETS = tuple(f"Outlet {i:02d}" for i in range(30))


def synthetic_claims(n: int) -> list:
    seeds = [
        c
        for c in load_corpus(ROOT / "sources" / "data" / "articles").claims
        if c.role == "exercise"
    ]
    start = dt.date(2024, 1, 1)
    claims = []
    for i in range(n):
        seed = seeds[i % len(seeds)]
        article = i // 5
        claims.append(
            dataclasses.replace(
                seed,
                article_id=f"synthetic-{article}",
                outlet=OUTLETS[article % len(OUTLETS)],
                published=start + dt.timedelta(days=article % 700),
            )
        )
    return claims


def _seconds(work: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best


def measure(n: int, repeat: int) -> dict[str, float]:
    claims = synthetic_claims(n)
    t0 = time.perf_counter()
    frame = claims_frame(claims)
    build = time.perf_counter() - t0
    view = filter_frame(frame, ViewState())
    figures = {"claims table": build}
    for fmt in ("csv", "geojson", "kml"):
        figures[fmt] = _seconds(lambda fmt=fmt: export_view(view, fmt), repeat)
    figures["timeline"] = _seconds(lambda: timeline_chart(timeline_data(view)).to_dict(), repeat)
    figures["comparison"] = _seconds(lambda: compare_exercise(view, "aras-2025"), repeat)
    figures["data version"] = _seconds(lambda: data_version(view), repeat)
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.outputs")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    rows = {n: measure(n, args.repeat) for n in args.sizes}
    names = list(next(iter(rows.values())))
    print(
        "output".ljust(14) + "".join(f"{n:>12,}" for n in args.sizes) + "   (seconds, best of "
        f"{args.repeat})"
    )
    for name in names:
        print(name.ljust(14) + "".join(f"{rows[n][name]:>12.3f}" for n in args.sizes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
