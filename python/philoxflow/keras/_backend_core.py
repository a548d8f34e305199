"""The core of TF 1.15's `tf.keras.backend` (Keras 2.2.4-tf) in graph mode: the
per-graph learning phase and object names, the global session, variables and the thin
functions over TF 1.x ops the other backend modules use (each builds what TF 1.15's
`keras/backend.py` builds). `backend.py` gathers the public names."""

from __future__ import annotations

import numpy as np

from ..client.session import Session
from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant as _constant
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import get_default_graph, get_default_session, name_scope
from ..ops import (
    array_ops,
    array_ops_ext,
    clip_ops,
    math_ops,
    nn_impl,
    nn_ops,
    random_ops,
    variables,
)

_FLOATX, _EPSILON, _IMAGE_DATA_FORMAT = "float32", 1e-7, "channels_last"
_SESSION = {"session": None}
_MANUAL_VAR_INIT = False
py_all, py_sum = all, sum


def backend():
    return "tensorflow"


def floatx():
    return _FLOATX


def set_floatx(value):
    global _FLOATX
    if value not in {"float16", "float32", "float64"}:
        raise ValueError("Unknown floatx type: " + str(value))
    _FLOATX = str(value)


def epsilon():
    return _EPSILON


def set_epsilon(value):
    global _EPSILON
    _EPSILON = value


def image_data_format():
    return _IMAGE_DATA_FORMAT


def set_image_data_format(data_format):
    global _IMAGE_DATA_FORMAT
    if data_format not in {"channels_last", "channels_first"}:
        raise ValueError("Unknown data_format: " + str(data_format))
    _IMAGE_DATA_FORMAT = str(data_format)


def get_graph():
    return get_default_graph()


def _graph_state(graph=None):
    """Keras's per-graph dictionaries (TF keys module-level dicts by graph)."""
    g = graph or get_default_graph()
    if "_pf_keras" not in g.__dict__:
        g.__dict__["_pf_keras"] = {"uids": {}, "phase": None, "vars": []}
    return g.__dict__["_pf_keras"]


def get_uid(prefix=""):
    uids = _graph_state()["uids"]
    uids[prefix] = uids.get(prefix, 0) + 1
    return uids[prefix]


def reset_uids():
    """Restarts `get_uid` and layer names (TF clears its per-graph name counts)."""
    _graph_state()["uids"].clear()
    get_default_graph().__dict__.pop("_pf_layer_name_uids", None)


def unique_object_name(name, zero_based=False):
    """Keras's layer names: `dense`, `dense_1`, ... per graph (zero based), or
    `dense_1`, `dense_2`, ...; one count shared with `tf.layers`."""
    from ..layers.base import _unique_object_name

    return _unique_object_name(name, zero_based=zero_based)


def learning_phase():
    """The graph's learning phase: the value `set_learning_phase` gave, else a bool
    `keras_learning_phase` (PlaceholderWithDefault False) made at the root on first use."""
    state = _graph_state()
    if state["phase"] is None:
        with name_scope(None):
            state["phase"] = array_ops.placeholder_with_default(
                False, shape=(), name="keras_learning_phase")
    return state["phase"]


def set_learning_phase(value):
    if value not in {0, 1}:
        raise ValueError("Expected learning phase to be 0 or 1.")
    _graph_state()["phase"] = value


def clear_session():
    """A fresh default graph (names and learning phase restart) and no Keras session."""
    from ..framework.ops import reset_default_graph

    _SESSION["session"] = None
    reset_default_graph()


def manual_variable_initialization(value):
    global _MANUAL_VAR_INIT
    _MANUAL_VAR_INIT = value


def get_session(op_input_list=()):
    """The default session, else Keras's global one (remade for a new default graph);
    it initializes the variables not yet initialized (TF's `_initialize_variables`)."""
    session = get_default_session()
    if session is None:
        if _SESSION["session"] is None or _SESSION["session"].graph is not get_default_graph():
            _SESSION["session"] = Session()
        session = _SESSION["session"]
    if not _MANUAL_VAR_INIT:
        with session.graph.as_default():
            _initialize_variables(session)
    return session


def set_session(session):
    _SESSION["session"] = session


