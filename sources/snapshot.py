"""The claims table on disk: one Arrow file per data version, read in milliseconds.

Laying reviews over every article's cached claims means decoding each one into
:class:`~sources.claims.Claim` objects: about 15 s at 100,000 claims. The page
needs columns, not objects, so the result is kept as a snapshot, written once
per data version (:meth:`Database.data_stamp`) under the cache directory:

* ``<stamp>.claims.arrow``: the claims table of :mod:`sources.frame`,
  uncompressed Arrow IPC, memory-mapped when read;
* ``<stamp>.articles.arrow``: one row per article (no text);
* ``<stamp>.json``: the per-article marks it was built from, and the stale
  reviews; written last, so a snapshot without it is not one.

A new data version (an added article, a review) is *patched*: the articles
whose marks changed are read again, their rows replaced, and the rest kept.
Only a new extractor or gazetteer version, or a first start, reads everything.
An in-memory database (``sqlite://``) lives in one process, so its snapshots
are kept in memory by the caller, never written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather

from geo.cachedir import cache_dir
from sources.articles import Article
from sources.db.database import Database, Extract
from sources.frame import claims_table

__all__ = ["ARTICLE_COLUMNS", "Snapshot", "load_snapshot", "snapshot_dir"]

# Bump when the files' layout changes: older snapshots are then ignored.
FORMAT = 3
KEEP = 3
ARTICLE_COLUMNS = ("id", "title", "source", "outlet_country", "url", "published", "file")


@dataclass(frozen=True)
class Snapshot:
    """The claims and articles of one data version, and how they were obtained.

    ``table`` is the claims table as Arrow, memory-mapped when it was read from
    disk, so that only the columns converted (:meth:`frame`) are ever paged in;
    ``claims`` is all of it as pandas. ``how`` is ``"read"`` (the file existed),
    ``"patched"`` (``patched`` articles read again over an older snapshot) or
    ``"built"`` (every article read). ``stale`` holds ``(article id, description)``
    of each stale review; ``marks`` the per-article marks
    (:meth:`Database.article_marks`) the data was read at.
    """

    stamp: str
    table: pa.Table = field(repr=False)
    articles: pd.DataFrame = field(repr=False)
    stale: tuple[tuple[str, str], ...]
    how: str
    patched: int = 0
    marks: Mapping[str, str] | None = field(default=None, repr=False, compare=False)

    def frame(self, columns: Iterable[str] | None = None) -> pd.DataFrame:
        """Some columns of the claims table (all by default) as pandas."""
        table = self.table if columns is None else self.table.select(list(columns))
        return table.to_pandas(date_as_object=False)

    @cached_property
    def claims(self) -> pd.DataFrame:
        return self.frame()


def snapshot_dir(database: Database, root: Path | None = None) -> Path | None:
    """Where ``database``'s snapshots live, or None for an in-memory database."""
    url = database.engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return None
    identity = f"{database.url}\0{database.versions.extractor}\0{database.versions.gazetteer}"
    digest = hashlib.sha256(identity.encode()).hexdigest()[:16]
    return (root or cache_dir()) / "snapshots" / digest


def load_snapshot(
    database: Database,
    *,
    stamp: str,
    extract: Extract | None = None,
    root: Path | None = None,
    previous: Snapshot | None = None,
) -> Snapshot:
    """The claims table for ``stamp`` (``database.data_stamp()``): read, patched or built.

    ``previous`` is a snapshot already in memory to patch from (the only kind an
    in-memory database has); otherwise the newest file of this database is.
    ``extract`` is passed to :meth:`Database.current` for articles read again.
    The snapshot's ``stamp`` is newer than ``stamp`` when reading extracted articles
    that had not been (the stamp counts cached extractions).
    """
    folder = snapshot_dir(database, root)
    if folder is not None and (found := _read(folder, stamp)) is not None:
        return found
    marks = database.article_marks()
    base = previous or (_newest(folder) if folder is not None else None)
    if base is not None and (changed := _changed(base, marks)) is not None:
        snapshot = _patch(database, base, changed, marks, stamp, extract)
    else:
        snapshot = _build(database, marks, stamp, extract)
    if folder is not None:
        # Reading extracted what was missing, which changes the stamp; file the snapshot
        # under the new one, unless an article or review changed meanwhile (then the
        # next run patches again).
        after = database.data_stamp()
        if after != stamp and database.article_marks() == marks:
            snapshot = replace(snapshot, stamp=after)
        _write(folder, snapshot)
    return snapshot


# Building and patching ------------------------------------------------------------------


def _build(
    database: Database, marks: Mapping[str, str], stamp: str, extract: Extract | None
) -> Snapshot:
    current = database.current(extract)
    return Snapshot(
        stamp,
        claims_table(current.claims),
        _articles_frame(current.articles),
        _stale(current.stale),
        "built",
        len(current.articles),
        marks,
    )


