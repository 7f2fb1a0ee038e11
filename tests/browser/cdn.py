"""Serve folium's CDN assets from npm tarballs, so a browser test needs no internet.

folium (and streamlit-folium) put ``<script src>``/``<link href>`` tags for
public CDNs into the map page. This machine reaches only package registries, so
:class:`CdnRouter` answers those URLs from packages fetched once with
``npm pack PKG@VER`` into ``tests/.cache/npm`` (git-ignored):

* a known CDN URL -> the matching file of the npm tarball, with its content type;
* a map tile (OpenStreetMap, CARTO, ...) -> a 1x1 transparent PNG;
* ``127.0.0.1`` -> passed through (the Streamlit server under test);
* anything else -> aborted and recorded in :attr:`CdnRouter.blocked`, so a test
  can assert that nothing left the machine. A CDN URL this module cannot map is
  recorded there too, with a reason saying so: it fails loudly, never silently;
* a known CDN package's URL naming a file the package lacks -> 404, as the CDN
  would answer, recorded in :attr:`CdnRouter.missing`.

:func:`folium_cdn_urls` renders a map with the features the app uses and lists
the URLs the installed folium emits; ``test_e2e.py`` checks that each one, and
each image or font its CSS points to, resolves to a local file.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import struct
import subprocess
import tarfile
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

__all__ = [
    "CACHE_DIR",
    "TRANSPARENT_PNG",
    "Blocked",
    "CdnRouter",
    "MissingCdnFile",
    "NpmStore",
    "UnknownCdnUrl",
    "css_references",
    "folium_cdn_urls",
    "is_tile",
    "make_route_handler",
    "resolve",
]

TESTS_DIR = Path(__file__).resolve().parents[1]
CACHE_DIR = TESTS_DIR / ".cache" / "npm"
LOCAL_HOSTS = frozenset({"127.0.0.1"})


class UnknownCdnUrl(LookupError):
    """A URL that no rule in this module maps to a local file."""


class MissingCdnFile(UnknownCdnUrl):
    """A URL of a known CDN package naming a file the package does not have.

    The real CDN answers such a URL with 404, so the router does too (and records it).
    """


# --------------------------------------------------------------------------- npm


class NpmStore:
    """npm packages unpacked under ``cache_dir``, fetched on first use with ``npm pack``."""

    def __init__(self, cache_dir: Path = CACHE_DIR) -> None:
        self.cache_dir = Path(cache_dir)
        self._lock = threading.Lock()
        self._dirs: dict[str, Path] = {}

    def package_dir(self, spec: str) -> Path:
        """The unpacked ``package/`` directory of ``spec`` (``name@version-or-range``)."""
        with self._lock:
            if spec in self._dirs:
                return self._dirs[spec]
            target = self.cache_dir / re.sub(r"[^A-Za-z0-9._@+-]", "_", spec)
            if not (target / "package" / "package.json").is_file():
                self._fetch(spec, target)
            self._dirs[spec] = target / "package"
            return target / "package"

    def version(self, spec: str) -> str:
        """The exact version ``spec`` resolved to (read from its package.json)."""
        meta = json.loads((self.package_dir(spec) / "package.json").read_text("utf-8"))
        return f"{meta['name']}@{meta['version']}"

    def _fetch(self, spec: str, target: Path) -> None:
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError(f"npm is not installed; cannot fetch {spec} for the browser tests")
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.cache_dir, prefix=".tmp-") as tmp:
            tmp_path = Path(tmp)
            proc = subprocess.run(
                [npm, "pack", spec, "--pack-destination", str(tmp_path), "--json"],
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=180,
                check=False,
            )
            if proc.returncode != 0:
                raise RuntimeError(f"npm pack {spec} failed:\n{proc.stderr[-2000:]}")
            tarballs = list(tmp_path.glob("*.tgz"))
            if len(tarballs) != 1:
                raise RuntimeError(f"npm pack {spec} produced {tarballs!r}")
            unpacked = tmp_path / "unpacked"
            with tarfile.open(tarballs[0]) as tar:
                tar.extractall(unpacked, filter="data")
            roots = [p for p in unpacked.iterdir() if p.is_dir()]
            if len(roots) != 1:  # npm tarballs hold one top folder, usually "package"
                raise RuntimeError(f"unexpected layout in the {spec} tarball: {roots!r}")
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            roots[0].rename(target / "package")


# ------------------------------------------------------------------ URL -> file


@dataclass(frozen=True)
class Asset:
    """Where a CDN URL is answered from: a file in an npm package, or generated bytes."""

    url: str
    source: str  # "npm:name@spec/path", "folium:templates/x" or "generated:..."
    body: bytes
    content_type: str


_TYPES = {
    ".js": "application/javascript; charset=utf-8",
    ".mjs": "application/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".png": "image/png",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
}


def _content_type(path: str) -> str:
    return _TYPES.get(Path(path).suffix.lower(), "application/octet-stream")


def _npm_rule(pattern: str, spec: Callable[[re.Match[str]], str], path: str) -> tuple:
    return (re.compile(pattern), spec, path)


# Each rule: URL regex (matched against scheme://host/path, query dropped) -> npm spec
# and the path inside the package. The folium 0.20.0 URLs this covers are listed in
# README.md; substitutions (a CDN version npm does not have) are noted inline.
_NPM_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str], str]] = [
    # jsDelivr / unpkg npm mirrors: the URL names the package, version and path.
    _npm_rule(
        r"https://cdn\.jsdelivr\.net/npm/(?P<pkg>(?:@[^/@]+/)?[^/@]+)(?:@(?P<ver>[^/]+))?(?:/(?P<path>.*))?$",
        lambda m: f"{m['pkg']}@{m['ver'] or 'latest'}",
        "{path}",
    ),
    _npm_rule(
        r"https://unpkg\.com/(?P<pkg>(?:@[^/@]+/)?[^/@]+)(?:@(?P<ver>[^/]+))?(?:/(?P<path>.*))?$",
        lambda m: f"{m['pkg']}@{m['ver'] or 'latest'}",
        "{path}",
    ),
    # jQuery's own CDN and cdnjs.
    _npm_rule(
        r"https://code\.jquery\.com/jquery-(?P<ver>\d+\.\d+\.\d+)(?P<min>\.min)?\.js$",
        lambda m: f"jquery@{m['ver']}",
        "dist/jquery{min}.js",
    ),
    _npm_rule(
        r"https://cdnjs\.cloudflare\.com/ajax/libs/jquery/(?P<ver>[^/]+)/(?P<path>.+)$",
        lambda m: f"jquery@{m['ver']}",
        "dist/{path}",
    ),
    # cdnjs has Leaflet.awesome-markers 2.0.2; npm has 2.0.0/2.0.4/2.0.5 of the same
    # 2.0.x line (dist/ identical in layout, images alongside the CSS).
    _npm_rule(
        r"https://cdnjs\.cloudflare\.com/ajax/libs/Leaflet\.awesome-markers/2\.0\.2/(?P<path>.+)$",
        lambda m: "leaflet.awesome-markers@2.0.5",
        "dist/{path}",
    ),
    _npm_rule(
        r"https://cdnjs\.cloudflare\.com/ajax/libs/leaflet\.markercluster/(?P<ver>[^/]+)/(?P<path>.+)$",
        lambda m: f"leaflet.markercluster@{m['ver']}",
        "dist/{path}",
    ),
    # branca colormaps (folium) and streamlit-folium's colormap support.
    _npm_rule(
        r"https://cdnjs\.cloudflare\.com/ajax/libs/d3/(?P<ver>3\.[^/]+)/(?P<path>.+)$",
        lambda m: f"d3@{m['ver']}",
        "{path}",
    ),
    _npm_rule(
        r"https://d3js\.org/d3\.v(?P<major>\d+)(?P<min>\.min)?\.js$",
        lambda m: f"d3@{m['major']}",
        "build/d3{min}.js",
    ),
    # Glyphicon fonts for folium.Icon's default "glyphicon" prefix: the CSS itself is
    # generated below; the fonts come from the oldest Bootstrap 3 on npm (3.1.1).
    _npm_rule(
        r"https://netdna\.bootstrapcdn\.com/bootstrap/3\.0\.0/fonts/(?P<path>[^/]+)$",
        lambda m: "bootstrap@3.1.1",
        "dist/fonts/{path}",
    ),
]

GLYPHICONS_CSS_URL = "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css"
_FOLIUM_TEMPLATE_RE = re.compile(
    r"https://cdn\.jsdelivr\.net/gh/python-visualization/folium(?:@[^/]+)?/folium/templates/"
    r"(?P<name>[^/]+)$"
)

_TILE_HOSTS = (
    "tile.openstreetmap.org",
    "tile.openstreetmap.fr",
    "tile.openstreetmap.de",
    "basemaps.cartocdn.com",
    "cartocdn.com",
    "arcgisonline.com",
    "tile.opentopomap.org",
    "tiles.stadiamaps.com",
    "tile.thunderforest.com",
    "tiles.mapbox.com",
    "tiles.wmflabs.org",
    "tile.memomaps.de",
)


def is_tile(url: str) -> bool:
    """True for a request to a known map-tile host (answered with a blank PNG)."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in _TILE_HOSTS)


