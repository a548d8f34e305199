"""`tf.distributions` (TF 1.15's `ops/distributions`): the `Distribution` base and `Normal`,
op for op as TF builds them.

RL and VAE code samples actions and noise from `tf.distributions.Normal` and takes its
log-probabilities, entropies and KL divergences. Every method opens the distribution's
own name scope (made once, at construction) and then the method's; `sample` builds
the random normal of shape `[n] + batch_shape` and reshapes it to
`sample_shape + batch_shape` (TF's `_call_sample_n`).
"""

from __future__ import annotations

import contextlib
import math

import numpy as np

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import Tensor, name_scope
from ..framework.tensor_shape import TensorShape, dimension_value
from . import array_ops, math_ops, math_ops_ext, random_ops


class ReparameterizationType:
    """Whether samples are reparameterized (TF's `ReparameterizationType`)."""

    def __init__(self, rep_type):
        self._rep_type = rep_type

    def __repr__(self):
        return f"<Reparameteriation Type: {self._rep_type}>"

    def __eq__(self, other):
        return self is other


FULLY_REPARAMETERIZED = ReparameterizationType("FULLY_REPARAMETERIZED")
NOT_REPARAMETERIZED = ReparameterizationType("NOT_REPARAMETERIZED")


class Distribution:
    """TF's `Distribution` base: name scopes, `sample` and the public methods."""

    def __init__(self, dtype, reparameterization_type, validate_args, allow_nan_stats,
                 parameters=None, graph_parents=None, name=None):
        graph_parents = [] if graph_parents is None else graph_parents
        for i, t in enumerate(graph_parents):
            if t is None or not isinstance(t, Tensor):
                raise ValueError(f"Graph parent item {i} is not a Tensor; {t}.")
        if not name or name[-1] != "/":  # not a name scope yet
            with name_scope(name or type(self).__name__) as name:
                pass
        self._dtype = dtype
        self._reparameterization_type = reparameterization_type
        self._allow_nan_stats = allow_nan_stats
        self._validate_args = validate_args
        self._parameters = {k: v for k, v in (parameters or {}).items() if k != "self"}
        self._graph_parents = graph_parents
        self._name = name

    name = property(lambda self: self._name)
    dtype = property(lambda self: self._dtype)
    parameters = property(lambda self: dict(self._parameters))
    reparameterization_type = property(lambda self: self._reparameterization_type)
    allow_nan_stats = property(lambda self: self._allow_nan_stats)
    validate_args = property(lambda self: self._validate_args)

    @contextlib.contextmanager
    def _name_scope(self, name=None, values=None):
        with name_scope(self.name):
            with name_scope(name, values=(values or []) + self._graph_parents) as scope:
                yield scope

    @property
    def batch_shape(self):
        return TensorShape(self._batch_shape())

    @property
    def event_shape(self):
        return TensorShape(self._event_shape())

    def batch_shape_tensor(self, name="batch_shape_tensor"):
        with self._name_scope(name):
            if self.batch_shape.is_fully_defined():
                return convert_to_tensor(self.batch_shape.as_list(), dtype=_dtypes.int32,
                                         name="batch_shape")
            return self._batch_shape_tensor()

    def event_shape_tensor(self, name="event_shape_tensor"):
        with self._name_scope(name):
            if self.event_shape.is_fully_defined():
                return convert_to_tensor(self.event_shape.as_list(), dtype=_dtypes.int32,
                                         name="event_shape")
            return self._event_shape_tensor()

    def _expand_sample_shape_to_vector(self, x, name):
        static = array_ops.constant_value(x)
        if static is None:
            prod = math_ops.reduce_prod(x)
        else:
            prod = np.prod(static, dtype=x.dtype.as_numpy_dtype)
        ndims = x.shape.rank
        if ndims is None:
            raise NotImplementedError("sample shapes of unknown rank")
        if ndims == 0:
            if static is not None:
                x = convert_to_tensor(np.array([static], dtype=x.dtype.as_numpy_dtype),
                                      name=name)
            else:
                x = array_ops.reshape(x, [1])
        elif ndims != 1:
            raise ValueError("Input is neither scalar nor vector.")
        return x, prod

    def _set_sample_static_shape(self, x, sample_shape):
        static = array_ops.constant_value(sample_shape)
        sample_shape = TensorShape(None if static is None else [int(d) for d in static])
        ndims = x.shape.rank
        sample_ndims = sample_shape.rank
        batch_ndims = self.batch_shape.rank
        event_ndims = self.event_shape.rank
        if ndims is None and None not in (sample_ndims, batch_ndims, event_ndims):
            ndims = sample_ndims + batch_ndims + event_ndims
            x.set_shape([None] * ndims)
        if ndims is not None and sample_ndims is not None:
            x.set_shape(x.shape.merge_with(
                sample_shape.concatenate([None] * (ndims - sample_ndims))))
        if ndims is not None and event_ndims is not None:
            x.set_shape(x.shape.merge_with(
                TensorShape([None] * (ndims - event_ndims)).concatenate(self.event_shape)))
        if batch_ndims is not None:
            if ndims is not None:
                if sample_ndims is None and event_ndims is not None:
                    sample_ndims = ndims - batch_ndims - event_ndims
                elif event_ndims is None and sample_ndims is not None:
                    event_ndims = ndims - batch_ndims - sample_ndims
            if sample_ndims is not None and event_ndims is not None:
                x.set_shape(x.shape.merge_with(TensorShape([None] * sample_ndims).concatenate(
                    self.batch_shape).concatenate([None] * event_ndims)))
        return x

    def sample(self, sample_shape=(), seed=None, name="sample"):
        with self._name_scope(name, values=[sample_shape]):
            sample_shape = convert_to_tensor(sample_shape, dtype=_dtypes.int32,
                                             name="sample_shape")
            sample_shape, n = self._expand_sample_shape_to_vector(sample_shape, "sample_shape")
            samples = self._sample_n(n, seed)
            batch_event_shape = array_ops.shape(samples)[1:]
            final_shape = array_ops.concat([sample_shape, batch_event_shape], 0)
            samples = array_ops.reshape(samples, final_shape)
            return self._set_sample_static_shape(samples, sample_shape)

    def _value(self, value):
        return convert_to_tensor(value, name="value", preferred_dtype=self.dtype)

    def log_prob(self, value, name="log_prob"):
        with self._name_scope(name, values=[value]):
            return self._log_prob(self._value(value))

    def prob(self, value, name="prob"):
        with self._name_scope(name, values=[value]):
            return math_ops.exp(self._log_prob(self._value(value)))

    def entropy(self, name="entropy"):
        with self._name_scope(name):
            return self._entropy()

    def mean(self, name="mean"):
        with self._name_scope(name):
            return self._mean()

    def mode(self, name="mode"):
        with self._name_scope(name):
            return self._mode()

    def stddev(self, name="stddev"):
        with self._name_scope(name):
            return self._stddev()

    def variance(self, name="variance"):
        with self._name_scope(name):
            return math_ops.square(self._stddev())

    def kl_divergence(self, other, name="kl_divergence"):
        with self._name_scope(name):
            return kl_divergence(self, other, allow_nan_stats=self.allow_nan_stats)


