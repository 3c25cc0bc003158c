"""Evidence: the sentences of the retrieved passages (and the best keyword matches anywhere), ranked by fitted models.

Two stages keep it fast: every candidate gets the cheap signals and a shortlist model picks the few worth
embedding; those get cosine signals too, the sentence model's probability of holding the answer, and the
ranker's order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from askdocs.answering import signals
from askdocs.answering.asked_type import tagged_types, typed_kind
from askdocs.answering.exact import apart_names, strange_names
from askdocs.answering.model import Fitted, softmax
from askdocs.answering.query import Query
from askdocs.answering.referents import names_of, referent
from askdocs.answering.tagger import TAGGER, tagged_text
from askdocs.ingest import timeline
from askdocs.ingest.layout import Layout
from askdocs.lang.en import EN
from askdocs.retrieval import Hit, Retriever
from askdocs.store.records import StoredSentence
from askdocs.text import acronyms
from askdocs.text.normalize import CELL_SEPARATOR, HEADING_MAX_WORDS, is_heading
from askdocs.text.stem import stem

EVIDENCE_PASSAGES = 8
"""Passages whose sentences are read for every question."""
LEXICAL_SENTENCES = 12
"""Extra sentences found anywhere in the corpus by the question's words."""
TYPED = signals.CHEAP.index("typed")
SHORTLIST = 12
"""Sentences embedded per question (each read three ways: alone, after the sentence before, after the title; the
three embeddings take about half a warm question's time): on the development split the answer's sentence is among
the cheap model's best 12 for 94-96% of questions; the best three after embedding hold it for 0.888 (fit) and
0.912 (report) of questions, against 0.883 and 0.899 when 20 are embedded."""


@dataclass(frozen=True)
class ScoredSentence:
    """A candidate sentence and why it ranks where it does."""

    sentence: StoredSentence
    score: float
    """The sentence model's probability that this sentence holds the answer."""
    dense: float
    """Cosine between the sentence and the question."""
    coverage: float
    """IDF-weighted share of the question's words in the sentence and its neighbours."""
    date: float
    """How well the sentence's dates meet the question's: timeline.OWN, INHERITED, REFERENCE or 0."""
    heading: bool = False
    signals: tuple[float, ...] = ()
    """The SENTENCE signals the model read, in signals.SENTENCE order."""
    share: float = 0.0
    """The ranker's probability that this is the sentence that answers, among the shortlist (they sum to 1)."""


@dataclass(frozen=True)
class Candidates:
    """Every sentence considered for a question, with the context the signals read."""

    sentences: tuple[StoredSentence, ...]
    contexts: tuple[signals.Context, ...]
    headings: tuple[bool, ...]
    spelled: frozenset[str] = frozenset()
    """Stems of the question's acronyms that some sentence spells out."""
    before: tuple[str, ...] = ()
    """Each sentence read after the sentence before it, for that reading's cosine."""
    titled: tuple[str, ...] = ()
    """Each sentence read after its document's title, for that reading's cosine."""


@dataclass(frozen=True)
class Evidence:
    """Everything answering needs to know about one question, gathered before anything is decided."""

    query: Query
    hits: tuple[Hit, ...]
    ranked: tuple[ScoredSentence, ...]
    """Shortlisted sentences, best first (headings last)."""
    terms: signals.QuestionTerms
    contexts: Mapping[int, signals.Context] = field(default_factory=dict)
    """Each ranked sentence's context, by sentence id."""
    any_word: bool = True
    """Whether any candidate sentence or its neighbours carries any of the question's content words."""


def _is_heading(sentence: StoredSentence, neighbours: Sequence[StoredSentence]) -> bool:
    """Titles and metadata lines ("title: ...") frame the text; they are context, never an answer."""
    text = sentence.text.lstrip()
    key = text.split(":", 1)[0].strip().lower() if ":" in text[:20] else ""
    if (
        key in EN.metadata_keys and CELL_SEPARATOR not in text
    ):  # a table row's "Date: 2024-03-05 | Event: ..." is a fact
        return True
    if _LEADERS.search(text):
        return True
    if _is_fact_line(sentence, neighbours):
        return False  # "bicycle: free", "adult single: 6.40 pounds", a field of a list: a fact, however short
    if _LEAD_IN.search(text):
        return False  # "tmux depends on libevent 2.x, available from:" above its address: a fact, not a title
    alone = all(s.line != sentence.line for s in neighbours if s.id != sentence.id)
    return alone and (is_heading(sentence.text) or _is_question_title(sentence.text))


_LEAD_IN = re.compile(r"^(?:\S+\s+){4,}\S+:\s*$")
"""A sentence of five words or more that ends on a colon, leading into what follows (an address, a list, a
quote): it says something itself, unlike a label ("Dependencies:", "Opening hours:")."""


