"""`tensorflow.python.util.tf_inspect`: TF's wrapper over `inspect` (no decorators to
unwrap here beyond `functools.wraps`)."""

import collections
import inspect as _inspect
from inspect import (  # noqa: F401 - TF's module re-exports these
    getdoc,
    getfile,
    getmembers,
    getmodule,
    getmro,
    getsource,
    isbuiltin,
    isclass,
    isframe,
    isfunction,
    isgenerator,
    isgeneratorfunction,
    ismethod,
    ismodule,
    isroutine,
    signature,
    stack,
)

ArgSpec = collections.namedtuple("ArgSpec", ["args", "varargs", "keywords", "defaults"])
FullArgSpec = _inspect.FullArgSpec


def getfullargspec(obj):
    return _inspect.getfullargspec(_inspect.unwrap(obj))


def getargspec(obj):
    """TF's `getargspec`: the Python 2 `ArgSpec` of a function's full argspec."""
    spec = getfullargspec(obj)
    return ArgSpec(spec.args, spec.varargs, spec.varkw, spec.defaults)


def getcallargs(func, *positional, **named):
    return _inspect.getcallargs(_inspect.unwrap(func), *positional, **named)
