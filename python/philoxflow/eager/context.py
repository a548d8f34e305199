"""TF 2.x's eager context (`tensorflow/python/eager/context.py`): the global seed and
the op-seed draws of eager random ops, and the kernel cache that `set_seed` clears.

Measured with TF 2.21: with a global seed set and no op seed, each eager random op
call draws its op seed from `random.Random(global_seed).randint(0, 2**31 - 1)`, one
draw per call in call order; `set_seed` starts a fresh `random.Random` and clears the
kernel cache, so cached random kernels restart their Philox streams.
"""

from __future__ import annotations

import random as _random
import threading

import numpy as np

from .. import _core

DEFAULT_GRAPH_SEED = 87654321
_MAXINT32 = 2**31 - 1


class _Context(threading.local):
    pass


class _State:
    """The process-wide eager state (TF keeps one context per process)."""

    def __init__(self):
        self.seed = None
        self.rng = None
        self.lock = threading.RLock()
        #: (op type, input dtypes, attrs) -> cached kernel (see execute.py)
        self.kernels: dict = {}
        #: bumped by set_seed: traced functions compare it to restart their kernels
        self.generation = 0


_state = _State()
_local = _Context()


def executing_eagerly() -> bool:
    """True unless a `tf.function` is being traced on this thread."""
    return not getattr(_local, "tracing", 0)


def global_seed():
    """The seed of the last `tf.random.set_seed`, or None."""
    return _state.seed


def set_global_seed(seed) -> None:
    """`context.set_global_seed`: a fresh `random.Random(seed)` and a cleared kernel cache."""
    with _state.lock:
        _state.seed = seed
        try:  # as TF: values random.Random rejects (np.int64, arrays) go through int()
            hash(seed)
            _state.rng = _random.Random(seed)
        except TypeError:
            _state.rng = _random.Random(int(np.array(seed)))
        _state.kernels.clear()
        _state.generation += 1


def internal_operation_seed() -> int:
    """The next eager op seed drawn from the global seed's `random.Random`."""
    with _state.lock:
        if _state.rng is None:
            _state.rng = _random.Random(_state.seed)
        return _state.rng.randint(0, _MAXINT32)


def next_op_seed() -> int:
    """An op seed for an eager op given none: the same draw an eager random op makes
    (for tf.data's unseeded shuffles and other eager consumers)."""
    return internal_operation_seed()


def get_seed(op_seed):
    """`random_seed.get_seed` in eager mode: `(seed, seed2)` or `(None, None)`."""
    g = _state.seed
    if g is not None:
        if op_seed is None:
            op_seed = internal_operation_seed()
        seeds = (_core.truncate_seed(int(g)), _core.truncate_seed(int(op_seed)))
    elif op_seed is not None:
        seeds = (DEFAULT_GRAPH_SEED, _core.truncate_seed(int(op_seed)))
    else:
        seeds = (None, None)
    if seeds == (0, 0):
        return (0, _MAXINT32)
    return seeds


def clear_kernel_cache() -> None:
    with _state.lock:
        _state.kernels.clear()
