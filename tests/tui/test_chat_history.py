"""Conversations in the chat: saved after each answer, reopened by name or with --resume (passages opening where
they did), used as context."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from askdocs import conversations
from askdocs.answering import Answer
from askdocs.tui.app import create_app
from askdocs.tui.widgets.answer import AnswerBubble
from tests.tui.chat_support import (
    JULY_2,
    SIZE,
    ask,
    markdown_of,
    settings_in,
    source_list,
    started,
)


def _passage_labels(bubble: AnswerBubble) -> list[str]:
    passages = source_list(bubble, "passages")
    return [str(passages.get_option_at_index(i).prompt) for i in range(passages.option_count)]


def test_conversation_is_saved_reopened_and_used_as_context(workspace: Path, real_embedder) -> None:  # noqa: ANN001
    settings = settings_in(workspace)
    shown: list[str] = []

    async def first() -> None:
        app = create_app(settings, session="reading", embedder=real_embedder)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            shown.extend(_passage_labels(await ask(pilot, JULY_2)))

    asyncio.run(first())
    saved = json.loads((workspace / "index" / "chats" / "reading.json").read_text(encoding="utf-8"))
    assert saved["exchanges"][0]["answer"]["question"] == JULY_2
    previews = saved["exchanges"][0]["previews"]
    hits = {h["passage"]["id"]: h["passage"] for h in saved["exchanges"][0]["answer"]["hits"]}
    assert {v["passage"] for v in previews} == set(hits)
    assert any(v["start"] > hits[v["passage"]]["start"] for v in previews)  # some open past their first sentence

    async def again(restored_count: int, **kwargs: object) -> list[tuple[str, tuple[Answer, ...]]]:
        app = create_app(settings, embedder=real_embedder, **kwargs)  # type: ignore[arg-type]
        calls: list[tuple[str, tuple[Answer, ...]]] = []
        ask_core = app.backend.ask

        def spying(question: str, earlier=()) -> Answer:  # noqa: ANN001
            calls.append((question, tuple(earlier)))
            return ask_core(question, earlier)

        app.backend.ask = spying  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot, app)
            restored = list(app.chat.query(AnswerBubble))
            assert len(restored) == restored_count and all(b.answer is not None for b in restored)
            assert restored[0].answer.found
            assert "Torres" in markdown_of(restored[0]) and app.sub_title == "reading"
            assert _passage_labels(restored[0]) == shown  # each passage opens where it did when first shown
            await ask(pilot, "Where was he taken?" if restored_count == 1 else "Who was the third boss?")
        return calls

    calls = asyncio.run(again(1, session="reading"))
    assert calls[0][0] == "Where was he taken?" and [a.question for a in calls[0][1]] == [JULY_2]
    assert len(conversations.load(workspace / "index", "reading").exchanges) == 2
    calls = asyncio.run(again(2, resume=True))  # --resume reopens the most recent one
    assert [a.question for a in calls[0][1]] == [JULY_2, "Where was he taken?"]
