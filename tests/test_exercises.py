"""The exercise registry is data: the bundled YAML, and an override beside the articles."""

from __future__ import annotations

import pytest

from sources.exercises import (
    BUNDLED,
    EXERCISES,
    RegistryError,
    exercise_by_id,
    exercise_name,
    find_exercise_names,
    load_registry,
    merge,
)


def test_the_bundled_registry_loads_and_is_what_others_import():
    assert load_registry(BUNDLED) == EXERCISES
    assert exercise_by_id()["aras-2025"].name == "Aras-2025"
    assert find_exercise_names("the Araz-2025 drill") == [(4, 13, "aras-2025")]


def test_an_override_adds_and_replaces_entries(tmp_path):
    path = tmp_path / "exercises.yaml"
    path.write_text(
        "exercises:\n"
        "- {id: aras-2025, name: Aras 2025 (corrected), start: 2025-05-18, end: 2025-05-22,"
        " participants: [Iran, Azerbaijan]}\n"
        "- {id: steppe-eagle-2024, name: Steppe Eagle 2024, start: 2024-06-01,"
        " end: 2024-06-10, participants: [Kazakhstan], kind: land}\n",
        encoding="utf-8",
    )
    merged = {e.id: e for e in merge(EXERCISES, load_registry(path))}
    assert merged["aras-2025"].name == "Aras 2025 (corrected)"
    assert merged["steppe-eagle-2024"].participants == ("Kazakhstan",)
    assert len(merged) == len(EXERCISES) + 1


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ("{name: X, start: 2024-01-01, end: 2024-01-02, participants: [A]}", "id"),
        ("{id: Bad Id, name: X, start: 2024-01-01, end: 2024-01-02, participants: [A]}", "id"),
        ("{id: x-1, name: X, start: 2024-13-01, end: 2024-01-02, participants: [A]}", "start"),
        ("{id: x-1, name: X, start: 2024-01-05, end: 2024-01-02, participants: [A]}", "end"),
        (
            "{id: x-1, name: X, start: 2024-01-01, end: 2024-01-02, participants: []}",
            "participants",
        ),
        (
            "{id: x-1, name: X, start: 2024-01-01, end: 2024-01-02, participants: [A], kind: sea}",
            "kind",
        ),
        (
            "{id: x-1, name: X, start: 2024-01-01, end: 2024-01-02, participants: [A], where: Y}",
            "where",
        ),
    ],
)
def test_a_bad_entry_names_the_file_entry_and_field(tmp_path, entry, field):
    path = tmp_path / "exercises.yaml"
    path.write_text(f"exercises:\n- {entry}\n", encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(path)
    assert caught.value.field == field
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("text", ["not: [a list", "exercises: 3", "- just a list"])
def test_a_broken_file_is_a_registry_error(tmp_path, text):
    path = tmp_path / "exercises.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError):
        load_registry(path)


def test_exercise_names_for_registry_and_discovered_ids():
    assert exercise_name("aras-2025") == "Aras-2025"
    assert exercise_name("poisk-2017", "Poisk-2017") == "Poisk-2017"
    assert exercise_name("poisk-2017") == "poisk-2017"
    assert exercise_name(None) == "Unassigned"
