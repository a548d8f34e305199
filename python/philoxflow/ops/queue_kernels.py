"""Python kernels of the queue ops (`framework/py_kernels.py`): a session's queues live in
its state, keyed by shared name (else by op), as TF's queue resources do. Enqueues block
while a queue is full and dequeues while it holds too few elements, until it is closed
(then OutOfRangeError, as TF's kernels); a closed queue refuses enqueues (CancelledError).
A RandomShuffleQueue draws each dequeued index as TF's does: one word of
`SingleSampleAdapter<PhiloxRandom>(seed, seed2)` modulo the queue's size, the element
swapped with the last and popped (fresh seeds when both are 0)."""

from __future__ import annotations

import heapq
import itertools
import threading

import numpy as np

from .. import errors
from ..framework.py_kernels import LAZY_INPUTS, kernel

_COUNTER = itertools.count()


class _Queue:
    kind = "FIFOQueue"

    def __init__(self, op, name):
        self.op = op
        self.name = name
        self.capacity = int(op._attrs.get("capacity", -1))
        self.dtypes = [d.as_numpy_dtype for d in op.get_attr("component_types")]
        self.shapes = [None if s.rank is None else s.as_list() for s in op.get_attr("shapes")]
        self.items: list = []
        self.closed = self.cancelled = False
        self.cv = threading.Condition()

    def _full(self):
        return self.capacity >= 0 and len(self.items) >= self.capacity

    def _check(self, comps, op, many):
        if len(comps) != len(self.dtypes):
            raise errors.InvalidArgumentError(None, op, "Expected %d components, got %d"
                                              % (len(self.dtypes), len(comps)))
        out = []
        for k, (c, dt) in enumerate(zip(comps, self.dtypes)):
            c = np.asarray(c, dtype=dt)
            shape = list(c.shape[1:] if many else c.shape)
            want = self.shapes[k] if k < len(self.shapes) else None
            if want is not None and not self._shape_ok(want, shape):
                raise errors.InvalidArgumentError(
                    None, op, "Shape mismatch in tuple component %d. Expected [%s], got [%s]"
                    % (k, ",".join(str(d) for d in want), ",".join(str(d) for d in shape)))
            out.append(c)
        return out

    @staticmethod
    def _shape_ok(want, got):
        return len(want) == len(got) and all(w is None or w == g for w, g in zip(want, got))

    def _closed_error(self, op):
        return errors.CancelledError(None, op, "%s '%s' is closed." % (self.kind, self.name))

    def enqueue(self, op, elements):
        with self.cv:
            for element in elements:
                while self._full() and not self.closed:
                    self.cv.wait()
                if self.closed:
                    raise self._closed_error(op)
                self.push([np.array(c) for c in element])
                self.cv.notify_all()

    def push(self, element):
        self.items.append(element)

    def size(self):
        return len(self.items)

    def _ready(self, remaining):
        """Whether one element can be taken now (TF's kNoProgress otherwise)."""
        return len(self.items) > 0

    def pop(self):
        return self.items.pop(0)

    def dequeue(self, op, n, up_to=False):
        """`n` elements (None: one, unbatched); `up_to`: fewer once the queue is closed."""
        count = 1 if n is None else n
        got = []
        with self.cv:
            while len(got) < count:
                if self.closed and (len(self.items) < count - len(got) if not up_to
                                    else not self.items):
                    if up_to and got:
                        break
                    for element in reversed(got):  # TF restores a partial batch
                        self.items.insert(0, element)
                    raise errors.OutOfRangeError(
                        None, op, "%s '%s' is closed and has insufficient elements (requested "
                        "%d, current size %d)" % (self.kind, self.name, count, len(self.items)))
                if self._ready(count - len(got)) or (self.closed and self.items):
                    got.append(self.pop())
                    self.cv.notify_all()
                else:
                    self.cv.wait()
        if n is None:
            return got[0]
        return [self.batch([e[k] for e in got], k) for k in range(len(self.dtypes))]

    def batch(self, parts, k):
        return np.stack(parts) if parts else np.zeros(
            [0] + [d or 0 for d in (self.shapes[k] if k < len(self.shapes) and self.shapes[k]
                                    is not None else [])], self.dtypes[k])

    def close(self, cancel):
        with self.cv:
            self.closed = True
            self.cancelled = self.cancelled or cancel
            self.cv.notify_all()


class _PaddingQueue(_Queue):
    kind = "PaddingFIFOQueue"

    def batch(self, parts, k):
        if not parts:
            return super().batch(parts, k)
        rank = parts[0].ndim
        dims = [max(p.shape[i] for p in parts) for i in range(rank)]
        pad = b"" if self.dtypes[k] is object else 0
        out = np.full([len(parts)] + dims, pad, dtype=self.dtypes[k])
        for i, p in enumerate(parts):
            out[(i,) + tuple(slice(0, d) for d in p.shape)] = p
        return out


class _RandomShuffleQueue(_Queue):
    kind = "RandomShuffleQueue"

    def __init__(self, op, name):
        super().__init__(op, name)
        from ..data.runtime import PhiloxWords, new64

        seed, seed2 = int(op._attrs.get("seed", 0)), int(op._attrs.get("seed2", 0))
        if seed == 0 and seed2 == 0:
            seed, seed2 = new64(), new64()
        self.words = PhiloxWords(seed, seed2)
        self.min_after_dequeue = int(op._attrs.get("min_after_dequeue", 0))

    def _ready(self, remaining):
        return len(self.items) > self.min_after_dequeue

    def pop(self):
        index = self.words() % len(self.items)
        element = self.items[index]
        self.items[index] = self.items[-1]
        self.items.pop()
        return element


