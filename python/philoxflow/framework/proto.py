"""A small proto3 message engine: TF's messages that model code builds and serializes
(`tf.train.Example`, `Features`, `ClusterDef`, ...), with protobuf's Python API
(keyword construction, repeated fields with `append`/`extend`/`add`, map fields,
`HasField`, `WhichOneof`, `CopyFrom`) and the protobuf wire format, so that
`SerializeToString()` gives bytes TensorFlow parses (map entries sorted by key, as
protobuf's deterministic serialization writes them) and `FromString` reads TF's bytes.
protobuf itself is not a dependency."""

from __future__ import annotations

import struct

_VARINT_KINDS = {"int32", "int64", "uint32", "uint64", "bool", "enum"}
_DEFAULTS = {"string": "", "bytes": b"", "float": 0.0, "double": 0.0, "bool": False}
_WIRE = {"float": 5, "double": 1, "string": 2, "bytes": 2, "message": 2}


def _varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _read_varint(buf, pos):
    shift = result = 0
    while True:
        if pos >= len(buf):
            raise DecodeError("Truncated message.")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


class DecodeError(Exception):
    """protobuf's `message.DecodeError`."""


def _signed(kind, v):
    if kind in ("int32", "int64", "enum") and v >= 1 << 63:
        v -= 1 << 64
    if kind == "int32":
        v = (v + (1 << 31)) % (1 << 32) - (1 << 31)
    return bool(v) if kind == "bool" else v


def _encode_scalar(kind, v) -> bytes:
    if kind in _VARINT_KINDS:
        return _varint(int(v))
    if kind == "float":
        return struct.pack("<f", v)
    if kind == "double":
        return struct.pack("<d", v)
    data = v.encode("utf-8") if isinstance(v, str) else bytes(v)
    return _varint(len(data)) + data


def _check(kind, v, name):
    if kind in _VARINT_KINDS and not isinstance(v, (int, bool)) and not hasattr(v, "__index__"):
        raise TypeError(f"{v!r} has type {type(v).__name__}, but expected one of: int")
    if kind in ("float", "double") and not isinstance(v, (int, float)) and not hasattr(
            v, "__float__"):
        raise TypeError(f"{v!r} has type {type(v).__name__}, but expected one of: int, float")
    if kind == "bytes" and not isinstance(v, bytes):
        raise TypeError(f"{v!r} has type {type(v).__name__}, but expected one of: bytes")
    if kind == "string" and not isinstance(v, (str, bytes)):
        raise TypeError(f"{v!r} has type {type(v).__name__}, but expected one of: bytes, "
                        "unicode")
    if kind in _VARINT_KINDS:
        return bool(v) if kind == "bool" else int(v)
    if kind == "float":  # stored as float32, as protobuf's C++ messages keep it
        return struct.unpack("<f", struct.pack("<f", float(v)))[0]
    if kind == "double":
        return float(v)
    return v.decode("utf-8") if kind == "string" and isinstance(v, bytes) else v


class RepeatedScalar(list):
    """A repeated scalar field: a list that checks the values' types."""

    def __init__(self, kind, values=()):
        super().__init__()
        self._kind = kind
        self.extend(values)

    def append(self, v):
        super().append(_check(self._kind, v, ""))

    def extend(self, values):
        super().extend(_check(self._kind, v, "") for v in values)


class RepeatedComposite(list):
    """A repeated message field: `add(**fields)` appends a new message."""

    def __init__(self, cls, values=()):
        super().__init__()
        self._cls = cls
        for v in values:
            self.append(v)

    def add(self, **fields):
        item = self._cls(**fields)
        super().append(item)
        return item

    def append(self, v):
        if not isinstance(v, self._cls):
            raise TypeError(f"Expected a {self._cls.__name__}, got {type(v).__name__}")
        super().append(v)

    def extend(self, values):
        for v in values:
            self.append(v)


class MessageMap(dict):
    """A map field; reading a missing key of a message map makes the message."""

    def __init__(self, key_kind, value_kind, value_cls=None):
        super().__init__()
        self._kinds = (key_kind, value_kind, value_cls)

    def __missing__(self, key):
        _, kind, cls = self._kinds
        if cls is None:
            raise KeyError(key)
        value = self[key] = cls()
        return value

    def get_or_create(self, key):
        return self[key]

    def __setitem__(self, key, value):
        kk, kind, cls = self._kinds
        if cls is None:
            value = _check(kind, value, "")
        super().__setitem__(_check(kk, key, ""), value)


