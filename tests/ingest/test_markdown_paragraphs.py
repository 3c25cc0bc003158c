"""Markdown's soft line breaks (CommonMark): the lines of one paragraph are one run of text, whatever their
lengths, so a sentence broken over them is cited whole at its true line; list items, table rows, headings, block
quotes that open, code and hard breaks still break. A Wikipedia paragraph of 120-170 character lines, each ending
mid-sentence, was cited as "in France after the Millau Viaduct." and "... the second tallest free-standing
structure"."""

from __future__ import annotations

from pathlib import Path

from askdocs.ingest.columns import markdown_column
from askdocs.ingest.documents import read_document
from askdocs.ingest.layout import Layout
from askdocs.ingest.markdown import read_markdown
from askdocs.ingest.passages import chunk_text
from askdocs.text.excerpt import Shown, flattened, previews
from askdocs.text.sentences import Sentence, split_sentences

EIFFEL = (  # the file's own lines, trailing spaces and all
    "# Eiffel Tower\n"
    "\n"
    "The tower is 324 metres (1,063 ft) tall, about the same height as an 81-storey building, and the tallest "
    "structure in Paris. \n"
    "Its base is square, measuring 125 metres (410 ft) on each side. During its construction, the Eiffel Tower "
    "surpassed the Washington Monument to \n"
    "become the tallest man-made structure in the world, a title it held for 41 years until the Chrysler Building in "
    "New York City was finished in 1930. \n"
    "It was the first structure to reach a height of 300 metres. Due to the addition of a broadcasting aerial at the "
    "top of the tower in 1957, \n"
    "it is now taller than the Chrysler Building by 5.2 metres (17 ft). Excluding transmitters, the Eiffel Tower is "
    "the second tallest free-standing structure \n"
    "in France after the Millau Viaduct.\n"
)


def _sentences(source: str) -> list[str]:
    md = read_markdown(source)
    return [" ".join(s.text.split()) for s in split_sentences(md.text, md.layout.soft_breaks)]


def test_a_paragraph_of_long_lines_is_cited_by_whole_sentences_at_the_files_lines(tmp_path: Path) -> None:
    path = tmp_path / "eiffel-tower.md"
    path.write_text(EIFFEL, encoding="utf-8")
    doc = read_document(tmp_path, path)
    sentences, _ = chunk_text(doc.text, doc.layout.soft_breaks)  # as the index reads it
    cited = [s for s in sentences if doc.layout.citable(s.start, s.end)]
    assert [" ".join(s.text.split()) for s in cited] == [
        "The tower is 324 metres (1,063 ft) tall, about the same height as an 81-storey building, and the tallest "
        "structure in Paris.",
        "Its base is square, measuring 125 metres (410 ft) on each side.",
        "During its construction, the Eiffel Tower surpassed the Washington Monument to become the tallest man-made "
        "structure in the world, a title it held for 41 years until the Chrysler Building in New York City was "
        "finished in 1930.",
        "It was the first structure to reach a height of 300 metres.",
        "Due to the addition of a broadcasting aerial at the top of the tower in 1957, it is now taller than the "
        "Chrysler Building by 5.2 metres (17 ft).",
        "Excluding transmitters, the Eiffel Tower is the second tallest free-standing structure in France after the "
        "Millau Viaduct.",
    ]
    data = path.read_bytes()
    lines = EIFFEL.split("\n")
    for s in cited:  # each at the file line and column its first words stand on, as a wrapped sentence always was
        assert doc.text[s.start : s.end] == s.text
        line = doc.layout.line(doc.text, s.start)
        column = markdown_column(data, line, s.text)
        assert column is not None and lines[line - 1][column - 1 :].startswith(s.text.split("\n")[0].rstrip())
    assert [doc.layout.line(doc.text, s.start) for s in cited] == [3, 4, 4, 6, 6, 7]


def test_a_soft_break_joins_a_paragraph_whatever_its_lines_look_like() -> None:
    """CommonMark renders these as one line each: a short line, a capitalised next line, a list item's lazy
    continuation, a block quote's lazy line and a line opening with a number other than 1 are all soft breaks."""
    source = (
        "The ferry leaves the\nHarbour at nine and\nReturns at five.\n\nIngredients\nflour and sugar\n\n"
        "- an item that goes\n  On here\n\n> A quoted line that goes\non lazily.\n\n"
        "The tower opened in\n1889. It was the tallest.\n\n"  # a number opens no list inside a paragraph, but 1 would
        "The figures are shown on page\n12. They show growth.\n"  # as a list item's number, a page's stays in the line
    )
    assert _sentences(source) == [
        "The ferry leaves the Harbour at nine and Returns at five.",
        "Ingredients flour and sugar",
        "an item that goes On here",
        "A quoted line that goes on lazily.",
        "The tower opened in 1889.",
        "It was the tallest.",
        "The figures are shown on page 12.",
        "They show growth.",
    ]


