"""TensorFlow's exact random tensors as Dask arrays, bigger than one machine.

    import philoxflow as tf
    from philoxflow.dask import to_dask

    tf.set_random_seed(1)
    x = tf.random_normal([2**32]) * 0.5 + 1.0
    to_dask(x, chunks=2**25).to_zarr("x.zarr")  # the bits Session.run(x) would give

Philox is counter-based and TensorFlow's kernels place every output at a
computable counter, so any block of an output can be generated on its own.
`to_dask` walks the graph below the tensor once (by op type, however the ops
were built), resolves what a `Session.run` would use (shapes, bounds, seeds,
the run's generator state), and turns each chunk into an independent task:
a small picklable program that the Rust core evaluates with the kernels a
session runs. No graph or session travels with the tasks, so they run on
`dask.distributed` workers in other processes or on other machines.

Needs the optional extra: `pip install philoxflow[dask]`.
"""

from __future__ import annotations

import itertools
import numbers
from typing import Any, NamedTuple, Optional, Sequence

import dask.array as da
import numpy as np
from dask.base import tokenize

import philoxflow as _tf

from . import _core

__all__ = ["to_dask", "SUPPORTED_OPS"]

# Random ops a chunk generates, by what their kernel draws.
_STATEFUL = {
    "RandomUniform": "uniform",
    "RandomUniformInt": "uniform_int",
    "RandomStandardNormal": "normal",
    "TruncatedNormal": "truncated_normal",
}
# Stateless ops taking (shape, seed[, minval, maxval]); TF 1.x's v1 ops have
# the same inputs and derive the same generator from the seed.
_STATELESS = {
    "StatelessRandomUniformV2": "uniform",
    "StatelessRandomUniformIntV2": "uniform_int",
    "StatelessRandomUniformFullIntV2": "full_int",
    "StatelessRandomNormalV2": "normal",
    "StatelessTruncatedNormalV2": "truncated_normal",
    "StatelessRandomUniform": "uniform",
    "StatelessRandomUniformInt": "uniform_int",
    "StatelessRandomNormal": "normal",
    "StatelessTruncatedNormal": "truncated_normal",
}
_BINARY = frozenset({"Add", "AddV2", "Sub", "Mul", "RealDiv"})
_UNARY = frozenset({"Neg", "Cast", "Identity"})
# Ops whose run reads or changes session state other than a random stream.
# (Every op with a per-session random stream has a `seed2` attribute.)
_SESSION_STATE = frozenset({"VariableV2", "Assign", "Placeholder"})

SUPPORTED_OPS = tuple(sorted(_STATEFUL)) + tuple(sorted(_STATELESS)) + tuple(
    sorted(_BINARY | _UNARY)) + ("constant inputs (Const, Fill, ...)",)


def _has_stream(op) -> bool:
    """Whether the op draws from a per-session random stream (shuffle,
    multinomial, gamma, Poisson, and the stateful ops to_dask generates)."""
    try:
        op.get_attr("seed2")
    except ValueError:
        return False
    return True


def _stateful(op) -> bool:
    return op.type in _SESSION_STATE or _has_stream(op)


def _unsupported(op, why: str = "") -> ValueError:
    return ValueError(
        f"to_dask: op {op.name!r} of type {op.type} is not supported{why}. Supported: random "
        "ops (RandomUniform, RandomUniformInt, RandomStandardNormal, TruncatedNormal, the "
        "stateless uniform/int/full-int/normal/truncated-normal ops), Add/AddV2/Sub/Mul/"
        "RealDiv/Neg/Cast/Identity on them, and constant operands (ops not depending on "
        "session state).")


# ----------------------------------------------------------------- core access
# The only places this module reaches past the public API: an op's id in its
# graph and the Rust session behind a tf.Session.

def _op_id(op) -> int:
    return op._id


def _rust_session(sess) -> Any:
    return sess._c


# ----------------------------------------------------------------- the plan

class _Plan(NamedTuple):
    """What every chunk computes: steps in topological order (inputs are
    earlier indices), each step's full static shape, the output's shape and dtype.

    Steps: ("random", dist, dtype, gen, lo, hi), ("value", array, dtype),
    ("binary", kernel, a, b), ("neg", a), ("cast", dtype, a).
    """

    steps: tuple
    shapes: tuple
    shape: tuple
    dtype: str


class _Block:
    """One task's payload: the block program and its output shape (an opaque
    object, so that no scheduler looks inside it for keys)."""

    __slots__ = ("steps", "shape", "dtype")

    def __init__(self, steps: list, shape: list, dtype: str):
        self.steps, self.shape, self.dtype = steps, shape, dtype

    def __getstate__(self):
        return self.steps, self.shape, self.dtype

    def __setstate__(self, state):
        self.steps, self.shape, self.dtype = state


