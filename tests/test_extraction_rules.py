"""Rules added for unseen outlets and languages, each a table of short sentences written
for these tests in the style of several outlets (no corpus text)."""

from __future__ import annotations

import pytest

from sources.articles import Article
from sources.extraction import extract_claims


def _claims(text: str, language: str = "en"):
    return extract_claims(Article.fake(text, language=language))


def _by_mention(text: str, language: str = "en"):
    return {c.mention: c for c in _claims(text, language)}


@pytest.mark.parametrize(
    ("text", "language", "mention", "place"),
    [
        ("Donanma Karadeniz'de tatbikat düzenledi.", "tr", "Karadeniz'de", "Black Sea"),
        ("Hərbi Dəniz Qüvvələri Qara dənizdə təlim keçirib.", "az", "Qara dənizdə", "Black Sea"),
        ("Учения прошли в Чёрном море.", "ru", "Чёрном море", "Black Sea"),
        ("NATO ships held exercises in the Baltic Sea.", "en", "Baltic Sea", "Baltic Sea"),
        ("A naval drill was held in the Arabian Gulf.", "en", "Arabian Gulf", "Persian Gulf"),
        ("Harby maşklar Hazar deňzinde geçirildi.", "tk", "Hazar deňzinde", "Caspian Sea"),
        ("Учения прошли в Брестской области.", "ru", "Брестской области", "Brest Region"),
        ("Маневры начались в Жамбылской области.", "ru", "Жамбылской области", "Zhambyl Region"),
        ("رزمایش در آذربایجانغربی برگزار شد.", "fa", "آذربایجانغربی", "West Azerbaijan Province"),
    ],
)
def test_seas_provinces_and_compounds_in_the_regions_languages(text, language, mention, place):
    claim = _by_mention(text, language)[mention]
    assert claim.place.name == place
    assert claim.role == "exercise"


@pytest.mark.parametrize(
    ("text", "language", "mention", "country"),
    [
        ("Türkmenistanyň goşunlary taýýarlyk görkezdi.", "tk", "Türkmenistanyň", "TM"),
        ("Минобороны России сообщило о проверке.", "ru", "России", "RU"),
        ("აშშ-ის საზღვაო ქვეითები ჩამოვიდნენ.", "ka", "აშშ", "US"),
        ("ҚР Қорғаныс министрі полигонға барды.", "kk", "ҚР", "KZ"),
        ("Iran Warns Of Encroachments On Border With Armenia", "en", "Border With Armenia", ""),
    ],
)
def test_genitives_abbreviations_and_headline_borders_are_found(text, language, mention, country):
    claim = _by_mention(text, language)[mention]
    assert claim.place.country == country or claim.place.kind == "border"


@pytest.mark.parametrize(
    ("text", "language", "absent"),
    [
        ("“Anadolu” agentliyinin məlumatına görə, təlim başlayıb.", "az", "Anadolu"),
        ("Anadolu Ajansı'na göre tatbikat sürüyor.", "tr", "Anadolu"),
        ("NATO Daimi Deniz Görev Grubu ile tatbikat yapıldı.", "tr", "Daimi"),
    ],
)
def test_names_inside_agencies_and_organisations_are_not_places(text, language, absent):
    assert not any(m.startswith(absent) for m in _by_mention(text, language))


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        (
            "The drills are held for the third time in Central Asia and for the first "
            "time in the territory of Tajikistan.",
            "Tajikistan",
        ),
        ("Drills will be held in Armenia and in Georgia next month.", "Georgia"),
    ],
)
def test_a_locative_coordinated_with_an_earlier_one_hangs_from_the_same_verb(text, mention):
    assert _by_mention(text)[mention].role == "exercise"


def test_a_countrys_possessive_before_a_place_in_it_is_its_container():
    claims = _by_mention("NATO began its naval exercise in Poland's Baltic Sea port of Gdynia.")
    assert claims["Gdynia"].role == "exercise"
    assert claims["Poland"].role == "context"
    assert claims["Baltic Sea"].role == "context"


