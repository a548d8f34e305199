"""Python kernels: ops the Rust core has no kernel for, run by `Session.run` in Python.

tf.data's dataset and iterator ops hold Python objects (datasets, iterator state),
`cond`'s Switch/Merge pass or kill values, and a few element-wise ops (`Equal`,
`Select`, `ReverseV2`, the image kernels) are plain NumPy. A session whose fetches
reach such an op evaluates the graph here, op by op in id order (ids are a
topological order: inputs always come first), and hands every region of
Rust-kernel ops to the Rust session in one call, feeding it the Python values it
reads. Random ops run in Rust exactly once per `Session.run`: each Rust call also
fetches every random op its fetches depend on, and later calls are fed those
values, so a stream is never drawn twice in one run.
"""

from __future__ import annotations

from typing import Callable, Dict

import numpy as np

from .. import _core, errors
from . import dtypes as _dtypes
from .ops import _RUST_DTYPES, _contiguous

#: op type -> kernel(ctx, op, inputs) -> list of output values
PY_KERNELS: Dict[str, Callable] = {}

_RUST_OPS = {name: stateful for name, _, stateful, has_kernel in _core.registered_ops()
             if has_kernel}


#: A while loop's frame ops: loops are not run by the Python evaluator.
_LOOP_OPS = frozenset({"Enter", "RefEnter", "Exit", "RefExit", "NextIteration",
                       "RefNextIteration", "LoopCond"})

class ShapeOnly:
    """A value-less output of an op without a kernel: its shape this run (from the op's
    shape function on the actual input shapes) and the op to name if its value is read.
    `cond`'s Switch/Merge and Identity pass it on; Shape/Size/Rank read it."""

    __slots__ = ("shape", "origin")

    def __init__(self, shape, origin):
        self.shape, self.origin = tuple(shape), origin

    def unimplemented(self):
        return errors.UnimplementedError(
            None, None, f"philoxflow builds {self.origin._type} ops for graph structure but "
                        f"has no kernel for them (op '{self.origin._name}')")


#: Op types Rust runs in some forms only; the others Python runs (marked at build).
_SOME_FORMS_IN_RUST = frozenset({"StridedSlice"})

#: Ops that read only their input's shape.
_SHAPE_READERS = frozenset({"Shape", "Size", "Rank"})

#: Values of an untaken `cond` branch (TF's dead tensors).
DEAD = type("Dead", (), {"__repr__": lambda self: "DEAD"})()


class _PyOnly:
    """Op types Python runs: those with a Python kernel and no Rust one (live view)."""

    def __contains__(self, op_type):
        return op_type in PY_KERNELS and op_type not in _RUST_OPS


PY_ONLY = _PyOnly()


#: Op types whose Python kernels get no input values (they run what they need themselves:
#: IsVariableInitialized must not fetch an uninitialized variable).
LAZY_INPUTS: set = set()


def kernel(*op_types: str):
    """Register a Python kernel for `op_types`."""

    def deco(f):
        for t in op_types:
            PY_KERNELS[t] = f
        return f

    return deco


class Context:
    """What a kernel sees of the run: the session and its per-session state."""

    def __init__(self, session):
        self.session = session
        state = getattr(session, "_py_state", None)
        if state is None:  # (setdefault: one state dict even with concurrent runs)
            state = session.__dict__.setdefault("_py_state", {})
        self.state = state


def _closure(ops, roots, stop):
    """Ids of the ops `roots` (op ids) depend on, through data and control inputs."""
    seen, stack = set(), list(roots)
    while stack:
        i = stack.pop()
        if i in seen:
            continue
        seen.add(i)
        if i in stop:
            continue
        op = ops[i]
        stack.extend(t._op._id for t in op._inputs)
        stack.extend(c._id for c in op._control_inputs)
    return seen


def _topological(ops, ids):
    """`ids` with every op after its inputs (ids alone are not: cond rewires an op's
    inputs to Switches made after it)."""
    order, done, entered = [], set(), set()
    for root in sorted(ids):
        if root in done:
            continue
        stack = [(root, False)]
        while stack:
            i, expanded = stack.pop()
            if expanded:
                if i not in done:
                    done.add(i)
                    order.append(i)
                continue
            if i in done or i in entered:
                continue  # done, or a back edge (a while loop's NextIteration)
            entered.add(i)
            stack.append((i, True))
            op = ops[i]
            for j in [t._op._id for t in op._inputs] + [c._id for c in op._control_inputs]:
                if j in ids and j not in done:
                    stack.append((j, False))
    return order


