"""Exercise Atlas: where each outlet says a military exercise took place.

Run with ``streamlit run dashboard.py``. This is the only module that imports
Streamlit; it holds widgets, caching and wiring, and nothing else.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import getpass
import html
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from streamlit_folium import st_folium

from geo.assets import missing_assets
from geo.basemap import basemap_settings
from geo.colours import COLOUR_BY, OTHER, OTHER_COLOUR
from geo.geocoding import geocoder_from_env
from geo.highlight import highlight_layer
from geo.mapping import (
    SHAPE_MEANING,
    build_base_map,
    build_claims_layer,
    group_members,
    map_data,
    shape_img,
)
from geo.search import describe, search_places
from sources.articles import ArticleError, articles_dir
from sources.atlas import Atlas
from sources.citation import (
    TIME_KEY,
    VERSION_KEY,
    Changes,
    changes_since,
    cited_time,
    cited_version,
    link_time,
    link_url,
    notice_text,
)
from sources.claims import ROLES, Claim
from sources.comparison import compare_exercise, header_html, row_html
from sources.corpus import Reader, fingerprint, import_corrections_once, reader
from sources.db.database import Database, FolderImport
from sources.db.engine import ENV_URL, database_url, safe_url
from sources.db.history import ConflictError
from sources.disagreement import (
    CONFLICTING,
    CONSISTENT,
    Disagreement,
    Relations,
    country_label,
    summarise_frame,
)
from sources.disagreement import contains as disagreement_contains
from sources.exercises import EXERCISES, exercise_name
from sources.export import FORMATS, export_view, file_name
from sources.frame import data_version, filter_frame
from sources.ingest.fetch import ENV_FETCH, FetchError, fetch_article, fetching_enabled
from sources.ingest.submission import UPLOAD_SUFFIXES, article_from_form, read_upload
from sources.render import excerpt_html, md_escape, plain
from sources.review.access import (
    Access,
    check_passphrase,
    decide_access,
    is_loopback,
    parse_editors,
)
from sources.review.model import Review, ReviewError, add_claim, review_claim
from sources.snapshot import load_snapshot
from sources.text import sentence_bounds
from sources.timeline import (
    LANE,
    SPAN,
    TimelineFilters,
    selection_filters,
    timeline_data,
    timeline_spec,
)
from sources.view import UNASSIGNED, ViewState, parse_view, view_to_params

MAP_KEY = "map"
TAB_KEY = "tab"
TABS = ("Where sources disagree", "Who says where", "Claims in view", "Articles and review")
TABLE_ROWS = 2000
KML_LIMIT = 20_000
MAX_TOASTS = 5
FOLDER_CHECK_S = 10
GROUP_LISTED = 1000
CLUSTER_MEANING = (
    "several claims at one point: the ring shows their colours and the number counts "
    "them; click to spread them out on legs back to the point"
)
SUMMARY_TOP = 10
PLACES_LISTED = 12
CREDITS_LISTED = 4
NEW_EXERCISE = "__new__"
_VERIFIED = "atlas_passphrase_token"


# Data ---------------------------------------------------------------------------------


SECRET_CONNECTION = "[connections.atlas] in secrets"


@st.cache_resource(show_spinner="Opening the database…")
def _database(url: str) -> Database:
    """The atlas database at ``url`` (or ``st.connection("atlas")`` when the secrets
    configure it), with migrations applied, once per process and URL. Raises when
    the database is down; a failure is not cached, so the next run tries again."""
    if url == SECRET_CONNECTION:
        # The section's keys (url, or dialect/host/username/...) passed on explicitly, so
        # the connection sees exactly what _secrets() read.
        settings = dict(_secrets()["connections"]["atlas"])
        return Database(engine=st.connection("atlas", type="sql", **settings).engine)
    return Database(url)


def _database_url() -> str:
    """``$ATLAS_DATABASE_URL``, else ``[connections.atlas]`` in secrets, else the
    articles folder's SQLite file."""
    if not os.environ.get(ENV_URL) and "atlas" in _secrets().get("connections", {}):
        return SECRET_CONNECTION
    return database_url(articles_dir())


@st.cache_resource(show_spinner="Reading the articles folder…")
def _fallback_database(_reason: str) -> Database:
    """An in-memory database over the articles folder, when the real one is down."""
    return Database("sqlite://")


@st.cache_data(ttl=FOLDER_CHECK_S, max_entries=4, show_spinner=False)
def _fingerprint(directory: str, mtime: int) -> str:
    """The articles folder's fingerprint: at once when a file is added or removed (the
    folder's time changes), within FOLDER_CHECK_S when one is edited in place."""
    return fingerprint(directory)


def _mtime(directory: str) -> int:
    try:
        return os.stat(directory).st_mtime_ns
    except OSError:
        return 0


@st.cache_resource(show_spinner="Importing the articles folder…", max_entries=4)
def _imported(_db: Database, directory: str, folder: str) -> FolderImport:
    """Bring the folder into the database once per version of the folder."""
    return _db.import_folder(directory, stamp=folder)


@st.cache_resource(max_entries=4)
def _reader(_db: Database, url: str) -> Reader:
    """How claims are read from ``_db``: with the geocoder the settings ask for, if any."""
    return reader(_db, geocoder_from_env())


@st.cache_resource(show_spinner="Importing corrections.json…", max_entries=4)
def _corrections(_reader_: Reader, directory: str, folder: str) -> tuple[str, ...]:
    return import_corrections_once(_reader_, directory).lines


@st.cache_resource(show_spinner="Reading claims…", max_entries=2)
def _atlas(_reader_: Reader, stamp: str) -> Atlas:
    """The claims and articles of one data version (a snapshot file: see sources.snapshot)."""
    database = _reader_.database
    return Atlas(load_snapshot(database, stamp=stamp, extract=_reader_.extract))


@st.cache_resource(max_entries=8)
def _shown(_atlas_: Atlas, stamp: str, filters: ViewState) -> pd.DataFrame:
    """The claims a view shows (sources.frame.filter_frame, the one filter); never mutated."""
    return filter_frame(_atlas_.claims, filters)


@st.cache_data(max_entries=64, show_spinner=False)
def _map_data(
    _atlas_: Atlas, stamp: str, filters: ViewState, colour_by: str, selected: str | None
) -> dict:
    """The map data for a view: cache the data, never folium objects (FIELD-NOTES §5)."""
    shown = _shown(_atlas_, stamp, filters)
    return map_data(shown, _atlas_.colours(colour_by), colour_by=colour_by, selected=selected)


