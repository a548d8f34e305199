"""Random `main(tf, np)` programs of the shared corpora's kinds, for scripts/diff_fuzz.py.

`graph_program(rng, target)` writes a TF 1.x graph-mode program (target "tf1": TF 1.15's
`tensorflow`, with tf.layers; "tf2": TF 2.21's `tf.compat.v1`), `eager_program(rng)` a
TF 2.21 eager program and `data_program(rng, target)` a tf.data pipeline (both in
diff_fuzz_gen2.py). Every program is
deterministic under TensorFlow's rules (a random op without an op seed only runs while a
graph/global seed is set), so any difference in its outputs is a bug.
"""

from __future__ import annotations

SEEDS = [
    0,
    1,
    2,
    7,
    42,
    1234,
    87654321,
    2**31 - 2,
    2**31 - 1,
    2**31,
    2**31 + 5,
    2**32,
    2**32 + 1,
    2**62,
    2**63 - 1,
    -1,
    -2,
    -(2**31),
    4294967303,
    1813743792,
]
FLOATS16 = ["float16", "float32", "float64", "bfloat16"]
SHAPES = [
    "[]",
    "[0]",
    "[1]",
    "[3]",
    "[2, 3]",
    "[4, 1, 2]",
    "[5, 0]",
    "[7]",
    "[257]",
    "[3, 5]",
    "(2, 2)",
    "np.array([3, 2], dtype=np.int64)",
    "np.array([5], np.int32)",
    "tf.constant([2, 4])",
    "[1, 1, 1, 3]",
    "[9]",
    "[1025]",
]
SMALL_SHAPES = ["[]", "[1]", "[3]", "[2, 3]", "[5]", "[4, 1]", "[0]"]


def seed(rng, none_ok=True):
    if none_ok and rng.random() < 0.35:
        return None
    if rng.random() < 0.6:
        return rng.choice(SEEDS)
    return rng.randrange(-(2**40), 2**40)


def fnum(rng, lo=-5.0, hi=5.0):
    return repr(round(rng.uniform(lo, hi), rng.choice([0, 1, 2, 4])))


