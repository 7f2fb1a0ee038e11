"""Where sources disagree: for each exercise, which claimed places agree and which conflict.

Two places claimed for one exercise *agree* when one lies inside the other
("Hadrut" and "Karabakh": both can be true), and *conflict* when they lie
apart ("Hadrut" and "Shusha", 35 km apart). A place is **consistent** when it
agrees with every other place claimed for its exercise, and **conflicting**
when it lies apart from at least one of them. Areas that overlap without one
holding the other (a border zone and a province) cannot be told apart by their
circles, so they count as agreeing: the summary never reports a conflict it
cannot show.

Containment is read from the gazetteer's hierarchy when a place carries one
(``parents``: the ids of the places that hold it) and otherwise from the
areas' radii: a place whose point lies within another's radius, and whose own
radius is smaller, is inside it. ``contains=`` takes the gazetteer's own rule
(``Gazetteer.contains``) where there is one.

Distances between conflicting places are the least distance between them:
centre to centre for towns, less the radius of each area, because the
distance from a sea to a country's centroid says nothing about where either is.

:func:`compare_places` (one row per exercise and place, for tables and
exports) and :func:`summarise_frame` (the page's summary) both work on the
claims table of :mod:`sources.frame`, after the view's filter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache

import numpy as np
import pandas as pd
from geopy.distance import geodesic

from geo.distance import haversine_km as _km
from geo.places import Place
from sources.claims import Claim
from sources.frame import claims_frame, exercise_names

__all__ = [
    "CONFLICTING",
    "CONSISTENT",
    "Contains",
    "Disagreement",
    "PlaceClaimed",
    "Relations",
    "compare_places",
    "contains",
    "country_label",
    "gap_km",
    "place_agreement",
    "place_label",
    "places_of",
    "relation",
    "summarise",
    "summarise_frame",
]

CONSISTENT = "consistent"
CONFLICTING = "conflicting"
# relation() answers: one of these for a pair of places.
SAME, CONTAINS, WITHIN, OVERLAPS, APART = "same", "contains", "within", "overlaps", "apart"
Contains = Callable[[Place, Place], bool]
_PARENTS_SEPARATOR = "|"
_HAS_PARENTS = "parents" in {f.name for f in fields(Place)}


@dataclass(frozen=True)
class PlaceClaimed:
    """One place claimed for one exercise, by whom, and whether it agrees with the rest."""

    place: Place
    credited: tuple[str, ...]
    outlets: tuple[str, ...]
    claims: int
    agreement: str

    @property
    def label(self) -> str:
        """The place with its country: "Astara (Iran)", never a bare "Astara"."""
        return place_label(self.place)


@dataclass(frozen=True)
class Disagreement:
    """An exercise's claimed places; ``spread_km`` is between conflicting places only."""

    exercise: str | None
    name: str
    places: tuple[PlaceClaimed, ...]
    conflicting_claims: int
    spread_km: float
    farthest: tuple[PlaceClaimed, PlaceClaimed] | None

    @property
    def disputed(self) -> bool:
        return self.conflicting_claims > 0

    @property
    def claims(self) -> int:
        return sum(p.claims for p in self.places)

    def with_agreement(self, agreement: str) -> tuple[PlaceClaimed, ...]:
        return tuple(p for p in self.places if p.agreement == agreement)


# Containment ------------------------------------------------------------------------


def contains(outer: Place, inner: Place) -> bool:
    """Does ``outer`` hold ``inner``? By the hierarchy when ``inner`` has one, else by radii.

    ``inner.parents`` (ids of its containers, all levels) decides when it names
    ``outer``. A country holds the places of that country alone. Otherwise a
    place whose point lies within ``outer``'s radius, and which is smaller, is inside.
    """
    if outer.id == inner.id:
        return True
    if outer.id in _parents(inner):
        return True
    if outer.kind == "country" and inner.country == outer.country:
        return True
    if inner.radius_km >= outer.radius_km:
        return False
    return _km(outer.lat, outer.lon, inner.lat, inner.lon) <= outer.radius_km


def relation(a: Place, b: Place, *, contains: Contains = contains) -> str:
    """How two places stand: ``same``, ``contains``, ``within``, ``overlaps`` or ``apart``."""
    if a.id == b.id:
        return SAME
    if contains(a, b):
        return CONTAINS
    if contains(b, a):
        return WITHIN
    return APART if gap_km(a, b) > 0 else OVERLAPS


