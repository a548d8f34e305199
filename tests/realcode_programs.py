"""Small programs of our own that use TF 1.x APIs the way public model code does
(tkipf/gcn: sparse features, sparse matmul, its gradient, FLAGS). Each `prog_*(tf)`
builds in the default graph and returns (fetches, feeds); run under TF 1.15 by
scripts/ref_realcode.py and under philoxflow by tests/test_realcode.py."""

import numpy as np


def prog_sparse_matmul_grad(tf):
    """Sparse placeholder times a glorot variable, dropout, Adam on the sum."""
    tf.set_random_seed(7)
    x = tf.sparse_placeholder(tf.float32, shape=tf.constant([4, 3], dtype=tf.int64))
    w = tf.get_variable("w", [3, 5], initializer=tf.glorot_uniform_initializer())
    y = tf.sparse_tensor_dense_matmul(x, w)
    h = tf.nn.dropout(tf.nn.relu(y), rate=0.5)
    w2 = tf.Variable(tf.random_uniform([4, 2], -0.1, 0.1), name="w2")
    a = tf.sparse_tensor_dense_matmul(x, tf.transpose(w2), adjoint_a=True, adjoint_b=True)
    loss = tf.reduce_sum(h) + tf.reduce_sum(a)
    opt = tf.train.AdamOptimizer(0.01).minimize(loss)
    gw = tf.gradients(loss, [w, w2])
    feeds = {x: tf.SparseTensorValue(np.array([[0, 0], [1, 2], [3, 1]], np.int64),
                                     np.array([1.0, 2.0, -1.0], np.float32),
                                     np.array([4, 3], np.int64))}
    return {"w": w, "w2": w2, "gw": gw[0].op, "gw2": gw[1].op, "opt": opt}, feeds, True


def prog_reduce_sum_grads(tf):
    """Sums over static and partly known shapes (a VAE's KL and likelihood terms), log1p,
    `tf.maximum` of two Python values, and their gradients."""
    a = tf.placeholder(tf.float32, [None, 5, 3])
    s = tf.reduce_sum(a * 2.0, [1, -1])
    b = tf.placeholder(tf.float32, [4, 5, 3])
    s2 = (tf.reduce_sum(b, [0, 2]) + tf.reduce_sum(b * 3.0, [0, 2])
          + tf.reduce_sum(tf.reduce_sum(b, 1), 1)[:1])
    m = tf.maximum([1, 2], 1)
    n = tf.add(3, 4)
    kl = tf.reduce_mean(0.5 * tf.reduce_sum(tf.square(b) - tf.log(1e-8 + tf.square(b)), [1]))
    ll = tf.log1p(b)
    g = tf.gradients([s, s2, ll, kl], [a, b])
    return {"m": m, "n": n, "ga": g[0].op, "gb": g[1].op}, {}, False


def prog_maximum_second_order(tf):
    """A leaky ReLU as `tf.maximum(x, a * x)` and a gradient penalty (WGAN-GP, DRAGAN):
    BroadcastGradientArgs of constant shapes folds, so the second gradient sees static
    shapes (Const `Shape`s)."""
    x = tf.placeholder(tf.float32, [8, 4])
    w1 = tf.constant(np.full([4, 3], 0.5, np.float32))
    h = tf.matmul(x, w1)
    y = tf.maximum(h, 0.2 * h)
    z = tf.maximum(h, tf.ones([3])) + h * tf.ones([1, 3])
    out = tf.reduce_sum(y * z, axis=1)
    g = tf.gradients(out, x)[0]
    penalty = tf.reduce_mean((tf.sqrt(tf.reduce_sum(tf.square(g), axis=1)) - 1.) ** 2)
    gg = tf.gradients(penalty, w1)[0]
    return {"gg": gg.op}, {}, False


