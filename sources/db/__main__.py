"""``python -m sources.db upgrade|current|prune``: manage the atlas database.

    python -m sources.db upgrade [--url URL]      # apply Alembic migrations
    python -m sources.db current [--url URL]      # the revision it is at
    python -m sources.db prune --unused-days 30   # drop cache rows of versions nobody runs

The URL defaults to ``$ATLAS_DATABASE_URL``, else the SQLite file of the
articles folder (``$ATLAS_ARTICLES`` or the bundled one). The app never prunes
by itself: replicas on different extractor versions share the cache.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

from sources.db.engine import database_url, open_engine, safe_url
from sources.db.migrate import current_revision, head_revision, upgrade


def main(argv: Sequence[str] | None = None) -> int:
    summary = __doc__.split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m sources.db", description=summary)
    parser.add_argument("command", choices=("upgrade", "current", "prune"))
    parser.add_argument("--url", help="SQLAlchemy URL (default: the configured database)")
    parser.add_argument("--unused-days", type=float, default=30.0, help="for prune")
    args = parser.parse_args(argv)
    url = args.url or database_url()
    engine = open_engine(url)
    try:
        if args.command == "upgrade":
            upgrade(engine)
        if args.command in ("upgrade", "current"):
            at = current_revision(engine) or "empty"
            print(f"{safe_url(url)}: at revision {at} (head {head_revision()})")
        else:
            from sources.db.database import Database

            if args.unused_days < 0:
                parser.error("--unused-days must be >= 0")
            with Database(engine=engine) as db:
                gone = db.prune(unused_for=dt.timedelta(days=args.unused_days))
            print(f"{safe_url(url)}: pruned {gone} cached extraction(s)")
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
