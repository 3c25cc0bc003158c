"""A long run of the suite's property-based tests: every hypothesis test under tests/, with many more examples.

    python -m bench.fuzz                         # 5,000 examples per test, a random seed (printed)
    python -m bench.fuzz --examples 20000 --seed 7
    python -m bench.fuzz -k dates                # only tests whose name matches (pytest -k)

The suite keeps each property to a few seconds (`@settings(max_examples=...)` on the test); a profile would not
change those, so this raises the budget on each collected hypothesis test itself before pytest runs it. No
example database is written, so a run never changes what the suite replays. Prints a Markdown table: examples
run per test (passing, failing, invalid), time, and any failure with its shrunk example.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.statistics import collector

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO, Table, load  # noqa: E402

_COUNTS = re.compile(r"(\d+) passing examples?, (\d+) failing examples?, (\d+) invalid examples?")


class Budget:
    """A pytest plugin: more examples for every hypothesis test, and each test's statistics kept."""

    def __init__(self, examples: int) -> None:
        self.examples = examples
        self.stats: dict[str, list] = {}
        self.outcomes: dict[str, tuple[str, float, str]] = {}

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        kept = []
        for item in items:
            function = getattr(item, "obj", None)
            if not hasattr(function, "hypothesis"):
                continue
            current = function._hypothesis_internal_use_settings
            function._hypothesis_internal_use_settings = settings(
                current,
                max_examples=self.examples,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            kept.append(item)
        items[:] = kept

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item: pytest.Item):  # noqa: ANN201 - a pytest hook wrapper
        found: list = []
        with collector.with_value(found.append):
            yield
        self.stats[item.nodeid] = found

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" or (report.when == "setup" and report.failed):
            detail = report.longreprtext.strip().splitlines() if report.failed else []
            falsifying = [x for x in detail if "Falsifying example" in x or x.startswith("E ")][:3]
            self.outcomes[report.nodeid] = (report.outcome, report.duration, " / ".join(falsifying)[:300])


def _examples(stats: list) -> tuple[int, int, int]:
    """Passing, failing and invalid examples of the generate and shrink phases, summed."""
    passing = failing = invalid = 0
    for record in stats:
        for name in ("reuse-phase", "generate-phase", "shrink-phase"):
            phase = record.get(name)
            if not phase:
                continue
            statuses = [case["status"] for case in phase.get("test-cases", [])]
            passing += statuses.count("valid")
            failing += statuses.count("interesting")
            invalid += statuses.count("invalid") + statuses.count("overrun")
    return passing, failing, invalid


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="examples per test")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (random if not given)")
    parser.add_argument("-k", dest="keyword", default="", help="only tests matching this pytest -k expression")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    budget = Budget(args.examples)
    cmd = ["-q", "-p", "no:cacheprovider", "-W", "ignore::pytest.PytestAssertRewriteWarning", "-o", "addopts="]
    cmd += [f"--hypothesis-seed={seed}", str(REPO / "tests")]
    cmd += ["-k", args.keyword] if args.keyword else []
    started = time.perf_counter()
    code = pytest.main(cmd, plugins=[budget])
    seconds = time.perf_counter() - started
    table = Table(
        f"Property-based tests, {args.examples} examples each, seed {seed} ({seconds:.0f} s, load {load()})",
        ["test", "outcome", "passing", "failing", "invalid", "time"],
    )
    totals = [0, 0, 0]
    for nodeid, (outcome, duration, failure) in sorted(budget.outcomes.items()):
        counts = _examples(budget.stats.get(nodeid, []))
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        table.add(nodeid.split("tests/", 1)[-1], outcome, *counts, f"{duration:.1f} s")
        if failure:
            table.notes.append(f"{nodeid}: {failure}")
    table.notes.insert(0, f"{len(budget.outcomes)} tests, {totals[0]} passing examples, {totals[1]} failing")
    print(table.render())
    sys.exit(int(code))


if __name__ == "__main__":
    main()
