"""Record TF 1.15's op lists and values for the training programs (issue 17).

    /work/venvs/tf1/bin/python scripts/ref_training.py --out tests/data/training/programs.jsonl
"""

import argparse
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", default="", help="record only programs whose name starts so")
    args = ap.parse_args()
    import numpy as np
    import tensorflow as tf
    from make_reference import run_case
    from training_programs import PROGRAMS

    old = {}
    if args.only and pathlib.Path(args.out).exists():
        old = {c["name"]: c for c in map(json.loads, open(args.out))}
    for name, program in PROGRAMS.items():
        if name.startswith(args.only):
            old[name] = run_case(tf, np, name, program, graphs=True)
            rec = old[name]
            print(name, "error " + rec["error"] + " " + rec["message"] if "error" in rec
                  else "ok", flush=True)
    with open(args.out, "w") as f:
        for name in PROGRAMS:
            if name in old:
                f.write(json.dumps(old[name]) + "\n")


if __name__ == "__main__":
    main()
