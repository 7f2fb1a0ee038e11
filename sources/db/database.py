"""The atlas database: articles, the extraction cache and the review history, by URL.

    db = Database()                       # $ATLAS_DATABASE_URL, else an SQLite file
    db.import_folder(articles_dir())      # idempotent
    state = db.current()                  # claims with reviews applied, stale reviews

Everything goes through SQLAlchemy Core with portable types, so the same code
runs on SQLite and PostgreSQL; the schema is brought up to date with Alembic
migrations when the database is opened. Several processes (app replicas,
``python -m sources.ingest``) may share one database.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from geo.gazetteer import Gazetteer
from sources.articles import Article, ArticleError, load_articles
from sources.claims import Claim
from sources.db import articles as article_rows
from sources.db import cache
from sources.db.engine import database_url, open_engine
from sources.db.history import append_review, read_reviews
from sources.db.migrate import upgrade
from sources.db.schema import articles as articles_table
from sources.db.schema import chunks, extractions, imports, reviews
from sources.db.versions import extractor_fingerprint, gazetteer_key
from sources.review.apply import StaleReview, apply_reviews
from sources.review.model import Review

__all__ = ["Current", "Database", "FolderImport"]

Extract = cache.Extract


@dataclass(frozen=True)
class FolderImport:
    """What importing a folder did, and what it could not read."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    errors: tuple[ArticleError, ...] = ()
    warnings: tuple[str, ...] = ()
    skipped: bool = False


