"""The database: migrations, articles, the extraction cache and reviews, on SQLite and
PostgreSQL alike (``db_url`` runs each test on both)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sources.articles import BUNDLED_DIR, Article, load_articles
from sources.claims import Claim
from sources.db.cache import ExtractStats
from sources.db.database import Database
from sources.db.engine import default_url, open_engine
from sources.db.history import ConflictError
from sources.db.migrate import current_revision, head_revision
from sources.db.schema import metadata
from sources.extraction import default_gazetteer, extract_claims
from sources.review.model import review_claim
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
def corpus_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "articles"
    write_corpus(directory, 10, seed=7)
    return directory


def fresh(articles: Sequence[Article]) -> dict[str, tuple[Claim, ...]]:
    return {a.id: extract_claims(a) for a in articles}


def cached_rows(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.scalar(sa.text("SELECT count(*) FROM extractions")) or 0)


# Migrations -----------------------------------------------------------------------------


def test_migrations_build_exactly_the_schema_the_code_uses(db_url: str) -> None:
    engine = open_engine(db_url)
    with Database(engine=engine):
        pass
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    engine.dispose()


def test_upgrade_runs_from_the_command_line_and_again_is_a_no_op(db_url: str) -> None:
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "sources.db", "upgrade", "--url", db_url],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert f"at revision {head_revision()}" in done.stdout


# Articles -------------------------------------------------------------------------------


def test_a_folder_import_is_idempotent_and_remembers_what_it_could_not_read(
    db_url: str, corpus_dir: Path
) -> None:
    (corpus_dir / "broken.md").write_bytes(b"\x00\x01")
    with Database(db_url) as db:
        first = db.import_folder(corpus_dir)
        again = db.import_folder(corpus_dir)
        forced = db.import_folder(corpus_dir, force=True)
        assert len(first.added) == 10 and not first.skipped
        assert again.skipped and [e.file for e in again.errors] == ["broken.md"]
        assert forced.added == () and forced.updated == ()
        assert len(db.articles()) == 10


def test_a_duplicate_text_is_named_and_refused(db_url: str, corpus_dir: Path) -> None:
    with Database(db_url) as db:
        db.import_folder(corpus_dir)
        original = db.articles()[0]
        copy = dataclasses.replace(original, id="copy", path="copy.md")
        result = db.add_article(copy, origin="page", added_by="tester")
        assert (result.outcome, result.duplicate_of) == ("duplicate", original.id)
        assert db.article("copy") is None


def test_an_edited_file_updates_its_article(db_url: str, corpus_dir: Path) -> None:
    with Database(db_url) as db:
        db.import_folder(corpus_dir)
        path = sorted(corpus_dir.glob("*.md"))[0]
        path.write_text(path.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
        report = db.import_folder(corpus_dir)
        assert report.updated == (path.stem,)
        assert db.article(path.stem).body.rstrip().endswith("More text.")


def test_every_article_field_round_trips(db_url: str) -> None:
    articles = load_articles(BUNDLED_DIR).articles
    with Database(db_url) as db:
        for article in articles:
            db.add_article(article, origin="folder")
        stored = {a.id: a for a in db.articles()}
    for article in articles:
        expected = dataclasses.replace(article, path=Path(article.path).name, warnings=())
        assert stored[article.id] == expected


# The extraction cache -------------------------------------------------------------------


def test_a_rerun_never_extracts_again(db_url: str, corpus_dir: Path) -> None:
    with Database(db_url) as db:
        db.import_folder(corpus_dir)
        articles = db.articles()
        first, second = CountingExtract(), CountingExtract()
        claims, stats = db.proposals(articles, first)
        assert (len(first.calls), stats) == (10, ExtractStats(cached=0, extracted=10))
    with Database(db_url) as db:
        again, stats = db.proposals(db.articles(), second)
        assert (second.calls, stats) == ([], ExtractStats(cached=10, extracted=0))
        assert again == claims == fresh(articles)


def test_adding_an_article_extracts_only_that_one(db_url: str, tmp_path: Path) -> None:
    directory = tmp_path / "grows"
    write_corpus(directory, 5)
    with Database(db_url) as db:
        db.import_folder(directory)
        db.proposals(db.articles(), CountingExtract())
        added = write_corpus(directory, 6)[-1]
        db.import_folder(directory)
        counting = CountingExtract()
        _, stats = db.proposals(db.articles(), counting)
        assert counting.calls == [added.stem]
        assert stats == ExtractStats(cached=5, extracted=1)


def test_an_extractor_failing_midway_keeps_what_it_did(db_url: str, corpus_dir: Path) -> None:
    with Database(db_url) as db:
        db.import_folder(corpus_dir)
        articles = db.articles()
        with pytest.raises(RuntimeError, match="call 7"):
            db.proposals(articles, CountingExtract(fail_at=7), batch_size=4)
        # The first batch (4) was committed; the failing batch wrote the 2 it finished.
        assert cached_rows(db) == 6
        counting = CountingExtract()
        claims, stats = db.proposals(articles, counting, batch_size=4)
        assert stats == ExtractStats(cached=6, extracted=4)
        assert counting.calls == [a.id for a in articles[6:]]
        assert claims == fresh(articles)


def test_a_place_the_gazetteer_lost_still_loads(db_url: str) -> None:
    article = Article.fake("Drills were held in Aslan Duz.", sha256="x", url=None)
    (claim,) = [c for c in extract_claims(article) if c.mention == "Aslan Duz"]
    vanished = dataclasses.replace(claim.place, id="ov:vanished", aliases=("Vanished",))
    odd = dataclasses.replace(claim, place=vanished, attributed_to="IRNA", hierarchy=("Ardabil",))
    assert default_gazetteer().get("ov:vanished") is None
    with Database(db_url) as db:
        db.add_article(article, origin="page")
        db.proposals([article], lambda a: (claim, odd))
    with Database(db_url) as db:
        stored, _ = db.proposals([article], CountingExtract(fail_at=1))
    assert stored[article.id] == (claim, odd)
    assert stored[article.id][0].place is default_gazetteer().get(claim.place.id)


def test_replicas_on_two_extractor_versions_keep_each_others_rows(
    db_url: str, corpus_dir: Path
) -> None:
    with Database(db_url, extractor_version="old") as old:
        old.import_folder(corpus_dir)
        old.proposals(old.articles())
    with Database(db_url, extractor_version="new") as new:
        counting = CountingExtract()
        new.proposals(new.articles(), counting)
        assert len(counting.calls) == 10
        assert cached_rows(new) == 20  # opening a newer replica deletes nothing
        # Pruning drops only versions nobody has run for the given time.
        assert new.prune(unused_for=dt.timedelta(days=30)) == 0
        assert new.prune(unused_for=dt.timedelta(0)) == 20
    with Database(db_url, extractor_version="old") as old:
        counting = CountingExtract()
        old.proposals(old.articles(), counting)
        assert len(counting.calls) == 10


def test_a_row_that_no_longer_decodes_is_extracted_again(db_url: str, corpus_dir: Path) -> None:
    with Database(db_url) as db:
        db.import_folder(corpus_dir)
        articles = db.articles()
        db.proposals(articles)
        with db.engine.begin() as conn:
            key = conn.scalar(sa.text("SELECT min(key) FROM extractions"))
            conn.execute(
                sa.text("UPDATE extractions SET claims = 'not json' WHERE key = :k"), {"k": key}
            )
        counting = CountingExtract()
        claims, stats = db.proposals(articles, counting)
        assert (len(counting.calls), stats.extracted) == (1, 1)
        assert claims == fresh(articles)


# Reviews ------------------------------------------------------------------------------


def _first_exercise_claim(db: Database) -> Claim:
    return next(c for c in db.current().claims if c.role == "exercise")


def test_reviews_append_history_and_never_delete(db_url: str) -> None:
    with Database(db_url) as db:
        db.import_folder(BUNDLED_DIR)
        claim = _first_exercise_claim(db)
        db.record(review_claim(claim, "reject", editor="ana"))
        rejected = db.current().claims
        (now,) = [c for c in rejected if c.id == claim.id]
        assert (now.status, now.reviewed_by, now.revision) == ("rejected", "ana", 1)
        shusha = default_gazetteer().get("gn:147105")
        db.record(review_claim(now, "change", editor="ben", place=shusha, role="context"))
        (later,) = [c for c in db.current().claims if c.id == claim.id]
        assert (later.status, later.place, later.role) == ("edited", shusha, "context")
        history = db.history(later)
        assert [(r.revision, r.action, r.editor) for r in history] == [
            (1, "reject", "ana"),
            (2, "change", "ben"),
        ]
        assert history[0].before.place == claim.place  # the machine's proposal is kept
        assert history[1].changes()["role"] == ("exercise", "context")


def test_a_review_of_a_claim_that_changed_meanwhile_is_a_conflict(db_url: str) -> None:
    with Database(db_url) as db:
        db.import_folder(BUNDLED_DIR)
        claim = _first_exercise_claim(db)
        db.record(review_claim(claim, "accept", editor="ana"))
        with pytest.raises(ConflictError, match="revision 1 by ana"):
            db.record(review_claim(claim, "reject", editor="ben"))  # ben saw revision 0
        assert len(db.history(claim)) == 1


def test_re_extraction_keeps_reviews_and_lists_stale_ones(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    path = folder / "a.md"
    path.write_text("Joint drills were held in Shusha. Troops came from Baku.", encoding="utf-8")
    with Database(db_url, extractor_version="v1") as db:
        db.import_folder(folder)
        claims = {c.mention: c for c in db.current().claims}
        db.record(review_claim(claims["Shusha"], "accept", editor="ana"))
        db.record(review_claim(claims["Baku"], "reject", editor="ana"))
    # The article is edited: Shusha stays where it was, Baku's words are gone.
    path.write_text("Joint drills were held in Shusha. Troops came by road.", encoding="utf-8")
    with Database(db_url, extractor_version="v2") as db:
        db.import_folder(folder)
        current = db.current()
        (shusha,) = [c for c in current.claims if c.mention == "Shusha"]
        assert (shusha.status, shusha.reviewed_by) == ("accepted", "ana")
        assert [s.review.mention for s in current.stale] == ["Baku"]
        assert len(db.reviews()) == 2


def test_the_data_stamp_changes_with_every_write(db_url: str) -> None:
    with Database(db_url) as db:
        empty = db.data_stamp()
        db.import_folder(BUNDLED_DIR)
        imported = db.data_stamp()
        claim = _first_exercise_claim(db)
        extracted = db.data_stamp()
        db.record(review_claim(claim, "accept", editor="ana"))
        assert len({empty, imported, extracted, db.data_stamp()}) == 4


_CONCURRENT = """
import sys, time
from pathlib import Path
from sources.db.database import Database
from sources.db.history import ConflictError
from sources.review.model import review_claim