class Graph:
    """Tracks the graph seed so every op-seed-less random op is deterministic."""

    def __init__(self, rng, target, name="g"):
        self.rng, self.target, self.name = rng, target, name
        self.graph_seed = None
        self.has_x = False

    def op_seed(self):
        s = seed(self.rng, none_ok=self.graph_seed is not None)
        return "" if s is None else f", seed={s}"

    def filler(self):
        r = self.rng
        return r.choice(
            [
                "tf.constant(1.0)",
                "tf.zeros([2])",
                "tf.add(tf.constant(2), tf.constant(3))",
                "tf.no_op()",
                "tf.placeholder(tf.float32, [None])",
                "tf.ones([2, 2]) * 3.0",
                "tf.range(5)",
                "tf.reshape(tf.range(6), [2, 3])",
                "tf.identity(tf.constant([1, 2]))",
                "tf.concat([tf.ones([2]), tf.zeros([3])], 0)",
                "tf.matmul(tf.ones([2, 3]), tf.ones([3, 1]))",
            ]
        )

    def random_expr(self):
        """One random-op expression yielding one tensor; errors are allowed (edge values)."""
        r, s = self.rng, self.op_seed()
        k = r.choice(
            [
                "uniform",
                "uniform",
                "normal",
                "truncated",
                "int",
                "shuffle",
                "crop",
                "multinomial",
                "categorical",
                "gamma",
                "poisson",
                "stateless",
                "stateless",
                "dropout",
                "init",
                "uniform_tensor_bounds",
                "image",
            ]
        )
        shape = r.choice(SHAPES)
        if k == "uniform":
            dt = r.choice(FLOATS16)
            lo = fnum(r)
            hi = r.choice([fnum(r, 0, 50), "1.0", lo, "None"]) if r.random() < 0.5 else "1.0"
            return f"tf.random_uniform({shape}, {lo}, {hi}, dtype=tf.{dt}{s})"
        if k == "uniform_tensor_bounds":
            return (
                f"tf.random_uniform({r.choice(SMALL_SHAPES)}, tf.constant({fnum(r)}), "
                f"tf.constant({fnum(r, 5, 9)}){s})"
            )
        if k in ("normal", "truncated"):
            fn = "tf.random_normal" if k == "normal" else "tf.truncated_normal"
            dt = r.choice(FLOATS16)
            sd = r.choice(["1.0", "0.0", "0.5", fnum(r, 0, 10), "-1.0", "2"])
            return f"{fn}({shape}, mean={fnum(r)}, stddev={sd}, dtype=tf.{dt}{s})"
        if k == "int":
            dt = r.choice(["int32", "int64"])
            lo, hi = r.choice(
                [
                    (0, 10),
                    (-5, 5),
                    (7, 1048587),
                    (-342, 156),
                    (0, 1),
                    (0, 2**31 - 1),
                    (-(2**31), 2**31 - 1),
                    (5, 5),
                    (3, 1),
                    (0, 2**31),
                    (-(2**62), 2**62),
                    (0, 2**32 + 3),
                    (0, 3),
                ]
            )
            if dt == "int32" and (hi > 2**31 - 1 or lo < -(2**31)) and r.random() < 0.8:
                dt = "int64"
            return f"tf.random_uniform({shape}, {lo}, {hi}, dtype=tf.{dt}{s})"
        if k == "shuffle":
            v = r.choice(
                [
                    "tf.range(10)",
                    "tf.reshape(tf.range(12), [4, 3])",
                    "tf.range(0)",
                    "tf.constant([3.5])",
                    "tf.constant(['a', 'b', 'c', 'd'])",
                    "tf.reshape(tf.range(24.0), [6, 2, 2])",
                    "tf.range(100)",
                    "tf.constant(5)",
                    "tf.cast(tf.range(7), tf.int64)",
                ]
            )
            return f"tf.random_shuffle({v}{s})"
        if k == "crop":
            v, size = r.choice(
                [
                    ("tf.reshape(tf.range(60), [5, 4, 3])", "[3, 2, 3]"),
                    ("tf.reshape(tf.range(60), [5, 4, 3])", "[5, 4, 3]"),
                    ("tf.reshape(tf.range(60.0), [5, 12])", "[2, 5]"),
                    ("tf.range(10)", "[4]"),
                    ("tf.range(10)", "[11]"),
                    ("tf.range(10)", "[0]"),
                    ("tf.reshape(tf.range(60), [5, 4, 3])", "[1, 1, 1]"),
                    ("tf.reshape(tf.range(64), [8, 8])", "[3, 3]"),
                ]
            )
            return f"tf.random_crop({v}, {size}{s})"
        if k in ("multinomial", "categorical"):
            logits = r.choice(
                [
                    "tf.constant(np.log(np.array([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]], "
                    "dtype=np.float32)))",
                    "tf.zeros([1, 5])",
                    "tf.constant([[0.0, -np.inf, 1.0]])",
                    "tf.constant([[1.0, 2.0]] * 4)",
                    "tf.constant([[3.0, 1.0, 0.0, -2.0]], dtype=tf.float64)",
                    "tf.constant([[0.5, 0.5]], dtype=tf.float16)",
                    "tf.zeros([3, 1])",
                    "tf.reshape(tf.range(40.0) / 10.0, [4, 10])",
                ]
            )
            ns = r.choice([1, 2, 5, 0, 17, 100])
            fn = "tf.multinomial" if k == "multinomial" else "tf.random.categorical"
            od = r.choice(["", ", output_dtype=tf.int32", ", output_dtype=tf.int64"])
            if k == "categorical":
                od = od.replace("output_dtype", "dtype")
            return f"{fn}({logits}, {ns}{s}{od})"
        if k == "gamma":
            alpha = r.choice(
                [
                    "1.0",
                    "0.5",
                    "3.168",
                    "0.01",
                    "100.0",
                    "[0.4, 6.8]",
                    "[[0.7], [2.5]]",
                    "tf.constant([1.5, 2.0], tf.float64)",
                    "0.0",
                ]
            )
            beta = r.choice(["", ", beta=2.0", ", beta=[1.0, 2.17]", ", beta=0.5"])
            dt = r.choice(["float32", "float64", "float16"])
            if "tf.float64" in alpha:
                dt = "float64"
            return f"tf.random_gamma({r.choice(SMALL_SHAPES)}, {alpha}{beta}, dtype=tf.{dt}{s})"
        if k == "poisson":
            lam = r.choice(
                [
                    "1.0",
                    "0.0",
                    "50.0",
                    "9.5",
                    "10.0",
                    "1000.0",
                    "[1.0, 20.0]",
                    "0.3",
                    "[[2.0], [15.0]]",
                ]
            )
            dt = r.choice(["float32", "float64", "int32", "int64", "float16"])
            return f"tf.random_poisson({lam}, {r.choice(SMALL_SHAPES)}, dtype=tf.{dt}{s})"
        if k == "stateless":
            sd = r.choice(
                [
                    "[1, 2]",
                    "[0, 0]",
                    "[-1, 2**31 - 1]",
                    "tf.constant([7, 9], tf.int64)",
                    "tf.constant([3, 4], tf.int32)",
                    "[123456, 654321]",
                    "[2**31 - 1, -2**31]",
                ]
            )
            fn = r.choice(
                [
                    "stateless_uniform",
                    "stateless_normal",
                    "stateless_truncated_normal",
                    "stateless_uniform_int",
                    "stateless_multinomial",
                    "stateless_categorical",
                ]
            )
            if fn == "stateless_uniform_int":
                dt = r.choice(["int32", "int64"])
                return (
                    f"tf.random.stateless_uniform({shape}, seed={sd}, minval={r.choice([0, -7])}, "
                    f"maxval={r.choice([10, 1000, 2**31 - 1])}, dtype=tf.{dt})"
                )
            if fn in ("stateless_multinomial", "stateless_categorical"):
                api = (
                    "tf.random.stateless_multinomial"
                    if fn == "stateless_multinomial"
                    else "tf.random.stateless_categorical"
                )
                return (
                    f"{api}(tf.constant([[0.0, 1.0, 2.0], [1.0, 1.0, 1.0]]), "
                    f"{r.choice([1, 4])}, seed={sd})"
                )
            dt = r.choice(["float16", "float32", "float64", "bfloat16"])
            return f"tf.random.{fn}({shape}, seed={sd}, dtype=tf.{dt})"
        if k == "image":
            img = (
                "tf.cast(tf.reshape((tf.range(75) * 48 + 76) % 256, [5, 5, 3]), tf.float32) / 255.0"
            )
            return r.choice(
                [
                    f"tf.image.random_flip_left_right({img}{s})",
                    f"tf.image.random_flip_up_down({img}{s})",
                    f"tf.image.random_brightness({img}, 0.3{s})",
                    f"tf.image.random_contrast({img}, 0.5, 1.5{s})",
                    f"tf.image.random_saturation({img}, 0.5, 1.5{s})",
                    f"tf.image.random_hue({img}, 0.1{s})",
                    f"tf.image.random_crop({img}, [3, 2, 3]{s})",
                ]
            )
        if k == "sampler":
            fn = r.choice(
                [
                    "uniform_candidate_sampler",
                    "log_uniform_candidate_sampler",
                    "learned_unigram_candidate_sampler",
                    "fixed_unigram_candidate_sampler_u",
                    "all_candidate_sampler",
                ]
            )
            nt = r.choice([1, 2])
            tc = f"tf.constant([[1, 3][:{nt}], [0, 2][:{nt}]], tf.int64)".replace("[:", "[:")
            tc = f"tf.constant(np.array([[1, 3], [0, 2], [4, 4]])[:, :{nt}], tf.int64)"
            ns, rm = r.choice([(3, 10), (5, 5), (1, 100), (8, 20), (0, 4)])
            uq = r.choice(["True", "False"])
            idx = r.choice([0, 1, 2])
            if fn == "all_candidate_sampler":
                return f"tf.nn.all_candidate_sampler({tc}, {nt}, {ns}, {uq}{s})[{idx}]"
            if fn == "fixed_unigram_candidate_sampler_u":
                return (
                    f"tf.nn.fixed_unigram_candidate_sampler({tc}, {nt}, {ns}, {uq}, {rm}, "
                    f"unigrams=[1.0] * {rm}, distortion={r.choice(['1.0', '0.5'])}{s})[{idx}]"
                )
            return f"tf.nn.{fn}({tc}, {nt}, {ns}, {uq}, {rm}{s})[{idx}]"
        if k == "dropout":
            x = r.choice(
                [
                    "tf.ones([4, 6])",
                    "tf.ones([3])",
                    "tf.reshape(tf.range(24.0), [2, 3, 4])",
                    "tf.ones([4, 6], tf.float64)",
                ]
            )
            ns = (
                r.choice(["", ", noise_shape=[4, 1]", ", noise_shape=[1, 6]"])
                if "[4, 6]" in x
                else ""
            )
            if self.target == "tf1" and r.random() < 0.5:
                return (
                    f"tf.nn.dropout({x}, keep_prob={r.choice(['0.5', '0.9', '1.0', '0.1'])}{ns}{s})"
                )
            return f"tf.nn.dropout({x}, rate={r.choice(['0.5', '0.1', '0.0', '0.99'])}{ns}{s})"
        # initializer called directly
        init = self.initializer(s)
        return f"{init}({r.choice(['[3, 4]', '[5]', '[2, 3, 4]', '[3, 3, 2, 4]'])})"

    def initializer(self, s):
        r = self.rng
        s = s.replace(", ", "", 1) if s else ""
        opts = [
            f"tf.random_normal_initializer(mean={fnum(r)}, stddev={fnum(r, 0, 2)}, {s})",
            f"tf.truncated_normal_initializer(stddev={fnum(r, 0, 2)}, {s})",
            f"tf.random_uniform_initializer({fnum(r, -3, 0)}, {fnum(r, 0, 3)}, {s})",
            f"tf.glorot_uniform_initializer({s})",
            f"tf.glorot_normal_initializer({s})",
            f"tf.orthogonal_initializer(gain={r.choice(['1.0', '0.5'])}, {s})",
            f"tf.variance_scaling_initializer(scale={r.choice(['1.0', '2.0'])}, mode='"
            f"{r.choice(['fan_in', 'fan_out', 'fan_avg'])}', distribution='"
            f"{r.choice(['normal', 'uniform', 'truncated_normal', 'untruncated_normal'])}', {s})",
            f"tf.initializers.he_normal({s})",
            f"tf.initializers.lecun_uniform({s})",
            f"tf.initializers.he_uniform({s})",
            f"tf.initializers.lecun_normal({s})",
        ]
        if self.target == "tf1":
            opts += [
                f"tf.uniform_unit_scaling_initializer(factor=1.5, {s})",
                f"tf.contrib.layers.xavier_initializer(uniform={r.choice(['True', 'False'])}, {s})",
                f"tf.contrib.layers.variance_scaling_initializer(factor=2.0, mode='FAN_AVG', "
                f"uniform={r.choice(['True', 'False'])}, {s})",
            ]
        return r.choice(opts).replace(", )", ")").replace("(, ", "(")


