"""An article about a drill the registry lacks: the page names it as the article does."""

from __future__ import annotations

import pytest

from tests.page import run_page

# Written for this test: a drill no registry entry knows, and one with no name at all.
NAMED = """---
title: "Steppe Falcon-2026 drills end"
outlet: "Test Wire"
url: "https://example.org/steppe-falcon"
published: 2026-09-14
language: "en"
---

The joint exercise, dubbed Steppe Falcon-2026, was held near Taraz, Kazakh officials said.
Observers from Bishkek attended the final day.
"""

OTHER = """---
title: "Falcon drill seen elsewhere"
outlet: "Other Wire"
url: "https://example.org/falcon-elsewhere"
published: 2026-09-15
language: "en"
---

The Steppe Falcon-2026 exercise took place in Shymkent, a defence source said.
"""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "named.md").write_text(NAMED, encoding="utf-8")
    (articles / "other.md").write_text(OTHER, encoding="utf-8")
    monkeypatch.setenv("ATLAS_ARTICLES", str(articles))
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ATLAS_DATABASE_URL", raising=False)
    return articles


def test_a_drill_the_registry_lacks_shows_under_its_own_name(folder):
    at = run_page()
    picker = at.multiselect(key="f_exercise")
    assert "steppe-falcon-2026" in picker.options or "Steppe Falcon-2026" in picker.options
    labels = [picker.format_func(o) for o in picker.options]  # what the reader sees
    assert "Steppe Falcon-2026" in labels, labels
    titles = [e.label for e in at.expander]
    assert any(t.startswith("Steppe Falcon\\-2026") or "Steppe Falcon-2026" in t for t in titles), (
        titles
    )
    # The two outlets place it apart: the summary says so, under that name.
    summary = next(e for e in at.expander if "Falcon" in e.label)
    said = [str(t.value) for t in summary.text] + [str(m.value) for m in summary.markdown]
    assert "Taraz" in " ".join(said), said
