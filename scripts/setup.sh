#!/usr/bin/env bash
# Set up askdocs: a virtualenv in .venv (torch pinned first), askdocs on the PATH, then index the
# sample corpus in corpus/ and ask it a question. --no-demo stops after the install. pip shows its own progress;
# with CI=true it is quiet.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}
BIN_DIR="$HOME/.local/bin"
TARGET="$ROOT/.venv/bin/askdocs"
HINT=""

step() { printf '\n==> %s\n' "$*"; }
pip_install() { .venv/bin/python -m pip install ${CI_QUIET:+--quiet} "$@"; }
on_path() { case ":$PATH:" in *":$1:"* | *":$1/:"*) return 0 ;; esac; return 1; }
if [ "${CI:-}" = "true" ]; then CI_QUIET=1; else CI_QUIET=""; fi

# Link .venv/bin/askdocs into ~/.local/bin when that folder is on the PATH; otherwise say the line to run.
put_on_path() {
  if on_path "$BIN_DIR"; then
    mkdir -p "$BIN_DIR"
    if [ -e "$BIN_DIR/askdocs" ] && [ ! -L "$BIN_DIR/askdocs" ]; then
      echo "$BIN_DIR/askdocs is a file this script did not make; it was left alone"
      HINT="export PATH=\"$ROOT/.venv/bin:\$PATH\""
    else
      ln -sfn "$TARGET" "$BIN_DIR/askdocs"
      echo "linked $BIN_DIR/askdocs -> $TARGET"
    fi
  else
    HINT="export PATH=\"$ROOT/.venv/bin:\$PATH\""
  fi
  local found
  found=$(command -v askdocs || true)
  if [ -z "$HINT" ] && [ -n "$found" ] && [ "$(readlink -f "$found")" != "$(readlink -f "$TARGET")" ]; then
    echo "another askdocs comes first on your PATH: $found"
    HINT="export PATH=\"$ROOT/.venv/bin:\$PATH\""
  fi
  if [ -n "$HINT" ]; then
    echo "askdocs is not on your PATH yet. Run this line in your shell (add it to ~/.bashrc to keep it):"
    echo "  $HINT"
  else
    echo "askdocs is on your PATH: try  askdocs --help"
  fi
}

step "[1/5] Python virtual environment in .venv"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  echo "created .venv with $("$PYTHON" --version)"
else
  echo ".venv is already there"
fi

step "[2/5] pip, up to date"
pip_install --upgrade pip

step "[3/5] torch 2.13.0 (pinned first, so that askdocs' dependencies do not pull another build)"
pip_install -c scripts/constraints.txt "torch==2.13.0"
if cuda=$(.venv/bin/python -c "import torch; print(torch.version.cuda or '')" 2>/dev/null) && [ -n "$cuda" ]; then
  echo "note: this torch is a CUDA $cuda build (several GB); askdocs needs only the CPU one:"
  echo "  .venv/bin/pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu"
fi

step "[4/5] askdocs and its dependencies (editable install, with the test tools, at the versions of scripts/constraints.txt)"
pip_install -c scripts/constraints.txt -e ".[test]"

step "[5/5] askdocs on your PATH"
put_on_path

if [ "${1:-}" = "--no-demo" ]; then
  exit 0
fi

step "indexing the sample corpus in corpus/ (the first run also exports the model, about a minute)"
.venv/bin/askdocs index

step "asking it a question: askdocs ask \"Who was arrested on July 2?\""
.venv/bin/askdocs ask "Who was arrested on July 2?"

if [ -n "$HINT" ]; then
  step "one more step: askdocs is not on your PATH yet; run"
  echo "  $HINT"
fi