def _summaries(atlas: Atlas, stamp: str, filters: ViewState, contains) -> list:
    """An exercise's summary depends only on its own claims: choosing exercises picks
    from the summaries of them all, computed once per other filter."""
    every = _summaries_of(atlas, stamp, replace(filters, exercises=()), contains)
    if not filters.exercises:
        return every
    return [s for s in every if s.exercise in filters.exercises]


@st.cache_resource(max_entries=16)
def _summaries_of(_atlas_: Atlas, stamp: str, filters: ViewState, _contains) -> list:
    view = _shown(_atlas_, stamp, filters)
    return summarise_frame(
        view, contains=_contains, relations=_relations(_atlas_, stamp, _contains)
    )


@st.cache_resource(max_entries=2)
def _relations(_atlas_: Atlas, stamp: str, _contains) -> Relations:
    """How the places of one data version stand to each other, judged once for every view."""
    return Relations(_contains)


def _open() -> tuple[Database, bool]:
    """The database and whether it is the real one (False: the read-only fallback)."""
    url = _database_url()
    try:
        return _database(url), True
    except (SQLAlchemyError, OSError) as exc:
        reason = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
        print(f"database unavailable ({safe_url(url)}): {reason}", file=sys.stderr)
        # Visitors learn that it is down, not where it lives (a file path, a host).
        st.error(
            f"The database ({md_escape(_kind_of(url))}) is unavailable "
            f"({md_escape(type(exc).__name__)}). Showing the articles folder, read-only.",
            icon="🛑",
        )
        return _fallback_database(reason), False


def _kind_of(url: str) -> str:
    if url == SECRET_CONNECTION:
        return "configured connection"
    return url.split(":", 1)[0].split("+", 1)[0] or "database"


def _secrets() -> dict:
    """``st.secrets`` as a plain dict; empty when there is no secrets file."""
    try:
        return st.secrets.to_dict()
    except Exception:  # StreamlitSecretNotFoundError, or a broken secrets.toml
        return {}


# Page ---------------------------------------------------------------------------------


def main() -> None:
    st.set_page_config(page_title="Exercise Atlas", page_icon="🗺️", layout="wide")
    st.title("Exercise Atlas")
    st.caption(
        "Where each outlet says a military exercise took place, and where they disagree. "
        "Click a mark to read the sentence behind it."
    )
    _check_basemap()
    db, writable = _open()
    directory = str(articles_dir())
    folder = _fingerprint(directory, _mtime(directory))
    imported = _imported(db, directory, folder)
    source = _reader(db, db.url)
    corrections = _corrections(source, directory, folder)
    # The data version: it changes with every article, review or extraction written.
    stamp = source.database.data_stamp()
    atlas = _atlas(source, stamp)
    access = _access(writable)
    _report_problems(imported, (*corrections, *source.notices), atlas)
    _apply_pending_filters()
    _follow_history()
    state = _controls(atlas, access)
    filters = _filters(state)
    shown = _shown(atlas, stamp, filters)
    version = _version(atlas, stamp, filters)
    _version_notice(db, atlas, stamp, version, filters)
    # The click that caused this run is read before the map is drawn, so the mark
    # outlined is the one just clicked, not the one before it.
    state = _select(st.session_state.get(MAP_KEY), state, atlas, shown)
    state = _drop_hidden_selection(state, atlas, filters)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        if atlas.claims.empty:
            st.info("No place mentions yet. Add an article below.")
        elif shown.empty:
            _nothing_matches()
        data = _map_data(atlas, stamp, filters, state.colour_by, state.claim)
        layer = build_claims_layer(data)
        rings = highlight_layer(data["marks"], st.session_state.get("highlight") or ())
        if rings is not None:
            rings.add_to(layer)
        result = st_folium(
            build_base_map(),
            key=MAP_KEY,
            feature_group_to_add=layer,
            returned_objects=["last_active_drawing"],
            height=560,
            use_container_width=True,
        )
        if _select(result, state, atlas, shown) != state:
            st.rerun()  # a click the map's callback did not pass on first: draw it outlined
        _selection_cue(atlas, state)
        _legend(atlas, shown, state.colour_by)
    with right:
        _group_picker(shown, state)
        claim = atlas.claim(state.claim)
        _excerpt_panel(db, claim)
        if claim is not None:
            _review_panel(db, atlas, claim, access)
    params = {**view_to_params(state), VERSION_KEY: version}
    if (made := link_time(_last_change(db, stamp))) is not None:
        params[TIME_KEY] = made
    st.query_params.from_dict(params)
    st.session_state["written_params"] = _as_lists(params)
    _outputs_bar(atlas, shown, state, params)
    unchosen = replace(filters, exercises=(), date_from=None, date_to=None)
    _timeline(*_timeline_of(atlas, stamp, unchosen, state.colour_by))
    # Only the open tab is computed (st.tabs with on_change="rerun"): a filter change at
    # 100,000 claims rebuilds one of them, not all four.
    disagree, compare, table, articles = st.tabs(TABS, key=TAB_KEY, on_change="rerun")
    contains = getattr(db.gazetteer, "contains", None) or disagreement_contains
    if disagree.open:
        with disagree:
            _disagreements(_summaries(atlas, stamp, filters, contains))
    if compare.open:
        with compare:
            _comparison(atlas, stamp, filters, state, contains)
    if table.open:
        with table:
            _table(shown, atlas)
    if articles.open:
        with articles:
            _articles_panel(db, atlas, access)
    if access.can_edit:
        _add_article_panel(db, access)


def _report_problems(imported: FolderImport, notices: tuple[str, ...], atlas: Atlas) -> None:
    for error in imported.errors:
        # A missing folder is reported by its name only: visitors never see server paths.
        st.warning(
            f"Skipped {md_escape(Path(error.file).name)}: {md_escape(error.field)}: "
            f"{md_escape(error.reason)}",
            icon="⚠️",
        )
    for warning in (*imported.warnings, *notices):
        st.info(md_escape(warning), icon="ℹ️")
    stale = atlas.snapshot.stale
    if stale:
        with st.expander(f"{len(stale)} stale review(s): their words are gone"):
            for _, description in stale:
                st.text(plain(description))