def graph_program(rng, target):
    """A graph-mode program: seeds set/unset/reset, op order, several graphs and sessions."""
    L = ["def main(tf, np):", "    out = []"]
    ngraphs = 1 if rng.random() < 0.75 else 2
    fetches_all = []
    for gi in range(ngraphs):
        G = Graph(rng, target, f"g{gi}")
        L += [f"    {G.name} = tf.Graph()", f"    with {G.name}.as_default():"]
        fetches = []
        if rng.random() < 0.7:
            G.graph_seed = seed(rng, none_ok=False)
            L.append(f"        tf.set_random_seed({G.graph_seed})")
        for _ in range(rng.randint(1, 6)):
            roll = rng.random()
            if roll < 0.2:
                for _ in range(rng.randint(1, 4)):
                    L.append(f"        {G.filler()}")
            elif roll < 0.27:
                G.graph_seed = seed(rng, none_ok=True)
                L.append(f"        tf.set_random_seed({G.graph_seed})")
            elif roll < 0.35:
                L += self_getvar(rng, G, fetches)
            elif roll < 0.4 and target == "tf1" and G.graph_seed is not None:
                L += layers_block(rng, G, fetches)
            elif roll < 0.5:
                L += fed_shape_block(rng, G, fetches)
            elif roll < 0.55:
                name = f"v{len(fetches)}"
                L.append(f"        {name} = tf.Variable({G.random_expr()})")
                fetches.append(name)
            else:
                name = f"t{len(fetches)}"
                L.append(f"        {name} = {G.random_expr()}")
                fetches.append(name)
        if not fetches:
            fetches.append("t0")
            L.append(f"        t0 = {G.random_expr()}")
        feed = (
            ", feed_dict={x_: np.ones([3, 5], np.float32)}"
            if any(f.startswith("h") for f in fetches)
            else ""
        )
        L.append(f"        with tf.Session(graph={G.name}) as sess:")
        if any(f.startswith("v") or f.startswith("h") for f in fetches):
            L.append("            sess.run(tf.global_variables_initializer())")
        for _ in range(rng.randint(1, 3)):
            pick = rng.sample(fetches, rng.randint(1, len(fetches)))
            L.append(f"            out += sess.run([{', '.join(pick)}]{feed})")
        if rng.random() < 0.3:
            L.append(f"        with tf.Session(graph={G.name}) as sess:")
            if any(f.startswith("v") or f.startswith("h") for f in fetches):
                L.append("            sess.run(tf.global_variables_initializer())")
            L.append(f"            out += sess.run([{fetches[0]}]{feed})")
        fetches_all.append(fetches)
    L.append("    return out")
    return "\n".join(L) + "\n"


