"""The newsroom outputs in the page, under AppTest: downloads, timeline, comparison, links."""

from __future__ import annotations

from sources.frame import claims_frame, data_version, filter_frame
from sources.view import ViewState
from tests.page import run_page


def _captions(at) -> str:
    return "\n".join(str(c.value) for c in at.caption)


def test_the_download_menu_offers_the_three_formats_of_the_view(seeds):
    at = run_page(exercise="aras-2025")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["CSV (Excel, pandas)", "GeoJSON (QGIS, web maps)", "KML (Google Earth)"]
    view = filter_frame(claims_frame(seeds.claims), ViewState(exercises=("aras-2025",)))
    assert f"The {len(view)} claim(s) in view" in _captions(at)
    assert data_version(view) in _captions(at)
