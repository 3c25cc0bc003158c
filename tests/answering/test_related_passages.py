"""The passages a refusal lists as related are distinct: two overlapping passages of one document that would open
on the same sentence are listed once."""

from __future__ import annotations

from itertools import product
from pathlib import Path

from askdocs.answering import answer_question, related
from askdocs.retrieval import Hit
from tests.support import FakeEmbedder, indexed

_NAMES = ["".join(parts).title() for parts in product(("ka", "lo", "mi", "nu", "re", "ta"), repeat=3)]
STORY = "\n\n".join(
    " ".join(f"The gauge at {_NAMES[6 * p + n]} read {n + 1} metres on the morning of the survey." for n in range(6))
    for p in range(8)
)
"""A document long enough for passages that overlap, each sentence naming a place no other names."""
QUAY = "The quay was rebuilt after the flood, and the boats moved to its end.\n"


def test_overlapping_passages_opening_on_one_sentence_are_listed_once(tmp_path: Path) -> None:
    files = {"river.txt": STORY + "\n", "boats.txt": "Rowing boats can be hired at the quay in summer.\n"}
    retriever = indexed(tmp_path, files, FakeEmbedder())
    try:
        passages = retriever.store.passages(list(range(1, 100)))
        river = sorted((p for p in passages.values() if p.path.endswith("river.txt")), key=lambda p: p.start)
        first, second = next((a, b) for a, b in zip(river, river[1:], strict=False) if b.start < a.end)
        boats = next(p for p in passages.values() if p.path.endswith("boats.txt"))
        hits = [Hit(first, 0.03, 1), Hit(second, 0.03, 2), Hit(boats, 0.02, 3)]
        opening = retriever.store.sentences(second.doc_id, second.first_sentence, second.first_sentence)[0].text
        place = next(name for name in _NAMES if name in opening)  # in no other sentence: both passages open there
        opened = retriever.previews(hits, f"What about {place}?")
        assert opened[0].start == opened[1].start  # both would open on that sentence
        listed = related(retriever, hits, f"What about {place}?")
    finally:
        retriever.close()
    assert [h.passage.id for h in listed] == [first.id, boats.id]