def self_getvar(rng, G, fetches):
    """get_variable under variable scopes, initializers, partitioners."""
    L = []
    name = f"v{len(fetches)}"
    scope = rng.choice(["", "enc", "enc/inner"])
    shape = rng.choice(["[4, 3]", "[5]", "[6, 2]", "[2, 3, 4]", "[10, 4]"])
    init = "" if rng.random() < 0.25 else f", initializer={G.initializer(G.op_seed())}"
    if init == "" and G.graph_seed is None:
        init = ", initializer=tf.zeros_initializer()"
    part = ""
    if rng.random() < 0.25 and shape in ("[6, 2]", "[10, 4]"):
        part = rng.choice(
            [
                ", partitioner=tf.fixed_size_partitioner(3)",
                ", partitioner=tf.fixed_size_partitioner(2)",
                ", partitioner=tf.variable_axis_size_partitioner(32)",
                ", partitioner=tf.min_max_variable_partitioner(4, 16)",
            ]
        )
    dt = rng.choice(["", "", ", dtype=tf.float64"])
    ind = "        "
    if scope:
        sc_init = ""
        if rng.random() < 0.3:
            sc_init = f", initializer={G.initializer(G.op_seed())}"
        L.append(f"{ind}with tf.variable_scope({scope!r}, reuse=tf.AUTO_REUSE{sc_init}):")
        ind += "    "
    vn = f"w{rng.randint(0, 3)}"
    L.append(f"{ind}{name} = tf.get_variable({vn!r}, {shape}{init}{part}{dt})")
    if part:
        L.append(f"{ind}{name} = list({name})[{rng.choice([0, -1])}]")
    fetches.append(name)
    return L