# Who may edit -------------------------------------------------------------------------


def _access(writable: bool) -> Access:
    """Decided from server-side facts only; see ``sources.review.access``."""
    secrets = _secrets()
    address = st.get_option("server.address")
    if "editor_name" not in st.session_state and is_loopback(address):
        st.session_state["editor_name"] = _local_user()  # a person at this machine
    auth_configured = isinstance(secrets.get("auth"), dict)
    email = None
    if auth_configured and st.user.is_logged_in:
        email = str(st.user.get("email") or "") or None
    passphrase = _passphrase(secrets)
    editors = parse_editors(secrets.get("ATLAS_EDITORS") or os.environ.get("ATLAS_EDITORS"))
    return decide_access(
        auth_configured=auth_configured,
        signed_in_email=email,
        editors=editors,
        passphrase_configured=bool(passphrase),
        passphrase_verified=bool(passphrase)
        and st.session_state.get(_VERIFIED) == _token(passphrase),
        server_address=address,
        typed_name=str(st.session_state.get("editor_name") or ""),
        database_writable=writable,
    )


def _passphrase(secrets: dict) -> str:
    return str(
        secrets.get("ATLAS_EDITOR_PASSPHRASE") or os.environ.get("ATLAS_EDITOR_PASSPHRASE") or ""
    )


def _token(passphrase: str) -> str:
    import hashlib

    return hashlib.sha256(("atlas-editor\0" + passphrase).encode()).hexdigest()


def _editing_sidebar(access: Access) -> None:
    st.header("Editing")
    secrets = _secrets()
    if access.can_edit:
        st.caption(f"Editing is on ({access.how}).")
        if access.how == "sign-in":
            st.caption(f"Signed in as {md_escape(access.editor)}.")
            if st.button("Sign out", key="sign_out"):
                st.logout()
        else:
            st.text_input("Your name (recorded with each review)", key="editor_name")
            if access.needs_name:
                st.warning("Type your name to review or add articles.")
        return
    st.caption(f"Read-only: {md_escape(access.reason)}.")
    signed_out = isinstance(secrets.get("auth"), dict) and not st.user.is_logged_in
    if signed_out and st.button("Sign in to edit", key="sign_in"):
        st.login()
    passphrase = _passphrase(secrets)
    if passphrase:
        with st.form("unlock", border=False):
            given = st.text_input("Editor passphrase", type="password", key="passphrase")
            if st.form_submit_button("Unlock editing", key="unlock"):
                if check_passphrase(passphrase, given):
                    st.session_state[_VERIFIED] = _token(passphrase)
                    st.rerun()
                st.error("Wrong passphrase.")


def _local_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _write(db: Database, access: Access, make: Callable[[], Review | None]) -> None:
    """Every review goes through here: nothing is written without edit access."""
    if not access.can_edit or access.needs_name:
        st.error("Editing is not allowed in this session.")
        return
    try:
        review = make()
        if review is None:
            return
        db.record(review)
    except (ReviewError, ConflictError) as exc:
        st.error(md_escape(str(exc)))
        return
    st.session_state.update(selected=review.claim_id, group=None)
    st.toast(f"Saved: {review.status} {plain(review.mention)}", icon="✅")
    st.rerun()


# Filters and URL state ----------------------------------------------------------------

FILTER_DEFAULTS = {
    "f_exercise": [],
    "f_outlet": [],
    "f_from": None,
    "f_to": None,
    "f_context": False,
    "f_rejected": False,
}


def _controls(atlas: Atlas, access: Access) -> ViewState:
    if "view_loaded" not in st.session_state:
        params = {k: st.query_params.get_all(k) for k in st.query_params}
        initial, notices = parse_view(
            params, exercises=atlas.exercises, outlets=atlas.outlets, claims=atlas.ids
        )
        st.session_state.update(
            view_loaded=True,
            f_exercise=list(initial.exercises),
            f_outlet=list(initial.outlets),
            f_context=initial.context,
            f_rejected=initial.rejected,
            f_from=initial.date_from,
            f_to=initial.date_to,
            f_colour=initial.colour_by,
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
            atlas.exercises,
            key="f_exercise",
            format_func=atlas.exercise_label,
            placeholder="All exercises",
        )
        chosen_out = st.multiselect(
            "Outlet", atlas.outlets, key="f_outlet", placeholder="All outlets"
        )
        date_from = st.date_input("Published from", key="f_from", format="YYYY-MM-DD")
        date_to = st.date_input("Published to", key="f_to", format="YYYY-MM-DD")
        context = st.toggle("Also show context mentions", key="f_context")
        rejected = st.toggle("Also show rejected claims", key="f_rejected")
        colour_by = st.selectbox(
            "Colour by", list(COLOUR_BY), format_func=COLOUR_BY.__getitem__, key="f_colour"
        )
        st.caption(f"{len(atlas.articles):,} article(s), {len(atlas.claims):,} place mention(s).")
        _editing_sidebar(access)
    return ViewState(
        exercises=tuple(chosen_ex),
        outlets=tuple(chosen_out),
        date_from=_as_date(date_from),
        date_to=_as_date(date_to),
        context=context,
        claim=st.session_state.get("selected"),
        rejected=rejected,
        colour_by=colour_by if colour_by in COLOUR_BY else "outlet",
    )


def _filters(state: ViewState) -> ViewState:
    """The part of the view that decides which claims show (not colour, not selection)."""
    return replace(state, claim=None, colour_by="outlet")


def _reset_filters() -> None:
    st.session_state.update(FILTER_DEFAULTS)


def _nothing_matches() -> None:
    with st.container(border=True, key="no_match"):
        st.markdown("**No claims match these filters.**")
        st.caption("Widen the dates, or choose other exercises or outlets.")
        st.button("Reset the filters", key="reset_filters", on_click=_reset_filters)


def _as_date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


# Map and excerpt ------------------------------------------------------------------------


