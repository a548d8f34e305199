"""tf.data's kernels, in Python: datasets and iterators as TF's C++ kernels run them.

A dataset op's value is one of these dataset objects, made when the session runs
the op (so seeds `(0, 0)` draw fresh entropy per run, as TF's `MakeDataset`
does); iterators pull elements (lists of NumPy arrays, one per component)
through `get_next`, `None` at the end. Element order follows TF's kernels
(`shuffle_dataset_op.cc`, `interleave_dataset_op.cc`, ...) step for step,
including which Philox words each shuffle draws.
"""

from __future__ import annotations

import secrets
from typing import Dict, List, Optional

import numpy as np

from .. import _core, errors

Element = List[np.ndarray]


def new64() -> int:
    """TF's `random::New64()` as an int64 (fresh entropy)."""
    return int(np.int64(np.uint64(secrets.randbits(64))))


class PhiloxWords:
    """TF's `SingleSampleAdapter<PhiloxRandom>(seed, seed2)`: one uint32 at a time."""

    def __init__(self, seed: int, seed2: int):
        self._core = _core.TFPhiloxCore(seed % (1 << 64), seed2 % (1 << 64))
        self._buf = np.empty(0, np.uint32)
        self._pos = 0

    def __call__(self) -> int:
        if self._pos == len(self._buf):
            self._buf = self._core.raw(256)
            self._pos = 0
        self._pos += 1
        return int(self._buf[self._pos - 1])


class IteratorContext:
    """Per iterator resource: its named resources (seed generators) and the function
    sessions its map/filter/interleave functions run in."""

    def __init__(self):
        self.resources: Dict[str, object] = {}


class Dataset:
    """A dataset value (what a dataset op outputs)."""

    kind = "Dataset"

    def make_iterator(self, ctx: IteratorContext, prefix: str) -> "Iterator":
        raise NotImplementedError

    def iterate(self, ctx: IteratorContext, prefix: str):
        it = self.make_iterator(ctx, f"{prefix}::{self.kind}")
        while True:
            x = it.get_next()
            if x is None:
                return
            yield x


class Iterator:
    def get_next(self) -> Optional[Element]:
        raise NotImplementedError


class _GenIterator(Iterator):
    """An iterator from a Python generator of elements."""

    def __init__(self, gen):
        self._gen = gen

    def get_next(self):
        return next(self._gen, None)


def _iter(ds: Dataset, ctx, prefix):
    return ds.make_iterator(ctx, f"{prefix}::{ds.kind}")


# ----------------------------------------------------------------- sources

class Range(Dataset):
    kind = "Range"

    def __init__(self, start, stop, step):
        if step == 0:
            raise errors.InvalidArgumentError(None, None, "step must be a non-zero integer.")
        self.args = (int(start), int(stop), int(step))

    def make_iterator(self, ctx, prefix):
        return _GenIterator([np.int64(v)] for v in range(*self.args))


class TensorSlices(Dataset):
    kind = "TensorSlice"

    def __init__(self, components):
        self.components = [np.asarray(c) for c in components]

    def make_iterator(self, ctx, prefix):
        n = len(self.components[0]) if self.components else 0
        return _GenIterator([c[i].copy() for c in self.components] for i in range(n))


class Tensors(Dataset):
    kind = "Tensor"

    def __init__(self, components):
        self.components = [np.asarray(c) for c in components]

    def make_iterator(self, ctx, prefix):
        return _GenIterator(iter([list(self.components)]))


class RandomInts(Dataset):
    """`RandomDataset`: the uint32 words of Philox(seed, seed2) as int64, forever."""

    kind = "Random"

    def __init__(self, seed, seed2, rerandomize=False):
        if seed == 0 and seed2 == 0:
            seed, seed2 = new64(), new64()
        self.seeds = (seed, seed2)
        self.owned = _SeedGenerator(seed, seed2) if rerandomize else None

    def make_iterator(self, ctx, prefix):
        seeds = self.owned.generate() if self.owned is not None else self.seeds
        words = PhiloxWords(*seeds)

        def gen():
            while True:
                yield [np.int64(words())]
        return _GenIterator(gen())


# ----------------------------------------------------------------- shuffle

class _SeedGenerator:
    """`RandomSeedGenerator`: two words of Philox(seed, seed2) per iterator made."""

    def __init__(self, seed, seed2):
        self._words = PhiloxWords(seed, seed2)

    def generate(self):
        return self._words(), self._words()