url, editor, barrier = sys.argv[1], sys.argv[2], Path(sys.argv[3])
with Database(url) as db:
    claim = next(c for c in db.current().claims if c.role == "exercise")
    # Both processes hold revision 0 of the claim before either writes.
    (barrier / editor).touch()
    while len(list(barrier.iterdir())) < 2:
        time.sleep(0.01)
    try:
        db.record(review_claim(claim, "reject", editor=editor))
        print("written")
    except ConflictError as exc:
        print("conflict:", exc)
"""


def test_two_processes_reviewing_one_claim_at_once_lose_nothing(db_url: str, tmp_path) -> None:
    with Database(db_url) as db:
        db.import_folder(BUNDLED_DIR)
        db.current()
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _CONCURRENT, db_url, editor, str(barrier)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for editor in ("ana", "ben")
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    said = sorted(out.strip().splitlines()[-1].split(":")[0] for out, _ in outputs)
    assert said == ["conflict", "written"], outputs
    with Database(db_url) as db:
        assert len(db.reviews()) == 1  # the loser was told; nothing was overwritten


def test_the_default_database_is_one_sqlite_file_per_folder_outside_the_tree(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ATLAS_DATA_DIR", raising=False)
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    one, two = default_url(tmp_path / "a"), default_url(tmp_path / "b")
    assert one != two
    assert one.startswith(f"sqlite:///{tmp_path / 'cache' / 'db'}")
    assert str(ROOT) not in one
