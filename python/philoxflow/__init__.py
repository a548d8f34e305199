"""philoxflow: TensorFlow's random numbers, bit for bit, without TensorFlow.

    import philoxflow as tf            # TensorFlow 1.15.5 (`import tensorflow as tf`)
    import philoxflow.compat.v1 as tf  # TensorFlow 2.21's tf.compat.v1, graph mode

    tf.set_random_seed(1234)
    a = tf.random_uniform([3])
    with tf.Session() as sess:
        print(sess.run(a))     # the numbers that TensorFlow version prints

The graph, the seed policy, sessions and the Philox generators are Rust
(`philoxflow._core`); this package is the tf-style API around them, organised
as TensorFlow's modules are (`framework/`, `ops/`, `client/`, `layers/`,
`contrib/`). What differs between the two targets lives in `_target.py`.
"""

from . import _core, errors, image, initializers, losses, nn, random
from .bitgen import TFPhilox
from .client.session import ConfigProto, InteractiveSession, Session
from .framework.constant_op import constant, convert_to_tensor
from .framework.dtypes import (
    DType,
    as_dtype,
    bfloat16,
    bool,  # noqa: A004 - TensorFlow's name
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
)
from .framework.ops import (
    Graph,
    GraphKeys,
    Operation,
    Tensor,
    add_to_collection,
    add_to_collections,
    control_dependencies,
    get_collection,
    get_collection_ref,
    get_default_graph,
    get_default_session,
    name_scope,
    reset_default_graph,
)
from .framework.random_seed import get_seed, set_random_seed
from .framework.tensor_shape import Dimension, TensorShape, dimension_value
from .ops.array_ops import (
    broadcast_to,
    concat,
    expand_dims,
    fill,
    gather,
    identity,
    lin_space,
    linspace,
    one_hot,
    ones,
    ones_like,
    pad,
    placeholder,
    placeholder_with_default,
    range,  # noqa: A004 - TensorFlow's name
    rank,
    reshape,
    shape,
    size,
    slice,  # noqa: A004 - TensorFlow's name
    squeeze,
    stack,
    stop_gradient,
    strided_slice,
    tile,
    transpose,
    zeros,
    zeros_like,
)
from .ops.control_flow_ops import Assert, cond, group, no_op
from .ops.init_ops import (
    constant_initializer,
    glorot_normal_initializer,
    glorot_uniform_initializer,
    ones_initializer,
    random_normal_initializer,
    random_uniform_initializer,
    truncated_normal_initializer,
    uniform_unit_scaling_initializer,
    variance_scaling_initializer,
    zeros_initializer,
)
from .ops.math_ops import (
    abs,  # noqa: A004 - TensorFlow's name
    add,
    argmax,
    cast,
    div,
    divide,
    equal,
    exp,
    floor,
    floordiv,
    floormod,
    greater,
    greater_equal,
    less,
    less_equal,
    log,
    matmul,
    maximum,
    minimum,
    multiply,
    negative,
    not_equal,
    pow,  # noqa: A004 - TensorFlow's name
    reduce_max,
    reduce_mean,
    reduce_min,
    reduce_prod,
    reduce_sum,
    rsqrt,
    sigmoid,
    sqrt,
    square,
    squared_difference,
    subtract,
    tanh,
    to_float,
    to_int32,
    to_int64,
    truediv,
)
from .ops.random_ops import (
    multinomial,
    random_crop,
    random_gamma,
    random_normal,
    random_poisson,
    random_shuffle,
    random_uniform,
    truncated_normal,
)
from .ops.variable_scope import (
    AUTO_REUSE,
    VariableScope,
    get_variable,
    get_variable_scope,
    variable_op_scope,
    variable_scope,
)
from .ops.variables import (
    Variable,
    global_variables,
    global_variables_initializer,
    initialize_all_variables,
    local_variables,
    local_variables_initializer,
    model_variables,
    trainable_variables,
    variables_initializer,
)
from .stateless_extra import identity_initializer

__version__ = "0.1.0"

mod = floormod
newaxis = None
Module = None  # TF 1.15 has tf.Module; philoxflow does not build modules.
del Module


def backend():
    """The Philox backend in use: 'portable', 'avx2', 'avx512' or 'neon'."""
    return _core.backend()


def available_backends():
    """The backends this CPU supports."""
    return list(_core.available_backends())


def disable_eager_execution():
    """Graph mode is the only mode here; kept so TF 1.x programs run unchanged."""


def disable_v2_behavior():
    """Kept so TF 1.x programs run unchanged."""


def enable_eager_execution(*args, **kwargs):
    raise NotImplementedError("philoxflow reproduces graph mode only")


def executing_eagerly():
    return False


def __getattr__(name):
    # `tf.layers`, `tf.contrib` and `tf.compat` load on first use.
    import importlib

    if name in ("layers", "contrib", "compat"):
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'philoxflow' has no attribute {name!r}")


# --- sparse tensors (issue 16: tf.SparseTensor, tf.sparse_placeholder, sparse ops)
from . import sparse  # noqa: E402
from .framework.sparse_tensor import (  # noqa: E402
    SparseTensor,
    SparseTensorValue,
    convert_to_tensor_or_sparse_tensor,
)
from .ops.sparse_math_ops import (  # noqa: E402
    sparse_maximum,
    sparse_minimum,
    sparse_reduce_max,
    sparse_reduce_max_sparse,
    sparse_reduce_sum,
    sparse_reduce_sum_sparse,
    sparse_softmax,
    sparse_tensor_dense_matmul,
)
from .ops.sparse_ops import (  # noqa: E402
    deserialize_many_sparse,
    serialize_many_sparse,
    serialize_sparse,
    sparse_add,
    sparse_concat,
    sparse_fill_empty_rows,
    sparse_merge,
    sparse_placeholder,
    sparse_reorder,
    sparse_reset_shape,
    sparse_reshape,
    sparse_retain,
    sparse_slice,
    sparse_split,
    sparse_tensor_to_dense,
    sparse_to_dense,
    sparse_to_indicator,
    sparse_transpose,
)