def prog_neighbor_sampler(tf):
    """GraphSAGE-style neighbour sampling: lookup by ids of unknown rank, transpose
    without perm (Rank/Range), random_shuffle, slice."""
    tf.set_random_seed(3)
    adj_ph = tf.placeholder(tf.int32, shape=[10, 4])
    adj = tf.Variable(adj_ph, trainable=False, name="adj_info")
    ids = tf.placeholder(tf.int32, shape=None)
    lists = tf.nn.embedding_lookup(adj, ids)
    lists = tf.transpose(tf.random_shuffle(tf.transpose(lists)))
    lists = tf.slice(lists, [0, 0], [-1, 3])
    noise = tf.random_uniform(tf.shape(tf.transpose(tf.constant(np.ones([2, 3], np.float32)))))
    feeds = {adj_ph: np.arange(40, dtype=np.int32).reshape(10, 4), ids: np.array([0, 3])}
    return {"lists": lists.op, "noise": noise}, feeds, False


def prog_lstm_zero_state_folded_batch(tf):
    """A cell's zero_state for `tf.shape(x)[0]` of a static shape (GraphSAGE's seq
    aggregator) and of a fed batch."""
    cell = tf.nn.rnn_cell.BasicLSTMCell(8)
    x = tf.placeholder(tf.float32, [None, 3, 2])
    a = cell.zero_state(tf.shape(tf.zeros([3, 2]))[0], tf.float32)
    b = cell.zero_state(tf.shape(x)[0], tf.float32)
    return {"ac": a.c, "bh": b.h.op}, {}, False


def prog_gather_after_reshape_grad(tf):
    """The last RNN output picked by `tf.gather` of a flattened `tf.reshape` (GraphSAGE's
    seq aggregator): Reshape's gradient densifies the IndexedSlices inside its own scope,
    after the Shape."""
    x = tf.placeholder(tf.float32, [None, 3, 4])
    w = tf.Variable(tf.ones([4, 4]))
    y = tf.tensordot(x, w, 1)
    idx = tf.placeholder(tf.int32, [None])
    out = tf.gather(tf.reshape(y, [-1, 4]), idx)
    seg = tf.unsorted_segment_sum(tf.ones([5, 2]), tf.constant([0, 1, 0, 2, 1]), 3)
    g = tf.gradients(tf.reduce_sum(out), w)[0]
    return {"g": g.op, "seg": seg.op}, {}, True


def prog_split_by_dimension(tf):
    """baselines' batch_to_seq: `tf.split` into `X.shape[0] // nenv` pieces (a Dimension,
    converted to a `shape_as_tensor` Const first) and `tf.convert_to_tensor` of shapes."""
    x = tf.placeholder(tf.float32, [4, 6])
    nsteps = x.shape[0] // 2
    h = tf.reshape(x, [2, nsteps, -1])
    parts = [tf.squeeze(v, [1]) for v in tf.split(axis=1, num_or_size_splits=nsteps, value=h)]
    s = tf.convert_to_tensor(x.shape)
    d = tf.convert_to_tensor(x.shape[1], name="dim")
    return {"s": s, "d": d, "p": parts[1].op}, {}, False


def prog_batch_norm_gradient_penalty(tf):
    """A gradient penalty through fused batch norm (WGAN-GP, DRAGAN critics): TF 1.15
    builds FusedBatchNormGradV3's gradient by running a GradientTape over batch norm's
    gradient written with ordinary ops; training and inference mode, NHWC and NCHW."""
    tf.set_random_seed(5)
    x = tf.placeholder(tf.float32, [4, 3, 3, 2])
    w = tf.get_variable("w", [2, 2], initializer=tf.random_normal_initializer())
    scale = tf.Variable(tf.random_uniform([2], 0.5, 1.5), name="scale")
    h = tf.reshape(tf.matmul(tf.reshape(x, [-1, 2]), w), [4, 3, 3, 2])
    y, _, _ = tf.nn.fused_batch_norm(h, scale, tf.zeros([2]), is_training=True)
    y2, _, _ = tf.nn.fused_batch_norm(h, scale, tf.zeros([2]), mean=tf.ones([2]),
                                      variance=tf.ones([2]), is_training=False)
    out = tf.reduce_sum(tf.square(y) + 0.5 * y2, axis=[1, 2, 3])
    g = tf.gradients(out, x)[0]
    pen = tf.reduce_mean((tf.sqrt(tf.reduce_sum(tf.square(g), axis=[1, 2, 3])) - 1.) ** 2)
    gw, gs = tf.gradients(pen, [w, scale])
    xc = tf.placeholder(tf.float32, [4, 2, 3, 3])
    yc, _, _ = tf.nn.fused_batch_norm(xc, scale, tf.zeros([2]), data_format="NCHW")
    gc = tf.gradients(tf.reduce_sum(yc * yc), xc)[0]
    ggc = tf.gradients(tf.reduce_sum(gc * gc), [xc, scale])
    feeds = {x: np.linspace(-1, 1, 72, dtype=np.float32).reshape(4, 3, 3, 2)}
    return {"w": w, "scale": scale, "gw": gw.op, "gs": gs.op, "ggc0": ggc[0].op,
            "ggc1": ggc[1].op}, feeds, True


