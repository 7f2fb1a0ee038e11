"""The hand-written gold place mentions: every span slices its article exactly.

Seeds are checked against the bundled articles. The corpus texts and the raw captures of
the seeds live outside the repository (``shared/corpus`` and ``shared/seeds`` next to the
clone); their checks are skipped when they are absent.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from geo.places import KINDS
from sources.articles import BUNDLED_DIR, load_article
from sources.exercises import exercise_by_id

GOLD_DIR = Path(__file__).parent / "data" / "gold"
CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus"
RAW_SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
PLACES_CSV = Path(__file__).resolve().parents[1] / "geo" / "data" / "places.csv"
KEYS = {
    "file",
    "start",
    "end",
    "mention",
    "place",
    "place_id",
    "lat",
    "lon",
    "radius_km",
    "kind",
    "role",
    "exercise",
    "note",
}
ROLES = {"exercise", "context"}
PLACE_ID = re.compile(r"^(gn:\d+|ov:[a-z0-9-]+)$")


def _rows(split: str) -> list[dict]:
    path = GOLD_DIR / f"{split}.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _by_file(split: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in _rows(split):
        grouped[row["file"]].append(row)
    return dict(grouped)


SEEDS = _by_file("seeds")
RAW_SEEDS = _by_file("seeds-raw")
CORPUS = _by_file("corpus")


def _check_file(directory: Path, name: str, rows: list[dict]) -> None:
    body = load_article(directory / name).body
    registry = exercise_by_id()
    for row in rows:
        where = f"{name}@{row.get('start')}"
        assert set(row) == KEYS, where
        start, end = row["start"], row["end"]
        assert isinstance(start, int) and isinstance(end, int), where
        assert 0 <= start < end <= len(body), where
        assert body[start:end] == row["mention"], f"{where}: {body[start:end]!r}"
        assert row["mention"] == row["mention"].strip(), where
        assert isinstance(row["place"], str) and row["place"], where
        assert row["place_id"] is None or PLACE_ID.match(row["place_id"]), where
        assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180, where
        assert row["radius_km"] > 0, where
        assert row["kind"] in KINDS, where
        assert row["role"] in ROLES, where
        assert row["exercise"] is None or row["exercise"] in registry, where
        if row["role"] == "context":
            assert row["exercise"] is None, f"{where}: context mention with an exercise"
        assert isinstance(row["note"], str), where
    spans = sorted((r["start"], r["end"]) for r in rows)
    for (_, end_a), (start_b, _) in itertools.pairwise(spans):
        assert end_a <= start_b, f"{name}: overlapping annotations at {start_b}"


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_annotations(name: str) -> None:
    _check_file(BUNDLED_DIR, name, SEEDS[name])


def test_every_seed_article_is_annotated() -> None:
    bundled = {p.name for p in BUNDLED_DIR.iterdir() if p.suffix in (".md", ".txt")}
    assert set(SEEDS) == bundled


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_annotations(name: str) -> None:
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"development corpus not present at {CORPUS_DIR}")
    _check_file(CORPUS_DIR, name, CORPUS[name])


def test_every_corpus_article_is_covered() -> None:
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"development corpus not present at {CORPUS_DIR}")
    texts = {p.name for p in CORPUS_DIR.glob("*.md") if p.name != "README.md"}
    assert set(CORPUS) == texts


@pytest.mark.parametrize("name", sorted(RAW_SEEDS))
def test_raw_seed_annotations(name: str) -> None:
    if not RAW_SEEDS_DIR.is_dir():
        pytest.skip(f"raw seed captures not present at {RAW_SEEDS_DIR}")
    _check_file(RAW_SEEDS_DIR, name, RAW_SEEDS[name])


def test_every_raw_seed_capture_is_covered() -> None:
    if not RAW_SEEDS_DIR.is_dir():
        pytest.skip(f"raw seed captures not present at {RAW_SEEDS_DIR}")
    assert set(RAW_SEEDS) == {p.name for p in RAW_SEEDS_DIR.glob("0*.txt")}


def test_every_annotated_text_is_listed_in_sources() -> None:
    listed = (GOLD_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for name in [*SEEDS, *RAW_SEEDS, *CORPUS]:
        assert f"`{name}`" in listed, f"{name} is not listed in SOURCES.md"


def test_place_data_agrees_with_places_csv() -> None:
    if not PLACES_CSV.is_file():
        pytest.skip("geo/data/places.csv not built")
    with PLACES_CSV.open(encoding="utf-8", newline="") as fh:
        places = {row["id"]: row for row in csv.DictReader(fh)}
    for row in _rows("seeds") + _rows("seeds-raw") + _rows("corpus"):
        pid = row["place_id"]
        if pid is None or (pid not in places and pid.startswith("gn:")):
            continue
        assert pid in places, f"{row['file']}@{row['start']}: {pid} not in places.csv"
        ref = places[pid]
        where = f"{row['file']}@{row['start']} {pid}"
        assert row["place"] == ref["name"], where
        assert abs(row["lat"] - float(ref["lat"])) < 1e-6, where
        assert abs(row["lon"] - float(ref["lon"])) < 1e-6, where
        assert abs(row["radius_km"] - float(ref["radius_km"])) < 1e-6, where
