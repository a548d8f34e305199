"""TensorFlow 1.15's public names, so that a missing one says so.

`tf1_api_names.txt` (package data: TF 1.15.5's public names down to `tf.X.Y`)
tells a name philoxflow has not implemented yet from a name TF never had. Each
namespace's module `__getattr__` raises an AttributeError saying which; the
message names no near names (Python's "Did you mean" would point at a different
function).
"""

from __future__ import annotations

import functools
import os

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tf1_api_names.txt")


@functools.lru_cache(maxsize=None)
def tf1_names() -> frozenset:
    """TF 1.15's public names, as dotted paths below `tf` (`nn.relu`, `Session`)."""
    with open(_DATA) as f:
        return frozenset(line.strip() for line in f if line.strip())


def missing(namespace: str, name: str, module: str) -> AttributeError:
    """The error for `module.name`; `namespace` is its TF path ("" for `tf` itself)."""
    path = f"{namespace}.{name}" if namespace else name
    names = tf1_names()
    # (a namespace, `tf.keras.losses`, is a prefix of the names it holds)
    if not name.startswith("_") and (path in names or any(n.startswith(path + ".")
                                                          for n in names)):
        err = AttributeError(f"TensorFlow 1.15 has `tf.{path}`, and philoxflow does not "
                             f"implement it yet")
    else:
        err = AttributeError(f"module {module!r} has no attribute {name!r}")
    return err


def module_getattr(namespace: str, module: str):
    """A PEP 562 module `__getattr__` for the namespace `namespace`."""
    def __getattr__(name):
        raise missing(namespace, name, module)

    return __getattr__
