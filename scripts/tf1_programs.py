"""TF 1.x model programs for the reference data: the kinds of code TF 1.x model zoos
hold (MLPs, CNNs with the layer API, text CNNs, autoencoders, GAN generators and
discriminators with batch norm, encoders with layer norm), with parameters drawn
from a seeded RNG. Each returns every variable's initial value, the variables'
names, and, where it has one, a dropout output; `make_reference.py --tf1` records
the values and each graph's op list from TF 1.15.
"""

from __future__ import annotations

VALUES = ("out += sess.run(tf.global_variables())\n"
          "            out.append(np.array([ord(c) for c in ','.join(v.name for v in "
          "tf.global_variables())], dtype=np.int32))")


def _program(seed, build, run=""):
    return f"""def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed({seed})
{build}
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            {VALUES}
{run}
    return out
"""


def _indent(text, n=8):
    return "\n".join(" " * n + line if line else line for line in text.strip("\n").split("\n"))


def _init(rng):
    return rng.choice([
        "None", "tf.truncated_normal_initializer(stddev=0.02)",
        "tf.random_normal_initializer(stddev=0.1)", "tf.glorot_normal_initializer()",
        "tf.contrib.layers.xavier_initializer()", "tf.variance_scaling_initializer()",
        "tf.random_uniform_initializer(-0.05, 0.05)", "tf.initializers.he_normal()",
        "tf.contrib.layers.variance_scaling_initializer(factor=1.0, mode='FAN_AVG')",
        "tf.uniform_unit_scaling_initializer(factor=1.43)"])


def encoder(rng, i):
    t, d, h = rng.choice([4, 6]), rng.choice([8, 12]), rng.choice([2, 4])
    ff = d * 2
    act = rng.choice(["tf.nn.relu", "'relu'", "tf.tanh"])
    build = f"""
x = tf.placeholder(tf.int32, [None, {t}], name="tokens")
training = tf.placeholder_with_default(False, [], name="training")
emb = tf.get_variable("embedding", [50, {d}], initializer={_init(rng)})
h = tf.nn.embedding_lookup(emb, x)
pos = tf.get_variable("position", [{t}, {d}], initializer=tf.truncated_normal_initializer(stddev=0.02))
h = h + pos
for layer in range({rng.choice([1, 2])}):
    with tf.variable_scope("layer_%d" % layer):
        with tf.variable_scope("attention"):
            q = tf.layers.dense(h, {d}, name="query", kernel_initializer={_init(rng)})
            k = tf.layers.dense(h, {d}, name="key")
            v = tf.layers.dense(h, {d}, name="value")
            q = tf.transpose(tf.reshape(q, [-1, {t}, {h}, {d // h}]), [0, 2, 1, 3])
            k = tf.transpose(tf.reshape(k, [-1, {t}, {h}, {d // h}]), [0, 2, 1, 3])
            v = tf.transpose(tf.reshape(v, [-1, {t}, {h}, {d // h}]), [0, 2, 1, 3])
            scores = tf.matmul(q, k, transpose_b=True) * {1.0 / (d // h) ** 0.5}
            probs = tf.nn.softmax(scores)
            probs = tf.layers.dropout(probs, rate=0.1, training=training)
            ctx = tf.reshape(tf.transpose(tf.matmul(probs, v), [0, 2, 1, 3]), [-1, {t}, {d}])
            ctx = tf.layers.dense(ctx, {d}, name="output")
        h = tf.contrib.layers.layer_norm(h + ctx, begin_norm_axis=-1, begin_params_axis=-1)
        with tf.variable_scope("ffn"):
            f = tf.layers.dense(h, {ff}, activation={act}, name="intermediate")
            f = tf.layers.dense(f, {d}, name="output")
            f = tf.nn.dropout(f, keep_prob=0.9)
        h = tf.contrib.layers.layer_norm(h + f, begin_norm_axis=-1, begin_params_axis=-1)
pooled = tf.layers.dense(h[:, 0], {d}, activation=tf.tanh, name="pooler")
mask = tf.nn.dropout(tf.ones([3, {d}]), keep_prob=0.9)
"""
    run = _indent("out.append(sess.run(mask))", 12)
    return f"zoo/encoder_{i}", _program(rng.choice([1, 42, 1234, 2019]), _indent(build), run)


