"""Saved conversations: JSON files next to the index, written atomically, read back as the same Answers."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from askdocs import conversations
from askdocs.answering import Answer, Citation
from askdocs.conversations import Conversation, Exchange
from askdocs.errors import UsageError
from askdocs.retrieval import Hit
from askdocs.store.records import Passage


def _answer(question: str = "Who was arrested on July 2?", found: bool = True) -> Answer:
    passage = Passage(7, 1, "a.txt", 0, 0, 120, 1, 0, 2, "The soldiers refused to free Francisco Torres. More.")
    hit = Hit(passage, 0.0328, 1, lexical_rank=2, lexical_score=3.5, dense_rank=1, dense_score=0.61)
    citations = (Citation(1, "corpus/a.txt", 0, 45, 1, "The soldiers refused to free Francisco Torres.", 0.8),)
    extra = {}
    fields = {f.name for f in dataclasses.fields(Answer)}
    if "short" in fields:
        extra["short"] = "Francisco Torres"
    if "related" in fields and not found:
        extra["related"] = (hit,)
    return Answer(
        question=question,
        text="The soldiers refused to free Francisco Torres. [1]" if found else "I could not find an answer.",
        found=found,
        citations=citations if found else (),
        hits=(hit,),
        notes=("[1] corpus/a.txt has changed since it was indexed",) if found else (),
        **extra,
    )


def test_round_trip_keeps_every_answer_field(tmp_path: Path) -> None:
    conversation = Conversation("reading", created=1000.0)
    conversation = conversation.add(Exchange(_answer(), 0.42, 2000.0))
    conversation = conversation.add(Exchange(_answer("What is the capital of France?", found=False), 0.1, 2001.0))
    path = conversations.save(tmp_path, conversation)
    assert path == tmp_path / "chats" / "reading.json"
    loaded = conversations.load(tmp_path, "reading")
    assert loaded == conversation
    assert loaded.answers[0].hits[0].passage.text.startswith("The soldiers")
    assert [e.question for e in loaded.exchanges] == ["Who was arrested on July 2?", "What is the capital of France?"]


def test_the_file_is_readable_json_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    conversations.save(tmp_path, Conversation("a").add(Exchange(_answer(), 1.0, 0.0)))
    conversations.save(tmp_path, Conversation("a").add(Exchange(_answer("Again?"), 1.0, 0.0)))
    assert sorted(p.name for p in (tmp_path / "chats").iterdir()) == ["a.json"]
    data = json.loads((tmp_path / "chats" / "a.json").read_text(encoding="utf-8"))
    assert data["format"] == conversations.FORMAT and data["exchanges"][0]["answer"]["question"] == "Again?"
    assert data["exchanges"][0]["answer"]["citations"][0]["quote"].endswith("Torres.")


def test_a_failed_write_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conversations.save(tmp_path, Conversation("a").add(Exchange(_answer(), 1.0, 0.0)))

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        conversations.save(tmp_path, Conversation("a").add(Exchange(_answer("Lost?"), 1.0, 0.0)))
    assert sorted(p.name for p in (tmp_path / "chats").iterdir()) == ["a.json"]
    assert conversations.load(tmp_path, "a").exchanges[0].question == "Who was arrested on July 2?"


def test_names_newest_first_and_resume_picks_the_last(tmp_path: Path) -> None:
    assert conversations.names(tmp_path) == [] and conversations.last_name(tmp_path) is None
    for i, name in enumerate(["old", "newer", "newest"]):
        path = conversations.save(tmp_path, Conversation(name).add(Exchange(_answer(name), 1.0, 0.0)))
        os.utime(path, ns=(1_000_000_000 * (i + 1), 1_000_000_000 * (i + 1)))
    assert conversations.names(tmp_path) == ["newest", "newer", "old"]
    assert conversations.open_or_new(tmp_path, None, resume=True).name == "newest"


def test_open_or_new(tmp_path: Path) -> None:
    fresh = conversations.open_or_new(tmp_path, None)
    assert fresh.name.startswith("chat-") and not fresh.exchanges
    assert conversations.open_or_new(tmp_path, "later").exchanges == ()
    assert not conversations.exists(tmp_path, "later")  # nothing is written until there is something to keep
    with pytest.raises(UsageError, match="no saved conversation to resume"):
        conversations.open_or_new(tmp_path, None, resume=True)
    with pytest.raises(UsageError, match="not both"):
        conversations.open_or_new(tmp_path, "x", resume=True)


@pytest.mark.parametrize("name", ["", "../escape", "a/b", ".hidden", "x" * 65, "name.json", "spa ce"])
def test_bad_names_are_usage_errors(tmp_path: Path, name: str) -> None:
    with pytest.raises(UsageError, match="bad conversation name"):
        conversations.open_or_new(tmp_path, name)


def test_damaged_files_are_one_line_usage_errors(tmp_path: Path) -> None:
    folder = tmp_path / "chats"
    folder.mkdir()
    (folder / "garbled.json").write_text("{not json", encoding="utf-8")
    (folder / "foreign.json").write_text('{"format": 99, "exchanges": []}', encoding="utf-8")
    (folder / "partial.json").write_text('{"format": 1, "exchanges": [{"answer": {}}]}', encoding="utf-8")
    for name in ("garbled", "foreign", "partial"):
        with pytest.raises(UsageError) as caught:
            conversations.load(tmp_path, name)
        assert "\n" not in str(caught.value) and name in str(caught.value)
    with pytest.raises(UsageError, match="no saved conversation 'missing'"):
        conversations.load(tmp_path, "missing")
