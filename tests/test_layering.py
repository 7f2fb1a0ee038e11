import subprocess
import sys

from tests.conftest import ROOT


def test_geo_and_sources_never_import_streamlit():
    code = (
        "import sys, geo.mapping, geo.gazetteer, geo.matching, geo.index, geo.areas, geo.shapes, "
        "geo.provinces, geo.sites, geo.countries, sources.corpus, sources.view, "
        "sources.render, sources.disagreement, sources.snapshot, sources.atlas\n"
        "assert 'streamlit' not in sys.modules, 'streamlit imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_only_dashboard_imports_streamlit():
    offenders = [
        path.relative_to(ROOT)
        for folder in ("geo", "sources")
        for path in (ROOT / folder).rglob("*.py")
        if "import streamlit" in path.read_text(encoding="utf-8")
        or "from streamlit" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
