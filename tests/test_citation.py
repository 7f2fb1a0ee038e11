"""Links that can be cited: data versions, what changed since one, and stable claim ids."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sources import frame as frame_module
from sources.citation import (
    STATE_COLUMNS,
    changes_since,
    cited_version,
    claim_states,
    link_url,
    notice_text,
)
from sources.corpus import load_corpus
from sources.db.database import Database
from sources.frame import claims_frame, filter_frame
from sources.view import ViewState
from tests.conftest import ROOT

WHEN = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)


def test_claim_states_hash_what_the_data_version_hashes():
    assert STATE_COLUMNS == frame_module._STATE


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
    before = claim_states(claims_frame(claims))
    later = [dataclasses.replace(claims[0], status="accepted", revision=1), *claims[2:]]
    extra = dataclasses.replace(claims[1], start=claims[1].start + 100_000)
    view = filter_frame(claims_frame([*later, extra]), ViewState())
    changes = changes_since("0123456789ab", (WHEN, before), view)
    assert changes.changed == (claims[0].id,)
    assert changes.added == (extra.id,)
    assert changes.rejected == (claims[1].id,)
    assert changes.count == 3 and changes.on_map == (extra.id, claims[0].id)
    assert "Since then 3 claim(s) in this view were added, changed or rejected" in notice_text(
        changes
    )


def test_an_unkept_version_is_said_plainly(seeds):
    changes = changes_since("0123456789ab", None, claims_frame(seeds.claims))
    assert not changes.known and "no record of" in notice_text(changes)


def test_link_url_replaces_the_query():
    url = link_url("http://host:8501/app?x=1#frag", {"exercise": ["a", "b"], "v": "0123456789ab"})
    assert url == "http://host:8501/app?exercise=a&exercise=b&v=0123456789ab"


def test_a_view_version_is_kept_once_and_read_back(db_url, seeds):
    with Database(db_url) as db:
        states = claim_states(claims_frame(seeds.claims))
        assert db.remember_view("0123456789ab", states)
        assert not db.remember_view("0123456789ab", {})
        made_at, back = db.view_states("0123456789ab")
        assert back == states and made_at is not None
        assert db.view_states("ffffffffffff") is None


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
