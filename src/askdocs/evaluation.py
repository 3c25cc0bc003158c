"""Evaluation: run a file of the user's own questions with expected answers and measure how askdocs does."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from askdocs.errors import UsageError
from askdocs.qa_files import read_text, unreadable_value
from askdocs.text.normalize import fold

YAML_SUFFIXES = frozenset({".yaml", ".yml"})


@dataclass(frozen=True)
class QACase:
    """One question: the strings a right answer contains, optionally the file it should cite, or none at all."""

    question: str
    contains: tuple[str, ...] = ()
    source: str | None = None
    unanswerable: bool = False
    line: int = 0
    alternatives: tuple[str, ...] = ()
    """Gold answers of which any one will do ("answers": [...], as SQuAD-style files give them)."""
    kind: str = ""
    """The file's own label of the question ("kind": "adversarial", "plain", ...): refusals are counted by it."""


@dataclass(frozen=True)
class CaseResult:
    """How one question went."""

    case: QACase
    found: bool
    answer: str
    seconds: float
    ok: bool
    """Answerable: found, every expected string in the answer, the expected file cited. Unanswerable: refused."""
    cited_ok: bool
    """Answerable: every expected string inside some cited sentence (and the expected file among them)."""
    failure: str | None = None
    short: str | None = None
    sentences: int = 0
    """How many sentences the answer cites."""
    citations: tuple[Any, ...] = ()
    """The answer's citations (askdocs.answering.types.Citation): file, position and quote of each cited sentence."""
    reasons: tuple[str, ...] = ()
    """Why the answer was given or refused, in words."""

    @property
    def short_ok(self) -> bool:
        """Answerable: the short answer alone carries every expected string, but for an article it opens on ("fifth"
        holds "a fifth", as SQuAD's judging drops articles)."""
        if self.case.unanswerable or not self.found or not self.short:
            return False
        short = normalise(self.short)
        if self.case.alternatives:
            return any(_ARTICLE.sub("", normalise(s)) in short for s in self.case.alternatives)
        return all(_ARTICLE.sub("", normalise(s)) in short for s in self.case.contains)

    def as_dict(self) -> dict[str, Any]:
        return {
            "question": self.case.question,
            "ok": self.ok,
            "found": self.found,
            "expected_found": not self.case.unanswerable,
            "answer": self.answer,
            "short": self.short,
            "citation_ok": self.cited_ok if not self.case.unanswerable else None,
            "short_ok": self.short_ok if not self.case.unanswerable else None,
            "seconds": round(self.seconds, 4),
            "failure": self.failure,
            "reasons": list(self.reasons),
            "citations": [c.as_dict() for c in self.citations],
        }


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


@dataclass(frozen=True)
class EvalReport:
    """The figures of a run and every question's result."""

    results: tuple[CaseResult, ...]

    @property
    def answerable(self) -> list[CaseResult]:
        return [r for r in self.results if not r.case.unanswerable]

    @property
    def unanswerable(self) -> list[CaseResult]:
        return [r for r in self.results if r.case.unanswerable]

    @property
    def answer_accuracy(self) -> float | None:
        return _share(sum(r.ok for r in self.answerable), len(self.answerable))

    @property
    def citation_accuracy(self) -> float | None:
        return _share(sum(r.cited_ok for r in self.answerable), len(self.answerable))

    @property
    def short_accuracy(self) -> float | None:
        """Stricter than answer accuracy: the short answer by itself is right."""
        return _share(sum(r.short_ok for r in self.answerable), len(self.answerable))

    @property
    def short_shown(self) -> float | None:
        """Share of the answerable questions that got a short answer at all."""
        return _share(sum(bool(r.found and r.short) for r in self.answerable), len(self.answerable))

    @property
    def short_precision(self) -> float | None:
        """How often a short answer shown to an answerable question is right: short answers are shown only when
        the models are sure, so `short_accuracy` counts the ones not shown as misses and this does not."""
        shown = [r for r in self.answerable if r.found and r.short]
        return _share(sum(r.short_ok for r in shown), len(shown))

    @property
    def answered(self) -> float | None:
        """Share of the answerable questions given an answer at all, right or wrong."""
        return _share(sum(r.found for r in self.answerable), len(self.answerable))

    def refusals_by_kind(self) -> dict[str, tuple[int, int]]:
        """(rightly refused, questions) of the unanswerable questions of each kind the file names, by kind."""
        out: dict[str, tuple[int, int]] = {}
        for r in self.unanswerable:
            if r.case.kind:
                refused, total = out.get(r.case.kind, (0, 0))
                out[r.case.kind] = (refused + r.ok, total + 1)
        return dict(sorted(out.items()))

    @property
    def correct_refusals(self) -> float | None:
        return _share(sum(r.ok for r in self.unanswerable), len(self.unanswerable))

    @property
    def sentences_cited(self) -> float | None:
        """Mean number of sentences an answer cites, over the questions answered."""
        answered = [r for r in self.results if r.found]
        return _share(sum(r.sentences for r in answered), len(answered))

    @property
    def false_answers(self) -> int:
        """Answers given that are wrong: to an unanswerable question, or missing what was expected."""
        return sum(1 for r in self.results if r.found and not r.ok)

    @property
    def score(self) -> float:
        """Share of all questions handled right (answered correctly or rightly refused): what --min checks."""
        return sum(r.ok for r in self.results) / len(self.results) if self.results else 0.0

    @property
    def mean_seconds(self) -> float:
        return sum(r.seconds for r in self.results) / len(self.results) if self.results else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "answered": self.answered,
            "answer_accuracy": self.answer_accuracy,
            "citation_accuracy": self.citation_accuracy,
            "short_accuracy": self.short_accuracy,
            "short_shown": self.short_shown,
            "short_precision": self.short_precision,
            "correct_refusals": self.correct_refusals,
            "false_answers": self.false_answers,
            "sentences_cited": self.sentences_cited,
            "score": self.score,
            "mean_seconds": round(self.mean_seconds, 4),
            "counts": {
                "questions": len(self.results),
                "answerable": len(self.answerable),
                "unanswerable": len(self.unanswerable),
                "answered_correctly": sum(r.ok for r in self.answerable),
                "cited_correctly": sum(r.cited_ok for r in self.answerable),
                "short_correct": sum(r.short_ok for r in self.answerable),
                "refused_correctly": sum(r.ok for r in self.unanswerable),
                "answered": sum(r.found for r in self.answerable),
            },
            "refusals_by_kind": {k: {"refused": n, "questions": m} for k, (n, m) in self.refusals_by_kind().items()},
            "questions": [r.as_dict() for r in self.results],
        }