def _patch(
    database: Database,
    base: Snapshot,
    changed: set[str],
    marks: Mapping[str, str],
    stamp: str,
    extract: Extract | None,
) -> Snapshot:
    if not changed:  # only the extraction cache grew: the same claims, a new stamp
        return replace(base, stamp=stamp, how="patched", patched=0, marks=marks)
    current = database.current(extract, article_ids=sorted(changed))
    fresh = claims_table(current.claims).cast(base.table.schema)
    changed_ids = pa.array(sorted(changed), pa.string())
    kept = base.table.filter(pc.invert(pc.is_in(base.table["article_id"], changed_ids)))
    claims = pa.concat_tables([kept, fresh])
    # Database.current's order: articles by id, each article's claims in its own order.
    claims = claims.take(pc.sort_indices(claims, [("article_id", "ascending")]))
    articles = pd.concat(
        [base.articles[~base.articles["id"].isin(changed)], _articles_frame(current.articles)],
        ignore_index=True,
    )
    articles = articles[articles["id"].isin(list(marks))].sort_values("id", kind="stable")
    stale = tuple(s for s in base.stale if s[0] not in changed) + _stale(current.stale)
    return Snapshot(
        stamp,
        claims,
        articles.reset_index(drop=True),
        stale,
        "patched",
        len(changed),
        marks,
    )


def _changed(base: Snapshot, marks: Mapping[str, str]) -> set[str] | None:
    """Articles whose claims may differ from ``base``'s; None when a patch cannot tell."""
    if base.marks is None or set(base.marks) - set(marks):
        return None  # articles are never deleted; if one was, read everything again
    return {article for article, mark in marks.items() if base.marks.get(article) != mark}


def _stale(stale: Iterable) -> tuple[tuple[str, str], ...]:
    return tuple((s.review.article_id, s.describe()) for s in stale)


def _articles_frame(articles: Iterable[Article]) -> pd.DataFrame:
    articles = list(articles)
    return pa.table(
        {
            "id": pa.array([a.id for a in articles], pa.string()),
            "title": pa.array([a.title for a in articles], pa.string()),
            "source": pa.array([a.source_label for a in articles], pa.string()),
            "outlet_country": pa.array([a.outlet_country for a in articles], pa.string()),
            "url": pa.array([a.url for a in articles], pa.string()),
            "published": pa.array([a.published for a in articles], pa.date32()),
            "file": pa.array([a.path for a in articles], pa.string()),
        }
    ).to_pandas(date_as_object=False)


# Files ------------------------------------------------------------------------------------


def _read(folder: Path, stamp: str) -> Snapshot | None:
    meta_path = folder / f"{stamp}.json"
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
        if meta.get("format") != FORMAT:
            return None
        claims = feather.read_table(folder / f"{stamp}.claims.arrow", memory_map=True)
        articles = feather.read_table(folder / f"{stamp}.articles.arrow", memory_map=True)
    except (OSError, ValueError, pa.ArrowException):
        return None
    return Snapshot(
        stamp,
        claims,
        articles.to_pandas(date_as_object=False),
        tuple((str(a), str(text)) for a, text in meta.get("stale", ())),
        "read",
        marks=meta.get("marks"),
    )


def _newest(folder: Path) -> Snapshot | None:
    metas = sorted(folder.glob("*.json"), key=_mtime, reverse=True) if folder.is_dir() else []
    for meta in metas:
        found = _read(folder, meta.name.removesuffix(".json"))
        if found is not None:
            return found
    return None


def _write(folder: Path, snapshot: Snapshot) -> None:
    """Write the three files atomically (meta last), then drop all but the newest few."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = snapshot.stamp
    articles = pa.Table.from_pandas(snapshot.articles, preserve_index=False)
    for name, table in (("claims", snapshot.table), ("articles", articles)):
        _atomic(folder / f"{stamp}.{name}.arrow", lambda path, t=table: _feather(t, path))
    meta = {
        "format": FORMAT,
        "stamp": stamp,
        "marks": dict(snapshot.marks or {}),
        "stale": [list(s) for s in snapshot.stale],
    }
    _atomic(
        folder / f"{stamp}.json",
        lambda path: Path(path).write_text(json.dumps(meta, ensure_ascii=False), "utf-8"),
    )
    _prune(folder, keep=KEEP)


def _feather(table: pa.Table, path: str) -> None:
    feather.write_feather(table, path, compression="uncompressed")


def _atomic(target: Path, write) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _prune(folder: Path, *, keep: int) -> None:
    metas = sorted(folder.glob("*.json"), key=_mtime, reverse=True)
    for meta in metas[keep:]:
        stamp = meta.name.removesuffix(".json")
        for path in (meta, folder / f"{stamp}.claims.arrow", folder / f"{stamp}.articles.arrow"):
            # Another process may be reading it: on POSIX its open map stays valid.
            with contextlib.suppress(OSError):
                path.unlink()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
