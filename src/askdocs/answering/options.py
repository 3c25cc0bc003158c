"""Command options: "What does grep -v do?" asks what the line defining -v says. A manual lists each option at the
start of the line that describes it ("-v, --invert-match Invert the sense of matching"), and that line seldom names
the command, so sentences that mention the option in passing and name the command ("When the -v option is also
used, grep stops ...") hold more of the question's words. When the question names an option and the document about
the command it names defines it, that line is cited first: it is what the question asks about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from askdocs.answering.decision import SHORT_POOL, Finding
from askdocs.answering.evidence import Evidence, ScoredSentence
from askdocs.lang.en import EN
from askdocs.store.records import StoredSentence
from askdocs.text.normalize import fold, strip_possessive, words
from askdocs.text.options import ANY_DASH, OPTION, options_in

_D = ANY_DASH
_ARG = r"(?:[ =]?(?:\[[^\]\s]*\]|<[^>\s]*>|[A-Z_]+)|=[^\s,]+| [a-z][\w-]*(?=,\s))"
"""An option's argument: "[=CTX]", " <file>", " NUM", "=FILE", "=script", or a word in small letters right before a
comma ("-e script, --expression=script")."""
_LEAD = re.compile(
    rf"\s*((?:[`*]*[{_D}]{{1,2}}[A-Za-z](?>[\w{_D}]*){_ARG}?[`*]*(?:,?(?:\s+|$)|\s*:\s+|\s+[{_D}—]{{1,2}}\s+))+)"
)
"""The options a definition line opens with, each maybe with its argument ("-m NUM,", "--file=FILE",
"-u[<mode>]") and in a README's marks ("`-x`", "**-n**"), before its description: after spaces, a colon or a dash
("-x: stop at the first error", "-q — print nothing but errors")."""
_SENTENCE = re.compile(
    r"(?:can|cannot|can't|may|might|must|will|would|shall|should|is|isn't|are|aren't|was|were|has|have|had|does"
    r"|doesn't)\b"
)
"""An auxiliary verb in small letters right after the options on their line: the line goes on with a sentence whose
subject is the option ("--connect-to can be used several times", "-v may be given twice", "--guess is the default
behavior"), not with a description of it (which opens with its own verb: "Invert the sense", "no error if
existing", "May be given twice"). Any other verb may open a description ("--libs echos the libraries", "-V reports
the version", "-Pm changes the medium prompt"), so only these tell a sentence."""
_ARGUMENT = re.compile(r"<[^<>]*>|\[[^\[\]]*\]")
_WORD = re.compile(r"[a-z]{2,}")
"""A word of a description (not a version number or an argument's name: "-O 4.3.1", "<HOST:PORT>")."""
SCANNED = 5000
"""At most this many sentences of a document are read for an option's definition."""


def asked_options(question: str) -> frozenset[str]:
    """The options a question names, dashes as hyphens ("What does grep -v do?": "-v")."""
    return frozenset(options_in(question))


def defines(text: str, options: frozenset[str]) -> bool:
    """Whether `text` opens with one of `options` followed, after any others and their arguments, by words that
    describe it: a manual's definition of it, not a sentence about it (see `_SENTENCE`)."""
    lead = _LEAD.match(text)
    if lead is None or text.partition("\n")[0].rstrip().endswith("\\"):
        return False  # a line going on below with a backslash is a command's ("--header='Accept: hr' \\")
    rest = text[lead.end() :]
    if not _WORD.search(_ARGUMENT.sub(" ", rest)):
        return False
    if "\n" not in lead.group(0)[len(lead.group(0).rstrip()) :] and _SENTENCE.match(rest):
        return False  # a description set on a line of its own below the options is one, whatever its first word
    return any(o in options for o in options_in(lead.group(1)))


def _command_words(question: str) -> set[str]:
    """The question's words that may name the command it asks an option of: besides its options, small words
    and the words asking about an option ("grep" of "What does grep's -v flag mean?")."""
    said = (strip_possessive(w) for w in words(fold(OPTION.sub(" ", question))))
    return {w for w in said if len(w) > 1 and w not in EN.stopwords and w not in EN.option_words}


_TITLE_DASH = re.compile(r"\s[-‐–—]\s")
_USAGE = re.compile(r"usage:\s*(.*)", re.IGNORECASE)
"""A help text's usage line, titling it: "Usage: zop [options] FILE" is zop's."""
_LAUNCHERS = re.compile(r"sudo|python[\d.]*|-m")
"""Words a usage line may open with before the command it is about ("sudo zop", "python3 -m zop")."""


def _usage_command(usage: str) -> str:
    """The command a usage line's words call, its path and extension dropped ("./blip.sh [options] HOST": blip),
    or "" when it opens on no command ("[options]", "-x FILE")."""
    said = [w for w in usage.split() if not _LAUNCHERS.fullmatch(w)]
    if not said or said[0][0] in "[<{(-":
        return ""
    return said[0].rsplit("/", 1)[-1].split(".", 1)[0]


def command_names(title: str, path: str) -> set[str]:
    """What a document is the manual of: its title's head before a dash ("grep, egrep - print lines that match
    patterns": grep, egrep), a title of one word (a README's "zap"), the command of a usage line titling a help
    text ("Usage: zop [options] FILE": zop), and its file's name before any dot ("grep.1.txt": grep)."""
    head = _TITLE_DASH.split(title, maxsplit=1)[0] if _TITLE_DASH.search(title) else ""
    if not head and len(title.split()) == 1:
        head = title
    elif not head and (usage := _USAGE.match(title.strip())) is not None:
        head = _usage_command(usage.group(1))
    stem = path.rsplit("/", 1)[-1].split(".", 1)[0]
    return {w for w in words(fold(f"{head} {stem}")) if len(w) > 1}


def option_defined(
    finding: Finding,
    evidence: Evidence,
    question: str,
    options: frozenset[str],
    sentences_of: Callable[[int], Sequence[StoredSentence]],
    names_of: Callable[[str], set[str]],
) -> Finding:
    """`finding` with the line defining one of `options` cited first (the answer to what that option does; the
    options of the user's own words, as a follow-up "And -c?" names -c alone), or `finding` itself. Only for a
    question asking what (not when or who), with every word used by the documents, and in the best-ranked
    document whose command names (`names_of` a path: see `command_names`) the question says ("ls -l" in ls's
    manual, not find's mention of it; nothing for wget's -O from curl's), the first of them that defines it (notes
    titled "grep" that mention -v in passing yield to grep's manual); a question naming no command takes the
    best-ranked document. A definition among the candidates comes first, else the document's own lines are read
    (`sentences_of`: a document's sentences in order)."""
    unused = {fold(w) for w in (*evidence.terms.unknown, *evidence.terms.outside)} - EN.option_words
    ranked = [s for s in evidence.ranked if not s.heading]
    if not options or not ranked or evidence.query.kind != "what" or unused:  # "flag" unused asks nothing more
        return finding
    asked = _command_words(question)
    docs = list(dict.fromkeys(s.sentence.doc_id for s in ranked if asked and asked & names_of(s.sentence.path)))
    docs = docs if asked else [ranked[0].sentence.doc_id]
    best = next(filter(None, (_definition(doc, ranked, options, sentences_of) for doc in docs)), None)
    if best is None and asked and docs and not any(_mentions(doc, options, sentences_of) for doc in docs):
        # "What does logtrim -x do?" where logtrim's README never writes -x: the documents do not say
        path = next(s.sentence.path for s in ranked if s.sentence.doc_id == docs[0])
        reason = f"{path}, the document about {' '.join(sorted(asked))}, never mentions {' or '.join(sorted(options))}"
        return replace(finding, found=False, sentences=(), reasons=(reason,))
    if best is None:
        return finding
    if finding.found and finding.sentences and finding.sentences[0].sentence.id == best.sentence.id:
        return finding
    others = [s for s in finding.sentences if s.sentence.id != best.sentence.id]
    cited = (best, *others)[: max(len(finding.sentences), 1)]
    ids = {c.sentence.id for c in cited}
    rest = [s for s in (finding.pool or tuple(ranked)) if s.sentence.id not in ids]
    reason = f"a line of {best.sentence.path} defines {' or '.join(sorted(options))}"
    return replace(finding, found=True, sentences=cited, reasons=(reason,), pool=(*cited, *rest)[:SHORT_POOL])


def _mentions(doc: int, options: frozenset[str], sentences_of: Callable[[int], Sequence[StoredSentence]]) -> bool:
    """Whether document `doc` writes one of `options` anywhere in its first SCANNED sentences."""
    return any(not options.isdisjoint(options_in(s.text)) for s in sentences_of(doc)[:SCANNED])


def _definition(
    doc: int,
    ranked: Sequence[ScoredSentence],
    options: frozenset[str],
    sentences_of: Callable[[int], Sequence[StoredSentence]],
) -> ScoredSentence | None:
    """The line of document `doc` defining one of `options`: among the ranked candidates, else read from the
    document's own lines (ranked as its best candidate), or None."""
    mine = [s for s in ranked if s.sentence.doc_id == doc]
    if not mine:
        return None
    defining = [s for s in mine if defines(s.sentence.text, options)]
    best = next((s for s in defining if laid_out(s.sentence.text)), None)
    if best is not None:
        return best
    lines = [s for s in sentences_of(doc)[:SCANNED] if defines(s.text, options)]
    stored = next((s for s in lines if laid_out(s.text)), None)
    if stored is None and defining:  # no line laid out as a definition: the best-ranked one that reads as one
        return defining[0]
    stored = stored or next(iter(lines), None)
    return None if stored is None else ScoredSentence(stored, mine[0].score, 0.0, 0.0, 0.0)


def laid_out(text: str) -> bool:
    """Whether a definition's options stand apart from its description as a manual sets one: the description on
    the lines below, or after a colon or a dash ("--curves <algorithm list>" over "(TLS) Tells curl to request
    ..."), not after a space as a wrapped line of a description goes on ("--curves allows a OpenSSL powered curl
    ...": spaces and tabs inside a justified line say nothing)."""
    lead = _LEAD.match(text)
    if lead is None:
        return False
    rest = _SPACED_ARGUMENT.sub("", text[len(re.sub(r"[\s:—–-]+$", "", lead.group(0))) :], count=1)
    gap = re.match(r"[\s:—–-]*", rest).group()  # type: ignore[union-attr]
    return "\n" in gap or any(mark in gap for mark in ":—–-")


_SPACED_ARGUMENT = re.compile(r"^[ \t]*(?:<[^<>\n]*>|\[[^\[\]\n]*\])")
"""An argument with a space in it, which the options' lead leaves out ("--curves <algorithm list>")."""