class Shuffle(Dataset):
    kind = "Shuffle"

    def __init__(self, input_ds, buffer_size, seed, seed2, reshuffle, count=1, owned=False):
        if buffer_size <= 0:
            raise errors.InvalidArgumentError(
                None, None, "buffer_size must be greater than zero.")
        if seed == 0 and seed2 == 0:
            seed, seed2 = new64(), new64()
        self.input, self.buffer_size = input_ds, int(buffer_size)
        self.seeds, self.reshuffle, self.count = (seed, seed2), reshuffle, count
        #: TF 2.x (ShuffleDatasetV3): the dataset owns its seed generator
        self.owned = _SeedGenerator(seed, seed2) if owned and reshuffle else None
        self.tf2 = owned

    def make_iterator(self, ctx, prefix):
        seed, seed2 = self.seeds
        if self.owned is not None:
            seed, seed2 = self.owned.generate()
        elif self.reshuffle:
            name = f"{prefix}::{self.kind}::RandomSeedGenerator"
            gen = ctx.resources.get(name)
            if gen is None:
                gen = ctx.resources[name] = _SeedGenerator(seed, seed2)
            seed, seed2 = gen.generate()
        return _GenIterator(shuffle_elements(
            lambda: _iter(self.input, ctx, prefix), self.buffer_size, self.count,
            PhiloxWords(seed, seed2), self.tf2))


def shuffle_elements(make_input, buffer_size, count, words, tf2=False):
    """ShuffleDatasetBase::Iterator::GetNextInternal: a ring buffer cut into
    per-epoch slices; each output is word % (slice size) into the first slice."""
    buffer: list = [None] * buffer_size
    slices = [[0, 0]]
    epoch, num_elements = 0, 0
    input_impl = None
    started = False
    while True:
        first_call = False
        if input_impl is None and epoch == 0 and not started:
            started = True
            first_call = True
            input_impl = make_input()
        while input_impl is not None and num_elements < buffer_size:
            element = None
            end_of_input = False
            while count == -1 or epoch < count:
                element = input_impl.get_next()
                end_of_input = element is None
                if not end_of_input:
                    first_call = False
                    break
                if first_call and count == -1:
                    return
                epoch += 1
                n = slices[-1][1]
                slices.append([n, n])
                if tf2 and count != -1 and epoch >= count:
                    # TF 2.x makes no input iterator for an epoch past the last
                    # (TF 1.15 does, which advances a nested shuffle's seeds).
                    input_impl = None
                    break
                input_impl = make_input()
            if not end_of_input:
                buffer[slices[-1][1] % buffer_size] = element
                num_elements += 1
                slices[-1][1] += 1
            else:
                input_impl = None
            if len(slices) > 3:  # kMaxEpochsInBuffer
                break
        if num_elements == 0:
            return
        while slices and slices[0][0] == slices[0][1]:
            slices.pop(0)
        start, end = slices[0]
        offset = words() % (end - start)
        index = (start + offset) % buffer_size
        out = buffer[index]
        s = start % buffer_size
        buffer[index], buffer[s] = buffer[s], None
        slices[0][0] += 1
        num_elements -= 1
        yield out


# ----------------------------------------------------------------- unary transforms

class Repeat(Dataset):
    kind = "Repeat"

    def __init__(self, input_ds, count, tf2=False):
        self.input, self.count, self.tf2 = input_ds, int(count), tf2

    def make_iterator(self, ctx, prefix):
        if self.count == 0:
            return _GenIterator(iter(()))
        it = _iter(self.input, ctx, prefix)  # made at Initialize, as TF does

        def gen(it):
            n = 0
            while self.count < 0 or n < self.count:
                got = False
                while True:
                    x = it.get_next()
                    if x is None:
                        break
                    got = True
                    yield x
                if not got and self.count < 0:
                    return
                n += 1
                if self.tf2 and n == self.count and isinstance(self.input, Shuffle):
                    # TF 2.x fuses shuffle().repeat() (shuffle_and_repeat_fusion) into
                    # one op that reseeds per epoch and makes no iterator past the last
                    # epoch; an unfused repeat does make one (as TF 1.15's), which
                    # draws seeds from a reshuffling dataset's generator (measured).
                    return
                it = _iter(self.input, ctx, prefix)
        return _GenIterator(gen(it))


class Take(Dataset):
    kind = "Take"

    def __init__(self, input_ds, count):
        self.input, self.count = input_ds, int(count)

    def make_iterator(self, ctx, prefix):
        if self.count == 0:
            return _GenIterator(iter(()))
        it = _iter(self.input, ctx, prefix)

        def gen():
            n = 0
            while self.count < 0 or n < self.count:
                x = it.get_next()
                if x is None:
                    return
                n += 1
                yield x
        return _GenIterator(gen())


