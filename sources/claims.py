"""Claims: one article placing one mention at one place, with its evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from geo.places import Place
from sources.articles import Article

__all__ = ["ROLES", "STATUSES", "Claim"]

ROLES = ("exercise", "context")
# "automatic" is the machine's proposal; the others are a reviewer's last decision.
STATUSES = ("automatic", "accepted", "rejected", "edited", "added")


@dataclass(frozen=True, kw_only=True)
class Claim:
    """A place mention in an article, with its role and the sentence behind it.

    ``start``/``end`` index the article body; ``sentence_start`` indexes the
    body too, so ``body[sentence_start:sentence_start + len(sentence)]`` is the
    sentence. ``attributed_to`` is the party the sentence credits, or None when
    the outlet says it in its own voice (see :attr:`credited`).
    """

    article_id: str
    file: str
    outlet: str
    published: dt.date | None
    url: str | None
    mention: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    place: Place
    role: str
    exercise: str | None
    attributed_to: str | None
    precision_km: float
    status: str = "automatic"
    note: str = ""
    # Review state: who last reviewed the claim and how many reviews it has had.
    reviewed_by: str = ""
    revision: int = 0
    # Containers of the place named in the same locative phrase ("Lankaran-Astara region",
    # "Azerbaijan" after "Lankaran"), most specific first.
    hierarchy: tuple[str, ...] = ()
    exercise_name: str = ""
    outlet_country: str = ""

    @classmethod
    def at(
        cls,
        article: Article,
        *,
        span: tuple[int, int],
        sentence: tuple[int, int],
        place: Place,
        role: str,
        exercise: str | None,
        attributed_to: str | None = None,
        status: str = "automatic",
        note: str = "",
        hierarchy: tuple[str, ...] = (),
        exercise_name: str = "",
    ) -> Claim:
        """The claim that ``article.body[span]`` names ``place``, in that sentence."""
        start, end = span
        # Extraction builds one claim per mention. A frozen dataclass's __init__ sets its 22
        # fields one object.__setattr__ at a time; filling the instance's dict at once
        # builds the same claim in under half the time (tests/test_claims.py compares them).
        claim = object.__new__(cls)
        claim.__dict__.update(
            article_id=article.id,
            file=article.path,
            outlet=article.source_label,
            published=article.published,
            url=article.url,
            mention=article.body[start:end],
            start=start,
            end=end,
            sentence=article.body[sentence[0] : sentence[1]],
            sentence_start=sentence[0],
            place=place,
            role=role,
            exercise=exercise,
            attributed_to=attributed_to,
            precision_km=max(place.radius_km, 1.0),
            status=status,
            note=note,
            reviewed_by="",
            revision=0,
            hierarchy=hierarchy,
            exercise_name=exercise_name,
            outlet_country=article.outlet_country,
        )
        return claim

    @property
    def id(self) -> str:
        return f"{self.article_id}@{self.start}"

    @property
    def credited(self) -> str:
        """Who the claim is credited to: the attributed party, else the outlet."""
        return self.attributed_to or self.outlet

    @property
    def reviewed(self) -> bool:
        return self.status != "automatic"

    @property
    def is_area(self) -> bool:
        return self.place.is_area

    @property
    def highlight(self) -> tuple[str, str, str]:
        """The sentence split around the mention: (before, mention, after)."""
        lo = self.start - self.sentence_start
        hi = self.end - self.sentence_start
        return self.sentence[:lo], self.sentence[lo:hi], self.sentence[hi:]
