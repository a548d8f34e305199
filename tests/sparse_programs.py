"""Graph-building programs for the sparse tests, each a function of the `tf` module.

`scripts/ref_sparse.py` runs them under TF 1.15 and records their graphs (op names,
types, output shapes); `tests/test_sparse.py` runs them under philoxflow and compares.
Written for this project (GCN- and embedding-style layers), Python 3.7 compatible.
"""

import numpy as np


def placeholders(tf):
    a = tf.sparse_placeholder(tf.float32)
    b = tf.sparse_placeholder(tf.float32, shape=[3, 4], name="b")
    c = tf.sparse_placeholder(tf.int32, shape=[None, 5], name="c")
    d = tf.sparse_placeholder(tf.float64, shape=np.array([2, 3], dtype=np.int64))
    e = tf.sparse.placeholder(tf.float32, shape=tf.constant([6, 7], tf.int64), name="e")
    return [a, b, c, d, e]


def constants(tf):
    st = tf.SparseTensor(indices=[[0, 0], [1, 2]], values=[1.0, 2.0], dense_shape=[3, 4])
    dense = tf.sparse_tensor_to_dense(st)
    dense2 = tf.sparse.to_dense(st, default_value=-1.0, name="todense")
    s2d = tf.sparse_to_dense([[0, 1], [2, 3]], [4, 5], [7, 8], default_value=0)
    s2d1 = tf.sparse_to_dense([1, 3], [6], 1.5)
    stv = tf.SparseTensorValue([[0], [2]], [3, 4], [5])
    conv = tf.convert_to_tensor_or_sparse_tensor(stv)
    return [st, dense, dense2, s2d, s2d1, conv]


def gcn(tf):
    """Two graph-convolution layers (as in tkipf/gcn): sparse dropout of the sparse
    features via sparse_retain, sparse-dense matmuls with the support matrix."""
    tf.set_random_seed(1234)
    num_nodes, num_feat, hidden = 7, 11, 4
    support = tf.sparse_placeholder(tf.float32, name="support")
    features = tf.sparse_placeholder(tf.float32, shape=[num_nodes, num_feat], name="features")
    num_nonzero = tf.placeholder(tf.int32, name="num_nonzero")
    keep_prob = 0.5
    random_tensor = keep_prob + tf.random_uniform(num_nonzero)
    mask = tf.cast(tf.floor(random_tensor), dtype=tf.bool)
    x = tf.sparse_retain(features, mask)
    x = x * (1.0 / keep_prob)
    w0 = tf.Variable(tf.random_uniform([num_feat, hidden], -0.1, 0.1), name="w0")
    pre = tf.sparse_tensor_dense_matmul(x, w0)
    h = tf.nn.relu(tf.sparse_tensor_dense_matmul(support, pre))
    w1 = tf.Variable(tf.random_uniform([hidden, 3], -0.1, 0.1), name="w1")
    out = tf.sparse_tensor_dense_matmul(support, tf.matmul(h, w1), adjoint_a=True)
    return [x, pre, h, out]


def sparse_math(tf):
    a = tf.SparseTensor([[0, 0], [1, 2], [2, 1]], [1.0, 2.0, 3.0], [3, 4])
    b = tf.SparseTensor([[0, 1], [1, 2]], [5.0, 6.0], [3, 4])
    p = tf.sparse_placeholder(tf.float32, shape=[None, 4])
    q = tf.sparse_placeholder(tf.float32)
    out = [
        tf.sparse_add(a, b),
        tf.sparse_add(a, b, thresh=0.5),
        tf.sparse_add(a, tf.ones([3, 4])),
        tf.sparse_add(p, q),
        tf.sparse_reduce_sum(a),
        tf.sparse_reduce_sum(a, axis=1),
        tf.sparse_reduce_sum(a, axis=[0], keepdims=True),
        tf.sparse_reduce_sum(q, axis=1),
        tf.sparse_reduce_sum(q),
        tf.sparse_reduce_sum_sparse(a, axis=1),
        tf.sparse_reduce_max(a, 0),
        tf.sparse_softmax(a),
        tf.sparse_softmax(q, name="sm"),
        tf.sparse_maximum(a, b),
        tf.sparse_minimum(a, p),
        a * 2.0,
        a / 4.0,
        q * tf.ones([5]),
        tf.sparse_tensor_dense_matmul(a, tf.ones([4, 2])),
        tf.sparse_tensor_dense_matmul(p, tf.ones([2, 4]), adjoint_b=True),
        tf.sparse_tensor_dense_matmul(q, np.ones([3, 3], np.float32), name="mm"),
    ]
    return out


