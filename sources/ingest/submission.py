"""Articles brought in through the page: pasted text with a form, or an uploaded file.

Everything here runs on the server, whatever the browser was told: the upload
widget's size and type limits are advice to the browser only (FIELD-NOTES §6),
so size, type, encoding and every field are checked again in Python, and a bad
submission becomes an :class:`~sources.articles.ArticleError` naming the field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from pathlib import Path

from sources.articles import (
    MAX_BYTES,
    MAX_FIELD_CHARS,
    Article,
    ArticleError,
    outlet_country,
    parse_article,
    safe_url,
    strip_bidi,
)
from sources.db.articles import article_id_for
from sources.ingest.html import HTML_SUFFIXES, parse_html
from sources.language import detect_language

__all__ = ["FORM_NAME", "UPLOAD_SUFFIXES", "article_from_form", "read_file_bytes", "read_upload"]

UPLOAD_SUFFIXES = (".md", ".txt", *HTML_SUFFIXES)
FORM_NAME = "the form"


def read_file_bytes(name: str, data: bytes) -> Article:
    """An article from a file's bytes, by its suffix: Markdown/text or HTML."""
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        allowed = ", ".join(UPLOAD_SUFFIXES)
        raise ArticleError(name, "file", f"not an article file (only {allowed})")
    if len(data) > MAX_BYTES:
        raise ArticleError(name, "file", f"too large: {len(data):,} bytes (limit {MAX_BYTES:,})")
    if suffix in HTML_SUFFIXES:
        return parse_html(data, name=name)
    return parse_article(data, name=name, path=name)


def read_upload(name: str, data: bytes) -> Article:
    """An uploaded file as a new article, with an id of its own and its language."""
    name = Path(str(name).replace("\\", "/")).name[:200] or "upload"
    article = read_file_bytes(name, data)
    return _finish(article, title_for_id=article.title or Path(name).stem)


def article_from_form(
    *,
    text: str,
    title: str = "",
    outlet: str = "",
    url: str = "",
    published: dt.date | None = None,
    language: str = "",
) -> Article:
    """An article from the "Add article" form's fields."""
    data = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not data.strip():
        raise ArticleError(FORM_NAME, "Article text", "empty")
    if len(data.encode("utf-8")) > MAX_BYTES:
        raise ArticleError(FORM_NAME, "Article text", f"longer than {MAX_BYTES:,} bytes")
    if "\x00" in data:
        raise ArticleError(FORM_NAME, "Article text", "binary content (NUL characters)")
    fields = {
        "Title": _field("Title", title),
        "Outlet": _field("Outlet", outlet),
        "Language": _field("Language", language).lower()[:8],
    }
    link = None
    if url.strip():
        link = safe_url(url)
        if link is None:
            raise ArticleError(FORM_NAME, "URL", f"not an http(s) link: {url.strip()[:80]!r}")
    if published is not None and not isinstance(published, dt.date):
        raise ArticleError(FORM_NAME, "Published", f"not a date: {published!r}")
    article = Article(
        id="pending",
        path="pasted.md",
        body=data,
        title=fields["Title"],
        outlet=fields["Outlet"],
        url=link,
        published=published,
        language=fields["Language"],
        outlet_country=outlet_country("", link),
        sha256=hashlib.sha256(data.encode("utf-8")).hexdigest(),
    )
    return _finish(article, title_for_id=article.title)


def _finish(article: Article, *, title_for_id: str) -> Article:
    article_id = article_id_for(title_for_id, article.sha256)
    language = article.language or detect_language(article.body)
    return replace(article, id=article_id, path=f"{article_id}.md", language=language)


def _field(name: str, value: str) -> str:
    value = strip_bidi(" ".join(str(value).split()))
    if len(value) > MAX_FIELD_CHARS:
        raise ArticleError(FORM_NAME, name, f"longer than {MAX_FIELD_CHARS} characters")
    if any(ord(c) < 32 for c in value):
        raise ArticleError(FORM_NAME, name, "contains control characters")
    return value
