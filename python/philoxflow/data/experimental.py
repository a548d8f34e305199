"""`tf.data.experimental`: RandomDataset."""

from .dataset_ops import AUTOTUNE, random_dataset

_is_namespace = True


def RandomDataset(seed=None):  # noqa: N802 - TF's class name
    return random_dataset(seed)


__all__ = ["AUTOTUNE", "RandomDataset"]