class _PriorityQueue(_Queue):
    kind = "PriorityQueue"

    def __init__(self, op, name):
        super().__init__(op, name)
        import numpy as _np

        self.dtypes = [_np.int64] + self.dtypes
        self.shapes = [[]] + (self.shapes or [None] * (len(self.dtypes) - 1))
        self._seq = itertools.count()

    def push(self, element):
        heapq.heappush(self.items, (int(element[0]), next(self._seq), element))

    def pop(self):
        return heapq.heappop(self.items)[2]


_KINDS = {"FIFOQueueV2": _Queue, "PaddingFIFOQueueV2": _PaddingQueue,
          "RandomShuffleQueueV2": _RandomShuffleQueue, "PriorityQueueV2": _PriorityQueue}


@kernel(*_KINDS)
def _make_queue(ctx, op, ins):
    shared = op._attrs.get("shared_name") or b""
    shared = shared.decode() if isinstance(shared, bytes) else shared
    key = ("queue", shared) if shared else ("queue_op", op._id)
    queue = ctx.state.get(key)
    if queue is None:
        with _LOCK:
            queue = ctx.state.get(key)
            if queue is None:
                name = shared or "_%d_%s" % (next(_COUNTER), op._name)
                queue = ctx.state[key] = _KINDS[op._type](op, name)
    return [queue]


_LOCK = threading.Lock()


@kernel("QueueEnqueueV2")
def _enqueue(ctx, op, ins):
    q = ins[0]
    q.enqueue(op, [q._check(ins[1:], op, many=False)])
    return []


@kernel("QueueEnqueueManyV2")
def _enqueue_many(ctx, op, ins):
    q = ins[0]
    comps = q._check(ins[1:], op, many=True)
    n = {c.shape[0] for c in comps}
    if len(n) > 1:
        raise errors.InvalidArgumentError(None, op, "Expected all components to have the same "
                                          "size along dimension 0")
    q.enqueue(op, [[c[i] for c in comps] for i in range(n.pop() if n else 0)])
    return []


def _outputs(op, values):
    return [np.asarray(v, dtype=t.dtype.as_numpy_dtype) for v, t in zip(values, op._outputs)]


@kernel("QueueDequeueV2")
def _dequeue(ctx, op, ins):
    return _outputs(op, ins[0].dequeue(op, None))


@kernel("QueueDequeueManyV2")
def _dequeue_many(ctx, op, ins):
    return _outputs(op, ins[0].dequeue(op, int(np.asarray(ins[1]))))


@kernel("QueueDequeueUpToV2")
def _dequeue_up_to(ctx, op, ins):
    return _outputs(op, ins[0].dequeue(op, int(np.asarray(ins[1])), up_to=True))


@kernel("QueueCloseV2")
def _close(ctx, op, ins):
    ins[0].close(bool(op._attrs.get("cancel_pending_enqueues", False)))
    return []


@kernel("QueueSizeV2")
def _size(ctx, op, ins):
    with ins[0].cv:
        return [np.int32(ins[0].size())]


@kernel("QueueIsClosedV2")
def _is_closed(ctx, op, ins):
    return [np.bool_(ins[0].closed)]


@kernel("CountUpTo")
def _count_up_to(ctx, op, ins):
    """CountUpTo (no Rust kernel): the variable's value, incremented through its
    initializer with the new value fed (one lock per variable: TF's op is atomic);
    OutOfRangeError at the limit, as TF's (`limit_epochs` ends its epochs so)."""
    from ..framework import py_kernels

    var_op = op.inputs[0].op
    assign = ctx.state.get(("count_up_to", var_op._id))
    if assign is None:
        assign = next((o for o in var_op.graph.get_operations() if o.type == "Assign"
                       and o.inputs and o.inputs[0].op is var_op), None)
        if assign is None:
            raise errors.UnimplementedError(None, op, "CountUpTo of a variable without an "
                                            "initializer is not computed")
        ctx.state[("count_up_to", var_op._id)] = assign
    with _LOCK:
        lock = ctx.state.setdefault(("count_up_to_lock", var_op._id), threading.Lock())
    limit = int(op._attrs["limit"])
    with lock:
        value = np.asarray(py_kernels.run(ctx.session, [var_op._id], [], [])[0])
        if int(value) >= limit:
            raise errors.OutOfRangeError(None, op, "Reached limit of %d" % limit)
        feed = assign.inputs[1]
        py_kernels.run(ctx.session, [], [assign._id],
                       [(feed.op._id, np.asarray(value + 1, value.dtype), feed.dtype.name)])
    return [value]


@kernel("IsVariableInitialized")
def _is_variable_initialized(ctx, op, ins):
    """Whether the session holds a value for the variable (fetching an uninitialized one
    is TF's FailedPreconditionError). `Scaffold`'s ready ops are made of these."""
    from ..framework import py_kernels

    try:
        py_kernels.run(ctx.session, [op.inputs[0].op._id], [], [])
    except errors.FailedPreconditionError:
        return [np.bool_(False)]
    return [np.bool_(True)]


LAZY_INPUTS.add("IsVariableInitialized")
