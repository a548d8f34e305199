"""Record TF 1.15's graphs for tests/sparse_programs.py into tests/data/sparse/graphs.jsonl.

Run with TF 1.15's Python: /work/venvs/tf1/bin/python scripts/ref_sparse.py
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests"))

import sparse_programs  # noqa: E402
import tensorflow as tf  # noqa: E402


def main():
    out = os.path.join(HERE, "..", "tests", "data", "sparse", "graphs.jsonl")
    with open(out, "w") as f:
        for name in sparse_programs.PROGRAMS:
            f.write(json.dumps(sparse_programs.record(tf, name)) + "\n")
    print("wrote", out)
    out = os.path.join(HERE, "..", "tests", "data", "sparse", "errors.jsonl")
    with open(out, "w") as f:
        for name in sparse_programs.ERRORS:
            f.write(json.dumps(sparse_programs.record_error(tf.compat.v1, name)) + "\n")
    print("wrote", out)


if __name__ == "__main__":
    main()