# --- reading QA files -------------------------------------------------------------------------


def _strings(value: Any, where: str, key: str = "answer_contains") -> tuple[str, ...]:
    """Expected strings: one, a list, or SQuAD's answer objects ({"text": ..., "answer_start": ...})."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        value = [v["text"] if isinstance(v, dict) and isinstance(v.get("text"), str) else v for v in value]
        if all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in value):
            return tuple(str(v) for v in value)
    raise UsageError(f"{where}: {key} must be a string or a list of strings")


def _flag(item: dict[str, Any], key: str, where: str, default: bool) -> bool:
    value = item.get(key, default)
    if not isinstance(value, bool):
        raise UsageError(f'{where}: "{key}" must be true or false')
    return value


def _case(item: Any, where: str, line: int) -> QACase:
    if not isinstance(item, dict):
        raise UsageError(f"{where}: each entry must be an object with a question")
    question = item.get("question")
    if not isinstance(question, str) or not question.strip():
        raise UsageError(f'{where}: missing or empty "question"')
    contains = _strings(item.get("answer_contains", item.get("answer")), where)
    alternatives = _strings(item.get("answers"), where, "answers")
    none_given = item.get("answers") == [] and not contains  # SQuAD 2.0's way: an unanswerable question's list is empty
    unanswerable = _flag(item, "unanswerable", where, _flag(item, "is_impossible", where, none_given))
    if not contains and not alternatives and not unanswerable:
        raise UsageError(
            f'{where}: give answer_contains (all), answers (any), or unanswerable: true (or "answers": [])'
        )
    if unanswerable and (contains or alternatives):
        raise UsageError(f"{where}: an unanswerable question has no expected answers")
    source = item.get("source", item.get("file"))
    if source is not None and not isinstance(source, str):
        raise UsageError(f"{where}: source must be a file name")
    kind = item.get("kind", "")
    if not isinstance(kind, str):
        raise UsageError(f'{where}: "kind" must be a word such as "adversarial" or "plain"')
    return QACase(question.strip(), contains, source, unanswerable, line, alternatives, kind.strip())


def load_cases(path: Path) -> list[QACase]:
    """Questions from a JSONL file (one object per line) or a YAML list (or a mapping with `questions:`)."""
    raw = read_text(path)
    if path.suffix.lower() in YAML_SUFFIXES:
        items = _yaml_items(raw, path)
        cases = [_case(item, f"{path}: entry {i}", i) for i, item in enumerate(items, start=1)]
    else:
        cases = []
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{path}:{number}: not JSON ({exc.msg})") from None
            except (ValueError, RecursionError) as exc:
                raise UsageError(f"{path}:{number}: not read ({unreadable_value(exc)})") from None
            cases.append(_case(item, f"{path}:{number}", number))
    if not cases:
        raise UsageError(f"{path}: no questions")
    return cases


def _yaml_items(raw: str, path: Path) -> list[Any]:
    try:
        import yaml
    except ImportError:
        raise UsageError("reading YAML needs PyYAML (pip install pyyaml), or use JSON Lines") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"{path}: not read ({unreadable_value(exc)})") from None
    if isinstance(data, dict):
        data = data.get("questions")
    if not isinstance(data, list):
        raise UsageError(f"{path}: expected a list of questions (or questions: [...])")
    return data


# --- judging ----------------------------------------------------------------------------------


_ARTICLE = re.compile(r"^(?:a|an|the) (?=\S)")
"""An article opening an expected short answer."""


def normalise(text: str) -> str:
    """Compare answers loosely: case, accents, quote and dash styles and spacing do not matter."""
    text = fold(text).replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text).strip()


def holds(text: str, expected: str) -> bool:
    """Whether normalised `text` says normalised `expected` as a whole: not inside a longer word nor a longer number
    ("7" is not in "17 june", nor "12" in "2012" or "1.25"); a word's ending may follow ("mile" in "miles")."""
    if not expected:
        return True
    start = 0
    while (at := text.find(expected, start)) >= 0:
        end = at + len(expected)
        before = text[at - 1] if at else ""
        after = text[end : end + 2]
        open_left = not (expected[0].isalnum() and before.isalnum())
        open_right = not (
            expected[-1].isdigit() and (after[:1].isdigit() or (after[:1] in ".," and after[1:].isdigit()))
        )
        if open_left and open_right:
            return True
        start = at + 1
    return False


