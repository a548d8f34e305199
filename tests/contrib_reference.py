"""Shared by the contrib and Variable-API tests: run a recorded program with
philoxflow and return its printed lines (the reference holds TF 1.15's)."""

import contextlib
import difflib
import gc
import io
import json
import os

import numpy as np

DATA = os.path.join(os.path.dirname(__file__), "data", "contrib")


def load(group):
    with open(os.path.join(DATA, f"{group}.jsonl")) as f:
        return [json.loads(line) for line in f]


def run(case, tf):
    from philoxflow.framework.ops import _stack

    out = io.StringIO()
    graphs = list(_stack.graphs)
    env = {"tf": tf, "np": np}
    try:
        with contextlib.redirect_stdout(out):
            tf.reset_default_graph()
            exec(case["program"], env)  # noqa: S102 - recorded programs
    finally:
        # A program may leave scopes open (the last one does): let them finish, then
        # restore this thread's graph stack.
        env.clear()
        gc.collect()
        _stack.graphs[:] = graphs
    return out.getvalue().splitlines()


def diff(expected, got):
    return "\n".join(list(difflib.unified_diff(expected, got, "tf1.15", "philoxflow",
                                               lineterm=""))[:60])
