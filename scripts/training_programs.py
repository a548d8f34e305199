"""TF 1.x training programs for the reference data (issue 17): models followed by
their training ops as model code writes them (optimizers after a model, gradient
summaries, a second tower after `minimize`, global steps and schedules), then
random tensors built after them, whose TF 1.x op seeds count every op before.

Each program is `def main(tf, np)` returning values to compare bit for bit;
`ref_training.py` records them and each graph's op list with TF 1.15.
"""

from __future__ import annotations

import pathlib

_HEAD = """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed({seed})
"""

_TAIL = """
        after = tf.random_uniform([5])
        after2 = tf.random_normal([3, 2])
        init_vars = {init}
        with tf.Session(graph=g) as sess:
            sess.run(tf.variables_initializer(init_vars))
            out += sess.run(init_vars)
            out += sess.run([after, after2])
    return out
"""


def _program(seed, body, init="tf.global_variables()"):
    """`init`: the variables to initialise and fetch (those whose initializers compute)."""
    lines = [" " * 8 + ln if ln else ln for ln in body.strip("\n").split("\n")]
    return _HEAD.format(seed=seed) + "\n".join(lines) + _TAIL.format(init=init)


_MLP = """
x = tf.placeholder(tf.float32, [None, 6], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
h = tf.layers.dense(x, 8, activation=tf.nn.relu, name="h1")
logits = tf.layers.dense(h, 3, name="logits")
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
"""

