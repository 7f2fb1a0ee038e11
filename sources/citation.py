"""Links that can be cited: a view's URL carries its data version and the time of the
data's last change, and a link opened after the data changed says which claims in its
view were added, changed or rejected since.

A data version (:func:`sources.frame.data_version`) is a short hash of the claims
in a view and their review state. A link also carries ``at``, the moment of the
database's last write when the link was made (:meth:`Database.last_change`).
Everything later is in the database already: review rows and article rows have
their times. So telling a reader what changed is a read, never a write: viewers
of a public link write nothing, not even a record of what they looked at.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd

__all__ = [
    "TIME_KEY",
    "VERSION_KEY",
    "Changes",
    "changes_since",
    "cited_time",
    "cited_version",
    "link_time",
    "link_url",
    "notice_text",
]

VERSION_KEY = "v"
TIME_KEY = "at"
_VERSION = re.compile(r"^[0-9a-f]{12}$")
# To the microsecond: the database's own times, so "after the link" is exact.
_TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"
_TIME = re.compile(r"^\d{8}T\d{6}\.\d{6}Z$")


@dataclass(frozen=True)
class Changes:
    """Claims of a view that changed after a cited moment, by id."""

    version: str
    made_at: dt.datetime | None
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()  # rejected since, so no longer on the map
    known: bool = True  # False: the link does not say when it was made

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


def link_time(moment: dt.datetime | None) -> str | None:
    """``moment`` as a link writes it (``20261201T233012.000123Z``), in UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:  # SQLite hands back naive datetimes; we write UTC
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime(_TIME_FORMAT)


def cited_time(values: Sequence[str] | str | None) -> dt.datetime | None:
    """The moment a link names (``?at=``), or None when absent or malformed."""
    items = [values] if isinstance(values, str) else list(values or ())
    if not items or not _TIME.match(items[0]):
        return None
    try:
        return dt.datetime.strptime(items[0], _TIME_FORMAT).replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def changes_since(
    version: str,
    made_at: dt.datetime | None,
    view: pd.DataFrame,
    *,
    reviewed: Mapping[str, str],
    new_articles: Collection[str],
) -> Changes:
    """What changed in ``view`` after ``made_at``.

    ``view`` is the cited view's filters applied to today's claims, rejected ones
    included; ``reviewed`` maps each claim reviewed since to its last action, and
    ``new_articles`` holds the articles added or edited since.
    """
    if made_at is None:
        return Changes(version, None, known=False)
    ids = view["id"].tolist()
    articles = view["article_id"].tolist()
    status = view["status"].tolist()
    added, changed, rejected = [], [], []
    for claim, article, state in zip(ids, articles, status, strict=True):
        action = reviewed.get(claim)
        if state == "rejected":
            if action == "reject":
                rejected.append(claim)
        elif article in new_articles or action == "add":
            added.append(claim)
        elif action is not None:
            changed.append(claim)
    return Changes(version, made_at, tuple(added), tuple(changed), tuple(rejected))


def notice_text(changes: Changes) -> str:
    """The sentence shown at the top of a page opened from an out-of-date link."""
    if not changes.known:
        return (
            f"This link was made on data version {changes.version}, and does not say when: "
            "what it showed may differ from this view."
        )
    text = (
        f"This link was made on data version {changes.version} "
        f"({changes.made_at:%Y-%m-%d %H:%M} UTC). Since then "
        f"{changes.count} claim(s) in this view were added, changed or rejected "
        f"({len(changes.added)} added, {len(changes.changed)} changed, "
        f"{len(changes.rejected)} rejected)."
    )
    if not changes.count:
        text += " The rest of the difference comes from a newer extractor or gazetteer."
    return text


def link_url(page_url: str, params: Mapping[str, str | list[str]]) -> str:
    """``page_url`` (query and fragment dropped) with ``params`` as its query."""
    parts = urlsplit(page_url)
    query = urlencode(params, doseq=True)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))
