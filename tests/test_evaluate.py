"""Accuracy stays at its measured level: a regression guard on the gold annotations."""

from __future__ import annotations

import pytest

from sources.evaluate import GOLD, SEEDS, SHARED_CORPUS, load_gold, predict_atlas, score


def _scores(directory, gold_file):
    gold = load_gold(GOLD / gold_file)
    paths = [directory / name for name in sorted({g.file for g in gold})]
    return score(gold, predict_atlas(paths))


def test_five_articles_meet_the_target():
    scores = _scores(SEEDS, "seeds.jsonl")
    assert scores.f1 >= 0.95
    assert scores.toponym_recall >= 0.9


def test_development_corpus_meets_the_target():
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this clone")
    scores = _scores(SHARED_CORPUS, "corpus.jsonl")
    assert scores.f1 >= 0.9
    assert scores.toponym_recall >= 0.9


def test_scores_count_hits_by_span_and_radius():
    from sources.evaluate import Span

    gold = [Span("a.md", 10, 16, 39.5, 47.0, "exercise", radius_km=20.0)]
    near = Span("a.md", 10, 16, 39.55, 47.05, "exercise")
    far = Span("a.md", 10, 16, 41.0, 49.0, "exercise")
    elsewhere = Span("a.md", 40, 46, 39.5, 47.0, "exercise")
    assert score(gold, [near]).f1 == 1.0
    assert score(gold, [far]).f1 == 0.0
    assert score(gold, [elsewhere]).precision == 0.0