def _compute(block: _Block) -> np.ndarray:
    """A chunk's values: the block program run by the Rust core."""
    out = _core.eval_block(block.steps, block.shape)
    return _output_view(out, block.dtype)


def _numpy_dtype(dtype_name: str) -> np.dtype:
    """The NumPy dtype `Session.run` returns: bfloat16 as ml_dtypes' type when
    installed, else as its uint16 bits."""
    try:
        return np.dtype(_tf.as_dtype(dtype_name).as_numpy_dtype)
    except TypeError:
        return np.dtype(np.uint16)


def _output_view(arr: np.ndarray, dtype_name: str) -> np.ndarray:
    return arr.view(_numpy_dtype(dtype_name)) if dtype_name == "bfloat16" else arr


def _c_order(a: Any) -> np.ndarray:
    """A C-contiguous array, 0-d kept 0-d (np.ascontiguousarray makes it 1-d)."""
    a = np.asarray(a)
    return a if a.flags.c_contiguous else a.copy(order="C")


def _region(step_shape: Sequence[int], out_shape: Sequence[int], starts: Sequence[int],
            sizes: Sequence[int]) -> tuple[list[int], list[int]]:
    """The part of a step's output (shape `step_shape`) that the output block
    (`starts`, `sizes`) reads through NumPy broadcasting: its own extent on
    broadcast axes, the block's elsewhere."""
    lead = len(out_shape) - len(step_shape)
    offset, size = [], []
    for i, d in enumerate(step_shape):
        j = i + lead
        if d == 1 and out_shape[j] != 1:
            offset.append(0)
            size.append(1)
        else:
            offset.append(starts[j])
            size.append(sizes[j])
    return offset, size


def _block_steps(plan: _Plan, starts: Sequence[int], sizes: Sequence[int]) -> list[tuple]:
    steps = []
    for step, shape in zip(plan.steps, plan.shapes):
        if step[0] == "random":
            offset, size = _region(shape, plan.shape, starts, sizes)
            _, dist, dtype, gen, lo, hi = step
            steps.append(("random", dist, dtype, list(shape), offset, size, gen, lo, hi))
        elif step[0] == "value":
            arr = step[1]
            offset, size = _region(arr.shape, plan.shape, starts, sizes)
            index = tuple(slice(o, o + n) for o, n in zip(offset, size))
            steps.append(("value", _c_order(arr[index]), step[2]))
        else:
            steps.append(step)
    return steps


