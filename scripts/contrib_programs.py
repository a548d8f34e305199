"""Programs for `ref_contrib.py`: TF-slim / contrib model code and Variable-API uses,
written for philoxflow's tests. Each runs unchanged with `tf` = TensorFlow 1.15 or
philoxflow and prints what must be equal."""

PREAMBLE = '''
import hashlib


def dump_ops(g=None):
    g = g or tf.get_default_graph()
    for op in g.get_operations():
        print(op.name, op.type, [i.name for i in op.inputs],
              [str(o.shape) for o in op.outputs], [o.dtype.name for o in op.outputs])


def dump_values(sess, variables=None):
    for v in variables if variables is not None else tf.global_variables():
        a = np.ascontiguousarray(sess.run(v))
        print(v.name, a.shape, a.dtype, hashlib.sha256(a.tobytes()).hexdigest()[:16],
              a.ravel()[:3].tolist())


def names(xs):
    return [x.name for x in xs]


def attempt(fn):
    try:
        r = fn()
        print("ok", getattr(r, "name", r))
    except Exception as e:  # noqa: BLE001 - the class is what is compared
        print(type(e).__name__)
'''

SLIM_CNN = '''
slim = tf.contrib.slim
tf.set_random_seed(42)
x = tf.placeholder(tf.float32, [2, 16, 16, 3], name="x")


def net(inputs, is_training=True):
    with slim.arg_scope([slim.conv2d, slim.fully_connected], activation_fn=tf.nn.relu,
                        weights_regularizer=slim.l2_regularizer(0.0005),
                        weights_initializer=tf.truncated_normal_initializer(stddev=0.01)):
        with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm,
                            normalizer_params={"is_training": is_training, "decay": 0.9}):
            n = slim.conv2d(inputs, 8, [3, 3], scope="conv1")
            n = slim.max_pool2d(n, [2, 2], scope="pool1")
            n = slim.repeat(n, 2, slim.conv2d, 16, [3, 3], scope="conv2")
            n = slim.avg_pool2d(n, [2, 2])
            n = slim.flatten(n)
            n = slim.fully_connected(n, 32, scope="fc1")
            n = slim.dropout(n, 0.5, is_training=is_training, scope="dropout1")
            n = slim.stack(n, slim.fully_connected, [16, 8], scope="fc")
            n = slim.fully_connected(n, 10, activation_fn=None, scope="logits")
    return n


y = net(x)
print(y.shape)
print(names(slim.get_model_variables()))
print(names(tf.trainable_variables()))
print(names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)))
print(names(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
    mask = s.run(tf.get_default_graph().get_tensor_by_name("dropout1/dropout/random_uniform:0"))
    print(hashlib.sha256(mask.tobytes()).hexdigest()[:16])
dump_ops()
'''

SLIM_MISC = '''
slim = tf.contrib.slim
tf.set_random_seed(3)
x = tf.placeholder(tf.float32, [4, 8, 8, 3], name="x")
with slim.arg_scope([slim.conv2d, slim.conv2d_transpose, slim.separable_conv2d],
                    padding="SAME", outputs_collections="end_points",
                    variables_collections={"weights": ["W"], "biases": ["B"]}):
    a = slim.conv2d(x, 6, 3, stride=2)
    b = slim.conv2d_transpose(a, 4, [3, 3], stride=2)
    c = slim.separable_conv2d(b, 5, [3, 3], depth_multiplier=2)
    d = slim.layer_norm(c)
    e = slim.instance_norm(d)
    f = slim.conv2d(e, 3, 1, normalizer_fn=slim.batch_norm,
                    normalizer_params={"scale": True, "updates_collections": None})
labels = tf.constant([1, 2, 0, 3])
oh = slim.one_hot_encoding(labels, 5)
g = slim.fully_connected(slim.flatten(f), 7, activation_fn=None, biases_initializer=None)
sm = slim.softmax(g)
ba = slim.bias_add(g)
print(names(tf.get_collection("end_points")))
print(names(tf.get_collection("W")), names(tf.get_collection("B")))
print(names(slim.get_model_variables()))
print(names(slim.get_variables_by_name("weights")), names(slim.get_variables(scope="Conv_1")))
print(names(slim.get_variables_to_restore(exclude=["Conv"])))
print(slim.get_unique_variable("Conv/weights").name)
gs = slim.get_or_create_global_step()
print(gs.name, slim.get_or_create_global_step() is gs)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
dump_ops()
'''

