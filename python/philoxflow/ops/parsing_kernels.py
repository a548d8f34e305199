"""Python kernels of Example parsing, record decoding and TF 1.x readers
(`framework/py_kernels.py`), after TF 1.15's CPU kernels (`example_proto_fast_parsing`,
`decode_raw_op`, `reader_ops`): they run wherever string values reach them.

Readers live in the session's state; a read takes the next work unit (a file name)
from its queue when the current one is exhausted. Keys are TF's: `file:offset` for
TFRecord files, `file:line` for text lines, the file name for whole files."""

from __future__ import annotations

import threading

import numpy as np

from .. import errors
from ..framework.py_kernels import kernel
from ..training.protos import Example

_TYPES = {"float32": ("float_list", np.float32, "float"),
          "int64": ("int64_list", np.int64, "int64"),
          "string": ("bytes_list", object, "string")}


def _key(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def _feature_values(ex, key, dtype, op):
    """The values of feature `key` as `dtype` (None if absent); TF's type check."""
    feats = ex.features.feature
    if key not in feats:
        return None
    f = feats[key]
    kind = f.WhichOneof("kind")
    field, np_dtype, tname = _TYPES[dtype.name]
    if kind is None:
        return np.zeros([0], np_dtype)
    if kind != field:
        raise errors.InvalidArgumentError(
            None, op, "Name: <unknown>, Feature: %s.  Data types don't match. Expected type: "
            "%s, Actual type: %s" % (key, tname, {"float_list": "float", "int64_list": "int64",
                                                  "bytes_list": "string"}[kind]))
    return np.array(list(getattr(f, field).value), dtype=np_dtype)


def _parse(op, serialized):
    try:
        return Example.FromString(bytes(serialized))
    except Exception:  # noqa: BLE001 - TF's error for bytes that are not an Example
        raise errors.InvalidArgumentError(None, op, "Could not parse example input, value: "
                                          "'%s'" % bytes(serialized)[:64]) from None


def _dense(op, examples, keys, types, shapes, defaults):
    out = []
    for key, dtype, shape, default in zip(keys, types, shapes, defaults):
        dims = shape.as_list()
        variable = bool(dims) and dims[0] is None
        rows = []
        for ex in examples:
            v = _feature_values(ex, _key(key), dtype, op)
            if variable:
                inner = dims[1:]
                n = int(np.prod(inner)) if inner else 1
                if v is None:
                    v = np.zeros([0], v.dtype if v is not None else _TYPES[dtype.name][1])
                if n and v.size % n:
                    raise errors.InvalidArgumentError(
                        None, op, "Name: <unknown>, Key: %s, Index: 0.  Number of values != "
                        "expected.  values size: %d but output shape: %s"
                        % (_key(key), v.size, [-1] + inner))
                rows.append(v.reshape([-1] + inner))
                continue
            if v is None:
                d = np.asarray(default)
                if d.size == 0:
                    raise errors.InvalidArgumentError(
                        None, op, "Name: <unknown>, Feature: %s (data type: %s) is required but "
                        "could not be found." % (_key(key), _TYPES[dtype.name][2]))
                v = d
            if v.size != int(np.prod(dims)):
                raise errors.InvalidArgumentError(
                    None, op, "Name: <unknown>, Key: %s, Index: 0.  Number of float values != "
                    "expected.  Values size: %d but output shape: %s"
                    % (_key(key), v.size, dims))
            rows.append(np.asarray(v, _TYPES[dtype.name][1]).reshape(dims))
        if variable:
            longest = max((r.shape[0] for r in rows), default=0)
            pad = np.asarray(default, _TYPES[dtype.name][1]).reshape(-1)
            fill = pad[0] if pad.size else (b"" if dtype.name == "string" else 0)
            padded = np.full([len(rows), longest] + dims[1:], fill, _TYPES[dtype.name][1])
            for i, r in enumerate(rows):
                padded[i, :r.shape[0]] = r
            rows = padded
        out.append(rows)
    return out


def _sparse(op, examples, keys, types, batched):
    ix, vals, shapes = [], [], []
    for key, dtype in zip(keys, types):
        per = [_feature_values(ex, _key(key), dtype, op) for ex in examples]
        per = [np.zeros([0], _TYPES[dtype.name][1]) if v is None else v for v in per]
        longest = max((v.size for v in per), default=0)
        if batched:
            idx = [[b, j] for b, v in enumerate(per) for j in range(v.size)]
            ix.append(np.array(idx, np.int64).reshape(-1, 2))
            shapes.append(np.array([len(per), longest], np.int64))
        else:
            ix.append(np.arange(per[0].size, dtype=np.int64).reshape(-1, 1))
            shapes.append(np.array([per[0].size], np.int64))
        vals.append(np.concatenate(per) if per else np.zeros([0], _TYPES[dtype.name][1]))
    return ix, vals, shapes


@kernel("ParseSingleExample")
def _parse_single_example(ctx, op, ins):
    n_dense = len(op._attrs.get("dense_keys") or [])
    ex = _parse(op, np.asarray(ins[0], dtype=object).item())
    defaults = ins[1:1 + n_dense]
    ix, vals, shapes = _sparse(op, [ex], op._attrs.get("sparse_keys") or [],
                               op.get_attr("sparse_types"), batched=False)
    dense = _dense(op, [ex], op._attrs.get("dense_keys") or [], op.get_attr("Tdense"),
                   op.get_attr("dense_shapes"), defaults)
    return ix + vals + shapes + [d[0] for d in dense]


@kernel("ParseExample")
def _parse_example(ctx, op, ins):
    ns = int(op._attrs.get("Nsparse", 0))
    nd = int(op._attrs.get("Ndense", 0))
    serialized = np.asarray(ins[0], dtype=object).reshape(-1)
    examples = [_parse(op, s) for s in serialized]
    skeys = [np.asarray(k, dtype=object).item() for k in ins[2:2 + ns]]
    dkeys = [np.asarray(k, dtype=object).item() for k in ins[2 + ns:2 + ns + nd]]
    defaults = ins[2 + ns + nd:]
    ix, vals, shapes = _sparse(op, examples, skeys, op.get_attr("sparse_types"), batched=True)
    dense = _dense(op, examples, dkeys, op.get_attr("Tdense"), op.get_attr("dense_shapes"),
                   defaults)
    return ix + vals + shapes + [np.asarray(d) for d in dense]


@kernel("DecodeRaw")
def _decode_raw(ctx, op, ins):
    dtype = np.dtype(op.get_attr("out_type").as_numpy_dtype)
    if not op._attrs.get("little_endian", True):
        dtype = dtype.newbyteorder(">")
    strings = np.asarray(ins[0], dtype=object)
    flat = [bytes(s) for s in strings.reshape(-1)]
    width = len(flat[0]) if flat else 0
    if any(len(s) != width for s in flat):
        raise errors.InvalidArgumentError(
            None, op, "DecodeRaw requires input strings to all be the same size, but element "
                      "0 has size %d != %d" % (width, next(len(s) for s in flat
                                                         if len(s) != width)))
    if width % dtype.itemsize:
        raise errors.InvalidArgumentError(
            None, op, "Input to DecodeRaw has length %d that is not a multiple of %d, the size "
                      "of %s" % (width, dtype.itemsize, op.get_attr("out_type").name))
    n = width // dtype.itemsize
    out = np.array([np.frombuffer(s, dtype=dtype) for s in flat]).reshape(
        list(strings.shape) + [n])
    return [out.astype(dtype.newbyteorder("="))]


# ----------------------------------------------------------------- readers

class _Reader:
    def __init__(self, op):
        self.op = op
        self.lock = threading.Lock()
        self.records = None  # iterator over (key, value) of the current work unit
        self.produced = self.completed = 0

    def _open(self, work):
        raise NotImplementedError

    def read(self, queue, op, n):
        from .queue_kernels import _Queue

        if not isinstance(queue, _Queue):
            raise errors.InvalidArgumentError(None, op, "expected a queue handle")
        out = []
        with self.lock:
            while len(out) < n:
                if self.records is None:
                    try:
                        work = queue.dequeue(op, None)[0]
                    except errors.OutOfRangeError:
                        if out:
                            break
                        raise
                    self.records = iter(self._open(bytes(np.asarray(work, object).item())))
                item = next(self.records, None)
                if item is None:
                    self.records = None
                    self.completed += 1
                    continue
                out.append(item)
                self.produced += 1
        return out


class _TFRecordReader(_Reader):
    def _open(self, work):
        from ..python_io import read_records

        ctype = self.op._attrs.get("compression_type", "") or ""
        ctype = ctype.decode() if isinstance(ctype, bytes) else ctype
        name = work.decode()
        offset = 0
        for data in read_records(name, ctype):
            yield b"%s:%d" % (work, offset), data
            offset += 16 + len(data)


class _TextLineReader(_Reader):
    def _open(self, work):
        skip = int(self.op._attrs.get("skip_header_lines", 0) or 0)
        with open(work.decode(), "rb") as f:
            lines = f.read().split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        for i, line in enumerate(lines, 1):
            if i > skip:
                yield b"%s:%d" % (work, i), line.rstrip(b"\r")


class _WholeFileReader(_Reader):
    def _open(self, work):
        with open(work.decode(), "rb") as f:
            yield work, f.read()


class _IdentityReader(_Reader):
    def _open(self, work):
        yield work, work


_READERS = {"TFRecordReaderV2": _TFRecordReader, "TextLineReaderV2": _TextLineReader,
            "WholeFileReaderV2": _WholeFileReader, "IdentityReaderV2": _IdentityReader}


@kernel(*_READERS)
def _make_reader(ctx, op, ins):
    key = ("reader", op._id)
    reader = ctx.state.get(key)
    if reader is None:
        reader = ctx.state.setdefault(key, _READERS[op._type](op))
    return [reader]


@kernel("ReaderReadV2")
def _read(ctx, op, ins):
    (k, v), = ins[0].read(ins[1], op, 1)
    return [np.asarray(k, dtype=object), np.asarray(v, dtype=object)]


@kernel("ReaderReadUpToV2")
def _read_up_to(ctx, op, ins):
    got = ins[0].read(ins[1], op, int(np.asarray(ins[2])))
    return [np.array([k for k, _ in got], dtype=object),
            np.array([v for _, v in got], dtype=object)]


@kernel("ReaderNumRecordsProducedV2")
def _num_records(ctx, op, ins):
    return [np.int64(ins[0].produced)]


@kernel("ReaderNumWorkUnitsCompletedV2")
def _num_work_units(ctx, op, ins):
    return [np.int64(ins[0].completed)]


@kernel("ReaderResetV2")
def _reset(ctx, op, ins):
    with ins[0].lock:
        ins[0].records, ins[0].produced, ins[0].completed = None, 0, 0
    return []