class _Builder:
    """Walks the graph below a tensor as a `Session.run` of it would run it."""

    def __init__(self, graph, session) -> None:
        self.graph = graph
        self.steps = []
        self.shapes = []
        self.index = {}          # op name -> step
        self.random = []         # (step, op, shape) of stateful random ops
        self.reserve_only = []   # stateful random ops the run runs for control only
        self._pure = {}
        threads = _rust_session(session).threads if session is not None else 0
        self._config = _tf.ConfigProto(intra_op_parallelism_threads=threads)
        self._evaluator = None

    # -- constant inputs
    def is_pure(self, op) -> bool:
        """Whether the op's value is fixed by the graph (no random stream or
        other session state below it through its value inputs)."""
        name = op.name
        if name not in self._pure:
            self._pure[name] = not _stateful(op) and all(self.is_pure(t.op) for t in op.inputs)
        return self._pure[name]

    def value(self, tensor) -> np.ndarray:
        """A constant input's value, as a session computes it."""
        op = tensor.op
        if not self.is_pure(op):
            raise _unsupported(op, " as a shape, seed or bound input (it must not depend on "
                               "session state)")
        if op.type == "Const":
            value = op.get_attr("value")
        else:
            if self._evaluator is None:
                self._evaluator = _tf.Session(graph=self.graph, config=self._config)
            value = self._evaluator.run(tensor)
        arr = np.asarray(value)
        if tensor.dtype.name == "bfloat16" and arr.dtype != np.uint16:
            arr = arr.view(np.uint16)
        return arr

    def shape_value(self, tensor) -> tuple[int, ...]:
        arr = self.value(tensor)
        if arr.ndim != 1:
            raise _tf.errors.InvalidArgumentError(
                None, None, "shape must be a vector of {int32,int64}, got shape "
                f"[{','.join(str(d) for d in arr.shape)}]")
        dims = tuple(int(d) for d in arr)
        for d in dims:
            if d < 0:
                raise _tf.errors.InvalidArgumentError(None, None, f"Dimension {d} must be >= 0")
        return dims

    def close(self) -> None:
        if self._evaluator is not None:
            self._evaluator.close()

    # -- the value path
    def add(self, step: tuple, shape: Sequence[int]) -> int:
        self.steps.append(step)
        self.shapes.append(tuple(shape))
        return len(self.steps) - 1

    def constant(self, tensor) -> int:
        op = tensor.op
        if op.type == "Fill":
            # A filled tensor stays one scalar; each block broadcasts it.
            shape = self.shape_value(op.inputs[0])
            scalar = self.value(op.inputs[1]).reshape((1,) * len(shape))
            return self.add(("value", scalar, tensor.dtype.name), shape)
        arr = _c_order(self.value(tensor))
        return self.add(("value", arr, tensor.dtype.name), arr.shape)

    def random_op(self, tensor, dist: str, stateless: bool) -> int:
        op = tensor.op
        inputs = op.inputs
        shape = self.shape_value(inputs[0])
        lo = hi = 0
        if dist == "uniform_int" and int(np.prod(shape)) > 0:
            # TF checks the bounds only for a non-empty output.
            bounds = []
            for arg, t in zip(("minval", "maxval"), inputs[2:4] if stateless else inputs[1:3]):
                v = self.value(t)
                if v.ndim != 0:
                    raise _tf.errors.InvalidArgumentError(
                        None, None, f"{arg} must be 0-D, got shape "
                        f"[{','.join(str(d) for d in v.shape)}]")
                bounds.append(int(v))
            lo, hi = bounds
        if stateless:
            seed = self.value(inputs[1])
            if seed.shape != (2,):
                raise _tf.errors.InvalidArgumentError(
                    None, None, "seed must have shape [2], not "
                    f"[{','.join(str(d) for d in seed.shape)}]")
            gen = ("seed", int(seed[0]), int(seed[1]))
        else:
            gen = None  # the run's state, reserved once the walk has succeeded
        i = self.add(("random", dist, tensor.dtype.name, gen, lo, hi), shape)
        if not stateless:
            self.random.append((i, op, shape))
        return i

    def node(self, tensor) -> int:
        op = tensor.op
        if op.name in self.index:
            return self.index[op.name]
        t = op.type
        if t in _STATEFUL:
            i = self.random_op(tensor, _STATEFUL[t], stateless=False)
        elif t in _STATELESS:
            i = self.random_op(tensor, _STATELESS[t], stateless=True)
        elif self.is_pure(op):
            i = self.constant(tensor)
        elif t in _BINARY:
            a, b = (self.node(x) for x in op.inputs)
            try:
                shape = np.broadcast_shapes(self.shapes[a], self.shapes[b])
            except ValueError:
                raise _tf.errors.InvalidArgumentError(
                    None, None, f"Incompatible shapes: {list(self.shapes[a])} vs. "
                    f"{list(self.shapes[b])}") from None
            i = self.add(("binary", op.get_attr("_kernel"), a, b), shape)
        elif t == "Identity":
            i = self.node(op.inputs[0])
        elif t == "Neg":
            a = self.node(op.inputs[0])
            i = self.add(("neg", a), self.shapes[a])
        elif t == "Cast":
            a = self.node(op.inputs[0])
            i = self.add(("cast", tensor.dtype.name, a), self.shapes[a])
        else:
            raise _unsupported(op)
        self.index[op.name] = i
        return i

    def closure(self, tensor) -> list:
        """Every op a run of `tensor` runs (value and control inputs)."""
        seen, stack, ops = set(), [tensor.op], []
        while stack:
            op = stack.pop()
            if op.name not in seen:
                seen.add(op.name)
                ops.append(op)
                stack.extend(t.op for t in op.inputs)
                stack.extend(op.control_inputs)
        return ops

    def check_state(self, ops: list) -> None:
        """No op of the run may change or read session state other than random streams."""
        for op in ops:
            if op.type == "Placeholder":
                raise _unsupported(op, ": fed placeholders are not supported (to_dask runs "
                                   "without feeds)")
            if op.type == "VariableV2":
                raise _unsupported(op, ": it reads a variable's value in a session; for its "
                                   "initial value use to_dask(var.initial_value)")
            if op.type in _SESSION_STATE or (_has_stream(op) and op.type not in _STATEFUL):
                raise _unsupported(op, ": its run changes session state that to_dask cannot "
                                   "split into chunks")

    def control_only(self, ops: list) -> None:
        """The random ops the run runs only as control dependencies: their
        streams move too."""
        leaves = {op.name for _, op, _ in self.random}
        for op in ops:
            if op.type in _STATEFUL and op.name not in leaves:
                self.reserve_only.append((op, self.shape_value(op.inputs[0])))


