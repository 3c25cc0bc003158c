"""A text on one long line (a minified dump, words set apart by tabs or runs of spaces, words with no space between)
splits into the same sentences at the same offsets as before, in work that grows with its length, not its square:
the work is counted in lines of Python run and characters of the text read, never timed."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType

from askdocs.ingest.dates import resolve_document_dates
from askdocs.ingest.timeline import is_reference, sentence_dates
from askdocs.text.blocks import _lines
from askdocs.text.sentences import split_sentences
from askdocs.text.text_tables import table_rows

ONE_LINE = (
    "Year\tShips\tTonnage  Revenue\tBerths The port closed.Then it opened again in May.  Ferries ran\t\tlate."
    ' The pier (at example.Com) reopened.No boats sailed vs.Brazil on Monday."Yes," she said.Later\u00a0that day'
    " the tide rose.End"
)
CR_TABLE = (
    "   Ferry    Departs\r   North    09:00\r   South    17:30\r\rThe ferries run daily.\n"
    "  Tickets cost\t\tfive pounds.\n"
)
WORDS = ["Alpha", "beta", "gamma", "delta.", "Epsilon", "zeta", "eta", "theta!", "Iota", "kappa", "lambda?", ""]


def test_a_one_line_text_of_tabs_and_glued_sentences_splits_where_it_did() -> None:
    found = [(s.start, s.end, s.text) for s in split_sentences(ONE_LINE)]
    assert found == [
        (0, 51, "Year\tShips\tTonnage  Revenue\tBerths The port closed."),
        (51, 79, "Then it opened again in May."),
        (81, 99, "Ferries ran\t\tlate."),
        (100, 121, "The pier (at example."),
        (121, 135, "Com) reopened."),
        (135, 172, 'No boats sailed vs.Brazil on Monday."'),
        (172, 187, 'Yes," she said.'),
        (187, 216, "Later\u00a0that day the tide rose."),
        (216, 219, "End"),
    ]


def test_an_indented_table_between_carriage_returns_keeps_its_rows() -> None:
    found = [(s.start, s.end, s.text) for s in split_sentences(CR_TABLE)]
    assert found == [
        (3, 19, "Ferry    Departs"),
        (23, 37, "North    09:00"),
        (41, 55, "South    17:30"),
        (57, 79, "The ferries run daily."),
        (82, 108, "Tickets cost\t\tfive pounds."),
    ]


def _lines_run(call: Callable[[], object], files: tuple[str, ...] = ("text_tables.py", "sentences.py")) -> int:
    """Lines of the splitting (or dating) code in `files` that `call` runs (a loop's turn counts one each time)."""
    ran = 0

    def trace(frame: FrameType, event: str, arg: object) -> Callable | None:  # noqa: ARG001
        nonlocal ran
        if not frame.f_code.co_filename.endswith(files):
            return None
        ran += event == "line"
        return trace

    sys.settrace(trace)
    try:
        call()
    finally:
        sys.settrace(None)
    return ran


def test_splitting_one_long_line_grows_with_its_length() -> None:
    """Twice the text runs about twice the lines (2.0 here): before, 3.8-4.0 (each gap of a line of tabs looked for
    the next gap from the line's start; each glued full stop read its words back to the text's start)."""
    for glue in ("\t", ""):  # words set apart by tabs; no space at all
        small, large = (_lines_run(lambda k=k, g=glue: split_sentences(g.join(WORDS * k))) for k in (40, 80))
        assert large < 2.6 * small


class _Reads(str):
    """A text that counts the characters its searches and lookups may read."""

    read = 0

    def __contains__(self, item: object) -> bool:
        _Reads.read += len(self)
        return super().__contains__(item)  # type: ignore[operator]

    def rfind(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        found = super().rfind(sub, start, end)
        _Reads.read += (len(self) if end is None else end) - max(found, start or 0)
        return found

    def __getitem__(self, key):  # noqa: ANN001, ANN204
        _Reads.read += 1 if isinstance(key, int) else len(range(*key.indices(len(self))))
        return super().__getitem__(key)


def test_a_lines_column_is_found_without_reading_the_whole_text_again() -> None:
    """Each line's column came from searching the whole text for a carriage return it does not hold: 2,000 lines
    read the text 2,000 times over."""
    text = "\n".join(f"  Row {i}    value {i}    more {i}" for i in range(2000))
    counted = _Reads(text)
    _Reads.read = 0
    rows = table_rows(counted, _lines(text))
    assert rows == table_rows(text, _lines(text))
    assert _Reads.read < 4 * len(text)


def _dated(count: int) -> str:
    """One sentence with no space to cut it at (a minified dump) naming `count` dates, some of them after "since"."""
    return "".join(
        f"item{i},since{2000 + i % 20}-0{1 + i % 9}-1{i % 9};paid(1{i % 9}March{1990 + i % 30})" for i in range(count)
    )


def test_dates_in_one_long_sentence_are_read_as_before() -> None:
    text = _dated(60)
    (mentions,) = resolve_document_dates([text], reference=None)
    (dates,) = sentence_dates([text], None)
    found = [(d.range.start.isoformat(), d.reference) for d in dates]
    assert found[:3] == [("2000-01-10", True), ("2001-02-11", True), ("2002-03-12", True)]
    assert (len(found), sum(r for _, r in found)) == (60, 60)
    kept = [m for m in mentions if m.range is not None]  # each date's clause read from the sentence's start
    assert [d.reference for d in dates] == [is_reference(text, m.start) for m in kept]


def test_dating_one_long_sentence_grows_with_its_dates() -> None:
    """Before, 3.9 times the lines for twice the dates (2.0 now): each date's clause was found by reading the
    sentence from its start, and each date was checked against every date kept before it."""
    files = ("dates.py", "timeline.py")
    small, large = (_lines_run(lambda n=n: sentence_dates([_dated(n)], None), files) for n in (150, 300))
    assert large < 2.6 * small
