"""`tf.contrib` (TensorFlow 1.15 only): layers, framework (arg scopes), slim, training."""

from . import framework, layers, rnn, slim, training  # rnn: issue 17

__all__ = ["framework", "layers", "rnn", "slim", "training"]
