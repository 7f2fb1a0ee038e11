"""Claim.at builds the same claim as the dataclass constructor, field for field."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from geo.places import Place
from sources.articles import Article
from sources.claims import Claim

BAKU = Place(
    id="gn:587084",
    name="Baku",
    kind="settlement",
    country="Azerbaijan",
    lat=40.3777,
    lon=49.892,
    radius_km=0.5,
    provenance="test",
)
BODY = "Drills were held near Baku on Monday. Iran said so."


@pytest.mark.parametrize(
    "article",
    [
        Article.fake(BODY),
        Article.fake(BODY, outlet="", url="https://example.org/a", outlet_country="AZ"),
        Article.fake(BODY, published=dt.date(2024, 11, 25), title="Drills"),
    ],
)
@pytest.mark.parametrize(
    "extra",
    [{}, {"attributed_to": "Iran", "status": "accepted", "note": "n", "hierarchy": ("AZ",)}],
)
def test_at_equals_the_constructor(article: Article, extra: dict[str, object]) -> None:
    claim = Claim.at(
        article,
        span=(22, 26),
        sentence=(0, 37),
        place=BAKU,
        role="exercise",
        exercise="aras-2025",
        exercise_name="Aras-2025",
        **extra,  # type: ignore[arg-type]
    )
    expected = Claim(
        article_id=article.id,
        file=article.path,
        outlet=article.source_label,
        published=article.published,
        url=article.url,
        mention="Baku",
        start=22,
        end=26,
        sentence="Drills were held near Baku on Monday.",
        sentence_start=0,
        place=BAKU,
        role="exercise",
        exercise="aras-2025",
        precision_km=1.0,
        exercise_name="Aras-2025",
        outlet_country=article.outlet_country,
        **{"attributed_to": None, **extra},  # type: ignore[arg-type]
    )
    assert claim == expected
    assert hash(claim) == hash(expected)
    assert vars(claim).keys() == {f.name for f in dataclasses.fields(Claim)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.role = "context"  # type: ignore[misc]
