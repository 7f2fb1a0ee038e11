"""The extraction cache: reruns, edits, crashes and round trips, on a temp SQLite file."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import sqlalchemy as sa

from geo.gazetteer import Gazetteer, load_gazetteer, load_places
from sources import store as store_module
from sources.articles import BUNDLED_DIR, Article, load_articles
from sources.claims import Claim
from sources.extraction import default_gazetteer, extract_claims
from sources.store import SCHEMA_VERSION, ClaimStore, ExtractStats, cache_dir, default_url
from sources.synthetic import write_corpus
from tests.conftest import ROOT


class CountingExtract:
    """``extract_claims`` that records which articles it was called for."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.calls: list[str] = []
        self.fail_at = fail_at

    def __call__(self, article: Article) -> tuple[Claim, ...]:
        self.calls.append(article.id)
        if len(self.calls) == self.fail_at:
            raise RuntimeError(f"extractor failed on call {self.fail_at}")
        return extract_claims(article)


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cache' / 'claims.sqlite'}"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "articles"
    write_corpus(directory, 10, seed=7)
    return directory


def articles_in(directory: Path) -> tuple[Article, ...]:
    loaded = load_articles(directory)
    assert loaded.errors == ()
    return loaded.articles


def fresh(articles: Sequence[Article]) -> tuple[Claim, ...]:
    return tuple(c for a in articles for c in extract_claims(a))


def run(
    url: str,
    articles: Sequence[Article],
    extract: Callable[[Article], Sequence[Claim]],
    batch_size: int = 100,
) -> tuple[tuple[Claim, ...], ExtractStats]:
    with ClaimStore(url) as store:
        return store.claims_for(articles, extract, batch_size=batch_size)


def stored_rows(url: str) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        count = conn.scalar(sa.text("SELECT count(*) FROM claim_cache"))
    engine.dispose()
    return int(count or 0)


def test_a_rerun_never_extracts_again(url: str, corpus_dir: Path) -> None:
    articles = articles_in(corpus_dir)
    first, second = CountingExtract(), CountingExtract()
    claims, stats = run(url, articles, first)
    assert (len(first.calls), stats) == (10, ExtractStats(cached=0, extracted=10))
    again, stats = run(url, articles_in(corpus_dir), second)
    assert (second.calls, stats) == ([], ExtractStats(cached=10, extracted=0))
    assert again == claims == fresh(articles)


def test_adding_an_article_extracts_only_that_one(url: str, tmp_path: Path) -> None:
    directory = tmp_path / "grows"
    write_corpus(directory, 5)
    run(url, articles_in(directory), CountingExtract())
    added = write_corpus(directory, 6)[-1]
    counting = CountingExtract()
    claims, stats = run(url, articles_in(directory), counting)
    assert counting.calls == [added.stem]
    assert stats == ExtractStats(cached=5, extracted=1)
    assert claims == fresh(articles_in(directory))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("No incidents were reported.", "No incidents were reported today."),  # body
        ('outlet: "', 'outlet: "Re: '),  # metadata copied into every claim
        ('title: "', 'title: "Update: '),  # metadata the extractor reads
    ],
)
def test_editing_an_article_extracts_it_again(
    url: str, corpus_dir: Path, old: str, new: str
) -> None:
    run(url, articles_in(corpus_dir), CountingExtract())
    edited = next(p for p in sorted(corpus_dir.iterdir()) if old in p.read_text())
    edited.write_text(edited.read_text().replace(old, new, 1))
    counting = CountingExtract()
    claims, stats = run(url, articles_in(corpus_dir), counting)
    assert counting.calls == [edited.stem]
    assert stats == ExtractStats(cached=9, extracted=1)
    assert claims == fresh(articles_in(corpus_dir))


def test_a_moved_corpus_stays_cached_and_points_at_the_new_files(
    url: str, corpus_dir: Path, tmp_path: Path
) -> None:
    run(url, articles_in(corpus_dir), CountingExtract())
    moved = corpus_dir.rename(tmp_path / "moved")
    counting = CountingExtract()
    claims, _ = run(url, articles_in(moved), counting)
    assert counting.calls == []
    assert claims == fresh(articles_in(moved))
    assert {Path(c.file).parent for c in claims} == {moved}