class Normal(Distribution):
    """TF's `tf.distributions.Normal(loc, scale)`."""

    def __init__(self, loc, scale, validate_args=False, allow_nan_stats=True, name="Normal"):
        parameters = dict(locals())
        with name_scope(name, values=[loc, scale]) as name:
            deps = []
            if validate_args:
                from .check_ops import assert_positive

                deps = [assert_positive(scale)]
            from ..framework.ops import control_dependencies

            with control_dependencies(deps):
                self._loc = array_ops.identity(loc, name="loc")
                self._scale = array_ops.identity(scale, name="scale")
            if self._loc.dtype.base_dtype != self._scale.dtype.base_dtype:
                raise ValueError(f"Tensor conversion requested dtype {self._loc.dtype.name} "
                                 f"for Tensor with dtype {self._scale.dtype.name}")
        super().__init__(dtype=self._scale.dtype, reparameterization_type=FULLY_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters, graph_parents=[self._loc, self._scale],
                         name=name)

    loc = property(lambda self: self._loc)
    scale = property(lambda self: self._scale)

    def _batch_shape_tensor(self):
        return math_ops_ext.broadcast_dynamic_shape(array_ops.shape(self.loc),
                                                 array_ops.shape(self.scale))

    def _batch_shape(self):
        return math_ops_ext.broadcast_static_shape(self.loc.shape, self.scale.shape)

    def _event_shape_tensor(self):
        return constant([], dtype=_dtypes.int32)

    def _event_shape(self):
        return TensorShape([])

    def _sample_n(self, n, seed=None):
        shape = array_ops.concat([[n], self.batch_shape_tensor()], 0)
        sampled = random_ops.random_normal(shape=shape, mean=0., stddev=1.,
                                           dtype=self.loc.dtype, seed=seed)
        return sampled * self.scale + self.loc

    def _z(self, x):
        with name_scope("standardize", values=[x]):
            return (x - self.loc) / self.scale

    def _log_prob(self, x):
        return self._log_unnormalized_prob(x) - self._log_normalization()

    def _log_unnormalized_prob(self, x):
        return -0.5 * math_ops.square(self._z(x))

    def _log_normalization(self):
        return 0.5 * math.log(2. * math.pi) + math_ops.log(self.scale)

    def _entropy(self):
        scale = self.scale * array_ops.ones_like(self.loc)
        return 0.5 * math.log(2. * math.pi * math.e) + math_ops.log(scale)

    def _mean(self):
        return self.loc * array_ops.ones_like(self.scale)

    def _stddev(self):
        return self.scale * array_ops.ones_like(self.loc)

    def _mode(self):
        return self._mean()



