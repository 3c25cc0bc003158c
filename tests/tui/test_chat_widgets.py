"""The chat's widgets without the model: focus-only highlight, suggestions, sources by document, no scores."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Input

import askdocs.tui.app as chat_app
from askdocs.answering.types import Answer, Citation
from askdocs.retrieval import Hit
from askdocs.store.records import Passage
from askdocs.text.excerpt import Preview
from askdocs.tui.markup import answer_plain, citation_refs, hit_ref, related_refs
from askdocs.tui.sources import SourceRef
from askdocs.tui.suggestions import ASKED, answerable, candidate_questions, short_title, usable_title
from askdocs.tui.widgets.source_list import SourceList
from tests.hostile import is_safe


class Host(App[None]):
    """The chat's stylesheet around a question input and one source list."""

    CSS_PATH = str(Path(chat_app.__file__).with_name("app.tcss"))

    def compose(self) -> ComposeResult:
        yield Input(id="question")
        yield SourceList([SourceRef("a.txt", 0, 1, 1, "first"), SourceRef("a.txt", 5, 9, 2, "second")])


def _backgrounds(source_list: SourceList) -> list[object]:
    return [next(iter(source_list.render_line(y))).style.bgcolor for y in range(2)]  # type: ignore[union-attr]


def test_a_source_looks_chosen_only_while_its_list_has_the_focus() -> None:
    async def scenario() -> None:
        app = Host()
        async with app.run_test(size=(60, 8)) as pilot:
            source_list = app.query_one(SourceList)
            await pilot.pause()
            assert source_list.highlighted == 0 and not source_list.has_focus
            first, second = _backgrounds(source_list)
            assert first == second  # unfocused: the first source looks like the others
            source_list.focus()
            await pilot.pause()
            first, second = _backgrounds(source_list)
            assert first != second  # focused: the highlighted source stands out
            app.query_one(Input).focus()
            await pilot.pause()
            assert len(set(_backgrounds(source_list))) == 1

    asyncio.run(scenario())


def _passage(path: str, line: int, text: str, pid: int) -> Passage:
    return Passage(pid, 1, path, pid, 0, len(text), line, 0, 0, text)


def _hit(path: str, line: int, text: str, rank: int) -> Hit:
    return Hit(_passage(path, line, text, rank), 0.0328 / rank, rank=rank, dense_score=0.35)


def test_citations_are_listed_by_document_each_named_once() -> None:
    citations = (
        Citation(1, "corpus/a.txt", 0, 5, 3, "Alpha.", 0.9),
        Citation(2, "corpus/b.txt", 0, 5, 8, "Beta.", 0.8),
        Citation(3, "corpus/a.txt", 9, 15, 12, "Gamma.", 0.7),
    )
    labels = [ref.label for ref in citation_refs(citations)]
    assert labels == [
        'corpus/a.txt\n[1] line 3  "Alpha."',
        '[3] line 12  "Gamma."',
        'corpus/b.txt\n[2] line 8  "Beta."',
    ]
    assert [ref.line for ref in citation_refs(citations)] == [3, 12, 8]
    pdf = Citation(4, "corpus/report.pdf", 0, 5, 70, "Delta.", 0.6, where="p.3")
    assert citation_refs([pdf])[0].label == 'corpus/report.pdf\n[4] p.3  "Delta."'


def test_scores_only_in_the_passages_view() -> None:
    hits = [
        _hit("a.txt", 1, "best of a", 1),
        _hit("a.txt", 9, "second of a", 2),
        _hit("b.txt", 4, "best of b", 3),
    ]
    related = related_refs(hits, lambda p: f"corpus/{p}", 3)
    assert [r.label for r in related] == ["corpus/a.txt:1\n   best of a", "corpus/b.txt:4\n   best of b"]
    assert not any("score" in r.label or "cosine" in r.label for r in related)
    assert "score 0.0328" in hit_ref(hits[0], "corpus/a.txt").label  # the passages view keeps them
    refused = Answer("q?", "I could not find an answer.", False, reasons=("the documents never mention “Paris”",))
    assert answer_plain(refused).endswith("(the documents never mention “Paris”)")


def test_suggested_questions_come_from_titles_and_are_plain_text() -> None:
    titles = ["Budget 2024", "Minutes of the\x1b]0;PWNED\x07 board", "A" * 30 + " " + "very long title " * 6]
    questions = candidate_questions(titles)
    assert questions[:3] == [
        "What does “Budget 2024” say?",
        "What is “Minutes of the board” about?",
        f"Who is mentioned in “{short_title(titles[2])}”?",
    ]
    assert questions[3:] == [  # then each title with its next template, up to six questions
        "What happened in “Budget 2024”?",
        "Who is mentioned in “Minutes of the board”?",
        f"What does “{short_title(titles[2])}” say?",
    ]
    assert all(is_safe(q) for q in questions)
    assert len(short_title(titles[2])) <= 60 and short_title(titles[2]).endswith("…")
    assert candidate_questions(["Only one", "Only  one"]) == [  # one title, so three questions, not repeats
        "What does “Only one” say?",
        "What is “Only one” about?",
        "Who is mentioned in “Only one”?",
    ]
    assert candidate_questions([]) == [] and candidate_questions(["  "]) == []
    assert len(candidate_questions([f"Report on topic {n}" for n in range(10)])) == ASKED == 6


