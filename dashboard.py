"""Exercise Atlas: where each outlet says a military exercise took place.

Run with ``streamlit run dashboard.py``. This is the only module that imports
Streamlit; it holds widgets, caching and wiring, and nothing else.
"""

from __future__ import annotations

import datetime as dt
import html
import sys
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from streamlit_folium import st_folium

from geo.mapping import (
    build_base_map,
    build_claims_layer,
    claims_geojson,
    group_key,
    outlet_colours,
)
from sources.articles import articles_dir
from sources.claims import Claim
from sources.corpus import Corpus, fingerprint, load_corpus
from sources.disagreement import summarise
from sources.exercises import exercise_name
from sources.render import excerpt_markdown, md_escape, plain
from sources.store import ClaimStore
from sources.view import UNASSIGNED, ViewState, filter_claims, parse_view, view_to_params

MAP_KEY = "map"
TABLE_ROWS = 2000
MAX_TOASTS = 5


@st.cache_resource
def _store() -> ClaimStore | None:
    """The claims cache (SQLite by default, ``ATLAS_STORE_URL`` to change); optional."""
    try:
        store = ClaimStore()
        store.prune()  # rows of older extractor or gazetteer versions are never read again
        return store
    except (OSError, SQLAlchemyError) as exc:
        print(f"claims store unavailable, extracting every run: {exc}", file=sys.stderr)
        return None


@st.cache_resource(show_spinner="Reading articles…", max_entries=4)
def _corpus(directory: str, _stamp: str) -> Corpus:
    return load_corpus(directory, store=_store())


@st.cache_resource(max_entries=32)
def _shown(directory: str, stamp: str, filters: ViewState) -> list[Claim]:
    """The claims a view shows; shared, never mutated."""
    return filter_claims(_corpus(directory, stamp).claims, filters)


@st.cache_data(max_entries=64)
def _collection(directory: str, stamp: str, filters: ViewState, selected: str | None) -> dict:
    """The map data for a view: cache the data, never folium objects (FIELD-NOTES §5)."""
    corpus = _corpus(directory, stamp)
    shown = _shown(directory, stamp, filters)
    return claims_geojson(shown, outlet_colours(corpus.outlets), selected=selected)


@st.cache_resource(max_entries=32)
def _summaries(directory: str, stamp: str, filters: ViewState) -> list:
    return summarise(_shown(directory, stamp, filters))


def main() -> None:
    st.set_page_config(page_title="Exercise Atlas", page_icon="🗺️", layout="wide")
    st.title("Exercise Atlas")
    st.caption(
        "Where each outlet says a military exercise took place, and where they disagree. "
        "Click a mark to read the sentence behind it."
    )
    directory = str(articles_dir())
    stamp = fingerprint(directory)
    corpus = _corpus(directory, stamp)
    _report_problems(corpus)
    if not corpus.claims:
        st.info("No place mentions found in the articles.")
        return
    state = _controls(corpus)
    filters = state.with_claim(None)
    shown = _shown(directory, stamp, filters)
    by_id = corpus.by_id
    left, right = st.columns([3, 2], gap="medium")
    with left:
        collection = _collection(directory, stamp, filters, state.claim)
        result = st_folium(
            build_base_map(),
            key=MAP_KEY,
            feature_group_to_add=build_claims_layer(collection),
            returned_objects=["last_active_drawing"],
            height=560,
            use_container_width=True,
        )
        state = _apply_click(result, state, by_id)
        _legend(corpus, shown)
    with right:
        state = _group_picker(shown, state)
        _excerpt_panel(by_id.get(state.claim or ""))
    st.query_params.from_dict(view_to_params(state))
    _disagreements(_summaries(directory, stamp, filters))
    _table(shown)


def _report_problems(corpus: Corpus) -> None:
    for error in corpus.errors:
        st.warning(
            f"Skipped {md_escape(error.file)}: {md_escape(error.field)}: {md_escape(error.reason)}",
            icon="⚠️",
        )
    for warning in corpus.warnings:
        st.info(md_escape(warning), icon="ℹ️")


def _controls(corpus: Corpus) -> ViewState:
    exercises = sorted({c.exercise or UNASSIGNED for c in corpus.claims})
    outlets = list(corpus.outlets)
    if "view_loaded" not in st.session_state:
        params = {k: st.query_params.get_all(k) for k in st.query_params}
        initial, notices = parse_view(
            params, exercises=exercises, outlets=outlets, claims=[c.id for c in corpus.claims]
        )
        st.session_state.update(
            view_loaded=True,
            f_exercise=list(initial.exercises),
            f_outlet=list(initial.outlets),
            f_context=initial.context,
            f_from=initial.date_from,
            f_to=initial.date_to,
            selected=initial.claim,
            notices=notices,
        )
    notices = st.session_state.pop("notices", [])
    for notice in notices[:MAX_TOASTS]:
        st.toast(md_escape(notice), icon="ℹ️")
    if len(notices) > MAX_TOASTS:
        st.toast(f"…and {len(notices) - MAX_TOASTS} more link values ignored.", icon="ℹ️")
    with st.sidebar:
        st.header("Filters")
        chosen_ex = st.multiselect(
            "Exercise",
            exercises,
            key="f_exercise",
            format_func=_exercise_label,
            placeholder="All exercises",
        )
        chosen_out = st.multiselect("Outlet", outlets, key="f_outlet", placeholder="All outlets")
        date_from = st.date_input("Published from", key="f_from", format="YYYY-MM-DD")
        date_to = st.date_input("Published to", key="f_to", format="YYYY-MM-DD")
        context = st.toggle("Also show context mentions", key="f_context")
        st.caption(f"Articles from {md_escape(str(articles_dir()))}")
    return ViewState(
        exercises=tuple(chosen_ex),
        outlets=tuple(chosen_out),
        date_from=_as_date(date_from),
        date_to=_as_date(date_to),
        context=context,
        claim=st.session_state.get("selected"),
    )


