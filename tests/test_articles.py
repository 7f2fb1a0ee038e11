from __future__ import annotations

import datetime as dt

import pytest

from sources.articles import (
    MAX_BYTES,
    ArticleError,
    load_article,
    load_articles,
    parse_article,
    safe_url,
)
from tests.conftest import ROOT, front_matter

BUNDLED = ROOT / "sources" / "data" / "articles"


def test_bundled_articles_have_full_front_matter():
    result = load_articles(BUNDLED)
    assert result.errors == ()
    assert {a.outlet for a in result.articles} == {
        "OC Media",
        "A News",
        "Zartonk Media",
        "AVIM",
        "Middle East Monitor",
    }
    for article in result.articles:
        assert article.url and article.url.startswith("https://")
        assert isinstance(article.published, dt.date)
        assert article.language == "en"
        assert article.title


@pytest.mark.parametrize(
    "furniture",
    [
        "Sitelerimizde reklam",
        "Süleyman Nazif Sok",
        "A WORD FROM OUR SPONSORS",
        "Henrikh Mkhitaryan",
        "READ: Turkiye",
        "Creating new perspectives",
    ],
)
def test_page_furniture_is_dropped(furniture):
    bodies = "\n".join(a.body for a in load_articles(BUNDLED).articles)
    assert furniture not in bodies


def test_article_text_is_verbatim():
    oc = load_article(BUNDLED / "oc-media-2025-05-araz-2025.md")
    assert "The monument is likely located in Hadrut — a press release" in oc.body


def test_atlas_articles_env_points_elsewhere(tmp_path, monkeypatch):
    (tmp_path / "one.txt").write_text("A drill was held in Aslan Duz.", encoding="utf-8")
    monkeypatch.setenv("ATLAS_ARTICLES", str(tmp_path))
    result = load_articles()
    assert [a.id for a in result.articles] == ["one"]


def test_txt_without_front_matter_is_shown_by_file_name(write_article):
    article = load_article(write_article("wire.txt", "Drills began in Shusha."))
    assert article.outlet == ""
    assert article.source_label == "wire.txt"
    assert article.body == "Drills began in Shusha."


@pytest.mark.parametrize(
    ("name", "content", "field", "reason"),
    [
        ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "content", "binary"),
        (
            "latin1.md",
            "Bak\u0131 in Az\u0259rbaycan".encode("cp1254", "replace") + b"\xff",
            "content",
            "UTF-8",
        ),
        ("empty.md", "", "content", "empty"),
        ("blank.txt", "  \n\n ", "content", "empty"),
        ("open.md", "---\ntitle: x\nno closing line\n", "front matter", "closing"),
        ("garbled.md", "---\nthis is not a field\n---\nbody", "front matter", "key: value"),
        ("quote.md", '---\ntitle: "unclosed\n---\nbody', "title", "quoted"),
        ("feb30.md", "---\npublished: 2025-02-30\n---\nbody", "published", "impossible"),
        ("words.md", "---\npublished: last Sunday\n---\nbody", "published", "YYYY-MM-DD"),
        ("nobody.md", "---\ntitle: x\n---\n\n", "body", "no article text"),
    ],
)
def test_bad_files_are_named_with_field_and_reason(write_article, name, content, field, reason):
    path = write_article(name, content)
    with pytest.raises(ArticleError) as info:
        load_article(path)
    assert info.value.file == name
    assert info.value.field == field
    assert reason in info.value.reason


def test_one_bad_file_never_stops_the_others(tmp_path):
    (tmp_path / "a.md").write_text(front_matter(outlet="X") + "Drills in Hadrut.", "utf-8")
    (tmp_path / "b.md").write_bytes(b"\x00\x01binary")
    (tmp_path / "c.txt").write_text("", "utf-8")
    (tmp_path / "d.md").write_text(front_matter(outlet="Y") + "Drills in Shusha.", "utf-8")
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["a", "d"]
    assert [e.file for e in result.errors] == ["b.md", "c.txt"]


def test_duplicate_content_is_reported_once(tmp_path):
    text = front_matter(outlet="X") + "Drills in Hadrut."
    (tmp_path / "a.md").write_text(text, "utf-8")
    (tmp_path / "b.md").write_text(text, "utf-8")
    result = load_articles(tmp_path)
    assert [a.id for a in result.articles] == ["a"]
    assert "duplicate of a.md" in result.errors[0].reason


def test_oversized_file_is_refused_in_python(write_article):
    path = write_article("huge.txt", "x" * (MAX_BYTES + 1))
    with pytest.raises(ArticleError, match="too large"):
        load_article(path)


def test_one_megabyte_single_line_loads(write_article):
    article = load_article(write_article("long.txt", "Drills in Shusha. " + "a" * 1_000_000))
    assert len(article.body) > 1_000_000


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>",
        "vbscript:msgbox",
        "ftp://x.org/a",
        "//evil.example/x",
        "https://",
        "http://a b.com",
        'https://x.org/"onmouseover=1',
    ],
)
def test_unsafe_urls_are_dropped_with_a_warning(url):
    text = f"---\nurl: {url}\n---\nDrills in Shusha."
    article = parse_article(text.encode(), name="u.md")
    assert article.url is None
    assert safe_url(url) is None
    assert article.warnings and "url" in article.warnings[0]


@pytest.mark.parametrize("url", ["https://oc-media.org/a", "http://example.org/x?y=1#z"])
def test_http_urls_are_kept(url):
    assert safe_url(url) == url
