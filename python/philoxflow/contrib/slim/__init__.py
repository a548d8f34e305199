"""`tf.contrib.slim` (TF 1.15): one namespace over contrib's arg scopes, variable
helpers, layers, initializers and regularizers, as `slim/__init__.py` star-imports
them (`slim.nets`, `slim.learning` and the data pipeline are not provided)."""

from ..framework import *  # noqa: F403
from ..framework import __all__ as _framework_all
from ..layers import *  # noqa: F403
from ..layers import __all__ as _layers_all

__all__ = sorted(set(_framework_all) | set(_layers_all))

# TF's slim star-imports modules that begin with `from __future__ import ...`, so
# these feature objects are slim attributes too.
absolute_import = __import__("__future__").absolute_import
division = __import__("__future__").division
print_function = __import__("__future__").print_function
