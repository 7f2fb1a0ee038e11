"""The newsroom outputs in the page, under AppTest: downloads, timeline, comparison, links."""

from __future__ import annotations

import shutil

import pytest

from sources.articles import BUNDLED_DIR
from sources.db.database import Database
from sources.db.engine import database_url
from sources.frame import claims_frame, data_version, filter_frame
from sources.review.model import review_claim
from sources.view import ViewState
from tests.page import drawn_features, open_tab, run_page

HADRUT = "oc-media-2025-05-araz-2025@1647"


def _captions(at) -> str:
    return "\n".join(str(c.value) for c in at.caption)


def test_the_download_menu_offers_the_three_formats_of_the_view(seeds):
    at = run_page(exercise="aras-2025")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["CSV (Excel, pandas)", "GeoJSON (QGIS, web maps)", "KML (Google Earth)"]
    view = filter_frame(claims_frame(seeds.claims), ViewState(exercises=("aras-2025",)))
    assert f"The {len(view)} claim(s) in view" in _captions(at)
    assert data_version(view) in _captions(at)


def test_who_says_where_lists_the_exercise_by_place_and_a_row_selects_its_claim(seeds):
    at = run_page(exercise="aras-2025")
    assert not [s for s in at.selectbox if s.key == "compare_exercise"]  # a closed tab: not run
    open_tab(at, "Who says where")
    assert at.selectbox(key="compare_exercise").value == "aras-2025"
    shown = "\n".join(str(m.value) for m in at.markdown)
    assert "Who says where: Aras\\-2025" in shown
    badges = [b.proto.body for b in at.get("badge")] + [str(m.value) for m in at.markdown]
    assert any("consistent" in b or "conflicting" in b for b in badges)
    quotes = [h.proto.body for h in at.get("html") if 'class="atlas-row-quote"' in h.proto.body]
    assert any("likely located in <mark" in q and ">Hadrut</mark>" in q for q in quotes)
    [button] = [b for b in at.button if b.key == f"compare_pick-{HADRUT}"]
    button.click().run()
    assert not at.exception
    assert at.query_params["claim"] in (HADRUT, [HADRUT])
    assert next(b for b in at.button if b.key == f"compare_pick-{HADRUT}").label == "Selected"


def _qp(at, key):
    value = at.query_params[key]
    return value[0] if isinstance(value, list) else value


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """An articles folder (and so a database) of this test's own."""
    articles = tmp_path / "articles"
    shutil.copytree(BUNDLED_DIR, articles)
    monkeypatch.setenv("ATLAS_ARTICLES", str(articles))
    monkeypatch.delenv("ATLAS_DATABASE_URL", raising=False)
    return articles


def test_the_link_carries_the_views_data_version(seeds):
    at = run_page(exercise="aras-2025", claim=HADRUT)
    view = filter_frame(claims_frame(seeds.claims), ViewState(exercises=("aras-2025",)))
    assert _qp(at, "v") == data_version(view)
    [code] = [c for c in at.code if "v=" in str(c.value)]
    link = str(code.value)
    assert f"v={data_version(view)}" in link
    assert "exercise=aras-2025" in link and "claim=oc-media-2025-05-araz-2025%401647" in link
    assert not at.get("container") or "version_notice" not in str(at.main)


def test_a_link_made_before_a_review_says_what_changed_and_highlights_it(folder):
    first = run_page(exercise="aras-2025")
    cited, made = _qp(first, "v"), _qp(first, "at")
    with Database(database_url(folder)) as db:
        claim = next(c for c in db.current().claims if c.id == HADRUT)
        db.record(review_claim(claim, "reject", editor="ana"))
    at = run_page(exercise="aras-2025", v=cited, at=made)
    warning = " ".join(str(w.value) for w in at.warning)
    assert f"made on data version {cited}" in warning
    assert "1 claim\\(s\\) in this view were added, changed or rejected" in warning
    assert _qp(at, "v") != cited
    assert "highlight_changes" not in [t.key for t in at.toggle]  # it is off the map
    at.toggle(key="f_rejected").set_value(True).run()
    assert "made on data version" not in " ".join(str(w.value) for w in at.warning)


def test_a_changed_claim_in_view_is_highlighted_on_the_map(folder):
    first = run_page(exercise="aras-2025")
    cited, made = _qp(first, "v"), _qp(first, "at")
    with Database(database_url(folder)) as db:
        claim = next(c for c in db.current().claims if c.id == HADRUT)
        db.record(review_claim(claim, "accept", editor="ana"))
    at = run_page(exercise="aras-2025", v=cited, at=made)
    at.toggle(key="highlight_changes").set_value(True).run()
    assert at.session_state["highlight"] == [HADRUT]
    rings = [f for f in drawn_features(at) if set(f["properties"]) == {"id"}]
    assert [f["properties"]["id"] for f in rings] == [HADRUT]


def test_an_unknown_or_malformed_version_is_named_or_ignored():
    at = run_page(v="0123456789ab")
    assert "does not say when" in " ".join(str(w.value) for w in at.warning)
    at = run_page(v="<script>")
    assert not at.warning


def test_opening_and_citing_views_writes_nothing(folder):
    """Viewers of a public link never write: not even a record of the views they open."""
    first = run_page(exercise="aras-2025")
    with Database(database_url(folder)) as db:
        stamp = db.data_stamp()
        tables = _row_counts(db)
    run_page(exercise="aras-2024", v="0123456789ab", at="20260101T000000.000000Z")
    run_page(claim=HADRUT, v=_qp(first, "v"), at=_qp(first, "at"), context="1")
    with Database(database_url(folder)) as db:
        assert db.data_stamp() == stamp
        assert _row_counts(db) == tables


def _row_counts(db) -> dict[str, int]:
    import sqlalchemy as sa

    from sources.db.schema import metadata

    with db.engine.connect() as conn:
        return {
            t.name: conn.scalar(sa.select(sa.func.count()).select_from(t))
            for t in metadata.sorted_tables
            if t.name not in ("extractions", "places", "extractor_versions")
        }