def test_a_hard_wrapped_line_goes_on_into_a_quoted_name():
    text = "Açıklamada, Erzurum’un Horasan ilçesinde\n“Kış” tatbikatı yapıldığı bildirildi."
    claims = _by_mention(text, "tr")
    assert claims["Horasan"].role == "exercise"
    assert claims["Erzurum’un"].role == "context"


def _drills(text: str, published: str | None, language: str = "en") -> set[str | None]:
    import datetime as dt

    day = dt.date.fromisoformat(published) if published else None
    article = Article.fake(text, language=language, published=day)
    return {c.exercise for c in extract_claims(article) if c.role == "exercise"}


def test_unnamed_drills_group_by_participants_and_month():
    wire = "Georgian and U.S. troops held a joint exercise at the Vaziani base on Monday."
    local = "Georgia and the United States launched drills near Tbilisi, officials said."
    later = "Georgia and the US held drills at the Vaziani base again."
    turkish = "Türkiye held a winter exercise in Kars on Tuesday."
    first = _drills(wire, "2023-03-06")
    assert first == _drills(local, "2023-03-09")
    assert first == {"unnamed-ge-us-2023-03"}
    assert _drills(later, "2023-05-02") == {"unnamed-ge-us-2023-05"}
    assert _drills(turkish, "2023-03-07") == {"unnamed-tr-2023-03"}


def test_a_drill_without_a_date_or_with_a_name_is_not_grouped_by_month():
    assert _drills("Georgian troops held an exercise at the Vaziani base.", None) == {None}
    named = _drills("Troops began the Agile Spirit-2023 exercise at Vaziani.", "2023-07-25")
    assert named == {"agile-spirit-2023"}


def test_an_unnamed_drill_is_named_for_its_participants_and_month():
    import datetime as dt

    article = Article.fake(
        "Azerbaijan and Iran held a joint drill near Astara.",
        published=dt.date(2022, 1, 20),
    )
    claim = next(c for c in extract_claims(article) if c.role == "exercise")
    assert claim.exercise_name == "Drill of Azerbaijan, Iran, January 2022"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Учения прошли на полигоне «Баграмян».", "ru"),
        ("Armenian units drilled at the Baghramyan range this week, the ministry said.", "en"),
    ],
)
def test_a_range_named_like_a_known_site_is_that_site(text, language):
    sites = [c for c in _claims(text, language) if c.place.kind == "site"]
    assert [c.place.id for c in sites] == ["ov:site-baghramyan"]


@pytest.mark.parametrize(
    ("text", "language", "mention"),
    [
        ("Gəncədə hərbçilər hazırlıq göstərib\n\nQarnizonun təlimləri keçirilib.", "az", "Gəncədə"),
        ("Kars'ta komandolar zirvede\n\nKış tatbikatı bugün sona erdi.", "tr", "Kars'ta"),
    ],
)
def test_a_headline_places_the_drill_its_lead_reports(text, language, mention):
    assert _by_mention(text, language)[mention].role == "exercise"


def test_a_headline_over_a_lead_without_a_drill_stays_context():
    text = "Gəncədə hərbçilər hazırlıq nümayiş etdirib\n\nNazir şəhərə səfər edib."
    assert _by_mention(text, "az")["Gəncədə"].role == "context"


def test_a_place_holding_an_area_in_the_locative_locates_the_drill():
    text = "Tatbikat, Van’daki dağlık bölgede üç gün sürecek şekilde yapılacak."
    assert _by_mention(text, "tr")["Van’daki"].role == "exercise"


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        (
            "Tatbikat, Van’ın Başkale ilçesi Yeniköprü, Kaşgöl ve Ovacık bölgelerinde yapıldı.",
            "tr",
            ("Yeniköprü", "Kaşgöl", "Ovacık"),
        ),
        (
            "Təlimlər Lənkəran rayonu Şağlaser və Girdəni kəndlərində keçirilib.",
            "az",
            ("Şağlaser", "Girdəni"),
        ),
    ],
)
def test_places_listed_after_their_district_are_placed_in_it(text, language, names):
    claims = _by_mention(text, language)
    district = next(c for c in claims.values() if c.role == "context" and c.place.population)
    for name in names:
        claim = next(c for m, c in claims.items() if m.startswith(name))
        assert claim.role == "exercise", name
        assert (claim.place.lat, claim.place.lon) == (district.place.lat, district.place.lon)
        assert "lacks" in claim.place.provenance


