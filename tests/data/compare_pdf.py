"""Compares the two maintained PDF text extractors askdocs considered, for docs/formats.md: speed per page and
whether two columns drawn line by line across the page come out one after the other.

    .venv/bin/pip install pypdfium2        # not a dependency of askdocs; only this comparison needs it
    .venv/bin/python tests/data/compare_pdf.py [more.pdf ...]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
LEFT = "The ferry operator hired twelve extra crew"
RIGHT = "Cyclists may take their bikes on board"
MACHINE_PDFS = [
    Path("/usr/share/doc/libtasn1-doc/libtasn1.pdf"),
    Path("/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf"),
]


def pdfium_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    out = []
    for i in range(len(pdf)):
        page = pdf[i]
        text = page.get_textpage()
        out.append(text.get_text_range())
        text.close()
        page.close()
    pdf.close()
    return out


def pdfminer_pages(path: Path) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return ["".join(e.get_text() for e in page if isinstance(e, LTTextContainer)) for page in extract_pages(path)]


def columns_in_order(pages: list[str]) -> str:
    """Whether the left column's sentence is whole and comes before the right column's."""
    flat = " ".join(" ".join(pages).split())
    if LEFT not in flat or RIGHT not in flat:
        return "no (columns mixed)"
    return "yes" if flat.index(LEFT) < flat.index(RIGHT) else "no (wrong order)"


def measure(extract: Callable[[Path], list[str]], path: Path) -> tuple[int, float, int]:
    extract(path)  # imports and caches warmed
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        pages = extract(path)
        best = min(best, time.perf_counter() - started)
    return len(pages), best * 1000 / max(1, len(pages)), sum(len(p.split()) for p in pages)


def main() -> None:
    paths = [HERE / "formats" / "report.pdf", *[p for p in MACHINE_PDFS if p.is_file()]]
    paths += [Path(a) for a in sys.argv[1:]]
    print("| file | pages | pypdfium2 ms/page | pdfminer.six ms/page | words (pdfium / pdfminer) |")
    print("| --- | --- | --- | --- | --- |")
    for path in paths:
        n, fast, fast_words = measure(pdfium_pages, path)
        _, slow, slow_words = measure(pdfminer_pages, path)
        print(f"| {path.name} | {n} | {fast:.1f} | {slow:.1f} | {fast_words} / {slow_words} |")
    report = HERE / "formats" / "report.pdf"
    print(
        f"\ntwo columns read in order: pypdfium2 {columns_in_order(pdfium_pages(report))},"
        f" pdfminer.six {columns_in_order(pdfminer_pages(report))}"
    )


if __name__ == "__main__":
    main()