_LEADERS = re.compile(r"(?:\.\s?){4,}\s*[\divxlc]+\s*$", re.I)
"""A table of contents' entry: dots leading to a page number ("8 Parsing . . . . . 12"), navigation, not a fact."""


_KEY_VALUE = re.compile(r"[^:\n]{1,40}:\s+(?P<value>\S[^\n]*)$")
"""A "key: value" line ("Saturday: 9am to 1pm", "Phone: 555 0100")."""


def _is_value(value: str) -> bool:
    """Whether what follows a line's colon is a fact (a number, or a word in lower case other than a small one:
    "free", "6.40 pounds", "Dana Whitcombe, volunteer coordinator"), not a title's second part ("Chapter 3: The
    Return of the King")."""
    words = re.findall(r"[^\W\d_]+", value)
    return any(c.isdigit() for c in value) or any(w.islower() and len(w) > 3 and w not in EN.stopwords for w in words)


LIST_LINES = 12
"""How far back a line of a list looks for the sentence that leads into the list."""
TABLE_ROWS = 200
"""How far back a table's row looks for the table's first row, its column names."""


def _is_fact_line(sentence: StoredSentence, neighbours: Sequence[StoredSentence | None] = ()) -> bool:
    """A "key: value" line of a list ("Saturday: 10am to 4pm"): its value a fact (see `_is_value`), or one field
    of a run of them, a "key: value" line on the line just above or below ("Team leader: Hannah Voss" over "Boat:
    the Kestrel"); a lone "Chapter 3: The Return of the King" is a title."""
    fact = _KEY_VALUE.match(sentence.text.strip())
    if fact is None:
        return False
    return _is_value(fact["value"]) or any(
        n is not None and abs(n.line - sentence.line) == 1 and _KEY_VALUE.match(n.text.strip()) is not None
        for n in neighbours
    )


def _lead_in(
    sentence: StoredSentence, doc: Mapping[int, StoredSentence], layout: Layout | None = None
) -> list[StoredSentence]:
    """What a line of a list or a table is about, which its own words leave out: for a "key: value" fact, the
    sentence before the list ("The library is open six days a week." above "Saturday: 10am to 4pm"); for a table's
    row, the table's header row, its column names ("Year | Country | Life_Expectancy" above "2019 | Japan | 84.4"),
    else (a table in a text file, no row marked a header) its first row. Else nothing."""
    if CELL_SEPARATOR in sentence.text:
        return _header_row(sentence, doc, layout)
    if not _is_fact_line(sentence, (doc.get(sentence.ord - 1), doc.get(sentence.ord + 1))):
        return []
    for o in range(sentence.ord - 1, sentence.ord - LIST_LINES - 1, -1):
        before = doc.get(o)
        if before is None:
            return []
        if not _is_fact_line(before, (doc.get(o - 1), doc.get(o + 1))):
            return [before]
    return []


def _header_row(row: StoredSentence, doc: Mapping[int, StoredSentence], layout: Layout | None) -> list[StoredSentence]:
    """The rows above `row`, line after line, up to the row its layout marks a header (the rule line under a
    Markdown header is the one line it may step over); without one, the first row of that run. Nothing when the
    table runs on past TABLE_ROWS. A CSV file is one table: its rows may stand any number of lines apart (a quoted
    cell spans lines)."""
    lined = layout is None or layout.kind in ("text", "markdown")  # else rows are paragraphs of extracted text
    apart = None if layout is not None and layout.kind == "csv" else 2 if lined else 3
    first, below = None, row
    for o in range(row.ord - 1, row.ord - TABLE_ROWS - 2, -1):
        before = doc.get(o)
        if before is None:
            break
        gap = below.line - before.line
        if gap == 0:  # a sentence of the same row ("Paris | Capital of France. Seat of ... | 2.1 million")
            below = before
            continue
        if CELL_SEPARATOR not in before.text or gap < 0 or (apart is not None and gap > apart):
            break
        if layout is not None and layout.labelled(before.start, before.end):
            return [before]
        if gap == 2 and lined:  # a blank line, not a header's rule: another table above
            break
        first, below = before, before
    else:
        return []  # past TABLE_ROWS: no row found to stand for the header
    return [first] if first is not None else []


def _is_question_title(text: str) -> bool:
    """A short line of its own that asks ("Bullets back, replacing hugs?"): a title or a reader's question,
    not a statement that answers anything."""
    stripped = text.strip()
    return stripped.endswith("?") and len(stripped.split()) <= HEADING_MAX_WORDS