@pytest.mark.parametrize(
    "text",
    [
        "The drills were held in the northern sectors of Ardabil province.",
        "Similar exercises were held in the Aslan Duz region of Ardabil last year.",
    ],
)
def test_a_town_name_beside_a_province_word_is_the_province(text):
    ardabil = next(c for m, c in _by_mention(text).items() if "Ardabil" in m)
    assert ardabil.place.kind in ("province", "region")


def test_a_direction_is_shared_by_places_coordinated_before_a_plural_head():
    text = "War games began in the western parts of Kermanshah and Ilam provinces."
    claims = _by_mention(text)
    assert [c.place.name.split()[0] for c in claims.values()] == ["Western", "Western"]


def test_a_date_after_a_town_and_its_country_is_not_a_list():
    claims = _by_mention("The exercise opened in Ganja, Azerbaijan, on May 3.")
    assert claims["Ganja"].role == "exercise"
    assert claims["Azerbaijan"].role == "context"


@pytest.mark.parametrize(
    ("text", "language", "mention", "name"),
    [
        (
            "There is no threat to the border areas between Georgia and Russia, he said.",
            "en",
            "border areas between Georgia and Russia",
            "Georgia–Russia border",
        ),
        ("В Дагестане прошли сборы резервистов.", "ru", "Дагестане", "Dagestan Republic"),
        ("Azatlyk Radiosy Türkmenistanyň goşunlary barada ýazýar.", "tk", "Türkmenistanyň", ""),
        ("دشمن اصلی آمریکا است.", "fa", "آمریکا", "United States"),
        ("دشمن جمهوری اسلامی شناخته شده است.", "fa", "جمهوری اسلامی", "Iran"),
        ("Ships sailed from Jubail on Sunday.", "en", "Jubail", "Al Jubayl"),
    ],
)
def test_more_names_the_region_writes(text, language, mention, name):
    claim = _by_mention(text, language)[mention]
    assert not name or claim.place.name == name


def test_a_comma_going_on_to_a_sites_container_is_no_list():
    text = "The drills took place at King Abdulaziz Naval Base, near Jubail, Saudi Arabia."
    claims = _by_mention(text)
    assert claims["King Abdulaziz Naval Base"].role == "exercise"
    assert claims["Jubail"].role == "context"


def test_a_photos_file_name_is_furniture_and_the_drill_before_it_still_counts():
    text = (
        "Учения прошли в Гродненской области.\n\n"
        "танк на марше.jpg\n\n"
        "На полигоне Гожский прошел этап с боевой стрельбой."
    )
    claims = _by_mention(text, "ru")
    assert claims["полигоне Гожский"].place.id == "ov:site-gozhsky"
    assert claims["полигоне Гожский"].role == "exercise"


def test_a_range_named_like_a_town_outside_the_province_holding_it_is_placed_in_the_province():
    claims = _by_mention("The drills took place at the Koktal training ground in Almaty Region.")
    site = next(c for c in claims.values() if c.place.kind == "site")
    region = claims["Almaty Region"]
    assert (site.place.lat, site.place.lon) == (region.place.lat, region.place.lon)
    assert site.role == "exercise" and region.role == "context"


