"""No rule or word list in the code mentions the sample article's names or phrases: answers must come from general
signals and fitted weights, not from rules written for the one article the questions in tests/qa/ are about."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from askdocs.lang.en import EN
from tests.support import SAMPLE

SRC = Path(__file__).resolve().parents[2] / "src" / "askdocs"
_WORD = re.compile(r"[A-ZÀ-Þ][\w’'-]+")
PHRASES = (
    "several dozens",
    "level 3",
    "pick-up",
    "fentanyl",
    "henchmen",
    "capo",
    "pesos",
    "half a million dollars",
    "four soldiers",
    "one man dead",
    "the two arrests",
    "before being arrested",
)
"""Lowercase phrases of the sample article that once drove special cases."""


ARTICLES = Path(__file__).resolve().parents[1] / "qa" / "articles"


def sample_names() -> set[str]:
    """Capitalised words of the sample article, not first in a sentence, that ordinary text never writes in lower
    case (its own lowercase words and those of the real articles in tests/qa/ tell ordinary words)."""
    text = SAMPLE.read_text(encoding="utf-8")
    ordinary = set(re.findall(r"\b[a-zà-ÿ][\w’'-]*", text))
    for article in ARTICLES.glob("*.txt"):
        ordinary |= set(re.findall(r"\b[a-zà-ÿ][\w’'-]*", article.read_text(encoding="utf-8")))
    names = set()
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            for i, m in enumerate(_WORD.finditer(sentence)):
                if i and len(m.group()) >= 4:
                    names.add(m.group().strip("’'").lower())
    calendar = set(EN.months) | set(EN.weekdays)
    general = {"administration", "beach", "consulate"}  # ordinary nouns, cues of organisation and place names
    general |= {"offer"}  # an ordinary noun the word lists hold (a thing's noun with a person's ending)
    return {n for n in names if n not in ordinary | calendar | general and not n.endswith(("’s", "'s"))}


def code_strings(source: str) -> list[str]:
    """The string constants of a module that are code (word lists, patterns, messages), not documentation:
    docstrings and bare string statements are left out, and so are comments."""
    tree = ast.parse(source)
    documentation = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in documentation
    ]


def test_no_source_file_names_the_sample_articles_people_places_or_phrases() -> None:
    names = sample_names()
    assert {"torres", "herrera", "duranguillo", "sonora", "guerrero"} <= names
    found = []
    for path in sorted(SRC.rglob("*")):
        if path.suffix not in {".py", ".json", ".txt"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        text = "\n".join(code_strings(text)) if path.suffix == ".py" else text
        text = text.lower()
        for term in sorted(names | set(PHRASES)):
            if re.search(rf"(?<![\w]){re.escape(term)}(?![\w])", text):
                found.append(f"{path.relative_to(SRC)}: {term}")
    assert not found, "sample-specific text in src/: " + ", ".join(found)