def _logits_and_probs(logits, probs, dtype, name, multidimensional=True):
    """TF's `get_logits_and_probs` (no validation)."""
    from . import nn_ops

    with name_scope(name, values=[probs, logits]):
        if (probs is None) == (logits is None):
            raise ValueError("Must pass probs or logits, but not both.")
        if probs is None:
            logits = convert_to_tensor(logits, name="logits", dtype=dtype)
            if not logits.dtype.is_floating:
                raise TypeError("logits must having floating type.")
            if not multidimensional:
                return logits, math_ops.sigmoid(logits, name="probs")
            return logits, nn_ops.softmax(logits, name="probs")
        probs = convert_to_tensor(probs, name="probs", dtype=dtype)
        if not probs.dtype.is_floating:
            raise TypeError("probs must having floating type.")
        with name_scope("logits"):
            if not multidimensional:
                from .. import log1p  # TF's generated wrapper

                return math_ops.log(probs) - log1p(-1. * probs), probs
            return math_ops.log(probs), probs


class Bernoulli(Distribution):
    """TF's `tf.distributions.Bernoulli(logits=..., probs=...)` (without validate_args)."""

    def __init__(self, logits=None, probs=None, dtype=_dtypes.int32, validate_args=False,
                 allow_nan_stats=True, name="Bernoulli"):
        if validate_args:
            raise NotImplementedError("Bernoulli(validate_args=True)")
        parameters = dict(locals())
        with name_scope(name) as name:
            self._logits, self._probs = _logits_and_probs(logits, probs, None, name,
                                                          multidimensional=False)
        super().__init__(dtype=_dtypes.as_dtype(dtype),
                         reparameterization_type=NOT_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters, graph_parents=[self._logits, self._probs],
                         name=name)

    logits = property(lambda self: self._logits)
    probs = property(lambda self: self._probs)

    def _batch_shape_tensor(self):
        return array_ops.shape(self._logits)

    def _batch_shape(self):
        return self._logits.shape

    def _event_shape_tensor(self):
        return constant([], dtype=_dtypes.int32)

    def _event_shape(self):
        return TensorShape([])

    def _sample_n(self, n, seed=None):
        new_shape = array_ops.concat([[n], self.batch_shape_tensor()], 0)
        uniform = random_ops.random_uniform(new_shape, seed=seed, dtype=self.probs.dtype)
        return math_ops.cast(math_ops.less(uniform, self.probs), self.dtype)

    def _log_prob(self, event):
        from . import nn_impl

        event = math_ops.cast(event, self.logits.dtype)
        logits = self.logits
        if not (event.shape.is_fully_defined() and logits.shape.is_fully_defined()
                and event.shape == logits.shape):
            logits, event = (array_ops.ones_like(event) * logits,
                             array_ops.ones_like(logits) * event)
        return -nn_impl.sigmoid_cross_entropy_with_logits(labels=event, logits=logits)

    def _entropy(self):
        from . import nn_ops

        return (-self.logits * (math_ops.sigmoid(self.logits) - 1)
                + nn_ops.softplus(-self.logits))

    def _mean(self):
        return array_ops.identity(self.probs)

    def _mode(self):
        return math_ops.cast(self.probs > 0.5, self.dtype)


