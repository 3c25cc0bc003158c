"""Whether a model is installed is told without torch and in plain words; a model that is there is never refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from askdocs.config import DEFAULT_MODEL
from askdocs.encoders.models import require_local
from askdocs.encoders.sentence_transformers import SentenceTransformerEncoder
from askdocs.errors import ModelUnavailable


def test_loading_a_model_that_is_not_installed_is_one_plain_line() -> None:
    with pytest.raises(ModelUnavailable) as error:
        SentenceTransformerEncoder("some/unknown-model").load()
    message = str(error.value)
    assert message.startswith("model 'some/unknown-model' is not installed") and DEFAULT_MODEL in message
    assert "\n" not in message and not re.search(r"https?:|huggingface|couldn't connect", message, re.IGNORECASE)


def test_installed_models_pass_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_local(DEFAULT_MODEL)
    folder = tmp_path / "my-model"
    folder.mkdir()
    with pytest.raises(ModelUnavailable, match="is a folder but not a sentence-transformers model"):
        require_local(str(folder))
    for marker in ("config.json", "modules.json"):  # a transformers model (mean-pooled), a sentence-transformers one
        (folder / marker).write_text("{}")
        require_local(str(folder))
        (folder / marker).unlink()
    monkeypatch.setenv("SENTENCE_TRANSFORMERS_HOME", str(tmp_path / "st"))
    for name, cached in (("org/model", "models--org--model"), ("bare", "models--sentence-transformers--bare")):
        with pytest.raises(ModelUnavailable, match="is not installed"):
            require_local(name)
        (tmp_path / "st" / cached / "snapshots" / "0123abc").mkdir(parents=True)
        require_local(name)
    (tmp_path / "weights.bin").write_bytes(b"x")
    with pytest.raises(ModelUnavailable, match="is a file, not a model folder"):
        require_local(str(tmp_path / "weights.bin"))
