"""HTML pages: the main text and metadata, taken by trafilatura.

trafilatura is a maintained extractor of article text and metadata (title,
site name, date, author, canonical URL) that drops navigation, footers and
scripts; a hand-written scraper would do it worse for every site it was not
written for.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sources.articles import MAX_BYTES, Article, ArticleError, outlet_country, safe_url

__all__ = ["HTML_SUFFIXES", "parse_html"]

HTML_SUFFIXES = (".html", ".htm")


def parse_html(data: bytes, *, name: str, url: str | None = None) -> Article:
    """The article in an HTML page. Raises :class:`ArticleError` naming the file and field."""
    import trafilatura

    if len(data) > MAX_BYTES:
        raise ArticleError(name, "file", f"too large: over {MAX_BYTES:,} bytes")
    if b"\x00" in data:
        raise ArticleError(name, "content", "binary content (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    document = trafilatura.bare_extraction(text, url=url, with_metadata=True)
    found = document.as_dict() if document is not None else {}
    body = (found.get("text") or "").strip()
    if not body:
        raise ArticleError(name, "content", "no article text found in the HTML page")
    link = safe_url(found.get("url") or url or "") if (found.get("url") or url) else None
    return Article(
        id=Path(name).stem,
        path=name,
        body=body,
        title=_field(found.get("title")),
        outlet=_field(found.get("sitename")),
        url=link,
        published=_date(found.get("date")),
        language=_field(found.get("language"))[:8],
        author=_field(found.get("author")),
        outlet_country=outlet_country("", link),
        sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
    )


def _field(value: object) -> str:
    text = " ".join(str(value or "").split())
    return text[:500]


def _date(value: object):
    import datetime as dt

    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