class Message:
    """A proto3 message; subclasses list `_FIELDS`: name -> (number, kind, label, sub),
    label "" (singular), "repeated" or "map"; sub is the message class, or for a map
    (key kind, value kind, value message class or None); `_ONEOFS`: name -> fields."""

    _FIELDS: dict = {}
    _ONEOFS: dict = {}

    def __init__(self, **kwargs):
        object.__setattr__(self, "_values", {})
        for k, v in kwargs.items():
            if k not in self._FIELDS:
                raise ValueError(f'Protocol message {type(self).__name__} has no "{k}" field.')
            if v is None:
                continue
            _, kind, label, sub = self._FIELDS[k]
            if label == "repeated":
                getattr(self, k).extend(v)
            elif label == "map":
                m = getattr(self, k)
                for key, val in dict(v).items():
                    if sub[2] is not None:
                        m[key].CopyFrom(val)
                    else:
                        m[key] = val
            elif kind == "message":
                getattr(self, k).CopyFrom(v)
                self._mark(k)
            else:
                setattr(self, k, v)

    # -- field access
    def _new(self, name):
        _, kind, label, sub = self._FIELDS[name]
        if label == "repeated":
            return RepeatedComposite(sub) if kind == "message" else RepeatedScalar(kind)
        if label == "map":
            return MessageMap(*sub)
        if kind == "message":
            child = sub()
            object.__setattr__(child, "_parent", (self, name))
            return child
        return 0 if kind in _VARINT_KINDS and kind != "bool" else _DEFAULTS[kind]

    def __getattr__(self, name):
        if name.startswith("_") or name not in type(self)._FIELDS:
            raise AttributeError(name)
        values = self._values
        if name not in values:
            values[name] = self._new(name)
        return values[name]

    def __setattr__(self, name, value):
        if name not in type(self)._FIELDS:
            raise AttributeError(
                f'Assignment not allowed (no field "{name}" in protocol message object).')
        _, kind, label, _ = self._FIELDS[name]
        if label or kind == "message":
            raise AttributeError(f'Assignment not allowed to field "{name}" in protocol '
                                 'message object.')
        self._values[name] = _check(kind, value, name)
        self._set_present(name)

    def _mark(self, name):
        object.__setattr__(self._values[name], "_present", True)
        self._set_present(name)

    def _set_present(self, name):
        """A oneof member set clears the others; a parent sees its child as set."""
        for members in self._ONEOFS.values():
            if name in members:
                for other in members:
                    if other != name:
                        self._values.pop(other, None)
                object.__setattr__(self, "_oneof_" + members[0], name)
        parent = self.__dict__.get("_parent")
        if parent is not None:
            owner, field = parent
            if owner._values.get(field) is self:
                owner._set_present(field)
            object.__setattr__(self, "_present", True)

    def _present_field(self, name):
        v = self._values.get(name)
        if v is None:
            return False
        _, kind, label, _ = self._FIELDS[name]
        if label:
            return len(v) > 0
        if kind == "message":
            return v.__dict__.get("_present", False) or bool(v._values and v.ListFields())
        return v != self._new(name)

    def HasField(self, name):  # noqa: N802 - protobuf's names
        if name in self._ONEOFS:
            return self.WhichOneof(name) is not None
        if name not in self._FIELDS:
            raise ValueError(f'Protocol message has no singular "{name}" field.')
        return self._present_field(name)

    def WhichOneof(self, oneof):  # noqa: N802
        for f in self._ONEOFS[oneof]:
            if self._present_field(f):
                return f
        return None

    def ClearField(self, name):  # noqa: N802
        self._values.pop(name, None)

    def Clear(self):  # noqa: N802
        self._values.clear()

    def ListFields(self):  # noqa: N802
        return [(name, self._values[name]) for name in sorted(
            self._values, key=lambda n: self._FIELDS[n][0]) if self._present_field(name)]

    def CopyFrom(self, other):  # noqa: N802
        if other is self:
            return
        self.Clear()
        self.MergeFrom(other)

    def MergeFrom(self, other):  # noqa: N802
        self.MergeFromString(other.SerializeToString())

    # -- wire format
    def SerializeToString(self, deterministic=None):  # noqa: N802
        out = bytearray()
        for name, value in self.ListFields():
            num, kind, label, sub = self._FIELDS[name]
            if label == "map":
                kk, vk, vcls = sub
                for key in sorted(value):
                    v = value[key]
                    entry = (_varint(1 << 3 | (0 if kk in _VARINT_KINDS else 2))
                             + _encode_scalar(kk, key))
                    if vcls is not None:
                        body = v.SerializeToString()
                        entry += _varint(2 << 3 | 2) + _varint(len(body)) + body
                    else:
                        entry += _varint(2 << 3 | _WIRE.get(vk, 0)) + _encode_scalar(vk, v)
                    out += _varint(num << 3 | 2) + _varint(len(entry)) + entry
            elif label == "repeated" and kind not in ("string", "bytes", "message"):
                body = b"".join(_encode_scalar(kind, v) for v in value)
                out += _varint(num << 3 | 2) + _varint(len(body)) + body
            else:
                for v in (value if label == "repeated" else [value]):
                    if kind == "message":
                        body = v.SerializeToString()
                        out += _varint(num << 3 | 2) + _varint(len(body)) + body
                    else:
                        out += _varint(num << 3 | _WIRE.get(kind, 0)) + _encode_scalar(kind, v)
        return bytes(out)

    def ByteSize(self):  # noqa: N802
        return len(self.SerializeToString())

    @classmethod
    def FromString(cls, data):  # noqa: N802
        m = cls()
        m.MergeFromString(data)
        return m

    def ParseFromString(self, data):  # noqa: N802
        self.Clear()
        return self.MergeFromString(data)

    def MergeFromString(self, data):  # noqa: N802
        data = bytes(data)
        by_num = {spec[0]: name for name, spec in self._FIELDS.items()}
        pos = 0
        while pos < len(data):
            tag, pos = _read_varint(data, pos)
            num, wire = tag >> 3, tag & 7
            if wire == 0:
                raw, pos = _read_varint(data, pos)
            elif wire == 1:
                raw, pos = data[pos:pos + 8], pos + 8
            elif wire == 5:
                raw, pos = data[pos:pos + 4], pos + 4
            elif wire == 2:
                n, pos = _read_varint(data, pos)
                raw, pos = data[pos:pos + n], pos + n
            else:
                raise DecodeError("Unexpected wire type %d" % wire)
            if pos > len(data):
                raise DecodeError("Truncated message.")
            name = by_num.get(num)
            if name is not None:
                self._merge_field(name, wire, raw)
        return len(data)

    def _merge_field(self, name, wire, raw):
        _, kind, label, sub = self._FIELDS[name]
        if label == "map":
            entry = _MapEntry.make(*sub).FromString(raw)
            if sub[2] is not None:
                getattr(self, name)[entry.key].MergeFrom(entry.value)
            else:
                getattr(self, name)[entry.key] = entry.value
            return
        if kind == "message":
            if label == "repeated":
                getattr(self, name).add().MergeFromString(raw)
            else:
                getattr(self, name).MergeFromString(raw)
                self._mark(name)
            return
        values = _decode_scalars(kind, wire, raw)
        if label == "repeated":
            getattr(self, name).extend(values)
        else:
            setattr(self, name, values[-1])

    def __eq__(self, other):
        return type(self) is type(other) and (
            self.SerializeToString() == other.SerializeToString())

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def __str__(self):
        return _text(self, "")

    def __repr__(self):
        return str(self)

    def __deepcopy__(self, memo):
        return type(self).FromString(self.SerializeToString())


