#!/usr/bin/env bash
# Install askdocs into .venv (torch pinned to the local CPU build first), then index corpus/ and ask the sample question.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and pinned: an unpinned torch would pull a multi-GB CUDA build
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[test]"

if [ "${1:-}" = "--no-demo" ]; then
  exit 0
fi
.venv/bin/askdocs index
.venv/bin/askdocs ask "Who was arrested on July 2?"