def names(path: str, source: str) -> bool:
    """Whether a case's `source` (a file name or the end of a path) names the document at `path`."""
    return path.replace("\\", "/").endswith(source.replace("\\", "/").lstrip("./"))


def _cites(paths: Sequence[str], source: str) -> bool:
    return any(names(p, source) for p in paths)


def _copied(quotes: Sequence[str], source: str | None) -> bool:
    """Whether a cited sentence is word for word in the source's text (a copy of the story, syndicated or saved
    twice, cited in its stead says what the source says)."""
    said = " ".join((source or "").split())
    return bool(said) and any(q and " ".join(q.split()) in said for q in quotes)


def judge(
    case: QACase, answer: Any, seconds: float, source_text: Callable[[str], str | None] | None = None
) -> CaseResult:
    """Compare one answer with what the case expects; `source_text` gives the indexed text of a case's source (a
    citation of a copy of its sentence from another file then cites it too)."""
    found = bool(answer.found)
    text = normalise(answer.text)
    quotes = [normalise(c.quote) for c in answer.citations]
    paths = [c.path for c in answer.citations]
    short = answer.short
    shown = {"citations": tuple(answer.citations), "reasons": tuple(getattr(answer, "reasons", ()))}
    if case.unanswerable:
        failure = None if not found else "answered a question the documents do not answer"
        return CaseResult(
            case, found, answer.text, seconds, not found, False, failure, short, len(answer.citations), **shown
        )
    missing = [s for s in case.contains if not holds(text, normalise(s))]
    uncited = [s for s in case.contains if not any(holds(q, normalise(s)) for q in quotes)]
    if case.alternatives:
        either = " or ".join(case.alternatives)
        missing += [] if any(holds(text, normalise(s)) for s in case.alternatives) else [either]
        uncited += [] if any(holds(q, normalise(s)) for s in case.alternatives for q in quotes) else [either]
    wrong_source = case.source is not None and not _cites(paths, case.source)
    if wrong_source and source_text is not None and case.source is not None:
        wrong_source = not _copied([c.quote for c in answer.citations], source_text(case.source))
    failure = None
    if not found:
        failure = "not found, but the documents answer it"
    elif missing:
        failure = "answer lacks " + ", ".join(f"“{s}”" for s in missing)
    elif wrong_source:
        failure = f"does not cite {case.source}"
    cited_ok = found and not uncited and not wrong_source
    if failure is None and not cited_ok:
        failure = "citations lack " + ", ".join(f"“{s}”" for s in uncited)
    ok = found and not missing and not wrong_source
    failure = failure if not (ok and cited_ok) else None
    return CaseResult(case, found, answer.text, seconds, ok, cited_ok, failure, short, len(answer.citations), **shown)


def run_eval(
    ask: Callable[[str], Any],
    cases: Sequence[QACase],
    progress: Callable[[int, int], None] | None = None,
    source_text: Callable[[str], str | None] | None = None,
) -> EvalReport:
    """Ask every question with `ask` (question -> Answer) and judge each answer (see `judge` for `source_text`)."""
    results = []
    for i, case in enumerate(cases, start=1):
        started = time.perf_counter()
        answer = ask(case.question)
        results.append(judge(case, answer, time.perf_counter() - started, source_text))
        if progress is not None:
            progress(i, len(cases))
    return EvalReport(tuple(results))