def _initialize_variables(session):
    g = session.graph
    seen = set()
    candidates = []
    for v in _graph_state(g)["vars"] + g.get_collection("variables"):
        if id(v) not in seen and not getattr(v, "_keras_initialized", False):
            seen.add(id(v))
            candidates.append(v)
    if candidates:
        flags = session.run([variables.is_variable_initialized(v) for v in candidates])
        todo = [v for flag, v in zip(flags, candidates) if not flag]
        for v in candidates:
            v._keras_initialized = True
        if todo:
            session.run(variables.variables_initializer(todo))


def track_variable(v):
    _graph_state(v.graph if hasattr(v, "graph") else None)["vars"].append(v)


def variable(value, dtype=None, name=None, constraint=None):
    """A resource variable holding `value` (Keras's `K.variable`)."""
    from ..ops.resource_variable_ops import ResourceVariable

    v = ResourceVariable(value, dtype=_dtypes.as_dtype(dtype or floatx()), name=name,
                         constraint=constraint)
    v._keras_shape = np.shape(value) if isinstance(value, np.ndarray) else int_shape(v)
    track_variable(v)
    return v


def constant(value, dtype=None, shape=None, name=None):
    return _constant(value, dtype=dtype or floatx(), shape=shape, name=name)


def _filled(fill, shape, dtype, name):
    dtype = dtype or floatx()
    v = fill(shape=shape, dtype=_dtypes.as_dtype(dtype), name=name)
    if py_all(v.shape.as_list()):
        return variable(v, dtype=dtype, name=name)
    return v


def zeros(shape, dtype=None, name=None):
    return _filled(array_ops.zeros, shape, dtype, name)


def ones(shape, dtype=None, name=None):
    return _filled(array_ops.ones, shape, dtype, name)


def placeholder(shape=None, ndim=None, dtype=None, sparse=False, name=None, ragged=False):
    if sparse or ragged:
        raise NotImplementedError("philoxflow: sparse and ragged Keras placeholders")
    if not shape and ndim:
        shape = tuple(None for _ in range(ndim))
    return array_ops.placeholder(dtype or floatx(), shape=shape, name=name)


def is_placeholder(x):
    return getattr(getattr(x, "op", None), "type", None) == "Placeholder"


def int_shape(x):
    try:
        shape = x.shape
        return shape if isinstance(shape, tuple) else tuple(shape.as_list())
    except ValueError:
        return None


def ndim(x):
    return x.shape.rank


def dtype(x):
    return x.dtype.base_dtype.name


def is_tensor(x):
    return hasattr(x, "op") and hasattr(x, "dtype")


def is_keras_tensor(x):
    return hasattr(x, "_keras_history")


def _seed(seed):
    # Keras draws an unseeded op's seed from NumPy's global generator.
    return np.random.randint(10e6) if seed is None else seed


def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    return random_ops.random_uniform(shape, minval=minval, maxval=maxval,
                                     dtype=dtype or floatx(), seed=_seed(seed))


def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return random_ops.random_normal(shape, mean=mean, stddev=stddev, dtype=dtype or floatx(),
                                    seed=_seed(seed))


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return random_ops.truncated_normal(shape, mean, stddev, dtype=dtype or floatx(),
                                       seed=_seed(seed))


def random_binomial(shape, p=0.0, dtype=None, seed=None):
    dtype = dtype or floatx()
    return array_ops_ext.where(random_uniform(shape, dtype=dtype, seed=seed) <= p,
                           array_ops.ones(shape, dtype=dtype), array_ops.zeros(shape, dtype=dtype))


def dropout(x, level, noise_shape=None, seed=None):
    return nn_ops.dropout_v2(x, rate=level, noise_shape=noise_shape, seed=_seed(seed))


def dot(x, y):
    if ndim(x) is not None and (ndim(x) > 2 or ndim(y) > 2):
        def dims(t):
            return tuple(i if i is not None else s for i, s in
                         zip(int_shape(t), array_ops_ext.unstack(array_ops.shape(t))))
        x_shape, y_shape = dims(x), dims(y)
        perm = list(range(ndim(y)))
        perm = [perm.pop(-2)] + perm
        xt = array_ops.reshape(x, [-1, x_shape[-1]])
        yt = array_ops.reshape(array_ops.transpose(y, perm=perm), [y_shape[-2], -1])
        return array_ops.reshape(math_ops.matmul(xt, yt),
                                 x_shape[:-1] + y_shape[:-2] + y_shape[-1:])
    return math_ops.matmul(x, y)


