"""SQuAD 2.0 data: read the JSON, write one text file per article, and map every gold answer to file offsets.

This is how users bring a reading-comprehension benchmark to `askdocs eval`, and how the answer models are fitted.
The official answer normalisation and token F1 live here too.
"""

from __future__ import annotations

import collections
import json
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from askdocs.errors import UsageError

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCTUATION = frozenset(string.punctuation)


@dataclass(frozen=True)
class SquadQuestion:
    """One question: its gold answers with their offsets in the written file (none when unanswerable)."""

    id: str
    question: str
    answers: tuple[str, ...]
    unanswerable: bool
    path: str
    spans: tuple[tuple[int, int], ...]
    paragraph: int
    """The paragraph's position in its article (development splits are made by paragraph)."""


def looks_like_squad(raw: Any) -> bool:
    """SQuAD JSON: {"data": [{"title": ..., "paragraphs": [{"context": ..., "qas": [...]}]}]}."""
    return (
        isinstance(raw, dict)
        and isinstance(raw.get("data"), list)
        and all(isinstance(a, dict) and "paragraphs" in a for a in raw["data"])
    )


def _file_name(title: str, taken: set[str]) -> str:
    base = re.sub(r"\W+", "-", title.lower()).strip("-")[:60] or "article"
    name, n = f"{base}.txt", 1
    while name in taken:
        n += 1
        name = f"{base}-{n}.txt"
    taken.add(name)
    return name


def write_corpus(raw: dict[str, Any], folder: Path) -> list[SquadQuestion]:
    """Write each article as `<title>.txt` (title line, then paragraphs separated by blank lines) into folder."""
    if not looks_like_squad(raw):
        raise UsageError("not SQuAD 2.0 JSON: expected {'data': [{'title', 'paragraphs': [...]}]}")
    folder.mkdir(parents=True, exist_ok=True)
    questions: list[SquadQuestion] = []
    taken: set[str] = set()
    for article in raw["data"]:
        title = str(article.get("title", "article")).replace("_", " ")
        name = _file_name(title, taken)
        text = title + "\n\n"
        for number, paragraph in enumerate(article["paragraphs"]):
            base = len(text)
            text += str(paragraph["context"]) + "\n\n"
            for qa in paragraph.get("qas", []):
                gold = [a for a in qa.get("answers", []) if a.get("text")]
                questions.append(
                    SquadQuestion(
                        id=str(qa.get("id", len(questions))),
                        question=" ".join(str(qa["question"]).split()),
                        answers=tuple(str(a["text"]) for a in gold),
                        unanswerable=bool(qa.get("is_impossible")) or not gold,
                        path=name,
                        spans=tuple(
                            (base + int(a["answer_start"]), base + int(a["answer_start"]) + len(a["text"]))
                            for a in gold
                        ),
                        paragraph=number,
                    )
                )
        (folder / name).write_text(text, encoding="utf-8")
    return questions


def read_squad(path: Path) -> dict[str, Any]:
    from askdocs.qa_files import read_text, unreadable_value

    text = read_text(path)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"{path}: not read ({unreadable_value(exc)})") from None
    if not looks_like_squad(raw):
        raise UsageError(f"{path} is not SQuAD 2.0 JSON")
    return raw


def normalize_answer(text: str) -> str:
    """SQuAD's normalisation: lowercase, no punctuation, no articles, single spaces."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", text).split())


def token_f1(prediction: str, gold: str) -> float:
    p, g = normalize_answer(prediction).split(), normalize_answer(gold).split()
    if not p or not g:
        return float(p == g)
    same = sum((collections.Counter(p) & collections.Counter(g)).values())
    if same == 0:
        return 0.0
    precision, recall = same / len(p), same / len(g)
    return 2 * precision * recall / (precision + recall)


def best_f1(prediction: str, golds: tuple[str, ...] | list[str]) -> float:
    return max((token_f1(prediction, g) for g in golds), default=0.0)


def exact_match(prediction: str, golds: tuple[str, ...] | list[str]) -> float:
    return max((float(normalize_answer(prediction) == normalize_answer(g)) for g in golds), default=0.0)


@dataclass(frozen=True)
class SquadResult:
    """How one question went."""

    question: SquadQuestion
    found: bool
    short: str | None
    f1: float
    exact: float
    cited: bool
    """Answerable: some cited sentence holds a gold answer."""
    seconds: float
    sentences: int = 0
    """How many sentences the answer cites."""
    citations: tuple[dict[str, Any], ...] = ()
    """Each cited sentence: its article's file (in the corpus built from the SQuAD file), line, offsets and quote."""
    reasons: tuple[str, ...] = ()
    """Why the answer was given or refused, in words."""


