"""The reader's altered questions: each answerable example gives at most one "no answer" twin whose question puts a
name, a number or an opposite where its sentence says otherwise, asked of the same sentence."""

from __future__ import annotations

import random

from bench.reader_examples import altered


def _example(question: str, sentence: str, group: str) -> dict:
    return {"q": question, "c": sentence, "span": (0, 4), "group": group, "answers": ["x"]}


def test_names_numbers_and_opposites_are_changed_to_what_the_sentence_does_not_say() -> None:
    examples = [
        _example("Who did Dave Collins replace?", "Dave Collins takes over from Max Jones.", "a.txt"),
        _example("How many people died in 2014?", "In 2014, 12 people died in the floods.", "b.txt"),
        _example("What is the largest lake?", "Lake Constance is the largest lake on the river.", "c.txt"),
        _example("Where did Maria Lopez live?", "Maria Lopez lived in Quito.", "d.txt"),
        {"q": "Why?", "c": "No answer here.", "span": None, "group": "e.txt", "answers": []},
    ]
    out = altered(examples, random.Random(0))
    by_question = {e["answers"][0] + e["group"]: e for e in out}
    assert len(out) == 4 and all(e["span"] is None and "altered" in e for e in out)
    for e in out:
        original = next(x for x in examples if x["group"] == e["group"])
        old, new = e["altered"].split(" -> ")
        assert e["c"] == original["c"] and e["q"] != original["q"]
        assert e["q"] == original["q"].replace(old, new, 1) or e["q"].lower() == original["q"].lower().replace(
            old, new, 1
        )
        assert new not in e["c"] and old.lower() in e["c"].lower()
    assert by_question["xc.txt"]["q"] == "What is the smallest lake?"  # the only change that question allows
    swapped = by_question["xa.txt"]["altered"].split(" -> ")[1]
    assert swapped in {"Maria Lopez"}  # a name from another article's question
