"""`python -m philoxflow`: the four scenarios of TensorFlow's `tf.set_random_seed`
document, run with philoxflow, so the seed rules can be seen at work.

Values labelled A1, A2, … are successive runs of op `a` (B… of op `b`); equal
labels mean equal numbers, exactly as TensorFlow 2.21 (tf.compat.v1) gives them.
"""

from __future__ import annotations

import argparse

import philoxflow as tf


def _fmt(x):
    return "[" + ", ".join(f"{v: .8f}" for v in x) + "]"


def scenario(title, explanation, build):
    print(f"\n=== {title}")
    print(f"    {explanation}")
    g = tf.Graph()
    with g.as_default():
        a, b = build()
        print(f"    a = {a!r}\n    b = {b!r}")
        seen = {}
        for s in (1, 2):
            with tf.Session(graph=g) as sess:
                runs = [("a", sess.run(a)), ("a", sess.run(a)), ("b", sess.run(b)),
                        ("b", sess.run(b))]
            print(f"  Session {s}")
            for op, val in runs:
                key = (op, val.tobytes())
                if key not in seen:
                    seen[key] = f"{op.upper()}{sum(1 for k in seen if k[0] == op) + 1}"
                print(f"    sess.run({op}) -> {_fmt(val)}   {seen[key]}")


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m philoxflow",
        description="Show TensorFlow's graph-level and op-level seed rules, bit-exact.")
    parser.parse_args(argv)
    print(f"philoxflow {tf.__version__} (Philox backend: {tf.backend()})")

    scenario("1. Neither graph nor op seed: every session draws new OS entropy",
             "Sessions 1 and 2 give different values for both a and b.",
             lambda: (tf.random_uniform([1]), tf.random_normal([1])))
    scenario("2. Op seed only (a = random_uniform([1], seed=1)): graph seed defaults to "
             "87654321",
             "a repeats across sessions (A1 A2, A1 A2); b, unseeded, does not.",
             lambda: (tf.random_uniform([1], seed=1), tf.random_normal([1])))

    def graph_seed():
        tf.set_random_seed(1234)
        return tf.random_uniform([1]), tf.random_normal([1])
    scenario("3. Graph seed only (tf.set_random_seed(1234)): op seeds come from a "
             "per-graph counter",
             "Both a and b repeat across sessions.", graph_seed)

    def both():
        tf.set_random_seed(1234)
        return tf.random_uniform([1], seed=1), tf.random_normal([1], seed=2)
    scenario("4. Graph and op seeds both set: both are used together",
             "Both a and b repeat across sessions, and differ from scenario 3.", both)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
