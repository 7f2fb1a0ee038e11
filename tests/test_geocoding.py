"""Geocoding against a fake Nominatim on 127.0.0.1; nothing leaves the machine."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

from geo.geocoding import NominatimGeocoder, geocoder_from_env
from geo.places import Place
from sources.articles import Article
from sources.extraction import extract_claims

XYZ = {
    "lat": "39.1",
    "lon": "46.6",
    "name": "Xyzabad",
    "display_name": "Xyzabad, Somewhere",
    "osm_type": "node",
    "osm_id": 42,
    "addresstype": "village",
    "boundingbox": ["39.09", "39.11", "46.59", "46.61"],
}


class _Nominatim(BaseHTTPRequestHandler):
    requests: ClassVar[list[dict]] = []
    delay = 0.0

    def do_GET(self):
        query = parse_qs(urlparse(self.path).query)
        type(self).requests.append(
            {"q": query.get("q", [""])[0], "agent": self.headers.get("User-Agent", "")}
        )
        time.sleep(type(self).delay)
        body = json.dumps([XYZ] if query.get("q") == ["Xyzabad"] else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Nominatim.requests = []
    _Nominatim.delay = 0.0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _geocoder(domain, tmp_path, **kw):
    kw.setdefault("min_interval", 0.0)
    return NominatimGeocoder(domain=domain, scheme="http", cache_path=tmp_path / "c.json", **kw)


def test_lookup_places_a_name_with_provenance(server, tmp_path):
    place = _geocoder(server, tmp_path, user_agent="atlas-test/1")("Xyzabad")
    assert isinstance(place, Place)
    assert (place.id, place.lat, place.lon, place.kind) == ("osm:node42", 39.1, 46.6, "settlement")
    assert "OpenStreetMap" in place.provenance and place.radius_km >= 1
    assert _Nominatim.requests[0]["agent"] == "atlas-test/1"


def test_results_and_misses_are_cached_on_disk(server, tmp_path):
    first = _geocoder(server, tmp_path)
    assert first("Xyzabad") is not None
    assert first("Nowhere") is None
    again = _geocoder(server, tmp_path)
    assert again("Xyzabad") is not None and again("Nowhere") is None
    assert len(_Nominatim.requests) == 2
    assert again.calls == 0


def test_one_request_per_second_for_the_whole_process(server, tmp_path):
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    a = _geocoder(server, tmp_path, min_interval=1.0, clock=lambda: now[0], sleep=sleep)
    b = _geocoder(server, tmp_path / "b", min_interval=1.0, clock=lambda: now[0], sleep=sleep)
    a("Xyzabad")
    b("Elsewhere")
    assert waits and waits[-1] == pytest.approx(1.0)


def test_slow_server_fails_safe_fast_and_without_retries(server, tmp_path):
    _Nominatim.delay = 3.0
    geocoder = _geocoder(server, tmp_path, timeout=0.5)
    started = time.monotonic()
    assert geocoder("Xyzabad") is None
    assert time.monotonic() - started < 2.0
    assert len(_Nominatim.requests) == 1
    assert geocoder.notices and "unplaced" in geocoder.notices[0]


def test_no_network_fails_safe(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    geocoder = _geocoder(f"127.0.0.1:{port}", tmp_path, timeout=0.5)
    assert geocoder("Xyzabad") is None
    assert geocoder.notices


def test_extractor_asks_the_geocoder_only_for_unknown_sites():
    asked: list[str] = []
    xyz = Place(
        id="osm:node42",
        name="Xyzabad",
        kind="settlement",
        country="",
        lat=39.1,
        lon=46.6,
        radius_km=1,
        provenance="test",
    )

    def geocoder(name):
        asked.append(name)
        return {"Xyzabad": xyz}.get(name)

    body = "Iran and Azerbaijan held a joint drill in Xyzabad and in Shusha on Sunday."
    claims = extract_claims(Article.fake(body, language="en"), geocoder=geocoder)
    roles = {c.mention: (c.place.id, c.role) for c in claims}
    assert roles["Xyzabad"] == ("osm:node42", "exercise")
    assert roles["Shusha"][1] == "exercise"
    assert asked == ["Xyzabad"]


def test_geocoding_is_off_unless_switched_on(monkeypatch, server):
    monkeypatch.delenv("ATLAS_GEOCODER", raising=False)
    assert geocoder_from_env() is None
    monkeypatch.setenv("ATLAS_GEOCODER", "nominatim")
    monkeypatch.setenv("ATLAS_GEOCODER_URL", f"http://{server}")
    assert isinstance(geocoder_from_env(), NominatimGeocoder)