def _select(result: object, state: ViewState, atlas: Atlas, shown: pd.DataFrame) -> ViewState:
    """A new click on a mark selects its claim; on an aggregated mark, its group and the
    group's first claim. The same click seen again changes nothing."""
    clicked = _clicked_id(result)
    if clicked and clicked != st.session_state.get("last_click"):
        st.session_state["last_click"] = clicked
        if clicked.startswith("group:"):
            members = group_members(shown, clicked, colour_by=state.colour_by)
            if len(members):
                ids = list(members["id"])
                pick = state.claim if state.claim in ids else ids[0]
                st.session_state.update(group=clicked, group_pick=pick, selected=pick)
                return state.with_claim(pick)
        elif clicked in atlas.ids:
            st.session_state.update(group=None, selected=clicked)
            return state.with_claim(clicked)
    picked = st.session_state.get("group_pick")
    if st.session_state.get("group") and picked and picked != state.claim and picked in atlas.ids:
        st.session_state["selected"] = picked  # chosen in the group's list last run
        return state.with_claim(picked)
    return state


def _drop_hidden_selection(state: ViewState, atlas: Atlas, filters: ViewState) -> ViewState:
    """A claim the filters hide is closed, so the excerpt never shows what the map does
    not. One rejected just now stays open (its status says why it left the map)."""
    if not state.claim or state.claim not in atlas.ids:
        return state
    if not filter_frame(atlas.row(state.claim), replace(filters, rejected=True)).empty:
        return state
    st.session_state.update(selected=None, group=None)
    st.toast("The claim you had open is hidden by the filters; it was closed.", icon="ℹ️")
    return state.with_claim(None)


def _group_picker(shown: pd.DataFrame, state: ViewState) -> None:
    """After a click on an aggregated mark: its claims, to pick one."""
    group = st.session_state.get("group")
    if not group:
        return
    members = group_members(shown, group, colour_by=state.colour_by)
    if members.empty:
        return
    listed = members.iloc[:GROUP_LISTED]
    first = listed.iloc[0]
    st.subheader(f"{len(members):,} claims at {first['place_name']}")
    if len(members) > GROUP_LISTED:
        st.caption(f"The first {GROUP_LISTED:,}; narrow the filters to list the others.")
    labels = {
        row.id: plain(f"{row.outlet} · {_day(row.published)} · “{row.mention}”")
        for row in listed[["id", "outlet", "published", "mention"]].itertuples(index=False)
    }
    ids = list(labels)
    if st.session_state.get("group_pick") not in labels:
        st.session_state["group_pick"] = state.claim if state.claim in labels else ids[0]
    st.selectbox("Claim", ids, format_func=labels.__getitem__, key="group_pick")


def _day(value: object) -> str:
    return "undated" if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _clicked_id(result: object) -> str | None:
    if not isinstance(result, dict):
        return None
    drawing = result.get("last_active_drawing")
    if not isinstance(drawing, dict):
        return None
    props = drawing.get("properties")
    value = props.get("id") if isinstance(props, dict) else None
    return value if isinstance(value, str) else None


def _selection_cue(atlas: Atlas, state: ViewState) -> None:
    """On a phone the excerpt column stacks below the map and legend: say so there."""
    claim = state.claim if state.claim in atlas.ids else None
    if claim is None:
        return
    st.html("<style>@media (min-width: 641px) { .st-key-phone_cue { display: none; } }</style>")
    with st.container(key="phone_cue"):
        st.markdown("**↓ The excerpt of the claim you chose is below the legend.**")


def _legend(atlas: Atlas, shown: pd.DataFrame, colour_by: str) -> None:
    colours = atlas.colours(colour_by)
    present = set(shown[colour_by].fillna("").unique()) if len(shown) else set()
    if "" in present:
        present = (present - {""}) | {"Unknown"}
    named = [v for v in colours.named if v in present]
    others = sorted(v for v in present if v not in colours.named)
    items = [_legend_item(shape_img("pin", colours[v]), v) for v in named]
    if others:
        items.append(_legend_item(shape_img("pin", OTHER_COLOUR), f"{OTHER} ({len(others)})"))
    shapes = "".join(
        _legend_item(shape_img(shape, "#555555"), meaning)
        for shape, meaning in SHAPE_MEANING.items()
    )
    note = f"<div>{html.escape(colours.note)}</div>" if others else ""
    cluster = _legend_item(_cluster_svg(), CLUSTER_MEANING)
    st.html(
        f"<div><b>{html.escape(COLOUR_BY[colour_by])}</b><br>{''.join(items)}{note}"
        f'<div style="margin-top:6px"><b>Marks</b><br>{shapes}{cluster}</div></div>'
    )


def _legend_item(svg: str, label: str) -> str:
    return (
        '<span style="display:inline-block;margin:0 14px 4px 0">'
        f"{svg} {html.escape(plain(label))}</span>"
    )


