"""Optional online geocoding of names the offline gazetteer lacks (Nominatim via geopy).

Off by default. ``ATLAS_GEOCODER=nominatim`` switches it on. It follows the
Nominatim usage policy: an identifying user agent, at most one request per
second for the whole process, results cached on disk (misses too), and every
call bounded in time with no retries. When the network is absent or slow it
fails safe: the name stays unplaced and a notice says why.

The network is a parameter: anything callable as ``geocoder(name) -> Place |
None`` can stand in, and tests point :class:`NominatimGeocoder` at a fake
server on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from geopy.adapters import RequestsAdapter
from geopy.exc import GeopyError
from geopy.geocoders import Nominatim

from geo.cachedir import cache_dir
from geo.places import Place

__all__ = ["Geocoder", "NominatimGeocoder", "geocoder_from_env"]

Geocoder = Callable[[str], Place | None]
USER_AGENT = "exercise-atlas/0.1 (news exercise-location map; contact via the project page)"
MIN_INTERVAL_S = 1.0
TIMEOUT_S = 4.0
_KINDS = {
    "city": "settlement",
    "town": "settlement",
    "village": "settlement",
    "hamlet": "settlement",
    "suburb": "settlement",
    "county": "district",
    "district": "district",
    "municipality": "district",
    "state": "province",
    "province": "province",
    "region": "region",
    "country": "country",
    "island": "island",
    "river": "river",
    "sea": "sea",
    "bay": "sea",
    "strait": "sea",
}


class _RateLimit:
    """One request per ``interval`` seconds across every geocoder in the process."""

    _lock = threading.Lock()
    _last = -math.inf

    @classmethod
    def wait(cls, interval: float, clock: Callable[[], float], sleep: Callable[[float], None]):
        with cls._lock:
            delay = cls._last + interval - clock()
            if delay > 0:
                sleep(delay)
            cls._last = clock()


class NominatimGeocoder:
    """``geocoder(name) -> Place | None`` backed by Nominatim, cached and rate-limited."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        domain: str = "nominatim.openstreetmap.org",
        scheme: str = "https",
        timeout: float = TIMEOUT_S,
        cache_path: Path | None = None,
        min_interval: float = MIN_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        # max_retries=0: urllib3 would otherwise retry twice, tripling the wait offline.
        adapter = partial(RequestsAdapter, max_retries=0)
        self._client = Nominatim(
            user_agent=user_agent,
            domain=domain,
            scheme=scheme,
            timeout=timeout,
            adapter_factory=adapter,
        )
        self._cache_path = cache_path or cache_dir() / "nominatim.json"
        self._cache: dict[str, dict[str, Any] | None] = _read_cache(self._cache_path)
        self._interval = min_interval
        self._clock, self._sleep = clock, sleep
        self.notices: list[str] = []
        self.calls = 0

    def __call__(self, name: str) -> Place | None:
        key = " ".join(name.split())[:200]
        if key in self._cache:
            return _place(key, self._cache[key])
        _RateLimit.wait(self._interval, self._clock, self._sleep)
        self.calls += 1
        try:
            found = self._client.geocode(key, exactly_one=True)
        except (GeopyError, OSError, ValueError, TypeError, KeyError) as exc:
            self.notices.append(f"Geocoding {key!r} failed ({type(exc).__name__}); left unplaced.")
            return None  # not cached: the network may come back
        raw = dict(found.raw) if found is not None else None
        if raw is not None:
            raw["looked_up"] = dt.date.today().isoformat()
        self._cache[key] = raw
        _write_cache(self._cache_path, self._cache)
        return _place(key, raw)


def _place(name: str, raw: dict[str, Any] | None) -> Place | None:
    if not raw:
        return None
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    kind = _KINDS.get(str(raw.get("addresstype") or raw.get("type") or ""), "settlement")
    osm = f"{raw.get('osm_type', 'x')}{raw.get('osm_id', '')}"
    return Place(
        id=f"osm:{osm}",
        name=str(raw.get("name") or name)[:120],
        kind=kind,
        country="",
        lat=lat,
        lon=lon,
        radius_km=_radius(raw, kind),
        provenance=(
            f"Nominatim lookup of {name!r} on {raw.get('looked_up', 'an earlier day')}; "
            "data © OpenStreetMap contributors, ODbL"
        ),
        aliases=(name,),
    )


def _radius(raw: dict[str, Any], kind: str) -> float:
    try:
        south, north, west, east = (float(v) for v in raw["boundingbox"])
    except (KeyError, TypeError, ValueError):
        return 5.0 if kind == "settlement" else 50.0
    height = (north - south) * 111.0
    width = (east - west) * 111.0 * math.cos(math.radians((north + south) / 2))
    return max(1.0, round(math.hypot(height, width) / 2, 1))


def _read_cache(path: Path) -> dict[str, dict[str, Any] | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_cache(path: Path, cache: dict[str, dict[str, Any] | None]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
        ) as handle:
            json.dump(cache, handle, ensure_ascii=False)
        os.replace(handle.name, path)
    except OSError:
        pass  # a cache that cannot be written only costs a repeat lookup


def geocoder_from_env() -> NominatimGeocoder | None:
    """The geocoder the settings ask for: ``ATLAS_GEOCODER=nominatim``, else None.

    ``ATLAS_GEOCODER_URL`` (e.g. ``http://127.0.0.1:8080``) points it at another
    Nominatim-compatible server; ``ATLAS_GEOCODER_USER_AGENT`` sets the agent.
    """
    if os.environ.get("ATLAS_GEOCODER", "").strip().lower() != "nominatim":
        return None
    url = os.environ.get("ATLAS_GEOCODER_URL", "https://nominatim.openstreetmap.org")
    scheme, _, domain = url.partition("://")
    return NominatimGeocoder(
        user_agent=os.environ.get("ATLAS_GEOCODER_USER_AGENT", USER_AGENT),
        domain=domain.rstrip("/") or "nominatim.openstreetmap.org",
        scheme=scheme or "https",
    )
