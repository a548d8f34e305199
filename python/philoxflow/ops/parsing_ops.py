"""`tf.Example` parsing and record decoding (`tensorflow/python/ops/parsing_ops.py`), built
as TF 1.15 builds them: feature configurations sorted by key into `ParseExample`,
`ParseSingleExample` and `ParseSingleSequenceExample` ops (default values as `key_*` /
`padding_*` constants reshaped to the feature's shape), `SparseFeature`s merged from their
index and value parts, `DecodeCSV` and `DecodeRaw`."""

from __future__ import annotations

import collections
import re

from ..framework import dtypes as _dtypes
from ..framework.constant_op import constant, convert_to_tensor
from ..framework.ops import Tensor, name_scope
from ..framework.sparse_tensor import SparseTensor
from ..framework.tensor_shape import as_shape
from . import parsing_kernels  # noqa: F401 - parsing and readers run where strings do
from .data_flow_ops import _op


class VarLenFeature(collections.namedtuple("VarLenFeature", ["dtype"])):
    """`tf.VarLenFeature`: a variable-length feature, parsed to a SparseTensor."""


class SparseFeature(collections.namedtuple(
        "SparseFeature", ["index_key", "value_key", "dtype", "size", "already_sorted"])):
    """`tf.SparseFeature`: a SparseTensor from index and value features."""

    def __new__(cls, index_key, value_key, dtype, size, already_sorted=False):
        return super().__new__(cls, index_key, value_key, dtype, size, already_sorted)


class FixedLenFeature(collections.namedtuple(
        "FixedLenFeature", ["shape", "dtype", "default_value"])):
    """`tf.FixedLenFeature`: a fixed-shape dense feature."""

    def __new__(cls, shape, dtype, default_value=None):
        return super().__new__(cls, shape, dtype, default_value)


class FixedLenSequenceFeature(collections.namedtuple(
        "FixedLenSequenceFeature", ["shape", "dtype", "allow_missing", "default_value"])):
    """`tf.FixedLenSequenceFeature`: a dense feature of variable length."""

    def __new__(cls, shape, dtype, allow_missing=False, default_value=None):
        return super().__new__(cls, shape, dtype, allow_missing, default_value)


def _sparse_params(key, feature, types, sparse_keys, sparse_types):
    if isinstance(feature, VarLenFeature):
        if VarLenFeature not in types:
            raise ValueError("Unsupported VarLenFeature %s." % (feature,))
        if not feature.dtype:
            raise ValueError("Missing type for feature %s." % key)
        sparse_keys.append(key)
        sparse_types.append(feature.dtype)
        return
    if SparseFeature not in types:
        raise ValueError("Unsupported SparseFeature %s." % (feature,))
    if not feature.index_key:
        raise ValueError("Missing index_key for SparseFeature %s." % (feature,))
    if not feature.value_key:
        raise ValueError("Missing value_key for SparseFeature %s." % (feature,))
    if not feature.dtype:
        raise ValueError("Missing type for feature %s." % key)
    index_keys = feature.index_key
    if isinstance(index_keys, str):
        index_keys = [index_keys]
    for index_key in sorted(index_keys):
        if index_key in sparse_keys:
            dtype = sparse_types[sparse_keys.index(index_key)]
            if dtype != _dtypes.int64:
                raise ValueError("Conflicting type %s vs int64 for feature %s."
                                 % (dtype, index_key))
        else:
            sparse_keys.append(index_key)
            sparse_types.append(_dtypes.int64)
    if feature.value_key in sparse_keys:
        dtype = sparse_types[sparse_keys.index(feature.value_key)]
        if dtype != feature.dtype:
            raise ValueError("Conflicting type %s vs %s for feature %s."
                             % (dtype, feature.dtype, feature.value_key))
    else:
        sparse_keys.append(feature.value_key)
        sparse_types.append(feature.dtype)


def _features_to_raw_params(features, types):
    sparse_keys, sparse_types, dense_keys, dense_types, dense_shapes = [], [], [], [], []
    dense_defaults = collections.OrderedDict()
    for key in sorted((features or {}).keys()):
        feature = features[key]
        if isinstance(feature, (VarLenFeature, SparseFeature)):
            _sparse_params(key, feature, types, sparse_keys, sparse_types)
        elif isinstance(feature, (FixedLenFeature, FixedLenSequenceFeature)):
            kind = type(feature)
            if kind not in types:
                raise ValueError("Unsupported %s %s." % (kind.__name__, feature))
            if not feature.dtype:
                raise ValueError("Missing type for feature %s." % key)
            if feature.shape is None:
                raise ValueError("Missing shape for feature %s." % key)
            if kind is FixedLenFeature:
                shape = as_shape(feature.shape)
                if feature.shape and shape.ndims and shape.dims[0].value is None:
                    raise ValueError("First dimension of shape for feature %s unknown. "
                                     "Consider using FixedLenSequenceFeature." % key)
                if not shape.is_fully_defined():
                    raise ValueError("All dimensions of shape for feature %s need to be "
                                     "known but received %s." % (key, str(feature.shape)))
            dense_keys.append(key)
            dense_shapes.append(feature.shape)
            dense_types.append(feature.dtype)
            if kind is FixedLenSequenceFeature and feature.allow_missing:
                dense_defaults[key] = None
            if feature.default_value is not None:
                dense_defaults[key] = feature.default_value
        else:
            raise ValueError("Invalid feature %s:%s." % (key, feature))
    return sparse_keys, sparse_types, dense_keys, dense_types, dense_defaults, dense_shapes


