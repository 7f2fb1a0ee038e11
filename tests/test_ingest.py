"""Bringing articles in: the page's form and uploads, HTML, URLs, and the bulk CLI."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import urllib.error
from pathlib import Path

import pytest

from sources.articles import BUNDLED_DIR, MAX_BYTES, ArticleError
from sources.db.database import Database
from sources.ingest.__main__ import main as ingest
from sources.ingest.fetch import FetchError, fetch_article, fetching_enabled
from sources.ingest.html import parse_html
from sources.ingest.submission import article_from_form, read_upload

PAGE = b"""<html lang="en"><head><title>Drill | Wire</title>
<meta property="og:site_name" content="Caucasus Wire">
<meta property="article:published_time" content="2025-05-18T10:00:00Z">
<link rel="canonical" href="https://wire.example.az/drill"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Joint drill begins near Hadrut</h1>
<p>Iran and Azerbaijan began a joint military exercise near Hadrut on Sunday, the ministry said.</p>
<p>The drill will run until 21 May.</p><script>alert(1)</script></article>
<footer>Copyright Wire. Cookies.</footer></body></html>"""


def test_html_pages_give_their_main_text_and_metadata():
    article = parse_html(PAGE, name="drill.html")
    assert "began a joint military exercise near Hadrut" in article.body
    assert "Home" not in article.body and "alert" not in article.body
    assert article.outlet == "Caucasus Wire"
    assert article.published == dt.date(2025, 5, 18)
    assert article.url == "https://wire.example.az/drill"
    assert article.outlet_country == "Azerbaijan"


def test_a_form_article_gets_an_id_a_hash_and_its_language():
    article = article_from_form(
        text="Təlimlər Naxçıvan Muxtar Respublikasında keçirilir və üç gün davam edəcək.",
        title="Naxçıvanda təlim",
        outlet="Wire",
        url="https://example.az/a",
        published=dt.date(2025, 3, 29),
    )
    assert article.id.startswith("naxçıvanda-təlim-") and article.id.endswith(article.sha256[:8])
    assert article.language == "az"
    assert article.outlet_country == "Azerbaijan"


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"text": "  \n "}, "Article text", "empty"),
        ({"text": "x" * (MAX_BYTES + 1)}, "Article text", "longer than"),
        ({"text": "a\x00b"}, "Article text", "binary"),
        ({"text": "ok", "url": "javascript:alert(1)"}, "URL", "not an http(s) link"),
        ({"text": "ok", "title": "t" * 600}, "Title", "longer than"),
        ({"text": "ok", "outlet": "a\x07b"}, "Outlet", "control characters"),
        ({"text": "ok", "published": "2025-02-30"}, "Published", "not a date"),
    ],
)
def test_bad_form_fields_are_named(fields, field, reason):
    with pytest.raises(ArticleError) as caught:
        article_from_form(**fields)
    assert (caught.value.field, reason in caught.value.reason) == (field, True)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.exe", b"MZ", "not an article file"),
        ("a.md", b"x" * (MAX_BYTES + 1), "too large"),
        ("a.txt", b"\x00\x01", "binary"),
        ("a.txt", b"\xff\xfe", "invalid UTF-8"),
        ("a.html", b"<html><body><script>var a = 1;</script></body></html>", "no article text"),
    ],
)
def test_bad_uploads_are_named(name, data, reason):
    with pytest.raises(ArticleError, match=reason) as caught:
        read_upload(name, data)
    assert caught.value.file == name


def test_an_upload_keeps_its_front_matter_and_gets_its_own_id():
    data = (BUNDLED_DIR / "oc-media-2025-05-araz-2025.md").read_bytes()
    article = read_upload("../../etc/oc.md", data)
    assert article.outlet == "OC Media" and article.path.endswith(".md")
    assert "/" not in article.id and article.id.endswith(article.sha256[:8])


def test_fetching_is_off_unless_switched_on(monkeypatch):
    monkeypatch.delenv("ATLAS_FETCH_ARTICLES", raising=False)
    assert not fetching_enabled()
    assert fetching_enabled("1") and not fetching_enabled("no")


def test_fetching_offline_fails_with_a_clear_message():
    def offline(request, timeout):
        raise urllib.error.URLError("Temporary failure in name resolution")

    with pytest.raises(FetchError, match=r"could not be fetched .*name resolution"):
        fetch_article("https://example.org/a", opener=offline)
    with pytest.raises(FetchError, match="not an http"):
        fetch_article("file:///etc/passwd", opener=offline)


class _Response(io.BytesIO):
    def __init__(self, data: bytes, kind: str) -> None:
        super().__init__(data)
        self.headers = {"Content-Type": kind}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_a_fetched_page_becomes_an_article():
    article = fetch_article(
        "https://wire.example.az/drill", opener=lambda r, timeout: _Response(PAGE, "text/html")
    )
    assert "near Hadrut" in article.body
    with pytest.raises(FetchError, match="not an HTML page"):
        fetch_article(
            "https://x.org/a.pdf", opener=lambda r, timeout: _Response(b"%PDF", "application/pdf")
        )


def test_the_cli_adds_in_parallel_and_a_rerun_adds_nothing(tmp_path, capsys):
    folder = tmp_path / "in"
    shutil.copytree(BUNDLED_DIR, folder)
    (folder / "page.html").write_bytes(PAGE)
    (folder / "broken.txt").write_bytes(b"\x00")
    url = f"sqlite:///{tmp_path / 'atlas.sqlite'}"
    assert ingest([str(folder), "--database", url, "--workers", "2"]) == 0
    first = capsys.readouterr()
    assert "6 added" in first.out and "1 unreadable" in first.out
    assert "6 article(s) extracted in 2 process(es)" in first.out
    assert "broken.txt" in first.err
    assert ingest([str(folder), "--database", url, "--workers", "2"]) == 0
    again = capsys.readouterr().out
    assert "0 added" in again and "6 unchanged" in again and "0 article(s) extracted" in again
    with Database(url) as db:
        assert {a.id for a in db.articles()} >= {"page", "oc-media-2025-05-araz-2025"}
        assert sum(len(c) for c in db.proposals(db.articles())[0].values()) > 100


def test_an_article_ingested_into_an_empty_folders_database_is_on_its_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from sources.corpus import load_corpus
    from sources.db.engine import database_url

    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("ATLAS_ARTICLES", str(empty))
    source = tmp_path / "page.html"
    source.write_bytes(PAGE)
    assert ingest([str(source), "--workers", "1"]) == 0
    with Database(database_url(empty)) as db:
        corpus = load_corpus(empty, database=db)
    assert [a.id for a in corpus.articles] == ["page"]
    assert any(c.mention == "Hadrut" for c in corpus.claims)