def test_an_answered_question_reads_no_preview_and_a_refusal_does(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Previews read their documents (a long Markdown file took half a second a question): only a refusal, which
    lists related passages, reads them."""
    files = {"boats.txt": "Rowing boats can be hired at the quay in summer for 12 pounds an hour.\n"}
    retriever = indexed(tmp_path, files, FakeEmbedder())
    calls: list[int] = []
    real = retriever.previews
    monkeypatch.setattr(retriever, "previews", lambda hits, *a, **k: calls.append(len(hits)) or real(hits, *a, **k))
    try:
        answered = answer_question(retriever, "How much does a rowing boat cost to hire at the quay?")
        assert answered.found and calls == []
        refused = answer_question(retriever, "Who painted the lighthouse ceiling?")
    finally:
        retriever.close()
    assert not refused.found and calls and refused.related


def test_a_refusal_reads_each_related_passage_once_to_list_and_to_show_it(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """A refusal previews its related passages to tell them apart, then again (with its other passages) to show
    them: each passage's sentences and each Markdown file are read once for both, and the previews are the same."""
    import askdocs.retrieval
    from askdocs.retrieval import Retriever

    files = {
        "river.txt": STORY + "\n",
        "boats.md": "# Boats\n\nRowing boats can be hired at the quay in summer.\n\nThe boats sail at dawn.\n",
        "quay.txt": "The quay was rebuilt after the flood, and the boats moved to its end.\n",
    }
    retriever = indexed(tmp_path, files, FakeEmbedder())
    read, markdown = [], []  # each passage a preview reads (its sentences and lead), and each Markdown file
    real_read, real_header = askdocs.retrieval.read_checked, askdocs.retrieval.past_header
    monkeypatch.setattr(
        askdocs.retrieval, "past_header", lambda p, end: read.append((p.document, p.start)) or real_header(p, end)
    )
    monkeypatch.setattr(askdocs.retrieval, "read_checked", lambda *a: markdown.append(a) or real_read(*a))
    try:
        refused = answer_question(retriever, "Who painted the boats on the lighthouse ceiling?")
        shown = retriever.answer_previews(refused)  # as `askdocs ask` and the chat show a refusal
    finally:
        retriever.close()
    assert not refused.found and "boats.md" in {h.passage.path for h in refused.related}
    assert read and sorted(read) == sorted(set(read)), "a passage was read twice for its preview"
    assert len(markdown) == 1, "the Markdown file was read twice"
    monkeypatch.undo()
    again = Retriever.open(retriever.settings, embedder=FakeEmbedder())  # nothing read before: the same previews
    try:
        assert again.answer_previews(refused) == shown
    finally:
        again.close()


def test_no_markdown_file_is_kept_once_an_answers_previews_are_made(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """A long-lived retriever (the chat's) keeps no whole Markdown file past an answer's previews: showing them
    again reads the file again."""
    import askdocs.retrieval

    files = {"boats.md": "# Boats\n\nRowing boats can be hired at the quay in summer.\n\nThe boats sail at dawn.\n"}
    retriever = indexed(tmp_path, files, FakeEmbedder())
    markdown = []
    real_read = askdocs.retrieval.read_checked
    monkeypatch.setattr(askdocs.retrieval, "read_checked", lambda *a: markdown.append(a) or real_read(*a))
    try:
        answer = answer_question(retriever, "When do the boats sail?")
        first = retriever.answer_previews(answer)
        assert len(markdown) == 1
        assert retriever.answer_previews(answer) == first and len(markdown) == 2, "the file was kept"
    finally:
        retriever.close()


def test_two_copies_of_a_file_are_listed_and_cited_once(tmp_path: Path) -> None:
    """Two copies of one file (a download saved twice) hold passages of the same text: a refusal lists such a
    passage once and an answer shows it once, the first ranked kept, though both stay in the index; the same
    text in one file and another text in the other are both kept."""
    text = "Rowing boats can be hired at the quay in summer for 12 pounds an hour.\n\nThe boats sail at dawn.\n"
    files = {"boats.txt": text, "boats copy.txt": text.replace("\n\n", "\n\n\n"), "quay.txt": QUAY}
    retriever = indexed(tmp_path, files, FakeEmbedder())
    try:
        stored = retriever.store.passages(list(range(1, 100))).values()
        assert {p.path for p in stored} >= {"boats.txt", "boats copy.txt"}  # both copies indexed
        refused = answer_question(retriever, "Who painted the boats on the lighthouse ceiling?")
        answered = answer_question(retriever, "How much does a rowing boat cost to hire at the quay?")
    finally:
        retriever.close()
    for shown in (refused.related, answered.hits):
        texts = [" ".join(h.passage.text.split()) for h in shown]
        assert len(texts) == len(set(texts)), [h.passage.path for h in shown]
    assert not refused.found and "quay.txt" in {h.passage.path for h in refused.related}
    assert answered.found and len({" ".join(c.quote.split()) for c in answered.citations}) == len(answered.citations)


def test_a_passage_keeps_its_retrieval_rank_when_a_copy_before_it_is_left_out(tmp_path: Path) -> None:
    """A passage's rank is its place among the passages found, as search gives it (README, JSON): leaving out a copy
    of a passage ranked before it leaves a gap rather than renumbering."""
    text = "Rowing boats can be hired at the quay in summer for 12 pounds an hour.\n\nThe boats sail at dawn.\n"
    files = {"boats.txt": text, "boats copy.txt": text, "quay.txt": QUAY}
    retriever = indexed(tmp_path, files, FakeEmbedder())
    question = "How much does a rowing boat cost to hire at the quay?"
    try:
        found = {h.passage.id: h.rank for h in retriever.search(question, 100)}
        answered = answer_question(retriever, question)
    finally:
        retriever.close()
    ranks = [h.as_dict()["rank"] for h in answered.hits]
    assert ranks == [found[h.passage.id] for h in answered.hits]
    assert ranks != list(range(1, len(ranks) + 1))  # a copy was left out: the numbers skip it


def test_the_passage_of_the_closest_sentence_a_reason_quotes_is_listed_in_its_rank(tmp_path: Path) -> None:
    """A refusal's reason quotes the closest sentence (the best ranked), and its passage was not always among the
    three listed under it: it is now, in its place by rank, the last of the others left out."""
    files = {f"note{n}.txt": f"Note {n}: the ferry to {_NAMES[n]} left at {n + 6} o'clock.\n" for n in range(5)}
    retriever = indexed(tmp_path, files, FakeEmbedder())
    try:
        passages = sorted(retriever.store.passages(list(range(1, 20))).values(), key=lambda p: p.path)
        hits = [Hit(p, 0.03 - 0.001 * i, i + 1) for i, p in enumerate(passages)]
        last = passages[-1]
        sentence = retriever.store.sentences(last.doc_id, last.first_sentence, last.first_sentence)[0]
        listed = related(retriever, hits, "When did the ferry leave?", ranked=[(sentence.path, sentence.start)])
        plain = related(retriever, hits, "When did the ferry leave?")
    finally:
        retriever.close()
    assert [h.rank for h in plain] == [1, 2, 3]
    assert [h.rank for h in listed] == [1, 2, 5]