def _names_year(text: str, year: str) -> bool:
    """Whether a sentence names `year` where the reader of dates takes it for no date, as a bare number may be no
    year: a field named by it ("books lent 2023: 130875", "Population (2023): 51,000"), or "the", "fiscal", "FY",
    "year" or "for" before it ("the 2023 budget", "Total for 2023"); not a count ("holds 2023 old maps") nor a route
    number."""
    return re.search(rf"(?i:\b(?:the|fiscal(?:\s+year)?|FY|year|for)\s+{year}\b)|\(?\b{year}\)?\s*:", text) is not None


def _names_month(text: str, month: str, *words: str) -> bool:
    """Whether a table row names the asked month in a field of its own ("Month: February | Loans: 1999", which the
    reader of dates takes for no date), with the asked year in the row too when the question gives one."""
    if re.search(rf"(?i)\b(?:month|period)\s*:\s*{month}\b", text) is None:
        return False
    return all(re.search(rf"\b{w}\b", text) for w in words if w.isdigit())


def collect(retriever: Retriever, query: Query, hits: Sequence[Hit], terms: signals.QuestionTerms) -> Candidates:
    """Sentences of the best passages plus the best keyword matches anywhere, with neighbours for context."""
    store = retriever.store
    chosen: dict[int, StoredSentence] = {}
    rank: dict[int, int] = {}
    for hit in hits[:EVIDENCE_PASSAGES]:
        p = hit.passage
        for s in store.sentences(p.doc_id, p.first_sentence, p.last_sentence):
            if p.start <= s.start and s.end <= p.end or p.first_sentence == p.last_sentence:
                chosen.setdefault(s.id, s)
                rank.setdefault(s.id, hit.rank)
    for s in store.sentence_search.lexical(query.fts, LEXICAL_SENTENCES):
        chosen.setdefault(s.id, s)
    spans: dict[int, tuple[int, int]] = {}
    for s in chosen.values():
        lo, hi = spans.get(s.doc_id, (s.ord, s.ord))
        spans[s.doc_id] = (min(lo, s.ord), max(hi, s.ord))
    tables = {s.doc_id for s in chosen.values() if CELL_SEPARATOR in s.text}  # rows look further back
    by_doc: dict[int, dict[int, StoredSentence]] = {
        doc: {
            n.ord: n for n in store.sentences(doc, max(0, lo - (TABLE_ROWS if doc in tables else LIST_LINES)), hi + 1)
        }
        for doc, (lo, hi) in spans.items()
    }
    stems: dict[int, list[str]] = {}
    letters = dict(terms.acronyms)
    wanted = frozenset(letters)
    spelled: set[str] = set()

    def stems_of(s: StoredSentence) -> list[str]:
        if s.id not in stems:
            stems[s.id] = signals.stems_of(s.text, stem)
            if letters:  # "International Atomic Energy Agency" holds the question's "IAEA"
                found = [letters[a] for a in sorted(acronyms.spelled(s.text, wanted))]
                stems[s.id] += found
                spelled.update(found)
        return stems[s.id]

    layouts: dict[int, Layout] = {}
    titles = {i: d.title for i, d in store.documents_by_id(sorted(spans)).items()}
    sentences, contexts, headings, before, titled = [], [], [], [], []
    # a question asking of a year alone ("in 2023"): the years it names
    asked_years = {w for w in query.date_words if w.isdigit() and len(w) == 4} if query.dates else set()
    months = {w for w in query.date_words if w in EN.months} if query.dates else set()
    years = asked_years if len(asked_years) == len(query.date_words) else set()
    if len(months) != 1 or len(months) + len(asked_years) != len(query.date_words):  # "February", "February 2025"
        months = set()
    for s in chosen.values():
        doc = by_doc[s.doc_id]
        neighbours = [doc[o] for o in (s.ord - 1, s.ord + 1) if o in doc]
        window = set(stems_of(s))
        if s.doc_id not in layouts:
            layouts[s.doc_id] = retriever.store.layout(s.doc_id)
        lead_in = _lead_in(s, doc, layouts[s.doc_id])
        for n in [*neighbours, *lead_in]:
            window.update(stems_of(n))
        # what is read before it: a list line's or a table row's lead-in (never the row above), else the sentence
        above = lead_in[0] if lead_in else doc.get(s.ord - 1)
        before.append(f"{above.text} {s.text}" if above is not None else s.text)
        titled.append(f"{titles[s.doc_id]}. {s.text}" if titles.get(s.doc_id) else s.text)
        date = timeline.date_match(timeline.decode(s.dates), list(query.dates)) if query.dates else 0.0
        if years and date < timeline.OWN and all(_names_year(s.text, y) for y in years):
            date = timeline.OWN
        if months and date < timeline.OWN and _names_month(s.text, *months, *query.date_words):
            date = timeline.OWN
        sentences.append(s)
        own = stems_of(s)
        if (named := referent(s, doc)) is not None:  # "It is 214 kilometres long.": what the pronoun stands for
            own = [*own, *names_of(named.text)]
        contexts.append(signals.near_context(s.text, own, window, rank.get(s.id), date, terms))
        layout = layouts[s.doc_id]
        # a CSV row is a fact, whatever its first column is called ("Title: Dune"); its header row is labelled
        headings.append((layout.kind != "csv" and _is_heading(s, neighbours + [s])) or layout.labelled(s.start, s.end))
    return Candidates(
        tuple(sentences), tuple(contexts), tuple(headings), frozenset(spelled), tuple(before), tuple(titled)
    )