def gap_km(a: Place, b: Place) -> float:
    """The least distance between two places: centres apart, less each area's radius."""
    centre = _km(a.lat, a.lon, b.lat, b.lon)
    return max(0.0, centre - _extent(a) - _extent(b))


def place_agreement(places: Sequence[Place], *, contains: Contains = contains) -> dict[str, str]:
    """Place id -> ``consistent`` or ``conflicting``, among the places of one exercise."""
    return _agreement(places, Relations(contains))


def _agreement(places: Sequence[Place], pairs: Relations) -> dict[str, str]:
    unique = list({p.id: p for p in places}.values())
    verdict = dict.fromkeys((p.id for p in unique), CONSISTENT)
    for i, a in enumerate(unique):
        for b in unique[i + 1 :]:
            if pairs.relation(a, b) == APART:
                verdict[a.id] = verdict[b.id] = CONFLICTING
    return verdict


class Relations:
    """:func:`relation` and :func:`gap_km` for pairs of places, each pair judged once: the
    same places recur across exercises and views, and ``contains`` may be a gazetteer's
    (slower) rule. Places are known by id, so one instance serves the views of one data
    version (a page keeps one per version: a filter change then judges no pair again)."""

    def __init__(self, contains: Contains = contains) -> None:
        self._contains = contains
        self._known: dict[tuple[str, str], str] = {}
        self._gaps: dict[tuple[str, str], float] = {}
        self._geodesic: dict[tuple[str, str], float] = {}

    def relation(self, a: Place, b: Place) -> str:
        key = (a.id, b.id)
        if key not in self._known:
            self._known[key] = relation(a, b, contains=self._contains)
        return self._known[key]

    def gap_km(self, a: Place, b: Place) -> float:
        key = (a.id, b.id)
        if key not in self._gaps:
            self._gaps[key] = gap_km(a, b)
        return self._gaps[key]

    def geodesic_gap_km(self, a: Place, b: Place) -> float:
        """:meth:`gap_km` on the ellipsoid (geopy's geodesic), as a person reads it."""
        key = (a.id, b.id)
        if key not in self._geodesic:
            self._geodesic[key] = _geodesic_gap(a, b)
        return self._geodesic[key]


# Over the claims table -----------------------------------------------------------------


def places_of(frame: pd.DataFrame) -> dict[str, Place]:
    """The distinct places of a claims table, rebuilt as :class:`Place` values."""
    columns = ["place_id", "place_name", "place_kind", "place_country", "lat", "lon", "radius_km"]
    parents = "place_parents" in frame.columns
    rows = frame[columns + (["place_parents"] if parents else [])].drop_duplicates("place_id")
    found = {}
    for row in rows.itertuples(index=False):
        extra = {}
        if parents and _HAS_PARENTS and isinstance(row[7], str) and row[7]:
            extra["parents"] = tuple(row[7].split(_PARENTS_SEPARATOR))
        found[row[0]] = Place(
            id=row[0],
            name=row[1],
            kind=row[2],
            country=row[3],
            lat=float(row[4]),
            lon=float(row[5]),
            radius_km=float(row[6]),
            provenance="",
            **extra,
        )
    return found


def compare_places(frame: pd.DataFrame, *, contains: Contains = contains) -> pd.DataFrame:
    """One row per exercise and place claimed as its location, with its agreement.

    ``frame`` is a claims table (:func:`sources.frame.claims_frame`), usually
    after :func:`sources.frame.filter_frame`; only exercise-location claims
    count. Columns: ``exercise``, ``exercise_name``, ``place_id``, ``place_name``,
    ``place_country``, ``country``, ``label``, ``claims``, ``outlets`` (tuple),
    ``credited`` (tuple, "X, as quoted by Y" when the outlet cites someone) and
    ``agreement`` (:data:`CONSISTENT` or :data:`CONFLICTING`); conflicting first,
    then by number of claims.
    """
    return _compare(frame, Relations(contains))


def _located(frame: pd.DataFrame) -> pd.DataFrame:
    """The exercise-location claims of ``frame``, with only the columns used here."""
    columns = [c for c in _USED if c in frame.columns]
    exercise = (frame["role"] == "exercise").to_numpy()
    table = frame[columns]
    return table if exercise.all() else table[exercise]


