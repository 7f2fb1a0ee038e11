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


def _place(place_id: str, *aliases: str) -> Place:
    return Place(
        id=place_id,
        name=aliases[0],
        kind="settlement",
        country="GE",
        lat=42.0,
        lon=45.0,
        radius_km=2,
        provenance="test",
        aliases=aliases,
    )


@pytest.fixture(scope="module")
def regional() -> Gazetteer:
    """Names in the region's other scripts and languages, one place each."""
    return Gazetteer(
        [
            _place("ov:vaziani", "ვაზიანი", "Вазиани"),
            _place("ov:georgia", "საქართველო"),
            _place("ov:russia", "რუსეთი", "Ресей", "Russiýa", "Rossiya"),
            _place("ov:ruse", "რუსე"),
            _place("ov:ankara", "ანკარა"),
            _place("ov:yerevan", "Երևան"),
            _place("ov:gyumri", "Գյումրի"),
            _place("ov:turkey", "Թուրքիա"),
            _place("ov:kazakhstan", "Қазақстан"),
            _place("ov:zhambyl", "Жамбыл облысы"),
            _place("ov:kyrgyzstan", "Кыргызстан"),
            _place("ov:tajikistan", "Тоҷикистон"),
            _place("ov:uzbekistan", "O‘zbekiston", "Ўзбекистон"),
            _place("ov:termez", "Termiz"),
            _place("ov:turkmenistan", "Türkmenistan"),
            _place("ov:orel", "Орёл"),
            _place("ov:range", "Kars tatbikat alanı"),
        ]
    )


REGIONAL_GOOD = [
    # Georgian, whatever the article language: the script has one language.
    ("ვაზიანში", "", "ov:vaziani"),
    ("ვაზიანის პოლიგონზე", "ka", "ov:vaziani"),
    ("ვაზიანზე", "ka", "ov:vaziani"),
    ("ვაზიანით", "ka", "ov:vaziani"),
    ("ვაზიანად", "ka", "ov:vaziani"),
    ("ვაზიანმა", "ka", "ov:vaziani"),
    ("ვაზიანს", "ka", "ov:vaziani"),
    ("ვაზიანზედ", "ka", "ov:vaziani"),
    ("საქართველოში", "ka", "ov:georgia"),
    ("საქართველოს", "ka", "ov:georgia"),
    ("რუსეთის", "ka", "ov:russia"),
    ("ანკარის", "ka", "ov:ankara"),
    # Armenian, with either spelling of "ev"
    ("Երևանում", "hy", "ov:yerevan"),
    ("Երեւանի", "", "ov:yerevan"),
    ("Երևանից", "hy", "ov:yerevan"),
    ("Երևանով", "hy", "ov:yerevan"),
    ("Երևանը", "hy", "ov:yerevan"),
    ("Երևանն", "hy", "ov:yerevan"),
    ("Թուրքիայում", "hy", "ov:turkey"),
    ("Գյումրու", "hy", "ov:gyumri"),
    ("Գյումրիում", "hy", "ov:gyumri"),
    # Kazakh, Kyrgyz, Tajik, Uzbek Cyrillic
    ("Қазақстанда", "kk", "ov:kazakhstan"),
    ("Қазақстанның", "kk", "ov:kazakhstan"),
    ("Қазақстандағы", "kk", "ov:kazakhstan"),
    ("Қазақстанға", "kk", "ov:kazakhstan"),
    ("Жамбыл облысының", "kk", "ov:zhambyl"),
    ("Жамбыл облысында", "kk", "ov:zhambyl"),
    ("Ресейге", "kk", "ov:russia"),
    ("Кыргызстанда", "ky", "ov:kyrgyzstan"),
    ("Кыргызстандын", "ky", "ov:kyrgyzstan"),
    ("Тоҷикистони", "tg", "ov:tajikistan"),
    ("Тоҷикистонро", "tg", "ov:tajikistan"),
    ("Ўзбекистонда", "uz", "ov:uzbekistan"),
    # Uzbek and Turkmen Latin, with any of the oʻ marks
    ("O‘zbekistonda", "uz", "ov:uzbekistan"),
    ("Oʻzbekistonning", "uz", "ov:uzbekistan"),
    ("O'zbekistonga", "uz", "ov:uzbekistan"),
    ("Termizdagi", "uz", "ov:termez"),
    ("Rossiyani", "uz", "ov:russia"),
    ("Türkmenistanda", "tk", "ov:turkmenistan"),
    ("Türkmenistanyň", "tk", "ov:turkmenistan"),
    ("Russiýanyň", "tk", "ov:russia"),
    ("Russiýada", "tk", "ov:russia"),
    ("Türkmenistandä", "tk", "ov:turkmenistan"),
    # Turkish: the pronominal n after a possessive
    ("Kars tatbikat alanında", "tr", "ov:range"),
    ("Kars tatbikat alanındaki", "tr", "ov:range"),
    # Russian writes ё or е
    ("город Орел", "ru", "ov:orel"),
    ("город Орёл", "ru", "ov:orel"),
]

REGIONAL_BAD = [
    # English and unmarked Latin never inflect
    ("Termizda", "en"),
    ("Türkmenistanda", ""),
    ("Rossiyada", "en"),
    # Kazakh endings only in Kazakh articles
    ("Қазақстанда", "ru"),
    # whole words only, and no people or adjectives
    ("Қазақстандық", "kk"),
    ("Türkmenistanly", "tk"),
    ("O‘zbekistonlik", "uz"),
    ("Тоҷикистонӣ", "tg"),
    ("Երևանցի", "hy"),
    ("ვაზიანელი", "ka"),
    ("საქართველოელი", "ka"),
    ("აზერბაიჯანივაზიანი", "ka"),
    ("Ресейлік", "kk"),
]


@pytest.mark.parametrize(("text", "language", "place_id"), REGIONAL_GOOD)
def test_regional_inflections(regional: Gazetteer, text: str, language: str, place_id: str) -> None:
    (mention,) = find_mentions(text, regional, language=language)
    assert text[mention.start : mention.end] == mention.text
    assert mention.candidates[0].id == place_id
    assert mention.end == len(text) or not text[mention.end].isalnum()


@pytest.mark.parametrize(("text", "language"), REGIONAL_BAD)
def test_regional_non_mentions(regional: Gazetteer, text: str, language: str) -> None:
    assert find_mentions(text, regional, language=language) == []
