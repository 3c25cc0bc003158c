"""A search whose words no document uses still lists the passages closest in meaning (the dense half always finds
some), and says so: a note on stderr, and "keyword_match": false in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import fake_commands
from tests.support import run_cli as run


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text("The ferry leaves the harbour at noon.\n")
    (corpus / "cranes.txt").write_text("The harbour cranes were painted green in April.\n")
    fake_commands(monkeypatch, tmp_path)
    assert run(capsys, "index")[0] == 0
    return tmp_path


@pytest.mark.parametrize("documents", [[], ["--documents"]])
def test_words_no_document_uses_give_results_marked_as_meaning_only(
    folder: Path, capsys: pytest.CaptureFixture[str], documents: list[str]
) -> None:
    code, out, err = run(capsys, "search", *documents, "xyzzy plugh")
    what = "document" if documents else "passage"
    assert code == 0 and out.strip() and f"note: no {what} uses the query's words" in err
    code, out, err = run(capsys, "search", *documents, "--json", "xyzzy plugh")
    assert code == 0 and json.loads(out)["keyword_match"] is False
    code, out, err = run(capsys, "search", *documents, "harbour cranes")
    assert code == 0 and "note:" not in err
    code, out, err = run(capsys, "search", *documents, "--json", "harbour cranes")
    assert json.loads(out)["keyword_match"] is True


@pytest.mark.parametrize("documents", [[], ["--documents"]])
def test_a_misspelt_word_the_keyword_index_reads_alike_is_no_keyword_match(
    folder: Path, capsys: pytest.CaptureFixture[str], documents: list[str]
) -> None:
    """The keyword index reduces words to their stems, and "Glenmorangy" and "Glenmorangie" share one: it ranks the
    passage first, but no result uses the word typed, so the results are said to be the closest in meaning. A form
    of a word the documents use ("arrests" for "arrested"), or the word in another case or with "'s", is a match."""
    (folder / "corpus" / "whisky.txt").write_text(
        "Pernod lost the race to buy Glenmorangie, the Scotch distiller.\n\nTwo men were arrested in Tain.\n"
    )
    assert run(capsys, "index")[0] == 0
    what = "document" if documents else "passage"
    code, out, err = run(capsys, "search", *documents, "Glenmorangy")
    assert code == 0 and "whisky.txt" in out and f"note: no {what} uses the query's words" in err
    code, out, err = run(capsys, "search", *documents, "--json", "Glenmorangy")
    assert json.loads(out)["keyword_match"] is False
    for text in ("GLENMORANGIE", "Glenmorangie's sale", "arrests", "Pernod"):
        code, out, err = run(capsys, "search", *documents, "--json", text)
        assert json.loads(out)["keyword_match"] is True, text
        code, out, err = run(capsys, "search", *documents, text)
        assert "note:" not in err, text


@pytest.mark.parametrize("documents", [[], ["--documents"]])
def test_a_form_of_a_word_the_keyword_index_matched_is_a_keyword_match(
    folder: Path, capsys: pytest.CaptureFixture[str], documents: list[str]
) -> None:
    """The keyword index stems with Porter: "using" finds "use", "happiness" finds "happy", and the results use
    the query's word in another form; a query of small words only ("The Who") matches by the keyword index alone, for
    passages and documents alike, and not when no document says it ("The The")."""
    corpus = folder / "corpus"
    (corpus / "pumps.txt").write_text("Pumps\n\nWe use the pump to drain the cellar.\n\nThe wires were connected.\n")
    (corpus / "cook.txt").write_text("Cooking\n\nThe organizers were happy. Men aged 40 cooked.\n")
    (corpus / "bands.txt").write_text("Bands\n\nThe Who played at Woodstock in 1969.\n")
    assert run(capsys, "index")[0] == 0
    what = "documents" if documents else "passages"
    for text in (
        "using",
        "used",
        "connection",
        "organization",
        "happiness",
        "ages",
        "The Who",
    ):
        code, out, err = run(capsys, "search", *documents, "--json", text)
        assert code == 0 and json.loads(out)["keyword_match"] is True, text
        code, out, err = run(capsys, "search", *documents, text)
        assert "note:" not in err, text
    code, out, err = run(capsys, "search", *documents, "--json", "The Who")
    assert "bands.txt" in json.loads(out)[what][0]["path"] and json.loads(out)[what][0]["lexical_rank"] == 1
    code, out, err = run(capsys, "search", *documents, "--json", "The The")
    assert code == 0 and json.loads(out)["keyword_match"] is False


def test_a_document_is_judged_by_its_title_and_the_passages_the_keyword_index_matches(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether a document found by keywords uses the query's words is read from its title and the few passages of it
    the keyword index matches, never its whole text (megabytes, for a long one)."""
    filler = [f"Paragraph {n} tells of the weather on the coast in spring." for n in range(300)]
    filler[250] = "Two men were arrested near the distillery that makes Glenmorangie."
    (folder / "corpus" / "long.txt").write_text("Coast diary\n\n" + "\n\n".join(filler) + "\n")
    assert run(capsys, "index")[0] == 0

    def whole_text(*args: object, **kwargs: object) -> str:
        raise AssertionError("the document's whole text was read")

    monkeypatch.setattr("askdocs.store.index_store.IndexStore.document_text", whole_text)
    for text, matched in (("arrests", True), ("Coast diaries", True), ("Glenmorangy", False)):
        code, out, err = run(capsys, "search", "--documents", "--json", text)
        assert code == 0 and json.loads(out)["keyword_match"] is matched, text
        assert "long.txt" in json.loads(out)["documents"][0]["path"], text


@pytest.mark.parametrize("documents", [[], ["--documents"]])
def test_a_misspelt_word_no_sentence_uses_gets_the_corpus_spelling_offered(
    folder: Path, capsys: pytest.CaptureFixture[str], documents: list[str]
) -> None:
    """ "habour" is no word of the documents and stems like none: the results are the closest in meaning, and the
    note offers the spelling the documents use, as a refused question does; a word with no close spelling gets no
    offer, and a search that matches offers nothing."""
    code, out, err = run(capsys, "search", *documents, "habour")
    assert code == 0 and "(did you mean “harbour”?)" in err
    code, out, err = run(capsys, "search", *documents, "--json", "habour")
    assert json.loads(out)["did_you_mean"] == ["harbour"]
    code, out, err = run(capsys, "search", *documents, "--json", "xyzzy plugh")
    assert json.loads(out)["did_you_mean"] == []
    code, out, err = run(capsys, "search", *documents, "--json", "harbour cranes")
    assert json.loads(out)["did_you_mean"] == []
