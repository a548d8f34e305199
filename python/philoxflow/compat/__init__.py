"""`tf.compat`: `philoxflow.compat.v1` is TensorFlow 2.21's `tf.compat.v1` (graph mode)."""


def __getattr__(name):
    if name in ("v1", "v2"):
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(name)
