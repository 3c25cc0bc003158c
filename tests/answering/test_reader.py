"""The reader: its numpy forward pass is the transformers model's, its fitted file adds what it says, and the shipped
reader marks the words that answer (or says none do) on sentences nobody fitted it on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from askdocs.answering.reader import Reader, best_reading, load_reader, merged, reader_from, tensors


def test_a_fitted_file_adds_its_low_rank_products_and_replaces_the_rest() -> None:
    base = {"bert.layer.weight": np.ones((3, 2), dtype=np.float32), "qa.bias": np.zeros(2, dtype=np.float32)}
    a = np.array([[1.0, 2.0]], dtype=np.float16)  # rank 1: (1, in=2)
    b = np.array([[1.0], [0.0], [-1.0]], dtype=np.float16)  # (out=3, 1)
    fitted = {
        "layer.weight.lora_a": a,
        "layer.weight.lora_b": b,
        "lora_scale": np.array(2.0),
        "qa.bias": np.array([0.5, -0.5], dtype=np.float32),
    }
    weights = merged(base, fitted)
    assert np.allclose(weights["layer.weight"], 1.0 + 2.0 * (b.astype(np.float32) @ a.astype(np.float32)))
    assert np.allclose(weights["qa.bias"], [0.5, -0.5]) and set(weights) == {"layer.weight", "qa.bias"}


def test_a_damaged_fitted_file_is_an_error_of_the_file(tmp_path: Path) -> None:
    damaged = tmp_path / "reader.npz"
    damaged.write_bytes(b"PK\x03\x04 not a zip archive at all")
    with pytest.raises((ValueError, OSError)):
        reader_from(damaged)


def test_the_packaged_weights_are_read_as_safetensors_reads_them(tmp_path: Path) -> None:
    from safetensors.numpy import load_file

    from askdocs.encoders.models import resolve_model_path

    path = Path(resolve_model_path("all-MiniLM-L6-v2")) / "model.safetensors"
    ours, theirs = tensors(path), load_file(str(path))
    assert set(ours) == {k.removeprefix("bert.") for k in theirs}
    assert all(np.array_equal(ours[k.removeprefix("bert.")], v) for k, v in theirs.items())
    cut = tmp_path / "model.safetensors"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # a file cut short: its tensors lie past the end
    with pytest.raises(ValueError, match="outside the file"):
        tensors(cut)


@pytest.mark.slow
def test_the_numpy_forward_pass_is_the_transformers_one() -> None:
    import torch
    from transformers import AutoModel

    from askdocs.answering.reader import READER_FILE
    from askdocs.encoders.models import resolve_model_path

    reader = load_reader()
    assert isinstance(reader, Reader)
    root = Path(resolve_model_path("all-MiniLM-L6-v2"))
    with np.load(Path(__file__).parents[2] / "src" / "askdocs" / "answering" / READER_FILE) as data:
        fitted = {name: data[name] for name in data.files}
    model = AutoModel.from_pretrained(root).eval()
    state = merged(tensors(root / "model.safetensors"), fitted)
    missing, _ = model.load_state_dict({k: torch.tensor(v) for k, v in state.items()}, strict=False)
    assert not [m for m in missing if "position_ids" not in m]  # every weight of the model is the reader's
    pairs = [("Who was arrested?", "Two men were arrested on July 2."), ("When?", "It rained.")]
    encodings = reader.tokenizer.encode_batch(pairs)  # type: ignore[attr-defined]
    width = max(len(e.ids) for e in encodings)
    ids = np.array([e.ids + [0] * (width - len(e.ids)) for e in encodings])
    types = np.array([e.type_ids + [0] * (width - len(e.ids)) for e in encodings])
    mask = np.array([[1] * len(e.ids) + [0] * (width - len(e.ids)) for e in encodings])
    ours = reader._hidden(ids, types, mask)
    with torch.no_grad():
        theirs = model(
            input_ids=torch.tensor(ids), token_type_ids=torch.tensor(types), attention_mask=torch.tensor(mask)
        ).last_hidden_state.numpy()
    assert np.abs(ours - theirs)[mask.astype(bool)].max() < 1e-3


@pytest.mark.slow
def test_the_shipped_reader_marks_the_answer_or_none() -> None:
    reader = load_reader()
    assert isinstance(reader, Reader) and 0.0 < reader.threshold < 1.0
    sentence = "Dave Collins takes over from Max Jones as UK Athletics performance director next month."
    question = "Who did Dave Collins replace as UK Athletics performance director?"
    position, reading = best_reading(reader, question, ["The weather in Birmingham was mild.", sentence])
    assert position == 1 and reading.text(sentence) == "Max Jones" and reading.score > 0
    [elsewhere] = reader.read(question, ["The weather in Birmingham was mild on Sunday."])
    assert elsewhere.score < 0  # "no answer" wins on a sentence that has none
    [when] = reader.read("When did the plant close?", ["The plant closed on 4 March 1998 after a fire."])
    assert "1998" in when.text("The plant closed on 4 March 1998 after a fire.")


def test_the_show_model_reads_probability_and_place_and_a_file_naming_other_signals_is_damaged(
    tmp_path: Path,
) -> None:
    import json

    from askdocs.answering.model import LinearModel
    from askdocs.answering.reader import SHOW_SIGNALS, Reading, show_signals

    def show(features: tuple[str, ...]) -> str:
        return json.dumps(LinearModel(features, (1.0, -1.0), (0.0, 0.0), (1.0, 1.0), 0.0, 0.5).as_dict())

    model = LinearModel.from_dict(json.loads(show(SHOW_SIGNALS)))
    reader = Reader({}, None, 1, 1, threshold=0.5, show=model)
    likely, unlikely = Reading(0, 3, 2.0, 0.9), Reading(0, 3, 2.0, 0.1)
    assert np.allclose(show_signals(0, likely), [[np.log(9.0), 0.0]])
    assert reader.shown(0, likely) > reader.shown(1, likely) > reader.shown(1, unlikely)  # by the weights' signs
    assert Reader({}, None, 1, 1).shown(2, likely) == 0.9  # without a show model: the span's own probability
    shipped = Path(__file__).parents[2] / "src" / "askdocs" / "answering" / "reader.npz"
    with np.load(shipped) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["show_model"] = np.array(show(("probability", "length")))
    np.savez(tmp_path / "reader.npz", **arrays)
    with pytest.raises(ValueError, match="show model reads probability, length"):
        reader_from(tmp_path / "reader.npz")


@pytest.mark.slow
def test_the_shipped_show_model_trusts_the_first_cited_sentence_more() -> None:
    from askdocs.answering.reader import Reading

    reader = load_reader()
    assert isinstance(reader, Reader) and reader.show is not None
    reading = Reading(0, 3, 3.0, 0.6)
    assert 0.0 < reader.shown(2, reading) < reader.shown(0, reading) < 1.0
    assert reader.shown(0, Reading(0, 3, 3.0, 0.2)) < reader.shown(0, reading)