def sparse_shapes(tf):
    a = tf.SparseTensor([[0, 0], [1, 2], [2, 1]], [1.0, 2.0, 3.0], [3, 4])
    b = tf.SparseTensor([[0, 1], [1, 2]], [5.0, 6.0], [3, 4])
    q = tf.sparse_placeholder(tf.float32)
    p = tf.sparse_placeholder(tf.float32, shape=[None, 4])
    out = [
        tf.sparse.reorder(a),
        tf.sparse_reorder(q),
        tf.sparse_concat(1, [a, b]),
        tf.sparse_concat(0, [a, b, a], name="cc"),
        tf.sparse_concat(0, [a, p]),
        tf.sparse_concat(1, [a, b], expand_nonconcat_dim=True),
        tf.sparse_reshape(a, [4, 3]),
        tf.sparse_reshape(a, [-1, 2]),
        tf.sparse_reshape(q, [-1]),
        tf.sparse.reshape(p, tf.constant([2, -1])),
        tf.sparse_slice(a, [0, 1], [2, 2]),
        tf.sparse_fill_empty_rows(a, 0.0),
        tf.sparse_fill_empty_rows(q, -1.0, name="fill"),
        tf.sparse_transpose(a),
        tf.sparse_transpose(q),
        tf.sparse_transpose(a, [1, 0]),
        tf.serialize_sparse(a),
        tf.sparse.eye(4),
        tf.sparse.eye(3, 5, dtype=tf.int32),
        tf.sparse.from_dense(tf.ones([2, 3])),
        tf.sparse_retain(a, [True, False, True]),
        tf.sparse.expand_dims(a),
        tf.sparse.expand_dims(p, 1, name="ed"),
    ]
    out += tf.sparse_split(sp_input=a, num_split=2, axis=1)
    out += tf.sparse.split(sp_input=q, num_split=3, axis=0, name="sp")
    return out


def embedding(tf):
    """Sparse features (bag of words) embedded with embedding_lookup_sparse and
    safe_embedding_lookup_sparse, with and without weights, each combiner."""
    tf.set_random_seed(7)
    emb = tf.get_variable("emb", [10, 4], initializer=tf.random_normal_initializer(0, 0.1))
    words = tf.sparse_placeholder(tf.int64, name="words")
    counts = tf.sparse_placeholder(tf.float32, name="counts")
    fixed = tf.sparse_placeholder(tf.int64, shape=[5, 6], name="fixed")
    out = [
        tf.nn.embedding_lookup_sparse(emb, words, None, combiner="mean"),
        tf.nn.embedding_lookup_sparse(emb, words, None, combiner="sum", name="bag"),
        tf.nn.embedding_lookup_sparse(emb, words, None, combiner="sqrtn"),
        tf.nn.embedding_lookup_sparse(emb, words, counts, combiner="mean"),
        tf.nn.embedding_lookup_sparse(emb, words, counts, combiner="sum"),
        tf.nn.embedding_lookup_sparse(emb, fixed, None, combiner="sqrtn"),
        tf.nn.embedding_lookup_sparse([emb], words, counts, combiner="sqrtn"),
        tf.nn.safe_embedding_lookup_sparse(emb, words),
        tf.nn.safe_embedding_lookup_sparse(emb, fixed, default_id=2, name="safe"),
    ]
    return out


def embedding_safe_weighted(tf):
    """safe_embedding_lookup_sparse with weights: the weights are output 1 of
    SparseFillEmptyRows, consumed by computing ops (Shape, Reshape, Mul)."""
    emb = tf.get_variable("emb", [10, 4])
    words = tf.sparse_placeholder(tf.int64, name="words")
    counts = tf.sparse_placeholder(tf.float32, name="counts")
    return [tf.nn.safe_embedding_lookup_sparse(emb, words, counts, combiner="sum")]


