"""Property-based tests: the loader, the extractor and the URL parser on arbitrary input.

What must hold for any input: the loader returns an Article or raises
ArticleError, and what it returns is safe to show (an http(s) URL or none, no
bidi overrides in metadata); the extractor never raises and every span it
reports slices the text it claims to; the view parser never raises and keeps
only known values.
"""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sources.articles import Article, ArticleError, parse_article
from sources.claims import ROLES
from sources.extraction import extract_claims
from sources.view import MAX_VALUES, ViewState, parse_view, view_to_params

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LANGUAGES = ("en", "az", "tr", "ru", "fa", "")
BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# Pieces of real articles and of their traps, to reach deeper than random text does.
FRAGMENTS = [
    *("Shusha", "Şuşa", "Aslan Duz", "Aslandüz", "Hadrut", "Khojavend", "Nagorno-Karabakh"),
    *("Karabakh", "Iran", "İran", "Azerbaijan", "Armenia", "Tehran", "Ardabil province"),
    *("Tehran Times", "Mehr News", "West Azerbaijan", "İran'ın", "Qarabağda", "Nahçıvan'da"),
    *("Нагорного Карабаха", "Ирана", "Азербайджане", "учения", "در", "تهران", "رزمایش"),
    *("Azerbaijan-Iran", "Culfa-Aslandüz-Muğan", "the border with ", " border", "sınır"),
    *("exercise", "exercises", "drill", "drills", "war games", "held in", "took place in"),
    *(" in ", " near ", " at ", " and ", " of ", " while ", " with ", "the ", "liberated "),
    *("Aras 2025", "Araz-2025", "IRGC Ground Force's Might", "May 18", "2024", "last month"),
    *("said", " reported", "according to ", "officials", "NATO", "ministry", "təlim", "tatbikat"),
    *("agreed to hold", "planned", "located", "destroyer ", "Gen.", "etc.", "A.", "[1]", "©"),
    *("http://x.org/a", "Tel:", "|", "’", "'", '"', ",", ".", ". ", "!", "?", ";", ":", "("),
    *(")", "-", "–", "\n", "\n\n", " ", "  ", "\t", "\u200c", "\u202e", "\u200b", "İ", "ı"),
    *("<script>alert(1)</script>", "${alert(1)}", "`", "\\", "![x](//t.example/p.png)"),
]
fragment_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40
).map("".join)
any_text = st.one_of(st.text(), fragment_text, st.text(st.characters(codec="utf-8")))
field_value = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(list("\"':\n\\ -#\u202e\u00e9\u0130\u0259\t{}[]"))),
    st.sampled_from(["2025-02-30", "2025-05-18", "javascript:alert(1)", "https://x.org/a"]),
)
front_matter = st.dictionaries(
    st.one_of(
        st.sampled_from(["title", "outlet", "url", "published", "language", "author"]),
        st.text(),
    ),
    field_value,
    max_size=6,
)


def _check_article(article: Article) -> None:
    assert article.url is None or re.match(r"https?://", article.url, re.IGNORECASE)
    for value in (article.title, article.outlet, article.url or "", article.language):
        assert not BIDI.search(value)
    assert article.body.strip()


def _parse(data: bytes) -> Article | None:
    try:
        article = parse_article(data, name="f.md")
    except ArticleError as exc:
        assert exc.file == "f.md" and exc.field and exc.reason
        return None
    _check_article(article)
    return article


@FUZZ
@given(st.one_of(st.binary(), st.binary().map(lambda b: b"---\n" + b)))
def test_any_bytes_give_an_article_or_an_article_error(data):
    _parse(data)


def _line(key: str, value: str, style: str) -> str:
    if style == "json":
        return f"{key}: {json.dumps(value, ensure_ascii=False)}"
    if style == "single":
        return f"{key}: '{value}'"
    return f"{key}: {value}"


