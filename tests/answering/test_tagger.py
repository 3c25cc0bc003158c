"""The tagger's load: spaCy without its command line, the pipeline without reading its tokenizer files twice, and
both exactly as the full load would give them (real spaCy, real pipeline, fresh processes)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from askdocs.answering.tagger import MODEL, TOKENIZER_FILES

TRICKY = (
    "Dr. Smith's U.S.-based firm didn't pay $4.5m (about €4m) on Jan. 3rd; see https://example.com/a?b=1 or "
    "e-mail j.doe@example.org :-) -- 'quoted' N.Y.C. vs. L.A., 10km, 5pm, rock'n'roll, o'clock, can't."
)


def _run(code: str) -> dict:
    """Run `code` in a fresh interpreter (nothing of spaCy imported yet) and read the JSON it prints last."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=300, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_pipeline_without_its_tokenizer_files_tokenizes_as_the_full_load() -> None:
    import spacy

    full = spacy.load(MODEL, disable=["lemmatizer"])
    lean = spacy.load(MODEL, disable=["lemmatizer"], exclude=TOKENIZER_FILES)
    a, b = full.tokenizer, lean.tokenizer
    assert a.rules == b.rules and len(a.rules) > 1000
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "url_match"):
        assert getattr(a, attr).__self__.pattern == getattr(b, attr).__self__.pattern, attr
    assert a.token_match == b.token_match and a.faster_heuristics == b.faster_heuristics
    assert [t.text for t in full(TRICKY)] == [t.text for t in lean(TRICKY)]
    assert [(e.text, e.label_) for e in full(TRICKY).ents] == [(e.text, e.label_) for e in lean(TRICKY).ents]
    assert lean.pipe_names == full.pipe_names


def test_tagger_loads_spacy_without_its_command_line_and_leaves_the_real_one_importable() -> None:
    seen = _run(
        """
        import json, sys
        from askdocs.answering.tagger import Tagger
        tagger = Tagger()
        tagger.wait()
        doc = tagger.parse("Two men were arrested on July 2 in Culiacan by the Mexican army.")
        loaded = {"error": tagger.error, "cli": "spacy.cli" in sys.modules, "typer": "typer" in sys.modules}
        loaded["ents"] = [[e.text, e.label_] for e in doc.ents]
        import spacy.cli
        loaded["real_cli"] = callable(spacy.cli.info) and "typer" in sys.modules
        print(json.dumps(loaded))
        """
    )
    assert seen["error"] is None
    assert not seen["cli"] and not seen["typer"]  # the command line was never imported while the tagger loaded
    assert ["July 2", "DATE"] in seen["ents"]
    assert seen["real_cli"]  # the stand-ins are gone: `import spacy.cli` gives spaCy's own


def test_tagger_falls_back_to_spacys_full_import_when_the_stand_in_is_not_enough() -> None:
    seen = _run(
        """
        import contextlib, json, sys, types
        from askdocs.answering import tagger as tagging

        @contextlib.contextmanager
        def short_stand_in():  # a spaCy whose package needs more of its command line than `info`
            sys.modules["spacy.cli"] = types.ModuleType("spacy.cli")
            sys.modules["spacy.cli.info"] = types.ModuleType("spacy.cli.info")
            try:
                yield
            finally:
                del sys.modules["spacy.cli"], sys.modules["spacy.cli.info"]

        tagging._without_cli = short_stand_in
        tagger = tagging.Tagger()
        tagger.wait()
        doc = tagger.parse("Max Jones resigned on Monday.")
        import spacy
        print(json.dumps({"error": tagger.error, "ents": [[e.text, e.label_] for e in doc.ents],
                          "info": callable(getattr(spacy, "info", None))}))
        """
    )
    assert seen["error"] is None
    assert ["Max Jones", "PERSON"] in seen["ents"]
    assert seen["info"]  # spaCy imported whole, its `info` command included