def needs_python(graph, op_ids, fed) -> bool:
    """Whether running `op_ids` reaches an op that only Python runs (kept per fetch and
    feed set while the graph does not grow: a training loop asks once)."""
    if not graph._py_ops:
        return False
    cache = graph.__dict__.setdefault("_py_reach", {})
    key = (tuple(op_ids), tuple(sorted(fed)), len(graph._ops))
    hit = cache.get(key)
    if hit is None:
        if len(cache) > 256:
            cache.clear()
        hit = cache[key] = bool(_closure(graph._ops, op_ids, set(fed)) & graph._py_ops)
    return hit


class _Run:
    def __init__(self, session, feeds):
        self.session = session
        self.graph = session.graph
        self.ops = self.graph._ops
        self.ctx = Context(session)
        #: op id -> list of output values (python-evaluated or fetched from Rust)
        self.vals: Dict[int, list] = {}
        self.user_feeds = {i: (arr, dt) for i, arr, dt in feeds}
        self.py = set()  # ops evaluated here (their consumers are too, or fed from them)

    def _rust_feeds(self):
        out = [(i, arr, dt) for i, (arr, dt) in self.user_feeds.items() if dt in _RUST_DTYPES]
        for i, v in self.vals.items():
            if i in self.user_feeds or not v:  # (output 0: what Rust consumers read)
                continue
            op = self.ops[i]
            if not op._outputs:  # a ran Assert or NoOp: nothing to feed
                continue
            t = op._outputs[0]
            dt = t._dtype._name
            if dt not in _RUST_DTYPES:
                continue
            if v[0] is DEAD:
                # Cuts Rust's walk at a dead value (its consumers are dead and unfetched).
                dims = [d or 0 for d in (t._shape.as_list() if t._shape.rank is not None else [])]
                dead = (np.full(dims, b"", dtype=object) if dt == "string"  # (not int zeros)
                        else np.zeros(dims, t._dtype.as_numpy_dtype))
                out.append((i, dead, dt))
                continue
            if not isinstance(v[0], (np.ndarray, np.generic)):
                continue
            out.append((i, _contiguous(v[0]), dt))
        return out

    def _dead_rust(self, i, memo):
        """Whether Rust op `i` reads (through Rust ops) a dead value."""
        if i in memo:
            return memo[i]
        memo[i] = False
        if i in self.vals:
            memo[i] = any(v is DEAD for v in self.vals[i])
            return memo[i]
        op = self.ops[i]
        memo[i] = any(self._dead_rust(t._op._id, memo) for t in op._inputs) or any(
            self._dead_rust(c._id, memo) for c in op._control_inputs)
        return memo[i]

    def fetch_rust(self, ids, targets=()):
        """Values of Rust ops `ids` (one Rust run), plus the random ops they read."""
        ids = [i for i in ids if i not in self.vals]
        if not ids and not targets:
            return
        memo: dict = {}
        live = [i for i in ids if not self._dead_rust(i, memo)]
        for i in ids:
            if i not in live:
                self.vals[i] = [DEAD]
        stop = set(self.vals) | set(self.user_feeds)
        extra = [i for i in _closure(self.ops, live + list(targets), stop)
                 if i not in stop and _RUST_OPS.get(self.ops[i]._type)]
        fetch = live + [i for i in extra if i not in live]
        if not fetch and not targets:
            return
        raw = self.session._c.run(fetch, self._rust_feeds(), list(targets))
        for i, v in zip(fetch, raw):
            self.vals[i] = [v]

    def _reaches_kernelless(self, i, memo):
        """Whether op `i`'s value needs (through Rust ops) an op without any kernel."""
        if i in memo:
            return memo[i]
        memo[i] = False
        if i in self.vals or i in self.user_feeds:
            return False
        op = self.ops[i]
        if op._type in PY_ONLY or (op._type in PY_KERNELS and (
                i in self.graph._py_ops or _RUST_OPS.get(op._type) is None)):
            return False  # Python runs it
        if _RUST_OPS.get(op._type) is None and op._outputs and all(
                t._op._type == "Const" for t in op._inputs):
            return False  # the Rust session folds it (a Prod of a constant shape)
        memo[i] = (_RUST_OPS.get(op._type) is None
                   or any(self._reaches_kernelless(t._op._id, memo) for t in op._inputs))
        return memo[i]

    def _kernelless_shape(self, i, memo=None):
        """For a Python kernel's input op whose value needs an op without a kernel (a
        FusedBatchNorm in a cond branch): value-less outputs of its run-time shape, as the
        Rust session gives them; False where it runs as usual."""
        memo = {} if memo is None else memo
        op = self.ops[i]
        if not op._outputs or not self._reaches_kernelless(i, memo):
            return False
        if _RUST_OPS.get(op._type):  # a stateful (random) op needs real input values
            return False
        from .shape_inference import _runtime_shape

        ins = []
        for t in op._inputs:
            src = t._op._id
            if src not in self.vals and not self._kernelless_shape(src, memo):
                self.fetch_rust([src])
            v = self.vals[src]
            ins.append(v[t._index] if len(v) > t._index else None)
        if any(v is DEAD for v in ins):
            self.vals[i] = [DEAD] * len(op._outputs)
            return True
        shapes = [v.shape if isinstance(v, ShapeOnly) else np.shape(v) for v in ins]
        values = [None if isinstance(v, ShapeOnly) else v for v in ins]
        got = _runtime_shape(self.graph._c.id, i, shapes, values)
        if got is not None and got[0] == "value" and len(op._outputs) == 1:
            self.vals[i] = [got[1]]  # computed exactly (integer or data-moving ops)
            self.py.add(i)
            return True
        if got is None or got[0] != "shape":
            return False
        origin = next((v.origin for v in ins if isinstance(v, ShapeOnly)), op)
        self.vals[i] = [ShapeOnly(got[1], origin)] * len(op._outputs)
        self.py.add(i)
        return True

    def value(self, t):
        return self.vals[t._op._id][t._index]

    def run(self, fetch_ids, target_ids):
        need = _closure(self.ops, list(fetch_ids) + list(target_ids), set(self.user_feeds))
        for i in need:
            if self.ops[i]._type in _LOOP_OPS:
                # While loops are built for structure only: never iterate a frame here.
                raise errors.UnimplementedError(
                    None, None, f"philoxflow builds {self.ops[i]._type} ops of while loops for "
                                f"graph structure but does not run loops (op "
                                f"'{self.ops[i]._name}')")
        for i in _topological(self.ops, need):
            if i in self.user_feeds:
                self.vals[i] = [self.user_feeds[i][0]]
                if self.user_feeds[i][1] not in _RUST_DTYPES:
                    self.py.add(i)
                continue
            op = self.ops[i]
            if "_py_value" in op._attrs:
                # A constant Rust cannot hold (strings): its value kept in Python.
                self.vals[i] = [op._attrs["_py_value"]]
                self.py.add(i)
                continue
            reads_py = any(t._op._id in self.py for t in op._inputs) or any(
                c._id in self.py for c in op._control_inputs)
            if reads_py and self._shape_only(op):
                continue
            if op._type in PY_ONLY or ((reads_py or i in self.graph._py_ops)
                                       and op._type in PY_KERNELS):
                self._run_py(op)
            elif reads_py:
                # A Rust kernel fed Python values: run it alone in Rust.
                for t in op._inputs:
                    if t._index != 0 and t._op._id in self.py:
                        raise errors.UnimplementedError(
                            None, None, f"Op {op._type!r} ({op._name}) reads output "
                            f"{t._index} of a Python-run op")
                if op._type not in _RUST_OPS and self._kernelless_from_values(op):
                    continue
                if not self._kernelless_shape(i):
                    self.fetch_rust([i])
                self.py.add(i)
        rest = [i for i in fetch_ids if i not in self.vals]
        targets = [i for i in target_ids if i not in self.vals]
        self.fetch_rust(rest, targets)

    def _kernelless_from_values(self, op):
        """An op without any kernel fed Python-run values (a Python-gathered batch): its
        value where exact integer arithmetic gives it, else a value-less output of its
        run-time shape (as the Rust session gives for kernel-less ops). False when its
        inputs cannot all be known here (the Rust path decides)."""
        from .shape_inference import _runtime_shape

        ins = []
        for t in op._inputs:
            src = t._op._id
            if src not in self.vals and not self._kernelless_shape(src):
                self.fetch_rust([src])
            v = self.vals.get(src)
            if v is None:
                return False
            ins.append(v[t._index] if len(v) > t._index else None)
        if any(v is None or v is DEAD for v in ins):
            return False
        shapes = [v.shape if isinstance(v, ShapeOnly) else np.shape(v) for v in ins]
        values = [None if isinstance(v, ShapeOnly) else v for v in ins]
        got = _runtime_shape(self.graph._c.id, op._id, shapes, values)
        if got is None:
            return False
        if got[0] == "value":
            self.vals[op._id] = [np.asarray(got[1])]
        else:
            self.vals[op._id] = [ShapeOnly(got[1], op)] * max(1, len(op._outputs))
        self.py.add(op._id)
        return True

    def _shape_only(self, op):
        """Run `op` on value-less inputs if it can (shape readers; ops without a kernel
        give value-less outputs); raise naming the origin where a value is needed.
        False when no input is value-less (the op runs as usual)."""
        def known(t):
            v = self.vals.get(t._op._id, ())
            return v[t._index] if len(v) > t._index else None

        if op._type in ("Switch", "RefSwitch", "Merge", "Identity") or not any(
                isinstance(known(t), ShapeOnly) for t in op._inputs):
            return False
        if op._type in ("Assign", "AssignAdd", "AssignSub"):
            # A value-less initial value: name the op without a kernel (reading the
            # variable first would report it uninitialized instead).
            raise next(v for v in map(known, op._inputs) if isinstance(v, ShapeOnly)
                       ).unimplemented()
        for t in op._inputs:  # the other inputs' values (constants, feeds)
            src = t._op._id
            if src not in self.vals and not self._kernelless_shape(src):
                self.fetch_rust([src])
        ins = [known(t) for t in op._inputs]
        markers = [v for v in ins if isinstance(v, ShapeOnly)]
        self._on_markers(op, ins, markers)
        return True

    def _on_markers(self, op, ins, markers):
        if any(v is DEAD for v in ins):
            self.vals[op._id] = [DEAD] * max(1, len(op._outputs))
        elif op._type in _SHAPE_READERS:
            dims = markers[0].shape
            v = {"Shape": dims, "Size": int(np.prod(dims, dtype=np.int64)),
                 "Rank": len(dims)}[op._type]
            self.vals[op._id] = [np.asarray(v, dtype=_np(op))]
        elif (not _RUST_OPS.get(op._type) or op._type in _SOME_FORMS_IN_RUST) and \
                op._type not in ("Assign", "AssignAdd", "AssignSub"):
            # Kernel-less, or a deterministic kernel fed a value-less input: a
            # value-less output too (as the Rust session gives); random ops need values.
            from .shape_inference import _runtime_shape

            shapes = [v.shape if isinstance(v, ShapeOnly) else np.shape(v) for v in ins]
            values = [None if isinstance(v, ShapeOnly) else v for v in ins]
            got = _runtime_shape(self.graph._c.id, op._id, shapes, values)
            if got is None or got[0] != "shape":
                raise markers[0].unimplemented()
            self.vals[op._id] = [ShapeOnly(got[1], markers[0].origin)] * max(
                1, len(op._outputs))
        else:
            raise markers[0].unimplemented()
        self.py.add(op._id)

    def _run_py(self, op):
        if op._type in LAZY_INPUTS:  # the kernel reads its inputs itself
            self.vals[op._id] = list(call_kernel(self.ctx, op, [None] * len(op._inputs)))
            self.py.add(op._id)
            return
        for t in op._inputs:
            src = t._op
            if (src._type == "Const" and src._id not in self.vals
                    and t._dtype._name == "string" and "value" in src._attrs):
                # String constants (Assert messages) live in the op's attributes.
                self.vals[src._id] = [np.asarray(src._attrs["value"], dtype=object)]
        if op._type in ("Switch", "RefSwitch") and op._inputs[0]._op._type == "VariableV2":
            # TF forwards a ref without reading it: an uninitialized variable may be
            # switched (initialized_value()'s guard), failing only where it is read.
            var = op._inputs[0]._op
            if var._id not in self.vals:
                try:
                    self.fetch_rust([var._id])
                except errors.FailedPreconditionError as e:
                    self.vals[var._id] = [Uninitialized(e)]
        rust_in = [t._op._id for t in op._inputs if t._op._id not in self.vals]
        rust_in += [c._id for c in op._control_inputs if c._id not in self.vals]
        for i in list(rust_in):
            if self._kernelless_shape(i):
                rust_in.remove(i)
        if rust_in:
            rust_ids = [i for i in rust_in if self.ops[i]._outputs]
            targets = [i for i in rust_in if not self.ops[i]._outputs]
            self.fetch_rust(rust_ids, targets)
            for i in targets:
                self.vals.setdefault(i, [])
        ins = [self.value(t) for t in op._inputs]
        if op._type not in ("Switch", "RefSwitch"):
            for v in ins:
                if isinstance(v, Uninitialized):
                    raise v.error
        markers = [v for v in ins if isinstance(v, ShapeOnly)]
        if markers and op._type not in ("Switch", "RefSwitch", "Merge", "Identity"):
            return self._on_markers(op, ins, markers)
        ctrl_dead = any(v is DEAD for c in op._control_inputs for v in self.vals.get(c._id, ()))
        if op._type != "Merge" and (ctrl_dead or any(v is DEAD for v in ins)):
            out = [DEAD] * max(1, len(op._outputs))
        else:
            out = call_kernel(self.ctx, op, ins)
        self.vals[op._id] = list(out) if out is not None else []
        self.py.add(op._id)


