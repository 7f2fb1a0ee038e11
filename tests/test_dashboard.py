"""The page under Streamlit's AppTest: no browser, real script, real widgets."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, front_matter
from tests.page import click, drawn_areas, drawn_features, drawn_ids, quote, run_page, selected_ids

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


def test_simulated_click_shows_the_excerpt_and_goes_into_the_url(seeds):
    at = run_page()
    click(at, HADRUT)
    text = _text(at)
    assert "OC Media" in text
    hadrut = next(c for c in seeds.claims if c.id == HADRUT)
    assert quote(at) == hadrut.sentence  # the outlet's sentence, character for character
    assert "Credited to: OC Media" in text
    assert at.query_params["claim"] in (HADRUT, [HADRUT])
    assert any(b.proto.url.startswith("https://oc-media.org/") for b in at.get("link_button"))


def test_deep_link_restores_the_view():
    at = run_page(exercise="aras-2025", outlet="OC Media", claim=HADRUT)
    assert at.multiselect(key="f_exercise").value == ["aras-2025"]
    assert at.multiselect(key="f_outlet").value == ["OC Media"]
    assert all(i.startswith("oc-media") for i in drawn_ids(at))
    assert "likely located in Hadrut" in quote(at)
    assert selected_ids(at) == {HADRUT}


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
    from geo.mapping import group_id

    for path in (ROOT / "sources" / "data" / "articles").glob("*.md"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setenv("ATLAS_ARTICLES", str(tmp_path))
    monkeypatch.setattr(geo.mapping, "AGGREGATE_ABOVE", 3)
    at = run_page()
    drawn = drawn_ids(at)
    assert drawn and all(i.startswith("group:") for i in drawn)
    hadrut = next(c for c in seeds.claims if c.id == HADRUT)
    group = group_id(hadrut.place.id, hadrut.role, hadrut.outlet)
    click(at, group)
    assert "likely located in Hadrut" in quote(at)
    assert at.selectbox(key="group_pick").value == HADRUT
    assert selected_ids(at) == {group}  # the group's mark is the one outlined


def test_the_outlined_mark_is_the_one_just_clicked(seeds):
    at = run_page()
    shusha = next(c for c in seeds.claims if c.mention == "Shusha" and c.role == "exercise")
    click(at, shusha.id)
    assert selected_ids(at) == {shusha.id}
    click(at, HADRUT)
    assert selected_ids(at) == {HADRUT}  # not Shusha, the click before


def test_marks_sit_at_their_place_and_each_area_is_drawn_once(seeds):
    at = run_page()
    by_id = {c.id: c for c in seeds.claims}
    for feature in drawn_features(at):
        claim = by_id[feature["properties"]["id"]]
        lon, lat = feature["geometry"]["coordinates"]
        assert (lat, lon) == pytest.approx((claim.place.lat, claim.place.lon), abs=1e-5)
        assert "slot" not in feature["properties"]  # no side-by-side offsets any more
    areas = [f["properties"]["id"] for f in drawn_areas(at)]
    located = [c for c in seeds.claims if c.role == "exercise" and c.is_area]
    assert sorted(areas) == sorted({f"area:{c.place.id}" for c in located})


def test_an_empty_view_says_so_and_offers_a_reset():
    at = run_page(**{"from": "2099-01-01"})
    assert drawn_ids(at) == set()
    assert "No claims match these filters." in _text(at)
    at.button(key="reset_filters").click().run()
    assert drawn_ids(at) and at.date_input(key="f_from").value is None


def test_a_claim_hidden_by_the_filters_is_closed():
    at = run_page(claim=HADRUT)
    assert "likely located in Hadrut" in quote(at)
    at.multiselect(key="f_outlet").set_value(["AVIM"]).run()
    assert not [h for h in at.get("html") if "atlas-quote" in h.proto.body]
    assert "claim" not in at.query_params
    assert not selected_ids(at)


def test_colour_by_country_recolours_the_marks_and_the_legend():
    at = run_page(colour="outlet_country")
    assert at.selectbox(key="f_colour").value == "outlet_country"
    legend = "".join(str(h.proto.body) for h in at.get("html"))
    assert "Outlet&#x27;s country" in legend or "Outlet's country" in legend
    colours = {f["properties"]["colour"] for f in drawn_features(at)}
    at.selectbox(key="f_colour").set_value("outlet").run()
    assert len({f["properties"]["colour"] for f in drawn_features(at)}) >= len(colours)
    assert "colour" not in at.query_params


def test_no_server_path_reaches_the_page(tmp_path, monkeypatch):
    missing = tmp_path / "no-such-folder"
    monkeypatch.setenv("ATLAS_ARTICLES", str(missing))
    at = run_page()
    shown = [
        str(e.value)
        for kind in ("markdown", "text", "caption", "warning", "info", "error")
        for e in getattr(at, kind)
    ]
    shown += [str(h.proto.body) for h in at.get("html")]
    assert not [s for s in shown if str(tmp_path) in s], shown


def test_at_scale_the_summary_lists_the_most_conflicting_exercises_in_expanders(
    tmp_path, monkeypatch
):
    from sources.synthetic import write_corpus

    write_corpus(tmp_path, 300, seed=3)
    monkeypatch.setenv("ATLAS_ARTICLES", str(tmp_path))
    at = run_page()
    labels = [e.label.replace("\\", "") for e in at.expander if "conflicting claim" in e.label]
    assert 3 < len(labels) <= 10
    counts = [int(label.split(": ", 1)[1].split(" ", 1)[0].replace(",", "")) for label in labels]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    summary = [t.value for t in at.text if t.value.startswith(("Conflicting:", "Consistent:"))]
    assert sum(len(t) for t in summary) < 30_000  # not 146,000 characters
    assert all("(" in t for t in summary)  # every place with its country