class Skip(Dataset):
    kind = "Skip"

    def __init__(self, input_ds, count):
        self.input, self.count = input_ds, int(count)

    def make_iterator(self, ctx, prefix):
        it = _iter(self.input, ctx, prefix)

        def gen():
            n = 0
            while self.count < 0 or n < self.count:
                if it.get_next() is None:
                    return
                n += 1
            while True:
                x = it.get_next()
                if x is None:
                    return
                yield x
        return _GenIterator(gen())


class Batch(Dataset):
    kind = "Batch"

    def __init__(self, input_ds, batch_size, drop_remainder):
        if batch_size <= 0:
            raise errors.InvalidArgumentError(
                None, None, "Batch size must be greater than zero.")
        self.input, self.batch_size, self.drop = input_ds, int(batch_size), bool(drop_remainder)

    def make_iterator(self, ctx, prefix):
        it = _iter(self.input, ctx, prefix)

        def gen():
            while True:
                items = []
                while len(items) < self.batch_size:
                    x = it.get_next()
                    if x is None:
                        break
                    items.append(x)
                if not items or (self.drop and len(items) < self.batch_size):
                    return
                yield [np.stack([x[k] for x in items]) for k in range(len(items[0]))]
                if len(items) < self.batch_size:
                    return
        return _GenIterator(gen())


class PaddedBatch(Dataset):
    kind = "PaddedBatch"

    def __init__(self, input_ds, batch_size, shapes, pads, drop_remainder):
        if batch_size <= 0:
            raise errors.InvalidArgumentError(
                None, None, "Batch size must be greater than zero.")
        self.input, self.batch_size, self.drop = input_ds, int(batch_size), drop_remainder
        self.shapes = [[int(d) for d in np.ravel(s)] for s in shapes]
        self.pads = [np.asarray(p) for p in pads]

    def _pad(self, items, k):
        parts = [np.asarray(x[k]) for x in items]
        want = [max(p.shape[d] for p in parts) if s == -1 else s
                for d, s in enumerate(self.shapes[k])]
        out = np.full([len(parts)] + want, self.pads[k], dtype=parts[0].dtype)
        for i, p in enumerate(parts):
            if any(a > b for a, b in zip(p.shape, want)):
                raise errors.InvalidArgumentError(
                    None, None, "Attempted to pad to a smaller size than the input element.")
            out[(i,) + tuple(slice(0, n) for n in p.shape)] = p
        return out

    def make_iterator(self, ctx, prefix):
        it = _iter(self.input, ctx, prefix)

        def gen():
            while True:
                items = []
                while len(items) < self.batch_size:
                    x = it.get_next()
                    if x is None:
                        break
                    items.append(x)
                if not items or (self.drop and len(items) < self.batch_size):
                    return
                yield [self._pad(items, k) for k in range(len(items[0]))]
                if len(items) < self.batch_size:
                    return
        return _GenIterator(gen())


class Cache(Dataset):
    """`CacheDataset` in memory: the first complete pass is kept and replayed by every
    later iterator of the same dataset (an incomplete pass starts over)."""

    kind = "Cache"

    def __init__(self, input_ds):
        self.input, self.cache = input_ds, None

    def make_iterator(self, ctx, prefix):
        if self.cache is not None:
            return _GenIterator(iter([list(x) for x in self.cache]))
        it = _iter(self.input, ctx, prefix)

        def gen():
            buf = []
            while True:
                x = it.get_next()
                if x is None:
                    self.cache = buf
                    return
                buf.append(x)
                yield x
        return _GenIterator(gen())


class Unbatch(Dataset):
    kind = "Unbatch"

    def __init__(self, input_ds):
        self.input = input_ds

    def make_iterator(self, ctx, prefix):
        it = _iter(self.input, ctx, prefix)

        def gen():
            while True:
                x = it.get_next()
                if x is None:
                    return
                for i in range(len(x[0]) if x else 0):
                    yield [c[i].copy() for c in x]
        return _GenIterator(gen())


