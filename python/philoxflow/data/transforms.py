"""tf.data's transformation kernels (repeat, batch, map, interleave, zip, ...) in
Python, step for step as TF's C++ iterators run them (`runtime.py` has the sources,
the shuffle and the iterator resource)."""

from __future__ import annotations

import numpy as np

from .. import errors
from .runtime import Dataset, Shuffle, _GenIterator, _iter


def _elements(it):
    """An iterator's elements up to its end (`get_next` gives None), pulled one at a
    time as the consuming generator asks, so every kernel pulls exactly as TF's does."""
    while True:
        x = it.get_next()
        if x is None:
            return
        yield x

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
                for x in _elements(it):
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
            yield from _elements(it)
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
            for x in _elements(it):
                buf.append(x)
                yield x
            self.cache = buf
        return _GenIterator(gen())


class Unbatch(Dataset):
    kind = "Unbatch"

    def __init__(self, input_ds):
        self.input = input_ds

    def make_iterator(self, ctx, prefix):
        it = _iter(self.input, ctx, prefix)

        def gen():
            for x in _elements(it):
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
            for k, x in enumerate(_elements(it)):
                if k % self.n == self.index:
                    yield x
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
        call = self.fn.instantiate(self.captured, ctx)

        it = _iter(self.input, ctx, prefix)

        def gen():
            for x in _elements(it):
                yield call(x)
        return _GenIterator(gen())


class Filter(Dataset):
    kind = "Filter"

    def __init__(self, input_ds, fn, captured):
        self.input, self.fn, self.captured = input_ds, fn, captured

    def make_iterator(self, ctx, prefix):
        call = self.fn.instantiate(self.captured, ctx)

        it = _iter(self.input, ctx, prefix)

        def gen():
            for x in _elements(it):
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
        call = self.fn.instantiate(self.captured, ctx)
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
                yield from _elements(it)
        return _GenIterator(gen())


class Enumerate(Dataset):
    kind = "Enumerate"

    def __init__(self, input_ds, start):
        self.input, self.start = input_ds, int(start)

    def make_iterator(self, ctx, prefix):
        it = _iter(self.input, ctx, prefix)

        def gen():
            for i, x in enumerate(_elements(it), self.start):
                yield [np.int64(i)] + x
        return _GenIterator(gen())


def optimize(ds: Dataset) -> Dataset:
    """TF's default static rewrites that change what runs (kept per dataset value, so a
    cache inside keeps its contents across iterations):

    - noop_elimination: `repeat(1)`, `take(-1)` and `skip(0)` go away (which changes
      what a reshuffling dataset below sees: no iterator past the last epoch);
    - shuffle_and_repeat_fusion (TF 1.15, reshuffling shuffles): `shuffle().repeat(n)`
      becomes one ShuffleAndRepeat, seeded once, its buffer filled across epochs.
    """
    done = getattr(ds, "_optimized", None)
    if done is None:
        done = _optimize(ds)
        ds._optimized = done
    return done


def _is_noop(ds):
    return ((isinstance(ds, Repeat) and ds.count == 1)
            or (isinstance(ds, Take) and ds.count == -1)
            or (isinstance(ds, Skip) and ds.count == 0))


def _optimize(ds: Dataset) -> Dataset:
    while _is_noop(ds):
        ds = ds.input
    if isinstance(ds, Repeat):
        sh = ds.input
        while _is_noop(sh):
            sh = sh.input
        if (isinstance(sh, Shuffle) and sh.count == 1 and sh.reshuffle
                and sh.owned is None):
            fused = Shuffle.__new__(Shuffle)
            fused.input, fused.buffer_size = optimize(sh.input), sh.buffer_size
            fused.seeds, fused.reshuffle, fused.count = sh.seeds, False, ds.count
            fused.owned, fused.tf2 = None, sh.tf2
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
