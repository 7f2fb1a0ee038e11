"""The map's JavaScript, CSS, fonts and outline data, served by the app itself.

folium points ``<script>``/``<link>`` tags at public CDNs. On a newsroom's closed
network those never load, so with ``ATLAS_OFFLINE_ASSETS=1`` the base map's
asset URLs are rewritten to copies that Streamlit serves from ``static/``
(``server.enableStaticServing``). The copies come from npm packages, fetched
once at set-up by ``python -m geo.assets fetch`` (``npm pack``, the npm
registry only) into ``static/vendor/`` (not committed: they are other
projects' files, and pinned here by version).

Two folium stylesheets exist on no npm package (Bootstrap 3.0.0's Glyphicons
CSS and folium's own ``leaflet.awesome.rotate`` CSS); they style only
``folium.Icon`` glyphs and rotation, which the atlas does not use, so offline
they are left out, as is any CDN URL this table does not know: offline, the
page never asks the outside world for anything.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "PACKAGES",
    "STATIC_DIR",
    "VENDOR_DIR",
    "AssetError",
    "fetch_assets",
    "local_url",
    "missing_assets",
]

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
# Where Streamlit serves STATIC_DIR (see .streamlit/config.toml).
STATIC_URL = "/app/static/"


class AssetError(RuntimeError):
    """Fetching a package failed; the message says which and why."""


@dataclass(frozen=True)
class Package:
    """An npm package and the files (or folders) of it the page needs."""

    spec: str
    files: tuple[str, ...]


PACKAGES: tuple[Package, ...] = (
    Package("leaflet@1.9.3", ("dist/leaflet.js", "dist/leaflet.css", "dist/images")),
    Package("jquery@3.7.1", ("dist/jquery.min.js",)),
    Package("bootstrap@5.2.2", ("dist/js/bootstrap.bundle.min.js", "dist/css/bootstrap.min.css")),
    Package(
        "leaflet.awesome-markers@2.0.5",
        ("dist/leaflet.awesome-markers.js", "dist/leaflet.awesome-markers.css", "dist/images"),
    ),
    Package("@fortawesome/fontawesome-free@6.2.0", ("css/all.min.css", "webfonts")),
    Package(
        "leaflet.markercluster@1.1.0",
        (
            "dist/leaflet.markercluster.js",
            "dist/MarkerCluster.css",
            "dist/MarkerCluster.Default.css",
        ),
    ),
    # The blank background: Natural Earth 1:50m (public domain) as TopoJSON, and its decoder.
    Package("topojson-client@3.1.0", ("dist/topojson-client.min.js",)),
    Package("world-atlas@2.0.2", ("countries-50m.json",)),
)

_AWESOME = "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/"
_CLUSTER = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
# A CDN URL folium or its plugins emit -> (package spec, path inside the package).
CDN_FILES: dict[str, tuple[str, str]] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": (
        "leaflet@1.9.3",
        "dist/leaflet.js",
    ),
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": (
        "leaflet@1.9.3",
        "dist/leaflet.css",
    ),
    "https://code.jquery.com/jquery-3.7.1.min.js": ("jquery@3.7.1", "dist/jquery.min.js"),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": (
        "bootstrap@5.2.2",
        "dist/js/bootstrap.bundle.min.js",
    ),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": (
        "bootstrap@5.2.2",
        "dist/css/bootstrap.min.css",
    ),
    _AWESOME + "leaflet.awesome-markers.js": (
        "leaflet.awesome-markers@2.0.5",
        "dist/leaflet.awesome-markers.js",
    ),
    _AWESOME + "leaflet.awesome-markers.css": (
        "leaflet.awesome-markers@2.0.5",
        "dist/leaflet.awesome-markers.css",
    ),
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": (
        "@fortawesome/fontawesome-free@6.2.0",
        "css/all.min.css",
    ),
    _CLUSTER + "leaflet.markercluster.js": (
        "leaflet.markercluster@1.1.0",
        "dist/leaflet.markercluster.js",
    ),
    _CLUSTER + "MarkerCluster.css": (
        "leaflet.markercluster@1.1.0",
        "dist/MarkerCluster.css",
    ),
    _CLUSTER + "MarkerCluster.Default.css": (
        "leaflet.markercluster@1.1.0",
        "dist/MarkerCluster.Default.css",
    ),
}


def package_dir(spec: str, vendor: Path = VENDOR_DIR) -> Path:
    """Where a package's files live under ``vendor`` (``@scope/name@1`` -> ``@scope_name@1``)."""
    return vendor / spec.replace("/", "_")


def local_url(spec: str, path: str, *, base: str = STATIC_URL) -> str:
    """The URL the app serves ``path`` of package ``spec`` at."""
    return f"{base}vendor/{spec.replace('/', '_')}/{path}"


def localised(url: str, *, base: str = STATIC_URL) -> str | None:
    """The local URL for a CDN ``url``, or None when there is no local copy."""
    found = CDN_FILES.get(url)
    return local_url(*found, base=base) if found else None


def missing_assets(vendor: Path = VENDOR_DIR) -> list[str]:
    """The package files not fetched yet (empty when the page can run offline)."""
    return [
        f"{p.spec}/{f}"
        for p in PACKAGES
        for f in p.files
        if not (package_dir(p.spec, vendor) / f).exists()
    ]


def fetch_assets(
    packages: Iterable[Package] = PACKAGES, *, vendor: Path = VENDOR_DIR, npm: str | None = None
) -> list[str]:
    """``npm pack`` each package and copy the files the page needs into ``vendor``.

    Idempotent: a package whose files are all there is not fetched again.
    Returns the specs fetched.
    """
    npm = npm or shutil.which("npm")
    fetched = []
    for package in packages:
        target = package_dir(package.spec, vendor)
        if all((target / f).exists() for f in package.files):
            continue
        if npm is None:
            raise AssetError(f"npm is not installed; cannot fetch {package.spec}")
        with tempfile.TemporaryDirectory() as tmp:
            root = _unpack(npm, package.spec, Path(tmp))
            for name in package.files:
                source, dest = root / name, target / name
                if not source.exists():
                    raise AssetError(f"{package.spec} has no {name}")
                dest.parent.mkdir(parents=True, exist_ok=True)
                if source.is_dir():
                    shutil.copytree(source, dest, dirs_exist_ok=True)
                else:
                    shutil.copy2(source, dest)
        fetched.append(package.spec)
    return fetched


def _unpack(npm: str, spec: str, tmp: Path) -> Path:
    done = subprocess.run(
        [npm, "pack", spec, "--pack-destination", str(tmp)],
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    tarballs = list(tmp.glob("*.tgz"))
    if done.returncode != 0 or len(tarballs) != 1:
        raise AssetError(f"npm pack {spec} failed: {done.stderr.strip()[-500:]}")
    with tarfile.open(tarballs[0]) as tar:
        tar.extractall(tmp / "unpacked", filter="data")
    [root] = [p for p in (tmp / "unpacked").iterdir() if p.is_dir()]
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.assets")
    parser.add_argument("command", choices=["fetch", "check"])
    args = parser.parse_args(argv)
    if args.command == "fetch":
        try:
            fetched = fetch_assets()
        except AssetError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"fetched {len(fetched)} package(s) into {VENDOR_DIR}", file=sys.stderr)
    missing = missing_assets()
    for name in missing:
        print(f"missing: {name}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
