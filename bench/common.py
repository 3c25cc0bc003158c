"""Shared bench helpers: the machine, timing of fresh processes, percentiles, Markdown tables."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
ASKDOCS = [PYTHON, "-m", "askdocs"]
SAMPLE_QUESTION = "Who was arrested on July 2?"


def environment() -> dict[str, str]:
    """The environment every child process gets: offline, no tokenizer thread pools fighting the model."""
    env = dict(os.environ)
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    return env


def run(cmd: list[str], cwd: Path, *, check: bool = True, stdin: str | None = None) -> tuple[float, str, str]:
    """Run a fresh process; its wall time in seconds, stdout and stderr."""
    started = time.perf_counter()
    out = subprocess.run(cmd, cwd=cwd, env=environment(), capture_output=True, text=True, input=stdin, timeout=7200)
    seconds = time.perf_counter() - started
    if check and out.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed ({out.returncode}): {out.stderr.strip()[-2000:]}")
    return seconds, out.stdout, out.stderr


def run_json(code: str, cwd: Path, *args: str) -> dict:
    """Run `python -c code args...` in a fresh process and parse the JSON it prints last."""
    _, out, _ = run([PYTHON, "-c", code, *args], cwd)
    return json.loads(out.strip().splitlines()[-1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    low, high = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def machine() -> dict[str, str]:
    """What the figures depend on."""
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal"))
        ram = f"{int(mem.split()[1]) / 1e6:.0f} GB"
    except (OSError, StopIteration):
        ram = "?"
    versions = {}
    for module in ("onnxruntime", "torch", "faiss", "sentence_transformers", "numpy"):
        try:
            versions[module] = __import__(module).__version__
        except Exception:  # noqa: BLE001 - a missing library is reported, not fatal
            versions[module] = "absent"
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "native bfloat16": "yes" if _native_bfloat16() else "no",
        "memory": ram,
        "python": platform.python_version(),
        **versions,
    }


@dataclass
class Table:
    """A Markdown table that prints itself."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        self.rows.append([_cell(c) for c in cells])

    def render(self) -> str:
        lines = [f"### {self.title}", "", "| " + " | ".join(self.columns) + " |"]
        lines.append("|" + "|".join(" --- " for _ in self.columns) + "|")
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        if self.notes:
            lines += [""] + [f"- {n}" for n in self.notes]
        return "\n".join(lines) + "\n"


def _cell(value: object) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "n/a"
        return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _native_bfloat16() -> bool:
    """Whether the CPU multiplies bfloat16 natively (AVX512-BF16 or AMX), for the machine table."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    flags = next((line for line in text.splitlines() if line.startswith("flags")), "").split()
    return "avx512_bf16" in flags or "amx_bf16" in flags
