"""A timeline of a view: one lane per exercise, its reported dates as a band, and
each article as a tick on its publication date, coloured by the view's colour-by.

:func:`timeline_data` is plain data (frozen dataclasses and two small frames);
:func:`timeline_chart` draws it with Altair, with two selections the page reads
back through Streamlit's ``on_select``: a span of dates (``span``) and a lane
(``lane``). :func:`selection_filters` turns what the chart reports into filters.
Articles without a date cannot sit on a time axis; they are counted and named
in :attr:`Timeline.undated`, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd

from geo.colours import COLOUR_BY, OTHER, OTHER_COLOUR, Colours, assign_colours, blank_as
from sources.exercises import exercise_by_id
from sources.frame import exercise_names
from sources.view import UNASSIGNED

__all__ = [
    "LANE",
    "SPAN",
    "Timeline",
    "TimelineFilters",
    "selection_filters",
    "timeline_chart",
    "timeline_data",
    "timeline_spec",
]

SPAN = "span"
LANE = "lane"
BANDS = "timeline-bands"
TICKS = "timeline-ticks"
_MS_PER_DAY = 86_400_000


@dataclass(frozen=True)
class Undated:
    """An article of the view with no publication date."""

    article_id: str
    outlet: str
    lane: str


@dataclass(frozen=True)
class Timeline:
    """``bands``: one row per lane (exercise, lane, start, end, reported);
    ``ticks``: one row per lane, publication day and outlet (exercise, lane,
    published, outlet, colour_value, articles, claims): every article's tick,
    those of one outlet on one day drawn as one."""

    bands: pd.DataFrame
    ticks: pd.DataFrame
    undated: tuple[Undated, ...]
    colour_by: str
    colours: Colours

    @property
    def empty(self) -> bool:
        return self.bands.empty


@dataclass(frozen=True)
class TimelineFilters:
    """What a chart selection asks of the view: ``None`` means "not chosen"."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    exercises: tuple[str, ...] = ()


def timeline_data(
    view: pd.DataFrame, *, colour_by: str = "outlet", colours: Colours | None = None
) -> Timeline:
    """The lanes, bands and ticks of ``view`` (a :func:`sources.frame.filter_frame` result)."""
    if colour_by not in COLOUR_BY:
        raise ValueError(f"colour_by must be one of {', '.join(COLOUR_BY)}, got: {colour_by!r}.")
    colours = colours or assign_colours(view[colour_by].fillna("").tolist())
    names = _lane_names(view)
    bands = pd.DataFrame(
        [_band(exercise, names[exercise], view) for exercise in names],
        columns=["exercise", "lane", "start", "end", "reported"],
    )
    dated = view[view["published"].notna()]
    # One tick per outlet, day and lane: its articles' ticks would coincide, and at
    # 100,000 claims the chart's data stays small.
    ticks = (
        dated.assign(colour_value=blank_as(dated[colour_by], "Unknown"))
        .groupby(["exercise", "published", "outlet", "colour_value"], sort=True)
        .agg(articles=("article_id", "nunique"), claims=("id", "size"))
        .reset_index()
    )
    ticks["lane"] = ticks["exercise"].map(names)
    ticks["colour_value"] = ticks["colour_value"].map(colours.label)
    undated_rows = view[view["published"].isna()].drop_duplicates(["article_id", "exercise"])
    undated = tuple(
        Undated(r.article_id, r.outlet, names[r.exercise]) for r in undated_rows.itertuples()
    )
    return Timeline(
        bands.sort_values("start", na_position="last"), ticks, undated, colour_by, colours
    )


def _lane_names(view: pd.DataFrame) -> dict[str, str]:
    """Exercise id -> its lane's name, in the order the exercises come: the names the filters
    show (:func:`sources.frame.exercise_names`), and "Unassigned" for claims of no drill."""
    names = exercise_names(view)
    if UNASSIGNED in names:
        names[UNASSIGNED] = "Unassigned"
    return names


def _band(exercise: str, lane: str, view: pd.DataFrame) -> dict[str, Any]:
    """The exercise's reported dates, or (not reported) the span of its articles."""
    known = exercise_by_id().get(exercise)
    if known is not None:
        start, end, reported = pd.Timestamp(known.start), pd.Timestamp(known.end), True
    else:
        published = view.loc[view["exercise"] == exercise, "published"].dropna()
        start = published.min() if not published.empty else pd.NaT
        end = published.max() if not published.empty else pd.NaT
        reported = False
    # A band covers whole days: from the first day's start to the last day's end.
    return {
        "exercise": exercise,
        "lane": lane,
        "start": start,
        "end": end + pd.Timedelta(days=1) if pd.notna(end) else end,
        "reported": reported,
    }


