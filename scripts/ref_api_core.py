"""Record TF's graphs for the API-core programs (tests/test_api_core.py checks philoxflow).

    /work/venvs/tf1/bin/python scripts/ref_api_core.py tf1   # -> tests/data/api_core/tf1.jsonl
    /work/venvs/tf2/bin/python scripts/ref_api_core.py tf2   # -> tests/data/api_core/tf2.jsonl

Each program is a small piece of model-style code over `tf` (TF 1.15's
`import tensorflow as tf`, or TF 2.21's `tf.compat.v1` in graph mode). A record
holds the program's source, the graph's [(op.name, op.type)], each op's output dtypes
and static shapes (`op_outputs`, tests/reference.py's `graph_outputs`), the static
shapes of the tensors the program returns (`out`), and the ops' devices; or the error
class and message when TF raises while building.
"""
import json
import os
import sys

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "tests", "data", "api_core")
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
from reference import graph_outputs  # noqa: E402

# name -> (source, run under TF 2.21's compat.v1 too). `out` is a list of tensors.
PROGRAMS = {
    "math_unary": ("""
x = tf.placeholder(tf.float32, [None, 4], name="x")
out = [tf.sin(x), tf.math.cos(x), tf.sign(x), tf.math.log1p(x), tf.math.erf(x), tf.ceil(x),
       tf.math.reciprocal(x), tf.math.softplus(x), tf.round(x), tf.math.is_nan(x),
       tf.math.sin(3.0), tf.atan2(x, 1.0), tf.math.xlogy(x, x)]
""", True),
    "math_composite": ("""
x = tf.placeholder(tf.float32, [3, 4], name="x")
out = [tf.cumsum(x, axis=1), tf.math.cumprod(x, exclusive=True), tf.argmin(x, 1),
       tf.reduce_logsumexp(x, axis=1), tf.math.reduce_variance(x, 0),
       tf.math.reduce_std(x), tf.count_nonzero(x, 1), tf.math.log_sigmoid(x),
       tf.logical_xor(x > 0.0, x < 1.0), tf.scalar_mul(2.0, x), tf.trace(x),
       tf.reduce_all(x > 0), tf.reduce_any(x > 0, axis=0, keepdims=True),
       tf.math.top_k(x, 2).values, tf.nn.in_top_k(x, tf.constant([0, 1, 2]), 1)]
""", True),
    "array_split_unstack": ("""
x = tf.placeholder(tf.float32, [4, 6, 3], name="x")
a, b = tf.split(x, 2, axis=1)
c, d, e = tf.split(x, [1, 2, 3], 1)
f = tf.unstack(x, axis=2)
g = tf.unstack(tf.constant([[1, 2], [3, 4]]))
out = [a, b, c, d, e] + f + g
""", True),
    "array_where_mask": ("""
x = tf.placeholder(tf.float32, [5, 3], name="x")
m = tf.placeholder(tf.bool, [5], name="m")
out = [tf.where(x > 0), tf.where(x > 0, x, tf.zeros_like(x)), tf.boolean_mask(x, m),
       tf.sequence_mask([1, 3, 2], 4), tf.sequence_mask(tf.constant([2, 3])),
       tf.sequence_mask([1, 2], 3, dtype=tf.float32), tf.matrix_transpose(x),
       tf.gather_nd(x, [[0, 1], [2, 2]]), tf.reverse(x, [0])]
""", True),
    "clip": ("""
a = tf.placeholder(tf.float32, [3, 4], name="a")
b = tf.placeholder(tf.float32, [4], name="b")
cv = tf.clip_by_value(a, -1.0, 1.0)
cn = tf.clip_by_norm(a, 5.0)
gn = tf.global_norm([a, b])
clipped, norm = tf.clip_by_global_norm([a, b], 5.0)
out = [cv, cn, gn, norm] + clipped
""", True),
    "clip_average": ("""
a = tf.placeholder(tf.float32, [3, 4], name="a")
out = [tf.clip_by_average_norm(a, 1.0)]
""", False),
    "asserts": ("""
x = tf.placeholder(tf.float32, [3], name="x")
n = tf.placeholder(tf.int32, [None], name="n")
ops = [tf.assert_less_equal(x, 10.0), tf.assert_equal(n, n), tf.assert_positive(x),
       tf.assert_non_negative(n), tf.debugging.assert_greater(x, -1.0, message="too small"),
       tf.assert_rank(x, 1), tf.assert_rank_at_least(n, 1), tf.assert_type(n, tf.int32),
       tf.assert_integer(n), tf.assert_near(x, x + 1e-6), tf.debugging.assert_near(x, 1.0,
                                                                                 rtol=0.1)]
assert tf.assert_same_float_dtype([x]) == tf.float32
with tf.control_dependencies([o for o in ops if o is not None]):
    y = tf.identity(x)
out = [y]
""", True),
    "nn_impl": ("""
logits = tf.placeholder(tf.float32, [8, 5], name="logits")
labels = tf.placeholder(tf.float32, [8, 5], name="labels")
img = tf.placeholder(tf.float32, [2, 8, 8, 3], name="img")
dw = tf.get_variable("dw", [3, 3, 3, 2])
pw = tf.get_variable("pw", [1, 1, 6, 4])
mean, var = tf.nn.moments(logits, [0])
out = [tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits),
       tf.nn.weighted_cross_entropy_with_logits(labels, logits, 2.0),
       tf.nn.l2_normalize(logits, axis=1), tf.math.l2_normalize(logits, 0),
       tf.nn.lrn(img, 2, 1.0, 2e-05, 0.75), tf.nn.local_response_normalization(img),
       tf.nn.batch_normalization(logits, mean, var, 0.0, 1.0, 1e-3),
       tf.nn.depthwise_conv2d(img, dw, [1, 1, 1, 1], "SAME"),
       tf.nn.separable_conv2d(img, dw, pw, [1, 1, 1, 1], "VALID"),
       tf.nn.softsign(logits), tf.nn.top_k(logits, 3).indices]
out += list(tf.nn.normalize_moments(tf.constant(8.0), mean, var, None))
""", True),
    "summaries": ("""
x = tf.placeholder(tf.float32, [None, 4], name="x")
img = tf.placeholder(tf.float32, [None, 8, 8, 3], name="img")
s1 = tf.summary.scalar("loss", tf.reduce_mean(x))
s2 = tf.summary.histogram("acts", x)
s3 = tf.summary.image("inputs", img, max_outputs=2)
with tf.name_scope("train"):
    s4 = tf.summary.scalar("lr", 0.1)
    s5 = tf.summary.scalar("bad name!", x[0, 0], family="fam")
s6 = tf.summary.audio("snd", x, 16000)
s7 = tf.summary.text("txt", tf.constant("hello"))
m = tf.summary.merge([s1, s2])
ma = tf.summary.merge_all()
w = tf.summary.FileWriter("/tmp/philoxflow_api_core_logs")
w.close()
out = [s1, s2, s3, s4, s5, s6, s7, m, ma]
""", False),
    "devices": ("""
with tf.device("/cpu:0"):
    a = tf.constant(1.0)
    with tf.device("/job:worker/task:1"):
        b = a + 1.0
    with tf.device(None):
        c = a * 2.0
with tf.device("/device:GPU:0"):
    d = tf.random_uniform([2])
with tf.colocate_with(a):
    e = tf.identity(d)
out = [a, b, c, d, e]
""", True),
    "py_func": ("""
import numpy as np
x = tf.placeholder(tf.float32, [3], name="x")
y = tf.py_func(lambda v: v * 2, [x], tf.float32)
z = tf.py_func(lambda v, w: (v, w), [x, 1.0], [tf.float32, tf.float32], stateful=False)
out = [y] + z
""", False),
    "state_ops": ("""
v = tf.Variable(tf.zeros([4]), name="v")
u = tf.assign(v, [1.0, 2.0, 3.0, 4.0])
a = tf.assign_add(v, tf.ones([4]))
s = tf.assign_sub(v, [1.0, 1.0, 1.0, 1.0])
su = tf.scatter_update(v, [0, 2], [5.0, 6.0])
sa = tf.scatter_add(v, [1], [1.0])
out = [u, a, s, su, sa]
""", False),
    "metrics": ("""
labels = tf.placeholder(tf.int64, [None], name="labels")
logits = tf.placeholder(tf.float32, [None, 5], name="logits")
pred = tf.argmax(logits, 1)
acc, acc_op = tf.metrics.accuracy(labels, pred)
m, m_op = tf.metrics.mean(tf.reduce_max(logits, 1))
p, p_op = tf.metrics.precision(labels > 2, pred > 2)
r, r_op = tf.metrics.recall(labels > 2, pred > 2, name="rec")
tp, tp_op = tf.metrics.true_negatives(labels > 2, pred > 2)
mse, mse_op = tf.metrics.mean_squared_error(tf.cast(labels, tf.float32), logits[:, 1])
rmse, rmse_op = tf.metrics.root_mean_squared_error(tf.cast(labels, tf.float32), logits[:, 1])
mae, mae_op = tf.metrics.mean_absolute_error(tf.cast(labels, tf.float32), logits[:, 1],
                                              metrics_collections=["mine"])
init = tf.local_variables_initializer()
out = [acc, acc_op, m, m_op, p, p_op, r, r_op, tp, tp_op, mse, mse_op, rmse,
       rmse_op, mae, mae_op]
out += [tf.constant(len(tf.local_variables())), tf.constant(len(tf.get_collection("mine")))]
""", True),
    "losses": ("""
labels = tf.placeholder(tf.float32, [8, 4], name="labels")
preds = tf.placeholder(tf.float32, [8, 4], name="preds")
w = tf.placeholder(tf.float32, [8, 1], name="w")
out = [tf.losses.absolute_difference(labels, preds), tf.losses.hinge_loss(labels, preds),
       tf.losses.huber_loss(labels, preds, delta=2.0), tf.losses.log_loss(labels, preds),
       tf.losses.sigmoid_cross_entropy(labels, preds, label_smoothing=0.1),
       tf.losses.cosine_distance(labels, preds, axis=1),
       tf.losses.absolute_difference(labels, preds, weights=2.0,
                                     reduction=tf.losses.Reduction.MEAN),
       tf.losses.get_regularization_loss(), tf.losses.get_total_loss(False)]
""", True),
    "more_ops": ("""
x = tf.placeholder(tf.float32, [4, 3], name="x")
img = tf.placeholder(tf.float32, [2, 8, 8, 3], name="img")
w = tf.placeholder(tf.float32, [3, 5], name="w")
b = tf.placeholder(tf.float32, [5], name="b")
s1, s2 = tf.shape_n([x, img])
i1, i2 = tf.identity_n([x, 1.0])
d, di = tf.setdiff1d([1, 2, 3], [2])
u, ui, uc = tf.unique_with_counts(tf.constant([1, 1, 2]))
cnt, mss, vss, _ = tf.nn.sufficient_statistics(x, [0])
out = [tf.matrix_diag(b), tf.matrix_set_diag(tf.zeros([5, 5]), b), s1, s2, i1, i2, d, di,
       u, ui, uc, tf.roll(x, 1, 0), tf.ensure_shape(x, [4, None]), tf.to_double(x),
       tf.nn.max_pool2d(img, 2, 2, "SAME"), tf.nn.avg_pool2d(img, [3, 3], [1, 1], "VALID"),
       tf.nn.crelu(x), tf.nn.relu_layer(x, w, b), cnt, mss, vss]
tf.tables_initializer()
""", False),
    "einsum": ("""
a = tf.placeholder(tf.float32, [None, 4, 8], name="a")
b = tf.placeholder(tf.float32, [8, 5], name="b")
c = tf.placeholder(tf.float32, [3, 4], name="c")
d = tf.placeholder(tf.float32, [4, 6], name="d")
q = tf.placeholder(tf.float32, [2, 7, 4, 16], name="q")
k = tf.placeholder(tf.float32, [2, 9, 4, 16], name="k")
out = [tf.einsum("ij,jk->ik", c, d), tf.einsum("bti,io->bto", a, b),
       tf.einsum("ij->ji", c), tf.einsum("ij,ij->i", c, c), tf.einsum("i,j->ij", b[0], d[0]),
       tf.einsum("bqhd,bkhd->bhqk", q, k), tf.einsum("...ij,jk->...ik", a, b),
       tf.linalg.einsum("ii", tf.eye(3) if hasattr(tf, "eye") else c[:, :3])]
""", True),
    "misc_ops": ("""
x = tf.placeholder(tf.float32, [4, 3], name="x")
img = tf.placeholder(tf.float32, [2, 8, 8, 3], name="img")
scale = tf.placeholder(tf.float32, [3], name="scale")
offset = tf.placeholder(tf.float32, [3], name="offset")
y, m, v = tf.nn.fused_batch_norm(img, scale, offset)
y2, _, _ = tf.nn.fused_batch_norm(img, scale, offset, m, v, is_training=False, epsilon=1e-6)
t = tf.tuple([x, tf.reduce_sum(x)])
p = tf.Print(x, [x, tf.shape(x)], message="x is ")
out = [tf.norm(x), tf.norm(x, axis=1), tf.norm(x, ord=1, axis=0, keepdims=True),
       tf.linalg.norm(x, ord=np.inf, axis=-1), tf.norm(x, ord="fro", axis=[0, 1]),
       tf.norm(x, ord=3, axis=1), y, m, v, y2, tf.nn.zero_fraction(x), p] + t
out.append(tf.constant(int(tf.is_tensor(x)) + int(tf.get_static_value(tf.constant(3)))))
""", True),
    "cnn_summaries_devices": ("""
def summarize(x):
    tf.summary.histogram(x.op.name + "/activations", x)
    tf.summary.scalar(x.op.name + "/sparsity", tf.nn.zero_fraction(x))

def cpu_var(name, shape, init):
    with tf.device("/cpu:0"):
        return tf.get_variable(name, shape, initializer=init, dtype=tf.float32)

def decayed(name, shape, stddev, wd):
    v = cpu_var(name, shape, tf.truncated_normal_initializer(stddev=stddev))
    if wd is not None:
        tf.add_to_collection("losses", tf.multiply(tf.nn.l2_loss(v), wd, name="weight_loss"))
    return v

tf.set_random_seed(3)
images = tf.placeholder(tf.float32, [8, 24, 24, 3], name="images")
labels = tf.placeholder(tf.int32, [8], name="labels")
with tf.variable_scope("conv1") as scope:
    k = decayed("weights", [5, 5, 3, 16], 5e-2, 0.0)
    b = cpu_var("biases", [16], tf.constant_initializer(0.0))
    conv1 = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(images, k, [1, 1, 1, 1], "SAME"), b),
                       name=scope.name)
    summarize(conv1)
pool1 = tf.nn.max_pool(conv1, [1, 3, 3, 1], [1, 2, 2, 1], "SAME", name="pool1")
norm1 = tf.nn.lrn(pool1, 4, bias=1.0, alpha=0.001 / 9.0, beta=0.75, name="norm1")
with tf.variable_scope("local3") as scope:
    flat = tf.reshape(norm1, [8, -1])
    w = decayed("weights", [flat.get_shape()[1].value, 32], 0.04, 0.004)
    b = cpu_var("biases", [32], tf.constant_initializer(0.1))
    local3 = tf.nn.relu(tf.matmul(flat, w) + b, name=scope.name)
    summarize(local3)
with tf.variable_scope("softmax_linear") as scope:
    w = decayed("weights", [32, 10], 1 / 32.0, 0.0)
    b = cpu_var("biases", [10], tf.constant_initializer(0.0))
    logits = tf.add(tf.matmul(local3, w), b, name=scope.name)
xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.cast(labels, tf.int64),
                                                      logits=logits, name="xent")
tf.add_to_collection("losses", tf.reduce_mean(xent, name="cross_entropy"))
total = tf.add_n(tf.get_collection("losses"), name="total_loss")
for l in tf.get_collection("losses") + [total]:
    tf.summary.scalar(l.op.name + " (raw)", l)
for v in tf.trainable_variables():
    tf.summary.histogram(v.op.name, v)
merged = tf.summary.merge_all()
drop = tf.nn.dropout(local3, 0.5)
out = [logits, total, merged, drop]
""", False),
    "metrics_auc": ("""
labels = tf.placeholder(tf.int64, [None], name="labels")
probs = tf.placeholder(tf.float32, [None], name="probs")
auc, auc_op = tf.metrics.auc(labels, probs)
pr, pr_op = tf.metrics.auc(labels, probs, num_thresholds=50, curve="PR",
                           summation_method="minoring", name="pr_auc")
fixed = tf.placeholder(tf.float32, [16], name="fixed")
a3, a3_op = tf.metrics.auc(tf.cast(fixed > 0.5, tf.int32), fixed, thresholds=[0.25, 0.5])
out = [auc, auc_op, pr, pr_op, a3, a3_op]
""", True),
    "metrics_thresholds": ("""
labels = tf.placeholder(tf.bool, [None], name="labels")
probs = tf.placeholder(tf.float32, [None], name="probs")
x = tf.placeholder(tf.float32, [4, 3], name="x")
th = [0.3, 0.6]
out = list(tf.metrics.true_positives_at_thresholds(labels, probs, th))
out += list(tf.metrics.false_negatives_at_thresholds(labels, probs, th))
out += list(tf.metrics.precision_at_thresholds(labels, probs, th))
out += list(tf.metrics.recall_at_thresholds(labels, probs, th, name="rat"))
out += list(tf.metrics.mean_relative_error(x, x * 2.0, tf.ones([4, 3])))
out += list(tf.metrics.percentage_below(x, 0.5))
out += list(tf.metrics.mean_tensor(x))
out += list(tf.metrics.mean_cosine_distance(x, x * 0.5, 1, metrics_collections=["c"]))
""", True),
    "sort": ("""
x = tf.placeholder(tf.float32, [4, 5], name="x")
v = tf.placeholder(tf.float32, [None], name="v")
out = [tf.sort(x), tf.sort(x, direction="DESCENDING"), tf.argsort(x, axis=0),
       tf.sort(v), tf.argsort(v, direction="DESCENDING"), tf.shape(x)[1]]
""", True),
    "sampled_losses": ("""
tf.set_random_seed(11)
emb = tf.get_variable("emb", [50, 8])
nce_w = tf.get_variable("nce_w", [50, 8])
nce_b = tf.get_variable("nce_b", [50], initializer=tf.zeros_initializer())
ids = tf.placeholder(tf.int32, [16], name="ids")
labels = tf.placeholder(tf.int64, [16, 1], name="labels")
embed = tf.nn.embedding_lookup(emb, ids)
nce = tf.reduce_mean(tf.nn.nce_loss(weights=nce_w, biases=nce_b, labels=labels, inputs=embed,
                                    num_sampled=5, num_classes=50))
ssl = tf.nn.sampled_softmax_loss(nce_w, nce_b, labels, embed, 5, 50)
cands = tf.nn.uniform_candidate_sampler(labels, 1, 4, True, 50, seed=3)
cands2 = tf.nn.fixed_unigram_candidate_sampler(labels, 1, 6, True, 50, distortion=0.75,
                                               unigrams=[1.0] * 50)
cands3 = tf.random.learned_unigram_candidate_sampler(labels, 1, 3, False, 50)
cands4 = tf.nn.all_candidate_sampler(labels, 1, 50, True)
noise = tf.random_uniform([2])
drop = tf.nn.dropout(embed, 0.5)
out = [nce, ssl, drop, noise] + list(cands) + list(cands2) + list(cands3) + list(cands4)
""", False),
    "dilated_conv": ("""
x = tf.placeholder(tf.float32, [2, 16, 15, 3], name="x")
f = tf.placeholder(tf.float32, [3, 3, 3, 4], name="f")
f1 = tf.placeholder(tf.float32, [5, 5, 4], name="f1")
x1 = tf.placeholder(tf.float32, [2, 20, 5], name="x1")
out = [tf.nn.atrous_conv2d(x, f, 2, "SAME"), tf.nn.atrous_conv2d(x, f, 3, "VALID"),
       tf.nn.convolution(x, f, "SAME"), tf.nn.convolution(x, f, "VALID", strides=[2, 2]),
       tf.nn.convolution(x, f, "SAME", dilation_rate=[2, 1], name="dil"),
       tf.nn.convolution(x1, f1, "SAME"),
       tf.nn.depthwise_conv2d(x, f, [1, 1, 1, 1], "SAME", rate=[2, 2]),
       tf.nn.separable_conv2d(x, f, tf.ones([1, 1, 12, 5]), [1, 1, 1, 1], "VALID",
                              rate=[2, 2])]
v = tf.placeholder(tf.float32, [2, 4, 4, 4, 8], name="v")
k = tf.placeholder(tf.float32, [3, 3, 3, 6, 8], name="k")
out += [tf.nn.conv3d_transpose(v, k, [2, 8, 8, 8, 6], [1, 2, 2, 2, 1]),
        tf.nn.conv3d_transpose(v, k, tf.constant([2, 4, 4, 4, 6]), 1, padding="SAME")]
out += list(tf.nn.max_pool_with_argmax(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME"))
out += [tf.nn.max_pool1d(x1, 2, 2, "SAME"), tf.nn.avg_pool1d(x1, [3], 1, "VALID"),
        tf.nn.max_pool_v2(x, 2, 2, "SAME"), tf.nn.avg_pool_v2(x1, 2, 2, "SAME"),
        tf.nn.avg_pool_v2(v, 2, [1, 1, 1], "VALID"), tf.nn.swish(x),
        tf.nn.pool(x, [2, 2], "MAX", "SAME"), tf.nn.pool(x, [3, 3], "AVG", "VALID",
                                                        strides=[2, 2]),
        tf.nn.pool(x, [2, 2], "MAX", "VALID", dilation_rate=[2, 2]),
        tf.nn.pool(x1, [2], "AVG", "SAME"), tf.nn.pool(v, [2, 2, 2], "MAX", "SAME")]
""", True),
    "more_nn_linalg": ("""
x = tf.placeholder(tf.float32, [4, 3], name="x")
t = tf.placeholder(tf.float32, [4, 3], name="t")
w = tf.placeholder(tf.float32, [4, 1], name="w")
i = tf.placeholder(tf.int32, [5], name="i")
m, v = tf.nn.weighted_moments(x, [0], w)
m2, v2 = tf.nn.weighted_moments(x, [1], tf.ones([4, 3]), keep_dims=True)
img = tf.placeholder(tf.float32, [2, 4, 4, 3], name="img")
mu, var = tf.nn.moments(img, [0, 1, 2])
out = [tf.nn.log_poisson_loss(t, x), tf.nn.log_poisson_loss(t, x, compute_full_loss=True),
       m, v, m2, v2,
       tf.nn.batch_norm_with_global_normalization(img, mu, var, tf.zeros([3]), tf.ones([3]),
                                                  1e-3, True),
       tf.saturate_cast(x, tf.int32), tf.dtypes.saturate_cast(tf.cast(i, tf.int64), tf.int32),
       tf.linalg.adjoint(x), tf.linalg.diag(x[0]), tf.linalg.set_diag(tf.zeros([3, 3]), x[0]),
       tf.linalg.eye(2, 3), tf.linalg.norm(x, axis=0), tf.eye(3, batch_shape=[2])]
out += tf.summary.all_v2_summary_ops()
""", True),
    "segments": ("""
d = tf.placeholder(tf.float32, [6, 3], name="d")
out = [tf.unsorted_segment_mean(d, [0, 1, 1, 2, 0, 1], 3),
       tf.math.unsorted_segment_sqrt_n(d, tf.constant([0, 1, 1, 2, 0, 1]), 4),
       tf.broadcast_dynamic_shape(tf.shape(d), tf.constant([1, 3])),
       tf.constant(tf.broadcast_static_shape(tf.TensorShape([2, 1]),
                                             tf.TensorShape([3])).as_list())]
""", False),
    "confusion": ("""
labels = tf.placeholder(tf.int64, [None], name="labels")
preds = tf.placeholder(tf.int64, [None], name="preds")
out = [tf.confusion_matrix(labels, preds), tf.math.confusion_matrix(labels, preds, 5),
       tf.confusion_matrix(labels, preds, 4, weights=tf.ones([8]), dtype=tf.float32)]
out += list(tf.metrics.mean_iou(labels, preds, 4))
out += list(tf.metrics.mean_per_class_accuracy(labels, preds, 4))
seg = tf.placeholder(tf.int32, [2, 3, 3], name="seg")
out += list(tf.metrics.mean_iou(seg, seg, 3, weights=tf.ones([2, 3, 3]), name="seg_iou"))
""", False),
    "linalg": ("""
a = tf.placeholder(tf.float32, [3, 4, 4], name="a")
b = tf.placeholder(tf.float32, [5, 3], name="b")
e, v = tf.linalg.eigh(a)
s, u, w = tf.svd(b)
s2 = tf.linalg.svd(b, compute_uv=False)
s3, u3, w3 = tf.linalg.svd(b, full_matrices=True)
out = [e, v, tf.self_adjoint_eigvals(a), tf.linalg.eigvalsh(a), s, u, w, s2, s3, u3, w3,
       tf.linalg.logdet(a), tf.cholesky_solve(a, tf.ones([3, 4, 2])),
       tf.linalg.cholesky_solve(a, tf.ones([3, 4, 1]), name="cs")]
""", True),
    "misc_more": ("""
x = tf.placeholder(tf.float32, [None], name="x")
g = tf.placeholder(tf.float32, [2, 8, 8, 4], name="g")
f = tf.placeholder(tf.float32, [3, 3, 3, 4], name="f")
i = tf.placeholder(tf.float32, [2, 8, 8, 3], name="i")
out = [tf.is_non_decreasing(x), tf.math.is_strictly_increasing(x),
       tf.histogram_fixed_width(x, [0.0, 1.0], nbins=5),
       tf.nn.conv2d_backprop_input([2, 8, 8, 3], f, g, [1, 1, 1, 1], "SAME"),
       tf.nn.conv2d_backprop_filter(i, [3, 3, 3, 4], g, [1, 1, 1, 1], "SAME")]
seq = tf.placeholder(tf.float32, [3, 6], name="seq")
vals = tf.placeholder(tf.float32, [3, 2], name="vals")
out += [tf.searchsorted(seq, vals), tf.searchsorted(seq, vals, side="right"),
        tf.parallel_stack([x[0], x[1]]), tf.space_to_batch(i, [[0, 0], [0, 0]], 2),
        tf.batch_to_space(tf.space_to_batch(i, tf.constant([[1, 1], [1, 1]]), 2),
                          [[1, 1], [1, 1]], 2), tf.nn.space_to_batch(i, [[0, 0], [0, 0]], 2)]
p1 = tf.print("x:", x, [1, 2], {"a": x})
p2 = tf.print(x, output_stream=sys.stdout, name="px", summarize=10)
out.append(tf.constant([p1.type, p2.name, p1.get_attr("output_stream"),
                        p2.inputs[0].op.get_attr("template")]))
y = tf.placeholder(tf.float32, [None], name="y")
out += [tf.math.multiply_no_nan(x, y), tf.math.polyval([1.0, 2.0, y], x),
        tf.math.cumulative_logsumexp(x, reverse=True), tf.accumulate_n([x, y, x]),
        tf.math.accumulate_n([x], name="acc1")]
out += list(tf.linalg.normalize(g, axis=3)) + list(tf.linalg.normalize(seq))
""", False),
    "model_style": ("""
tf.set_random_seed(7)
x = tf.placeholder(tf.float32, [None, 10], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
w = tf.get_variable("w", [10, 3])
logits = tf.matmul(x, w)
probs = tf.nn.softmax(logits)
pred = tf.argmax(probs, 1)
correct = tf.equal(pred, y)
acc = tf.reduce_mean(tf.cast(correct, tf.float32))
parts = tf.split(logits, 3, axis=1)
ent = tf.reduce_sum(tf.where(probs > 0, -probs * tf.log(probs), tf.zeros_like(probs)), 1)
drop = tf.nn.dropout(x, keep_prob=0.5)
noise = tf.truncated_normal(tf.shape(x))
tf.summary.scalar("acc", acc)
tf.summary.histogram("logits", logits)
merged = tf.summary.merge_all()
out = [acc, ent, drop, noise, merged] + parts
""", True),
}


