"""Command line: ``python -m sources.extract PATH [PATH ...]`` prints JSON Lines.

One object per place mention, exercise locations and context mentions alike.
Diagnostics go to stderr. A file that cannot be read is reported and skipped;
the exit status is non-zero only when no file could be read. No network.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from sources.articles import ArticleError, load_article
from sources.claims import Claim
from sources.extraction import extract_claims

__all__ = ["claim_record", "main"]


def claim_record(claim: Claim, file: str) -> dict[str, Any]:
    """The JSON object the command prints for one claim."""
    return {
        "file": file,
        "mention": claim.mention,
        "place": claim.place.name,
        "place_id": claim.place.id,
        "lat": claim.place.lat,
        "lon": claim.place.lon,
        "role": claim.role,
        "exercise": claim.exercise,
        "attributed_to": claim.attributed_to,
        "start": claim.start,
        "end": claim.end,
        "excerpt": claim.sentence,
        "precision_km": claim.precision_km,
        "outlet": claim.outlet,
        "published": claim.published.isoformat() if claim.published else None,
        "kind": claim.place.kind,
        "provenance": claim.place.provenance,
    }


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = argparse.ArgumentParser(
        prog="python -m sources.extract", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files (.md or .txt)")
    args = parser.parse_args(argv)
    read = 0
    for path in args.paths:
        try:
            article = load_article(path)
        except ArticleError as exc:
            print(f"skipped {path}: {exc.field}: {exc.reason}", file=err)
            continue
        read += 1
        for warning in article.warnings:
            print(f"warning: {warning}", file=err)
        for claim in extract_claims(article):
            out.write(json.dumps(claim_record(claim, path), ensure_ascii=False) + "\n")
    if read == 0:
        print("no file could be read", file=err)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
