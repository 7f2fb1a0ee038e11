"""A synthetic corpus for scale tests: realistic articles the extractor understands.

``python -m sources.synthetic OUTDIR --articles N [--seed S] [--check]`` writes N
``.md`` articles. Each reports one exercise of :data:`~sources.exercises.EXERCISES`
at real gazetteer places of its participants (borders and the Caspian too), in
English sentences built so that about five mentions per article are exercise
locations and a few more are context ("A delegation visited Tabriz.").

Article ``i`` depends only on ``(seed, i)``, so a corpus of N+1 articles is the
corpus of N plus one file: the shape an incremental cache has to handle.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.gazetteer import load_gazetteer
from geo.places import Place
from sources.exercises import EXERCISES, Exercise

__all__ = ["OUTLETS", "SyntheticArticle", "generate_article", "write_corpus"]

OUTLETS: dict[str, str] = {
    "Tehran Times": "tehrantimes.com",
    "OC Media": "oc-media.org",
    "APA": "apa.az",
    "Azatutyun": "azatutyun.am",
    "Eurasianet": "eurasianet.org",
    "Trend": "trend.az",
    "IRNA": "irna.ir",
    "Mehr": "mehrnews.com",
    "Reuters": "reuters.com",
    "TASS": "tass.com",
    "Tasnim": "tasnimnews.com",
    "Press TV": "presstv.ir",
    "Report.az": "report.az",
    "Caliber": "caliber.az",
    "JAMnews": "jam-news.net",
    "Armenpress": "armenpress.am",
    "Anadolu Agency": "aa.com.tr",
    "Daily Sabah": "dailysabah.com",
    "Asbarez": "asbarez.com",
    "Al-Monitor": "al-monitor.com",
}
_COUNTRY_CODES = {"Iran": "IR", "Azerbaijan": "AZ", "Armenia": "AM", "Türkiye": "TR"}
_NEIGHBOUR = {
    "Iran": "Azerbaijan",
    "Azerbaijan": "Iran",
    "Armenia": "Iran",
    "Türkiye": "Azerbaijan",
}
_CAPITALS = ("Baku", "Tehran", "Yerevan")
_PORTS = ("Baku", "Bandar Anzali", "Astara")
_SOURCES = (
    "the defence ministry",
    "the IRGC",
    "IRNA",
    "military officials",
    "the army press service",
    "state television",
)

# Each exercise template names its places by slot: {a}, {b}, {c}. The extractor
# reads every one of them as an exercise location (checked in tests/test_synthetic.py).
_EXERCISE_TEMPLATES = (
    ("The {exercise} is taking place in {a}, according to {source}.", 1),
    ("{parties} held exercises near {a} on {date}.", 1),
    ("The drills took place in {a} and {b}.", 2),
    ("The exercise took place in {a}, {b} and {c}, according to {source}.", 3),
    ("According to {source}, the second phase of the exercise was held near {a}.", 1),
    ("{Exercise} began on {date} in {a} and {b}.", 2),
    ("Artillery units fired live rounds during the exercise near {a}.", 1),
    ("{outlet} reported the manoeuvres in {a}, {b} and {c}.", 3),
    ("The exercise, held in {a}, involved helicopters and drones, {outlet} reported.", 1),
    ("Joint manoeuvres were staged in {a} and near {b}.", 2),
    ("Officers said the drills in {a} tested command and control.", 1),
)
_CONTEXT_TEMPLATES = (
    "A delegation visited {city}.",
    "The foreign minister later flew to {capital}.",
    "Officials in {capital} welcomed the exercise.",
    "Relations between {country} and {country2} have improved since 2023.",
    "Earlier this year, leaders of both countries met in {city}.",
    "A delegation from {capital} visited {city} last week.",
)
_FILLER = (
    "The exercise involved armoured units, artillery, drones and army aviation.",
    "Officials described the drills as routine and defensive.",
    "Analysts said the exercises signalled a thaw in relations.",
    "No incidents were reported.",
    "The ministry released video footage of the manoeuvres.",
    '"The drills are not directed against any third country," a spokesperson said.',
    "Engineering units built a pontoon bridge during the exercise.",
    "Medical and logistics teams also took part.",
    "Commanders said the troops had met every objective.",
    "The drills are the latest in a series of joint exercises.",
)


@dataclass(frozen=True, kw_only=True)
class SyntheticArticle:
    """One generated article, before it is written as front matter and body."""

    name: str
    title: str
    outlet: str
    url: str
    published: dt.date
    body: str

    def text(self) -> str:
        fields = {
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
        }
        lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()]
        lines += [f"published: {self.published.isoformat()}", "language: en"]
        return "---\n" + "\n".join(lines) + "\n---\n" + self.body


def write_corpus(directory: Path | str, n_articles: int, *, seed: int = 0) -> list[Path]:
    """Write ``n_articles`` synthetic articles into ``directory``; returns their paths."""
    if n_articles < 0:
        raise ValueError(f"n_articles must be >= 0, instead got: {n_articles!r}.")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(n_articles):
        article = generate_article(number, seed=seed)
        path = directory / article.name
        path.write_text(article.text(), encoding="utf-8")
        paths.append(path)
    return paths


def generate_article(number: int, *, seed: int = 0) -> SyntheticArticle:
    """Article ``number`` of the corpus for ``seed``: the same inputs, the same article."""
    rng = random.Random(f"exercise-atlas:{seed}:{number}")
    story = _story(rng)
    published = story.exercise.start + dt.timedelta(days=rng.randint(0, 10))
    slug = re.sub(r"[^a-z0-9]+", "-", f"{story.outlet} {story.exercise.id}".lower()).strip("-")
    return SyntheticArticle(
        name=f"{published.isoformat()}-{slug}-{number:06d}.md",
        title=f"{story.parties} {'hold' if ' and ' in story.parties else 'holds'} "
        f"{_phrase(story.alias)}",
        outlet=story.outlet,
        url=f"https://{OUTLETS[story.outlet]}/{published:%Y/%m}/{slug}-{number}",
        published=published,
        body=_body(rng, story),
    )


@dataclass(frozen=True)
class _Story:
    """What one article is about: the exercise, who reports it, where it could be."""

    exercise: Exercise
    outlet: str
    alias: str
    sites: tuple[Place, ...]
    parties: str
    country: str
    country2: str


def _story(rng: random.Random) -> _Story:
    exercise = rng.choice(EXERCISES)
    countries = _participant_names(exercise)
    return _Story(
        exercise=exercise,
        outlet=rng.choice(sorted(OUTLETS)),
        alias=rng.choice(exercise.aliases) if exercise.aliases else "",
        sites=_sites(exercise),
        parties=" and ".join(countries),
        country=countries[0],
        # A neighbour for "relations between X and Y" when one country drills alone.
        country2=countries[1] if len(countries) > 1 else _NEIGHBOUR[countries[0]],
    )


def _body(rng: random.Random, story: _Story) -> str:
    """A lead sentence placing the drill, then shuffled sentences in short paragraphs."""
    drills = [_fill(rng, story, *rng.choice(_EXERCISE_TEMPLATES)) for _ in range(rng.randint(2, 4))]
    asides = rng.sample(_CONTEXT_TEMPLATES, rng.randint(1, 3))
    context = [_fill(rng, story, template, 0) for template in asides]
    rest = drills[1:] + context + rng.sample(_FILLER, rng.randint(4, 7))
    rng.shuffle(rest)
    sentences = [drills[0], *rest]
    paragraphs = []
    while sentences:
        size = rng.randint(2, 3)
        paragraphs.append(" ".join(sentences[:size]))
        sentences = sentences[size:]
    return "\n\n".join(paragraphs) + "\n"


def _fill(rng: random.Random, story: _Story, template: str, n_places: int) -> str:
    places = [_written(p) for p in rng.sample(story.sites, n_places)]
    a, b, c = [*places, "", "", ""][:3]
    phrase = _phrase(story.alias)
    span = (story.exercise.end - story.exercise.start).days
    day = story.exercise.start + dt.timedelta(days=rng.randint(0, span))
    return template.format(
        a=a,
        b=b,
        c=c,
        exercise=phrase,
        Exercise=phrase[:1].upper() + phrase[1:],
        parties=story.parties,
        country=story.country,
        country2=story.country2,
        date=f"{day.day} {day:%B}",
        source=rng.choice(_SOURCES),
        outlet=story.outlet,
        capital=rng.choice(_CAPITALS),
        city=_written(rng.choice(_context_cities())),
    )


def _phrase(alias: str) -> str:
    """ "Aras-2025" -> "Aras-2025 drill"; a name that is already a noun stays as it is."""
    if not alias:
        return "joint tactical exercises"
    if re.search(r"(?i)(?:drills?|exercises?|tatbikatı)$", alias):
        return alias
    return f"{alias} drill"


def _written(place: Place) -> str:
    """How an article names the place: "the Caspian Sea", "the liberated territories"."""
    if place.name.endswith("territories"):
        return "the " + place.name.lower()
    if place.kind in ("border", "sea", "river") or place.name.endswith(("plain", "Republic")):
        return "the " + place.name
    return place.name


def _participant_names(exercise: Exercise) -> list[str]:
    names = [n for n in _COUNTRY_CODES if any(n in p for p in exercise.participants)]
    return names or ["Azerbaijan"]


@functools.cache
def _sites(exercise: Exercise) -> tuple[Place, ...]:
    """Real gazetteer places an exercise of these participants could be reported at."""
    places = load_gazetteer().places
    if exercise.kind == "naval":
        water = (p for p in places if p.kind in ("sea", "island") and "AZ" in p.country)
        return (*water, *(p for p in places if p.name in _PORTS))
    codes = {_COUNTRY_CODES[n] for n in _participant_names(exercise)}
    return tuple(p for p in places if p.name not in _CAPITALS and _near(p, codes))


_COUNTRY_SIZED_KM = 500


def _near(place: Place, codes: set[str]) -> bool:
    """A town or area of a participant; a border between participants, or of the only one."""
    if place.kind in ("settlement", "district", "province", "region"):
        # A region the size of a country (Anatolia) is no wire story's drill site.
        return place.country in codes and place.radius_km < _COUNTRY_SIZED_KM
    sides = set(place.country.split("|"))
    return place.kind == "border" and (sides <= codes or (len(codes) == 1 and codes <= sides))


@functools.cache
def _context_cities() -> tuple[Place, ...]:
    wanted = {"Tabriz", "Ardabil", "Nakhchivan", "Goris", "Kapan", "Tehran"}
    return tuple(p for p in load_gazetteer().places if p.kind == "settlement" and p.name in wanted)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sources.synthetic", description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--articles", type=int, required=True, help="how many articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--check", action="store_true", help="extract and count the claims")
    parser.add_argument(
        "--store", metavar="URL", help="with --check, also load twice through the database at URL"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    paths = write_corpus(args.outdir, args.articles, seed=args.seed)
    print(
        f"{len(paths)} articles written to {args.outdir} in {time.perf_counter() - started:.1f} s"
    )
    if args.check:
        _check(args.outdir)
    if args.check and args.store:
        _check_store(args.outdir, args.store)
    return 0


def _check(directory: Path) -> None:
    from sources.corpus import load_corpus

    started = time.perf_counter()
    corpus = load_corpus(directory)
    seconds = time.perf_counter() - started
    n = max(len(corpus.articles), 1)
    exercise = sum(c.role == "exercise" for c in corpus.claims)
    print(
        f"{len(corpus.articles)} articles loaded, {len(corpus.errors)} errors; "
        f"{len(corpus.claims)} claims ({exercise} exercise, {len(corpus.claims) - exercise} "
        f"context), {exercise / n:.2f} exercise claims per article; {seconds:.1f} s, "
        f"{len(corpus.articles) / seconds:.0f} articles/s"
    )


def _check_store(directory: Path, url: str) -> None:
    from sources.db.database import Database

    with Database(url) as db:
        db.import_folder(directory)
        for run in ("first", "second"):
            started = time.perf_counter()
            articles = db.articles()
            found, stats = db.proposals(articles)
            claims = sum(len(c) for c in found.values())
            seconds = time.perf_counter() - started
            print(
                f"store, {run} run: {stats.cached} cached, {stats.extracted} extracted, "
                f"{claims} claims; {seconds:.2f} s, {len(articles) / seconds:.0f} articles/s"
            )


if __name__ == "__main__":
    sys.exit(main())
