"""Reading article files: optional front matter, then the body, verbatim.

An article file is UTF-8 text, ``.md`` or ``.txt``. It may open with front
matter::

    ---
    title: "..."
    outlet: "..."
    url: "https://..."
    published: 2025-05-18
    language: en
    ---
    body text ...

Everything after the closing ``---`` line (minus blank lines directly after
it) is the body, and every character offset in a claim points into it.

Text and metadata are untrusted. Nothing here escapes anything; rendering code
escapes for its own context. What this module guarantees is that a bad file
becomes an :class:`ArticleError` naming the file and field, never a crash, and
that one bad file never stops the others from loading.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

__all__ = [
    "MAX_BYTES",
    "Article",
    "ArticleError",
    "LoadResult",
    "articles_dir",
    "load_article",
    "load_articles",
    "outlet_country",
    "parse_article",
    "safe_url",
    "strip_bidi",
]

BUNDLED_DIR = Path(__file__).parent / "data" / "articles"
ENV_DIR = "ATLAS_ARTICLES"
SUFFIXES = (".md", ".txt")
# Enforced here, in Python: a browser-side limit alone would be no limit.
MAX_BYTES = 2_000_000
MAX_FIELD_CHARS = 500
KNOWN_FIELDS = ("title", "outlet", "url", "published", "language", "author", "outlet_country")
_FIELD_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(.*)$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Bidi overrides and isolates make "\u202eaideM CO" display as "OC Media".
_BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class ArticleError(ValueError):
    """A file that cannot be read as an article; names the file and the field."""

    def __init__(self, file: str, field: str, reason: str) -> None:
        super().__init__(f"{file}: {field}: {reason}")
        self.file = file
        self.field = field
        self.reason = reason


@dataclass(frozen=True, kw_only=True)
class Article:
    """One article: metadata from front matter and the body text, verbatim."""

    id: str
    path: str
    body: str
    title: str = ""
    outlet: str = ""
    url: str | None = None
    published: dt.date | None = None
    language: str = ""
    author: str = ""
    outlet_country: str = ""
    sha256: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def source_label(self) -> str:
        """The outlet, or the file name when the article does not say."""
        return self.outlet or Path(self.path).name

    @classmethod
    def fake(cls, body: str, **kw: object) -> Article:
        """A test constructor: an in-memory article with sensible defaults."""
        kw.setdefault("id", "fake")
        kw.setdefault("path", "fake.md")
        kw.setdefault("outlet", "Fake Outlet")
        return cls(body=body, **kw)  # type: ignore[arg-type]


@dataclass(frozen=True)
class LoadResult:
    articles: tuple[Article, ...] = ()
    errors: tuple[ArticleError, ...] = ()
    warnings: tuple[str, ...] = field(default=())


def articles_dir() -> Path:
    """The directory the app and tools read: ``$ATLAS_ARTICLES`` or the bundled one."""
    configured = os.environ.get(ENV_DIR, "").strip()
    return Path(configured) if configured else BUNDLED_DIR


def safe_url(url: str) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else None."""
    url = url.strip()
    if not url or len(url) > 2000 or any(ord(c) < 33 or c in "<>\"'`\\" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def load_articles(directory: Path | str | None = None) -> LoadResult:
    """Read every ``*.md``/``*.txt`` in ``directory``; bad files become errors.

    Files are read in name order. A file whose content duplicates an earlier
    one is reported and skipped, so one capture saved twice is one article.
    """
    directory = Path(directory) if directory is not None else articles_dir()
    if not directory.is_dir():
        err = ArticleError(str(directory), "directory", "not found or not a directory")
        return LoadResult(errors=(err,))
    paths = sorted(p for p in directory.iterdir() if p.suffix.lower() in SUFFIXES)
    return _load_paths(paths)


def _load_paths(paths: Iterable[Path]) -> LoadResult:
    articles: list[Article] = []
    errors: list[ArticleError] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            article = load_article(path)
        except ArticleError as exc:
            errors.append(exc)
            continue
        if article.sha256 in seen:
            errors.append(
                ArticleError(path.name, "content", f"duplicate of {seen[article.sha256]}")
            )
            continue
        seen[article.sha256] = path.name
        articles.append(article)
    warnings = tuple(w for a in articles for w in a.warnings)
    return LoadResult(tuple(articles), tuple(errors), warnings)


def load_article(path: Path | str) -> Article:
    """Read one file. Raises :class:`ArticleError` for anything unreadable."""
    path = Path(path)
    name = path.name
    try:
        if not path.is_file():
            raise ArticleError(name, "file", "not a regular file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(name, "file", f"too large: {size:,} bytes (limit {MAX_BYTES:,})")
        data = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        raise ArticleError(name, "file", f"cannot be read: {exc.strerror or exc}") from None
    return parse_article(data, name=name, path=str(path))


def parse_article(data: bytes, *, name: str, path: str | None = None) -> Article:
    """Parse raw bytes into an :class:`Article`. Raises :class:`ArticleError`."""
    if len(data) > MAX_BYTES:
        raise ArticleError(name, "file", f"too large: over {MAX_BYTES:,} bytes")
    if b"\x00" in data:
        raise ArticleError(name, "content", "binary content (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(name, "content", f"invalid UTF-8 at byte {exc.start}") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(name, "content", "empty file")
    meta, body = _split_front_matter(text, name)
    body = body.lstrip("\n")
    if not body.strip():
        raise ArticleError(name, "body", "no article text after the front matter")
    warnings: list[str] = []
    for key, value in meta.items():
        if _BIDI.search(value):
            meta[key] = _BIDI.sub("", value)
            warnings.append(f"{name}: {key}: removed right-to-left override characters")
    url = None
    if meta.get("url"):
        url = safe_url(meta["url"])
        if url is None:
            warnings.append(f"{name}: url: not an http(s) link, dropped: {meta['url'][:80]!r}")
    published = _parse_date(meta.get("published", ""), name)
    stem = Path(name).stem
    return Article(
        id=stem,
        path=path or name,
        body=body,
        title=meta.get("title", ""),
        outlet=meta.get("outlet", ""),
        url=url,
        published=published,
        language=meta.get("language", ""),
        author=meta.get("author", ""),
        outlet_country=outlet_country(meta.get("outlet_country", ""), url),
        sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        warnings=tuple(warnings),
    )


def strip_bidi(text: str) -> str:
    """``text`` without bidi overrides and isolates, which make text display reversed."""
    return _BIDI.sub("", text)


# Country-code top-level domains that are not the country's own code.
_TLD_COUNTRY = {"uk": "GB", "su": "RU"}
# Country-code domains sold worldwide as generic ones: they say nothing of the outlet.
_GENERIC_TLDS = frozenset({"tv", "io", "me", "co", "cc", "ws", "fm", "ai", "to", "ly", "app"})


def outlet_country(declared: str, url: str | None) -> str:
    """The outlet's country: as declared in front matter, else from the URL's country domain.

    A declared ISO code ("AZ") is written out as the country's name; an unknown
    declared value is kept as written. Without either, the answer is "".
    """
    declared = declared.strip()
    if declared:
        return _country_name(declared) or declared
    host = urlsplit(url).hostname if url else None
    tld = host.rsplit(".", 1)[-1].lower() if host and "." in host else ""
    if len(tld) != 2 or tld in _GENERIC_TLDS:
        return ""
    return _country_name(_TLD_COUNTRY.get(tld, tld.upper())) or ""


def _country_name(code: str) -> str | None:
    import pycountry

    if len(code) != 2 or not code.isalpha():
        return None
    country = pycountry.countries.get(alpha_2=code.upper())
    return getattr(country, "common_name", None) or country.name if country else None


def _split_front_matter(text: str, name: str) -> tuple[dict[str, str], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.rstrip("\n").endswith("\n---"):
            end = text.rstrip("\n").rfind("\n---")
            return _parse_fields(text[4:end], name), ""
        raise ArticleError(name, "front matter", "opening '---' has no closing '---' line")
    return _parse_fields(text[4:end], name), text[end + 5 :]


def _parse_fields(block: str, name: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for number, line in enumerate(block.split("\n"), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _FIELD_RE.match(line)
        if not match:
            raise ArticleError(name, "front matter", f"line {number} is not 'key: value'")
        key, raw = match.group(1).lower(), match.group(2).strip()
        value = _unquote(raw, name, key)
        if len(value) > MAX_FIELD_CHARS:
            raise ArticleError(name, key, f"longer than {MAX_FIELD_CHARS} characters")
        if any(ord(c) < 32 for c in value):
            raise ArticleError(name, key, "contains control characters")
        fields[key] = value
    return fields


def _unquote(raw: str, name: str, key: str) -> str:
    if raw[:1] == '"':
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            raise ArticleError(name, key, "quoted value is not closed or not valid") from None
        if not isinstance(value, str):
            raise ArticleError(name, key, "quoted value is not a string")
        return value
    if raw[:1] == "'":
        if len(raw) < 2 or not raw.endswith("'"):
            raise ArticleError(name, key, "quoted value is not closed")
        return raw[1:-1].replace("''", "'")
    return raw


def _parse_date(raw: str, name: str) -> dt.date | None:
    if not raw:
        return None
    if not _DATE_RE.match(raw):
        raise ArticleError(name, "published", f"not a YYYY-MM-DD date: {raw[:40]!r}")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ArticleError(name, "published", f"impossible date: {raw!r}") from None
