"""The optional LLM answerer against a real chat-completions server on 127.0.0.1, started by the tests."""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from askdocs.answering import Citation, answer_question
from askdocs.answering.llm import NOT_FOUND, LLMAnswerer, answer_sentences, chat_url, check_markers, cited_numbers
from askdocs.errors import EXIT_LLM, LLMUnavailable, UsageError
from askdocs.indexer import index_corpus
from askdocs.retrieval import Retriever
from tests.support import SAMPLE, sample_folder

TEXT = SAMPLE.read_text(encoding="utf-8")
QUESTION = "Who was arrested on July 2?"
_EVIDENCE_LINE = re.compile(r'^\[(\d+)\] (.+?), line (\d+): "(.*)"$', re.M)


def cite(n: int, fragment: str) -> Citation:
    """A citation of the sample sentence containing `fragment`, with its real offsets and line."""
    start = TEXT.index(fragment)
    start = max(TEXT.rfind(". ", 0, start) + 2, TEXT.rfind("\n", 0, start) + 1)
    end = TEXT.index(".", TEXT.index(fragment)) + 1
    line = TEXT.count("\n", 0, start) + 1
    return Citation(n, "corpus/mexico-cartel-arrests.txt", start, end, line, TEXT[start:end], 0.8)


EVIDENCE = (
    cite(1, "The soldiers refused to free Francisco Torres"),
    cite(2, "When Herrera took his five-year-old son"),
    cite(3, "Following the two arrests on July 2"),
)


def tiny_model(user: str) -> str:
    """A stand-in language model: restates (at most two) evidence sentences sharing a long word with the question."""
    question = user.rsplit("Question:", 1)[-1]
    wanted = {w.lower() for w in re.findall(r"\b\w+\b", question) if len(w) > 3}
    picked = [
        (n, quote)
        for n, _path, _line, quote in _EVIDENCE_LINE.findall(user)
        if wanted & {w.lower() for w in re.findall(r"\b\w+\b", quote)}
    ]
    if not picked:
        return NOT_FOUND
    return " ".join(f"{quote.rstrip('.')} [{n}]." for n, quote in picked[:2])


@dataclass
class ChatServer:
    """A chat-completions endpoint on loopback whose behaviour each test chooses."""

    mode: str = "model"
    reply: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def answer(self, handler: BaseHTTPRequestHandler) -> tuple[int, bytes]:
        if handler.command == "GET" and handler.path == "/v1/models":
            return 200, json.dumps({"object": "list", "data": [{"id": "tiny-test-model"}]}).encode()
        if handler.path != "/v1/chat/completions":
            return 404, b'{"error": {"message": "no such route"}}'
        length = int(handler.headers.get("Content-Length", 0))
        body = json.loads(handler.rfile.read(length))
        self.requests.append(body)
        if self.mode == "error":
            return 500, json.dumps({"error": {"message": "model crashed\nwhile loading"}}).encode()
        if self.mode == "garbage":
            return 200, b"<html>this is not json</html>"
        if self.mode == "wrong-shape":
            return 200, json.dumps({"result": "Torres [1]"}).encode()
        if self.mode == "sleep":
            self.release.wait(10)
        content = self.reply if self.mode == "canned" else tiny_model(body["messages"][-1]["content"])
        message = {"role": "assistant", "content": content}
        return 200, json.dumps({"id": "x", "object": "chat.completion", "choices": [{"message": message}]}).encode()


@pytest.fixture
def server() -> Iterator[ChatServer]:
    state = ChatServer()

    class Handler(BaseHTTPRequestHandler):
        def _respond(self) -> None:
            status, payload = state.answer(self)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:
                pass  # the client gave up (timeout test)

        do_GET = do_POST = _respond

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    state.release.set()
    httpd.shutdown()
    httpd.server_close()


def test_request_carries_numbered_evidence_question_and_rules(server: ChatServer) -> None:
    text, unsupported = LLMAnswerer(server.url, model="tiny").compose(QUESTION, EVIDENCE)
    [body] = server.requests
    assert body["model"] == "tiny" and body["stream"] is False and body["temperature"] == 0
    system, user = body["messages"]
    assert system["role"] == "system" and NOT_FOUND in system["content"] and "[1]" in system["content"]
    assert user["role"] == "user" and user["content"].endswith(f"Question: {QUESTION}")
    sent = _EVIDENCE_LINE.findall(user["content"])
    assert [(int(n), p, int(line), q) for n, p, line, q in sent] == [(c.n, c.path, c.line, c.quote) for c in EVIDENCE]
    assert "Francisco Torres" in text and "Herrera" in text and "[1]" in text and "[2]" in text and "[3]" not in text
    assert unsupported == ()


def test_model_is_asked_of_the_endpoint_when_not_given(server: ChatServer) -> None:
    LLMAnswerer(server.url).compose(QUESTION, EVIDENCE)
    assert server.requests[0]["model"] == "tiny-test-model"


