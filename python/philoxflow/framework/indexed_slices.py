"""`tf.IndexedSlices`: the sparse gradient of a gather (values, indices, dense_shape).

Optimizers apply them with their sparse updates; where a dense tensor is needed
they become one (`convert_to_tensor` of an IndexedSlices builds TF's
UnsortedSegmentSum), as TF does.
"""

from __future__ import annotations

from .composite_tensor import ValuesIndicesShape


class IndexedSlices(ValuesIndicesShape):
    """A sparse slice set of a dense tensor of shape `dense_shape`."""

    def __init__(self, values, indices, dense_shape=None):
        self._values = values
        self._indices = indices
        self._dense_shape = dense_shape

    @property
    def name(self):
        return self._values.name

    @property
    def graph(self):
        return self._values.graph

    @property
    def device(self):
        return ""

    def __repr__(self):
        return (f"IndexedSlices(indices={self._indices}, values={self._values}"
                + (f", dense_shape={self._dense_shape})" if self._dense_shape is not None
                   else ")"))
