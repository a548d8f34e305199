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
    """TF 1.15's order-changing static rewrite (`transforms.optimize`)."""
    from .transforms import optimize as _optimize

    return _optimize(ds)