@pytest.mark.parametrize(
    ("text", "language", "site", "gloss"),
    [
        ("Təlimlər Xankəndidə (Stepanakert) keçirilib.", "az", "Xankəndidə", "Stepanakert"),
        ("Tatbikat Nahçıvan'da (Naxçıvan) yapıldı.", "tr", "Nahçıvan'da", "Naxçıvan"),
        ("სწავლება ვაზიანში (Vaziani) ჩატარდა.", "ka", "ვაზიანში", "Vaziani"),
    ],
)
def test_a_name_in_brackets_after_a_drill_site_is_the_same_site(text, language, site, gloss):
    claims = _by_mention(text, language)
    assert claims[site].role == "exercise"
    assert claims[gloss].role == "exercise"
    assert claims[gloss].place.id == claims[site].place.id


def test_a_bracketed_acronym_glosses_the_georgian_training_centre():
    text = (
        "ნატო-საქართველოს სწავლება ნატო-საქართველოს წვრთნისა და შეფასების ცენტრში (JTEC) ჩატარდება."
    )
    claims = _by_mention(text, "ka")
    centre = next(c for m, c in claims.items() if m.startswith("ნატო-საქართველოს წვრთნისა"))
    assert centre.place.id == "ov:site-krtsanisi" and centre.role == "exercise"
    assert claims["JTEC"].place.id == "ov:site-krtsanisi" and claims["JTEC"].role == "exercise"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Birgə təlim Anadolu Qartalı Hava Meydanında davam edir.", "az"),
        ("Tatbikat Anadolu Kartalı Eğitim Merkezi'nde başladı.", "tr"),
        ("Ortak tatbikat Anadolu Kartalı Hava Üssü'nde yapıldı.", "tr"),
        ("The joint exercise was held at the Anatolian Eagle Training Center.", "en"),
    ],
)
def test_the_anatolian_eagle_centre_in_the_regions_spellings_is_the_konya_base(text, language):
    sites = [c for c in _claims(text, language) if c.place.kind == "site"]
    assert [c.place.id for c in sites] == ["ov:site-konya"]
    assert sites[0].role == "exercise"


@pytest.mark.parametrize(
    ("text", "language", "again"),
    [
        (
            "Dün birlikler Erzincan'daki Şehit Piyade Er Mehmet Yıldız Atış Alanı'nda tatbikat "
            "yaptı. Bugün de Şehit Piyade Er Mehmed Yıldız Atış Alanı'nda atışlar sürdü.",
            "tr",
            "Şehit Piyade Er Mehmed Yıldız Atış Alanı'nda",
        ),
        (
            "The drill began at the Martyr Captain Ali Karimov training ground in Ganja. "
            "Tanks fired at the Martyr Captain Ali Kerimov training ground on Tuesday.",
            "en",
            "Martyr Captain Ali Kerimov training ground",
        ),
    ],
)
def test_a_range_named_again_is_where_its_first_mention_placed_it(text, language, again):
    claims = _claims(text, language)
    sites = [c for c in claims if c.place.kind == "site"]
    assert len(sites) == 2 and sites[1].mention == again
    assert (sites[1].place.lat, sites[1].place.lon) == (sites[0].place.lat, sites[0].place.lon)


def test_a_range_with_an_unlike_name_is_not_taken_for_one_named_before():
    text = (
        "The drill began at the Martyr Captain Ali Karimov training ground in Ganja. "
        "Tanks fired at the Hero Colonel Polad Hashimov training ground on Tuesday."
    )
    sites = [c for c in _claims(text) if c.place.kind == "site"]
    assert [s.mention for s in sites] == ["Martyr Captain Ali Karimov training ground"]


@pytest.mark.parametrize(
    ("text", "language", "garrison"),
    [
        (
            "Erzurum'daki 9'uncu Komando Alayı 12-13 Mart'ta, Şehit Er Ali Veli Kışlası'nda "
            "tatbikat yaptı.",
            "tr",
            "Erzurum'daki",
        ),
        (
            "Gəncədəki korpusun motoatıcı bölmələri martın 5-də Şəhid Əli Həsənov "
            "Poliqonunda təlim keçirib.",
            "az",
            "Gəncədəki",
        ),
    ],
)
def test_an_unplaced_base_lies_at_the_garrison_the_sentence_gives_its_unit(
    text, language, garrison
):
    claims = _by_mention(text, language)
    site = next(c for c in claims.values() if c.place.kind == "site")
    town = claims[garrison].place
    assert (site.place.lat, site.place.lon) == (town.lat, town.lon)
    assert site.role == "exercise" and claims[garrison].role == "context"


