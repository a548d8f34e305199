"""`python -m philoxflow`: the four scenarios of TensorFlow's `tf.set_random_seed`
document, run as TensorFlow 1.15 runs them (`import philoxflow as tf`), then what
TensorFlow 2.21's `tf.compat.v1` (`import philoxflow.compat.v1 as tf`) gives
differently, then TF 2's own version (`tf.random.set_seed`, eager and `tf.function`,
`import philoxflow.compat.v2 as tf`), so the seed rules can be seen at work.

Values labelled A1, A2, … are successive runs of op `a` (B… of op `b`); equal
labels mean equal numbers.
"""

from __future__ import annotations

import argparse

import philoxflow
import philoxflow.compat.v1 as tf2

tf1 = philoxflow


def _fmt(x):
    return "[" + ", ".join(f"{v: .8f}" for v in x) + "]"


def _runs(tf, build):
    """The values of a, a, b, b in two sessions of one graph."""
    g = tf.Graph()
    with g.as_default():
        a, b = build(tf)
        out = []
        for _ in (1, 2):
            with tf.Session(graph=g) as sess:
                out.append([("a", sess.run(a)), ("a", sess.run(a)), ("b", sess.run(b)),
                            ("b", sess.run(b))])
        return out


def _print_runs(runs, indent="    "):
    seen = {}
    for s, session in enumerate(runs, 1):
        print(f"{indent}Session {s}")
        for op, val in session:
            key = (op, val.tobytes())
            if key not in seen:
                seen[key] = f"{op.upper()}{sum(1 for k in seen if k[0] == op) + 1}"
            print(f"{indent}  sess.run({op}) -> {_fmt(val)}   {seen[key]}")


SCENARIOS = [
    ("1. Neither graph nor op seed: every session draws new OS entropy",
     "Sessions 1 and 2 give different values for both a and b.",
     lambda tf: (tf.random_uniform([1]), tf.random_normal([1])), False),
    ("2. Op seed only (a = random_uniform([1], seed=1)): graph seed defaults to 87654321",
     "a repeats across sessions (A1 A2, A1 A2); b, unseeded, does not.",
     lambda tf: (tf.random_uniform([1], seed=1), tf.random_normal([1])), False),
    ("3. Graph seed only (tf.set_random_seed(1234)): op seeds come from the graph",
     "Both a and b repeat across sessions. TF 1.x takes each op seed from the id of the "
     "newest op in the graph, TF 2.x from a counter of such ops, so the values differ.",
     lambda tf: (tf.set_random_seed(1234), tf.random_uniform([1]), tf.random_normal([1]))[1:],
     True),
    ("4. Graph and op seeds both set: both are used together",
     "Both a and b repeat across sessions, and differ from scenario 3.",
     lambda tf: (tf.set_random_seed(1234), tf.random_uniform([1], seed=1),
                 tf.random_normal([1], seed=2))[1:], True),
]


# TF 2's `tf.random.set_seed` document: eager calls; a "program run" restarts the
# process (here: a fresh eager context).
SCENARIOS_V2 = [
    ("1. Neither global nor op seed: every call and every program run draws anew",
     "a1 and a2 differ, and a second run of the program differs again.",
     lambda tf: None, lambda tf: tf.random.uniform([1])),
    ("2. Global seed only (tf.random.set_seed(1234)): op seeds drawn from "
     "random.Random(1234), one per call",
     "a1 and a2 differ; every run of the program repeats them.",
     lambda tf: tf.random.set_seed(1234), lambda tf: tf.random.uniform([1])),
    ("3. Op seed only (uniform([1], seed=1)): the cached kernel continues one stream",
     "a1 and a2 differ (the kernel is reused); every run repeats them.",
     lambda tf: None, lambda tf: tf.random.uniform([1], seed=1)),
    ("4. Both seeds: set_seed(1234) then uniform([1], seed=1)",
     "a1 and a2 differ; calling set_seed(1234) again restarts at a1.",
     lambda tf: tf.random.set_seed(1234), lambda tf: tf.random.uniform([1], seed=1)),
]


def _v2_section():
    import philoxflow.compat.v2 as tf
    from philoxflow.eager import context

    print("\nimport philoxflow.compat.v2 as tf: TensorFlow 2.21 as TF 2 code runs it (eager)")
    for title, explanation, setup, draw in SCENARIOS_V2:
        print(f"\n=== {title}")
        print(f"    {explanation}")
        seen = {}
        for run in (1, 2):
            context.set_global_seed(None)  # a fresh program run
            setup(tf)
            print(f"    Program run {run}")
            for _ in (1, 2):
                v = draw(tf).numpy()
                key = v.tobytes()
                seen.setdefault(key, f"A{len(seen) + 1}")
                print(f"      tf.random.uniform -> {_fmt(v)}   {seen[key]}")
    print("\n=== tf.function: op seeds inside a function come from the function graph")
    tf.random.set_seed(1234)

    @tf.function
    def foo():
        return tf.random.uniform([1], seed=1), tf.random.uniform([1], seed=1)

    @tf.function
    def bar():
        return tf.random.uniform([1]), tf.random.uniform([1])

    for name, f in (("foo (both seed=1)", foo), ("bar (unseeded)", bar)):
        for _ in (1, 2):
            a, b = f()
            print(f"    {name}() -> {_fmt(a.numpy())}, {_fmt(b.numpy())}")
    context.set_global_seed(None)


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m philoxflow",
        description="Show TensorFlow's graph-level and op-level seed rules, bit-exact.")
    parser.parse_args(argv)
    print(f"philoxflow {tf1.__version__} (Philox backend: {tf1.backend()})")
    print("import philoxflow as tf: TensorFlow 1.15.5")
    for title, explanation, build, deterministic in SCENARIOS:
        print(f"\n=== {title}")
        print(f"    {explanation}")
        runs1 = _runs(tf1, build)
        _print_runs(runs1)
        if deterministic:
            runs2 = _runs(tf2, build)
            same = all(x[1].tobytes() == y[1].tobytes()
                       for s1, s2 in zip(runs1, runs2) for x, y in zip(s1, s2))
            if same:
                print("    import philoxflow.compat.v1 as tf (TensorFlow 2.21): the same values")
            else:
                print("    import philoxflow.compat.v1 as tf (TensorFlow 2.21) gives instead:")
                _print_runs(runs2, "      ")
    _v2_section()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
