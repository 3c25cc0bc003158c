"""The optional LLM answerer: an OpenAI-compatible chat endpoint writes the answer from numbered evidence only.

Standard library only (urllib + json). The reply is checked: every sentence must cite evidence it was given.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from askdocs.errors import LLMUnavailable, UsageError
from askdocs.text.safe import flat
from askdocs.text.sentences import split_sentences

if TYPE_CHECKING:
    from askdocs.answering.types import Citation

NOT_FOUND = "NOT FOUND"
"""What the model must answer when the evidence does not answer the question."""

SYSTEM_PROMPT = f"""You answer a question using only the numbered evidence sentences you are given.
Rules:
- Use only facts stated in the evidence sentences. Never add outside knowledge or guesses.
- End every sentence of your answer with the number of the evidence sentence it comes from, in square \
brackets, like [1] or [2][3]. Cite only numbers that appear in the evidence.
- Start with the short answer (the names, number, place or date asked for), then any needed detail.
- Answer in plain sentences, with no heading and no list of sources.
- If the evidence sentences do not answer the question, reply exactly: {NOT_FOUND}"""

_MARKER = re.compile(r"\[\s*(\d{1,4}(?:\s*[-–,;]\s*\d{1,4})*)\s*\]")
_AFTER_MARKERS = re.compile(r"[.!?…][”’\"'»)]*(?:\s*\[\s*\d[\d\s,;\-–]*\])+\s+(?=\S)")
_LEADING_MARKERS = re.compile(r"^(?:\s*\[\s*\d[\d\s,;\-–]*\])+\s*")
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S | re.I)
_NOT_FOUND_RE = re.compile(r"^\W*not\s+found\b", re.I)
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
_MAX_RANGE = 50


def marker_numbers(marker: str) -> set[int]:
    """The numbers inside one marker body: '2' -> {2}, '1, 3' -> {1, 3}, '1-3' -> {1, 2, 3}."""
    numbers: set[int] = set()
    for part in re.split(r"\s*[,;]\s*", marker.strip()):
        bounds = [int(x) for x in re.split(r"\s*[-–]\s*", part) if x]
        if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= _MAX_RANGE:
            numbers.update(range(bounds[0], bounds[1] + 1))
        else:
            numbers.update(bounds)
    return numbers


def cited_numbers(text: str) -> set[int]:
    """Every evidence number the text cites with a [n] marker."""
    found: set[int] = set()
    for m in _MARKER.finditer(text):
        found |= marker_numbers(m.group(1))
    return found


def answer_sentences(text: str) -> list[str]:
    """The text's sentences, each keeping the markers written right after its final punctuation."""
    pieces: list[str] = []
    for sentence in split_sentences(text):
        pos = 0
        for m in _AFTER_MARKERS.finditer(sentence.text):
            pieces.append(sentence.text[pos : m.end()].strip())
            pos = m.end()
        pieces.append(sentence.text[pos:].strip())
    out: list[str] = []
    for piece in pieces:
        lead = _LEADING_MARKERS.match(piece)
        if lead and out:
            out[-1] = f"{out[-1]} {lead.group().strip()}"
            piece = piece[lead.end() :].strip()
        if piece:
            out.append(piece)
    return out


def check_markers(text: str, numbers: set[int]) -> tuple[str, ...]:
    """The sentences of `text` that cite nothing, or cite a number that is not in `numbers` (unsupported)."""
    unsupported = []
    for sentence in answer_sentences(text):
        if not re.search(r"\w", _MARKER.sub("", sentence)):
            continue
        cited = cited_numbers(sentence)
        if not cited or not cited <= numbers:
            unsupported.append(sentence)
    return tuple(unsupported)


def evidence_block(citations: Sequence[Citation]) -> str:
    """The numbered evidence as the model reads it: `[n] path, line L: "quote"` (a page or
    section for extracted formats), one per line."""
    return "\n".join(f'[{c.n}] {c.path}, {c.where or f"line {c.line}"}: "{flat(c.quote)}"' for c in citations)


def build_messages(question: str, citations: Sequence[Citation]) -> list[dict[str, str]]:
    """The chat messages for one question: the rules, then the evidence and the question."""
    user = f"Evidence sentences:\n{evidence_block(citations)}\n\nQuestion: {' '.join(question.split())}"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def chat_url(url: str) -> str:
    """The chat-completions URL from a base ('http://host:11434/v1', 'http://host:8080') or the full URL."""
    raw = url.strip()
    if "://" not in raw:
        raw = f"http://{raw}"
    parts = urllib.parse.urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--llm needs an http(s) URL such as http://127.0.0.1:11434/v1, not {url!r}")
    path = parts.path.rstrip("/")
    if not path.endswith("/chat/completions"):
        path = f"{path or '/v1'}/chat/completions"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _server_message(body: bytes) -> str:
    """The error text an endpoint sent with an HTTP error, if it sent one."""
    try:
        data = json.loads(body.decode("utf-8", errors="replace"))
    except ValueError:
        return _one_line(body.decode("utf-8", errors="replace"), 120)
    if isinstance(data, dict):
        err = data.get("error", data.get("detail", data.get("message")))
        if isinstance(err, dict):
            err = err.get("message", "")
        if isinstance(err, str):
            return _one_line(err, 120)
    return ""


