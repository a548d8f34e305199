"""`tf.TensorArray` in TF 1.x graph mode (the v3 ops of `tensor_array_ops.py`).

A TensorArray is a handle and a flow tensor; every write/scatter returns a new
TensorArray object on the new flow (sharing the handle and the inferred element
shape), which is how while loops carry them. Built for graph structure (the
ops have no kernels here); the handle is a `resource` as in TF 1.15 (the Rust graph,
which has no resource dtype, holds it as a string).
"""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import Tensor, get_default_graph, name_scope
from ..framework.tensor_shape import TensorShape
from .gen import apply_op

_HANDLE_PASSING = ("Enter", "RefEnter", "Identity", "Switch", "Merge", "Exit", "NextIteration",
                   "TensorArrayGradV3")


def _handle_element_shape(handle):
    """The element shape TF's shape inference carries with a TensorArray handle (its
    resource handle data): set by TensorArrayV3 from its `element_shape` attr when fully
    defined or `identical_element_shapes`, passed on by Enter/Switch/…/TensorArrayGradV3;
    None where there is none."""
    op = handle.op
    while op.type in _HANDLE_PASSING and op.inputs:
        op = op.inputs[0].op
    if op.type != "TensorArrayV3":
        return None
    shape = TensorShape(op.get_attr("element_shape"))
    if shape.is_fully_defined() or op.get_attr("identical_element_shapes"):
        return shape
    return None


