"""`tf.contrib.framework` (TF 1.15): arg scopes and TF-slim's variable helpers."""

from ...framework.tensor_spec import BoundedTensorSpec, TensorSpec
from ...ops.variable_scope import VariableScope, get_variable_scope, variable_scope
from ...python.util import nest
from .arg_scope import (
    add_arg_scope,
    arg_scope,
    arg_scope_func_key,
    arg_scoped_arguments,
    current_arg_scope,
    has_arg_scope,
)
from .checkpoint_ops import (
    load_and_remap_matrix_initializer,
    load_embedding_initializer,
    load_linear_multiclass_bias_initializer,
    load_variable_slot_initializer,
)
from .extras import (
    RecordInput,
    argsort,
    assign_from_checkpoint,
    assign_from_checkpoint_fn,
    init_from_checkpoint,
    list_variables,
    load_checkpoint,
    load_variable,
    py_func,
    smart_case,
    sort,
)
from .graph_util import (
    get_graph_from_inputs,
    get_placeholders,
    is_tensor,
    prepend_name_scope,
    smart_cond,
    smart_constant_value,
    strip_name_scope,
)
from .tensor_util import (
    assert_same_float_dtype,
    assert_scalar,
    assert_scalar_int,
    convert_to_tensor_or_sparse_tensor,
    reduce_sum_n,
    remove_squeezable_dimensions,
    with_same_shape,
    with_shape,
)
from .variables import (
    VariableDeviceChooser,
    add_model_variable,
    assert_global_step,
    assert_or_get_global_step,
    assign_from_values,
    assign_from_values_fn,
    create_global_step,
    filter_variables,
    get_global_step,
    get_local_variables,
    get_model_variables,
    get_name_scope,
    get_or_create_global_step,
    get_trainable_variables,
    get_unique_variable,
    get_variable_full_name,
    get_variables,
    get_variables_by_name,
    get_variables_by_suffix,
    get_variables_to_restore,
    global_variable,
    local_variable,
    model_variable,
    variable,
)


def deprecated(date, instructions, warn_once=True):
    """TF's deprecation decorators: philoxflow keeps the function as it is."""
    return lambda fn: fn


def deprecated_args(date, instructions, *deprecated_arg_names_or_tuples, **kwargs):
    return lambda fn: fn


def deprecated_arg_values(date, instructions, warn_once=True, **deprecated_kwargs):
    return lambda fn: fn


__all__ = [
    "nest", "TensorSpec", "BoundedTensorSpec", "load_and_remap_matrix_initializer",
    "load_embedding_initializer",
    "load_linear_multiclass_bias_initializer", "load_variable_slot_initializer",
    "RecordInput", "argsort", "assign_from_checkpoint", "assign_from_checkpoint_fn",
    "list_variables", "load_checkpoint",
    "init_from_checkpoint", "load_variable", "py_func", "smart_case", "sort",
    "assert_same_float_dtype", "assert_scalar", "assert_scalar_int",
    "convert_to_tensor_or_sparse_tensor", "reduce_sum_n", "remove_squeezable_dimensions",
    "with_same_shape", "with_shape",
    "get_graph_from_inputs",
    "get_placeholders",
    "is_tensor",
    "prepend_name_scope",
    "smart_cond",
    "smart_constant_value",
    "strip_name_scope",
    "VariableDeviceChooser",
    "assert_or_get_global_step",
    "assign_from_values",
    "assign_from_values_fn",
    "deprecated",
    "deprecated_args",
    "deprecated_arg_values",
    "get_variable_full_name",
    "VariableScope",
    "add_arg_scope",
    "add_model_variable",
    "arg_scope",
    "arg_scope_func_key",
    "arg_scoped_arguments",
    "assert_global_step",
    "create_global_step",
    "current_arg_scope",
    "filter_variables",
    "get_global_step",
    "get_local_variables",
    "get_model_variables",
    "get_name_scope",
    "get_or_create_global_step",
    "get_trainable_variables",
    "get_unique_variable",
    "get_variable_scope",
    "get_variables",
    "get_variables_by_name",
    "get_variables_by_suffix",
    "get_variables_to_restore",
    "global_variable",
    "has_arg_scope",
    "local_variable",
    "model_variable",
    "variable",
    "variable_scope",
]

# --- tfunit (issue 16): the orthogonal convolution initializers (TF 1.15's init_ops)
from ...ops.init_ops_orthogonal import (  # noqa: E402
    convolutional_delta_orthogonal,
    convolutional_orthogonal_1d,
    convolutional_orthogonal_2d,
    convolutional_orthogonal_3d,
)

__all__ += ["convolutional_delta_orthogonal", "convolutional_orthogonal_1d",
            "convolutional_orthogonal_2d", "convolutional_orthogonal_3d"]
