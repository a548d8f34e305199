"""`GradientTape` in graph mode, as TF 1.15 runs it (`eager/backprop.py` over the C++ tape
of `c/eager/tape.h`).

TF 1.15 differentiates some gradient functions with a tape even when building graphs
(`_FusedBatchNormGradGrad`: a gradient penalty through batch norm). The ops the tape's
backward pass adds, and their order, are the C++ tape's: ops are recorded while the tape
is active if one input is watched or recorded (and of a trainable dtype); the backward
pass starts from the recorded ops no other recorded op consumes, in the iteration order
of a libstdc++ `std::unordered_map<int64, ...>` keyed by the tape's op ids, pops from the
back of that stack and puts each op made ready at its front. Gradients of a tensor are
summed by `AddN` in the order they arrived; missing output gradients of an op that has
some are `zeros` of the output's shape. Gradient functions get a mock op with
`skip_input_indices` (inputs neither watched nor recorded), and are called in the
current name scope.
"""

from __future__ import annotations

import math

from ..framework import ops as _ops
from ..framework.indexed_slices import IndexedSlices

_TRAINABLE = {"float16", "bfloat16", "float32", "float64", "complex64", "complex128",
              "resource", "variant"}
_ACCEPT_NONE = {"SoftmaxCrossEntropyWithLogits": {1},
                "SparseSoftmaxCrossEntropyWithLogits": {1},
                "FusedBatchNorm": {1, 2, 3, 4}}
_MIN_AGGREGATE_COUNT = 4
_MIN_AGGREGATE_BYTES = 128 * 1024 * 1024


def _key(t):
    return (id(t.op.graph), t.op._id, t.value_index)


def _unordered_map_order(keys):
    """Iteration order of the tape's `std::unordered_map<int64, ...>` of op ids inserted
    in this order, as TF 1.15's build has it: identity hash; a new node goes first in its
    bucket, or first in the list when its bucket is empty; 3 buckets at the first insert,
    and inserting the n-th key with n >= buckets rehashes (walking the list and
    re-inserting the same way) to the first listed prime >= twice the count (measured
    against TF 1.15 for 1 to 168 ops)."""
    primes = (3, 7, 17, 37, 79, 167, 337, 709, 1493, 3209, 6427, 12983, 26267, 53201,
              107897, 218971, 444487, 902483)
    order: list = []
    firsts: dict = {}  # bucket -> index of its first node in `order`
    nbkt = 0

    def insert(k):
        b = k % nbkt
        i = firsts.get(b, 0)
        order.insert(i, k)
        for bb, j in firsts.items():
            if j >= i and bb != b:
                firsts[bb] = j + 1
        firsts[b] = i

    for n, key in enumerate(keys, 1):
        if not nbkt:
            nbkt = 3
        elif n >= nbkt:
            nbkt = next(p for p in primes if p >= 2 * nbkt)
            old = list(order)
            order.clear()
            firsts.clear()
            for k in old:
                insert(k)
        insert(key)
    return order


class _MockOp:
    """What TF's `_MockOp` gives a gradient function: the op's inputs, outputs, type and
    attributes, and the inputs whose gradients are not needed."""

    def __init__(self, op, skip_input_indices):
        self._op = op
        self.inputs = list(op.inputs)
        self.outputs = list(op.outputs)
        self.type = op.type
        self.skip_input_indices = skip_input_indices

    def __getattr__(self, name):
        return getattr(self._op, name)


class _Tape:
    def __init__(self, persistent):
        self.persistent = persistent
        self.tensor_tape: dict = {}  # tensor key -> op id (-1: watched)
        self.op_tape: dict = {}  # op id -> (op, output keys, input keys)
        self.next_op_id = 0

    def watch(self, t):
        self.tensor_tape.setdefault(_key(t), -1)

    def record(self, op):
        if not any(_key(t) in self.tensor_tape and t.dtype.base_dtype.name in _TRAINABLE
                   for t in op.inputs):
            return
        op_id = self.next_op_id
        self.next_op_id += 1
        outs = [_key(o) for o in op.outputs]
        for k in outs:
            self.tensor_tape[k] = op_id
        self.op_tape[op_id] = (op, outs, [_key(i) for i in op.inputs])


