"""Sessions (`tf.Session`): fetch structures in Python, graph execution in Rust."""

from __future__ import annotations

import collections.abc
import contextlib

import numpy as np

from .. import _core, _target, errors
from ..core_config import ConfigProto  # noqa: F401 - tf.ConfigProto lives with Session
from ..framework import dtypes as _dtypes
from ..framework import py_kernels
from ..framework.ops import (
    GRAPH_TENSORS,
    Graph,
    Operation,
    Tensor,
    _contiguous,
    _stack,
    get_default_graph,
)
from ..framework.sparse_tensor import SparseTensor, SparseTensorValue
from ..framework.tensor_shape import Dimension


def _is_namedtuple(x):
    return isinstance(x, tuple) and hasattr(x, "_fields")


class Session:
    """A TF 1.x session: each random op keeps its own stream for the session's life."""

    def __init__(self, target="", graph=None, config=None):
        if graph is None:
            graph = get_default_graph()
        if not isinstance(graph, Graph):
            raise TypeError(f"graph must be a tf.Graph, but got {type(graph)}")
        self._graph = graph
        self._config = config
        threads = getattr(config, "intra_op_parallelism_threads", 0) or 0
        if threads < 0:
            raise ValueError("intra_op_parallelism_threads must be >= 0")
        self._c = _core.Session(graph._c, threads)
        self._default_stack = []
        self._names = {}

    @property
    def graph(self):
        return self._graph

    @property
    def graph_def(self):
        raise NotImplementedError("graph_def is not supported by philoxflow")

    @property
    def sess_str(self):
        return ""

    def close(self):
        self._c.close()

    @property
    def _closed(self):
        return self._c.closed

    @contextlib.contextmanager
    def as_default(self):
        _stack.sessions.append(self)
        try:
            yield self
        finally:
            _stack.sessions.pop()

    def __enter__(self):
        ctx = [self._graph.as_default(), self.as_default()]
        for c in ctx:
            c.__enter__()
        self._default_stack.append(ctx)
        return self

    def __exit__(self, exc_type, exc, tb):
        for c in reversed(self._default_stack.pop()):
            c.__exit__(exc_type, exc, tb)
        self.close()

    def __del__(self):
        try:
            self._c.close()
        except Exception:
            pass

    # ------------------------------------------------------------ run

    def _named(self, name):
        """The element `name` names in this graph, kept: graphs only grow, so a name
        that names an op or tensor always names that one."""
        el = self._names.get(name)
        if el is None:
            el = self._names[name] = self._graph.as_graph_element(name)
        return el

    def _element(self, fetch):
        """The Tensor or Operation a fetch names, checked against this graph."""
        if isinstance(fetch, str):
            try:
                fetch = self._named(fetch)
            except (KeyError, ValueError) as e:
                raise ValueError(f"Fetch argument {fetch!r} cannot be interpreted as a Tensor. "
                                 f"({e})") from None
        conv = getattr(fetch, "_as_graph_tensor", None)
        if conv is not None:
            fetch = conv()
        if not isinstance(fetch, (Tensor, Operation)):
            raise TypeError(f"Fetch argument {fetch!r} has invalid type {type(fetch)}, must be "
                            "a string or Tensor. (Can not convert a "
                            f"{type(fetch).__name__} into a Tensor or Operation.)")
        if fetch.graph is not self._graph:
            if not self._graph._ops:
                raise RuntimeError("The Session graph is empty. Add operations to the graph "
                                   "before calling run().")
            raise ValueError(f"Fetch argument {fetch!r} cannot be interpreted as a Tensor. "
                             f"(Tensor {fetch} is not an element of this graph.)")
        return fetch

    def _flatten(self, fetches, flat):
        """Flatten nested fetches into `flat`; returns a function rebuilding the structure."""
        cls = fetches.__class__
        if (cls in GRAPH_TENSORS or cls is Operation) and fetches.graph is self._graph:
            i = len(flat)
            flat.append(fetches)
            return lambda vals: vals[i]
        if cls is dict or (cls is not list and cls is not tuple
                           and isinstance(fetches, collections.abc.Mapping)):
            keys = list(fetches.keys())
            builders = [self._flatten(fetches[k], flat) for k in keys]
            cls = type(fetches)

            def build(vals, keys=keys, builders=builders, cls=cls):
                items = [(k, b(vals)) for k, b in zip(keys, builders)]
                try:
                    return cls(items)
                except TypeError:
                    return dict(items)
            return build
        if isinstance(fetches, (list, tuple)):
            builders = [self._flatten(f, flat) for f in fetches]
            if _is_namedtuple(fetches):
                cls = type(fetches)
                return lambda vals: cls(*[b(vals) for b in builders])
            if isinstance(fetches, tuple):
                return lambda vals: tuple(b(vals) for b in builders)
            return lambda vals: [b(vals) for b in builders]
        if fetches is None:
            raise TypeError(f"Fetch argument None has invalid type {type(None)}")
        if issubclass(cls, SparseTensor):
            # Fetched as a SparseTensorValue of its three tensors (TF's fetch mapper).
            parts = [self._flatten(t, flat) for t in
                     (fetches.indices, fetches.values, fetches.dense_shape)]
            return lambda vals: SparseTensorValue(*[b(vals) for b in parts])
        el = self._element(fetches)
        i = len(flat)
        flat.append(el)
        return lambda vals: vals[i]

    def _feed_key(self, key):
        """The Tensor a feed_dict key names, checked against this graph."""
        if isinstance(key, str):
            key = self._named(key)
        conv = getattr(key, "_as_graph_tensor", None)
        if conv is not None:
            key = conv()
        if not isinstance(key, Tensor):
            raise TypeError(f"The value of a feed cannot be a tf.Tensor object. Acceptable "
                            f"feed values include Python scalars, strings, lists, numpy "
                            f"ndarrays, or TensorHandles. (key {key!r})")
        if key.graph is not self._graph:
            raise ValueError(f"Cannot interpret feed_dict key as Tensor: Tensor {key} is not "
                             "an element of this graph.")
        return key

    def _feed(self, key, value):
        orig = key
        if key.__class__ not in GRAPH_TENSORS or key._op._graph is not self._graph:
            key = self._feed_key(key)
        if isinstance(value, Tensor):
            where = ("feed" if self._graph._target.seed_rule == "last_id"
                     else "argument `feed_dict`")  # (TF 2.x's words)
            raise TypeError(f"The value of a feed cannot be a tf.Tensor object. Acceptable feed "
                            f"values include Python scalars, strings, lists, numpy ndarrays, or "
                            f"TensorHandles. For reference, the tensor object was {value} which "
                            f"was passed to the {where} with key {orig}.")
        dtype = key.dtype
        if dtype._name == "bfloat16":
            arr = _dtypes.bfloat16_bits(value)
        elif dtype._name == "string":
            from ..framework.constant_op import _strings

            arr = _strings(value)  # TF feeds `str` as its UTF-8 bytes
        else:
            np_type = dtype.as_numpy_dtype
            if value.__class__ is not np.ndarray and isinstance(value, int):
                _check_int_feed(value, np_type, self._graph._target.seed_rule == "last_id")
            elif (value.__class__ is Dimension and dtype.is_floating
                  and self._graph._target.seed_rule == "last_id"):
                # Python 3.7 (TF 1.15's) float() takes no __index__
                raise TypeError("float() argument must be a string or a real number, not "
                                "'Dimension'")
            arr = np.asarray(value, dtype=np_type)
        # TensorShape.is_compatible_with(arr.shape), without building a TensorShape.
        dims, got = key.shape._dims, arr.shape
        if dims is not None and (len(dims) != len(got) or any(
                d is not None and d != n for d, n in zip(dims, got))):
            if self._graph._target.seed_rule != "last_id":  # TF 2.x's words
                raise ValueError(f"Cannot feed value of shape {got!r} for Tensor {key.name}, "
                                 f"which has shape {key.shape._v2_str()}")
            raise ValueError(f"Cannot feed value of shape {got!r} for Tensor "
                             f"{key.name!r}, which has shape {str(key.shape)!r}")
        unfeedable = self._graph.__dict__.get("_sparse_unfeedable")
        if unfeedable and id(key) in unfeedable:
            raise ValueError(f"Tensor {key} may not be fed.")
        return key._op._id, _contiguous(arr), dtype._name

    @_target.target_free
    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Evaluate `fetches` (a Tensor, Operation, name, or a nested list/tuple/dict/
        namedtuple of them); returns NumPy arrays in the same structure (0-d as scalars)."""
        try:
            return self._run_any(fetches, feed_dict)
        except errors.OpError as e:
            if self._graph._target.seed_rule != "last_id" and not e._message.startswith(
                    "Graph execution error:"):
                # TF 2.x's session interpolates a run's op error under this heading
                e._message = "Graph execution error:\n\n" + e._message
                e.args = (e._message,)
            raise

    def _run_any(self, fetches, feed_dict):
        g = self._graph
        bad = g.__dict__.get("_invalid_node_name")
        if bad is not None:  # (TF 2.x's Python check lets it through; its C++ does not)
            raise errors.InvalidArgumentError(
                None, None, f"Node '{bad}': Node name contains invalid characters")
        # The common call, one Tensor of this graph and no feeds, goes straight to
        # Rust (which raises the closed-session error itself) unless it reaches an op
        # Python runs (resource variables, datasets: asked once per fetch).
        if fetches.__class__ in GRAPH_TENSORS and not feed_dict:
            op = fetches._op
            if op._graph is g and not (g._py_ops and py_kernels.needs_python(g, [op._id], ())):
                out = self._c.run_fetch(op._id)
                if out is not None and out.ndim and fetches._dtype._name != "bfloat16":
                    return out
                return _to_output(out, fetches._dtype)
        if g._py_ops:
            return self._run_py(fetches, feed_dict)
        return self._run(fetches, feed_dict)

    def _run(self, fetches, feed_dict):
        if self._c.closed:
            raise RuntimeError("Attempted to use a closed Session.")
        g = self._graph
        cls = fetches.__class__
        # Fetches without nesting take no structure builders.
        if cls in GRAPH_TENSORS and fetches._op._graph is g:
            raw = self._c.run([fetches._op._id], self._feeds(feed_dict))
            return _to_output(raw[0], fetches._dtype)
        if cls is Operation and fetches._graph is g:
            # An op run for its effect (`sess.run(init)`, a train op).
            self._c.run([], self._feeds(feed_dict), [fetches._id])
            return None
        if cls is list or cls is tuple or cls is dict:
            out = self._run_flat(fetches, cls, feed_dict)
            if out is not _NESTED:
                return out
        flat = []
        build = self._flatten(fetches, flat)
        tensors, tensor_pos, targets = [], [], []
        for i, el in enumerate(flat):
            if isinstance(el, Tensor):
                tensor_pos.append(i)
                tensors.append(el.op._id)
            else:
                targets.append(el._id)
        raw = self._c.run(tensors, self._feeds(feed_dict), targets)
        vals = [None] * len(flat)
        for pos, el_pos in enumerate(tensor_pos):
            vals[el_pos] = _to_output(raw[pos], flat[el_pos].dtype)
        return build(vals)

    def _run_py(self, fetches, feed_dict):
        """A run of a graph holding ops that Python kernels run (`py_kernels`)."""
        if self._c.closed:
            raise RuntimeError("Attempted to use a closed Session.")
        flat = []
        build = self._flatten(fetches, flat)
        tensors = [el for el in flat if isinstance(el, Tensor)]
        targets = [el._id for el in flat if not isinstance(el, Tensor)]
        feeds = self._feeds(feed_dict)
        ids = [t.op._id for t in tensors]
        if not py_kernels.needs_python(self._graph, ids + targets, [f[0] for f in feeds]):
            return self._run(fetches, feed_dict)
        for t in tensors:
            if t.value_index:
                break
        else:
            raw = py_kernels.run(self, ids, targets, feeds)
            vals, it = [], iter(raw)
            for el in flat:
                vals.append(_to_output(next(it), el.dtype) if isinstance(el, Tensor) else None)
            return build(vals)
        # Outputs past the first (multi-output ops): fetch whole ops, then pick.
        raw = py_kernels.run_outputs(self, [(t.op._id, t.value_index) for t in tensors],
                                     targets, feeds)
        vals, it = [], iter(raw)
        for el in flat:
            vals.append(_to_output(next(it), el.dtype) if isinstance(el, Tensor) else None)
        return build(vals)

    def _run_flat(self, fetches, cls, feed_dict):
        """Run a list, tuple or dict of this graph's Tensors and Operations; `_NESTED`
        (nothing run) for anything else in it."""
        g = self._graph
        items = list(fetches.values()) if cls is dict else fetches
        tensors, targets = [], []
        for f in items:
            fc = f.__class__
            if fc in GRAPH_TENSORS and f._op._graph is g:
                tensors.append(f._op._id)
            elif fc is Operation and f._graph is g:
                targets.append(f._id)
            else:
                return _NESTED
        raw = iter(self._c.run(tensors, self._feeds(feed_dict), targets))
        vals = [_to_output(next(raw), f._dtype) if f.__class__ in GRAPH_TENSORS else None
                for f in items]
        if cls is list:
            return vals
        if cls is tuple:
            return tuple(vals)
        return dict(zip(fetches, vals))

    def _feeds(self, feed_dict):
        if not feed_dict:
            return []
        out = []
        for k, v in feed_dict.items():
            if isinstance(k, SparseTensor):
                # A SparseTensor takes a SparseTensorValue or a tuple: its three parts.
                out.extend(self._feed(t, x)
                           for t, x in zip((k.indices, k.values, k.dense_shape), v))
            else:
                out.append(self._feed(k, v))
        return out

    def make_callable(self, fetches, feed_list=None):
        feed_list = list(feed_list or [])

        def call(*args):
            return self.run(fetches, dict(zip(feed_list, args)))
        return call

    def list_devices(self):
        return []


#: What `_run_flat` returns for fetches it leaves to the general path.
_NESTED = object()


def _to_output(arr, dtype):
    if arr is None:
        return None
    if dtype._name == "bfloat16" and _dtypes._BFLOAT16_NP is not None:
        arr = arr.view(_dtypes._BFLOAT16_NP)
    if arr.ndim == 0:
        return arr[()]
    return arr


class InteractiveSession(Session):
    """A session that installs itself as the default session on creation."""

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        self._ctx = self.as_default()
        self._ctx.__enter__()

    def close(self):
        super().close()
        ctx, self._ctx = getattr(self, "_ctx", None), None
        if ctx is not None:
            try:
                ctx.__exit__(None, None, None)
            except (IndexError, ValueError):
                pass


def _check_int_feed(value, np_type, tf1=True):
    """TF's check of a Python int fed: the NumPy scalar of the feed's type must equal it
    (TF 1.15, NumPy 1.x: ints wrap to the width; beyond a C long, OverflowError)."""
    from ..framework.tensor_util import _wrap_int

    if np_type is np.bool_:
        np_type, same = bool, bool(value) == value
    elif np.dtype(np_type).kind in "iu":
        info = np.iinfo(np_type)
        same = _wrap_int(value, np_type) == value if tf1 else info.min <= value <= info.max
    elif tf1:
        same = float(np_type(value)) == value  # exact, as NumPy 1.x compared these
    else:
        same = bool(np_type(value) == value)
    if not same:
        raise TypeError(f"Type of feed value {value} with type {type(value)} is not compatible "
                        f"with Tensor type {np_type}. Try explicitly setting the type of the "
                        f"feed tensor to a larger type (e.g. int64).")