def test_an_extractor_failing_midway_keeps_what_it_did(url: str, corpus_dir: Path) -> None:
    articles = articles_in(corpus_dir)
    with pytest.raises(RuntimeError, match="call 7"):
        run(url, articles, CountingExtract(fail_at=7), batch_size=4)
    # The first batch (4) was committed; the failing batch wrote the 2 it finished.
    assert stored_rows(url) == 6
    counting = CountingExtract()
    claims, stats = run(url, articles, counting, batch_size=4)
    assert stats == ExtractStats(cached=6, extracted=4)
    assert counting.calls == [a.id for a in articles[6:]]
    assert claims == fresh(articles)


_CRASH = """
import os, sys
import sqlalchemy as sa
from sources.articles import load_articles
from sources.store import ClaimStore

store = ClaimStore(sys.argv[1], extractor_version="crash-test")
inserts = []

@sa.event.listens_for(store.engine, "after_cursor_execute")
def die_in_second_batch(conn, cursor, statement, *args):
    if statement.startswith("INSERT INTO claim_cache"):
        inserts.append(statement)
        if len(inserts) == 2:
            os._exit(3)  # the rows are written, the transaction is not committed

store.claims_for(load_articles(sys.argv[2]).articles, batch_size=3)
"""


def test_a_process_killed_mid_transaction_leaves_the_store_consistent(
    url: str, corpus_dir: Path
) -> None:
    crashed = subprocess.run(
        [sys.executable, "-c", _CRASH, url, str(corpus_dir)], cwd=ROOT, capture_output=True
    )
    assert crashed.returncode == 3, crashed.stderr.decode()
    articles = articles_in(corpus_dir)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        assert conn.scalar(sa.text("PRAGMA integrity_check")) == "ok"
    engine.dispose()
    assert stored_rows(url) == 3
    # A fixed extractor version: the subprocess and this one must share cache keys.
    with ClaimStore(url, extractor_version="crash-test") as store:
        stored = [store.get(a) for a in articles]
        assert [s for s in stored if s is not None] == [extract_claims(a) for a in articles[:3]]
        claims, stats = store.claims_for(articles, CountingExtract())
    assert stats == ExtractStats(cached=3, extracted=7)
    assert claims == fresh(articles)


def test_claims_round_trip_equal(url: str) -> None:
    # The bundled articles: five outlets, four languages, borders, attributions.
    articles = articles_in(BUNDLED_DIR)
    with ClaimStore(url) as store:
        for article in articles:
            store.put(article, extract_claims(article))
    with ClaimStore(url) as store:
        for article in articles:
            assert store.get(article) == extract_claims(article)


def test_every_field_survives_including_a_place_the_gazetteer_lost(url: str) -> None:
    article = Article.fake("Drills were held in Aslan Duz.", sha256="x", url=None)
    (claim,) = [c for c in extract_claims(article) if c.mention == "Aslan Duz"]
    vanished = dataclasses.replace(claim.place, id="ov:vanished", aliases=("Vanished", "Ваниш"))
    odd = dataclasses.replace(
        claim, place=vanished, status="reviewed", note="checked by hand", attributed_to="IRNA"
    )
    assert default_gazetteer().get("ov:vanished") is None
    with ClaimStore(url) as store:
        store.put(article, [claim, odd])
    with ClaimStore(url) as store:
        assert store.get(article) == (claim, odd)


def test_places_resolve_to_the_gazetteers_own_objects(url: str, corpus_dir: Path) -> None:
    articles = articles_in(corpus_dir)
    run(url, articles, CountingExtract())
    claims, _ = run(url, articles, CountingExtract())
    gazetteer = default_gazetteer()
    assert all(c.place is gazetteer.get(c.place.id) for c in claims)


def test_get_is_none_for_an_article_never_stored(url: str) -> None:
    with ClaimStore(url) as store:
        assert store.get(Article.fake("Drills near Shusha.", sha256="y")) is None


