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
from askdocs.text.excerpt import Preview


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


PREVIEWS = {7: Preview("Francisco Torres was held.", 3, 51, 77, 5)}
"""Where passage 7 of `_answer` opened when shown: past its first sentence."""


def test_round_trip_keeps_every_answer_field(tmp_path: Path) -> None:
    conversation = Conversation("reading", created=1000.0)
    conversation = conversation.add(Exchange(_answer(), 0.42, 2000.0, PREVIEWS))
    conversation = conversation.add(Exchange(_answer("What is the capital of France?", found=False), 0.1, 2001.0))
    path = conversations.save(tmp_path, conversation)
    assert path == tmp_path / "chats" / "reading.json"
    loaded = conversations.load(tmp_path, "reading")
    assert loaded == conversation
    assert loaded.answers[0].hits[0].passage.text.startswith("The soldiers")
    assert loaded.exchanges[0].previews == PREVIEWS and loaded.exchanges[1].previews == {}
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


def _saved(tmp_path: Path, name: str, data: object) -> Path:
    """A hand-written file under INDEX/chats/, as a user or another program might leave it."""
    folder = tmp_path / "chats"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _good_dict() -> dict:
    return conversations.conversation_to_dict(Conversation("x").add(Exchange(_answer(), 1.0, 0.0, PREVIEWS)))


def test_a_hostile_saved_chat_loads_cleaned_and_exports_without_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from askdocs.cli import main
    from tests.hostile import ATTACKS, FORGED_NAME, is_safe

    data = _good_dict()
    answer = data["exchanges"][0]["answer"]
    poison = "".join(ATTACKS)
    answer["question"] = f"Who{poison} was arrested?"
    answer["text"] = f"Francisco Torres{poison} [1]"
    answer["notes"] = [f"note{poison}"]
    answer["reasons"] = [f"why{poison}"]
    answer["short"] = f"Torres{poison}"
    answer["citations"][0].update(quote=f"The soldiers{poison}.", status=f"ok{poison}", path=FORGED_NAME)
    answer["hits"][0]["passage"]["text"] = f"passage{poison}"
    data["exchanges"][0]["previews"][0]["text"] = f"preview{poison}"
    _saved(tmp_path, "hostile", data)
    loaded = conversations.load(tmp_path, "hostile")
    got = loaded.answers[0]
    texts = [got.question, got.text, got.short, got.citations[0].quote, got.citations[0].status, *got.notes]
    texts += [*got.reasons, got.hits[0].passage.text, loaded.exchanges[0].previews[7].text]
    assert all(is_safe(t) for t in texts), texts
    assert got.question.startswith("Who") and got.question.endswith("was arrested?")
    assert got.citations[0].path == FORGED_NAME  # the real name, to open the file; shown through safe.name
    with pytest.raises(SystemExit) as stop:
        main(["chat", "--export", "hostile", "--index", str(tmp_path), "--corpus", str(tmp_path)])
        raise SystemExit(0)
    out = capsys.readouterr()
    assert stop.value.code in (0, None) and "Traceback" not in out.err
    assert is_safe(out.out) and "Francisco Torres" in out.out and "fake\\n[9]" in out.out
    assert not [line for line in out.out.splitlines() if line.lstrip("- >").startswith(("[9]", "\\[9"))]


def test_a_huge_string_is_cut_and_a_huge_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _good_dict()
    data["exchanges"][0]["answer"]["text"] = "Torres " * 100_000
    _saved(tmp_path, "long", data)
    text = conversations.load(tmp_path, "long").answers[0].text
    assert len(text) == conversations.MAX_TEXT + 1 and text.endswith("…")
    monkeypatch.setattr(conversations, "MAX_FILE_BYTES", 1000)
    with pytest.raises(UsageError, match="over 0 MB"):
        conversations.load(tmp_path, "long")