def prog_indexed_slices_in_arithmetic(tf):
    """BERT's AdamWeightDecayOptimizer: an embedding's IndexedSlices gradient in
    `tf.multiply`, `+` and `tf.square` (TF's registered conversion densifies it inside the
    op's scope), and `tf.expand_dims(ids, axis=[-1])`: a one-element axis, a fed batch."""
    tf.set_random_seed(11)
    ids = tf.placeholder(tf.int32, [None, 3])
    ex = tf.expand_dims(ids, axis=[-1])
    table = tf.get_variable("table", [6, 4],
                            initializer=tf.truncated_normal_initializer(stddev=0.02))
    emb = tf.gather(table, tf.reshape(ex, [-1]))
    (grad,) = tf.gradients(tf.reduce_sum(emb * emb), [table])
    m = tf.get_variable("m", [6, 4], initializer=tf.zeros_initializer(), trainable=False)
    next_m = tf.multiply(0.9, m) + tf.multiply(1.0 - 0.9, grad)
    next_v = tf.multiply(0.99, m) + tf.multiply(1.0 - 0.99, tf.square(grad))
    upd = tf.group(m.assign(next_m), m.assign(next_v))
    feeds = {ids: np.array([[0, 5, 2], [1, 1, 3]], np.int32)}
    return {"ex": ex, "table": table, "upd": upd}, feeds, True


def prog_sparse_xent_rank3(tf):
    """GPT-2's language-model loss: sparse softmax cross entropy of [batch, time, vocab]
    logits whose time is unknown (TF checks the shapes with assert_equal first, and the
    ops after it carry its control input), one fully known, and their gradients."""
    x = tf.placeholder(tf.int32, [2, None])
    logits = tf.placeholder(tf.float32, [2, None, 7])
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=x[:, 1:], logits=logits[:, :-1]))
    y = tf.placeholder(tf.int32, [2, 3])
    logits2 = tf.placeholder(tf.float32, [2, 3, 7])
    loss2 = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits2)
    g = tf.gradients([loss, loss2], [logits, logits2])
    return {"g0": g[0].op, "g1": g[1].op}, {}, False


def prog_device_pinned_embedding_adam(tf):
    """cnn-text-classification's embedding made under `tf.device('/cpu:0')` and trained by
    Adam: TF colocates each variable's update with it, so the sparse update's three
    results share the device and one `group_deps` NoOp ties them."""
    tf.set_random_seed(13)
    with tf.device("/cpu:0"), tf.name_scope("embedding"):
        w = tf.Variable(tf.random_uniform([12, 4], -1.0, 1.0), name="W")
        ids = tf.placeholder(tf.int32, [None, 5])
        emb = tf.expand_dims(tf.nn.embedding_lookup(w, ids), -1)
    r = tf.get_variable("r", [4], use_resource=True)
    loss = tf.reduce_sum(emb) + tf.reduce_sum(r * r)
    step = tf.Variable(0, name="global_step", trainable=False)
    opt = tf.train.AdamOptimizer(1e-3)
    train = opt.apply_gradients(opt.compute_gradients(loss), global_step=step)
    return {"w": w, "train": train}, {}, True