class Uninitialized:
    """An uninitialized variable's ref passed on by a Switch: reading it raises."""

    __slots__ = ("error",)

    def __init__(self, error):
        self.error = error


#: Elementwise Python kernels that must see bfloat16 values, not their uint16 bits: TF's
#: bfloat16 arithmetic computes in float32 and rounds to nearest even.
_BF16_FUNCS = {"Round": np.round, "Sign": np.sign, "Abs": np.abs, "Neg": np.negative,
               "Add": np.add, "AddV2": np.add, "Sub": np.subtract, "Mul": np.multiply,
               "RealDiv": np.divide, "Maximum": np.maximum, "Minimum": np.minimum,
               "Less": np.less, "LessEqual": np.less_equal, "Greater": np.greater,
               "GreaterEqual": np.greater_equal, "Equal": np.equal,
               "NotEqual": np.not_equal}


def _bf16_kernel(op, ins):
    def value(v, t):
        v = np.asarray(v)
        if t._dtype.base_dtype.name != "bfloat16":
            return v
        if v.dtype == np.uint16:
            return (v.astype(np.uint32) << 16).view(np.float32)
        return v.astype(np.float32)

    with np.errstate(all="ignore"):
        out = np.asarray(_BF16_FUNCS[op._type](*[value(v, t) for v, t in
                                                 zip(ins, op._inputs)]))
    if op._outputs[0]._dtype.base_dtype.name == "bfloat16":
        return [_dtypes.bfloat16_bits(out.astype(np.float32))]
    return [out]