def _png_1x1_transparent() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)  # 1x1, 8-bit RGBA
    pixels = zlib.compress(b"\x00" + b"\x00\x00\x00\x00")  # filter 0, one clear pixel
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


TRANSPARENT_PNG = _png_1x1_transparent()


def _css_rules(css: str) -> Iterable[tuple[str, str]]:
    """Top-level ``selector { body }`` pairs of a CSS file without nested blocks."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for match in re.finditer(r"([^{}]+)\{([^{}]*)\}", css):
        yield match.group(1).strip(), match.group(2).strip()


def _glyphicons_css(store: NpmStore) -> bytes:
    """Only the Glyphicons rules of Bootstrap 3 (the 3.0.0 CDN file had just those).

    Font URLs stay relative (``../fonts/...``), so the browser asks the same CDN
    folder for them and the bootstrap@3.1.1 fonts answer.
    """
    full = (store.package_dir("bootstrap@3.1.1") / "dist" / "css" / "bootstrap.css").read_text(
        "utf-8"
    )
    kept = [
        f"{selector} {{{body}}}"
        for selector, body in _css_rules(full)
        if "glyphicon" in selector or (selector == "@font-face" and "Glyphicons" in body)
    ]
    if len(kept) < 100:
        raise RuntimeError("could not extract the Glyphicons rules from bootstrap@3.1.1")
    return ("/* generated from bootstrap@3.1.1 for tests */\n" + "\n".join(kept)).encode()


def _rotate_css() -> bytes:
    """folium's leaflet.awesome.rotate CSS: ``fa-rotate-N`` turns an icon by N degrees.

    folium.Icon(angle=N) adds the class ``fa-rotate-N``; the file lives in folium's
    GitHub repository only (not in the wheel, not on npm), so it is generated here.
    """
    rules = [f".fa-rotate-{n}{{transform:rotate({n}deg)}}" for n in range(-360, 361)]
    return ("/* generated for tests */\n" + "\n".join(rules)).encode()


def _find_in_package(root: Path, rel: str) -> Path | None:
    """``rel`` inside ``root``; jsDelivr-style ``.min`` fallback to the plain file."""
    rel = rel.lstrip("/")
    candidates = [rel]
    for ext in (".js", ".css"):
        if rel.endswith(".min" + ext):
            candidates.append(rel[: -len(".min" + ext)] + ext)
    for cand in candidates:
        path = (root / cand).resolve()
        if path.is_file() and root.resolve() in path.parents:
            return path
    return None


def _package_entry(root: Path) -> str:
    meta = json.loads((root / "package.json").read_text("utf-8"))
    for key in ("jsdelivr", "unpkg", "browser", "main"):
        if isinstance(meta.get(key), str):
            return meta[key]
    return "index.js"


def resolve(url: str, store: NpmStore | None = None) -> Asset:
    """The local answer for a CDN ``url``; raises :class:`UnknownCdnUrl` if there is none."""
    store = store or _default_store()
    parts = urlsplit(url)
    bare = f"{parts.scheme}://{parts.netloc}{parts.path}"

    if bare == GLYPHICONS_CSS_URL:
        return Asset(
            url, "generated:glyphicons from bootstrap@3.1.1", _glyphicons_css(store), _TYPES[".css"]
        )
    folium_match = _FOLIUM_TEMPLATE_RE.match(bare)
    if folium_match:
        name = folium_match["name"]
        if name == "leaflet.awesome.rotate.min.css":
            return Asset(url, "generated:fa-rotate-N", _rotate_css(), _TYPES[".css"])
        import folium

        local = Path(folium.__file__).parent / "templates" / name
        if local.is_file():
            return Asset(url, f"folium:templates/{name}", local.read_bytes(), _content_type(name))
        raise UnknownCdnUrl(f"{url}: not among the installed folium's templates")

    for pattern, spec_of, path_template in _NPM_RULES:
        match = pattern.match(bare)
        if not match:
            continue
        spec = spec_of(match)
        groups = {k: v or "" for k, v in match.groupdict().items()}
        rel = path_template.format(**groups)
        try:
            root = store.package_dir(spec)
        except RuntimeError as exc:
            raise UnknownCdnUrl(f"{url}: {exc}") from exc
        if not rel:
            rel = _package_entry(root)
        found = _find_in_package(root, rel)
        if found is None:
            raise MissingCdnFile(f"{url}: no {rel!r} in npm package {spec}")
        return Asset(
            url,
            f"npm:{spec}/{found.relative_to(root)}",
            found.read_bytes(),
            _content_type(found.name),
        )
    raise UnknownCdnUrl(f"{url}: no rule maps this CDN URL to an npm package (see cdn.py)")


_STORE: NpmStore | None = None


def _default_store() -> NpmStore:
    global _STORE
    if _STORE is None:
        _STORE = NpmStore()
    return _STORE


def css_references(css_url: str, css: str) -> list[str]:
    """Absolute URLs of the images and fonts a stylesheet points to (``url(...)``)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    refs = []
    for raw in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css):
        if raw.startswith(("data:", "#")):
            continue
        full = urljoin(css_url, raw)
        refs.append(f"{urlsplit(full).scheme}://{urlsplit(full).netloc}{urlsplit(full).path}")
    return sorted(set(refs))


