"""Keras's name and config lookups (`utils/generic_utils.py`'s `serialize_keras_object`
and `deserialize_keras_object`), shared by initializers, activations, regularizers and
constraints."""

from __future__ import annotations

import inspect

#: `tf.keras.utils.get_custom_objects()`: names every lookup knows (a `CustomObjectScope`
#: adds its own while open).
_GLOBAL_CUSTOM_OBJECTS: dict = {}


class CustomObjectScope:
    def __init__(self, *args):
        self.custom_objects, self.backup = args, None

    def __enter__(self):
        self.backup = dict(_GLOBAL_CUSTOM_OBJECTS)
        for objects in self.custom_objects:
            _GLOBAL_CUSTOM_OBJECTS.update(objects)
        return self

    def __exit__(self, *args, **kwargs):
        _GLOBAL_CUSTOM_OBJECTS.clear()
        _GLOBAL_CUSTOM_OBJECTS.update(self.backup)


def custom_object_scope(*args):
    return CustomObjectScope(*args)


def get_custom_objects():
    return _GLOBAL_CUSTOM_OBJECTS


def serialize_object(instance):
    if instance is None:
        return None
    if hasattr(instance, "get_config"):
        return {"class_name": type(instance).__name__, "config": instance.get_config()}
    if hasattr(instance, "__name__"):
        return instance.__name__
    raise ValueError("Cannot serialize", instance)


def deserialize_object(identifier, module_objects, custom_objects=None,
                       printable_module_name="object"):
    """A class (made from its config) or function named by `identifier`: a name, or a
    `{"class_name", "config"}` dict; `custom_objects` first."""
    custom = dict(_GLOBAL_CUSTOM_OBJECTS, **(custom_objects or {}))
    if isinstance(identifier, dict):
        if "class_name" not in identifier or "config" not in identifier:
            raise ValueError("Improper config format: " + str(identifier))
        name = identifier["class_name"]
        cls = custom.get(name) or module_objects.get(name)
        if cls is None:
            raise ValueError(f"Unknown {printable_module_name}: {name}")
        config = identifier["config"]
        if hasattr(cls, "from_config"):
            return cls.from_config(config)
        return cls(**config)
    if isinstance(identifier, str):
        obj = custom.get(identifier) or module_objects.get(identifier)
        if obj is None:
            raise ValueError(f"Unknown {printable_module_name}: {identifier}")
        return obj() if inspect.isclass(obj) else obj
    raise ValueError(f"Could not interpret serialized {printable_module_name}: {identifier}")
