"""The timeline's data and chart: lanes, bands, ticks, undated articles, selections."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sources.frame import claims_frame, filter_frame
from sources.timeline import (
    BANDS,
    LANE,
    SPAN,
    TICKS,
    TimelineFilters,
    selection_filters,
    timeline_chart,
    timeline_data,
    timeline_spec,
)
from sources.view import ViewState


@pytest.fixture(scope="module")
def view(seeds):
    return filter_frame(claims_frame(seeds.claims), ViewState())


def test_one_lane_per_exercise_with_its_reported_dates(view):
    data = timeline_data(view)
    assert sorted(data.bands["exercise"]) == sorted(view["exercise"].unique())
    aras = data.bands.set_index("exercise").loc["aras-2025"]
    assert (aras["start"].date(), aras["end"].date()) == (
        dt.date(2025, 5, 18),
        dt.date(2025, 5, 22),
    )
    assert aras["lane"] == "Aras-2025" and aras["reported"]


def test_each_article_is_one_tick_per_lane_coloured_by_the_colour_by(view):
    data = timeline_data(view, colour_by="outlet_country")
    pairs = view[["article_id", "exercise"]].drop_duplicates()
    assert data.ticks["articles"].sum() == len(pairs)
    assert len(data.ticks) == len(view[["exercise", "published", "outlet"]].drop_duplicates())
    assert set(data.ticks["colour_value"]) <= set(
        view["outlet_country"].astype(str).fillna("").replace("", "Unknown")
    )
    assert data.ticks["claims"].sum() == len(view)


def test_undated_articles_are_counted_and_named(seeds):
    undated = [
        dataclasses.replace(c, published=None) if c.outlet == "AVIM" else c for c in seeds.claims
    ]
    view = filter_frame(claims_frame(undated), ViewState())
    data = timeline_data(view)
    assert {u.outlet for u in data.undated} == {"AVIM"}
    assert not (data.ticks["outlet"] == "AVIM").any()
    assert (
        len(data.undated)
        == view.loc[view["outlet"] == "AVIM", ["article_id", "exercise"]].drop_duplicates().shape[0]
    )


def test_the_chart_has_a_span_and_a_lane_selection(view):
    spec = timeline_chart(timeline_data(view)).to_dict()
    names = {p["name"] for layer in spec["layer"] for p in layer.get("params", [])}
    names |= {p["name"] for p in spec.get("params", [])}
    assert {SPAN, LANE} <= names


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (None, TimelineFilters()),
        ({}, TimelineFilters()),
        (
            {SPAN: {"published": [1747526400000, 1747785600000]}},
            TimelineFilters(dt.date(2025, 5, 18), dt.date(2025, 5, 21)),
        ),
        (
            {SPAN: {"published": ["2025-05-21T00:00:00", "2025-05-18T00:00:00"]}},
            TimelineFilters(dt.date(2025, 5, 18), dt.date(2025, 5, 21)),
        ),
        (
            {LANE: [{"exercise": "aras-2025"}, {"exercise": "aras-2025"}]},
            TimelineFilters(exercises=("aras-2025",)),
        ),
        ({SPAN: {"published": [1]}, LANE: "aras-2025"}, TimelineFilters()),
        ({SPAN: {"published": ["not a date", 3]}, LANE: [{"exercise": 5}, "x"]}, TimelineFilters()),
        ({SPAN: {"published": [1e30, 1e30]}}, TimelineFilters()),
    ],
)
def test_selection_filters_read_what_the_chart_reports(selection, expected):
    assert selection_filters(selection) == expected


def test_lanes_are_named_by_their_claims_else_the_registry(seeds):
    claims = list(seeds.claims)
    renamed = [
        dataclasses.replace(claims[0], exercise="zengezur-shield", exercise_name=""),
        dataclasses.replace(claims[1], exercise="zengezur-shield", exercise_name="Zangezur Shield"),
        dataclasses.replace(claims[2], exercise="no-such-drill", exercise_name=""),
        dataclasses.replace(claims[3], exercise="unassigned", exercise_name=""),
    ]
    lanes = set(timeline_data(claims_frame(renamed + claims[4:])).bands["lane"])
    # a name given by one claim names the lane; an id the registry lacks is its own name
    assert {"Zangezur Shield", "no-such-drill", "Unassigned", "Aras-2025"} <= lanes


def _without_names(spec: dict) -> dict:
    """``spec`` without its data references and Altair's generated view names."""
    layers = [
        {k: v for k, v in layer.items() if k not in ("data", "name")} for layer in spec["layer"]
    ]
    params = [{k: v for k, v in p.items() if k != "views"} for p in spec["params"]]
    rest = {k: v for k, v in spec.items() if k not in ("layer", "params", "datasets", "config")}
    return {**rest, "layer": layers, "params": params}


@pytest.mark.parametrize("colour_by", ["outlet", "outlet_country", "credited"])
def test_the_spec_is_the_chart_altair_builds_with_its_tables_as_named_datasets(seeds, colour_by):
    claims = list(seeds.claims)
    # more outlets than the palette: the chart's "Other" must be in the spec too
    many = [dataclasses.replace(c, outlet=f"Outlet {i}") for i, c in enumerate(claims)]
    view = filter_frame(claims_frame(claims + many), ViewState())
    data = timeline_data(view, colour_by=colour_by)
    spec = timeline_spec(data)
    assert _without_names(spec) == _without_names(timeline_chart(data).to_dict())
    assert [layer["data"] for layer in spec["layer"]] == [{"name": BANDS}, {"name": TICKS}]
    assert spec["datasets"][TICKS].equals(data.ticks)
    assert len(spec["datasets"][BANDS]) == data.bands["start"].notna().sum()
    assert "config" not in spec  # Altair's default 300 px view is not ours