class TensorArray:
    def __new__(cls, *args, **kwargs):
        # TF 2.x graphs (control flow v2) make `_GraphTensorArrayV2` (`tensor_array_v2.py`).
        from .tensor_array_v2 import TensorArrayV2

        if (args or kwargs) and not issubclass(cls, TensorArrayV2) and \
                get_default_graph()._target.v2_gradients_and_control_flow:
            ta = object.__new__(TensorArrayV2)
            if not isinstance(ta, cls):  # (else Python calls __init__ itself)
                ta.__init__(*args, **kwargs)
            return ta
        return object.__new__(cls)

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None,
                 tensor_array_name=None, handle=None, flow=None, infer_shape=True,
                 element_shape=None, colocate_with_first_write_call=True, name=None):
        self._dtype = _dtypes.as_dtype(dtype).base_dtype
        self._dynamic_size = bool(dynamic_size)
        self._infer_shape = infer_shape
        self._element_shape = [TensorShape(element_shape)]
        if handle is not None:
            if flow is None:
                raise ValueError("flow must not be None if handle is not None.")
            self._handle, self._flow = handle, flow
            return
        if size is None:
            raise ValueError("Size must be provided if handle is not provided")
        g = get_default_graph()
        with name_scope(name, "TensorArray", [size]) as scope:
            size = convert_to_tensor(size, dtype=_dtypes.int32, name="size") \
                if not isinstance(size, Tensor) else size
            attrs = {"dtype": self._dtype, "element_shape": self._element_shape[0],
                     "identical_element_shapes": infer_shape,
                     "dynamic_size": self._dynamic_size,
                     "clear_after_read": True if clear_after_read is None else clear_after_read,
                     "tensor_array_name": tensor_array_name or ""}
            self._handle, self._flow = g._create_op(
                "TensorArrayV3", [size], scope, attrs=attrs,
                outputs=[(_dtypes.resource, TensorShape([2])),
                         (_dtypes.float32, TensorShape([]))]).outputs

    @property
    def flow(self):
        return self._flow

    @property
    def handle(self):
        return self._handle

    @property
    def dtype(self):
        return self._dtype

    @property
    def element_shape(self):
        return self._element_shape[0]

    def _with_flow(self, flow):
        ta = TensorArray.__new__(TensorArray)
        ta._dtype, ta._dynamic_size, ta._infer_shape = (self._dtype, self._dynamic_size,
                                                         self._infer_shape)
        ta._element_shape = self._element_shape
        ta._handle, ta._flow = self._handle, flow
        return ta

    def _check_element_shape(self, shape):
        if not shape.is_compatible_with(self.element_shape):
            raise ValueError(f"Inconsistent shapes: saw {shape} but expected "
                             f"{self.element_shape} ")
        if self._infer_shape:
            self._element_shape[0] = self.element_shape.merge_with(shape)

    def identity(self):
        from .array_ops import identity

        return self._with_flow(identity(self._flow))

    def read(self, index, name=None):
        known = _handle_element_shape(self._handle)
        value = apply_op("TensorArrayReadV3", name, [(self._handle, "handle", None),
                                                     (index, "index", _dtypes.int32),
                                                     (self._flow, "flow_in", None)],
                         outputs=[(self._dtype, TensorShape(None) if known is None
                                   else known)],
                         attrs={"dtype": self._dtype})
        if self.element_shape.rank is not None:
            value.set_shape(self.element_shape)
        return value

    def write(self, index, value, name=None):
        with name_scope(name, "TensorArrayWrite", [self._handle, index, value]):
            value = convert_to_tensor(value, preferred_dtype=self._dtype, name="value")
            self._check_dtype(value)
            self._check_element_shape(value.shape)
            flow = apply_op("TensorArrayWriteV3", name,
                            [(self._handle, "handle", None), (index, "index", _dtypes.int32),
                             (value, "value", None), (self._flow, "flow_in", None)],
                            outputs=[(_dtypes.float32, TensorShape([]))])
        return self._with_flow(flow)

    def _check_dtype(self, value):
        if value.dtype != self._dtype:
            raise ValueError(f"TensorArray dtype is {self._dtype.name} but Op is trying to "
                             f"write dtype {value.dtype.name}.")

    def size(self, name=None):
        return apply_op("TensorArraySizeV3", name, [(self._handle, "handle", None),
                                                    (self._flow, "flow_in", None)],
                        outputs=[(_dtypes.int32, TensorShape([]))])

    def gather(self, indices, name=None):
        shape = self.element_shape
        known = _handle_element_shape(self._handle)
        known = shape if known is None else known  # else TF reads the op's own attr
        value = apply_op("TensorArrayGatherV3", name,
                         [(self._handle, "handle", None), (indices, "indices", _dtypes.int32),
                          (self._flow, "flow_in", None)],
                         outputs=[(self._dtype, TensorShape(None) if known.rank is None
                                   else TensorShape([None]).concatenate(known))],
                         attrs={"dtype": self._dtype, "element_shape": shape})
        if shape.rank is not None:
            # A gradient array's shape comes from the handle's data, where TF's shape
            # function also knows the number of indices.
            first = None
            if getattr(self, "_from_handle_data", False):
                first = convert_to_tensor(indices).shape.with_rank_at_least(1).dims[0].value
            value.set_shape(TensorShape([first]).concatenate(shape))
        return value

    def concat(self, name=None):
        """The elements concatenated along their first axis (TensorArrayConcatV3)."""
        shape = self.element_shape
        rest = shape[1:] if shape.rank else TensorShape(None)
        value = apply_op("TensorArrayConcatV3", name,
                         [(self._handle, "handle", None), (self._flow, "flow_in", None)],
                         outputs=[(self._dtype, TensorShape(None)),
                                  (_dtypes.int64, TensorShape([None]))],
                         attrs={"dtype": self._dtype, "element_shape_except0": rest})[0]
        if shape.rank:
            value.set_shape(TensorShape([None]).concatenate(shape[1:]))
        return value

    def stack(self, name=None):
        from .array_ops import range as _range

        with name_scope(name, "TensorArrayStack", [self._handle]):
            return self.gather(_range(0, self.size()), name=name)

    def scatter(self, indices, value, name=None):
        with name_scope(name, "TensorArrayScatter", [self._handle, value, indices]):
            value = convert_to_tensor(value, preferred_dtype=self._dtype, name="value")
            self._check_dtype(value)
            if value.shape.rank:
                self._check_element_shape(value.shape[1:])
            flow = apply_op("TensorArrayScatterV3", name,
                            [(self._handle, "handle", None),
                             (indices, "indices", _dtypes.int32), (value, "value", None),
                             (self._flow, "flow_in", None)],
                            outputs=[(_dtypes.float32, TensorShape([]))])
        return self._with_flow(flow)

    def unstack(self, value, name=None):
        from .array_ops import range as _range
        from .array_ops import shape as _shape

        with name_scope(name, "TensorArrayUnstack", [self._handle, value]):
            n = _shape(value)[0]
            return self.scatter(indices=_range(0, n), value=value, name=name)

    def close(self, name=None):
        return apply_op("TensorArrayCloseV3", name, [(self._handle, "handle", None)],
                        outputs=[])


def _grad(self, source, flow=None, name=None):
    """`TensorArray.grad`: the gradient TensorArray of this one (TensorArrayGradV3),
    its flow an Identity `gradient_flow` after the handle."""
    from .array_ops import identity

    flow = self._flow if flow is None else flow
    g = get_default_graph()
    with name_scope(name, "TensorArrayGrad", [self._handle]):
        g_handle, _ = apply_op("TensorArrayGradV3", name,
                               [(self._handle, "handle", None), (flow, "flow_in", None)],
                               outputs=[(_dtypes.resource, TensorShape([2])),
                                        (_dtypes.float32, TensorShape([]))],
                               attrs={"source": source})
        with g.control_dependencies([g_handle]):
            flow = identity(flow, name="gradient_flow")
        ga = TensorArray(dtype=self._dtype, handle=g_handle, flow=flow,
                         infer_shape=self._infer_shape)
        ga._element_shape = self._element_shape
        return ga


TensorArray.grad = _grad
