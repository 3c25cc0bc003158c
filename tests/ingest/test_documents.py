from pathlib import Path

import pytest

from askdocs.errors import UnreadableDocument
from askdocs.ingest.documents import discover, read_document


def test_discover_finds_supported_files_and_skips_hidden(tmp_path: Path) -> None:
    names = ["a.txt", "b.md", "c.html", "d.pdf", "e.docx", "f.epub", "g.doc", ".hidden.txt", "sub/e.txt", ".git/f.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["a.txt", "b.md", "c.html", "d.pdf", "e.docx", "f.epub", "sub/e.txt"]


def test_invalid_utf8_is_read_as_windows_1252_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 au lait.".encode("latin-1"))
    doc = read_document(tmp_path, path)
    assert doc.text == "Café au lait." and doc.warning and "latin1.txt" in doc.warning and "Windows-1252" in doc.warning


@pytest.mark.parametrize(
    ("name", "data", "why"), [("bin.txt", b"\x00\x01\x02abc", "binary"), ("e.txt", b"  \n\n", "empty")]
)
def test_binary_and_empty_files_are_unreadable(tmp_path: Path, name: str, data: bytes, why: str) -> None:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(UnreadableDocument, match=why):
        read_document(tmp_path, tmp_path / name)


def test_text_header_gives_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("---\ntitle: Floods in the north\ndate: 2021-07-05\n---\nRain fell for days.\n")
    doc = read_document(tmp_path, path)
    assert doc.title == "Floods in the north"
    assert doc.published == "2021-07-05"


@pytest.mark.parametrize(
    ("date", "published", "other"),
    [
        ("12/03/2024", "2024-12-03", "2024-03-12"),
        ("05.07.21", "2021-05-07", "2021-07-05"),
        ("05.07.99", "1999-05-07", "1999-07-05"),
        ("Tue, 12/03/2024 10:00", "2024-12-03", "2024-03-12"),
        ("12/03/2024T10:00", "2024-12-03", "2024-03-12"),
    ],
)
def test_a_date_either_order_reads_is_read_month_first_with_a_warning(
    tmp_path: Path, date: str, published: str, other: str
) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(f"Title: Minutes\nDate: {date}\n\nThe board met.\n")
    doc = read_document(tmp_path, path)
    assert doc.published == published
    assert (
        doc.warning == f"{path}: the date {date!r} is read month first, as {published}; if it means {other}, write that"
    )


@pytest.mark.parametrize("date", ["25/03/2024", "03/03/2024", "2024-03-12", "March 12, 2024"])
def test_a_date_only_one_order_reads_has_no_warning(tmp_path: Path, date: str) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(f"Title: Minutes\nDate: {date}\n\nThe board met.\n")
    doc = read_document(tmp_path, path)
    assert doc.published and doc.warning is None


def test_html_goes_through_the_article_extractor(tmp_path: Path) -> None:
    body = " ".join(["The council approved the new bridge over the river on Monday."] * 6)
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Bridge approved</title><meta name='date' content='2021-03-04'></head><body>"
        "<nav>Home | Sports | Weather</nav><article><h1>Bridge approved</h1>"
        f"<p>{body}</p><p>Work starts in May next year, the mayor said.</p></article>"
        "<footer>Copyright 2021 Example News</footer></body></html>"
    )
    doc = read_document(tmp_path, path)
    assert "approved the new bridge" in doc.text
    assert "Home | Sports" not in doc.text and "Copyright" not in doc.text
    assert doc.title == "Bridge approved"


def test_sha256_is_of_the_file_bytes(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "a.txt"
    path.write_bytes(b"Hello there.\r\nSecond line.\r\n")
    doc = read_document(tmp_path, path)
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.text == "Hello there.\r\nSecond line.\r\n"


def test_the_html_cleaner_trafilatura_needs_is_declared() -> None:
    import importlib.util
    import re
    import tomllib

    from tests.support import REPO

    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {re.split(r"[<>=!~ ;]", dep, maxsplit=1)[0].lower().replace("-", "_") for dep in deps}
    assert names & {"lxml_html_clean", "lxml[html_clean]"}
    assert importlib.util.find_spec("lxml_html_clean") is not None


@pytest.mark.parametrize(
    ("meta", "published", "warned"),
    [
        ('<meta name="date" content="03/04/2024">', "2024-03-04", True),
        ('<meta property="article:published_time" content="12/03/2024">', "2024-12-03", True),
        ('<meta name="date" content="15/03/2024">', "2024-03-15", False),
        ('<meta name="date" content="2024-03-04T10:00:00Z">', "2024-03-04", False),
        (  # a plain date beside the both-ways one: the plain one decides, with no warning
            '<meta property="article:published_time" content="2024-04-03T10:00Z">'
            '<meta name="date" content="03/04/2024">',
            "2024-04-03",
            False,
        ),
        ('<meta name="description" content="03/04/2024"><meta name="date" content="2024-04-03">', "2024-04-03", False),
    ],
)
def test_a_web_pages_date_reads_as_a_text_files_does(tmp_path: Path, meta: str, published: str, warned: bool) -> None:
    """The same numeric date gives the same day, and the same warning, in an HTML <meta> as in a text header."""
    path = tmp_path / "page.html"
    body = "<p>The council met on Tuesday night and voted to close the old bridge to traffic for repairs.</p>" * 3
    path.write_text(f"<html><head><title>Bridge</title>{meta}</head><body><article>{body}</article></body></html>")
    doc = read_document(tmp_path, path)
    assert doc.published == published
    assert ("is read month first" in (doc.warning or "")) is warned


def test_a_web_page_without_a_date_in_its_markup_has_none_from_its_text(tmp_path: Path) -> None:
    """An event the page tells of ("On 22 May 2005, ...") is not when it was published: only the page's own markup
    (<meta>, <time>) dates it, as a text file's header does."""
    body = (
        "<p>On 22 May 2005, after the party lost the state election, the chancellor called for a vote.</p>"
        "<p>The motion failed by a margin of only two votes, and the government stayed in office.</p>" * 2
    )
    path = tmp_path / "vote.html"
    path.write_text(f"<html><head><title>The vote</title></head><body><h1>The vote</h1>{body}</body></html>")
    assert read_document(tmp_path, path).published is None
    dated = tmp_path / "dated.html"
    dated.write_text(f"<html><head><title>The vote</title><meta name='date' content='2021-03-04'></head><body>{body}")
    assert read_document(tmp_path, dated).published == "2021-03-04"
