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


_MAXINT32 = 2**31 - 1


def _int_seed(seed, attr):
    """TF's `_truncate_seed` (`seed % (2**31 - 1)` with Python's operator: a str or list
    seed raises there, a Tensor seed builds a FloorMod) and the op builder's `_MakeInt`
    of the result (floats truncate to ints)."""
    v = seed % _MAXINT32
    if isinstance(v, (str, bytes)):
        raise TypeError(f"Expected int for argument '{attr}' not {v!r}.")
    try:
        return int(v)
    except (TypeError, ValueError):
        raise TypeError(f"Expected int for argument '{attr}' not {v!r}.") from None


def get_seed(op_seed):
    """`random_seed.get_seed`: the `(seed, seed2)` an op gets; `(None, None)` if unseeded.

    With only a graph seed, TF 1.x graphs take the newest op's id as op seed and
    TF 2.x graphs count such ops (the graph's target decides).
    """
    g = get_default_graph()
    if g._seed_pending is not None:
        g._c.set_seed(_int_seed(g._seed_pending, "seed"))
    if op_seed is not None and not hasattr(op_seed, "__index__"):
        op_seed = _int_seed(op_seed, "seed2")
    return g._c.resolve_seed(op_seed)


def seed_attrs(op_seed):
    """The `(seed, seed2)` attributes of a random op; `(0, 0)` means fresh entropy."""
    s1, s2 = get_seed(op_seed)
    return (0, 0) if s1 is None else (s1, s2)