@dataclass(frozen=True)
class Current:
    """Every article with its claims as they stand, and the reviews that no longer fit."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    stale: tuple[StaleReview, ...]
    stats: cache.ExtractStats


class Database:
    """One database of articles, cached extractions and reviews.

    ``url`` is any SQLAlchemy URL (default: :func:`sources.db.engine.database_url`);
    ``engine`` an engine to use instead (``st.connection``'s, say). ``gazetteer``
    is the one extraction uses (default: ``sources.extraction.default_gazetteer()``);
    any other than that or the curated table needs a ``gazetteer_key`` that
    changes whenever its places do. ``migrate=False`` skips the schema upgrade.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        engine: sa.Engine | None = None,
        gazetteer: Gazetteer | None = None,
        gazetteer_key: str | None = None,
        extractor_version: str | None = None,
        migrate: bool = True,
    ) -> None:
        from sources.extraction import default_gazetteer

        self.engine = engine or open_engine(url or database_url())
        self.url = self.engine.url.render_as_string(hide_password=True)
        self.gazetteer = gazetteer or default_gazetteer()
        self.versions = cache.Versions(
            extractor_version or extractor_fingerprint(),
            gazetteer_key or _gazetteer_key(self.gazetteer),
        )
        if migrate:
            upgrade(self.engine)
        self._owns_engine = engine is None

    def with_gazetteer_key(self, key: str) -> Database:
        """This database, caching extractions under another gazetteer key (a geocoder
        adds places, so its extractions must not mix with plain ones)."""
        other = object.__new__(Database)
        other.__dict__.update(self.__dict__)
        other.versions = cache.Versions(self.versions.extractor, key)
        other._owns_engine = False
        return other

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_engine:
            self.engine.dispose()

    # Articles -------------------------------------------------------------------

    def add_article(
        self, article: Article, *, origin: str, added_by: str = ""
    ) -> article_rows.Added:
        """Add ``article`` (or update the article of its id); a duplicate text is refused."""
        with self.engine.begin() as conn:
            return article_rows.upsert_article(
                conn, article, origin=origin, added_by=added_by, now=_now()
            )

    def articles(self, ids: Iterable[str] | None = None) -> tuple[Article, ...]:
        with self.engine.connect() as conn:
            return article_rows.read_articles(conn, ids)

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def import_folder(
        self, directory: Path | str, *, force: bool = False, stamp: str | None = None
    ) -> FolderImport:
        """Add every readable article of ``directory``; each file is an article by its stem.

        Unchanged folders (same names, sizes and times) are not read again; what
        the last import could not read is remembered and reported again. ``stamp``
        is the folder's :func:`~sources.corpus.fingerprint` when the caller has it.
        """
        from sources.corpus import fingerprint

        stamp = stamp or fingerprint(directory)
        if not force and (known := self.was_imported("folder", stamp)) is not None:
            return _folder_import_from(json.loads(known), skipped=True)
        loaded = load_articles(directory)
        added, updated, errors = [], [], list(loaded.errors)
        for article in loaded.articles:
            result = self._add_racing(article, origin="folder")
            if result.outcome == "added":
                added.append(article.id)
            elif result.outcome == "updated":
                updated.append(article.id)
            elif result.outcome == "duplicate":
                errors.append(ArticleError(Path(article.path).name, "content", result.message))
        report = FolderImport(tuple(added), tuple(updated), tuple(errors), loaded.warnings)
        self.mark_imported("folder", stamp, json.dumps(_folder_import_record(report)))
        return report

    def _add_racing(self, article: Article, *, origin: str) -> article_rows.Added:
        try:
            return self.add_article(article, origin=origin)
        except sa.exc.IntegrityError:
            # Another replica or ingest process added it meanwhile; its row stands.
            return self.add_article(article, origin=origin)

    # Extraction -------------------------------------------------------------------

    def proposals(
        self,
        articles: Sequence[Article],
        extract: Extract | None = None,
        *,
        batch_size: int = 100,
    ) -> tuple[dict[str, tuple[Claim, ...]], cache.ExtractStats]:
        """The machine's claims for each article (by id), extracting only what is missing.

        Missing articles are extracted and written ``batch_size`` at a time, one
        transaction per batch; when ``extract`` raises, what it extracted in the
        current batch is written first, so the next run resumes at the failure.
        """
        from sources.extraction import extract_claims

        extract = extract or functools.partial(extract_claims, gazetteer=self.gazetteer)
        keyed = {cache.cache_key(a, self.versions): a for a in articles}
        with self.engine.begin() as conn:
            cache.touch(conn, self.versions, _now())
            found = cache.read_cached(conn, keyed, self.gazetteer)
        missing = [(key, a) for key, a in keyed.items() if key not in found]
        for batch in chunks(missing, batch_size):
            found.update(self._extract_batch(batch, extract))
        by_article = {a.id: found[key] for key, a in keyed.items()}
        return by_article, cache.ExtractStats(len(keyed) - len(missing), len(missing))

    def _extract_batch(
        self, batch: Sequence[tuple[str, Article]], extract: Extract
    ) -> dict[str, tuple[Claim, ...]]:
        done: list[tuple[str, Article, tuple[Claim, ...]]] = []
        try:
            for key, article in batch:
                done.append((key, article, tuple(extract(article))))
        finally:
            self._write_extractions(done)
        return {key: claims for key, _, claims in done}

    def _write_extractions(self, done: Sequence[tuple[str, Article, tuple[Claim, ...]]]) -> None:
        try:
            with self.engine.begin() as conn:
                cache.write_cached(conn, done, self.versions, _now())
        except sa.exc.IntegrityError:
            # Another process stored some of these meanwhile; writing again replaces them.
            with self.engine.begin() as conn:
                cache.write_cached(conn, done, self.versions, _now())

    def prune(self, *, unused_for: dt.timedelta) -> int:
        """Drop cached extractions of versions no replica has run for ``unused_for``."""
        with self.engine.begin() as conn:
            return cache.prune(conn, unused_for=unused_for, now=_now())

    # Reviews -------------------------------------------------------------------

    def record(self, review: Review) -> Review:
        """Append ``review`` to its claim's history; raises ``ConflictError`` when the
        claim changed meanwhile. Returns the review as written (with id and time)."""
        try:
            with self.engine.begin() as conn:
                return append_review(conn, review, _now())
        except sa.exc.IntegrityError as exc:
            from sources.db.history import ConflictError

            # The same revision written by another process between our check and insert.
            with self.engine.connect() as conn:
                latest = [r for r in read_reviews(conn, [review.article_id]) if _same(r, review)]
            raise ConflictError(review, latest[-1] if latest else None) from exc

    def reviews(self, article_ids: Iterable[str] | None = None) -> tuple[Review, ...]:
        with self.engine.connect() as conn:
            return read_reviews(conn, article_ids)

    def history(self, claim: Claim) -> tuple[Review, ...]:
        """Every review of ``claim``'s span, oldest first."""
        with self.engine.connect() as conn:
            return read_reviews(conn, [claim.article_id], span=(claim.start, claim.end))

    # Everything -------------------------------------------------------------------

    def current(
        self, extract: Extract | None = None, *, article_ids: Iterable[str] | None = None
    ) -> Current:
        """Every article's claims (or those of ``article_ids``), proposals with reviews applied."""
        ids = None if article_ids is None else list(article_ids)
        articles = self.articles(ids)
        proposals, stats = self.proposals(articles, extract)
        by_article: dict[str, list[Review]] = {}
        for review in self.reviews(ids):
            by_article.setdefault(review.article_id, []).append(review)
        claims: list[Claim] = []
        stale: list[StaleReview] = []
        for article in articles:
            reviewed = by_article.get(article.id, ())
            mine, gone = apply_reviews(article, proposals[article.id], reviewed)
            claims.extend(mine)
            stale.extend(gone)
        return Current(articles, tuple(claims), tuple(stale), stats)

    def article_marks(self) -> dict[str, str]:
        """Article id -> a token that changes whenever the article or its reviews change.

        Two reads give the articles whose claims may differ between them; unlike
        the greatest time or id, this holds when replicas' clocks disagree or
        concurrent reviews commit out of id order.
        """
        with self.engine.connect() as conn:
            updated = conn.execute(sa.select(articles_table.c.id, articles_table.c.updated_at))
            marks = {row[0]: str(row[1]) for row in updated}
            counted = conn.execute(
                sa.select(
                    reviews.c.article_id, sa.func.count(), sa.func.max(reviews.c.id)
                ).group_by(reviews.c.article_id)
            )
            for article_id, n, last in counted:
                if article_id in marks:
                    marks[article_id] += f"|{n}|{last}"
        return marks

    def data_stamp(self) -> str:
        """Changes whenever an article, a review or this version's extractions change."""
        with self.engine.connect() as conn:
            articles = conn.execute(
                sa.select(sa.func.count(), sa.func.max(articles_table.c.updated_at))
            ).one()
            review = conn.execute(sa.select(sa.func.count(), sa.func.max(reviews.c.id))).one()
            cached = conn.scalar(
                sa.select(sa.func.count()).where(
                    extractions.c.extractor == self.versions.extractor,
                    extractions.c.gazetteer == self.versions.gazetteer,
                )
            )
        material = [str(v) for v in (*articles, *review, cached, *self.versions.__dict__.values())]
        return hashlib.sha256("\0".join(material).encode()).hexdigest()[:16]

    # Changes over time -----------------------------------------------------------------

    def last_change(self) -> dt.datetime | None:
        """When an article or a review was last written (UTC), or None when empty."""
        with self.engine.connect() as conn:
            times = [
                conn.scalar(sa.select(sa.func.max(articles_table.c.updated_at))),
                conn.scalar(sa.select(sa.func.max(reviews.c.created_at))),
            ]
        known = [_utc(t) for t in times if t is not None]
        return max(known) if known else None

    def changes_since(self, moment: dt.datetime) -> tuple[dict[str, str], set[str]]:
        """Claims reviewed after ``moment`` (claim id -> last action), and the articles
        added or edited after it. A read: nothing is written."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(reviews.c.article_id, reviews.c.span_start, reviews.c.action)
                .where(reviews.c.created_at > moment)
                .order_by(reviews.c.id)
            ).all()
            articles = conn.scalars(
                sa.select(articles_table.c.id).where(articles_table.c.updated_at > moment)
            ).all()
        return {f"{a}@{start}": action for a, start, action in rows}, set(articles)

    # One-off imports -------------------------------------------------------------------

    def was_imported(self, kind: str, key: str) -> str | None:
        """The record of a one-off import already done, or None."""
        with self.engine.connect() as conn:
            return conn.scalar(
                sa.select(imports.c.detail).where(imports.c.kind == kind, imports.c.key == key)
            )

    def mark_imported(self, kind: str, key: str, detail: str) -> bool:
        """Record a one-off import; False when another process recorded it first."""
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    sa.insert(imports),
                    {"kind": kind, "key": key, "detail": detail, "done_at": _now()},
                )
            return True
        except sa.exc.IntegrityError:
            return False


def _utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; every time here is written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _same(a: Review, b: Review) -> bool:
    return (a.article_id, a.start, a.end) == (b.article_id, b.start, b.end)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _gazetteer_key(gazetteer: Gazetteer) -> str:
    return gazetteer_key(gazetteer)


def _folder_import_record(report: FolderImport) -> dict:
    return {
        "added": list(report.added),
        "updated": list(report.updated),
        "errors": [[e.file, e.field, e.reason] for e in report.errors],
        "warnings": list(report.warnings),
    }


def _folder_import_from(record: dict, *, skipped: bool) -> FolderImport:
    return FolderImport(
        tuple(record.get("added", ())),
        tuple(record.get("updated", ())),
        tuple(ArticleError(*e) for e in record.get("errors", ())),
        tuple(record.get("warnings", ())),
        skipped=skipped,
    )
