"""Record TF's graphs for the API-math programs (tests/test_api_math.py checks philoxflow).

    /work/venvs/tf1/bin/python scripts/ref_api_math.py tf1   # -> tests/data/api_math/tf1.jsonl
    /work/venvs/tf2/bin/python scripts/ref_api_math.py tf2   # -> tests/data/api_math/tf2.jsonl

The names of issue 16's second round (tf.image's resizing, boxes and codecs, tf.linalg,
the rest of tf.nn and tf.math, the numeric top-level names) used as model code uses
them. A record is what `ref_api_core.run` makes of a program (ops, static shapes of
`out`, devices, seeds, or the error), plus `values`: what a session gives for the
program's `fetch` list (random ops with kernels, seeded).
"""
import json
import os
import sys

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from api_math_programs import PROGRAMS  # noqa: E402
from ref_api_core import run  # noqa: E402

OUT = os.path.join(os.path.dirname(HERE), "tests", "data", "api_math")


def values(tf, source):
    """The session values of the program's `fetch` tensors, as nested lists."""
    import numpy as np

    g = tf.Graph()
    with g.as_default():
        env = {"tf": tf, "np": np, "sys": sys}
        exec(source, env)  # noqa: S102 - our own programs
        fetch = env.get("fetch")
        if not fetch:
            return None
        with tf.Session() as sess:
            got = sess.run(fetch, feed_dict=env.get("feed"))
    return [np.asarray(v).tolist() for v in got]


def main():
    which = sys.argv[1]
    if which == "tf1":
        import tensorflow as tf
    else:
        import tensorflow.compat.v1 as tf

        tf.disable_eager_execution()
    tf.logging.set_verbosity(tf.logging.ERROR) if hasattr(tf, "logging") else None
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, f"{which}.jsonl"), "w") as f:
        for name, (source, in_tf2) in PROGRAMS.items():
            if which == "tf2" and not in_tf2:
                continue
            rec = {"name": name, "source": source.strip("\n")}
            rec.update(run(tf, source))
            if "error" not in rec:
                rec["values"] = values(tf, source)
            f.write(json.dumps(rec, sort_keys=True) + "\n")
            print(name, "error" in rec and rec["error"] or len(rec["ops"]))


if __name__ == "__main__":
    main()
