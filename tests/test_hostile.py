"""Hostile articles, end to end: untrusted text never runs in a viewer's browser.

The page runs under AppTest on ``tests/data/hostile`` (see its README), the five
bundled seeds, and three files made here: a 1 MB single-line article, a file
over ``MAX_BYTES`` and a file whose *name* is an HTML payload. What must hold:
bad files are named with a reason and the rest still load; article text reaches
the map only as JSON data, the legend only HTML-escaped, and markdown only with
every character a parser could act on backslash-escaped; links are http(s) only.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sources.articles import MAX_BYTES, Article, ArticleError, load_article
from sources.corpus import Corpus, load_corpus
from sources.extraction import extract_claims
from sources.extraction.attribution import attribution
from sources.render import excerpt_html, md_escape
from tests.conftest import ROOT
from tests.page import click, drawn_features, map_args, quote, run_page, split_map_data

HOSTILE = ROOT / "tests" / "data" / "hostile"
SEEDS = ROOT / "sources" / "data" / "articles"
SEED_OUTLETS = ("OC Media", "A News", "Zartonk Media", "AVIM", "Middle East Monitor")
SENTENCE = "Iran and Azerbaijan held a joint military drill in Aslan Duz."
PAYLOAD_NAME = "<img src=x onerror=alert(1)> ${alert(1)} `x`.txt"
ONE_MB = "one-megabyte-line.txt"
OVERSIZE = "oversize.md"
# Each unreadable file and words its warning must carry: (field, reason).
BAD = {
    "binary.txt": ("content", "binary"),
    "invalid-utf8.txt": ("content", "invalid UTF-8"),
    "empty.md": ("content", "empty file"),
    "broken-front-matter.md": ("front matter", "no closing"),
    "impossible-date.md": ("published", "impossible date"),
    "zz-duplicate.md": ("content", "duplicate of img-onerror.md"),
    OVERSIZE: ("file", "too large"),
}
# A markdown parser acts on these only when they are not backslash-escaped.
ACTIVE = ("<", ">", "[", "]", "$", "&", "`")
# GFM links bare URLs and e-mail addresses even when their characters are escaped.
AUTOLINK = re.compile(r"(?i)(?:https?://|www\.)\S|[\w.+-]@[\w-]+\.\w")
# Outside the JSON data, none of this may appear in the map's code.
PAYLOADS = ("<script>alert", "</script", "onerror=", "${alert", "javascript:", "alert(", "tracker")
RLO = "\u202e"
BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("hostile")
    for path in [*HOSTILE.iterdir(), *SEEDS.iterdir()]:
        if path.suffix in (".md", ".txt") and path.name != "README.md":
            shutil.copy(path, directory / path.name)
    chunk = (
        "<script>alert(1)</script> <img src=x onerror=alert(1)> ${alert(1)} \\`x` "
        f"![x](http://tracker.example/p.png) {RLO}evil words. "
    )
    line = SENTENCE + " " + chunk * (1_000_000 // len(chunk)) + SENTENCE
    (directory / ONE_MB).write_text('---\noutlet: "Long Line Wire"\n---\n' + line, "utf-8")
    (directory / OVERSIZE).write_bytes(SENTENCE.encode() + b" " * MAX_BYTES)
    (directory / PAYLOAD_NAME).write_text(f"{SENTENCE}\n", "utf-8")
    return directory


@pytest.fixture(scope="module")
def corpus(corpus_dir) -> Corpus:
    return load_corpus(corpus_dir)


@pytest.fixture(autouse=True)
def _articles_env(corpus_dir, monkeypatch):
    monkeypatch.setenv("ATLAS_ARTICLES", str(corpus_dir))


def _hostile_claims(corpus: Corpus) -> list:
    seeds = {p.stem for p in SEEDS.iterdir()}
    return [c for c in corpus.claims if c.role == "exercise" and c.article_id not in seeds]


# ------------------------------------------------------------------- helpers


def _active(body: str) -> str:
    """What a markdown parser may act on: ``body`` minus every backslash-escaped character."""
    return re.sub(r"\\.", "", body, flags=re.S)


def _markdown_bodies(at: AppTest) -> dict[str, list[str]]:
    """Every string the page renders as markdown, by element type."""
    kinds = ("markdown", "caption", "warning", "info", "error", "success", "toast", "subheader")
    return {kind: [str(e.value) for e in at.get(kind)] for kind in kinds}


# st.badge is markdown underneath (":red-badge[label]"); the page's badges are constants.
_OWN_BADGE = re.compile(r":(?:red|green)-badge\[(?:consistent|conflicting)\]")


def _assert_inert_markdown(at: AppTest) -> None:
    for kind, bodies in _markdown_bodies(at).items():
        for body in bodies:
            if _OWN_BADGE.fullmatch(body):
                continue
            active = _active(body)
            found = [a for a in ACTIVE if a in active]
            assert not found, f"{kind} has unescaped {found}: {body[:300]!r}"
            assert not re.search(r"(?i)\b(?:javascript|vbscript|data):", active), body[:300]
            assert not AUTOLINK.search(re.sub(r"\\(.)", r"\1", body)), f"{kind}: {body[:300]!r}"


def _assert_inert_quote(body: str) -> None:
    """The quote's HTML holds only its own two tags; every other ``<`` is escaped."""
    bare = re.sub(r'^<blockquote class="atlas-quote" style="[^"<>]*">', "", body)
    bare = re.sub(r'<mark class="atlas-place" style="[^"<>]*">|</mark>|</blockquote>$', "", bare)
    assert "<" not in bare and ">" not in bare, body[:300]


