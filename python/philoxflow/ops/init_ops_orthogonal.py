"""TF 1.15's orthogonal and identity initializers (`init_ops.Orthogonal`,
`ConvolutionDeltaOrthogonal`, `ConvolutionOrthogonal1D/2D/3D`, `Identity`).

Each builds TF's graph op for op: a `random_normal` matrix, its `Qr`, the signs of R's
`DiagPart`, then TF's reshapes, slices, scatters and (for the convolutional ones)
MatMuls of symmetric projections. The `Qr` kernel is Eigen's HouseholderQR replicated
bit for bit (`eigen_qr.py`, exact below 48 columns; beyond, running raises
UnimplementedError); `Orthogonal` and `ConvolutionDeltaOrthogonal` therefore give TF's
values. `ConvolutionOrthogonal1D/2D/3D` with kernels wider than 1 multiply matrices
(`MatMul` is built for structure only here), so running those raises
UnimplementedError.
"""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.tensor_shape import TensorShape
from . import linalg_kernels  # noqa: F401 - registers the Qr/DiagPart/Sign kernels
from .array_ops import expand_dims, reshape, slice, stack, zeros  # noqa: A004
from .array_ops_ext import eye, matrix_transpose
from .gen_wrappers import module_names
from .init_ops import Initializer, _assert_float_dtype
from .math_ops import cast, matmul, multiply
from .random_ops import random_normal


def _gen(module, name):
    return module_names(module)[name]


def _qr_signed(a):
    """`q * sign(diag_part(r))` of TF's `gen_linalg_ops.qr(a, full_matrices=False)`."""
    q, r = _gen("gen_linalg_ops", "qr")(a, full_matrices=False)
    d = _gen("gen_array_ops", "diag_part")(r)
    q *= _gen("gen_math_ops", "sign")(d)
    return q


class Orthogonal(Initializer):
    """`tf.orthogonal_initializer`: the Q factor of a normal matrix, signs fixed by R's
    diagonal, reshaped to `shape`, times `gain`."""

    def __init__(self, gain=1.0, seed=None, dtype=_dtypes.float32):
        self.gain = gain
        self.dtype = _assert_float_dtype(_dtypes.as_dtype(dtype))
        self.seed = seed

    def __call__(self, shape, dtype=None, partition_info=None):
        if dtype is None:
            dtype = self.dtype
        if len(shape) < 2:
            raise ValueError("The tensor to initialize must be at least two-dimensional")
        num_rows = 1
        for dim in shape[:-1]:
            num_rows *= dim
        num_rows = int(num_rows)
        num_cols = int(shape[-1])
        flat_shape = (num_cols, num_rows) if num_rows < num_cols else (num_rows, num_cols)
        a = random_normal(flat_shape, dtype=dtype, seed=self.seed)
        q = _qr_signed(a)
        if num_rows < num_cols:
            q = matrix_transpose(q)
        return self.gain * reshape(q, shape)

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed, "dtype": self.dtype.name}


