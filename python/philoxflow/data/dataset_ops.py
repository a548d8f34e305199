"""`tf.data.Dataset` in graph mode: each method builds the ops TF 1.15 builds.

Datasets are created at Python object creation, as in TF 1.15, so their ops
(and the op ids that later graph-seed-only random ops take as seeds) come in
TF's order, with TF's names. Running them is `runtime.py`'s business (through
the Python kernels in `kernels.py`).
"""

from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework import random_seed as _core_seed
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import Tensor, get_default_graph, name_scope
from ..framework.tensor_shape import TensorShape
from ..ops.gen import apply_op
from . import eager, nest
from .function import StructuredFunction

AUTOTUNE = -1


def _i64(value, name):
    return convert_to_tensor(value, dtype=_dtypes.int64, name=name)


def get_seed(seed):
    """`data/util/random_seed.get_seed`: the `seed`, `seed2` int64 tensors of a dataset."""
    s1, s2 = _core_seed.get_seed(seed)
    seed_t = (constant(0, dtype=_dtypes.int64, name="seed") if s1 is None
              else _i64(s1, "seed"))
    if s2 is None:
        return seed_t, constant(0, dtype=_dtypes.int64, name="seed2")
    with name_scope("seed2") as scope:
        s2_t = convert_to_tensor(s2, dtype=_dtypes.int64)
        eq1 = apply_op("Equal", None, [(seed_t, "x", None), (0, "y", _dtypes.int64)],
                       dtype=_dtypes.bool, shape=[])
        eq2 = apply_op("Equal", None, [(s2_t, "x", None), (0, "y", _dtypes.int64)],
                       dtype=_dtypes.bool, shape=[])
        both = apply_op("LogicalAnd", None, [(eq1, "x", None), (eq2, "y", None)],
                        dtype=_dtypes.bool, shape=[])
        big = constant(2**31 - 1, dtype=_dtypes.int64)
        g = get_default_graph()
        # TF 2.x's get_seed uses where_v2 (SelectV2); TF 1.15's where (Select).
        select = "SelectV2" if getattr(g._target, "name", "").startswith("tensorflow 2") \
            else "Select"
        seed2_t = g._create_op(select, [both, big, s2_t], scope, dtype=_dtypes.int64,
                               shape=[]).outputs[0]
    return seed_t, seed2_t


