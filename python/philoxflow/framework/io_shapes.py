"""Shape functions of queue, reader, accumulator, parsing and string ops (TF 1.15's
`data_flow_ops.cc`, `io_ops.cc`, `parsing_ops.cc`, `string_ops.cc`)."""

from __future__ import annotations

import numpy as np

from .common_shapes import register, scalar, unchanged, unknown
from .tensor_shape import TensorShape

register("FIFOQueueV2", "PaddingFIFOQueueV2", "PriorityQueueV2", "RandomShuffleQueueV2",
         "QueueSizeV2", "QueueIsClosedV2", "TFRecordReaderV2", "TextLineReaderV2",
         "WholeFileReaderV2", "IdentityReaderV2", "FixedLengthRecordReaderV2",
         "ReaderNumRecordsProducedV2", "ReaderNumWorkUnitsCompletedV2",
         "ReaderSerializeStateV2", "ResourceConditionalAccumulator",
         "ResourceAccumulatorNumAccumulated", "AccumulatorNumAccumulated",
         "ReaderNumRecordsProduced", "ReaderNumWorkUnitsCompleted",
         "ReaderSerializeState")(scalar)
register("QueueDequeueV2", "QueueDequeueManyV2", "QueueDequeueUpToV2",
         "ResourceAccumulatorTakeGradient", "AccumulatorTakeGradient")(unknown)
register("StaticRegexReplace", "RegexReplace", "StringToNumber", "StringToHashBucket",
         "StringToHashBucketFast", "StringToHashBucketStrong", "AsString")(unchanged)


def _dims(s):
    s = TensorShape(s)
    return None if s.rank is None else s.as_list()


@register("SparseConditionalAccumulator", "ConditionalAccumulator", "LMDBReader",
          "FakeQueue")
def _ref_handle(ctx):
    return [[2]]


@register("ReaderReadV2", "ReaderRead")
def _read(ctx):
    return [[], []]


@register("ReaderReadUpToV2", "ReaderReadUpTo")
def _read_up_to(ctx):
    return [[None], [None]]


@register("SparseAccumulatorTakeGradient")
def _sparse_take(ctx):
    return [None, None, None]


@register("ParseExample")
def _parse_example(ctx):
    n_sparse = len(ctx.attr("sparse_types") or [])
    batch = ctx.input(0)
    batch = None if batch is None or not batch else batch[0]
    dense = [None if _dims(s) is None else [batch] + _dims(s)
             for s in ctx.attr("dense_shapes") or []]
    return [[None, 2]] * n_sparse + [[None]] * n_sparse + [[2]] * n_sparse + dense


@register("ParseSingleExample")
def _parse_single_example(ctx):
    n = int(ctx.attr("num_sparse") or 0)
    dense = [_dims(s) for s in ctx.attr("dense_shapes") or []]
    return [[None, 1]] * n + [[None]] * n + [[1]] * n + dense


@register("ParseSingleSequenceExample")
def _parse_single_sequence_example(ctx):
    cs = len(ctx.attr("context_sparse_types") or [])
    fs = len(ctx.attr("feature_list_sparse_types") or [])
    cd = [_dims(s) for s in ctx.attr("context_dense_shapes") or []]
    fd = [None if _dims(s) is None else [None] + _dims(s)
          for s in ctx.attr("feature_list_dense_shapes") or []]
    return ([[None, 1]] * cs + [[None]] * cs + [[1]] * cs + cd
            + [[None, 2]] * fs + [[None]] * fs + [[2]] * fs + fd)


@register("DecodeCSV")
def _decode_csv(ctx):
    return [ctx.input(0)] * (ctx.num_inputs - 1)


@register("DecodeRaw")
def _decode_raw(ctx):
    s = ctx.input(0)
    return [None if s is None else list(s) + [None]]


@register("StringSplit")
def _string_split(ctx):
    return [[None, 2], [None], [2]]


@register("Substr")
def _substr(ctx):
    from .common_shapes import broadcast_shapes

    return [broadcast_shapes(ctx, ctx.input(0), ctx.input(1))]


@register("ReduceJoin")
def _reduce_join(ctx):
    s, axes = ctx.input(0), ctx.value(1)
    keep = bool(ctx.attr("keep_dims"))
    if s is None or axes is None:
        return [None]
    axes = {int(a) % len(s) if len(s) else int(a) for a in np.ravel(axes)}
    return [[1 if i in axes else d for i, d in enumerate(s)] if keep
            else [d for i, d in enumerate(s) if i not in axes]]


@register("SdcaFprint")
def _sdca_fprint(ctx):
    s = ctx.input(0)
    return [None if s is None else list(s) + [2]]