def test_valid_markers_pass_and_bad_or_missing_markers_are_flagged(server: ChatServer) -> None:
    server.mode = "canned"
    server.reply = (
        "Francisco Torres and Luis Edgar Herrera were arrested on July 2 [1][2]. "
        "Torres was held in Altar, Sonora. [1] "
        "Neri Ramírez was detained two days later [9]. "
        "The army has never lost a battle."
    )
    text, unsupported = LLMAnswerer(server.url, model="tiny").compose(QUESTION, EVIDENCE)
    assert text == server.reply
    assert unsupported == ("Neri Ramírez was detained two days later [9].", "The army has never lost a battle.")


def test_not_found_reply_means_no_answer(server: ChatServer) -> None:
    answerer = LLMAnswerer(server.url, model="tiny")
    assert answerer.compose("What is the capital of France?", EVIDENCE) == ("", ())
    server.mode, server.reply = "canned", "NOT FOUND."
    assert answerer.compose(QUESTION, EVIDENCE) == ("", ())
    server.reply = "<think>The evidence names Torres.</think>\nTorres was arrested in Altar [1]."
    assert answerer.compose(QUESTION, EVIDENCE) == ("Torres was arrested in Altar [1].", ())


def test_no_evidence_is_no_answer_without_a_request(server: ChatServer) -> None:
    assert LLMAnswerer(server.url, model="tiny").compose(QUESTION, ()) == ("", ())
    assert server.requests == []


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _assert_one_line(exc: LLMUnavailable, *fragments: str) -> None:
    message = str(exc)
    assert "\n" not in message and exc.exit_code == EXIT_LLM == 5
    for fragment in fragments:
        assert fragment in message


def test_connection_refused(server: ChatServer) -> None:
    with pytest.raises(LLMUnavailable) as info:
        LLMAnswerer(f"http://127.0.0.1:{_closed_port()}/v1", model="tiny").compose(QUESTION, EVIDENCE)
    _assert_one_line(info.value, "cannot reach", "refused")


def test_http_500_reports_status_and_server_message(server: ChatServer) -> None:
    server.mode = "error"
    with pytest.raises(LLMUnavailable) as info:
        LLMAnswerer(server.url, model="tiny").compose(QUESTION, EVIDENCE)
    _assert_one_line(info.value, "HTTP 500", "model crashed while loading")


def test_timeout(server: ChatServer) -> None:
    server.mode = "sleep"
    with pytest.raises(LLMUnavailable) as info:
        LLMAnswerer(server.url, model="tiny", timeout=0.3).compose(QUESTION, EVIDENCE)
    _assert_one_line(info.value, "did not answer within 0.3 s")


@pytest.mark.parametrize(("mode", "fragment"), [("garbage", "not JSON"), ("wrong-shape", "not a chat completion")])
def test_malformed_replies(server: ChatServer, mode: str, fragment: str) -> None:
    server.mode = mode
    with pytest.raises(LLMUnavailable) as info:
        LLMAnswerer(server.url, model="tiny").compose(QUESTION, EVIDENCE)
    _assert_one_line(info.value, fragment)


def test_empty_reply_is_an_error(server: ChatServer) -> None:
    server.mode, server.reply = "canned", "   "
    with pytest.raises(LLMUnavailable) as info:
        LLMAnswerer(server.url, model="tiny").compose(QUESTION, EVIDENCE)
    _assert_one_line(info.value, "empty answer")


def test_wrong_route_is_http_404(server: ChatServer) -> None:
    with pytest.raises(LLMUnavailable) as info:
        LLMAnswerer(f"http://127.0.0.1:{server.port}/api/chat/completions", model="tiny").compose(QUESTION, EVIDENCE)
    _assert_one_line(info.value, "HTTP 404", "no such route")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:11434/v1", "http://127.0.0.1:11434/v1/chat/completions"),
        ("http://127.0.0.1:11434/v1/", "http://127.0.0.1:11434/v1/chat/completions"),
        ("http://127.0.0.1:8080/v1/chat/completions", "http://127.0.0.1:8080/v1/chat/completions"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/chat/completions"),
        ("localhost:8000/v1", "http://localhost:8000/v1/chat/completions"),
        ("https://llm.example/openai/v1", "https://llm.example/openai/v1/chat/completions"),
    ],
)
def test_base_and_full_urls(url: str, expected: str) -> None:
    assert chat_url(url) == expected


@pytest.mark.parametrize("url", ["ftp://host/v1", "http://", ""])
def test_bad_url_is_a_usage_error(url: str) -> None:
    with pytest.raises(UsageError):
        LLMAnswerer(url)