def _aggregate(grads):
    if len(grads) == 1:
        return grads[0]
    from ..ops import math_ops

    if all(not isinstance(g, IndexedSlices) for g in grads):
        return math_ops.add_n(grads)
    from ..ops.gradients_impl import _add_n_densified

    return _add_n_densified(_ops.get_default_graph(), grads)


def _num_elements(g):
    t = g.values if isinstance(g, IndexedSlices) else g
    s = t.shape
    if s.rank is None or None in s.as_list():
        return 0
    return math.prod(s.as_list())


def _zeros(t):
    from ..ops import array_ops

    if t.dtype.base_dtype.name in ("variant", "string", "resource"):
        return None
    s = t.shape
    if s.rank is None or None in s.as_list():
        return array_ops.zeros(array_ops.shape(t), t.dtype.base_dtype)
    return array_ops.zeros(tuple(s.as_list()), t.dtype.base_dtype)


def _ones(t):
    from ..ops import array_ops

    s = t.shape
    if s.rank is None or None in s.as_list():
        return array_ops.ones(array_ops.shape(t), t.dtype.base_dtype)
    return array_ops.ones(tuple(s.as_list()), t.dtype.base_dtype)


def _flatten(r):
    if isinstance(r, (list, tuple)):
        return [x for v in r for x in _flatten(v)]
    return [r]


def _backward(op, skip, out_grads):
    from ..ops import gradients_impl

    gradients_impl.gradients  # noqa: B018 - the module registers the gradient functions
    from ..ops import array_grad, math_grad, nn_grad  # noqa: F401

    if op.type not in gradients_impl._GRADIENTS:
        raise LookupError(f"gradient registry has no entry for: {op.type}")
    fn = gradients_impl._GRADIENTS[op.type]
    if fn is None:
        return [None] * len(op.inputs)
    return _flatten(fn(_MockOp(op, skip), *out_grads))