def _assert_no_bidi_anywhere(at: AppTest) -> None:
    for node in [*at.main, *at.sidebar, *at.toast]:
        proto = getattr(node, "proto", None)
        if proto is not None:
            assert RLO.encode() not in proto.SerializeToString(), f"U+202E in {node.type}"


# --------------------------------------------------------------------- tests


def test_bad_files_are_named_with_reasons_and_everything_else_loads(corpus):
    at = run_page()
    warnings = [w.value for w in at.warning]
    for name, (field, reason) in BAD.items():
        named = [w for w in warnings if md_escape(name) in w]
        assert named, f"{name} not named in {warnings}"
        assert md_escape(field) in named[0] and md_escape(reason) in named[0], named[0]
    assert {e.file for e in corpus.errors} == set(BAD)
    drawn = {f["properties"]["id"] for f in drawn_features(at)}
    assert drawn == {c.id for c in corpus.claims if c.role == "exercise"}
    readable = {p.stem for p in HOSTILE.iterdir() if p.name not in BAD and p.name != "README.md"}
    expected = (
        {p.stem for p in SEEDS.iterdir()}
        | readable
        | {Path(PAYLOAD_NAME).stem, "one-megabyte-line"}
    )
    assert {i.rsplit("@", 1)[0] for i in drawn} == expected
    legend = "".join(str(h.proto.body) for h in at.get("html"))
    for outlet in SEED_OUTLETS:
        assert outlet in legend
    _assert_inert_markdown(at)
    _assert_no_bidi_anywhere(at)


def test_dropped_links_and_bidi_overrides_are_announced(corpus):
    at = run_page()
    notices = "\n".join(i.value for i in at.info)
    for name in ("javascript-url.md", "data-url.md", "vbscript-url.txt"):
        assert f"{md_escape(name)}\\: url\\: not an http\\(s\\) link" in notices
    assert "right\\-to\\-left override" in notices
    by_stem = {a.id: a for a in corpus.articles}
    assert all(by_stem[s].url is None for s in ("javascript-url", "data-url", "vbscript-url"))


def test_the_map_carries_article_text_only_as_json_data():
    at = run_page(context="1")
    args = map_args(at)
    code, blobs = split_map_data(args["script"] + args["feature_group"] + args["html"])
    assert blobs
    for needle in PAYLOADS:
        assert needle not in code, f"{needle!r} in the map's code"
    # The header is folium's own <style>/<script> boilerplate; no article text.
    assert not any(p in args["header"] for p in PAYLOADS if p != "</script")
    assert "innerHTML" not in code
    for blob in blobs:
        assert "<" not in blob and ">" not in blob and RLO not in blob
    titles = " ".join(f["properties"]["title"] for f in drawn_features(at))
    # The payloads are there, as data: shown as text, not dropped.
    for payload in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "${alert(1)}"):
        assert payload in titles