SLIM_FC_EMBED = '''
slim = tf.contrib.slim
tf.set_random_seed(11)
ids = tf.placeholder(tf.int32, [8, 5], name="ids")
with tf.variable_scope("embed", partitioner=tf.fixed_size_partitioner(4)):
    table = tf.get_variable("table", [103, 16],
                            initializer=tf.random_uniform_initializer(-0.05, 0.05))
emb = tf.gather(table, ids)
h = tf.reshape(emb, [8, 80])
with slim.arg_scope([slim.fully_connected],
                    weights_initializer=slim.variance_scaling_initializer(),
                    weights_regularizer=slim.l1_l2_regularizer(1e-4, 1e-3)):
    for i, n in enumerate([64, 32]):
        h = slim.fully_connected(h, n, scope="fc%d" % i)
        h = slim.dropout(h, keep_prob=0.8, scope="drop%d" % i)
    out = slim.fully_connected(h, 3, activation_fn=None)
reg = slim.apply_regularization(slim.l2_regularizer(0.01), slim.get_variables_by_name("weights"))
print(out.shape, reg.name)
print(names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
    m = s.run(tf.get_default_graph().get_tensor_by_name("drop0/dropout/random_uniform:0"))
    print(hashlib.sha256(m.tobytes()).hexdigest()[:16])
dump_ops()
'''

SLIM_VGG_STYLE = '''
slim = tf.contrib.slim
tf.set_random_seed(5)


def vgg_arg_scope(weight_decay=0.0005):
    with slim.arg_scope([slim.conv2d, slim.fully_connected], activation_fn=tf.nn.relu,
                        weights_regularizer=slim.l2_regularizer(weight_decay),
                        biases_initializer=tf.zeros_initializer()):
        with slim.arg_scope([slim.conv2d], padding="SAME") as arg_sc:
            return arg_sc


images = tf.placeholder(tf.float32, [1, 32, 32, 3])
with slim.arg_scope(vgg_arg_scope()):
    with tf.variable_scope("vgg_tiny", "vgg_tiny", [images]) as sc:
        end_points_collection = sc.original_name_scope + "_end_points"
        with slim.arg_scope([slim.conv2d, slim.fully_connected, slim.max_pool2d],
                            outputs_collections=end_points_collection):
            net = slim.repeat(images, 2, slim.conv2d, 8, [3, 3], scope="conv1")
            net = slim.max_pool2d(net, [2, 2], scope="pool1")
            net = slim.conv2d(net, 16, [16, 16], padding="VALID", scope="fc6")
            net = slim.dropout(net, 0.5, is_training=True, scope="dropout6")
            net = slim.conv2d(net, 10, [1, 1], activation_fn=None, normalizer_fn=None,
                              scope="fc8")
            net = tf.squeeze(net, [1, 2], name="fc8/squeezed")
print(net.shape, end_points_collection)
print(names(tf.get_collection(end_points_collection)))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
dump_ops()
'''

SLIM_MOBILE_STYLE = '''
slim = tf.contrib.slim
tf.set_random_seed(21)
images = tf.placeholder(tf.float32, [2, 32, 32, 3])
bn = {"is_training": True, "center": True, "scale": True, "decay": 0.997}
with slim.arg_scope([slim.conv2d, slim.separable_conv2d], normalizer_fn=slim.batch_norm,
                    normalizer_params=bn, activation_fn=tf.nn.relu6, padding="SAME"):
    with tf.variable_scope("Mobile", "Mobile", [images]) as sc:
        end_points = sc.original_name_scope + "_end_points"
        with slim.arg_scope([slim.conv2d, slim.separable_conv2d],
                            outputs_collections=end_points):
            net = slim.conv2d(images, 8, [3, 3], stride=2, scope="Conv2d_0")
            for i, (stride, depth) in enumerate([(1, 16), (2, 32)]):
                net = slim.separable_conv2d(net, None, [3, 3], depth_multiplier=1,
                                            stride=stride, scope="Conv2d_%d_depthwise" % (i + 1))
                net = slim.conv2d(net, depth, [1, 1], stride=1,
                                  scope="Conv2d_%d_pointwise" % (i + 1))
            net = slim.avg_pool2d(net, [8, 8], padding="VALID", scope="AvgPool")
            net = slim.dropout(net, keep_prob=0.999, scope="Dropout")
            logits = slim.conv2d(net, 5, [1, 1], activation_fn=None, normalizer_fn=None,
                                 scope="Conv2d_1c_1x1")
            logits = tf.squeeze(logits, [1, 2], name="SpatialSqueeze")
        points = slim.utils.convert_collection_to_dict(end_points)
print(logits.shape, sorted(points))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
dump_ops()
'''