# ------------------------------------------------------------- folium discovery


def folium_cdn_urls() -> list[str]:
    """Every CDN URL the installed folium/streamlit-folium put in a map like the app's.

    A map with Marker (+ Icon, Popup, Tooltip, title), Circle, CircleMarker,
    MarkerCluster, FastMarkerCluster, a branca colormap legend and a LayerControl is
    rendered; the ``<script src>``/``<link href>`` it emits are collected, plus the
    default_js/default_css that streamlit-folium hands its component (the same
    lists, and d3 for colormaps).
    """
    import branca.colormap
    import folium
    from folium import plugins

    m = folium.Map(location=[39.5, 47.0], zoom_start=7)
    folium.Marker(
        [39.52, 47.03],
        title="t",
        popup=folium.Popup("p"),
        tooltip="tt",
        icon=folium.Icon(color="red", icon="info-sign"),
    ).add_to(m)
    folium.Marker([39.6, 47.0], icon=folium.Icon(prefix="fa", icon="flag", angle=30)).add_to(m)
    folium.Circle([39.44, 47.4], radius=5000, tooltip="c").add_to(m)
    folium.CircleMarker([39.4, 47.3], radius=5).add_to(m)
    cluster = plugins.MarkerCluster().add_to(m)
    folium.Marker([39.3, 47.1]).add_to(cluster)
    plugins.FastMarkerCluster([[39.0, 47.0]]).add_to(m)
    branca.colormap.LinearColormap(["red", "blue"], caption="legend").add_to(m)
    folium.LayerControl().add_to(m)
    html = m.get_root().render()
    urls = set(re.findall(r'<(?:script|link)\b[^>]*?(?:src|href)="(https?://[^"]+)"', html))
    for cls in (folium.Map, folium.Marker, plugins.MarkerCluster, plugins.FastMarkerCluster):
        for _, url in [*getattr(cls, "default_js", []), *getattr(cls, "default_css", [])]:
            urls.add(url)
    # streamlit_folium.st_folium adds these two for any branca ColorMap.
    urls.update(
        {
            "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js",
            "https://d3js.org/d3.v4.min.js",
        }
    )
    return sorted(urls)


