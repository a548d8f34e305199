"""Global steps (`training_util.py`): the int64 `global_step` variable of a graph."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.ops import get_default_graph

GLOBAL_STEP = "global_step"


def assert_global_step(global_step_tensor) -> None:
    """TF's checks of a global step: a Variable or Tensor, of integer type, scalar where
    its shape is fully known (TypeError otherwise)."""
    from ..framework.ops import Tensor
    from ..ops.variables import Variable

    if not isinstance(global_step_tensor, (Variable, Tensor)):
        raise TypeError('Existing "global_step" must be a Variable or Tensor: '
                        f"{global_step_tensor}.")
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError('Existing "global_step" does not have integer type: '
                        f"{global_step_tensor.dtype}")
    shape = global_step_tensor.get_shape()
    if shape.ndims != 0 and shape.is_fully_defined():
        raise TypeError(f'Existing "global_step" is not scalar: {shape}')


def get_global_step(graph=None):
    """The graph's global step variable (collection `global_step`, else the tensor
    `global_step:0`), or None (also where the collection holds several: TF logs that)."""
    graph = graph or get_default_graph()
    found = graph.get_collection(GLOBAL_STEP)
    if len(found) == 1:
        step = found[0]
    elif not found:
        try:
            step = graph.get_tensor_by_name("global_step:0")
        except KeyError:
            return None
    else:
        return None
    assert_global_step(step)
    return step


def create_global_step(graph=None):
    """A new `global_step` (int64 scalar, zeros, not trainable) in the root name scope."""
    from ..ops.init_ops import zeros_initializer
    from ..ops.variable_scope import get_variable

    graph = graph or get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default(), graph.name_scope(None):
        return get_variable(GLOBAL_STEP, shape=[], dtype=_dtypes.int64,
                            initializer=zeros_initializer(), trainable=False,
                            collections=["variables", GLOBAL_STEP])


def get_or_create_global_step(graph=None):
    graph = graph or get_default_graph()
    step = get_global_step(graph)
    return step if step is not None else create_global_step(graph)


def global_step(sess, global_step_tensor):
    return int(sess.run(global_step_tensor))


GLOBAL_STEP_READ_KEY = "global_step_read_op_cache"


def _get_global_step_read(graph=None):
    graph = graph or get_default_graph()
    found = graph.get_collection(GLOBAL_STEP_READ_KEY)
    if len(found) > 1:
        raise RuntimeError("There are multiple items in collection {}. There should be only "
                           "one.".format(GLOBAL_STEP_READ_KEY))
    return found[0] if found else None


def _get_or_create_global_step_read(graph=None):
    """The hooks' read of the global step: `global_step/add` (its initialized value + 0),
    cached in `global_step_read_op_cache`; None without a global step."""
    from ..ops.variables import Variable

    graph = graph or get_default_graph()
    read = _get_global_step_read(graph)
    if read is not None:
        return read
    step = get_global_step(graph)
    if step is None:
        return None
    with graph.as_default() as g, g.name_scope(None):
        with g.name_scope(step.op.name + "/"):
            value = step.initialized_value() if isinstance(step, Variable) else step
            g.add_to_collection(GLOBAL_STEP_READ_KEY, value + 0)
    return _get_global_step_read(graph)