# Every element-wise tf.math name (most are TF's generated wrappers), on tensors and on
# Python values (converted in the op's scope), with their static shapes.
_UNARY = ["acos", "acosh", "asin", "asinh", "atan", "atanh", "bessel_i0e", "bessel_i1e",
          "ceil", "cos", "cosh", "digamma", "erf", "erfc", "exp", "expm1", "floor", "is_finite",
          "is_inf", "is_nan", "lgamma", "log", "log1p", "negative", "reciprocal", "rint",
          "rsqrt", "sign", "sin", "sinh", "sqrt", "square", "tan", "tanh", "softplus",
          "softsign", "abs", "sigmoid", "round", "log_sigmoid", "conj", "real"]
_BINARY = ["add", "atan2", "floormod", "greater", "greater_equal", "igamma", "igammac", "less",
           "less_equal", "maximum", "minimum", "nextafter", "polygamma", "squared_difference",
           "xdivy", "xlogy", "zeta", "multiply", "subtract", "divide", "truediv", "floordiv",
           "pow", "equal", "not_equal", "divide_no_nan", "mod"]
PROGRAMS["math_all_elementwise"] = ("\n".join(
    ['x = tf.placeholder(tf.float32, [None, 3], name="x")',
     'y = tf.placeholder(tf.float32, [4, 1], name="y")',
     'b = tf.placeholder(tf.bool, [2, 3], name="b")', "out = []"]
    + [f"out.append(tf.math.{n}(x))" for n in _UNARY]
    + [f"out.append(tf.math.{n}(x, y))" for n in _BINARY]
    + [f"out.append(tf.math.{n}(y, 2.0))" for n in _BINARY]
    + ["out += [tf.math.logical_and(b, True), tf.math.logical_or(b, b),",
       "        tf.math.logical_not(b), tf.math.logical_xor(b, b)]",
       "out += [tf.math.segment_sum(x, [0, 0, 1, 1]), tf.math.unsorted_segment_max(x, [0, 1],"
       " 3)]",
       "out += [tf.math.invert_permutation([2, 0, 1]), tf.math.betainc(x, x, x)]"]), True)