# ----------------------------------------------------------------------- router


@dataclass(frozen=True)
class Blocked:
    """A request that was not answered: it would have left the machine."""

    url: str
    resource_type: str
    reason: str

    def __str__(self) -> str:
        return f"{self.reason}: {self.resource_type} {self.url}"


@dataclass
class CdnRouter:
    """A Playwright route handler: local passes, CDN is served, tiles blank, rest aborted.

    Install with ``context.route("**/*", router.serve)`` (or :meth:`install`).
    After a test, :attr:`blocked` must be empty: each entry is a request that
    would have gone to a non-local host, or a CDN URL with no local copy.
    """

    store: NpmStore = field(default_factory=_default_store)
    local_hosts: frozenset[str] = LOCAL_HOSTS
    served: list[str] = field(default_factory=list)
    tiles: list[str] = field(default_factory=list)
    blocked: list[Blocked] = field(default_factory=list)
    missing: list[Blocked] = field(default_factory=list)

    def install(self, context) -> CdnRouter:
        context.route("**/*", self.serve)
        return self

    def serve(self, route) -> None:
        request = route.request
        url = request.url
        parts = urlsplit(url)
        try:
            if parts.scheme in ("data", "blob", "about"):
                route.continue_()
                return
            if parts.scheme in ("http", "https", "ws", "wss") and (
                (parts.hostname or "") in self.local_hosts
            ):
                route.continue_()
                return
            if parts.scheme in ("http", "https") and is_tile(url):
                self.tiles.append(url)
                route.fulfill(
                    status=200,
                    body=TRANSPARENT_PNG,
                    content_type="image/png",
                    headers={"Access-Control-Allow-Origin": "*"},
                )
                return
            try:
                asset = resolve(url, self.store)
            except MissingCdnFile as exc:
                self.missing.append(Blocked(url, request.resource_type, f"404 ({exc})"))
                route.fulfill(
                    status=404,
                    body=b"not found",
                    content_type="text/plain",
                    headers={"Access-Control-Allow-Origin": "*"},
                )
                return
            except UnknownCdnUrl as exc:
                reason = "UNKNOWN CDN URL" if _looks_like_cdn(url) else "NON-LOCAL REQUEST"
                self.blocked.append(Blocked(url, request.resource_type, f"{reason} ({exc})"))
                route.abort("blockedbyclient")
                return
            self.served.append(url)
            route.fulfill(
                status=200,
                body=asset.body,
                content_type=asset.content_type,
                headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "max-age=3600"},
            )
        except Exception as exc:  # never let a handler error hang the page
            self.blocked.append(Blocked(url, request.resource_type, f"ROUTER ERROR {exc!r}"))
            with contextlib.suppress(Exception):  # the route may already be handled
                route.abort("failed")

    def unexpected_missing(self) -> list[Blocked]:
        """404s other than Leaflet's known default-icon guess (see :data:`LEAFLET_ICON_QUIRK`)."""
        return [b for b in self.missing if not LEAFLET_ICON_QUIRK.search(b.url)]

    def report(self) -> str:
        lines = [f"served {len(self.served)} CDN files, {len(self.tiles)} tiles"]
        lines += [f"  BLOCKED {b}" for b in self.blocked]
        lines += [f"  MISSING {b}" for b in self.missing]
        return "\n".join(lines)