def test_the_legend_escapes_outlet_names():
    at = run_page()
    legend = "".join(str(h.proto.body) for h in at.get("html"))
    # The legend's own images (the mark shapes, as data) are the only tags it may hold.
    legend = re.sub(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+"[^<>]*>', "", legend)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in legend
    for raw in ("<script", "<img", "onerror=alert(1)>", RLO):
        assert raw not in legend
    assert "aideM CO" in legend  # the outlet, with its override removed


def test_every_hostile_claim_shows_an_inert_excerpt(corpus):
    claims = _hostile_claims(corpus)
    assert {c.article_id for c in claims} >= {"script-tags", "javascript-url", "rtl-override"}
    for claim in claims:
        at = run_page()
        click(at, claim.id)
        bodies = [h.proto.body for h in at.get("html")]
        assert excerpt_html(claim) in bodies, claim.id
        _assert_inert_quote(excerpt_html(claim))
        # The sentence, less only the bidi controls that would reorder what is read.
        assert quote(at) == BIDI.sub("", claim.sentence), claim.id
        _assert_inert_markdown(at)
        _assert_no_bidi_anywhere(at)
        links = [b.proto.url for b in at.get("link_button")]
        assert all(re.match(r"https?://[^\s<>\"'`]+$", url) for url in links), links
        assert links == ([claim.url] if claim.url else []), (claim.id, links)
        assert at.query_params["claim"] in (claim.id, [claim.id])


@pytest.mark.parametrize(
    "payload",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "${alert(1)}", "![x](http"],
)
def test_payloads_are_shown_escaped_in_the_excerpt(corpus, payload):
    claim = next(c for c in _hostile_claims(corpus) if payload in c.sentence)
    at = run_page()
    click(at, claim.id)
    assert payload in quote(at)  # shown as text, exactly
    _assert_inert_quote(excerpt_html(claim))


@pytest.mark.parametrize(
    "query",
    [
        pytest.param({"foo": "bar", "<script>alert(1)</script>": "x"}, id="unknown-keys"),
        pytest.param({"outlet": "No Such Outlet", "context": "maybe"}, id="unknown-values"),
        pytest.param({"claim": "x" * 100_000}, id="100KB-claim"),
        pytest.param({"outlet": "<img src=x onerror=alert(1)>" * 3600}, id="100KB-outlet"),
        pytest.param({"k" * 100_000: "v"}, id="100KB-key"),
        pytest.param({"exercise": ["aras-2025"] * 500}, id="500-repeats"),
        pytest.param({"outlet": ["<script>"] * 500}, id="500-hostile-repeats"),
        pytest.param({"from": "yesterday", "to": "2025-13-45"}, id="non-dates"),
        pytest.param({"from": "2025-02-30"}, id="impossible-date"),
        pytest.param({"from": "２０２５-０１-０１"}, id="fullwidth-digits"),
        pytest.param({"exercise": "<script>alert(1)</script>"}, id="html-exercise"),
        pytest.param({"claim": "<img src=x onerror=alert(1)>@51"}, id="html-claim"),
        pytest.param({"exercise": f"{RLO}5202-sara"}, id="bidi-exercise"),
    ],
)
def test_tampered_query_params_never_error(query):
    at = run_page(**query)
    assert at.toast, "a short notice says what was dropped"
    assert drawn_features(at)
    _assert_inert_markdown(at)
    _assert_no_bidi_anywhere(at)


def test_a_deep_link_to_a_claim_in_a_hostile_file_name_opens_it(corpus):
    [claim] = [c for c in _hostile_claims(corpus) if c.article_id == Path(PAYLOAD_NAME).stem]
    at = run_page(claim=claim.id)
    assert excerpt_html(claim) in [h.proto.body for h in at.get("html")]
    assert "&lt;img src=x onerror=alert(1)&gt;" in "".join(h.proto.body for h in at.get("html"))
    _assert_inert_markdown(at)


def test_size_limit_is_enforced_in_python(corpus_dir):
    with pytest.raises(ArticleError, match="too large") as info:
        load_article(corpus_dir / OVERSIZE)
    assert info.value.file == OVERSIZE
    one_mb = load_article(corpus_dir / ONE_MB)
    assert "\n" not in one_mb.body and len(one_mb.body) > 1_000_000


def test_an_all_caps_headline_with_a_say_verb_is_read_quickly():
    """Regression: "X said" matching split each capitalised word at every capital, so a
    failing search was exponential: 1.4 s for this sentence, minutes with a few more words."""
    headline = "IRAN AND AZERBAIJAN HOLD JOINT drills in Aslan Duz, officials said."
    started = time.perf_counter()
    attribution(headline, 0, language="en")
    assert time.perf_counter() - started < 0.3
    longer = "IRAN AND AZERBAIJAN HOLD JOINT NATO NATO NATO drills in Aslan Duz, officials said."
    claims = extract_claims(Article.fake(longer))
    assert [c.mention for c in claims if c.role == "exercise"] == ["Aslan Duz"]