@FUZZ
@given(
    front_matter,
    any_text,
    st.sampled_from(["plain", "json", "single"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
)
def test_any_front_matter_gives_an_article_or_an_article_error(meta, body, style, newline, bom):
    lines = ["---", *(_line(k, v, style) for k, v in meta.items()), "---", body]
    text = ("\ufeff" if bom else "") + newline.join(lines)
    article = _parse(text.encode("utf-8"))
    if article is not None:
        assert article.body in text.replace("\r\n", "\n").replace("\r", "\n")


@FUZZ
@given(st.text(max_size=200).filter(lambda v: not BIDI.search(v)))
def test_json_quoted_fields_round_trip(title):
    text = f"---\ntitle: {json.dumps(title)}\noutlet: {json.dumps(title)}\n---\nDrills in Shusha."
    article = _parse(text.encode("utf-8"))
    if any(ord(c) < 32 for c in title):
        assert article is None  # control characters are refused, never kept
    else:
        assert article is not None and article.title == title == article.outlet


@FUZZ
@given(any_text, st.sampled_from(LANGUAGES))
def test_extraction_never_raises_and_every_span_slices_its_text(text, language):
    claims = extract_claims(Article.fake(text, language=language))
    for c in claims:
        assert text[c.start : c.end] == c.mention and c.start < c.end
        assert text[c.sentence_start : c.sentence_start + len(c.sentence)] == c.sentence
        assert c.role in ROLES
    assert len({c.id for c in claims}) == len(claims)
    assert [c.start for c in claims] == sorted(c.start for c in claims)


def test_a_mention_lies_inside_its_sentence():
    # Was a bug: a border phrase joined to a country across a line break.
    claims = extract_claims(Article.fake("the border with\nAzerbaijan-Iran"))
    assert claims
    for claim in claims:
        assert claim.sentence_start <= claim.start
        assert claim.end <= claim.sentence_start + len(claim.sentence)


params = st.dictionaries(
    st.one_of(st.sampled_from(["exercise", "outlet", "from", "to", "context", "claim"]), st.text()),
    st.one_of(
        st.text(),
        st.lists(st.text(), max_size=MAX_VALUES + 5),
        st.lists(st.sampled_from(["aras-2025", "AVIM", "2025-05-18", "1", "a@0"]), max_size=60),
    ),
    max_size=8,
)
known = st.lists(st.one_of(st.text(max_size=10), st.sampled_from(["aras-2025", "AVIM", "a@0"])))
# Real exercise ids, outlets and claim ids are never empty.
known_ids = st.lists(st.one_of(st.text(min_size=1), st.sampled_from(["aras-2025", "AVIM", "a@0"])))


@FUZZ
@given(params, known, known, known)
def test_any_query_params_give_a_view_and_notices(query, exercises, outlets, claims):
    state, notices = parse_view(query, exercises=exercises, outlets=outlets, claims=claims)
    assert set(state.exercises) <= set(exercises) and set(state.outlets) <= set(outlets)
    assert state.claim is None or state.claim in claims
    assert all(isinstance(n, str) and len(n) < 300 for n in notices)


@FUZZ
@given(known_ids, known_ids, known_ids, st.booleans(), st.data())
def test_a_view_survives_the_url(exercises, outlets, claims, context, data):
    state = ViewState(
        exercises=tuple(dict.fromkeys(data.draw(st.lists(st.sampled_from(exercises or ["x"]))))),
        outlets=tuple(dict.fromkeys(data.draw(st.lists(st.sampled_from(outlets or ["x"]))))),
        date_from=data.draw(st.none() | st.dates()),
        context=context,
        claim=data.draw(st.none() | st.sampled_from(claims or ["x"])),
    )
    parsed, notices = parse_view(
        view_to_params(state),
        exercises=[*exercises, "x"],
        outlets=[*outlets, "x"],
        claims=[*claims, "x"],
    )
    too_long = any(len(v) > 200 for v in (*state.exercises, *state.outlets, state.claim or ""))
    if not too_long and len(state.exercises) <= MAX_VALUES and len(state.outlets) <= MAX_VALUES:
        assert (parsed, notices) == (state, [])
