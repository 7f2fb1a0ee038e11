"""Claims as one table: the same filter as the page's, and a row back to its claim."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.colours import blank_as
from sources.frame import (
    COLUMNS,
    categorise,
    claim_from_row,
    claims_frame,
    data_version,
    filter_claims,
    filter_frame,
)
from sources.view import UNASSIGNED, ViewState


def _by_rule(claims, state):
    """The view's rule written out claim by claim, as the page used to apply it."""
    for c in claims:
        if c.role != "exercise" and not state.context:
            continue
        if c.status == "rejected" and not state.rejected:
            continue
        if state.exercises and (c.exercise or UNASSIGNED) not in state.exercises:
            continue
        if state.outlets and c.outlet not in state.outlets:
            continue
        if state.date_from and (c.published is None or c.published < state.date_from):
            continue
        if state.date_to and (c.published is None or c.published > state.date_to):
            continue
        yield c


DAYS = st.one_of(st.none(), st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 31)))


@settings(max_examples=60, deadline=None)
@given(
    exercises=st.lists(st.sampled_from(["aras-2025", "aras-2024", UNASSIGNED, "x"]), max_size=2),
    outlets=st.lists(st.sampled_from(["AVIM", "OC Media", "A News", "Nobody"]), max_size=2),
    context=st.booleans(),
    rejected=st.booleans(),
    date_from=DAYS,
    date_to=DAYS,
    reject_every=st.integers(2, 7),
)
def test_the_table_filter_is_the_views_rule(
    seeds, exercises, outlets, context, rejected, date_from, date_to, reject_every
):
    claims = [
        dataclasses.replace(c, status="rejected") if i % reject_every == 0 else c
        for i, c in enumerate(seeds.claims)
    ]
    state = ViewState(tuple(exercises), tuple(outlets), date_from, date_to, context, None, rejected)
    expected = list(_by_rule(claims, state))
    assert filter_claims(claims, state) == expected
    assert list(filter_frame(claims_frame(claims), state)["id"]) == [c.id for c in expected]


def test_every_claim_comes_back_from_its_row(seeds):
    frame = claims_frame(seeds.claims)
    assert list(frame.columns) == list(COLUMNS)
    for claim, (_, row) in zip(seeds.claims, frame.iterrows(), strict=True):
        back = claim_from_row(row)
        same = [f.name for f in dataclasses.fields(back) if f.name != "place"]
        assert {n: getattr(back, n) for n in same} == {n: getattr(claim, n) for n in same}
        assert (back.place.id, back.place.lat, back.place.radius_km) == (
            claim.place.id,
            claim.place.lat,
            claim.place.radius_km,
        )


def test_the_data_version_changes_with_review_state_not_with_order(seeds):
    claims = list(seeds.claims)
    version = data_version(claims_frame(claims))
    assert data_version(claims_frame(reversed(claims))) == version
    reviewed = [dataclasses.replace(claims[0], status="rejected", revision=1), *claims[1:]]
    assert data_version(claims_frame(reviewed)) != version
    assert data_version(claims_frame(claims[1:])) != version
    assert len(version) == 12


def test_kept_state_hashes_give_the_same_version_for_every_view(seeds):
    from sources.frame import STATE_HASH, state_hashes

    frame = claims_frame(seeds.claims)
    kept = frame.assign(**{STATE_HASH: state_hashes(frame)})
    for state in (ViewState(), ViewState(context=True), ViewState(exercises=("aras-2025",))):
        assert data_version(filter_frame(kept, state)) == data_version(filter_frame(frame, state))
    stale = kept.assign(**{STATE_HASH: 0})
    assert data_version(stale) != data_version(frame)  # the kept column is what is read


@pytest.mark.parametrize("rows", [0, 1])
def test_small_tables(seeds, rows):
    frame = claims_frame(seeds.claims[:rows])
    assert len(filter_frame(frame, ViewState(context=True))) == rows


@pytest.mark.parametrize("categorical", [False, True, "without a blank category"])
def test_blank_as_reads_empty_and_missing_values_as_the_label(categorical):
    values = pd.Series(["Iran", "", None, "Unknown", "Azerbaijan", ""], name="outlet_country")
    column = categorise(values.to_frame())["outlet_country"] if categorical else values
    if categorical == "without a blank category":
        column = values.replace("", None).astype("category")  # any categorical, not ours
    shown = blank_as(column, "Unknown")
    expected = ["Iran", "Unknown", "Unknown", "Unknown", "Azerbaijan", "Unknown"]
    assert shown.astype(object).tolist() == expected
    assert shown.name == "outlet_country" and shown.index.equals(values.index)
    if categorical:  # still a categorical, its categories sorted and without duplicates
        assert isinstance(shown.dtype, pd.CategoricalDtype)
        assert list(shown.cat.categories) == ["Azerbaijan", "Iran", "Unknown"]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.sampled_from(["", "APA", "TASS", "Ərdəbil", "a", "B"]))),
    st.sampled_from(["str", "object"]),
)
def test_categorise_keeps_every_value_with_sorted_categories_holding_the_blank(values, dtype):
    frame = pd.DataFrame({"outlet": pd.Series(values, dtype=dtype), "other": range(len(values))})
    before = frame["outlet"].tolist()
    categorise(frame)
    column = frame["outlet"]
    assert isinstance(column.dtype, pd.CategoricalDtype)
    categories = list(column.cat.categories)
    assert categories == sorted({*(v for v in before if isinstance(v, str)), ""})
    assert [None if pd.isna(v) else v for v in column.tolist()] == [
        None if not isinstance(v, str) else v for v in before
    ]
    assert frame["other"].tolist() == list(range(len(values)))  # other columns untouched
    assert column.fillna("").tolist() == [v if isinstance(v, str) else "" for v in before]


def test_categoricals_hash_as_their_strings_so_cited_versions_stay_the_same(seeds):
    from sources.frame import claims_table, state_hashes

    strings = claims_table(seeds.claims).to_pandas(date_as_object=False)  # the snapshot's form
    categorical = categorise(strings.copy())
    assert isinstance(categorical["place_id"].dtype, pd.CategoricalDtype)
    assert state_hashes(categorical).equals(state_hashes(strings))
    assert data_version(categorical) == data_version(strings)
