"""Reviews as values: what a person decided about one claim, and what it was before.

A review never edits anything in place. It is a new row in the claim's history
that records the claim's state before and after, who decided, and when. The
claim shown is its last review's ``after`` state (or the machine's proposal
when there is none).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any

from geo.places import Place
from geo.records import place_from_json, place_json
from sources.articles import Article
from sources.claims import ROLES, Claim
from sources.text import sentence_bounds

__all__ = [
    "ACTIONS",
    "STATUS_AFTER",
    "ClaimState",
    "Review",
    "ReviewError",
    "add_claim",
    "review_claim",
]

ACTIONS = ("accept", "reject", "change", "add")
STATUS_AFTER = {"accept": "accepted", "reject": "rejected", "change": "edited", "add": "added"}
MAX_EDITOR = 200
MAX_NOTE = 2000
MAX_EXERCISE_NAME = 120


class ReviewError(ValueError):
    """A review that cannot be made: bad action, role, span or editor."""


@dataclass(frozen=True, kw_only=True)
class ClaimState:
    """The part of a claim a review can decide."""

    role: str
    exercise: str | None
    exercise_name: str
    place: Place
    attributed_to: str | None = None
    note: str = ""

    @classmethod
    def of(cls, claim: Claim) -> ClaimState:
        return cls(
            role=claim.role,
            exercise=claim.exercise,
            exercise_name=claim.exercise_name,
            place=claim.place,
            attributed_to=claim.attributed_to,
            note=claim.note,
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "role": self.role,
                "exercise": self.exercise,
                "exercise_name": self.exercise_name,
                "place": json.loads(place_json(self.place)),
                "attributed_to": self.attributed_to,
                "note": self.note,
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> ClaimState:
        data: dict[str, Any] = json.loads(text)
        return cls(
            role=data["role"],
            exercise=data.get("exercise"),
            exercise_name=data.get("exercise_name") or "",
            place=place_from_json(data["place"]),
            attributed_to=data.get("attributed_to"),
            note=data.get("note") or "",
        )


@dataclass(frozen=True, kw_only=True)
class Review:
    """One row of a claim's history."""

    article_id: str
    start: int
    end: int
    mention: str
    revision: int
    action: str
    before: ClaimState | None
    after: ClaimState
    editor: str
    note: str = ""
    origin: str = "page"
    at: dt.datetime | None = None
    id: int | None = None

    @property
    def claim_id(self) -> str:
        return f"{self.article_id}@{self.start}"

    @property
    def status(self) -> str:
        return STATUS_AFTER[self.action]

    def changes(self) -> dict[str, tuple[str, str]]:
        """What the review changed, field by field, as readable (before, after) pairs."""
        before = _readable(self.before) if self.before else {}
        after = _readable(self.after)
        return {k: (before.get(k, ""), v) for k, v in after.items() if before.get(k) != v}


def _readable(state: ClaimState) -> dict[str, str]:
    return {
        "role": state.role,
        "exercise": state.exercise_name or state.exercise or "Unassigned",
        "place": f"{state.place.name} ({state.place.id})",
    }


def review_claim(
    claim: Claim,
    action: str,
    *,
    editor: str,
    role: str | None = None,
    exercise: str | None = None,
    exercise_name: str | None = None,
    place: Place | None = None,
    note: str = "",
    origin: str = "page",
) -> Review:
    """The review that accepts, rejects or changes ``claim``, as its next revision.

    ``exercise=""`` unassigns the exercise; ``None`` leaves every field as it is.
    """
    if action not in ("accept", "reject", "change"):
        raise ReviewError(f"action must be accept, reject or change, instead got: {action!r}")
    before = ClaimState.of(claim)
    after = replace(
        before,
        role=_role(role) if role is not None else before.role,
        exercise=(exercise or None) if exercise is not None else before.exercise,
        exercise_name=(
            _exercise_name(exercise_name) if exercise_name is not None else before.exercise_name
        ),
        place=place or before.place,
        note=_note(note) or before.note,
    )
    if exercise == "":
        after = replace(after, exercise_name="")
    if action == "change" and after == before:
        raise ReviewError("a change must change the role, the exercise or the place")
    return Review(
        article_id=claim.article_id,
        start=claim.start,
        end=claim.end,
        mention=claim.mention,
        revision=claim.revision + 1,
        action=action,
        before=before,
        after=after,
        editor=_editor(editor),
        note=_note(note),
        origin=origin,
    )


def add_claim(
    article: Article,
    start: int,
    end: int,
    *,
    place: Place,
    role: str,
    exercise: str | None,
    exercise_name: str = "",
    editor: str,
    note: str = "",
    origin: str = "page",
) -> Review:
    """The review that adds a claim the extractor missed: ``article.body[start:end]``."""
    if not (0 <= start < end <= len(article.body)) or not article.body[start:end].strip():
        raise ReviewError(
            f"the words to add must be text of the article, instead got {start}–{end}"
        )
    if not any(s <= start and end <= e for s, e in sentence_bounds(article.body)):
        raise ReviewError("the words to add must lie within one sentence")
    after = ClaimState(
        role=_role(role),
        exercise=exercise or None,
        exercise_name=_exercise_name(exercise_name),
        place=place,
        note=_note(note),
    )
    return Review(
        article_id=article.id,
        start=start,
        end=end,
        mention=article.body[start:end],
        revision=1,
        action="add",
        before=None,
        after=after,
        editor=_editor(editor),
        note=_note(note),
        origin=origin,
    )


def _role(role: str) -> str:
    if role not in ROLES:
        raise ReviewError(f"role must be one of {', '.join(ROLES)}, instead got: {role!r}")
    return role


def _editor(editor: str) -> str:
    editor = " ".join(str(editor).split())
    if not editor:
        raise ReviewError("every review needs the editor's name or email")
    if len(editor) > MAX_EDITOR:
        raise ReviewError(f"the editor's name is longer than {MAX_EDITOR} characters")
    return editor


def _note(note: str) -> str:
    note = str(note).strip()
    if len(note) > MAX_NOTE:
        raise ReviewError(f"the note is longer than {MAX_NOTE} characters")
    return note


def _exercise_name(name: str) -> str:
    name = " ".join(str(name).split())
    if len(name) > MAX_EXERCISE_NAME:
        raise ReviewError(f"the exercise name is longer than {MAX_EXERCISE_NAME} characters")
    return name
