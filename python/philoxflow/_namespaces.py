"""Fill TF 1.15's namespaces (`tf`, `tf.math`, `tf.linalg`, `tf.nn`, ...) by name.

TF exports one function under several paths (`tf.sign`, `tf.math.sign`); philoxflow
implements it once, in the module of TF's structure (`ops/math_ops_ext.py`, ...),
and each namespace takes, for every public name TF 1.15 has there, what the module
defines itself, else the namespace's overrides (where TF's paths differ:
`tf.linalg.transpose` is `matrix_transpose`), else the implementation of that
name in the ops modules, else TF's generated wrapper (`ops/gen_wrappers.py`).
A name TF has and philoxflow lacks is left to the module's `__getattr__`
(`_api_names`), which says so.
"""

from __future__ import annotations

import functools
import importlib
import inspect

from . import _api_names
from .ops import gen_wrappers

# The modules whose public functions and classes implement TF names (later wins).
_SOURCES = ("ops.array_ops", "ops.math_ops", "ops.nn_ops", "ops.control_flow_ops",
            "ops.random_ops", "ops.math_ops_ext", "ops.array_ops_ext", "ops.nn_impl",
            "ops.check_ops", "ops.clip_ops", "ops.script_ops", "ops.state_ops_ext",
            "ops.special_math_ops", "ops.candidate_sampling_ops", "ops.nn_conv",
            "ops.confusion_matrix", "ops.linalg_ops",
            # issue 16, second round
            "ops.image_ops_boxes", "ops.math_ops_more", "ops.functional_ops", "ops.nn_more",
            "ops.linalg_impl", "ops.rnn_more", "ops.linear_operator", "ops.linear_operators",
            "ops.linear_operator_identity", "ops.linear_operator_block",
            "ops.linear_operator_update", "ops.linear_operator_kronecker")


@functools.lru_cache(maxsize=None)
def _pool() -> dict:
    pool: dict = {}
    for name in _SOURCES:
        try:
            mod = importlib.import_module(f"philoxflow.{name}")
        except ModuleNotFoundError:
            continue
        for key, value in vars(mod).items():
            if key.startswith("_") or not (inspect.isfunction(value) or inspect.isclass(value)):
                continue
            if getattr(value, "__module__", "") != mod.__name__:
                continue  # imported helpers are not this module's API
            pool[key] = value
    return pool


def fill(module_globals: dict, namespace: str, overrides: dict | None = None) -> None:
    """Bind the TF 1.15 names of `namespace` ("" for `tf`) that the module lacks."""
    prefix = f"{namespace}." if namespace else ""
    wanted = {n[len(prefix):] for n in _api_names.tf1_names()
              if n.startswith(prefix) and "." not in n[len(prefix):]}
    pool = _pool()
    gen = gen_wrappers.names(namespace)
    for key, value in (overrides or {}).items():
        module_globals.setdefault(key, value)
    for key in sorted(wanted):
        if key in module_globals:
            continue
        if key in pool:
            module_globals[key] = pool[key]
        elif key in gen:
            module_globals[key] = gen[key]
    module_globals.setdefault("__getattr__", _api_names.module_getattr(
        namespace, module_globals.get("__name__", "philoxflow")))
