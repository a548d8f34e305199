"""Record TF 2.21's control flow v2 and gradient graphs (tests/test_control_flow_v2.py
checks philoxflow.compat.v1):

    /work/venvs/tf2/bin/python scripts/ref_control_flow_v2.py  # -> tests/data/control_flow_v2/

Each program gets `tf` (TF 2.21's `tf.compat.v1`, graph mode) and `np`, sets `fetch`
(run after `init` if set, with `feed`). A record holds the graph's [(op.name,
op.type)] and the fetched values (dtype, shape, flat list).
"""
import json
import os

import numpy as np

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "tests", "data", "control_flow_v2")

PROGRAMS = {
    "cond_branches": """
tf.set_random_seed(3)
x = tf.placeholder(tf.float32, [3], name="x")
p = tf.placeholder(tf.bool, [], name="p")
v = tf.get_variable("v", [3], initializer=tf.ones_initializer())
a = tf.cond(p, lambda: x * 2.0, lambda: x + v)
b = tf.cond(x[0] > 0, lambda: (x, tf.constant(1)), lambda: (x * 3.0, tf.constant(2)),
            name="two")
c = tf.cond(tf.constant([True]), lambda: [x], lambda: [x])
d = tf.cond(p, lambda: tf.random_uniform([2]), lambda: tf.zeros([2]))
e = tf.random_uniform([2])
check = tf.Assert(tf.reduce_all(x > -5.0), [x])
init = tf.global_variables_initializer()
fetch = [a, b[0], b[1], c[0], d, e]
feed = {x: [1.0, 2.0, 3.0], p: True}
""",
    "loops": """
x = tf.placeholder(tf.float32, [5, 3], name="x")
v = tf.get_variable("v", [3], initializer=tf.ones_initializer())
m = tf.map_fn(lambda r: r * 2.0 + v, x)
f = tf.foldl(lambda a, r: a + r, x)
s = tf.scan(lambda a, r: a + r, x, reverse=True)
i, acc = tf.while_loop(lambda i, a: i < 4, lambda i, a: (i + 1, a * 2.0 + 1.0),
                       (0, tf.constant(1.0)), maximum_iterations=3)
ta = tf.TensorArray(tf.float32, size=3)
_, ta = tf.while_loop(lambda j, t: j < 3, lambda j, t: (j + 1, t.write(j, x[j] * 2.0)),
                      (0, ta))
init = tf.global_variables_initializer()
fetch = [m, f, s, i, acc, ta.stack(), ta.read(1)]
feed = {x: np.arange(15, dtype=np.float32).reshape(5, 3)}
""",
    "gradients": """
tf.set_random_seed(5)
x = tf.placeholder(tf.float32, [4, 3], name="x")
b = tf.placeholder(tf.float32, [None, 3], name="b")
v = tf.get_variable("v", [4, 3])
y = tf.reduce_mean(v * x, axis=1)
z = tf.reduce_sum(tf.reduce_max(v, axis=0) - x) + tf.reduce_sum(b / (x[:1] + 2.0))
w = tf.reduce_sum(tf.maximum(x, 0.5) + tf.pow(x + 2.0, 2.0))
g = tf.gradients([y, z, w], [v, x, b])
h = tf.hessians(tf.reduce_sum(x * x * x), [x])
r = tf.random_uniform([2])
init = tf.global_variables_initializer()
fetch = [g[2], r]  # (the others need kernels philoxflow builds for structure only)
feed = {x: np.arange(12, dtype=np.float32).reshape(4, 3) / 7.0,
        b: np.ones([2, 3], np.float32)}
""",
    "cond_gradient": """
tf.set_random_seed(3)
x = tf.placeholder(tf.float32, [3], name="x")
p = tf.placeholder(tf.bool, [], name="p")
v = tf.get_variable("v", [3], initializer=tf.ones_initializer())
a, b = tf.cond(p, lambda: (x * v, x), lambda: (x + 2.0 * v, tf.constant([1.0, 2.0, 3.0])))
c = tf.cond(p, lambda: tf.square(x), lambda: x)
loss = tf.reduce_sum(a) + tf.reduce_sum(c * b)
g = tf.gradients(loss, [x, v])
r = tf.random_uniform([2])
init = tf.global_variables_initializer()
fetch = [r]  # (the gradients' AddN has no kernel here)
feed = {x: [1.0, 2.0, 3.0], p: True}
""",
    "cnn_training": """
tf.set_random_seed(1)
x = tf.placeholder(tf.float32, [None, 8, 8, 3], name="x")
lab = tf.placeholder(tf.int32, [None], name="lab")
k = tf.get_variable("k", [3, 3, 3, 4])
h = tf.nn.relu(tf.nn.conv2d(x, k, [1, 1, 1, 1], "SAME") + tf.get_variable("kb", [4]))
h = tf.nn.max_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
h = tf.reshape(h, [-1, 4 * 4 * 4])
h = tf.nn.dropout(h, rate=0.5)
w = tf.get_variable("w", [64, 10])
b = tf.get_variable("b", [10], initializer=tf.zeros_initializer())
logits = tf.matmul(h, w) + b
h2 = tf.concat([logits, tf.tanh(logits)], axis=1)
h3 = tf.nn.sigmoid(tf.transpose(h2)) * tf.nn.softmax(tf.transpose(h2))
xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=lab, logits=logits)
loss = tf.reduce_mean(xent) + tf.reduce_mean(tf.square(h3)) + 0.01 * tf.nn.l2_loss(w)
loss2 = tf.losses.softmax_cross_entropy(tf.one_hot(lab, 10), logits)
e = tf.nn.embedding_lookup(tf.get_variable("emb", [20, 5]), lab)
loss3 = tf.reduce_sum(tf.nn.l2_normalize(e, 1)) + tf.reduce_sum(tf.gather(w, [1, 2]))
opt = tf.train.AdamOptimizer(0.01).minimize(loss + loss2 + loss3)
r = tf.random_uniform([3])
init = tf.global_variables_initializer()
fetch = [r]
""",
}


def record(tf, name, source):
    g = tf.Graph()
    with g.as_default():
        env = {"tf": tf, "np": np}
        exec(source, env)
        rec = {"name": name, "source": source,
               "ops": [[op.name, op.type] for op in g.get_operations()]}
        with tf.Session(graph=g) as sess:
            if "init" in env:
                sess.run(env["init"])
            vals = sess.run(env["fetch"], feed_dict=env.get("feed"))
        rec["values"] = [[str(np.asarray(v).dtype), list(np.shape(v)),
                          np.asarray(v).ravel().tolist()] for v in vals]
    return rec


def main():
    import tensorflow.compat.v1 as tf

    tf.disable_eager_execution()
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "tf2.jsonl"), "w") as f:
        for name, source in PROGRAMS.items():
            f.write(json.dumps(record(tf, name, source)) + "\n")


if __name__ == "__main__":
    main()