PROGRAMS = {
    "grad/mlp_gradients": _program(11, _MLP + """
grads = tf.gradients(loss, tf.trainable_variables())
"""),
    "grad/square_mul_add": _program(12, """
a = tf.Variable(tf.random_normal([4, 3]), name="a")
b = tf.Variable(tf.random_normal([3]), name="b")
c = tf.reduce_sum(tf.square(a * 2.0 + b) - tf.exp(b) / 3.0)
g1 = tf.gradients(c, [a, b])
g2 = tf.gradients([c, tf.reduce_mean(a)], [a])
"""),
    "train/mlp_sgd": _program(21, _MLP + """
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
"""),
    "train/mlp_adam_global_step": _program(22, _MLP + """
global_step = tf.train.get_or_create_global_step()
train_op = tf.train.AdamOptimizer(1e-3).minimize(loss, global_step=global_step)
"""),
    "train/mlp_momentum_decay": _program(23, _MLP + """
step = tf.Variable(0, trainable=False, name="step")
lr = tf.train.exponential_decay(0.1, step, 100, 0.96, staircase=True)
opt = tf.train.MomentumOptimizer(lr, 0.9, use_nesterov=True)
grads_and_vars = opt.compute_gradients(loss)
train_op = opt.apply_gradients(grads_and_vars, global_step=step)
"""),
    "train/adam_clip_second_tower": _program(24, _MLP + """
tvars = tf.trainable_variables()
grads = tf.gradients(loss, tvars)
grads, norm = tf.clip_by_global_norm(grads, 5.0)
opt = tf.train.AdamOptimizer(learning_rate=2e-4, beta1=0.5)
train_op = opt.apply_gradients(zip(grads, tvars))
with tf.variable_scope("tower2"):
    h2 = tf.layers.dense(x, 4, activation=tf.tanh)
    out2 = tf.nn.dropout(h2, keep_prob=0.8)
"""),
    "train/optimizers_each": _program(25, _MLP + """
opts = [tf.train.RMSPropOptimizer(0.01), tf.train.RMSPropOptimizer(0.01, momentum=0.9,
        centered=True), tf.train.AdagradOptimizer(0.1), tf.train.AdadeltaOptimizer(1.0),
        tf.train.FtrlOptimizer(0.05, l1_regularization_strength=0.01),
        tf.train.ProximalGradientDescentOptimizer(0.1, l2_regularization_strength=0.001),
        tf.train.ProximalAdagradOptimizer(0.1)]
train_ops = [o.minimize(loss) for o in opts]
"""),
    "train/embedding_sparse": _program(26, """
ids = tf.placeholder(tf.int32, [None, 5], name="ids")
labels = tf.placeholder(tf.int64, [None], name="labels")
emb = tf.get_variable("embedding", [40, 8])
h = tf.reduce_mean(tf.nn.embedding_lookup(emb, ids), axis=1)
logits = tf.layers.dense(h, 4)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels,
                                                                     logits=logits))
step = tf.train.get_or_create_global_step()
t1 = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=step)
t2 = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
t3 = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
t4 = tf.train.AdagradOptimizer(0.1).minimize(loss)
"""),
    "train/cnn_softmax_xent": _program(27, """
images = tf.placeholder(tf.float32, [None, 12, 12, 3], name="images")
labels = tf.placeholder(tf.float32, [None, 5], name="labels")
keep = tf.placeholder_with_default(1.0, [], name="keep")
c = tf.layers.conv2d(images, 6, 3, padding="same", activation=tf.nn.relu)
c = tf.layers.max_pooling2d(c, 2, 2)
c = tf.layers.conv2d(c, 8, 3, activation=tf.nn.relu)
c = tf.layers.average_pooling2d(c, 2, 2)
f = tf.layers.flatten(c)
f = tf.nn.dropout(f, keep_prob=keep)
logits = tf.layers.dense(f, 5)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels,
                                                                  logits=logits))
loss += 1e-4 * tf.add_n([tf.nn.l2_loss(v) for v in tf.trainable_variables()])
lr = tf.train.polynomial_decay(0.1, tf.train.get_or_create_global_step(), 1000)
train_op = tf.train.MomentumOptimizer(lr, 0.9).minimize(
    loss, global_step=tf.train.get_global_step())
"""),
    "train/gan_var_lists": _program(28, """
z = tf.random_normal([4, 6])
real = tf.placeholder(tf.float32, [None, 10], name="real")
def generator(z):
    with tf.variable_scope("generator"):
        h = tf.layers.dense(z, 12, activation=tf.nn.leaky_relu)
        return tf.layers.dense(h, 10, activation=tf.tanh)
def discriminator(x, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = tf.layers.dense(x, 12, activation=tf.nn.leaky_relu)
        return tf.layers.dense(h, 1)
fake = generator(z)
d_real = discriminator(real)
d_fake = discriminator(fake, reuse=True)
d_loss = tf.reduce_mean(tf.square(d_real - 1.0)) + tf.reduce_mean(tf.square(d_fake))
g_loss = tf.reduce_mean(tf.square(d_fake - 1.0))
d_vars = [v for v in tf.trainable_variables() if v.name.startswith("discriminator")]
g_vars = tf.trainable_variables(scope="generator")
d_opt = tf.train.AdamOptimizer(2e-4, beta1=0.5).minimize(d_loss, var_list=d_vars)
g_opt = tf.train.AdamOptimizer(2e-4, beta1=0.5).minimize(g_loss, var_list=g_vars)
sample = generator(tf.random_uniform([2, 6], -1.0, 1.0)) if False else tf.random_uniform([2, 6])
"""),
    "train/noam_schedule_sigmoid": _program(29, _MLP + """
step = tf.cast(tf.train.get_or_create_global_step(), tf.float32) + 1.0
lr = 64 ** -0.5 * tf.minimum(step ** -0.5, step * 400.0 ** -1.5)
aux = tf.reduce_mean(tf.sigmoid(logits) * tf.exp(logits) + tf.sqrt(tf.abs(logits) + 1.0))
total = loss + 0.1 * aux - tf.reduce_sum(tf.log(tf.nn.softmax(logits) + 1e-6))
opt = tf.train.AdamOptimizer(lr, beta2=0.98, epsilon=1e-9)
gvs = opt.compute_gradients(total)
capped = [(tf.clip_by_value(g, -1.0, 1.0), v) for g, v in gvs]
train_op = opt.apply_gradients(capped, global_step=tf.train.get_global_step())
"""),
    "train/decay_schedules": _program(30, """
step = tf.train.get_or_create_global_step()
lrs = [tf.train.exponential_decay(0.1, step, 10, 0.5),
       tf.train.natural_exp_decay(0.1, step, 10, 0.5, staircase=True),
       tf.train.inverse_time_decay(0.1, step, 10, 0.5),
       tf.train.polynomial_decay(0.1, step, 10, power=2.0),
       tf.train.cosine_decay(0.1, step, 10, alpha=0.1)]
"""),
    "train/batchnorm_ema": _program(31, """
x = tf.placeholder(tf.float32, [None, 8, 8, 2], name="x")
y = tf.placeholder(tf.int32, [None], name="y")
h = tf.layers.conv2d(x, 4, 3, use_bias=False)
h = tf.layers.batch_normalization(h, training=True)
h = tf.nn.relu(h)
logits = tf.layers.dense(tf.layers.flatten(h), 3)
loss = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=logits)
step = tf.train.get_or_create_global_step()
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    opt_op = tf.train.AdamOptimizer(1e-3).minimize(loss, global_step=step)
ema = tf.train.ExponentialMovingAverage(0.999, num_updates=step)
with tf.control_dependencies([opt_op]):
    train_op = ema.apply(tf.trainable_variables())
avg = ema.average(tf.trainable_variables()[0])
""", init="[v for v in tf.global_variables() if 'ExponentialMovingAverage' not in v.name]"),
    "train/saver_graph": _program(32, _MLP + """
step = tf.train.get_or_create_global_step()
train_op = tf.train.AdamOptimizer().minimize(loss, global_step=step)
saver = tf.train.Saver(max_to_keep=3)
saver2 = tf.train.Saver(tf.trainable_variables())
"""),
    "loop/counter_max_iterations": _program(40, """
w = tf.constant(2.0)
i, x = tf.while_loop(lambda i, x: i < 10,
                     lambda i, x: [i + 1, x * w + tf.random_uniform([])], [0, 1.0],
                     maximum_iterations=5)
y = tf.while_loop(lambda v: tf.reduce_sum(v) < 100.0, lambda v: v * 1.5,
                  [tf.ones([3])], parallel_iterations=1, back_prop=False)
"""),
    "loop/cond_and_variable_inside": _program(41, """
v = tf.get_variable("v", [4], initializer=tf.random_normal_initializer(stddev=0.1))
def body(t, acc):
    acc = tf.cond(t % 2 < 1, lambda: acc + v, lambda: acc * 2.0 - v)
    return t + 1, tf.nn.dropout(acc, keep_prob=0.9)
t, acc = tf.while_loop(lambda t, acc: t < 6, body, (tf.constant(0), tf.zeros([4])),
                       name="accumulate")
nested = tf.while_loop(lambda a, b: a < 3, lambda a, b: (a + 1, tf.while_loop(
    lambda c: c < a, lambda c: c + 1, [b])), [0, 0])
"""),
    "rnn/basic_lstm_dynamic": _program(50, """
x = tf.placeholder(tf.float32, [None, 5, 3])
cell = tf.nn.rnn_cell.BasicLSTMCell(4)
outputs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
"""),
    "rnn/lstm_classifier_dropout": _program(51, """
tokens = tf.placeholder(tf.int32, [None, 7], name="tokens")
lengths = tf.placeholder(tf.int32, [None], name="lengths")
labels = tf.placeholder(tf.int64, [None], name="labels")
keep = tf.placeholder_with_default(1.0, [], name="keep")
emb = tf.get_variable("emb", [30, 6], initializer=tf.random_uniform_initializer(-0.1, 0.1))
x = tf.nn.embedding_lookup(emb, tokens)
cells = [tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.LSTMCell(8, use_peepholes=True,
                                                                num_proj=5),
                                       output_keep_prob=keep)
         for _ in range(2)]
cell = tf.nn.rnn_cell.MultiRNNCell(cells)
outputs, state = tf.nn.dynamic_rnn(cell, x, sequence_length=lengths, dtype=tf.float32)
logits = tf.layers.dense(state[-1].h, 3)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels,
                                                                     logits=logits))
"""),
    "rnn/gru_bidirectional_variational": _program(52, """
x = tf.placeholder(tf.float32, [4, 6, 3], name="x")
fw = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.GRUCell(5), input_keep_prob=0.8,
                                   state_keep_prob=0.7, variational_recurrent=True,
                                   input_size=3, dtype=tf.float32, seed=3)
bw = tf.contrib.rnn.ResidualWrapper(tf.contrib.rnn.BasicRNNCell(3))
(o_fw, o_bw), (s_fw, s_bw) = tf.nn.bidirectional_dynamic_rnn(fw, bw, x, dtype=tf.float32)
both = tf.concat([o_fw, o_bw], axis=2)
"""),
    "rnn/static_rnn_multi": _program(53, """
xs = [tf.placeholder(tf.float32, [None, 4]) for _ in range(3)]
cell = tf.contrib.rnn.MultiRNNCell([tf.contrib.rnn.BasicLSTMCell(6),
                                    tf.contrib.rnn.GRUCell(4)])
outs, final = tf.contrib.rnn.static_rnn(cell, xs, dtype=tf.float32)
h = tf.layers.dense(outs[-1], 2)
"""),
    "train/custom_adamw_warmup": _program(33, """
class WeightDecayAdam(tf.train.Optimizer):
    def __init__(self, lr, decay=0.01, b1=0.9, b2=0.999, eps=1e-6, name="WeightDecayAdam"):
        super(WeightDecayAdam, self).__init__(False, name)
        self.lr, self.decay, self.b1, self.b2, self.eps = lr, decay, b1, b2, eps

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        updates = []
        for grad, var in grads_and_vars:
            if grad is None:
                continue
            vname = var.name.split(":")[0]
            m = tf.get_variable(vname + "/adam_m", shape=var.shape.as_list(),
                                dtype=tf.float32, trainable=False,
                                initializer=tf.zeros_initializer())
            v = tf.get_variable(vname + "/adam_v", shape=var.shape.as_list(),
                                dtype=tf.float32, trainable=False,
                                initializer=tf.zeros_initializer())
            m_new = tf.multiply(self.b1, m) + tf.multiply(1.0 - self.b1, grad)
            v_new = tf.multiply(self.b2, v) + tf.multiply(1.0 - self.b2, tf.square(grad))
            step = m_new / (tf.sqrt(v_new) + self.eps)
            if "bias" not in vname:
                step += self.decay * var
            updates += [var.assign(var - self.lr * step), m.assign(m_new), v.assign(v_new)]
        return tf.group(*updates, name=name)

""" + _MLP.replace("logits = ", "logits = 0.5 * ") + """
global_step = tf.train.get_or_create_global_step()
lr = tf.constant(1e-3, shape=[], dtype=tf.float32)
lr = tf.train.polynomial_decay(lr, global_step, 1000, end_learning_rate=0.0, power=1.0)
step_i = tf.cast(global_step, tf.int32)
warm_i = tf.constant(100, dtype=tf.int32)
done = tf.cast(step_i, tf.float32) / tf.cast(warm_i, tf.float32)
is_warm = tf.cast(step_i < warm_i, tf.float32)
lr = (1.0 - is_warm) * lr + is_warm * (1e-3 * done)
opt = WeightDecayAdam(lr)
tvars = tf.trainable_variables()
grads = tf.gradients(loss, tvars)
grads, _ = tf.clip_by_global_norm(grads, clip_norm=1.0)
train_op = opt.apply_gradients(zip(grads, tvars), global_step=global_step)
train_op = tf.group(train_op, [global_step.assign(global_step + 1)])
"""),
    "grad/attention_layer_norm_conv1d": _program(34, """
x = tf.placeholder(tf.float32, [None, 6, 8], name="x")
q = tf.layers.dense(x, 8, name="q")
k = tf.layers.dense(x, 8, name="k")
v = tf.layers.dense(x, 8, name="v")
qh = tf.transpose(tf.reshape(q, [-1, 6, 2, 4]), [0, 2, 1, 3])
kh = tf.transpose(tf.reshape(k, [-1, 6, 2, 4]), [0, 2, 1, 3])
vh = tf.transpose(tf.reshape(v, [-1, 6, 2, 4]), [0, 2, 1, 3])
att = tf.nn.softmax(tf.matmul(qh, kh, transpose_b=True) * 0.5)
ctx = tf.reshape(tf.transpose(tf.matmul(att, vh), [0, 2, 1, 3]), [-1, 6, 8])
h = tf.contrib.layers.layer_norm(x + tf.layers.dropout(ctx, 0.1, training=True))
gelu = 0.5 * h * (1.0 + tf.tanh(0.7978845608 * (h + 0.044715 * tf.pow(h, 3))))
c = tf.layers.conv1d(tf.pad(gelu, [[0, 0], [1, 1], [0, 0]]), 4, 3)
parts = tf.split(c, 2, axis=2)
y = tf.reduce_sum(tf.square(parts[0] - parts[1])) + tf.reduce_mean(tf.reduce_max(c, axis=1))
grads = tf.gradients(y, tf.trainable_variables() + [x])
opt = tf.train.AdamOptimizer(1e-4).minimize(y)
"""),
    "cond/dropout_training_placeholder": _program(60, """
x = tf.placeholder(tf.float32, [None, 6], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
training = tf.placeholder_with_default(False, [], name="training")
h = tf.layers.dense(x, 8, activation=tf.nn.relu)
h = tf.layers.dropout(h, rate=0.3, training=training)
logits = tf.layers.dense(h, 3)
scale = tf.get_variable("scale", [], initializer=tf.ones_initializer())
logits = tf.cond(training, lambda: logits * scale, lambda: logits)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
"""),
    "cond/batchnorm_training_placeholder": _program(61, """
x = tf.placeholder(tf.float32, [None, 8, 8, 3], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
is_training = tf.placeholder(tf.bool, [], name="is_training")
h = tf.layers.conv2d(x, 4, 3, padding="same", use_bias=False)
h = tf.layers.batch_normalization(h, training=is_training)
h = tf.nn.relu(h)
h = tf.layers.max_pooling2d(h, 2, 2)
h = tf.layers.dropout(tf.layers.flatten(h), rate=0.5, training=is_training)
logits = tf.layers.dense(h, 3)
loss = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=logits)
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    train_op = tf.train.MomentumOptimizer(0.01, 0.9).minimize(
        loss, global_step=tf.train.get_or_create_global_step())
"""),
    "train/piecewise_constant_case": _program(35, _MLP + """
step = tf.train.get_or_create_global_step()
lr = tf.train.piecewise_constant(step, [100, 200, 300], [0.1, 0.05, 0.01, 0.001])
train_op = tf.train.MomentumOptimizer(lr, 0.9).minimize(loss, global_step=step)
x2 = tf.placeholder(tf.int32, [])
c = tf.case([(x2 < 0, lambda: tf.constant(-1.0)), (x2 > 5, lambda: tf.constant(1.0))],
            default=lambda: tf.constant(0.0))
"""),
    "train/tied_embeddings_lm": _program(36, """
ids = tf.placeholder(tf.int32, [None, 4], name="ids")
targets = tf.placeholder(tf.int32, [None, 4], name="targets")
emb = tf.get_variable("emb", [20, 6], initializer=tf.truncated_normal_initializer(stddev=0.1))
h = tf.nn.embedding_lookup(emb, ids) + tf.nn.embedding_lookup(emb, targets) * 0.5
h = tf.layers.dense(h, 6, activation=tf.tanh)
logits = tf.matmul(tf.reshape(h, [-1, 6]), emb, transpose_b=True)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=tf.reshape(targets, [-1]), logits=logits))
gvs = tf.train.AdamOptimizer(1e-3).compute_gradients(loss)
dense = [tf.convert_to_tensor(g) if not isinstance(g, tf.IndexedSlices) else g
         for g, v in gvs]
train_op = tf.train.RMSPropOptimizer(0.01).apply_gradients(gvs)
"""),
    "train/dcgan": _program(37, """
z = tf.random_uniform([4, 16], -1.0, 1.0)
images = tf.placeholder(tf.float32, [4, 8, 8, 1], name="images")
def generator(z, training=True):
    with tf.variable_scope("generator"):
        h = tf.layers.dense(z, 2 * 2 * 8)
        h = tf.reshape(h, [-1, 2, 2, 8])
        h = tf.nn.relu(tf.layers.batch_normalization(h, training=training))
        h = tf.layers.conv2d_transpose(h, 4, 5, strides=2, padding="same")
        h = tf.nn.relu(tf.layers.batch_normalization(h, training=training))
        return tf.tanh(tf.layers.conv2d_transpose(h, 1, 5, strides=2, padding="same"))
def discriminator(x, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = tf.nn.leaky_relu(tf.layers.conv2d(x, 4, 5, strides=2, padding="same"), 0.2)
        h = tf.layers.conv2d(h, 8, 5, strides=2, padding="same")
        h = tf.nn.leaky_relu(tf.layers.batch_normalization(h, training=True), 0.2)
        return tf.layers.dense(tf.layers.flatten(h), 1)
fake = generator(z)
d_real = discriminator(images)
d_fake = discriminator(fake, reuse=True)
xent = tf.nn.sigmoid_cross_entropy_with_logits if hasattr(
    tf.nn, "sigmoid_cross_entropy_with_logits") else None
d_loss = tf.reduce_mean(tf.nn.softplus(-d_real)) + tf.reduce_mean(tf.nn.softplus(d_fake))
g_loss = tf.reduce_mean(tf.nn.softplus(-d_fake))
t_vars = tf.trainable_variables()
d_vars = [v for v in t_vars if "discriminator" in v.name]
g_vars = [v for v in t_vars if "generator" in v.name]
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    d_optim = tf.train.AdamOptimizer(2e-4, beta1=0.5).minimize(d_loss, var_list=d_vars)
    g_optim = tf.train.AdamOptimizer(2e-4, beta1=0.5).minimize(g_loss, var_list=g_vars)
sample_z = tf.random_normal([2, 16])
"""),
    "train/vae_label_smoothing": _program(38, """
x = tf.placeholder(tf.float32, [None, 10], name="x")
labels = tf.placeholder(tf.int32, [None], name="labels")
h = tf.layers.dense(x, 8, activation=tf.nn.elu)
mu = tf.layers.dense(h, 2)
logvar = tf.layers.dense(h, 2)
eps = tf.random_normal(tf.shape(mu))
z = mu + tf.exp(0.5 * logvar) * eps
recon = tf.layers.dense(tf.layers.dense(z, 8, activation=tf.nn.relu), 10)
rec_loss = tf.reduce_mean(tf.reduce_sum(tf.squared_difference(recon, x), axis=1))
kl = -0.5 * tf.reduce_mean(tf.reduce_sum(1.0 + logvar - tf.square(mu) - tf.exp(logvar), 1))
cls = tf.layers.dense(z, 4)
onehot = tf.one_hot(labels, 4)
cls_loss = tf.losses.softmax_cross_entropy(onehot, cls, label_smoothing=0.1)
total = rec_loss + kl + cls_loss
step = tf.train.get_or_create_global_step()
d = 16.0
s = tf.cast(step, tf.float32) + 1.0
lr = d ** -0.5 * tf.minimum(tf.rsqrt(s), s * 4000.0 ** -1.5)
train_op = tf.train.AdamOptimizer(lr, 0.9, 0.98, 1e-9).minimize(total, global_step=step)
"""),
    "rnn/static_bidirectional_lstm_sgd": _program(54, """
X = tf.placeholder("float", [None, 6, 5])
Y = tf.placeholder("float", [None, 4])
w_out = tf.Variable(tf.random_normal([16, 4]))
b_out = tf.Variable(tf.random_normal([4]))
steps = tf.unstack(X, 6, 1)
fw_cell = tf.contrib.rnn.BasicLSTMCell(8, forget_bias=1.0)
bw_cell = tf.contrib.rnn.BasicLSTMCell(8, forget_bias=1.0)
outs, _, _ = tf.contrib.rnn.static_bidirectional_rnn(fw_cell, bw_cell, steps,
                                                     dtype=tf.float32)
logits = tf.matmul(outs[-1], w_out) + b_out
prediction = tf.nn.softmax(logits)
loss_op = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=Y))
train_op = tf.train.GradientDescentOptimizer(learning_rate=0.001).minimize(loss_op)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(prediction, 1), tf.argmax(Y, 1)),
                                  tf.float32))
"""),
    "grad/options": _program(13, """
a = tf.Variable(tf.random_normal([5, 3]), name="a")
b = tf.Variable(tf.random_uniform([3]), name="b")
idx = tf.placeholder(tf.int32, [None])
ga = tf.gather(a, idx)
y = tf.reduce_sum(ga * b) + tf.reduce_mean(tf.maximum(a, 0.1)) + tf.reduce_sum(a * a)
z = tf.stop_gradient(y) * b + y
g1 = tf.gradients(z, [a, b], grad_ys=tf.ones([3]) * 2.0)
g2 = tf.gradients([y, z], [a, b], stop_gradients=[ga],
                  aggregation_method=tf.AggregationMethod.EXPERIMENTAL_TREE)
g3 = tf.gradients(y, [a, idx, b], colocate_gradients_with_ops=True)
g4 = tf.gradients(tf.reduce_sum(tf.nn.embedding_lookup(a, idx)), a)
"""),
    "train/sparse_optimizers_gating": _program(39, """
ids = tf.placeholder(tf.int32, [None], name="ids")
emb = tf.get_variable("emb", [12, 4])
w = tf.get_variable("w", [4, 2])
loss = tf.reduce_sum(tf.matmul(tf.nn.embedding_lookup(emb, ids), w))
opts = [tf.train.RMSPropOptimizer(0.01, momentum=0.5),
        tf.train.RMSPropOptimizer(0.01, centered=True),
        tf.train.FtrlOptimizer(0.1, l2_shrinkage_regularization_strength=0.01),
        tf.train.AdadeltaOptimizer(), tf.train.ProximalAdagradOptimizer(0.1),
        tf.train.ProximalGradientDescentOptimizer(0.1),
        tf.train.AdagradDAOptimizer(0.1, tf.train.get_or_create_global_step())]
gates = [tf.train.Optimizer.GATE_NONE, tf.train.Optimizer.GATE_GRAPH]
ops = [o.minimize(loss, gate_gradients=gates[i % 2]) for i, o in enumerate(opts)]
"""),
    "grad/reverse_tile_concat": _program(14, """
x = tf.placeholder(tf.float32, [3, 4], name="x")
lens = tf.placeholder(tf.int64, [3], name="lens")
w = tf.Variable(tf.random_normal([3, 4]), name="w")
v = tf.Variable(tf.random_normal([1, 4]), name="v")
r = tf.reverse(w * x, [1]) + tf.reverse_sequence(w, lens, seq_axis=1, batch_axis=0)
t = tf.tile(v, [3, 1])
c = tf.concat([r, t, w], axis=1)
s1, s2 = tf.split(c, [5, 7], axis=1)
y = tf.reduce_sum(s1 * 2.0) + tf.reduce_max(s2) + tf.reduce_sum(tf.stack([w, t], 0)[1])
grads = tf.gradients(y, [w, v])
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(y)
"""),
    "loop/gradient_descent_through_loop": _program(42, """
w = tf.Variable(2.0, name="w")
v = tf.Variable(tf.random_normal([3]), name="v")
i, x, y = tf.while_loop(lambda i, x, y: i < 3,
                        lambda i, x, y: (i + 1, x * w, y + tf.tanh(v * x)), [0, 1.0, tf.zeros([3])])
loss = x + tf.reduce_sum(tf.square(y))
grads = tf.gradients(loss, [w, v])
train_op = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
"""),
    "rnn/lstm_train_adam_clip": _program(55, """
x = tf.placeholder(tf.float32, [None, 5, 3], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
lengths = tf.placeholder(tf.int32, [None], name="lengths")
cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.LSTMCell(6), output_keep_prob=0.8)
outputs, state = tf.nn.dynamic_rnn(cell, x, sequence_length=lengths, dtype=tf.float32)
logits = tf.layers.dense(state.h, 3)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
tvars = tf.trainable_variables()
grads, _ = tf.clip_by_global_norm(tf.gradients(loss, tvars), 5.0)
train_op = tf.train.AdamOptimizer(1e-3).apply_gradients(zip(grads, tvars))
"""),
    "rnn/multilayer_minimize": _program(56, """
tokens = tf.placeholder(tf.int32, [None, 6], name="tokens")
labels = tf.placeholder(tf.int64, [None], name="labels")
emb = tf.get_variable("emb", [25, 5])
x = tf.nn.embedding_lookup(emb, tokens)
cell = tf.nn.rnn_cell.MultiRNNCell([
    tf.nn.rnn_cell.LSTMCell(7, use_peepholes=True, num_proj=4),
    tf.nn.rnn_cell.GRUCell(4)])
outputs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
logits = tf.layers.dense(outputs[:, -1, :], 3)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels,
                                                                     logits=logits))
step = tf.train.get_or_create_global_step()
train_op = tf.train.RMSPropOptimizer(0.01).minimize(loss, global_step=step)
"""),
    "rnn/bidirectional_train": _program(57, """
x = tf.placeholder(tf.float32, [None, 4, 3], name="x")
y = tf.placeholder(tf.float32, [None, 2], name="y")
(fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(tf.nn.rnn_cell.GRUCell(5),
                                              tf.nn.rnn_cell.BasicLSTMCell(5), x,
                                              dtype=tf.float32)
h = tf.concat([fw[:, -1], bw[:, 0]], axis=1)
logits = tf.layers.dense(h, 2)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits))
train_op = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
"""),
    "rnn/dropout_wrappers_train": _program(58, """
tokens = tf.placeholder(tf.int32, [None, 5], name="tokens")
lengths = tf.placeholder(tf.int32, [None], name="lengths")
labels = tf.placeholder(tf.int64, [None], name="labels")
emb = tf.get_variable("emb", [20, 4])
x = tf.nn.embedding_lookup(emb, tokens)
cells = [tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.GRUCell(6), input_keep_prob=0.9,
                                       state_keep_prob=0.8, variational_recurrent=True,
                                       input_size=4, dtype=tf.float32),
         tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(5), state_keep_prob=0.7)]
outputs, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell(cells), x,
                                   sequence_length=lengths, dtype=tf.float32)
logits = tf.layers.dense(tf.reduce_mean(outputs, axis=1), 3)
loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
train_op = tf.train.AdamOptimizer(1e-3).minimize(
    loss, global_step=tf.train.get_or_create_global_step())
"""),
    "rnn/batchnorm_update_ops_gru": _program(59, """
x = tf.placeholder(tf.float32, [None, 5, 3], name="x")
h = tf.layers.batch_normalization(x, training=True)
outputs, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(4), h, dtype=tf.float32)
loss = tf.reduce_sum(outputs)
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
"""),
}


# A model saved by `ref_training.py --checkpoint` (TF 1.15 writes the files) and by
# philoxflow (the test compares the bytes, then restores TF's files).
# The checkpoint test's program: kept with the checkpoint it made (tests/data/training/),
# so the test reads it from its data folder.
CHECKPOINT_MODEL = (pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "training"
                    / "checkpoint_model.py.txt").read_text()
