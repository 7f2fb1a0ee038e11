"""Places as JSON records: every field, so a place survives leaving the gazetteer."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from geo.places import Place

__all__ = ["place_from_json", "place_json", "place_key"]


def place_json(place: Place) -> str:
    """Every field of ``place`` as JSON, keys sorted."""
    record = {f.name: getattr(place, f.name) for f in dataclasses.fields(Place)}
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


@functools.lru_cache(maxsize=8192)
def place_key(place: Place) -> str:
    """A content hash: one record per distinct place, shared by every row and gazetteer."""
    return hashlib.sha256(place_json(place).encode()).hexdigest()[:32]


def place_from_json(text: str | Mapping[str, Any]) -> Place:
    """A place from :func:`place_json`; fields this version of Place lacks are dropped,
    so records written by a newer version still load."""
    record = json.loads(text) if isinstance(text, str) else dict(text)
    names = {f.name for f in dataclasses.fields(Place)}
    record = {k: v for k, v in record.items() if k in names}
    for key, value in record.items():
        if isinstance(value, list):
            record[key] = tuple(value)
    return Place(**record)