class Shard(Dataset):
    kind = "Shard"

    def __init__(self, input_ds, num_shards, index):
        if num_shards <= 0:
            raise errors.InvalidArgumentError(
                None, None, "Number of shards must be greater than zero "
                f"(currently num_shards = {num_shards}).")
        if not 0 <= index < num_shards:
            raise errors.InvalidArgumentError(
                None, None, f"Index must be between 0 and {num_shards - 1} "
                f"(currently index = {index}).")
        self.input, self.n, self.index = input_ds, num_shards, index

    def make_iterator(self, ctx, prefix):
        it = _iter(self.input, ctx, prefix)

        def gen():
            k = 0
            while True:
                x = it.get_next()
                if x is None:
                    return
                if k % self.n == self.index:
                    yield x
                k += 1
        return _GenIterator(gen())


class Prefetch(Dataset):
    kind = "Prefetch"

    def __init__(self, input_ds):
        self.input = input_ds

    def make_iterator(self, ctx, prefix):
        return _iter(self.input, ctx, prefix)


class Map(Dataset):
    kind = "Map"

    def __init__(self, input_ds, fn, captured):
        self.input, self.fn, self.captured = input_ds, fn, captured

    def make_iterator(self, ctx, prefix):
        call = self.fn.instantiate(self.captured)

        it = _iter(self.input, ctx, prefix)

        def gen():
            while True:
                x = it.get_next()
                if x is None:
                    return
                yield call(x)
        return _GenIterator(gen())


class Filter(Dataset):
    kind = "Filter"

    def __init__(self, input_ds, fn, captured):
        self.input, self.fn, self.captured = input_ds, fn, captured

    def make_iterator(self, ctx, prefix):
        call = self.fn.instantiate(self.captured)

        it = _iter(self.input, ctx, prefix)

        def gen():
            while True:
                x = it.get_next()
                if x is None:
                    return
                keep = call(x)[0]
                if np.ndim(keep) != 0 or np.asarray(keep).dtype != np.bool_:
                    raise errors.InvalidArgumentError(
                        None, None, "Filter predicate `f` must return a scalar bool.")
                if bool(keep):
                    yield x
        return _GenIterator(gen())


class Interleave(Dataset):
    kind = "Interleave"

    def __init__(self, input_ds, fn, captured, cycle_length, block_length, parallel=False):
        if cycle_length == -1:
            import os

            cycle_length = os.cpu_count() or 1
        if cycle_length <= 0:
            raise errors.InvalidArgumentError(
                None, None, "cycle_length must be greater than zero.")
        if block_length <= 0:
            raise errors.InvalidArgumentError(
                None, None, "block_length must be greater than zero.")
        self.input, self.fn, self.captured = input_ds, fn, captured
        self.cycle, self.block = int(cycle_length), int(block_length)
        #: ParallelInterleaveDatasetV2 names each element's iterator by the element's
        #: index (InterleaveDataset: by its cycle slot, so a slot's datasets share
        #: resources such as a reshuffling seed generator) -- measured
        self.parallel = parallel

    def make_iterator(self, ctx, prefix):
        call = self.fn.instantiate(self.captured)
        cycle, block = self.cycle, self.block

        it = _iter(self.input, ctx, prefix)

        def gen():
            current: list = [None] * cycle
            cycle_index = block_index = num_open = 0
            end_of_input = False
            made = 0
            while not end_of_input or num_open:
                cur = current[cycle_index]
                if cur is not None:
                    x = cur.get_next()
                    if x is not None:
                        block_index += 1
                        if block_index == block:
                            block_index, cycle_index = 0, (cycle_index + 1) % cycle
                        yield x
                        continue
                    current[cycle_index] = None
                    num_open -= 1
                    block_index, cycle_index = 0, (cycle_index + 1) % cycle
                elif not end_of_input:
                    args = it.get_next()
                    if args is None:
                        end_of_input = True
                    else:
                        ds = call(args)[0]
                        slot = made if self.parallel else cycle_index
                        made += 1
                        current[cycle_index] = _iter(ds, ctx, f"{prefix}[{slot}]")
                        num_open += 1
                else:
                    block_index, cycle_index = 0, (cycle_index + 1) % cycle
        return _GenIterator(gen())


# ----------------------------------------------------------------- n-ary transforms

class Zip(Dataset):
    kind = "Zip"

    def __init__(self, inputs):
        self.inputs = list(inputs)

    def make_iterator(self, ctx, prefix):
        its = [_iter(d, ctx, f"{prefix}[{i}]") for i, d in enumerate(self.inputs)]

        def gen():
            while True:
                out = []
                for it in its:
                    x = it.get_next()
                    if x is None:
                        return
                    out.extend(x)
                yield out
        return _GenIterator(gen())


