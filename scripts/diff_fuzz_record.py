"""Store differential-fuzz programs as regression cases (tests/data/difffuzz/*.jsonl.gz).

    python scripts/diff_fuzz_record.py [--out /tmp/difffuzz] [--sample 60]

Reads the runs scripts/diff_fuzz.py left in OUT (`TARGET-SEED.all.jsonl`: each program with
TensorFlow's record), reruns them under this checkout's philoxflow and keeps, per corpus,
every program that once differed and now agrees (the fixed ones) plus a sample of the
always-agreeing ones, with small outputs only. Corpora: tf1 (TF 1.15, module
`philoxflow`), tf2 (TF 2.21 compat.v1), eager (TF 2.21, `philoxflow.compat.v2`); the
tf.data runs join tf1 (data1) and eager (data2). Cases are in the shared corpus format.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from diff_fuzz import PF, ROOT, SIDES, compare, run_side  # noqa: E402

CORPUS = {"tf1": "tf1", "data1": "tf1", "tf2": "tf2", "eager": "eager", "data2": "eager",
          "func": "eager", "data2v1": "tf2", "expr1": "tf1", "expr2": "tf2",
          "model1": "tf1", "model2": "tf2", "gen": "eager",
          "eexpr": "eager"}
MAX_BYTES = 2048  # total output bytes of a stored case


def small(rec):
    if "error" in rec:
        return True
    outs = rec["outputs"]
    return (
        all("b64" in o and o["dtype"] != "object" for o in outs)
        and sum(o["nbytes"] for o in outs) <= MAX_BYTES
    )


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/difffuzz")
    ap.add_argument("--sample", type=int, default=60)
    args = ap.parse_args(argv)
    rng = random.Random(0)
    cases = {k: [] for k in set(CORPUS.values())}
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
    for path in sorted(glob.glob(os.path.join(args.out, "*.all.jsonl"))):
        tag = os.path.basename(path)[: -len(".all.jsonl")]
        target = tag.split("-")[0]
        recs = [json.loads(line) for line in open(path)]
        fixed = [r for r in recs if r["diff"] and r["diff"][0] != "message" and small(r["tf"])]
        same = [r for r in recs if not r["diff"] and small(r["tf"])]
        pick = fixed + rng.sample(same, min(args.sample, len(same)))
        tmp = os.path.join(args.out, f"{tag}.record.json")
        with open(tmp, "w") as f:
            json.dump([r["program"] for r in pick], f)
        now = run_side(PF, SIDES[target][2], tmp, env)
        kept = 0
        for r, p in zip(pick, now):
            d = compare(r["tf"], p)
            if d is None or d[0] == "message":
                name = f"{tag}/{'fixed' if r['diff'] else 'same'}_{r['i']}"
                case = {"name": name, "program": r["program"], **r["tf"]}
                cases[CORPUS[target]].append(case)
                kept += 1
        print(f"{tag}: {len(fixed)} differed, kept {kept} of {len(pick)}")
    dest = os.path.join(ROOT, "tests", "data", "difffuzz")
    os.makedirs(dest, exist_ok=True)
    for corpus, cs in cases.items():
        with gzip.open(os.path.join(dest, f"{corpus}.jsonl.gz"), "wt") as f:
            for c in cs:
                f.write(json.dumps(c) + "\n")
        print(f"{corpus}: {len(cs)} cases")


if __name__ == "__main__":
    main()
