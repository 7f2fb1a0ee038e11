from __future__ import annotations

import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from sources.corpus import load_corpus
from sources.db.database import Database
from tests.conftest import ROOT
from tests.page import open_tab

SEEDS = ROOT / "sources" / "data" / "articles"
OC = "oc-media-2025-05-araz-2025.md"
AVIM = "avim-2025-05-30-aras-2025.md"


@pytest.fixture
def articles(tmp_path):
    for path in SEEDS.glob("*.md"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def _write(directory, *entries):
    (directory / "corrections.json").write_text(
        json.dumps({"corrections": list(entries)}), encoding="utf-8"
    )


def _claim(corpus, file, mention, nth=0):
    return [c for c in corpus.claims if c.file.endswith(file) and c.mention == mention][nth]


def _offset(directory, file, text, nth=0):
    body = load_corpus(directory).articles
    article = next(a for a in body if a.path.endswith(file))
    start = -1
    for _ in range(nth + 1):
        start = article.body.index(text, start + 1)
    return start


def test_corrections_are_imported_once_as_reviews(articles, db_url):
    before = load_corpus(articles)
    tehran = _claim(before, AVIM, "Tehran")
    shusha = _claim(before, AVIM, "Shusha")
    second_hadrut = _offset(articles, OC, "Hadrut", nth=1)
    _write(
        articles,
        {"action": "reject", "file": AVIM, "start": shusha.start, "mention": "Shusha"},
        {
            "action": "change",
            "file": AVIM,
            "start": tehran.start,
            "mention": "Tehran",
            "role": "exercise",
            "exercise": "aras-2025",
            "note": "test",
        },
        {
            "action": "add",
            "file": OC,
            "start": second_hadrut,
            "mention": "Hadrut",
            "place_id": "ov:hadrut",
            "role": "exercise",
            "exercise": "aras-2025",
        },
    )
    with Database(db_url) as db:
        after = load_corpus(articles, database=db)
        again = load_corpus(articles, database=db)
        assert len(db.reviews()) == 3
        assert {r.editor for r in db.reviews()} == {"corrections.json"}
    assert any("Imported 3 correction(s)" in w for w in after.warnings)
    assert not any("Imported" in w for w in again.warnings)  # once, not on every load
    assert _claim(after, AVIM, "Shusha").status == "rejected"  # kept, never deleted
    changed = _claim(after, AVIM, "Tehran")
    assert (changed.role, changed.exercise, changed.status) == ("exercise", "aras-2025", "edited")
    added = [c for c in after.claims if c.file.endswith(OC) and c.start == second_hadrut]
    # The extractor proposes this Hadrut as context: the "add" changes it, never doubles it.
    assert len(added) == 1 and (added[0].status, added[0].role) == ("edited", "exercise")
    assert "Hadrut" in added[0].sentence
    untouched = [c for c in after.claims if c.status == "automatic"]
    assert len(untouched) == len(before.claims) - 3
    assert again.claims == after.claims


def test_stale_correction_is_reported_not_dropped(articles):
    before = load_corpus(articles)
    shusha = _claim(before, AVIM, "Shusha")
    _write(articles, {"action": "reject", "file": AVIM, "start": shusha.start, "mention": "Shusha"})
    path = articles / AVIM
    path.write_text(path.read_text(encoding="utf-8").replace("Shusha", "Shushi"), "utf-8")
    after = load_corpus(articles)
    assert any("stale" in w and "Shusha" in w for w in after.warnings)
    assert [c for c in after.claims if c.file.endswith(AVIM) and c.mention == "Shushi"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"action": "explode", "file": OC, "start": 0, "mention": "x"}, "action must be"),
        ({"action": "reject", "file": OC, "start": -1, "mention": "x"}, "start must be"),
        (
            {"action": "change", "file": OC, "start": 0, "mention": "x", "role": "boss"},
            "role must be",
        ),
        ({"action": "add", "file": OC, "start": 0, "mention": "x"}, "needs place_id"),
        (
            {"action": "change", "file": OC, "start": 0, "mention": "x", "exercise": "nope"},
            "unknown exercise",
        ),
        ("not an object", "not an object"),
    ],
)
def test_bad_entries_are_reported(articles, entry, message):
    _write(articles, entry)
    corpus = load_corpus(articles)
    assert any(message in w for w in corpus.warnings)
    assert corpus.claims


def test_unreadable_corrections_file_is_reported(articles):
    (articles / "corrections.json").write_text("{not json", encoding="utf-8")
    corpus = load_corpus(articles)
    assert any("cannot be read" in w for w in corpus.warnings)


def test_dashboard_marks_reviewed_claims(articles, monkeypatch):
    before = load_corpus(articles)
    shusha = _claim(before, AVIM, "Shusha")
    _write(
        articles,
        {
            "action": "change",
            "file": AVIM,
            "start": shusha.start,
            "mention": "Shusha",
            "exercise": "aras-2025",
            "note": "checked",
        },
    )
    monkeypatch.setenv("ATLAS_ARTICLES", str(articles))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    open_tab(at, "Claims in view")
    table = at.dataframe[0].value
    statuses = dict(zip(table["claim"], table["status"], strict=True))
    assert statuses[shusha.id] == "edited"
    assert set(statuses.values()) == {"edited", "automatic"}