@dataclass(frozen=True)
class SquadReport:
    """SQuAD-style figures over a run; shares are None where there is nothing to divide by."""

    results: tuple[SquadResult, ...]

    def as_dict(self) -> dict[str, Any]:
        answerable = [r for r in self.results if not r.question.unanswerable]
        unanswerable = [r for r in self.results if r.question.unanswerable]
        shown = [r for r in answerable if r.short]
        answered = [r for r in answerable if r.found]

        def share(n: float, total: int) -> float | None:
            return round(n / total, 4) if total else None

        return {
            "questions": len(self.results),
            "answerable": len(answerable),
            "unanswerable": len(unanswerable),
            "exact_match": share(100 * sum(r.exact for r in answerable), len(answerable)),
            "f1": share(100 * sum(r.f1 for r in answerable), len(answerable)),
            "cited_contains_answer": share(sum(r.cited for r in answerable), len(answerable)),
            "sentences_cited": share(sum(r.sentences for r in answered), len(answered)),
            "answered": share(sum(r.found for r in answerable), len(answerable)),
            "refused": share(sum(not r.found for r in unanswerable), len(unanswerable)),
            "false_answers": sum(r.found for r in unanswerable),
            "short_shown": share(len(shown), len(answerable)),
            "short_precision": share(sum(r.f1 >= 0.5 for r in shown), len(shown)),
            "mean_seconds": share(sum(r.seconds for r in self.results), len(self.results)),
        }


def judge(question: SquadQuestion, answer: Any, seconds: float) -> SquadResult:
    """Score one Answer: short-answer F1/EM (0 when refused or no short answer), and whether a citation holds a
    gold answer (by offsets in the written file)."""
    short = answer.short if answer.found else None
    count = len(answer.citations) if answer.found else 0
    cited = answer.found and any(
        c.path.endswith(question.path) and any(c.start <= a and b <= c.end + 1 for a, b in question.spans)
        for c in answer.citations
    )
    shown = {
        "citations": tuple(
            {"path": PurePath(c.path).name, "line": c.line, "start": c.start, "end": c.end, "quote": c.quote}
            for c in answer.citations
        ),
        "reasons": tuple(answer.reasons),
    }
    if question.unanswerable:
        right = float(not answer.found)
        return SquadResult(question, answer.found, short, right, right, False, seconds, count, **shown)
    return SquadResult(
        question,
        answer.found,
        short,
        best_f1(short, question.answers) if short else 0.0,
        exact_match(short, question.answers) if short else 0.0,
        bool(cited),
        seconds,
        count,
        **shown,
    )


def score(report: SquadReport) -> float:
    """Share of questions handled right: answerable ones answered with a citation that holds a gold answer,
    unanswerable ones refused (what `askdocs eval --min` checks)."""
    results = report.results
    right = sum(r.cited if not r.question.unanswerable else not r.found for r in results)
    return right / len(results) if results else 0.0


def run_squad(
    raw: dict[str, Any], folder: Path, settings: Any, progress: Callable[[int, int], None] | None = None
) -> SquadReport:
    """Write the articles to folder/corpus, index them into folder/index with `settings` (its model and encoder
    options), ask every question and score the answers."""
    import dataclasses
    import time

    from askdocs.answering import answer_question
    from askdocs.indexer import index_corpus
    from askdocs.retrieval import Retriever

    questions = write_corpus(raw, folder / "corpus")
    local = dataclasses.replace(settings, corpus=folder / "corpus", index=folder / "index")
    index_corpus(local)
    retriever = Retriever.open(local)
    results = []
    try:
        for i, question in enumerate(questions, start=1):
            started = time.perf_counter()
            answer = answer_question(retriever, question.question)
            results.append(judge(question, answer, time.perf_counter() - started))
            if progress is not None:
                progress(i, len(questions))
    finally:
        retriever.close()
    return SquadReport(tuple(results))
