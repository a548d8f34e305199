"""`tf.contrib.slim` (TF 1.15): one namespace over contrib's arg scopes, variable
helpers, layers, initializers and regularizers, as `slim/__init__.py` star-imports
them (`slim.nets`, `slim.learning` and the data pipeline are not provided).

slim star-imports the layer modules themselves, so it also has the names that
`tf.contrib.layers` leaves undocumented (`adaptive_clipping_fn`, `summarize_biases`, ...),
but of `contrib.framework` only the arg-scope and variable modules."""

from .. import framework as _framework
from ..framework.arg_scope import __all__ as _arg_scope_all
from ..layers import *  # noqa: F403
from ..layers import __all__ as _layers_all
from ..layers.embedding_ops import bucketize, make_all  # noqa: F401 - in __all__
from ..layers.feature_column_dense import DataFrameColumn  # noqa: F401 - in __all__
from ..layers.layers_more import pool  # noqa: F401 - in __all__
from ..layers.optimizers import adaptive_clipping_fn  # noqa: F401 - in __all__
from ..layers.summaries import (  # noqa: F401 - in __all__
    summarize_biases,
    summarize_variables,
    summarize_weights,
)
from ..layers.target_column import (  # noqa: F401 - in __all__
    ProblemType,
    binary_svm_target,
    get_default_binary_metrics_for_eval,
)

# `variables.py`'s __all__ (less `zero_initializer`, whose op philoxflow lacks) and the
# two framework names that slim's own modules leak.
_framework_all = [*_arg_scope_all, "add_model_variable", "assert_global_step",
                  "assert_or_get_global_step", "assign_from_checkpoint",
                  "assign_from_checkpoint_fn", "assign_from_values", "assign_from_values_fn",
                  "create_global_step", "filter_variables", "get_global_step",
                  "get_or_create_global_step", "get_local_variables", "get_model_variables",
                  "get_trainable_variables", "get_unique_variable", "get_variables_by_name",
                  "get_variables_by_suffix", "get_variable_full_name",
                  "get_variables_to_restore", "get_variables", "global_variable",
                  "local_variable", "model_variable", "variable", "VariableDeviceChooser",
                  "deprecated", "deprecated_arg_values", "variable_scope"]
# contrib.framework's `experimental` decorator: philoxflow keeps the function as it is.
experimental = _framework.deprecated(None, None)
globals().update({n: getattr(_framework, n) for n in _framework_all})
__all__ = sorted(set(_framework_all) | set(_layers_all) | {
    "DataFrameColumn", "ProblemType", "binary_svm_target", "get_default_binary_metrics_for_eval",
    "bucketize", "make_all", "experimental", "pool", "adaptive_clipping_fn",
    "summarize_biases", "summarize_variables", "summarize_weights"})

# TF's slim star-imports modules that begin with `from __future__ import ...`, so
# these feature objects are slim attributes too.
absolute_import = __import__("__future__").absolute_import
division = __import__("__future__").division
print_function = __import__("__future__").print_function
