"""Spelling offers of a refusal ("did you mean ...?"): their time and what they offer, the current code beside an
earlier commit's, in one run on one index.

    .venv/bin/python -m bench.suggestions                 # against main
    .venv/bin/python -m bench.suggestions --before cacaa85

The corpus is the first 20 real articles of tests/qa/articles, indexed once with the installed default model (kept
in --work). The words are those of refused questions with misspelt words and misspellings made from the corpus's
own words (a letter dropped or two swapped, fixed seed); each version offers a spelling for each, on a fresh
read-only connection per run, and the table gives the median time per question (or word) and the time for all.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from bench.common import ASKDOCS, REPO, Table, load, run

from askdocs.store.index_store import DB_FILE

ARTICLES = 20
QUESTIONS = (
    "How many pilgrims died in the stampde at Mina?",
    "What did the goverment of Saudi Arabia anounce about the hajj?",
    "When did the Geelnog team beat the Sydeny Swans?",
    "Which hospitl treated the astronuats?",
)
"""Refused questions with misspelt words; their words no sentence uses are what a refusal offers spellings for."""
TYPOS = 200
REPEATS = 5


def corpus_index(work: Path) -> Path:
    """The 20 articles indexed with the default model (built once, then reused)."""
    root = work / "suggestions"
    if (root / "index" / DB_FILE).exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    (root / "corpus").mkdir(parents=True)
    for path in sorted((REPO / "tests" / "qa" / "articles").glob("*.txt"))[:ARTICLES]:
        shutil.copy(path, root / "corpus")
    run([*ASKDOCS, "index"], root)
    return root


def spelling_at(rev: str) -> ModuleType:
    """askdocs.store.spelling as commit `rev` has it, as a module of its own."""
    source = subprocess.run(
        ["git", "show", f"{rev}:src/askdocs/store/spelling.py"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    path = Path(tempfile.mkdtemp()) / "spelling_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("spelling_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def question_words(db: Path) -> list[list[str]]:
    """For each of QUESTIONS, its first three words that no sentence of the index uses (those a refusal offers
    spellings for)."""
    conn = _connect(db)
    try:
        missing = []
        for question in QUESTIONS:
            words = [w for w in re.findall(r"[A-Za-z]+", question) if len(w) > 3 and not _used(conn, w)]
            missing.append(words[:3])
        return missing
    finally:
        conn.close()


def _used(conn: sqlite3.Connection, word: str) -> bool:
    """Whether a sentence holds the word (in any form the index's stemmer gives the same stem)."""
    row = conn.execute("SELECT 1 FROM sentences_fts WHERE sentences_fts MATCH ? LIMIT 1", (f'"{word.lower()}"',))
    return row.fetchone() is not None


def typos(db: Path) -> dict[str, str]:
    """Misspellings of the corpus's own words that no sentence writes (a letter dropped or two swapped), each with
    the word it was made from."""
    conn = _connect(db)
    try:
        texts = [t for (t,) in conn.execute("SELECT text FROM sentences_fts")]
    finally:
        conn.close()
    written = sorted({w for t in texts for w in re.findall(r"[A-Za-z]{5,}", t)})
    lower = {w.lower() for w in written}
    rnd = random.Random(1)
    rnd.shuffle(written)
    made: dict[str, str] = {}
    for word in written:
        i = rnd.randrange(1, len(word) - 1)
        typo = word[:i] + word[i + 1 :] if rnd.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if typo.lower() not in lower:
            made[typo] = word
        if len(made) == TYPOS:
            break
    return made


def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def timed(close_word: Callable[[sqlite3.Connection, str], str | None], db: Path, groups: list[list[str]]) -> dict:
    """Median seconds to offer spellings for a group of words (one refused question's, or one word), over REPEATS
    runs on a fresh connection each, and the offers."""
    per_group: list[float] = []
    offers: dict[str, str | None] = {}
    for _ in range(REPEATS):
        conn = _connect(db)
        try:
            for group in groups:
                started = time.perf_counter()
                offers.update((w, close_word(conn, w)) for w in group)
                per_group.append(time.perf_counter() - started)
        finally:
            conn.close()
    return {"median": statistics.median(per_group), "total": sum(per_group) / REPEATS, "offers": offers}


def _graded(offers: dict[str, str | None], made: dict[str, str]) -> str:
    """How many misspellings were offered the word they were made from (case aside), another word, or none."""
    right = sum(1 for typo, word in made.items() if (offers[typo] or "").lower() == word.lower())
    none = sum(1 for typo in made if offers[typo] is None)
    return f"{right} right, {len(made) - right - none} wrong, {none} none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main", help="the commit to compare with (default: main)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "askdocs-bench")
    args = parser.parse_args()
    from askdocs.lang.known_words import known
    from askdocs.store import spelling

    db = corpus_index(args.work) / "index" / DB_FILE
    before = spelling_at(args.before)
    known("warm")  # the model's vocabulary, which both versions read, loaded before either is timed
    for close_word in (before.close_word, spelling.close_word):  # the index file read once (the OS caches it)
        conn = _connect(db)
        close_word(conn, "warmup")
        conn.close()
    made = typos(db)
    sets = {
        "refused question (its missing words)": question_words(db),
        "misspelt corpus word": [[w] for w in made],
    }
    table = Table(
        f"Spelling offers: {args.before} beside this checkout, {REPEATS} runs (load {load()})",
        ["each", "count", "median, before", "median, now", "all, before", "all, now"],
    )
    changed: list[str] = []
    for label, groups in sets.items():
        was, now = timed(before.close_word, db, groups), timed(spelling.close_word, db, groups)
        ms = [1000 * x for x in (was["median"], now["median"], was["total"], now["total"])]
        table.add(label, len(groups), *(f"{x:.2f} ms" for x in ms))
        changed += [f"{w}: {o} -> {now['offers'][w]}" for w, o in was["offers"].items() if o != now["offers"][w]]
    for name, result in (("before", was), ("now", now)):
        table.notes.append(f"misspelt corpus words, {name}: {_graded(result['offers'], made)}")
    table.notes.append(f"offers that differ ({len(changed)}): " + ("; ".join(changed) or "none"))
    print(table.render())


if __name__ == "__main__":
    sys.exit(main())
