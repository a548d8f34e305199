"""The programs scripts/ref_eager.py records with TF 2.21 (each defines main(tf, np))."""

PROGRAMS = {
    "seed/interleaved_draws": """
def main(tf, np):
    out = []
    tf.random.set_seed(31337)
    out.append(np.asarray(tf.random.categorical([[0.1, 0.7, -0.4]], 5)))
    out.append(np.asarray(tf.random.uniform([3], seed=11)))
    out.append(np.asarray(tf.random.shuffle(tf.range(9))))
    out.append(np.asarray(tf.random.normal([2, 2], dtype=tf.float64)))
    out.append(np.asarray(tf.random.uniform([3], seed=11)))
    out.append(np.asarray(tf.random.gamma([3], [0.5, 4.0])))
    out.append(np.asarray(tf.random.uniform([4], 0, 100, dtype=tf.int64)))
    out.append(np.asarray(tf.random.truncated_normal([5], 2.0, 0.1)))
    return out
""",
    "seed/reuse_float16_shapes": """
def main(tf, np):
    out = []
    tf.random.set_seed(99)
    for shape in ([3], [2, 2], [1], [7]):
        out.append(np.asarray(tf.random.uniform(shape, dtype=tf.float16, seed=5)))
        out.append(np.asarray(tf.random.normal(shape, dtype=tf.float16, seed=5)))
    out.append(np.asarray(tf.random.uniform([2], 1, 3, dtype=tf.float16, seed=5)))
    return out
""",
    "eager/variable_and_arithmetic": """
def main(tf, np):
    out = []
    tf.random.set_seed(4242)
    v = tf.Variable(tf.random.uniform([4]))
    out.append(np.asarray(v))
    v.assign(v * 2.0 + tf.random.normal([4], seed=1))
    out.append(np.asarray(v))
    v.assign_add(tf.ones([4]))
    out.append(np.asarray(v.read_value()))
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    out.append(np.asarray(x[:, 1] - tf.random.uniform([2])))
    out.append(np.asarray(tf.reshape(tf.range(6), [2, 3]) * 3 // 2))
    out.append(np.asarray(float(tf.random.uniform([]))))
    return out
""",
    "function/python_args": """
def main(tf, np):
    out = []
    tf.random.set_seed(777)
    @tf.function
    def f(n, scale):
        return tf.random.uniform([n]) * scale, tf.random.normal([2], seed=4)
    out += [np.asarray(t) for t in f(3, 1.0)]
    out += [np.asarray(t) for t in f(3, 1.0)]
    out += [np.asarray(t) for t in f(4, 1.0)]
    out += [np.asarray(t) for t in f(3, 2.0)]
    out += [np.asarray(t) for t in f(3, 1.0)]
    out.append(np.asarray(tf.random.uniform([2])))
    return out
""",
    "function/eager_between_calls": """
def main(tf, np):
    out = []
    tf.random.set_seed(2024)
    @tf.function
    def f(x):
        return x * tf.random.uniform([3]) + tf.random.uniform([3], seed=9)
    x = tf.ones([3])
    out.append(np.asarray(f(x)))
    out.append(np.asarray(tf.random.uniform([3], seed=9)))
    out.append(np.asarray(f(x)))
    tf.random.set_seed(2025)
    out.append(np.asarray(f(x)))
    out.append(np.asarray(tf.random.uniform([3])))
    return out
""",
    "function/generator_and_ops": """
def main(tf, np):
    out = []
    tf.random.set_seed(55)
    g = tf.random.Generator.from_seed(66)
    @tf.function
    def f(x):
        a = g.normal([3], 2.0, 0.5) * x[1]
        b = tf.random.uniform([2])
        c = g.binomial([2], counts=9.0, probs=0.4)
        return a, b, c, tf.random.normal([1], seed=3) + x[0]
    for _ in range(2):
        out += [np.asarray(t) for t in f(tf.ones([2]))]
        out.append(np.asarray(g.state))
    out.append(np.asarray(g.uniform([2])))
    return out
""",
    "function/input_signature": """
def main(tf, np):
    out = []
    tf.random.set_seed(8)
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def f(x):
        return x + tf.random.uniform(tf.shape(x), seed=2), tf.random.normal([2])
    out += [np.asarray(t) for t in f(tf.zeros([3]))]
    out += [np.asarray(t) for t in f(tf.zeros([5]))]
    out += [np.asarray(t) for t in f(tf.ones([3]))]
    return out
""",
    "seed/tensor_arguments": """
def main(tf, np):
    out = []
    tf.random.set_seed(1212)
    out.append(np.asarray(tf.random.uniform(tf.constant([2, 3]), tf.constant(-1.0),
                                            tf.constant(2.5))))
    out.append(np.asarray(tf.random.uniform([3], 5, 9, dtype=tf.int64, seed=4)))
    out.append(np.asarray(tf.random.normal([3], mean=tf.constant(1.0), stddev=0.25)))
    out.append(np.asarray(tf.random.truncated_normal([4], dtype=tf.bfloat16)))
    out.append(np.asarray(tf.random.shuffle(tf.reshape(tf.range(12, dtype=tf.float32),
                                                       [4, 3]), seed=6)))
    out.append(np.asarray(tf.random.categorical(tf.constant([[0.0, 1.0, 2.0]]),
                                                tf.constant(6))))
    out.append(np.asarray(tf.random.poisson([2, 2], [1.0, 30.0], dtype=tf.int64)))
    out.append(np.asarray(tf.random.gamma([2], 2.0, beta=tf.constant([1.0, 3.0], tf.float64),
                                          dtype=tf.float64, seed=1)))
    return out
""",
    "keras3/more_initializers": """
def main(tf, np):
    out = []
    keras = tf.keras
    out.append(np.asarray(keras.initializers.RandomNormal(seed=21)((3, 2))))
    out.append(np.asarray(keras.initializers.HeUniform(seed=21)((2, 2, 3))))
    out.append(np.asarray(keras.initializers.LecunUniform(seed=21)((5,))))
    out.append(np.asarray(keras.initializers.VarianceScaling(
        0.5, "fan_out", "untruncated_normal", seed=21)((3, 4))))
    out.append(np.asarray(keras.initializers.TruncatedNormal(1.0, 0.3, seed=21)((6,),
                                                                          dtype="float64")))
    sg = keras.random.SeedGenerator(5)
    ini = keras.initializers.RandomUniform(seed=sg)
    out.append(np.asarray(ini((3,)))); out.append(np.asarray(ini((3,))))
    out.append(np.asarray(keras.initializers.Zeros()((2,))))
    out.append(np.asarray(keras.initializers.Constant(0.5)((2, 2))))
    return out
""",
    "keras3/dropout_noise_shape_and_random": """
def main(tf, np):
    out = []
    keras = tf.keras
    d = keras.layers.Dropout(0.5, noise_shape=(None, 1), seed=3)
    out.append(np.asarray(d(tf.ones([4, 3]), training=True)))
    out.append(np.asarray(keras.random.dropout(tf.ones([2, 3]), 0.4, noise_shape=(1, 3),
                                               seed=9)))
    out.append(np.asarray(keras.random.shuffle(tf.reshape(tf.range(6), [2, 3]), axis=1,
                                               seed=2)))
    out.append(np.asarray(keras.random.randint((3, 2), -5, 5, dtype="int64", seed=2)))
    out.append(np.asarray(keras.random.gamma((3,), 0.8, seed=2)))
    out.append(np.asarray(keras.random.normal((2,), dtype="float16", seed=2)))
    return out
""",
    "generator/constructors_and_args": """
def main(tf, np):
    out = []
    g = tf.random.Generator(state=[7, 8, 9], alg="philox")
    out.append(np.asarray(g.uniform([2], minval=tf.constant(1.0), maxval=3.0)))
    h = tf.random.Generator(copy_from=g)
    out.append(np.asarray(h.state))
    out.append(np.asarray(h.normal(tf.constant([2]))))
    out.append(np.asarray(g.normal([2])))
    out.append(np.asarray(g.uniform([3], 0, 10, dtype=tf.int64)))
    out.append(np.asarray(g.make_seeds(2)))
    out.append(np.asarray(tf.random.create_rng_state([1, 2, 3, 4], "philox")))
    out.append(np.asarray(tf.random.Generator.from_seed([5, 6]).state))
    return out
""",
    "function/variables_and_keras_dropout": """
def main(tf, np):
    out = []
    tf.random.set_seed(606)
    v = tf.Variable(tf.zeros([3]))
    d = tf.keras.layers.Dropout(0.5, seed=12)
    @tf.function
    def step(x):
        v.assign_add(tf.random.uniform([3]))
        y = d(x * v, training=True)
        return y, v.read_value() * 2.0, tf.random.normal([2])
    for _ in range(3):
        out += [np.asarray(t) for t in step(tf.ones([3]))]
        out.append(np.asarray(v))
        out.append(np.asarray(d.seed_generator.state.value))
    return out
""",
    "stateless/shuffles": """
def main(tf, np):
    out = []
    for sd in ([3, 4], [-1, 2**40], [0, 0]):
        out.append(np.asarray(tf.random.experimental.stateless_shuffle(tf.range(37), sd)))
        out.append(np.asarray(tf.random.experimental.stateless_shuffle(
            tf.reshape(tf.range(10.0), [5, 2]), sd, alg="philox")))
    for m in (1, 2, 100, 65535, 65536, 65537, 2**33 + 5, 2**62):
        out.append(np.asarray(tf.random.experimental.index_shuffle(
            tf.constant([0, 1], tf.int64), tf.constant([7, 8], tf.int64), max_index=m)))
    out.append(np.asarray(tf.random.experimental.index_shuffle(tf.range(5), [-9, 2**31 - 1],
                                                               max_index=[4, 5, 6, 7, 8])))
    return out
""",
    "stateless/parameterized_truncated_normal_branches": """
def main(tf, np):
    out = []
    f = tf.random.stateless_parameterized_truncated_normal
    sd = [123456789, -42]
    out.append(np.asarray(f([5, 2], sd, means=[0.0, 1.0], stddevs=[1.0, 0.5],
                            minvals=[-0.2, 1.1], maxvals=[0.3, 3.0])))
    out.append(np.asarray(f([4, 3], sd, means=0.0, stddevs=1.0,
                            minvals=[2.5, -1.0, -5.0], maxvals=[4.0, 1.0, 5.0])))
    out.append(np.asarray(f([7], sd, means=tf.constant(2.0, tf.float64),
                            stddevs=tf.constant(0.5, tf.float64),
                            minvals=tf.constant(-np.inf, tf.float64),
                            maxvals=tf.constant(1.5, tf.float64))))
    out.append(np.asarray(f([9], sd, means=tf.constant(0.0, tf.float16),
                            stddevs=tf.constant(2.0, tf.float16),
                            minvals=tf.constant(3.0, tf.float16),
                            maxvals=tf.constant(np.inf, tf.float16))))
    out.append(np.asarray(f([40], [1, 2], minvals=0.5, maxvals=0.6)))
    return out
""",
    "stateless/parameterized_truncated_normal_large": """
def main(tf, np):
    out = []
    f = tf.random.stateless_parameterized_truncated_normal
    for n in (100, 300, 1000):
        out.append(np.asarray(f([n], [5, 6], minvals=-1.0, maxvals=1.5)))
    return out
""",
    "keras3/orthogonal_shapes": """
def main(tf, np):
    out = []
    keras = tf.keras
    for shape in ((3, 3), (5, 3), (3, 5), (3, 3, 2, 4), (10, 10), (30, 12), (7, 40)):
        out.append(np.asarray(keras.initializers.Orthogonal(gain=1.5, seed=77)(shape)))
    out.append(np.asarray(keras.initializers.Orthogonal(seed=5)((6, 4), dtype="float64")))
    out.append(np.asarray(tf.linalg.qr(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]]))[0]))
    return out
""",
    "keras3/layers_set_random_seed": """
def main(tf, np):
    out = []
    keras = tf.keras
    keras.utils.set_random_seed(4321)
    conv = keras.layers.Conv2D(3, (2, 2))
    conv.build((None, 5, 5, 2))
    out += [np.asarray(w) for w in conv.get_weights()]
    emb = keras.layers.Embedding(6, 3)
    emb.build()
    out.append(np.asarray(emb.embeddings))
    dense = keras.layers.Dense(2, kernel_initializer="he_uniform", bias_initializer="ones")
    dense.build((None, 3))
    out += [np.asarray(w) for w in dense.get_weights()]
    out.append(np.asarray(keras.initializers.get("lecun_normal")((2, 2))))
    out.append(np.asarray(keras.initializers.Identity(gain=2.0)((2, 3))))
    c1 = keras.layers.Conv1D(2, 3, kernel_initializer=keras.initializers.GlorotNormal(seed=1))
    c1.build((None, 8, 4))
    out.append(np.asarray(c1.kernel))
    out.append(np.asarray(keras.random.uniform((2,))))
    return out
""",
    "function/reduce_retracing_and_kwargs": """
def main(tf, np):
    out = []
    tf.random.set_seed(3)
    @tf.function(reduce_retracing=True)
    def f(x):
        return x + tf.random.uniform(tf.shape(x), seed=1)
    for s in ([3], [4], [5], [3], [2, 2], [2, 3], [4], [1, 1, 1]):
        out.append(np.asarray(f(tf.zeros(s))))
    @tf.function
    def g(a, scale=1.0, extra=None):
        return a["x"] * scale + tf.random.normal([2]) + extra
    out.append(np.asarray(g({"x": tf.ones([2])}, extra=tf.zeros([2]))))
    out.append(np.asarray(g({"x": tf.ones([2])}, scale=1.0, extra=tf.zeros([2]))))
    out.append(np.asarray(g({"x": tf.ones([2])}, extra=tf.ones([2]), scale=2.0)))
    return out
""",
    "function/nested_functions": """
def main(tf, np):
    out = []
    tf.random.set_seed(10)
    @tf.function
    def inner(x):
        return x * tf.random.uniform([2]) + tf.random.normal([2], seed=5)
    @tf.function
    def outer():
        a = tf.random.uniform([2])
        b = inner(1.0)
        c = inner(2.0)
        d = tf.random.uniform([2])
        return a, b, c, d
    for _ in range(2):
        out += [np.asarray(t) for t in outer()]
    out.append(np.asarray(inner(1.0)))
    return out
""",
    "seed/mixed_arguments": """
def main(tf, np):
    out = []
    tf.random.set_seed(77)
    out.append(np.asarray(tf.random.uniform([3], 0, tf.constant(10), dtype=tf.int32, seed=2)))
    out.append(np.asarray(tf.random.categorical(tf.constant([[0.5, 1.5]], tf.float16), 5,
                                                dtype=tf.int32)))
    out.append(np.asarray(tf.random.shuffle(tf.constant([1.5, 2.5, 3.5], tf.float16), seed=4)))
    out.append(np.asarray(tf.random.normal([2, 3], dtype=tf.float16)))
    out.append(np.asarray(tf.random.uniform((2,), maxval=5.0, dtype=tf.float64)))
    out.append(np.asarray(tf.random.truncated_normal(tf.TensorShape([3]), stddev=0.1)))
    out.append(np.asarray(tf.random.gamma([2, 1], alpha=[[1.0], [2.0]])))
    out.append(np.asarray(tf.random.poisson([3], lam=[0.5], dtype=tf.int32, seed=9)))
    out.append(np.asarray(tf.random.uniform([2], name="u")))
    return out
""",
    "generator/variants": """
def main(tf, np):
    out = []
    g = tf.random.Generator.from_seed(99, alg=tf.random.Algorithm.AUTO_SELECT)
    out.append(np.asarray(g.algorithm))
    out.append(np.asarray(g.uniform([3], -1.0, 2.0, dtype=tf.float16)))
    out.append(np.asarray(g.normal([2], mean=tf.constant(1.0), stddev=2.0)))
    out.append(np.asarray(g.truncated_normal([3], dtype=tf.bfloat16)))
    g.skip(tf.constant(5))
    out.append(np.asarray(g.state))
    out.append(np.asarray(g.uniform_full_int([2], dtype=tf.uint32)))
    out.append(np.asarray(g.uniform_full_int([2])))
    g.reset_from_seed([1, 2])
    out.append(np.asarray(g.state))
    out.append(np.asarray(g.make_seeds(1)))
    h = tf.random.Generator.from_non_deterministic_state(alg="auto_select")
    out.append(np.asarray(h.algorithm))
    out.append(np.asarray(tf.random.Generator.from_seed(-5).state))
    k = tf.random.Generator.from_seed(3)
    out.append(np.asarray(k.binomial([3], counts=tf.constant([5.0, 50.0, 500.0]),
                                     probs=tf.constant([0.1, 0.6, 0.99]))))
    out.append(np.asarray(k.binomial([2, 3], counts=[5.0, 50.0, 500.0], probs=0.3,
                                     dtype=tf.float32)))
    out.append(np.asarray(k.state))
    return out
""",
    "keras3/random_variants": """
def main(tf, np):
    out = []
    keras = tf.keras
    keras.utils.set_random_seed(5)
    sg = keras.random.SeedGenerator(3)
    out.append(np.asarray(keras.random.normal((2,), seed=sg)))
    out.append(np.asarray(keras.random.normal((2,), seed=sg)))
    out.append(np.asarray(keras.layers.Dropout(0.0)(tf.ones([3]), training=True)))
    out.append(np.asarray(keras.random.dropout(tf.ones([4]), 0.5)))
    out.append(np.asarray(keras.random.shuffle(tf.range(5))))
    out.append(np.asarray(keras.random.categorical([[0.0, 1.0]], 3, dtype="int64", seed=1)))
    out.append(np.asarray(keras.random.truncated_normal((3,), dtype="float64", seed=4)))
    out.append(np.asarray(keras.random.gamma((2,), 2.0, dtype="float64", seed=4)))
    out.append(np.asarray(keras.random.randint((3,), 0, 200, dtype="uint8", seed=4)))
    out.append(np.asarray(keras.random.beta((3,), 0.5, 0.5, seed=4)))
    out.append(np.asarray(keras.random.binomial((3,), 10, 0.5, seed=4)))
    out.append(np.asarray(keras.initializers.RandomUniform(seed=sg)((2,))))
    out.append(np.asarray(keras.random.uniform((2, 2), dtype="float16", seed=4)))
    return out
""",
    "stateless/variants": """
def main(tf, np):
    out = []
    sd = tf.constant([5, 6], tf.int64)
    out.append(np.asarray(tf.random.stateless_uniform(
        tf.constant([3], tf.int64), sd, tf.constant(2, tf.int64), tf.constant(9, tf.int64),
        dtype=tf.int64)))
    out.append(np.asarray(tf.random.stateless_normal([2, 2], sd, mean=tf.constant(1.0),
                                                     stddev=0.5)))
    out.append(np.asarray(tf.random.stateless_categorical(
        tf.constant([[0.1, 0.2]], tf.float16), 4, sd)))
    out.append(np.asarray(tf.random.stateless_gamma([3, 2], sd, alpha=[1.0, 2.0], beta=[2.0, 0.5])))
    out.append(np.asarray(tf.random.stateless_poisson([3], sd, lam=2.0, dtype=tf.int64)))
    out.append(np.asarray(tf.random.stateless_binomial(
        [2], sd, counts=tf.constant([3.0, 7.0], tf.float64),
        probs=tf.constant([0.5, 0.5], tf.float64), output_dtype=tf.float64)))
    out.append(np.asarray(tf.random.stateless_uniform([2], [1, 2], dtype=tf.bfloat16)))
    out.append(np.asarray(tf.random.stateless_truncated_normal([3], [1, 2], dtype=tf.float16,
                                                               alg="philox")))
    return out
""",
    "function/python_branches_and_methods": """
def main(tf, np):
    out = []
    tf.random.set_seed(12)
    @tf.function
    def f(x, training):
        y = tf.random.uniform([2], seed=1) * x
        if training:
            y = y + tf.random.normal([2])
        return {"y": y, "z": tf.random.categorical([[0.0, 0.0]], 2)}
    for tr in (True, False, True):
        r = f(tf.constant(2.0), tr)
        out += [np.asarray(r["y"]), np.asarray(r["z"])]
    class M:
        @tf.function
        def step(self, x):
            return x + tf.random.uniform([1])
    m = M()
    out.append(np.asarray(m.step(tf.constant(1.0))))
    out.append(np.asarray(m.step(tf.constant(1.0))))
    return out
""",
    "keras3/sequential_weights": """
def main(tf, np):
    out = []
    keras = tf.keras
    keras.utils.set_random_seed(2468)
    model = keras.Sequential([
        keras.Input((6, 6, 2)),
        keras.layers.Conv2D(3, 3, strides=2, padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(4, kernel_initializer="lecun_uniform"),
        keras.layers.Dense(1),
    ])
    out += [np.asarray(w) for w in model.get_weights()]
    m2 = keras.Sequential([keras.layers.Embedding(10, 3), keras.layers.Dense(2)])
    m2.build((None, 5))
    out += [np.asarray(w) for w in m2.get_weights()]
    return out
""",
    "keras3/recurrent_weights": """
def main(tf, np):
    out = []
    keras = tf.keras
    keras.utils.set_random_seed(1357)
    for layer in (keras.layers.SimpleRNN(3), keras.layers.LSTM(2),
                  keras.layers.GRU(2), keras.layers.GRU(2, reset_after=False),
                  keras.layers.LSTM(3, kernel_initializer=keras.initializers.HeNormal(seed=4),
                                    unit_forget_bias=False, bias_initializer="ones")):
        layer.build((None, 5, 4))
        out += [np.asarray(w) for w in layer.get_weights()]
    out.append(np.asarray(keras.random.uniform((2,))))
    return out
""",
    "keras3/noise_layers": """
def main(tf, np):
    out = []
    keras = tf.keras
    x = tf.reshape(tf.range(24, dtype=tf.float32), [2, 3, 4]) / 10.0
    for layer in (keras.layers.GaussianNoise(0.3, seed=11),
                  keras.layers.GaussianDropout(0.4, seed=12),
                  keras.layers.AlphaDropout(0.5, seed=13),
                  keras.layers.SpatialDropout1D(0.5, seed=14)):
        out.append(np.asarray(layer(x, training=True)))
        out.append(np.asarray(layer(x, training=True)))
        out.append(np.asarray(layer(x, training=False)))
    y = tf.ones([2, 3, 3, 2])
    out.append(np.asarray(keras.layers.SpatialDropout2D(0.5, seed=15)(y, training=True)))
    return out
""",
    "generator/loop_and_split": """
def main(tf, np):
    out = []
    g = tf.random.Generator.from_seed(2718281828)
    for n in (1, 5, 300):
        out.append(np.asarray(g.uniform([n])))
        out.append(np.asarray(g.state))
    kids = g.split(3)
    for k in kids:
        out.append(np.asarray(k.uniform([2], 0, 2**40, dtype=tf.int64)))
        out.append(np.asarray(k.state))
    out.append(np.asarray(g.normal([3, 3], 5.0, 0.5, dtype=tf.float64)))
    g.skip(2**40)
    out.append(np.asarray(g.state))
    out.append(np.asarray(g.truncated_normal([4])))
    return out
""",
    "generator/counter_carry": """
def main(tf, np):
    out = []
    g = tf.random.Generator.from_key_counter(key=12345, counter=[-256, 7], alg="philox")
    out.append(np.asarray(g.uniform([1])))
    out.append(np.asarray(g.state))
    out.append(np.asarray(g.uniform([3])))
    out.append(np.asarray(g.state))
    h = tf.random.Generator.from_state([4294967040, 0, 99], alg="philox")
    out.append(np.asarray(h.normal([2])))
    out.append(np.asarray(h.state))
    h.skip(2**56 + 3)
    out.append(np.asarray(h.state))
    return out
""",
    "keras3/dense_seeded_and_dropout": """
def main(tf, np):
    out = []
    keras = tf.keras
    layer = keras.layers.Dense(3, kernel_initializer=keras.initializers.GlorotNormal(seed=5),
                               bias_initializer="zeros")
    layer.build((None, 4))
    out.append(np.asarray(layer.kernel)); out.append(np.asarray(layer.bias))
    d = keras.layers.Dropout(0.3, seed=77)
    x = tf.ones([3, 5])
    for _ in range(3):
        out.append(np.asarray(d(x, training=True)))
    out.append(np.asarray(keras.random.normal((3,), seed=keras.random.SeedGenerator(8))))
    out.append(np.asarray(keras.initializers.HeUniform(seed=3)((4, 2))))
    out.append(np.asarray(keras.initializers.RandomNormal(0.5, 2.0, seed=3)((6,))))
    return out
""",
    "keras3/set_random_seed_sequence": """
def main(tf, np):
    out = []
    keras = tf.keras
    keras.utils.set_random_seed(123)
    out.append(np.asarray(keras.random.uniform((3,))))
    out.append(np.asarray(keras.random.uniform((3,))))
    out.append(np.asarray(keras.initializers.LecunUniform()((3, 2))))
    out.append(np.asarray(tf.random.normal([2])))
    keras.utils.set_random_seed(123)
    out.append(np.asarray(keras.random.uniform((3,))))
    return out
""",
    "keras3/half_precision_dtypes": """
def main(tf, np):
    out = []
    keras = tf.keras
    out.append(np.asarray(keras.initializers.GlorotUniform(seed=3)((3, 2), dtype="float16")))
    out.append(np.asarray(keras.initializers.GlorotUniform(seed=3)((3, 2), dtype="bfloat16")))
    out.append(np.asarray(keras.initializers.HeNormal(seed=3)((4,), dtype="float16")))
    out.append(np.asarray(keras.initializers.RandomNormal(seed=3)((4,), dtype="bfloat16")))
    out.append(np.asarray(keras.random.normal((3,), dtype="bfloat16", seed=1)))
    out.append(np.asarray(keras.layers.Dropout(0.3, seed=2)(tf.ones([5], tf.float16),
                                                            training=True)))
    return out
""",
    "seed/eager_array_ops": """
def main(tf, np):
    out = []
    tf.random.set_seed(8)
    x = tf.random.uniform([3, 4])
    out.append(np.asarray(tf.reshape(x, [-1, 2])))
    out.append(np.asarray(tf.concat([x, x * 2.0], axis=1)))
    out.append(np.asarray(tf.gather(x, [2, 0])))
    out.append(np.asarray(tf.reduce_max(x, axis=1, keepdims=True)))
    out.append(np.asarray(tf.argmax(x, axis=0)))
    out.append(np.asarray(tf.transpose(x)[0]))
    out.append(np.asarray(tf.where(x > 0.5)))
    out.append(np.asarray(tf.cast(x * 10.0, tf.int32)))
    out.append(np.asarray(tf.one_hot(tf.argmax(x, axis=1), 4)))
    out.append(np.asarray(tf.stack([x[0], x[1]], axis=1)))
    out.append(np.asarray(tf.math.floormod(tf.range(7), 3)))
    out.append(np.asarray(tf.squeeze(tf.expand_dims(x, 0))))
    return out
""",
    "keras3/model_called_for_weights": """
def main(tf, np):
    out = []
    keras = tf.keras
    keras.utils.set_random_seed(97)
    model = keras.Sequential([keras.layers.Dense(5), keras.layers.Dropout(0.2),
                              keras.layers.Dense(2, kernel_initializer="he_normal")])
    y = model(tf.ones([3, 4]))
    out.append(np.asarray(y.shape))
    out += [np.asarray(w) for w in model.get_weights()]
    out.append(np.asarray(keras.random.normal((2,))))
    return out
""",
    "keras3/functional_model": """
def main(tf, np):
    out = []
    keras = tf.keras
    keras.utils.set_random_seed(31)
    inputs = keras.Input((8, 8, 1))
    x = keras.layers.Conv2D(2, 3, activation="relu")(inputs)
    x = keras.layers.Flatten()(x)
    x = keras.layers.Dropout(0.3)(x)
    outputs = keras.layers.Dense(3, kernel_initializer="glorot_normal")(x)
    model = keras.Model(inputs, outputs)
    out += [np.asarray(w) for w in model.get_weights()]
    return out
""",
}
