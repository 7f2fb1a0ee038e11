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

Every correction names the text it applies to (``file``, ``start``,
``mention``). When the article no longer has that text there, the correction
is reported as stale, never silently dropped. Corrected and added claims are
marked ``reviewed``; all others stay ``automatic``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from geo.gazetteer import Gazetteer
from sources.articles import Article
from sources.claims import ROLES, Claim
from sources.exercises import exercise_by_id
from sources.text import sentence_bounds

__all__ = ["CORRECTIONS_FILE", "Correction", "apply_corrections", "load_corrections"]

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


def apply_corrections(
    articles: Iterable[Article],
    claims: Sequence[Claim],
    corrections: Sequence[Correction],
    gazetteer: Gazetteer,
) -> tuple[list[Claim], list[str]]:
    """Claims with corrections applied, and a report line per correction not applied."""
    by_file = {Path(a.path).name: a for a in articles}
    by_span = {(Path(c.file).name, c.start): c for c in claims}
    rejected: set[tuple[str, int]] = set()
    changed: dict[tuple[str, int], Claim] = {}
    added: list[Claim] = []
    reports: list[str] = []
    for correction in corrections:
        article = by_file.get(correction.file)
        if article is None:
            reports.append(f"Stale correction ({correction.describe()}): no such article")
            continue
        if article.body[correction.start : correction.end] != correction.mention:
            reports.append(
                f"Stale correction ({correction.describe()}): the article no longer has "
                "that text there"
            )
            continue
        key = (correction.file, correction.start)
        place = gazetteer.get(correction.place_id) if correction.place_id else None
        if correction.place_id and place is None:
            reports.append(f"Correction ({correction.describe()}): unknown place_id")
            continue
        if correction.action == "add":
            # A claim the extractor already has at that span is replaced, not doubled.
            new = _new_claim(article, correction, place)
            if key in by_span:
                changed[key] = new
            else:
                added.append(new)
        elif key not in by_span:
            reports.append(f"Stale correction ({correction.describe()}): no claim there any more")
        elif correction.action == "reject":
            rejected.add(key)
        else:
            changed[key] = _changed(by_span[key], correction, place)
    out = [changed.get(k, c) for k, c in by_span.items() if k not in rejected]
    out.extend(added)
    out.sort(key=lambda c: (c.article_id, c.start))
    return out, reports


def _changed(claim: Claim, correction: Correction, place: Any) -> Claim:
    role = correction.role or claim.role
    return replace(
        claim,
        role=role,
        exercise=correction.exercise if correction.exercise else claim.exercise,
        place=place or claim.place,
        precision_km=max((place or claim.place).radius_km, 1.0),
        status="reviewed",
        note=correction.note,
    )


def _new_claim(article: Article, correction: Correction, place: Any) -> Claim:
    start, end = next(
        ((s, e) for s, e in sentence_bounds(article.body) if s <= correction.start < e),
        (correction.start, correction.end),
    )
    return Claim.at(
        article,
        span=(correction.start, correction.end),
        sentence=(start, max(end, correction.end)),
        place=place,
        role=correction.role or "exercise",
        exercise=correction.exercise,
        status="reviewed",
        note=correction.note,
    )