def test_suggested_questions_read_right_for_the_shape_of_the_title() -> None:
    """A title naming a thing, a place or an animal is not asked what happened in it; one holding a year is."""
    assert candidate_questions(["Aardvark"]) == [
        "What is known about Aardvark?",
        "What is “Aardvark” about?",
        "Who is mentioned in “Aardvark”?",
    ]
    for name in ["Apollo 11", "Aardvark", "Bank of England", "Luis de la Cruz", "Grey wolf", "Minutes of the board"]:
        assert not [q for q in candidate_questions([name]) if "happened" in q], name
    assert "What happened in “Harbour news, May 2023”?" in candidate_questions(["Harbour news, May 2023"])
    assert candidate_questions(["Apollo 11"])[0] == "What is known about Apollo 11?"
    assert candidate_questions(["Grey wolf"])[1] == "What is “Grey wolf” about?"
    hostile = candidate_questions(["Apollo\x1b[2J 11\u202e", "[bold]Aardvark[/bold]"])
    assert all(is_safe(q) for q in hostile) and "What is known about Apollo 11?" in hostile


def test_a_title_too_poor_to_ask_about_makes_no_question() -> None:
    poor = ["T", "2024", "3.1.2", "—", "A1", "12 34", "  ", "“x”", "IV"]
    assert not [t for t in poor if usable_title(t)]
    assert all(usable_title(t) for t in ["Budget 2024", "Minutes", "Été à Montréal", "UN report", "Q3 sales"])
    sentences = ["Police have charged two men over the robbery at the Eastgate bus depot.", "Stop the bridge now!"]
    assert not [t for t in sentences if usable_title(t)]  # a first sentence standing in for a title
    assert usable_title("Who pays for the bridge?") and usable_title("Wait for it...")
    assert candidate_questions(poor + sentences + ["Harbour news"]) == [
        "What does “Harbour news” say?",
        "What is “Harbour news” about?",
        "Who is mentioned in “Harbour news”?",
    ]


def test_suggestions_keep_only_answered_questions_and_ask_at_most_six() -> None:
    asked: list[str] = []

    def ask(answers: set[str]):  # noqa: ANN202
        def run(question: str) -> Answer:
            asked.append(question)
            return Answer(question, "text", question in answers)

        return run

    titles = ["Budget 2024", "Harbour news", "Parks notes"]
    every = candidate_questions(titles)
    assert answerable(ask(set(every)), titles) == every[:3] and asked == every[:3]  # three found: no more asked
    asked.clear()
    assert answerable(ask({every[1], every[4]}), titles) == [every[1], every[4]]  # six at most, the repeat last
    assert asked == [every[i] for i in (0, 1, 2, 3, 5, 4)]
    asked.clear()
    # a second question about "Harbour news" waits for the other documents' questions: three documents shown
    assert answerable(ask({every[1], every[4], every[3], every[5]}), titles) == [every[1], every[3], every[5]]
    assert asked == [every[0], every[1], every[2], every[3], every[5]]
    asked.clear()
    assert answerable(ask(set()), [f"Report on topic {n}" for n in range(10)]) == [] and len(asked) == 6
    asked.clear()
    assert answerable(ask(set(every)), titles, stop=lambda: len(asked) == 1) == every[:1]


def test_a_suggested_question_about_a_title_must_be_answered_from_that_document() -> None:
    """A question like "What does “Port traffic” say?" answered from other documents is not one to suggest."""

    def ask(question: str) -> Answer:
        cited = "corpus/harbour.txt" if "Harbour" in question else "corpus/budget.txt"  # everything cites these
        return Answer(question, "text", True, citations=(Citation(1, cited, 0, 5, 1, "Quote", 1.0),))

    titles = ["Harbour news", "Port traffic"]
    sources = {"Harbour news": ("harbour.txt",), "Port traffic": ("port.txt",)}
    chosen = answerable(ask, titles, sources=sources)
    assert chosen and all("Harbour news" in q for q in chosen)  # the port questions cite budget.txt: left out
    assert any("Port traffic" in q for q in answerable(ask, titles))  # without sources, any answer counts
    shared = {"Harbour news": ("other.txt", "harbour.txt"), "Port traffic": ("port.txt",)}  # two files, one title
    assert any("Harbour news" in q for q in answerable(ask, titles, sources=shared))


def test_a_passage_opens_at_the_sentence_its_label_names() -> None:
    """The passages view and related passages both open a passage where its preview starts, line and column too."""
    hit = _hit("a.txt", 1, "First sentence. The best one.", 1)
    shown = Preview("The best one.", 3, hit.passage.start + 16, hit.passage.end, 7)
    for ref in (hit_ref(hit, "corpus/a.txt", shown), related_refs([hit], str, 3, {hit.passage.id: shown})[0]):
        assert (ref.start, ref.end, ref.line, ref.column) == (shown.start, shown.end, 3, 7)
        assert "a.txt:3:7" in ref.label
    plain = hit_ref(hit, "corpus/a.txt")  # no preview: from the passage's first words
    assert (plain.start, plain.end, plain.line) == (hit.passage.start, hit.passage.end, hit.passage.line)


def test_the_sources_and_passages_of_the_chat_keep_a_lists_lines_apart() -> None:
    """The chat's source list, related passages and passages view ran a list's lines together."""
    text = "Kestrel Point 17:00\nStatic Orchard 17:30\x1b[2J\nMillbrook Quay 18:15"
    hit = _hit("times.txt", 4, text, 1)
    shown = "Kestrel Point 17:00 · Static Orchard 17:30 · Millbrook Quay 18:15"
    assert hit_ref(hit, "corpus/times.txt").label.endswith(f"\n   {shown}")
    assert related_refs([hit], str, 3)[0].label == f"times.txt:4\n   {shown}"
    (cited,) = citation_refs([Citation(1, "corpus/times.txt", 0, len(text), 4, text, 0.9)])
    assert cited.label == f'corpus/times.txt\n[1] line 4  "{shown}"' and is_safe(cited.label)
