"""Every source file of the package stays under 400 lines, so each is read as one piece."""

from __future__ import annotations

from pathlib import Path

import askdocs

LIMIT = 400


def test_every_source_file_is_under_the_line_limit() -> None:
    root = Path(askdocs.__file__).parent
    long = {str(p.relative_to(root)): n for p in root.rglob("*.py") if (n := len(p.read_text().splitlines())) >= LIMIT}
    assert long == {}
