"""TensorFlow's V2 checkpoint format (`tensor_bundle`): `<prefix>.index`, an SSTable
(LevelDB table format, no compression) mapping "" to a BundleHeaderProto and each
tensor name to a BundleEntryProto, and `<prefix>.data-00000-of-00001`, the tensors'
little-endian bytes one after another. Written byte for byte as TF 1.15 writes it,
so TensorFlow reads philoxflow's checkpoints and philoxflow reads TensorFlow's."""

from __future__ import annotations

import struct

import numpy as np

# ----------------------------------------------------------------- crc32c (Castagnoli)

_POLY = 0x82F63B78
_TABLE = []
for _i in range(256):
    _c = _i
    for _ in range(8):
        _c = (_c >> 1) ^ _POLY if _c & 1 else _c >> 1
    _TABLE.append(_c)


def crc32c(data: bytes) -> int:
    try:  # the C implementation when installed; the same numbers, faster
        import google_crc32c

        return google_crc32c.value(bytes(data))
    except ImportError:
        pass
    crc = 0xFFFFFFFF
    table = _TABLE
    for b in bytes(data):
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def masked_crc32c(data: bytes) -> int:
    crc = crc32c(data)
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


# ----------------------------------------------------------------- protobuf (the few fields)

def _varint(n: int) -> bytes:
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
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


DTYPE_ENUM = {"float32": 1, "float64": 2, "int32": 3, "uint8": 4, "int16": 5, "int8": 6,
              "complex64": 8, "int64": 9, "bool": 10, "bfloat16": 14, "uint16": 17,
              "complex128": 18, "float16": 19, "uint32": 22, "uint64": 23}
ENUM_DTYPE = {v: k for k, v in DTYPE_ENUM.items()}


def _shape_proto(shape) -> bytes:
    out = b""
    for d in shape:
        dim = (b"\x08" + _varint(int(d))) if d else b""
        out += b"\x12" + _varint(len(dim)) + dim
    return out


def _entry_proto(dtype_enum, shape, offset, size, crc) -> bytes:
    shp = _shape_proto(shape)
    out = b"\x08" + _varint(dtype_enum) + b"\x12" + _varint(len(shp)) + shp
    if offset:
        out += b"\x20" + _varint(offset)
    if size:
        out += b"\x28" + _varint(size)
    return out + b"\x35" + struct.pack("<I", crc)


_HEADER = b"\x08\x01\x1a\x02\x08\x01"  # num_shards 1, little endian, version {producer 1}


