"""Fetching an article by URL: off unless switched on, like the geocoder.

``ATLAS_FETCH_ARTICLES=1`` (environment or secret) switches it on. The page
then offers "Add by URL". A fetch is one GET with a timeout, a size limit and
no retries; anything that goes wrong (offline, refused, too large, not HTML)
becomes a :class:`FetchError` with a readable reason. The network is a
parameter: ``opener`` stands in for ``urllib.request.urlopen`` in tests.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from sources.articles import MAX_BYTES, Article, safe_url
from sources.ingest.html import parse_html

__all__ = ["ENV_FETCH", "FetchError", "fetch_article", "fetching_enabled"]

ENV_FETCH = "ATLAS_FETCH_ARTICLES"
TIMEOUT_S = 10.0
USER_AGENT = "ExerciseAtlas/0.1 (+https://github.com/) article fetcher"


class FetchError(RuntimeError):
    """A URL that could not be turned into an article; the message says why."""


def fetching_enabled(setting: str | None = None) -> bool:
    """True when fetching by URL is switched on (``1``, ``true`` or ``yes``)."""
    value = os.environ.get(ENV_FETCH, "") if setting is None else setting
    return value.strip().lower() in ("1", "true", "yes")


def fetch_article(url: str, *, opener: Callable[..., Any] | None = None) -> Article:
    """The article at ``url`` (http or https only). Raises :class:`FetchError`."""
    link = safe_url(url)
    if link is None:
        raise FetchError(f"not an http(s) link: {url[:80]!r}")
    request = urllib.request.Request(link, headers={"User-Agent": USER_AGENT})
    try:
        with (opener or urllib.request.urlopen)(request, timeout=TIMEOUT_S) as response:
            kind = response.headers.get("Content-Type", "")
            if "html" not in kind.lower():
                raise FetchError(f"{link}: not an HTML page ({kind or 'no content type'})")
            data = response.read(MAX_BYTES + 1)
    except urllib.error.URLError as exc:
        raise FetchError(f"{link}: could not be fetched ({exc.reason})") from None
    except (TimeoutError, OSError, ValueError) as exc:
        raise FetchError(f"{link}: could not be fetched ({exc})") from None
    if len(data) > MAX_BYTES:
        raise FetchError(f"{link}: larger than {MAX_BYTES:,} bytes")
    from sources.articles import ArticleError

    try:
        return parse_html(data, name=_name(link), url=link)
    except ArticleError as exc:
        raise FetchError(f"{link}: {exc.reason}") from None


def _name(link: str) -> str:
    tail = link.rstrip("/").rsplit("/", 1)[-1] or "page"
    return (tail[:80] or "page") + ".html"
