"""Python kernels of tf.data's ops: each makes a `runtime` dataset from its inputs, or
drives an iterator kept in the running session (`framework/py_kernels.py`)."""

from __future__ import annotations

import numpy as np

from ..framework import py_kernels
from ..framework.py_kernels import kernel
from . import runtime as rt
from . import transforms as tr


def _i(v):
    return int(np.asarray(v))


@kernel("RangeDataset")
def _range(ctx, op, ins):
    return [rt.Range(*[_i(v) for v in ins])]


@kernel("TensorSliceDataset")
def _slices(ctx, op, ins):
    return [rt.TensorSlices(ins)]


@kernel("TensorDataset")
def _tensors(ctx, op, ins):
    return [rt.Tensors(ins)]


@kernel("ShuffleDataset")
def _shuffle(ctx, op, ins):
    ds, buf, s1, s2 = ins
    return [rt.Shuffle(ds, _i(buf), _i(s1), _i(s2), op._attrs["reshuffle_each_iteration"],
                       owned=op._attrs.get("_tf2", False))]


@kernel("RandomDataset")
def _random(ctx, op, ins):
    return [rt.RandomInts(_i(ins[0]), _i(ins[1]),
                          op._attrs.get("rerandomize_each_iteration", False))]


@kernel("RepeatDataset")
def _repeat(ctx, op, ins):
    return [tr.Repeat(ins[0], _i(ins[1]), op._attrs.get("_tf2", False))]


@kernel("TakeDataset")
def _take(ctx, op, ins):
    return [tr.Take(ins[0], _i(ins[1]))]


@kernel("SkipDataset")
def _skip(ctx, op, ins):
    return [tr.Skip(ins[0], _i(ins[1]))]


@kernel("BatchDatasetV2")
def _batch(ctx, op, ins):
    return [tr.Batch(ins[0], _i(ins[1]), bool(ins[2]))]


@kernel("UnbatchDataset")
def _unbatch(ctx, op, ins):
    return [tr.Unbatch(ins[0])]


@kernel("PrefetchDataset", "OptimizeDataset", "ModelDataset")
def _passthrough(ctx, op, ins):
    return [tr.Prefetch(ins[0])]


@kernel("ZipDataset")
def _zip(ctx, op, ins):
    return [tr.Zip(ins)]


@kernel("ConcatenateDataset")
def _concatenate(ctx, op, ins):
    return [tr.Concatenate(ins[0], ins[1])]


@kernel("MapDataset")
def _map(ctx, op, ins):
    return [tr.Map(ins[0], op._attrs["f"], ins[1:])]


@kernel("ParallelMapDataset", "ParallelMapDatasetV2")
def _parallel_map(ctx, op, ins):
    return [tr.Map(ins[0], op._attrs["f"], ins[1:-1])]


@kernel("ParallelInterleaveDatasetV2")
def _parallel_interleave(ctx, op, ins):
    return [tr.Interleave(ins[0], op._attrs["f"], ins[1:-3], _i(ins[-3]), _i(ins[-2]),
                          parallel=True)]


@kernel("ParallelInterleaveDatasetV4")
def _parallel_interleave_v4(ctx, op, ins):
    return [tr.Interleave(ins[0], op._attrs["f"], ins[1:-5], _i(ins[-5]), _i(ins[-4]),
                          parallel=True)]


@kernel("ShardDataset")
def _shard(ctx, op, ins):
    return [tr.Shard(ins[0], _i(ins[1]), _i(ins[2]))]


@kernel("FilterDataset")
def _filter(ctx, op, ins):
    return [tr.Filter(ins[0], op._attrs["predicate"], ins[1:])]


@kernel("InterleaveDataset")
def _interleave(ctx, op, ins):
    return [tr.Interleave(ins[0], op._attrs["f"], ins[1:-2], _i(ins[-2]), _i(ins[-1]))]


@kernel("FlatMapDataset")
def _flat_map(ctx, op, ins):
    # TF's FlatMapDataset names each element's iterator by the element's index
    # (MakeIteratorFromInputElement's `thread_index`), as the parallel interleave does
    return [tr.Interleave(ins[0], op._attrs["f"], ins[1:], 1, 1, parallel=True)]


# ----------------------------------------------------------------- iterators

def _resource(ctx, op):
    res = ctx.state.get(op._id)
    if res is None:  # (setdefault: one resource even when two threads get here)
        res = ctx.state.setdefault(op._id, rt.IteratorResource())
    return res


@kernel("IteratorV2")
def _iterator(ctx, op, ins):
    return [_resource(ctx, op)]


@kernel("OneShotIterator")
def _one_shot(ctx, op, ins):
    res = _resource(ctx, op)
    with res.lock:
        if not getattr(res, "made", False):
            variant = op._attrs["dataset_factory"]
            ds = py_kernels.run(ctx.session, [variant.op._id], [], [])[0]
            res.make(rt.optimize(ds))
            res.made = True
    return [res]


@kernel("MakeIterator")
def _make_iterator(ctx, op, ins):
    ins[1].make(rt.optimize(ins[0]))
    return []


@kernel("IteratorToStringHandle")
def _to_string_handle(ctx, op, ins):
    return [np.asarray(op.name.encode(), dtype=object)]


@kernel("IteratorGetNext")
def _get_next(ctx, op, ins):
    x = ins[0].get_next()
    return [np.asarray(v, dtype=t.dtype.as_numpy_dtype) for v, t in zip(x, op._outputs)]


@kernel("DirectedInterleaveDataset")
def _directed_interleave(ctx, op, ins):
    return [tr.DirectedInterleave(ins[0], ins[1:], op._attrs.get("stop_on_empty_dataset"))]


@kernel("PaddedBatchDatasetV2")
def _padded_batch(ctx, op, ins):
    n = op._attrs["N"]
    shapes, pads = ins[2:2 + n], ins[2 + n:2 + 2 * n]
    return [tr.PaddedBatch(ins[0], _i(ins[1]), shapes, pads, bool(ins[-1]))]


@kernel("CacheDataset")
def _cache(ctx, op, ins):
    name = np.asarray(ins[1]).item()
    if name not in (b"", ""):
        from .. import errors

        raise errors.UnimplementedError(None, op, "CacheDataset with a file name is not "
                                        "reproduced (only the in-memory cache)")
    return [tr.Cache(ins[0])]
