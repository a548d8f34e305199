"""Record TF's resource variables (tests/test_resource_vars.py checks philoxflow).

    /work/venvs/tf1/bin/python scripts/ref_resource_vars.py tf1  # -> .../resource_vars/tf1.jsonl
    /work/venvs/tf2/bin/python scripts/ref_resource_vars.py tf2  # (under tests/data/)

TF 2.21's `tf.compat.v1` (graph mode) makes resource variables by default; TF 1.15
makes them where asked (`use_resource=True`, a `variable_scope(use_resource=True)`,
`enable_resource_variables()`). Each program gets `tf` and `RES` (True under TF 1.15,
None under TF 2.21: the default) and sets `out` (tensors whose static shapes are
kept) and `fetch` (run after `init` in a session; values kept). A record holds the
graph's [(op.name, op.type)], the shapes, the values (dtype, shape, flat list) or
the error class of the build or the run.
"""
import json
import os
import sys

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "tests", "data", "resource_vars")
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))

from resource_vars_runner import run  # noqa: E402 - shared with tests/test_resource_vars.py

PROGRAMS = {
    "basic": """
tf.set_random_seed(1)
v = tf.get_variable("w", [2, 3], use_resource=RES)
u = tf.Variable(tf.random_normal([2]), use_resource=RES)
c = tf.Variable([1.0, 2.0], name="c", use_resource=RES)
r = tf.random_uniform([3])
out = [v.value(), u.read_value(), c.handle]
meta = [v.name, u.name, c.name, v.op.name, v.initializer.name, repr(v), v.dtype.name,
        str(v.shape), v.handle.dtype.name, v._graph_element.name if hasattr(
            v, "_graph_element") else None, len(tf.global_variables()),
        len(tf.trainable_variables())]
init = tf.global_variables_initializer()
fetch = [v, u, c, r]
""",
    "reads": """
tf.set_random_seed(7)
with tf.variable_scope("s", use_resource=RES):
    v = tf.get_variable("w", [3, 2], initializer=tf.truncated_normal_initializer())
x = tf.ones([2, 3])
y = tf.matmul(x, v)
z = v * 2.0 + 1.0
rv = v.read_value()
sp = v.sparse_read([2, 0])
gg = tf.gather(v, [1])
with tf.name_scope("inner"):
    vv = v.value()
out = [y, z, rv, sp, gg, vv]
init = tf.global_variables_initializer()
fetch = [v, z, rv, sp, gg, vv]
""",
    "assigns": """
v = tf.Variable(tf.zeros([2]), name="acc", use_resource=RES)
a = v.assign([1.0, 2.0])
b = v.assign_add([10.0, 10.0])
c = v.assign_sub([0.5, 0.5], read_value=False)
d = tf.assign_add(v, [1.0, 1.0])
e = tf.assign(v, [3.0, 4.0])
out = [v.value()]
init = tf.global_variables_initializer()
fetch = [a, v, b, v, c, v, d, e, v]
""",
    "scopes_seeds": """
tf.set_random_seed(3)
with tf.variable_scope("net", use_resource=RES):
    w1 = tf.get_variable("w1", [4, 3])
    b1 = tf.get_variable("b1", [3], initializer=tf.zeros_initializer())
    with tf.variable_scope("l2"):
        w2 = tf.get_variable("w2", [3, 2], initializer=tf.random_normal_initializer())
        s = tf.random_uniform([2])
    w3 = tf.get_variable("w3", [2], initializer=tf.glorot_normal_initializer())
with tf.variable_scope("net", reuse=True):
    w1b = tf.get_variable("w1")
assert w1b is w1
t = tf.truncated_normal([3])
out = [w1.value(), s, t]
init = tf.global_variables_initializer()
fetch = [w1, b1, w2, s, w3, t]
""",
    "initialized": """
v = tf.Variable(tf.random_uniform([2], seed=5), use_resource=RES)
i = tf.is_variable_initialized(v)
n = v.is_initialized() if hasattr(v, "is_initialized") else i
out = [i, n]
init = v.initializer
fetch = [v, i]
""",
    "initialized_value": """
v = tf.Variable(tf.random_uniform([2], seed=5), use_resource=RES)
w = tf.Variable(v.initialized_value() * 2.0, use_resource=RES)
out = [w.value()]
init = tf.global_variables_initializer()
fetch = [v, w]
""",
    "assign_shape_error": """
v = tf.Variable(tf.zeros([2]), use_resource=RES)
v.assign([1.0, 2.0, 3.0])
""",
    "uninitialized_read": """
v = tf.Variable(tf.zeros([2]), use_resource=RES)
out = [v.value()]
init = tf.no_op()
fetch = [v]
""",
    "toggle": """
if RES is None:
    tf.disable_resource_variables()
    a = tf.Variable(tf.zeros([1]), name="a")
    tf.enable_resource_variables()
else:
    tf.enable_resource_variables()
    a = tf.Variable(tf.zeros([1]), name="a")
    tf.disable_resource_variables()
b = tf.get_variable("b", [1])
c = tf.Variable(tf.ones([1]), name="c", use_resource=True)
d = tf.Variable(tf.ones([1]), name="d", use_resource=False)
out = [a.value(), b.value(), c.value(), d.value()]
init = tf.global_variables_initializer()
fetch = [a, c, d]
""",
    "training": """
tf.set_random_seed(11)
x = tf.placeholder(tf.float32, [None, 3], name="x")
with tf.variable_scope("m", use_resource=RES):
    w = tf.get_variable("w", [3, 2])
    b = tf.get_variable("b", [2], initializer=tf.zeros_initializer())
    gs = tf.train.get_or_create_global_step()
loss = tf.reduce_sum(tf.matmul(x, w) + b)
train = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=gs)
train2 = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
train3 = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
r = tf.random_uniform([2])
out = [loss, r]
init = tf.global_variables_initializer()
fetch = [w, b, gs, r]
""",
    "ema": """
tf.set_random_seed(5)
with tf.variable_scope("m", use_resource=RES):
    w = tf.get_variable("w", [3, 2])
ema = tf.train.ExponentialMovingAverage(0.9)
up = ema.apply([w])
avg = ema.average(w)
shift = w.assign_add(tf.ones([3, 2]), read_value=False)
out = [avg.value()]
init = tf.global_variables_initializer()
fetch = [w, avg, shift, up, avg]
""",
    "embedding_training": """
tf.set_random_seed(2)
with tf.variable_scope("m", use_resource=RES):
    emb = tf.get_variable("emb", [10, 4])
e = tf.nn.embedding_lookup(emb, tf.constant([1, 3, 1]))
loss = tf.reduce_sum(e)
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
train2 = tf.train.AdamOptimizer(0.1).minimize(loss)
out = [e]
init = tf.global_variables_initializer()
fetch = [emb, e]
""",
    "layers_partitioned": """
tf.set_random_seed(4)
x = tf.placeholder(tf.float32, [None, 3])
with tf.variable_scope("m", use_resource=True):
    p = tf.get_variable("p", [6, 2], partitioner=tf.fixed_size_partitioner(2))
    if RES:  # TF 1.15's tf.layers (TF 2.21's compat.v1.layers needs Keras 2)
        h = tf.layers.dense(x, 4, activation=tf.nn.relu)
        bn = tf.layers.batch_normalization(h, training=True)
r = tf.random_normal([2])
out = [r]
init = tf.global_variables_initializer()
fetch = tf.global_variables() + [r]
""",
    "gradients": """
v = tf.Variable([1.0, 2.0], use_resource=RES)
y = tf.reduce_sum(v * 2.0 + v * 3.0)
grads = tf.gradients(y, [v])
out = grads
meta = [len(grads), str(type(grads[0]).__name__)]
""",
    "saver": """
with tf.variable_scope("m", use_resource=RES):
    w = tf.get_variable("w", [3, 2])
    gs = tf.train.get_or_create_global_step()
    b = tf.get_variable("b", [2], dtype=tf.float64)
saver = tf.train.Saver()
""",
}


def main():
    which = sys.argv[1]
    if which == "tf1":
        import tensorflow as tf
        res = True
    else:
        import tensorflow.compat.v1 as tf
        tf.disable_eager_execution()
        res = None
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, which + ".jsonl"), "w") as f:
        for name, source in PROGRAMS.items():
            rec = {"name": name, "source": source}
            rec.update(run(tf, source, res))
            f.write(json.dumps(rec, sort_keys=True) + "\n")
            print(name, rec.get("error"), rec.get("run_error"), len(rec["ops"]))


if __name__ == "__main__":
    main()