def test_a_sentence_begun_mid_line_goes_on_over_a_hard_wrap():
    text = (
        "Tatbikat sona erdi. Sivas'taki 5'inci Komando Tugayı\n"
        "3-4 Mart'ta, Şehit Yüzbaşı Ali Demir Kışlası'nda, “Gece Baskını\n"
        "Tatbikatı” gerçekleştirdi."
    )
    site = next(c for c in _claims(text, "tr") if c.place.kind == "site")
    assert site.mention == "Şehit Yüzbaşı Ali Demir Kışlası'nda"
    assert site.role == "exercise"


def test_a_heading_over_a_capitalised_line_is_not_run_into_it():
    text = "Drills near the border\nThe exercise was held in Ganja on Monday."
    claims = _by_mention(text)
    assert claims["Ganja"].role == "exercise"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Учения мотострелков начались на высокогорном полигоне «Камхуд».", "ru"),
        ("Russian and Armenian sappers held a drill at the Kamkhud training ground.", "en"),
        ("Rus hərbçiləri Kamxut poliqonunda təlim keçirib.", "az"),
    ],
)
def test_the_kamkhud_range_is_placed_east_of_vahramaberd_not_at_armenias_centre(text, language):
    sites = [c for c in _claims(text, language) if c.place.kind == "site"]
    assert [c.place.id for c in sites] == ["ov:site-kamkhud"]
    assert sites[0].role == "exercise"


@pytest.mark.parametrize(
    ("text", "language", "site", "container"),
    [
        ("Təlimlər Gəncədə (Azərbaycan) keçirilib.", "az", "Gəncədə", "Azərbaycan"),
        ("Tatbikat Kars'ta (Türkiye) yapıldı.", "tr", "Kars'ta", "Türkiye"),
        ("The drill was held in Ganja (Azerbaijan) on Monday.", "en", "Ganja", "Azerbaijan"),
    ],
)
def test_a_country_in_brackets_after_a_drill_site_stays_its_container(
    text, language, site, container
):
    claims = _by_mention(text, language)
    assert claims[site].role == "exercise"
    assert claims[container].role == "context"


@pytest.mark.parametrize(
    ("text", "language", "mention"),
    [
        (
            "The battalion marched to the Tarskoye training ground, where the tactical "
            "exercise will be held until Friday.",
            "en",
            "Tarskoye training ground",
        ),
        (
            "Колонна бригады выдвинулась к Моздоку, где пройдут командно-штабные учения.",
            "ru",
            "Моздоку",
        ),
        (
            "Подразделения прибыли на полигон Дальний, где начнутся тактические учения.",
            "ru",
            "полигон Дальний",
        ),
    ],
)
def test_a_place_the_drill_is_held_at_in_a_where_clause_is_the_site(text, language, mention):
    assert _by_mention(text, language)[mention].role == "exercise"


def test_a_where_clause_about_something_else_leaves_the_place_context():
    text = "After the exercise the delegation flew to Baku, where the minister met reporters."
    assert _by_mention(text)["Baku"].role == "context"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Мотострелки провели стрельбы на полигоне Дальний под Буйнакском.", "ru"),
        ("Dagestan-based troops held live-fire drills at the Dalny range.", "en"),
    ],
)
def test_the_dalny_range_is_the_buynaksk_brigades_range(text, language):
    sites = [c for c in _claims(text, language) if c.place.kind == "site"]
    assert [c.place.id for c in sites] == ["ov:site-dalny"]


def test_the_far_east_is_not_the_dalny_range():
    claims = _claims("Учения прошли на Дальнем Востоке.", "ru")
    assert not any(c.place.id == "ov:site-dalny" for c in claims)
