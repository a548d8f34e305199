"""philoxflow: TensorFlow's random numbers, bit for bit, without TensorFlow.

    import philoxflow as tf

    tf.set_random_seed(1234)
    a = tf.random_uniform([3])
    with tf.Session() as sess:
        print(sess.run(a))     # the numbers TensorFlow 2.21 (tf.compat.v1) prints

The graph, the seed policy, sessions and the Philox generators are Rust
(`philoxflow._core`); this package is the thin tf-style wrapper around them.
"""

from . import _core, errors, initializers, random
from .array_ops import (
    broadcast_to,
    fill,
    lin_space,
    linspace,
    ones,
    ones_like,
    range,  # noqa: A004 - TensorFlow's name
    slice,  # noqa: A004 - TensorFlow's name
    zeros,
    zeros_like,
)
from .dtypes import (
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
from .framework import (
    Graph,
    Operation,
    Tensor,
    TensorShape,
    add,
    cast,
    constant,
    convert_to_tensor,
    divide,
    floordiv,
    floormod,
    get_default_graph,
    get_default_session,
    group,
    identity,
    maximum,
    minimum,
    multiply,
    name_scope,
    negative,
    no_op,
    placeholder,
    reset_default_graph,
    shape,
    subtract,
)
from .initializers import (
    constant_initializer,
    glorot_normal_initializer,
    glorot_uniform_initializer,
    ones_initializer,
    random_normal_initializer,
    random_uniform_initializer,
    truncated_normal_initializer,
    variance_scaling_initializer,
    zeros_initializer,
)
from .random_ops import (
    get_seed,
    multinomial,
    random_crop,
    random_gamma,
    random_normal,
    random_poisson,
    random_shuffle,
    random_uniform,
    set_random_seed,
    truncated_normal,
)
from .session import ConfigProto, InteractiveSession, Session
from .variables import (
    Variable,
    global_variables,
    global_variables_initializer,
    initialize_all_variables,
    trainable_variables,
    variables_initializer,
)

__version__ = "0.1.0"

mod = floormod
truediv = divide


def backend():
    """The Philox backend in use: 'portable', 'avx2', 'avx512' or 'neon'."""
    return _core.backend()


def available_backends():
    """The backends this CPU supports."""
    return list(_core.available_backends())


class _Compat:
    """`tf.compat.v1` is this module itself: philoxflow only has the v1 API."""

    def __getattr__(self, name):
        if name == "v1":
            import philoxflow

            return philoxflow
        raise AttributeError(name)


compat = _Compat()


def disable_eager_execution():
    """Graph mode is the only mode here; kept so TF 1.x programs run unchanged."""


def disable_v2_behavior():
    """Kept so TF 1.x programs run unchanged."""


def executing_eagerly():
    return False
from .stateless_extra import identity_initializer, linspace_nd, stateless_random_crop, stateless_random_gamma, stateless_random_poisson  # noqa: E402,E501,F401,I001
