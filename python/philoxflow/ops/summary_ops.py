"""TF 1.15's `tf.summary` (`summary/summary.py`): the summary ops TF builds, collected
in `GraphKeys.SUMMARIES`; `FileWriter` / `FileWriterCache` build no ops.

Summary ops are built for graph structure (running one raises UnimplementedError):
philoxflow writes no event files. A `FileWriter` accepts what TF's accepts and
records nothing, so programs that log summaries run unchanged.
"""

from __future__ import annotations

import contextlib
import re

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import GraphKeys, add_to_collection, get_collection, name_scope
from ..framework.tensor_shape import TensorShape
from .gen import apply_op

_INVALID_TAG = re.compile(r"[^-/\w\.]")


def _clean_tag(name):
    if name is not None:
        name = _INVALID_TAG.sub("_", name).lstrip("/")
    return name


@contextlib.contextmanager
def _summary_scope(name, family=None, default_name=None, values=None):
    name, family = _clean_tag(name), _clean_tag(family)
    base = name if family is None else f"{family}/{name}"
    with name_scope(base, default_name, values) as scope:
        tag = scope.rstrip("/") if family is None else f"{family}/{scope.rstrip('/')}"
        yield tag, scope


def _collect(val, collections, default):
    for key in default if collections is None else collections:
        add_to_collection(key, val)


def _summary(op_type, name, family, collections, inputs, default_name=None, attrs=None,
             before=None):
    values = [v for v, _, _ in inputs if not isinstance(v, str)]
    with _summary_scope(name, family, default_name, values) as (tag, scope):
        extra = before() if before else []
        ins = [(tag if v is None else v, n, d) for v, n, d in inputs] + extra
        val = apply_op(op_type, scope, ins, dtype=_dtypes.string, shape=TensorShape([]),
                       attrs=attrs)
        _collect(val, collections, [GraphKeys.SUMMARIES])
    return val


def scalar(name, tensor, collections=None, family=None):
    return _summary("ScalarSummary", name, family, collections,
                    [(None, "tags", _dtypes.string), (tensor, "values", None)])


def histogram(name, values, collections=None, family=None):
    return _summary("HistogramSummary", name, family, collections,
                    [(None, "tag", _dtypes.string), (values, "values", None)],
                    default_name="HistogramSummary")


def image(name, tensor, max_outputs=3, collections=None, family=None):
    return _summary("ImageSummary", name, family, collections,
                    [(None, "tag", _dtypes.string), (tensor, "tensor", None)],
                    attrs={"max_images": max_outputs})


def audio(name, tensor, sample_rate, max_outputs=3, collections=None, family=None):
    with _summary_scope(name, family, None, [tensor]) as (tag, scope):
        rate = convert_to_tensor(sample_rate, dtype=_dtypes.float32, name="sample_rate")
        val = apply_op("AudioSummaryV2", scope, [(tag, "tag", _dtypes.string),
                                                 (tensor, "tensor", _dtypes.float32),
                                                 (rate, "sample_rate", None)],
                       dtype=_dtypes.string, shape=TensorShape([]),
                       attrs={"max_outputs": max_outputs})
        _collect(val, collections, [GraphKeys.SUMMARIES])
    return val


def tensor_summary(name, tensor, summary_description=None, collections=None,
                   summary_metadata=None, family=None, display_name=None, _plugin=""):
    with _summary_scope(name, family, None, [tensor]) as (tag, scope):
        # TF serializes a SummaryMetadata proto into the op's attribute; philoxflow
        # records the plugin name it would hold.
        val = apply_op("TensorSummaryV2", scope,
                       [(tag, "tag", _dtypes.string), (tensor, "tensor", None),
                        (_plugin, "serialized_summary_metadata", _dtypes.string)],
                       dtype=_dtypes.string, shape=TensorShape([]))
        _collect(val, collections, [GraphKeys.SUMMARIES])
    return val


def text(name, tensor, collections=None):
    if tensor.dtype != _dtypes.string:
        raise ValueError(f"Expected tensor {tensor.name} to have dtype string, got "
                         f"{tensor.dtype}")
    return tensor_summary(name=name, tensor=tensor, collections=collections, _plugin="text")