def gan(rng, i):
    z_dim, base = rng.choice([16, 32]), rng.choice([4, 8])
    norm = rng.choice(["tf.layers.batch_normalization(h, training=training)",
                       "tf.layers.batch_normalization(h, training=True, momentum=0.9)",
                       "tf.contrib.layers.batch_norm(h, is_training=training)",
                       "tf.contrib.layers.batch_norm(h, is_training=True, scale=True)"])
    build = f"""
z = tf.placeholder(tf.float32, [None, {z_dim}], name="z")
training = tf.placeholder(tf.bool, [], name="is_training")
images = tf.placeholder(tf.float32, [None, 16, 16, 1], name="images")
def generator(z, reuse=False):
    with tf.variable_scope("generator", reuse=reuse):
        h = tf.layers.dense(z, 4 * 4 * {base * 2}, kernel_initializer={_init(rng)})
        h = {norm}
        h = tf.nn.relu(h)
        h = tf.reshape(h, [-1, 4, 4, {base * 2}])
        h = tf.layers.conv2d_transpose(h, {base}, 5, strides=2, padding="same",
                                       kernel_initializer=tf.random_normal_initializer(stddev=0.02))
        h = {norm}
        h = tf.nn.relu(h)
        h = tf.layers.conv2d_transpose(h, 1, 5, strides=2, padding="same")
        return tf.tanh(h)
def discriminator(x, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = tf.layers.conv2d(x, {base}, 5, strides=2, padding="same",
                             kernel_initializer=tf.truncated_normal_initializer(stddev=0.02))
        h = tf.nn.leaky_relu(h, alpha=0.2)
        h = tf.layers.conv2d(h, {base * 2}, 5, strides=2, padding="same")
        h = {norm}
        h = tf.nn.leaky_relu(h)
        h = tf.layers.flatten(h)
        return tf.layers.dense(h, 1)
fake = generator(z)
d_real = discriminator(images)
d_fake = discriminator(fake, reuse=True)
noise = tf.random_uniform([4, {z_dim}], -1.0, 1.0)
"""
    run = _indent("out.append(sess.run(noise))", 12)
    return f"zoo/gan_{i}", _program(rng.choice([0, 7, 99, 2**31 - 1]), _indent(build), run)


def layer_cnn(rng, i):
    pad = rng.choice(["same", "valid"])
    act = rng.choice(["tf.nn.relu", "'relu'", "tf.nn.elu", "None"])
    build = f"""
x = tf.placeholder(tf.float32, [None, 784])
keep = tf.placeholder_with_default(1.0, [])
img = tf.reshape(x, [-1, 28, 28, 1])
c = tf.layers.conv2d(img, {rng.choice([4, 8])}, {rng.choice([3, 5])}, padding="{pad}", activation={act},
                     kernel_initializer={_init(rng)}, use_bias={rng.choice([True, False])})
c = tf.layers.max_pooling2d(c, 2, 2, padding="{pad}")
c = tf.layers.conv2d(c, {rng.choice([6, 12])}, [3, 3], strides={rng.choice([1, 2])}, activation=tf.nn.relu,
                     bias_initializer=tf.constant_initializer(0.1))
c = tf.layers.average_pooling2d(c, 2, 2)
f = tf.layers.flatten(c)
d = tf.layers.dense(f, {rng.choice([16, 32])}, activation=tf.nn.relu, kernel_initializer={_init(rng)})
d = tf.nn.dropout(d, keep)
d = tf.layers.dropout(d, rate={rng.choice([0.25, 0.5])}, training=True, seed={rng.choice(["None", 3])})
logits = tf.layers.dense(d, 10, name="logits")
labels = tf.placeholder(tf.int64, [None])
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
pred = tf.argmax(logits, 1)
acc = tf.reduce_mean(tf.cast(tf.equal(pred, labels), tf.float32))
"""
    return f"zoo/layer_cnn_{i}", _program(rng.choice([3, 42, 1000]), _indent(build))


