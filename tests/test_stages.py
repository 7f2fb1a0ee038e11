"""The extraction stages one by one: tables of short news-style sentences, several outlets'
styles and languages per rule, written for these tests (no corpus text)."""

from __future__ import annotations

import pytest

from sources.articles import Article
from sources.extraction import extract_claims
from sources.extraction.codenames import find_names, slug
from sources.extraction.language import identify_languages
from sources.extraction.segment import segment


def _claims(text: str, language: str = "en", **kw):
    return extract_claims(Article.fake(text, language=language, **kw))


def _roles(text: str, language: str = "en") -> dict[str, str]:
    return {c.mention: c.role for c in _claims(text, language)}


# --- stage 1: furniture by its shape --------------------------------------------------


def test_a_run_of_short_unpunctuated_lines_is_a_menu():
    body = "Home\nWorld\nPolitics\nSport\n\nTroops held drills in Ganja on Monday.\n"
    segments = segment(Article.fake(body))
    assert [b.furniture for b in segments.blocks] == [True, True, True, True, False]


def test_a_headline_alone_is_not_furniture():
    body = "Drills in Ganja\n\nTroops held drills in Ganja on Monday, officials said.\n"
    assert not any(b.furniture for b in segment(Article.fake(body)).blocks)


def test_teasers_and_repeated_headlines_are_furniture():
    body = (
        "Ministers Meet in Baku Ahead of Summit Season\n"
        "The foreign ministers of the two countries met on Friday to discuss...\n"
        "Drills in Ganja\n"
        "Troops held drills in Ganja on Monday, officials said.\n"
        "NewsWorldDrills in Ganja\n"
    )
    marks = [b.furniture for b in segment(Article.fake(body)).blocks]
    assert marks == [True, True, False, False, True]


def test_a_byline_is_furniture():
    body = "By Ana Petrosyan\nTroops held drills in Ganja on Monday.\n"
    assert [b.furniture for b in segment(Article.fake(body)).blocks] == [True, False]


# --- stage 2: a language per line -----------------------------------------------------

_COOKIE = (
    "Sitemizde reklam ve pazarlama faaliyetleri için çerezler kullanılmaktadır.\n"
    "Bu çerezler, kullanıcıların tarayıcı ve cihazlarını tanımlayarak çalışır.\n"
    "Çerezlere izin vermeniz halinde size özel reklamlar sunabiliriz.\n"
)


def test_a_trailing_notice_in_another_language_neither_tips_nor_joins_the_article():
    body = (
        "Iran and Azerbaijan began a joint military exercise in the border district on Sunday.\n"
        "Special forces of both armies are taking part in the four-day drill, officials said.\n"
        "The two neighbours have mended ties since an embassy reopened last summer.\n"
        "Analysts described the exercise as a sign of improving relations in the region.\n"
        + _COOKIE
    )
    languages = identify_languages(segment(Article.fake(body, language="")))
    assert languages.main == "en"
    assert languages.blocks[:4] == ("en",) * 4
    assert languages.blocks[4:] == ("tr", "tr", "tr")
    assert all(b.furniture for b in languages.segments.blocks[4:])


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("Учения прошли на полигоне в Астраханской области, сообщили в ведомстве.", "ru"),
        ("Birgə təlim Şəmkir rayonunda davam edir, Müdafiə Nazirliyi bildirib.", "az"),
        ("رزمایش مشترک در استان اردبیل با حضور یگان‌های ویژه برگزار شد.", "fa"),
        ("Զորավարժությունը կանցկացվի հոկտեմբերին, հայտնել են նախարարությունից։", "hy"),
    ],
)
def test_a_line_in_another_language_keeps_its_own(line, language):
    body = "Troops held a large exercise on Monday, the defence ministry said.\n" + line
    languages = identify_languages(segment(Article.fake(body, language="en")))
    assert languages.blocks[-1] == language


# --- stage 3: exercise names found in the text ----------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The drill, dubbed Steppe Eagle-2024, began on Monday.", "Steppe Eagle-2024"),
        ('The "Caucasus Shield" joint exercise ended.', "Caucasus Shield"),
        ("Учения «Кавказ-2016» завершились.", "Кавказ-2016"),
        ("Tatbikat “Kış Kartalı” adı altında yapıldı.", "Kış Kartalı"),
        ("Troops completed the Steppe Wolf-2023 drills near the border.", "Steppe Wolf-2023"),
        ("Two naval exercises, Gulf Tide-7 and Blue Wave-3, ended.", "Gulf Tide-7"),
    ],
)
def test_code_names_are_discovered(text, name):
    found = {n.name: n for n in find_names(Article.fake(text), text)}
    assert name in found and found[name].discovered
    assert found[name].id == slug(name)


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers fought an imaginary enemy dubbed “Ottomania” in May.",
        "F-16 jets and Su-35 fighters flew over the range during the drills.",
        "The “Anadolu” agency reported that the ministers met.",
        "The exercise began in May 2025 near the border.",
    ],
)
def test_words_that_only_look_like_code_names(text):
    assert [n.name for n in find_names(Article.fake(text), text) if n.discovered] == []