def test_put_replaces_an_earlier_extraction(url: str) -> None:
    article = Article.fake("Drills were held in Aslan Duz.", sha256="z")
    with ClaimStore(url) as store:
        store.put(article, extract_claims(article))
        store.put(article, ())
        assert store.get(article) == ()


def test_a_row_that_no_longer_decodes_is_extracted_again(url: str, corpus_dir: Path) -> None:
    articles = articles_in(corpus_dir)
    run(url, articles, CountingExtract())
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE claim_cache SET claims = 'not json' WHERE rowid = 1"))
    engine.dispose()
    counting = CountingExtract()
    claims, stats = run(url, articles, counting)
    assert (len(counting.calls), stats.extracted) == (1, 1)
    assert claims == fresh(articles)


def test_a_new_extractor_version_extracts_again_and_prune_drops_the_old(
    url: str, corpus_dir: Path
) -> None:
    articles = articles_in(corpus_dir)
    with ClaimStore(url, extractor_version="old") as store:
        store.claims_for(articles)
    with ClaimStore(url, extractor_version="new") as store:
        counting = CountingExtract()
        store.claims_for(articles, counting)
        assert len(counting.calls) == 10
        assert store.prune() == 10
    assert stored_rows(url) == 10


def test_another_schema_version_empties_the_cache(url: str, corpus_dir: Path) -> None:
    run(url, articles_in(corpus_dir), CountingExtract())
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE atlas_schema SET version = -1"))
    engine.dispose()
    with ClaimStore(url) as store, store.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT version FROM atlas_schema")) == SCHEMA_VERSION
    assert stored_rows(url) == 0


def test_sqlite_runs_in_wal_mode(url: str) -> None:
    with ClaimStore(url) as store, store.engine.connect() as conn:
        assert conn.scalar(sa.text("PRAGMA journal_mode")) == "wal"


def test_a_custom_gazetteer_needs_its_key(url: str) -> None:
    custom = Gazetteer(load_places())
    with pytest.raises(ValueError, match="gazetteer_key"):
        ClaimStore(url, gazetteer=custom)
    ClaimStore(url, gazetteer=custom, gazetteer_key="custom-1").close()


def test_each_gazetteer_has_its_own_entries(url: str, corpus_dir: Path) -> None:
    articles = articles_in(corpus_dir)[:3]
    curated = load_gazetteer()
    with ClaimStore(url, gazetteer=curated) as store:
        claims, stats = store.claims_for(articles)
        assert stats.extracted == 3
        assert claims == tuple(c for a in articles for c in extract_claims(a, curated))
    with ClaimStore(url) as store:
        claims, stats = store.claims_for(articles)
        assert stats.extracted == 3
        assert claims == fresh(articles)


def test_the_extractor_fingerprint_covers_the_modules_extraction_imports() -> None:
    modules = store_module._imported_modules("sources.extraction")
    expected = {"sources.extraction", "sources.extraction.roles", "sources.extraction.cues"}
    assert expected | {"geo.matching", "sources.exercises"} <= set(modules)
    assert "sources.view" not in modules
    assert store_module.extractor_fingerprint().startswith(store_module.EXTRACTOR_VERSION + "-")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"ATLAS_STORE_URL": "postgresql://atlas@db/atlas"}, "postgresql://atlas@db/atlas"),
        ({"ATLAS_CACHE_DIR": "/srv/atlas"}, "sqlite:////srv/atlas/claims.sqlite"),
        ({"XDG_CACHE_HOME": "/xdg"}, "sqlite:////xdg/exercise-atlas/claims.sqlite"),
        ({"HOME": "/home/ana"}, "sqlite:////home/ana/.cache/exercise-atlas/claims.sqlite"),
    ],
)
def test_default_url(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str) -> None:
    for name in ("ATLAS_STORE_URL", "ATLAS_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert default_url() == expected


def test_the_default_cache_lies_outside_the_source_tree() -> None:
    assert ROOT not in cache_dir().resolve().parents
