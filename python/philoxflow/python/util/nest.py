"""`tensorflow.python.util.nest` (`tf.nest`): TF's structure rules over lists, tuples,
namedtuples and dicts (dicts in sorted key order); anything else is an atom."""

from __future__ import annotations

import collections.abc as _abc


def is_sequence(x) -> bool:
    return isinstance(x, (list, tuple, _abc.Mapping)) and not isinstance(x, (str, bytes))


is_nested = is_sequence


def _children(x):
    if isinstance(x, _abc.Mapping):
        return [x[k] for k in sorted(x)]
    return list(x)


def flatten(structure, expand_composites=False):
    if not is_sequence(structure):
        return [structure]
    out = []
    for c in _children(structure):
        out.extend(flatten(c))
    return out


def _rebuild(like, values):
    if isinstance(like, _abc.Mapping):
        keys = sorted(like)
        result = dict(zip(keys, values))
        return type(like)((k, result[k]) for k in like) if not isinstance(
            like, collections_defaultdict) else _defaultdict_like(like, result)
    if isinstance(like, tuple) and hasattr(like, "_fields"):
        return type(like)(*values)
    return type(like)(values)


collections_defaultdict = __import__("collections").defaultdict


def _defaultdict_like(like, result):
    d = collections_defaultdict(like.default_factory)
    for k in like:
        d[k] = result[k]
    return d


def pack_sequence_as(structure, flat_sequence, expand_composites=False):
    flat = list(flat_sequence)
    if not is_sequence(structure):
        if len(flat) != 1:
            raise ValueError(f"Structure is a scalar but len(flat_sequence) == {len(flat)} > 1")
        return flat[0]
    it = iter(flat)

    def build(s):
        if not is_sequence(s):
            return next(it)
        return _rebuild(s, [build(c) for c in _children(s)])

    n = len(flatten(structure))
    if n != len(flat):
        raise ValueError(f"Could not pack sequence. Structure had {n} elements, but "
                         f"flat_sequence had {len(flat)} elements.")
    return build(structure)


def assert_same_structure(nest1, nest2, check_types=True, expand_composites=False):
    def walk(a, b):
        if is_sequence(a) != is_sequence(b):
            raise ValueError("The two structures don't have the same nested structure.\n\n"
                             f"First structure: {nest1}\n\nSecond structure: {nest2}")
        if not is_sequence(a):
            return
        if check_types and type(a) is not type(b):
            raise TypeError("The two structures don't have the same sequence type. Input "
                            f"structure has type {type(a)}, while shallow structure has type "
                            f"{type(b)}.")
        ca, cb = _children(a), _children(b)
        if len(ca) != len(cb):
            raise ValueError("The two structures don't have the same number of elements.")
        for x, y in zip(ca, cb):
            walk(x, y)

    walk(nest1, nest2)


def map_structure(func, *structure, **kwargs):
    check_types = kwargs.pop("check_types", True)
    kwargs.pop("expand_composites", None)
    for other in structure[1:]:
        assert_same_structure(structure[0], other, check_types=check_types)
    flats = [flatten(s) for s in structure]
    return pack_sequence_as(structure[0], [func(*xs) for xs in zip(*flats)])
