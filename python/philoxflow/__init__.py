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

# --- tf.data and tf.image (issue 19)
from . import (
    _core,
    data,  # noqa: E402
    errors,
    image,
    initializers,
    losses,
    nn,
    random,
)
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

# Python kernels register themselves on import (as TF's kernels do at load time); the
# root imports them so every graph can run them, whatever API module built it.
from .ops import linalg_kernels, list_kernels, queue_kernels, state_kernels  # noqa: F401
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

# --- variables, scopes, partitioners (issue 16 part B)
# isort: split
from .ops.partitioned_variables import (
    PartitionedVariable,
    create_partitioned_variables,
    fixed_size_partitioner,
    min_max_variable_partitioner,
    variable_axis_size_partitioner,
)
from .ops.state_ops import (
    assign,
    assign_add,
    assign_sub,
    count_up_to,
    scatter_add,
    scatter_sub,
    scatter_update,
)
from .ops.variable_creator import (
    VariableAggregation,
    VariableSynchronization,
    variable_creator_scope,
)
from .ops.variable_scope import (
    container,
    get_local_variable,
    no_regularizer,
)
from .ops.variables import (
    all_variables,
    assert_variables_initialized,
    initialize_local_variables,
    initialize_variables,
    is_variable_initialized,
    moving_average_variables,
)

# --- end issue 16 part B

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


# --- tfunit (issue 16): TF 1.15's smaller framework names, quantized dtypes, gradients
def _tfunit_names():
    from .framework import dtypes as d
    from .framework import framework_extras as fx
    from .ops import gradients_impl as gi
    from .ops.init_ops_orthogonal import orthogonal_initializer
    from .ops.template import make_template
    from .ops.variables import report_uninitialized_variables

    names = {n: getattr(fx, n) for n in fx.__all__}
    names.update({n: getattr(d, n) for n in ("QUANTIZED_DTYPES", "qint8", "quint8", "qint16",
                                             "quint16", "qint32", "resource", "variant")})
    names.update(make_template=make_template, orthogonal_initializer=orthogonal_initializer,
                 report_uninitialized_variables=report_uninitialized_variables,
                 RegisterGradient=gi.RegisterGradient, NoGradient=gi.NotDifferentiable,
                 NotDifferentiable=gi.NotDifferentiable, no_gradient=gi.NotDifferentiable)
    return names


globals().update(_tfunit_names())


# --- platform utilities: tf.app, tf.flags, tf.gfile, config messages
# --- TF 1.15's graph-building namespaces and the rest of the top level (issue 16)
from . import (  # noqa: E402
    _namespaces,  # noqa: E402
    bitwise,
    debugging,
    dtypes,
    linalg,
    math,
    metrics,
    strings,
    summary,
)
from .core_config import (  # noqa: E402
    GPUOptions,
    GraphOptions,
    OptimizerOptions,
    RunMetadata,
    RunOptions,
)
from .framework.device import DeviceSpec  # noqa: E402
from .framework.ops import colocate_with, device  # noqa: E402
from .ops.control_flow_ops import tuple_ as _tuple  # noqa: E402
from .ops.summary_ops import (  # noqa: E402
    Event,
    HistogramProto,
    SessionLog,
    Summary,
    SummaryMetadata,
)
from .platform import gfile  # noqa: E402
from .python.framework.tensor_util import constant_value as _constant_value  # noqa: E402
from .python.framework.tensor_util import is_tensor  # noqa: E402
from .python.platform import tf_logging as logging  # noqa: E402
from .python.platform.tf_logging import get_logger  # noqa: E402

# The TensorFlow build philoxflow reproduces (programs branch on these).
VERSION, GIT_VERSION, COMPILER_VERSION = "1.15.5", "v1.15.4-39-g3db52be", "7.3.1 20180303"
GRAPH_DEF_VERSION, GRAPH_DEF_VERSION_MIN_CONSUMER, GRAPH_DEF_VERSION_MIN_PRODUCER = 134, 0, 0
from .ops.logging_ops import print_v2 as _print_v2  # noqa: E402

_namespaces.fill(globals(), "", {"get_static_value": _constant_value, "tuple": _tuple,
                                 "print": _print_v2, "OpError": errors.OpError})


def __getattr__(name):
    # `tf.layers`, `tf.contrib` and `tf.compat` load on first use; a name TF 1.15 has
    # and philoxflow lacks says so (`_api_names`).
    import importlib

    if name in ("layers", "contrib", "compat", "python", "distributions"):
        return importlib.import_module(f"{__name__}.{name}")
    if name == "keras":  # TF 1.15's Keras 2.2.4-tf (the target picks; `_target.keras`)
        from . import _target

        return _target.keras(_target.TF1)
    if name in ("app", "flags"):  # absl loads only for programs that use flags
        return importlib.import_module(f"{__name__}.platform.{name}")
    from ._api_names import missing

    raise missing("", name, __name__)


# --- tf.raw_ops (issue 15); tf.train, tf.gradients, loops, TensorArrays, clipping
# (issue 17); sparse tensors (issue 16)
from . import (  # noqa: E402
    raw_ops,
    sparse,
    train,
)
from .framework.indexed_slices import IndexedSlices  # noqa: E402
from .framework.sparse_tensor import (  # noqa: E402
    SparseTensor,
    SparseTensorValue,
    convert_to_tensor_or_sparse_tensor,
)
from .ops._grad_ops import reverse, reverse_sequence  # noqa: E402
from .ops.clip_ops import clip_by_global_norm, clip_by_value, global_norm  # noqa: E402
from .ops.control_flow_ops import case  # noqa: E402
from .ops.control_flow_ops import tuple_op as tuple  # noqa: E402, A001
from .ops.gradients_impl import AggregationMethod, gradients  # noqa: E402
from .ops.math_ops import add_n  # noqa: E402

# --- resource variables (resvars): TF 2.21's compat.v1 default, TF 1.15's use_resource=True
from .ops.resource_variable_ops import (  # noqa: E402
    disable_resource_variables,
    enable_resource_variables,
    resource_variables_enabled,
)

# --- end resource variables
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
from .ops.tensor_array_ops import TensorArray  # noqa: E402
from .ops.while_loop import while_loop  # noqa: E402

# --- queues, readers, parsing and string ops (issue 16, input pipelines)
# isort: split
from . import python_io  # noqa: E402
from .ops.data_flow_ops import (  # noqa: E402
    ConditionalAccumulator,
    ConditionalAccumulatorBase,
    FIFOQueue,
    PaddingFIFOQueue,
    PriorityQueue,
    QueueBase,
    RandomShuffleQueue,
    SparseConditionalAccumulator,
)
from .ops.io_ops import (  # noqa: E402
    FixedLengthRecordReader,
    IdentityReader,
    LMDBReader,
    ReaderBase,
    TextLineReader,
    TFRecordReader,
    WholeFileReader,
)
from .ops.parsing_ops import (  # noqa: E402
    FixedLenFeature,
    FixedLenSequenceFeature,
    SparseFeature,
    VarLenFeature,
    decode_csv,
    decode_raw,
    parse_example,
    parse_single_example,
    parse_single_sequence_example,
)
from .ops.resources import tables_initializer  # noqa: E402
from .ops.string_ops import (  # noqa: E402
    reduce_join,
    regex_replace,
    string_split,
    string_to_hash_bucket,
    string_to_number,
    substr,
)
