"""A colour names one thing: the most frequent values get colours, the rest 'Other'."""

from __future__ import annotations

from geo.colours import OTHER, OTHER_COLOUR, PALETTE, assign_colours


def test_colours_never_repeat_and_overflow_goes_to_other():
    values = [f"Outlet {i:02}" for i in range(20) for _ in range(20 - i)]
    colours = assign_colours(values)
    assert len(set(colours.named.values())) == len(colours.named) == len(PALETTE)
    assert OTHER_COLOUR not in colours.named.values()
    assert colours.others == tuple(f"Outlet {i:02}" for i in range(15, 20))
    assert colours["Outlet 00"] == PALETTE[0]  # the most frequent gets the first colour
    assert colours["Outlet 19"] == OTHER_COLOUR and colours.label("Outlet 19") == OTHER
    assert "5 more" in colours.note


def test_few_values_use_the_first_palette_and_no_note():
    colours = assign_colours(["AVIM", "OC Media", "AVIM", ""])
    assert colours.named == {"AVIM": PALETTE[0], "OC Media": PALETTE[1], "Unknown": PALETTE[2]}
    assert colours.note == ""


def test_colours_are_stable_for_the_same_data():
    values = ["b", "a", "c", "a"]
    assert assign_colours(values) == assign_colours(reversed(values))
