"""Extraction throughput: articles per second on one core, beside geotext.

    python -m tests.benchmarks.extraction [--articles 1000] [--repeat 3]

Both extractors read the same 1,000 articles after loading (gazetteers built,
articles in memory), pinned to one CPU, best of ``--repeat`` runs. Two inputs:
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
from sources.extraction import default_gazetteer, extract_claims
from sources.synthetic import write_corpus

ROOT = Path(__file__).resolve().parents[2]


def _pin_one_core() -> str:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity)"


def _rate(run: Callable[[Article], object], articles: Sequence[Article], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for article in articles:
            run(article)
        times.append(time.perf_counter() - started)
    return len(articles) / min(times)


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
    pinning = _pin_one_core()
    started = time.perf_counter()
    gazetteer = default_gazetteer()
    load_s = time.perf_counter() - started
    inputs = _inputs(args.articles)
    _geotext(inputs["synthetic"][0])  # geotext loads its data on first use
    extract_claims(inputs["synthetic"][0], gazetteer)
    print(f"{args.articles:,} articles per input, best of {args.repeat}; {pinning}")
    places = len(gazetteer.places)
    print(f"gazetteer load (cold, from the disk cache): {load_s:.2f} s, {places:,} places")
    print(f"{'input':16}{'avg chars':>11}{'Exercise Atlas':>17}{'geotext':>12}{'ratio':>8}")
    for name, articles in inputs.items():
        atlas = _rate(lambda a: extract_claims(a, gazetteer), articles, args.repeat)
        baseline = _rate(_geotext, articles, args.repeat)
        chars = statistics.mean(len(a.body) for a in articles)
        print(
            f"{name:16}{chars:>11,.0f}{atlas:>13,.0f} a/s{baseline:>8,.0f} a/s"
            f"{atlas / baseline:>7.2f}×"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