class Categorical(Distribution):
    """TF's `tf.distributions.Categorical(logits=..., probs=...)` (without validate_args)."""

    def __init__(self, logits=None, probs=None, dtype=_dtypes.int32, validate_args=False,
                 allow_nan_stats=True, name="Categorical"):
        if validate_args:
            raise NotImplementedError("Categorical(validate_args=True)")
        parameters = dict(locals())
        with name_scope(name, values=[logits, probs]) as name:
            self._logits, self._probs = _logits_and_probs(logits, probs, None, name)
            static = self._logits.shape.with_rank_at_least(1)
            if static.rank is not None:
                self._batch_rank = convert_to_tensor(static.rank - 1, dtype=_dtypes.int32,
                                                     name="batch_rank")
            else:
                with name_scope("batch_rank"):
                    self._batch_rank = array_ops.rank(self._logits) - 1
            logits_shape = array_ops.shape(self._logits, name="logits_shape")
            if dimension_value(static[-1]) is not None:
                self._event_size = convert_to_tensor(dimension_value(static[-1]),
                                                     dtype=_dtypes.int32, name="event_size")
            else:
                with name_scope("event_size"):
                    self._event_size = logits_shape[self._batch_rank]
            if static[:-1].is_fully_defined():
                self._batch_shape_val = constant(static[:-1].as_list(), dtype=_dtypes.int32,
                                                 name="batch_shape")
            else:
                with name_scope("batch_shape"):
                    self._batch_shape_val = logits_shape[:-1]
        super().__init__(dtype=_dtypes.as_dtype(dtype),
                         reparameterization_type=NOT_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters, graph_parents=[self._logits, self._probs],
                         name=name)

    event_size = property(lambda self: self._event_size)
    logits = property(lambda self: self._logits)
    probs = property(lambda self: self._probs)

    def _batch_shape_tensor(self):
        return array_ops.identity(self._batch_shape_val)

    def _batch_shape(self):
        return self.logits.shape[:-1]

    def _event_shape_tensor(self):
        return constant([], dtype=_dtypes.int32)

    def _event_shape(self):
        return TensorShape([])

    def _sample_n(self, n, seed=None):
        logits_2d = (self.logits if self.logits.shape.rank == 2
                     else array_ops.reshape(self.logits, [-1, self.event_size]))
        sample_dtype = _dtypes.int64 if self.dtype.size > 4 else _dtypes.int32
        draws = random_ops.multinomial(logits_2d, n, seed=seed, output_dtype=sample_dtype)
        draws = array_ops.reshape(array_ops.transpose(draws),
                                  array_ops.concat([[n], self.batch_shape_tensor()], 0))
        return math_ops.cast(draws, self.dtype)

    def _log_prob(self, k):
        from . import nn_ops

        k = convert_to_tensor(k, name="k")
        if k.dtype.is_floating:
            k = math_ops.cast(k, dtype=_dtypes.int32)
        elif not k.dtype.is_integer:
            raise TypeError(f"`value` should have integer `dtype` or `self.dtype` "
                            f"({self.dtype.base_dtype})")
        logits = self.logits
        static = (logits.shape.rank is not None and logits.shape[:-1].is_fully_defined()
                  and k.shape.is_fully_defined())
        if not static or logits.shape[:-1] != k.shape:
            logits *= array_ops.ones_like(k[..., None], dtype=logits.dtype)
            k *= array_ops.ones(array_ops.shape(logits)[:-1], dtype=k.dtype)
            if logits.shape.rank is not None:
                k.set_shape(TensorShape(logits.shape[:-1]))
        return -nn_ops.sparse_softmax_cross_entropy_with_logits(labels=k, logits=logits)

    def _entropy(self):
        from . import nn_ops

        return -math_ops.reduce_sum(nn_ops.log_softmax(self.logits) * self.probs, axis=-1)

    def _mode(self):
        ret = math_ops.cast(math_ops.argmax(self.logits, axis=self._batch_rank), self.dtype)
        ret.set_shape(self.batch_shape)
        return ret

