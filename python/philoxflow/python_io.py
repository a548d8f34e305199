"""`tf.python_io`: TFRecord files (length, masked crc32c of the length, data, masked crc32c
of the data, as TF's `RecordWriter` writes them; GZIP and ZLIB compression)."""

from __future__ import annotations

import gzip
import struct
import zlib

from . import errors
from .training.checkpoint_io import masked_crc32c


class TFRecordCompressionType:
    """`tf.python_io.TFRecordCompressionType`."""

    NONE, ZLIB, GZIP = 0, 1, 2


class TFRecordOptions:
    """`tf.python_io.TFRecordOptions` (the compression type)."""

    compression_type_map = {TFRecordCompressionType.ZLIB: "ZLIB",
                            TFRecordCompressionType.GZIP: "GZIP",
                            TFRecordCompressionType.NONE: ""}

    def __init__(self, compression_type=None, **kwargs):
        if isinstance(compression_type, str):
            compression_type = {"": 0, "ZLIB": 1, "GZIP": 2}[compression_type.upper()]
        self.compression_type = compression_type or TFRecordCompressionType.NONE

    @classmethod
    def get_compression_type_string(cls, options):
        if not options:
            return ""
        if isinstance(options, TFRecordOptions):
            return cls.compression_type_map[options.compression_type]
        if options in cls.compression_type_map:
            return cls.compression_type_map[options]
        if options in cls.compression_type_map.values():
            return options
        raise ValueError('Not a valid compression_type: "{}"'.format(options))


def _record(data: bytes) -> bytes:
    length = struct.pack("<Q", len(data))
    return (length + struct.pack("<I", masked_crc32c(length)) + data
            + struct.pack("<I", masked_crc32c(data)))


def _open(path, mode, ctype):
    if ctype == "GZIP":
        return gzip.open(path, mode)
    return open(path, mode)


class TFRecordWriter:
    """`tf.python_io.TFRecordWriter`: writes records as TF does."""

    def __init__(self, path, options=None):
        self._ctype = TFRecordOptions.get_compression_type_string(options)
        self._path = path
        self._buf = [] if self._ctype == "ZLIB" else None
        self._f = None if self._buf is not None else _open(path, "wb", self._ctype)

    def write(self, record):
        data = _record(record if isinstance(record, bytes) else str(record).encode())
        if self._buf is not None:
            self._buf.append(data)
        else:
            self._f.write(data)

    def flush(self):
        if self._f is not None:
            self._f.flush()

    def close(self):
        if self._buf is not None:
            with open(self._path, "wb") as f:
                f.write(zlib.compress(b"".join(self._buf)))
            self._buf = []
        elif self._f is not None:
            self._f.close()
            self._f = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def read_records(path, ctype=""):
    """The records of a TFRecord file (checksums verified: DataLossError as TF)."""
    with open(path, "rb") as f:
        raw = f.read()
    if ctype == "GZIP":
        raw = gzip.decompress(raw)
    elif ctype == "ZLIB":
        raw = zlib.decompress(raw)
    pos = 0
    while pos < len(raw):
        if pos + 12 > len(raw):
            raise errors.DataLossError(None, None, f"truncated record at {pos}")
        (n,) = struct.unpack("<Q", raw[pos:pos + 8])
        if struct.unpack("<I", raw[pos + 8:pos + 12])[0] != masked_crc32c(raw[pos:pos + 8]):
            raise errors.DataLossError(None, None, f"corrupted record at {pos}")
        data = raw[pos + 12:pos + 12 + n]
        if len(data) < n or struct.unpack("<I", raw[pos + 12 + n:pos + 16 + n])[0] \
                != masked_crc32c(data):
            raise errors.DataLossError(None, None, f"corrupted record at {pos}")
        yield data
        pos += 16 + n


def tf_record_iterator(path, options=None):
    """`tf.python_io.tf_record_iterator`."""
    return read_records(path, TFRecordOptions.get_compression_type_string(options))


__all__ = ["TFRecordCompressionType", "TFRecordOptions", "TFRecordWriter",
           "tf_record_iterator"]
