"""Record tests/data/hardening_ref.jsonl with real TensorFlow 2.21.

The hardening issue's cases: the stateless gamma/Poisson/crop ops, the identity
initializer, n-d linspace, and the edge values (casts of NaN/inf/out-of-range
floats, integer wrap-around, NaN-propagating maximum, signed zeros, huge and
deep shapes). Same format as make_reference.py (whose runner it uses):

    /tmp/tf2/bin/python scripts/make_hardening_ref.py --out tests/data/hardening_ref.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

# Names that differ between TF 2.21's compat.v1 and philoxflow.
PRELUDE = [
    "crop = getattr(tf.image, 'stateless_random_crop', None) or "
    "__import__('tensorflow').image.stateless_random_crop",
    "identity = tf.initializers.identity",
    "linspace = tf.linspace",
]


def prog(body, run="out += sess.run(xs)", feed=None):
    lines = ["def main(tf, np):", "    out = []"] + ["    " + p for p in PRELUDE]
    lines += ["    g = tf.Graph()", "    with g.as_default():"]
    lines += ["        " + line for line in body]
    lines += ["        with tf.Session(graph=g) as sess:"]
    lines += ["            " + line for line in run.split("\n")]
    lines += ["    return out"]
    return "\n".join(lines) + "\n"


def cases():
    nan, inf = "float('nan')", "float('inf')"
    # stateless gamma
    for k, (shape, alpha, beta, dt, seed) in enumerate([
        ([7, 3], "[0.5, 1.0, 4.0]", None, "float32", [1, 2]),
        ([5, 2, 3], "[0.3, 2.0, 9.0]", "[[1.0], [3.0]]", "float64", [-7, 2**40]),
        ([6, 2], "[1.5, 0.2]", None, "float16", [2**31 - 1, -2**31]),
        ([4, 3], f"[{nan}, -1.0, 0.0]", "[1.0, -2.0, {}]".format(nan), "float32", [3, 4]),
        ([300], "2.5", "0.5", "float32", [11, 12]),
    ]):
        b = "None" if beta is None else beta
        body = [f"xs = [tf.random.stateless_gamma({shape}, seed={seed}, alpha={alpha}, "
                f"beta={b}, dtype=tf.{dt})]"]
        yield f"stateless_gamma/{k}_{dt}", prog(body)
    body = ["a = tf.placeholder(tf.float32, [3])",
            "xs = [tf.random.stateless_gamma([4, 3], seed=[5, 6], alpha=a, beta=3.0)]"]
    yield "stateless_gamma/fed_alpha", prog(body, "out += sess.run(xs, {a: [0.7, 1.0, 3.0]})")
    # stateless poisson
    for k, (shape, lam, dt) in enumerate([
        ([6, 3], "[0.5, 12.0, 100.0]", "int32"),
        ([5, 2], "[3.0, 30.0]", "float32"),
        ([4], "7.5", "int64"),
        ([3, 2], "tf.constant([4, 40])", "float64"),
        ([9, 1], "tf.constant([[0.1]], tf.float64)", "int32"),
    ]):
        body = [f"xs = [tf.random.stateless_poisson({shape}, seed=[{k}, 77], lam={lam}, "
                f"dtype=tf.{dt})]"]
        yield f"stateless_poisson/{k}_{dt}", prog(body)
    # stateless crop
    for k, (shape, size, seed) in enumerate([([5, 6, 2], [2, 3, 2], [1, 2]),
                                              ([9, 4], [3, 4], [-5, 2**33]),
                                              ([7], [7], [0, 0])]):
        n = 1
        for d in shape:
            n *= d
        body = [f"v = tf.constant(np.arange({n}, dtype=np.float32).reshape({shape}))",
                f"xs = [crop(v, {size}, seed={seed})]"]
        yield f"stateless_crop/{k}", prog(body)
    # identity initializer
    for k, (shape, gain, dt) in enumerate([([3, 4], 2.0, "float32"), ([4, 4], 1.0, "float32"),
                                            ([5, 3], -1.5, "float64"), ([2, 2], 0.5, "float16")]):
        body = [f"w = tf.Variable(identity(gain={gain}, dtype=tf.{dt})({shape}))",
                f"xs = [identity(gain={gain})({shape}, dtype=tf.{dt})]"]
        run = "sess.run(tf.global_variables_initializer())\nout += sess.run(xs + [w])"
        yield f"identity/{k}_{dt}", prog(body, run)
    # n-d linspace
    for k, (start, stop, num, axis) in enumerate([
        ("[0.0, 1.0]", "[2.0, 5.0]", 4, 0), ("[0.0, 1.0]", "[2.0, 5.0]", 5, 1),
        ("[[0.0], [10.0], [-3.0]]", "[1.0, 2.0, 3.0, 4.0]", 6, -1),
        ("tf.constant([0.1, 7.0], tf.float64)", "[1.0, -2.5]", 11, 0),
        ("tf.constant([0.1, 7.0], tf.float16)", "[1.0, -2.5]", 9, 0),
        ("tf.constant([3, -7])", "tf.constant([10, 20])", 7, 0),
        ("[0.0, 1.0]", "[2.0, 5.0]", 0, 0), ("[0.0, 1.0]", "[2.0, 5.0]", 1, 0),
        ("0.0", "1.0", "tf.constant(2**32 + 3, tf.int64)", 0),
        ("tf.constant(0.3, tf.bfloat16)", "tf.constant(9.7, tf.bfloat16)", 13, 0),
    ]):
        body = [f"xs = [linspace({start}, {stop}, {num}, axis={axis})]"]
        yield f"linspace_nd/{k}", prog(body)
    body = ["s = tf.placeholder(tf.float32, [2])",
            "xs = [linspace(s, [1.0, 3.0], 7), tf.linspace(s[0] if False else 0.1, 1.0, 7)]"]
    yield "linspace_nd/fed_start", prog(body, "out += sess.run(xs, {s: [0.1, -0.35]})")
    body = ["s = tf.placeholder(tf.float32, [])",
            "xs = [tf.linspace(s, 1.0, 7)]"]
    yield "linspace/fed_scalar_start", prog(body, "out += sess.run(xs, {s: 0.1})")
    # casts of NaN, inf, out-of-range and subnormal values
    vals = [nan, inf, f"-{inf}", "3e9", "-3e9", "1e19", "-1e19", "2.5", "-2.5", "2147483648.0",
            "-2147483904.0", "9.3e18", "1e-40", "-0.0", "65504.0", "4294967295.0"]
    for src in ["float32", "float64", "float16", "bfloat16"]:
        body = ["p = tf.placeholder(tf.float32, [None])",
                f"x = tf.cast(p, tf.{src})" if src != "float64" else
                "p = tf.placeholder(tf.float64, [None])\nx = p",
                "xs = [tf.cast(x, tf.int32), tf.cast(x, tf.int64), tf.cast(x, tf.bool),"
                " tf.cast(x, tf.float64), tf.cast(x, tf.float16)]"]
        body = "\n".join(body).split("\n")
        run = f"out += sess.run(xs, {{p: [{', '.join(vals)}] * 3}})"
        yield f"cast/{src}", prog(body, run)
    body = ["p = tf.placeholder(tf.int64, [None])",
            "xs = [tf.cast(p, tf.int32), tf.cast(p, tf.bool), tf.cast(p, tf.float16),"
            " tf.cast(p, tf.bfloat16), tf.cast(tf.cast(p, tf.int32), tf.int64)]"]
    yield "cast/int64", prog(body, "out += sess.run(xs, {p: [2**31, -2**31 - 1, 2**40 + 7, "
                                   "-1, 0, 70000, 2**63 - 1]})")
    # integer wrap-around
    for dt, m in [("int32", -2**31), ("int64", -2**63)]:
        xs = [m, m, m, m, 5, m, -m - 1, -7, 7, m, 0, 9, -9]
        ys = [-1, 3, -3, 2, m, m, -1, m, m, 7, m, -4, 4]
        body = [f"x = tf.constant({xs * 3}, tf.{dt})", f"y = tf.constant({ys * 3}, tf.{dt})",
                "xs = [x // y, x % y, x * y, x - y, x + y, -x]",
                f"p = tf.placeholder(tf.{dt}, [None])",
                "xs += [p // y, p % y, -p]"]
        yield f"int/{dt}", prog(body, f"out += sess.run(xs, {{p: {xs * 3}}})")
    # maximum / minimum: NaN propagation and the tie rule of packets and tails
    for dt in ["float32", "float64", "float16", "bfloat16"]:
        body = ["x = tf.placeholder(tf.float32, [None])", "y = tf.placeholder(tf.float32, [None])",
                f"a, b = tf.cast(x, tf.{dt}), tf.cast(y, tf.{dt})",
                "xs = [tf.maximum(a, b), tf.minimum(a, b), tf.maximum(a, -0.0),"
                " tf.minimum(tf.constant(0.0, b.dtype), b)]"]
        xv = [nan, 1.0, nan, -0.0, 0.0, f"-{nan}", 2.0, 0.0, -0.0, 3.0, -0.0]
        yv = [1.0, nan, nan, 0.0, -0.0, 1.0, f"-{nan}", -0.0, 0.0, 3.0, 0.0]
        xs_ = ", ".join(map(str, xv))
        ys_ = ", ".join(map(str, yv))
        run = f"out += sess.run(xs, {{x: [{xs_}] * 3, y: [{ys_}] * 3}})"
        yield f"maxmin/{dt}", prog(body, run)
    # gamma with NaN / negative parameters (maximum propagates NaN)
    for k, (a, b) in enumerate([(nan, None), ("-1.0", None), ("1.0", "-1.0"), ("1.0", nan),
                                ("-0.5", None), (f"-{inf}", None), (inf, None), ("0.0", None)]):
        for dt in ["float32", "float64"]:
            body = [f"xs = [tf.random_gamma([5], {a}, beta={b}, dtype=tf.{dt}, seed=5)]"]
            yield f"gamma_edge/{k}_{dt}", prog(body)
    # signed zeros: folded stateless expressions and the 100 KiB folding limit
    for dt, n in [("float32", 6), ("float64", 6), ("float16", 6), ("float32", 30000),
                  ("float64", 13000), ("float32", 25599)]:
        body = [f"xs = [tf.random.stateless_normal([{n}], seed=[1, 2], stddev=0.0, dtype=tf.{dt}),"
                f" tf.random_normal([{n}], seed=3, stddev=0.0, dtype=tf.{dt}),"
                f" tf.random.stateless_uniform([{n}], seed=[1, 2], dtype=tf.{dt}) / 3.0]"]
        yield f"signed_zero/{dt}_{n}", prog(body)
    # ranges
    body = ["xs = [tf.range(-2**31, 2**31 - 1, 2**30), tf.range(2**31 - 1, -2**31, -2**29)]"]
    yield "range/int32_wide", prog(body)
    # shapes: deep, overflowing, empty-but-unrepresentable
    for k, line in enumerate([
        "xs = [tf.zeros([1] * 40 + [2]), tf.random_uniform([1] * 33 + [3], seed=1)]",
        "xs = [tf.random.stateless_normal([2] + [1] * 62, seed=[1, 1])]",
        "xs = [tf.random_uniform([2**31, 2**31, 4], seed=1)]",
        "xs = [tf.fill([2**32, 2**32], 1.0)]",
        "xs = [tf.random_uniform([0, 2**62], seed=1)]",
        "xs = [tf.fill([2**61, 0], 1.0)]",
        "xs = [tf.random_uniform([2**62, 0, 4], seed=1)]",
        "xs = [tf.broadcast_to(1.0, [2**40, 2**40])]",
        "xs = [tf.random_gamma([2**31 - 1, 2**31 - 1], tf.zeros([4]), seed=1)]",
        "xs = [tf.zeros([1] * 65)]",
        "xs = [tf.shape(tf.random_uniform([0, 2**62], seed=1))]",
        "xs = [tf.random_uniform([2**40], seed=1)]",
        "xs = [tf.random_poisson(1.0, [2**20, 2**20], seed=1)]",
    ]):
        yield f"shapes/{k}", prog([line])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    import numpy as np
    import tensorflow.compat.v1 as tf
    from make_reference import run_case

    tf.disable_eager_execution()
    with open(args.out, "w") as f:
        for name, program in cases():
            rec = run_case(tf, np, name, program)
            f.write(json.dumps(rec) + "\n")
            print(name, "error " + rec["error"] + " " + rec["message"][:150]
                  if "error" in rec else "ok", flush=True)


if __name__ == "__main__":
    main()
