"""The literal scans and tests that stand in for regexes find what the regexes find."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from geo import matching
from geo.gazetteer import load_gazetteer
from geo.matching import find_mentions
from sources.articles import Article
from sources.corpus import Corpus
from sources.extraction import (
    attribution,
    codenames,
    directions,
    filter_nonplaces,
    identify_languages,
    match,
    resolve,
    roles,
    segment,
)
from sources.extraction import text as text_module
from sources.extraction.assign import _LAST_MONTH, _LAST_MONTH_HINTS, _NAVAL, _NAVAL_HINTS
from sources.extraction.borders import _border_scanner
from sources.extraction.cues import (
    EN,
    EN_NOUN_HINTS,
    NAMING_WORDS,
    cues_for,
    hint_text,
    lower,
    lower_body,
    lowercase_cues,
    may_match,
)
from sources.extraction.language import _NON_ENGLISH, _foreign
from sources.extraction.match import _DATELINE, _dateline_matches
from sources.extraction.resolve import _admin_hints
from sources.extraction.text import _CLAUSE_BREAK, clause_bounds

GAZETTEER = load_gazetteer()

# The alternations the scans replaced, as they were.
ADMIN_HINT = re.compile(
    r"provinc|region|oblast|ostan|eyalet|vilay|ili|il\b|mintaqa|viloyat|welaýat|област|"
    r"облыс|облус|вилоят|край|крае|استان|მხარე|მარზ|մարզ|əyalət"
)
BORDER_WORD = re.compile(r"border|sərhəd|sınır|serhet|chegara|границ")

TEXTS = [
    "",
    "il",
    "il ",
    "ilil il_ il1 il- ilı",
    "iliili vilil vilayet, Ardabil il",
    "Ardabil Province and the regions of the north; Ardabil ostanı, Ərdəbil əyaləti",
    "Краснодарский край, Ростовская область, краевой",
    "استان اردبیل، მხარე, მარზ, Սյունիքի մարզ, Кашкадарё вилояти, Jizzax viloyati",
    "the border with Iran; sərhəddə, sınırında, serhetde, chegarada, границы с Польшей",
    "borderborder sınırsınır",
]


@pytest.mark.parametrize("text", TEXTS)
def test_admin_hints_are_where_the_regex_finds_them(text: str) -> None:
    lowered = lower(text)
    assert _admin_hints(lowered) == [m.start() for m in ADMIN_HINT.finditer(lowered)]


@pytest.mark.parametrize("text", TEXTS)
def test_border_words_are_where_the_regex_finds_them(text: str) -> None:
    lowered = lower(text)
    found = [start for _, start, _ in _border_scanner().find_matches_as_indexes(lowered)]
    assert found == [m.start() for m in BORDER_WORD.finditer(lowered)]


@pytest.mark.parametrize(
    "body",
    [
        "",
        "GYUMRI, Armenia (RFE/RL)— drills\nMOSCOW, May 14. /TASS/.\n",
        "  ДУШАНБЕ, 19.05.2019\nBISHKEK. KAZINFORM - text\n\nTEHRAN (IRNA) --",
        "no dateline here\n\n\nBAKU, Nov 25",
    ],
)
def test_datelines_are_tried_at_line_starts_only(body: str) -> None:
    spans = [m.span(1) for m in _dateline_matches(body)]
    assert spans == [m.span(1) for m in _DATELINE.finditer(body)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Drills were held in Ardabil.",
        "Drills were held in Ardabil; Iran said so.",
        "Drills were held in Ardabil, while Baku watched.",
        "Drills were held in Ardabil WHEREAS talks stalled, BUT not in Baku.",
        "Held in Baku, Although late, and (2) in Ganja, where it rained",
        "A whıle after, a drill; whereaſ Baku (3 units)",  # what IGNORECASE reads as i, s
        "Drills in İzmir while Ankara",
        "Drills which were held where Baku, when it rained, who knew; WHILE Ganja, Whereas",
        "Drills in Baku, which were held, whose, when, what, who",
        "Drills in Baku, where, WHERE, Where, BUT, But",
        "Drills in Baku, Where troops were",
        "Drills in Baku, although late",
        "Drills in Baku, BUT late",
        "Drills in Baku WHILE Ganja watched",
        "",
    ],
)
def test_clause_bounds_split_where_the_regex_does(sentence: str) -> None:
    clause_bounds.cache_clear()
    starts = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    ends = [*starts, len(sentence)]
    assert clause_bounds(sentence) == tuple(zip([0, *starts], ends, strict=True))


# A full Latin name in a language that never inflects one is decided in find_mentions'
# loop, without _word_end: it must find what _word_end finds.
LATIN_TEXTS = [
    "Iranian troops left Iran; Iran's drill, Iran’s drill, Iran`s.",
    "Nahçıvan'da, Nahçıvan’dan and Nahçıvan'ın; Baku\u200cی, Baku\u200c.",
    "Drills near Tehran, Baku-Tehran ties, the Tehran Times, TehranX, 2Tehran",
    "Şuşa, Shusha and Khojavend (Martuni)\nAslan Duz",
    "Tehran",
]


@pytest.mark.parametrize("language", ["en", "", "fr", "az", "ru"])
@pytest.mark.parametrize("text", LATIN_TEXTS)
def test_latin_names_are_matched_as_word_end_matches_them(
    text: str, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    gazetteer = load_gazetteer()
    fast = find_mentions(text, gazetteer, language=language)
    automaton = matching._automaton(gazetteer)
    assert automaton is not None and any(automaton.latin)
    slow = replace(automaton, latin=(False,) * len(automaton.latin))
    monkeypatch.setitem(matching._AUTOMATA, gazetteer, slow)
    assert find_mentions(text, gazetteer, language=language) == fast
    assert fast  # the texts name places


def test_latin_names_in_the_bundled_articles_are_matched_as_word_end_matches_them(
    seeds: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    gazetteer = load_gazetteer()
    fast = [find_mentions(a.body, gazetteer, language="en") for a in seeds.articles]
    automaton = matching._automaton(gazetteer)
    assert automaton is not None
    slow = replace(automaton, latin=(False,) * len(automaton.latin))
    monkeypatch.setitem(matching._AUTOMATA, gazetteer, slow)
    assert [find_mentions(a.body, gazetteer, language="en") for a in seeds.articles] == fast


# The alternations the attribution scans replaced, as they were.
SAY_HINT = re.compile(
    "report|wrote|writ|said|says|announced|stated|confirm|claim|quoted|told|noted"
)
ACCORDING_HINT = re.compile("according|citing|reported by|via")
SENTENCES = [
    "",
    "Drills began in Ardabil.",
    "Drills began in Ardabil, state TV reported.",
    "Drills began in Ardabil, the ministry told reporters",
    "Drills began in Ardabil, officials said ...",
    "According to IRNA, drills began; as reported by Tasnim, they ended.",
    "ACCORDING TO IRNA, drills began, Via Tasnim, CITING Mehr",
    "The ministry has confirmed that Iran's army wrote, noted and quoted; Baku says so.",
    "Drills began, REPORTED the agency, Said Tehran, Announced Baku",
    "The drill, reportedly, was unreported; a writer's claim",
    "Учения начались, сообщает ТАСС, по данным Минобороны",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_attribution_hint_scans_find_what_the_regexes_find(sentence: str) -> None:
    found = bool(attribution._SAY_HINT.find_matches_as_indexes(sentence))
    assert found == bool(SAY_HINT.search(sentence))
    lowered = sentence.lower()
    found = bool(attribution._ACCORDING_HINT.find_matches_as_indexes(lowered))
    assert found == bool(ACCORDING_HINT.search(lowered))


def _credits_as_before(sentence: str) -> tuple[object, ...]:
    """attribution._credits for English as it was, searching every pattern in full."""
    says = ()
    if SAY_HINT.search(sentence) and attribution._SAY_VERB.search(sentence):
        says = tuple(
            (m.end(), attribution._clean(m.group("who")))
            for m in attribution._SAYS.finditer(sentence)
        )
    according = None
    if ACCORDING_HINT.search(sentence.lower()):
        according = next(
            (attribution._clean(m.group("who")) for m in attribution._ACCORDING.finditer(sentence)),
            None,
        )
    if according is None and (trailing := attribution._TRAILING_SAYS.search(sentence)):
        according = attribution._clean(trailing.group("who"))
    return says, according


@pytest.mark.parametrize("sentence", SENTENCES)
def test_credits_are_what_full_searches_find(sentence: str) -> None:
    # Every match of _TRAILING_SAYS holds a say hint, so a sentence without one skips it.
    for found in attribution._TRAILING_SAYS.finditer(sentence):
        assert SAY_HINT.search(found.group(0))
    attribution._credits.cache_clear()
    assert attribution._credits(sentence, "en") == _credits_as_before(sentence)


def test_no_ascii_letter_is_foreign() -> None:
    # _foreign answers False for ASCII text without searching it.
    assert _NON_ENGLISH.search("".join(map(chr, range(128)))) is None
    assert not _foreign("Drills near Shusha and Tehran, 2025 (IRNA) -- " * 3)
    assert _foreign("Şuşa Ərdəbil Qarabağ")


# Case-insensitive patterns skipped where the lowered text lacks every hint of them.
HINTED = [
    (EN.exercise_noun, EN_NOUN_HINTS),
    (lowercase_cues(EN).exercise_noun, EN_NOUN_HINTS),
    (_NAVAL, _NAVAL_HINTS),
    (_LAST_MONTH, _LAST_MONTH_HINTS),
    (directions._OFF, directions._OFF_HINTS),
    *directions._BEFORE,
]
HINT_TEXTS = [
    "",
    "Exercises, DRILLS, a Drill, war-games, War Game, WARGAMES, wargame",
    "Manoeuvres, MANEUVERS, maneuvres, Military Training and COMBAT TRAINING",
    "a drıll, an exerciſe, WAR GAMEſ",  # letters IGNORECASE reads as i and s
    "NAVAL units, the Navy, a VESSEL, warships, the Caspian Sea, SEA, seaborne",
    "Xəzər DƏNIZ, Deniz Kuvvetleri, دریایی, Морской, ВОЕННО-МОРСКИХ, ᲂморск",
    "LAST MONTH, last  month, Geçen Ay, GEÇEN AY, кеçən ay, Keçən ay",
    "Drills near Tehran: nothing naval here, nor last week",
    "İran, İSLAM, ŞİMAL",
    "NORTHWESTERN Iran, the north of Ardabil, South-East of Baku, Central Asia, WESTERN parts of",
    "на СЕВЕРО-ЗАПАДЕ России, в юго-восточной части, на Юге, в восточных, на западе",
    "در شمال غرب ایران، جنوب شرق، شمالغرب، در غرب",
    "OFF the coast of Baku, Off Baku, off  the  Caspian",
]


@pytest.mark.parametrize("text", HINT_TEXTS)
@pytest.mark.parametrize(("pattern", "hints"), HINTED)
def test_every_match_holds_a_hint(
    pattern: re.Pattern[str], hints: tuple[str, ...], text: str
) -> None:
    if pattern.search(text) is not None:
        assert may_match(hints, text)
    lowered = hint_text(text)
    for found in pattern.finditer(text):
        assert lowered is None or any(h in lowered[found.start() : found.end()] for h in hints)


def test_lowering_keeps_offsets_and_reads_letters_as_ignorecase_does() -> None:
    # Every code point but surrogates: what IGNORECASE matches to a hint's letter is that
    # letter once lowered, or one of the odd letters hint_text and may_match look for.
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert len(lower(every)) == len(every)
    letters = {c for _, hints in HINTED for hint in hints for c in hint if c.lower() != c.upper()}
    assert letters
    for letter in letters:
        for char in re.findall(re.escape(letter), every, re.IGNORECASE):
            assert lower(char) == letter or hint_text(char) is None, (letter, char)


@pytest.mark.parametrize("text", HINT_TEXTS)
def test_sentence_facts_are_what_full_searches_find(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = f"{text}\n\nIran and Azerbaijan held drills near Aslan Duz. Nothing else.\n{text}."
    resolved = resolve(
        filter_nonplaces(match(identify_languages(segment(Article.fake(body))), GAZETTEER)),
        GAZETTEER,
    )
    hinted = roles._sentence_facts(resolved, body)
    monkeypatch.setattr(roles, "hint_text", lambda text: None)
    assert roles._sentence_facts(resolved, body) == hinted


# Whole-text searches tried only at their words (cues.hinted_matches).
COUNTRY_TEXTS = [
    "",
    "Drills in the country's north; THE COUNTRY’S NORTHWESTERN border regions, Country's south",
    "the \n\t country's   east  border  areas, the  country's central parts, xcountry's west",
    "countrycountry's north, the country 's north, thecountry's south, country's",
    "رزمایش در شمال غرب کشور، جنوب  کشور، شمالغربکشور، شرق\nکشور و غرب کشورها",
    "ülkenin kuzeyinde, ÜLKENİN DOĞUSUNDA sınır bölgesinde, Ülkenin batı sınır bölgeleri",
    "an ülkenın güneyi, ÜLKENIN GÜNEYİ, the countrY'S sоuth, ülkenin batısı",  # a dotless i
    "Iran said the country's north and Azerbaijan said the country's southeast.",
]


@pytest.mark.parametrize("body", COUNTRY_TEXTS)
def test_country_words_are_where_the_regex_finds_them(body: str) -> None:
    def found(matches: list[re.Match[str]]) -> list[tuple[object, ...]]:
        return [(m.span(), m.groupdict()) for m in matches]

    expected = found(list(directions._COUNTRY_WORDS.finditer(body)))
    assert found(directions._country_words(body)) == expected


NAMING_WORDS_LISTED = (
    "dubbed|code-named|codenamed|code named|named|called|titled|entitled|christened|"
    "under the name|under the name of|under the code name|under the codename of|"
    "under the code name of|adı altında|kod adlı|adıyla|adlı|isimli|adlanır|adlandırılan|"
    "под названием|под кодовым названием|с кодовым названием|кодовое название|با نام|"
    "موسوم به|با عنوان|бо номи|атты|аттуу|аталышындагы|деп аталатын|деп аталган|номли|"
    "nomli|atly|անվամբ|կոչվող|სახელწოდებით"
).split("|")


def _naming_words_as_before(body: str) -> list[re.Match[str]]:
    """codenames._naming_words as it was: the pattern over every line with a hint."""
    hits = [s for _, s, _ in codenames._naming_scanner().find_matches_as_indexes(lower(body))]
    found: list[re.Match[str]] = []
    for start, end in codenames._lines_at(body, hits):
        found += NAMING_WORDS.finditer(body, start, end)
    return found


def _naming_texts() -> list[str]:
    texts = []
    for word in NAMING_WORDS_LISTED:
        assert NAMING_WORDS.fullmatch(word), word
        for form in (word, word.upper(), word.title(), word.replace("ı", "i")):
            texts.append(f"The joint drill, {form} Araz-2025, began.\nA {form}{form} {form}.")
            texts.append(f"{form} Kavkaz\n\nx{form} and  {form}, then {word}")
            # A line with another naming word, far from this one.
            texts.append(f"The drill {form} Araz took place over several days, later called X.")
    texts.append("The exercise, ADI ALTINDA, called Poisk; under the code  name X\nnamed")
    # Letters IGNORECASE reads as i, s, о, т: the hints they stand in are tried too.
    texts.append("The drill dubbed Caucasus; the ı of adıyla, ısımlı, ADı ALTıNDA X")
    texts.append("The drill, chriſtened X; ISIMLI Y, titled Z; учения нᲂмли Z, аᲄты W, titlᲂd")
    return texts


@pytest.mark.parametrize("body", _naming_texts())
def test_naming_words_are_where_the_regex_finds_them(body: str) -> None:
    lower_body.cache_clear()
    expected = [m.span() for m in _naming_words_as_before(body)]
    assert [m.span() for m in codenames._naming_words(body)] == expected


def test_hinted_patterns_read_letters_as_their_hints_do() -> None:
    # Every letter IGNORECASE matches to a letter of these hints lowers to that letter, or
    # is one hint_text refuses; a pattern's "ı" also reads "i" and "I", hence the hints
    # "adi" and "adli" beside "adı" and "adlı".
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    hints = (*directions._COUNTRY_HINTS, *codenames._NAMING_MATCH_HINTS)
    letters = {c for hint in hints for c in hint if c.lower() != c.upper()}
    assert "ı" in letters
    for letter in letters:
        for char in re.findall(re.escape(letter), every, re.IGNORECASE):
            lowered = lower(char)
            assert lowered == letter or hint_text(char) is None or letter == "ı", (letter, char)
            assert letter != "ı" or lowered in ("ı", "i"), char


BEFORE_WINDOWS = [
    "Drills were held in northwestern ",
    "held in the NORTH of ",
    "in the northern sectors of the ",
    "southeast of ",
    "Drills took place in central ",
    "drills near the ",
    "in the north-east and ",
    "учения прошли на северо-западе ",
    "учения на юге ",
    "в восточной части ",
    "در شمال غرب ",
    "رزمایش در جنوب",
    "off the coast of ",
    "drills OFF ",
    "held off  the ",
    "held in ıı north ",  # letters IGNORECASE reads otherwise: every pattern searched
    "ᲂff the coast of ",
    "",
]


@pytest.mark.parametrize("before", BEFORE_WINDOWS)
def test_direction_phrases_are_what_full_searches_find(
    before: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    areas = directions._areas()
    assert areas is not None
    places = [GAZETTEER.lookup(name)[0] for name in ("Iran", "Baku", "Ardabil Province")]
    hinted = [directions._before(before, place, areas) for place in places]
    monkeypatch.setattr(directions, "hint_text", lambda text: None)
    assert [directions._before(before, place, areas) for place in places] == hinted


@pytest.mark.parametrize("text", [*HINT_TEXTS, *BEFORE_WINDOWS])
def test_noun_search_is_the_patterns_search(text: str) -> None:
    for cues in (EN, lowercase_cues(EN), cues_for("ru")):
        for case in (text, lower(text)):
            found, expected = roles._noun_search(cues, case), cues.exercise_noun.search(case)
            assert (found and found.span()) == (expected and expected.span())


def test_sentence_ends_are_where_the_repeat_finds_them(seeds: Corpus) -> None:
    before = re.compile(r"[.!?؟。]+[\"'”’»)\]]*(?=\s)")
    texts = [a.body for a in seeds.articles] + [
        "Drills ended. Then?! More... «Quoted.» (Brackets.) ؟ 。x 。 !!!\n.. .\t?",
        "",
        ".",
        "A. B.) C.’” D",
    ]
    for text in texts:
        spans = [m.span() for m in text_module._END.finditer(text)]
        assert spans == [m.span() for m in before.finditer(text)]
    assert any(text_module._END.search(t) for t in texts)


PLANNED_TEXTS = [
    "",
    "they agreed to hold",
    "the ministers agreed last week to conduct joint drills in",
    "plans to stage; decided to launch, a decision to carry out, proposed to organise",
    "intends to organize, discussed whether to hold, agree\u00adments to hold",
    "planned drills to be held in",
    "AGREED TO HOLD",
]


@pytest.mark.parametrize("before", PLANNED_TEXTS)
def test_planned_matches_hold_their_hints(before: str) -> None:
    for text in (before, lower(before)):
        for found in roles._PLANNED.finditer(text):
            assert "to " in found.group(0)
            assert any(hint in found.group(0) for hint in roles._PLANNED_HINTS)
    assert any(roles._PLANNED.search(t) for t in PLANNED_TEXTS)
