"""`tf.compat`: `philoxflow.compat.v1` is TensorFlow 2.21's `tf.compat.v1` (graph mode)."""


def __getattr__(name):
    if name == "v1":
        import importlib

        return importlib.import_module(f"{__name__}.v1")
    raise AttributeError(name)
