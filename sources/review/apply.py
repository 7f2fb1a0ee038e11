"""A claim's current state: the machine's proposal with its reviews laid over it.

Reviews are matched to the article by span and text. When re-extraction (a
better extractor, an edited article) still proposes the claim, the review
keeps applying; when the extractor no longer proposes it but the words are
still there, the reviewed claim stays, rebuilt from its review; when the words
are gone, the review is *stale*: listed, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sources.articles import Article
from sources.claims import Claim
from sources.review.model import Review
from sources.text import sentence_bounds

__all__ = ["StaleReview", "apply_reviews", "latest_reviews"]


@dataclass(frozen=True)
class StaleReview:
    """A review whose words are no longer at their place in the article."""

    review: Review
    reason: str

    def describe(self) -> str:
        r = self.review
        return (
            f"Stale review ({r.action} {r.mention!r} at {r.article_id}:{r.start}, "
            f"by {r.editor}): {self.reason}"
        )


def latest_reviews(reviews: Iterable[Review]) -> dict[tuple[int, int], Review]:
    """The last review of each span of one article."""
    latest: dict[tuple[int, int], Review] = {}
    for review in reviews:
        key = (review.start, review.end)
        if key not in latest or review.revision > latest[key].revision:
            latest[key] = review
    return latest


def apply_reviews(
    article: Article, proposals: Sequence[Claim], reviews: Iterable[Review]
) -> tuple[tuple[Claim, ...], tuple[StaleReview, ...]]:
    """The article's claims in text order with reviews applied, and the stale reviews."""
    latest = latest_reviews(r for r in reviews if r.article_id == article.id)
    by_span = {(c.start, c.end): c for c in proposals}
    stale: list[StaleReview] = []
    claims = [c for span, c in by_span.items() if span not in latest]
    for span, review in latest.items():
        if article.body[review.start : review.end] != review.mention:
            stale.append(StaleReview(review, "the article no longer has these words there"))
            continue
        claims.append(_reviewed(article, by_span.get(span), review))
    claims.sort(key=lambda c: c.start)
    return tuple(claims), tuple(sorted(stale, key=lambda s: s.review.start))


def _reviewed(article: Article, proposal: Claim | None, review: Review) -> Claim:
    state = review.after
    if proposal is None:
        proposal = Claim.at(
            article,
            span=(review.start, review.end),
            sentence=_sentence(article.body, review.start, review.end),
            place=state.place,
            role=state.role,
            exercise=state.exercise,
        )
    return replace(
        proposal,
        place=state.place,
        precision_km=max(state.place.radius_km, 1.0),
        role=state.role,
        exercise=state.exercise,
        exercise_name=state.exercise_name,
        attributed_to=state.attributed_to,
        note=state.note,
        status=review.status,
        reviewed_by=review.editor,
        revision=review.revision,
    )


def _sentence(body: str, start: int, end: int) -> tuple[int, int]:
    for s, e in sentence_bounds(body):
        if s <= start < e:
            return s, max(e, end)
    return start, end
