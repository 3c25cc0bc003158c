"""pyproject.toml as setuptools reads it: the licence as an SPDX expression (PEP 639), so installing shows no
deprecation warning, and a build requirement on a setuptools that understands that form."""

from __future__ import annotations

import tomllib
import warnings

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

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


def test_the_setup_installs_every_dependency_at_one_version_the_ranges_allow() -> None:
    """scripts/setup.sh installs with scripts/constraints.txt, which pins each of askdocs' dependencies (and the
    test tools) to one version inside pyproject's ranges: a fresh install gets the packages its figures were
    measured with, not whatever the package index holds newest that day."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = (REPO / "scripts" / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pinned = {canonicalize_name(r.name): r for r in (Requirement(x) for x in lines if x and x[0] != "#")}
    assert all(len(r.specifier) == 1 and next(iter(r.specifier)).operator == "==" for r in pinned.values())
    for wanted in [Requirement(x) for x in [*config["dependencies"], *config["optional-dependencies"]["test"]]]:
        name = canonicalize_name(wanted.name)
        assert name in pinned, name
        version = next(iter(pinned[name].specifier)).version
        assert wanted.specifier.contains(version, prereleases=True), (name, version)
    assert str(pinned["torch"].specifier) == "==2.13.0"
    setup = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    installs = [line for line in setup.splitlines() if line.startswith("pip_install ") and "--upgrade pip" not in line]
    assert len(installs) == 2 and all("-c scripts/constraints.txt" in line for line in installs), installs
