"""Differential fuzzing: random corpus-kind programs under real TensorFlow and philoxflow.

    python scripts/diff_fuzz.py TARGET [-n 200] [--seed 1] [--out /tmp/difffuzz]
    python scripts/diff_fuzz.py TARGET --rerun FILE.json     # programs from a file

TARGET is tf1 (TF 1.15 `tensorflow` vs `philoxflow`), tf2 (TF 2.21 `tf.compat.v1` graph
mode vs `philoxflow.compat.v1`), eager (TF 2.21 vs `philoxflow.compat.v2`), data1 / data2
(tf.data under TF 1.15 / TF 2.21 eager). Programs come from scripts/diff_fuzz_gen.py; a
batch runs in one child process per side (TF import is slow), and the differences (values
bit for bit, dtypes, shapes, error class, accept/reject, and error messages separately)
go to OUT/TARGET-SEED.diff.jsonl, each with TF's record so a fixed case can be stored as
a regression case (tests/data/difffuzz/) in the shared corpus format.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import diff_fuzz_gen as gen  # noqa: E402
import diff_fuzz_gen2 as gen2  # noqa: E402

TF1 = "/work/venvs/tf1/bin/python"
TF2 = "/work/venvs/tf2/bin/python"
PF = os.environ.get("PF_PYTHON", "/work/main/.venv/bin/python")

# The child: runs every program of a JSON list, one JSON line per program.
CHILD = r"""
import base64, hashlib, json, os, signal, sys, resource
resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30))
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np
kind = sys.argv[1]
if kind == "tf1":
    import tensorflow as tf
elif kind == "tf2v1":
    import tensorflow.compat.v1 as tf
    tf.disable_eager_execution()
elif kind == "tf2":
    import tensorflow as tf
else:
    import importlib
    tf = importlib.import_module(kind)

def encode(value):
    arr = np.asarray(value)
    if arr.dtype == object or arr.dtype.kind in "SU":  # strings: their items, not pointers
        items = [x.decode("latin1") if isinstance(x, bytes) else str(x) for x in arr.reshape(-1)]
        return {"dtype": "object", "shape": list(arr.shape), "nbytes": 0,
                "b64": base64.b64encode(json.dumps(items).encode()).decode()}
    raw = np.ascontiguousarray(arr).tobytes()
    out = {"dtype": str(arr.dtype), "shape": list(arr.shape), "nbytes": len(raw)}
    if len(raw) <= 4096:
        out["b64"] = base64.b64encode(raw).decode()
    else:
        out["sha256"] = hashlib.sha256(raw).hexdigest()
        out["head_b64"] = base64.b64encode(raw[:256]).decode()
    return out

def alarm(*a):
    raise TimeoutError("program timed out")
signal.signal(signal.SIGALRM, alarm)
for src in json.load(open(sys.argv[2])):
    signal.alarm(60)
    try:
        scope = {}
        exec(compile(src, "<case>", "exec"), scope)
        rec = {"outputs": [encode(o) for o in scope["main"](tf, np)]}
    except Exception as e:
        rec = {"error": type(e).__name__, "message": str(e)[:300]}
    signal.alarm(0)
    print(json.dumps(rec), flush=True)