def text_cnn(rng, i):
    seq, emb, nf = rng.choice([8, 10]), rng.choice([8, 16]), rng.choice([2, 4])
    sizes = rng.choice([[2, 3], [3, 4, 5]])
    build = f"""
input_x = tf.placeholder(tf.int32, [None, {seq}], name="input_x")
input_y = tf.placeholder(tf.float32, [None, 2], name="input_y")
dropout_keep_prob = tf.placeholder(tf.float32, name="dropout_keep_prob")
l2_loss = tf.constant(0.0)
with tf.name_scope("embedding"):
    W = tf.Variable(tf.random_uniform([30, {emb}], -1.0, 1.0), name="W")
    embedded = tf.nn.embedding_lookup(W, input_x)
    embedded_expanded = tf.expand_dims(embedded, -1)
pooled_outputs = []
for filter_size in {sizes}:
    with tf.name_scope("conv-maxpool-%s" % filter_size):
        filter_shape = [filter_size, {emb}, 1, {nf}]
        W = tf.Variable(tf.truncated_normal(filter_shape, stddev=0.1), name="W")
        b = tf.Variable(tf.constant(0.1, shape=[{nf}]), name="b")
        conv = tf.nn.conv2d(embedded_expanded, W, strides=[1, 1, 1, 1], padding="VALID", name="conv")
        h = tf.nn.relu(tf.nn.bias_add(conv, b), name="relu")
        pooled = tf.nn.max_pool(h, ksize=[1, {seq} - filter_size + 1, 1, 1], strides=[1, 1, 1, 1],
                                padding="VALID", name="pool")
        pooled_outputs.append(pooled)
num_filters_total = {nf} * {len(sizes)}
h_pool = tf.concat(pooled_outputs, 3)
h_pool_flat = tf.reshape(h_pool, [-1, num_filters_total])
with tf.name_scope("dropout"):
    h_drop = tf.nn.dropout(h_pool_flat, dropout_keep_prob)
with tf.name_scope("output"):
    W = tf.get_variable("W", shape=[num_filters_total, 2],
                        initializer=tf.contrib.layers.xavier_initializer())
    b = tf.Variable(tf.constant(0.1, shape=[2]), name="b")
    l2_loss += tf.nn.l2_loss(W)
    l2_loss += tf.nn.l2_loss(b)
    scores = tf.nn.xw_plus_b(h_drop, W, b, name="scores")
    predictions = tf.argmax(scores, 1, name="predictions")
with tf.name_scope("loss"):
    losses = tf.nn.softmax_cross_entropy_with_logits_v2(logits=scores, labels=input_y)
    loss = tf.reduce_mean(losses) + 0.1 * l2_loss
with tf.name_scope("accuracy"):
    correct = tf.equal(predictions, tf.argmax(input_y, 1))
    accuracy = tf.reduce_mean(tf.cast(correct, "float"), name="accuracy")
"""
    return f"zoo/text_cnn_{i}", _program(rng.choice([10, 1234]), _indent(build))


def autoencoder(rng, i):
    n_in, n1, n2 = rng.choice([20, 32]), rng.choice([12, 16]), rng.choice([4, 8])
    build = f"""
X = tf.placeholder("float", [None, {n_in}])
weights = {{
    "encoder_h1": tf.Variable(tf.random_normal([{n_in}, {n1}])),
    "encoder_h2": tf.Variable(tf.random_normal([{n1}, {n2}])),
    "decoder_h1": tf.Variable(tf.random_normal([{n2}, {n1}])),
    "decoder_h2": tf.Variable(tf.random_normal([{n1}, {n_in}])),
}}
biases = {{
    "encoder_b1": tf.Variable(tf.random_normal([{n1}])),
    "encoder_b2": tf.Variable(tf.random_normal([{n2}])),
    "decoder_b1": tf.Variable(tf.random_normal([{n1}])),
    "decoder_b2": tf.Variable(tf.random_normal([{n_in}])),
}}
def encoder(x):
    l1 = tf.nn.sigmoid(tf.add(tf.matmul(x, weights["encoder_h1"]), biases["encoder_b1"]))
    return tf.nn.sigmoid(tf.add(tf.matmul(l1, weights["encoder_h2"]), biases["encoder_b2"]))
def decoder(x):
    l1 = tf.nn.sigmoid(tf.add(tf.matmul(x, weights["decoder_h1"]), biases["decoder_b1"]))
    return tf.nn.sigmoid(tf.add(tf.matmul(l1, weights["decoder_h2"]), biases["decoder_b2"]))
y_pred = decoder(encoder(X))
loss = tf.reduce_mean(tf.pow(X - y_pred, 2))
with tf.variable_scope("dense_ae"):
    h = tf.layers.dense(X, {n1}, activation=tf.nn.sigmoid)
    z = tf.layers.dense(h, {n2}, activation=tf.nn.sigmoid)
    h2 = tf.layers.dense(z, {n1}, activation=tf.nn.sigmoid)
    rec = tf.layers.dense(h2, {n_in}, activation=tf.nn.sigmoid)
    noisy = X + 0.1 * tf.random_normal(tf.shape(X))
"""
    run = _indent(f"out.append(sess.run(noisy, feed_dict={{X: np.ones([2, {n_in}])}}))", 12)
    return f"zoo/autoencoder_{i}", _program(rng.choice([5, 77, 2**31]), _indent(build), run)