def _parse_entry(buf):
    pos, entry = 0, {"dtype": 1, "shape": [], "shard_id": 0, "offset": 0, "size": 0}
    while pos < len(buf):
        key, pos = _read_varint(buf, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            val, pos = _read_varint(buf, pos)
            entry[{1: "dtype", 3: "shard_id", 4: "offset", 5: "size"}.get(field, "_")] = val
        elif wire == 2:
            n, pos = _read_varint(buf, pos)
            if field == 2:
                entry["shape"] = _parse_shape(buf[pos:pos + n])
            pos += n
        elif wire == 5:
            entry["crc32c"] = struct.unpack("<I", buf[pos:pos + 4])[0]
            pos += 4
        elif wire == 1:
            pos += 8
    return entry


def _parse_shape(buf):
    pos, dims = 0, []
    while pos < len(buf):
        key, pos = _read_varint(buf, pos)
        n, pos = _read_varint(buf, pos)
        if key >> 3 == 2:
            dim, p, size = buf[pos:pos + n], 0, 0
            while p < len(dim):
                k, p = _read_varint(dim, p)
                if k & 7 == 0:
                    v, p = _read_varint(dim, p)
                    if k >> 3 == 1:
                        size = v
                else:
                    m, p = _read_varint(dim, p)
                    p += m
            dims.append(size)
        pos += n
    return dims


# ----------------------------------------------------------------- SSTable

_BLOCK_SIZE = 262144
_RESTART_INTERVAL = 16
_MAGIC = 0xDB4775248B80FB57


class _Block:
    def __init__(self):
        self.buf, self.restarts, self.count, self.last = bytearray(), [0], 0, b""

    def add(self, key, value):
        shared = 0
        if self.count < _RESTART_INTERVAL:
            n = min(len(key), len(self.last))
            while shared < n and key[shared] == self.last[shared]:
                shared += 1
        else:
            self.restarts.append(len(self.buf))
            self.count = 0
        self.buf += _varint(shared) + _varint(len(key) - shared) + _varint(len(value))
        self.buf += key[shared:] + value
        self.last, self.count = key, self.count + 1

    def size(self):
        return len(self.buf) + 4 * len(self.restarts) + 4

    def finish(self):
        return bytes(self.buf) + b"".join(struct.pack("<I", r) for r in self.restarts) + \
            struct.pack("<I", len(self.restarts))


def _shortest_separator(start, limit):
    n = min(len(start), len(limit))
    i = 0
    while i < n and start[i] == limit[i]:
        i += 1
    if i < n:
        b = start[i]
        if b < 0xFF and b + 1 < limit[i]:
            return start[:i] + bytes([b + 1])
    return start


def _short_successor(key):
    for i, b in enumerate(key):
        if b != 0xFF:
            return key[:i] + bytes([b + 1])
    return key


def write_table(items) -> bytes:
    """An SSTable of sorted (key, value) byte pairs, as TF's `table::TableBuilder` writes."""
    out = bytearray()
    index = _Block()
    block = _Block()
    pending = None

    def flush_block(blk):
        data = blk.finish()
        handle = (len(out), len(data))
        out.extend(data + b"\x00" + struct.pack("<I", masked_crc32c(data + b"\x00")))
        return handle

    def handle_bytes(h):
        return _varint(h[0]) + _varint(h[1])
    last_key = b""
    for key, value in items:
        if pending is not None:
            index.add(_shortest_separator(last_key, key), handle_bytes(pending))
            pending = None
        block.add(key, value)
        last_key = key
        if block.size() >= _BLOCK_SIZE:
            pending = flush_block(block)
            block = _Block()
    if block.count or not out:
        pending = flush_block(block)
    if pending is not None:
        index.add(_short_successor(last_key), handle_bytes(pending))
    meta = flush_block(_Block())
    idx = flush_block(index)
    footer = handle_bytes(meta) + handle_bytes(idx)
    footer += b"\x00" * (40 - len(footer)) + struct.pack("<Q", _MAGIC)
    return bytes(out) + footer


def _block_entries(data):
    n = struct.unpack("<I", data[-4:])[0]
    end = len(data) - 4 - 4 * n
    pos, key, out = 0, b"", []
    while pos < end:
        shared, pos = _read_varint(data, pos)
        non_shared, pos = _read_varint(data, pos)
        vlen, pos = _read_varint(data, pos)
        key = key[:shared] + data[pos:pos + non_shared]
        pos += non_shared
        out.append((bytes(key), bytes(data[pos:pos + vlen])))
        pos += vlen
    return out


def read_table(buf: bytes):
    """The (key, value) pairs of an SSTable."""
    if len(buf) < 48 or struct.unpack("<Q", buf[-8:])[0] != _MAGIC:
        raise ValueError("not an sstable (bad magic number)")
    footer = buf[-48:]
    _, p = _read_varint(footer, 0)
    _, p = _read_varint(footer, p)
    io, p = _read_varint(footer, p)
    isz, p = _read_varint(footer, p)
    out = []
    for _, handle in _block_entries(buf[io:io + isz]):
        off, q = _read_varint(handle, 0)
        size, _ = _read_varint(handle, q)
        out += _block_entries(buf[off:off + size])
    return out


# ----------------------------------------------------------------- bundles

def write_bundle(prefix: str, tensors: dict) -> None:
    """Write `{name: ndarray}` as a V2 checkpoint at `prefix` (names sorted)."""
    data = bytearray()
    entries = []
    for name in sorted(tensors):
        arr = np.asarray(tensors[name])  # (ascontiguousarray would make 0-d arrays 1-d)
        dt = arr.dtype.name
        if dt not in DTYPE_ENUM:
            raise NotImplementedError(f"checkpoints of {dt} tensors")
        raw = arr.astype(arr.dtype.newbyteorder("<"), copy=False).tobytes()
        entries.append((name.encode(), _entry_proto(DTYPE_ENUM[dt], arr.shape, len(data),
                                                    len(raw), masked_crc32c(raw))))
        data += raw
    with open(prefix + ".data-00000-of-00001", "wb") as f:
        f.write(data)
    with open(prefix + ".index", "wb") as f:
        f.write(write_table([(b"", _HEADER)] + entries))


def read_bundle(prefix: str) -> dict:
    """`{name: ndarray}` of a V2 checkpoint."""
    with open(prefix + ".index", "rb") as f:
        items = read_table(f.read())
    with open(prefix + ".data-00000-of-00001", "rb") as f:
        data = f.read()
    out = {}
    for key, value in items:
        if not key:
            continue
        e = _parse_entry(value)
        dt = ENUM_DTYPE.get(e["dtype"])
        if dt is None:
            raise NotImplementedError(f"checkpoint tensors of DataType {e['dtype']}")
        raw = data[e["offset"]:e["offset"] + e["size"]]
        if "crc32c" in e and masked_crc32c(raw) != e["crc32c"]:
            from ..errors import UnknownError

            raise UnknownError(None, None, f"Checksum does not match: stored "
                                f"{e['crc32c']} vs. calculated on the restored bytes")
        np_dt = np.dtype("uint16") if dt == "bfloat16" else np.dtype(dt)
        out[key.decode()] = np.frombuffer(raw, dtype=np_dt.newbyteorder("<")).astype(
            np_dt).reshape(e["shape"])
    return out