def fed_shape_block(rng, G, fetches):
    """Random ops shaped by a fed placeholder (tf.shape of an activation)."""
    name = f"h{len(fetches)}"
    L = []
    if not G.has_x:
        G.has_x = True
        L.append("        x_ = tf.placeholder(tf.float32, [None, 5])")
    s = G.op_seed()
    L.append(
        "        "
        + name
        + " = "
        + rng.choice(
            [
                f"tf.random_uniform(tf.shape(x_){s})",
                f"tf.random_normal([tf.shape(x_)[0], 3]{s})",
                f"tf.truncated_normal(tf.shape(x_)[1:]{s})",
                f"tf.random.uniform(tf.shape(x_){s})",
                f"tf.nn.dropout(x_ + 1.0, rate=0.4, noise_shape=[tf.shape(x_)[0], 1]{s})",
                f"tf.random.shuffle(x_{s})",
                f"tf.random_crop(x_, [2, 3]{s})",
                f"tf.random_uniform(tf.shape(x_), 0, 7, dtype=tf.int32{s})",
            ]
        )
    )
    fetches.append(name)
    return L


def layers_block(rng, G, fetches):
    """TF 1.15 tf.layers with a fed batch (activation-shaped dropout masks)."""
    name = f"h{len(fetches)}"
    L = []
    if not G.has_x:
        G.has_x = True
        L.append("        x_ = tf.placeholder(tf.float32, [None, 5])")
    rate = rng.choice(["0.5", "0.3", "0.0"])
    s = G.op_seed()
    L.append(
        f"        k_{name} = tf.layers.dense(x_, {rng.choice([3, 4])}, name='d{len(fetches)}')"
    )
    L.append(f"        {name} = x_ * 2.0 + 1.0")
    if rng.random() < 0.7:
        ns = rng.choice(["", ", noise_shape=[None, 1]"])
        L.append(f"        {name} = tf.layers.dropout({name}, rate={rate}, training=True{ns}{s})")
    else:
        L.append(f"        {name} = tf.nn.dropout({name}, rate={rate}{s})")
    fetches.append(name)
    return L


