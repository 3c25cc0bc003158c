"""The import rules of docs/architecture.md, checked over the source with ast (no import runs).

Every import counts: top-level, inside functions, and inside `if TYPE_CHECKING:` blocks (a type-only cycle is
still a cycle for a reader). A package's `__init__` is not counted as imported by its submodules' imports.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
FACES = ("askdocs.cli", "askdocs.tui", "askdocs.__main__")
FACE_LIBRARIES = ("textual", "click")


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Each module of `package` under `root` -> every module it imports (askdocs ones resolved to the module)."""
    files = {module_name(root, p): p for p in (root / package).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.add(sub if sub in files else base)
        graph[name] = {t for t in targets if t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module, among the modules of the graph (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in graph:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _in(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def violations(graph: dict[str, set[str]]) -> list[str]:
    """Every broken layering rule, as "module -> import: rule"."""
    out = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            top = target.split(".")[0]
            if not _in(module, *FACES) and (_in(target, *FACES) or top in FACE_LIBRARIES):
                out.append(f"{module} -> {target}: the core never imports a face (cli, tui, click, textual)")
            if _in(module, "askdocs.lang") and _in(target, "askdocs") and not _in(target, "askdocs.lang"):
                out.append(f"{module} -> {target}: lang/ imports nothing else of askdocs")
            inside = _in(target, "askdocs.text", "askdocs.lang")
            if _in(module, "askdocs.text") and _in(target, "askdocs") and not inside:
                out.append(f"{module} -> {target}: text/ imports only text/ and lang/")
            if _in(module, "askdocs.store") and _in(target, "askdocs.answering"):
                out.append(f"{module} -> {target}: store/ never imports answering/")
    return out


def test_the_source_has_no_import_cycles() -> None:
    assert cycles(import_graph(SRC, "askdocs")) == []


def test_the_source_keeps_the_layering_rules() -> None:
    assert violations(import_graph(SRC, "askdocs")) == []


def test_function_level_and_type_only_imports_count(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg import b\n")
    (pkg / "b.py").write_text("def f():\n    from pkg.c import thing\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\nthing = 1\n")
    assert cycles(import_graph(tmp_path, "pkg")) == [["pkg.a", "pkg.b", "pkg.c"]]


# Today's four cycles before the move, put back into a copy of the source: each must be caught.
REINTRODUCED = {
    "entities use the question parser": ("askdocs/answering/entities/names.py", "askdocs.answering.query", "Query"),
    "sentence-transformers falls back to onnx": (
        "askdocs/encoders/sentence_transformers.py",
        "askdocs.encoders.onnx",
        "OnnxEncoder",
    ),
    "types import the orchestrator": ("askdocs/answering/types.py", "askdocs.answering.followup", "Turn"),
    "the chat screen imports its app": ("askdocs/tui/app.py", "askdocs.tui.screens.chat", "ChatScreen"),
}


@pytest.mark.parametrize("name", sorted(REINTRODUCED))
def test_the_checker_fails_on_a_reintroduced_cycle(tmp_path: Path, name: str) -> None:
    shutil.copytree(SRC / "askdocs", tmp_path / "askdocs")
    file, module, symbol = REINTRODUCED[name]
    path = tmp_path / file
    back = {  # the other direction of each cycle, as it was
        "askdocs.answering.query": ("askdocs/answering/query.py", "askdocs.answering.entities.names"),
        "askdocs.encoders.onnx": ("askdocs/encoders/onnx.py", "askdocs.encoders.sentence_transformers"),
        "askdocs.answering.followup": ("askdocs/answering/followup.py", "askdocs.answering.types"),
        "askdocs.tui.screens.chat": ("askdocs/tui/screens/chat.py", "askdocs.tui.app"),
    }[module]
    path.write_text(path.read_text() + f"\n\ndef _late():\n    from {module} import {symbol}  # noqa\n")
    other = tmp_path / back[0]
    other.write_text(other.read_text() + f"\n\ndef _late_back():\n    import {back[1]}  # noqa\n")
    assert cycles(import_graph(tmp_path, "askdocs")) != []


def test_the_checker_reports_a_core_module_that_imports_a_face(tmp_path: Path) -> None:
    shutil.copytree(SRC / "askdocs", tmp_path / "askdocs")
    store = tmp_path / "askdocs/store/fts.py"
    store.write_text(store.read_text() + "\n\ndef _show():\n    import click  # noqa\n")
    assert any("never imports a face" in v for v in violations(import_graph(tmp_path, "askdocs")))


def test_the_test_environment_is_clean_of_askdocs_settings() -> None:
    import os

    assert not [n for n in os.environ if n.startswith("ASKDOCS_") and n != "ASKDOCS_CACHE"]  # a tmp cache
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_the_public_api_loads_lazily() -> None:
    import subprocess
    import sys

    code = (
        "import sys, askdocs; assert not {'torch', 'faiss', 'textual', 'spacy'} & set(sys.modules);"
        "assert all(getattr(askdocs, n) for n in askdocs.__all__); print(sorted(askdocs.__all__))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert "answer_question" in out.stdout and "Settings" in out.stdout
