"""Extraction throughput: articles per second on one core, beside geotext.

    python -m tests.benchmarks.extraction [--articles 1000] [--repeat 3]

Both extractors read the same 1,000 articles after loading (gazetteers built,
articles in memory), pinned to one CPU, best of ``--repeat`` runs, in CPU time. Two inputs:
the synthetic corpus (``sources.synthetic``) and the five bundled articles
cycled to the same count. A benchmark that prints figures, not a timed test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from sources.articles import Article, load_article
from sources.extraction import clear_sentence_caches, default_gazetteer, extract_claims
from sources.synthetic import write_corpus

ROOT = Path(__file__).resolve().parents[2]


def _pin_one_core() -> tuple[str, set[int] | None]:
    """Pin this process to one CPU; return a note and the affinity to restore."""
    try:
        before = os.sched_getaffinity(0)
        cpu = min(before)
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}", before
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity)", None


def _rate(run: Callable[[Article], object], articles: Sequence[Article], repeat: int) -> float:
    # CPU time of this process: on a machine shared with other jobs, wall-clock time
    # counts the waits for the core too, and the figures swing with the load.
    times = []
    for _ in range(repeat):
        started = time.process_time()
        for article in articles:
            run(article)
        times.append(time.process_time() - started)
    return len(articles) / min(times)


def _fresh(article: Article, gazetteer: object) -> object:
    # Per-sentence caches would otherwise carry over between repeated articles.
    clear_sentence_caches()
    return extract_claims(article, gazetteer)  # type: ignore[arg-type]


def _geotext(article: Article) -> object:
    from geotext import GeoText

    found = GeoText(article.body)
    return found.cities, found.countries


def _inputs(n: int) -> dict[str, list[Article]]:
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = [load_article(p) for p in write_corpus(tmp, n, seed=1)]
    seeds = [load_article(p) for p in sorted((ROOT / "sources/data/articles").glob("*.md"))]
    return {"synthetic": synthetic, "seeds, cycled": [seeds[i % len(seeds)] for i in range(n)]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    pinning, before = _pin_one_core()
    try:
        _run(args.articles, args.repeat, pinning)
    finally:
        if before is not None:
            os.sched_setaffinity(0, before)
    return 0


def _run(n: int, repeat: int, pinning: str) -> None:
    started = time.perf_counter()
    gazetteer = default_gazetteer()
    load_s = time.perf_counter() - started
    inputs = _inputs(n)
    _geotext(inputs["synthetic"][0])  # geotext loads its data on first use
    extract_claims(inputs["synthetic"][0], gazetteer)
    print(f"{n:,} articles per input, best of {repeat} in CPU time; {pinning}")
    places = len(gazetteer.places)
    print(f"gazetteer load (cold, from the disk cache): {load_s:.2f} s, {places:,} places")
    print(f"{'input':16}{'avg chars':>11}{'Exercise Atlas':>17}{'geotext':>12}{'ratio':>8}")
    for name, articles in inputs.items():
        atlas = _rate(lambda a: _fresh(a, gazetteer), articles, repeat)
        baseline = _rate(_geotext, articles, repeat)
        chars = statistics.mean(len(a.body) for a in articles)
        print(
            f"{name:16}{chars:>11,.0f}{atlas:>13,.0f} a/s{baseline:>8,.0f} a/s"
            f"{atlas / baseline:>7.2f}×"
        )


if __name__ == "__main__":
    raise SystemExit(main())