def _decode_scalars(kind, wire, raw):
    if kind in ("string", "bytes"):
        return [raw.decode("utf-8") if kind == "string" else bytes(raw)]
    if kind == "float":
        return list(struct.unpack("<%df" % (len(raw) // 4), raw))
    if kind == "double":
        return list(struct.unpack("<%dd" % (len(raw) // 8), raw))
    if wire == 0:
        return [_signed(kind, raw)]
    out, pos = [], 0
    while pos < len(raw):
        v, pos = _read_varint(raw, pos)
        out.append(_signed(kind, v))
    return out


class _MapEntry:
    _cache: dict = {}

    @classmethod
    def make(cls, kk, vk, vcls):
        key = (kk, vk, vcls)
        if key not in cls._cache:
            fields = {"key": (1, kk, "", None),
                      "value": (2, "message" if vcls else vk, "", vcls)}
            cls._cache[key] = type("MapEntry", (Message,), {"_FIELDS": fields})
        return cls._cache[key]


def _text_scalar(kind, v):
    if kind in ("string", "bytes"):
        data = v.encode("utf-8") if isinstance(v, str) else v
        return '"' + "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else
                             "\\%03o" % b for b in data) + '"'
    if kind == "bool":
        return "true" if v else "false"
    return repr(v) if kind in ("float", "double") else str(v)


def _text(m, indent):
    lines = []
    for name, value in m.ListFields():
        _, kind, label, sub = m._FIELDS[name]
        if label == "map":
            for key in sorted(value):
                v = value[key]
                body = (f"{indent}  value {{\n{_text(v, indent + '    ')}{indent}  }}\n"
                        if sub[2] is not None else
                        f"{indent}  value: {_text_scalar(sub[1], v)}\n")
                lines.append(f"{indent}{name} {{\n{indent}  key: "
                             f"{_text_scalar(sub[0], key)}\n{body}{indent}}}\n")
            continue
        for v in (value if label == "repeated" else [value]):
            if kind == "message":
                lines.append(f"{indent}{name} {{\n{_text(v, indent + '  ')}{indent}}}\n")
            else:
                lines.append(f"{indent}{name}: {_text_scalar(kind, v)}\n")
    return "".join(lines)
