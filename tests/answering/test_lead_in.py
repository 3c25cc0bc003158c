"""A sentence that ends on a colon, leading into an address or a list ("tmux depends on libevent 2.x, available
from:"), says something itself and can be cited; a short label ending on one ("Dependencies:") stays a heading.
The sentence was never cited: "What does tmux depend on?" was answered from the README's other sentences. Real
model, real FAISS, real SQLite."""

from __future__ import annotations

from pathlib import Path

from tests.support import answers

README = (
    "Welcome to tmux!\n\n"
    "tmux is a terminal multiplexer: it enables a number of terminals to be created, accessed, and controlled from"
    " a single screen.\n\n"
    "This release runs on OpenBSD, FreeBSD, NetBSD, Linux, macOS and Solaris.\n\n"
    "Dependencies:\n\n"
    "tmux depends on libevent 2.x, available from:\n\n"
    "\thttps://github.com/libevent/libevent/releases/latest\n\n"
    "For documentation on using tmux, see the tmux.1 manpage.\n"
)


def test_a_sentence_leading_into_an_address_is_cited(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    (answer,) = answers(tmp_path, {"README.txt": README}, real_embedder, "What does tmux depend on?")
    assert answer.found
    assert any(c.quote.startswith("tmux depends on libevent") for c in answer.citations), answer.citations
    assert not any(c.quote == "Dependencies:" for c in answer.citations)
