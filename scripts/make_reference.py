"""Regenerate and extend the reference data with real TensorFlow.

Runs tf-style programs under TensorFlow 2.21 (tf.compat.v1, graph mode) and
stores what it returns, in the format of tests/data/*.jsonl. TensorFlow is a
development reference, never a dependency: install it in a separate venv:

    python3 -m venv /tmp/tfenv && /tmp/tfenv/bin/pip install tensorflow-cpu==2.21.0 numpy
    /tmp/tfenv/bin/python scripts/make_reference.py --out tests/data/extra.jsonl
    /tmp/tfenv/bin/python scripts/make_reference.py --rerun tests/data/tier1.jsonl --out t1.jsonl

`--rerun FILE` re-runs an existing corpus's programs (to regenerate it);
otherwise the generated families below are run (same seed: same cases).

`--tf1` runs under TensorFlow 1.15.5 instead (a Python 3.7 venv with
`tensorflow==1.15.5 protobuf==3.20.3`), passing programs `tensorflow` itself so
`tf.contrib` and `tf.layers` exist, with the model programs of `tf1_programs.py`;
`--graphs` also records each graph's `[(op.name, op.type)]` list and its ops' output
dtypes and static shapes (`graph_outputs`), which tests/test_tf1.py compares with
philoxflow's:

    /tmp/tf1/bin/python scripts/make_reference.py --tf1 --graphs --out tests/data/tf1/zoo.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import random
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

SEEDS = [None, 0, 1, 5, 42, 2**31 - 2, 2**31 - 1, 2**31, 2**31 + 3, 2**32 + 9, 2**40 + 1,
         2**63 - 1, -1, -7, 123456789, 987654321012]


def prog(body):
    lines = ["def main(tf, np):", "    out = []", "    g = tf.Graph()", "    with g.as_default():"]
    lines += ["        " + line for line in body]
    lines += ["    return out"]
    return "\n".join(lines) + "\n"


def sess(lines):
    return ["with tf.Session(graph=g) as sess:"] + ["    " + x for x in lines]


MISC = """\
def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(77)
        xs = [tf.random_shuffle(tf.constant(np.arange(24).reshape(4, 3, 2) % 2 == 0)),
              tf.random_shuffle(tf.constant(np.linspace(0, 1, 9, dtype=np.float16))),
              tf.random_shuffle(tf.constant(np.arange(12, dtype=np.int64).reshape(6, 2))),
              tf.multinomial(tf.constant(np.log([[0.2, 0.3, 0.5]]), dtype=tf.float64), 7,
                             output_dtype=tf.int32),
              tf.random_gamma([3], tf.constant([[0.5], [2.0]]), beta=tf.constant([1.0, 2.0, 4.0])),
              tf.random_poisson(tf.constant([3, 12]), [4]),
              tf.random.stateless_normal([5], seed=tf.constant([2**40, -7], tf.int64)),
              tf.random_uniform([2, 3], minval=tf.constant([0.0, 1.0, 2.0]), maxval=5.0),
              tf.truncated_normal([9], dtype=tf.bfloat16, mean=1.0, stddev=3.0),
              tf.random_crop(tf.constant(np.arange(60, dtype=np.float32).reshape(3, 4, 5)),
                             [2, 2, 5])]
        m = tf.placeholder(tf.float32, [])
        sd = tf.placeholder(tf.float32, [3])
        xs.append(tf.random_normal([2, 3], mean=m, stddev=sd))
        with tf.name_scope("outer"):
            with tf.name_scope("inner"):
                xs.append(tf.random.uniform([4], name="u"))
        v = tf.Variable(tf.zeros([3]))
        asg = v.assign(tf.random_uniform([3]))
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            out += sess.run(xs, feed_dict={m: 2.0, sd: [1.0, 0.5, 2.0]})
            out += [sess.run(v), sess.run(asg), sess.run(v)]
            out += sess.run(xs[:3])
    return out
