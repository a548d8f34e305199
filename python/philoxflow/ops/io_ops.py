"""TF 1.x readers (`tensorflow/python/ops/io_ops.py`): a reader op (`TFRecordReaderV2`, ...)
and the `ReaderReadV2`-family ops that read work units (file names) from a queue, built as
TF 1.15 builds them. `LMDBReader` keeps TF's reference-typed handle (reads go through
`FakeQueue` and `ReaderRead`). Reading files runs through Python kernels
(`ops/queue_kernels.py`) where one exists; others raise UnimplementedError naming the op."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.ops import Tensor
from . import parsing_kernels  # noqa: F401 - parsing and readers run where strings do
from .data_flow_ops import _op


class ReaderBase:
    """`tf.ReaderBase`: the read API over a reader handle."""

    def __init__(self, reader_ref, supports_serialize=False):
        self._reader_ref = reader_ref
        self._supports_serialize = supports_serialize

    reader_ref = property(lambda self: self._reader_ref)
    supports_serialize = property(lambda self: self._supports_serialize)

    def _resource(self):
        return self._reader_ref.dtype == _dtypes.resource

    def _v(self, base, name, **kw):
        if self._resource():
            return _op(base + "V2", name, reader_handle=self._reader_ref, **kw)
        return _op(base, name, reader_handle=self._reader_ref, **kw)

    def read(self, queue, name=None):
        ref = queue if isinstance(queue, Tensor) else queue.queue_ref
        if self._resource():
            return _op("ReaderReadV2", name, reader_handle=self._reader_ref, queue_handle=ref)
        old = _op("FakeQueue", None, resource=ref)
        return _op("ReaderRead", name, reader_handle=self._reader_ref, queue_handle=old)

    def read_up_to(self, queue, num_records, name=None):
        ref = queue if isinstance(queue, Tensor) else queue.queue_ref
        if self._resource():
            return _op("ReaderReadUpToV2", name, reader_handle=self._reader_ref,
                       queue_handle=ref, num_records=num_records)
        old = _op("FakeQueue", None, resource=ref)
        return _op("ReaderReadUpTo", name, reader_handle=self._reader_ref, queue_handle=old,
                   num_records=num_records)

    def num_records_produced(self, name=None):
        return self._v("ReaderNumRecordsProduced", name)

    def num_work_units_completed(self, name=None):
        return self._v("ReaderNumWorkUnitsCompleted", name)

    def serialize_state(self, name=None):
        return self._v("ReaderSerializeState", name)

    def restore_state(self, state, name=None):
        return self._v("ReaderRestoreState", name, state=state)

    def reset(self, name=None):
        return self._v("ReaderReset", name)


class WholeFileReader(ReaderBase):
    """`tf.WholeFileReader`: one record per file, its whole contents."""

    def __init__(self, name=None):
        super().__init__(_op("WholeFileReaderV2", name), supports_serialize=True)


class TextLineReader(ReaderBase):
    """`tf.TextLineReader`: one record per line."""

    def __init__(self, skip_header_lines=None, name=None):
        super().__init__(_op("TextLineReaderV2", name, skip_header_lines=skip_header_lines))


class FixedLengthRecordReader(ReaderBase):
    """`tf.FixedLengthRecordReader`."""

    def __init__(self, record_bytes, header_bytes=None, footer_bytes=None, hop_bytes=None,
                 name=None, encoding=None):
        super().__init__(_op("FixedLengthRecordReaderV2", name, record_bytes=record_bytes,
                             header_bytes=header_bytes, footer_bytes=footer_bytes,
                             hop_bytes=hop_bytes, encoding=encoding))


class TFRecordReader(ReaderBase):
    """`tf.TFRecordReader`: records of TFRecord files."""

    def __init__(self, name=None, options=None):
        from ..python_io import TFRecordOptions

        super().__init__(_op("TFRecordReaderV2", name, compression_type=(
            TFRecordOptions.get_compression_type_string(options))))


class LMDBReader(ReaderBase):
    """`tf.LMDBReader` (a reference-typed reader, as TF 1.15 builds it)."""

    def __init__(self, name=None, options=None):
        del options
        super().__init__(_op("LMDBReader", name))


class IdentityReader(ReaderBase):
    """`tf.IdentityReader`: the work unit itself is the record."""

    def __init__(self, name=None):
        super().__init__(_op("IdentityReaderV2", name), supports_serialize=True)
