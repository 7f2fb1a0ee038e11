"""The registry of exercises the articles report, with their names and aliases.

The registry is data: ``data/exercises.yaml``, plus an optional
``exercises.yaml`` beside the articles that adds entries or replaces those of
the same id. Dates are as reported; where outlets disagree the widest reported
span is kept and the disagreement is written in ``notes``. Aliases are matched
case-insensitively as whole words by :func:`find_exercise_names`. Exercises the
registry does not list are discovered in the text by the extractor, which gives
each claim the id and display name (``Claim.exercise_name``);
:func:`exercise_name` names either kind.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick_rs

from sources.articles import articles_dir

__all__ = [
    "EXERCISES",
    "REGISTRY_ERRORS",
    "Exercise",
    "RegistryError",
    "exercise_by_id",
    "exercise_name",
    "find_exercise_names",
    "load_registry",
    "merge",
]


@dataclass(frozen=True, kw_only=True)
class Exercise:
    id: str
    name: str
    aliases: tuple[str, ...]
    start: dt.date
    end: dt.date
    participants: tuple[str, ...]
    kind: str = "land"
    notes: str = ""

    def covers(self, day: dt.date, *, slack_days: int = 0) -> bool:
        """True when ``day`` falls within the reported dates, give or take ``slack_days``."""
        slack = dt.timedelta(days=slack_days)
        return self.start - slack <= day <= self.end + slack


class RegistryError(ValueError):
    """An exercises.yaml that cannot be used; names the file, the entry and the field."""

    def __init__(self, file: str, entry: str, field: str, reason: str) -> None:
        super().__init__(f"{file}: entry {entry}: {field}: {reason}")
        self.file, self.entry, self.field, self.reason = file, entry, field, reason


BUNDLED = Path(__file__).parent / "data" / "exercises.yaml"
OVERRIDE_NAME = "exercises.yaml"
KINDS = ("land", "naval", "air")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FIELDS = frozenset({"id", "name", "aliases", "start", "end", "participants", "kind", "notes"})


def load_registry(path: Path) -> tuple[Exercise, ...]:
    """The exercises listed in one YAML file, validated at this boundary.

    A file that is not ``{"exercises": [mapping, ...]}``, or an entry with a
    missing, unknown or malformed field, raises :class:`RegistryError` naming
    the file, the entry (its id, else its position) and the field.
    """
    import yaml  # only when a registry is read: PyYAML is not needed to import this module

    name = str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_loader())
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RegistryError(name, "-", "file", f"cannot be read as YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("exercises"), list):
        raise RegistryError(name, "-", "exercises", "the file must hold a list under 'exercises'")
    exercises = tuple(_entry(name, i, row) for i, row in enumerate(data["exercises"], 1))
    seen: set[str] = set()
    for exercise in exercises:
        if exercise.id in seen:
            raise RegistryError(name, exercise.id, "id", "listed twice")
        seen.add(exercise.id)
    return exercises


@cache
def _loader() -> type:
    """PyYAML's safe loader with dates left as text, so that a bad date ("2024-13-01")
    is reported against its entry and field rather than failing the whole file."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def merge(base: Iterable[Exercise], extra: Iterable[Exercise]) -> tuple[Exercise, ...]:
    """``base`` with ``extra`` added; an extra entry replaces the base entry of its id."""
    merged = {exercise.id: exercise for exercise in base}
    merged.update((exercise.id, exercise) for exercise in extra)
    return tuple(merged.values())


def _entry(file: str, number: int, row: object) -> Exercise:
    if not isinstance(row, dict):
        raise RegistryError(file, f"#{number}", "-", f"must be a mapping, instead got: {row!r}")
    label = str(row.get("id", f"#{number}"))
    unknown = sorted(set(map(str, row)) - _FIELDS)
    if unknown:
        raise RegistryError(file, label, unknown[0], f"unknown field; known: {sorted(_FIELDS)}")
    exercise_id = _text(file, label, row, "id")
    if not _ID.match(exercise_id):
        raise RegistryError(
            file, label, "id", f"lowercase words joined by hyphens, instead got: {exercise_id!r}"
        )
    start, end = _date(file, label, row, "start"), _date(file, label, row, "end")
    if end < start:
        raise RegistryError(file, label, "end", f"{end} is before start {start}")
    kind = row.get("kind", "land")
    if kind not in KINDS:
        raise RegistryError(file, label, "kind", f"one of {KINDS}, instead got: {kind!r}")
    return Exercise(
        id=exercise_id,
        name=_text(file, label, row, "name"),
        aliases=_strings(file, label, row, "aliases", required=False),
        start=start,
        end=end,
        participants=_strings(file, label, row, "participants", required=True),
        kind=kind,
        notes=str(row.get("notes") or ""),
    )


