"""Previews open on the sentence that matches, at the line its citation would give, not on the passage's start."""

from __future__ import annotations

from dataclasses import dataclass

from askdocs.text.excerpt import Shown, flattened, past_header, previews

TEXT = (
    "The council met on Monday to discuss the budget.\n"
    "Several members left early.\n"
    "The harbour bridge will close for repairs in March, the mayor said.\n"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    line: int
    text: str


def sentences(text: str, offset: int, first_line: int, line_step: int = 1) -> list[Sentence]:
    """One sentence a line; `line_step` stands in for a file whose lines the extracted text does not keep."""
    out, at = [], 0
    for i, line in enumerate(text.splitlines(keepends=True)):
        out.append(Sentence(offset + at, offset + at + len(line.rstrip()), first_line + i * line_step, line.rstrip()))
        at += len(line)
    return out


def passage(document: str, text: str, offset: int, line: int, step: int = 1) -> Shown:
    return Shown(document, text, offset, line, sentences(text, offset, line, step))


def test_the_sentence_sharing_most_words_is_shown_at_its_own_line() -> None:
    (shown,) = previews([passage("a.txt", TEXT, 100, 7, step=3)], "When does the harbour bridge close?")
    assert shown.text.startswith("The harbour bridge will close")
    assert shown.line == 13  # the stored sentence's line, not a count of the passage's line breaks
    assert (shown.start, shown.end) == (100 + TEXT.index("The harbour"), 100 + TEXT.index("\n", TEXT.index("The h")))


def test_the_passage_start_when_its_first_sentence_matches_or_nothing_does() -> None:
    for query in ("What did the council discuss?", "volcanic eruptions", "the of and", ""):
        (shown,) = previews([passage("a.txt", TEXT, 100, 7)], query)
        assert (shown.start, shown.end, shown.line, shown.text) == (100, 100 + len(TEXT), 7, flattened(TEXT)), query


def test_overlapping_passages_of_one_document_do_not_open_on_the_same_sentence() -> None:
    second_start = TEXT.index("Several")
    first = passage("a.txt", TEXT, 0, 1)
    second = passage("a.txt", TEXT[second_start:], second_start, 2)
    shown = previews([first, second], "harbour bridge repairs; members")
    assert shown[0].text.startswith("The harbour bridge") and shown[0].line == 3
    assert shown[1].text.startswith("Several members")  # the bridge was shown: its next best is its start
    council = previews([first, passage("a.txt", TEXT, 0, 1)], "council budget members")  # a first sentence too
    assert council[0].line == 1 and council[1].text.startswith("Several members") and council[1].line == 2
    other = passage("b.txt", TEXT[second_start:], second_start, 2)  # the same offsets in another document
    assert previews([first, other], "harbour bridge")[1].text.startswith("The harbour bridge")


def test_a_heading_is_set_off_from_the_text_after_it() -> None:
    text = "Tension with U.S.\nEarlier this year, the government shut down an elite police unit.\n"
    assert flattened(text) == "Tension with U.S. · Earlier this year, the government shut down an elite police unit."
    wrapped = "The committee agreed that the new rules would apply\nfrom the first of the month onwards.\n"
    assert flattened(wrapped) == " ".join(wrapped.split())  # a long wrapped line runs on


def test_the_lines_of_a_list_or_a_table_are_kept_apart() -> None:
    """Previews ran a list's lines together ("... Kestrel Point 17:00 Static Orchard"): lines the document broke on
    purpose are kept apart by " · ", while the lines of a wrapped paragraph still run on."""
    times = "Kestrel Point 17:00\nStatic Orchard 17:30\nMillbrook Quay 18:15\n"
    assert flattened(times) == "Kestrel Point 17:00 · Static Orchard 17:30 · Millbrook Quay 18:15"
    table = "Pier | Departure\n\nKestrel Point | 17:00\n\nStatic Orchard | 17:30"  # rows of a Word or HTML table
    assert flattened(table) == "Pier | Departure · Kestrel Point | 17:00 · Static Orchard | 17:30"
    bullets = "The ferries call at three piers:\n- Kestrel Point 17:00\n- Static Orchard 17:30\n"
    assert flattened(bullets) == "The ferries call at three piers: · Kestrel Point 17:00 · Static Orchard 17:30"
    opening = "- Kestrel Point 17:00\n- Static Orchard 17:30\n"  # a passage that opens on the list
    assert flattened(opening) == "Kestrel Point 17:00 · Static Orchard 17:30"
    rows = (  # a table's rows as indexed (cells joined by " | "), of about one length, the first rows dated
        "2022-01-14 | Acme files suit in Delaware\n2023-06-02 | Judge Marisol Varga denies summary judgment\n"
        "2023-10-30 | Settlement signed in Wilmington\n2024-02-01 | Payment made in Dover\n"
    )
    assert flattened(rows).count(" · ") == 3
    dashes = "Score: 3 - 1 to the home side.\nPrices rose - the most since 2019.\n"  # a dash inside a line stays
    assert flattened(dashes) == "Score: 3 - 1 to the home side. · Prices rose - the most since 2019."
    items = (  # items long enough to look wrapped, all the same length
        "Kestrel Point 17:00 daily except Sundays and public holidays in the winter months\n"
        "Static Orchard 17:30 daily except Sundays and public holidays in the winter months\n"
        "Millbrook Quay 18:15 on weekdays only, weather permitting, from the northern pier\n"
    )
    assert flattened(items).count(" · ") == 2 and "months · Static Orchard 17:30" in flattened(items)
    paragraphs = "Kestrel Point reopened in May after the storm. " * 4 + "\n" + "The quay closed in June. " * 5
    assert flattened(paragraphs).count(" · ") == 1  # one paragraph a line, however long
    prose = (
        "It is a truth universally acknowledged, that a single man in\n"
        "possession of a good fortune, must be in want of a wife. However\n"
        "little known the feelings or views of such a man may be on his\n"
        "first entering a neighbourhood, this truth is so well fixed in\n"
        "the minds of the surrounding families, that he is considered as\n"
        "the rightful property of some one or other of their daughters.\n"
    )
    assert flattened(prose) == " ".join(prose.split())


def test_a_flattened_preview_holds_no_control_a_document_wrote() -> None:
    """The separators are askdocs' own: the document's escape sequences, controls and line breaks of every kind
    never reach the terminal through a preview."""
    text = "Kestrel\x1b[2J Point\r\nStatic\x1b]0;PWNED\x07 Orchard\rMill\x9b31mbrook\x0bQuay\u202e end\tx\n"
    shown = flattened(text)
    assert shown == "Kestrel Point · Static Orchard · Millbrook · Quay end x"
    assert shown.isprintable()


def test_a_preview_opens_past_the_header_lines_a_text_file_opens_with() -> None:
    header = "Title: Council budget\nDate: 2025-03-04\n"
    text = header + TEXT
    end = len(header) - 1  # the header's last line ends before its line break
    (shown,) = previews([past_header(passage("a.txt", text, 0, 1), end)], "Council budget 2025")
    assert (shown.start, shown.line) == (len(header), 3) and shown.text.startswith("The council met on Monday")
    later = passage("a.txt", TEXT, len(header), 3)
    assert past_header(later, end) == later  # a passage past the header is as it is
    only = passage("a.txt", header, 0, 1)
    assert past_header(only, end) == only  # a passage of header lines alone is shown as it is


def test_a_preview_runs_on_where_the_sentence_was_wrapped_mid_way() -> None:
    """A line wrapped mid-sentence before a lower-case line, or on a small word ("... apply to the"), runs on in a
    preview as the sentence splitter reads it, even in a text whose lines are of no usual wrap width (a long line
    before them): the preview said "voted · to open membership". Headings and numbered items stay apart."""
    from askdocs.text.sentences import split_sentences

    long = "See https://www.example.org/" + "a" * 130
    text = (
        f"{long}\n\nThe twelfth annual general meeting, held in 1995, voted\n"
        "to open membership to everyone in the parish.\nThe committee agreed to apply to the\n"
        "Coastal Communities Fund for two thirds of the cost of it.\n\nIngredients\nflour"
    )
    expected = [
        "The twelfth annual general meeting, held in 1995, voted to open membership to everyone in the parish.",
        "The committee agreed to apply to the Coastal Communities Fund for two thirds of the cost of it.",
        "Ingredients",
        "flour",
    ]
    assert flattened(text).split(" · ")[1:] == expected
    assert [" ".join(s.text.split()) for s in split_sentences(text)][1:] == expected
    assert (
        flattened("Annual report\nSales rose 4 percent in 2023.\n") == "Annual report · Sales rose 4 percent in 2023."
    )
    assert (
        flattened("Steps\n1. Sign up\n2. Log in\n3. Pick a plan\n") == "Steps · 1. Sign up · 2. Log in · 3. Pick a plan"
    )


MAN = (
    "       The amount of compression obtained depends on the size of the input and\n"
    "       the distribution of common substrings.  Typically, text such as  source\n"
    "       code  or  English is reduced by 60-70%.  Compression is generally much\n"
    "       better than that achieved by LZW (as used in compress), Huffman  coding\n"
    "       (as used in pack), or adaptive Huffman coding (compact).\n"
)
"""A justified paragraph of a man page saved as text: indented, its spaces widened to fill each line."""


def test_a_preview_opening_inside_a_wrapped_line_runs_on_at_that_lines_wrap() -> None:
    """A preview opening on a sentence that starts mid-line measured only its part of that line, which looked
    short, not wrapped: "Typically, text such as source · code or English ..."."""
    typically = MAN.index("Typically")
    pieces = [Sentence(typically, MAN.index("%.") + 2, 2, MAN[typically : MAN.index("%.") + 2])]
    whole = Shown("gzip.1.txt", MAN, 0, 1, [Sentence(7, typically - 2, 1, MAN[7 : typically - 2]), *pieces])
    (opened,) = previews([whole], "English text reduced")  # the sentence found inside the passage
    assert opened.text.startswith("Typically, text such as source code or English") and " · " not in opened.text
    started = Shown("gzip.1.txt", MAN[typically:], typically, 2, pieces, lead=MAN[:typically].rsplit("\n", 1)[-1])
    (opened,) = previews([started], "volcanic eruptions")  # a passage that starts inside the line, shown whole
    assert " · " not in opened.text and "much better" in opened.text


def test_a_wrapped_paragraph_whose_lines_open_on_names_runs_on() -> None:
    """A hard-wrapped paragraph whose lines happen to open on names ("said the minister" / "Jane Smith ...") was
    kept apart line by line, as a list of long capitalised items is: a sentence that runs on into a line or ends
    inside one shows prose, whose wrapped lines run on; numbered items are still kept apart."""
    text = (
        "The new harbour wall will be finished before the winter storms, said the minister\n"
        "Jane Smith at the opening of the works on Monday. The ferry will run again from\n"
        "March, when the repairs to the landing stage are done, the harbour master Tom\n"
        "Jones told the crowd that had gathered on the north pier for the opening.\n"
    )
    assert flattened(text) == " ".join(text.split())
    numbered = text + "1. Sign up on the website before the end of the month\n2. Collect the pass at the pier\n"
    shown = flattened(numbered)
    assert " · " not in shown.split(" · 1. ")[0]
    assert shown.endswith(" · 1. Sign up on the website before the end of the month · 2. Collect the pass at the pier")
