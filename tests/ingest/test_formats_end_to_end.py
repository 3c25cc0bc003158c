"""A corpus of PDF, Word, EPUB, HTML and Markdown files (and three PDFs that cannot be read) indexed with the real
model, real FAISS and a real SQLite file: answers cite the page or section, and every quote is the indexed text."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from askdocs.answering import Answer, answer_question
from askdocs.config import Settings, load_settings
from askdocs.indexer import IndexReport, index_corpus
from askdocs.retrieval import Retriever
from askdocs.store import skipped

DATA = Path(__file__).parents[1] / "data"

pytestmark = pytest.mark.slow  # the real model


@pytest.fixture(scope="module")
def indexed_formats(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Iterator[tuple[Settings, IndexReport]]:  # noqa: ANN001
    root = tmp_path_factory.mktemp("formats")
    corpus = root / "corpus"
    shutil.copytree(DATA / "formats", corpus)
    for broken in (DATA / "broken").iterdir():
        shutil.copy(broken, corpus / broken.name)
    settings = load_settings({"corpus": corpus, "index": root / "index"}, cwd=root, environ={})
    report = index_corpus(settings, embedder=real_embedder)
    yield settings, report


@pytest.fixture(scope="module")
def retriever(indexed_formats, real_embedder) -> Iterator[Retriever]:  # noqa: ANN001
    opened = Retriever.open(indexed_formats[0], embedder=real_embedder)
    yield opened
    opened.close()


def _ask(retriever: Retriever, question: str) -> Answer:
    answer = answer_question(retriever, question)
    assert answer.found, (question, answer.reasons)
    for c in answer.citations:  # every quote is the exact slice of the text that was indexed
        doc = retriever.store.document(Path(c.path).name)
        assert doc is not None
        assert retriever.store.document_text(doc.id)[c.start : c.end] == c.quote
    return answer


def _first(answer: Answer, file: str, words: str):  # noqa: ANN202 - the Citation
    return next(c for c in answer.citations if c.path.endswith(file) and words in c.quote)


def test_unreadable_pdfs_are_warned_about_and_recorded_as_skipped(indexed_formats) -> None:  # noqa: ANN001
    settings, report = indexed_formats
    assert report.added == 5
    warnings = "\n".join(report.warnings)
    assert "scanned.pdf: no text layer; OCR is not enabled" in warnings
    assert "encrypted.pdf: encrypted PDF" in warnings and "damaged.pdf: damaged PDF" in warnings
    assert set(skipped.load(settings.index)) == {"scanned.pdf", "encrypted.pdf", "damaged.pdf"}
    assert "no text layer" in skipped.load(settings.index)["scanned.pdf"].reason


def test_a_pdf_answer_cites_its_page(retriever: Retriever) -> None:
    answer = _ask(retriever, "How many extra crew did the ferry operator hire?")
    c = _first(answer, "report.pdf", "twelve extra crew")
    assert (c.where, c.page, c.offsets_in) == ("p.2", 2, "extracted text")
    assert c.location().endswith("report.pdf p.2")


def test_a_word_answer_cites_its_section(retriever: Retriever) -> None:
    answer = _ask(retriever, "What did Councillor Okafor ask the ferries to carry?")
    c = _first(answer, "minutes.docx", "Okafor")
    assert (c.section, c.where, c.page) == ("Ferries", "§ Ferries ¶1", None)
    assert c.location().endswith("minutes.docx § Ferries ¶1")


def test_a_word_table_row_is_evidence_not_a_heading(retriever: Retriever) -> None:
    answer = _ask(retriever, "How much did the paint cost?")
    c = _first(answer, "minutes.docx", "Paint")
    assert c.quote == "Item: Paint | Cost: 1.1 million" and c.section == "Budget"  # named by the header row
    assert answer.citations[0] == c  # the row answers it: cited first


def test_an_html_answer_cites_its_section_not_a_line_of_extracted_text(retriever: Retriever) -> None:
    answer = _ask(retriever, "What will link the ferry piers with the railway station?")
    c = _first(answer, "harbour-bridge-closure.html", "shuttle bus")
    assert (c.section, c.where) == ("Getting across", "§ Getting across ¶2")


def test_json_citations_of_extracted_formats_have_no_line(retriever: Retriever) -> None:
    """A line of extracted text is no line of the file (an HTML page's line 3 is its <head> on disk): JSON gives
    null, as for the column, and the text output names the page or section."""
    cited = {
        "report.pdf": _first(_ask(retriever, "How many extra crew did the ferry operator hire?"), "report.pdf", "crew"),
        "minutes.docx": _first(
            _ask(retriever, "What did Councillor Okafor ask the ferries to carry?"), "docx", "Okafor"
        ),
        "page.html": _first(_ask(retriever, "What will link the ferry piers with the railway station?"), "html", "bus"),
    }
    for c in cited.values():
        row = json.loads(json.dumps(c.as_dict()))
        assert (row["line"], row["column"], row["offsets_in"]) == (None, None, "extracted text"), c.path
        assert c.location().endswith(f" {c.where}")
    markdown = _first(_ask(retriever, "Which award did Riverside Park win?"), "notes.md", "Best Green Space")
    assert isinstance(markdown.as_dict()["line"], int)


def test_an_epub_answer_cites_its_chapter(retriever: Retriever) -> None:
    answer = _ask(retriever, "How long did the lamp burn during the storm of 1953?")
    assert _first(answer, "book.epub", "three days").section == "The storm"


def test_a_markdown_answer_quotes_without_markup_and_cites_the_files_line(retriever: Retriever) -> None:
    answer = _ask(retriever, "Which award did Riverside Park win?")
    c = _first(answer, "notes.md", "Best Green Space")
    assert c.quote == "The Riverside Park won Best Green Space at the city awards."
    line = (DATA / "formats" / "notes.md").read_text(encoding="utf-8").split("\n")[c.line - 1]
    assert line.startswith("The **Riverside Park** won *Best Green Space*")
    assert (c.where, c.section, c.offsets_in) == (f"line {c.line}", "Awards", "text without markup")
    assert c.location().endswith(f"notes.md:{c.line}")


def test_headings_and_front_matter_are_never_cited(retriever: Retriever) -> None:
    headings = {"Awards", "Opening hours", "Budget", "Ferries", "Getting across", "Who pays", "The storm"}
    for question in ["What are the opening hours?", "What was the budget?", "Who pays for the repairs?"]:
        for c in answer_question(retriever, question).citations:
            assert c.quote.strip() not in headings and "Dana Whitfield" not in c.quote and "---" not in c.quote


def test_text_and_json_output_show_where_to_look(retriever: Retriever, indexed_formats) -> None:  # noqa: ANN001
    from askdocs.cli.render import answer_text, hit_line

    settings = indexed_formats[0]
    answer = _ask(retriever, "How much will the bridge repairs cost?")
    text = answer_text(answer, settings.corpus)
    assert "report.pdf p.3" in text or "harbour-bridge-closure.html § Who pays" in text
    assert ".pdf:" not in text and ".html:" not in text
    row = json.loads(json.dumps([c.as_dict() for c in answer.citations]))[0]
    assert {"where", "page", "section", "offsets_in"} <= set(row)
    hits = retriever.search("ferries bicycles season tickets", 5)
    lines = "\n".join(hit_line(h, settings.corpus) for h in hits)
    assert "report.pdf pp.1-3" in lines or "report.pdf p.2" in lines
    assert "minutes.docx §" in lines and "notes.md:" in lines
    assert all(h.as_dict()["where"] for h in hits)


def test_a_search_result_is_located_at_its_matching_sentence_not_its_passage_start(
    retriever: Retriever,
    indexed_formats,  # noqa: ANN001
) -> None:
    from askdocs.cli.render import hit_line

    settings = indexed_formats[0]
    query = "repair budget harbour bridge"
    hits = [h for h in retriever.search(query, 10) if h.passage.path.endswith("minutes.docx")]
    (preview,) = retriever.previews(hits[:1], query)
    assert "repair budget" in preview.text and hits[0].passage.where != "§ Budget ¶1"  # the passage opens higher
    assert preview.where == "§ Budget ¶1"
    assert "minutes.docx § Budget ¶1" in hit_line(hits[0], settings.corpus, preview)