CHANNELS_FIRST = '''
slim = tf.contrib.slim
tf.set_random_seed(8)
x = tf.placeholder(tf.float32, [2, 3, 16, 16])
y = tf.layers.conv2d(x, 8, 3, strides=2, padding="same", data_format="channels_first", name="c")
z = tf.layers.max_pooling2d(y, 2, 2, data_format="channels_first")
w = tf.layers.average_pooling2d(y, 3, 1, padding="same", data_format="channels_first")
f = tf.layers.flatten(w, data_format="channels_first")
u = slim.conv2d(x, 4, [3, 3], data_format="NCHW")
v = slim.max_pool2d(u, [2, 2], data_format="NCHW")
a = slim.avg_pool2d(u, [2, 2], stride=1, padding="SAME", data_format="NCHW")
bn1 = slim.batch_norm(x, data_format="NCHW", scale=True)
bn2 = slim.batch_norm(x, data_format="NCHW", updates_collections=None)
bn3 = slim.conv2d(x, 4, 3, data_format="NCHW", normalizer_fn=slim.batch_norm,
                  normalizer_params={"data_format": "NCHW", "is_training": False})
print(y.shape, z.shape, w.shape, f.shape, u.shape, v.shape, a.shape, bn1.shape, bn3.shape)
print(names(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
dump_ops()
'''

SLIM_EXTRAS = '''
slim = tf.contrib.slim
tf.set_random_seed(4)
x = tf.placeholder(tf.float32, [2, 4, 4, 4, 6])
a = slim.max_pool3d(x, [2, 2, 2])
b = slim.avg_pool3d(x, 2, stride=1, padding="SAME")
c = slim.maxout(tf.placeholder(tf.float32, [3, 6]), 3)
d = slim.unit_norm(tf.placeholder(tf.float32, [3, 5, 2]), 1)
ids = tf.placeholder(tf.int32, [4, 7])
e = tf.contrib.layers.embed_sequence(ids, vocab_size=20, embed_dim=3)
v = slim.model_variable("mv", [2, 3])
op, fd = slim.assign_from_values({"mv": np.ones([2, 3], np.float32)})
print(a.shape, b.shape, c.shape, d.shape, e.shape, slim.get_variable_full_name(v), op.name,
      names(fd))
chooser = slim.VariableDeviceChooser(2)
print(chooser(None), chooser(None))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
dump_ops()
'''

VAR_GUARD = '''
v = tf.Variable([1.0, 2.0], name="v")
w = tf.Variable(v * 2, name="w")
x = tf.Variable(v.initialized_value() + 1, name="x")
y = tf.Variable(lambda: tf.ones([2]) + v, name="y")
z = tf.Variable(tf.random_uniform([3], seed=1), name="z")
dump_ops()
with tf.Session() as s:
    # The guard's cond (Switch/Merge) has no kernel in philoxflow: run the others.
    s.run([v.initializer, z.initializer])
    dump_values(s, [v, z])
'''

VAR_OPS = '''
v = tf.Variable([1.0, 2.0], name="v")
a = v.assign([3.0, 4.0])
b = v.assign_add([1.0, 1.0], name="aa")
c = v.assign_sub(v)
d = tf.assign(v, [5.0, 6.0])
i = tf.Variable(0, name="i")
e = i.count_up_to(3)
f = tf.is_variable_initialized(v)
r = v.read_value()
k = tf.assert_variables_initialized()
p = v + 1.0
q = 2.0 * v
n = -v
z = v[0]
print(a.shape, b.shape, c.shape, e.shape, f.shape, f.dtype, r.name, k.shape)
attempt(lambda: list(v))
attempt(lambda: v.assign([1.0, 2.0, 3.0]))
dump_ops()
with tf.Session() as s:
    s.run(v.initializer)
    print(s.run(a).tolist(), s.run(v).tolist())  # AssignAdd has no kernel here
    v.load([7.0, 8.0], s)
    print(v.eval(s).tolist(), s.run(p).tolist(), s.run(q).tolist(), s.run(n).tolist())
'''