def test_what_breaks_a_markdown_paragraph_still_breaks_it() -> None:
    source = (
        "Title: Harbour notes\nDate: 2024-05-01\n\n"
        "A line with a hard break  \nafter two spaces\nand one\\\nafter a backslash\n\n"
        "The ferries call at\n- Kestrel Point\n- Static Orchard\n1. first step\n2. second step\n\n"
        "A reply opens\n> with a quote that\n> goes on\n\n"
        "Departures\n| Pier | Time |\n|------|------|\n| Kestrel | 17:00 |\n| Orchard | 17:30 |\n\n"
        "    total = base * quantity\n    return total\n\n"
        "```\nfenced line one\nfenced line two\n```\n"
        "A paragraph line\n## A heading\nunder the heading\n"
    )
    assert _sentences(source) == [
        "Title: Harbour notes",  # header lines, never cited, stay lines of their own
        "Date: 2024-05-01",
        "A line with a hard break",
        "after two spaces and one",
        "after a backslash",
        "The ferries call at",
        "Kestrel Point",
        "Static Orchard",
        "first step",
        "second step",
        "A reply opens",
        "with a quote that goes on",
        "Departures",
        "Pier | Time",
        "Kestrel | 17:00",
        "Orchard | 17:30",
        "total = base * quantity",
        "return total",
        "fenced line one",
        "fenced line two",
        "A paragraph line",
        "A heading",
        "under the heading",
    ]


def test_a_backslash_hard_break_is_a_line_break_not_a_character(tmp_path: Path) -> None:
    """CommonMark's other hard break, a backslash at a line's end, breaks the line and is not read: "12 Harbour
    Street\\" was cited with its backslash. The line keeps its length, so the lines after it keep theirs; a
    backslash that breaks nothing (at a paragraph's end, escaped, in code) is the file's text and stays."""
    source = (
        "# Office\n\nThe office is at 12 Harbour Street\\\nLeeds, and it opens at nine.\n\n"
        "- Deliveries go to the back door\\\n  on Mill Lane.\n\n"
        "A path ends C:\\\\\nand goes on.\n\nRun it so:\n\n    ./configure \\\n        --prefix=/usr\n\n"
        "The last line keeps its\\\n"
    )
    path = tmp_path / "office.md"
    path.write_text(source, encoding="utf-8")
    doc = read_document(tmp_path, path)
    sentences, _ = chunk_text(doc.text, doc.layout.soft_breaks)
    assert [" ".join(s.text.split()) for s in sentences if doc.layout.citable(s.start, s.end)] == [
        "The office is at 12 Harbour Street",
        "Leeds, and it opens at nine.",
        "Deliveries go to the back door",
        "on Mill Lane.",
        "A path ends C:\\ and goes on.",  # an escaped backslash is one backslash, and no break
        "Run it so:",
        "./configure \\",
        "--prefix=/usr",
        "The last line keeps its\\",
    ]
    assert "The office is at 12 Harbour Street \n" in doc.text  # the backslash's place kept
    assert doc.layout.line(doc.text, doc.text.index("Leeds")) == 4
    (preview,) = previews([_shown(doc.text, doc.layout.soft_breaks)], "Harbour Street")
    assert preview.text.startswith("The office is at 12 Harbour Street · Leeds, and it opens at nine.")


def _shown(text: str, soft: tuple[int, ...] | None) -> Shown:
    """A whole Markdown text as one passage of a preview."""
    start = text.index("The office")
    pieces = [_Piece(s.start, s.end, 1, s.text) for s in split_sentences(text, soft) if s.start >= start]
    return Shown("office.md", text[start:], start, 3, pieces, soft)


def test_an_indented_paragraph_in_a_list_is_text_not_code() -> None:
    source = "- An item\n\n    Its second paragraph runs\n    On over two lines.\n\nAfter the list\n    goes on.\n"
    assert _sentences(source) == ["An item", "Its second paragraph runs On over two lines.", "After the list goes on."]


def test_the_soft_breaks_are_stored_with_the_layout() -> None:
    md = read_markdown("One line\nruns on.\n\n- item\n- item\n")
    assert md.layout.soft_breaks == (md.text.index("\nruns"),)
    assert Layout.from_json(md.layout.to_json()) == md.layout
    assert Layout.from_json(Layout().to_json()).soft_breaks is None  # plain text: the lines tell
    assert Layout.from_json('{"kind": "markdown"}').soft_breaks is None  # indexed before: the lines tell too


def test_a_markdown_preview_runs_a_paragraph_on_and_keeps_its_items_apart() -> None:
    """A preview read the Markdown paragraph by its line lengths: "... in Paris. · Its base is square"."""
    md = read_markdown(EIFFEL + "\n- Kestrel Point\n- Static Orchard\n")
    soft = md.layout.soft_breaks
    start = md.text.index("The tower")
    text = md.text[start:]
    assert flattened(md.text, soft) == (
        "Eiffel Tower · " + " ".join(md.text[start : md.text.index("\n\n- ")].split()) + " · Kestrel Point · Static "
        "Orchard"
    )
    assert "in Paris. Its base" in flattened(text, frozenset(o - start for o in soft))
    pieces = [Sentence(s.start, s.end, s.text) for s in split_sentences(md.text, soft) if s.start >= start]
    shown = [_Piece(p.start, p.end, md.layout.line(md.text, p.start), p.text) for p in pieces]
    passage = Shown("eiffel-tower.md", text, start, 3, shown, soft)
    (opening,) = previews([passage], "")  # no sentence matches: the passage from its start
    assert opening.text.startswith("The tower is 324 metres") and "in Paris. Its base is square" in opening.text
    (preview,) = previews([passage], "Millau Viaduct transmitters")
    assert preview.line == 7 and preview.text.startswith(
        "Excluding transmitters, the Eiffel Tower is the second tallest free-standing structure in France after the "
        "Millau Viaduct. · Kestrel Point"
    )


class _Piece:
    """A stored sentence as a preview reads it."""

    def __init__(self, start: int, end: int, line: int, text: str) -> None:
        self.start, self.end, self.line, self.text = start, end, line, text
