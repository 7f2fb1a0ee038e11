"""Claims and places as JSON text, for the extraction cache and the review history.

A cached extraction keeps only what the extractor decided. What an article
says about itself (its id, file, outlet, date, link) is filled in from the
article when the claims are read back, so editing an outlet's name never
leaves stale copies in the cache.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from typing import Any

from geo.places import Place
from geo.records import place_key
from sources.articles import Article
from sources.claims import Claim

__all__ = ["ARTICLE_FIELDS", "decode_claims", "encode_claims", "parse_payload"]

# Claim fields that come from the article, not from extraction.
ARTICLE_FIELDS = ("article_id", "file", "outlet", "outlet_country", "published", "url")
# Claim fields that belong to review, never to a machine proposal.
_REVIEW_FIELDS = ("status", "reviewed_by", "revision")
_CACHED = tuple(
    f.name
    for f in dataclasses.fields(Claim)
    if f.name not in ARTICLE_FIELDS and f.name not in _REVIEW_FIELDS
)


def encode_claims(claims: Sequence[Claim]) -> str:
    """The extractor's part of every claim as compact JSON.

    Values all claims share are written once; a place is written as its id,
    and ``places`` maps each id to the key of the place's full record.
    """
    rows = [_plain(claim) for claim in claims]
    first = rows[0] if rows else {}
    shared = {n: first[n] for n in _CACHED if rows and all(r[n] == first[n] for r in rows)}
    varying = [n for n in _CACHED if n not in shared]
    data = {
        "shared": shared,
        "fields": varying,
        "rows": [[row[n] for n in varying] for row in rows],
        "places": {c.place.id: place_key(c.place) for c in claims},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def parse_payload(payload: str) -> dict[str, Any] | None:
    """The JSON of :func:`encode_claims`, or None when it is not that."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    ok = isinstance(data, dict) and isinstance(data.get("places"), dict)
    return data if ok else None


def decode_claims(
    data: Mapping[str, Any], places: Mapping[str, Place], article: Article
) -> tuple[Claim, ...] | None:
    """Claims from :func:`encode_claims`'s JSON, or None when it does not decode whole.

    ``places`` maps place keys to places.
    """
    try:
        claims = []
        for values in data["rows"]:
            row = {**data["shared"], **dict(zip(data["fields"], values, strict=True))}
            row["place"] = places[data["places"][row["place"]]]
            row["hierarchy"] = tuple(row.get("hierarchy", ()))
            claims.append(_with_article(row, article))
        return tuple(claims)
    except (KeyError, TypeError, ValueError):
        return None


def _with_article(row: dict[str, Any], article: Article) -> Claim:
    return Claim(
        **row,
        article_id=article.id,
        file=article.path,
        outlet=article.source_label,
        outlet_country=article.outlet_country,
        published=article.published,
        url=article.url,
    )


def _plain(claim: Claim) -> dict[str, Any]:
    row = {name: getattr(claim, name) for name in _CACHED}
    row["place"] = claim.place.id
    row["hierarchy"] = list(claim.hierarchy)
    return row