# The claims table's columns a comparison reads (the rest is never copied).
_USED = (
    "exercise",
    "exercise_name",
    "role",
    "outlet",
    "attributed_to",
    "place_id",
    "place_name",
    "place_kind",
    "place_country",
    "place_parents",
    "lat",
    "lon",
    "radius_km",
)


def _compare(
    frame: pd.DataFrame, pairs: Relations, places: dict[str, Place] | None = None
) -> pd.DataFrame:
    located = _located(frame)
    if located.empty:
        return pd.DataFrame(columns=_COMPARE_COLUMNS)
    places = places if places is not None else places_of(located)
    counts = located.groupby(["exercise", "place_id"], sort=False, observed=True).size()
    credits = _credits(located)
    names = exercise_names(located)
    rows = []
    for exercise, group in counts.groupby(level=0, sort=False, observed=True):
        ids = [pid for _, pid in group.index]
        verdict = _agreement([places[i] for i in ids], pairs)
        for place_id, n in zip(ids, group.to_numpy(), strict=True):
            place = places[place_id]
            outlets, credited = credits.get((exercise, place_id), ((), ()))
            rows.append(
                {
                    "exercise": exercise,
                    "exercise_name": names.get(exercise, ""),
                    "place_id": place_id,
                    "place_name": place.name,
                    "place_country": place.country,
                    "country": country_label(place.country),
                    "label": place_label(place),
                    "claims": int(n),
                    "outlets": outlets,
                    "credited": credited,
                    "agreement": verdict[place_id],
                }
            )
    table = pd.DataFrame(rows, columns=_COMPARE_COLUMNS)
    table["_calm"] = table["agreement"] != CONFLICTING
    table = table.sort_values(
        ["exercise", "_calm", "claims", "place_name"],
        ascending=[True, True, False, True],
        kind="stable",
    )
    return table.drop(columns="_calm").reset_index(drop=True)


_COMPARE_COLUMNS = [
    "exercise",
    "exercise_name",
    "place_id",
    "place_name",
    "place_country",
    "country",
    "label",
    "claims",
    "outlets",
    "credited",
    "agreement",
]


def summarise_frame(
    frame: pd.DataFrame,
    *,
    contains: Contains = contains,
    top: int | None = None,
    relations: Relations | None = None,
) -> list[Disagreement]:
    """One summary per exercise, most conflicting claims first (``top`` keeps the first few).

    ``relations`` (judged with ``contains``) may be shared between calls on one data version.
    """
    pairs = relations if relations is not None else Relations(contains)
    located = _located(frame)
    places = places_of(located)
    table = _compare(located, pairs, places)
    if table.empty:
        return []
    # One pass over the table (sorted by exercise): its rows grouped as they come.
    by_exercise: dict[str, tuple[str, list[PlaceClaimed]]] = {}
    for r in table.itertuples(index=False):
        claimed = PlaceClaimed(places[r.place_id], r.credited, r.outlets, r.claims, r.agreement)
        by_exercise.setdefault(r.exercise, (str(r.exercise_name), []))[1].append(claimed)
    summaries = []
    for exercise, (name, rows) in by_exercise.items():
        claimed = tuple(rows)
        conflicting = [p for p in claimed if p.agreement == CONFLICTING]
        km, pair = _farthest_apart(conflicting, pairs)
        summaries.append(
            Disagreement(
                exercise=exercise,
                name=name,
                places=claimed,
                conflicting_claims=sum(p.claims for p in conflicting),
                spread_km=km,
                farthest=pair,
            )
        )
    summaries.sort(key=lambda s: (-s.conflicting_claims, -s.claims, s.name, s.exercise or ""))
    return summaries[:top] if top is not None else summaries


def summarise(claims: Iterable[Claim], **kw) -> list[Disagreement]:
    """:func:`summarise_frame` over claim objects (tests and small corpora)."""
    return summarise_frame(claims_frame(claims), **kw)


# Helpers ------------------------------------------------------------------------------


def place_label(place: Place) -> str:
    """A place with its country: "Astara (Iran)"; a country is its own label."""
    if place.kind == "country":
        return place.name
    return f"{place.name} ({country_label(place.country)})"