def call_kernel(ctx, op, ins):
    """Run `op`'s Python kernel; bad input raises TF's error classes (an
    InvalidArgumentError naming the op), never a bare NumPy/Python exception."""
    try:
        if op._type in _BF16_FUNCS and any(t._dtype.base_dtype.name == "bfloat16"
                                           for t in op._inputs):
            return _bf16_kernel(op, ins)
        return PY_KERNELS[op._type](ctx, op, ins)
    except (errors.OpError, StopIteration):
        raise
    except (ValueError, TypeError, IndexError, OverflowError, ZeroDivisionError) as e:
        raise errors.InvalidArgumentError(
            None, op, f"{e} (op {op._type!r}: {getattr(op, '_name', op._type)})") from None
    except MemoryError:
        raise errors.ResourceExhaustedError(
            None, op, f"OOM when running op {op._type!r}") from None


def run(session, fetch_ids, target_ids, feeds):
    """Evaluate a session run that reaches Python-run ops: values of `fetch_ids`."""
    return run_outputs(session, [(i, 0) for i in fetch_ids], target_ids, feeds)


def run_outputs(session, fetches, target_ids, feeds):
    """Like `run`, for `(op id, output index)` fetches."""
    r = _Run(session, feeds)
    ids = list(dict.fromkeys(i for i, _ in fetches))
    r.run(ids, target_ids)
    out = []
    for i, k in fetches:
        v = r.vals[i][k] if len(r.vals[i]) > k else None
        if v is DEAD:
            raise errors.InvalidArgumentError(
                None, None, f"Retval[0] does not have value ({r.ops[i]._name})")
        if isinstance(v, ShapeOnly):
            raise v.unimplemented()
        if isinstance(v, Uninitialized):
            raise v.error
        out.append(v)
    return out


