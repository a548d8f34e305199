"""`tf.TensorArray` as TF 2.x builds it in a graph with control flow v2 (its
`_GraphTensorArrayV2` over `list_ops`): the array is a TensorList variant, its
`flow`; there is no handle. Each write returns a new array on the new flow sharing
the inferred element shape, which is how `while_v2` carries arrays (their flows are
the loop variables). Built for graph structure, as the v1 TensorArray is.
"""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.op_def_library import apply_op_helper
from ..framework.ops import Tensor, name_scope
from ..framework.tensor_shape import Dimension, TensorShape
from ..framework.tensor_util import constant_value
from .tensor_array_ops import TensorArray


def _build_element_shape(shape):
    """TF's `list_ops._build_element_shape`: -1 for an unknown shape, a Const for a
    scalar's `[]`, else the dims with -1 for unknown ones."""
    if isinstance(shape, Tensor):
        return shape
    if isinstance(shape, TensorShape):
        shape = shape.as_list() if shape.rank is not None else None
    if shape is None:
        return -1
    if isinstance(shape, (np.ndarray, np.generic)) or not shape:
        return convert_to_tensor(shape, dtype=_dtypes.int32)

    def convert(d):
        if d is None:
            return -1
        if isinstance(d, Dimension):
            return -1 if d.value is None else d.value
        return d
    return [convert(d) for d in shape]


def _variant(op):
    out = op.outputs[0]
    out.set_shape(TensorShape([]))
    return out


def _known(shape):
    return TensorShape(None) if shape is None else TensorShape(shape)


def tensor_list_reserve(element_shape, num_elements, element_dtype, name=None):
    return _variant(apply_op_helper("TensorListReserve", name=name,
                                    element_shape=_build_element_shape(element_shape),
                                    num_elements=num_elements, element_dtype=element_dtype))


def tensor_list_from_tensor(tensor, element_shape, name=None):
    tensor = convert_to_tensor(tensor)
    return _variant(apply_op_helper("TensorListFromTensor", name=name, tensor=tensor,
                                    element_shape=_build_element_shape(element_shape)))


def tensor_list_get_item(input_handle, index, element_dtype, element_shape=None, name=None):
    out = apply_op_helper("TensorListGetItem", name=name, input_handle=input_handle,
                          index=index, element_shape=_build_element_shape(element_shape),
                          element_dtype=element_dtype).outputs[0]
    if isinstance(element_shape, TensorShape):
        out.set_shape(element_shape)
    return out


def tensor_list_set_item(input_handle, index, item, resize_if_index_out_of_bounds=False,
                         name=None):
    kwargs = {"resize_if_index_out_of_bounds": True} if resize_if_index_out_of_bounds else {}
    return _variant(apply_op_helper("TensorListSetItem", name=name, input_handle=input_handle,
                                    index=index, item=item, **kwargs))


def tensor_list_stack(input_handle, element_dtype, num_elements=-1, element_shape=None,
                      name=None):
    out = apply_op_helper("TensorListStack", name=name, input_handle=input_handle,
                          element_shape=_build_element_shape(element_shape),
                          element_dtype=element_dtype, num_elements=num_elements).outputs[0]
    if isinstance(element_shape, TensorShape) and element_shape.rank is not None:
        out.set_shape(TensorShape([None if num_elements == -1 else num_elements])
                      .concatenate(element_shape))
    return out


def tensor_list_gather(input_handle, indices, element_dtype, element_shape=None, name=None):
    out = apply_op_helper("TensorListGather", name=name, input_handle=input_handle,
                          indices=indices, element_shape=_build_element_shape(element_shape),
                          element_dtype=element_dtype).outputs[0]
    if isinstance(element_shape, TensorShape) and element_shape.rank is not None:
        out.set_shape(TensorShape([None]).concatenate(element_shape))
    return out


def tensor_list_length(input_handle, name=None):
    out = apply_op_helper("TensorListLength", name=name, input_handle=input_handle).outputs[0]
    out.set_shape(TensorShape([]))
    return out