def test_a_discovered_exercise_gets_its_id_and_name():
    claims = _claims("The drill, dubbed Steppe Eagle-2024, began in Almaty on Monday.")
    almaty = next(c for c in claims if c.mention == "Almaty")
    assert (almaty.role, almaty.exercise, almaty.exercise_name) == (
        "exercise",
        "steppe-eagle-2024",
        "Steppe Eagle-2024",
    )


# --- stage 5: containers, directional areas, sites ------------------------------------


@pytest.mark.parametrize(
    ("text", "site", "containers"),
    [
        ("The drill took place in Baku, Azerbaijan.", "Baku", {"Azerbaijan"}),
        ("Drills were held in Azerbaijan's capital Baku on Friday.", "Baku", {"Azerbaijan"}),
        (
            "The exercise is under way in the Khojavend district of Azerbaijan.",
            "Khojavend",
            {"Azerbaijan"},
        ),
        (
            "The joint exercise was hosted in Lankaran, a town in Azerbaijan.",
            "Lankaran",
            {"Azerbaijan"},
        ),
        (
            "Troops held drills in Aslan Duz District near the Azerbaijan border.",
            "Aslan Duz District",
            {"Azerbaijan border"},
        ),
        (
            "İran’ın Erdebil eyaletine bağlı Aslandüz ilçesinde tatbikat başladı.",
            "Aslandüz",
            {"İran’ın", "Erdebil eyaletine"},
        ),
    ],
)
def test_only_the_most_specific_place_is_the_site(text, site, containers):
    language = "tr" if "tatbikat" in text else "en"
    claims = {c.mention: c for c in _claims(text, language)}
    site = next(mention for mention in claims if mention.startswith(site))
    assert claims[site].role == "exercise"
    for name in containers:
        assert claims[name].role == "context", name
    if language == "en":
        assert claims[site].hierarchy


def test_coordinated_sites_stay_sites():
    assert set(_roles("The drills took place in Khojavend and Shusha.").values()) == {"exercise"}
    roles = _roles("The exercise took place in Ganja, Shusha and Lachin, officials said.")
    assert set(roles.values()) == {"exercise"}


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("The naval exercise was held in northwestern Iran.", "en", "Northwestern Iran"),
        ("Kazakhstan held drills in the north of Kazakhstan.", "en", "Northern Kazakhstan"),
        ("Russia staged war games in the country's south.", "en", "Southern Russia"),
        ("Artillery drills were held east of Yerevan.", "en", "East of Yerevan"),
        ("رزمایش در شمالغرب ایران برگزار شد.", "fa", "Northwestern Iran"),
        ("Учения прошли на юге России.", "ru", "Southern Russia"),
    ],
)
def test_directional_areas_are_that_part_of_the_place(text, language, name):
    claim = next(c for c in _claims(text, language) if c.place.name == name)
    assert claim.role == "exercise"
    assert claim.place.kind == "region" and claim.place.is_area
    assert claim.place.provenance


def test_a_direction_before_a_province_leaves_the_province():
    text = "Iran launched a drill in northwestern Ardabil province."
    claim = next(c for c in _claims(text) if "Ardabil" in c.mention)
    assert claim.place.kind == "province" and claim.role == "exercise"


def test_a_country_alone_is_an_area():
    claim = next(c for c in _claims("The exercises took place in Kyrgyzstan."))
    assert claim.place.kind == "country" and claim.place.is_area and claim.role == "exercise"


@pytest.mark.parametrize(
    ("text", "language", "kind", "marked"),
    [
        # Named after a known settlement: placed there, 15 km wide.
        ("Учения прошли на полигоне Ахтубинск.", "ru", "site", "named after the settlement"),
        (
            "Troops fired at the Gyumri training ground during the exercise.",
            "en",
            "site",
            "named after the settlement",
        ),
        # An unknown name: placed at the town that holds it.
        (
            "The drills opened in the town of Balykchy at the Mountain Falcon training area.",
            "en",
            "site",
            "placed at Balykchy",
        ),
        (
            "Kars'taki Şehit Piyade Er Kemalettin Atış ve Tatbikat Alanı'nda tatbikat yapıldı.",
            "tr",
            "site",
            "placed at Kars",
        ),
    ],
)
def test_ranges_become_sites(text, language, kind, marked):
    claim = next(c for c in _claims(text, language) if c.place.kind == kind)
    assert claim.role == "exercise"
    assert marked in claim.place.provenance
    assert claim.place.radius_km >= 10


