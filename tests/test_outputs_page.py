"""The newsroom outputs in the page, under AppTest: downloads, timeline, comparison, links."""

from __future__ import annotations

from sources.frame import claims_frame, data_version, filter_frame
from sources.view import ViewState
from tests.page import run_page

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
    assert at.selectbox(key="compare_exercise").value == "aras-2025"
    shown = "\n".join(str(m.value) for m in at.markdown)
    assert "Who says where: Aras\\-2025" in shown
    assert "consistent" in shown or "conflicting" in shown
    assert "likely located in **Hadrut**" in shown
    [button] = [b for b in at.button if b.key == f"compare_pick-{HADRUT}"]
    button.click().run()
    assert not at.exception
    assert at.query_params["claim"] in (HADRUT, [HADRUT])
    assert next(b for b in at.button if b.key == f"compare_pick-{HADRUT}").label == "Selected"
