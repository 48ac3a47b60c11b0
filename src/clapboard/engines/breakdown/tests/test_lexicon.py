"""The bilingual lexicon: forms, plurals, elision, accents, whole words, longest phrases."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clapboard.engines.breakdown.categories import CATEGORY_CODES
from clapboard.engines.breakdown.lexicon import (
    DATA,
    LANGUAGES,
    default_lexicon,
    detect_language,
    fold,
    load_lexicon,
    plural_forms,
)
from clapboard.engines.screenplay.introductions import introduction_vocabulary

FRENCH = default_lexicon("fr")
ENGLISH = default_lexicon("en")


def found(lexicon_text: str, language: str) -> list[tuple[str, str, str]]:
    """(matched text, category, canonical name) for each match."""
    lexicon = FRENCH if language == "fr" else ENGLISH
    return [
        (lexicon_text[m.start : m.end], m.entry.category, m.entry.name) for m in lexicon.find(lexicon_text)
    ]


def test_versioned_with_source_and_date() -> None:
    lexicon = load_lexicon()
    assert lexicon.version >= 1
    assert isinstance(lexicon.effective_from, date)
    assert len(lexicon.source) > 40


def test_every_category_in_both_languages_and_a_few_hundred_entries() -> None:
    lexicon = load_lexicon()
    for language in LANGUAGES:
        entries = [e for e in lexicon.entries if e.language == language and e.category]
        assert len(entries) >= 300, language
        assert {e.category for e in entries} == set(CATEGORY_CODES) - {"cast"}, language


def test_people_and_sounds_are_the_screenplay_engines_words() -> None:
    # The words that tell a person or a sound from other capitals have one definition,
    # engines/screenplay/data/introductions.json; the lexicon reads them as entries.
    shared = introduction_vocabulary().terms
    lists = {
        "people.roles": ("background", False),
        "people.generic": ("background", True),
        "people.groups": ("background", False),
        "sounds.words": ("sound", False),
        "sounds.capitals": ("sound", True),
    }
    lexicon = load_lexicon()
    for language in LANGUAGES:
        for name, (category, capitals_only) in lists.items():
            for term in shared[language][name]:
                singular = term.split("|")[0]
                assert any(
                    e.category == category and e.name == singular and e.capitals_only == capitals_only
                    for e in lexicon.entries
                    if e.language == language
                ), (language, name, term)
    assert "mari" not in {e.name for e in lexicon.entries}, "relatives are no background work"
    raw = (DATA / "lexicon.json").read_text(encoding="utf-8")
    assert "capitals_ignored" not in raw
    assert '"articles"' not in raw


def test_no_form_has_two_names_in_one_category() -> None:
    seen: dict[tuple[str, str, str], str] = {}
    for entry in load_lexicon().entries:
        for form in entry.forms:
            key = (entry.language, entry.category, form)
            assert seen.setdefault(key, entry.name) == entry.name, key


@pytest.mark.parametrize(
    ("term", "language", "plural"),
    [
        ("cheval", "fr", "chevaux"),
        ("bateau", "fr", "bateaux"),
        ("bijou", "fr", "bijoux"),
        ("vélo", "fr", "vélos"),
        ("voiture de police", "fr", "voitures de police"),
        ("lampe torche", "fr", "lampes torches"),
        ("aide-soignant", "fr", "aides-soignants"),
        ("pony", "en", "ponies"),
        ("policeman", "en", "policemen"),
        ("box", "en", "boxes"),
        ("police car", "en", "police cars"),
        ("cup of coffee", "en", "cups of coffee"),
    ],
)
def test_generated_plurals(term: str, language: str, plural: str) -> None:
    assert plural in plural_forms(term, language, ["de", "of"])


def test_french_plurals_elision_and_accents() -> None:
    assert found("Trois CHEVAUX et des bateaux.", "fr") == [
        ("CHEVAUX", "animals", "cheval"),
        ("bateaux", "vehicles", "bateau"),
    ]
    assert found("Il prend l'arme et d'autres valises.", "fr") == [
        ("arme", "props", "arme"),
        ("valises", "props", "valise"),
    ]
    # Typographic apostrophe.
    assert found("Il prend l\u2019arme.", "fr") == [("arme", "props", "arme")]
    # Capitals are often written without accents; lower case keeps them meaningful.
    assert found("Un TELEPHONE sonne. Un téléphone.", "fr")[0] == ("TELEPHONE", "props", "téléphone")
    assert ("téléphone", "props", "téléphone") in found("Un TELEPHONE sonne. Un téléphone.", "fr")
    assert found("L'odeur de cire. Un bonbon enveloppé.", "fr") == [("bonbon", "props", "bonbon")]
    assert found("Son ciré jaune.", "fr") == [("ciré", "wardrobe", "ciré")]


def test_english_plurals_and_irregular_forms() -> None:
    assert found("Two knives, three ponies and the passers-by.", "en") == [
        ("knives", "props", "knife"),
        ("ponies", "animals", "pony"),
        ("passers-by", "background", "passer-by"),
    ]
    assert found("Geese and mice.", "en") == [("Geese", "animals", "goose"), ("mice", "animals", "mouse")]


def test_whole_words_only() -> None:
    assert found("Un carton au château, une caravelle.", "fr") == []
    assert found("A cartoon scarecrow in the cargo bay.", "en") == []
    assert found("La chienlit.", "fr") == []


def test_longest_phrase_wins() -> None:
    assert found("Une voiture de police passe.", "fr") == [
        ("voiture de police", "vehicles", "voiture de police")
    ]
    # A phrase may run over a line break inside a paragraph.
    assert found("Une voiture\nde police.", "fr") == [("voiture\nde police", "vehicles", "voiture de police")]
    assert found("A police car and a car.", "en") == [
        ("police car", "vehicles", "police car"),
        ("car", "vehicles", "car"),
    ]


def test_ignored_phrases_hide_shorter_entries() -> None:
    assert found("Il passe au feu rouge.", "fr") == []
    assert found("He falls asleep.", "en") == []
    assert found("He falls.", "en") == [("falls", "stunts", "fall")]
    assert found("Le moteur au ralenti.", "fr") == []


def test_capitals_only_entries() -> None:
    assert found("BANG! A bang.", "en") == [("BANG", "sound", "bang")]
    assert found("A WOMAN waits. A woman waits.", "en") == [("WOMAN", "background", "woman")]


def test_word_before_required() -> None:
    assert found("Il court car il pleut.", "fr") == []
    assert found("Le car arrive. Elle monte dans le car.", "fr") == [
        ("car", "vehicles", "car"),
        ("car", "vehicles", "car"),
    ]


def test_one_form_in_two_categories() -> None:
    assert {c for _, c, _ in found("Elle allume la radio.", "fr")} == {"props", "music"}


def test_lookup() -> None:
    assert [e.category for e in ENGLISH.lookup("Shotguns")] == ["props"]
    assert ENGLISH.lookup("shotgun shell") == ()


def test_detect_language() -> None:
    assert detect_language(["Elle prend la clé et sort de la maison avec son chien."]) == "fr"
    assert detect_language(["She takes the key and leaves the house with her dog."]) == "en"
    assert detect_language(["BANG"]) is None


@given(st.text())
def test_fold_keeps_offsets(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="de"):
        default_lexicon("de")
