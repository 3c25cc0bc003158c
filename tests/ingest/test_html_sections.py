"""A web page's citations name the section they are in. On a short page, or one whose text is not inside an
article container, trafilatura keeps only the paragraphs: the <h1> that repeats the <title> went, and every section
heading after it with it, so "§ Accounts ¶4" was cited as "¶6"."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.ingest.documents import read_document
from tests.support import fake_commands
from tests.support import run_cli as run

INTRO = (
    "<p>The harbour ferries leave from three piers every afternoon during the summer season, the authority said.</p>"
    "<p>Tickets are sold on board and at the kiosk on each pier, and children travel free at weekends.</p>"
)
ACCOUNTS = (
    "<h2>Accounts</h2>"
    "<p>The authority's accounts for the year showed a small surplus from ticket sales and mooring fees.</p>"
    "<p>Staff costs rose with the new evening crossings to the islands.</p>"
    "<p>Fuel was bought ahead at a fixed price for the whole winter.</p>"
    "<p>Its reserves grew by four percent over the year, the treasurer told the board.</p>"
)


def _page(h1: str, body: str, around: str = "{}") -> str:
    return f"<html><head><title>Harbour ferries</title></head><body>{around.format(h1 + body)}</body></html>"


def _where(tmp_path: Path, html: str, phrase: str) -> tuple[str, list[str]]:
    """Where a citation of `phrase` in the page `html` points, and the page's sections."""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    doc = read_document(tmp_path, tmp_path / "page.html")
    return doc.layout.place(doc.text.index(phrase)).where, [h[2] for h in doc.layout.headings]


@pytest.mark.parametrize("h1", ["Harbour ferries", "Ferries from the harbour"], ids=["h1-is-the-title", "h1-differs"])
@pytest.mark.parametrize("around", ["{}", "<div>{}</div>", "<section>{}</section>", "<article>{}</article>"])
def test_a_section_heading_after_the_title_names_its_section(tmp_path: Path, h1: str, around: str) -> None:
    html = _page(f"<h1>{h1}</h1>", INTRO + ACCOUNTS, around)
    assert _where(tmp_path, html, "Its reserves grew") == ("§ Accounts ¶4", [h1, "Accounts"])
    assert _where(tmp_path, html, "Tickets are sold")[0] == f"§ {h1} ¶2"


def test_an_xhtml_page_with_an_xml_declaration_keeps_its_sections(tmp_path: Path) -> None:
    """XHTML opens with `<?xml ... encoding="utf-8"?>`, which lxml refuses in a str: the headings were not put back."""
    xhtml = '<?xml version="1.0" encoding="utf-8"?>\n' + _page("<h1>Harbour ferries</h1>", INTRO + ACCOUNTS)
    assert _where(tmp_path, xhtml, "Its reserves grew") == ("§ Accounts ¶4", ["Harbour ferries", "Accounts"])


def test_the_headings_of_menus_and_sidebars_name_no_section(tmp_path: Path) -> None:
    nav = "<nav><h2>Menu</h2><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li></ul></nav>"
    aside = "<aside><h3>Latest news</h3></aside>"
    html = _page("", nav + INTRO + aside + ACCOUNTS)
    assert _where(tmp_path, html, "Tickets are sold") == ("¶2", ["Accounts"])
    assert _where(tmp_path, html, "Its reserves grew")[0] == "§ Accounts ¶4"


def test_an_answer_from_such_a_page_cites_its_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "ferries.html").write_text(_page("<h1>Harbour ferries</h1>", INTRO + ACCOUNTS))
    fake_commands(monkeypatch, tmp_path)
    assert run(capsys, "index")[0] == 0
    code, out, _ = run(capsys, "search", "reserves grew four percent treasurer")
    assert code == 0 and out.startswith("1. corpus/ferries.html § Accounts ¶4 "), out
