"""Tiles, the blank background and offline assets, from settings."""

from __future__ import annotations

import re

import folium
import pytest

from geo.assets import CDN_FILES, PACKAGES, localised, missing_assets
from geo.basemap import BLANK, BasemapSettings, basemap_settings, dress
from geo.mapping import build_base_map


def _urls(m: folium.Map) -> list[str]:
    return re.findall(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"', m.get_root().render())


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, BasemapSettings()),
        ({"ATLAS_TILES_URL": "blank"}, BasemapSettings(tiles=BLANK)),
        ({"ATLAS_TILES_URL": " None "}, BasemapSettings(tiles=BLANK)),
        ({"ATLAS_OFFLINE_ASSETS": "1"}, BasemapSettings(offline_assets=True)),
        ({"ATLAS_OFFLINE_ASSETS": "0"}, BasemapSettings()),
        (
            {
                "ATLAS_TILES_URL": "https://t.example/{z}/{x}/{y}.png",
                "ATLAS_TILES_ATTRIBUTION": "© T",
            },
            BasemapSettings(tiles="https://t.example/{z}/{x}/{y}.png", attribution="© T"),
        ),
    ],
)
def test_settings_from_the_environment(env, expected):
    assert basemap_settings(env) == expected


def test_a_tile_url_needs_an_attribution():
    with pytest.raises(ValueError, match="ATLAS_TILES_ATTRIBUTION"):
        basemap_settings({"ATLAS_TILES_URL": "https://t.example/{z}/{x}/{y}.png"})


def test_by_default_the_map_uses_openstreetmap_from_the_cdn(monkeypatch):
    for name in ("ATLAS_TILES_URL", "ATLAS_OFFLINE_ASSETS"):
        monkeypatch.delenv(name, raising=False)
    html = build_base_map().get_root().render()
    assert "tile.openstreetmap.org" in html
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js" in html


def test_offline_every_asset_is_the_apps_own():
    m = dress(folium.Map(tiles=None), BasemapSettings(tiles=BLANK, offline_assets=True))
    urls = _urls(m)
    assert urls and all(u.startswith("/app/static/vendor/") for u in urls), urls
    assert "tile.openstreetmap.org" not in m.get_root().render()
    assert any("leaflet@1.9.3/dist/leaflet.js" in u for u in urls)
    assert any("topojson-client" in u for u in urls)


def test_offline_plugins_are_localised_too():
    from folium import plugins

    m = folium.Map(tiles=None)
    plugins.MarkerCluster().add_to(m)
    dress(m, BasemapSettings(offline_assets=True))
    assert all(not u.startswith("http") for u in _urls(m))


def test_the_claims_layer_brings_its_clustering_files_offline_too(monkeypatch):
    from geo.mapping import build_claims_layer

    def assets(layer) -> list[str]:
        found, todo = [], [layer]
        while todo:
            element = todo.pop()
            for attribute in ("default_js", "default_css"):
                found += [url for _, url in getattr(element, attribute, None) or ()]
            todo += list(getattr(element, "_children", {}).values())
        return found

    empty = {"type": "FeatureCollection", "features": []}
    online = assets(build_claims_layer({"marks": empty, "areas": empty}))
    assert any("markercluster" in u and u.startswith("https://") for u in online), online
    monkeypatch.setenv("ATLAS_OFFLINE_ASSETS", "1")
    offline = assets(build_claims_layer({"marks": empty, "areas": empty}))
    assert any("markercluster" in u for u in offline), offline
    assert all(u.startswith("/app/static/vendor/") for u in offline), offline


def test_every_cdn_file_comes_from_a_fetched_package():
    specs = {p.spec: p for p in PACKAGES}
    for url, (spec, path) in CDN_FILES.items():
        assert spec in specs, url
        assert any(path == f or path.startswith(f + "/") for f in specs[spec].files), url
        assert localised(url) and localised(url).endswith(path)
    assert localised("https://unknown.example/x.js") is None


def test_missing_assets_lists_what_is_not_fetched(tmp_path):
    missing = missing_assets(tmp_path)
    assert "leaflet@1.9.3/dist/leaflet.js" in missing
    assert len(missing) == sum(len(p.files) for p in PACKAGES)
