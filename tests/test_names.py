"""Folding, skeletons and query splitting."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geokarabakh.names import _fold_char, fold, fold_with_offsets, skeleton, split_query


@pytest.mark.parametrize(
    ("spelling", "folded"),
    [
        ("Tərtər", "terter"),
        ("Şuşa", "shusha"),
        ("Шуша", "shusha"),
        ("Շուշի", "shushi"),
        ("Ստեփանակերտ", "stepanakert"),
        ("Ağdam", "aghdam"),
        ("Füzuli", "fuzuli"),
        ("Cəbrayıl", "cebrayil"),
        ("Ходжавенд", "khodzhavend"),
        ("İsmayıllı", "ismayilli"),
        ("Zabux", "zabux"),
        ("Qubadlı", "qubadli"),
        ("Կոռնիձոր", "kornidzor"),
        ("  Hakari   bridge ", "hakari bridge"),
        ("Shusha–Fizuli road", "shusha fizuli road"),
    ],
)
def test_fold(spelling, folded):
    assert fold(spelling) == folded


@pytest.mark.parametrize(
    "variants",
    [
        ("Tartar", "Terter", "Тертер", "Tərtər"),
        ("Khojavend", "Xocavənd", "Ходжавенд", "Khodzhavend", "Khojavand"),
        ("Jabrayil", "Cəbrayıl", "Джебраил", "Jebrail"),
        ("Fuzuli", "Fizuli", "Füzuli", "Физули"),
        ("Shusha", "Shushi", "Шуша", "Շուշի", "Şuşa"),
        ("Aghdam", "Agdam", "Ağdam", "Агдам"),
        ("Yerevan", "Erevan", "Ереван", "Երևան"),
    ],
)
def test_variants_share_a_skeleton(variants):
    assert len({skeleton(fold(v)) for v in variants}) == 1


def test_skeleton_keeps_different_names_apart():
    keys = [
        skeleton(fold(n))
        for n in ("Tartar", "Shusha", "Lachin", "Kalbajar", "Khojaly", "Khojavend")
    ]
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize(
    ("text", "name", "kind", "country", "context"),
    [
        ("Tartar district", "tartar", "district", None, ()),
        ("Tərtər rayonu", "terter", "district", None, ()),
        ("the town of Shusha, Azerbaijan", "shusha", "settlement", "AZ", ()),
        ("Martuni (Armenia)", "martuni", None, "AM", ()),
        ("Tagavard village of Khojavand district", "tagavard", "settlement", None, ("khojavand",)),
        ("Sygnag, Khojaly region", "sygnag", None, None, ("khojaly",)),
        ("Syunik marz", "syunik", "province", None, ()),
        ("Сюникская область", "syunik", "province", None, ()),
        ("Ходжавендский район", "khodzhavend", "district", None, ()),
        ("Шушинский район", "shushin", "district", None, ()),
    ],
)
def test_split_query(text, name, kind, country, context):
    query = split_query(text)
    assert (query.name, query.kind, query.country, query.context) == (name, kind, country, context)


@given(st.text(max_size=60))
def test_fold_never_fails_and_is_idempotent(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.strip()


@given(
    st.text(
        alphabet=st.sampled_from(
            "aZəŞşçığİıöüXx ТертерШушаՇուշիՄարտունի-,.'’`ʻ 1é\u0301თბილისი北京Qq_/()"
        ),
        max_size=40,
    )
)
def test_the_fast_ascii_fold_and_the_offset_fold_agree(text):
    """One folding: fold's ASCII shortcut gives what fold_with_offsets gives, offsets ascend,
    and each folded letter comes from the character its offset points at (whole ASCII words
    are folded at once, other characters one by one)."""
    text = unicodedata.normalize("NFC", text)
    folded, offsets = fold_with_offsets(text)
    assert folded.strip() == fold(text)
    assert len(offsets) == len(folded) + 1 and offsets == sorted(offsets)
    for letter, offset in zip(folded, offsets, strict=False):
        assert letter == " " or letter in _fold_char(text[offset]) or text[offset] in "ոՈ"
