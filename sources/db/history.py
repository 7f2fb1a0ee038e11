"""Review rows: appending to a claim's history, and reading it back.

A review is written as revision n + 1 of its claim, and only when the claim is
still at revision n: two editors who review one claim at the same moment
cannot both win. The loser gets a :class:`ConflictError` naming who changed the
claim first, and nothing of theirs is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from sources.db.schema import chunks
from sources.db.schema import reviews as table
from sources.review.model import ClaimState, Review

__all__ = ["ConflictError", "append_review", "read_reviews"]


class ConflictError(RuntimeError):
    """The claim changed after the editor loaded it; their review was not written."""

    def __init__(self, review: Review, current: Review | None) -> None:
        who = f"revision {current.revision} by {current.editor}" if current else "another review"
        super().__init__(
            f"{review.mention!r} ({review.claim_id}) changed while you were reviewing it "
            f"({who}); reload it and review again."
        )
        self.review = review
        self.current = current


def append_review(conn: sa.Connection, review: Review, now: dt.datetime) -> Review:
    """Write ``review`` as the next revision of its claim; raise :class:`ConflictError`
    when the claim is no longer at ``review.revision - 1``."""
    latest = _latest(conn, review)
    if (latest.revision if latest else 0) != review.revision - 1:
        raise ConflictError(review, latest)
    row = {
        "article_id": review.article_id,
        "span_start": review.start,
        "span_end": review.end,
        "mention": review.mention,
        "revision": review.revision,
        "action": review.action,
        "before": review.before.to_json() if review.before else None,
        "after": review.after.to_json(),
        "editor": review.editor,
        "note": review.note,
        "origin": review.origin,
        "created_at": now,
    }
    new_id = conn.execute(sa.insert(table).returning(table.c.id), row).scalar_one()
    return _review({**row, "id": new_id})


def read_reviews(
    conn: sa.Connection,
    article_ids: Iterable[str] | None = None,
    *,
    span: tuple[int, int] | None = None,
) -> tuple[Review, ...]:
    """Reviews in the order they were made: all, or those of some articles (and a span)."""
    query = sa.select(table).order_by(table.c.id)
    if span is not None:
        query = query.where(table.c.span_start == span[0], table.c.span_end == span[1])
    if article_ids is None:
        return tuple(_review(row) for row in conn.execute(query).mappings())
    found: list[Review] = []
    for chunk in chunks(list(dict.fromkeys(article_ids))):
        rows = conn.execute(query.where(table.c.article_id.in_(chunk))).mappings()
        found.extend(_review(row) for row in rows)
    return tuple(sorted(found, key=lambda r: r.id or 0))


def _latest(conn: sa.Connection, review: Review) -> Review | None:
    query = (
        sa.select(table)
        .where(
            table.c.article_id == review.article_id,
            table.c.span_start == review.start,
            table.c.span_end == review.end,
        )
        .order_by(table.c.revision.desc())
        .limit(1)
    )
    row = conn.execute(query).mappings().first()
    return _review(row) if row else None


def _review(row: Any) -> Review:
    return Review(
        id=row["id"],
        article_id=row["article_id"],
        start=row["span_start"],
        end=row["span_end"],
        mention=row["mention"],
        revision=row["revision"],
        action=row["action"],
        before=ClaimState.from_json(row["before"]) if row["before"] else None,
        after=ClaimState.from_json(row["after"]),
        editor=row["editor"],
        note=row["note"],
        origin=row["origin"],
        at=row["created_at"],
    )
