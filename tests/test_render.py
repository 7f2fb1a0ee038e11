"""The excerpt is the outlet's sentence, character for character, and inert."""

from __future__ import annotations

import html
import re

import pytest

from sources.articles import Article
from sources.extraction import extract_claims
from sources.render import excerpt_html


def _text(body: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def test_every_seed_excerpt_is_its_sentence_exactly(seeds):
    for claim in seeds.claims:
        assert _text(excerpt_html(claim)) == claim.sentence, claim.id


@pytest.mark.parametrize(
    ("body", "marked"),
    [
        ("Troops drilled in Shusha, then left.", "Shusha</mark>, then"),
        ("The joint drill was held in Ardabil.", "Ardabil</mark>."),
        ("Drills near the border\nof Iran (Aslan Duz).", "Aslan Duz</mark>)."),
    ],
)
def test_no_space_is_added_around_the_place(body, marked):
    claims = extract_claims(Article.fake(body))
    assert any(marked in excerpt_html(c) for c in claims), [excerpt_html(c) for c in claims]


def test_markup_in_the_sentence_stays_text():
    article = Article.fake("Drills <script>alert(1)</script> were held in Aslan Duz ${x}.")
    [claim] = [c for c in extract_claims(article) if c.mention == "Aslan Duz"]
    body = excerpt_html(claim)
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert _text(body) == claim.sentence
