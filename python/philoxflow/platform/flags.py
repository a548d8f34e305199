"""`tf.flags` / `tf.app.flags`: absl's flags, as TF 1.15 wraps them.

TF's `FLAGS` parses `sys.argv` the first time a flag value is read before an explicit
parse (TF 1.15's `_FlagValuesWrapper`), so model files that read `FLAGS.x` at import
time without `tf.app.run` behave as under TensorFlow. absl is what TF itself uses:
the DEFINE_* functions, validators and errors are absl's own.
"""

from __future__ import annotations

import functools as _functools
import logging as _logging
import sys as _sys

import absl.flags as _absl
from absl.flags import *  # noqa: F401,F403 - TF re-exports absl's flags module whole
from absl.flags import FLAGS as _ABSL_FLAGS

# This module's wrappers must not make its flags "key flags" of the caller (TF does this).
_absl.disclaim_key_flags()

_RENAMED_ARGUMENTS = {"flag_name": "name", "default_value": "default", "docstring": "help"}


def _wrap_define_function(original_function):
    """TF 1.15's DEFINE_* still take the old keyword names (flag_name, default_value,
    docstring), with a warning."""
    @_functools.wraps(original_function)
    def wrapper(*args, **kwargs):
        old = [k for k in _RENAMED_ARGUMENTS if k in kwargs]
        for k in old:
            kwargs[_RENAMED_ARGUMENTS[k]] = kwargs.pop(k)
        if old:
            _logging.getLogger("tensorflow").warning(
                "Use of the keyword argument names (flag_name, default_value, docstring) "
                "is deprecated, please use (name, default, help) instead.")
        return original_function(*args, **kwargs)
    return wrapper


DEFINE_string = _wrap_define_function(_absl.DEFINE_string)
DEFINE_boolean = _wrap_define_function(_absl.DEFINE_boolean)
DEFINE_bool = DEFINE_boolean
DEFINE_float = _wrap_define_function(_absl.DEFINE_float)
DEFINE_integer = _wrap_define_function(_absl.DEFINE_integer)


class _FlagValuesWrapper:
    """absl's FlagValues that parses sys.argv on the first read of a value."""

    def __init__(self, flags_object):
        self.__dict__["__wrapped"] = flags_object

    def __getattribute__(self, name):
        if name == "__dict__":
            return super().__getattribute__(name)
        return self.__dict__["__wrapped"].__getattribute__(name)

    def __getattr__(self, name):
        wrapped = self.__dict__["__wrapped"]
        if not wrapped.is_parsed():
            wrapped(_sys.argv)
        return wrapped.__getattr__(name)

    def __setattr__(self, name, value):
        return self.__dict__["__wrapped"].__setattr__(name, value)

    def __delattr__(self, name):
        return self.__dict__["__wrapped"].__delattr__(name)

    def __dir__(self):
        return self.__dict__["__wrapped"].__dir__()

    def __getitem__(self, name):
        return self.__dict__["__wrapped"].__getitem__(name)

    def __setitem__(self, name, flag):
        return self.__dict__["__wrapped"].__setitem__(name, flag)

    def __len__(self):
        return self.__dict__["__wrapped"].__len__()

    def __iter__(self):
        return self.__dict__["__wrapped"].__iter__()

    def __str__(self):
        return self.__dict__["__wrapped"].__str__()

    def __call__(self, *args, **kwargs):
        return self.__dict__["__wrapped"].__call__(*args, **kwargs)


FLAGS = _FlagValuesWrapper(_ABSL_FLAGS)
