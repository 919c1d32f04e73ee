"""Gazetteer lookup: spellings in every script, qualifiers, typos, ambiguity, reverse."""

import math

import pytest

import geokarabakh as gk
from geokarabakh.gazetteer import Gazetteer

# Where each place is (lat, lon) and what kind it is: the answers the variants must reach.
ANCHORS = {
    "Tartar": (40.342, 46.932, "settlement"),
    "Tartar District": (40.342, 46.932, "district"),
    "Shusha": (39.760, 46.750, "settlement"),
    "Shusha District": (39.760, 46.750, "district"),
    "Fuzuli": (39.601, 47.145, "settlement"),
    "Fuzuli District": (39.601, 47.145, "district"),
    "Khojavend": (39.795, 47.112, "settlement"),
    "Khojavend District": (39.795, 47.112, "district"),
    "Khankendi": (39.818, 46.753, "settlement"),
    "Aghdam": (39.991, 46.927, "settlement"),
    "Aghdam District": (39.991, 46.927, "district"),
    "Lachin": (39.637, 46.550, "settlement"),
    "Lachin District": (39.637, 46.550, "district"),
    "Kalbajar": (40.110, 46.044, "settlement"),
    "Jabrayil": (39.399, 47.028, "settlement"),
    "Zangilan": (39.084, 46.660, "settlement"),
    "Qubadli": (39.344, 46.582, "settlement"),
    "Khojaly": (39.914, 46.792, "settlement"),
    "Askeran": (39.939, 46.832, "settlement"),
    "Martakert": (40.215, 46.813, "settlement"),
    "Hadrut": (39.517, 47.030, "settlement"),
    "Martuni AM": (40.140, 45.302, "settlement"),
    "Syunik": (39.208, 46.407, "province"),
    "Goris": (39.511, 46.342, "settlement"),
    "Kornidzor": (39.548, 46.530, "settlement"),
    "Yerevan": (40.178, 44.513, "settlement"),
    "Barda": (40.374, 47.126, "settlement"),
    "Ganja": (40.683, 46.361, "settlement"),
    "Sugovushan": (40.331, 46.729, "settlement"),
    "Talish": (40.381, 46.741, "settlement"),
    "Zabukh": (39.590, 46.543, "settlement"),
    "Gulabird": (39.480, 46.609, "settlement"),
    "Taghavard": (39.668, 46.920, "settlement"),
    "Sighnag": (39.721, 46.800, "settlement"),
    "Gaybali": (39.778, 46.729, "settlement"),
    "Nagorno-Karabakh": (39.818, 46.753, "region"),
    "Sarsang Reservoir": (40.181, 46.617, "feature"),
    "Horadiz": (39.449, 47.336, "settlement"),
}

