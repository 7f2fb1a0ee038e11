"""The claims table on disk: read when its data version is known, patched when one
article changed, built only when nothing can be reused."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sources.articles import BUNDLED_DIR, Article
from sources.db.database import Database
from sources.frame import CATEGORY_COLUMNS, categorise, claim_from_row, claims_frame
from sources.review.model import review_claim
from sources.snapshot import FORMAT, load_snapshot, snapshot_dir


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'atlas.sqlite'}")
    database.import_folder(BUNDLED_DIR)
    yield database
    database.close()


def _load(db, root):
    return load_snapshot(db, stamp=db.data_stamp(), root=root)


def _same_claims(snapshot, db) -> None:
    expected = claims_frame(db.current().claims)
    # The file keeps strings; a claims frame makes its low-cardinality columns categoricals.
    pd.testing.assert_frame_equal(categorise(snapshot.claims.copy()), expected, check_dtype=False)


def test_built_once_then_read(db, tmp_path):
    first = _load(db, tmp_path)
    assert first.how == "built" and first.patched == 5
    _same_claims(first, db)
    again = _load(db, tmp_path)
    assert again.how == "read"
    pd.testing.assert_frame_equal(again.claims, first.claims)
    assert list(again.articles["id"]) == sorted(a.id for a in db.articles())


def test_a_review_patches_only_its_article(db, tmp_path):
    built = _load(db, tmp_path)
    row = built.claims.iloc[7]
    db.record(review_claim(claim_from_row(row), "reject", editor="Ana"))
    patched = _load(db, tmp_path)
    assert (patched.how, patched.patched) == ("patched", 1)
    _same_claims(patched, db)
    status = patched.claims.set_index("id").loc[row["id"], "status"]
    assert status == "rejected"


def test_a_new_article_patches_in_its_claims(db, tmp_path):
    _load(db, tmp_path)
    article = Article.fake("The joint drill was held in Shusha.", id="new-one", outlet="Wire")
    db.add_article(article, origin="page")
    patched = _load(db, tmp_path)
    assert (patched.how, patched.patched) == ("patched", 1)
    _same_claims(patched, db)
    assert "new-one" in set(patched.articles["id"])


def test_snapshots_of_another_format_are_ignored_and_old_ones_pruned(db, tmp_path):
    first = _load(db, tmp_path)
    folder = snapshot_dir(db, tmp_path)
    meta = folder / f"{first.stamp}.json"
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "format": FORMAT - 1}))
    assert _load(db, tmp_path).how == "built"
    for i in range(5):
        db.add_article(Article.fake(f"Drills in Shusha, day {i}.", id=f"d{i}"), origin="page")
        _load(db, tmp_path)
    assert len(list(folder.glob("*.json"))) == 3


def test_an_in_memory_database_writes_nothing(tmp_path):
    with Database("sqlite://") as memory:
        memory.import_folder(BUNDLED_DIR)
        assert snapshot_dir(memory, tmp_path) is None
        snapshot = load_snapshot(memory, stamp=memory.data_stamp(), root=tmp_path)
    assert snapshot.how == "built" and len(snapshot.claims)
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("sliced_up_to", [0, 500])
def test_full_rows_are_the_snapshots_rows_in_the_order_asked(
    db, tmp_path, monkeypatch, sliced_up_to
):
    import sources.atlas as atlas_module
    from sources.atlas import Atlas

    monkeypatch.setattr(atlas_module, "_SLICED_UP_TO", sliced_up_to)  # by one take, or row by row
    atlas = Atlas(_load(db, tmp_path))
    light = atlas.claims.iloc[[7, 2, 30, 2]]
    full = atlas.full(light)
    assert list(full["id"]) == list(light["id"])
    expected = claims_frame(db.current().claims).set_index("id").loc[light["id"]].reset_index()
    expected = expected.astype({c: "str" for c in CATEGORY_COLUMNS})  # full rows: the file's
    pd.testing.assert_frame_equal(full[expected.columns], expected, check_dtype=False)
    assert atlas.full(atlas.claims.iloc[:0]).empty
    with pytest.raises(KeyError):
        atlas.full(pd.DataFrame({"id": ["no-such-claim"]}))
