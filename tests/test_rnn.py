"""While loops, TensorArrays and RNNs (issue 17): `tf.while_loop`, `dynamic_rnn`,
`bidirectional_dynamic_rnn` and `static_rnn` with TF 1.15's cells build TF 1.15's ops,
so the cells' variables and random tensors built after them are TF 1.15's."""

import numpy as np
import pytest
from test_training import ALL_CASES, check_case

import philoxflow as tf

CASES = [c for c in ALL_CASES if c["name"].startswith(("rnn/", "loop/"))]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_program_matches_tensorflow_1_15(case):
    check_case(case)


def test_while_loop_structure_and_errors():
    g = tf.Graph()
    with g.as_default():
        i, x = tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x * 2.0), (0, 1.0))
        assert i.op.type == "Exit" and x.op.type == "Exit"
        assert g.get_collection("while_context")
        merge = g.get_operation_by_name("while/Merge")
        assert merge.inputs[1].op.type == "NextIteration"
        with pytest.raises(ValueError, match="after one iteration"):
            tf.while_loop(lambda v: True, lambda v: tf.concat([v, v], 0), [tf.ones([2])])
        grow = tf.while_loop(lambda v: tf.size(v) < 8, lambda v: tf.concat([v, v], 0),
                             [tf.ones([2])], shape_invariants=[tf.TensorShape([None])])
        assert grow.shape.as_list() == [None]
        with pytest.raises(ValueError):
            tf.while_loop(lambda v: v < 1, lambda v: v, [])
        with pytest.raises(tf.errors.UnimplementedError):
            tf.Session(graph=g).run(i)


def test_tensor_array_shapes():
    g = tf.Graph()
    with g.as_default():
        ta = tf.TensorArray(tf.float32, size=3)
        ta = ta.write(0, tf.zeros([2, 4]))
        assert ta.element_shape.as_list() == [2, 4]
        assert ta.read(1).shape.as_list() == [2, 4]
        assert ta.stack().shape.as_list() == [None, 2, 4]
        with pytest.raises(ValueError):
            ta.write(1, tf.zeros([3]))


def test_cells_state_sizes_and_variables():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 5, 3])
        cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(4, num_proj=2),
                                            tf.nn.rnn_cell.GRUCell(3)])
        assert cell.state_size == (tf.nn.rnn_cell.LSTMStateTuple(4, 2), 3)
        assert cell.output_size == 3
        outputs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
        assert outputs.shape.as_list() == [None, 5, 3]
        assert state[0].c.shape.as_list() == [None, 4]
        names = [v.op.name for v in tf.trainable_variables()]
        assert names == ["rnn/multi_rnn_cell/cell_0/lstm_cell/kernel",
                         "rnn/multi_rnn_cell/cell_0/lstm_cell/bias",
                         "rnn/multi_rnn_cell/cell_0/lstm_cell/projection/kernel",
                         "rnn/multi_rnn_cell/cell_1/gru_cell/gates/kernel",
                         "rnn/multi_rnn_cell/cell_1/gru_cell/gates/bias",
                         "rnn/multi_rnn_cell/cell_1/gru_cell/candidate/kernel",
                         "rnn/multi_rnn_cell/cell_1/gru_cell/candidate/bias"]
        with pytest.raises(ValueError, match="initial_state"):
            tf.nn.dynamic_rnn(cell, x)
        with pytest.raises(TypeError):
            tf.nn.dynamic_rnn(object(), x, dtype=tf.float32)
        # Gradients run a loop of their own back through the frame (TF's GradLoopState).
        n = len(g.get_operations())
        grads = tf.gradients(tf.reduce_sum(outputs), tf.trainable_variables())
        assert all(gr is not None for gr in grads)
        types = {op.type for op in g.get_operations()[n:]}
        assert {"StackPushV2", "StackPopV2", "TensorArrayGradV3", "ControlTrigger"} <= types
        assert [gr.shape.as_list() for gr in grads[:2]] == [[5, 16], [16]]
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            bias = sess.run(g.get_tensor_by_name(
                "rnn/multi_rnn_cell/cell_1/gru_cell/gates/bias:0"))
        assert np.array_equal(bias, np.ones(6, np.float32))  # GRU gates start at 1
