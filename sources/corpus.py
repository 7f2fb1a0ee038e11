"""Loading a directory of articles and extracting every claim from it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from geo.gazetteer import Gazetteer
from geo.geocoding import Geocoder, geocoder_from_env
from sources.articles import SUFFIXES, Article, ArticleError, articles_dir, load_articles
from sources.claims import Claim
from sources.corrections import CORRECTIONS_FILE, apply_corrections, load_corrections
from sources.extraction import default_gazetteer, extract_claims

if TYPE_CHECKING:
    from sources.store import ClaimStore

__all__ = ["Corpus", "fingerprint", "load_corpus"]


@dataclass(frozen=True)
class Corpus:
    directory: str
    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    errors: tuple[ArticleError, ...]
    warnings: tuple[str, ...]

    @cached_property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({a.source_label for a in self.articles}, key=str.casefold))

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        return {claim.id: claim for claim in self.claims}


def fingerprint(directory: Path | str | None = None) -> str:
    """Changes whenever a file in the directory is added, removed or edited."""
    directory = Path(directory) if directory is not None else articles_dir()
    digest = hashlib.sha256(str(directory.resolve()).encode())
    if directory.is_dir():
        for path in sorted(directory.iterdir()):
            if path.suffix.lower() in SUFFIXES or path.name == CORRECTIONS_FILE:
                stat = path.stat()
                digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def load_corpus(
    directory: Path | str | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    geocoder: Geocoder | None = None,
    store: ClaimStore | None = None,
) -> Corpus:
    """Articles and claims from ``directory`` (default: ``$ATLAS_ARTICLES`` or bundled).

    ``geocoder`` defaults to what the settings ask for (see
    :func:`geo.geocoding.geocoder_from_env`): none, unless switched on.
    ``store`` (a :class:`sources.store.ClaimStore`) serves the claims of articles
    it has seen, so only new or edited ones are extracted. It is skipped while a
    geocoder is on (online answers change) or for another gazetteer than its own.
    """
    directory = Path(directory) if directory is not None else articles_dir()
    gazetteer = gazetteer or default_gazetteer()
    geocoder = geocoder if geocoder is not None else geocoder_from_env()
    loaded = load_articles(directory)
    claims: list[Claim] = []
    if store is not None and geocoder is None and store.gazetteer is gazetteer:
        claims.extend(store.claims_for(loaded.articles)[0])
    else:
        for article in loaded.articles:
            claims.extend(extract_claims(article, gazetteer, geocoder=geocoder))
    corrections, problems = load_corrections(directory)
    problems.extend(getattr(geocoder, "notices", ()))
    if corrections:
        claims, stale = apply_corrections(loaded.articles, claims, corrections, gazetteer)
        problems.extend(stale)
    return Corpus(
        str(directory),
        loaded.articles,
        tuple(claims),
        loaded.errors,
        (*loaded.warnings, *problems),
    )
