"""Search quality at document level: askdocs (hybrid, and each half) against bm25s and plain RRF(bm25s + dense).

Tasks, all built here from public or generated text (queries and qrels are also written in the BEIR/TREC files
`askdocs eval-search` reads, under --work/<task>/):
- rhine: SQuAD 2.0 question -> its paragraph (../shared/qa/squad2-dev-rhine.json, one file a paragraph).
- title: generated news headline -> its story (the headline is not in the indexed text).
- lead: generated news lead paragraph -> its story (the lead is not in the indexed text; the headline is).
- real: the 24 real articles of tests/qa/articles, title line -> article (title and source lines removed).
- halves, leads: 300 real ABC news stories (the Lee background corpus, which gensim's wheel ships as test data;
  the wheel is fetched from the package index, not installed): a story's second half -> its first half (a
  document-length query, like a similar-article search), and its first two sentences -> the rest.

    .venv/bin/python bench/search_quality.py [--news 1000] [--work /tmp/askdocs-search] [--json out.json]

Rows rank 100 deep, so each half of askdocs' document search brings 100 candidates; "10 deep" ranks as `askdocs
search --documents` does (`DOCUMENT_CANDIDATES` each), its recall@100 is recall@10.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from common import REPO, Table  # noqa: E402

sys.path.insert(0, str(REPO))
from askdocs.cli.eval_search import DEPTH, MEASURES, evaluate, rank_all  # noqa: E402
from bench import devdata  # noqa: E402

RHINE = REPO.parent / "shared" / "qa" / "squad2-dev-rhine.json"
REAL = REPO / "tests" / "qa" / "articles"
RRF_K = 60
Task = tuple[dict[str, str], dict[str, dict[str, int]]]
"""Queries (id -> text) and qrels (id -> {path: grade}), with a corpus folder beside them."""


def write(folder: Path, files: dict[str, str]) -> None:
    """Write the corpus files (only when the folder is new, so a kept index stays valid)."""
    if folder.exists():
        return
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def rhine_task(folder: Path) -> Task:
    """Answerable SQuAD questions -> the paragraph they were written on."""
    raw = json.loads(RHINE.read_text(encoding="utf-8"))
    files, queries, qrels = {}, {}, {}
    for article in raw["data"]:
        for number, paragraph in enumerate(article["paragraphs"]):
            name = f"rhine-{number:03d}.txt"
            files[name] = paragraph["context"].strip() + "\n"
            for qa in paragraph["qas"]:
                if qa.get("is_impossible") or not qa.get("answers"):
                    continue
                queries[qa["id"]] = " ".join(qa["question"].split())
                qrels[qa["id"]] = {name: 1}
    write(folder, files)
    return queries, qrels


def news_stories(count: int, seed: int = 11) -> list[tuple[str, str, list[str]]]:
    """(file name, headline, paragraphs) of `count` generated stories (bench/newsgen.py's generator)."""
    import newsgen
    from newstopics import BACKGROUND, TOPICS, WEIGHTS

    topics = [t for t, w in WEIGHTS.items() for _ in range(w)]
    out = []
    for i in range(count):
        rng = random.Random(f"{seed}:{i}")
        topic = rng.choice(topics)
        published, event = newsgen.dates_for(rng, topic)
        ctx = newsgen.topic_ctx(rng, newsgen.base_ctx(rng, published, event), published, event)
        title, paragraphs = newsgen.compose(rng, rng.choice(TOPICS[topic]), BACKGROUND[topic], ctx)
        out.append((f"news/{topic}-{i:04d}.txt", title, paragraphs))
    return out


def news_task(folder: Path, count: int, strip: str) -> Task:
    """Headline -> story with the headline left out (strip="title"), or lead -> story without the lead ("lead")."""
    files, queries, qrels = {}, {}, {}
    for number, (name, title, paragraphs) in enumerate(news_stories(count)):
        qid = f"{strip}-{number:04d}"
        if strip == "title":
            files[name] = "\n\n".join(paragraphs) + "\n"
            queries[qid] = title
        else:
            files[name] = title + "\n\n" + "\n\n".join(paragraphs[1:]) + "\n"
            queries[qid] = paragraphs[0]
        qrels[qid] = {name: 1}
    write(folder, files)
    return queries, qrels


def real_task(folder: Path) -> Task:
    """Each real article's title line -> the article without it (nor its source URL, which spells the title)."""
    files, queries, qrels = {}, {}, {}
    for path in sorted(REAL.glob("*.txt")):
        title, _, rest = path.read_text(encoding="utf-8").partition("\n")
        body = "\n".join(line for line in rest.splitlines() if not line.startswith("Source:"))
        files[path.name] = body.strip() + "\n"
        queries[path.stem] = title.strip()
        qrels[path.stem] = {path.name: 1}
    write(folder, files)
    return queries, qrels


def lee_stories() -> list[list[str]]:
    """The sentences of each of the 300 Lee background stories."""
    from askdocs.text.sentences import split_sentences

    return [[s.text for s in split_sentences(line)] for line in devdata.lee_lines()]


def lee_task(folder: Path, stories: list[list[str]], kind: str) -> Task:
    """Second half -> first half of each story of four sentences or more (kind "halves"), or its first two
    sentences -> the rest ("leads")."""
    files, queries, qrels = {}, {}, {}
    for number, sentences in enumerate(stories):
        if len(sentences) < 4:
            continue
        cut = len(sentences) // 2 if kind == "halves" else 2
        name, qid = f"lee-{number:03d}.txt", f"{kind}-{number:03d}"
        indexed, query = (sentences[:cut], sentences[cut:]) if kind == "halves" else (sentences[cut:], sentences[:cut])
        files[name] = " ".join(indexed) + "\n"
        queries[qid] = " ".join(query)
        qrels[qid] = {name: 1}
    write(folder, files)
    return queries, qrels


def save_beir(folder: Path, task: Task) -> None:
    """queries.jsonl and qrels.tsv beside the corpus, for `askdocs eval-search`."""
    queries, qrels = task
    with (folder / "queries.jsonl").open("w", encoding="utf-8") as out:
        for qid, text in queries.items():
            out.write(json.dumps({"_id": qid, "text": text}) + "\n")
    with (folder / "qrels.tsv").open("w", encoding="utf-8") as out:
        out.write("query-id\tcorpus-id\tscore\n")
        for qid, rel in qrels.items():
            for doc, grade in rel.items():
                out.write(f"{qid}\t{doc}\t{grade}\n")


class Peers:
    """The baselines over whole documents: bm25s (stemmed, English stopwords), dense flat, and their RRF."""

    def __init__(self, corpus: Path, encode: Callable[[list[str]], np.ndarray]) -> None:
        import bm25s
        import Stemmer

        self.paths = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.txt"))
        texts = [(corpus / p).read_text(encoding="utf-8") for p in self.paths]
        self.stemmer = Stemmer.Stemmer("english")
        self.bm25 = bm25s.BM25()
        self.bm25.index(
            bm25s.tokenize(texts, stopwords="en", stemmer=self.stemmer, show_progress=False), show_progress=False
        )
        self.vectors = np.asarray(encode(texts), dtype=np.float32)
        self.encode = encode

    def bm25s(self, text: str) -> list[str]:
        import bm25s

        tokens = bm25s.tokenize([text], stopwords="en", stemmer=self.stemmer, show_progress=False)
        if not tokens.vocab:
            return []
        k = min(DEPTH, len(self.paths))
        docs, scores = self.bm25.retrieve(tokens, k=k, show_progress=False)
        return [self.paths[int(d)] for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def dense(self, text: str) -> list[str]:
        scores = self.vectors @ np.asarray(self.encode([text]), dtype=np.float32)[0]
        return [self.paths[int(i)] for i in np.argsort(-scores)[:DEPTH]]

    def rrf(self, text: str) -> list[str]:
        scores: dict[str, float] = {}
        for ranking in (self.bm25s(text), self.dense(text)):
            for rank, path in enumerate(ranking, start=1):
                scores[path] = scores.get(path, 0.0) + 1.0 / (RRF_K + rank)
        return sorted(scores, key=lambda p: -scores[p])[:DEPTH]


def run_task(name: str, folder: Path, task: Task, table: dict) -> None:
    """Index the task's corpus with askdocs and score every system on it."""
    from askdocs.config import load_settings
    from askdocs.indexer import index_corpus
    from askdocs.retrieval import Retriever

    corpus, index = folder / "corpus", folder / "index"
    settings = load_settings({"corpus": corpus, "index": index}, cwd=folder, environ={})
    started = time.perf_counter()
    index_corpus(settings)
    print(f"{name}: {len(task[0])} queries, indexed in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    save_beir(folder, task)
    retriever = Retriever.open(settings)
    try:
        peers = Peers(corpus, retriever.embedder.encode)
        systems: dict[str, Callable[[str], list[str]]] = {
            "askdocs (default)": lambda t: retriever.rank_documents(t, DEPTH, "hybrid"),
            "askdocs (default), 10 deep": lambda t: retriever.rank_documents(t, 10, "hybrid"),
            "askdocs dense half": lambda t: retriever.rank_documents(t, DEPTH, "dense"),
            "askdocs keyword half": lambda t: retriever.rank_documents(t, DEPTH, "keyword"),
            "bm25s (stemmed, stopwords)": peers.bm25s,
            "dense MiniLM flat, whole documents": peers.dense,
            "RRF(bm25s + dense), documents": peers.rrf,
        }
        for system, rank in systems.items():
            runs, median = rank_all(task[0], rank)
            table.setdefault(system, {})[name] = {**evaluate(runs, task[1]), "median_ms": 1000 * median}
    finally:
        retriever.close()


def render(results: dict, tasks: list[str]) -> str:
    """nDCG@10 per task, then every measure per task."""
    out = []
    main = Table("nDCG@10 (document level)", ["system", *tasks])
    for system, per_task in results.items():
        main.add(system, *(f"{per_task[t]['ndcg@10']:.3f}" for t in tasks))
    out.append(main.render())
    for t in tasks:
        detail = Table(f"{t}: every measure", ["system", *MEASURES, "median ms"])
        for system, per_task in results.items():
            row = per_task[t]
            detail.add(system, *(f"{row[m]:.3f}" for m in MEASURES), f"{row['median_ms']:.1f}")
        out.append(detail.render())
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=int, default=1000, help="generated stories for the title and lead tasks")
    parser.add_argument("--work", type=Path, default=Path("/tmp/askdocs-search"), help="corpora and indexes")
    parser.add_argument("--only", default="", help="comma-separated tasks: rhine,title,lead,real,halves,leads")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    builders = {
        "rhine": rhine_task,
        "title": lambda f: news_task(f, args.news, "title"),
        "lead": lambda f: news_task(f, args.news, "lead"),
        "real": real_task,
        "halves": lambda f: lee_task(f, lee_stories(), "halves"),
        "leads": lambda f: lee_task(f, lee_stories(), "leads"),
    }
    tasks = [t for t in args.only.split(",") if t] or list(builders)
    results: dict = {}
    for name in tasks:
        folder = args.work / (f"{name}-{args.news}" if name in ("title", "lead") else name)
        folder.mkdir(parents=True, exist_ok=True)
        run_task(name, folder, builders[name](folder / "corpus"), results)
    print(render(results, tasks))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