VAR_PARTITIONED = '''
tf.set_random_seed(7)
with tf.variable_scope("emb", partitioner=tf.fixed_size_partitioner(3)):
    e = tf.get_variable("table", [10, 4])
with tf.variable_scope("emb2"):
    e2 = tf.get_variable("w", [1000, 64], initializer=tf.truncated_normal_initializer(stddev=0.1),
                         partitioner=tf.min_max_variable_partitioner(4, min_slice_size=64 << 10))
    e3 = tf.get_variable("v", [7, 3], partitioner=tf.variable_axis_size_partitioner(40))
    e4 = tf.get_variable("u", [9, 2], initializer=tf.initializers.glorot_normal(),
                         partitioner=tf.fixed_size_partitioner(2))
print(type(e).__name__, len(list(e)), names(e), e.shape, [str(v.shape) for v in e2],
      [str(v.shape) for v in e3])
t = e.as_tensor()
u = tf.identity(e)
with tf.variable_scope("emb", reuse=True):
    print(tf.get_variable("table") is e)
pv = tf.create_partitioned_variables([6, 2], [2, 1], tf.ones_initializer(), name="cpv")
print(names(pv))
attempt(lambda: tf.get_variable("emb/table", [10, 4]))
with tf.variable_scope("emb", reuse=True):
    attempt(lambda: tf.get_variable("table", [10, 4], partitioner=tf.fixed_size_partitioner(2)))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
dump_ops()
'''

VAR_SCOPES = '''
tf.set_random_seed(1)
calls = []


def outer_getter(getter, name, *args, **kwargs):
    calls.append("outer " + name)
    return getter(name + "_x", *args, **kwargs)


def inner_getter(getter, name, *args, **kwargs):
    calls.append("inner " + name)
    kwargs["trainable"] = False
    return getter(name, *args, **kwargs)


with tf.variable_scope("a", custom_getter=outer_getter):
    with tf.variable_scope("b", custom_getter=inner_getter):
        z = tf.get_variable("z", [2])
print(z.name, calls, names(tf.trainable_variables()))
with tf.container("box"):
    q = tf.Variable(1.0, name="q")
print(q.op.get_attr("container") in (b"box", "box"))
for n in ["_a", "a", "-x", "a b", "1st"]:
    def enter(n=n):
        with tf.variable_scope(n):
            return tf.get_variable_scope()
    attempt(enter)
with tf.variable_scope("outer"):
    for n in ["_a", "-x"]:
        def enter_ns(n=n):
            with tf.name_scope(n) as s:
                return s
        attempt(enter_ns)
with tf.variable_scope("r", initializer=tf.constant_initializer(3.0), dtype=tf.float64):
    with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
        r1 = tf.get_variable("r1", [2])
        r2 = tf.get_variable("r1", [2])
print(r1 is r2, r1.dtype.base_dtype == tf.float64, r1.name)
attempt(lambda: tf.get_variable("r/s/r1", [2], dtype=tf.float64))
with tf.variable_scope("r", reuse=True):
    attempt(lambda: tf.get_variable("nope", [1]))
lv = tf.get_local_variable("lv", [3])
print(names(tf.local_variables()), lv in tf.trainable_variables())
with tf.variable_scope("reg", regularizer=lambda t: tf.reduce_sum(t)):
    rv = tf.get_variable("rv", [2])
    nv = tf.get_variable("nv", [2], regularizer=tf.no_regularizer)
print(names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    s.run(tf.local_variables_initializer())
    dump_values(s)
dump_ops()
s1 = tf.variable_scope("p")
s2 = tf.variable_scope("q")
s1.__enter__()
s2.__enter__()
attempt(lambda: s1.__exit__(None, None, None))  # improper nesting (left as TF leaves it)
'''

PROGRAMS = {
    "slim": [("slim_cnn_bn", SLIM_CNN), ("slim_misc_layers", SLIM_MISC),
             ("slim_fc_embed", SLIM_FC_EMBED), ("slim_vgg_style", SLIM_VGG_STYLE),
             ("slim_mobile_style", SLIM_MOBILE_STYLE), ("channels_first", CHANNELS_FIRST),
             ("slim_extras", SLIM_EXTRAS)],
    "variables": [("var_guard", VAR_GUARD), ("var_ops", VAR_OPS),
                  ("var_partitioned", VAR_PARTITIONED), ("var_scopes", VAR_SCOPES)],
}
