"""A question that names an organisation by its acronym is answered from a text that only spells it out (real model,
real FAISS, real SQLite): it was refused with "no sentence of the documents uses 'IAEA'"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import answers

pytestmark = pytest.mark.slow  # the real model

PLANT = (
    "Inspectors from the International Atomic Energy Agency arrived at the Zaporizhzhia plant on Thursday. They said "
    "the cooling pumps were working but the backup power line had been cut twice in a week.\n\n"
    "The mayor of Enerhodar said residents were calm.\n"
)


def test_an_acronym_matches_its_spelled_out_name(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    crane = "The harbour crane in Veracruz collapsed on July 2, 2021.\n"
    answer, other = answers(
        tmp_path,
        {"plant.txt": PLANT, "crane.txt": crane},
        real_embedder,
        "What did the IAEA say about the cooling pumps?",
        "What did the OPEC say about oil prices?",
    )
    assert answer.found, answer.reasons
    assert "cooling pumps were working" in answer.citations[0].quote
    assert not other.found  # an acronym nothing spells out is still unknown