def _check(plan: _Plan) -> None:
    """TF's run-time checks of each random op (bounds, dtypes), before anything
    is reserved: an empty block of each runs them in the core."""
    for step, shape in zip(plan.steps, plan.shapes):
        if step[0] == "random":
            _, dist, dtype, gen, lo, hi = step
            probe = ("state", (0, 0, 0, 0), (0, 0)) if gen is None else gen
            zeros = [0] * len(shape)
            _core.eval_block([("random", dist, dtype, list(shape), zeros, zeros, probe, lo, hi)],
                             zeros)


def _plan(tensor, run: int, session: Optional[Any]) -> _Plan:
    graph = tensor.graph
    if session is not None and session.graph is not graph:
        raise ValueError("to_dask: the session's graph is not the tensor's graph")
    builder = _Builder(graph, session)
    try:
        ops = builder.closure(tensor)
        builder.check_state(ops)
        root = builder.node(tensor)
        builder.control_only(ops)
    finally:
        builder.close()
    plan = _Plan(tuple(builder.steps), tuple(builder.shapes), builder.shapes[root],
                 tensor.dtype.name)
    _check(plan)
    # The run's generator states: the session's next runs, or a fresh session's.
    # (The Python session is kept alive: it closes its Rust session when collected.)
    reserver = session if session is not None else _tf.Session(graph=graph)
    rust = _rust_session(reserver)
    steps = list(plan.steps)
    todo = [(i, op, shape) for i, op, shape in builder.random]
    todo += [(None, op, shape) for op, shape in builder.reserve_only]
    for i, op, shape in todo:
        for _ in range(run):
            rust.reserve_run(_op_id(op), list(shape))
        counter, key = rust.reserve_run(_op_id(op), list(shape))
        if i is not None:
            _, dist, dtype, _, lo, hi = steps[i]
            steps[i] = ("random", dist, dtype, ("state", tuple(counter), tuple(key)), lo, hi)
    if session is None:
        reserver.close()
    return plan._replace(steps=tuple(steps))


def _as_tensor(tensor: Any) -> Any:
    conv = getattr(tensor, "_as_graph_tensor", None)
    if conv is not None:
        tensor = conv()
    if not isinstance(tensor, _tf.Tensor):
        raise TypeError(f"to_dask needs a philoxflow Tensor (or Variable), got "
                        f"{type(tensor).__name__}")
    return tensor


def to_dask(tensor, chunks: Any = "auto", run: int = 0, session: Optional[Any] = None,
            name: Optional[str] = None) -> da.Array:
    """`tensor`'s value as a Dask array, bit-identical to a `Session.run` of it.

    Without `session`: the value of the `(run + 1)`-th `Session.run(tensor)`
    of a fresh session (unseeded ops draw fresh entropy here, as a fresh
    session does). With `session=sess`: the value of `sess`'s next run (after
    `run` more), and those runs are taken from `sess` now, reserving each
    random op's samples as the run would, so later `sess.run`s go on from
    there as in TensorFlow.

    `chunks`: anything `dask.array` accepts ("auto", an int, a tuple per
    axis, explicit block sizes); blocks may cut Philox groups and truncated
    normal regions anywhere. Each chunk is an independent task that holds a
    small program (no graph or session), so it runs on any `dask.distributed`
    worker; `.to_zarr(...)` streams outputs larger than memory to disk.

    Supported: RandomUniform (float and int), RandomStandardNormal,
    TruncatedNormal, the stateless uniform/int/full-int/normal/truncated-normal
    ops, Add/AddV2/Sub/Mul/RealDiv (with the session's Grappler rewrites),
    Neg, Cast and Identity on them, and constant operands; so also variables'
    `initial_value`s. Anything else raises ValueError naming the op.
    """
    tensor = _as_tensor(tensor)
    if isinstance(run, bool) or not isinstance(run, numbers.Integral) or run < 0:
        raise ValueError(f"to_dask: run must be an integer >= 0, got {run!r}")
    plan = _plan(tensor, int(run), session)
    dtype = _numpy_dtype(plan.dtype)
    chunks = da.core.normalize_chunks(chunks, plan.shape, dtype=dtype)
    token = tokenize(plan.steps, plan.shapes, plan.shape, plan.dtype, chunks)
    prefix = name or "philoxflow-" + tensor.op.name.replace("/", "-")
    key = f"{prefix}-{token}"
    starts = [np.cumsum((0,) + c[:-1]).tolist() for c in chunks]
    graph = {}
    for idx in itertools.product(*(range(len(c)) for c in chunks)):
        begin = tuple(starts[a][i] for a, i in enumerate(idx))
        size = tuple(chunks[a][i] for a, i in enumerate(idx))
        block = _Block(_block_steps(plan, begin, size), list(size), plan.dtype)
        graph[(key,) + idx] = (_compute, block)
    meta = np.empty((0,) * len(plan.shape), dtype=dtype)
    return da.Array(graph, key, chunks, meta=meta)
