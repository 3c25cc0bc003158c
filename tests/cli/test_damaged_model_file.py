"""A model file of the export beside the index garbled in place or cut short: plain `status` finds what a question
would (it checks the files questions load as they do), and `ask`, `status` and `status --check` all stop with the
same exit code, 3, with the advice that mends it."""

from __future__ import annotations

from pathlib import Path

import pytest

from askdocs.encoders.onnx import REPAIR, TOKENIZER_FILE, ExportTag, VariantCheck
from askdocs.errors import EXIT_INDEX
from askdocs.store.files import file_sha256
from tests.support import FakeEmbedder, fake_commands, run_cli

GRAPHS = {"fp32": "model.onnx", "int8": "model.int8.onnx"}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """An index built "with onnx-int8" (the fake encoder) beside an export whose files match their record, as a
    new user's index is; questions look for the export as they really do."""
    import askdocs.encoders.choose as choose

    for_questions = choose.for_questions
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "ferry.txt").write_text("The ferry left at noon. It carried forty passengers.\n")
    fake_commands(monkeypatch, tmp_path)
    monkeypatch.setattr(choose, "for_indexing", lambda *a, **k: choose.Choice(FakeEmbedder(), "onnx-int8"))
    assert run_cli(capsys, "index")[0] == 0
    monkeypatch.setattr(choose, "for_questions", for_questions)
    index = tmp_path / "index"
    (index / TOKENIZER_FILE).write_text('{"model": {"vocab": {}}}' + " " * 4000)
    checks = {}
    for variant, file in GRAPHS.items():
        (index / file).write_bytes(bytes(range(256)) * 400)
        checks[variant] = VariantCheck(file, True, (index / file).stat().st_size, sha256=file_sha256(index / file))
    tag = ExportTag("fake", "src", FakeEmbedder.dimension, 16, variants=checks)
    tokenizer = index / TOKENIZER_FILE
    tag = ExportTag(**{**tag.__dict__, "files": {TOKENIZER_FILE: (tokenizer.stat().st_size, file_sha256(tokenizer))}})
    (index / "model.json").write_text(tag.as_json())
    code, out, err = run_cli(capsys, "status")
    assert code == 0 and "damaged" not in out + err, out + err
    return index


def _garble(path: Path) -> None:
    """1,000 bytes overwritten in place from byte 1,000, the size kept, as `dd ... conv=notrunc` does."""
    with open(path, "r+b") as handle:
        handle.seek(1000)
        handle.write(bytes(reversed(range(250))) * 4)


def _same_damage_same_code(capsys: pytest.CaptureFixture[str], file: str) -> None:
    fix = REPAIR.replace("askdocs index", "askdocs index --model fake")
    code, out, err = run_cli(capsys, "status")
    assert code == EXIT_INDEX, out + err
    assert f"damaged:  {file}: the ONNX export is not the file that was checked" in out and err.endswith(f"{fix}\n")
    code, out, err = run_cli(capsys, "status", "--check")
    assert code == EXIT_INDEX and f"damaged:  {file}:" in out, out + err
    code, out, err = run_cli(capsys, "ask", "When did the ferry leave?")
    assert code == EXIT_INDEX and out == "", err
    assert f"the ONNX export {Path.cwd() / 'index' / file} is not the file that was checked" in err, err


def test_a_graph_garbled_in_place_is_damage_to_plain_status_as_to_a_question(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _garble(project / GRAPHS["int8"])
    _same_damage_same_code(capsys, GRAPHS["int8"])


def test_a_tokenizer_cut_short_is_the_same_damage_everywhere(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open(project / TOKENIZER_FILE, "r+b") as handle:
        handle.truncate(1000)
    _same_damage_same_code(capsys, TOKENIZER_FILE)


def test_a_graph_questions_do_not_load_is_checked_by_size_alone_unless_asked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The float32 graph beside an int8 index: plain status stays fast (no hash of a file questions never read);
    `--check` still finds it."""
    _garble(project / GRAPHS["fp32"])
    code, out, err = run_cli(capsys, "status")
    assert code == 0 and "damaged" not in out + err, out + err
    code, out, err = run_cli(capsys, "status", "--check")
    assert code == EXIT_INDEX and f"damaged:  {GRAPHS['fp32']}:" in out, out + err