class ConvolutionDeltaOrthogonal(Initializer):
    """`tf.contrib.framework.convolutional_delta_orthogonal`: an orthogonal matrix at the
    kernel's centre, zeros elsewhere."""

    def __init__(self, gain=1.0, seed=None, dtype=_dtypes.float32):
        self.gain = gain
        self.dtype = _assert_float_dtype(_dtypes.as_dtype(dtype))
        self.seed = seed

    def __call__(self, shape, dtype=None, partition_info=None):
        if dtype is None:
            dtype = self.dtype
        if len(shape) < 3 or len(shape) > 5:
            raise ValueError("The tensor to initialize must be at least "
                             "three-dimensional and at most five-dimensional")
        if shape[-2] > shape[-1]:
            raise ValueError("In_filters cannot be greater than out_filters.")
        a = random_normal([shape[-1], shape[-1]], dtype=dtype, seed=self.seed)
        q = _qr_signed(a)
        q = q[:shape[-2], :]
        q *= cast(self.gain, dtype=dtype)
        centre = [[(d - 1) // 2 for d in shape[:len(shape) - 2]]]
        return _gen("gen_array_ops", "scatter_nd")(centre, expand_dims(q, 0), shape)

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed, "dtype": self.dtype.name}


class ConvolutionOrthogonal(Initializer):
    """Base of the orthogonal convolution kernels (Xiao et al., 2018)."""

    def __init__(self, gain=1.0, seed=None, dtype=_dtypes.float32):
        self.gain = gain
        self.dtype = _assert_float_dtype(_dtypes.as_dtype(dtype))
        self.seed = seed

    def __call__(self, shape, dtype=None, partition_info=None):
        raise NotImplementedError

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed, "dtype": self.dtype.name}

    def _orthogonal_matrix(self, n):
        a = random_normal([n, n], dtype=self.dtype, seed=self.seed)
        if self.seed:
            self.seed += 1
        return _qr_signed(a)

    def _symmetric_projection(self, n):
        q = self._orthogonal_matrix(n)
        mask = cast(random_normal([n], seed=self.seed) > 0, self.dtype)
        if self.seed:
            self.seed += 1
        c = multiply(q, mask)
        return matmul(c, matrix_transpose(c))

    def _check(self, shape, rank, what, dtype):
        if len(shape) != rank:
            raise ValueError(f"The tensor to initialize must be {what}")
        if shape[-2] > shape[-1]:
            raise ValueError("In_filters cannot be greater than out_filters.")
        return self.dtype if dtype is None else dtype

    def _kernel(self, shape, dtype, ndim):
        if shape[-2] > shape[-1]:
            raise ValueError("The number of input channels cannot exceed "
                             "the number of output channels.")
        ksize, cin, cout = shape[0], shape[-2], shape[-1]
        orth = self._orthogonal_matrix(cout)[0:cin, :]
        if ksize == 1:
            for _ in range(ndim):
                orth = expand_dims(orth, 0)
            kernel = orth
        else:
            p = self._block_orth(*[self._symmetric_projection(cout) for _ in range(ndim)])
            for _ in range(ksize - 2):
                temp = self._block_orth(*[self._symmetric_projection(cout)
                                          for _ in range(ndim)])
                p = self._matrix_conv(p, temp, ndim)
            for idx in _keys(ksize, ndim):
                p[_key(idx)] = matmul(orth, p[_key(idx)])
            kernel = _dict_to_tensor(p, ksize, ndim)
        kernel *= cast(self.gain, dtype=dtype)
        return kernel

    def _matrix_conv(self, m1, m2, ndim):
        """TF's `_matrix_conv`: the convolution of two kernels of matrices (sums built in
        TF's order, each starting from `zeros`)."""
        first = next(iter(m1.values()))
        n = first.shape.as_list()[0]
        if n != next(iter(m2.values())).shape.as_list()[0]:
            raise ValueError("The entries in matrices m1 and m2 "
                             "must have the same dimensions!")
        k = round(len(m1) ** (1.0 / ndim))
        size = k + round(len(m2) ** (1.0 / ndim)) - 1
        l_ = size - k + 1
        result = {}
        for out in _keys(size, ndim):
            acc = zeros([n, n], self.dtype)
            for idx in _keys(k, ndim):
                if all(a <= o and o - a < l_ for a, o in zip(idx, out)):
                    acc += matmul(m1[_key(idx)], m2[_key(tuple(o - a for a, o in
                                                               zip(idx, out)))])
            result[_key(out)] = acc
        return result


def _key(idx):
    return idx[0] if len(idx) == 1 else tuple(idx)


def _keys(k, ndim):
    """Kernel positions in TF's loop order (row-major)."""
    if ndim == 1:
        return [(i,) for i in range(k)]
    if ndim == 2:
        return [(i, j) for i in range(k) for j in range(k)]
    return [(i, j, r) for i in range(k) for j in range(k) for r in range(k)]