class Concatenate(Dataset):
    kind = "Concatenate"

    def __init__(self, a, b):
        self.a, self.b = a, b

    def make_iterator(self, ctx, prefix):
        first = _iter(self.a, ctx, f"{prefix}[0]")

        def gen():
            for k in range(2):
                it = first if k == 0 else _iter(self.b, ctx, f"{prefix}[1]")
                while True:
                    x = it.get_next()
                    if x is None:
                        break
                    yield x
        return _GenIterator(gen())


class Enumerate(Dataset):
    kind = "Enumerate"

    def __init__(self, input_ds, start):
        self.input, self.start = input_ds, int(start)

    def make_iterator(self, ctx, prefix):
        it = _iter(self.input, ctx, prefix)

        def gen():
            i = self.start
            while True:
                x = it.get_next()
                if x is None:
                    return
                yield [np.int64(i)] + x
                i += 1
        return _GenIterator(gen())


# ----------------------------------------------------------------- iterator resources

class IteratorResource:
    """An iterator op's value in one session: the current iterator and its resources
    (seed generators)."""

    def __init__(self):
        import threading

        self.ctx = IteratorContext()
        self.it: Optional[Iterator] = None
        # GetNext is serialised, as TF's iterator resource does (sessions may run
        # from several threads).
        self.lock = threading.RLock()

    def make(self, ds: Dataset):
        # TF 1.15 gives each MakeIterator fresh resources: re-initialising replays
        # the same order (measured).
        with self.lock:
            self.ctx = IteratorContext()
            self.it = _iter(ds, self.ctx, "Iterator")

    def get_next(self) -> Element:
        with self.lock:
            return self._get_next()

    def _get_next(self) -> Element:
        if self.it is None:
            raise errors.FailedPreconditionError(
                None, None, "GetNext() failed because the iterator has not been initialized. "
                "Ensure that you have run the initializer operation for this iterator before "
                "getting the next element.")
        x = self.it.get_next()
        if x is None:
            raise errors.OutOfRangeError(None, None, "End of sequence")
        return x


def optimize(ds: Dataset) -> Dataset:
    """TF 1.15's static rewrite that changes order: shuffle(...).repeat(n) becomes one
    ShuffleAndRepeat (seeded once, its buffer filled across epoch boundaries)."""
    if (isinstance(ds, Repeat) and isinstance(ds.input, Shuffle) and ds.input.count == 1
            and ds.input.reshuffle and ds.input.owned is None):
        sh = ds.input
        fused = Shuffle.__new__(Shuffle)
        fused.input, fused.buffer_size = optimize(sh.input), sh.buffer_size
        fused.seeds, fused.reshuffle, fused.count = sh.seeds, False, ds.count
        fused.owned, fused.tf2 = None, sh.tf2
        if sh.owned is not None:  # TF 2.x: the fused op takes its seeds from the generator
            fused.owned = sh.owned
        return fused
    for attr in ("input", "a", "b"):
        child = getattr(ds, attr, None)
        if isinstance(child, Dataset):
            new = optimize(child)
            if new is not child:
                ds = _copy_with(ds, attr, new)
    if isinstance(ds, Zip):
        new = [optimize(d) for d in ds.inputs]
        if any(a is not b for a, b in zip(new, ds.inputs)):
            ds = _copy_with(ds, "inputs", new)
    return ds


def _copy_with(ds, attr, value):
    import copy

    out = copy.copy(ds)
    setattr(out, attr, value)
    return out


class DirectedInterleave(Dataset):
    """`DirectedInterleaveDataset`: each selector element names the input to read;
    exhausted inputs are skipped until all are."""

    kind = "DirectedInterleave"

    def __init__(self, selector, inputs, stop_on_empty=False):
        self.selector, self.inputs = selector, list(inputs)
        self.stop_on_empty = bool(stop_on_empty)

    def make_iterator(self, ctx, prefix):
        sel = _iter(self.selector, ctx, f"{prefix}.selector")
        its = [_iter(d, ctx, f"{prefix}[{i}]") for i, d in enumerate(self.inputs)]

        def gen():
            active = len(its)
            while True:
                s = sel.get_next()
                if s is None:
                    return
                k = int(np.asarray(s[0]))
                if not 0 <= k < len(its):
                    raise errors.InvalidArgumentError(
                        None, None, f"Selector index out of range: {k} >= {len(its)}")
                if its[k] is None:
                    continue
                x = its[k].get_next()
                if x is not None:
                    yield x
                    continue
                its[k] = None
                active -= 1
                if active == 0 or self.stop_on_empty:
                    return
        return _GenIterator(gen())
