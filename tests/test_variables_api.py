"""Variables and scopes (TF 1.15 target): the Variable API (assign*, count_up_to,
initialized_value and the guard of initial values that read other variables,
load, operators), partitioned variables and partitioners, custom getters that
nest, tf.container, scope errors, per-thread scopes, graph for graph with TF 1.15."""

import threading

import pytest
from contrib_reference import diff, load, run

import philoxflow as tf

CASES = load("variables")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_variables_program_matches_tensorflow_1_15(case):
    got = run(case, tf)
    assert got == case["output"], diff(case["output"], got)


def test_iterating_a_variable_raises_type_error():
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable([1.0, 2.0])
        with pytest.raises(TypeError, match="'Variable' object is not iterable."):
            list(v)
        with pytest.raises(TypeError):
            for _ in v:
                pass


def test_variable_scopes_are_per_thread():
    g = tf.Graph()
    seen = {}
    entered, release = threading.Event(), threading.Event()

    def first():
        with g.as_default(), tf.variable_scope("a"):
            entered.set()
            release.wait(10)
            seen["a"] = tf.get_variable_scope().name

    def second():
        with g.as_default(), tf.variable_scope("b"):
            seen["b"] = tf.get_variable_scope().name
            seen["b_var"] = tf.get_variable("v", [1]).name

    t1 = threading.Thread(target=first)
    t1.start()
    entered.wait(10)
    t2 = threading.Thread(target=second)
    t2.start()
    t2.join(10)
    release.set()
    t1.join(10)
    assert seen == {"a": "a", "b": "b", "b_var": "b/v:0"}


def test_partitioners_match_tf_rules():
    shape = tf.TensorShape([1000, 64])
    assert tf.fixed_size_partitioner(3)(shape=shape, dtype=tf.float32) == [3, 1]
    assert tf.fixed_size_partitioner(5, axis=1)(shape=shape, dtype=tf.float32) == [1, 5]
    mm = tf.min_max_variable_partitioner(max_partitions=8, min_slice_size=64 << 10)
    assert mm(shape=shape, dtype=tf.float32) == [4, 1]
    ax = tf.variable_axis_size_partitioner(max_shard_bytes=64 * 4 * 100)
    assert ax(shape=shape, dtype=tf.float32) == [10, 1]
    with pytest.raises(ValueError):
        tf.variable_axis_size_partitioner(0)


def test_store_reuse_none_returns_existing_and_false_refuses():
    from philoxflow.ops.variable_scope import _VariableStore

    g = tf.Graph()
    with g.as_default():
        store = _VariableStore()
        v = store.get_variable("x", [2], reuse=False)
        assert store.get_variable("x", [2], reuse=None) is v
        with pytest.raises(ValueError, match="already exists"):
            store.get_variable("x", [2], reuse=False)
        with pytest.raises(ValueError, match="does not exist"):
            store.get_variable("y", [2], reuse=True)


def test_layer_attributes_and_output_shape():
    g = tf.Graph()
    with g.as_default():
        layer = tf.layers.Dense(3, name="d")
        y = layer(tf.zeros([4, 5]))
        assert layer.kernel.name == "d/kernel:0" and layer.bias.name == "d/bias:0"
        assert [w.name for w in layer.trainable_weights] == ["d/kernel:0", "d/bias:0"]
        assert y.shape.as_list() == [4, 3]
        assert layer.compute_output_shape(tf.TensorShape([None, 5])).as_list() == [None, 3]
