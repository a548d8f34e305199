"""Resource variables (`resource_variable_ops.ResourceVariable`) in graph mode.

TF 2.21's `tf.compat.v1` makes them by default; TF 1.15 with `use_resource=True`,
`enable_resource_variables()` or a `variable_scope(use_resource=True)`. Built as
both build them: in a name scope `name`, the initial value under `Initializer/`,
the `VarHandleOp` (shared name = the scope), `IsInitialized/VarIsInitializedOp`,
`Assign` (an `AssignVariableOp`) and `Read/ReadVariableOp` (the graph element).
Every `value()` (each conversion to a tensor) reads anew with a `ReadVariableOp`.

A session keeps each variable's value in Python (`py_kernels`' per-session state),
keyed by container and shared name as TF's resource manager keys it.
"""

from __future__ import annotations

import numpy as np

from .. import _target, errors
from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import get_default_graph
from ..framework.py_kernels import kernel
from ..framework.tensor_shape import TensorShape
from . import variables as _variables
from .gradients_impl import RegisterGradient

# enable_/disable_resource_variables(): the default per TF version (TF 2.21's v2
# behaviour makes resource variables; TF 1.15's does not), switched per version.
_DEFAULT_USE_RESOURCE: dict = {}


def resource_variables_enabled():
    t = _target.current()
    return _DEFAULT_USE_RESOURCE.get(t.name, t.resource_variables)


def enable_resource_variables():
    _DEFAULT_USE_RESOURCE[_target.current().name] = True


def disable_resource_variables():
    _DEFAULT_USE_RESOURCE[_target.current().name] = False


def default_use_resource(graph=None):
    """`_DEFAULT_USE_RESOURCE` for the TF version that `graph` follows."""
    t = (graph or get_default_graph())._target
    return _DEFAULT_USE_RESOURCE.get(t.name, t.resource_variables)


def use_resource_for(use_resource, graph=None):
    """`default_variable_creator`'s choice: the argument, the variable scope's, the default."""
    if use_resource is None:
        from .variable_scope import get_variable_scope

        use_resource = get_variable_scope().use_resource
    if use_resource is None:
        use_resource = default_use_resource(graph)
    return bool(use_resource)


def is_resource_variable(var):
    return bool(getattr(var, "_is_resource", False))


def _tf2(g):
    return g._target.resource_variables


def assign_attrs(g, dtype, validate_shape=False):
    """AssignVariableOp's attributes: TF 2.21's op has `validate_shape`, TF 1.15's not."""
    return {"dtype": dtype, "validate_shape": validate_shape} if _tf2(g) else {"dtype": dtype}


def _read(g, handle, dtype, shape, name="ReadVariableOp", control_inputs=()):
    return g._create_op("ReadVariableOp", (handle,), name, dtype=dtype, shape=shape,
                        control_inputs=control_inputs, attrs={"dtype": dtype}).outputs[0]


