"""Re-sync the gold's place data with the gazetteer: ``python -m tests.gold_sync``.

Gold rows that name a curated place (``places.csv``, ``sites.csv``,
``provinces.csv``) carry its name, point and radius (GUIDELINES.md, procedure
step 2). When those files change, this rewrites the copied values and leaves
every other field, the spans and roles above all, untouched.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from geo.index import load_full_gazetteer

GOLD = Path(__file__).parent / "data" / "gold"


def sync(path: Path) -> int:
    """Rewrite ``path`` in place; how many rows changed."""
    gazetteer = load_full_gazetteer()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    changed = 0
    for row in rows:
        place = gazetteer.get(row["place_id"]) if row["place_id"] else None
        if place is None:
            continue
        new = {
            "place": place.name,
            "lat": place.lat,
            "lon": place.lon,
            "radius_km": place.radius_km,
        }
        if any(row[k] != v for k, v in new.items()):
            row.update(new)
            changed += 1
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8")
    return changed


def main() -> int:
    for path in sorted(GOLD.glob("*.jsonl")):
        print(f"{path.name}: {sync(path)} row(s) re-synced")
    return 0


if __name__ == "__main__":
    sys.exit(main())
