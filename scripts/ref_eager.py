"""Record TF 2.21 eager reference data for tests/test_eager.py.

    /work/venvs/tf2/bin/python scripts/ref_eager.py [--shared PATH]

Writes tests/data/eager/extra.jsonl: this project's own programs (below) run under
`import tensorflow as tf` (TF 2.21, eager, Keras 3 as tf.keras), in the format of the
shared corpus (`{"name", "program", "outputs"}`, or `"error"` where TF raised). With
`--shared`, also copies the shared eager corpus minus its `image/` cases to
tests/data/eager/eager.jsonl.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "data", "eager")

PROGRAMS = {
    "seed/interleaved_draws": """
def main(tf, np):
    out = []
    tf.random.set_seed(31337)
    out.append(np.asarray(tf.random.categorical([[0.1, 0.7, -0.4]], 5)))
    out.append(np.asarray(tf.random.uniform([3], seed=11)))
    out.append(np.asarray(tf.random.shuffle(tf.range(9))))
    out.append(np.asarray(tf.random.normal([2, 2], dtype=tf.float64)))
    out.append(np.asarray(tf.random.uniform([3], seed=11)))
    out.append(np.asarray(tf.random.gamma([3], [0.5, 4.0])))
    out.append(np.asarray(tf.random.uniform([4], 0, 100, dtype=tf.int64)))
    out.append(np.asarray(tf.random.truncated_normal([5], 2.0, 0.1)))
    return out
""",
    "seed/reuse_float16_shapes": """
def main(tf, np):
    out = []
    tf.random.set_seed(99)
    for shape in ([3], [2, 2], [1], [7]):
        out.append(np.asarray(tf.random.uniform(shape, dtype=tf.float16, seed=5)))
        out.append(np.asarray(tf.random.normal(shape, dtype=tf.float16, seed=5)))
    out.append(np.asarray(tf.random.uniform([2], 1, 3, dtype=tf.float16, seed=5)))
    return out
""",
    "eager/variable_and_arithmetic": """
def main(tf, np):
    out = []
    tf.random.set_seed(4242)
    v = tf.Variable(tf.random.uniform([4]))
    out.append(np.asarray(v))
    v.assign(v * 2.0 + tf.random.normal([4], seed=1))
    out.append(np.asarray(v))
    v.assign_add(tf.ones([4]))
    out.append(np.asarray(v.read_value()))
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    out.append(np.asarray(x[:, 1] - tf.random.uniform([2])))
    out.append(np.asarray(tf.reshape(tf.range(6), [2, 3]) * 3 // 2))
    out.append(np.asarray(float(tf.random.uniform([]))))
    return out
""",
    "function/python_args": """
def main(tf, np):
    out = []
    tf.random.set_seed(777)
    @tf.function
    def f(n, scale):
        return tf.random.uniform([n]) * scale, tf.random.normal([2], seed=4)
    out += [np.asarray(t) for t in f(3, 1.0)]
    out += [np.asarray(t) for t in f(3, 1.0)]
    out += [np.asarray(t) for t in f(4, 1.0)]
    out += [np.asarray(t) for t in f(3, 2.0)]
    out += [np.asarray(t) for t in f(3, 1.0)]
    out.append(np.asarray(tf.random.uniform([2])))
    return out
""",
    "function/eager_between_calls": """
def main(tf, np):
    out = []
    tf.random.set_seed(2024)
    @tf.function
    def f(x):
        return x * tf.random.uniform([3]) + tf.random.uniform([3], seed=9)
    x = tf.ones([3])
    out.append(np.asarray(f(x)))
    out.append(np.asarray(tf.random.uniform([3], seed=9)))
    out.append(np.asarray(f(x)))
    tf.random.set_seed(2025)
    out.append(np.asarray(f(x)))
    out.append(np.asarray(tf.random.uniform([3])))
    return out
""",
    "generator/loop_and_split": """
def main(tf, np):
    out = []
    g = tf.random.Generator.from_seed(2718281828)
    for n in (1, 5, 300):
        out.append(np.asarray(g.uniform([n])))
        out.append(np.asarray(g.state))
    kids = g.split(3)
    for k in kids:
        out.append(np.asarray(k.uniform([2], 0, 2**40, dtype=tf.int64)))
        out.append(np.asarray(k.state))
    out.append(np.asarray(g.normal([3, 3], 5.0, 0.5, dtype=tf.float64)))
    g.skip(2**40)
    out.append(np.asarray(g.state))
    out.append(np.asarray(g.truncated_normal([4])))
    return out
""",
    "generator/counter_carry": """
def main(tf, np):
    out = []
    g = tf.random.Generator.from_key_counter(key=12345, counter=[-256, 7], alg="philox")
    out.append(np.asarray(g.uniform([1])))
    out.append(np.asarray(g.state))
    out.append(np.asarray(g.uniform([3])))
    out.append(np.asarray(g.state))
    h = tf.random.Generator.from_state([4294967040, 0, 99], alg="philox")
    out.append(np.asarray(h.normal([2])))
    out.append(np.asarray(h.state))
    h.skip(2**56 + 3)
    out.append(np.asarray(h.state))
    return out
""",
    "keras3/dense_seeded_and_dropout": """
def main(tf, np):
    out = []
    keras = tf.keras
    layer = keras.layers.Dense(3, kernel_initializer=keras.initializers.GlorotNormal(seed=5),
                               bias_initializer="zeros")
    layer.build((None, 4))
    out.append(np.asarray(layer.kernel)); out.append(np.asarray(layer.bias))
    d = keras.layers.Dropout(0.3, seed=77)
    x = tf.ones([3, 5])
    for _ in range(3):
        out.append(np.asarray(d(x, training=True)))
    out.append(np.asarray(keras.random.normal((3,), seed=keras.random.SeedGenerator(8))))
    out.append(np.asarray(keras.initializers.HeUniform(seed=3)((4, 2))))
    out.append(np.asarray(keras.initializers.RandomNormal(0.5, 2.0, seed=3)((6,))))
    return out
""",
    "keras3/set_random_seed_sequence": """
def main(tf, np):
    out = []
    keras = tf.keras
    keras.utils.set_random_seed(123)
    out.append(np.asarray(keras.random.uniform((3,))))
    out.append(np.asarray(keras.random.uniform((3,))))
    out.append(np.asarray(keras.initializers.LecunUniform()((3, 2))))
    out.append(np.asarray(tf.random.normal([2])))
    keras.utils.set_random_seed(123)
    out.append(np.asarray(keras.random.uniform((3,))))
    return out
""",
}


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


def record(name, src, tf):
    scope = {}
    exec(compile(src, name, "exec"), scope)
    try:
        return {"name": name, "program": src.lstrip("\n"),
                "outputs": [encode(o) for o in scope["main"](tf, np)]}
    except Exception as e:  # TF rejected the program: record its error class
        return {"name": name, "program": src.lstrip("\n"), "error": type(e).__name__,
                "message": str(e)[:500]}


def main(argv):
    import tensorflow as tf

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "extra.jsonl"), "w") as f:
        for name, src in PROGRAMS.items():
            f.write(json.dumps(record(name, src, tf)) + "\n")
    if "--shared" in argv:
        path = argv[argv.index("--shared") + 1]
        with open(path) as src, open(os.path.join(OUT, "eager.jsonl"), "w") as dst:
            for line in src:
                if not json.loads(line)["name"].startswith("image/"):
                    dst.write(line)


if __name__ == "__main__":
    main(sys.argv[1:])
