"""``python -m sources.export --format csv|geojson|kml [--exercise ID ...] [--outlet NAME ...]``.

Writes the claims of a view to standard output, through the page's own filter
(:func:`sources.frame.filter_frame`), from the same database the page reads.
Unknown exercise ids or outlets are reported on stderr and exit with status 2,
rather than silently exporting nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

from geo.colours import COLOUR_BY
from sources.export import FORMATS, export_view
from sources.frame import claims_frame, data_version, filter_frame
from sources.view import ViewState


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sources.export", description="Export the claims of a view."
    )
    parser.add_argument("--format", required=True, choices=sorted(FORMATS))
    parser.add_argument("--exercise", action="append", default=[], metavar="ID")
    parser.add_argument("--outlet", action="append", default=[], metavar="NAME")
    parser.add_argument("--from", dest="date_from", type=dt.date.fromisoformat, metavar="DATE")
    parser.add_argument("--to", dest="date_to", type=dt.date.fromisoformat, metavar="DATE")
    parser.add_argument("--context", action="store_true", help="also context mentions")
    parser.add_argument("--rejected", action="store_true", help="also rejected claims")
    parser.add_argument("--colour-by", default="outlet", choices=sorted(COLOUR_BY))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    frame = claims_frame(_claims())
    unknown = [e for e in args.exercise if e not in set(frame["exercise"])]
    unknown += [o for o in args.outlet if o not in set(frame["outlet"])]
    if unknown:
        print(f"unknown exercise or outlet: {', '.join(map(repr, unknown))}", file=sys.stderr)
        return 2
    state = ViewState(
        exercises=tuple(args.exercise),
        outlets=tuple(args.outlet),
        date_from=args.date_from,
        date_to=args.date_to,
        context=args.context,
        rejected=args.rejected,
        colour_by=args.colour_by,
    )
    view = filter_frame(frame, state)
    sys.stdout.buffer.write(export_view(view, args.format, colour_by=args.colour_by))
    sys.stdout.flush()
    print(f"{len(view)} claim(s), data version {data_version(view)}", file=sys.stderr)
    return 0


def _claims():
    """The claims the page shows: the articles folder imported into the page's database."""
    from sources.articles import articles_dir
    from sources.corpus import load_corpus
    from sources.db.database import Database
    from sources.db.engine import database_url

    directory = articles_dir()
    with Database(database_url(directory)) as db:
        return load_corpus(directory, database=db).claims


if __name__ == "__main__":
    sys.exit(main())