# pycountry's official names where the short one is what readers know.
_SHORT_NAMES = {"RU": "Russia", "SY": "Syria", "MD": "Moldova", "KP": "North Korea"}


@lru_cache(maxsize=512)
def country_label(code: str) -> str:
    """A readable name for an ISO code, or for several ("AZ|IR" -> "Azerbaijan/Iran")."""
    import pycountry

    names = []
    for part in (p.strip().upper() for p in (code or "").split("|")):
        country = pycountry.countries.get(alpha_2=part) if part else None
        if country is None:
            names.append(part or "unknown country")
        else:
            names.append(
                _SHORT_NAMES.get(part) or getattr(country, "common_name", None) or country.name
            )
    return "/".join(names)


def _farthest_apart(
    conflicting: Sequence[PlaceClaimed], pairs: Relations
) -> tuple[float, tuple[PlaceClaimed, PlaceClaimed] | None]:
    """The conflicting pair farthest apart (geodesic, as a person reads it), with its gap."""
    best: tuple[float, tuple[PlaceClaimed, PlaceClaimed] | None] = (0.0, None)
    rough = []
    for i, a in enumerate(conflicting):
        for b in conflicting[i + 1 :]:
            if pairs.relation(a.place, b.place) == APART:
                rough.append((pairs.gap_km(a.place, b.place), a, b))
    if not rough:
        return best
    top = max(r[0] for r in rough)
    # The sphere and the ellipsoid differ by under 0.5%: anything within 1% may win.
    for _, a, b in (r for r in rough if r[0] >= top * 0.99):
        km = pairs.geodesic_gap_km(a.place, b.place)
        if best[1] is None or km > best[0]:
            best = (km, (a, b))
    return best


def _geodesic_gap(a: Place, b: Place) -> float:
    centre = geodesic((a.lat, a.lon), (b.lat, b.lon)).km
    return max(0.0, centre - _extent(a) - _extent(b))


def _credits(located: pd.DataFrame) -> dict[tuple[str, str], tuple[tuple, tuple]]:
    """(exercise, place) -> (outlets, credited), each in first-seen order.

    On integer codes: at 100,000 claims there are tens of thousands of distinct
    (exercise, place, outlet, source) rows but a few hundred (outlet, source) pairs, so
    each pair is labelled once and only each first-seen combination reaches Python.
    """
    columns = ("exercise", "place_id", "outlet", "attributed_to")
    factorized = [pd.factorize(located[name], use_na_sentinel=False) for name in columns]
    exercise, place, outlet, source = (c.astype(np.int64) for c, _ in factorized)
    exercises, places, outlets, sources = (list(v) for _, v in factorized)
    group = exercise * len(places) + place
    found: dict[tuple[str, str], tuple[dict[str, None], dict[str, None]]] = {}
    rows = _first_rows(group * len(outlets) + outlet)
    for e, p, o in zip(*(c[rows].tolist() for c in (exercise, place, outlet)), strict=True):
        found.setdefault((exercises[e], places[p]), ({}, {}))[0][outlets[o]] = None
    pair = outlet * len(sources) + source
    rows = _first_rows(group * (len(outlets) * len(sources)) + pair)
    labels: dict[int, str] = {}
    for e, p, o, a, k in zip(
        *(c[rows].tolist() for c in (exercise, place, outlet, source, pair)), strict=True
    ):
        if k not in labels:
            labels[k] = _credit(outlets[o], sources[a])
        found[(exercises[e], places[p])][1][labels[k]] = None
    return {key: (tuple(o), tuple(c)) for key, (o, c) in found.items()}


def _first_rows(keys: np.ndarray) -> np.ndarray:
    """The row of each distinct key's first occurrence, in row order."""
    return np.sort(np.unique(keys, return_index=True)[1])


def _credit(outlet: str, attributed: object) -> str:
    """ "X, as quoted by Y" when outlet Y credits someone else, else the outlet."""
    cited = attributed if isinstance(attributed, str) and attributed else None
    return f"{cited}, as quoted by {outlet}" if cited and cited != outlet else outlet


def _parents(place: Place) -> tuple[str, ...]:
    return tuple(getattr(place, "parents", ()) or ())


def _extent(place: Place) -> float:
    """How far from its point a place reaches: its radius for an area, none for a town."""
    return place.radius_km if place.is_area else 0.0