# --- stage 6: how news language places a drill, across languages ---------------------


@pytest.mark.parametrize(
    ("text", "language", "mention"),
    [
        ("Troops began drills in Ganja on Monday.", "en", "Ganja"),
        ("The manoeuvres were staged at Gyumri.", "en", "Gyumri"),
        ("The drills were conducted on the territory of Armenia.", "en", "Armenia"),
        ("The annual exercise runs until Friday in Kiel.", "en", "Kiel"),
        ("Учения проходят в районе Махачкалы.", "ru", "Махачкалы"),
        ("Учения пройдут на территории Армении.", "ru", "Армении"),
        ("Təlim Gəncədə keçirilir.", "az", "Gəncədə"),
        ("Təlimlər Naxçıvanda davam edir.", "az", "Naxçıvanda"),
        ("Birgə təlim Şəmkirdə başlayıb.", "az", "Şəmkirdə"),
        ("Tatbikat Kars'ta başladı.", "tr", "Kars'ta"),
        ("Tatbikat Kanada'da yapıldı.", "tr", "Kanada'da"),
        ("رزمایش در تبریز برگزار شد.", "fa", "تبریز"),
        ("Оқу-жаттығу Алматыда өтті.", "kk", "Алматыда"),
        ("Машыгуулар Бишкекте өттү.", "ky", "Бишкекте"),
        ("Ўқувлар Термизда ўтказилди.", "uz", "Термизда"),
        ("Harby maşklar Türkmenbaşyda geçirildi.", "tk", "Türkmenbaşyda"),
        ("Машқҳо дар Душанбе баргузор шуданд.", "tg", "Душанбе"),
        ("Զորավարժությունը անցկացվեց Գյումրիում։", "hy", "Գյումրիում"),
        ("სწავლება თბილისში ჩატარდა.", "ka", "თბილისში"),
        ("Naxçıvandakı təlimlər başa çatıb.", "az", "Naxçıvandakı"),
    ],
)
def test_drill_sites(text, language, mention):
    assert _roles(text, language)[mention] == "exercise"


@pytest.mark.parametrize(
    ("text", "language", "mention"),
    [
        ("An information meeting was held in Senaki during the exercise.", "en", "Senaki"),
        ("The base headquartered in Gyumri joined the drills.", "en", "Gyumri"),
        ("Naxçıvandakı qoşunların təlimləri başa çatıb.", "az", "Naxçıvandakı"),
        ("წვრთნებში მონაწილეობის მისაღებად თბილისში ინსტრუქტორები ჩამოვიდნენ.", "ka", "თბილისში"),
        ("Дар Душанбе низомиёни Тоҷикистон машқҳо гузарониданд.", "tg", "Тоҷикистон"),
        ("Дар Душанбе низомиёни Тоҷикистону Қазоқистон машқ гузарониданд.", "tg", "Қазоқистон"),
        ("Gemiler (Kanada) ile dün Ege'de tatbikat yaptı.", "tr", "Kanada"),
    ],
)
def test_context_places(text, language, mention):
    assert _roles(text, language)[mention] == "context"


def test_a_dateline_in_capitals_is_a_place():
    claims = _claims("YEREVAN, May 14. Troops held drills near the border, the ministry said.")
    assert [(c.mention, c.place.name, c.role) for c in claims][:1] == [
        ("YEREVAN", "Yerevan", "context")
    ]


def test_a_place_adjective_before_a_unit_names_the_unit():
    text = "Корабли Каспийской флотилии провели учения в порту Махачкалы."
    assert "Каспийской" not in _roles(text, "ru")


@pytest.mark.parametrize(
    ("text", "language", "mention"),
    [
        ("Harby maşklar, Hazar deňizi", "tk", "Hazar deňizi"),
        ("The annual exercise runs from 9 to 21 June in Kiel.", "en", "Kiel"),
    ],
)
def test_captions_and_date_spans_keep_the_site(text, language, mention):
    roles = _roles(text, language)
    assert roles.get(mention, roles.get(mention.split()[0])) == "exercise"
