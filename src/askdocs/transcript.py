"""A conversation as Markdown: each question, its answer and numbered sources with place and quote, for export.

The chat's ctrl+e and `askdocs chat --export NAME` both write this. Document text is untrusted: it is cleaned of
escape sequences and its Markdown punctuation is backslashed, so a quote cannot become a link, image or heading.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from askdocs.answering.types import Answer, Citation
from askdocs.conversations import Conversation, chats_folder, check_name
from askdocs.store.files import atomic_write_bytes
from askdocs.text.safe import clean, flat, name

EXPORT_SUFFIX = ".md"
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])", re.M)


def escape(text: str) -> str:
    """`text` cleaned and with the Markdown marks that make links, emphasis, HTML or headings backslashed."""
    text = _INLINE.sub(r"\\\1", clean(text))
    return _LINE_START.sub(lambda m: m[1] + "\\" + m[2] if m[2][0] in "#+=-" else m[1] + _digits(m[2]), text)


def _digits(marker: str) -> str:
    return marker[:-1] + "\\" + marker[-1]


def place(citation: Citation) -> str:
    """Where a citation points, as a person reads it: "notes.md:12" for text files, else the path and `where`
    ("report.pdf p.3", "minutes.docx § Budget"), since a line of extracted text would point elsewhere in the file."""
    return located(citation.path, citation.line, citation.where, citation.column)


def located(path: str, line: int | None, where: str, column: int | None = None) -> str:
    """`place` for any stretch of a document: a citation or a retrieved passage. A text file's line gets the
    column ("notes.txt:12:340") when the sentence does not start it, as in a file with one paragraph per line."""
    if line is not None and (not where or where.startswith("line ")):
        return f"{name(path)}:{line}" + (f":{column}" if column and column > 1 else "")
    return f"{name(path)} {flat(where)}"


def answer_markdown(answer: Answer) -> list[str]:
    """The answer's lines: its text, how a follow-up was searched, then why it was refused or its numbered sources
    with quotes."""
    lines = [_hard_breaks(escape(answer.by_sentence().strip())), ""]
    if answer.searched_as:  # a follow-up, read with the earlier turns
        lines += [f"*Searched as:* {escape(flat(answer.searched_as))}", ""]
    if not answer.found:
        lines += [f"*Why:* {escape(flat(reason))}" for reason in answer.reasons]
        return [*lines, ""] if answer.reasons else lines
    if answer.citations:
        lines += ["**Sources**", ""]
        for c in answer.citations:
            flag = "" if c.status == "ok" else f" ({c.status} since indexed)"
            where = place(c).replace("`", "'")
            lines += [f"- \\[{c.n}\\] `{where}`{flag}", f"  > {escape(flat(c.quote))}"]
        lines.append("")
    lines += [f"*Note:* {escape(flat(note))}" for note in answer.notes]
    return lines


def _hard_breaks(text: str) -> str:
    """Each line of a paragraph kept a line of its own in rendered Markdown (a backslash before its line break)."""
    paragraphs = (p.strip() for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p.replace("\n", "\\\n") for p in paragraphs if p)


def markdown(conversation: Conversation) -> str:
    """The whole conversation as one Markdown document."""
    started = time.strftime("%Y-%m-%d %H:%M", time.localtime(conversation.created)) if conversation.created else ""
    lines = [f"# {escape(conversation.name)}", ""]
    if started:
        count = len(conversation.exchanges)
        lines += [f"Started {started}, {count} question{'' if count == 1 else 's'}.", ""]
    for number, exchange in enumerate(conversation.exchanges, 1):
        lines += [f"## {number}. {escape(flat(exchange.question))}", ""]
        lines += answer_markdown(exchange.answer)
    return "\n".join(lines).rstrip() + "\n"


def export_path(index: Path, conversation_name: str) -> Path:
    """Where the chat writes a conversation's Markdown: beside its JSON, INDEX/chats/NAME.md."""
    return chats_folder(index) / f"{check_name(conversation_name)}{EXPORT_SUFFIX}"


def write(path: Path, conversation: Conversation) -> Path:
    """Write the Markdown atomically (a temporary file renamed into place); creates the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, markdown(conversation).encode("utf-8"), prefix=f".{path.name}")
    return path
