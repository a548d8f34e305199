"""Shape functions: one per op type, as TF 1.15's C++ `REGISTER_OP(...).SetShapeFn`.

A shape function takes an `InferenceContext` (input shapes, the inputs' values where
known, attributes) and returns each output's shape. Shapes here are plain lists
(`None` for unknown rank, `None` entries for unknown dimensions). The same function
serves graph building (values read through constant folding, `tensor_util`) and run
time, where the shapes of ops without kernels are computed from the actual shapes of
their inputs (`Session.run` with fed batches).

The modules `array_shapes`, `math_shapes` and `nn_shapes` register the functions.
"""

from __future__ import annotations

import numpy as np

from .tensor_shape import TensorShape

SHAPE_FNS: dict = {}


def register(*op_types):
    """Register the decorated function as the shape function of `op_types`."""
    def deco(fn):
        for t in op_types:
            SHAPE_FNS[t] = fn
        return fn
    return deco


class InferenceContext:
    """What a shape function sees of one op: TF's `shape_inference::InferenceContext`."""

    def __init__(self, op_type, name, attrs, shapes, values, shape_tensors=None):
        self.op_type = op_type
        self.name = name
        self.attrs = attrs
        self.shapes = shapes          # per input: None or list of int|None
        self._values = values         # per input: callable -> ndarray|None, or ndarray|None
        self._shape_tensors = shape_tensors  # per input: callable -> shape list|None
        self._computed = set()        # inputs read as values (named in errors)
        self._as_shapes = {}          # inputs read as shapes (named in errors)

    @property
    def num_inputs(self):
        return len(self.shapes)

    def input(self, i):
        return self.shapes[i]

    def value(self, i):
        """`input_tensor(i)`: the input's value if known, else None."""
        v = self.peek(i)
        if v is not None:
            self._computed.add(i)
        return v

    def peek(self, i):
        """The input's value, not named in error messages (a helper's look)."""
        v = self._values[i]
        if callable(v):
            v = v()
            self._values[i] = v
        return v

    def attr(self, name, default=None):
        v = self.attrs.get(name, default)
        return v

    def shape_from_tensor(self, i):
        """`MakeShapeFromShapeTensor`: the (partial) shape input `i` denotes."""
        if self.shapes[i] == [0]:
            # known from the input's shape alone: TF's first pass (no input tensors asked
            # for yet) has it, so its errors name no computed input
            return []
        out = self._shape_from_tensor(i)
        if out is not None:
            self._as_shapes[i] = out
        return out

    def _shape_from_tensor(self, i):
        if self._shape_tensors is not None and self._shape_tensors[i] is not None:
            return self._shape_tensors[i]()
        v = self.peek(i)
        if v is not None:
            if np.ndim(v) == 0:
                if int(v) != -1:
                    self.error("Input tensor must be rank 1, or if its rank 0 it must have "
                               f"value -1 (representing an unknown shape).  Saw value: {int(v)}")
                return None
            return [None if int(d) < 0 else int(d) for d in np.ravel(v)]
        s = self.shapes[i]
        if s is None or len(s) != 1 or s[0] is None:
            return None
        return [None] * s[0]

    # -- errors, with TF's suffix naming the op and its input shapes
    def error(self, msg):
        shapes = ", ".join(_debug(s) for s in self.shapes)
        extra = ""
        if self._computed:
            extra += " and with computed input tensors: " + ", ".join(
                f"input[{i}] = <{_summarize(self.peek(i))}>" for i in sorted(self._computed))
        if self._as_shapes:
            extra += " and with input tensors computed as partial shapes: " + ", ".join(
                f"input[{i}] = {_debug(s)}" for i, s in sorted(self._as_shapes.items()))
        raise ValueError(f"{msg} for '{self.name}' (op: '{self.op_type}') with input shapes: "
                         f"{shapes}{extra}.")

    def with_rank(self, s, rank, i=None):
        if s is None:
            return [None] * rank
        if len(s) != rank:
            self.error(f"Shape must be rank {rank} but is rank {len(s)}")
        return s

    def with_rank_at_least(self, s, rank):
        if s is not None and len(s) < rank:
            self.error(f"Shape must be at least rank {rank} but is rank {len(s)}")
        return s

    def with_rank_at_most(self, s, rank):
        if s is not None and len(s) > rank:
            self.error(f"Shape must be at most rank {rank} but is rank {len(s)}")
        return s

    def merge_dim(self, a, b):
        if a is None:
            return b
        if b is None or a == b:
            return a
        self.error(f"Dimensions must be equal, but are {a} and {b}")

    def merge(self, a, b, context=""):
        """TF's `Merge` of two shapes (`context`: the line TF appends to its error)."""
        if a is None:
            return b
        if b is None:
            return a
        if len(a) != len(b):
            self.error(f"Shapes must be equal rank, but are {len(a)} and {len(b)}{context}")
        for i, (x, y) in enumerate(zip(a, b)):
            if x is not None and y is not None and x != y:
                self.error(f"Dimension {i} in both shapes must be equal, but are {x} and {y}. "
                           f"Shapes are {_debug(a)} and {_debug(b)}.{context}")
        return [y if x is None else x for x, y in zip(a, b)]

    def dim_for_scalar_input(self, i):
        """`MakeDimForScalarInput`: the dimension scalar input `i` holds (None: unknown)."""
        v = self.value(i)
        if v is None:
            return None
        if np.ndim(v) != 0:
            self.error(f"Input must be scalar but has rank {np.ndim(v)}")
        n = int(v)
        if n < 0:
            self.error(f"Dimension size, given by scalar input {i}, must be non-negative but "
                       f"is {n}")
        return n

    def scalar_value(self, i):
        """The value of a scalar (or 1-element) input, else None."""
        v = self.value(i)
        if v is None or np.size(v) != 1:
            return None
        return int(np.ravel(v)[0])