def merge(tf):
    """Feature ids merged into indicator and weighted sparse tensors."""
    ids = tf.sparse_placeholder(tf.int32, name="ids")
    w = tf.sparse_placeholder(tf.float32, name="w")
    fixed = tf.SparseTensor([[0, 0], [1, 1]], np.array([3, 1], np.int64), [2, 4])
    return [
        tf.sparse_merge(ids, w, 10),
        tf.sparse_merge(fixed, fixed, tf.constant(5), already_sorted=True),
        tf.sparse_to_indicator(ids, 10),
        tf.sparse_to_indicator(fixed, 6, name="ind"),
        tf.deserialize_many_sparse(tf.placeholder(tf.string, [None, 3]), tf.float32),
        tf.deserialize_many_sparse(tf.placeholder(tf.string, [2, 3]), tf.int64, rank=3),
        tf.sparse_reset_shape(ids),
        tf.sparse_reset_shape(fixed, [3, 5]),
        tf.cast(w, tf.float64),
        tf.cast(fixed, tf.int32, name="c"),
    ]


PROGRAMS = {
    "placeholders": placeholders,
    "constants": constants,
    "gcn": gcn,
    "sparse_math": sparse_math,
    "sparse_shapes": sparse_shapes,
    "embedding": embedding,
    "embedding_safe_weighted": embedding_safe_weighted,
    "merge": merge,
}


def _shape(s):
    return None if s.ndims is None else [d if d is None else int(d) for d in s.as_list()]


def record(tf, name):
    """The graph a program builds: each op's name, type, output dtypes and static shapes
    and inputs, and the static shapes of the SparseTensors (and dense tensors) it
    returns."""
    from reference import op_outputs

    g = tf.Graph()
    with g.as_default():
        outs = PROGRAMS[name](tf)
    ops = []
    for op in g.get_operations():
        ops.append([op.name, op.type, op_outputs(op),
                    [t.name for t in op.inputs]])
    res = []
    for o in outs:
        if isinstance(o, tuple):
            o = o[0]
        if hasattr(o, "dense_shape"):
            res.append(["sparse", o.indices.name, o.values.name, o.dense_shape.name,
                        _shape(o.shape)])
        else:
            res.append(["dense", o.name, _shape(o.shape)])
    return {"name": name, "ops": ops, "outputs": res}


# Misuses and TF's error for each (class name and message).
ERRORS = {
    "st_rank": lambda tf: tf.SparseTensor([0, 1], [1.0], [3]),
    "st_mismatch": lambda tf: tf.SparseTensor([[0], [1]], [1.0, 2.0, 3.0], [3]),
    "add_dense": lambda tf: tf.sparse_add(tf.ones([2]), tf.ones([2])),
    "not_sparse": lambda tf: tf.sparse_reorder(tf.ones([2])),
    "split_pos": lambda tf: tf.sparse_split(_st1(tf), 2, 0),
    "split_noaxis": lambda tf: tf.sparse_split(sp_input=_st1(tf), num_split=2),
    "reshape_two": lambda tf: tf.sparse_reshape(_st2(tf), [-1, -1]),
    "reshape_size": lambda tf: tf.sparse_reshape(_st2(tf), [5, 2]),
    "retain_rank": lambda tf: tf.sparse_retain(_st2(tf), [[True]]),
    "retain_len": lambda tf: tf.sparse_retain(_st2(tf), [True, False]),
    "concat_type": lambda tf: tf.sparse_concat(0, _st2(tf)),
    "from_value": lambda tf: tf.SparseTensor.from_value(3),
    "ph_scalar_shape": lambda tf: tf.SparseTensor(tf.placeholder(tf.int64, [None, 2]), [1.0],
                                                  tf.placeholder(tf.int64, [])).shape,
}


def _st1(tf):
    return tf.SparseTensor([[0]], [1.0], [3])


def _st2(tf):
    return tf.SparseTensor([[0, 0]], [1.0], [3, 4])


def record_error(tf, name):
    g = tf.Graph()
    with g.as_default():
        try:
            ERRORS[name](tf)
        except Exception as e:  # noqa: BLE001 - recording whatever TF raises
            return {"name": name, "error": type(e).__name__, "message": str(e)}
    return {"name": name, "error": None, "message": None}