def _cluster_svg() -> str:
    """A cluster mark as the map draws it: a ring of its colours around its count."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 30 30">'
        '<circle cx="15" cy="15" r="14" fill="#ffffff"/>'
        '<circle cx="15" cy="15" r="10" fill="none" stroke="#0072B2" stroke-width="6" '
        'stroke-dasharray="40 23" transform="rotate(-90 15 15)"/>'
        '<circle cx="15" cy="15" r="10" fill="none" stroke="#D55E00" stroke-width="6" '
        'stroke-dasharray="23 40" stroke-dashoffset="-40" transform="rotate(-90 15 15)"/>'
        '<text x="15" y="19" font-size="11" font-weight="bold" text-anchor="middle" '
        'font-family="sans-serif">3</text></svg>'
    )
    data = base64.b64encode(svg.encode()).decode()
    return f'<img src="data:image/svg+xml;base64,{data}" width="20" height="20" alt="">'


def _excerpt_panel(db: Database, claim: Claim | None) -> None:
    st.subheader("Excerpt", anchor="excerpt")
    if claim is None:
        st.caption("Click a mark on the map to read the sentence behind it.")
        return
    with st.container(border=True, key="excerpt"):
        st.markdown(
            f"**{md_escape(claim.outlet)}**, "
            f"{claim.published.isoformat() if claim.published else 'undated'}"
        )
        st.text(f"Credited to: {plain(claim.credited)}")
        st.text(f"Place as written: {plain(claim.mention)}  →  {plain(claim.place.name)}")
        if claim.hierarchy:
            st.text(f"Within: {plain(' › '.join(claim.hierarchy))}")
        st.text(
            f"Role: {'exercise location' if claim.role == 'exercise' else 'context mention'}"
            f" · Exercise: {plain(exercise_name(claim.exercise, claim.exercise_name))}"
            f" · Precision: {'area' if claim.is_area else 'point'}, ±{claim.precision_km:g} km"
        )
        st.html(excerpt_html(claim))
        if claim.note:
            st.text(f"Analyst note: {plain(claim.note)}")
        st.text(_status_line(claim))
        if claim.status == "rejected":
            st.caption("Rejected claims leave the map unless “Also show rejected claims” is on.")
        st.caption(
            f"Characters {claim.start}–{claim.end} of {md_escape(Path(claim.file).name)} · "
            f"coordinates: {md_escape(claim.place.provenance)}"
        )
        if claim.url:
            st.link_button("Open the article", claim.url)
        _history(db, claim)


def _status_line(claim: Claim) -> str:
    if claim.status == "automatic":
        return "Status: automatic (the machine's proposal, not reviewed yet)"
    return f"Status: {claim.status} by {plain(claim.reviewed_by)} (revision {claim.revision})"


def _history(db: Database, claim: Claim) -> None:
    reviews = db.history(claim) if claim.revision else ()
    with st.expander(f"History ({len(reviews)} review(s))"):
        first = reviews[0].before if reviews else None
        if reviews and first is None:
            st.text("Added by a reviewer; the machine did not propose it.")
        else:
            proposal = first or _state_of(claim)
            st.text(
                f"Machine proposal: {proposal.role}, {plain(proposal.place.name)}, "
                f"{plain(exercise_name(proposal.exercise, proposal.exercise_name))}"
            )
        for review in reviews:
            when = review.at.strftime("%Y-%m-%d %H:%M UTC") if review.at else ""
            changes = "; ".join(f"{k}: {a or '—'} → {b}" for k, (a, b) in review.changes().items())
            st.text(
                plain(
                    f"{when} · {review.editor} · {review.action}"
                    + (f" · {changes}" if changes else "")
                    + (f" · note: {review.note}" if review.note else "")
                )
            )


def _state_of(claim: Claim):
    from sources.review.model import ClaimState

    return ClaimState.of(claim)


# Review -------------------------------------------------------------------------------


def _review_panel(db: Database, atlas: Atlas, claim: Claim, access: Access) -> None:
    if not access.can_edit or access.needs_name:
        return
    key = f"{claim.id}-{claim.revision}"
    with st.container(border=True, key="review"):
        st.markdown("**Review this claim**")
        accept, reject = st.columns(2)
        if accept.button("Accept", key=f"rv_accept-{key}", use_container_width=True):
            _write(db, access, lambda: review_claim(claim, "accept", editor=access.editor))
        if reject.button("Reject", key=f"rv_reject-{key}", use_container_width=True):
            _write(db, access, lambda: review_claim(claim, "reject", editor=access.editor))
        role = st.radio(
            "Role", ROLES, index=ROLES.index(claim.role), horizontal=True, key=f"rv_role-{key}"
        )
        exercise, new_name = _exercise_picker(atlas, claim.exercise, f"rv_ex-{key}")
        place = _place_picker(db, f"rv_place-{key}")
        note = st.text_input("Note (optional)", key=f"rv_note-{key}")
        if st.button("Save changes", key=f"rv_save-{key}"):
            _write(
                db,
                access,
                lambda: review_claim(
                    claim,
                    "change",
                    editor=access.editor,
                    role=role,
                    exercise=exercise,
                    exercise_name=new_name,
                    place=place,
                    note=note,
                ),
            )


def _exercise_picker(atlas: Atlas, current: str | None, key: str) -> tuple[str, str]:
    """A registry or discovered exercise, or a new name; returns (id, name) ("" = none)."""
    found = (e for e in atlas.exercises if e != UNASSIGNED)
    options = list(dict.fromkeys([*(e.id for e in EXERCISES), *found]))
    options = ["", *options, NEW_EXERCISE]
    labels = {"": "Unassigned", NEW_EXERCISE: "New exercise…"}
    chosen = st.selectbox(
        "Exercise",
        options,
        index=options.index(current) if current in options else 0,
        format_func=lambda e: labels.get(e) or atlas.exercise_label(e),
        key=key,
    )
    if chosen == NEW_EXERCISE:
        name = st.text_input("Name of the new exercise", key=f"{key}-new", max_chars=120)
        slug = "-".join("".join(ch if ch.isalnum() else " " for ch in name.lower()).split())
        return (f"user:{slug}" if slug else ""), name
    return chosen, (atlas.exercise_label(chosen) if chosen else "")


def _place_picker(db: Database, key: str):
    query = st.text_input("Find a place by any of its names", key=f"{key}-q", max_chars=100)
    results = search_places(db.gazetteer, query) if query.strip() else []
    if query.strip() and not results:
        st.caption("No place of that name in the gazetteer.")
    chosen = st.selectbox(
        "New place",
        [None, *results],
        format_func=lambda p: "(keep the current place)" if p is None else describe(p),
        key=f"{key}-pick",
    )
    return chosen


def _articles_panel(db: Database, atlas: Atlas, access: Access) -> None:
    """Every article and, for the chosen one, its claims: the review list."""
    if atlas.articles.empty:
        st.caption("No articles yet.")
        return
    labels = atlas.article_labels
    ids = list(labels)
    wanted = st.session_state.pop("review_article_next", None)  # an article just added
    if wanted in ids:
        st.session_state["review_article_pick"] = wanted
    elif st.session_state.get("review_article_pick") not in ids:
        st.session_state["review_article_pick"] = ids[0]
    chosen = st.selectbox(
        "Article",
        ids,
        format_func=labels.__getitem__,
        key="review_article_pick",
    )
    claims = atlas.claims[(atlas.claims["article_id"] == chosen).to_numpy()]
    frame = pd.DataFrame(
        {
            "as written": claims["mention"].map(plain),
            "place": claims["place_name"].map(plain),
            "role": claims["role"],
            "exercise": claims["exercise"].map(atlas.exercise_label).map(plain),
            "status": claims["status"],
            "reviewed by": claims["reviewed_by"].fillna("").map(plain),
            "claim": claims["id"],
        }
    )
    st.caption(f"{len(claims)} proposed place mention(s). Choose a row to open it.")
    picked = st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=f"review_list-{chosen}",
    )
    rows = picked.selection.rows if picked is not None else []
    if rows and 0 <= rows[0] < len(claims):
        claim_id = claims["id"].iloc[rows[0]]
        if claim_id != st.session_state.get("selected"):
            st.session_state.update(selected=claim_id, group=None)
            st.rerun()
    if access.can_edit and not access.needs_name:
        article = db.article(chosen)
        if article is not None:
            _add_claim_form(db, atlas, article, access)


def _add_claim_form(db: Database, atlas: Atlas, article, access: Access) -> None:
    with st.expander("Add a claim the extractor missed"):
        bounds = sentence_bounds(article.body)
        if not bounds:
            return
        pick = st.selectbox(
            "Sentence",
            range(len(bounds)),
            format_func=lambda i: plain(article.body[bounds[i][0] : bounds[i][1]])[:160],
            key=f"add_sentence-{article.id}",
        )
        start, end = bounds[pick]
        words = _words(article.body, start, end)
        if not words:
            return
        first, last = st.select_slider(
            "The words that name the place",
            options=list(range(len(words))),
            value=(0, 0),
            format_func=lambda i: plain(words[i][2]),
            key=f"add_words-{article.id}-{pick}",
        )
        span = (words[first][0], words[last][1])
        st.text(f"Chosen: {plain(article.body[span[0] : span[1]])}")
        role = st.radio("Role", ROLES, horizontal=True, key=f"add_role-{article.id}")
        exercise, name = _exercise_picker(atlas, None, f"add_ex-{article.id}")
        place = _place_picker(db, f"add_place-{article.id}")
        if st.button("Add claim", key=f"add_claim-{article.id}"):
            if place is None:
                st.error("Choose the place these words name.")
                return
            _write(
                db,
                access,
                lambda: add_claim(
                    article,
                    *span,
                    place=place,
                    role=role,
                    exercise=exercise or None,
                    exercise_name=name,
                    editor=access.editor,
                ),
            )


def _words(body: str, start: int, end: int) -> list[tuple[int, int, str]]:
    import re

    return [
        (start + m.start(), start + m.end(), m.group(0))
        for m in re.finditer(r"\S+", body[start:end])
    ]


# Adding articles ----------------------------------------------------------------------


def _add_article_panel(db: Database, access: Access) -> None:
    st.subheader("Add article")
    if access.needs_name:
        st.caption("Type your name in the sidebar first.")
        return
    with st.form("add_article", clear_on_submit=True):
        text = st.text_area("Article text", height=200, key="add_text")
        left, right = st.columns(2)
        title = left.text_input("Title", key="add_title")
        outlet = right.text_input("Outlet", key="add_outlet")
        url = left.text_input("URL", key="add_url")
        published = right.date_input("Published", value=None, format="YYYY-MM-DD", key="add_date")
        language = left.text_input(
            "Language (optional; detected when empty)", max_chars=8, key="add_language"
        )
        upload = st.file_uploader(
            "Or upload a file", type=[s.lstrip(".") for s in UPLOAD_SUFFIXES], key="add_upload"
        )
        submitted = st.form_submit_button("Add article", key="add_submit")
    if submitted:
        _submit_article(db, access, text, title, outlet, url, published, language, upload)
    if fetching_enabled(_secrets().get(ENV_FETCH)):
        with st.form("add_by_url", clear_on_submit=True):
            link = st.text_input("Article URL to fetch", key="fetch_url")
            if st.form_submit_button("Fetch and add", key="fetch_submit") and link.strip():
                try:
                    _store_article(db, access, fetch_article(link), origin="url")
                except FetchError as exc:
                    st.error(md_escape(str(exc)))


def _submit_article(db, access, text, title, outlet, url, published, language, upload) -> None:
    try:
        if upload is not None:
            article = read_upload(upload.name, upload.getvalue())
        else:
            article = article_from_form(
                text=text,
                title=title,
                outlet=outlet,
                url=url,
                published=_as_date(published),
                language=language,
            )
    except ArticleError as exc:
        st.error(
            f"Not added: {md_escape(exc.file)}: {md_escape(exc.field)}: {md_escape(exc.reason)}"
        )
        return
    _store_article(db, access, article, origin="page")


def _store_article(db: Database, access: Access, article, *, origin: str) -> None:
    if not access.can_edit or access.needs_name:
        st.error("Editing is not allowed in this session.")
        return
    result = db.add_article(article, origin=origin, added_by=access.editor)
    if result.outcome == "duplicate":
        st.warning(f"Not added: this text is already held as “{md_escape(result.duplicate_of)}”.")
        return
    db.proposals([article])
    st.session_state["review_article_next"] = article.id
    st.toast(f"Added {plain(article.title or article.id)}", icon="✅")
    st.rerun()


# Closed networks -------------------------------------------------------------------------


def _check_basemap() -> None:
    """Say plainly when the map's settings cannot work, rather than draw a broken map."""
    try:
        settings = basemap_settings()
    except ValueError as exc:
        st.error(f"Map settings: {md_escape(str(exc))}", icon="🛑")
        st.stop()
    needed = settings.offline_assets or settings.blank
    if needed and (missing := missing_assets()):
        st.error(
            "The map's offline files are missing (run `python -m geo.assets fetch` once, with "
            f"npm): {md_escape(', '.join(missing[:4]))}",
            icon="🛑",
        )


