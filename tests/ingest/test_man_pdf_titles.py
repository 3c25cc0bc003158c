"""Man pages printed to PDF are titled by their NAME section; other PDFs that look a little like one are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document

MAN_PDFS = Path(__file__).parents[1] / "data" / "man"
r"""Man pages printed to PDF from their sources beside them: `groff -man -Tps ferry.1 | ps2pdf - ferry.1.pdf` (a page
whose running head stays in the text; harbour.1.pdf has three, whose running heads are taken out as such;
git-log.1's name is typed "GIT\-LOG", printed with a minus sign; git-log-titled.1.pdf records the title "GIT-LOG(1)":
`groff -man -Tps git-log.1 | sed '1a [ /Title (GIT-LOG\(1\)) /DOCINFO pdfmark' | ps2pdf - git-log-titled.1.pdf`).
pier.1 is a BSD (mdoc) page: `groff -mdoc -Tps pier.1 | ps2pdf - pier.1.pdf`.
berth-form.pdf is a form that is no man page (tests/data/make_data.py)."""


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("ferry.1.pdf", "ferry - print the ferry timetable between the two piers"),
        (
            "harbour.1.pdf",
            "harbour - report the berths, tides and closures of the harbour, with the notices the harbour master"
            " has posted this week",
        ),
        ("git-log.1.pdf", "git-log - show the ferry commit logs of the harbour"),
        ("git-log-titled.1.pdf", "git-log - show the ferry commit logs of the harbour"),  # "GIT-LOG(1)" says less
        ("pier.1.pdf", "pier — list the berths free at the north pier"),  # BSD mdoc prints "PIER (1)"
        ("berth-form.pdf", "Berth application form"),  # a code in two corners and a NAME field: no man page
    ],
)
def test_a_man_page_printed_to_pdf_is_titled_by_its_name_section(name: str, title: str) -> None:
    assert read_document(MAN_PDFS, MAN_PDFS / name).title == title


def test_only_a_page_name_printed_twice_in_the_margin_makes_a_man_page() -> None:
    from askdocs.ingest.man_page import printed_man_page

    def printed_man_title(blocks: list[tuple[str, bool]]) -> str | None:
        found = printed_man_page(blocks)
        return found[1] if found else None

    page = [
        ("CP(1)", True),
        ("NAME", True),
        ("User Commands", True),
        ("CP(1)", True),
        ("cp \u2212 copy \ufb01les", False),
    ]
    assert printed_man_title(page) == "cp - copy files"
    assert printed_man_title([("Item(2)", True), ("NAME", False), ("A list of items", False)]) is None
    assert printed_man_title([("Item(2)", False), ("Item(2)", False), ("NAME", False), ("A list", False)]) is None
    # a name with a hyphen, printed with a minus sign
    assert (
        printed_man_title(
            [("GIT\u2212LOG(1)", True), ("GIT\u2212LOG(1)", True), ("NAME", True), ("git-log \u2212 show", False)]
        )
        == "git-log - show"
    )
    # the NAME section must open on the page's name: a form's code in two corners and its NAME field are no man page
    form = [("HB-7(2024)", True), ("HB-7(2024)", True), ("NAME", True), ("Write your full name here.", False)]
    assert printed_man_title(form) is None
    assert printed_man_title([("GZIP(1)", True), ("GZIP(1)", True), ("NAME", True), ("gzip, zcat - compress", False)])
    assert (
        printed_man_title([("GIT(1)", True), ("GIT(1)", True), ("NAME", True), ("git-log - show logs", False)]) is None
    )


def test_a_recorded_title_comes_before_a_man_pages_name_section_unless_it_only_names_the_page() -> None:
    from askdocs.ingest.man_page import own_title

    assert own_title("GIT-LOG(1)", "GIT-LOG") and own_title("cp", "CP") and own_title("cp.1", "CP")
    assert not own_title("Berth application form", "HB-7") and not own_title("cp manual", "CP")
