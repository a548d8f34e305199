"""The `tf.image` namespace: the random crops."""

from .ops.random_ops import random_crop
from .stateless_extra import stateless_random_crop

_is_namespace = True
__all__ = ["random_crop", "stateless_random_crop"]
