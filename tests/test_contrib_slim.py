"""TF-slim / `tf.contrib` (TF 1.15 target): slim-style programs build TF 1.15's graph
op for op (names, types, static shapes), with its collections and bit-identical
initial variables and dropout masks; `arg_scope` and `HParams` behave as TF's."""

import pytest
from contrib_reference import diff, load, run

import philoxflow as tf

CASES = load("slim")
slim = tf.contrib.slim


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_slim_program_matches_tensorflow_1_15(case):
    got = run(case, tf)
    assert got == case["output"], diff(case["output"], got)


def test_arg_scope_defaults_nest_and_calls_override():
    @slim.add_arg_scope
    def f(a, b=1, c=2):
        return a, b, c

    with slim.arg_scope([f], b=10):
        assert f(0) == (0, 10, 2)
        with slim.arg_scope([f], c=20) as sc:
            assert f(0) == (0, 10, 20)
            assert f(0, b=5) == (0, 5, 20)
        assert f(0) == (0, 10, 2)
    with slim.arg_scope(sc):
        assert f(0) == (0, 10, 20)
    assert f(0) == (0, 1, 2)
    assert slim.has_arg_scope(f) and slim.arg_scoped_arguments(f) == ("b", "c")
    with pytest.raises(ValueError):
        with slim.arg_scope([lambda x: x], b=1):
            pass
    with pytest.raises(TypeError):
        with slim.arg_scope(f, b=1):
            pass


def test_repeat_and_stack_name_scopes_after_the_layer():
    g = tf.Graph()
    with g.as_default():
        x = tf.zeros([1, 4])
        slim.stack(x, slim.fully_connected, [3, 2])
        slim.repeat(x, 2, slim.fully_connected, 4)
    names = [v.op.name for v in g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)]
    assert "Stack/fully_connected_1/weights" in names
    assert "Repeat/fully_connected_2/biases" in names


def test_hparams_parse_json_and_errors():
    hp = tf.contrib.training.HParams(lr=0.1, layers=[64, 32], name="m", debug=False, steps=10)
    hp.parse("lr=0.5,layers=[8,4,2],debug=true,steps=3")
    assert hp.values() == {"lr": 0.5, "layers": [8, 4, 2], "name": "m", "debug": True,
                           "steps": 3}
    with pytest.raises(ValueError, match="Must pass a list for multi-valued parameter"):
        hp.parse("layers[1]=7")  # as TF 1.15: an indexed assignment is not applied
    hp.parse_json('{"lr": 2.0}')
    assert hp.lr == 2.0 and "lr" in hp and hp.get("nope", 3) == 3
    assert tf.contrib.training.HParams(a=1).to_json() == '{"a": 1}'
    with pytest.raises(ValueError, match="Could not parse hparam 'steps'"):
        hp.parse("steps=1.5")
    with pytest.raises(ValueError, match="Unknown hyperparameter type for zz"):
        hp.parse("zz=1")
    with pytest.raises(ValueError, match="Multiple assignments"):
        hp.parse("lr=1.0,lr=2.0")
    with pytest.raises(ValueError, match="Could not cast hparam 'steps'"):
        hp.set_hparam("steps", 2.5)
    hp.add_hparam("extra", 1)
    with pytest.raises(ValueError, match="reserved"):
        hp.add_hparam("extra", 2)
    assert str(tf.contrib.training.HParams(b=2, a=1)) == "b=2,a=1"
    assert repr(tf.contrib.training.HParams(b=2, a=1)) == "HParams([('a', 1), ('b', 2)])"


def test_regularizer_argument_checks():
    with pytest.raises(ValueError, match="scale cannot be an integer"):
        slim.l2_regularizer(1)
    with pytest.raises(ValueError, match="less than 0"):
        slim.l1_regularizer(-0.5)
    assert slim.l2_regularizer(0.0)(None) is None
    assert slim.sum_regularizer([None]) is None