# folium adds every Marker with Leaflet's default icon, then swaps in its Icon. Leaflet
# 1.9.3 works out the default icon's folder from leaflet.css; inside streamlit-folium the
# CSS is not applied yet at that moment, so Leaflet falls back to a wrong guess
# (".../dist" + "marker-icon.png") and asks the CDN for these two files, which 404 on
# the real CDN as well. Harmless for folium.Icon markers (the image is replaced at once);
# a plain folium.Marker() keeps the broken image, which assert_map_drawn() catches.
LEAFLET_ICON_QUIRK = re.compile(r"/npm/leaflet@[^/]+/distmarker-(?:icon|icon-2x|shadow)\.png$")


_CDN_HOSTS = (
    "cdn.jsdelivr.net",
    "unpkg.com",
    "cdnjs.cloudflare.com",
    "code.jquery.com",
    "netdna.bootstrapcdn.com",
    "maxcdn.bootstrapcdn.com",
    "stackpath.bootstrapcdn.com",
    "d3js.org",
    "ajax.googleapis.com",
)


def _looks_like_cdn(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in _CDN_HOSTS)


def make_route_handler(store: NpmStore | None = None) -> tuple[Callable, CdnRouter]:
    """``(handler, router)``: pass ``handler`` to ``context.route("**/*", ...)``."""
    router = CdnRouter(store=store or _default_store())
    return router.serve, router