# ----------------------------------------------------------------- element-wise kernels

def _np(op, i=0):
    return op._outputs[i]._dtype.as_numpy_dtype


@kernel("Switch", "RefSwitch")
def _switch(ctx, op, ins):
    data, pred = ins
    return [DEAD, data] if bool(pred) else [data, DEAD]


@kernel("Merge")
def _merge(ctx, op, ins):
    for k, v in enumerate(ins):
        if v is not DEAD:
            return [v, np.int32(k)]
    return [DEAD, DEAD]


@kernel("Identity")
def _identity(ctx, op, ins):
    return [ins[0]]


@kernel("Equal")
def _equal(ctx, op, ins):
    return [np.asarray(np.equal(ins[0], ins[1]))]


@kernel("NotEqual")
def _not_equal(ctx, op, ins):
    return [np.asarray(np.not_equal(ins[0], ins[1]))]


@kernel("LogicalAnd")
def _logical_and(ctx, op, ins):
    return [np.asarray(np.logical_and(ins[0], ins[1]))]


@kernel("Select", "SelectV2")
def _select(ctx, op, ins):
    c, a, b = ins
    c = np.asarray(c)
    if op._type == "Select" and c.ndim == 1 and np.ndim(a) > 1:
        c = c.reshape(c.shape + (1,) * (np.ndim(a) - 1))
    return [np.asarray(np.where(c, a, b), dtype=np.asarray(a).dtype)]


