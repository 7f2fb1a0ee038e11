"""Links that can be cited: a view's URL carries its data version, and a link opened
after the data changed says which claims in its view were added, changed or rejected.

A data version (:func:`sources.frame.data_version`) is a short hash of the claims
in a view and their review state. When a link is made, the page keeps the
view's per-claim states under that version (``Database.remember_view``), so a
reader who opens the link later can be told what changed since, claim by claim.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd

__all__ = [
    "STATE_COLUMNS",
    "VERSION_KEY",
    "Changes",
    "changes_since",
    "cited_version",
    "claim_states",
    "link_url",
    "notice_text",
]

VERSION_KEY = "v"
# The columns sources.frame.data_version hashes: a claim's visible state.
STATE_COLUMNS = ["id", "status", "revision", "role", "exercise", "place_id", "lat", "lon"]
_VERSION = re.compile(r"^[0-9a-f]{12}$")


@dataclass(frozen=True)
class Changes:
    """Claims of a view that differ from a cited version of it, by id."""

    version: str
    made_at: dt.datetime | None
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()  # in the cited view, no longer in this one
    known: bool = True  # False: this atlas never kept the cited version

    @property
    def count(self) -> int:
        return len(self.added) + len(self.changed) + len(self.rejected)

    @property
    def on_map(self) -> tuple[str, ...]:
        """The changed claims still in view, which the map can highlight."""
        return self.added + self.changed


def cited_version(values: Sequence[str] | str | None) -> str | None:
    """The data version a link names (``?v=``), or None when absent or malformed."""
    items = [values] if isinstance(values, str) else list(values or ())
    return items[0] if items and _VERSION.match(items[0]) else None


def claim_states(view: pd.DataFrame) -> dict[str, str]:
    """Claim id -> a short hash of its state, for every claim of ``view``."""
    if view.empty:
        return {}
    hashes = pd.util.hash_pandas_object(view[STATE_COLUMNS], index=False).to_numpy()
    return {cid: f"{h:016x}" for cid, h in zip(view["id"], hashes, strict=True)}


def changes_since(
    version: str,
    cited: tuple[dt.datetime, Mapping[str, str]] | None,
    view: pd.DataFrame,
) -> Changes:
    """What changed in ``view`` since the cited version (``None``: never kept here)."""
    if cited is None:
        return Changes(version, None, known=False)
    made_at, before = cited
    now = claim_states(view)
    return Changes(
        version,
        made_at,
        added=tuple(i for i in now if i not in before),
        changed=tuple(i for i in now if i in before and before[i] != now[i]),
        rejected=tuple(i for i in before if i not in now),
    )


def notice_text(changes: Changes) -> str:
    """The sentence shown at the top of a page opened from an out-of-date link."""
    if not changes.known:
        return (
            f"This link was made on data version {changes.version}, which this atlas has no "
            "record of: what it showed may differ from this view."
        )
    when = f" ({changes.made_at:%Y-%m-%d})" if changes.made_at else ""
    return (
        f"This link was made on data version {changes.version}{when}. Since then "
        f"{changes.count} claim(s) in this view were added, changed or rejected "
        f"({len(changes.added)} added, {len(changes.changed)} changed, "
        f"{len(changes.rejected)} rejected or removed)."
    )


def link_url(page_url: str, params: Mapping[str, str | list[str]]) -> str:
    """``page_url`` (query and fragment dropped) with ``params`` as its query."""
    parts = urlsplit(page_url)
    query = urlencode(params, doseq=True)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))
