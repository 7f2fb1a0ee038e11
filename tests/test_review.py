"""Reviews as values, laying them over proposals, and who may write."""

from __future__ import annotations

import pytest

from sources.articles import Article
from sources.extraction import default_gazetteer, extract_claims
from sources.review.access import check_passphrase, decide_access, is_loopback, parse_editors
from sources.review.apply import apply_reviews
from sources.review.model import ClaimState, ReviewError, add_claim, review_claim

BODY = "Joint drills were held in Shusha. Troops came from Baku. The drill ended near Hadrut."


@pytest.fixture
def article() -> Article:
    return Article.fake(BODY, id="a", sha256="s")


def _claim(article: Article, mention: str):
    return next(c for c in extract_claims(article) if c.mention == mention)


def test_a_change_records_before_and_after(article):
    shusha = _claim(article, "Shusha")
    hadrut = default_gazetteer().get("ov:hadrut")
    review = review_claim(shusha, "change", editor=" ana  ", place=hadrut, role="context")
    assert (review.revision, review.editor, review.status) == (1, "ana", "edited")
    assert review.before == ClaimState.of(shusha)
    assert review.changes() == {
        "role": ("exercise", "context"),
        "place": ("Shusha (gn:147105)", "Hadrut (ov:hadrut)"),
    }
    assert ClaimState.from_json(review.after.to_json()) == review.after


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"action": "delete"}, "action must be"),
        ({"action": "change"}, "must change"),
        ({"action": "accept", "role": "boss"}, "role must be"),
        ({"action": "accept", "editor": "   "}, "editor's name"),
        ({"action": "accept", "editor": "x" * 300}, "longer than"),
        ({"action": "accept", "note": "x" * 3000}, "note is longer"),
    ],
)
def test_bad_reviews_are_refused_with_the_reason(article, kwargs, message):
    kwargs = {"editor": "ana", **kwargs}
    action = kwargs.pop("action")
    with pytest.raises(ReviewError, match=message):
        review_claim(_claim(article, "Shusha"), action, **kwargs)


def test_adding_needs_words_of_one_sentence(article):
    place = default_gazetteer().get("gn:587084")
    start = BODY.index("Baku")
    review = add_claim(
        article, start, start + 4, place=place, role="context", exercise=None, editor="ana"
    )
    assert (review.mention, review.before, review.status) == ("Baku", None, "added")
    with pytest.raises(ReviewError, match="one sentence"):
        add_claim(
            article,
            20,
            BODY.index("Baku") + 4,
            place=place,
            role="context",
            exercise=None,
            editor="ana",
        )
    with pytest.raises(ReviewError, match="text of the article"):
        add_claim(article, 5, 5, place=place, role="context", exercise=None, editor="ana")


def test_reviews_lay_over_proposals_and_stale_ones_are_kept_apart(article):
    proposals = extract_claims(article)
    shusha, baku = _claim(article, "Shusha"), _claim(article, "Baku")
    reviews = [
        review_claim(shusha, "reject", editor="ana"),
        review_claim(baku, "accept", editor="ana"),
    ]
    claims, stale = apply_reviews(article, proposals, reviews)
    status = {c.mention: c.status for c in claims}
    assert status["Shusha"] == "rejected" and status["Baku"] == "accepted"
    assert stale == ()
    edited = Article.fake(BODY.replace("Baku", "Gyumri"), id="a", sha256="t")
    claims, stale = apply_reviews(edited, extract_claims(edited), reviews)
    assert [s.review.mention for s in stale] == ["Baku"]
    assert "Stale review" in stale[0].describe()
    assert {c.mention: c.status for c in claims}["Shusha"] == "rejected"


def test_a_reviewed_claim_stays_when_the_extractor_stops_proposing_it(article):
    shusha = _claim(article, "Shusha")
    review = review_claim(shusha, "accept", editor="ana")
    claims, stale = apply_reviews(article, (), [review])
    assert [(c.mention, c.status, c.sentence) for c in claims] == [
        ("Shusha", "accepted", "Joint drills were held in Shusha.")
    ]
    assert stale == ()


_SERVER = {
    "auth_configured": False,
    "signed_in_email": None,
    "passphrase_configured": False,
    "passphrase_verified": False,
    "server_address": None,
    "typed_name": "ana",
}


@pytest.mark.parametrize(
    ("facts", "can_edit", "how", "editor"),
    [
        ({}, False, "", ""),  # a public server with nothing configured: read-only
        ({"server_address": "0.0.0.0"}, False, "", ""),
        ({"server_address": "localhost"}, True, "localhost", "ana"),
        ({"server_address": "127.0.0.1", "typed_name": ""}, True, "localhost", ""),
        ({"server_address": "::1"}, True, "localhost", "ana"),
        # Once a passphrase is configured, localhost alone no longer suffices.
        ({"server_address": "localhost", "passphrase_configured": True}, False, "", ""),
        ({"passphrase_configured": True, "passphrase_verified": True}, True, "passphrase", "ana"),
        ({"auth_configured": True}, False, "", ""),
        ({"auth_configured": True, "signed_in_email": "A@x.org"}, True, "sign-in", "a@x.org"),
        (
            {
                "auth_configured": True,
                "signed_in_email": "z@x.org",
                "editors": frozenset({"a@x.org"}),
            },
            False,
            "",
            "",
        ),
        ({"server_address": "localhost", "database_writable": False}, False, "", ""),
    ],
)
def test_who_may_edit(facts, can_edit, how, editor):
    access = decide_access(**{**_SERVER, **facts})
    assert (access.can_edit, access.how, access.editor) == (can_edit, how, editor)
    if not can_edit:
        assert access.reason


def test_passphrases_compare_in_constant_time_and_never_empty():
    assert check_passphrase("open sesame", "open sesame")
    assert not check_passphrase("open sesame", "open sesame ")
    assert not check_passphrase("", "")


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("[::1]", True),
        ("", False),
        (None, False),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_loopback_addresses(address, loopback):
    assert is_loopback(address) is loopback


def test_editor_lists():
    assert parse_editors(" A@x.org, b@y.org ,") == frozenset({"a@x.org", "b@y.org"})
    assert parse_editors(["A@x.org"]) == frozenset({"a@x.org"})
    assert parse_editors(None) == frozenset()
