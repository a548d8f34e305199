"""Graph-level seeds (`random_seed.py`): `tf.set_random_seed` and `get_seed`.

The rule itself lives in Rust (`seed.rs`), which knows each graph's op count, so
TF 1.x's `graph._last_id` is exact whichever thread built the ops.
"""

from __future__ import annotations

from .ops import get_default_graph

DEFAULT_GRAPH_SEED = 87654321


def set_random_seed(seed):
    """`tf.set_random_seed`: the default graph's graph-level seed."""
    get_default_graph().seed = seed


def get_seed(op_seed):
    """`random_seed.get_seed`: the `(seed, seed2)` an op gets; `(None, None)` if unseeded.

    With only a graph seed, TF 1.x graphs take the newest op's id as op seed and
    TF 2.x graphs count such ops (the graph's target decides).
    """
    return get_default_graph()._c.resolve_seed(op_seed)


def seed_attrs(op_seed):
    """The `(seed, seed2)` attributes of a random op; `(0, 0)` means fresh entropy."""
    s1, s2 = get_seed(op_seed)
    return (0, 0) if s1 is None else (s1, s2)
