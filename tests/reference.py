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


def op_outputs(op):
    """An op's outputs as TF's shape functions give them, compactly: `dtype[d0,d1]` per
    output (`?` an unknown dimension, `*` an unknown rank), space-separated. The
    recorders (scripts/) store this per op next to the op list, and the tests compare."""
    sigs = []
    for t in op.outputs:
        shape = t.shape
        dims = "*" if shape.ndims is None else ",".join(
            "?" if d is None else str(d) for d in shape.as_list())
        sigs.append(f"{t.dtype.name}[{dims}]")
    return " ".join(sigs)


def graph_outputs(g):
    """`op_outputs` of every op of graph `g`, in creation order."""
    return [op_outputs(op) for op in g.get_operations()]


def random_seeds(g):
    """The (seed, seed2) attributes of the graph's random ops, by op name."""
    out = {}
    for op in g.get_operations():
        try:
            out[op.name] = [int(op.get_attr("seed")), int(op.get_attr("seed2"))]
        except (ValueError, KeyError):
            continue
    return out


def first_difference(mine, theirs):
    """Where two op lists first differ, and three entries of each from there."""
    i = next((i for i, (a, b) in enumerate(zip(mine, theirs)) if a != b),
             min(len(mine), len(theirs)))
    return i, mine[i:i + 3], theirs[i:i + 3]


def assert_graph_equal(g, ops, outputs):
    """Graph `g` has TF's op list `ops` ([name, type] pairs) and, op for op, TF's output
    dtypes and static shapes `outputs` (as `graph_outputs` gives them)."""
    assert len(outputs) == len(ops), "the record's op list and outputs differ in length"
    mine = [[op.name, op.type, op_outputs(op)] for op in g.get_operations()]
    theirs = [[n, t, o] for (n, t), o in zip(ops, outputs)]
    i, a, b = first_difference(mine, theirs)
    assert mine == theirs, f"ops differ from op {i}: philoxflow {a}, TF {b}"


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


def assert_matches_tensorflow(case, tfmod):
    """A recorded case runs as TF ran it: the same error class where TF raised, else
    no difference in values."""
    import builtins

    import pytest

    if "error" in case:
        with pytest.raises(Exception) as info:
            run_program(case["program"], tfmod)
        expected = (getattr(tfmod.errors, case["error"], None)
                    or getattr(builtins, case["error"]))
        assert isinstance(info.value, expected), (
            f"raised {type(info.value).__name__}: {info.value}; TensorFlow raised "
            f"{case['error']}: {case.get('message', '')[:200]}")
        return
    assert differences(case, run_program(case["program"], tfmod)) == []