def reply_text(data: Any) -> str:
    """The assistant's text from a chat-completions reply, or ValueError when the reply is not one."""
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise ValueError("no choices[0].message.content") from None
    if isinstance(content, list):
        content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
    if not isinstance(content, str):
        raise ValueError("the message content is not text")
    return _THINK.sub("", content).strip()


@dataclass(frozen=True)
class LLMAnswerer:
    """Client of one OpenAI-compatible chat endpoint (Ollama, llama.cpp server, vLLM) that answers from evidence."""

    url: str
    model: str | None = None
    """Model name sent to the endpoint; None asks the endpoint's /models list and takes the first."""
    timeout: float = 60.0
    """Seconds to wait for the endpoint before giving up."""
    api_key: str | None = None
    """Sent as a Bearer token when set (hosted endpoints); local servers need none."""

    def __post_init__(self) -> None:
        chat_url(self.url)
        if self.timeout <= 0:
            raise UsageError("the LLM timeout must be a positive number of seconds")

    @property
    def endpoint(self) -> str:
        return chat_url(self.url)

    def compose(self, question: str, citations: tuple[Citation, ...]) -> tuple[str, tuple[str, ...]]:
        """Ask the model; return its answer and the answer's unsupported sentences.

        ("", ()) means the model answered NOT FOUND (or there was no evidence): the documents do not answer.
        """
        if not citations:
            return "", ()
        body: dict[str, Any] = {"messages": build_messages(question, citations), "temperature": 0, "stream": False}
        model = self.model or self._first_model()
        if model:
            body["model"] = model
        text = reply_text_or_raise(self._request(self.endpoint, body), self.endpoint)
        if _NOT_FOUND_RE.match(text):
            return "", ()
        return text, check_markers(text, {c.n for c in citations})

    def _first_model(self) -> str | None:
        """The first model the endpoint lists, or None when it lists none (the server then picks its own)."""
        url = self.endpoint.removesuffix("/chat/completions") + "/models"
        try:
            data = self._request(url, None)
        except LLMUnavailable as exc:
            if isinstance(exc.__cause__, urllib.error.HTTPError | ValueError):
                return None
            raise
        try:
            first = data["data"][0]["id"]
        except (KeyError, IndexError, TypeError):
            return None
        return first if isinstance(first, str) and first else None

    def _request(self, url: str, body: dict[str, Any] | None) -> Any:
        """POST `body` (or GET when None) and decode the JSON reply; every failure is one LLMUnavailable line."""
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(url, data=data, headers=headers, method="GET" if body is None else "POST")
        host = urllib.parse.urlsplit(url).hostname or ""
        handlers = [urllib.request.ProxyHandler({})] if host in _LOOPBACK or host.startswith("127.") else []
        opener = urllib.request.build_opener(*handlers)
        try:
            with opener.open(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            detail = _server_message(exc.read() or b"")
            msg = f"the LLM at {url} answered HTTP {exc.code}" + (f": {detail}" if detail else "")
            raise LLMUnavailable(msg) from exc
        except TimeoutError as exc:
            raise LLMUnavailable(f"the LLM at {url} did not answer within {self.timeout:g} s") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise LLMUnavailable(f"the LLM at {url} did not answer within {self.timeout:g} s") from exc
            reason = exc.reason.strerror if isinstance(exc.reason, OSError) else exc.reason
            raise LLMUnavailable(f"cannot reach the LLM at {url}: {_one_line(str(reason or exc), 120)}") from exc
        except (OSError, ValueError) as exc:
            raise LLMUnavailable(f"cannot reach the LLM at {url}: {_one_line(str(exc), 120)}") from exc
        try:
            return json.loads(raw.decode("utf-8"))
        except ValueError as exc:
            raise LLMUnavailable(f"the LLM at {url} sent a reply that is not JSON") from exc


def reply_text_or_raise(data: Any, url: str) -> str:
    """The answer text of a chat-completions reply; a malformed or empty reply is one LLMUnavailable line."""
    try:
        text = reply_text(data)
    except ValueError as exc:
        raise LLMUnavailable(f"the LLM at {url} sent a reply that is not a chat completion ({exc})") from exc
    if not text:
        raise LLMUnavailable(f"the LLM at {url} sent an empty answer")
    return text
