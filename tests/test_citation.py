"""Links that can be cited: data versions, what changed since one, and stable claim ids."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sources.citation import (
    changes_since,
    cited_time,
    cited_version,
    link_time,
    link_url,
    notice_text,
)
from sources.corpus import load_corpus
from sources.db.database import Database
from sources.frame import claims_frame, filter_frame
from sources.view import ViewState
from tests.conftest import ROOT

WHEN = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["0123456789ab"], "0123456789ab"),
        ("0123456789ab", "0123456789ab"),
        (["0123456789AB"], None),
        (["<script>"], None),
        ([], None),
        (None, None),
        (["0123456789abc"], None),
    ],
)
def test_a_cited_version_is_twelve_hex_digits(values, expected):
    assert cited_version(values) == expected


def test_changes_since_count_added_changed_and_rejected(seeds):
    claims = [c for c in seeds.claims if c.role == "exercise"]
    today = [
        dataclasses.replace(claims[0], status="accepted", revision=1),
        dataclasses.replace(claims[1], status="rejected", revision=1),
        *claims[2:],
    ]
    view = filter_frame(claims_frame(today), ViewState(rejected=True))
    new_article = claims[5].article_id
    reviewed = {claims[0].id: "accept", claims[1].id: "reject", "gone@1": "change"}
    changes = changes_since(
        "0123456789ab", WHEN, view, reviewed=reviewed, new_articles={new_article}
    )
    added = tuple(c.id for c in today if c.article_id == new_article and c.status != "rejected")
    assert changes.rejected == (claims[1].id,)
    assert changes.added == added
    assert changes.changed == ((claims[0].id,) if claims[0].article_id != new_article else ())
    assert changes.count == len(added) + len(changes.changed) + 1
    text = notice_text(changes)
    assert (
        f"Since then {changes.count} claim(s) in this view were added, changed or rejected" in text
    )
    assert "2026-01-02 00:00 UTC" in text


def test_a_link_without_its_time_is_said_plainly(seeds):
    changes = changes_since(
        "0123456789ab", None, claims_frame(seeds.claims), reviewed={}, new_articles=()
    )
    assert not changes.known and "does not say when" in notice_text(changes)


def test_nothing_reviewed_since_blames_the_extractor(seeds):
    view = claims_frame(seeds.claims)
    changes = changes_since("0123456789ab", WHEN, view, reviewed={}, new_articles=())
    assert changes.count == 0 and "newer extractor" in notice_text(changes)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ("20260102T000000.000000Z", WHEN),
        (["20260102T000000.000000Z", "x"], WHEN),
        ("20261399T000000.000000Z", None),
        ("20260102T000000Z", None),
        ("2026-01-02", None),
        ("<script>", None),
        (None, None),
    ],
)
def test_a_cited_time_is_read_strictly(values, expected):
    assert cited_time(values) == expected


def test_link_times_are_exact_utc():
    naive = dt.datetime(2026, 1, 2, 3, 4, 5, 678)
    assert link_time(naive) == "20260102T030405.000678Z"
    assert cited_time(link_time(naive)) == naive.replace(tzinfo=dt.UTC)
    assert link_time(None) is None


def test_link_url_replaces_the_query():
    url = link_url("http://host:8501/app?x=1#frag", {"exercise": ["a", "b"], "v": "0123456789ab"})
    assert url == "http://host:8501/app?exercise=a&exercise=b&v=0123456789ab"


def test_what_changed_is_read_from_the_database_without_writing(db_url, tmp_path):
    from sources.review.model import review_claim

    folder = ROOT / "sources" / "data" / "articles"
    with Database(db_url) as db:
        db.import_folder(folder)
        claims = db.current().claims
        made = db.last_change()
        assert made is not None
        reviewed, new_articles = db.changes_since(made)
        assert reviewed == {} and new_articles == set()
        db.record(review_claim(claims[0], "reject", editor="ana"))
        stamp = db.data_stamp()
        reviewed, new_articles = db.changes_since(made)
        assert reviewed == {claims[0].id: "reject"} and new_articles == set()
        assert db.data_stamp() == stamp  # reading what changed wrote nothing
        assert db.last_change() > made


def test_claim_ids_survive_re_extraction_and_restarts(tmp_path):
    folder = ROOT / "sources" / "data" / "articles"
    first = load_corpus(folder, database=Database(f"sqlite:///{tmp_path / 'a.sqlite'}"))
    again = load_corpus(folder, database=Database(f"sqlite:///{tmp_path / 'b.sqlite'}"))
    assert [c.id for c in first.claims] == [c.id for c in again.claims]
    assert all(c.id == f"{c.article_id}@{c.start}" for c in first.claims)


def test_a_bare_host_gets_a_root_path():
    assert link_url("http://127.0.0.1:8501", {"v": "0123456789ab"}) == (
        "http://127.0.0.1:8501/?v=0123456789ab"
    )
