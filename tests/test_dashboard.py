"""The page under Streamlit's AppTest: no browser, real script, real widgets."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, front_matter
from tests.page import click, drawn_ids, run_page

HADRUT = "oc-media-2025-05-araz-2025@1647"


def _text(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.text]
    return "\n".join(str(p) for p in parts)


def test_page_renders_every_seed_exercise_location(seeds):
    at = run_page()
    assert at.title[0].value == "Exercise Atlas"
    expected = {c.id for c in seeds.claims if c.role == "exercise"}
    assert drawn_ids(at) == expected
    legend = "".join(str(h.proto.body) for h in at.get("html"))
    for outlet in ("OC Media", "A News", "Zartonk Media", "AVIM", "Middle East Monitor"):
        assert outlet in legend


def test_filters_change_what_is_drawn(seeds):
    at = run_page()
    at.multiselect(key="f_outlet").set_value(["AVIM"]).run()
    drawn = drawn_ids(at)
    assert drawn and all(i.startswith("avim-") for i in drawn)
    at.toggle(key="f_context").set_value(True).run()
    assert len(drawn_ids(at)) > len(drawn)
    assert at.query_params["outlet"] in ("AVIM", ["AVIM"])
    assert at.query_params["context"] in ("1", ["1"])


def test_simulated_click_shows_the_excerpt_and_goes_into_the_url():
    at = run_page()
    click(at, HADRUT)
    text = _text(at)
    assert "OC Media" in text
    assert "The monument is likely located in **Hadrut**" in text
    assert "Credited to: OC Media" in text
    assert at.query_params["claim"] in (HADRUT, [HADRUT])
    assert any(b.proto.url.startswith("https://oc-media.org/") for b in at.get("link_button"))


def test_deep_link_restores_the_view():
    at = run_page(exercise="aras-2025", outlet="OC Media", claim=HADRUT)
    assert at.multiselect(key="f_exercise").value == ["aras-2025"]
    assert at.multiselect(key="f_outlet").value == ["OC Media"]
    assert all(i.startswith("oc-media") for i in drawn_ids(at))
    assert "likely located in **Hadrut**" in _text(at)


def test_disagreement_summary_tells_consistent_from_conflicting_places():
    at = run_page(exercise="aras-2025")
    text = _text(at)
    labels = "\n".join(e.label for e in at.expander).replace("\\", "")
    assert "Aras-2025: 3 conflicting claim(s) of 14, at 6 place(s)" in labels
    # Towns apart conflict; the regions that hold them (Hadrut is in Karabakh) do not.
    conflicting = next(line for line in text.splitlines() if line.startswith("Conflicting:"))
    consistent = next(line for line in text.splitlines() if line.startswith("Consistent:"))
    for town in ("Hadrut (Azerbaijan)", "Khojavend (Azerbaijan)", "Shusha (Azerbaijan)"):
        assert town in conflicting
    for region in ("Karabakh (Azerbaijan)", "Nagorno-Karabakh", "Liberated territories"):
        assert region in consistent and region not in conflicting
    assert "Farthest apart: **Hadrut \\(Azerbaijan\\)** and **Shusha \\(Azerbaijan\\)**" in text
    assert "Tehran Times, as quoted by OC Media" in consistent


@pytest.mark.parametrize(
    "query",
    [
        {"exercise": "no-such-drill"},
        {"from": "2025-99-99"},
        {"claim": "x" * 5000},
        {"outlet": ["<script>alert(1)</script>", "AVIM"]},
        {"context": "banana"},
    ],
)
def test_tampered_query_params_never_error(query):
    at = run_page(**query)
    assert at.toast, "a short notice says what was dropped"
    assert drawn_ids(at)


def test_bad_files_are_named_and_the_rest_load(tmp_path, monkeypatch):
    (tmp_path / "good.md").write_text(
        front_matter(outlet="Wire", url="https://example.org/a", published="2025-05-19")
        + "Joint drills were held in Shusha.",
        encoding="utf-8",
    )
    (tmp_path / "binary.md").write_bytes(b"\x00\xff\x00")
    (tmp_path / "baddate.md").write_text("---\npublished: 2025-02-30\n---\nText", "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    monkeypatch.setenv("ATLAS_ARTICLES", str(tmp_path))
    at = run_page()
    warnings = "\n".join(w.value for w in at.warning)
    assert "binary\\.md" in warnings and "baddate\\.md" in warnings and "empty\\.txt" in warnings
    assert "published" in warnings
    assert len(drawn_ids(at)) == 1


def test_aggregated_marks_lead_to_the_exact_claim(tmp_path, monkeypatch, seeds):
    import shutil

    import geo.mapping
    from geo.mapping import group_key

    for path in (ROOT / "sources" / "data" / "articles").glob("*.md"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setenv("ATLAS_ARTICLES", str(tmp_path))
    monkeypatch.setattr(geo.mapping, "AGGREGATE_ABOVE", 3)
    at = run_page()
    drawn = drawn_ids(at)
    assert drawn and all(i.startswith("group:") for i in drawn)
    hadrut = next(c for c in seeds.claims if c.id == HADRUT)
    click(at, group_key(hadrut))
    assert "likely located in **Hadrut**" in _text(at)
    assert at.selectbox[0].value == HADRUT
