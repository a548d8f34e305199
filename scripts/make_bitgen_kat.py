"""Known answers for `philoxflow.TFPhilox` from real TensorFlow.

Run with a TensorFlow 2.x interpreter (not part of the tests):

    /tmp/tf2/bin/python scripts/make_bitgen_kat.py    # writes tests/data/bitgen_kat.json

Each case is one `tf.random.uniform` op in graph mode: its resolved seed attrs
and the raw bytes of its first runs in one session. The tests rebuild these
outputs from TFPhilox's 32-bit words and from `TFPhilox.from_op` positions.
"""

import base64
import json
import pathlib

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "bitgen_kat.json"

# (name, graph seed, op seed, dtype, shape, minval, maxval)
CASES = [
    ("float32_op_seed", None, 1, "float32", [8], 0, 1),
    ("float32_both_seeds", 1234, 7, "float32", [9], 0, 1),
    ("float32_large_seeds", 2**31 - 2, 2**31 - 3, "float32", [5], 0, 1),
    ("float32_many_blocks", 42, 3, "float32", [1000], 0, 1),
    ("float64", 5, 6, "float64", [6], 0, 1),
    ("int32_full_range", 11, 12, "int32", [8], -(2**31), 2**31 - 1),
    ("int64_full_range", 13, 14, "int64", [7], -(2**63), 2**63 - 1),
]
RUNS = 3


def main():
    cases = []
    for name, gseed, oseed, dtype, shape, lo, hi in CASES:
        g = tf.Graph()
        with g.as_default():
            if gseed is not None:
                tf.set_random_seed(gseed)
            t = tf.random.uniform(shape, minval=lo, maxval=hi, dtype=dtype, seed=oseed)
            with tf.Session(graph=g) as sess:
                runs = [sess.run(t) for _ in range(RUNS)]
        cases.append({
            "name": name, "graph_seed": gseed, "op_seed": oseed, "dtype": dtype,
            "shape": shape, "minval": lo, "maxval": hi, "op_type": t.op.type,
            "seed": t.op.get_attr("seed"), "seed2": t.op.get_attr("seed2"),
            "runs": [base64.b64encode(np.ascontiguousarray(r).tobytes()).decode() for r in runs],
        })
    OUT.write_text(json.dumps({"tensorflow": tf.__version__, "cases": cases}, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
