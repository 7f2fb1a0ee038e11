"""Article rows: adding, updating and reading articles, whatever brought them in.

An article is known by its id (a file's stem, or a slug made when it is added
in the page) and by the hash of its text. Adding a text the database already
holds under another id is a duplicate, named and refused; adding a new text
under a known id (a file edited in the folder) updates that article, and its
claims are extracted again while its reviews stay matched by span and text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from sources.articles import Article
from sources.db.schema import articles as table
from sources.db.schema import chunks

__all__ = ["ORIGINS", "Added", "article_id_for", "read_articles", "upsert_article"]

ORIGINS = ("folder", "page", "cli", "url")


@dataclass(frozen=True)
class Added:
    """What adding an article did: ``added``, ``updated``, ``unchanged`` or ``duplicate``."""

    article_id: str
    outcome: str
    duplicate_of: str | None = None

    @property
    def message(self) -> str:
        if self.outcome == "duplicate":
            return f"already held as {self.duplicate_of!r} (same text)"
        return self.outcome


def article_id_for(title: str, sha256: str) -> str:
    """A readable, stable id for an article added without a file: a slug and its hash."""
    slug = re.sub(r"[\W_]+", "-", title.lower()).strip("-")[:48].strip("-")
    return f"{slug or 'article'}-{sha256[:8]}"


def upsert_article(
    conn: sa.Connection, article: Article, *, origin: str, added_by: str, now: dt.datetime
) -> Added:
    """Insert ``article``, or update the article of that id; refuse a duplicate text."""
    if origin not in ORIGINS:
        raise ValueError(f"origin must be one of {ORIGINS}, instead got: {origin!r}")
    sha = article.sha256 or hashlib.sha256(article.body.encode("utf-8")).hexdigest()
    holder = conn.scalar(sa.select(table.c.id).where(table.c.sha256 == sha))
    if holder is not None and holder != article.id:
        return Added(article.id, "duplicate", holder)
    values = _values(article, sha)
    current = conn.execute(sa.select(table).where(table.c.id == article.id)).mappings().first()
    if current is None:
        row = {**values, "origin": origin, "added_by": added_by, "added_at": now, "updated_at": now}
        conn.execute(sa.insert(table), row)
        return Added(article.id, "added")
    if all(current[k] == v for k, v in values.items()):
        return Added(article.id, "unchanged")
    conn.execute(sa.update(table).where(table.c.id == article.id), {**values, "updated_at": now})
    return Added(article.id, "updated")


def read_articles(conn: sa.Connection, ids: Iterable[str] | None = None) -> tuple[Article, ...]:
    """Articles in id order: all of them, or those of ``ids``."""
    query = sa.select(table).order_by(table.c.id)
    if ids is None:
        return tuple(_article(row) for row in conn.execute(query).mappings())
    found = []
    for chunk in chunks(list(dict.fromkeys(ids))):
        found.extend(conn.execute(query.where(table.c.id.in_(chunk))).mappings())
    return tuple(sorted((_article(row) for row in found), key=lambda a: a.id))


def _values(article: Article, sha: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "sha256": sha,
        "file": article.path.replace("\\", "/").rsplit("/", 1)[-1],
        "title": article.title,
        "outlet": article.outlet,
        "outlet_country": article.outlet_country,
        "url": article.url,
        "published": article.published,
        "language": article.language,
        "author": article.author,
        "body": article.body,
    }


def _article(row: sa.RowMapping) -> Article:
    return Article(
        id=row["id"],
        path=row["file"],
        body=row["body"],
        title=row["title"],
        outlet=row["outlet"],
        outlet_country=row["outlet_country"],
        url=row["url"],
        published=row["published"],
        language=row["language"],
        author=row["author"],
        sha256=row["sha256"],
    )
