"""The reader's examples: (question, sentence, answer span or none), from the development articles and the Rhine
SQuAD article, and the held-out split by article file (see bench/fit_reader.py)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from bench.common import REPO
from bench.devdata import RHINE

from askdocs.text.sentences import split_sentences

DEV = REPO / "tests" / "qa" / "dev"
SQUAD_TRAIN = REPO / "tests" / "qa" / "train" / "squad2-train-part.json"
HELD_OUT = 0.2
"""Share of the development articles (by file) the reader is not fitted on: the short-answer threshold is read
off them."""
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 3 or w.isdigit()}


def closest(question: str, pool: list[str]) -> str | None:
    """The sentence sharing most of the question's longer words (per length, lightly): a hard "no answer"."""
    words = _words(question)
    return max(pool, key=lambda s: len(words & _words(s)) / (1 + 0.02 * len(s.split()))) if pool else None


def _find(sentence: str, answers: list[str]) -> tuple[int, int] | None:
    low = sentence.lower()
    for answer in answers:
        i = low.find(answer.lower()) if answer.strip() else -1
        if i >= 0:
            return i, i + len(answer)
    return None


def _example(question: str, sentence: str, span: tuple[int, int] | None, group: str, answers: list[str], **more):
    return {"q": question, "c": sentence, "span": span, "group": group, "answers": answers, **more}


def _no_answer(question: str, others: list[str], rng: random.Random) -> list[str]:
    """Two sentences of the article without the answer: one at random, and the one sharing most of the question's
    longer words."""
    return [*rng.sample(others, 1), closest(question, others) or ""] if others else []


def development(rng: random.Random) -> list[dict]:
    """The development articles' examples (see the module's docstring)."""
    texts: dict[str, list[str]] = {}

    def sentences(name: str) -> list[str]:
        if name not in texts:
            texts[name] = [s.text for s in split_sentences((DEV / "articles" / name).read_text(encoding="utf-8"))]
        return texts[name]

    out: list[dict] = []
    for file in ("questions.jsonl", "paraphrased.jsonl"):
        for line in (DEV / file).read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            if q.get("answers") and q.get("evidence"):
                span = _find(q["evidence"], q["answers"])
                if span is None:
                    continue
                out.append(_example(q["question"], q["evidence"], span, q["file"], q["answers"]))
                others = [s for s in sentences(q["file"]) if _find(s, q["answers"]) is None and len(s) > 30]
                for s in _no_answer(q["question"], others, rng):
                    out.append(_example(q["question"], s, None, q["file"], q["answers"]))
            elif q.get("kind") == "adversarial" and q.get("file"):
                s = closest(q["question"], sentences(q["file"]))
                out.append(_example(q["question"], s, None, q["file"], [], adversarial=True))
    return out


def rhine(parity: int, rng: random.Random) -> list[dict]:
    """The Rhine paragraphs of one parity: answerable questions with their answer's sentence and two without."""
    data = json.loads(RHINE.read_text(encoding="utf-8"))
    out: list[dict] = []
    for i, paragraph in enumerate(data["data"][0]["paragraphs"]):
        if i % 2 != parity:
            continue
        context = paragraph["context"]
        sents = [context[s.start : s.end] for s in split_sentences(context)]
        starts = [s.start for s in split_sentences(context)]
        for qa in paragraph["qas"]:
            if qa.get("is_impossible"):
                out.append(
                    _example(qa["question"], closest(qa["question"], sents), None, f"rhine{i}", [], adversarial=True)
                )
                continue
            answers = [a["text"] for a in qa["answers"]]
            at = qa["answers"][0]["answer_start"]
            k = _sentence_at(starts, at)
            span = _find(sents[k], answers)
            if span is None:
                continue
            out.append(_example(qa["question"], sents[k], span, f"rhine{i}", answers))
            others = [s for s in sents if _find(s, answers) is None]
            for s in _no_answer(qa["question"], others, rng):
                out.append(_example(qa["question"], s, None, f"rhine{i}", answers))
    return out


