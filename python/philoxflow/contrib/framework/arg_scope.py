"""TF-slim's `arg_scope` (`contrib/framework/python/ops/arg_scope.py`).

A stack of `{function key: default kwargs}`; a function wrapped by
`add_arg_scope` takes the innermost scope's defaults for its key, then the
caller's own keyword arguments over them. Keys are `str(function)` as in TF, so
a scope names the very function objects it decorates.
"""

from __future__ import annotations

import contextlib
import functools

__all__ = ["arg_scope", "add_arg_scope", "current_arg_scope", "has_arg_scope",
           "arg_scoped_arguments", "arg_scope_func_key"]

_ARGSTACK: list = [{}]
_DECORATED_OPS: dict = {}


def _get_arg_stack():
    if not _ARGSTACK:
        _ARGSTACK.append({})
    return _ARGSTACK


def current_arg_scope() -> dict:
    return _get_arg_stack()[-1]


def arg_scope_func_key(op) -> str:
    return getattr(op, "_key_op", str(op))


def _kwarg_names(func):
    n = len(func.__defaults__) if func.__defaults__ else 0
    return func.__code__.co_varnames[-n:func.__code__.co_argcount]


@contextlib.contextmanager
def arg_scope(list_ops_or_scope, **kwargs):
    """Default keyword arguments for the listed (decorated) functions, or a saved scope."""
    if isinstance(list_ops_or_scope, dict):
        if kwargs:
            raise ValueError("When attempting to re-use a scope by suppling a"
                             "dictionary, kwargs must be empty.")
        current = list_ops_or_scope.copy()
    else:
        if not isinstance(list_ops_or_scope, (list, tuple)):
            raise TypeError("list_ops_or_scope must either be a list/tuple or reused "
                            "scope (i.e. dict)")
        current = current_arg_scope().copy()
        for op in list_ops_or_scope:
            key = arg_scope_func_key(op)
            if not has_arg_scope(op):
                raise ValueError("%s is not decorated with @add_arg_scope",
                                 (op.__module__, op.__name__))
            if key in current:
                merged = current[key].copy()
                merged.update(kwargs)
                current[key] = merged
            else:
                current[key] = kwargs.copy()
    _get_arg_stack().append(current)
    try:
        yield current
    finally:
        _get_arg_stack().pop()


def add_arg_scope(func):
    """Make `func` take its defaults from the enclosing `arg_scope`s."""
    key = arg_scope_func_key(func)

    @functools.wraps(func)
    def func_with_args(*args, **kwargs):
        scope = current_arg_scope()
        if key in scope:
            merged = scope[key].copy()
            merged.update(kwargs)
            kwargs = merged
        return func(*args, **kwargs)

    _DECORATED_OPS[key] = _kwarg_names(func)
    func_with_args._key_op = key
    return func_with_args


def has_arg_scope(func) -> bool:
    return arg_scope_func_key(func) in _DECORATED_OPS


def arg_scoped_arguments(func):
    assert has_arg_scope(func)
    return _DECORATED_OPS[arg_scope_func_key(func)]
