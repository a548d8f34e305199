"""Record TF 1.15's `tf.keras` in graph mode (tests/test_keras_tf1.py checks philoxflow).

    /work/venvs/tf1/bin/python scripts/ref_keras1.py   # -> tests/data/keras1/tf1.jsonl

Each program is TF 1.14/1.15-era model code over `tf` (`import tensorflow as tf`): Keras
layers called on placeholders, Sequential and functional models, `tf.keras.backend`.
A record holds the graph's [(op.name, op.type)], each op's output dtypes and static
shapes, the random ops' seeds, the names and shapes of the tensors in `out`, and the
values of `fetch` (initial weights, dropout outputs) after running
`tf.global_variables_initializer()` with `feed` ({placeholder name: array}); or TF's
error class and message.
"""
import json
import os
import sys

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "tests", "data", "keras1")
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
from reference import encode, graph_outputs  # noqa: E402

K = "tf.keras"
PROGRAMS = {
    "dense_dropout": f"""
tf.set_random_seed(1)
x = tf.placeholder(tf.float32, [None, 4], name="x")
d = {K}.layers.Dense(3, activation="relu")
h = d(x)
y = {K}.layers.Dropout(0.5)(h)
z = {K}.layers.Dropout(0.25, seed=3)(x, training=True)
out = [h, y, z]
fetch = d.weights + [z]
feed = {{"x:0": np.ones([2, 4], np.float32)}}
""",
    "dense_reuse_names": f"""
tf.set_random_seed(2)
x = tf.placeholder(tf.float32, [2, 5], name="x")
a = {K}.layers.Dense(4, use_bias=False, kernel_initializer="he_normal")
b = {K}.layers.Dense(2, name="head", bias_initializer="ones")
c = {K}.layers.Dense(3, kernel_initializer={K}.initializers.RandomNormal(stddev=0.1))
y = b(a(x))
y2 = a(x)
w = c(tf.placeholder(tf.float32, [None, 3, 5], name="seq"))
out = [y, y2, w]
fetch = a.weights + b.weights + c.weights
names = [v.name for v in a.weights + b.weights + c.weights] + [a.name, b.name, c.name]
""",
    "conv_pool_flatten": f"""
tf.set_random_seed(3)
img = tf.placeholder(tf.float32, [None, 28, 28, 1], name="img")
c1 = {K}.layers.Conv2D(8, 3, activation="relu", padding="same")
h = c1(img)
h = {K}.layers.MaxPooling2D()(h)
c2 = {K}.layers.Conv2D(4, (5, 5), strides=2)
h = c2(h)
h = {K}.layers.AveragePooling2D(2, padding="same")(h)
h = {K}.layers.Flatten()(h)
h = {K}.layers.Dense(10, activation="softmax")(h)
out = [h]
fetch = c1.weights + c2.weights
""",
    "conv_1d_3d_transpose": f"""
tf.set_random_seed(4)
s = tf.placeholder(tf.float32, [2, 20, 3], name="s")
v = tf.placeholder(tf.float32, [2, 6, 6, 6, 2], name="v")
i = tf.placeholder(tf.float32, [2, 7, 7, 3], name="i")
c1 = {K}.layers.Conv1D(5, 3, padding="causal", dilation_rate=2)
c3 = {K}.layers.Conv3D(2, 3)
ct = {K}.layers.Conv2DTranspose(4, 3, strides=2, padding="same")
out = [c1(s), {K}.layers.MaxPooling1D(2)(c1(s)), c3(v), ct(i),
       {K}.layers.GlobalAveragePooling2D()(i), {K}.layers.GlobalAveragePooling1D()(s),
       {K}.layers.GlobalMaxPooling2D()(i), {K}.layers.ZeroPadding2D(1)(i),
       {K}.layers.ZeroPadding2D(((1, 2), (0, 1)))(i), {K}.layers.ZeroPadding1D(2)(s)]
fetch = c1.weights + c3.weights + ct.weights
""",
    "embedding_reshape_activation": f"""
tf.set_random_seed(5)
ids = tf.placeholder(tf.int32, [None, 6], name="ids")
e = {K}.layers.Embedding(50, 8)
h = e(ids)
r = {K}.layers.Reshape((3, 16))(h)
a = {K}.layers.Activation("tanh")(r)
p = {K}.layers.Permute((2, 1))(a)
l = {K}.layers.Lambda(lambda t: t * 2.0)(p)
rv = {K}.layers.RepeatVector(3)(tf.placeholder(tf.float32, [None, 4], name="rv"))
out = [h, r, a, p, l, rv]
fetch = e.weights
""",
    "batch_norm": f"""
tf.set_random_seed(6)
x = tf.placeholder(tf.float32, [None, 8, 8, 3], name="x")
bn = {K}.layers.BatchNormalization()
y = bn(x)
f = tf.placeholder(tf.float32, [None, 5], name="f")
bn2 = {K}.layers.BatchNormalization(momentum=0.9, epsilon=1e-3, center=False)
z = bn2(f, training=True)
out = [y, z]
fetch = bn.weights + bn2.weights
names = [v.name for v in bn.weights + bn2.weights + bn.trainable_weights + bn.updates]
""",
    "merge_layers": f"""
a = tf.placeholder(tf.float32, [None, 4], name="a")
b = tf.placeholder(tf.float32, [None, 4], name="b")
c = tf.placeholder(tf.float32, [None, 3], name="c")
out = [{K}.layers.Concatenate()([a, c]), {K}.layers.concatenate([a, b], axis=0),
       {K}.layers.Add()([a, b]), {K}.layers.add([a, b, a]), {K}.layers.Multiply()([a, b]),
       {K}.layers.multiply([a, b]), {K}.layers.Subtract()([a, b]), {K}.layers.Average()([a, b]),
       {K}.layers.Maximum()([a, b]), {K}.layers.Minimum()([a, b]), {K}.layers.Dot(1)([a, b])]
""",
    "sequential": f"""
tf.set_random_seed(7)
model = {K}.Sequential([
    {K}.layers.Dense(16, activation="relu", input_shape=(8,)),
    {K}.layers.Dropout(0.3),
    {K}.layers.Dense(4),
])
x = tf.placeholder(tf.float32, [None, 8], name="x")
y = model(x)
out = [y] + model.outputs
fetch = model.weights
names = [v.name for v in model.weights + model.trainable_weights] + [l.name for l in model.layers]
""",
    "sequential_add": f"""
tf.set_random_seed(8)
model = {K}.models.Sequential()
model.add({K}.layers.Conv2D(4, 3, input_shape=(10, 10, 1), activation="relu"))
model.add({K}.layers.MaxPooling2D(2))
model.add({K}.layers.Flatten())
model.add({K}.layers.Dense(3))
out = [model.output, model(tf.placeholder(tf.float32, [2, 10, 10, 1], name="img"))]
fetch = model.weights
""",
    "functional": f"""
tf.set_random_seed(9)
inp = {K}.Input(shape=(12,), name="features")
h = {K}.layers.Dense(8, activation="relu")(inp)
h = {K}.layers.Dropout(0.5)(h)
o1 = {K}.layers.Dense(2, name="o1")(h)
o2 = {K}.layers.Dense(1, activation="sigmoid", name="o2")(h)
model = {K}.Model(inputs=inp, outputs=[o1, o2])
y1, y2 = model(tf.placeholder(tf.float32, [None, 12], name="x"))
out = [o1, o2, y1, y2]
fetch = model.weights + [tf.shape(model.inputs[0])]
names = [v.name for v in model.weights] + [l.name for l in model.layers]
feed = {{"features:0": np.ones([3, 12], np.float32)}}
""",
    "functional_tensor_input": f"""
tf.set_random_seed(10)
x = tf.placeholder(tf.float32, [4, 6], name="x")
inp = {K}.layers.Input(tensor=x)
a = {K}.layers.Dense(5)(inp)
b = {K}.layers.Dense(5)(inp)
m = {K}.layers.concatenate([a, b])
model = {K}.models.Model(inp, m)
out = [m, model.output]
fetch = model.weights
""",
    "backend": f"""
tf.set_random_seed(11)
np.random.seed(0)  # Keras draws unseeded backend ops' seeds from NumPy
K_ = {K}.backend
lp = K_.learning_phase()
v = K_.variable(np.arange(6).reshape(2, 3), dtype="float32", name="v")
z = K_.zeros((2, 2))
o = K_.ones((3,), name="o")
p = K_.placeholder(shape=(None, 3), name="p")
r = K_.random_uniform((2, 3), seed=4)
n = K_.random_normal((2, 2))
out = [lp, v, z, o, p, r, n, K_.dot(p, K_.transpose(v)), K_.sum(p, axis=1),
       K_.mean(p), K_.concatenate([p, p]), K_.relu(p), K_.sigmoid(p), K_.softmax(p),
       K_.square(p), K_.exp(p), K_.cast(p, "float64"), K_.reshape(p, (-1,)),
       K_.expand_dims(p), K_.dropout(p, 0.5, seed=2)]
fetch = [v, r]
names = [K_.floatx(), K_.epsilon(), K_.image_data_format(), K_.backend(), str(K_.int_shape(p)),
         K_.ndim(p), str(K_.dtype(p))]
""",
    "initializers": f"""
tf.set_random_seed(12)
I = {K}.initializers
x = tf.placeholder(tf.float32, [None, 6], name="x")
inits = [I.glorot_uniform(), I.glorot_normal(), I.he_uniform(), I.he_normal(),
         I.lecun_uniform(), I.lecun_normal(), I.RandomUniform(-1, 1), I.TruncatedNormal(),
         I.Orthogonal(), I.Zeros(), I.Ones(), I.Constant(0.5), I.VarianceScaling(2.0),
         I.get("uniform"), I.random_normal(seed=5), I.identity()]
layers = [{K}.layers.Dense(6, kernel_initializer=i) for i in inits]
out = [l(x) for l in layers]
fetch = [l.kernel for l in layers]
""",
    "regularizers_activations": f"""
tf.set_random_seed(13)
x = tf.placeholder(tf.float32, [None, 4], name="x")
d = {K}.layers.Dense(3, kernel_regularizer={K}.regularizers.l2(0.01),
                      bias_regularizer={K}.regularizers.l1_l2(0.1, 0.2),
                      activity_regularizer="l1")
y = d(x)
A = {K}.activations
out = [y] + d.losses + [A.relu(x), A.elu(x), A.selu(x), A.softplus(x), A.softsign(x),
                        A.sigmoid(x), A.hard_sigmoid(x), A.exponential(x), A.linear(x),
                        A.tanh(x), A.softmax(x), A.get("relu")(x)]
""",
    "rnn_lstm": f"""
tf.set_random_seed(14)
x = tf.placeholder(tf.float32, [None, 5, 3], name="x")
lstm = {K}.layers.LSTM(4)
h = lstm(x)
out = [h]
fetch = lstm.weights
""",
    "rnn_gru_simple": f"""
tf.set_random_seed(15)
x = tf.placeholder(tf.float32, [2, 5, 3], name="x")
gru = {K}.layers.GRU(4, return_sequences=True)
rnn = {K}.layers.SimpleRNN(2, unroll=True)
out = [gru(x), rnn(x)]
fetch = gru.weights + rnn.weights
""",
    "spatial_noise": f"""
tf.set_random_seed(16)
np.random.seed(1)
x = tf.placeholder(tf.float32, [2, 4, 4, 3], name="x")
out = [{K}.layers.SpatialDropout2D(0.5)(x, training=True),
       {K}.layers.GaussianNoise(0.1)(x, training=True),
       {K}.layers.GaussianDropout(0.2)(x, training=True),
       {K}.layers.AlphaDropout(0.2)(x, training=True),
       {K}.layers.LeakyReLU()(x), {K}.layers.ReLU(6.0)(x), {K}.layers.Softmax()(x)]
fetch = out[:4]
feed = {{"x:0": np.ones([2, 4, 4, 3], np.float32)}}
""",
    "text_lstm_sequential": f"""
tf.set_random_seed(17)
np.random.seed(2)  # the RNN dropout masks' seeds (K.dropout draws them from NumPy)
model = {K}.Sequential([
    {K}.layers.Embedding(100, 8, input_length=6),
    {K}.layers.LSTM(5, return_sequences=True, dropout=0.2, recurrent_dropout=0.3),
    {K}.layers.LSTM(3),
    {K}.layers.Dense(1, activation="sigmoid"),
])
ids = tf.placeholder(tf.int32, [None, 6], name="ids")
y = model(ids)
out = [y, model.output]
fetch = model.weights
names = [v.name for v in model.weights] + [l.name for l in model.layers]
""",
    "rnn_states_backwards": f"""
tf.set_random_seed(18)
x = tf.placeholder(tf.float32, [3, 4, 2], name="x")
lstm = {K}.layers.LSTM(3, return_state=True, go_backwards=True, unit_forget_bias=False)
o, h, c = lstm(x)
gru = {K}.layers.GRU(2, reset_after=True, recurrent_activation="sigmoid", unroll=True)
rnn = {K}.layers.SimpleRNN(4, return_sequences=True, activation="relu")
out = [o, h, c, gru(x), rnn(x), {K}.layers.LSTM(2, unroll=True)(x)]
fetch = lstm.weights + gru.weights + rnn.weights
""",
    "sequential_deferred": f"""
tf.set_random_seed(19)
model = {K}.Sequential()
model.add({K}.layers.Dense(6, activation="tanh"))
model.add({K}.layers.BatchNormalization())
model.add({K}.layers.Dropout(0.4, seed=7))
model.add({K}.layers.Dense(2))
x = tf.placeholder(tf.float32, [None, 3], name="x")
y = model(x)
y2 = model(x, training=True)
out = [y, y2]
fetch = model.weights
names = [v.name for v in model.weights + model.trainable_weights] + [l.name for l in model.layers]
feed = {{"x:0": np.ones([2, 3], np.float32)}}
""",
    "functional_two_inputs_bn_training": f"""
tf.set_random_seed(20)
a = {K}.Input(shape=(4,))
b = {K}.Input(shape=(4,), name="b_in")
h = {K}.layers.add([{K}.layers.Dense(3)(a), {K}.layers.Dense(3)(b)])
h = {K}.layers.BatchNormalization()(h)
h = {K}.layers.Activation("relu")(h)
o = {K}.layers.Dropout(0.5)(h, training=True)
m = {K}.Model([a, b], o, name="two")
r = m([tf.placeholder(tf.float32, [None, 4], name="p"),
       tf.placeholder(tf.float32, [None, 4], name="q")])
out = [o, r]
fetch = m.weights
names = ([v.name for v in m.weights + m.non_trainable_weights] + [l.name for l in m.layers]
         + [m.name, len(m.updates)])
""",
    "learning_phase_feed": f"""
tf.set_random_seed(21)
x = tf.placeholder(tf.float32, [4, 5], name="x")
d = {K}.layers.Dropout(0.5)
y = d(x)
sd = {K}.layers.SpatialDropout1D(0.5)(tf.placeholder(tf.float32, [2, 3, 4], name="s"))
lp = {K}.backend.learning_phase()
out = [y, sd]
fetch = [y, sd]
feed = {{"x:0": np.ones([4, 5], np.float32), "s:0": np.ones([2, 3, 4], np.float32),
        "keras_learning_phase:0": True}}
""",
    "vgg_style_cnn": f"""
tf.set_random_seed(22)
inp = {K}.layers.Input(shape=(16, 16, 3))
h = inp
for i, f in enumerate([4, 8]):
    h = {K}.layers.Conv2D(f, (3, 3), padding="same", activation="relu",
                          kernel_initializer="he_normal", name=f"block{{i}}_conv")(h)
    h = {K}.layers.BatchNormalization(axis=-1)(h)
    h = {K}.layers.MaxPooling2D((2, 2), strides=(2, 2))(h)
h = {K}.layers.GlobalAveragePooling2D()(h)
h = {K}.layers.Dense(10, activation="softmax", kernel_regularizer={K}.regularizers.l2(1e-4))(h)
model = {K}.models.Model(inputs=inp, outputs=h)
out = [h] + model.losses
fetch = model.weights
names = [v.name for v in model.weights] + [l.name for l in model.layers]
""",
    "backend_session": f"""
tf.set_random_seed(23)
K_ = {K}.backend
v = K_.variable(np.ones((2, 2)), name="kv")
d = {K}.layers.Dense(2, kernel_initializer="ones")
y = d(tf.placeholder(tf.float32, [None, 2], name="x"))
sess = K_.get_session()
w = d.get_weights()
d.set_weights([np.full((2, 2), 3.0, np.float32), np.array([1.0, 2.0], np.float32)])
out = [y]
fetch = d.weights + [v]
names = [str(w[0].tolist()), str(K_.get_value(v).tolist()),
         str(sess.graph is tf.get_default_graph())]
""",
    "wrappers_upsampling": f"""
tf.set_random_seed(24)
x = tf.placeholder(tf.float32, [None, 5, 3], name="x")
td = {K}.layers.TimeDistributed({K}.layers.Dense(4))
bi = {K}.layers.Bidirectional({K}.layers.LSTM(2, return_sequences=True))
bs = {K}.layers.Bidirectional({K}.layers.GRU(2), merge_mode="sum")
img = tf.placeholder(tf.float32, [2, 6, 6, 3], name="img")
dw = {K}.layers.DepthwiseConv2D(3, depth_multiplier=2)
ln = {K}.layers.LayerNormalization()
out = [td(x), bi(x), bs(x), {K}.layers.UpSampling2D()(img), {K}.layers.UpSampling1D(3)(x),
       {K}.layers.UpSampling2D((2, 3), interpolation="bilinear")(img),
       {K}.layers.Cropping2D(((1, 2), (0, 1)))(img), {K}.layers.Cropping1D(1)(x),
       dw(img), ln(x), {K}.layers.LayerNormalization(axis=[1, 2])(img)]
fetch = td.weights + bi.weights + bs.weights + dw.weights + ln.weights
names = [v.name for v in td.weights + bi.weights + bs.weights + dw.weights + ln.weights]
""",
    "backend_more": f"""
tf.set_random_seed(25)
np.random.seed(3)
K_ = {K}.backend
p = tf.placeholder(tf.float32, [None, 4], name="p")
i = tf.placeholder(tf.int32, [None], name="i")
img = tf.placeholder(tf.float32, [2, 8, 8, 3], name="img")
k = K_.variable(np.ones((3, 3, 3, 2)), name="k")
out = [K_.all(p), K_.any(p, axis=1), K_.argmax(p), K_.argmin(p, 0), K_.arange(5),
       K_.arange(1, 7, 2, dtype="float32"), K_.prod(p, 1), K_.cumsum(p, 1), K_.var(p),
       K_.std(p, 0, True), K_.batch_flatten(img), K_.clip(p, 0.0, 1.0), K_.sign(p),
       K_.sin(p), K_.cos(p), K_.round(p), K_.pow(p, 2.0), K_.equal(p, p), K_.maximum(p, 1.0),
       K_.l2_normalize(p, 1), K_.one_hot(i, 5), K_.gather(p, i), K_.tile(p, [2, 1]),
       K_.reverse(p, 1), K_.zeros_like(p), K_.ones_like(i), K_.stop_gradient(p),
       K_.categorical_crossentropy(p, tf.nn.softmax(p)), K_.categorical_crossentropy(p, p),
       K_.binary_crossentropy(p, tf.sigmoid(p)), K_.binary_crossentropy(p, p),
       K_.sparse_categorical_crossentropy(i, p, from_logits=True),
       K_.repeat_elements(p, 2, 1), K_.pool2d(img, (2, 2), (2, 2)),
       K_.pool2d(img, (3, 3), padding="same", pool_mode="avg"),
       K_.conv2d(img, k, padding="same"), K_.conv2d(img, k, dilation_rate=(2, 2)),
       K_.resize_images(img, 2, 2, "channels_last"), K_.bias_add(img, K_.ones((3,))),
       K_.random_uniform_variable((2, 3), 0, 1), K_.random_normal_variable((2, 2), 0, 1),
       K_.eye(3), K_.update_add(k, K_.ones((3, 3, 3, 2))), K_.print_tensor(p, "p")]
fetch = [v for v in tf.global_variables()]
names = [v.name for v in tf.global_variables()]
""",
    "backend_function": f"""
tf.set_random_seed(26)
model = {K}.Sequential([{K}.layers.Dropout(0.5, input_shape=(6,)),
                        {K}.layers.Lambda(lambda t: t * 2.0)])
f = {K}.backend.function([model.input, {K}.backend.learning_phase()], [model.output])
g = {K}.backend.function([model.input], model.output)
with {K}.backend.learning_phase_scope(0):
    phase = {K}.backend.learning_phase()
out = [model.output]
names = [str(f([np.ones((2, 6)), 1])[0].tolist()), str(f([np.ones((2, 6)), 0])[0].tolist()),
         str(g([np.ones((1, 6))]).tolist()), str(phase)]
""",
    "losses": f"""
L = {K}.losses
y = tf.placeholder(tf.float32, [None, 3], name="y")
p = tf.placeholder(tf.float32, [None, 3], name="p")
i = tf.placeholder(tf.int32, [None], name="i")
w = tf.placeholder(tf.float32, [4], name="w")
i4 = tf.placeholder(tf.int32, [4], name="i4")
p4 = tf.placeholder(tf.float32, [4, 3], name="p4")
out = [L.mean_squared_error(y, p), L.mae(y, p), L.MAPE(y, p), L.msle(y, p), L.hinge(y, p),
       L.squared_hinge(y, p), L.categorical_hinge(y, p), L.logcosh(y, p),
       L.categorical_crossentropy(y, p), L.categorical_crossentropy(y, p, True, 0.1),
       L.sparse_categorical_crossentropy(i, p), L.binary_crossentropy(y, p),
       L.kld(y, p), L.poisson(y, p), L.cosine_similarity(y, p), L.get("mse")(y, p),
       L.MeanSquaredError()(y, p), L.CategoricalCrossentropy(from_logits=True)(y, p),
       L.SparseCategoricalCrossentropy(from_logits=True)(i4, p4, sample_weight=w),
       L.BinaryCrossentropy(reduction="sum")(y, p),
       L.Huber(delta=2.0, reduction="none")(y, p), L.KLDivergence(name="kl")(y, p, 0.5)]
""",
    "train_op_bn_cond": f"""
tf.set_random_seed(27)
x = tf.placeholder(tf.float32, [None, 8, 8, 1], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
inp = {K}.layers.Input(tensor=x)
h = {K}.layers.Conv2D(4, 3, activation="relu")(inp)
h = {K}.layers.BatchNormalization()(h)
h = {K}.layers.Flatten()(h)
h = {K}.layers.Dropout(0.5)(h)
logits = {K}.layers.Dense(3)(h)
model = {K}.Model(inp, logits)
loss = tf.reduce_mean({K}.losses.sparse_categorical_crossentropy(y, logits, from_logits=True))
with tf.control_dependencies(model.updates):
    train = tf.train.AdamOptimizer(1e-3).minimize(loss, var_list=model.trainable_weights)
out = [loss]
fetch = tf.global_variables()
names = [v.name for v in tf.global_variables()] + [str(len(model.updates))]
""",
    "utils": f"""
U = {K}.utils
inp = {K}.Input((3,), name="in3")
h = {K}.layers.Dense(2, name="d")(inp)


class Twice({K}.layers.Layer):
    def call(self, x):
        return x * 2.0


with U.custom_object_scope({{"Twice": Twice}}):
    t = {K}.layers.deserialize({{"class_name": "Twice", "config": {{}}}}) if hasattr(
        {K}.layers, "deserialize") else Twice()
out = [h, t(h)]
names = [str(U.to_categorical([0, 2, 1]).tolist()), str(U.to_categorical([[1], [3]], 4).shape),
         str(U.normalize(np.array([[3.0, 4.0], [0.0, 0.0]])).tolist()),
         str([x.name for x in U.get_source_inputs(h)]), t.name]
""",
    "custom_layer_subclassed_model": f"""
tf.set_random_seed(28)


class Scale({K}.layers.Layer):
    def __init__(self, units, **kwargs):
        self.units = units
        super(Scale, self).__init__(**kwargs)

    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=(input_shape[-1], self.units),
                                 initializer="uniform", trainable=True)
        self.b = self.add_weight(name="b", shape=(self.units,), initializer="zeros",
                                 trainable=False)
        super(Scale, self).build(input_shape)

    def call(self, x):
        return tf.matmul(x, self.w) + self.b


class Net({K}.Model):
    def __init__(self):
        super(Net, self).__init__()
        self.d1 = {K}.layers.Dense(5, activation="relu")
        self.drop = {K}.layers.Dropout(0.3)
        self.s = Scale(2)

    def call(self, x, training=None):
        return self.s(self.drop(self.d1(x), training=training))


x = tf.placeholder(tf.float32, [None, 4], name="x")
net = Net()
y = net(x)
y2 = net(x, training=True)
out = [y, y2]
fetch = net.weights
names = ([v.name for v in net.weights + net.trainable_weights + net.non_trainable_weights]
         + [l.name for l in net.layers] + [net.name])
""",
    "gan_sequential_train": f"""
tf.set_random_seed(29)
L = {K}.layers
G = {K}.models.Sequential(name="gen")
G.add(L.Dense(4 * 4 * 4, input_dim=8))
G.add(L.BatchNormalization(momentum=0.8))
G.add(L.LeakyReLU(alpha=0.2))
G.add(L.Reshape((4, 4, 4)))
G.add(L.UpSampling2D())
G.add(L.Conv2DTranspose(1, 3, strides=2, padding="same", activation="tanh"))
D = {K}.models.Sequential(name="disc")
D.add(L.Conv2D(4, 3, strides=2, input_shape=(16, 16, 1), padding="same"))
D.add(L.LeakyReLU(alpha=0.2))
D.add(L.Dropout(0.25))
D.add(L.Flatten())
D.add(L.Dense(1, activation="sigmoid"))
z = tf.placeholder(tf.float32, [None, 8], name="z")
real = tf.placeholder(tf.float32, [None, 16, 16, 1], name="real")
fake = G(z)
d_real, d_fake = D(real), D(fake)
bce = {K}.losses.BinaryCrossentropy()
d_loss = bce(tf.ones_like(d_real), d_real) + bce(tf.zeros_like(d_fake), d_fake)
g_loss = bce(tf.ones_like(d_fake), d_fake)
d_opt = tf.train.AdamOptimizer(2e-4, 0.5).minimize(d_loss, var_list=D.trainable_weights)
g_opt = tf.train.AdamOptimizer(2e-4, 0.5).minimize(g_loss, var_list=G.trainable_weights)
out = [d_loss, g_loss]
fetch = tf.global_variables()
names = [v.name for v in G.weights + D.weights] + [l.name for l in G.layers + D.layers]
""",
    "seq2seq_initial_state": f"""
tf.set_random_seed(30)
L = {K}.layers
enc_in = L.Input(shape=(None, 5), name="enc")
_, h, c = L.LSTM(6, return_state=True)(enc_in)
dec_in = L.Input(shape=(None, 4), name="dec")
dec_out, _, _ = L.LSTM(6, return_sequences=True, return_state=True)(dec_in,
                                                                    initial_state=[h, c])
out = L.Dense(4, activation="softmax")(dec_out)
model = {K}.Model([enc_in, dec_in], out)
again = model([tf.placeholder(tf.float32, [2, 3, 5], name="e2"),
               tf.placeholder(tf.float32, [2, 7, 4], name="d2")])
out = [out, again]
fetch = model.weights
names = [v.name for v in model.weights] + [l.name for l in model.layers]
""",
    "mixed_tf_layers_keras_names": f"""
tf.set_random_seed(31)
x = tf.placeholder(tf.float32, [None, 3], name="x")
a = tf.layers.Dense(2)
b = {K}.layers.Dense(2)
c = tf.layers.Dense(2)
d = {K}.layers.Dense(2)
out = [a(x), b(x), c(x), d(x), tf.layers.dense(x, 2), {K}.layers.Dense(2)(x)]
i1 = {K}.Input((2,))
{K}.backend.reset_uids()
e = {K}.layers.Dense(2)
i2 = {K}.Input((2,))
fetch = tf.global_variables()
names = [a.name, b.name, c.name, d.name, e.name, i1.name, i2.name,
         {K}.backend.get_uid("x"), {K}.backend.get_uid("x")]
""",
    "shared_and_nested_models": f"""
tf.set_random_seed(32)
L = {K}.layers
base = {K}.Sequential([L.Dense(4, activation="relu", input_shape=(3,)), L.Dense(2)],
                      name="tower")
a = L.Input((3,), name="left")
b = L.Input((3,), name="right")
shared = L.Dense(3, name="shared")
ea, eb = base(shared(a)), base(shared(b))
dist = L.Lambda(lambda t: tf.reduce_sum(tf.square(t[0] - t[1]), 1, keepdims=True))([ea, eb])
siamese = {K}.Model([a, b], dist)
outer_in = L.Input((3,))
outer = {K}.Model(outer_in, L.Dense(1)(base(outer_in)))
p, q = tf.placeholder(tf.float32, [None, 3], name="p"), tf.placeholder(tf.float32, [None, 3],
                                                                       name="q")
out = [dist, siamese([p, q]), outer(p)]
fetch = siamese.weights + outer.weights
names = ([v.name for v in siamese.weights + outer.weights] +
         [l.name for l in siamese.layers + outer.layers])
""",
    "masking": f"""
tf.set_random_seed(33)
L = {K}.layers
ids = tf.placeholder(tf.int32, [None, 5], name="ids")
e = L.Embedding(20, 4, mask_zero=True)(ids)
h = L.Dense(4, activation="tanh")(e)
h = L.Dropout(0.1)(h)
a = L.LSTM(3, return_sequences=True)(h)
g = L.GlobalAveragePooling1D()(a)
b = L.Bidirectional(L.GRU(2, return_sequences=True), merge_mode="sum")(h)
c = L.Bidirectional(L.LSTM(2))(h)
s = L.SimpleRNN(2, go_backwards=True)(L.Lambda(lambda t: t * 2.0)(a))
seq = tf.placeholder(tf.float32, [None, 4, 3], name="seq")
m = L.Masking(0.0)(seq)
r = L.GRU(2, return_state=True)(m)
out = [g, b, c, s] + r
fetch = tf.global_variables()
""",
    "rnn_cells_stacked": f"""
tf.set_random_seed(34)
L = {K}.layers
x = tf.placeholder(tf.float32, [None, 4, 3], name="x")
r1 = L.RNN(L.LSTMCell(4), return_sequences=True)
r2 = L.RNN([L.GRUCell(3), L.LSTMCell(2), L.SimpleRNNCell(2)], return_state=True)
r3 = L.RNN(L.StackedRNNCells([L.SimpleRNNCell(2), L.SimpleRNNCell(3)]), unroll=True)
y = r1(x)


def flat(v):
    return [z for e in v for z in flat(e)] if isinstance(v, (list, tuple)) else [v]


out = [y] + flat(r2(y)) + [r3(x)]
fetch = r1.weights + r2.weights + r3.weights
names = [v.name for v in r1.weights + r2.weights + r3.weights] + [r1.name, r2.name, r3.name]
""",
    "layer_options": f"""
tf.set_random_seed(35)
L = {K}.layers
img = tf.placeholder(tf.float32, [2, 3, 8, 8], name="img")
c = L.Conv2D(4, 3, data_format="channels_first", padding="same",
             kernel_initializer=tf.truncated_normal_initializer(stddev=0.02))
bn = L.BatchNormalization(axis=1)
h = bn(c(img))
p = L.MaxPooling2D(2, data_format="channels_first")(h)
f = L.Flatten(data_format="channels_first")(p)
x64 = tf.placeholder(tf.float64, [None, 3], name="x64")
d64 = L.Dense(2, kernel_initializer=tf.contrib.layers.xavier_initializer())
frozen = L.Dense(3, trainable=False)
fx = frozen(tf.placeholder(tf.float32, [None, 3], name="fx"))
out = [h, p, f, d64(x64), fx]
fetch = c.weights + bn.weights + d64.weights + frozen.weights
names = ([v.name for v in tf.trainable_variables()] + [v.name for v in frozen.trainable_weights]
         + [v.name for v in frozen.non_trainable_weights] + [d64.dtype, str(d64.kernel.dtype)])
""",
    "metric_functions": f"""
M = {K}.metrics
y = tf.placeholder(tf.float32, [None, 4], name="y")
p = tf.placeholder(tf.float32, [None, 4], name="p")
i = tf.placeholder(tf.int64, [None], name="i")
i2 = tf.placeholder(tf.int32, [None, 1], name="i2")
out = [M.binary_accuracy(y, p), M.categorical_accuracy(y, p),
       M.sparse_categorical_accuracy(i, p), M.sparse_categorical_accuracy(i2, p),
       M.top_k_categorical_accuracy(y, p, 2), M.sparse_top_k_categorical_accuracy(i2, p, 3),
       M.mse(y, p), M.get("mae")(y, p), M.cosine(y, p), M.binary_crossentropy(y, p)]
""",
    "keras_optimizers": f"""
tf.set_random_seed(36)
x = tf.placeholder(tf.float32, [None, 3], name="x")
d1 = {K}.layers.Dense(4, activation="relu")
d2 = {K}.layers.Dense(1)
y = d2(d1(x))
loss = tf.reduce_mean(tf.square(y))
adam = {K}.optimizers.Adam(0.01)
t1 = adam.apply_gradients(zip(tf.gradients(loss, d1.trainable_weights), d1.trainable_weights))
sgd = {K}.optimizers.SGD(0.1, momentum=0.9, nesterov=True)
t2 = sgd.get_updates(loss, d2.trainable_weights)
plain = {K}.optimizers.SGD(lr=0.05, decay=0.01)
t3 = plain.apply_gradients([(tf.ones([1]), d2.bias)])
out = [loss]
fetch = tf.global_variables()
rms = {K}.optimizers.RMSprop(0.01)
t4 = rms.get_updates(loss, d1.trainable_weights)
rmc = {K}.optimizers.RMSprop(0.01, momentum=0.5, centered=True, name="rmc")
t5 = rmc.get_updates(loss, d2.trainable_weights)
ada = {K}.optimizers.Adagrad(0.1)
t6 = ada.apply_gradients(zip(tf.gradients(loss, d1.trainable_weights), d1.trainable_weights))
names = ([v.name for v in adam.weights + sgd.weights + plain.weights + rms.weights +
          rmc.weights + ada.weights] + [t1.name, t2[0].name, t3.name, t6.name])
""",
}


