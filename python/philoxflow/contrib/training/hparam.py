"""`tf.contrib.training.HParams` (TF 1.15): typed hyperparameters, parsed from
`"a=1,b=[2,3],c[1]=4"` strings or JSON, with TF's casting rules and messages."""

from __future__ import annotations

import json
import numbers
import re

__all__ = ["HParams", "parse_values"]

# name, optional [index], then one value or a bracketed list, then ',' or the end.
PARAM_RE = re.compile(r"""
  (?P<name>[a-zA-Z][\w\.]*)
  (\[\s*(?P<index>\d+)\s*\])?
  \s*=\s*
  ((?P<val>[^,\[]*) | \[(?P<vals>[^\]]*)\])
  ($|,\s*)""", re.VERBOSE)


def _parse_fail(name, var_type, value, values):
    raise ValueError(f"Could not parse hparam '{name}' of type '{var_type.__name__}' with "
                     f"value '{value}' in {values}")


def _reuse_fail(name, values):
    raise ValueError(f"Multiple assignments to variable '{name}' in {values}")


def _cast(name, param_type, value):
    """TF's `_cast_to_type_if_compatible`: no str<->number, bool<->number or float->int."""
    msg = f"Could not cast hparam '{name}' of type '{param_type}' from value {value!r}"
    if type(value) is param_type or issubclass(param_type, type(None)):
        return value
    if issubclass(param_type, (str, bytes)) and not isinstance(value, (str, bytes)):
        raise ValueError(msg)
    if issubclass(param_type, bool) != isinstance(value, bool):
        raise ValueError(msg)
    if issubclass(param_type, numbers.Integral) and not isinstance(value, numbers.Integral):
        raise ValueError(msg)
    if issubclass(param_type, numbers.Number) and not isinstance(value, numbers.Number):
        raise ValueError(msg)
    return param_type(value)


def _bool_parser(name, type_, values):
    def parse(value):
        if value in ("true", "True"):
            return True
        if value in ("false", "False"):
            return False
        try:
            return bool(int(value))
        except ValueError:
            _parse_fail(name, type_, value, values)
    return parse


def parse_values(values: str, type_map: dict, ignore_unknown: bool = False) -> dict:
    """`name=value` pairs of `values`, each parsed with its type from `type_map`."""
    out: dict = {}
    pos = 0
    while pos < len(values):
        m = PARAM_RE.match(values, pos)
        if not m:
            raise ValueError(f"Malformed hyperparameter value: {values[pos:]}")
        pos = m.end()
        d = m.groupdict()
        name = d["name"]
        if name not in type_map:
            if ignore_unknown:
                continue
            raise ValueError(f"Unknown hyperparameter type for {name}")
        type_ = type_map[name]
        parse = _bool_parser(name, type_, values) if type_ is bool else type_
        if d["val"] is not None:
            try:
                parsed = parse(d["val"])
            except ValueError:
                _parse_fail(name, type_, d["val"], values)
            if not d["index"]:
                if name in out:
                    _reuse_fail(name, values)
                out[name] = parsed
            else:
                if name in out and not isinstance(out[name], dict):
                    _reuse_fail(name, values)
                slots = out.setdefault(name, {})
                index = int(d["index"])
                if index in slots:
                    _reuse_fail(f"{name}[{index}]", values)
                slots[index] = parsed
        elif d["vals"] is not None:
            if d["index"] is not None:
                raise ValueError("Assignment of a list to a list index.")
            if name in out:
                _reuse_fail(name, values)
            try:
                out[name] = [parse(e) for e in re.split("[ ,]", d["vals"]) if e]
            except ValueError:
                _parse_fail(name, type_, d["vals"], values)
        else:
            _parse_fail(name, type_, "", values)
    return out


class HParams:
    """Hyperparameters as attributes, each with the type of its first value."""

    _HAS_DYNAMIC_ATTRIBUTES = True

    def __init__(self, hparam_def=None, model_structure=None, **kwargs):
        self._hparam_types: dict = {}
        self._model_structure = model_structure
        if hparam_def:
            raise NotImplementedError("philoxflow has no HParamDef protos")
        for name, value in kwargs.items():
            self.add_hparam(name, value)

    def add_hparam(self, name, value):
        if getattr(self, name, None) is not None:
            raise ValueError(f"Hyperparameter name is reserved: {name}")
        if isinstance(value, (list, tuple)):
            if not value:
                raise ValueError(f"Multi-valued hyperparameters cannot be empty: {name}")
            self._hparam_types[name] = (type(value[0]), True)
        else:
            self._hparam_types[name] = (type(value), False)
        setattr(self, name, value)

    def set_hparam(self, name, value):
        param_type, is_list = self._hparam_types[name]
        if isinstance(value, list):
            if not is_list:
                raise ValueError(f"Must not pass a list for single-valued parameter: {name}")
            setattr(self, name, [_cast(name, param_type, v) for v in value])
        else:
            if is_list:
                raise ValueError(f"Must pass a list for multi-valued parameter: {name}.")
            setattr(self, name, _cast(name, param_type, value))

    def del_hparam(self, name):
        if hasattr(self, name):
            delattr(self, name)
            del self._hparam_types[name]

    def parse(self, values):
        types = {name: t for name, (t, _) in self._hparam_types.items()}
        return self.override_from_dict(parse_values(values, types))

    def override_from_dict(self, values_dict):
        for name, value in values_dict.items():
            self.set_hparam(name, value)
        return self

    def set_from_map(self, values_map):
        return self.override_from_dict(values_map)

    def set_model_structure(self, model_structure):
        self._model_structure = model_structure

    def get_model_structure(self):
        return self._model_structure

    def to_json(self, indent=None, separators=None, sort_keys=False):
        return json.dumps(self.values(), indent=indent, separators=separators,
                          sort_keys=sort_keys)

    def parse_json(self, values_json):
        return self.override_from_dict(json.loads(values_json))

    def values(self):
        return {n: getattr(self, n) for n in self._hparam_types}

    def get(self, key, default=None):
        if key not in self._hparam_types:
            return default
        if default is not None:
            param_type, is_list = self._hparam_types[key]
            type_str = f"list<{param_type}>" if is_list else str(param_type)
            msg = (f"Hparam '{key}' of type '{type_str}' is incompatible with "
                   f"default={default}")
            if is_list != isinstance(default, list):
                raise ValueError(msg)
            try:
                for v in default if isinstance(default, list) else [default]:
                    _cast(key, param_type, v)
            except ValueError as e:
                raise ValueError(f"{msg}. {e}") from None
        return getattr(self, key)

    def __contains__(self, key):
        return key in self._hparam_types

    def __str__(self):
        return ",".join(f"{k}={v}" for k, v in self.values().items())

    def __repr__(self):
        return f"{type(self).__name__}({sorted(self.values().items())})"