_DIVERGENCES: dict = {}


class RegisterKL:
    """Decorator registering the KL divergence of two distribution classes."""

    def __init__(self, dist_cls_a, dist_cls_b):
        self._key = (dist_cls_a, dist_cls_b)

    def __call__(self, kl_fn):
        if not callable(kl_fn):
            raise TypeError(f"kl_fn must be callable, received: {kl_fn}")
        if self._key in _DIVERGENCES:
            raise ValueError(f"KL({self._key[0].__name__} || {self._key[1].__name__}) has "
                             f"already been registered to: {_DIVERGENCES[self._key]}")
        _DIVERGENCES[self._key] = kl_fn
        return kl_fn


def _registered_kl(type_a, type_b):
    kl_fn, best = None, None
    for i, a in enumerate(type_a.__mro__):
        for j, b in enumerate(type_b.__mro__):
            fn = _DIVERGENCES.get((a, b))
            if not kl_fn or (fn and i + j < best):
                best, kl_fn = i + j, fn
    return kl_fn


def kl_divergence(distribution_a, distribution_b, allow_nan_stats=True, name=None):
    """TF's `tf.distributions.kl_divergence`, in a `KullbackLeibler` scope."""
    kl_fn = _registered_kl(type(distribution_a), type(distribution_b))
    if kl_fn is None:
        raise NotImplementedError(
            f"No KL(distribution_a || distribution_b) registered for distribution_a type "
            f"{type(distribution_a).__name__} and distribution_b type "
            f"{type(distribution_b).__name__}")
    with name_scope("KullbackLeibler"):
        kl_t = kl_fn(distribution_a, distribution_b, name=name)
        if allow_nan_stats:
            return kl_t
        from ..framework.ops import control_dependencies
        from .control_flow_ops import Assert

        kl_t = array_ops.identity(kl_t, name="kl")
        from .. import is_nan  # TF's generated wrapper

        ok = math_ops_ext.logical_not(math_ops.reduce_any(is_nan(kl_t)))
        msg = (f"KL calculation between {distribution_a.name} and {distribution_b.name} "
               f"returned NaN values (and was called with allow_nan_stats=False). Values:")
        with control_dependencies([Assert(ok, [msg, kl_t])]):
            return array_ops.identity(kl_t, name="checked_kl")


@RegisterKL(Normal, Normal)
def _kl_normal_normal(n_a, n_b, name=None):
    with name_scope(name, "kl_normal_normal", [n_a.loc, n_b.loc]):
        one = constant(1, dtype=n_a.dtype)
        two = constant(2, dtype=n_a.dtype)
        half = constant(0.5, dtype=n_a.dtype)
        s_a_squared = math_ops.square(n_a.scale)
        s_b_squared = math_ops.square(n_b.scale)
        ratio = s_a_squared / s_b_squared
        return (math_ops.squared_difference(n_a.loc, n_b.loc) / (two * s_b_squared)
                + half * (ratio - one - math_ops.log(ratio)))


@RegisterKL(Categorical, Categorical)
def _kl_categorical_categorical(a, b, name=None):
    from . import nn_ops

    with name_scope(name, "kl_categorical_categorical", values=[a.logits, b.logits]):
        delta = nn_ops.log_softmax(a.logits) - nn_ops.log_softmax(b.logits)
        return math_ops.reduce_sum(nn_ops.softmax(a.logits) * delta, axis=-1)
