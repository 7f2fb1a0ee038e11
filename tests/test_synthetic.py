"""The synthetic corpus: deterministic, loadable, and read by the extractor as intended."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from geo.gazetteer import load_gazetteer
from sources import synthetic
from sources.articles import Article, load_articles
from sources.exercises import EXERCISES
from sources.extraction import extract_claims
from sources.synthetic import OUTLETS, generate_article, main, write_corpus


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    one = write_corpus(tmp_path / "one", 8, seed=3)
    two = write_corpus(tmp_path / "two", 8, seed=3)
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]
    other = write_corpus(tmp_path / "other", 8, seed=4)
    assert [p.read_bytes() for p in one] != [p.read_bytes() for p in other]


def test_a_bigger_corpus_only_adds_files(tmp_path: Path) -> None:
    small = write_corpus(tmp_path / "small", 4)
    big = write_corpus(tmp_path / "big", 5)
    assert [p.name for p in small] == [p.name for p in big[:4]]
    assert [p.read_bytes() for p in small] == [p.read_bytes() for p in big[:4]]


def test_every_article_loads_with_its_front_matter(tmp_path: Path) -> None:
    write_corpus(tmp_path, 30, seed=1)
    loaded = load_articles(tmp_path)
    assert (len(loaded.articles), loaded.errors, loaded.warnings) == (30, (), ())
    for article in loaded.articles:
        assert article.outlet in OUTLETS
        assert article.url and article.url.startswith(f"https://{OUTLETS[article.outlet]}/")
        assert article.published is not None and article.language == "en"
        assert article.title


def test_about_five_exercise_claims_per_article(tmp_path: Path) -> None:
    write_corpus(tmp_path, 60, seed=2)
    claims = [c for a in load_articles(tmp_path).articles for c in extract_claims(a)]
    exercise = [c for c in claims if c.role == "exercise"]
    assert 4.0 <= len(exercise) / 60 <= 6.0
    assert len(claims) - len(exercise) >= 60
    assert {c.exercise for c in exercise} <= {e.id for e in EXERCISES}


@pytest.mark.parametrize(("template", "n_places"), synthetic._EXERCISE_TEMPLATES)
def test_each_exercise_template_places_the_drill(template: str, n_places: int) -> None:
    for number in range(12):
        rng = random.Random(number)
        story = synthetic._story(rng)
        sentence = synthetic._fill(rng, story, template, n_places)
        article = Article.fake(sentence, published=story.exercise.start, language="en")
        roles = [c.role for c in extract_claims(article) if c.place.kind != "country"]
        assert roles == ["exercise"] * n_places, sentence


@pytest.mark.parametrize("template", synthetic._CONTEXT_TEMPLATES)
def test_each_context_template_stays_context(template: str) -> None:
    for number in range(12):
        rng = random.Random(number)
        story = synthetic._story(rng)
        sentence = synthetic._fill(rng, story, template, 0)
        article = Article.fake(sentence, published=story.exercise.start, language="en")
        claims = extract_claims(article)
        assert claims and all(c.role == "context" for c in claims), sentence


def test_sites_are_real_gazetteer_places_of_the_participants() -> None:
    gazetteer = load_gazetteer()
    for exercise in EXERCISES:
        sites = synthetic._sites(exercise)
        assert len(sites) >= 3, exercise.id
        for place in sites:
            assert gazetteer.get(place.id) == place
            assert set(place.country.split("|")) <= {"AZ", "IR", "AM", "KZ", "RU", "TM"}


def test_generate_article_is_a_pure_function_of_seed_and_number() -> None:
    assert generate_article(17, seed=5) == generate_article(17, seed=5)
    assert generate_article(17, seed=5) != generate_article(18, seed=5)


def test_a_negative_count_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="-1"):
        write_corpus(tmp_path, -1)


def test_cli_writes_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "out"), "--articles", "3", "--seed", "9", "--check"]) == 0
    out = capsys.readouterr().out
    assert "3 articles written" in out
    assert "3 articles loaded, 0 errors" in out
    assert "exercise claims per article" in out
    assert len(list((tmp_path / "out").glob("*.md"))) == 3