"""


def families(rng):
    yield "misc/mixed_ops_feeds_scopes_variables", MISC
    ops = ["random_uniform", "random_normal", "truncated_normal"]
    # seed resolution
    for _ in range(40):
        gs, os_ = rng.choice(SEEDS), rng.choice(SEEDS)
        op = rng.choice(ops)
        n = rng.randint(1, 9)
        body = ([f"tf.set_random_seed({gs})"] if gs is not None else [])
        body += [f"a = tf.{op}([{n}], seed={os_})", f"b = tf.{op}([{n}])"]
        if gs is None and os_ is None:
            continue
        if gs is None:
            body = body[:-1]
            body += sess(["out += [sess.run(a), sess.run(a)]"])
        else:
            body += sess(["out += [sess.run(a), sess.run(b), sess.run(a)]"])
        yield f"resolve/{op}_g{gs}_o{os_}_{n}", prog(body)
    # repeated runs and sizes (group tails, truncated-normal regions)
    for _ in range(30):
        op = rng.choice(ops)
        n = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255, 256, 257,
                        1000, 4099, 70001, 131075])
        seed = rng.choice(SEEDS[1:])
        runs = rng.randint(1, 4)
        body = [f"a = tf.{op}([{n}], seed={seed})"] + sess(
            [f"for i in range({runs}):", "    out.append(sess.run(a))"])
        yield f"runs/{op}_{n}_x{runs}_s{seed}", prog(body)
    # dtypes and parameters
    for _ in range(40):
        op = rng.choice(ops + ["uniform_int"])
        seed = rng.choice(SEEDS[1:])
        n = rng.randint(1, 70)
        if op == "uniform_int":
            dt = rng.choice(["int32", "int64"])
            lim = 2**31 if dt == "int32" else 2**63
            lo = rng.randint(-lim, lim - 2)
            hi = rng.randint(lo + 1, min(lim - 1, lo + rng.choice([2, 10, 1000, 2**20, 2**40,
                                                                    2**62])))
            call = (f"tf.random_uniform([{n}], minval={lo}, maxval={hi}, dtype=tf.{dt}, "
                    f"seed={seed})")
        else:
            dt = rng.choice(["float16", "float32", "float64", "bfloat16"])
            a = round(rng.uniform(-50, 50), rng.randint(0, 3))
            b = round(a + rng.uniform(0.01, 80), rng.randint(0, 3))
            if op == "random_uniform":
                call = (f"tf.random_uniform([{n}], minval={a}, maxval={b}, dtype=tf.{dt}, "
                        f"seed={seed})")
            else:
                call = (f"tf.{op}([{n}], mean={a}, stddev={abs(b - a) / 7:.4f}, "
                        f"dtype=tf.{dt}, seed={seed})")
        body = [f"a = {call}"] + sess(["out += [sess.run(a), sess.run(a)]"])
        yield f"param/{op}_{dt}_{n}_{seed}", prog(body)
    # per-graph counter with mixed ops
    for k in range(10):
        gs = rng.choice(SEEDS[1:])
        body = [f"tf.set_random_seed({gs})", "ops = []"]
        for _ in range(rng.randint(2, 7)):
            s = rng.choice([None, None, None, rng.randint(0, 100)])
            body.append(f"ops.append(tf.{rng.choice(ops)}([{rng.randint(1, 9)}], seed={s}))")
        body += sess(["out += sess.run(ops)", "out += sess.run(ops[::-1])"])
        yield f"counter/mixed_{k}", prog(body)
    # arithmetic
    for k in range(8):
        dt = rng.choice(["float16", "float32", "float64"])
        c1, c2 = round(rng.uniform(-9, 9), 3), round(rng.uniform(0.5, 9), 3)
        body = [f"tf.set_random_seed({rng.choice(SEEDS[1:])})",
                f"a = tf.random_uniform([7], dtype=tf.{dt})",
                f"b = tf.random_normal([7], dtype=tf.{dt})",
                f"c = (a * {c1} - b / {c2}) + (-a)",
                f"d = {c2} / (a + 1.0) - b * b"]
        body += sess(["out += sess.run([c, d, a])"])
        yield f"expr/arith_{k}_{dt}", prog(body)
    # tier 2
    for k in range(12):
        n = rng.choice([1, 2, 3, 7, 16, 31, 100, 257])
        dt = rng.choice(["int32", "float32", "int64", "float64"])
        cols = rng.choice([None, 1, 3])
        shape = f"({n},)" if cols is None else f"({n}, {cols})"
        body = [f"a = tf.random_shuffle(tf.constant(np.arange({n} * {cols or 1}, dtype=np.{dt})"
                f".reshape{shape}), seed={rng.choice(SEEDS[1:])})"]
        body += sess(["out += [sess.run(a), sess.run(a)]"])
        yield f"shuffle/{k}_{n}_{dt}", prog(body)
    for k in range(6):
        h, w = rng.randint(3, 12), rng.randint(3, 12)
        ch, cw = rng.randint(1, h), rng.randint(1, w)
        body = [f"img = tf.constant(np.arange({h * w * 2}, dtype=np.float32).reshape({h}, {w}, 2))",
                f"a = tf.random_crop(img, [{ch}, {cw}, 2], seed={rng.choice(SEEDS[1:])})"]
        body += sess(["out += [sess.run(a), sess.run(a)]"])
        yield f"crop/{k}_{h}x{w}_{ch}x{cw}", prog(body)
    for k in range(8):
        rows, classes = rng.randint(1, 4), rng.randint(2, 6)
        probs = [[round(rng.uniform(0.05, 1), 3) for _ in range(classes)] for _ in range(rows)]
        ns = rng.choice([1, 3, 4, 5, 17, 64])
        body = [f"logits = tf.constant(np.log(np.array({probs}, dtype=np.float32)))",
                f"a = tf.multinomial(logits, {ns}, seed={rng.choice(SEEDS[1:])})",
                f"b = tf.random.categorical(logits, {ns}, seed={rng.choice(SEEDS[1:])})"]
        body += sess(["out += [sess.run(a), sess.run(a), sess.run(b)]"])
        yield f"multinomial/{k}_{rows}x{classes}_{ns}", prog(body)
    for k in range(10):
        alpha = rng.choice(["0.1", "0.5", "0.9", "1.0", "1.5", "4.0", "30.0",
                            "[0.3, 1.0, 7.5]", "[[0.5], [2.0]]"])
        dt = rng.choice(["float32", "float64"])
        n = rng.randint(1, 12)
        beta = rng.choice(["None", "2.0"])
        body = [f"a = tf.random_gamma([{n}], {alpha}, beta={beta}, dtype=tf.{dt}, "
                f"seed={rng.choice(SEEDS[1:])})"]
        body += sess(["out += [sess.run(a), sess.run(a)]"])
        yield f"gamma/{k}_{alpha}_{dt}", prog(body)
    for k in range(10):
        lam = rng.choice(["0.1", "1.0", "3.5", "9.9", "10.0", "11.0", "75.0", "1000.0",
                          "[0.5, 12.0, 40.0]"])
        dt = rng.choice(["float32", "float64", "int32", "int64"])
        body = [f"a = tf.random_poisson({lam}, [{rng.randint(1, 12)}], dtype=tf.{dt}, "
                f"seed={rng.choice(SEEDS[1:])})"]
        body += sess(["out += [sess.run(a), sess.run(a)]"])
        yield f"poisson/{k}_{lam}_{dt}", prog(body)
    for k in range(14):
        fn = rng.choice(["stateless_uniform", "stateless_normal", "stateless_truncated_normal"])
        dt = rng.choice(["float16", "float32", "float64"])
        seed = [rng.randint(-2**31, 2**31 - 1), rng.randint(-2**31, 2**31 - 1)]
        n = rng.randint(1, 40)
        body = [f"a = tf.random.{fn}([{n}], seed={seed}, dtype=tf.{dt})"]
        body += sess(["out += [sess.run(a)]"])
        yield f"stateless/{fn}_{dt}_{k}", prog(body)
    for k in range(6):
        dt = rng.choice(["int32", "int64"])
        lo = rng.randint(-1000, 1000)
        hi = lo + rng.randint(1, 2**20)
        seed = [rng.randint(0, 2**31 - 1), rng.randint(0, 2**31 - 1)]
        body = [f"a = tf.random.stateless_uniform([{rng.randint(1, 30)}], seed={seed}, "
                f"minval={lo}, maxval={hi}, dtype=tf.{dt})",
                "l = tf.constant([[{}]])".format(
                    ", ".join(str(round(rng.uniform(-3, 3), 2)) for _ in range(4))),
                f"b = tf.random.stateless_categorical(l, {rng.randint(1, 20)}, seed={seed})"]
        body += sess(["out += sess.run([a, b])"])
        yield f"stateless/int_cat_{k}", prog(body)
    # constants and sequences
    for k in range(8):
        a = round(rng.uniform(-20, 20), rng.randint(0, 3))
        b = round(a + rng.uniform(0.1, 40), rng.randint(0, 3))
        d = round(rng.uniform(0.05, 3), 2)
        dt = rng.choice(["float32", "float64", "float16"])
        n = rng.randint(0, 30)
        step = max(1, int(d * 3))
        body = [f"xs = [tf.linspace(tf.constant({a}, tf.{dt}), {b}, {n}),",
                f"      tf.range({a}, {b}, {d}), tf.range({int(a)}, {int(b)}, {step}),",
                f"      tf.range({b}, {a}, -{d}, dtype=tf.float64),",
                f"      tf.linspace({int(a)}, {int(b)}, {n}),",
                f"      tf.fill([{k % 3 + 1}, 2], {a}), tf.zeros([{n}], dtype=tf.{dt}),",
                f"      tf.ones_like(tf.constant([{a}, {b}])),",
                f"      tf.zeros_like(tf.constant([[{k}]]))]"]
        body += sess(["out += sess.run(xs)"])
        yield f"sequence/{k}_{dt}", prog(body)
    # Grappler's bit-changing rewrites: x / const, x + 0, 0 - y (and folded constants)
    for k in range(4):
        c = round(rng.uniform(0.3, 9.0), 3)
        dt = ["float32", "float64", "float16", "float32"][k]
        body = [f"x = tf.random_normal([40], seed={k + 3}, dtype=tf.{dt})",
                f"y = tf.random_uniform([40], seed={k + 9}, dtype=tf.{dt}) * 0.0",
                f"nz = tf.constant(np.full([40], -0.0), dtype=tf.{dt})",
                f"p = tf.placeholder(tf.{dt}, [])",
                f"zs = [x / {c}, (x / {c}) * 2.0, x / (tf.constant({c}, tf.{dt}) + 1.0), x / p,",
                f"      tf.constant({c}, tf.{dt}) / 3.0, -y + 0.0, 0.0 - y, nz + 0.0, 0.0 - nz,",
                f"      tf.random_uniform([40], seed={k}, minval=0.0, maxval=-1.0, dtype=tf.{dt}),",
                "      (-y) + tf.zeros([40], dtype=x.dtype)]"]
        body += sess([f"out += sess.run(zs, feed_dict={{p: {c}}})"])
        yield f"grappler/{k}_{dt}", prog(body)
    # bad input: TensorFlow's error class is recorded
    bad = [
        "a = tf.random_uniform([-3], seed=1)",
        "a = tf.random_normal([2, -1], seed=1)",
        "a = tf.random_uniform([2], minval=[0, 1], maxval=3, dtype=tf.int32, seed=1)",
        "a = tf.random_uniform([2], minval=3, maxval=1, dtype=tf.int64, seed=1)",
        "a = tf.random_uniform([2], maxval=2.5, dtype=tf.int64, seed=1)",
        "a = tf.truncated_normal([2], dtype=tf.int32)",
        "a = tf.random_uniform([[2, 3]], seed=1)",
        "a = tf.random_uniform(tf.constant(3), seed=1)",
        "a = tf.random_uniform([2], seed=1) + tf.constant([1, 2])",
        "a = tf.random_uniform([3], seed=1) * tf.random_uniform([4], seed=1)",
        "a = tf.random_uniform([2], dtype=tf.bool, seed=1)",
        "a = tf.multinomial(tf.constant([1.0, 2.0]), 3, seed=1)",
        "a = tf.multinomial(tf.constant([[1.0, 2.0]]), -1, seed=1)",
        "a = tf.random_gamma([2], 1.0, dtype=tf.int32, seed=1)",
        "a = tf.random_crop(tf.constant(np.zeros((3, 4), np.float32)), [4, 4], seed=1)",
        "a = tf.random.stateless_uniform([2], seed=[1, 2, 3])",
        "a = tf.random.stateless_uniform([2], seed=[1, 2], minval=5, maxval=5, dtype=tf.int32)",
        "a = tf.random.stateless_uniform([2], seed=[1, 2], minval=1, dtype=tf.int32)",
        "p = tf.placeholder(tf.float32, [2])\na = p * 2.0",
        "a = tf.range(1, 5, 0)",
        "a = tf.linspace(1.0, 5.0, -2)",
    ]
    for k, line in enumerate(bad):
        body = line.split("\n") + sess(["out.append(sess.run(a))"])
        yield f"bad/{k}", prog(body)
    inits = ["glorot_uniform_initializer()", "glorot_normal_initializer()",
             "random_normal_initializer(mean=1.5, stddev=0.3)",
             "truncated_normal_initializer(stddev=2.0)",
             "random_uniform_initializer(-0.2, 0.7)",
             "variance_scaling_initializer(scale=2.0, mode='fan_in')",
             "variance_scaling_initializer(mode='fan_out', distribution='untruncated_normal')",
             "variance_scaling_initializer(mode='fan_avg', distribution='uniform')",
             "variance_scaling_initializer(distribution='truncated_normal')",
             "variance_scaling_initializer(distribution='normal')"]
    for k, init in enumerate(inits):
        shape = rng.choice(["[5]", "[4, 6]", "[3, 3, 2, 4]", "[2, 3, 5]"])
        gs = rng.choice(SEEDS[1:])
        with_seed = init.replace("()", f"(seed={rng.randint(0, 99)})") if k % 2 else init
        body = [f"tf.set_random_seed({gs})",
                f"w = tf.Variable(tf.{with_seed}({shape}))",
                f"v = tf.Variable(tf.{init}({shape}))"]
        body += sess(["sess.run(tf.global_variables_initializer())",
                      "out += [sess.run(w), sess.run(v)]",
                      "sess.run(w.initializer)", "out.append(sess.run(w))"])
        yield f"init/{k}_{init.split('(')[0]}_{shape}", prog(body)


def run_case(tf, np, name, program, graphs=False):
    from reference import encode, graph_outputs, run_program

    made = []
    init = tf.Graph.__init__

    def record(self, *a, **k):
        init(self, *a, **k)
        made.append(self)
    tf.Graph.__init__ = record
    try:
        outs = run_program(program, tf)
    except Exception as e:  # TensorFlow rejected it: record the error class
        return {"name": name, "program": program, "error": type(e).__name__,
                "message": str(e).splitlines()[0][:300] if str(e) else ""}
    finally:
        tf.Graph.__init__ = init
    rec = {"name": name, "program": program, "outputs": [encode(o) for o in outs]}
    if graphs:
        rec["graphs"] = [[[op.name, op.type] for op in g.get_operations()] for g in made]
        rec["graph_outputs"] = [graph_outputs(g) for g in made]
    return rec


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--rerun", help="re-run the programs of an existing corpus")
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--tf1", action="store_true", help="record with TensorFlow 1.15")
    ap.add_argument("--graphs", action="store_true", help="record each graph's op list")
    args = ap.parse_args()
    import numpy as np

    if args.tf1:
        import tensorflow as tf
        import tf1_programs

        gen = tf1_programs.families
    else:
        import tensorflow.compat.v1 as tf

        tf.disable_eager_execution()
        gen = families
    if args.rerun:
        cases = [(c["name"], c["program"]) for c in map(json.loads, open(args.rerun))]
    else:
        cases = list(gen(random.Random(args.seed)))
    with open(args.out, "w") as f:
        for name, program in cases:
            rec = run_case(tf, np, name, program, args.graphs)
            f.write(json.dumps(rec) + "\n")
            print(name, "error " + rec["error"] if "error" in rec else "ok", flush=True)


if __name__ == "__main__":
    main()
