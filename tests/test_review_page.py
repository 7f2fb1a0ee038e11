"""The review loop in the page, under AppTest: add an article, review its claims, and
who may do it. Each test has an articles folder (and so a database) of its own."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit import config
from streamlit.testing.v1 import AppTest

from sources.articles import BUNDLED_DIR
from sources.db.database import Database
from sources.db.engine import database_url
from tests.page import APP, drawn_ids, open_tab

PASTED = (
    "Iran and Azerbaijan began a joint military exercise in Shusha on Monday, the defence "
    "ministry said. Troops arrived from Baku and Tabriz before the drill."
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    articles = tmp_path / "articles"
    shutil.copytree(BUNDLED_DIR, articles)
    monkeypatch.setenv("ATLAS_ARTICLES", str(articles))
    for name in ("ATLAS_EDITOR_PASSPHRASE", "ATLAS_DATABASE_URL", "ATLAS_STORE_URL"):
        monkeypatch.delenv(name, raising=False)
    return articles


@pytest.fixture
def localhost() -> Iterator[None]:
    """The server listens on localhost only: a person at this machine may edit."""
    config.set_option("server.address", "localhost")
    yield
    config.set_option("server.address", None)


def _run(at: AppTest | None = None, **query: str) -> AppTest:
    if at is None:
        at = AppTest.from_file(APP, default_timeout=120)
        for key, value in query.items():
            at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _url(folder: Path) -> str:
    return os.environ.get("ATLAS_DATABASE_URL") or database_url(folder)


def _reviews(folder: Path) -> list:
    with Database(_url(folder)) as db:
        return list(db.reviews())


def _texts(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.text]
    parts += [e.value for e in at.caption] + [e.value for e in at.warning]
    parts += [e.value for e in at.error] + [e.value for e in at.info]
    return "\n".join(str(p) for p in parts)


def _keys(at: AppTest) -> set[str]:
    found = set()
    for kind in ("button", "text_input", "text_area", "radio", "selectbox"):
        found.update(w.key for w in getattr(at, kind) if w.key)
    return found


def _shusha_claim_id() -> str:
    from sources.corpus import load_corpus

    claims = load_corpus(BUNDLED_DIR).claims
    return next(c.id for c in claims if c.mention == "Shusha" and c.role == "exercise")


def test_a_viewer_sees_no_write_path(folder):
    at = _run(claim=_shusha_claim_id())
    assert "Read-only" in _texts(at)
    keys = _keys(at)
    assert not {k for k in keys if k.startswith(("rv_", "add_"))}
    assert "Add article" not in [s.value for s in at.subheader]


def test_crafted_widget_state_and_query_params_never_write(folder):
    claim = _shusha_claim_id()
    at = _run(claim=claim, edit="1", editor="mallory", role="editor")
    for key in (f"rv_reject-{claim}-0", f"rv_accept-{claim}-0", "add_submit", "unlock"):
        at.session_state[key] = True
    at.session_state["add_text"] = PASTED
    at.session_state["editor_name"] = "mallory"
    at.session_state[f"rv_role-{claim}-0"] = "context"
    _run(at)
    assert _reviews(folder) == []
    with Database(database_url(folder)) as db:
        assert len(db.articles()) == 5
    assert "Read-only" in _texts(at)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_paste_an_article_see_its_claims_reject_one_and_fix_another(
    folder, localhost, backend, request, monkeypatch
):
    if backend == "postgresql":
        monkeypatch.setenv("ATLAS_DATABASE_URL", request.getfixturevalue("postgres").new_database())
    at = _run()
    at.text_input(key="editor_name").set_value("Ana Analyst")
    _run(at)
    at.text_area(key="add_text").set_value(PASTED)
    at.text_input(key="add_title").set_value("Joint drill in Shusha")
    at.text_input(key="add_outlet").set_value("Test Wire")
    at.button(key="add_submit").click()
    _run(at)
    with Database(_url(folder)) as db:
        (added,) = [a for a in db.articles() if a.outlet == "Test Wire"]
    assert added.language == "en"
    drawn = drawn_ids(at)
    shusha = f"{added.id}@{PASTED.index('Shusha')}"
    assert shusha in drawn  # on the map straight away
    open_tab(at, "Articles and review")
    assert at.selectbox(key="review_article_pick").value == added.id  # and in the review list
    # Reject Shusha.
    at = _run(claim=shusha)
    at.text_input(key="editor_name").set_value("Ana Analyst")
    _run(at)
    at.button(key=f"rv_reject-{shusha}-0").click()
    _run(at)
    assert shusha not in drawn_ids(at)  # rejected claims leave the map...
    at.toggle(key="f_rejected").set_value(True)
    _run(at)
    assert shusha in drawn_ids(at)  # ...but are kept
    # Fix the place of Baku (a context mention) to Tabriz.
    at.toggle(key="f_context").set_value(True)
    _run(at)
    baku = f"{added.id}@{PASTED.index('Baku')}"
    at = _run(claim=baku, context="1")
    at.text_input(key="editor_name").set_value("Ana Analyst")
    _run(at)
    at.text_input(key=f"rv_place-{baku}-0-q").set_value("Tabriz")
    _run(at)
    picker = at.selectbox(key=f"rv_place-{baku}-0-pick")
    picker.select_index(next(i for i, o in enumerate(picker.options) if o.startswith("Tabriz")))
    at.button(key=f"rv_save-{baku}-0").click()
    _run(at)
    reviews = _reviews(folder)
    assert [(r.action, r.mention, r.editor) for r in reviews] == [
        ("reject", "Shusha", "Ana Analyst"),
        ("change", "Baku", "Ana Analyst"),
    ]
    assert reviews[1].after.place.name == "Tabriz"
    # A restart: caches gone, a new session, the same database.
    st.cache_resource.clear()
    st.cache_data.clear()
    at = _run(claim=baku, context="1", rejected="1")
    text = _texts(at)
    assert "Status: edited by Ana Analyst (revision 1)" in text
    assert "Machine proposal: context, Baku" in text
    assert "place: Baku (gn:587084) → Tabriz" in text


def test_a_passphrase_must_be_entered_before_editing(folder, localhost, monkeypatch):
    monkeypatch.setenv("ATLAS_EDITOR_PASSPHRASE", "correct horse")
    at = _run()
    assert "Read-only" in _texts(at) and "add_text" not in _keys(at)
    at.text_input(key="passphrase").set_value("wrong")
    at.button(key="unlock").click()
    _run(at)
    assert "Wrong passphrase" in _texts(at)
    at.text_input(key="passphrase").set_value("correct horse")
    at.button(key="unlock").click()
    _run(at)
    assert "Editing is on (passphrase)" in _texts(at)


def test_a_database_that_is_down_leaves_the_page_read_only(folder, localhost, monkeypatch):
    monkeypatch.setenv("ATLAS_DATABASE_URL", "postgresql+psycopg://atlas@127.0.0.1:9/none")
    at = _run()
    assert "is unavailable" in _texts(at)
    assert "Read-only: the database is unavailable" in _texts(at)
    assert len(drawn_ids(at)) > 10  # the articles folder still shows


def test_a_connection_configured_in_secrets_is_used(folder, tmp_path):
    """Community Cloud users configure ``[connections.atlas]``; the page uses it."""
    url = f"sqlite:///{tmp_path / 'from-secrets.sqlite'}"
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["connections"] = {"atlas": {"url": url}}
    _run(at)
    with Database(url) as db:
        assert len(db.articles()) == 5
    assert not (tmp_path / "db").exists() or not any((tmp_path / "db").iterdir())