CONSTS = ["0.0", "1.0", "-0.0", "2.5", "3.0", "0.1", "-7.25", "1e-3", "65504.0"]


def expr_program(rng, target):
    """Arithmetic on random tensors (Grappler's constant rewrites), fed shapes and bounds,
    dict/tuple fetches, large outputs run repeatedly (counter carries), rejected inputs."""
    r = rng
    gs = seed(r, False) if r.random() < 0.7 else None
    L = ["def main(tf, np):", "    out = []", "    g = tf.Graph()", "    with g.as_default():"]
    if gs is not None:
        L.append(f"        tf.set_random_seed({gs})")

    def s():
        v = seed(r, none_ok=gs is not None)
        return "" if v is None else f", seed={v}"

    dt = r.choice(["tf.float32", "tf.float64", "tf.float16"])
    n = r.choice([3, 6, 1])
    L.append(f"        a = tf.random_uniform([{n}], dtype={dt}{s()})")
    L.append(f"        b = tf.random_normal([{n}], dtype={dt}{s()})")
    exprs = []
    for _ in range(r.randint(2, 6)):
        c, c2 = r.choice(CONSTS), r.choice(CONSTS)
        exprs.append(
            r.choice(
                [
                    "a + b",
                    f"a * {c} - b / {c2}",
                    f"{c} - a",
                    f"a / {c}",
                    f"(a + {c}) + {c2}",
                    f"a * {c} * {c2}",
                    f"b + {c}",
                    f"{c} + b",
                    f"b * {c}",
                    "-b",
                    f"b - {c}",
                    f"tf.maximum(a, {c})",
                    f"tf.cast(b * {c}, tf.float32)",
                    "a / b",
                    f"(b * {c}) / {c2}",
                    f"tf.minimum(b, {c})",
                    f"tf.abs(b) + {c}",
                    f"tf.square(a) * {c}",
                    f"tf.constant({c}, {dt}) * b",
                    f"b / tf.constant({c}, {dt})",
                ]
            )
        )
    L.append(f"        e = [{', '.join(exprs)}]")
    kind = r.choice(["plain", "dict", "feed_shape", "feed_bounds", "carry", "bad"])
    if kind == "feed_shape":
        L.append("        shp = tf.placeholder(tf.int32, shape=[None])")
        L.append(f"        f = tf.random_uniform(shp{s()})")
    elif kind == "feed_bounds":
        L.append("        lo = tf.placeholder(tf.float32, shape=[])")
        L.append("        hi = tf.placeholder(tf.float32, shape=[])")
        L.append(f"        f = tf.random_uniform([5], minval=lo, maxval=hi{s()})")
    elif kind == "carry":
        big = r.choice([65536, 65537, 262147, 1048576])
        L.append(f"        f = tf.random_{r.choice(['uniform', 'normal'])}([{big}]{s()})")
    elif kind == "bad":
        L.append(
            "        f = "
            + r.choice(
                [
                    f"tf.random_uniform([-1]{s()})",
                    f"tf.random_uniform([2], dtype=tf.int32{s()})",
                    f"tf.random_uniform([2], dtype=tf.string{s()})",
                    f"tf.random_uniform([2.5]{s()})",
                    f"tf.random_uniform([2], minval=5, maxval=5, dtype=tf.int32{s()})",
                    f"tf.random_normal([2], dtype=tf.int32{s()})",
                    f"tf.truncated_normal([[2]]{s()})",
                    f"tf.random_uniform([2], 3.0, 1.0{s()})",
                    f"tf.random_gamma([2], -1.0{s()})",
                    f"tf.random_shuffle(5{s()})",
                    f"tf.multinomial([1.0, 2.0], 3{s()})",
                    f"tf.random_crop([1, 2, 3], [4]{s()})",
                ]
            )
        )
    L.append("        with tf.Session(graph=g) as sess:")
    L.append("            out += sess.run(e)")
    if kind == "dict":
        L.append("            y = sess.run({'p': a, 'q': (b, [e[0], a])})")
        L.append("            out += [y['p'], y['q'][0], y['q'][1][0], y['q'][1][1]]")
    elif kind == "feed_shape":
        L.append("            out.append(sess.run(f, feed_dict={shp: [2, 3]}))")
        L.append("            out.append(sess.run(f, feed_dict={shp: np.array([4], np.int32)}))")
    elif kind == "feed_bounds":
        L.append("            out.append(sess.run(f, feed_dict={lo: -2.0, hi: 3.0}))")
        L.append("            out.append(sess.run(f, feed_dict={lo: 10.0, hi: 10.5}))")
    elif kind == "carry":
        L.append(f"            for _ in range({r.choice([2, 3])}):")
        L.append("                v = sess.run(f)")
        L.append("            out.append(v)")
    elif kind == "bad":
        L.append("            out.append(sess.run(f))")
    L.append("            out += sess.run(e[::-1])")
    L.append("    return out")
    return "\n".join(L) + "\n"


