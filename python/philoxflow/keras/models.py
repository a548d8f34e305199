"""`tf.keras.models` of TF 1.15."""

from .engine.network import Model, Sequential

_is_namespace = True

from .._api_names import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr("keras.models", __name__)
__all__ = ["Model", "Sequential"]
