"""Which extractor and which gazetteer produced a cached extraction.

The extractor's version is :data:`EXTRACTOR_VERSION` plus a hash of the source
of ``sources.extraction`` and every project module it imports, so editing the
extractor starts a new cache even when nobody remembers to bump the number.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import json
from pathlib import Path

from geo.gazetteer import PLACES_CSV, Gazetteer, load_gazetteer
from geo.places import Place
from sources.claims import Claim
from sources.exercises import BUNDLED as EXERCISES_YAML

__all__ = ["EXTRACTOR_VERSION", "extractor_fingerprint", "gazetteer_fingerprint", "gazetteer_key"]

# Bump for a change the source hash cannot see (a dependency that matches differently).
EXTRACTOR_VERSION = "2"
_ROOT = Path(__file__).resolve().parents[2]
_PACKAGES = ("sources", "geo")


def gazetteer_fingerprint(path: Path = PLACES_CSV) -> str:
    """A hash of the curated gazetteer file's bytes."""
    return "places-" + hashlib.sha256(path.read_bytes()).hexdigest()[:16]


@functools.cache
def extractor_fingerprint() -> str:
    """:data:`EXTRACTOR_VERSION`, a hash of the extractor's source, and the claim layout."""
    digest = hashlib.sha256()
    for name, path in sorted(_imported_modules("sources.extraction").items()):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    # The registry is data the extractor reads: a new alias changes what it finds.
    digest.update(EXERCISES_YAML.read_bytes())
    layout = [f.name for f in dataclasses.fields(Claim)] + [
        f.name for f in dataclasses.fields(Place)
    ]
    digest.update(json.dumps(layout).encode())
    return f"{EXTRACTOR_VERSION}-{digest.hexdigest()[:16]}"


def gazetteer_key(gazetteer: Gazetteer) -> str:
    """The key of the default gazetteer or of the curated one; others need their own."""
    from sources.extraction import default_gazetteer

    if gazetteer is load_gazetteer():
        return gazetteer_fingerprint()
    if gazetteer is default_gazetteer():
        from geo.index import index_key

        return f"index-{index_key()}"
    raise ValueError(
        "a gazetteer other than the default or the curated one needs a gazetteer_key, "
        f"instead got: {gazetteer!r} without one."
    )


def _imported_modules(entry: str) -> dict[str, Path]:
    """``entry`` and every project module it imports, directly or not, with their files."""
    found: dict[str, Path] = {}
    todo = [entry]
    while todo:
        name = todo.pop()
        path = _module_path(name)
        if name in found or path is None:
            continue
        found[name] = path
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                todo.extend(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                todo.append(node.module)
                todo.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _module_path(name: str) -> Path | None:
    """The source file of a project module; None for anything else (a class, a library)."""
    if name.split(".")[0] not in _PACKAGES:
        return None
    path = _ROOT.joinpath(*name.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    return path if path.is_file() else None