def _exercise_label(exercise_id: str) -> str:
    return "Unassigned" if exercise_id == UNASSIGNED else exercise_name(exercise_id)


def _as_date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _apply_click(result: object, state: ViewState, by_id: dict) -> ViewState:
    """A new click on a mark selects its claim (or its group, when marks are
    aggregated); the same click seen again does not."""
    clicked = _clicked_id(result)
    if not clicked or clicked == st.session_state.get("last_click"):
        return state
    st.session_state["last_click"] = clicked
    if clicked.startswith("group:"):
        st.session_state["group"] = clicked
        return state
    if clicked in by_id:
        st.session_state["group"] = None
        st.session_state["selected"] = clicked
        return state.with_claim(clicked)
    return state


def _group_picker(shown: list[Claim], state: ViewState) -> ViewState:
    """After a click on an aggregated mark: pick one of its claims."""
    group = st.session_state.get("group")
    if not group:
        return state
    members = [c for c in shown if group_key(c) == group]
    if not members:
        return state
    st.subheader(f"{len(members)} claims at {members[0].place.name}")
    ids = [c.id for c in members]
    labels = {
        c.id: plain(f"{c.outlet} · {c.published or 'undated'} · “{c.mention}”") for c in members
    }
    default = ids.index(state.claim) if state.claim in ids else 0
    chosen = st.selectbox("Claim", ids, index=default, format_func=labels.__getitem__)
    st.session_state["selected"] = chosen
    return state.with_claim(chosen)


def _clicked_id(result: object) -> str | None:
    if not isinstance(result, dict):
        return None
    drawing = result.get("last_active_drawing")
    if not isinstance(drawing, dict):
        return None
    props = drawing.get("properties")
    value = props.get("id") if isinstance(props, dict) else None
    return value if isinstance(value, str) else None


def _legend(corpus: Corpus, shown: list) -> None:
    colours = outlet_colours(corpus.outlets)
    present = sorted({c.outlet for c in shown if c.role == "exercise"}, key=str.casefold)
    items = "".join(
        f'<span style="display:inline-block;margin:0 14px 4px 0">'
        f'<span style="display:inline-block;width:12px;height:12px;border-radius:50%;'
        f'background:{colours[name]};margin-right:5px"></span>{html.escape(plain(name))}</span>'
        for name in present
    )
    st.html(
        f"<div><b>Outlets</b><br>{items}</div>"
        '<div style="font-size:0.85em;color:#555;margin-top:4px">'
        "Solid pin: a town or site. Hollow dashed ring with a translucent circle: an area "
        "(region, province, border, sea) drawn at its uncertainty radius. "
        "Grey squares: context mentions.</div>"
    )


def _excerpt_panel(claim) -> None:
    st.subheader("Excerpt")
    if claim is None:
        st.caption("Click a mark on the map to read the sentence behind it.")
        return
    with st.container(border=True, key="excerpt"):
        st.markdown(
            f"**{md_escape(claim.outlet)}**, "
            f"{claim.published.isoformat() if claim.published else 'undated'}"
        )
        st.text(f"Credited to: {plain(claim.credited)}")
        st.text(f"Place as written: {plain(claim.mention)}  →  {claim.place.name}")
        st.text(
            f"Role: {'exercise location' if claim.role == 'exercise' else 'context mention'}"
            f" · Exercise: {exercise_name(claim.exercise, claim.exercise_name)}"
            f" · Precision: {'area' if claim.is_area else 'point'}, ±{claim.precision_km:g} km"
        )
        st.markdown(excerpt_markdown(claim))
        if claim.note:
            st.text(f"Analyst note: {plain(claim.note)}")
        st.caption(
            f"Characters {claim.start}–{claim.end} of {md_escape(Path(claim.file).name)} · "
            f"{md_escape(claim.status)} · coordinates: {md_escape(claim.place.provenance)}"
        )
        if claim.url:
            st.link_button("Open the article", claim.url)


def _disagreements(summaries: list) -> None:
    st.subheader("Where sources disagree")
    if not summaries:
        st.caption("No exercise locations in view.")
    for summary in summaries:
        title = _exercise_label(summary.exercise or UNASSIGNED)
        places = "; ".join(f"{p.place.name} ({', '.join(p.credited)})" for p in summary.places)
        spread = (
            f"greatest distance {summary.spread_km:,.0f} km "
            f"({summary.farthest[0]} – {summary.farthest[1]})"
            if summary.farthest
            else "one place only"
        )
        st.markdown(f"**{md_escape(title)}**: {len(summary.places)} place(s), {md_escape(spread)}")
        st.text(plain(places))


def _table(shown: list) -> None:
    st.subheader("Claims in view")
    if len(shown) > TABLE_ROWS:
        st.caption(f"The first {TABLE_ROWS:,} of {len(shown):,} claims; narrow the filters.")
        shown = shown[:TABLE_ROWS]
    frame = pd.DataFrame(
        [
            {
                "outlet": plain(c.outlet),
                "published": c.published,
                "exercise": exercise_name(c.exercise, c.exercise_name),
                "role": c.role,
                "as written": plain(c.mention),
                "place": c.place.name,
                "credited to": plain(c.credited),
                "precision km": c.precision_km,
                "status": c.status,
                "claim": c.id,
            }
            for c in shown
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")


main()
