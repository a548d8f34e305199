"""Run TensorFlow reference cases (tests/data/*.jsonl) and compare bit for bit.

A case is {"name", "program", "outputs"} or, where TensorFlow raised,
{"name", "program", "error", "message"}. Outputs are raw little-endian bytes
(base64) or, for large ones, their sha256 plus the first 256 bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import pathlib

import numpy as np

DATA = pathlib.Path(__file__).parent / "data"


def load(name):
    with open(DATA / name) as f:
        return [json.loads(line) for line in f if line.strip()]


def encode(value):
    arr = np.asarray(value)
    raw = np.ascontiguousarray(arr).tobytes()
    out = {"dtype": str(arr.dtype), "shape": list(arr.shape), "nbytes": len(raw)}
    if len(raw) <= 4096:
        out["b64"] = base64.b64encode(raw).decode()
    else:
        out["sha256"] = hashlib.sha256(raw).hexdigest()
        out["head_b64"] = base64.b64encode(raw[:256]).decode()
    return out


def run_program(src, tfmod):
    scope = {}
    exec(compile(src, "<case>", "exec"), scope)
    return scope["main"](tfmod, np)


def differences(case, values):
    """Human-readable differences between a case's expected outputs and `values`."""
    expected = case["outputs"]
    if len(values) != len(expected):
        return [f"{len(values)} outputs, expected {len(expected)}"]
    problems = []
    for i, (exp, v) in enumerate(zip(expected, values)):
        got = encode(v)
        if exp["dtype"] != got["dtype"] and not (
                exp["dtype"] == "bfloat16" and got["nbytes"] == exp["nbytes"]):
            problems.append(f"#{i}: dtype {got['dtype']} != {exp['dtype']}")
        elif exp["shape"] != got["shape"]:
            problems.append(f"#{i}: shape {got['shape']} != {exp['shape']}")
        else:
            for key in ("b64", "sha256"):
                if key in exp and exp[key] != got.get(key):
                    problems.append(f"#{i}: values differ")
    return problems