def run(tf, source):
    import numpy as np

    g = tf.Graph()
    with g.as_default():
        env = {"tf": tf, "np": np}
        try:
            exec(source, env)  # noqa: S102 - our own programs
        except Exception as e:  # noqa: BLE001 - the error is the record
            return {"error": [type(e).__name__, str(e).split("\n")[0]]}
        out = [t for t in env.get("out", []) if t is not None]
        rec = {
            "ops": [[op.name, op.type] for op in g.get_operations()],
            "op_outputs": graph_outputs(g),
            "shapes": [[t.name, None if t.shape.ndims is None else t.shape.as_list()]
                       for t in out],
            "seeds": _seeds(g),
            "names": [str(n) for n in env.get("names", [])],
        }
        fetch = env.get("fetch")
        if fetch:
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                feed = {g.get_tensor_by_name(k): v for k, v in env.get("feed", {}).items()}
                rec["values"] = [encode(v) for v in sess.run(fetch, feed)]
    return rec


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
    import tensorflow as tf

    tf.logging.set_verbosity(tf.logging.ERROR)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "tf1.jsonl"), "w") as f:
        for name, source in PROGRAMS.items():
            rec = {"name": name, "source": source.strip("\n")}
            rec.update(run(tf, source))
            f.write(json.dumps(rec, sort_keys=True) + "\n")
            print(name, rec.get("error") or len(rec["ops"]))


if __name__ == "__main__":
    main()
