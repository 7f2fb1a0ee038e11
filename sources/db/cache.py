"""The extraction cache: each article's proposed claims, per extractor and gazetteer.

The key is the article's text hash and the metadata extraction reads (title,
date, language), plus the extractor's and the gazetteer's versions. Rows of
other versions are left alone, so replicas on an older and a newer extractor
share one database during a rolling deploy; only :func:`prune` removes
versions that no replica has run for a while.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from geo.gazetteer import Gazetteer
from geo.places import Place
from geo.records import place_from_json, place_json, place_key
from sources.articles import Article
from sources.claims import Claim
from sources.db.codec import decode_claims, encode_claims, parse_payload
from sources.db.schema import chunks, extractions, extractor_versions, places

__all__ = ["ExtractStats", "Versions", "cache_key", "prune", "read_cached", "touch", "write_cached"]

Extract = Callable[[Article], Sequence[Claim]]


@dataclass(frozen=True)
class Versions:
    extractor: str
    gazetteer: str


@dataclass(frozen=True)
class ExtractStats:
    """How many articles came from the cache and how many were extracted."""

    cached: int = 0
    extracted: int = 0

    @property
    def total(self) -> int:
        return self.cached + self.extracted


def cache_key(article: Article, versions: Versions) -> str:
    """The row key: the text, what extraction reads besides it, and both versions."""
    material = [
        article.sha256,
        article.title,
        article.published.isoformat() if article.published else None,
        article.language,
        versions.extractor,
        versions.gazetteer,
    ]
    return hashlib.sha256(json.dumps(material).encode()).hexdigest()


def read_cached(
    conn: sa.Connection, keyed: Mapping[str, Article], gazetteer: Gazetteer
) -> dict[str, tuple[Claim, ...]]:
    """The cached claims of the articles in ``keyed`` (key -> article) that have a row.

    A row that does not decode whole counts as missing, so it is extracted again.
    """
    query = sa.select(extractions.c.key, extractions.c.n_claims, extractions.c.claims)
    found: dict[str, tuple[Claim, ...]] = {}
    for chunk in chunks(list(keyed)):
        rows = conn.execute(query.where(extractions.c.key.in_(chunk))).all()
        parsed = [(key, n, data) for key, n, payload in rows if (data := parse_payload(payload))]
        resolved = _resolve_places(conn, [data for _, _, data in parsed], gazetteer)
        for key, n_claims, data in parsed:
            claims = decode_claims(data, resolved, keyed[key])
            if claims is not None and len(claims) == n_claims:
                found[key] = claims
    return found


def write_cached(
    conn: sa.Connection,
    done: Sequence[tuple[str, Article, tuple[Claim, ...]]],
    versions: Versions,
    now: dt.datetime,
) -> None:
    """Store each (key, article, claims), replacing any earlier row of that key."""
    if not done:
        return
    _write_places(conn, {place_key(c.place): c.place for _, _, claims in done for c in claims})
    keys = [key for key, _, _ in done]
    for chunk in chunks(keys):
        conn.execute(sa.delete(extractions).where(extractions.c.key.in_(chunk)))
    rows = [
        {
            "key": key,
            "article_sha256": article.sha256,
            "extractor": versions.extractor,
            "gazetteer": versions.gazetteer,
            "n_claims": len(claims),
            "claims": encode_claims(claims),
            "created_at": now,
        }
        for key, article, claims in done
    ]
    conn.execute(sa.insert(extractions), rows)


def touch(conn: sa.Connection, versions: Versions, now: dt.datetime) -> None:
    """Record that a replica runs ``versions`` now."""
    where = sa.and_(
        extractor_versions.c.extractor == versions.extractor,
        extractor_versions.c.gazetteer == versions.gazetteer,
    )
    if conn.execute(sa.update(extractor_versions).where(where), {"last_seen_at": now}).rowcount:
        return
    conn.execute(
        sa.insert(extractor_versions),
        {
            "extractor": versions.extractor,
            "gazetteer": versions.gazetteer,
            "first_seen_at": now,
            "last_seen_at": now,
        },
    )


def prune(conn: sa.Connection, *, unused_for: dt.timedelta, now: dt.datetime) -> int:
    """Delete cached rows of versions no replica has run for ``unused_for``; how many."""
    cutoff = now - unused_for
    old = conn.execute(
        sa.select(extractor_versions.c.extractor, extractor_versions.c.gazetteer).where(
            extractor_versions.c.last_seen_at < cutoff
        )
    ).all()
    deleted = 0
    for extractor, gazetteer in old:
        deleted += conn.execute(
            sa.delete(extractions).where(
                extractions.c.extractor == extractor, extractions.c.gazetteer == gazetteer
            )
        ).rowcount
        conn.execute(
            sa.delete(extractor_versions).where(
                extractor_versions.c.extractor == extractor,
                extractor_versions.c.gazetteer == gazetteer,
            )
        )
    return deleted


def _resolve_places(
    conn: sa.Connection, payloads: Sequence[Mapping[str, Any]], gazetteer: Gazetteer
) -> dict[str, Place]:
    """Place key -> place: the gazetteer's own object when it has that exact place,
    else the stored record (a place the gazetteer no longer has, or has changed)."""
    wanted = {key: place_id for data in payloads for place_id, key in data["places"].items()}
    found: dict[str, Place] = {}
    for key, place_id in wanted.items():
        place = gazetteer.get(place_id)
        if place is not None and place_key(place) == key:
            found[key] = place
    missing = [key for key in wanted if key not in found]
    query = sa.select(places.c.key, places.c.fields)
    for chunk in chunks(missing):
        for key, stored in conn.execute(query.where(places.c.key.in_(chunk))):
            found[key] = place_from_json(stored)
    return found


def _write_places(conn: sa.Connection, new: Mapping[str, Place]) -> None:
    query = sa.select(places.c.key)
    for chunk in chunks(list(new)):
        stored = set(conn.scalars(query.where(places.c.key.in_(chunk))))
        rows = [
            {"key": key, "place_id": new[key].id, "fields": place_json(new[key])}
            for key in chunk
            if key not in stored
        ]
        if rows:
            conn.execute(sa.insert(places), rows)