def squad_training(rng: random.Random, path: Path = SQUAD_TRAIN) -> list[dict]:
    """SQuAD 2.0 training paragraphs (tests/qa/train/), read as the Rhine's: each answerable question with its
    answer's sentence and two without; each unanswerable one with the sentence of its "plausible answer" (the span
    its writer made it look answerable by), else the sentence sharing most of its words, as "no answer". Their
    articles are none of SQuAD's development set, of which the Rhine article is one."""
    out: list[dict] = []
    for article in json.loads(path.read_text(encoding="utf-8"))["data"]:
        group = "squad:" + article["title"]
        for paragraph in article["paragraphs"]:
            context = paragraph["context"]
            spans = split_sentences(context)
            sents = [context[s.start : s.end] for s in spans]
            starts = [s.start for s in spans]
            if not sents:
                continue
            for qa in paragraph["qas"]:
                if qa.get("is_impossible"):
                    plausible = qa.get("plausible_answers") or []
                    where = _sentence_at(starts, plausible[0]["answer_start"]) if plausible else None
                    sentence = sents[where] if where is not None else closest(qa["question"], sents)
                    out.append(_example(qa["question"], sentence, None, group, [], adversarial=True))
                    continue
                answers = [a["text"] for a in qa["answers"]]
                k = _sentence_at(starts, qa["answers"][0]["answer_start"])
                if (span := _find(sents[k], answers)) is None:
                    continue  # an answer across two sentences
                out.append(_example(qa["question"], sents[k], span, group, answers))
                others = [s for s in sents if _find(s, answers) is None]
                for s in _no_answer(qa["question"], others, rng):
                    out.append(_example(qa["question"], s, None, group, answers))
    return out


def _sentence_at(starts: list[int], offset: int) -> int:
    """The position of the sentence holding character `offset`, from the sentences' starts."""
    return max((j for j, start in enumerate(starts) if start <= offset), default=0)


def split(examples: list[dict]) -> tuple[list[dict], list[dict]]:
    """Fitted on and held out, by article file (seeded)."""
    files = sorted({e["group"] for e in examples})
    random.Random(1).shuffle(files)
    held = set(files[: int(len(files) * HELD_OUT)])
    return [e for e in examples if e["group"] not in held], [e for e in examples if e["group"] in held]


_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+|de\s+)?[A-Z][\w'’.-]*)*")
_NUMBER = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w])")
_LOWER = re.compile(r"[a-z]+")


def _names(question: str) -> list[str]:
    """Runs of capitalised words in a question, the question's own first word left out."""
    runs = (m.group().removesuffix("'s").removesuffix("’s") for m in _NAME.finditer(question) if m.start() > 0)
    return [run for run in runs if run != "I"]


def _other_number(number: str, sentence: str, rng: random.Random) -> str | None:
    """Another number of the same shape that the sentence does not hold (a year stays a nearby year)."""
    digits = number.replace(",", "")
    if not digits.isdigit():
        return None
    value = int(digits)
    for _ in range(20):
        new = value + rng.choice([-1, 1]) * rng.randint(1, 9) if 1000 <= value <= 2100 else value * rng.randint(2, 5)
        text = f"{new:,}" if "," in number else str(new)
        if new > 0 and text not in sentence:
            return text
    return None


def altered(examples: list[dict], rng: random.Random) -> list[dict]:
    """One "no answer" example for each answerable one: its question with a name or number its sentence holds put
    in place of another (a name from another article's question, another number), or one of its words turned to
    its opposite (WordNet's antonyms, as askdocs' opposites signal reads them), asked of the same sentence. These are
    the kinds of change that make most of SQuAD 2.0's unanswerable questions (entity swaps, antonyms)."""
    from askdocs.lang.en import EN

    opposites = EN.opposites
    pool = [(e["group"], name) for e in examples if e["span"] is not None for name in _names(e["q"])]
    out: list[dict] = []
    for e in examples:
        if e["span"] is None:
            continue
        question, sentence = e["q"], e["c"]
        changes: list[tuple[str, str]] = []
        names = [n for n in _names(question) if n in sentence]
        if names and pool:
            name = rng.choice(names)
            for _ in range(10):
                group, other = rng.choice(pool)
                if group != e["group"] and other not in sentence and other not in question:
                    changes.append((name, other))
                    break
        numbers = [m.group() for m in _NUMBER.finditer(question) if m.group() in sentence]
        if numbers and (new := _other_number(number := rng.choice(numbers), sentence, rng)):
            changes.append((number, new))
        low = set(_LOWER.findall(sentence.lower()))
        flips = [
            (w, sorted(opposites[w])[0])
            for w in _LOWER.findall(question.lower())
            if w in opposites and w not in EN.stopwords and not (opposites[w] & low)
        ]
        if flips:
            changes.append(rng.choice(flips))
        if not changes:
            continue
        old, new = rng.choice(changes)
        at = question.find(old) if old in question else question.lower().find(old)
        changed = question[:at] + new + question[at + len(old) :]
        out.append({**e, "q": changed, "span": None, "altered": old + " -> " + new})
    return out
