"""Development and report question sets as one shape: a corpus folder, and questions with gold answers.

- rhine: ../shared/qa/squad2-dev-rhine.json (SQuAD 2.0, CC BY-SA 4.0). Even paragraphs are for fitting, odd
  paragraphs for reporting.
- sample: tests/qa/sample_article.jsonl over corpus/ (the sample article).
- real: tests/qa/real_articles.jsonl over tests/qa/articles/ (24 real articles; report only, never fitted on).
- news: tests/qa/dev/questions.jsonl and tests/qa/dev/paraphrased.jsonl (questions asked in words their answer's
  sentence does not use) over tests/qa/dev/articles/ (138 other real articles, news and encyclopedic; for fitting
  only).
- lee: tests/qa/lee_news.jsonl over the 300 stories of the Lee background corpus (real ABC news of 2001, test data
  in gensim's wheel, fetched from the package index, never installed; report only, never fitted on).
Plain unanswerable questions for fitting come from asking one corpus another corpus's questions.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from bench.common import REPO

from askdocs.evaluation import holds, normalise
from askdocs.squad import read_squad, write_corpus

RHINE = REPO.parent / "shared" / "qa" / "squad2-dev-rhine.json"
SAMPLE_QA = REPO / "tests" / "qa" / "sample_article.jsonl"
REAL_QA = REPO / "tests" / "qa" / "real_articles.jsonl"
REAL_ARTICLES = REPO / "tests" / "qa" / "articles"
NEWS_QA = REPO / "tests" / "qa" / "dev" / "questions.jsonl"
PARAPHRASED_QA = REPO / "tests" / "qa" / "dev" / "paraphrased.jsonl"
NEWS_ARTICLES = REPO / "tests" / "qa" / "dev" / "articles"
LEE_QA = REPO / "tests" / "qa" / "lee_news.jsonl"
GENSIM = "gensim==4.4.0"
LEE = "gensim/test/test_data/lee_background.cor"
WHEELS = Path("/tmp/askdocs-bench-wheels")


@dataclass(frozen=True)
class DevQuestion:
    """A question with what a right answer is: gold short answers, their offsets, or strings the sentence has."""

    question: str
    answers: tuple[str, ...]
    unanswerable: bool
    split: str
    """'fit' or 'report'."""
    kind: str = ""
    """For unanswerable ones: 'adversarial' or 'plain'."""
    path: str | None = None
    spans: tuple[tuple[int, int], ...] = ()
    contains: tuple[str, ...] = ()
    """Strings that a sentence holding the answer contains (own JSONL files)."""


def rhine(folder: Path) -> list[DevQuestion]:
    out = []
    for q in write_corpus(read_squad(RHINE), folder):
        out.append(
            DevQuestion(
                q.question,
                q.answers,
                q.unanswerable,
                "fit" if q.paragraph % 2 == 0 else "report",
                "adversarial" if q.unanswerable else "",
                q.path,
                q.spans,
            )
        )
    return out


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def sample(folder: Path) -> list[DevQuestion]:
    folder.mkdir(parents=True, exist_ok=True)
    for f in (REPO / "corpus").iterdir():
        if f.is_file():
            shutil.copy(f, folder / f.name)
    out = []
    for d in _jsonl(SAMPLE_QA):
        if d.get("unanswerable"):
            out.append(DevQuestion(d["question"], (), True, "fit", "plain"))
        else:
            out.append(
                DevQuestion(
                    d["question"],
                    tuple(d["answer_contains"]),
                    False,
                    "fit",
                    "",
                    d.get("source"),
                    contains=tuple(d["answer_contains"]),
                )
            )
    return out


def _articles(folder: Path, articles: Path, questions: Path, split: str, *more: Path) -> list[DevQuestion]:
    folder.mkdir(parents=True, exist_ok=True)
    for f in articles.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    out = []
    for d in (d for path in (questions, *more) if path.exists() for d in _jsonl(path)):
        if d.get("unanswerable"):
            out.append(DevQuestion(d["question"], (), True, split, d.get("kind", "plain")))
        else:
            out.append(DevQuestion(d["question"], tuple(d["answers"]), False, split, "", d.get("file")))
    return out


def lee_lines(wheels: Path = WHEELS) -> list[str]:
    """The 300 Lee background stories, one a line, from gensim's wheel (downloaded once into `wheels`)."""
    if not list(wheels.glob("gensim-*.whl")):
        pip = [sys.executable, "-m", "pip", "download", GENSIM, "--no-deps", "--quiet", "-d", str(wheels)]
        subprocess.run(pip, check=True)
    with zipfile.ZipFile(next(wheels.glob("gensim-*.whl"))) as wheel:
        lines = wheel.read(LEE).decode("utf-8", errors="replace").splitlines()
    return [line.strip() for line in lines if line.strip()]


def lee(folder: Path) -> list[DevQuestion]:
    """tests/qa/lee_news.jsonl over the stories, story N as lee-NNN.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, story in enumerate(lee_lines()):
        (folder / f"lee-{number:03d}.txt").write_text(story + "\n", encoding="utf-8")
    return _articles(folder, folder / "none", LEE_QA, "report")


def real(folder: Path) -> list[DevQuestion]:
    return _articles(folder, REAL_ARTICLES, REAL_QA, "report")


def news(folder: Path) -> list[DevQuestion]:
    return _articles(folder, NEWS_ARTICLES, NEWS_QA, "fit", PARAPHRASED_QA)


def holds_answer(q: DevQuestion, path: str, start: int, end: int, text: str) -> bool:
    """Whether a sentence (path, offsets, text) holds a gold answer of the question."""
    if q.unanswerable:
        return False
    if q.path is not None and not path.endswith(q.path):
        return False
    if q.spans:
        return any(start <= a and b <= end + 1 for a, b in q.spans)
    said = normalise(text)
    if q.contains:
        return all(holds(said, normalise(c)) for c in q.contains)
    return any(holds(said, normalise(a)) for a in q.answers)