def vae(rng, i):
    n_in, n_h, n_z = rng.choice([16, 24]), rng.choice([8, 12]), rng.choice([2, 4])
    build = f"""
x = tf.placeholder(tf.float32, [None, {n_in}], name="x")
with tf.variable_scope("encoder"):
    h = tf.layers.dense(x, {n_h}, activation=tf.nn.relu, kernel_initializer={_init(rng)})
    mu = tf.layers.dense(h, {n_z}, name="mu")
    log_var = tf.layers.dense(h, {n_z}, name="log_var")
eps = tf.random_normal(tf.shape(mu), 0.0, 1.0, dtype=tf.float32)
z = mu + tf.exp(0.5 * log_var) * eps
with tf.variable_scope("decoder"):
    h2 = tf.layers.dense(z, {n_h}, activation=tf.nn.relu)
    logits = tf.layers.dense(h2, {n_in})
recon = tf.reduce_sum(tf.square(tf.sigmoid(logits) - x), 1)
kl = -0.5 * tf.reduce_sum(1 + log_var - tf.square(mu) - tf.exp(log_var), 1)
loss = tf.reduce_mean(recon + kl)
prior = tf.random_normal([3, {n_z}])
"""
    # eps's shape comes from a MatMul (structure only here): fetch the prior.
    run = _indent("out.append(sess.run(prior))", 12)
    return f"zoo/vae_{i}", _program(rng.choice([8, 2018, 31337]), _indent(build), run)


def resnet(rng, i):
    ch = rng.choice([4, 8])
    build = f"""
images = tf.placeholder(tf.float32, [None, 16, 16, 3])
is_training = tf.placeholder_with_default(True, [], name="is_training")
def block(x, filters, strides, name):
    with tf.variable_scope(name):
        shortcut = x
        y = tf.layers.conv2d(x, filters, 3, strides=strides, padding="same", use_bias=False,
                             kernel_initializer=tf.variance_scaling_initializer())
        y = tf.layers.batch_normalization(y, training=is_training)
        y = tf.nn.relu(y)
        y = tf.layers.conv2d(y, filters, 3, padding="same", use_bias=False,
                             kernel_initializer=tf.variance_scaling_initializer())
        y = tf.layers.batch_normalization(y, training=is_training)
        if strides != 1 or int(x.get_shape()[-1]) != filters:
            shortcut = tf.layers.conv2d(x, filters, 1, strides=strides, use_bias=False)
        return tf.nn.relu(y + shortcut)
net = tf.layers.conv2d(images, {ch}, 3, padding="same", name="stem")
net = block(net, {ch}, 1, "block1")
net = block(net, {ch * 2}, 2, "block2")
net = tf.reduce_mean(net, [1, 2])
logits = tf.layers.dense(net, 10)
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
"""
    return f"zoo/resnet_{i}", _program(rng.choice([1, 7, 404]), _indent(build))


def mnist_softmax(rng, i):
    hidden = rng.choice([10, 20])
    build = f"""
x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])
W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))
y = tf.nn.softmax(tf.matmul(x, W) + b)
cross_entropy = tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(y), reduction_indices=[1]))
W1 = tf.Variable(tf.truncated_normal([784, {hidden}], stddev=1.0 / 28.0), name="weights")
b1 = tf.Variable(tf.zeros([{hidden}]), name="biases")
hidden1 = tf.nn.relu(tf.matmul(x, W1) + b1)
W2 = tf.Variable(tf.random_uniform([{hidden}, 10], -0.1, 0.1), name="weights")
logits = tf.matmul(hidden1, W2)
correct = tf.equal(tf.argmax(logits, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
keep_prob = tf.placeholder(tf.float32)
drop = tf.nn.dropout(hidden1, keep_prob)
"""
    return f"zoo/mnist_{i}", _program(rng.choice([0, 42, 2**31 - 1]), _indent(build))


def families(rng, n=3):
    for make in (encoder, gan, layer_cnn, text_cnn, autoencoder, vae, resnet, mnist_softmax):
        for i in range(n):
            yield make(rng, i)