def _construct_sparse_tensors_for_sparse_features(features, tensor_dict):
    from .sparse_ops import sparse_merge

    tensor_dict = dict(tensor_dict)
    for key in sorted(features.keys()):
        feature = features[key]
        if isinstance(feature, SparseFeature):
            if isinstance(feature.index_key, str):
                sp_ids = tensor_dict[feature.index_key]
            else:
                sp_ids = [tensor_dict[k] for k in feature.index_key]
            tensor_dict[key] = sparse_merge(sp_ids, tensor_dict[feature.value_key],
                                            vocab_size=feature.size,
                                            already_sorted=feature.already_sorted)
    for key in set(tensor_dict) - set(features):
        del tensor_dict[key]
    return tensor_dict


def _prepend_none_dimension(features):
    if not features:
        return features
    out = dict(features)
    for key, feature in features.items():
        if isinstance(feature, FixedLenSequenceFeature):
            if not feature.allow_missing:
                raise ValueError("Unsupported: FixedLenSequenceFeature requires "
                                 "allow_missing to be True.")
            out[key] = FixedLenSequenceFeature([None] + list(feature.shape), feature.dtype,
                                               feature.allow_missing, feature.default_value)
    return out


def _key(prefix, key):
    return prefix + re.sub("[^A-Za-z0-9_.\\-/]", "_", key)


def _check_counts(sparse_keys, sparse_types, dense_keys, dense_types, dense_shapes):
    nd, ns = len(dense_keys), len(sparse_keys)
    if len(dense_shapes) != nd:
        raise ValueError("len(dense_shapes) != len(dense_keys): %d vs. %d"
                         % (len(dense_shapes), nd))
    if len(dense_types) != nd:
        raise ValueError("len(dense_types) != len(num_dense): %d vs. %d" % (len(dense_types), nd))
    if len(sparse_types) != ns:
        raise ValueError("len(sparse_types) != len(sparse_keys): %d vs. %d"
                         % (len(sparse_types), ns))
    if nd + ns == 0:
        raise ValueError("Must provide at least one sparse key or dense key")
    if not set(dense_keys).isdisjoint(set(sparse_keys)):
        raise ValueError("Dense and sparse keys must not intersect; intersection: %s"
                         % set(dense_keys).intersection(set(sparse_keys)))


def _dense_defaults(dense_keys, dense_types, dense_defaults, dense_shapes):
    """TF's `_process_raw_parameters` defaults: one tensor per dense key."""
    from .array_ops import reshape

    out = []
    for i, key in enumerate(dense_keys):
        default = dense_defaults.get(key)
        shape = dense_shapes[i]
        if shape.ndims is not None and shape.ndims > 0 and shape.dims[0].value is None:
            if default is None:
                default = convert_to_tensor("" if dense_types[i] == _dtypes.string else 0,
                                            dtype=dense_types[i])
            else:
                default = convert_to_tensor(default, dtype=dense_types[i],
                                            name=_key("padding_", key))
                default = reshape(default, [])
        elif default is None:
            default = constant([], dtype=dense_types[i])
        elif not isinstance(default, Tensor):
            default = convert_to_tensor(default, dtype=dense_types[i], name=_key("key_", key))
            default = reshape(default, shape)
        out.append(default)
    return out


def _raw(features, types):
    params = _features_to_raw_params(features, types)
    sk, st, dk, dt, dd, ds = params
    _check_counts(sk, st, dk, dt, ds)
    ds = [as_shape(s) for s in ds]
    return sk, st, dk, dt, _dense_defaults(dk, dt, dd, ds), ds


def _outputs(sparse_keys, dense_keys, outs):
    ns = len(sparse_keys)
    ix, vals, shapes, dense = outs[:ns], outs[ns:2 * ns], outs[2 * ns:3 * ns], outs[3 * ns:]
    sparse = [SparseTensor(i, v, s) for i, v, s in zip(ix, vals, shapes)]
    return dict(zip(sparse_keys + dense_keys, sparse + list(dense)))


_ALL = (VarLenFeature, SparseFeature, FixedLenFeature, FixedLenSequenceFeature)


def _list(out):
    return out if isinstance(out, list) else [out] if isinstance(out, Tensor) else []


