"""`tf.contrib` (TensorFlow 1.15 only): layers, framework (arg scopes), slim, training."""

from . import framework, layers, slim, training

__all__ = ["framework", "layers", "slim", "training"]
