"""Analyst corrections, kept beside the articles in ``corrections.json``.

An analyst can reject a claim, change its role, exercise or place, or add a
claim the extractor missed::

    {"corrections": [
      {"action": "reject", "file": "a.md", "start": 120, "mention": "Tehran"},
      {"action": "change", "file": "a.md", "start": 300, "mention": "Shusha",
       "role": "exercise", "exercise": "aras-2025", "place_id": "gn:147105"},
      {"action": "add", "file": "a.md", "start": 512, "mention": "Hadrut",
       "place_id": "ov:hadrut", "role": "exercise", "exercise": "aras-2025",
       "note": "monument in the MoD photos"}
    ]}

This file came before reviews in the page. It is now imported once, each
correction becoming a review by ``corrections.json`` in its claim's history,
and never read again until it changes. Every correction names the text it
applies to (``file``, ``start``, ``mention``); one whose text is no longer
there is reported as stale, never silently dropped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sources.articles import Article
from sources.claims import ROLES, Claim
from sources.db.history import ConflictError
from sources.exercises import exercise_by_id
from sources.review.model import Review, ReviewError, add_claim, review_claim

if TYPE_CHECKING:
    from sources.db.database import Database

__all__ = [
    "CORRECTIONS_FILE",
    "Correction",
    "CorrectionsImport",
    "import_corrections",
    "load_corrections",
]

EDITOR = "corrections.json"

CORRECTIONS_FILE = "corrections.json"
ACTIONS = ("reject", "change", "add")
MAX_BYTES = 1_000_000


@dataclass(frozen=True, kw_only=True)
class Correction:
    action: str
    file: str
    start: int
    mention: str
    role: str | None = None
    exercise: str | None = None
    place_id: str | None = None
    note: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.mention)

    def describe(self) -> str:
        return f"{self.action} {self.mention!r} at {self.file}:{self.start}"


def load_corrections(directory: Path | str) -> tuple[list[Correction], list[str]]:
    """Corrections from ``directory/corrections.json``, and a message per bad entry."""
    path = Path(directory) / CORRECTIONS_FILE
    if not path.is_file():
        return [], []
    try:
        if path.stat().st_size > MAX_BYTES:
            return [], [f"{CORRECTIONS_FILE}: larger than {MAX_BYTES:,} bytes; ignored"]
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [], [f"{CORRECTIONS_FILE}: cannot be read: {exc}"]
    entries = data.get("corrections") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return [], [f"{CORRECTIONS_FILE}: expected an object with a 'corrections' list"]
    corrections, problems = [], []
    for number, entry in enumerate(entries, start=1):
        try:
            corrections.append(_parse(entry))
        except ValueError as exc:
            problems.append(f"{CORRECTIONS_FILE}: entry {number}: {exc}")
    return corrections, problems


def _parse(entry: Any) -> Correction:
    if not isinstance(entry, dict):
        raise ValueError("not an object")
    action = _text(entry, "action")
    if action not in ACTIONS:
        raise ValueError(f"action must be one of {', '.join(ACTIONS)}, instead got: {action!r}")
    start = entry.get("start")
    if not isinstance(start, int) or isinstance(start, bool) or start < 0:
        raise ValueError(f"start must be a whole number >= 0, instead got: {start!r}")
    role = entry.get("role")
    if role is not None and role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, instead got: {role!r}")
    exercise = entry.get("exercise")
    if exercise is not None and exercise not in exercise_by_id():
        raise ValueError(f"unknown exercise {exercise!r}")
    correction = Correction(
        action=action,
        file=_text(entry, "file"),
        start=start,
        mention=_text(entry, "mention"),
        role=role,
        exercise=exercise,
        place_id=entry.get("place_id") if isinstance(entry.get("place_id"), str) else None,
        note=entry.get("note", "") if isinstance(entry.get("note", ""), str) else "",
    )
    if action == "add" and (correction.place_id is None or correction.role is None):
        raise ValueError("an 'add' needs place_id and role")
    return correction


def _text(entry: Mapping[str, Any], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{key} must be a non-empty string, instead got: {value!r}")
    return value


@dataclass(frozen=True)
class CorrectionsImport:
    """What importing ``corrections.json`` did: how many reviews, and lines to show."""

    imported: int = 0
    lines: tuple[str, ...] = ()


def import_corrections(
    database: Database,
    directory: Path | str,
    articles: Sequence[Article],
    claims: Sequence[Claim],
) -> CorrectionsImport:
    """Turn ``directory/corrections.json`` into reviews, once per version of the file.

    Reviews replace the file: each correction becomes a review by
    ``corrections.json`` in the claim's history. A correction whose text is no
    longer at its place is reported, not dropped; so is an unreadable entry.
    """
    path = Path(directory) / CORRECTIONS_FILE
    if not path.is_file():
        return CorrectionsImport()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if database.was_imported("corrections", digest):
        return CorrectionsImport()
    corrections, problems = load_corrections(directory)
    by_file = {Path(a.path).name: a for a in articles}
    by_span = {(c.article_id, c.start): c for c in claims}
    written = 0
    for correction in corrections:
        try:
            review = _review(correction, by_file, by_span, database)
            database.record(review)
            written += 1
        except (ReviewError, ConflictError) as exc:
            problems.append(f"Correction not imported ({correction.describe()}): {exc}")
    if not database.mark_imported("corrections", digest, f"{written} review(s)"):
        return CorrectionsImport()  # another replica imported it meanwhile
    lines = [
        f"Imported {written} correction(s) from {CORRECTIONS_FILE} as reviews, once; "
        "review claims in the page from now on (the file is no longer read)."
    ]
    return CorrectionsImport(written, tuple(lines + problems))


def _review(
    correction: Correction,
    by_file: Mapping[str, Article],
    by_span: Mapping[tuple[str, int], Claim],
    database: Database,
) -> Review:
    article = by_file.get(correction.file)
    if article is None:
        raise ReviewError("no such article")
    if article.body[correction.start : correction.end] != correction.mention:
        raise ReviewError("the article no longer has that text there (stale)")
    place = database.gazetteer.get(correction.place_id) if correction.place_id else None
    if correction.place_id and place is None:
        raise ReviewError(f"unknown place_id {correction.place_id!r}")
    claim = by_span.get((article.id, correction.start))
    registered = exercise_by_id().get(correction.exercise or "")
    name = registered.name if registered else None
    if claim is None:
        if correction.action != "add":
            raise ReviewError("no claim there any more (stale)")
        return add_claim(
            article,
            correction.start,
            correction.end,
            place=place,
            role=correction.role or "exercise",
            exercise=correction.exercise,
            exercise_name=name or "",
            editor=EDITOR,
            note=correction.note,
            origin=CORRECTIONS_FILE,
        )
    action = "reject" if correction.action == "reject" else "change"
    return review_claim(
        claim,
        action,
        editor=EDITOR,
        role=correction.role,
        exercise=correction.exercise,
        exercise_name=name,
        place=place,
        note=correction.note,
        origin=CORRECTIONS_FILE,
    )