# Outputs: downloads -------------------------------------------------------------------


def _outputs_bar(atlas: Atlas, view: pd.DataFrame, state: ViewState, params: dict) -> None:
    download, link, _ = st.columns([1, 1, 4])
    with download.popover("Download", icon=":material/download:", key="download_menu"):
        _download_menu(atlas, view, state, params[VERSION_KEY])
    with link.popover("Copy link", icon=":material/link:", key="copy_link"):
        st.caption(
            "A link to this view: its filters, the selected claim and data version "
            f"{params[VERSION_KEY]}. Whoever opens it is told if the data has changed since."
        )
        st.code(link_url(_page_url(), params), language=None, wrap_lines=True)


def _page_url() -> str:
    try:
        return st.context.url or "http://localhost:8501/"
    except Exception:  # no browser behind this run (AppTest)
        return "http://localhost:8501/"


def _download_menu(atlas: Atlas, view: pd.DataFrame, state: ViewState, version: str) -> None:
    st.caption(
        f"The {len(view):,} claim(s) in view, with every field, the sentence, the article's "
        f"link and data version {version}."
    )
    for fmt in FORMATS.values():
        too_many = fmt.name == "kml" and len(view) > KML_LIMIT
        st.download_button(
            fmt.label,
            # Built only when clicked, on another thread: no Streamlit calls inside.
            data=functools.partial(
                _export, atlas, view, fmt.name, colour_by=state.colour_by, version=version
            ),
            file_name=file_name(fmt.name, version),
            mime=fmt.mime,
            key=f"download_{fmt.name}",
            on_click="ignore",
            width="stretch",
            disabled=too_many,
            help=(
                f"Over {KML_LIMIT:,} claims: Google Earth slows to a crawl and the file takes "
                "minutes to build. Narrow the filters, or use GeoJSON."
                if too_many
                else None
            ),
        )


