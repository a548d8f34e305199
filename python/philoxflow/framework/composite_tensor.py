"""What `tf.IndexedSlices` and `tf.SparseTensor` share: three tensors (`values`,
`indices`, `dense_shape`) that stand for one dense tensor, with the op and dtype of
`values` (TF's choice for both)."""

from __future__ import annotations


class ValuesIndicesShape:
    """Read-only `values`, `indices`, `dense_shape`; `op` and `dtype` from `values`."""

    __slots__ = ()

    @property
    def values(self):
        return self._values

    @property
    def indices(self):
        return self._indices

    @property
    def dense_shape(self):
        return self._dense_shape

    @property
    def op(self):
        return self._values.op

    @property
    def dtype(self):
        return self._values.dtype
