"""Reductions (Sum, Mean, Prod, Max, Min) and data movement (Transpose, ConcatV2, Tile,
ReverseV2, ExpandDims) equal TF 1.15's and TF 2.21's values bit for bit, with TF's run-time
errors (recorded by scripts/ref_kernels.py in tests/data/kernels/).

TF sizes its intra-op pool by the first session of a process, and so does philoxflow, so
each thread count runs in a process of its own (this file, run as a script).
"""
import gzip
import hashlib
import json
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

DATA = pathlib.Path(__file__).resolve().parent / "data" / "kernels"
TARGETS = {"tf1": "philoxflow", "tf2": "philoxflow.compat.v1"}


def _gaps(target):
    """Case ids philoxflow refuses (UnimplementedError) rather than guess, with why."""
    rows = (DATA / "gaps.txt").read_text().splitlines()
    return {int(ln.split()[1]): ln for ln in rows if ln.startswith(target + " ")}


def _load(target):
    with gzip.open(DATA / f"{target}.jsonl.gz", "rt") as f:
        return [json.loads(ln) for ln in f]


def _encode(v):
    v = np.asarray(v)
    if v.dtype == object:
        data = json.dumps([b.decode("latin-1") for b in v.ravel()]).encode()
    else:
        data = np.ascontiguousarray(v).tobytes()
    return {"shape": list(v.shape), "bytes": data}


def _run(target, records):
    """philoxflow's outputs of the recorded programs, in this process."""
    import importlib
    tf = importlib.import_module(TARGETS[target])
    results = []
    for rec in records:
        g = tf.Graph()
        outs = []
        with g.as_default():
            tf.set_random_seed(1234)
            env = {"tf": tf, "np": np, "feed": {}}
            exec(rec["src"], env)
            cfg = tf.ConfigProto(intra_op_parallelism_threads=rec["threads"],
                                 inter_op_parallelism_threads=1)
            with tf.Session(graph=g, config=cfg) as sess:
                if env.get("init") is not None:  # variables' initializers first
                    sess.run(env["init"])
                for t in env["out"]:
                    try:
                        e = _encode(sess.run(t, feed_dict=env["feed"]))
                        outs.append({"shape": e["shape"], "hex": e["bytes"].hex()})
                    except Exception as err:  # noqa: BLE001 - compared with TF's
                        outs.append({"error": type(err).__name__, "message": _kernel_words(err)})
        results.append({"id": rec["id"], "out": outs})
    return results


def _kernel_words(err):
    """The kernel's own message, as recorded (TF 2.x's "Graph execution error" framing
    dropped: scripts/ref_kernels.py turns TF's interpolation off)."""
    message = str(getattr(err, "message", ""))
    framing = "Graph execution error:\n\n"
    if message.startswith(framing):
        message = message[len(framing):]
    return message.split("\n")[0]


def mismatch(want, got):
    """Why philoxflow's output differs from TF's, or None."""
    if "error" in want:
        if "error" not in got:
            return f"TF raises {want['error']}: {want['message']}; philoxflow does not"
        if (got["error"], got["message"]) != (want["error"], want["message"]):
            return f"{got['error']}: {got['message']} != {want['error']}: {want['message']}"
        return None
    if "error" in got:
        return f"philoxflow raises {got['error']}: {got['message']}"
    if got["shape"] != want["shape"]:
        return f"shape {got['shape']} != {want['shape']}"
    data = bytes.fromhex(got["hex"])
    if "sha256" in want:
        return None if hashlib.sha256(data).hexdigest() == want["sha256"] else "values differ"
    return None if data.hex() == want["hex"] else f"values {data.hex()[:64]} != {want['hex'][:64]}"


def _results(target, threads, records):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    res = subprocess.run([sys.executable, __file__, target, str(threads)],
                         input=json.dumps(records), capture_output=True, text=True, env=env,
                         timeout=900)
    assert res.returncode == 0, res.stderr[-2000:]
    return {r["id"]: r for r in json.loads(res.stdout)}


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_kernel_values_equal_tf(target):
    records = [r for r in _load(target) if "crash" not in r]
    assert len(records) > 800
    gaps = _gaps(target)
    bad = []
    for threads in sorted({r["threads"] for r in records}):
        todo = [r for r in records if r["threads"] == threads]
        got = _results(target, threads, todo)
        for rec in todo:
            outs = got[rec["id"]]["out"]
            for k, (w, o) in enumerate(zip(rec["out"], outs)):
                why = mismatch(w, o)
                if rec["id"] in gaps:
                    # A known gap must be refused, never answered with other values.
                    why = None if o.get("error") == "UnimplementedError" else (
                        f"listed in gaps.txt but gives {o}")
                if why:
                    bad.append(f"case {rec['id']} out {k} (threads {threads}): {why}\n"
                               f"{rec['src']}")
    shown = "\n\n".join(bad[:10])
    assert not bad, f"{len(bad)} outputs differ:\n{shown}"


if __name__ == "__main__":
    print(json.dumps(_run(sys.argv[1], json.loads(sys.stdin.read()))))