def _export(atlas: Atlas, view: pd.DataFrame, fmt: str, *, colour_by: str, version: str) -> bytes:
    """The file of a download: the view's claims with every column, coloured as the map."""
    colours = atlas.colours(colour_by)
    return export_view(atlas.full(view), fmt, colour_by=colour_by, colours=colours, version=version)


# Outputs: links that can be cited -----------------------------------------------------


@st.cache_data(max_entries=16, show_spinner=False)
def _last_change(_db: Database, stamp: str):
    """When the data last changed: a link's ``at``, the same for every link to this data."""
    return _db.last_change()


def _as_lists(params: dict) -> dict[str, list[str]]:
    return {k: [v] if isinstance(v, str) else list(v) for k, v in params.items()}


def _follow_history() -> None:
    """Back and Forward: Streamlit pushes a history entry per URL the page writes, and
    reruns with the old URL on Back; a URL that is not the one written last is a view
    to open, as a link would be."""
    written = st.session_state.get("written_params")
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if "view_loaded" not in st.session_state or (written is not None and current != written):
        st.session_state.pop("view_loaded", None)
        st.session_state["citation"] = {
            "version": cited_version(current.get(VERSION_KEY)),
            "at": cited_time(current.get(TIME_KEY)),
        }


def _version_notice(
    db: Database, atlas: Atlas, stamp: str, version: str, filters: ViewState
) -> None:
    """At the top of a page opened from a link whose data version is not today's."""
    citation = st.session_state.get("citation") or {}
    cited = citation.get("version")
    citation.setdefault("filters", filters)
    if not cited or cited == version or citation["filters"] != filters:
        st.session_state["highlight"] = []
        return
    changes = _changes(db, atlas, stamp, cited, citation.get("at"), filters)
    with st.container(border=True, key="version_notice"):
        st.warning(md_escape(notice_text(changes)), icon="🕘")
        if changes.on_map:
            showing = bool(st.session_state.get("highlight"))
            if st.toggle("Highlight them on the map", value=showing, key="highlight_changes"):
                st.session_state["highlight"] = list(changes.on_map)
            else:
                st.session_state["highlight"] = []
        if changes.count:
            with st.expander("Which claims"):
                for label, ids in (
                    ("added", changes.added),
                    ("changed", changes.changed),
                    ("rejected or removed", changes.rejected),
                ):
                    if ids:
                        st.text(plain(f"{label}: {', '.join(ids)}"))


@st.cache_data(max_entries=16, show_spinner=False)
def _changes(
    _db: Database, _atlas_: Atlas, stamp: str, cited: str, at, filters: ViewState
) -> Changes:
    """What changed in the cited view since the link was made: read from the times of
    reviews and articles, with the view's rejected claims included to find the rejections."""
    view = _shown(_atlas_, stamp, replace(filters, rejected=True))
    if at is None:
        return changes_since(cited, None, view, reviewed={}, new_articles=())
    reviewed, new_articles = _db.changes_since(at)
    return changes_since(cited, at, view, reviewed=reviewed, new_articles=new_articles)


# Outputs: the timeline ----------------------------------------------------------------


@st.cache_data(max_entries=64, show_spinner=False)
def _version(_atlas_: Atlas, stamp: str, filters: ViewState) -> str:
    return data_version(_shown(_atlas_, stamp, filters))


def _apply_pending_filters() -> None:
    """Filters a chart selection asked for, set before the sidebar's widgets exist."""
    for key, value in st.session_state.pop("pending_filters", {}).items():
        st.session_state[key] = value


@st.cache_resource(max_entries=32)
def _timeline_of(_atlas_: Atlas, stamp: str, filters: ViewState, colour_by: str):
    """The timeline's data and chart, coloured as the map, for a view without its dates and
    exercises, which the chart chooses: built once per other filters."""
    view = _shown(_atlas_, stamp, filters)
    data = timeline_data(view, colour_by=colour_by, colours=_atlas_.colours(colour_by))
    return data, None if data.empty else timeline_spec(data)


def _timeline(data, spec) -> None:
    st.subheader("Timeline")
    if data.empty:
        st.caption("No claims in view.")
        return
    st.caption(
        "One lane per exercise: the grey band is its reported dates, each tick an article on "
        "its publication date. Drag across the ticks to keep those dates; click a band to keep "
        "that exercise (double-click to clear)."
    )
    # The cached spec, built and validated once per view; Streamlit takes its datasets out of
    # the dict it is given, so it gets a copy.
    event = st.vega_lite_chart(
        spec={**spec, "datasets": dict(spec["datasets"])},
        on_select="rerun",
        selection_mode=[SPAN, LANE],
        key="timeline",
        width="stretch",
    )
    if data.undated:
        named = "; ".join(f"{u.outlet} ({u.article_id}, {u.lane})" for u in data.undated[:20])
        more = f" and {len(data.undated) - 20:,} more" if len(data.undated) > 20 else ""
        st.caption(
            f"{len(data.undated)} undated article(s), not on the timeline: {md_escape(named)}{more}"
        )
    chosen = selection_filters(getattr(event, "selection", None))
    known = set(data.bands["exercise"])
    chosen = replace(chosen, exercises=tuple(e for e in chosen.exercises if e in known))
    _follow_selection(chosen)


def _follow_selection(chosen: TimelineFilters) -> None:
    """A new chart selection becomes the view's filters (cleared when it is cleared)."""
    before = st.session_state.get("timeline_seen") or TimelineFilters()
    if chosen == before:
        return
    st.session_state["timeline_seen"] = chosen
    pending: dict[str, object] = {}
    if chosen.date_from or before.date_from:
        pending.update(f_from=chosen.date_from, f_to=chosen.date_to)
    if chosen.exercises or before.exercises:
        pending["f_exercise"] = list(chosen.exercises)
    st.session_state["pending_filters"] = pending
    st.rerun()