def test_check_markers_rules() -> None:
    numbers = {1, 2, 3}
    assert check_markers("Torres [1]. Herrera [2,3]. Both men [1-3].", numbers) == ()
    assert check_markers("Torres [1-4].", numbers) == ("Torres [1-4].",)
    assert check_markers("Torres was arrested [0].", numbers) == ("Torres was arrested [0].",)
    assert check_markers("- Torres [1]\n- Herrera\n- Neri [3]", numbers) == ("Herrera",)
    assert check_markers("The U.S. Embassy issued a warning [3]. Mr. Guerrero agreed.", numbers) == (
        "Mr. Guerrero agreed.",
    )
    assert check_markers("[1]", numbers) == ()
    assert answer_sentences("Torres was arrested. [1] Herrera too. [2]") == [
        "Torres was arrested. [1]",
        "Herrera too. [2]",
    ]
    assert cited_numbers("a [1] b [2, 3] c [5-6] d [x]") == {1, 2, 3, 5, 6}


def test_real_citations_from_the_index_round_trip(server: ChatServer, settings, real_embedder) -> None:
    """Evidence chosen by the real answerer from a real index goes to the endpoint and its answer checks out."""
    index_corpus(settings, embedder=real_embedder)
    retriever = Retriever.open(settings, embedder=real_embedder)
    try:
        answer = answer_question(retriever, QUESTION)
    finally:
        retriever.close()
    assert answer.found and answer.citations
    text, unsupported = LLMAnswerer(server.url, model="tiny").compose(QUESTION, answer.citations)
    user = server.requests[0]["messages"][-1]["content"]
    for c in answer.citations:
        assert f'[{c.n}] {c.path}, line {c.line}: "{" ".join(c.quote.split())}"' in user
        assert TEXT[c.start : c.end] == c.quote
    assert text and unsupported == ()
    assert cited_numbers(text) <= {c.n for c in answer.citations}


@pytest.mark.slow
def test_core_module_needs_no_extra_packages(tmp_path: Path) -> None:
    import subprocess
    import sys

    probe = "import sys, askdocs.answering.llm; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    mods = set(out.stdout.split())
    assert "askdocs.answering.llm" in mods and not {"torch", "click", "textual", "requests", "httpx", "openai"} & mods


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's folder with the sample corpus, indexed through the real CLI (real model, FAISS, SQLite)."""
    from tests.cli.test_cli import run

    root = tmp_path_factory.mktemp("llm-user")
    sample_folder(root)
    out = run("index", cwd=root)
    assert out.returncode == 0, out.stderr
    return root


def test_ask_with_llm_end_to_end(indexed: Path, server: ChatServer) -> None:
    from tests.cli.test_cli import run

    out = run("ask", "--llm", server.url, "--llm-model", "tiny", "--json", QUESTION, cwd=indexed)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    [body] = server.requests
    user = body["messages"][-1]["content"]
    assert body["model"] == "tiny" and user.endswith(f"Question: {QUESTION}")
    assert data["found"] is True and data["unsupported"] == []
    assert data["answer"] == tiny_model(user) and "Torres" in data["answer"]
    numbers = {c["n"] for c in data["citations"]}
    assert cited_numbers(data["answer"]) <= numbers
    for c in data["citations"]:
        assert f'[{c["n"]}] {c["path"]}, line {c["line"]}: "{" ".join(c["quote"].split())}"' in user
        assert (indexed / c["path"]).read_text(encoding="utf-8")[c["start"] : c["end"]] == c["quote"]
        assert c["status"] == "ok"


def test_ask_with_llm_flags_unsupported_sentences(indexed: Path, server: ChatServer) -> None:
    from tests.cli.test_cli import run

    server.mode = "canned"
    server.reply = "Francisco Torres was arrested in Altar [1]. He was later freed [9]. It rained."
    out = run("ask", "--llm", server.url, "--json", QUESTION, cwd=indexed)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert server.requests[0]["model"] == "tiny-test-model"
    assert data["answer"] == server.reply
    assert data["unsupported"] == ["He was later freed [9].", "It rained."]
    text = run("ask", "--llm", server.url, QUESTION, cwd=indexed)
    assert text.returncode == 0 and "unsupported" in text.stdout and "It rained." in text.stdout


def test_ask_with_unreachable_llm_is_exit_5_one_line(indexed: Path) -> None:
    from tests.cli.test_cli import run

    out = run("ask", "--llm", f"http://127.0.0.1:{_closed_port()}/v1", "--json", QUESTION, cwd=indexed)
    assert out.returncode == 5 and out.stdout == ""
    assert out.stderr.startswith("askdocs: error:") and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_ask_with_llm_not_found_reply_is_not_found_exit_1(indexed: Path, server: ChatServer) -> None:
    from tests.cli.test_cli import run

    server.mode, server.reply = "canned", "NOT FOUND"
    out = run("ask", "--llm", server.url, "--json", QUESTION, cwd=indexed)
    assert out.returncode == 1, out.stderr
    data = json.loads(out.stdout)
    assert data["found"] is False and data["citations"] == [] and data["answer"]
    assert any("LLM" in r for r in data["reasons"])