# Partial and unknown shapes through shape functions (issue 15): TF 2.21's refiner also
# reads `tf.shape(x)[i]` of a known dimension (top_k's k here).
PROGRAMS["partial_shapes"] = ("""
x = tf.placeholder(tf.float32, [None, 5], name="x")
u = tf.placeholder(tf.float32, name="u")
out = [tf.sort(x), tf.argsort(x, direction="DESCENDING"), tf.matrix_transpose(u),
       tf.nn.lrn(u), tf.linalg.svd(u, compute_uv=False), tf.tensordot(u, tf.ones([3, 3]), 1)]
""", True)
PROGRAMS["einsum_unknown_rank"] = ("""
u = tf.placeholder(tf.float32, name="u")
out = [tf.einsum("ij,jk->ik", u, tf.ones([3, 2]))]
""", True)
PROGRAMS["partial_shape_to_tensor"] = ("""
x = tf.placeholder(tf.float32, [None, 3], name="x")
out = [tf.zeros(x.shape)]
""", True)


def run(tf, source):
    g = tf.Graph()
    with g.as_default():
        import numpy as np

        env = {"tf": tf, "np": np, "sys": sys}
        try:
            exec(source, env)  # noqa: S102 - our own programs
        except Exception as e:  # noqa: BLE001 - the error is the record
            return {"error": [type(e).__name__, str(e).split("\n")[0]]}
        out = [t for t in env.get("out", []) if t is not None]
    return {
        "ops": [[op.name, op.type] for op in g.get_operations()],
        "op_outputs": graph_outputs(g),
        "shapes": [[t.name, None if t.shape.ndims is None else t.shape.as_list()] for t in out],
        "devices": {op.name: op.device for op in g.get_operations() if op.device},
        "seeds": _seeds(g),
    }


def _seeds(g):
    """The (seed, seed2) attributes of the graph's random ops."""
    out = {}
    for op in g.get_operations():
        try:
            out[op.name] = [int(op.get_attr("seed")), int(op.get_attr("seed2"))]
        except (ValueError, KeyError):
            continue
    return out


def main():
    which = sys.argv[1]
    if which == "tf1":
        import tensorflow as tf
    else:
        import tensorflow.compat.v1 as tf

        tf.disable_eager_execution()
    tf.logging.set_verbosity(tf.logging.ERROR) if hasattr(tf, "logging") else None
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, f"{which}.jsonl"), "w") as f:
        for name, (source, in_tf2) in PROGRAMS.items():
            if which == "tf2" and not in_tf2:
                continue
            rec = {"name": name, "source": source.strip("\n")}
            rec.update(run(tf, source))
            f.write(json.dumps(rec, sort_keys=True) + "\n")
            print(name, "error" in rec and rec["error"] or len(rec["ops"]))


if __name__ == "__main__":
    main()
