"""`tf.gfile` (TF 1.x names) and `tf.io.gfile` (TF 2.x names) on the local filesystem.

TF's GFile reaches other filesystems (GCS, HDFS) through C++ plugins; here every
path is local, which is what model code run without TensorFlow reads and writes.
Errors are TF's: a missing file raises `errors.NotFoundError`.
"""

from __future__ import annotations

import glob as _glob
import os as _os
import shutil as _shutil

from .. import errors as _errors


def _not_found(path, what="No such file or directory"):
    return _errors.NotFoundError(None, None, f"{path}; {what}")


class GFile:
    """A file object over the local disk, with TF's `size()` and NotFoundError."""

    def __init__(self, name, mode="r"):
        self.name = _os.fspath(name)
        self.mode = mode
        if "r" in mode and not _os.path.exists(self.name):
            raise _not_found(self.name)
        self._f = open(self.name, mode)  # noqa: SIM115 - closed by close()/__exit__

    def size(self):
        return _os.path.getsize(self.name)

    def read(self, n=-1):
        return self._f.read(n)

    def readline(self):
        return self._f.readline()

    def readlines(self):
        return self._f.readlines()

    def write(self, data):
        self._f.write(data)

    def seek(self, offset=None, whence=0, position=None):
        self._f.seek(position if position is not None else offset, whence)

    def tell(self):
        return self._f.tell()

    def flush(self):
        self._f.flush()

    def close(self):
        self._f.close()

    def seekable(self):
        return True

    def __iter__(self):
        return iter(self._f)

    def __next__(self):
        return next(self._f)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


Open = FastGFile = GFile


def exists(path):
    return _os.path.exists(path)


def isdir(path):
    return _os.path.isdir(path)


def listdir(path):
    if not _os.path.isdir(path):
        raise _not_found(path, "Could not find directory")
    return sorted(_os.listdir(path))


def makedirs(path):
    _os.makedirs(path, exist_ok=True)


def mkdir(path):
    if _os.path.exists(path):
        raise _errors.AlreadyExistsError(None, None, f"{path}; File exists")
    _os.mkdir(path)


def glob(pattern):
    return sorted(_glob.glob(pattern))


def remove(path):
    if not _os.path.exists(path):
        raise _not_found(path)
    _os.remove(path)


def rename(oldname, newname, overwrite=False):
    if not overwrite and _os.path.exists(newname):
        raise _errors.AlreadyExistsError(None, None, f"file already exists: {newname}")
    _os.replace(oldname, newname)


def copy(oldpath, newpath, overwrite=False):
    if not overwrite and _os.path.exists(newpath):
        raise _errors.AlreadyExistsError(None, None, f"file already exists: {newpath}")
    _shutil.copyfile(oldpath, newpath)


def rmtree(path):
    if not _os.path.exists(path):
        raise _not_found(path)
    _shutil.rmtree(path)


class FileStatistics:
    """`stat()`'s result: length in bytes, modification time in ns, is_directory."""

    def __init__(self, length, mtime_nsec, is_directory):
        self.length, self.mtime_nsec, self.is_directory = length, mtime_nsec, is_directory


def stat(path):
    if not _os.path.exists(path):
        raise _not_found(path)
    st = _os.stat(path)
    return FileStatistics(st.st_size, st.st_mtime_ns, _os.path.isdir(path))


def walk(top, topdown=True, onerror=None):
    for root, dirs, files in _os.walk(top, topdown=topdown, onerror=onerror):
        yield root, dirs, files


# TF 1.x's CamelCase names (`tf.gfile.Exists`, ...).
Exists, IsDirectory, ListDirectory, MakeDirs, MkDir, Glob = (
    exists, isdir, listdir, makedirs, mkdir, glob)
Remove, Rename, Copy, DeleteRecursively, Stat, Walk = (
    remove, rename, copy, rmtree, stat, walk)