def parse_example(serialized, features, name=None, example_names=None):
    """`tf.parse_example`: a batch of serialized Examples into a dict of tensors."""
    if not features:
        raise ValueError("Missing: features was %s." % features)
    features = _prepend_none_dimension(features)
    with name_scope(name, "ParseExample", [serialized, example_names]):
        sk, st, dk, dt, defaults, ds = _raw(features, _ALL)
        outs = _op("ParseExample", name, serialized=serialized,
                   names=[] if example_names is None else example_names,
                   sparse_keys=sk, dense_keys=dk, dense_defaults=defaults,
                   sparse_types=st, dense_shapes=ds)
        out = _outputs(sk, dk, _list(outs))
    return _construct_sparse_tensors_for_sparse_features(features, out)


def parse_single_example(serialized, features, name=None, example_names=None):
    """`tf.parse_single_example`: one serialized Example (TF 1.15's ParseSingleExample)."""
    if not features:
        raise ValueError("Missing features.")
    if example_names is not None:
        raise NotImplementedError("parse_single_example(example_names=...) is not built yet")
    features = _prepend_none_dimension(features)
    with name_scope(name, "ParseSingleExample", [serialized]):
        serialized = convert_to_tensor(serialized, name="serialized")
        sk, st, dk, dt, defaults, ds = _raw(features, _ALL)
        outs = _op("ParseSingleExample", name, serialized=serialized,
                   dense_defaults=defaults, num_sparse=len(sk), sparse_keys=sk,
                   sparse_types=st, dense_keys=dk, dense_shapes=ds)
        out = _outputs(sk, dk, _list(outs))
    return _construct_sparse_tensors_for_sparse_features(features, out)


def parse_single_sequence_example(serialized, context_features=None, sequence_features=None,
                                  example_name=None, name=None):
    """`tf.parse_single_sequence_example`: (context dict, feature-list dict)."""
    if not (context_features or sequence_features):
        raise ValueError("Missing features.")
    csk, cst, cdk, cdt, cdd, cds = _features_to_raw_params(
        context_features, [VarLenFeature, FixedLenFeature])
    fsk, fst, fdk, fdt, fdd, fds = _features_to_raw_params(
        sequence_features, [VarLenFeature, FixedLenSequenceFeature])
    from .array_ops import reshape

    with name_scope(name, "ParseSingleSequenceExample", [serialized]):
        if len(cdk) + len(csk) + len(fdk) + len(fsk) == 0:
            raise ValueError("Must provide at least one context_sparse key, context_dense "
                             "key, , feature_list_sparse key, or feature_list_dense key")
        missing = []
        for k, v in fdd.items():
            if v is not None:
                raise ValueError("Value feature_list_dense_defaults[%s] must be None" % k)
            missing.append(k)
        defaults = []
        for i, key in enumerate(cdk):
            d = cdd.get(key)
            if d is None:
                d = constant([], dtype=cdt[i])
            elif not isinstance(d, Tensor):
                d = reshape(convert_to_tensor(d, dtype=cdt[i], name=_key("key_", key)), cds[i])
            defaults.append(d)
        outs = _list(_op(
            "ParseSingleSequenceExample", name, serialized=serialized,
            feature_list_dense_missing_assumed_empty=missing, context_sparse_keys=csk,
            context_dense_keys=cdk, feature_list_sparse_keys=fsk, feature_list_dense_keys=fdk,
            context_dense_defaults=defaults,
            debug_name="" if example_name is None else example_name,
            context_sparse_types=cst, feature_list_dense_types=fdt,
            context_dense_shapes=[as_shape(s) for s in cds], feature_list_sparse_types=fst,
            feature_list_dense_shapes=[as_shape(s) for s in fds]))
        n = 3 * len(csk) + len(cdk)
        return _outputs(csk, cdk, outs[:n]), _outputs(fsk, fdk, outs[n:])


def decode_raw(input_bytes=None, out_type=None, little_endian=True, name=None, bytes=None):  # noqa: A002
    """`tf.decode_raw` (TF 1.15's v1 signature)."""
    if input_bytes is None:
        input_bytes = bytes
    if out_type is None:
        raise ValueError("decode_raw_v1() missing 1 positional argument: 'out_type'")
    return _op("DecodeRaw", name, bytes=input_bytes, out_type=out_type,
               little_endian=little_endian)


def decode_csv(records, record_defaults, field_delim=",", use_quote_delim=True, name=None,
               na_value="", select_cols=None):
    """`tf.decode_csv`: one tensor per column."""
    if select_cols is not None and any(select_cols[i] >= select_cols[i + 1]
                                       for i in range(len(select_cols) - 1)):
        raise ValueError("select_cols is not strictly increasing.")
    if select_cols is not None and select_cols[0] < 0:
        raise ValueError("select_cols contains negative values.")
    if select_cols is not None and len(select_cols) != len(record_defaults):
        raise ValueError("Length of select_cols and record_defaults do not match.")
    return _list(_op("DecodeCSV", name, records=records, record_defaults=record_defaults,
                     field_delim=field_delim, use_quote_delim=use_quote_delim,
                     na_value=na_value, select_cols=select_cols))
