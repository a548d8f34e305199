"""`tf.contrib` (TensorFlow 1.15 only): the parts TF 1.x model code uses for weights."""

from . import (
    layers,
    rnn,  # issue 17
)

__all__ = ["layers", "rnn"]
