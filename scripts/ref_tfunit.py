"""Record TF's graphs and values for the behaviours TF 1.15's own unit tests exercise
(variables_test, variable_scope_test, init_ops_test; see docs/contrib.md):
orthogonal/identity initializers (values bit for bit), ref ops' colocation and devices,
`report_uninitialized_variables`, `initialized_value()`'s guard, Tensor operators.

    /work/venvs/tf1/bin/python scripts/ref_tfunit.py tf1   # -> tests/data/tfunit/tf1.jsonl
    /work/venvs/tf2/bin/python scripts/ref_tfunit.py tf2   # -> tests/data/tfunit/tf2.jsonl

(and tests/data/tfunit/programs.json: the sources, which tests/test_tfunit.py runs)

A program sets `out` (tensors: static shapes recorded) and `fetch` (a list of
fetches; each run's values recorded after `run` (ops run first, in order)). Each record:
the graph's [(name, type, device, colocation groups)], the shapes and the values (dtype
and nested lists, exact for float32/float64 through Python floats).
"""
import json
import os
import sys

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "tests", "data", "tfunit")
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))

from tfunit_runner import run  # noqa: E402 - shared with tests/test_tfunit.py

# name -> (source, run under TF 2.21's compat.v1 too: not where TF 2.21 makes resource
# variables or has no contrib)
PROGRAMS = {
    "orthogonal_values": ("""
tf.set_random_seed(11)
vs = [tf.get_variable("a", [3, 3], initializer=tf.orthogonal_initializer()),
      tf.get_variable("b", [5, 3], initializer=tf.orthogonal_initializer(gain=2.0)),
      tf.get_variable("c", [3, 5], initializer=tf.orthogonal_initializer(seed=4)),
      tf.get_variable("d", [2, 3, 4], initializer=tf.initializers.orthogonal()),
      tf.get_variable("e", [10, 10], tf.float64, initializer=tf.orthogonal_initializer(seed=9)),
      tf.get_variable("f", [47, 20], initializer=tf.orthogonal_initializer()),
      tf.get_variable("g", [6, 47], tf.float64, initializer=tf.orthogonal_initializer(1.5))]
out = [v.value() for v in vs]
run = [tf.global_variables_initializer()]
fetch = [vs]
""", False),
    "orthogonal_direct": ("""
tf.set_random_seed(3)
x = tf.orthogonal_initializer(seed=1)([4, 6])
y = tf.orthogonal_initializer(seed=1, dtype=tf.float64)([7, 7])
q, r = tf.qr(tf.random_normal([9, 5], seed=2))
out = [x, y, q, r]
run = []
fetch = [[x, y, q, r]]
""", True),
    "delta_orthogonal": ("""
tf.set_random_seed(5)
cf = tf.contrib.framework
x = cf.convolutional_delta_orthogonal(seed=1)([3, 3, 2, 4])
y = cf.convolutional_delta_orthogonal(gain=2.0)([3, 2, 5], dtype=tf.float64)
z = cf.convolutional_delta_orthogonal(seed=2)([3, 3, 3, 4, 4])
w = cf.convolutional_orthogonal_2d(seed=3)([1, 1, 3, 5])
u = cf.convolutional_orthogonal_1d()([1, 2, 2])
out = [x, y, z, w, u]
run = []
fetch = [[x, y, z, w, u]]
""", False),
    "conv_orthogonal_graphs": ("""
tf.set_random_seed(5)
cf = tf.contrib.framework
a = cf.convolutional_orthogonal_1d(seed=1)([3, 2, 4])
b = cf.convolutional_orthogonal_2d(gain=0.5)([2, 2, 3, 3])
c = cf.convolutional_orthogonal_3d(seed=7)([2, 2, 2, 2, 2])
out = [a, b, c]
run = []
fetch = []
""", False),
    "identity_initializer": ("""
x = tf.initializers.identity(gain=2.0)([3, 4])
y = tf.initializers.identity()([3, 3], dtype=tf.float64)
v = tf.get_variable("v", [2, 5], initializer=tf.initializers.identity(0.5))
out = [x, y, v.value()]
run = [v.initializer]
fetch = [[x, y, v]]
""", False),
    "identity_direct": ("""
x = tf.initializers.identity(gain=2.0)([3, 4])
y = tf.initializers.identity()([3, 3], dtype=tf.float64)
out = [x, y]
run = []
fetch = [[x, y]]
""", True),
    "ref_colocation": ("""
with tf.device("/job:ps"):
    v = tf.Variable([[1.0, 1.0]], name="v")
    w = tf.get_variable("w", [2, 3])
x = tf.Variable(3.0, caching_device="/job:worker", name="x")
with tf.device("/gpu:0"):
    a = tf.assign(v, [[2.0, 3.0]])
    b = tf.assign_add(w, tf.ones([2, 3]))
    c = v.assign_sub([[1.0, 1.0]])
    d = tf.is_variable_initialized(w)
with tf.variable_scope("s", caching_device="/cpu:1"):
    y = tf.get_variable("y", [1])
devices = [v.device, w.device, x.device, y.device, v.initializer.device]
out = [a, b, c, d]
run = []
fetch = []
""", False),
    "report_uninitialized": ("""
v = tf.Variable([1, 2], name="v")
w = tf.Variable([3, 4], name="w")
u = tf.report_uninitialized_variables()
e = tf.report_uninitialized_variables([])
x = tf.Variable(v.initialized_value() * 2, name="x")
i = tf.is_variable_initialized(w)
out = [u, e, i]
run = []
fetch = [[u, e, i], "w.initializer", [u, i], "x.initializer", [u, x],
         "tf.global_variables_initializer()", [u, x.initialized_value()]]
""", False),
    "make_template": ("""
tf.set_random_seed(1)


def my_op(x, scalar_name):
    var1 = tf.get_variable(scalar_name, shape=[], initializer=tf.random_uniform_initializer())
    return x * var1


scale_by_y = tf.make_template("scale_by_y", my_op, scalar_name="y")
z = scale_by_y(tf.constant(2.0))
w = scale_by_y(tf.constant(3.0))
with tf.variable_scope("outer"):
    t2 = tf.make_template("dense", lambda x: tf.layers.dense(x, 3))
    a = t2(tf.ones([2, 4]))
    b = t2(tf.ones([2, 4]))
u = tf.make_template("scale_by_y", my_op, scalar_name="q")
c = u(tf.constant(1.0))
devices = [scale_by_y.name, scale_by_y.variable_scope_name, u.variable_scope.name,
           [v.name for v in scale_by_y.variables], [v.name for v in t2.trainable_variables]]
out = [z, w, a, b, c]
run = [tf.global_variables_initializer()]
fetch = [[z, w, c, t2.trainable_variables[0]]]
""", False),
    "tensor_operators": ("""
b = tf.constant([True, False])
m = tf.constant([[2.0, 3.0]])
v = tf.Variable([True, False])
vm = tf.Variable([[1.0, 2.0]])
out = [b & [True, True], [True, False] | b, b ^ [False, False], ~b,
       m.__rmatmul__([[10.0], [20.0]]), m @ [[1.0], [2.0]], v & [True, True], vm @ [[1.0], [1.0]],
       tf.constant(["ab", "c"])]
run = [tf.global_variables_initializer()]
fetch = [out[:4] + out[6:7] + out[8:]]
""", False),
}


def main():
    which = sys.argv[1]
    if which == "tf1":
        import tensorflow as tf
    else:
        import tensorflow.compat.v1 as tf

        tf.disable_eager_execution()
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "programs.json"), "w") as f:  # the test runs these sources
        json.dump({k: v[0] for k, v in PROGRAMS.items()}, f, indent=1, sort_keys=True)
    with open(os.path.join(OUT, which + ".jsonl"), "w") as f:
        for name, (source, both) in PROGRAMS.items():
            if which == "tf2" and not both:
                continue
            rec = {"name": name}
            rec.update(run(tf, source))
            f.write(json.dumps(rec, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
