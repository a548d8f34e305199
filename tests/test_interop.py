"""Many mid-size variables initialised in one run (ops then run side by side
on the pool) get exactly the values each gets when initialised on its own."""

from __future__ import annotations

import numpy as np

import philoxflow as tf


def _program(n: int):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(42)
        init = tf.truncated_normal_initializer(stddev=0.02)
        vs = [tf.get_variable(f"v{i}", [64, 96 + i], initializer=init) for i in range(n)]
        vs.append(tf.get_variable("u", [100, 70], initializer=tf.random_uniform_initializer(-1, 3)))
        return g, vs, tf.global_variables_initializer()


def test_one_run_equals_one_variable_at_a_time():
    g, vs, init_all = _program(24)
    with tf.Session(graph=g) as sess:
        sess.run(init_all)
        together = sess.run(vs)
        sess.run(init_all)  # a second initialisation continues each op's stream
        again = sess.run(vs)
    g2, vs2, _ = _program(24)
    with tf.Session(graph=g2) as sess:
        rounds = []
        for _ in range(2):
            for v in vs2:
                sess.run(v.initializer)
            rounds.append(sess.run(vs2))
    for got, want in ((together, rounds[0]), (again, rounds[1])):
        assert [a.tobytes() for a in got] == [b.tobytes() for b in want]
    assert not any(np.array_equal(a, b) for a, b in zip(together, again))
