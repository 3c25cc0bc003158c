"""The Lexicon's irregular word forms and related words: data files of the package, well formed, and what reads them."""

from __future__ import annotations

from askdocs.lang.en import EN
from askdocs.lang.word_files import word_forms, word_pairs
from askdocs.text.stem import plain_stem


def test_the_word_forms_file_loads_from_the_package() -> None:
    forms = word_forms("en_word_forms.tsv")
    assert len(forms) > 2000 and forms["began"] == "begin" and forms["children"] == "child"
    assert EN.word_forms == {**word_forms("en_graded.tsv"), **forms}


def test_comparatives_and_superlatives_come_to_their_base_but_words_of_their_own_do_not() -> None:
    """ "deepest" finds "deep" and "deeper"; "number", "layer", "forest" and "modest" are words of their own, and
    "better" is not "good"."""
    from askdocs.text.stem import stem

    for form, base in (("deepest", "deep"), ("deeper", "deep"), ("tallest", "tall"), ("biggest", "big")):
        assert stem(form) == stem(base), form
    for form, base in (("driest", "dry"), ("earliest", "early"), ("largest", "large"), ("youngest", "young")):
        assert stem(form) == stem(base), form
    for word, other in (("number", "numb"), ("layer", "lay"), ("forest", "fore"), ("modest", "mod")):
        assert stem(word) != stem(other), word
    assert stem("better") != stem("good") and stem("best") != stem("good")
    assert {"deep", "deeper", "deepest"} <= set(EN.forms_of("deep"))


def test_every_form_differs_from_its_base_by_more_than_the_rules() -> None:
    """A form the stemmer's rules already bring to its base, or one that is itself another form's base, does not
    belong in the file (scripts/word_forms.py filters both)."""
    bases = set(EN.word_forms.values())
    for form, base in EN.word_forms.items():
        assert form.isalpha() and form.islower() and base.isalpha(), form
        assert plain_stem(form) != plain_stem(base), form
        assert form not in bases, form


def test_forms_of_lists_every_form_of_a_base() -> None:
    assert set(EN.forms_of("begin")) == {"begin", "began", "begun"}
    assert EN.forms_of("began")[0] == "began"
    assert EN.forms_of("arrest") == ("arrest",)


def test_the_related_words_file_loads_with_its_licence_and_pairs_the_rules_miss() -> None:
    """WordNet's related words ship as package data with WordNet's licence; a pair the stemmer or the close-form
    rule already ties does not belong in the file (scripts/related_words.py filters both)."""
    from importlib import resources

    from askdocs.answering.word_match import close_forms
    from askdocs.text.stem import stem

    assert "Princeton University" in resources.files("askdocs.lang").joinpath("WORDNET_LICENSE").read_text()
    pairs = word_pairs(EN.related_file)
    assert len(pairs) > 1000 and EN.related["own"] >= {"owner"} and "own" in EN.related["owner"]
    for a, b in pairs:
        assert a.isalpha() and a.islower() and b.isalpha() and b.islower() and a < b, (a, b)
        assert stem(a) != stem(b) and not close_forms([stem(a)], {stem(b)}), (a, b)
