"""pyproject.toml as setuptools reads it: the licence as an SPDX expression (PEP 639), so installing shows no
deprecation warning, and a build requirement on a setuptools that understands that form."""

from __future__ import annotations

import tomllib
import warnings

import pytest
from packaging.requirements import Requirement

from tests.support import REPO


def test_the_licence_is_an_spdx_expression_setuptools_reads_without_a_warning() -> None:
    pytest.importorskip("setuptools", minversion="77", reason="a venv of Python 3.12+ has no setuptools of its own")
    from setuptools.config.pyprojecttoml import apply_configuration
    from setuptools.dist import Distribution

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dist = apply_configuration(Distribution(), REPO / "pyproject.toml")
    assert [str(w.message).splitlines()[0] for w in caught] == []
    assert dist.metadata.license_expression == "MIT"


def test_the_build_asks_for_a_setuptools_that_reads_spdx_licences() -> None:
    build = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    (setuptools,) = [Requirement(r) for r in build["requires"] if Requirement(r).name == "setuptools"]
    assert "76.1" not in setuptools.specifier and "77.0.0" in setuptools.specifier  # PEP 639 support came in 77


def test_every_data_file_of_the_package_is_declared_package_data() -> None:
    """A data file the code reads (fitted weights, word lists, styles) ships in the wheel only when a package-data
    pattern names it: a new one left out would work from the source tree and fail once installed."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["askdocs"]
    root = REPO / "src" / "askdocs"
    data = [
        p for p in root.rglob("*") if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    ]
    assert data, "the package has data files"
    for path in data:
        relative = path.relative_to(root)
        assert any(relative.match(pattern) for pattern in patterns), f"{relative} is not package data"