class DatasetV1(nest.HasStructure):
    """A dataset: its variant tensor and element structure (nested `(dtype, shape)`)."""

    def __init__(self, variant: Tensor, structure):
        self._variant_tensor = variant
        self._structure = structure

    # -- structure
    def _flat_specs(self):
        return nest.flatten(self._structure)

    def _new(self, op_type, inputs, structure=None, attrs=None):
        specs = nest.flatten(self._structure if structure is None else structure)
        a = {"output_types": [s.dtype for s in specs], "output_shapes": [s.shape for s in specs]}
        a.update(attrs or {})
        structure = self._structure if structure is None else structure
        g = get_default_graph()
        if getattr(g._target, "name", "").startswith(eager.TF2_EAGER):
            a["_tf2"] = True  # TF 2.x kernels' rules (eager and tf.data functions)
        if eager.is_eager_graph(g):
            return type(self)(eager.make_dataset(op_type, inputs, a), structure)
        op = g._create_op(op_type, inputs, op_type, dtype=_dtypes.variant, shape=[], attrs=a)
        return type(self)(op.outputs[0], structure)

    # -- sources
    @classmethod
    def range(cls, *args):
        if len(args) == 1:
            start, stop, step = 0, args[0], 1
        elif len(args) == 2:
            start, stop, step = args[0], args[1], 1
        elif len(args) == 3:
            start, stop, step = args
        else:
            raise ValueError("Invalid arguments to RangeDataset: %s" % (args,))
        ins = [_i64(start, "start"), _i64(stop, "stop"), _i64(step, "step")]
        spec = nest.Spec(_dtypes.int64, TensorShape([]))
        return cls(None, spec)._new("RangeDataset", ins, spec)

    @classmethod
    def from_tensor_slices(cls, tensors):
        flat, structure = _normalize(tensors)
        if not flat:
            raise ValueError("Unbatching a tensor is only supported for rank >= 1")
        specs = [nest.Spec(t.dtype, t.shape[1:]) for t in flat]
        spec = nest.pack_sequence_as(structure, specs)
        return cls(None, spec)._new("TensorSliceDataset", flat, spec)

    @classmethod
    def from_tensors(cls, tensors):
        flat, structure = _normalize(tensors)
        spec = nest.pack_sequence_as(structure, [nest.Spec(t.dtype, t.shape) for t in flat])
        return cls(None, spec)._new(
            "TensorDataset", flat, spec, {"Toutput_types": [t.dtype for t in flat]})

    @classmethod
    def zip(cls, datasets):
        flat = nest.flatten_datasets(datasets)
        structure = nest.map_datasets(lambda d: d._structure, datasets)
        return cls(None, structure)._new(
            "ZipDataset", [d._variant_tensor for d in flat], structure, {"N": len(flat)})

    # -- transformations
    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=None):
        buf = _i64(buffer_size, "buffer_size")
        s1, s2 = get_seed(seed)
        reshuffle = True if reshuffle_each_iteration is None else bool(reshuffle_each_iteration)
        return self._new("ShuffleDataset", [self._variant_tensor, buf, s1, s2],
                         attrs={"reshuffle_each_iteration": reshuffle})

    def repeat(self, count=None):
        c = _i64(-1 if count is None else count, "count")
        return self._new("RepeatDataset", [self._variant_tensor, c])

    def take(self, count):
        return self._new("TakeDataset", [self._variant_tensor, _i64(count, "count")])

    def skip(self, count):
        return self._new("SkipDataset", [self._variant_tensor, _i64(count, "count")])

    def batch(self, batch_size, drop_remainder=False):
        bs = _i64(batch_size, "batch_size")
        dr = convert_to_tensor(drop_remainder, dtype=_dtypes.bool, name="drop_remainder")
        static = None
        if isinstance(batch_size, (int, np.integer)) and drop_remainder is True:
            static = int(batch_size)
        structure = nest.map_structure(
            lambda s: nest.Spec(s.dtype, TensorShape([static]).concatenate(s.shape)),
            self._structure)
        return self._new("BatchDatasetV2", [self._variant_tensor, bs, dr], structure,
                         {"parallel_copy": False})

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None,
                     drop_remainder=False):
        """Batches padded to `padded_shapes` (-1 / None: the batch's longest)."""
        bs = _i64(batch_size, "batch_size")
        specs = nest.flatten(self._structure)
        if padded_shapes is None:
            padded = [s.shape for s in specs]
        elif len(specs) == 1 and not isinstance(padded_shapes, (tuple, dict)):
            padded = [padded_shapes]
        else:
            padded = nest.flatten_shapes(padded_shapes)
        shape_ts, shapes = [], []
        for ps, sp in zip(padded, specs):
            dims = TensorShape(ps).as_list() if not isinstance(ps, Tensor) else None
            if dims is None or sp.shape.rank != len(dims):
                raise ValueError("The padded shape %s is not compatible with the "
                                 "corresponding input component shape %s." % (ps, sp.shape))
            shapes.append(dims)
            shape_ts.append(convert_to_tensor(
                np.array([-1 if d is None else d for d in dims], dtype=np.int64)))
        if padding_values is None:
            pads = [convert_to_tensor(np.zeros((), sp.dtype.as_numpy_dtype),
                                      name="padding_value") for sp in specs]
        else:
            vals = ([padding_values] if len(specs) == 1 and not isinstance(
                padding_values, (tuple, dict)) else nest.flatten(padding_values))
            pads = [convert_to_tensor(v, dtype=sp.dtype, name="padding_value")
                    for v, sp in zip(vals, specs)]
        dr = convert_to_tensor(drop_remainder, dtype=_dtypes.bool, name="drop_remainder")
        static = int(batch_size) if isinstance(batch_size, (int, np.integer)) and \
            drop_remainder is True else None
        structure = nest.pack_sequence_as(self._structure, [
            nest.Spec(sp.dtype, TensorShape([static] + dims))
            for sp, dims in zip(specs, shapes)])
        return self._new("PaddedBatchDatasetV2",
                         [self._variant_tensor, bs] + shape_ts + pads + [dr], structure,
                         {"parallel_copy": False, "N": len(specs)})

    def cache(self, filename=""):
        """`cache()`: the first complete pass is kept (in memory) and replayed."""
        g = get_default_graph()
        value = np.asarray(filename.encode() if isinstance(filename, str) else filename,
                           dtype=object)
        if eager.is_eager_graph(g):
            fn = eager.EagerVariant(value)
        else:
            fn = g._create_op("Const", (), "filename", dtype=_dtypes.string, shape=[],
                              attrs={"value": value, "dtype": _dtypes.string,
                                     "_py_value": value}).outputs[0]
        return self._new("CacheDataset", [self._variant_tensor, fn])

    def unbatch(self):
        # As TF 1.15: components normalised through an identity map first.
        structure = nest.map_structure(lambda s: nest.Spec(s.dtype, s.shape[1:]),
                                       self._structure)
        normalized = self.map(lambda *x: tuple(nest.flatten(x)))
        return normalized._new("UnbatchDataset", [normalized._variant_tensor], structure)

    def shard(self, num_shards, index):
        """Every `num_shards`-th element, starting at `index`."""
        n = _i64(num_shards, "num_shards")
        i = _i64(index, "index")
        return self._new("ShardDataset", [self._variant_tensor, n, i],
                         attrs={"require_non_empty": False})

    def prefetch(self, buffer_size):
        buf = _i64(buffer_size, "buffer_size")
        return self._new("PrefetchDataset", [self._variant_tensor, buf],
                         attrs={"legacy_autotune": True, "slack_period": 0})

    def concatenate(self, dataset):
        return self._new("ConcatenateDataset",
                         [self._variant_tensor, dataset._variant_tensor])

    def enumerate(self, start=0):  # noqa: A003 - TF's name
        ds = type(self).range(start, np.iinfo(np.int64).max)
        return type(self).zip((ds, self))

    def map(self, map_func, num_parallel_calls=None):  # noqa: A003 - TF's name
        fn = StructuredFunction(map_func, "Dataset_map", self._structure)
        attrs = {"f": fn, "use_inter_op_parallelism": True, "preserve_cardinality": False}
        if num_parallel_calls is None:
            return self._new("MapDataset", [self._variant_tensor] + fn.captured,
                             fn.structure, attrs)
        # Deterministic: the same order as MapDataset (random ops inside run in the
        # element order here; TF's parallel calls may interleave their draws).
        tf2 = _tf2(get_default_graph())  # TF 2.21: ParallelMapDatasetV2, int64 count
        npc = convert_to_tensor(num_parallel_calls,
                                dtype=_dtypes.int64 if tf2 else _dtypes.int32,
                                name="num_parallel_calls")
        attrs["sloppy"] = False
        return self._new("ParallelMapDatasetV2" if tf2 else "ParallelMapDataset",
                         [self._variant_tensor] + fn.captured + [npc], fn.structure, attrs)

    def filter(self, predicate):  # noqa: A003 - TF's name
        fn = StructuredFunction(predicate, "Dataset_filter", self._structure)
        spec = fn.structure
        if (not isinstance(spec, nest.Spec) or spec.dtype != _dtypes.bool
                or spec.shape.rank != 0):
            raise ValueError("`predicate` must return a scalar boolean tensor.")
        return self._new("FilterDataset", [self._variant_tensor] + fn.captured,
                         attrs={"predicate": fn})

    def interleave(self, map_func, cycle_length=AUTOTUNE, block_length=1,
                   num_parallel_calls=None):
        fn = StructuredFunction(map_func, "Dataset_interleave", self._structure,
                                returns_dataset=True)
        cl = _i64(cycle_length, "cycle_length")
        bl = _i64(block_length, "block_length")
        if num_parallel_calls is None:
            return self._new("InterleaveDataset",
                             [self._variant_tensor] + fn.captured + [cl, bl],
                             fn.structure, {"f": fn})
        # Deterministic parallel interleave: InterleaveDataset's order.
        if _tf2(get_default_graph()):  # TF 2.21: ParallelInterleaveDatasetV4
            buf = _i64(AUTOTUNE, "buffer_output_elements")
            pre = _i64(AUTOTUNE, "prefetch_input_elements")
            npc = _i64(num_parallel_calls, "num_parallel_calls")
            return self._new("ParallelInterleaveDatasetV4",
                             [self._variant_tensor] + fn.captured + [cl, bl, buf, pre, npc],
                             fn.structure, {"f": fn, "deterministic": "default"})
        npc = _i64(num_parallel_calls, "num_parallel_calls")
        return self._new("ParallelInterleaveDatasetV2",
                         [self._variant_tensor] + fn.captured + [cl, bl, npc],
                         fn.structure, {"f": fn, "sloppy": False})

    def flat_map(self, map_func):
        fn = StructuredFunction(map_func, "Dataset_flat_map", self._structure,
                                returns_dataset=True)
        return self._new("FlatMapDataset", [self._variant_tensor] + fn.captured,
                         fn.structure, {"f": fn})

    def with_options(self, options):
        return self

    def options(self):
        return None

    # -- iterators (TF 1.x)
    def make_one_shot_iterator(self):
        from .iterator_ops import make_one_shot_iterator

        return make_one_shot_iterator(self)

    def make_initializable_iterator(self, shared_name=None):
        from .iterator_ops import make_initializable_iterator

        return make_initializable_iterator(self, shared_name)

    def __iter__(self):
        if not isinstance(self._variant_tensor, eager.EagerVariant):
            raise RuntimeError("__iter__() is only supported inside of tf.function or when "
                               "eager execution is enabled.")
        return eager.iterate(self, numpy=False)

    def as_numpy_iterator(self):
        """TF 2.x's `as_numpy_iterator` (eager datasets)."""
        if not isinstance(self._variant_tensor, eager.EagerVariant):
            raise RuntimeError("`tf.data.Dataset.as_numpy_iterator()` is only supported in "
                               "eager mode.")
        return eager.iterate(self, numpy=True)

    @classmethod
    def random(cls, seed=None, rerandomize_each_iteration=None, name=None):
        """TF 2.x's `Dataset.random`."""
        return random_dataset(seed, rerandomize_each_iteration, cls)

    @classmethod
    def sample_from_datasets(cls, datasets, weights=None, seed=None,
                             stop_on_empty_dataset=False, rerandomize_each_iteration=None):
        from .experimental import sample_from_datasets

        return sample_from_datasets(datasets, weights, seed, stop_on_empty_dataset)


def _tf2(g) -> bool:
    """A TF 2.21 graph (compat.v1, compat.v2): where TF 2.21 builds other ops."""
    return getattr(g._target, "name", "").startswith("tensorflow 2")


def random_dataset(seed=None, rerandomize_each_iteration=None, cls=None):
    """`tf.data.experimental.RandomDataset`: uint32 Philox words as int64, forever
    (with `rerandomize_each_iteration`, TF 2.x's RandomDatasetV2: new words per
    iteration from a seed generator)."""
    s1, s2 = get_seed(seed)
    spec = nest.Spec(_dtypes.int64, TensorShape([]))
    attrs = {}
    if rerandomize_each_iteration:
        attrs["rerandomize_each_iteration"] = True
    return (cls or DatasetV1)(None, spec)._new("RandomDataset", [s1, s2], spec, attrs)


def _normalize(tensors):
    """`structure.normalize_element`: components converted under `normalize_element`."""
    flat = nest.flatten(tensors)
    with name_scope("normalize_element"):
        out = [convert_to_tensor(t, name="component_%d" % i) for i, t in enumerate(flat)]
    return out, tensors


Dataset = DatasetV1
