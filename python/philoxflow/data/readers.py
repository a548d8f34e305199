"""File datasets of `tf.data` (`data/ops/readers.py`), built as TF 1.15 builds them: the
file names flattened (`flat_filenames`) into a TensorSliceDataset, one reader dataset per
file inside a `flat_map` (or a parallel interleave), the optional arguments as `Const`s
with TF's defaults (a 256 KiB buffer). Reading files runs where string tensors run."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.tensor_shape import TensorShape
from . import nest
from .dataset_ops import AUTOTUNE, DatasetV1

_BUFFER = 256 * 1024


def _optional(name, value, default, dtype=_dtypes.int64):
    """TF's `convert.optional_param_to_tensor`."""
    return convert_to_tensor(default if value is None else value, dtype=dtype, name=name)


def _filenames_dataset(filenames):
    from ..ops.array_ops import reshape

    if isinstance(filenames, DatasetV1):
        if filenames.output_types != _dtypes.string:
            raise TypeError("`filenames` must be a `tf.data.Dataset` of `tf.string` elements.")
        if not filenames.output_shapes.is_compatible_with(TensorShape([])):
            raise TypeError("`filenames` must be a `tf.data.Dataset` of scalar `tf.string` "
                            "elements.")
        return filenames
    filenames = convert_to_tensor(filenames, dtype=_dtypes.string)
    filenames = reshape(filenames, [-1], name="flat_filenames")
    return DatasetV1.from_tensor_slices(filenames)


_STRING = nest.Spec(_dtypes.string, TensorShape([]))


def _source(op_type, inputs, attrs=None):
    return DatasetV1(None, _STRING)._new(op_type, inputs, _STRING, attrs)


def _reader(creator, filenames, num_parallel_reads):
    def read_one_file(filename):
        filename = convert_to_tensor(filename, _dtypes.string, name="filename")
        return creator(filename)

    if num_parallel_reads is None:
        return filenames.flat_map(read_one_file)
    if num_parallel_reads == AUTOTUNE:
        return filenames.interleave(read_one_file, num_parallel_calls=num_parallel_reads)
    raise NotImplementedError("num_parallel_reads > 0 (TF's ParallelInterleaveDataset) is not "
                              "built yet")


class _FileDataset(DatasetV1):
    def __init__(self, impl):
        super().__init__(impl._variant_tensor, impl._structure)

    def _new(self, *args, **kwargs):
        # Transformations give plain datasets (TF 1.15's DatasetV1Adapter), not readers.
        return DatasetV1(self._variant_tensor, self._structure)._new(*args, **kwargs)


class TFRecordDataset(_FileDataset):
    """`tf.data.TFRecordDataset`: the records of TFRecord files."""

    def __init__(self, filenames, compression_type=None, buffer_size=None,
                 num_parallel_reads=None):
        def creator(filename):
            return _source("TFRecordDataset", [
                filename, _optional("compression_type", compression_type, "", _dtypes.string),
                _optional("buffer_size", buffer_size, _BUFFER)])

        super().__init__(_reader(creator, _filenames_dataset(filenames), num_parallel_reads))


class TextLineDataset(_FileDataset):
    """`tf.data.TextLineDataset`: the lines of text files."""

    def __init__(self, filenames, compression_type=None, buffer_size=None,
                 num_parallel_reads=None):
        def creator(filename):
            return _source("TextLineDataset", [
                filename, _optional("compression_type", compression_type, "", _dtypes.string),
                _optional("buffer_size", buffer_size, _BUFFER)])

        super().__init__(_reader(creator, _filenames_dataset(filenames), num_parallel_reads))


class FixedLengthRecordDataset(_FileDataset):
    """`tf.data.FixedLengthRecordDataset`: fixed-size records of binary files."""

    def __init__(self, filenames, record_bytes, header_bytes=None, footer_bytes=None,
                 buffer_size=None, compression_type=None, num_parallel_reads=None):
        def creator(filename):
            rb = convert_to_tensor(record_bytes, dtype=_dtypes.int64, name="record_bytes")
            hb = _optional("header_bytes", header_bytes, 0)
            fb = _optional("footer_bytes", footer_bytes, 0)
            bs = _optional("buffer_size", buffer_size, _BUFFER)
            ct = _optional("compression_type", compression_type, "", _dtypes.string)
            return _source("FixedLengthRecordDatasetV2", [filename, hb, rb, fb, bs, ct])

        super().__init__(_reader(creator, _filenames_dataset(filenames), num_parallel_reads))


def get_output_types(dataset_or_iterator):
    """`tf.data.get_output_types`."""
    return dataset_or_iterator.output_types


def get_output_shapes(dataset_or_iterator):
    """`tf.data.get_output_shapes`."""
    return dataset_or_iterator.output_shapes


def get_output_classes(dataset_or_iterator):
    """`tf.data.get_output_classes`: `tf.Tensor` for each dense component."""
    from ..framework.ops import Tensor

    return nest.map_structure(lambda s: Tensor, dataset_or_iterator._structure)
