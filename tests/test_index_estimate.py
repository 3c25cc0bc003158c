"""The passage count an index run says before every file is read: judged by kind of file (a Word file's bytes are
not its words), said to be a first estimate, said again once exact, and naming the file that makes most of it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from askdocs.config import Settings
from askdocs.index_progress import PassageCount, Phase
from askdocs.indexer import index_corpus

FORMATS = Path(__file__).parent / "data" / "formats"
WORDS = ["worker", "request", "retry", "system", "timeout", "handler", "database", "queue", "connection", "cache"]


def _corpus(tmp_path: Path, log_lines: int) -> Path:
    """A Word file, a PDF, an EPUB and short notes (all read first), then a log of `log_lines` lines, read last."""
    corpus = tmp_path / "corpus"
    (corpus / "archive").mkdir(parents=True)
    for name in ("minutes.docx", "report.pdf", "book.epub", "notes.md", "harbour-bridge-closure.html"):
        shutil.copy(FORMATS / name, corpus / name)
    for i in range(6):
        (corpus / f"note{i}.txt").write_text(f"The ferry {i} leaves at dawn on weekdays.\n", encoding="utf-8")
    lines = (
        f"2025-07-01 10:{i // 60 % 60:02d}:{i % 60:02d} INFO worker-{i % 8} "
        + " ".join(WORDS[(i * 7 + k) % 10] for k in range(9))
        + "\n"
        for i in range(log_lines)
    )
    (corpus / "archive" / "server-log.txt").write_text("".join(lines), encoding="utf-8")
    return corpus


def _run(corpus: Path, tmp_path: Path) -> tuple[list[Phase], list[PassageCount]]:
    from tests.support import FakeEmbedder

    phases: list[Phase] = []
    counts: list[PassageCount] = []
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    index_corpus(settings, embedder=FakeEmbedder(), phases=phases.append, passages=counts.append)
    return phases, counts


def test_a_big_log_read_last_is_estimated_from_text_files_not_from_word_and_pdf_bytes(tmp_path: Path) -> None:
    phases, counts = _run(_corpus(tmp_path, 14_000), tmp_path)  # over 1 MB: read after everything else
    truth = counts[-1].done
    assert counts[-1].exact and truth > 500
    said = [p.label for p in phases if p.name == "embedding"]
    first = int(said[0].split()[2].replace(",", ""))
    assert truth / 1.5 < first < truth * 1.5, (said, truth)
    assert "a first estimate" in said[0]
    assert re.search(r"; about [\d,]+ from archive/server-log\.txt \(1\.\d MB\)$", said[0])  # most of the work
    assert said[-1].startswith(f"embedding {truth:,} passages; ") and "of them from archive/server-log.txt" in said[-1]


def test_work_spread_over_files_names_none(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(30):
        body = " ".join(f"Town {i} held meeting {j} about the bridge, the school and the market." for j in range(40))
        (corpus / f"town{i:03}.txt").write_text(body + "\n", encoding="utf-8")
    phases, _ = _run(corpus, tmp_path)
    assert all(" from " not in p.label for p in phases if p.name == "embedding")


def test_a_big_word_file_read_last_is_never_named_before_a_word_file_was_read(tmp_path: Path) -> None:
    """A 2.9 MB Word file of one sentence and a picture, read after a 0.5 MB text file, was named as most of the
    work ("about 2,800 from z-brochure.docx") from the text files' rate: no Word, PDF or EPUB file read yet, its
    count is a guess, and a guess names no file."""
    import os
    import zipfile

    import docx

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = " ".join(
        f"The harbour board met on day {j} to discuss the new ferry timetable and fares." for j in range(6000)
    )
    (corpus / "a-notes.txt").write_text(body + "\n", encoding="utf-8")
    document = docx.Document()
    document.add_paragraph("The brochure shows the new ferry.")
    document.save(corpus / "z-brochure.docx")
    with zipfile.ZipFile(corpus / "z-brochure.docx", "a") as package:  # a picture's worth of bytes that are no words
        package.writestr("word/media/noise.bin", os.urandom(2_900_000), compress_type=zipfile.ZIP_STORED)
    phases, counts = _run(corpus, tmp_path)
    said = [p.label for p in phases if p.name == "embedding"]
    assert not any("z-brochure.docx" in label for label in said), said
    assert said[-1].startswith(f"embedding {counts[-1].done:,} passages; ") and "a-notes.txt" in said[-1]
