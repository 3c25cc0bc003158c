"""A word the question quotes, or a version number it asks of, that no document uses refuses the question: the
documents are about something else (another release, another version), however close their other words come. The
slow test uses the real model, real FAISS, real SQLite: such questions were answered from the neighbouring
release's sentences with no note."""

from __future__ import annotations

from pathlib import Path

from askdocs.answering.exact import exact_unknown
from tests.support import answers

RELEASES = {
    "debian-12.md": (
        '# Debian 12 "bookworm" released\n\n'
        'The Debian project released Debian 12, code-named "bookworm", on 10 June 2023 after 19 months of work.\n'
        "Debian 12 uses the Linux kernel 6.1 LTS series, which will receive security updates for several years.\n"
        "The release ships GNOME 43, KDE Plasma 5.27 and LibreOffice 7.4 among its more than 64,000 packages.\n"
    ),
    "python-3.11.md": (
        "# Python 3.11 release notes\n\n"
        "Python 3.11 was released on 24 October 2022.\n"
        "Python 3.11 is between 10 and 60 percent faster than Python 3.10, with an average speedup of 1.25 times on"
        " the standard benchmark suite.\n"
        "Error messages now point to the exact expression that caused an exception.\n"
    ),
    "ubuntu-22.04.md": (
        '# Ubuntu 22.04 LTS "Jammy Jellyfish"\n\n'
        'Canonical released Ubuntu 22.04 LTS, code-named "Jammy Jellyfish", in April 2022.\n'
        "Ubuntu 22.04 ships the Linux kernel 5.15 and the GNOME 42 desktop.\n"
    ),
}


def test_quoted_words_and_version_numbers_are_picked_from_the_unknown_words() -> None:
    assert exact_unknown("Which kernel does Debian 11 “bullseye” use?", ("bullseye",)) == ("bullseye",)
    assert exact_unknown("Which kernel does Debian 11 ‘bullseye’ use?", ("bullseye",)) == ("bullseye",)
    assert exact_unknown('What is "the fast path" for?', ("fast", "path")) == ("fast", "path")
    assert exact_unknown("How much faster is Python 3.12 than 3.10?", ("3.12",)) == ("3.12",)
    assert exact_unknown("What changed in the v2 API?", ("v2",)) == ("v2",)
    assert exact_unknown("Which packages does Ubuntu 23.04 ship?", ("Ubuntu", "23.04")) == ("23.04",)


def test_other_unknown_words_are_left_to_the_model() -> None:
    assert exact_unknown("Which kernel does Debian Bullseye use?", ("Bullseye",)) == ()  # a name, maybe misspelt
    assert exact_unknown("Did the deal cost 3.5 million?", ("3.5",)) == ()  # an amount, not a version
    assert exact_unknown("Is 4.5 the rate?", ("4.5",)) == ()
    assert exact_unknown("Who is Ann Smith’s ‘mother’?", ("Smith’s", "mother")) == ("mother",)
    assert exact_unknown("Who is Ann Smith’s mother?", ("Smith’s",)) == ()  # an apostrophe is no quote


def test_a_release_the_documents_do_not_cover_is_refused(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    bullseye, newer, kernel, faster = answers(
        tmp_path,
        RELEASES,
        real_embedder,
        "Which kernel does Debian 11 “bullseye” use?",
        "How much faster is Python 3.12 than 3.10?",
        "Which kernel does Debian 12 “bookworm” use?",
        "How much faster is Python 3.11 than 3.10?",
    )
    assert not bullseye.found
    assert "“bullseye”" in bullseye.reasons[0]
    assert not newer.found
    assert "“3.12”" in newer.reasons[0]
    assert kernel.found, kernel.reasons  # the documents' own release and version are answered
    assert "6.1" in kernel.citations[0].quote
    assert faster.found, faster.reasons
    assert "faster" in faster.citations[0].quote