def question_terms(retriever: Retriever, query: Query) -> signals.QuestionTerms:
    search = retriever.store.sentence_search
    dates = query.date_words if query.dates else ()
    used = search.used_within if search.filtered() else None
    terms = signals.question_terms(
        query.text,
        search.document_frequency,
        max(search.count(), 1),
        stem,
        date_words=dates,
        used_within=used,
        in_documents=search.in_documents,
    )
    terms = replace(terms, apart=apart_names(query.text, terms.unknown, search.held_near))
    if not terms.unknown:
        return terms

    def begun(prefix: str) -> bool:
        match = f'"{prefix}"*'
        return search.document_frequency(match) > 0 or search.in_documents(match)

    doc = TAGGER.parse(query.text)
    if doc is None:  # without the tagger, a nationality ("Dutch") cannot be told from a name: none is strange
        return terms
    nationalities = frozenset(t.text for t in doc if t.ent_type_ == "NORP")  # type: ignore[attr-defined]
    return replace(terms, strange=strange_names(query.text, terms.unknown, search.close_word, begun, nationalities))


def gather_evidence(retriever: Retriever, query: Query, fitted: Fitted, k: int | None = None) -> Evidence:
    """Retrieve passages for a parsed question and rank the sentences inside them."""
    hits = retriever.search(query, max(k or retriever.settings.top_k, EVIDENCE_PASSAGES))
    terms = question_terms(retriever, query)
    found = collect(retriever, query, hits, terms)
    terms = signals.spelled_out(terms, found.spelled)
    terms = signals.date_met(terms, any(c.date >= signals.MEETS_DATE for c in found.contexts))
    return rank(retriever, query, tuple(hits), terms, found, fitted)


def rank(
    retriever: Retriever,
    query: Query,
    hits: tuple[Hit, ...],
    terms: signals.QuestionTerms,
    found: Candidates,
    fitted: Fitted,
) -> Evidence:
    """Shortlist on cheap signals, embed the shortlist, score it with the sentence model and order it with the
    ranker."""
    any_word = any(signals.coverage(c.window, terms, c.date) > 0 for c in found.contexts)
    keep = [i for i, heading in enumerate(found.headings) if not heading]
    if not keep:
        return Evidence(query, hits, (), terms, {}, any_word)
    typed = typed_kind(query.kind, query.head)
    cheap = np.array([signals.cheap_signals(found.contexts[i], terms, typed) for i in keep])
    dated = signals.dates_tell([found.contexts[i] for i in keep], terms)
    first = fitted.shortlist.logits(cheap)
    picked = signals.date_order([found.contexts[i].date for i in keep], first, dated)[:SHORTLIST]
    order = [keep[j] for j in picked]
    rows = cheap[picked]
    # embedded before the tagger is asked: a cold question's encoder runs while the tagger still loads
    qvec = np.asarray(retriever.embed_query(query.text), dtype=np.float32)
    n = len(order)
    texts = (
        [found.sentences[i].text for i in order] + [found.before[i] for i in order] + [found.titled[i] for i in order]
    )
    cosines = retriever.sentence_vectors(texts) @ qvec
    rows[:, TYPED] = tagged_types(
        [tagged_text(found.sentences[i].text) for i in order],
        typed,
        query.head,
        terms.words,
        rows[:, TYPED],
        TAGGER.parse_many,
    )
    full = signals.sentence_signals(rows, cosines[:n], cosines[n : 2 * n], cosines[2 * n :])
    probability = fitted.sentence.probability(full)
    strength = fitted.ranker.logits(full)
    share = softmax(strength)
    cov = signals.SENTENCE.index("coverage_context")
    scored = [
        ScoredSentence(
            found.sentences[i],
            float(p),
            float(row[0]),
            float(row[cov]),
            found.contexts[i].date,
            found.headings[i],
            tuple(float(v) for v in row),
            float(q),
        )
        for i, p, row, q in zip(order, probability, full, share, strict=True)
    ]
    ranked = [scored[j] for j in signals.date_order([s.date for s in scored], strength, dated)]
    contexts = {found.sentences[i].id: found.contexts[i] for i in order}
    return Evidence(query, hits, tuple(ranked), terms, contexts, any_word)