def timeline_spec(timeline: Timeline, *, height_per_lane: int = 46) -> dict[str, Any]:
    """:func:`timeline_chart` as a Vega-Lite spec, its two tables as named ``datasets``
    (pandas frames: Streamlit's ``st.vega_lite_chart`` sends them as Arrow).

    Altair builds the spec once per process, from an empty timeline; each view fills in
    what depends on it (lanes, colours, legend title, height): building the Altair
    chart costs 30-90 ms at 100,000 claims, filling the dict well under one.
    ``tests/test_timeline.py`` checks the result is the spec Altair builds for the view.
    Altair's default view size is left out, as Streamlit's own Altair path leaves it out.
    """
    spec = json.loads(_spec_template())
    lanes = timeline.bands["lane"].tolist()
    bands, ticks = spec["layer"]
    for layer in (bands, ticks):
        layer["encoding"]["y"]["sort"] = lanes
    named = list(timeline.colours.named)
    others = [OTHER] if timeline.colours.others else []
    colour = ticks["encoding"]["color"]
    colour["scale"] = {
        "domain": named + others,
        "range": [timeline.colours[v] for v in named] + [OTHER_COLOUR] * len(others),
    }
    colour["title"] = COLOUR_BY[timeline.colour_by]
    spec["height"] = _height(len(lanes), height_per_lane)
    spec["datasets"] = {
        BANDS: timeline.bands.dropna(subset=["start"]).reset_index(drop=True),
        TICKS: timeline.ticks,
    }
    return spec


@lru_cache(maxsize=1)
def _spec_template() -> str:
    empty = Timeline(
        pd.DataFrame(columns=["exercise", "lane", "start", "end", "reported"]),
        pd.DataFrame(columns=["exercise", "lane", "published", "outlet", "colour_value"]),
        (),
        "outlet",
        assign_colours([]),
    )
    spec = timeline_chart(empty, by_name=True).to_dict()
    if spec.get("config") == {"view": {"continuousWidth": 300, "continuousHeight": 300}}:
        del spec["config"]
    return json.dumps(spec)


def _height(lanes: int, per_lane: int) -> int:
    return max(120, per_lane * max(1, lanes))


def timeline_chart(
    timeline: Timeline, *, height_per_lane: int = 46, by_name: bool = False
) -> alt.LayerChart:
    """Bands and ticks per lane, with a date-span selection and a lane selection
    (``by_name``: the tables referred to by name, :data:`BANDS` and :data:`TICKS`)."""
    lanes = timeline.bands["lane"].tolist()
    y = alt.Y("lane:N", sort=lanes, title=None, axis=alt.Axis(labelLimit=260))
    span = alt.selection_interval(name=SPAN, encodings=["x"])
    lane = alt.selection_point(
        name=LANE, fields=["exercise"], on="click", clear="dblclick", nearest=True
    )
    named = list(timeline.colours.named)
    others = [OTHER] if timeline.colours.others else []
    scale = alt.Scale(
        domain=named + others,
        range=[timeline.colours[v] for v in named] + [OTHER_COLOUR] * len(others),
    )
    bands = (
        alt.Chart(alt.NamedData(BANDS) if by_name else timeline.bands.dropna(subset=["start"]))
        .mark_bar(height=22, cornerRadius=3)
        .encode(
            x=alt.X("start:T", title="Date"),
            x2="end:T",
            y=y,
            color=alt.value("#d9d9d9"),
            opacity=alt.condition(lane, alt.value(1.0), alt.value(0.35)),
            tooltip=[
                alt.Tooltip("lane:N", title="Exercise"),
                alt.Tooltip("start:T", title="From"),
                alt.Tooltip("end:T", title="Until (exclusive)"),
                alt.Tooltip("reported:N", title="Dates as reported"),
            ],
        )
        .add_params(lane)
    )
    ticks = (
        alt.Chart(alt.NamedData(TICKS) if by_name else timeline.ticks)
        .mark_tick(thickness=3, size=30)
        .encode(
            x=alt.X("published:T"),
            y=y,
            color=alt.Color("colour_value:N", scale=scale, title=COLOUR_BY[timeline.colour_by]),
            tooltip=[
                alt.Tooltip("outlet:N", title="Outlet"),
                alt.Tooltip("published:T", title="Published"),
                alt.Tooltip("articles:Q", title="Articles"),
                alt.Tooltip("claims:Q", title="Claims"),
                alt.Tooltip("lane:N", title="Exercise"),
            ],
        )
        .add_params(span)
    )
    return alt.layer(bands, ticks).properties(
        height=_height(len(lanes), height_per_lane), width="container"
    )


def selection_filters(selection: Mapping[str, Any] | None) -> TimelineFilters:
    """Filters from the chart's reported selection (untrusted: malformed parts are ignored).

    A span arrives as ``{"span": {"published": [ms, ms]}}`` (Vega-Lite's epoch
    milliseconds), a lane as ``{"lane": [{"exercise": id}, ...]}``.
    """
    selection = selection if isinstance(selection, Mapping) else {}
    date_from = date_to = None
    span = selection.get(SPAN)
    if isinstance(span, Mapping):
        bounds = span.get("published") or span.get("start")
        if isinstance(bounds, list | tuple) and len(bounds) == 2:
            days = [_day(b) for b in bounds]
            if all(days):
                date_from, date_to = min(days), max(days)  # type: ignore[type-var]
    chosen = selection.get(LANE)
    exercises = ()
    if isinstance(chosen, list):
        exercises = tuple(
            dict.fromkeys(
                str(p["exercise"])
                for p in chosen
                if isinstance(p, Mapping) and isinstance(p.get("exercise"), str)
            )
        )
    return TimelineFilters(date_from, date_to, exercises)


def _day(value: object) -> dt.date | None:
    try:
        if isinstance(value, int | float):
            return pd.Timestamp(int(value), unit="ms").date()
        if isinstance(value, str):
            return pd.Timestamp(value).date()
    except (ValueError, OverflowError):
        return None
    return None
