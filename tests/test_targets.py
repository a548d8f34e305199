"""The two targets and the Python graph layer: which TF each namespace builds,
per-thread name scopes, Dimensions and TF 1.x's structure choices."""

import threading

import numpy as np
import pytest

import philoxflow as tf
import philoxflow.compat.v1 as tf2
from philoxflow import _target


def ops_of(g):
    return [(op.name, op.type) for op in g.get_operations()]


def test_each_namespace_makes_graphs_of_its_target():
    assert tf.Graph()._target is _target.TF1
    assert tf2.Graph()._target is _target.TF2
    assert tf.get_default_graph()._target is _target.TF1
    assert tf2.get_default_graph()._target is _target.TF2
    assert tf.get_default_graph() is not tf2.get_default_graph()


def test_a_graph_keeps_its_rules_whichever_namespace_adds_to_it():
    g = tf.Graph()
    with g.as_default():
        tf2.random_uniform([1])  # TF 2.x's function, a TF 1.x graph: TF 1.15's ops
    assert [t for _, t in ops_of(g)] == ["Const", "Const", "Const", "RandomUniform", "Sub",
                                         "Mul", "Add"]
    g2 = tf2.Graph()
    with g2.as_default():
        tf.random_uniform([1])
    assert [t for _, t in ops_of(g2)] == ["Const", "RandomUniform"]


def test_aliases_and_classes_survive_binding():
    assert tf2.random.uniform is tf2.random_uniform
    assert issubclass(tf2.Graph, tf.Graph) and isinstance(tf2.Graph(), tf.Graph)
    assert tf2.compat.v1 is tf2
    assert not hasattr(tf2, "contrib")
    with pytest.raises(AttributeError, match="not available with Keras 3"):
        tf2.layers.dense(tf2.ones([1, 2]), 3)


def test_session_run_needs_no_target_but_sessions_still_find_theirs():
    # `run` builds nothing, so the bound class leaves it unwrapped (per-call cost) ...
    assert tf2.Session.run is tf.Session.run
    assert tf2.InteractiveSession.run is tf.Session.run
    assert tf2.Session.__init__ is not tf.Session.__init__
    # ... while a session's default graph is still its namespace's.
    with tf2.Session() as s2, tf.Session() as s1:
        assert s2.graph is tf2.get_default_graph() and s1.graph is tf.get_default_graph()
    g = tf2.Graph()
    with g.as_default():
        a = tf2.random_uniform([2], seed=1)
    with tf2.Session(graph=g) as s:
        assert s.run(a).shape == (2,) and s.run([a])[0].shape == (2,)


def test_tf1_last_id_counts_every_op():
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(5)
        tf.constant(1.0)
        tf.constant(2.0)
        r = tf.random_normal([2])
    rn = g.get_operation_by_name("random_normal/RandomStandardNormal")
    # constants 1 and 2, then shape, mean, stddev: the seed is resolved at id 5.
    assert (rn.get_attr("seed"), rn.get_attr("seed2")) == (5, 5)
    assert r.op.type == "Add"


def test_name_scopes_are_per_thread():
    g = tf.Graph()
    errors = []

    def build(i):
        try:
            with g.as_default(), tf.name_scope(f"worker{i}"):
                for _ in range(50):
                    t = tf.constant(1.0, name="c")
                    assert t.op.name.startswith(f"worker{i}/c"), t.op.name
        except Exception as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=build, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    names = [n for n, _ in ops_of(g)]
    assert len(names) == len(set(names)) == 200


def test_dimensions_behave_as_tf1():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder("float", [None, 4])
        d = x.get_shape()[-1]
        assert isinstance(d, tf.Dimension) and d.value == 4 and d == 4
        assert x.get_shape()[0].value is None
        y = tf.reshape(x, [-1, d * 2])
        assert y.shape.as_list() == [None, 8]
        assert tf.TensorShape([1, 2]).concatenate([3]).as_list() == [1, 2, 3]


def test_structure_only_ops_raise_unimplemented():
    g = tf.Graph()
    with g.as_default():
        m = tf.matmul(tf.ones([2, 3]), tf.ones([3, 4]))
        assert m.shape.as_list() == [2, 4]
        with tf.Session() as sess:
            with pytest.raises(tf.errors.UnimplementedError, match="MatMul"):
                sess.run(m)


def test_dropout_computes_in_both_targets():
    for mod in (tf, tf2):
        g = mod.Graph()
        with g.as_default():
            mod.set_random_seed(3)
            x = mod.ones([100], dtype=mod.float64)
            d = mod.nn.dropout(x, keep_prob=0.5)
            with mod.Session() as sess:
                v = sess.run(d)
        assert set(np.unique(v)) <= {0.0, 2.0} and 20 < np.count_nonzero(v) < 80


def test_unsigned_seeds_read_as_tf_reads_them():
    """TF accepts uint32/uint64 seed arrays: uint64 bits as they are, uint32 zero-extended."""
    g = tf2.Graph()
    with g.as_default():
        pairs = [(np.array([1, 2], np.uint64), np.array([1, 2], np.int64)),
                 (np.array([2**63 + 5, 7], np.uint64), np.array([-(2**63) + 5, 7], np.int64)),
                 (np.array([2**31 + 1, 3], np.uint32), np.array([2**31 + 1, 3], np.int64))]
        outs = [(tf2.random.stateless_uniform([3], seed=u),
                 tf2.random.stateless_uniform([3], seed=i)) for u, i in pairs]
        with tf2.Session() as sess:
            for a, b in sess.run(outs):
                np.testing.assert_array_equal(a, b)


def test_random_gamma_with_alpha_of_unknown_shape():
    """TF accepts an alpha whose shape is known only at run time (unknown output shape)."""
    outs = []
    for mod in (tf, tf2):
        g = mod.Graph()
        with g.as_default():
            a = mod.placeholder(mod.float32)
            r = mod.random_gamma([2], a, beta=2.0, seed=4)
            assert r.shape.rank is None
            with mod.Session() as sess:
                outs.append(sess.run(r, {a: [1.0, 3.0]}))
        k = mod.Graph()
        with k.as_default():
            ref = mod.random_gamma([2], [1.0, 3.0], beta=2.0, seed=4)
            with mod.Session() as sess:
                np.testing.assert_array_equal(outs[-1], sess.run(ref))