class ResourceVariable(_variables.Variable):
    """A resource variable: reads and writes go through its handle."""

    _is_resource = True

    def __init__(self, initial_value=None, trainable=None, collections=None,
                 validate_shape=True, caching_device=None, name=None, dtype=None,
                 variable_def=None, import_scope=None, constraint=None,
                 distribute_strategy=None, synchronization=None, aggregation=None,
                 shape=None, expected_shape=None, use_resource=None):
        self._synchronization, self._aggregation, trainable, collections = _variables.check_args(
            initial_value, trainable, collections, variable_def, constraint, synchronization,
            aggregation, name)
        if dtype is not None:
            dtype = _dtypes.as_dtype(dtype)
        g = get_default_graph()
        init_from_fn = callable(initial_value)
        from ..framework.ops import name_scope

        with _variables._InitScope(g), g.as_default():
            with name_scope(name, "Variable", [] if init_from_fn else [initial_value]) as scope:
                handle_name = scope[:-1]
                with g.name_scope("Initializer"), g.device(None):
                    init = convert_to_tensor(initial_value() if init_from_fn else initial_value,
                                             name="initial_value", dtype=dtype)
                if shape is not None:
                    shape = TensorShape(shape)
                    if not init.shape.is_compatible_with(shape):
                        raise ValueError(
                            f"The initial value's shape ({init.shape}) is not compatible with "
                            f"the explicitly supplied `shape` argument ({shape}).")
                else:
                    shape = init.shape
                dtype = init.dtype
                attrs = {"container": getattr(g, "_container", "").encode(),
                         "shared_name": handle_name.encode(), "dtype": dtype, "shape": shape}
                if _tf2(g):
                    attrs.update(debug_name=scope.encode(), allowed_devices=[])
                self._handle = g._create_op("VarHandleOp", (), scope, dtype=_dtypes.resource,
                                            shape=[], attrs=attrs).outputs[0]
                with g.name_scope("IsInitialized"):
                    self._is_initialized_op = g._create_op(
                        "VarIsInitializedOp", (self._handle,), "VarIsInitializedOp",
                        dtype=_dtypes.bool, shape=[]).outputs[0]
                with g.name_scope("Assign") as n:
                    guarded = _variables._guard_uninitialized_dependencies(scope, init)
                    self._initializer_op = g._create_op(
                        "AssignVariableOp", (self._handle, guarded), n, dtype=dtype,
                        attrs=assign_attrs(g, dtype))
                with g.name_scope("Read"):
                    self._graph_element = _read(g, self._handle, dtype, shape)
        self._var = self._handle.op
        self._ref_t = self._handle
        self._dtype, self._shape = dtype, shape
        self._initial_value = init
        self._graph = g
        self._trainable = trainable
        self._constraint = constraint
        self._caching_device = caching_device
        self._validate_shape = validate_shape
        self._save_slice_info = None
        g.add_to_collections(collections, self)

    # -- what the graph holds
    @property
    def handle(self):
        return self._handle

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return self._shape

    @property
    def create(self):
        return self._initializer_op

    def _as_graph_tensor(self):
        """TF's `_as_graph_element`: the read made with the variable (fetches, control
        dependencies); conversions to a tensor read anew (`_dense_var_to_tensor`)."""
        return self._graph_element

    def _dense_var_to_tensor(self, dtype=None, name=None, as_ref=False):
        if dtype is not None and not _dtypes.as_dtype(dtype).is_compatible_with(self.dtype):
            raise ValueError(f"Incompatible type conversion requested to type {dtype.name!r} "
                             f"for variable of type {self.dtype.name!r}")
        return self.value()

    @property
    def _snapshot(self):  # Variable's operator forwarding converts through value()
        return self.value()

    def set_shape(self, shape):
        raise NotImplementedError("ResourceVariable does not implement set_shape()")

    def __getattr__(self, name):
        if name.startswith("__") or name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._graph_element, name)

    def eval(self, session=None):
        return self._graph_element.eval(session=session)

    def __repr__(self):
        return (f"<tf.Variable '{self.name}' shape={self.shape} "
                f"dtype={self.dtype.name}>")

    def _op_graph(self):
        """Where reads and writes go: the variable's graph, or a function graph (a
        cond_v2 branch) built inside it, which captures the handle as TF's do."""
        d = get_default_graph()
        outer = d
        while getattr(outer, "_outer", None) is not None:
            outer = outer._outer
            if outer is self._graph:
                return d
        return self._graph

    # -- reads
    def _read_variable_op(self):
        return _read(self._op_graph(), self._handle, self._dtype, self._shape)

    def value(self):
        g = self._op_graph()
        with g.as_default(), g.colocate_with(None, ignore_existing=True):
            return self._read_variable_op()

    def read_value(self):
        from .array_ops import identity

        g = self._op_graph()
        with g.as_default():
            with g.name_scope("Read"):
                value = self._read_variable_op()
            return identity(value)

    def sparse_read(self, indices, name=None):
        g = self._op_graph()
        with g.as_default(), g.name_scope("Gather" if name is None else name) as scope:
            indices = convert_to_tensor(indices, name="indices")
            shape = indices.shape.concatenate(self._shape[1:]) if self._shape.rank else None
            value = g._create_op(
                "ResourceGather", (self._handle, indices), scope, dtype=self._dtype,
                shape=shape, attrs={"validate_indices": True, "batch_dims": 0,
                                    "dtype": self._dtype, "Tindices": indices.dtype}).outputs[0]
        if _tf2(g):
            return value
        from .array_ops import identity

        with g.as_default():
            return identity(value)

    def is_initialized(self, name=None):
        g = self._graph
        with g.as_default():
            return g._create_op("VarIsInitializedOp", (self._handle,),
                                name or "VarIsInitializedOp", dtype=_dtypes.bool,
                                shape=[]).outputs[0]

    def initialized_value(self):
        if _tf2(self._graph):  # TF 2.x's Variable base leaves it unimplemented
            raise NotImplementedError
        return super().initialized_value()

    # -- writes
    def _lazy_read(self, op):
        return _UnreadVariable(self, op)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        g = self._op_graph()
        with g.as_default():
            value = convert_to_tensor(value, dtype=self.dtype)
            if not self._shape.is_compatible_with(value.shape):
                raise ValueError(f"Cannot assign value to variable ' {self.name}': Shape "
                                 f"mismatch.The variable shape {self._shape}, and the "
                                 f"assigned value shape {value.shape} are incompatible.")
            a = assign_attrs(g, self._dtype, bool(self._validate_shape
                                                  and self._shape.is_fully_defined()))
            op = g._create_op("AssignVariableOp", (self._handle, value),
                              name or "AssignVariableOp", dtype=self._dtype, attrs=a)
        return self._lazy_read(op) if read_value else op

    def _update(self, op_type, delta, name, read_value):
        g = self._op_graph()
        with g.as_default():
            delta = convert_to_tensor(delta, dtype=self.dtype)
            op = g._create_op(op_type, (self._handle, delta), name or op_type,
                              dtype=self._dtype, attrs={"dtype": self._dtype})
        return self._lazy_read(op) if read_value else op

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self._update("AssignAddVariableOp", delta, name, read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self._update("AssignSubVariableOp", delta, name, read_value)

    def count_up_to(self, limit):
        raise NotImplementedError("philoxflow has no ResourceCountUpTo")

    def load(self, value, session=None):
        from ..framework.ops import get_default_session

        session = session or get_default_session()
        if session is None:
            raise ValueError("Either session argument should be provided or default session "
                             "should be established")
        session.run(self._initializer_op, {self._initializer_op.inputs[1]: value})

    def __iadd__(self, other):
        raise RuntimeError("Variable += value not supported. Use variable.assign_add(value) "
                           "to modify the variable value and variable = variable + value to "
                           "get a new Tensor object.")

    def __isub__(self, other):
        raise RuntimeError("Variable -= value not supported. Use variable.assign_sub(value) "
                           "to modify the variable value and variable = variable - value to "
                           "get a new Tensor object.")


class _UnreadVariable(ResourceVariable):
    """What `assign*` returns: reads of the variable after the write (`_parent_op`)."""

    def __init__(self, var, parent_op):  # pylint: disable=super-init-not-called
        g = var._graph
        self._graph, self._handle, self._var, self._ref_t = g, var._handle, var._var, var._ref_t
        self._dtype, self._shape = var._dtype, var._shape
        self._parent_op = parent_op
        self._trainable, self._validate_shape = var._trainable, var._validate_shape
        self._initializer_op, self._initial_value = var._initializer_op, var._initial_value
        self._constraint, self._save_slice_info = var._constraint, None
        self._synchronization, self._aggregation = var._synchronization, var._aggregation
        with g.as_default():
            self._graph_element = self._read_variable_op()

    @property
    def name(self):
        return self._parent_op.name

    @property
    def op(self):
        return self._parent_op

    def _read_variable_op(self):
        return _read(self._graph, self._handle, self._dtype, self._shape,
                     control_inputs=[self._parent_op])

    def read_value(self):
        return self._read_variable_op()


def resource_scatter(op_type, var, indices, updates, name=None):
    """`gen_resource_variable_ops.resource_scatter_*` on `var`'s handle (an Operation)."""
    from .gen import apply_op

    g = var._graph
    with g.as_default():
        updates = convert_to_tensor(updates, dtype=var.dtype)
        op = apply_op(op_type, name, [(var.handle, "resource", None),
                                      (indices, "indices", None), (updates, "updates", None)],
                      dtype=var.dtype, attrs={"dtype": var.dtype}, outputs=[])
    return op


@RegisterGradient("ReadVariableOp")
def _read_grad(_, grad):
    return grad


@RegisterGradient("ResourceGather")
def _gather_grad(op, grad):
    """IndexedSlices of the gathered rows (TF's `_GatherGrad` for ResourceGather)."""
    from ..framework.constant_op import constant
    from ..framework.indexed_slices import IndexedSlices
    from . import array_ops
    from .gen import apply_op

    handle, indices = op.inputs[0], op.inputs[1]
    var_shape = TensorShape(op.inputs[0].op.get_attr("shape")) if (
        op.inputs[0].op.type == "VarHandleOp") else TensorShape(None)
    if var_shape.is_fully_defined():
        params_shape = constant(var_shape.as_list(), dtype=_dtypes.int32)
    else:
        params_shape = apply_op("VariableShape", None, [(handle, "input", None)],
                                dtype=_dtypes.int32, shape=[var_shape.rank])
    size = array_ops.expand_dims(array_ops.size(indices), 0)
    values_shape = array_ops.concat([size, params_shape[1:]], 0)
    values = array_ops.reshape(grad, values_shape)
    indices = array_ops.reshape(indices, size)
    return [IndexedSlices(values, indices, params_shape), None]


# ------------------------------------------------------------------ session kernels
# A handle's value is its resource key; the values live in the session's state.

def _store(ctx):
    return ctx.state.setdefault("resource_variables", {})


@kernel("VarHandleOp")
def _var_handle(ctx, op, ins):
    return [("resource", op._attrs.get("container", b""), op._attrs["shared_name"])]


def _stored(ctx, op, handle):
    try:
        return _store(ctx)[handle]
    except KeyError:
        raise errors.FailedPreconditionError(
            None, op, f"Could not find variable {handle[2].decode()}. This could mean that the "
                      "variable has been deleted. In TF1, it can also mean the variable is "
                      "uninitialized.") from None


@kernel("VarIsInitializedOp")
def _var_is_initialized(ctx, op, ins):
    return [np.asarray(ins[0] in _store(ctx))]


@kernel("AssignVariableOp")
def _assign_variable(ctx, op, ins):
    _store(ctx)[ins[0]] = np.array(ins[1], copy=True)
    return []


@kernel("AssignAddVariableOp", "AssignSubVariableOp")
def _assign_update(ctx, op, ins):
    old = _stored(ctx, op, ins[0])
    new = old + ins[1] if op._type == "AssignAddVariableOp" else old - ins[1]
    _store(ctx)[ins[0]] = np.asarray(new, dtype=old.dtype)
    return []


@kernel("NoOp")
def _no_op(ctx, op, ins):
    """A NoOp after Python-run ops (a variables initializer): its control inputs ran."""
    return []


@kernel("ReadVariableOp")
def _read_variable(ctx, op, ins):
    return [_stored(ctx, op, ins[0])]


@kernel("ResourceGather")
def _resource_gather(ctx, op, ins):
    return [np.take(_stored(ctx, op, ins[0]), np.asarray(ins[1]), axis=0)]