def _broken(field: str) -> dict:
    data = _good_dict()
    answer = data["exchanges"][0]["answer"]
    changes = {
        "question": lambda: answer.update(question=["a", "list"]),
        "found": lambda: answer.update(found="yes"),
        "citation start": lambda: answer["citations"][0].update(start="0"),
        "citation missing quote": lambda: answer["citations"][0].pop("quote"),
        "citation not an object": lambda: answer.update(citations=["[1] a.txt"]),
        "citations not a list": lambda: answer.update(citations={"n": 1}),
        "hit passage": lambda: answer["hits"][0].update(passage=None),
        "hit score": lambda: answer["hits"][0].update(score=float("nan")),
        "notes": lambda: answer.update(notes=[1, 2]),
        "seconds": lambda: data["exchanges"][0].update(seconds="fast"),
        "exchange": lambda: data["exchanges"].append("not an exchange"),
        "exchanges": lambda: data.update(exchanges={"0": {}}),
        "answer": lambda: data["exchanges"][0].update(answer=[]),
        "created": lambda: data.update(created=float("inf")),
        "huge offset": lambda: answer["citations"][0].update(end=10**40),
        "huge score": lambda: answer["citations"][0].update(score=10**400),
        "huge time": lambda: data.update(created=-(10**400)),
        "previews": lambda: data["exchanges"][0].update(previews={"7": {}}),
        "preview passage": lambda: data["exchanges"][0]["previews"][0].update(passage="7"),
        "preview line": lambda: data["exchanges"][0]["previews"][0].update(line=None),
        "preview not an object": lambda: data["exchanges"][0]["previews"].append("p.3"),
    }
    changes[field]()
    return data


@pytest.mark.parametrize(
    "field",
    [
        "question",
        "found",
        "citation start",
        "citation missing quote",
        "citation not an object",
        "citations not a list",
        "hit passage",
        "hit score",
        "notes",
        "seconds",
        "exchange",
        "exchanges",
        "answer",
        "created",
        "huge offset",
        "huge score",
        "huge time",
        "previews",
        "preview passage",
        "preview line",
        "preview not an object",
    ],
)
def test_a_saved_chat_with_a_wrong_type_or_missing_key_is_one_line_usage_error(tmp_path: Path, field: str) -> None:
    _saved(tmp_path, "edited", _broken(field))
    with pytest.raises(UsageError) as caught:
        conversations.load(tmp_path, "edited")
    message = str(caught.value)
    assert "\n" not in message and "edited.json" in message and len(message) < 600


@pytest.mark.parametrize(
    "text",
    [
        "",
        "null",
        "[]",
        '"text"',
        "[" * 100_000 + "]" * 100_000,
        '{"format": 1}',
        "\ufeff{}",
        "{\x1b]0;PWNED\x07",
        '{"format": 1, "created": 1' + "0" * 5000 + ', "exchanges": []}',
    ],
)
def test_invalid_or_foreign_json_is_one_line_usage_error(tmp_path: Path, text: str) -> None:
    from tests.hostile import is_safe

    _saved(tmp_path, "bad", text)
    with pytest.raises(UsageError) as caught:
        conversations.load(tmp_path, "bad")
    assert "\n" not in str(caught.value) and is_safe(str(caught.value))


def test_unknown_keys_are_ignored_and_a_clean_chat_loads_unchanged(tmp_path: Path) -> None:
    data = _good_dict()
    data["future"] = {"anything": [1, 2]}
    data["exchanges"][0]["answer"]["citations"][0]["colour"] = "blue"
    data["exchanges"][0]["answer"]["hits"][0]["passage"]["extra"] = 3
    _saved(tmp_path, "x", data)
    expected = Conversation("x", (Exchange(_answer(), 1.0, 0.0, PREVIEWS),), data["created"])
    assert conversations.load(tmp_path, "x") == expected


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"a": 1}\n' + "[" * 100_000, "nested too deeply"),
        ('[{"question": "Who?", "n": 1' + "0" * 5000 + "}]", "number is too long"),
    ],
)
def test_a_hostile_context_file_is_one_line_usage_error(tmp_path: Path, text: str, said: str) -> None:
    """A saved chat (or any JSON) handed to `ask --context` is as untrusted as one the chat reopens."""
    from askdocs.answering.context_file import load_turns

    path = _saved(tmp_path, "deep", text)
    with pytest.raises(UsageError, match=said):
        load_turns(path)


def test_names_skip_what_is_not_a_readable_chat_file(tmp_path: Path) -> None:
    conversations.save(tmp_path, Conversation("kept").add(Exchange(_answer(), 1.0, 0.0)))
    folder = tmp_path / "chats"
    (folder / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    (folder / "folder.json").mkdir()
    (folder / "bad name!.json").write_text("{}", encoding="utf-8")
    assert conversations.names(tmp_path) == ["kept"]
