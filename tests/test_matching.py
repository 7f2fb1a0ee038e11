"""find_mentions: exact offsets, whole words, inflections and leftmost-longest choice."""

from __future__ import annotations

import pytest

from geo.gazetteer import Gazetteer, load_gazetteer
from geo.matching import Mention, find_mentions
from geo.places import Place


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def _found(text: str, gazetteer: Gazetteer, language: str = "") -> list[tuple[str, str]]:
    mentions = find_mentions(text, gazetteer, language=language)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.candidates[0].id) for m in mentions]


GOOD = [
    # (text, language, expected (surface, first candidate id) pairs)
    ("Drills near Qarabağ began.", "az", [("Qarabağ", "ov:karabakh")]),
    ("Təlimlər Qarabağda keçirilib.", "az", [("Qarabağda", "ov:karabakh")]),
    ("Qarabağdakı təlimlər", "az", [("Qarabağdakı", "ov:karabakh")]),
    ("Azərbaycanın ordusu", "az", [("Azərbaycanın", "gn:587116")]),
    ("Tehranda görüş", "az", [("Tehranda", "gn:112931")]),
    ("İrəvan bəyan etdi", "az", [("İrəvan", "gn:616052")]),
    ("Bakıdan Naxçıvana", "az", [("Bakıdan", "gn:587084"), ("Naxçıvana", "gn:147429")]),
    (
        "Türkiye'nin ve Azerbaycan’ın",
        "",
        [("Türkiye'nin", "gn:298795"), ("Azerbaycan’ın", "gn:587116")],
    ),
    ("Nahçıvan'da tatbikat", "en", [("Nahçıvan'da", "gn:147429")]),
    ("Iran's army", "en", [("Iran", "gn:130758")]),
    ("Карабах", "ru", [("Карабах", "ov:karabakh")]),
    ("в Карабаха и Карабахе", "ru", [("Карабаха", "ov:karabakh"), ("Карабахе", "ov:karabakh")]),
    ("в Тегеране", "ru", [("Тегеране", "gn:112931")]),
    ("учения в Армении", "", [("Армении", "gn:174982")]),
    ("в Нагорном Карабахе", "ru", [("Нагорном Карабахе", "ov:nagorno-karabakh")]),
    ("на Каспийском море", "ru", [("Каспийском море", "ov:caspian-sea")]),
    ("Tehran Times reported", "en", [("Tehran", "gn:112931")]),
    ("Drills in West Azerbaijan", "en", [("West Azerbaijan", "ov:west-azerbaijan-province")]),
    (
        "East Azerbaijan Province",
        "en",
        [("East Azerbaijan Province", "ov:east-azerbaijan-province")],
    ),
    ("Nagorno-Karabakh", "en", [("Nagorno-Karabakh", "ov:nagorno-karabakh")]),
    ("on the Armenia–Iran border", "en", [("Armenia–Iran border", "ov:armenia-iran-border")]),
    (
        "the Aras River and Araz exercise",
        "en",
        [("Aras River", "ov:aras-river"), ("Araz", "ov:aras-river")],
    ),
    ("near Aslan Duz District.", "en", [("Aslan Duz District", "ov:aslan-duz-district")]),
    ("near Aslan Duz.", "en", [("Aslan Duz", "gn:142703")]),
    ("Şuşa şəhəri", "az", [("Şuşa", "gn:147105")]),
    ("İİİ İran'ın İrəvan", "tr", [("İran'ın", "gn:130758"), ("İrəvan", "gn:616052")]),
    ("در ایران", "fa", [("ایران", "gn:130758")]),
    ("ارتش ایرانی", "fa", [("ایرانی", "gn:130758")]),
    ("در قره‌باغ", "fa", [("قره‌باغ", "ov:karabakh")]),
    ("Iran-Azerbaijan", "en", [("Iran", "gn:130758"), ("Azerbaijan", "gn:587116")]),
    ("(Baku)", "en", [("Baku", "gn:587084")]),
]

BAD = [
    ("Iranian forces", "en"),
    ("Armenian side", "en"),
    ("Azerbaijani troops", "en"),
    ("Iranian forces", "tr"),
    ("Azərbaycanlı hərbçilər", "az"),
    ("Qarabağda", "en"),
    ("Tehranda", ""),
    ("Susa and Suşa", "az"),
    ("iran and tehran in lower case", "en"),
    ("Bakuvian", "en"),
    ("SuperIran", "en"),
    ("Карабахцы", "ru"),
    ("", "en"),
]


@pytest.mark.parametrize(("text", "language", "expected"), GOOD)
def test_finds_mentions(gazetteer: Gazetteer, text: str, language: str, expected: list) -> None:
    assert _found(text, gazetteer, language) == expected


@pytest.mark.parametrize(("text", "language"), BAD)
def test_ignores_non_mentions(gazetteer: Gazetteer, text: str, language: str) -> None:
    assert _found(text, gazetteer, language) == []


def test_offsets_are_exact_after_dotted_capital_i(gazetteer: Gazetteer) -> None:
    text = "İİİ İstanbul İzmir İran'ın İrəvanla"
    assert len(text.lower()) > len(text)
    mentions = find_mentions(text, gazetteer, language="tr")
    assert [(m.start, m.end, m.text) for m in mentions] == [
        (19, 26, "İran'ın"),
        (27, 35, "İrəvanla"),
    ]


def test_mention_carries_every_candidate(gazetteer: Gazetteer) -> None:
    (mention,) = find_mentions("troops near Martuni", gazetteer)
    assert mention == Mention(12, 19, "Martuni", gazetteer.lookup("Martuni"))
    assert len(mention.candidates) == 3


def test_longer_alias_wins_over_shorter() -> None:
    def place(place_id: str, *aliases: str) -> Place:
        return Place(
            id=place_id,
            name=aliases[0],
            kind="settlement",
            country="IR",
            lat=35.0,
            lon=51.0,
            radius_km=2,
            provenance="test",
            aliases=aliases,
        )

    small = Gazetteer([place("ov:tehran", "Tehran"), place("ov:times", "Tehran Times")])
    (mention,) = find_mentions("the Tehran Times said", small)
    assert (mention.text, mention.candidates[0].id) == ("Tehran Times", "ov:times")


def test_empty_gazetteer_finds_nothing() -> None:
    assert find_mentions("Tehran", Gazetteer([])) == []


def test_automaton_is_built_once_per_gazetteer(gazetteer: Gazetteer) -> None:
    from geo import matching

    find_mentions("Baku", gazetteer)
    first = matching._AUTOMATA[gazetteer]
    find_mentions("Baku", gazetteer)
    assert matching._AUTOMATA[gazetteer] is first