VARIANTS = [
    # Tartar: town and district, every script and qualifier
    ("Tartar", "Tartar"),
    ("Terter", "Tartar"),
    ("Tərtər", "Tartar"),
    ("Тертер", "Tartar"),
    ("TARTAR", "Tartar"),
    ("tartar", "Tartar"),
    ("Tartar city", "Tartar"),
    ("the town of Tartar", "Tartar"),
    ("Tartar, Azerbaijan", "Tartar"),
    ("Tartar (Azerbaijan)", "Tartar"),
    ("Tərtər şəhəri", "Tartar"),
    ("в городе Тертер", "Tartar"),
    ("Mir-Bashir", "Tartar"),
    ("Tartr", "Tartar"),
    ("Tarter", "Tartar"),
    ("город Тертер", "Tartar"),
    ("Tartar district", "Tartar District"),
    ("Tartar District", "Tartar District"),
    ("Tərtər rayonu", "Tartar District"),
    ("Terter rayon", "Tartar District"),
    ("Tartar region", "Tartar District"),
    ("Тертерский район", "Tartar District"),
    ("the Tartar district of Azerbaijan", "Tartar District"),
    ("Tartar raion", "Tartar District"),
    ("territory of Tartar region", "Tartar District"),
    ("Terter district", "Tartar District"),
    # Shusha / Shushi
    ("Shusha", "Shusha"),
    ("Şuşa", "Shusha"),
    ("Шуша", "Shusha"),
    ("Shushi", "Shusha"),
    ("Շուշի", "Shusha"),
    ("Susa", "Shusha"),
    ("Shoushi", "Shusha"),
    ("Shusha city", "Shusha"),
    ("Şuşa şəhəri", "Shusha"),
    ("Shushaa", "Shusha"),
    ("Shuhsa", "Shusha"),
    ("Schuscha", "Shusha"),
    ("Shusha district", "Shusha District"),
    ("Şuşa rayonu", "Shusha District"),
    ("Шушинский район", "Shusha District"),
    # Fizuli / Fuzuli / Varanda
    ("Fizuli", "Fuzuli"),
    ("Fuzuli", "Fuzuli"),
    ("Füzuli", "Fuzuli"),
    ("Физули", "Fuzuli"),
    ("Fuzuli city", "Fuzuli"),
    ("Fizuly", "Fuzuli"),
    ("Fuzulli", "Fuzuli"),
    ("Varanda", "Fuzuli"),
    ("Fizuli district", "Fuzuli District"),
    ("Füzuli rayonu", "Fuzuli District"),
    ("Fuzuli region", "Fuzuli District"),
    ("Физулинский район", "Fuzuli District"),
    # Khojavend / Martuni
    ("Khojavend", "Khojavend"),
    ("Xocavənd", "Khojavend"),
    ("Khojavand", "Khojavend"),
    ("Ходжавенд", "Khojavend"),
    ("Khodzhavend", "Khojavend"),
    ("Martuni", "Khojavend"),
    ("Martuni, Nagorno-Karabakh", "Khojavend"),
    ("Xocavend", "Khojavend"),
    ("Khojavent", "Khojavend"),
    ("Khojavend district", "Khojavend District"),
    ("Khojavand District", "Khojavend District"),
    ("Xocavənd rayonu", "Khojavend District"),
    ("Ходжавендский район", "Khojavend District"),
    # Martuni in Armenia
    ("Martuni, Armenia", "Martuni AM"),
    ("Martuni (Armenia)", "Martuni AM"),
    ("Martuni, Gegharkunik", "Martuni AM"),
    ("Мартуни, Армения", "Martuni AM"),
    # Stepanakert / Khankendi
    ("Stepanakert", "Khankendi"),
    ("Khankendi", "Khankendi"),
    ("Xankəndi", "Khankendi"),
    ("Степанакерт", "Khankendi"),
    ("Ստեփանակերտ", "Khankendi"),
    ("Hankendi", "Khankendi"),
    ("Khankandi", "Khankendi"),
    ("Stepanakert (Nagorno-Karabakh)", "Khankendi"),
    ("Stepanakret", "Khankendi"),
    ("Ханкенди", "Khankendi"),
    # Aghdam / Akna
    ("Aghdam", "Aghdam"),
    ("Agdam", "Aghdam"),
    ("Ağdam", "Aghdam"),
    ("Агдам", "Aghdam"),
    ("Akna", "Aghdam"),
    ("Aghdam district", "Aghdam District"),
    ("Ağdam rayonu", "Aghdam District"),
    ("Агдамский район", "Aghdam District"),
    # Lachin / Berdzor
    ("Lachin", "Lachin"),
    ("Laçın", "Lachin"),
    ("Лачин", "Lachin"),
    ("Berdzor", "Lachin"),
    ("Բերձոր", "Lachin"),
    ("Lacin", "Lachin"),
    ("Lachin district", "Lachin District"),
    ("Laçın rayonu", "Lachin District"),
    ("Лачинский район", "Lachin District"),
    # Kalbajar / Karvachar
    ("Kalbajar", "Kalbajar"),
    ("Kəlbəcər", "Kalbajar"),
    ("Kelbajar", "Kalbajar"),
    ("Karvachar", "Kalbajar"),
    ("Кельбаджар", "Kalbajar"),
    ("Քարվաճառ", "Kalbajar"),
    # Jabrayil / Jrakan, Zangilan / Kovsakan, Qubadli / Kashunik
    ("Jabrayil", "Jabrayil"),
    ("Cəbrayıl", "Jabrayil"),
    ("Jebrail", "Jabrayil"),
    ("Джебраил", "Jabrayil"),
    ("Jrakan", "Jabrayil"),
    ("Jabrail", "Jabrayil"),
    ("Zangilan", "Zangilan"),
    ("Zəngilan", "Zangilan"),
    ("Kovsakan", "Zangilan"),
    ("Зангилан", "Zangilan"),
    ("Zangelan", "Zangilan"),
    ("Qubadli", "Qubadli"),
    ("Gubadly", "Qubadli"),
    ("Qubadlı", "Qubadli"),
    ("Kubatly", "Qubadli"),
    ("Кубатлы", "Qubadli"),
    ("Kashunik", "Qubadli"),
    # Khojaly / Ivanyan, Askeran, Martakert / Aghdara, Hadrut
    ("Khojaly", "Khojaly"),
    ("Xocalı", "Khojaly"),
    ("Ходжалы", "Khojaly"),
    ("Ivanyan", "Khojaly"),
    ("Askeran", "Askeran"),
    ("Əsgəran", "Askeran"),
    ("Аскеран", "Askeran"),
    ("Ասկերան", "Askeran"),
    ("Martakert", "Martakert"),
    ("Aghdara", "Martakert"),
    ("Ağdərə", "Martakert"),
    ("Мартакерт", "Martakert"),
    ("Մարտակերտ", "Martakert"),
    ("Hadrut", "Hadrut"),
    ("Hadrud", "Hadrut"),
    ("Гадрут", "Hadrut"),
    ("Հադրութ", "Hadrut"),
    # Armenia
    ("Syunik", "Syunik"),
    ("Syunik marz", "Syunik"),
    ("Syunik Province", "Syunik"),
    ("Сюник", "Syunik"),
    ("Սյունիք", "Syunik"),
    ("Siunik", "Syunik"),
    ("Goris", "Goris"),
    ("Горис", "Goris"),
    ("Գորիս", "Goris"),
    ("Kornidzor", "Kornidzor"),
    ("Корнидзор", "Kornidzor"),
    ("Yerevan", "Yerevan"),
    ("Erevan", "Yerevan"),
    ("Ереван", "Yerevan"),
    ("Երևան", "Yerevan"),
    ("İrəvan", "Yerevan"),
    ("Yerevan city", "Yerevan"),
    # neighbours
    ("Barda", "Barda"),
    ("Bərdə", "Barda"),
    ("Барда", "Barda"),
    ("Ganja", "Ganja"),
    ("Gəncə", "Ganja"),
    ("Гянджа", "Ganja"),
    ("Kirovabad", "Ganja"),
    # villages and features reports name
    ("Madagiz", "Sugovushan"),
    ("Sugovushan", "Sugovushan"),
    ("Suqovuşan", "Sugovushan"),
    ("Mataghis", "Sugovushan"),
    ("Մատաղիս", "Sugovushan"),
    ("Мадагиз", "Sugovushan"),
    ("Talysh", "Talish"),
    ("Talish", "Talish"),
    ("Talış", "Talish"),
    ("Zabukh", "Zabukh"),
    ("Zabux", "Zabukh"),
    ("Aghavno", "Zabukh"),
    ("Gulyabird", "Gulabird"),
    ("Güləbird", "Gulabird"),
    ("village of Gulyabird", "Gulabird"),
    ("Tagavard village of Khojavand district", "Taghavard"),
    ("Tagavard", "Taghavard"),
    ("village of Sygnag, Khojaly region", "Sighnag"),
    ("Sygnag", "Sighnag"),
    ("Gaybali village of Shusha district", "Gaybali"),
    ("Şuşa rayonunun Qaybalı kəndi", "Gaybali"),
    ("Nagorno-Karabakh", "Nagorno-Karabakh"),
    ("Artsakh", "Nagorno-Karabakh"),
    ("Нагорный Карабах", "Nagorno-Karabakh"),
    ("Dağlıq Qarabağ", "Nagorno-Karabakh"),
    ("Sarsang reservoir", "Sarsang Reservoir"),
    ("Sərsəng su anbarı", "Sarsang Reservoir"),
    ("Horadiz", "Horadiz"),
    ("Horadiz, Fuzuli district", "Horadiz"),
    ("a tunnel in Khojavend district", "Khojavend District"),
    ("Khojavand District, Khojavend", "Khojavend District"),
    ("the road in Tartar region", "Tartar District"),
]