def prog_div_python2_semantics(tf):
    """WaveNet's batch_to_time: `tf.div(tf.shape(x)[0], dilation)` divides integers as
    Python 2 did (FloorDiv, no cast to float); floats take RealDiv."""
    x = tf.placeholder(tf.float32, [None, 6, 2])
    shape = tf.shape(x)
    prepared = tf.reshape(x, [2, -1, shape[2]])
    out = tf.reshape(tf.transpose(prepared, perm=[1, 0, 2]), [tf.div(shape[0], 2), -1, shape[2]])
    ints = [tf.div(shape, 4), tf.div(-7, 2), tf.div(7, shape[1], name="seven")]
    floats = tf.div(x, 3) + tf.div(2.0, x)
    feeds = {x: np.zeros([4, 6, 2], np.float32)}
    return {"out": tf.shape(out), "i0": ints[0], "i1": ints[1], "i2": ints[2],
            "f": floats.op}, feeds, False


def prog_gather_nd_q_values(tf):
    """DQN code picks Q(s, a) with `tf.gather_nd(q, tf.stack([range, a], 1))` and trains on
    it: GatherNd's gradient is a ScatterNd, or an IndexedSlices for one-column indices."""
    q = tf.placeholder(tf.float32, [None, 3])
    a = tf.placeholder(tf.int32, [None])
    idx = tf.stack([tf.range(tf.shape(a)[0], dtype=tf.int32), a], axis=1)
    v = tf.gather_nd(params=q, indices=idx)
    w = tf.gather_nd(q, tf.expand_dims(a, 1))
    g = tf.gradients(tf.reduce_sum(v) + tf.reduce_sum(w), q)[0]
    return {"g": g.op}, {}, False


def prog_distributions_normal(tf):
    """RL policies (PPO, A3C, actor-critic) sample actions from `tf.distributions.Normal`
    and take log-probabilities, ratios of probabilities, entropies and KL divergences;
    `validate_args` puts an assert_positive (run in a cond) before the parameters."""
    tf.set_random_seed(17)
    mu = tf.placeholder(tf.float32, [None, 2])
    sigma = tf.placeholder(tf.float32, [None, 2])
    a = tf.placeholder(tf.float32, [None, 2])
    pi = tf.distributions.Normal(loc=mu, scale=sigma)
    old = tf.distributions.Normal(mu * 2, sigma + 1.0, name="oldpi")
    act = tf.squeeze(pi.sample(1), axis=0)
    ratio = pi.prob(a) / old.prob(a)
    loss = -tf.reduce_mean(pi.log_prob(a) + 0.01 * pi.entropy())
    kl = tf.reduce_mean(tf.distributions.kl_divergence(old, pi)) + old.kl_divergence(pi)
    unit = tf.distributions.Normal(0.0, 1.0)
    fixed = tf.distributions.Normal([0.5, 1.0], [1.0, 2.0], validate_args=True)
    checked = tf.distributions.kl_divergence(fixed, unit, allow_nan_stats=False)
    feeds = {mu: np.zeros([3, 2], np.float32), sigma: np.ones([3, 2], np.float32)}
    return {"act": act, "grid": unit.sample([2, 3]), "five": fixed.sample(5, seed=7),
            "one": fixed.sample(), "ratio": ratio.op, "loss": loss.op, "kl": kl.op,
            "checked": checked.op, "mean": pi.mean().op, "sd": pi.stddev().op}, feeds, False


def prog_static_rnn_sequence_length(tf):
    """aymericdamien's dynamic_rnn example: `static_rnn` over unstacked steps with a
    `sequence_length` (TF's conditional `_rnn_step`: nested conds around the cell, Select
    to copy finished sequences through), then the last relevant output gathered."""
    tf.set_random_seed(19)
    x = tf.placeholder(tf.float32, [None, 4, 1])
    seqlen = tf.placeholder(tf.int32, [None])
    steps = tf.unstack(x, 4, 1)
    cell = tf.contrib.rnn.BasicLSTMCell(3)
    outputs, states = tf.contrib.rnn.static_rnn(cell, steps, dtype=tf.float32,
                                                sequence_length=seqlen)
    outputs = tf.transpose(tf.stack(outputs), [1, 0, 2])
    index = tf.range(0, tf.shape(outputs)[0]) * 4 + (seqlen - 1)
    last = tf.gather(tf.reshape(outputs, [-1, 3]), index)
    return {"last": last.op, "c": states.c.op}, {}, True