def model_program(rng, target):
    """TF 1.x model code: weights through get_variable/Variable/tf.layers between
    non-random structure ops (which move graph-seed-only op seeds), scopes with reuse,
    every variable fetched with its name."""
    r = rng
    L = [
        "def main(tf, np):",
        "    out = []",
        "    g = tf.Graph()",
        "    with g.as_default():",
        f"        tf.set_random_seed({seed(r, False)})",
        f"        x = tf.placeholder(tf.float32, [None, {r.choice([3, 6])}], name='x')",
        "        h = x",
    ]
    G = Graph(r, target)
    G.graph_seed = 1
    width = 6 if "6]" in L[-2] else 3
    for k in range(r.randint(2, 6)):
        roll = r.random()
        n = r.choice([2, 4, 5])
        if roll < 0.25:
            init = r.choice(
                [
                    "",
                    f", initializer={G.initializer(G.op_seed())}",
                    ", initializer=tf.constant_initializer(0.1)",
                ]
            )
            sc = r.choice(["", "layer", "enc/inner"])
            ind = "        "
            if sc:
                reuse = r.choice(["", ", reuse=tf.AUTO_REUSE"])
                L.append(f"{ind}with tf.variable_scope({sc!r}{reuse}):")
                ind += "    "
            L.append(f"{ind}W{k} = tf.get_variable('W{k}', [{width}, {n}]{init})")
            L.append(f"{ind}h = tf.matmul(h, W{k})")
            width = n
        elif roll < 0.45:
            fn = r.choice(["tf.truncated_normal", "tf.random_normal", "tf.random_uniform"])
            L.append(f"        W{k} = tf.Variable({fn}([{width}, {n}]{G.op_seed()}), name='V{k}')")
            L.append(f"        h = tf.nn.bias_add(tf.matmul(h, W{k}), tf.zeros([{n}]))")
            width = n
        elif roll < 0.6 and target == "tf1":
            kw = r.choice(["", ", use_bias=False",
                           ", kernel_initializer=tf.random_normal_initializer(stddev=0.1)"])
            L.append(f"        h = tf.layers.dense(h, {n}, activation=tf.nn.relu{kw})")
            width = n
        elif roll < 0.7 and target == "tf1":
            L.append(f"        h = tf.contrib.layers.fully_connected(h, {n})")
            width = n
        elif roll < 0.85:
            L.append(
                "        "
                + r.choice(
                    [
                        "z = tf.reduce_sum(tf.square(h), axis=1, keepdims=True)",
                        f"h = tf.reshape(tf.concat([h, h], axis=1), [-1, {2 * width}])",
                        "p = tf.nn.softmax(h)",
                        "z = tf.transpose(h)",
                        "z = tf.nn.sigmoid(h) * 2.0",
                    ]
                )
            )
            if "concat" in L[-1]:
                width *= 2
        else:
            L.append(f"        h = tf.nn.dropout(h, rate=0.5{G.op_seed()})")
    L += [
        "        with tf.Session(graph=g) as sess:",
        "            sess.run(tf.global_variables_initializer())",
        "            out += sess.run(tf.global_variables())",
        "            out += [np.array([ord(c) for c in ','.join(v.name for v in "
        "tf.global_variables())], dtype=np.int32)]",
        "    return out",
    ]
    return "\n".join(L) + "\n"