# Outputs: who says where ----------------------------------------------------------------

_PICK_WIDTH = 96  # px: the row buttons' width, and the heading's blank cell above them


@st.cache_resource(max_entries=32)
def _compared(_atlas_: Atlas, stamp: str, filters: ViewState, exercise: str, _contains):
    """Who says where for one exercise of a view (a frozen value), once per view."""
    view = _shown(_atlas_, stamp, filters)
    # The summary tab has judged this exercise's places already (its claims are the same
    # whichever exercises are chosen).
    summaries = _summaries_of(_atlas_, stamp, replace(filters, exercises=()), _contains)
    summary = next((s for s in summaries if s.exercise == exercise), None)
    return compare_exercise(view, exercise, contains=_contains, full=_atlas_.full, summary=summary)


@st.cache_data(max_entries=32, show_spinner=False)
def _located_exercises(_atlas_: Atlas, stamp: str, filters: ViewState) -> list[str]:
    """The exercises a view places somewhere, in the order their claims come."""
    view = _shown(_atlas_, stamp, filters)
    return list(view.loc[view["role"] == "exercise", "exercise"].unique())


def _comparison(atlas: Atlas, stamp: str, filters: ViewState, state: ViewState, contains) -> None:
    """One exercise's claims side by side, grouped by place; a row's button selects it."""
    exercises = _located_exercises(atlas, stamp, filters)
    if not exercises:
        st.caption("No exercise locations in view.")
        return
    current = atlas.row(state.claim) if state.claim else atlas.claims.iloc[:0]
    chosen = current["exercise"].iloc[0] if len(current) else None
    default = exercises.index(chosen) if chosen in exercises else 0
    exercise = st.selectbox(
        "Exercise",
        exercises,
        index=default,
        format_func=atlas.exercise_label,
        key="compare_exercise",
    )
    comparison = _compared(atlas, stamp, filters, exercise, contains)
    with st.container(border=True, key="comparison"):
        st.markdown(
            f"**Who says where: {md_escape(atlas.exercise_label(exercise))}** · "
            f"{comparison.claims} claim(s) at {len(comparison.groups)} place(s)"
        )
        with st.container(horizontal=True, wrap=False):
            st.html(header_html())
            st.container(width=_PICK_WIDTH, border=False)  # the blank above the buttons
        for group in comparison.groups:
            with st.container(horizontal=True, vertical_alignment="center"):
                st.markdown(f"**{md_escape(group.label)}**", width="content")
                conflicting = group.agreement == "conflicting"
                st.badge(group.agreement, color="red" if conflicting else "green")
                st.caption(f"{group.total} claim(s)")
            for row in group.rows:
                _comparison_row(row, selected=row.claim_id == state.claim)
            if group.total > len(group.rows):
                st.caption(
                    f"…and {group.total - len(group.rows):,} more here; narrow the filters "
                    "or download the view to see them all."
                )


def _comparison_row(row, *, selected: bool) -> None:
    with st.container(horizontal=True, vertical_alignment="top", wrap=False):
        st.html(row_html(row))
        if st.button(
            "Selected" if selected else "Show",
            key=f"compare_pick-{row.claim_id}",
            type="primary" if selected else "secondary",
            help="Select this claim on the map",
            width=_PICK_WIDTH,
        ):
            st.session_state["selected"] = row.claim_id
            st.rerun()


# Summaries ----------------------------------------------------------------------------


def _disagreements(summaries: list[Disagreement]) -> None:
    st.subheader("Where sources disagree")
    if not summaries:
        st.caption("No exercise locations in view.")
        return
    st.caption(
        "Places inside one another (Hadrut in Karabakh) are consistent; places apart "
        "conflict. Distances are between conflicting places only, edge to edge for areas."
    )
    if len(summaries) > SUMMARY_TOP:
        st.caption(
            f"The {SUMMARY_TOP} exercises with the most conflicting claims, of "
            f"{len(summaries):,}; narrow the filters to see the others."
        )
    shown = summaries[:SUMMARY_TOP]
    for summary in shown:
        title = (
            f"{summary.name}: {summary.conflicting_claims:,} conflicting claim(s) "
            f"of {summary.claims:,}, at {len(summary.places)} place(s)"
        )
        with st.expander(md_escape(title), expanded=len(shown) <= 3):
            if summary.farthest:
                a, b = summary.farthest
                st.markdown(
                    f"Farthest apart: **{md_escape(a.label)}** and **{md_escape(b.label)}**, "
                    f"{summary.spread_km:,.0f} km"
                )
            else:
                st.text("No conflict: every place lies inside, or overlaps, the others.")
            for agreement in (CONFLICTING, CONSISTENT):
                places = summary.with_agreement(agreement)
                if places:
                    st.text(plain(f"{agreement.capitalize()}: {_place_list(places)}"))


def _place_list(places) -> str:
    listed = [
        f"{p.label} ({', '.join(p.credited[:CREDITS_LISTED])}"
        + (
            f" and {len(p.credited) - CREDITS_LISTED} more"
            if len(p.credited) > CREDITS_LISTED
            else ""
        )
        + ")"
        for p in places[:PLACES_LISTED]
    ]
    if len(places) > PLACES_LISTED:
        listed.append(f"and {len(places) - PLACES_LISTED} more place(s)")
    return "; ".join(listed)


def _table(shown: pd.DataFrame, atlas: Atlas) -> None:
    st.subheader("Claims in view")
    if len(shown) > TABLE_ROWS:
        st.caption(f"The first {TABLE_ROWS:,} of {len(shown):,} claims; narrow the filters.")
        shown = shown.iloc[:TABLE_ROWS]
    frame = pd.DataFrame(
        {
            "outlet": shown["outlet"].map(plain),
            "published": shown["published"].dt.date,
            "exercise": shown["exercise"].map(atlas.exercise_label).map(plain),
            "role": shown["role"],
            "as written": shown["mention"].map(plain),
            "place": shown["place_name"],
            "country": shown["place_country"].map(country_label),
            "credited to": shown["credited"].map(plain),
            "precision km": shown["precision_km"],
            "status": shown["status"],
            "claim": shown["id"],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")


main()