def prog_sqrt_scaled_init(tf):
    """aymericdamien's GAN/VAE examples initialise weights with
    `tf.random_normal(shape, stddev=1. / tf.sqrt(shape[0] / 2.))`: a scalar Sqrt, and
    float64 square roots, computed as TF does."""
    tf.set_random_seed(23)
    w = tf.Variable(tf.random_normal(shape=[6, 4], stddev=1. / tf.sqrt(6 / 2.)))
    v = tf.Variable(tf.random_normal([3], stddev=tf.sqrt(tf.constant([2.0, 3.0]))[1]))
    d = tf.sqrt(tf.constant(np.linspace(0.5, 40.0, 11)))
    return {"w": w, "v": v, "d": d}, {}, True


def prog_distributions_categorical(tf):
    """Discrete-action policies: `tf.distributions.Categorical` from logits or probs,
    its samples (Multinomial, transposed and reshaped), log_prob (labels broadcast against
    the logits), entropy, mode and KL divergence."""
    tf.set_random_seed(29)
    logits = tf.placeholder(tf.float32, [None, 4])
    a = tf.placeholder(tf.int32, [None])
    pi = tf.distributions.Categorical(logits=logits)
    old = tf.distributions.Categorical(probs=tf.nn.softmax(logits * 2), name="old")
    fixed = tf.distributions.Categorical(logits=tf.constant([[0.1, 0.5, -0.2], [1.0, 0.0, 0.3]]))
    flat = tf.distributions.Categorical(probs=[0.2, 0.3, 0.5])
    ops = [pi.sample(), pi.sample(3), pi.log_prob(a), old.prob(a), pi.entropy(), pi.mode(),
           tf.distributions.kl_divergence(pi, old), flat.sample([2, 2]), fixed.log_prob([0, 2]),
           flat.entropy()]
    return {"five": fixed.sample(5, seed=3), "ops": tf.group(*[o.op for o in ops])}, {}, False


def prog_distributions_bernoulli(tf):
    """Binary outputs (VAE decoders, binary policies): `tf.distributions.Bernoulli` from
    logits or probs (log-odds via log1p), samples (uniform < probs), log_prob (sigmoid
    cross entropy, broadcast), entropy, mean and mode."""
    tf.set_random_seed(31)
    logits = tf.placeholder(tf.float32, [None, 3])
    x = tf.placeholder(tf.float32, [None, 3])
    b = tf.distributions.Bernoulli(logits=logits)
    b2 = tf.distributions.Bernoulli(probs=tf.sigmoid(logits), dtype=tf.float32, name="b2")
    fixed = tf.distributions.Bernoulli(probs=[0.2, 0.7, 0.5])
    ops = [b.sample(), b.log_prob(x), b2.prob(x), b.entropy(), b.mean(), b.mode(),
           fixed.log_prob([1, 0, 1])]
    return {"four": fixed.sample(4, seed=2), "ops": tf.group(*[o.op for o in ops])}, {}, False


PROGRAMS = {k[5:]: v for k, v in sorted(globals().items()) if k.startswith("prog_")}


def run_program(tf, fn):
    """Build one program in a fresh graph; its ops with their output dtypes and static
    shapes, and fetched values."""
    from reference import op_outputs

    g = tf.Graph()
    with g.as_default():
        fetches, feeds, init = fn(tf)
        ops = [[op.name, op.type, op_outputs(op)] for op in g.get_operations()]
        values = {}
        with tf.Session(graph=g) as s:
            if init:
                s.run(tf.global_variables_initializer())
            for k in sorted(fetches):
                t = fetches[k]
                if isinstance(t, tf.Operation):
                    continue
                v = s.run(t, feeds)
                values[k] = {"dtype": str(v.dtype), "shape": list(v.shape),
                             "hex": v.tobytes().hex()}
    return {"ops": ops, "values": values}
