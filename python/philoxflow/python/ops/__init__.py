"""`tensorflow.python.ops`: TF's op modules over philoxflow's (`_alias.combine`)."""

import importlib as _importlib
import sys as _sys
import types as _types

from .. import _alias

# TF module -> the philoxflow modules implementing it (and its generated twin).
_MODULES = {
    "array_ops": ("philoxflow.ops.array_ops", "philoxflow.ops.array_ops_ext"),
    "math_ops": ("philoxflow.ops.math_ops", "philoxflow.ops.math_ops_ext"),
    "nn_ops": ("philoxflow.ops.nn_ops", "philoxflow.ops.nn_conv"),
    "nn_impl": ("philoxflow.ops.nn_impl", "philoxflow.ops.candidate_sampling_ops"),
    "candidate_sampling_ops": ("philoxflow.ops.candidate_sampling_ops",),
    "linalg_ops": ("philoxflow.ops.linalg_ops",),
    "confusion_matrix": ("philoxflow.ops.confusion_matrix",),
    "logging_ops": ("philoxflow.ops.logging_ops", "philoxflow.ops.array_ops_ext"),
    "nn": ("philoxflow.nn",),
    "init_ops": ("philoxflow.ops.init_ops", "philoxflow.ops.init_ops_orthogonal"),
    "variable_scope": ("philoxflow.ops.variable_scope",),
    "variables": ("philoxflow.ops.variables",),
    "partitioned_variables": ("philoxflow.ops.partitioned_variables",),
    "resource_variable_ops": ("philoxflow.ops.resource_variable_ops",),
    "random_ops": ("philoxflow.ops.random_ops",),
    "stateless_random_ops": ("philoxflow.ops.stateless_random_ops",),
    "control_flow_ops": ("philoxflow.ops.control_flow_ops",),
    "state_ops": ("philoxflow.ops.state_ops_ext",),
    "check_ops": ("philoxflow.ops.check_ops",),
    "clip_ops": ("philoxflow.ops.clip_ops",),
    "script_ops": ("philoxflow.ops.script_ops",),
    "summary_ops": ("philoxflow.ops.summary_ops",),
    "data_flow_ops": ("philoxflow.ops.data_flow_ops",),
    "tensor_array_ops": ("philoxflow.ops.tensor_array_ops",),
    "special_math_ops": ("philoxflow.ops.special_math_ops",),
    "metrics_impl": ("philoxflow.ops.metrics_impl",),
    "standard_ops": ("philoxflow",),
    "gen_math_ops": (), "gen_array_ops": (), "gen_nn_ops": (), "gen_linalg_ops": (),
    "gen_bitwise_ops": (), "gen_string_ops": (),
}
_LOSSES = ("philoxflow.ops.losses",)

# Names TF's module holds that philoxflow keeps elsewhere: module -> {name: "module:attr"}.
_EXTRA = {
    "math_ops": {"range": "philoxflow.ops.array_ops:range",
                 "linspace": "philoxflow.ops.array_ops:linspace",
                 "lin_space": "philoxflow.ops.array_ops:linspace"},
    "control_flow_ops": {"while_loop": "philoxflow.ops.while_loop:while_loop"},
    "variables": {"PartitionedVariable": "philoxflow.ops.partitioned_variables:"
                                         "PartitionedVariable",
                  "report_uninitialized_variables": "philoxflow.ops.variables:"
                                                    "report_uninitialized_variables",
                  "_try_guard_against_uninitialized_dependencies":
                      "philoxflow.ops.variables:_guard_uninitialized_dependencies"},
    "variable_scope": {"_PartitionInfo": "philoxflow.ops.partitioned_variables:_PartitionInfo"},
}


def _make(name, sources):
    mod = _types.ModuleType(f"{__name__}.{name}", f"`tensorflow.python.ops.{name}`.")
    _alias.combine(vars(mod), *sources, gen=name if name.startswith("gen_") else None)
    for key, where in _EXTRA.get(name, {}).items():
        src, attr = where.split(":")
        vars(mod).setdefault(key, getattr(_importlib.import_module(src), attr))
    return mod


for _name, _sources in _MODULES.items():
    globals()[_name] = _sys.modules[f"{__name__}.{_name}"] = _make(_name, _sources)

losses = _types.ModuleType(f"{__name__}.losses")
losses.losses = _make("losses.losses", _LOSSES)
losses.losses_impl = losses.util = losses.losses
_sys.modules[f"{__name__}.losses"] = losses
for _m in ("losses", "losses_impl", "util"):
    _sys.modules[f"{__name__}.losses.{_m}"] = getattr(losses, _m)
