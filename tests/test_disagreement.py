"""Where sources disagree: places inside one another agree, places apart conflict."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.places import Place
from sources.articles import Article
from sources.disagreement import (
    CONFLICTING,
    CONSISTENT,
    Relations,
    _credits,
    compare_places,
    contains,
    country_label,
    gap_km,
    place_agreement,
    relation,
    summarise,
    summarise_frame,
)
from sources.extraction import extract_claims
from sources.frame import categorise, claims_frame


def _place(id_, name, kind, country, lat, lon, radius_km) -> Place:
    return Place(
        id=id_,
        name=name,
        kind=kind,
        country=country,
        lat=lat,
        lon=lon,
        radius_km=radius_km,
        provenance="test",
    )


HADRUT = _place("ov:hadrut", "Hadrut", "settlement", "AZ", 39.52002, 47.0318, 2.0)
SHUSHA = _place("gn:147105", "Shusha", "settlement", "AZ", 39.76006, 46.74989, 3.0)
KARABAKH = _place("ov:karabakh", "Karabakh", "region", "AZ", 39.96068, 46.99959, 60.0)
AZERBAIJAN = _place("gn:587116", "Azerbaijan", "country", "AZ", 40.5, 47.5, 200.0)
IRAN = _place("gn:130758", "Iran", "country", "IR", 35.06764, 51.08331, 724.0)
CASPIAN = _place("ov:caspian-sea", "Caspian Sea", "sea", "AZ|IR|KZ|RU|TM", 41.89, 50.45, 544.0)
ASTARA_IR = _place("gn:141679", "Astara", "settlement", "IR", 38.4291, 48.8719, 3.0)
ASTARA_AZ = _place("gn:148565", "Astara", "settlement", "AZ", 38.4560, 48.8750, 3.0)
NAKHCHIVAN = _place("ov:nakhchivan-ar", "Nakhchivan", "province", "AZ", 39.226, 45.511, 42.0)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (KARABAKH, HADRUT, "contains"),  # Hadrut is in Karabakh: not a disagreement
        (HADRUT, KARABAKH, "within"),
        (AZERBAIJAN, SHUSHA, "contains"),  # a country holds its own towns
        (HADRUT, SHUSHA, "apart"),
        (ASTARA_IR, ASTARA_AZ, "apart"),  # one name, two countries, 3 km apart
        (IRAN, CASPIAN, "overlaps"),  # neither holds the other; their circles meet
        (KARABAKH, NAKHCHIVAN, "apart"),
        (HADRUT, HADRUT, "same"),
    ],
)
def test_relation_of_two_places(a, b, expected):
    assert relation(a, b) == expected


def test_containment_follows_the_hierarchy_when_a_place_has_one():
    province = _place("ov:ardabil-province", "Ardabil Province", "province", "IR", 38.47, 48.17, 75)
    aslan = _place("gn:142703", "Aslan Duz", "settlement", "IR", 39.4439, 47.4056, 2.0)
    # By radii alone, Aslan Duz (127 km from the province's centre) lies outside it.
    assert relation(province, aslan) == "apart"
    if "parents" in {f.name for f in dataclasses.fields(Place)}:
        held = dataclasses.replace(aslan, parents=("ov:ardabil-province", "gn:130758"))
        assert relation(province, held) == "contains"

    # A gazetteer's own rule (Gazetteer.contains) can be handed in.
    def by_hierarchy(outer, inner):
        return outer.id == "ov:ardabil-province" or contains(outer, inner)

    assert relation(province, aslan, contains=by_hierarchy) == "contains"


def test_gap_is_edge_to_edge_for_areas_and_centre_to_centre_for_towns():
    assert gap_km(HADRUT, SHUSHA) == pytest.approx(36, abs=1.5)
    assert gap_km(KARABAKH, NAKHCHIVAN) == pytest.approx(
        gap_km(_as_town(KARABAKH), _as_town(NAKHCHIVAN)) - 60 - 42, abs=0.01
    )
    assert gap_km(IRAN, CASPIAN) == 0


def _as_town(place: Place) -> Place:
    return dataclasses.replace(place, kind="settlement", radius_km=1.0)


def test_a_place_conflicts_when_it_lies_apart_from_any_other():
    verdict = place_agreement([KARABAKH, HADRUT, SHUSHA, AZERBAIJAN])
    assert verdict == {
        KARABAKH.id: CONSISTENT,
        HADRUT.id: CONFLICTING,
        SHUSHA.id: CONFLICTING,
        AZERBAIJAN.id: CONSISTENT,
    }


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("AZ", "Azerbaijan"),
        ("IR", "Iran"),
        ("AZ|IR", "Azerbaijan/Iran"),
        ("RU", "Russia"),
        ("", "unknown country"),
    ],
)
def test_country_labels(code, label):
    assert country_label(code) == label


def _claims(*stories):
    """Claims of one exercise (Aras-2025, by its name) from one-line articles."""
    found = []
    for i, (outlet, body) in enumerate(stories):
        article = Article.fake(body, id=f"a{i}", outlet=outlet)
        found += [c for c in extract_claims(article) if c.role == "exercise"]
    return found


def test_summary_measures_conflicting_places_only_and_names_countries(seeds):
    summaries = summarise(seeds.claims)
    aras = next(s for s in summaries if s.exercise == "aras-2025")
    conflicting = {p.label for p in aras.with_agreement(CONFLICTING)}
    assert conflicting == {"Hadrut (Azerbaijan)", "Khojavend (Azerbaijan)", "Shusha (Azerbaijan)"}
    consistent = {p.place.name for p in aras.with_agreement(CONSISTENT)}
    assert {"Karabakh", "Nagorno-Karabakh", "Liberated territories"} <= consistent
    assert {p.label for p in aras.farthest} == {"Hadrut (Azerbaijan)", "Shusha (Azerbaijan)"}
    assert aras.spread_km == pytest.approx(36, abs=1.5)  # not Karabakh–Hadrut's 49 km
    assert aras.conflicting_claims == 3
    # The most conflicting exercises first; an exercise with none has no spread.
    assert [s.conflicting_claims for s in summaries] == sorted(
        (s.conflicting_claims for s in summaries), reverse=True
    )
    calm = [s for s in summaries if not s.disputed]
    assert calm and all(s.farthest is None and s.spread_km == 0 for s in calm)


def test_compare_places_is_one_row_per_exercise_and_place(seeds):
    frame = claims_frame(seeds.claims)
    table = compare_places(frame)
    located = frame[frame["role"] == "exercise"]
    assert len(table) == len(located.drop_duplicates(["exercise", "place_id"]))
    assert table["claims"].sum() == len(located)
    assert set(table["agreement"]) == {CONSISTENT, CONFLICTING}
    row = table[(table["exercise"] == "aras-2025") & (table["place_name"] == "Hadrut")].iloc[0]
    assert (row["label"], row["agreement"], row["outlets"]) == (
        "Hadrut (Azerbaijan)",
        CONFLICTING,
        ("OC Media",),
    )
    assert compare_places(frame.iloc[:0]).empty


def test_top_keeps_the_most_conflicting_exercises(seeds):
    frame = claims_frame(seeds.claims)
    top = summarise_frame(frame, top=2)
    assert len(top) == 2 and top == summarise_frame(frame)[:2]


def test_context_mentions_never_count():
    claims = _claims(
        ("Wire", "The Aras-2025 joint exercise was held in Shusha."),
        ("Wire", "A delegation visited Tabriz."),
    )
    frame = claims_frame(claims)
    assert set(compare_places(frame)["place_name"]) == {"Shusha"}
    assert isinstance(frame, pd.DataFrame)


def _credits_row_by_row(located: pd.DataFrame) -> dict:
    """What each (exercise, place) credits, read row by row: the rule _credits computes."""
    found: dict = {}
    for row in located.itertuples(index=False):
        outlets, credited = found.setdefault((row.exercise, row.place_id), ({}, {}))
        outlets[row.outlet] = None
        cited = row.attributed_to if isinstance(row.attributed_to, str) else ""
        label = (
            f"{cited}, as quoted by {row.outlet}" if cited and cited != row.outlet else row.outlet
        )
        credited[label] = None
    return {key: (tuple(o), tuple(c)) for key, (o, c) in found.items()}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["aras-2025", "unassigned"]),
            st.sampled_from(["gn:1", "gn:2", "gn:3"]),
            st.sampled_from(["APA", "TASS", "IRNA"]),
            st.sampled_from(["", "TASS", "the ministry", "IRNA", None]),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_credits_list_outlets_and_sources_in_first_seen_order(rows):
    located = pd.DataFrame(rows, columns=["exercise", "place_id", "outlet", "attributed_to"])
    for frame in (located, categorise(located.copy())):
        assert _credits(frame) == _credits_row_by_row(located)


def test_relations_are_shared_between_views_without_changing_a_summary(seeds):
    frame = claims_frame(seeds.claims)
    shared = Relations()
    first = summarise_frame(frame, relations=shared)
    assert shared._known  # the pairs judged are kept…
    assert summarise_frame(frame.iloc[::-1], relations=shared) == summarise_frame(frame.iloc[::-1])
    assert first == summarise_frame(frame)  # …and judged as a fresh instance judges them
