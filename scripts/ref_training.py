"""Record TF 1.15's op lists and values for the training programs (issue 17).

    /work/venvs/tf1/bin/python scripts/ref_training.py --out tests/data/training/programs.jsonl \
        --checkpoint tests/data/training/ckpt
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
    ap.add_argument("--checkpoint", help="also save CHECKPOINT_MODEL under this directory")
    args = ap.parse_args()
    import numpy as np
    import tensorflow as tf
    from make_reference import run_case
    from training_programs import PROGRAMS

    if args.checkpoint:
        save_checkpoint(tf, np, args.checkpoint)
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


def save_checkpoint(tf, np, out_dir):
    """TF 1.15's files for CHECKPOINT_MODEL at global step 7 (relative paths)."""
    import os

    from training_programs import CHECKPOINT_MODEL

    os.makedirs(out_dir, exist_ok=True)
    g = tf.Graph()
    with g.as_default():
        scope = {"tf": tf, "np": np}
        exec(CHECKPOINT_MODEL, scope)
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            cwd = os.getcwd()
            os.chdir(out_dir)
            try:
                scope["saver"].save(sess, "model.ckpt", global_step=7, write_meta_graph=False)
            finally:
                os.chdir(cwd)


if __name__ == "__main__":
    main()
