"""Man pages and pydoc output saved as text, indexed and asked with the real model: the answer cites an option's or
a function's description with the option or signature it describes, and never a usage line."""

from __future__ import annotations

from pathlib import Path

from tests.support import answers

REFERENCE = Path(__file__).parents[1] / "data" / "reference"


def test_options_and_functions_are_cited_with_what_they_describe(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    files = {p.name: p.read_text(encoding="utf-8") for p in REFERENCE.glob("*.txt")}
    questions = ("What does --preserve do?", "What does shutil.rmtree do?", "What does cp -p do?")
    preserve, rmtree, short = answers(tmp_path, files, real_embedder, *questions)
    assert preserve.found and rmtree.found
    quotes = [[" ".join(c.quote.split()) for c in a.citations] for a in (preserve, rmtree, short)]
    assert any(q.startswith("--preserve[=ATTR_LIST] preserve the specified attributes") for q in quotes[0])
    assert any(q.startswith("rmtree(") and q.endswith("Recursively delete a directory tree.") for q in quotes[1])
    for quoted in quotes:  # the usage lines of the SYNOPSIS section are never cited
        assert not any(q.startswith(("cp [OPTION]", "tar -", "SYNOPSIS")) for q in quoted)
