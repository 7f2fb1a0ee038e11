"""The view a URL carries: filters and the selected claim, parsed from untrusted input.

Query parameters come from whoever sent the link. Unknown or malformed values
are dropped with a short notice; nothing here raises on bad input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from geo.colours import COLOUR_BY

__all__ = ["UNASSIGNED", "ViewState", "parse_view", "view_to_params"]

MAX_VALUES = 50
MAX_VALUE_CHARS = 200
UNASSIGNED = "unassigned"
# "v" and "at", the data version a link was made on and its time, are read by sources.citation.
KEYS = ("exercise", "outlet", "from", "to", "context", "rejected", "colour", "claim", "v", "at")


@dataclass(frozen=True)
class ViewState:
    """What the page shows. Empty ``exercises``/``outlets`` mean all of them."""

    exercises: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    context: bool = False
    claim: str | None = None
    rejected: bool = False
    colour_by: str = "outlet"

    def with_claim(self, claim: str | None) -> ViewState:
        return replace(self, claim=claim)


def parse_view(
    params: Mapping[str, str | Sequence[str]],
    *,
    exercises: Iterable[str],
    outlets: Iterable[str],
    claims: Collection[str] | Iterable[str],
) -> tuple[ViewState, list[str]]:
    """A :class:`ViewState` from query parameters, plus notices for what was dropped."""
    notices: list[str] = []
    known_exercises, known_outlets = set(exercises), set(outlets)
    # Checked with ``in`` only: a page passes its 100,000 ids as an index, not a copy.
    known_claims = claims if isinstance(claims, Collection) else set(claims)

    def values(key: str) -> list[str]:
        raw = params.get(key, [])
        items = [raw] if isinstance(raw, str) else list(raw)
        if len(items) > MAX_VALUES:
            notices.append(f"Too many '{key}' values; kept the first {MAX_VALUES}.")
            items = items[:MAX_VALUES]
        kept = []
        for item in items:
            if not isinstance(item, str) or len(item) > MAX_VALUE_CHARS:
                notices.append(f"Ignored an over-long '{key}' value.")
            else:
                kept.append(item)
        return kept

    for key in params:
        if key not in KEYS:
            notices.append(f"Ignored unknown parameter '{_short(key)}'.")
    chosen_exercises = _known(values("exercise"), known_exercises, "exercise", notices)
    chosen_outlets = _known(values("outlet"), known_outlets, "outlet", notices)
    date_from = _date(values("from"), "from", notices)
    date_to = _date(values("to"), "to", notices)
    if date_from and date_to and date_from > date_to:
        notices.append("Ignored a date range whose start is after its end.")
        date_from = date_to = None
    context = _flag(values("context"), "context", notices)
    rejected = _flag(values("rejected"), "rejected", notices)
    colour = values("colour")
    colour_by = colour[0] if colour and colour[0] in COLOUR_BY else "outlet"
    if colour and colour[0] not in COLOUR_BY:
        notices.append(f"Ignored 'colour': use one of {', '.join(COLOUR_BY)}.")
    claim_values = _known(values("claim"), known_claims, "claim", notices)
    state = ViewState(
        exercises=tuple(chosen_exercises),
        outlets=tuple(chosen_outlets),
        date_from=date_from,
        date_to=date_to,
        context=context,
        claim=claim_values[0] if claim_values else None,
        rejected=rejected,
        colour_by=colour_by,
    )
    return state, notices


def _short(value: str) -> str:
    value = "".join(c for c in value if c.isprintable())
    return value if len(value) <= 40 else value[:39] + "…"


def _known(items: list[str], known: Collection[str], key: str, notices: list[str]) -> list[str]:
    kept: list[str] = []
    for item in items:
        if item in known:
            if item not in kept:
                kept.append(item)
        else:
            notices.append(f"Ignored unknown {key} '{_short(item)}'.")
    return kept


def _date(items: list[str], key: str, notices: list[str]) -> dt.date | None:
    if not items:
        return None
    if len(items) > 1:
        notices.append(f"Used the first of several '{key}' dates.")
    try:
        if len(items[0]) == 10:  # fromisoformat also takes "20250518" and week dates
            return dt.date.fromisoformat(items[0])
    except ValueError:
        pass
    notices.append(f"Ignored '{key}': not a YYYY-MM-DD date.")
    return None


def _flag(items: list[str], key: str, notices: list[str]) -> bool:
    if not items:
        return False
    if items[0] in ("1", "true", "yes"):
        return True
    if items[0] not in ("0", "false", "no"):
        notices.append(f"Ignored '{key}': use 1 or 0.")
    return False


def view_to_params(state: ViewState) -> dict[str, str | list[str]]:
    """Query parameters that :func:`parse_view` turns back into ``state``."""
    params: dict[str, str | list[str]] = {}
    if state.exercises:
        params["exercise"] = list(state.exercises)
    if state.outlets:
        params["outlet"] = list(state.outlets)
    if state.date_from:
        params["from"] = state.date_from.isoformat()
    if state.date_to:
        params["to"] = state.date_to.isoformat()
    if state.context:
        params["context"] = "1"
    if state.rejected:
        params["rejected"] = "1"
    if state.colour_by != "outlet":
        params["colour"] = state.colour_by
    if state.claim:
        params["claim"] = state.claim
    return params