def _dict_to_tensor(x, k, ndim):
    if ndim == 1:
        return stack([x[i] for i in range(k)])
    if ndim == 2:
        return stack([stack([x[i, j] for j in range(k)]) for i in range(k)])
    return stack([stack([stack([x[i, j, r] for r in range(k)]) for j in range(k)])
                  for i in range(k)])


class ConvolutionOrthogonal1D(ConvolutionOrthogonal):
    """`tf.contrib.framework.convolutional_orthogonal_1d`."""

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = self._check(shape, 3, "three-dimensional", dtype)
        return self._kernel(shape, dtype, 1)

    def _block_orth(self, projection_matrix):
        n = projection_matrix.shape.as_list()[0]
        identity = eye(n, dtype=self.dtype)
        return {0: projection_matrix, 1: identity - projection_matrix}


class ConvolutionOrthogonal2D(ConvolutionOrthogonal):
    """`tf.contrib.framework.convolutional_orthogonal_2d`."""

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = self._check(shape, 4, "four-dimensional", dtype)
        if shape[0] != shape[1]:
            raise ValueError("Kernel sizes must be equal.")
        return self._kernel(shape, dtype, 2)

    def _block_orth(self, p1, p2):
        if p1.shape.as_list() != p2.shape.as_list():
            raise ValueError("The dimension of the matrices must be the same.")
        n = p1.shape.as_list()[0]
        identity = eye(n, dtype=self.dtype)
        return {(0, 0): matmul(p1, p2), (0, 1): matmul(p1, identity - p2),
                (1, 0): matmul(identity - p1, p2),
                (1, 1): matmul(identity - p1, identity - p2)}


class ConvolutionOrthogonal3D(ConvolutionOrthogonal):
    """`tf.contrib.framework.convolutional_orthogonal_3d`."""

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = self._check(shape, 5, "five-dimensional", dtype)
        if shape[0] != shape[1] or shape[0] != shape[2]:
            raise ValueError("Kernel sizes must be equal.")
        return self._kernel(shape, dtype, 3)

    def _block_orth(self, p1, p2, p3):
        p1_shape = p1.shape.as_list()
        if p1_shape != p2.shape.as_list() or p1_shape != p3.shape.as_list():
            raise ValueError("The dimension of the matrices must be the same.")
        identity = eye(p1_shape[0], dtype=self.dtype)

        def pick(i, p):
            return i * p + (1 - i) * (identity - p)

        def matmul3(a, b, c):  # TF's helper: all three operands are built first
            return matmul(matmul(a, b), c)

        return {(i, j, k): matmul3(pick(i, p1), pick(j, p2), pick(k, p3))
                for i in (0, 1) for j in (0, 1) for k in (0, 1)}


class Identity(Initializer):
    """`tf.initializers.identity`: `gain * eye(shape)` (2-D; a partition's slice)."""

    def __init__(self, gain=1.0, dtype=_dtypes.float32):
        self.gain = gain
        self.dtype = _assert_float_dtype(_dtypes.as_dtype(dtype))

    def __call__(self, shape, dtype=None, partition_info=None):
        full_shape = shape if partition_info is None else partition_info.full_shape
        if len(full_shape) != 2:
            raise ValueError("Identity matrix initializer can only be used for 2D matrices.")
        if dtype is None:
            dtype = self.dtype
        if isinstance(full_shape, TensorShape):
            full_shape = full_shape.as_list()
        initializer = eye(*full_shape, dtype=dtype)
        if partition_info is not None:
            initializer = slice(initializer, partition_info.var_offset, shape)
        return self.gain * initializer

    def get_config(self):
        return {"gain": self.gain, "dtype": self.dtype.name}


orthogonal_initializer = Orthogonal
identity_initializer = Identity
convolutional_delta_orthogonal = ConvolutionDeltaOrthogonal
convolutional_orthogonal_1d = ConvolutionOrthogonal1D
convolutional_orthogonal_2d = ConvolutionOrthogonal2D
convolutional_orthogonal_3d = ConvolutionOrthogonal3D