class TensorArrayV2(TensorArray):
    """TF 2.x's graph TensorArray (`_GraphTensorArrayV2`)."""

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None,
                 tensor_array_name=None, handle=None, flow=None, infer_shape=True,
                 element_shape=None, colocate_with_first_write_call=True, name=None):
        self._dynamic_size = dynamic_size
        self._size = size
        if flow is not None and (not isinstance(flow, Tensor) or flow.dtype != _dtypes.variant):
            raise TypeError(f"Expected `flow` to be a variant tensor, but received "
                            f"`{getattr(flow, 'dtype', None)}` instead.")
        if flow is None and size is None:
            raise ValueError("Argument `size` must be provided if argument `flow` is not "
                             "provided.")
        if flow is not None and size is not None:
            raise ValueError("Cannot provide both `flow` and `size` arguments at the same "
                             "time.")
        self._dtype = _dtypes.as_dtype(dtype).base_dtype
        self._element_shape = [TensorShape(element_shape)]
        self._infer_shape = infer_shape
        self._handle = None
        with name_scope(name, "TensorArrayV2", [size, flow]) as scope:
            if flow is None:
                self._flow = tensor_list_reserve(element_shape, size, self._dtype, name=scope)
            else:
                self._flow = flow

    def _with_flow(self, flow):
        """TF's `build_ta_with_new_flow` (the element shape list is shared); like TF's
        constructor it takes a `TensorArrayV2` scope name, making no op."""
        with name_scope(None, "TensorArrayV2", [flow]):
            pass
        ta = TensorArrayV2.__new__(TensorArrayV2)
        ta._dtype, ta._dynamic_size, ta._infer_shape = (self._dtype, self._dynamic_size,
                                                         self._infer_shape)
        ta._size, ta._handle, ta._flow = self._size, None, flow
        ta._element_shape = self._element_shape
        return ta

    def identity(self):
        from .array_ops import identity

        return self._with_flow(identity(self._flow))

    def read(self, index, name=None):
        with name_scope(name, "TensorArrayV2Read", [self._flow, index]):
            return tensor_list_get_item(self._flow, index, self._dtype, self.element_shape,
                                        name=name)

    def write(self, index, value, name=None):
        with name_scope(name, "TensorArrayV2Write", [self._flow, index, value]):
            value = convert_to_tensor(value, preferred_dtype=self._dtype, name="value")
            self._check_element_shape(value.shape)
            flow = tensor_list_set_item(self._flow, index, value, self._dynamic_size,
                                        name=name)
            return self._with_flow(flow)

    def stack(self, name=None):
        with name_scope(name, "TensorArrayV2Stack", [self._flow]):
            ta_size = -1
            if not self._dynamic_size and self._size is not None:
                v = self._size if not isinstance(self._size, Tensor) else constant_value(
                    self._size)
                ta_size = -1 if v is None else int(v)
            return tensor_list_stack(self._flow, self._dtype, ta_size, self.element_shape)

    def gather(self, indices, name=None):
        return tensor_list_gather(self._flow, indices, self._dtype, self.element_shape,
                                  name=name)

    def unstack(self, value, name=None):
        with name_scope(name, "TensorArrayUnstack", [self._flow, value]):
            value = convert_to_tensor(value, preferred_dtype=self._dtype, name="value")
            self._check_element_shape(value.shape[1:])
            flow = tensor_list_from_tensor(value, value.shape[1:])
            return self._with_flow(flow)

    def scatter(self, indices, value, name=None):
        raise NotImplementedError("TensorArray.scatter under control flow v2 is not "
                                  "reproduced")

    def size(self, name=None):
        if not self._dynamic_size and self._size is not None:
            return convert_to_tensor(self._size, dtype=_dtypes.int32)
        return tensor_list_length(self._flow, name=name)

    def close(self, name=None):
        from .control_flow_ops import no_op

        return no_op(name=name)
