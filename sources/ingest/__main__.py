"""``python -m sources.ingest PATH [PATH ...]``: add articles to the database, in bulk.

Each PATH is an article file (.md, .txt, .html, .htm) or a folder of them
(searched recursively). Articles are added under their file's stem; a text
the database already holds is reported and skipped, so a rerun adds nothing.
Claims are then extracted in ``--workers`` parallel processes, each writing
its results to the same database. The database is ``--database URL``, else
``$ATLAS_DATABASE_URL``, else the SQLite file of the articles folder
(``$ATLAS_ARTICLES`` or the bundled one), the one the page reads.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TextIO

from sources.articles import Article, ArticleError
from sources.db.database import Database
from sources.db.engine import database_url, safe_url
from sources.ingest.submission import UPLOAD_SUFFIXES, read_file_bytes

__all__ = ["main"]


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = argparse.ArgumentParser(
        prog="python -m sources.ingest", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    parser.add_argument("--database", help="SQLAlchemy URL (default: the configured one)")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1))
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    url = args.database or database_url()
    counts = {"added": 0, "updated": 0, "unchanged": 0, "duplicate": 0, "unreadable": 0}
    ids: list[str] = []
    with Database(url) as db:
        for path in _files(args.paths):
            try:
                article = _read(path)
            except ArticleError as exc:
                counts["unreadable"] += 1
                print(f"skipped {path}: {exc.field}: {exc.reason}", file=sys.stderr)
                continue
            result = db.add_article(article, origin="cli", added_by="python -m sources.ingest")
            counts[result.outcome] += 1
            if result.outcome == "duplicate":
                print(f"skipped {path}: {result.message}", file=sys.stderr)
            else:
                ids.append(article.id)
    extracted, cached = _extract(url, ids, args.workers)
    summary = ", ".join(f"{n} {k}" for k, n in counts.items())
    print(f"{safe_url(url)}: {summary}", file=out)
    print(
        f"claims: {extracted} article(s) extracted in {args.workers} process(es), "
        f"{cached} from the cache",
        file=out,
    )
    return 0 if len(ids) or not (counts["unreadable"] or counts["duplicate"]) else 1


def _files(paths: Sequence[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in UPLOAD_SUFFIXES
            )
        else:
            yield path


def _read(path: Path) -> Article:
    try:
        if path.stat().st_size > 2_000_000:
            raise ArticleError(path.name, "file", f"too large: {path.stat().st_size:,} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(path.name, "file", f"cannot be read: {exc.strerror or exc}") from None
    return read_file_bytes(path.name, data)


def _extract(url: str, ids: list[str], workers: int) -> tuple[int, int]:
    """Extract the claims of ``ids`` in ``workers`` processes; (extracted, from cache)."""
    if not ids:
        return 0, 0
    chunks = [ids[i::workers] for i in range(workers) if ids[i::workers]]
    if len(chunks) == 1:
        return _extract_chunk(url, chunks[0])
    with ProcessPoolExecutor(max_workers=len(chunks)) as pool:
        results = list(pool.map(_extract_chunk, [url] * len(chunks), chunks))
    return sum(r[0] for r in results), sum(r[1] for r in results)


def _extract_chunk(url: str, ids: list[str]) -> tuple[int, int]:
    with Database(url) as db:
        _, stats = db.proposals(db.articles(ids))
    return stats.extracted, stats.cached


if __name__ == "__main__":
    sys.exit(main())