def merge(inputs, collections=None, name=None):
    name = _clean_tag(name)
    with name_scope(name, "Merge", inputs):
        val = apply_op("MergeSummary", name,
                       [(t, f"inputs_{i}", _dtypes.string) for i, t in enumerate(inputs)],
                       dtype=_dtypes.string, shape=TensorShape([]),
                       attrs={"N": len(inputs)})
        _collect(val, collections, [])
    return val


def merge_all(key=GraphKeys.SUMMARIES, scope=None, name=None):
    ops = get_collection(key, scope=scope)
    return merge(ops, name=name) if ops else None


def all_v2_summary_ops():
    """TF 1.15: the graph's v2 summary ops (philoxflow builds none: an empty list)."""
    return get_collection("_SUMMARY_V2")


def initialize(graph=None, session=None):
    """`tf.summary.initialize` (TF 1.15): initializes the default v2 summary writer, which
    only `tf.contrib.summary` creates (philoxflow has none), so TF's error."""
    raise RuntimeError("No default tf.contrib.summary.SummaryWriter found")


def get_summary_description(node_def):
    raise ValueError("philoxflow keeps no summary descriptions")


class FileWriter:
    """`tf.summary.FileWriter`: builds no ops and writes nothing (philoxflow keeps no
    event files); its methods accept TF's arguments so logging code runs unchanged."""

    def __init__(self, logdir, graph=None, max_queue=10, flush_secs=120, graph_def=None,
                 filename_suffix=None, session=None):
        self._logdir = str(logdir)
        self._closed = False

    def get_logdir(self):
        return self._logdir

    def add_summary(self, summary, global_step=None):
        pass

    def add_session_log(self, session_log, global_step=None):
        pass

    def add_event(self, event):
        pass

    def add_graph(self, graph, global_step=None, graph_def=None):
        pass

    def add_meta_graph(self, meta_graph_def, global_step=None):
        pass

    def add_run_metadata(self, run_metadata, tag, global_step=None):
        pass

    def flush(self):
        pass

    def close(self):
        self._closed = True

    def reopen(self):
        self._closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class FileWriterCache:
    """`tf.summary.FileWriterCache`: one FileWriter per log directory."""

    _cache: dict = {}

    @staticmethod
    def get(logdir):
        return FileWriterCache._cache.setdefault(str(logdir), FileWriter(logdir))

    @staticmethod
    def clear():
        FileWriterCache._cache.clear()


class _Proto:
    """A stand-in for TF's summary protos (`tf.Summary`, `tf.Event`, ...): fields given
    as keyword arguments become attributes, repeated fields are lists with `add`. Model
    code builds them to log by hand; philoxflow's FileWriter writes nothing, so no wire
    format is needed (`SerializeToString` gives b"")."""

    _repeated: tuple = ()

    def __init__(self, **fields):
        for key in self._repeated:
            setattr(self, key, _Repeated(self._child(key)))
        for key, value in fields.items():
            if key in self._repeated:
                getattr(self, key).extend(value)
            else:
                setattr(self, key, value)

    @classmethod
    def _child(cls, key):
        return _Proto

    def SerializeToString(self):  # noqa: N802 - protobuf's name
        return b""

    def __repr__(self):
        return f"{type(self).__name__}({vars(self)})"


class _Repeated(list):
    def __init__(self, cls):
        super().__init__()
        self._cls = cls

    def add(self, **fields):
        item = self._cls(**fields)
        self.append(item)
        return item


class SummaryDescription(_Proto):
    pass


class HistogramProto(_Proto):
    pass


class SummaryMetadata(_Proto):
    pass


class Summary(_Proto):
    """`tf.Summary` (`tf.summary.Summary`): `Summary(value=[Summary.Value(tag=...,
    simple_value=...)])` or `summary.value.add(tag=..., simple_value=...)`."""

    _repeated = ("value",)

    class Value(_Proto):
        pass

    class Image(_Proto):
        pass

    class Audio(_Proto):
        pass

    @classmethod
    def _child(cls, key):
        return cls.Value


class SessionLog(_Proto):
    START, STOP, CHECKPOINT, STATUS_UNSPECIFIED = 1, 2, 3, 0


class Event(_Proto):
    pass


class TaggedRunMetadata(_Proto):
    pass
