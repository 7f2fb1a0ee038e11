from __future__ import annotations

import pytest

from sources.articles import Article
from sources.extraction import extract_claims

# The table: outlet -> places each must claim as an exercise location.
EXPECTED = {
    "OC Media": {"ov:hadrut", "ov:nagorno-karabakh", "ov:liberated-territories"},
    "A News": {"ov:aslan-duz-district", "ov:ardabil-province", "ov:caspian-sea"},
    "Zartonk Media": {"ov:nagorno-karabakh", "ov:karabakh", "ov:armenia-iran-border"},
    # AVIM's "the Aslan Duz region of Ardabil": Aslan Duz, with Ardabil Province as its
    # container (GUIDELINES.md, the most specific place of a phrase is the site).
    "AVIM": {"gn:146969", "gn:147105", "ov:karabakh", "gn:142703"},
    "Middle East Monitor": {"ov:nagorno-karabakh", "ov:nakhchivan-ar"},
}


def _exercise_places(corpus, outlet):
    return {c.place.id for c in corpus.claims if c.outlet == outlet and c.role == "exercise"}


@pytest.mark.parametrize(("outlet", "places"), sorted(EXPECTED.items()))
def test_seed_exercise_locations(seeds, outlet, places):
    assert places <= _exercise_places(seeds, outlet)


def test_a_province_named_after_a_town_is_the_sites_container(seeds):
    aslan_duz = [
        c
        for c in seeds.claims
        if c.outlet == "AVIM" and c.place.id == "gn:142703" and "Ardabil Province" in c.hierarchy
    ]
    assert aslan_duz and {c.role for c in aslan_duz} == {"exercise"}


@pytest.mark.parametrize("name", ["Syunik", "Yerevan", "Tehran", "Bileh Savar"])
def test_context_places_are_never_exercise_locations(seeds, name):
    claims = [c for c in seeds.claims if c.mention.startswith(name)]
    assert claims, f"{name} should still be found, as context"
    assert {c.role for c in claims} == {"context"}


def test_attribution_keeps_outlet_and_credited_source_apart(seeds):
    oc = [c for c in seeds.claims if c.outlet == "OC Media" and c.role == "exercise"]
    credited = {c.place.id: c.credited for c in oc if c.attributed_to}
    assert credited["ov:nagorno-karabakh"] == "Tehran Times"
    assert "Defence Ministry" in credited["ov:liberated-territories"]
    hadrut = next(c for c in oc if c.place.id == "ov:hadrut")
    assert hadrut.credited == "OC Media"


def test_exercises_are_assigned(seeds):
    by_place = {(c.outlet, c.place.id): c.exercise for c in seeds.claims if c.role == "exercise"}
    assert by_place[("OC Media", "ov:hadrut")] == "aras-2025"
    assert by_place[("AVIM", "gn:142703")] == "aras-2024"
    assert by_place[("A News", "ov:caspian-sea")] == "azirex-2024"
    assert by_place[("Zartonk Media", "ov:armenia-iran-border")] == "armenia-iran-2025-04"
    assert by_place[("Middle East Monitor", "ov:nakhchivan-ar")] == "iran-azerbaijan-2024-06"


def test_every_claim_keeps_its_span_and_sentence(seeds):
    bodies = {a.id: a.body for a in seeds.articles}
    for claim in seeds.claims:
        body = bodies[claim.article_id]
        assert body[claim.start : claim.end] == claim.mention
        assert body[claim.sentence_start : claim.sentence_start + len(claim.sentence)] == (
            claim.sentence
        )
        assert claim.mention in claim.sentence
        assert claim.precision_km >= 1


def _claims(text: str, **kw):
    return extract_claims(Article.fake(text, **kw))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("According to the Tehran Times, the drill began.", "Tehran"),
        ("Mehr News Agency quoted him in Yerevan.", "Mehr"),
        ("He captained Inter Milan for years.", "Milan"),
        ("Ararat Mirzoyan met Lavrov.", "Ararat"),
        ("The Second Nagorno-Karabakh War ended in 2020.", "Nagorno-Karabakh"),
        ("The Aras 2025 exercise began.", "Aras"),
        ("Süleyman Nazif Sok. No: 12/B 06550 Çankaya-ANKARA / TÜRKİYE Tel: +90 312", "Çankaya"),
    ],
)
def test_names_that_are_not_places(text, absent):
    assert not [c for c in _claims(text) if c.mention.startswith(absent)]


@pytest.mark.parametrize(
    ("text", "mention", "place_id"),
    [
        ("Officials met at the Bileh Savar border terminal.", "Bileh Savar", "gn:140494"),
        ("Troops gathered in Martuni near Shusha and Hadrut in Karabakh.", "Martuni", "gn:146969"),
        ("The drill was held in Tehran.", "Tehran", "gn:112931"),
        (
            "Drills were held in West Azerbaijan province.",
            "West Azerbaijan",
            "ov:west-azerbaijan-province",
        ),
    ],
)
def test_same_name_traps(text, mention, place_id):
    claim = next(c for c in _claims(text) if c.mention.startswith(mention))
    assert claim.place.id == place_id


@pytest.mark.parametrize(
    ("text", "mention", "role"),
    [
        ("Iran and Azerbaijan held a joint drill in Aslan Duz.", "Aslan Duz", "exercise"),
        ("Iran and Azerbaijan held a joint drill in Aslan Duz.", "Iran", "context"),
        ("The embassy in Tehran reopened.", "Tehran", "context"),
        ("The drill, which began in Shusha, ended.", "Shusha", "exercise"),
        ("Officials agreed to hold a naval exercise in the Caspian Sea.", "Caspian Sea", "context"),
        ("The exercise aims to ensure security in the Caspian Sea.", "Caspian Sea", "context"),
        ("Vessels arrived in Baku to take part in the exercise.", "Baku", "context"),
        ("On May 18, Iran launched drills in Hadrut.", "Iran", "context"),
        ("The drills took place in Khojavend and Shusha.", "Shusha", "exercise"),
    ],
)
def test_roles(text, mention, role):
    claim = next(c for c in _claims(text) if c.mention == mention)
    assert claim.role == role


def test_inflected_forms_are_found():
    az = _claims("Təlim Qarabağda keçirilib.", language="az")
    assert [(c.mention, c.place.id, c.role) for c in az] == [
        ("Qarabağda", "ov:karabakh", "exercise")
    ]
    ru = _claims("Учения проходят на территории Нагорного Карабаха.", language="ru")
    assert [(c.place.id, c.role) for c in ru] == [("ov:nagorno-karabakh", "exercise")]


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        ("According to the Tehran Times, drills were held in Shusha.", "Tehran Times"),
        ("Drills were held in Shusha, according to IRNA.", "IRNA"),
        ("The drills were held in Shusha, state TV reported.", "State TV"),
        ("The exercises will be held near Lankaran, the ministry said.", "Ministry"),
        ("They said drills were held in Shusha.", "Fake Outlet"),
        ("Drills were held in Shusha.", "Fake Outlet"),
    ],
)
def test_attribution(text, credited):
    claim = next(c for c in _claims(text) if c.role == "exercise")
    assert claim.credited == credited