def cpp_str(x):
    """A number as C++'s StrCat prints it (floats: the shortest of %g at 6 or 9 digits,
    doubles at 15 or 17, that reads back)."""
    if isinstance(x, (np.floating, float)):
        lo, hi = (6, 9) if np.asarray(x).dtype == np.float32 else (15, 17)
        s = "%.*g" % (lo, x)
        return s if np.isnan(x) or type(x)(s) == x else "%.*g" % (hi, x)
    return str(x.item() if hasattr(x, "item") else x)


def _summarize(v):
    """TF's `Tensor::SummarizeValue`: elements separated by spaces."""
    flat = np.ravel(v)
    return " ".join(cpp_str(x) for x in flat[:10]) + ("..." if flat.size > 10 else "")


def _debug(s):
    if s is None:
        return "?"
    return "[" + ",".join("?" if d is None else str(d) for d in s) + "]"


def unknown(ctx):
    return [None]


def unchanged(ctx):
    return [ctx.input(0)]


def scalar(ctx):
    return [[]]


def broadcast_shapes(ctx, x, y):
    """TF's `BroadcastBinaryOpOutputShapeFnHelper`."""
    if x is None or y is None:
        return None
    n = max(len(x), len(y))
    x = [1] * (n - len(x)) + list(x)
    y = [1] * (n - len(y)) + list(y)
    out = []
    for a, b in zip(x, y):
        if a is not None and a > 1:
            if b is not None and b != 1 and b != a:
                ctx.error(f"Dimensions must be equal, but are {a} and {b}")
            out.append(a)
        elif b is not None and b > 1:
            if a is not None and a != 1 and a != b:
                ctx.error(f"Dimensions must be equal, but are {a} and {b}")
            out.append(b)
        elif a == 1:
            out.append(b)
        elif b == 1:
            out.append(a)
        elif a is None and b is None:
            out.append(None)
        else:  # one is 0, the other 0 or unknown
            out.append(ctx.merge_dim(a, b))
    return out


def broadcast(ctx):
    return [broadcast_shapes(ctx, ctx.input(0), ctx.input(1))]


def shape_from_input(i, strict=False):
    """The output's shape is what shape input `i` denotes (Fill, random ops, ...).
    `strict`: TF's `MakeShapeFromShapeTensor` (a rank-1 input, no value below -1)."""
    def fn(ctx):
        if strict:
            ctx.with_rank(ctx.shapes[i], 1)
            v = ctx.peek(i)
            for d in (() if v is None else np.ravel(v)):
                if int(d) < -1:
                    raise ValueError(f"Invalid value in tensor used for shape: {int(d)}")
        return [ctx.shape_from_tensor(i)]
    return fn


def from_attr(name):
    def fn(ctx):
        s = ctx.attr(name)
        if s is None:
            return [None]
        dims = TensorShape(s)._dims
        return [None if dims is None else list(dims)]
    return fn


def infer(op_type, ctx):
    """Output shapes by `op_type`'s shape function, or None if it has none."""
    fn = SHAPE_FNS.get(op_type)
    if fn is None:
        return None
    return fn(ctx)


def _load():
    # Registration happens on import of the modules that hold the functions.
    from . import array_shapes, io_shapes, math_shapes, misc_shapes, nn_shapes  # noqa: F401


_load_done = False


def get(op_type):
    global _load_done
    if not _load_done:
        _load()
        _load_done = True
    return SHAPE_FNS.get(op_type)