@kernel("ReverseV2")
def _reverse(ctx, op, ins):
    x, axes = ins
    x = np.asarray(x)
    axes = [int(a) % x.ndim for a in np.atleast_1d(axes)] if x.ndim else []
    return [np.ascontiguousarray(np.flip(x, axes))] if axes else [x]


# Element-wise arithmetic for values Python holds (dtypes the Rust core lacks, such
# as uint8 images, or values downstream of a Python op). NumPy's float32 add, sub,
# mul and div round as TF's kernels do; integer ops wrap as C++'s do.

def _binary(f):
    def k(ctx, op, ins):
        dt = _np(op)
        with np.errstate(all="ignore"):
            return [np.asarray(f(np.asarray(ins[0]), np.asarray(ins[1])), dtype=dt)]
    return k


for _t, _f in (("Add", np.add), ("AddV2", np.add), ("Sub", np.subtract),
               ("Mul", np.multiply), ("RealDiv", np.divide), ("Maximum", np.maximum),
               ("Minimum", np.minimum), ("FloorMod", np.mod), ("FloorDiv", np.floor_divide)):
    PY_KERNELS[_t] = _binary(_f)


def _max_min_by_target(name, tf2_kernel, keep_second):
    """TF 1.15's Eigen computes Maximum/Minimum as std::max/std::min (the first operand
    on ties and NaN: `b if a < b else a`); TF 2.21's propagates NaN as NumPy does."""
    def k(ctx, op, ins):
        if op.graph._target.seed_rule != "last_id":
            return tf2_kernel(ctx, op, ins)
        a, b = np.asarray(ins[0]), np.asarray(ins[1])
        with np.errstate(invalid="ignore"):
            return [np.asarray(np.where(keep_second(a, b), b, a), dtype=_np(op))]
    k.__name__ = f"_{name.lower()}"
    return k


PY_KERNELS["Maximum"] = _max_min_by_target("Maximum", PY_KERNELS["Maximum"], np.less)
PY_KERNELS["Minimum"] = _max_min_by_target("Minimum", PY_KERNELS["Minimum"],
                                           lambda a, b: np.less(b, a))

for _t, _f in (("Less", np.less), ("LessEqual", np.less_equal), ("Greater", np.greater),
               ("GreaterEqual", np.greater_equal)):
    PY_KERNELS[_t] = (lambda f: lambda ctx, op, ins: [np.asarray(f(ins[0], ins[1]))])(_f)


@kernel("Cast")
def _cast(ctx, op, ins):
    x = np.asarray(ins[0])
    dt = _np(op)
    src, dst = op._inputs[0]._dtype.base_dtype, op._outputs[0]._dtype
    if src != dst and _dtypes.string in (src, dst):
        # TF's CastOp names C++ types (DataTypeString): float, double, half
        cpp = {"float32": "float", "float64": "double", "float16": "half"}
        raise errors.UnimplementedError(
            None, op, f"Cast {cpp.get(src.name, src.name)} to {cpp.get(dst.name, dst.name)} "
                      "is not supported")
    if x.dtype.kind == "f" and np.dtype(dt).kind in "iu":
        with np.errstate(invalid="ignore"):
            return [np.trunc(x).astype(dt)]
    return [x.astype(dt)]