"""

SIDES = {  # target: (TF interpreter, TF kind, philoxflow module, generator)
    "tf1": (TF1, "tf1", "philoxflow", lambda r: gen.graph_program(r, "tf1")),
    "tf2": (TF2, "tf2v1", "philoxflow.compat.v1", lambda r: gen.graph_program(r, "tf2")),
    "eager": (TF2, "tf2", "philoxflow.compat.v2", gen2.eager_program),
    "data1": (TF1, "tf1", "philoxflow", lambda r: gen2.data_program(r, "tf1")),
    "data2": (TF2, "tf2", "philoxflow.compat.v2", lambda r: gen2.data_program(r, "tf2")),
    "func": (TF2, "tf2", "philoxflow.compat.v2", gen2.function_program),
    "data2v1": (TF2, "tf2v1", "philoxflow.compat.v1", lambda r: gen2.data_program(r, "tf1")),
    "expr1": (TF1, "tf1", "philoxflow", lambda r: gen.expr_program(r, "tf1")),
    "expr2": (TF2, "tf2v1", "philoxflow.compat.v1", lambda r: gen.expr_program(r, "tf2")),
    "model1": (TF1, "tf1", "philoxflow", lambda r: gen.model_program(r, "tf1")),
    "model2": (TF2, "tf2v1", "philoxflow.compat.v1", lambda r: gen.model_program(r, "tf2")),
    "gen": (TF2, "tf2", "philoxflow.compat.v2", gen2.generator_program),
    "eexpr": (TF2, "tf2", "philoxflow.compat.v2", gen2.eager_expr_program),
}


def run_side(python, kind, progs_path, env=None):
    proc = subprocess.run(
        [python, "-c", CHILD, kind, progs_path], capture_output=True, text=True, env=env
    )
    recs = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode:
        sys.stderr.write(proc.stderr[-3000:])
    return recs


def compare(tf_rec, pf_rec):
    """(category, detail) of the first difference, or None."""
    if "error" in tf_rec:
        if "error" not in pf_rec:
            return "accept", f"TF raised {tf_rec['error']}: {tf_rec['message'][:150]}"
        if tf_rec["error"] != pf_rec["error"]:
            return (
                "errclass",
                f"{pf_rec['error']} != TF {tf_rec['error']}: {tf_rec['message'][:150]} || "
                f"{pf_rec['message'][:150]}",
            )
        if tf_rec["message"].split("\n")[0] != pf_rec["message"].split("\n")[0]:
            return "message", f"TF: {tf_rec['message'][:200]} || pf: {pf_rec['message'][:200]}"
        return None
    if "error" in pf_rec:
        return "reject", f"{pf_rec['error']}: {pf_rec['message'][:200]}"
    exp, got = tf_rec["outputs"], pf_rec["outputs"]
    if len(exp) != len(got):
        return "count", f"{len(got)} outputs, TF {len(exp)}"
    for i, (e, g) in enumerate(zip(exp, got)):
        if e["dtype"] != g["dtype"] and not (
            e["dtype"] == "bfloat16" and e["nbytes"] == g["nbytes"]
        ):
            return "dtype", f"#{i}: {g['dtype']} != TF {e['dtype']}"
        if e["shape"] != g["shape"]:
            return "shape", f"#{i}: {g['shape']} != TF {e['shape']}"
        for key in ("b64", "sha256"):
            if key in e and e[key] != g.get(key):
                return "values", f"#{i} ({e['dtype']}{e['shape']})"
    return None


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("target", choices=sorted(SIDES))
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="/tmp/difffuzz")
    ap.add_argument("--rerun")
    ap.add_argument("--pf-root", default=ROOT)
    args = ap.parse_args(argv)
    tf_py, tf_kind, pf_mod, make = SIDES[args.target]
    os.makedirs(args.out, exist_ok=True)
    if args.rerun:
        progs = json.load(open(args.rerun))
    else:
        rng = random.Random(args.seed)
        progs = [make(rng) for _ in range(args.n)]
    tag = f"{args.target}-{args.seed}"
    path = os.path.join(args.out, f"{tag}.progs.json")
    with open(path, "w") as f:
        json.dump(progs, f)
    env = dict(os.environ, PYTHONPATH=os.path.join(args.pf_root, "python"))
    tf_recs = run_side(tf_py, tf_kind, path)
    pf_recs = run_side(PF, pf_mod, path, env)
    counts, diffs = {}, []
    with open(os.path.join(args.out, f"{tag}.all.jsonl"), "w") as f:
        for i, (src, t, p) in enumerate(zip(progs, tf_recs, pf_recs)):
            d = compare(t, p)
            rec = {"i": i, "program": src, "tf": t, "diff": d}
            f.write(json.dumps(rec) + "\n")
            cat = d[0] if d else "same"
            counts[cat] = counts.get(cat, 0) + 1
            if d:
                diffs.append(rec)
    with open(os.path.join(args.out, f"{tag}.diff.jsonl"), "w") as f:
        for rec in diffs:
            f.write(json.dumps(rec) + "\n")
    print(
        f"{tag}: {len(progs)} programs, TF ran {len(tf_recs)}, philoxflow ran {len(pf_recs)}: "
        f"{counts}"
    )
    for rec in [r for r in diffs if r["diff"][0] != "message"][:40]:
        print(f"  [{rec['i']}] {rec['diff'][0]}: {rec['diff'][1][:230]}")


if __name__ == "__main__":
    main()