def _compute_gradient(tape, targets, sources, output_gradients):
    """TF's `GradientTape::ComputeGradient` (tape.h)."""
    target_ids = [_key(t) for t in targets]
    source_ids = [_key(s) for s in sources]
    sources_set = set(source_ids)
    # PrepareBackprop: the ops that lead to the targets, found depth first.
    op_tape: dict = {}
    inserted: list = []
    usage: dict = {}
    stack = list(target_ids)
    while stack:
        tid = stack.pop()
        op_id = tape.tensor_tape.get(tid)
        if op_id is None or op_id == -1 or op_id not in tape.op_tape or op_id in op_tape:
            continue
        op_tape[op_id] = tape.op_tape[op_id]
        inserted.append(op_id)
        for i in op_tape[op_id][2]:
            if i in usage:
                usage[i] += 1
            else:
                usage[i] = 1
                if i in tape.tensor_tape:
                    stack.append(i)
        if not tape.persistent:
            del tape.op_tape[op_id]
    missing: dict = {}
    for k in usage:
        op_id = tape.tensor_tape.get(k)
        if op_id is not None and op_id != -1:
            missing[op_id] = missing.get(op_id, 0) + 1
    if not tape.persistent:
        tape.op_tape.clear()
    op_stack = [i for i in _unordered_map_order(inserted) if i not in missing]
    gradients: dict = {}
    for i, t in enumerate(targets):
        tid = target_ids[i]
        g = None if output_gradients is None else output_gradients[i]
        if g is None:
            op_id = tape.tensor_tape.get(tid)
            if op_id is not None and op_id != -1:
                gradients.setdefault(tid, []).append(_ones(t))
            elif tid in sources_set:
                gradients.setdefault(tid, []).append(_ones(t))
        else:
            gradients.setdefault(tid, []).append(g)
    sizes: dict = {}
    while op_stack:
        op_id = op_stack.pop()
        if op_id not in op_tape:
            continue
        op, outs, ins = op_tape.pop(op_id)
        skip = tuple(i for i, k in enumerate(ins)
                     if k not in tape.tensor_tape and k not in sources_set)
        out_grads, zero_idx, any_nonzero = [], [], False
        for i, k in enumerate(outs):
            if k not in gradients:
                out_grads.append(None)
                if i not in _ACCEPT_NONE.get(op.type, ()):
                    zero_idx.append(i)
            else:
                any_nonzero = True
                gs = gradients[k]
                g = gs[0] if len(gs) == 1 else _aggregate(gs)
                if k not in sources_set:
                    del gradients[k]
                else:
                    gradients[k] = [g]
                out_grads.append(g)
        if any_nonzero:
            for i in zero_idx:
                out_grads[i] = _zeros(op.outputs[i])
            in_grads = _backward(op, skip or None, out_grads)
        else:
            in_grads = [None] * len(ins)
        for i, g in enumerate(in_grads):
            k = ins[i]
            if g is not None:
                lst = gradients.setdefault(k, [])
                lst.append(g)
                if len(lst) > _MIN_AGGREGATE_COUNT:
                    size = sizes.setdefault(k, _num_elements(lst[0]))
                    if len(lst) * size * 4 > _MIN_AGGREGATE_BYTES:
                        gradients[k] = [_aggregate(lst)]
            if k not in usage:
                continue
            usage[k] -= 1
            if usage[k] > 0:
                continue
            producer = tape.tensor_tape.get(k)
            if producer is None:
                gradients.pop(k, None)
                continue
            if producer == -1:
                continue
            if producer in missing:
                missing[producer] -= 1
                if missing[producer] == 0:
                    op_stack.insert(0, producer)
    result = []
    for k in source_ids:
        gs = gradients.get(k)
        if not gs:
            result.append(None)
        else:
            if len(gs) > 1:
                gradients[k] = gs = [_aggregate(gs)]
            result.append(gs[0])
    return result


class GradientTape:
    """`tf.GradientTape` for graph building: records ops built inside its block."""

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self._persistent = persistent
        self._watch_accessed_variables = watch_accessed_variables
        self._tape = None
        self._recording = False

    def __enter__(self):
        if self._recording:
            raise ValueError("Tape is already recording.")
        if self._tape is None:
            self._tape = _Tape(self._persistent)
        _ops._OP_RECORDERS.append(self._tape.record)
        self._recording = True
        return self

    def __exit__(self, typ, value, traceback):
        if self._recording:
            _ops._OP_RECORDERS.remove(self._tape.record)
            self._recording = False

    def watch(self, tensor):
        for t in _flatten(tensor):
            t = getattr(t, "_ref_tensor", lambda t=t: t)()
            if not t.dtype.base_dtype.name in _TRAINABLE:  # noqa: E713
                continue
            self._tape.watch(t)

    def gradient(self, target, sources, output_gradients=None,
                 unconnected_gradients="none"):
        if self._tape is None:
            raise RuntimeError("GradientTape.gradient can only be called once on "
                               "non-persistent tapes.")
        if self._recording and not self._persistent:
            self.__exit__(None, None, None)
        from ..framework.constant_op import convert_to_tensor

        flat_targets = _flatten(target)
        flat_sources = _flatten(sources)
        if output_gradients is not None:
            output_gradients = [None if g is None else convert_to_tensor(g)
                                for g in _flatten(output_gradients)]
        grads = _compute_gradient(self._tape, flat_targets, flat_sources, output_gradients)
        if not self._persistent:
            self._tape = None
        if unconnected_gradients == "zero":
            from ..ops import array_ops

            grads = [array_ops.zeros_like(s) if g is None else g
                     for g, s in zip(grads, flat_sources)]
        if isinstance(sources, (list, tuple)):
            return type(sources)(grads) if isinstance(sources, tuple) else grads
        return grads[0]
