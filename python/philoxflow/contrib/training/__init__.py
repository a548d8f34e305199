"""`tf.contrib.training` (TF 1.15): `HParams` only."""

from .hparam import HParams, parse_values

__all__ = ["HParams", "parse_values"]
