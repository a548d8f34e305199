"""Sparse tensors in TF 1.15's graph mode: graphs op for op as TF 1.15 builds them
(tests/data/sparse/graphs.jsonl, recorded by scripts/ref_sparse.py from the programs in
tests/sparse_programs.py), TF's errors, and the session's sparse feeds and fetches."""

import json
import os
import sys

import numpy as np
import pytest

import philoxflow as tf
from philoxflow import errors

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import sparse_programs  # noqa: E402


def _load(name):
    with open(os.path.join(HERE, "data", "sparse", name)) as f:
        return [json.loads(line) for line in f]


GRAPHS = {r["name"]: r for r in _load("graphs.jsonl")}
ERRORS = {r["name"]: r for r in _load("errors.jsonl")}


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_graph_matches_tf(name):
    """Every op (name, type, output shapes, inputs) and the returned tensors' shapes."""
    ref = GRAPHS[name]
    got = sparse_programs.record(tf, name)
    for i, (r, g) in enumerate(zip(ref["ops"], got["ops"])):
        assert g == r, f"op {i}"
    assert len(got["ops"]) == len(ref["ops"])
    assert got["outputs"] == ref["outputs"]


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors_match_tf(name):
    assert sparse_programs.record_error(tf, name) == ERRORS[name]


def _graph():
    return tf.Graph().as_default()


def test_sparse_tensor_value_is_tf_namedtuple():
    v = tf.SparseTensorValue([[0]], [1.0], [2])
    assert v._fields == ("indices", "values", "dense_shape")
    assert tf.sparse.SparseTensorValue is tf.SparseTensorValue


def test_feed_and_fetch_sparse_placeholder():
    with _graph():
        sp = tf.sparse_placeholder(tf.float32)
        st = tf.SparseTensor([[0, 0], [1, 2]], [1.0, 2.0], [3, 4])
        with tf.Session() as sess:
            feed = tf.SparseTensorValue(np.array([[0, 1]]), np.array([3.0]), np.array([2, 2]))
            v = sess.run(sp, {sp: feed})
            assert isinstance(v, tf.SparseTensorValue)
            np.testing.assert_array_equal(v.indices, [[0, 1]])
            assert v.values.dtype == np.float32 and v.dense_shape.dtype == np.int64
            # A plain tuple feeds it too; nested fetches keep their structure.
            out = sess.run({"a": [st, sp.values]}, {sp: ([[0, 1]], [5.0], [2, 2])})
            np.testing.assert_array_equal(out["a"][0].dense_shape, [3, 4])
            np.testing.assert_array_equal(out["a"][1], [5.0])
            ev = st.eval()
            np.testing.assert_array_equal(ev.values, [1.0, 2.0])


def test_parts_whose_constant_value_was_read_may_not_be_fed():
    """TF's `constant_value` (which `SparseTensor.shape` uses) prevents feeding."""
    with _graph():
        p = tf.sparse_placeholder(tf.float32, shape=[2, 2])
        with tf.Session() as sess:
            v = sess.run(p.values, {p: ([[0, 1]], [5.0], [2, 2])})
            np.testing.assert_array_equal(v, [5.0])
            assert p.get_shape().as_list() == [2, 2]
            with pytest.raises(ValueError, match=r'Tensor Tensor\("Const:0", shape=\(2,\), '
                                                 r'dtype=int64\) may not be fed\.'):
                sess.run(p.values, {p: ([[0, 1]], [5.0], [2, 2])})


def test_sparse_ops_without_kernels_raise_unimplemented():
    with _graph():
        sp = tf.sparse_placeholder(tf.float32)
        r = tf.sparse_reorder(sp)
        with tf.Session() as sess:
            with pytest.raises(errors.UnimplementedError, match="SparseReorder"):
                sess.run(r.values, {sp: ([[0, 1]], [5.0], [2, 2])})


def test_sparse_values_of_later_outputs_keep_their_dtype():
    """A sparse op's values are its second output: computing ops on them see its dtype."""
    with _graph():
        sp = tf.sparse_placeholder(tf.float32)
        r = tf.sparse_reorder(sp)
        y = tf.nn.relu(r.values) * 2.0
        assert y.dtype == tf.float32 and y.shape.as_list() == [None]
        s = tf.shape(tf.sparse_add(sp, sp).values)
        assert s.shape.as_list() == [1]


def test_namespace():
    for name in ("add", "concat", "eye", "fill_empty_rows", "from_dense", "matmul", "maximum",
                 "minimum", "placeholder", "reduce_sum", "reduce_sum_sparse", "reorder",
                 "reshape", "retain", "slice", "softmax", "split", "to_dense", "transpose"):
        assert callable(getattr(tf.sparse, name))
    assert tf.nn.embedding_lookup_sparse and tf.nn.safe_embedding_lookup_sparse


def test_add_n_of_one_tensor_builds_nothing():
    """tkipf/gcn sums its supports with `tf.add_n`: TF returns a lone unnamed input itself
    (an Identity only for a given name), so the layer's Relu follows the matmul."""
    from philoxflow.ops.math_ops import add_n

    with _graph() as g:
        x = tf.ones([2])
        assert add_n([x]) is x
        assert add_n([x], name="s").op.type == "Identity"
        assert [op.type for op in g.get_operations()] == ["Const", "Identity"]


def test_slice_rest_of_dimension_after_begin():
    """`size == -1` takes `dim - begin` (safe_embedding_lookup_sparse slices shapes so)."""
    with _graph():
        assert tf.slice(tf.constant([1, 2, 3]), [1], [-1]).shape.as_list() == [2]
        x = tf.placeholder(tf.float32, [None, 4])
        assert tf.slice(tf.shape(x), [1], [-1]).shape.as_list() == [1]
        assert tf.slice(tf.ones([5, 2]), [1, 0], [-1, 1]).shape.as_list() == [4, 1]


def test_compat_v1_sparse_tensors_use_its_default_graph():
    """`philoxflow.compat.v1`'s SparseTensor (bound to the TF 2.21 target) builds into that
    namespace's default graph, as its sparse functions do."""
    import philoxflow.compat.v1 as tf2

    st = tf2.SparseTensor([[0]], [1.0], [3])
    assert st.graph is tf2.get_default_graph()
    assert isinstance(st, tf.SparseTensor)
    assert tf2.sparse.reorder(st).graph is st.graph