@kernel("Round")
def _round(ctx, op, ins):
    return [np.round(np.asarray(ins[0]))]  # half to even, as TF's Round


@kernel("Reshape")
def _reshape(ctx, op, ins):
    return [np.reshape(ins[0], [int(d) for d in np.atleast_1d(ins[1])])]


@kernel("Pack")
def _pack(ctx, op, ins):
    try:
        axis = int(op.get_attr("axis"))
    except ValueError:
        axis = 0
    return [np.stack([np.asarray(v) for v in ins], axis=axis)]


@kernel("Tile")
def _tile(ctx, op, ins):
    x, m = np.asarray(ins[0]), np.atleast_1d(ins[1])
    if m.shape != (x.ndim,):
        raise errors.InvalidArgumentError(None, op, f"Expected multiples argument to be a "
                                          f"vector of length {x.ndim} but got length {m.size}")
    for k, v in enumerate(m):
        if v < 0:
            raise errors.InvalidArgumentError(
                None, op, f"Expected multiples[{k}] >= 0, but got {int(v)}")
    return [np.tile(x, [int(v) for v in m])]


@kernel("Shape")
def _shape(ctx, op, ins):
    return [np.asarray(np.shape(ins[0]), dtype=_np(op))]


@kernel("Slice")
def _slice(ctx, op, ins):
    x, begin, size = np.asarray(ins[0]), np.atleast_1d(ins[1]), np.atleast_1d(ins[2])
    idx = tuple(slice(int(b), x.shape[k] if int(s) == -1 else int(b) + int(s))
                for k, (b, s) in enumerate(zip(begin, size)))
    return [np.ascontiguousarray(x[idx])]


@kernel("ExpandDims")
def _expand_dims(ctx, op, ins):
    dim = np.asarray(ins[1]).reshape(-1)  # a scalar or a one-element vector (TF's kernel)
    if dim.size != 1:
        raise errors.InvalidArgumentError(None, op, "'dim' must be a tensor with a single "
                                          f"value, but got {dim.size} values")
    return [np.expand_dims(ins[0], int(dim[0]))]


@kernel("ZerosLike")
def _zeros_like(ctx, op, ins):
    return [np.zeros_like(ins[0])]


@kernel("Squeeze")
def _squeeze(ctx, op, ins):
    x = np.asarray(ins[0])
    dims = op._attrs.get("squeeze_dims") or [k for k, d in enumerate(x.shape) if d == 1]
    return [np.squeeze(x, axis=tuple(int(d) % x.ndim for d in dims))]


@kernel("Assert")
def _assert(ctx, op, ins):
    if not bool(np.all(ins[0])):
        parts = []
        for v in ins[1:]:
            v = np.asarray(v)
            parts.append(v.item().decode() if v.dtype == object and v.ndim == 0
                         and isinstance(v.item(), bytes) else str(v))
        raise errors.InvalidArgumentError(
            None, None, "assertion failed: [" + "] [".join(parts) + "]")
    return []


@kernel("ClipByValue")
def _clip_by_value(ctx, op, ins):
    x = np.asarray(ins[0])
    return [np.maximum(np.minimum(x, ins[2]), ins[1]).astype(x.dtype)]


@kernel("StatelessIf", "If")
def _if(ctx, op, ins):
    """cond_v2's If: runs the branch the predicate picks (each branch a traced
    function, instantiated once per session)."""
    key = ("If", op._id)
    calls = ctx.state.get(key)
    if calls is None:
        calls = ctx.state[key] = [op._attrs["then_branch"].instantiate([]),
                                  op._attrs["else_branch"].instantiate([])]
    call = calls[0 if bool(np.asarray(ins[0])) else 1]
    if getattr(call, "shares_resources", False):  # cond_v2's branches read variables
        return call(ins[1:], ctx.state)
    return call(ins[1:])


@kernel("Pad")
def _pad(ctx, op, ins):
    x = np.asarray(ins[0])
    p = np.asarray(ins[1]).reshape(-1, 2)
    if p.shape[0] != x.ndim or (p < 0).any():
        raise errors.InvalidArgumentError(
            None, op, f"The first dimension of paddings must be the rank of inputs"
            f"{list(p.shape)}, {list(x.shape)}")
    return [np.pad(x, [(int(a), int(b)) for a, b in p])]
