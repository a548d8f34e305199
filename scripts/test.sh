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
.venv/bin/python -m pip install -q "maturin>=1.5,<2" "numpy>=1.21" "absl-py>=1.0" "pytest>=7" "ruff>=0.5" \
  "dask[array]>=2024.1" "distributed>=2024.1" "zarr>=2.16" "ziglang>=0.13,<0.18" "hypothesis>=6"
.venv/bin/maturin develop --release -q
# Style and lints first: they fail fast and cost little.
cargo fmt --check
PYO3_PYTHON="$PWD/.venv/bin/python" cargo clippy --release --all-targets --features python -- -D warnings
.venv/bin/ruff check python tests scripts benches
cargo test --release --all-targets
# The release wheel and sdist (dist/); tests/test_wheel.py installs the wheel
# into a fresh venv and runs the suite against it (PHILOXFLOW_SKIP_WHEEL=1: not now).
if [[ "${PHILOXFLOW_SKIP_WHEEL:-}" != 1 ]]; then
  bash scripts/build_wheels.sh
  export PHILOXFLOW_REQUIRE_WHEEL=1
fi
.venv/bin/python -m pytest -q "$@"
