from __future__ import annotations

import datetime as dt

import pytest

from sources.frame import filter_claims
from sources.view import ViewState, parse_view, view_to_params

KNOWN = {
    "exercises": ["aras-2025", "aras-2024"],
    "outlets": ["AVIM", "OC Media"],
    "claims": ["a@1", "b@2"],
}


def test_round_trip():
    state = ViewState(
        ("aras-2025",),
        ("AVIM", "OC Media"),
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
        True,
        "a@1",
    )
    parsed, notices = parse_view(view_to_params(state), **KNOWN)
    assert parsed == state
    assert notices == []


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"exercise": "nope"}, "unknown exercise"),
        ({"outlet": ["AVIM", "<script>"]}, "unknown outlet"),
        ({"from": "2025-13-45"}, "YYYY-MM-DD"),
        ({"from": "x" * 10_000}, "over-long"),
        ({"to": "yesterday"}, "YYYY-MM-DD"),
        ({"from": "2025-06-01", "to": "2025-01-01"}, "start is after"),
        ({"context": "maybe"}, "context"),
        ({"claim": "ghost@9"}, "unknown claim"),
        ({"zzz": "1"}, "unknown parameter"),
        ({"exercise": ["aras-2025"] * 500}, "Too many"),
    ],
)
def test_bad_values_are_dropped_with_a_notice(params, notice):
    state, notices = parse_view(params, **KNOWN)
    assert any(notice in n for n in notices), notices
    assert isinstance(state, ViewState)


def test_repeated_keys_keep_known_values_once():
    state, _ = parse_view({"outlet": ["AVIM", "AVIM", "OC Media"]}, **KNOWN)
    assert state.outlets == ("AVIM", "OC Media")


def test_filters_change_what_is_shown(seeds):
    everything = filter_claims(seeds.claims, ViewState())
    assert everything and all(c.role == "exercise" for c in everything)
    with_context = filter_claims(seeds.claims, ViewState(context=True))
    assert len(with_context) > len(everything)
    avim = filter_claims(seeds.claims, ViewState(outlets=("AVIM",)))
    assert avim and {c.outlet for c in avim} == {"AVIM"}
    nov = filter_claims(seeds.claims, ViewState(exercises=("aras-2024",)))
    assert nov and {c.exercise for c in nov} == {"aras-2024"}
    early = filter_claims(seeds.claims, ViewState(date_to=dt.date(2024, 12, 31)))
    assert early and all(c.published <= dt.date(2024, 12, 31) for c in early)


@pytest.mark.parametrize(
    ("given", "colour_by", "notices"),
    [
        ([], "outlet", 0),
        (["outlet_country"], "outlet_country", 0),
        (["credited"], "credited", 0),
        (["banana"], "outlet", 1),
    ],
)
def test_colour_by_comes_from_the_link(given, colour_by, notices):
    state, said = parse_view({"colour": given}, exercises=[], outlets=[], claims=[])
    assert (state.colour_by, len(said)) == (colour_by, notices)
    assert parse_view(view_to_params(state), exercises=[], outlets=[], claims=[])[0] == state
