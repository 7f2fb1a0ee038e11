"""What the map is drawn on, from settings: tiles, or a blank background, and where
Leaflet and its plugins load from.

* ``ATLAS_TILES_URL``: a tile URL template (``https://.../{z}/{x}/{y}.png``) with
  ``ATLAS_TILES_ATTRIBUTION`` (HTML, the operator's own text; required by the
  tiles' terms); unset means OpenStreetMap. ``blank`` draws no tiles at all:
  land, coastlines and borders from Natural Earth (the npm package
  ``world-atlas``, served by the app), so an air-gapped map still shows where
  things are.
* ``ATLAS_OFFLINE_ASSETS=1``: Leaflet, its plugins, CSS and fonts from the app's
  own static files (:mod:`geo.assets`) instead of public CDNs.

:func:`dress` applies both to a base map; the settings are a parameter, read
from the environment by default.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.assets import STATIC_URL, local_url, localised

__all__ = [
    "BLANK",
    "BasemapSettings",
    "BlankBackground",
    "basemap_settings",
    "dress",
    "localise",
]

BLANK = "blank"
ENV_TILES = "ATLAS_TILES_URL"
ENV_ATTRIBUTION = "ATLAS_TILES_ATTRIBUTION"
ENV_OFFLINE = "ATLAS_OFFLINE_ASSETS"
ENV_STATIC_URL = "ATLAS_STATIC_URL"
WATER = "#dbe6ee"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BasemapSettings:
    tiles: str = "OpenStreetMap"  # a folium tile name, a URL template, or BLANK
    attribution: str | None = None
    offline_assets: bool = False
    static_url: str = STATIC_URL

    @property
    def blank(self) -> bool:
        return self.tiles == BLANK


def basemap_settings(env: Mapping[str, str] | None = None) -> BasemapSettings:
    """The settings from ``env`` (the process environment by default)."""
    env = os.environ if env is None else env
    tiles = (env.get(ENV_TILES) or "").strip() or "OpenStreetMap"
    if tiles.lower() in (BLANK, "none"):
        tiles = BLANK
    attribution = (env.get(ENV_ATTRIBUTION) or "").strip() or None
    if "{z}" in tiles and attribution is None:
        raise ValueError(f"{ENV_TILES} is a tile URL, so {ENV_ATTRIBUTION} must credit its source.")
    return BasemapSettings(
        tiles=tiles,
        attribution=attribution,
        offline_assets=(env.get(ENV_OFFLINE) or "").strip().lower() in ("1", "true", "yes"),
        static_url=(env.get(ENV_STATIC_URL) or "").strip() or STATIC_URL,
    )


class BlankBackground(JSCSSMixin, MacroElement):
    """Land, coastlines and country borders drawn from Natural Earth TopoJSON.

    The file and its decoder are the app's own static files (``python -m geo.assets
    fetch``); the layer sits in a pane under every overlay and never takes clicks.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
    const map = {{ this._parent.get_name() }};
    map.getContainer().style.background = {{ this.water|tojson }};
    const pane = map.createPane('atlas-background');
    pane.style.zIndex = 150;
    pane.style.pointerEvents = 'none';
    fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(function (topo) {
        const style = {pane: 'atlas-background', interactive: false};
        L.geoJSON(topojson.feature(topo, topo.objects.land), Object.assign({
            style: {color: '#7a8794', weight: 0.8, fillColor: '#fbfaf7', fillOpacity: 1}
        }, style)).addTo(map);
        L.geoJSON(topojson.mesh(topo, topo.objects.countries, function (a, b) { return a !== b; }),
            Object.assign({style: {color: '#8c96a0', weight: 0.9, dashArray: '4 3'}}, style)
        ).addTo(map);
    });
})();
{% endmacro %}
"""
    )

    def __init__(self, *, static_url: str = STATIC_URL) -> None:
        super().__init__()
        self._name = "BlankBackground"
        self.url = local_url("world-atlas@2.0.2", "countries-50m.json", base=static_url)
        self.water = WATER
        self.default_js = [
            (
                "topojson_client",
                local_url("topojson-client@3.1.0", "dist/topojson-client.min.js", base=static_url),
            )
        ]


def dress(m: folium.Map, settings: BasemapSettings | None = None) -> folium.Map:
    """Add ``m``'s background (tiles or blank) and, offline, point its assets at the app."""
    settings = settings or basemap_settings()
    if settings.blank:
        BlankBackground(static_url=settings.static_url).add_to(m)
    else:
        folium.TileLayer(settings.tiles, attr=settings.attribution).add_to(m)
    if settings.offline_assets:
        _localise(m, settings.static_url)
    return m


def localise(element, settings: BasemapSettings | None = None):  # type: ignore[no-untyped-def]
    """Point ``element``'s CDN assets (and its children's) at the app's copies when the
    settings ask for offline assets. For layers built apart from the base map, such as
    the feature group ``st_folium`` adds to it each run."""
    settings = settings or basemap_settings()
    if settings.offline_assets:
        _localise(element, settings.static_url)
    return element


def _localise(m: folium.Map, static_url: str) -> None:
    """Every CDN asset of ``m`` and its children -> the app's copy; the rest dropped."""
    for element in _walk(m):
        for attribute in ("default_js", "default_css"):
            assets = getattr(element, attribute, None)
            if not assets:
                continue
            kept = []
            for name, url in assets:
                local = url if url.startswith(static_url) else localised(url, base=static_url)
                if local is None:
                    _log.info("offline assets: left out %s (no local copy)", url)
                else:
                    kept.append((name, local))
            setattr(element, attribute, kept)


def _walk(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)