def _text(file: str, label: str, row: dict[str, object], field: str) -> str:
    value = row.get(field)
    if not isinstance(value, str) or not value.strip():
        raise RegistryError(file, label, field, f"a non-empty string, instead got: {value!r}")
    return value.strip()


def _date(file: str, label: str, row: dict[str, object], field: str) -> dt.date:
    value = row.get(field)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RegistryError(
            file, label, field, f"a date YYYY-MM-DD, instead got: {value!r}"
        ) from None


def _strings(
    file: str, label: str, row: dict[str, object], field: str, *, required: bool
) -> tuple[str, ...]:
    value = row.get(field, None if required else [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RegistryError(file, label, field, f"a list of strings, instead got: {value!r}")
    if required and not value:
        raise RegistryError(file, label, field, "must not be empty")
    return tuple(v.strip() for v in value)


def _load_default() -> tuple[tuple[Exercise, ...], tuple[str, ...]]:
    """The bundled registry plus the articles folder's ``exercises.yaml``, if any.

    A broken override is reported (``REGISTRY_ERRORS``) and left out; the
    bundled registry is part of the code and must load.
    """
    exercises = load_registry(BUNDLED)
    override = articles_dir() / OVERRIDE_NAME
    if not override.is_file():
        return exercises, ()
    try:
        return merge(exercises, load_registry(override)), ()
    except RegistryError as exc:
        print(f"warning: {exc}; using the bundled exercises only", file=sys.stderr)
        return exercises, (str(exc),)


EXERCISES, REGISTRY_ERRORS = _load_default()


@cache
def exercise_by_id() -> dict[str, Exercise]:
    return {exercise.id: exercise for exercise in EXERCISES}


@cache
def _alias_pattern() -> re.Pattern[str]:
    aliases = sorted(
        ((alias, ex.id) for ex in EXERCISES for alias in ex.aliases),
        key=lambda pair: -len(pair[0]),
    )
    parts = "|".join(re.escape(alias) for alias, _ in aliases)
    return re.compile(rf"(?<!\w)(?:{parts})(?!\w)", re.IGNORECASE)


@cache
def _alias_index() -> dict[str, str]:
    return {alias.casefold(): ex.id for ex in EXERCISES for alias in ex.aliases}


@cache
def _alias_automaton() -> tuple[ahocorasick_rs.AhoCorasick, tuple[str, ...]]:
    aliases = sorted({_lower(alias): ex for alias, ex in _alias_index().items()}.items())
    automaton = ahocorasick_rs.AhoCorasick(
        [alias for alias, _ in aliases], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )
    return automaton, tuple(ex for _, ex in aliases)


def find_exercise_names(text: str) -> list[tuple[int, int, str]]:
    """Spans of exercise names in ``text``, as ``(start, end, exercise_id)``."""
    lowered = _lower(text)
    if len(lowered) != len(text):
        # A letter whose lower case is two characters: offsets would drift.
        return _find_by_regex(text)
    automaton, ids = _alias_automaton()
    found: list[tuple[int, int, str]] = []
    for number, start, stop in automaton.find_matches_as_indexes(lowered):
        exercise_id = ids[number]
        if (start == 0 or not text[start - 1].isalnum()) and (
            stop == len(text) or not text[stop].isalnum()
        ):
            found.append((start, stop, exercise_id))
    return found


def _lower(text: str) -> str:
    """Lower case with offsets kept: Turkish "İ".lower() is "i" and a combining dot."""
    return text.replace("İ", "I").lower()


def _find_by_regex(text: str) -> list[tuple[int, int, str]]:
    index = _alias_index()
    found = []
    for match in _alias_pattern().finditer(text):
        exercise_id = index.get(match.group(0).casefold())
        if exercise_id:
            found.append((match.start(), match.end(), exercise_id))
    return found


def exercise_name(exercise_id: str | None, discovered: str = "") -> str:
    """The display name of an exercise id: the registry's, else ``discovered`` (the name
    the extractor found in the text, ``Claim.exercise_name``), else the id itself."""
    if exercise_id is None:
        return "Unassigned"
    exercise = exercise_by_id().get(exercise_id)
    return exercise.name if exercise else (discovered or exercise_id)