def _km(lat1, lon1, lat2, lon2):
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = (
        math.sin(dlat / 2) ** 2
        + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.default()


def test_variant_table_is_large():
    assert len(VARIANTS) >= 150


@pytest.mark.parametrize(("query", "anchor"), VARIANTS)
def test_variant_resolves(gaz, query, anchor):
    lat, lon, kind = ANCHORS[anchor]
    place = gaz.resolve(query)
    assert place.kind == kind, f"{query!r} gave {place}"
    assert _km(lat, lon, place.lat, place.lon) < 3, f"{query!r} gave {place}"
    assert 0 < place.score <= 1


def test_contract_fields(gaz):
    place = gk.Gazetteer.default().resolve("Tərtər rayonu")
    assert isinstance(place, gk.Place)
    assert (place.kind, place.country) == ("district", "AZ")
    assert isinstance(place.lat, float) and isinstance(place.lon, float)
    assert place.name and place.score == 1.0


def test_every_place_has_a_source_and_valid_fields(gaz):
    for place in gaz:
        assert place.source, place
        assert place.kind in gk.gazetteer.KINDS
        assert len(place.country) == 2 and place.country.isupper()


def test_names_in_every_script(gaz):
    names = gaz.resolve("Shusha").all_names + gaz.resolve("Stepanakert").all_names
    scripts = {"armenian": "\u0530", "cyrillic": "\u0400", "azerbaijani": "ş"}
    assert any(any("\u0530" <= ch <= "\u058f" for ch in n) for n in names)
    assert any(any("\u0400" <= ch <= "\u04ff" for ch in n) for n in names)
    assert any(any(ch in "əşçğı" for ch in n) for n in names), scripts


def test_exact_beats_typo_score(gaz):
    assert gaz.resolve("Tartar").score == 1.0
    assert gaz.resolve("Tarrtarr").score < 1.0


def test_search_ranks_all_candidates(gaz):
    results = gaz.search("Vank", limit=5)
    assert 1 < len(results) <= 5
    assert results[0].name == "Vank" and results[0].country == "AZ"
    assert [p.score for p in results] == sorted((p.score for p in results), reverse=True)


def test_search_finds_both_martunis(gaz):
    results = gaz.search("Martuni", limit=10)
    countries = [p.country for p in results if "Martuni" in p.all_names]
    assert countries[0] == "AZ" and "AM" in countries


@pytest.mark.parametrize("query", ["xyzzy", "Qwertyuiop district", "Zzzzzz"])
def test_unknown_place_raises_with_suggestions(gaz, query):
    with pytest.raises(gk.PlaceNotFound) as caught:
        gaz.resolve(query)
    assert isinstance(caught.value, LookupError)
    assert len(caught.value.suggestions) <= 5


def test_suggestions_name_the_place(gaz):
    assert "Khojavend (settlement, Khojavend)" in gaz.suggest("Khojavendqqqq")
    with pytest.raises(gk.PlaceNotFound) as caught:
        gaz.resolve("Zqxwv district")
    assert caught.value.suggestions == gaz.suggest("zqxwv")


@pytest.mark.parametrize("query", ["", "   ", "12345", "!!!", "district", "x" * 500])
def test_absurd_input_is_an_error_not_a_crash(gaz, query):
    with pytest.raises(gk.PlaceNotFound):
        gaz.resolve(query)


def test_wrong_district_context_rejects_a_loose_match(gaz):
    with pytest.raises(gk.PlaceNotFound):
        gaz.resolve("Suarasi village of Lachin district")


def test_non_string_input(gaz):
    with pytest.raises(gk.InvalidInput):
        gaz.resolve(None)


def test_reverse_gives_nearest_settlement_and_district(gaz):
    place = gaz.reverse(39.76, 46.75)
    assert place.name == "Shusha" and place.kind == "settlement"
    assert place.district == "Shusha" and place.distance_km < 1


def test_reverse_rejects_bad_coordinates(gaz):
    with pytest.raises(gk.InvalidInput):
        gaz.reverse(146.0, 46.0)


def test_nearest_is_vectorised_and_agrees_with_reverse(gaz):
    lats, lons = [39.76, 40.34, 39.6, 40.2], [46.75, 46.93, 47.14, 44.5]
    table = gaz.nearest(lats, lons)
    assert list(table.columns) == ["nearest_place", "nearest_place_km", "district"]
    for (lat, lon), row in zip(zip(lats, lons, strict=True), table.itertuples(), strict=True):
        assert row.nearest_place == gaz.reverse(lat, lon).name


def test_curated_row_enriches_geonames_place():
    geonames = (
        "geonames_id,name,kind,lat,lon,country,admin1,admin1_name,population,feature_code,names,source\n"
        "1,Alpha,settlement,40.0,46.0,AZ,57,Tartar Rayon,100,,Alfa,GeoNames 1 (CC BY 4.0)\n"
    )
    curated = (
        "id,kind,name,country,lat,lon,district,admin1,bbox,population,geonames_id,names,source,note\n"
        "x-alpha,settlement,Alpha,AZ,,,Tartar,,,250,1,Ալֆա|Альфа,page A,\n"
        "x-beta,feature,Beta bridge,AZ,40.1,46.1,Tartar,,,,,Beta|Бета,page B,\n"
    )
    gaz = Gazetteer.from_tables(geonames, curated)
    assert len(gaz) == 2
    alpha = gaz.resolve("Альфа")
    assert alpha.id == "geonames:1" and alpha.population == 250 and alpha.district == "Tartar"
    assert "page A" in alpha.source and "GeoNames 1" in alpha.source
    assert gaz.resolve("Бета bridge").kind == "feature"


# -- villages, "not found" rather than a wrong place, qualifiers, naming policy (issue 10) --------

VILLAGES = [  # (query, primary name, district, lat, lon): villages GeoNames' cities500 lacks
    ("Karmir Shuka", "Girmizi Bazar", "Khojavend", 39.676, 46.949),
    ("Красный Базар", "Girmizi Bazar", "Khojavend", 39.676, 46.949),
    ("Togh", "Tugh", "Khojavend", 39.585, 46.965),
    ("Mets Taghlar", "Boyuk Taghlar", "Khojavend", 39.618, 46.955),
    ("Drmbon", "Heyvali", "Aghdara", 40.147, 46.608),
    ("Azokh", "Azikh", "Khojavend", 39.621, 46.978),
    ("Avetaranots", "Chanagchi", "Khojaly", 39.703, 46.831),
    ("Mehdili", "Mehdili", "Jabrayil", 39.381, 47.275),
    ("Quşçu Ayrım", "Gushchu Ayrim", "Qazax", 41.094, 45.102),
]


@pytest.mark.parametrize(("query", "name", "district", "lat", "lon"), VILLAGES)
def test_villages_resolve_with_their_district(gaz, query, name, district, lat, lon):
    place = gaz.resolve(query)
    assert (place.name, place.district, place.kind) == (name, district, "settlement")
    assert _km(place.lat, place.lon, lat, lon) < 1


@pytest.mark.parametrize(
    "query",
    [
        "Paris",
        "Beirut",
        "Moscow",
        "Tbilisi",
        "ceasefire",
        "village",
        "Baş",
        "Вели",
        "HALO Trust",
        "Armenpress",
        # given names of victims and officials: each was a sound-alike of a village
        # (Samir -> Samur 0.96, Mahir -> Meghri 0.95, Karen -> Karin 0.96, Vüsal -> Veysalli)
        "Samir",
        "Mahir",
        "Karen",
        "Vüsal",
        "Mehriban",
        "Ильгар",
        "Կարեն",
    ],
)
def test_world_places_and_common_words_are_not_places_of_the_region(gaz, query):
    with pytest.raises(gk.PlaceNotFound) as caught:
        gaz.resolve(query)
    if "not a place of the region" in str(caught.value):
        assert caught.value.suggestions == []  # not a misspelling of a village


def test_a_short_name_must_match_exactly(gaz):
    with pytest.raises(gk.PlaceNotFound):
        gaz.resolve("Tugg")  # one letter from Tugh, but four letters leave too little to judge
    assert gaz.resolve("Tuğ").name == "Tugh"


def test_a_far_typo_is_not_found_with_the_candidates_as_suggestions(gaz):
    with pytest.raises(gk.PlaceNotFound) as caught:
        gaz.resolve("Chiloburtov")
    assert caught.value.suggestions, "the near spellings are offered"


def test_qualifier_restricts_to_its_district(gaz):
    tovuz = gaz.resolve("Aghdam, Tovuz")
    assert (tovuz.name, tovuz.district) == ("Aghdam", "Tovuz")
    assert _km(tovuz.lat, tovuz.lon, 39.991, 46.927) > 100  # not the town of Aghdam
    assert gaz.resolve("Aghdam").district == "Aghdam"
    assert gaz.resolve("село Агдам Товузского района").district == "Tovuz"


def test_namesake_villages_are_not_found_until_the_district_is_given(gaz):
    """Two villages called Dəmirçilər (Khojaly, Qubadli), none a town: a bare name is a toss-up."""
    with pytest.raises(gk.PlaceNotFound, match="names 2 places") as caught:
        gaz.resolve("Dəmirçilər")
    assert {s.split(", ")[-1] for s in caught.value.suggestions} == {"Khojaly)", "Qubadli)"}
    for district in ("Khojaly", "Qubadli"):
        assert gaz.resolve(f"Dəmirçilər, {district}").district == district
    assert gaz.resolve(caught.value.suggestions[0]).name == "Damirchilar"  # a usable query


def test_namesakes_spelt_differently_are_still_namesakes(gaz):
    """ "Muganli" is a spelling only the Aghjabadi Mughanli lists; Zangilan has one too."""
    with pytest.raises(gk.PlaceNotFound, match="names 2 places"):
        gaz.resolve("Muganli")
    assert gaz.resolve("Muganli, Zangilan").district == "Zangilan"


def test_sound_alikes_far_outside_the_region_must_be_typos_too(gaz):
    with pytest.raises(gk.PlaceNotFound):
        gaz.resolve("Gurulu")  # a typo of Gurjulu (Qubadli), not Katnajur (Lori), 250 km away


def test_a_town_that_dwarfs_its_namesake_villages_is_the_one_meant(gaz):
    assert gaz.resolve("Horadiz").population > 5000  # the town, not the village 8 km away
    assert gaz.resolve("Gəncə").name == "Ganja"


@pytest.mark.parametrize(
    ("query", "name", "district"),
    [
        ("Susa", "Shusha", "Shusha"),  # Şuşa
        ("Xacmac", "Khachmach", "Khojaly"),  # Xaçmaç, not Xaçmaz 250 km away
        ("Ciraqli, Aghdam", "Chiragli", "Aghdam"),  # Çıraqlı, not Jrarat (Shirak)
        ("Sahbulaq, Aghdam", "Shahbulag", "Aghdam"),  # Şahbulaq
        ("Serifan", "Sharifan", "Zangilan"),  # Şərifan, not Shirvan 200 km away
        ("Туг", "Tugh", "Khojavend"),  # Tuğ in Russian letters: short, but a known spelling
        ("село Туг Ходжавендского района", "Tugh", "Khojavend"),
    ],
)
def test_azerbaijani_typed_without_its_marks(gaz, query, name, district):
    place = gaz.resolve(query)
    assert (place.name, place.district) == (name, district)


@pytest.mark.parametrize(
    "query",
    [
        "Ağdam rayonu Sarıcalı kəndi",  # the district first, nominative
        "Ağdamın Sarıcalı kəndi",  # the district's genitive
        "Ağdam r-nunun Sarıcalı kəndinin ərazisində",  # abbreviated, "in the territory of"
        "Sarıcalı, Ağdam r-nu",
        "с. Сарыджалы, Агдамский р-н",
        "Агдамский район, с. Сарыджалы",  # the district first
    ],
)
def test_qualified_forms_of_the_region_languages(gaz, query):
    place = gaz.resolve(query)
    assert (place.name, place.district) == ("Sarijali", "Aghdam")  # not Sarijali of Jabrayil


def test_armenian_district_genitive_qualifies(gaz):
    place = gaz.resolve("Հադրութի շրջանի Տող գյուղ")  # Togh village of the Hadrut region
    assert (place.name, place.district) == ("Tugh", "Khojavend")


def test_qualifier_that_matches_no_candidate_is_not_found_with_where_they_are(gaz):
    with pytest.raises(gk.PlaceNotFound, match="no place 'tugh' in syunik") as caught:
        gaz.resolve("Tugh, Syunik")
    assert any("Khojavend" in s for s in caught.value.suggestions)


def test_unknown_qualifier_is_an_error_naming_it(gaz):
    with pytest.raises(gk.PlaceNotFound, match="qualifier 'zzyzx'"):
        gaz.resolve("Tartar, Zzyzx")


def test_country_qualifier_restricts(gaz):
    with pytest.raises(gk.PlaceNotFound):
        gaz.resolve("Goris, Azerbaijan")
    assert gaz.resolve("Goris (Armenia)").country == "AM"


def test_former_district_still_qualifies(gaz):
    """Reports name the district of their day: Sirkhavend moved from Aghdam to Aghdara in 2023."""
    assert gaz.resolve("Sirkhavand village of Aghdam district").district == "Aghdara"


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Berdzor", "Lachin"),
        ("Agdere", "Aghdara"),
        ("Stepanakert", "Khankendi"),
        ("Laçın", "Lachin"),
        ("Qırmızı Bazar", "Girmizi Bazar"),
        ("Xaçmaz", "Khachmaz"),
    ],
)
def test_one_naming_policy_current_official_name_in_english_form(gaz, query, name):
    place = gaz.resolve(query)
    assert place.name == name
    assert query in place.names or gk.Gazetteer.default().resolve(query).matched


