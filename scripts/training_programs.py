"""TF 1.x training programs for the reference data (issue 17): models followed by
their training ops as model code writes them (optimizers after a model, gradient
summaries, a second tower after `minimize`, global steps and schedules), then
random tensors built after them, whose TF 1.x op seeds count every op before.

Each program is `def main(tf, np)` returning values to compare bit for bit;
`ref_training.py` records them and each graph's op list with TF 1.15.
"""

from __future__ import annotations

_HEAD = """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed({seed})
"""

_TAIL = """
        after = tf.random_uniform([5])
        after2 = tf.random_normal([3, 2])
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            out += sess.run(tf.global_variables())
            out += sess.run([after, after2])
    return out
"""


def _program(seed, body):
    lines = [" " * 8 + ln if ln else ln for ln in body.strip("\n").split("\n")]
    return _HEAD.format(seed=seed) + "\n".join(lines) + _TAIL


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
}
