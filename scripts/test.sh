#!/usr/bin/env bash
# Every test: the Rust crate's (cargo) and the Python package's (pytest).
# Builds the extension into ./.venv first (creating it if needed), so it works
# from a fresh clone on a machine with Rust and Python 3.9+.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q "maturin>=1.5,<2" "numpy>=1.21" "pytest>=7" "ruff>=0.5" "hypothesis>=6"
.venv/bin/maturin develop --release -q
# Style and lints first: they fail fast and cost little.
cargo fmt --check
PYO3_PYTHON="$PWD/.venv/bin/python" cargo clippy --release --all-targets --features python -- -D warnings
.venv/bin/ruff check python tests scripts benches
cargo test --release --all-targets
.venv/bin/python -m pytest -q "$@"