def sum(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    return math_ops.reduce_sum(x, axis, keepdims)


def mean(x, axis=None, keepdims=False):
    if x.dtype.base_dtype == _dtypes.bool:
        x = math_ops.cast(x, floatx())
    return math_ops.reduce_mean(x, axis, keepdims)


def max(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    return math_ops.reduce_max(x, axis, keepdims)


def min(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    return math_ops.reduce_min(x, axis, keepdims)


def concatenate(tensors, axis=-1):
    if axis < 0:
        rank = ndim(tensors[0])
        axis = axis % rank if rank else 0
    return array_ops.concat(list(tensors), axis)


def relu(x, alpha=0.0, max_value=None, threshold=0):
    if alpha != 0.0:
        if max_value is None and threshold == 0:
            return nn_ops.leaky_relu(x, alpha=alpha)
        negative = nn_ops.relu(-x + threshold) if threshold != 0 else nn_ops.relu(-x)
    clip_max = max_value is not None
    if threshold != 0:
        x = x * math_ops.cast(math_ops.greater(x, threshold), floatx())
    elif max_value == 6:
        x = nn_ops.relu6(x)
        clip_max = False
    else:
        x = nn_ops.relu(x)
    if clip_max:
        top = _constant(max_value, dtype=x.dtype.base_dtype)
        zero = _constant(0.0, dtype=x.dtype.base_dtype)
        x = clip_ops.clip_by_value(x, zero, top)
    if alpha != 0.0:
        x -= convert_to_tensor(alpha, x.dtype.base_dtype) * negative
    return x


def elu(x, alpha=1.0):
    res = nn_ops.elu(x)
    return res if alpha == 1 else array_ops_ext.where(x > 0, res, alpha * res)


def hard_sigmoid(x):
    point_two = _constant(0.2, dtype=x.dtype.base_dtype)
    point_five = _constant(0.5, dtype=x.dtype.base_dtype)
    x = math_ops.multiply(x, point_two)
    x = math_ops.add(x, point_five)
    return clip_ops.clip_by_value(x, 0.0, 1.0)


def softmax(x, axis=-1):
    return nn_ops.softmax(x, axis=axis)


def sigmoid(x):
    return math_ops.sigmoid(x)


def tanh(x):
    return math_ops.tanh(x)


def softplus(x):
    return nn_ops.softplus(x)


def softsign(x):
    return nn_impl.softsign(x)


def square(x):
    return math_ops.square(x)


def sqrt(x):
    zero = _constant(0.0, dtype=x.dtype.base_dtype)
    inf = _constant(np.inf, dtype=x.dtype.base_dtype)
    return math_ops.sqrt(clip_ops.clip_by_value(x, zero, inf))


def exp(x):
    return math_ops.exp(x)


def log(x):
    return math_ops.log(x)


def abs(x):  # noqa: A001 - Keras's name
    return math_ops.abs(x)


def cast(x, dtype):
    return math_ops.cast(x, dtype)


def reshape(x, shape):
    return array_ops.reshape(x, shape)


def expand_dims(x, axis=-1):
    return array_ops.expand_dims(x, axis)


def squeeze(x, axis):
    return array_ops.squeeze(x, [axis])


def transpose(x):
    return array_ops.transpose(x)


def permute_dimensions(x, pattern):
    return array_ops.transpose(x, perm=pattern)


def repeat(x, n):
    assert ndim(x) == 2
    x = array_ops.expand_dims(x, 1)
    return array_ops.tile(x, array_ops.stack([1, n, 1]))


def shape(x):
    return array_ops.shape(x)


def stack(x, axis=0):
    return array_ops.stack(x, axis=axis)


def flatten(x):
    return array_ops.reshape(x, [-1])


def get_value(x):
    return get_session((x,)).run(x)


def batch_get_value(tensors):
    return get_session(tensors).run(tensors) if tensors else []


def batch_set_value(tuples):
    """Assigns each value through a placeholder and assign op kept on the variable (made
    on first use, as Keras does), in one run of the Keras session."""
    if not tuples:
        return
    ops, feed = [], {}
    for x, value in tuples:
        value = np.asarray(value, dtype=dtype(x))
        if not hasattr(x, "_assign_placeholder"):
            x._assign_placeholder = array_ops.placeholder(
                _dtypes.as_dtype(x.dtype.name.split("_")[0]), shape=[None] * value.ndim)
            x._assign_op = x.assign(x._assign_placeholder)
        ops.append(x._assign_op)
        feed[x._assign_placeholder] = value
    get_session().run(ops, feed_dict=feed)


def set_value(x, value):
    batch_set_value([(x, value)])


def eval(x):  # noqa: A001 - Keras's name
    return get_value(x)



def batch_dot(x, y, axes=None):
    if isinstance(axes, int):
        axes = (axes, axes)
    x_ndim, y_ndim = ndim(x), ndim(y)
    if axes is None:
        axes = [x_ndim - 1, y_ndim - 2]
    diff = x_ndim - y_ndim if x_ndim > y_ndim else y_ndim - x_ndim
    if x_ndim > y_ndim:
        y = array_ops.reshape(y, array_ops.concat([array_ops.shape(y), [1] * diff], axis=0))
    elif y_ndim > x_ndim:
        x = array_ops.reshape(x, array_ops.concat([array_ops.shape(x), [1] * diff], axis=0))
    if ndim(x) == 2 and ndim(y) == 2:
        if axes[0] == axes[1]:
            out = math_ops.reduce_sum(math_ops.multiply(x, y), axes[0])
        else:
            out = math_ops.reduce_sum(
                math_ops.multiply(array_ops.transpose(x, [1, 0]), y), axes[1])
    else:
        adj_x = None if axes[0] == ndim(x) - 1 else True
        adj_y = True if axes[1] == ndim(y) - 1 else None
        out = math_ops.matmul(x, y, adjoint_a=adj_x, adjoint_b=adj_y)
    if diff:
        idx = x_ndim + y_ndim - 3 if x_ndim > y_ndim else x_ndim - 1
        out = array_ops.squeeze(out, list(range(idx, idx + diff)))
    if ndim(out) == 1:
        out = expand_dims(out, 1)
    return out


def temporal_padding(x, padding=(1, 1)):
    return array_ops.pad(x, [[0, 0], [padding[0], padding[1]], [0, 0]])


def spatial_2d_padding(x, padding=((1, 1), (1, 1)), data_format=None):
    if (data_format or image_data_format()) == "channels_first":
        pattern = [[0, 0], [0, 0], list(padding[0]), list(padding[1])]
    else:
        pattern = [[0, 0], list(padding[0]), list(padding[1]), [0, 0]]
    return array_ops.pad(x, pattern)


def spatial_3d_padding(x, padding=((1, 1), (1, 1), (1, 1)), data_format=None):
    pads = [list(p) for p in padding]
    if (data_format or image_data_format()) == "channels_first":
        return array_ops.pad(x, [[0, 0], [0, 0]] + pads)
    return array_ops.pad(x, [[0, 0]] + pads + [[0, 0]])


def cast_to_floatx(x):
    return np.asarray(x, dtype=floatx())


def switch(condition, then_expression, else_expression):
    """A `cond` on a scalar condition (branches may be callables)."""
    from ..ops.control_flow_ops import cond

    if condition.dtype != _dtypes.bool:
        condition = math_ops.cast(condition, "bool")
    if ndim(condition):
        raise NotImplementedError("philoxflow: K.switch on a condition of rank > 0")

    def fn(e):
        return e if callable(e) else (lambda: e)
    return cond(condition, fn(then_expression), fn(else_expression))


def in_train_phase(x, alt, training=None):
    if training is None:
        training = learning_phase()
    if not is_tensor(training):
        if training == 1 or training is True:
            return x() if callable(x) else x
        if training == 0 or training is False:
            return alt() if callable(alt) else alt
    return switch(training, x, alt)


def in_test_phase(x, alt, training=None):
    return in_train_phase(alt, x, training=training)


def bias_add(x, bias, data_format=None):
    """`nn.bias_add` for 2-D and channels-last 4-D inputs, else a reshaped bias added."""
    data_format = data_format or image_data_format()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError("Unknown data_format: " + str(data_format))
    bias_shape = int_shape(bias)
    if len(bias_shape) != 1 and len(bias_shape) != ndim(x) - 1:
        raise ValueError("Unexpected bias dimensions %d, expect to be 1 or %d dimensions"
                         % (len(bias_shape), ndim(x)))
    rank = ndim(x)
    if rank in (3, 4, 5) and data_format == "channels_last":
        if len(bias_shape) == 1 and rank == 4:
            return nn_ops.bias_add(x, bias, data_format="NHWC")
        if len(bias_shape) == 1:
            return x + reshape(bias, (1,) * (rank - 1) + (bias_shape[0],))
        return x + reshape(bias, (1,) + bias_shape)
    if rank in (3, 4, 5):
        raise NotImplementedError("philoxflow: K.bias_add with channels_first")
    return nn_ops.bias_add(x, bias)