def test_village_table_rows_are_sourced_and_in_the_region():
    import csv

    from geokarabakh._data import data_dir

    rows = list(csv.DictReader(data_dir().joinpath("villages.csv").open(encoding="utf-8")))
    assert len(rows) > 300
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert row["source"].startswith("http"), row["id"]
        assert 38.8 <= float(row["lat"]) <= 41.4 and 44.4 <= float(row["lon"]) <= 47.9, row["id"]
        assert row["country"] in ("AZ", "AM")
        assert row["name_az"] or row["name_hy_latin"] or row["name_en"], row["id"]
        names = "|".join(
            row[c]
            for c in ("name_az", "name_en", "name_hy", "name_hy_latin", "name_ru", "other_names")
        )
        assert not set("(),;") & set(names), f"{row['id']}: a name holds a comment"


def test_a_village_known_by_name_only_is_not_found_with_its_district_first(gaz):
    # Qapanlı of Tartar is on the district's village list, with no coordinates in any
    # allowed source: not the look-alike Kapan (Syunik), but its district
    with pytest.raises(gk.PlaceNotFound) as caught:
        gaz.resolve("Qapanlı")
    assert "village of Tartar" in str(caught.value)
    assert caught.value.suggestions[0] == "Tartar District (district, AZ)"
    with pytest.raises(gk.PlaceNotFound, match="village of Tartar"):
        gaz.resolve("Qapanli, Tartar")
    assert gaz.resolve("Tartar").name == "Tartar"  # located places are unchanged


def test_a_district_in_brackets_on_the_village_list_is_no_spelling_of_the_village():
    # "Kürdlər (Ağdam)" tells which Kürdlər; "Əlibəyli (Alibeyli)" gives a second spelling
    gaz = gk.Gazetteer.default()
    assert gaz.unlocated_districts("Kürdlər") == ("Aghdam",)
    assert gaz.unlocated_districts("Ağdam") == ()
    assert "Tovuz" in gaz.unlocated_districts("Alibeyli")


def test_a_gazetteer_from_tables_knows_the_villages_by_name_only_it_is_given():
    geonames = (
        "geonames_id,name,kind,lat,lon,country,admin1,admin1_name,population,feature_code,names,source\n"
        "1,Tartar,settlement,40.34,46.93,AZ,57,Tartar Rayon,100,,,GeoNames 1 (CC BY 4.0)\n"
    )
    missing = "name,district,why\nQapanlı,Tartar,no page with coordinates\n"
    assert Gazetteer.from_tables(geonames).unlocated_districts("Qapanlı") == ()
    gaz = Gazetteer.from_tables(geonames, missing=missing)
    assert gaz.unlocated_districts("Qapanli") == ("Tartar",)
    assert gaz.unlocated_districts("Tartar") == ()
