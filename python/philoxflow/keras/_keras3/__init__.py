"""`tf.keras` of TF 2.21 (Keras 3) for `philoxflow.compat.v2`: initializers, Dropout and
Dense weights, `keras.random` and `keras.utils.set_random_seed`, with Keras 3's seed
handling (see `random.py`)."""

from __future__ import annotations

import random as _python_random
import types as _types

import numpy as np

from . import initializers, layers, models, random
from .layers import Input
from .models import Model, Sequential


def _set_random_seed(seed):
    """`keras.utils.set_random_seed`: Python's, NumPy's and TF's global seeds, and a fresh
    global SeedGenerator."""
    if not isinstance(seed, int):
        raise ValueError("Expected `seed` argument to be an integer. "
                         f"Received: seed={seed} (of type {type(seed)})")
    import philoxflow.compat.v2 as tf

    random._GLOBAL["seed"] = seed
    random._GLOBAL["seed_generator"] = None
    _python_random.seed(seed)
    np.random.seed(seed)
    tf.random.set_seed(seed)


utils = _types.SimpleNamespace(set_random_seed=_set_random_seed)

__all__ = ["initializers", "layers", "models", "random", "utils", "Input", "Model", "Sequential"]
