"""TF 2.21 eager programs and tf.data pipelines for scripts/diff_fuzz.py (see diff_fuzz_gen)."""

from __future__ import annotations

from diff_fuzz_gen import FLOATS16, SHAPES, SMALL_SHAPES, fnum, seed


def _eager_seed(rng):
    s = seed(rng)
    return "" if s is None else f", seed={s}"


def eager_random(rng):
    """One TF 2.21 eager random expression (global seed always set: deterministic)."""
    r, s = rng, _eager_seed(rng)
    shape = r.choice(SHAPES[:-1])
    k = r.choice(
        [
            "uniform",
            "normal",
            "truncated",
            "int",
            "shuffle",
            "categorical",
            "gamma",
            "poisson",
            "stateless",
            "stateless",
            "stateless_int",
            "dropout",
            "crop",
            "full_int",
            "split",
        ]
    )
    if k == "uniform":
        return (
            f"tf.random.uniform({shape}, {fnum(r)}, {fnum(r, 5, 50)}, "
            f"dtype=tf.{r.choice(FLOATS16)}{s})"
        )
    if k in ("normal", "truncated"):
        fn = "tf.random.normal" if k == "normal" else "tf.random.truncated_normal"
        return (
            f"{fn}({shape}, {fnum(r)}, {r.choice(['1.0', '0.5', '3'])}, "
            f"dtype=tf.{r.choice(FLOATS16)}{s})"
        )
    if k == "int":
        lo, hi = r.choice(
            [(0, 10), (-5, 5), (0, 2**31 - 1), (-(2**31), 2**31 - 1), (3, 3), (-(2**62), 2**62)]
        )
        dt = "int64" if hi > 2**31 - 1 else r.choice(["int32", "int64"])
        return f"tf.random.uniform({shape}, {lo}, {hi}, dtype=tf.{dt}{s})"
    if k == "full_int":
        return (
            f"tf.random.uniform({shape}, "
            f"dtype=tf.{r.choice(['int32', 'int64', 'uint32', 'uint64'])}{s})"
        )
    if k == "shuffle":
        v = r.choice(
            [
                "tf.range(10)",
                "tf.reshape(tf.range(12), [4, 3])",
                "tf.range(0)",
                "tf.range(100)",
                "tf.constant(['a', 'b', 'c'])",
            ]
        )
        return f"tf.random.shuffle({v}{s})"
    if k == "crop":
        v, size = r.choice(
            [
                ("tf.reshape(tf.range(60), [5, 4, 3])", "[3, 2, 3]"),
                ("tf.range(10)", "[4]"),
                ("tf.reshape(tf.range(64), [8, 8])", "[3, 3]"),
            ]
        )
        return f"tf.image.random_crop({v}, {size}{s})"
    if k == "categorical":
        logits = r.choice(
            [
                "tf.zeros([2, 5])",
                "tf.constant([[0.0, -np.inf, 1.0]])",
                "tf.constant([[3.0, 1.0, 0.0, -2.0]], dtype=tf.float64)",
                "tf.reshape(tf.range(40.0) / 10.0, [4, 10])",
            ]
        )
        return (
            f"tf.random.categorical({logits}, {r.choice([1, 3, 0, 20])}{s}, "
            f"dtype=tf.{r.choice(['int32', 'int64'])})"
        )
    if k == "gamma":
        alpha = r.choice(["1.0", "0.5", "3.168", "0.01", "[0.4, 6.8]", "[[0.7], [2.5]]", "100.0"])
        return (
            f"tf.random.gamma({r.choice(SMALL_SHAPES)}, {alpha}, "
            f"beta={r.choice(['None', '2.0', '[1.0, 3.0]'])}, "
            f"dtype=tf.{r.choice(['float16', 'float32', 'float64'])}{s})"
        )
    if k == "poisson":
        lam = r.choice(["1.0", "0.0", "50.0", "9.5", "10.0", "[1.0, 20.0]", "[[2.0], [15.0]]"])
        return (
            f"tf.random.poisson({r.choice(SMALL_SHAPES)}, {lam}, "
            f"dtype=tf.{r.choice(['float32', 'float64', 'int32', 'int64'])}{s})"
        )
    alg = r.choice(
        [
            "",
            ", alg='philox'",
            ", alg='auto_select'",
            ", alg=1",
            ", alg=3",
            ", alg=tf.random.Algorithm.PHILOX",
            ", alg='threefry'",
            ", alg=2",
        ]
    )
    sd = r.choice(
        [
            "[1, 2]",
            "[0, 0]",
            "[-1, 2**31 - 1]",
            "tf.constant([7, 9], tf.int64)",
            "[123456, 654321]",
            "tf.constant([2**40, -3], tf.int64)",
        ]
    )
    if k == "stateless_int":
        dt = r.choice(["int32", "int64", "uint32", "uint64"])
        mm = r.choice(["minval=0, maxval=10", "minval=None, maxval=None", "minval=-7, maxval=1000"])
        if dt.startswith("u") and "-7" in mm:
            mm = "minval=2, maxval=1000"
        return f"tf.random.stateless_uniform({shape}, {sd}, {mm}, dtype=tf.{dt}{alg})"
    if k == "dropout":
        x = r.choice(
            ["tf.ones([4, 6])", "tf.reshape(tf.range(24.0), [2, 3, 4])", "tf.ones([5], tf.float64)"]
        )
        ns = r.choice(["", ", noise_shape=[4, 1]"]) if "[4, 6]" in x else ""
        return f"tf.nn.dropout({x}, rate={r.choice(['0.5', '0.1', '0.0', '0.9'])}{ns}{s})"
    if k == "split":
        sd = r.choice(["[1, 2]", "tf.constant([7, 9], tf.int64)", "[2**31 - 1, 0]"])
        return r.choice(
            [
                f"tf.random.experimental.stateless_split({sd}, {r.choice([1, 2, 3])})",
                f"tf.random.experimental.stateless_fold_in({sd}, {r.choice([0, 5, 2**31 - 1])})",
                f"tf.random.experimental.stateless_shuffle(tf.range(10), {sd})",
                f"tf.random.experimental.index_shuffle({r.choice([0, 3, 9])}, [{sd}[0], 1, 2], 9)"
                if sd.startswith("[")
                else f"tf.random.experimental.stateless_split({sd})",
            ]
        )
    if k == "sampler":
        fn = r.choice(
            [
                "uniform_candidate_sampler",
                "log_uniform_candidate_sampler",
                "learned_unigram_candidate_sampler",
            ]
        )
        ns, rm = r.choice([(3, 10), (5, 5), (8, 20)])
        return (
            f"tf.random.{fn}(tf.constant([[1], [0], [4]], tf.int64), 1, {ns}, "
            f"{r.choice(['True', 'False'])}, {rm}{s})[{r.choice([0, 1, 2])}]"
        )
    fn = r.choice(
        [
            "stateless_uniform",
            "stateless_normal",
            "stateless_truncated_normal",
            "stateless_binomial",
            "stateless_gamma",
            "stateless_poisson",
            "stateless_parameterized_truncated_normal",
        ]
    )
    if fn == "stateless_binomial":
        return (
            f"tf.random.stateless_binomial({r.choice(SMALL_SHAPES)}, {sd}, "
            f"counts={r.choice(['10.0', '[5.0, 100.0]'])}, "
            f"probs={r.choice(['0.5', '0.01', '[0.3, 0.9]'])}, "
            f"output_dtype=tf.{r.choice(['int32', 'int64', 'float32'])})"
        )
    if fn == "stateless_gamma":
        return (
            f"tf.random.stateless_gamma({r.choice(SMALL_SHAPES)}, {sd}, "
            f"alpha={r.choice(['1.0', '0.3', '[2.0, 7.5]'])})"
        )
    if fn == "stateless_poisson":
        return (
            f"tf.random.stateless_poisson({r.choice(SMALL_SHAPES)}, {sd}, "
            f"lam={r.choice(['3.0', '30.0', '[0.5, 12.0]'])}, "
            f"dtype=tf.{r.choice(['float32', 'int32', 'int64'])})"
        )
    if fn == "stateless_parameterized_truncated_normal":
        return (
            f"tf.random.stateless_parameterized_truncated_normal({r.choice(SMALL_SHAPES)}, "
            f"{sd}, 0.0, 1.0, -1.0, 2.0)"
        )
    return f"tf.random.{fn}({shape}, {sd}, dtype=tf.{r.choice(FLOATS16)}{alg})"


def generator_block(rng, L, ind):
    """tf.random.Generator: constructors, split/skip/reset, state."""
    r = rng
    ctor = r.choice(
        [
            f"tf.random.Generator.from_seed({seed(r, False)})",
            f"tf.random.Generator.from_seed({seed(r, False)}, "
            f"alg='{r.choice(['philox', 'threefry'])}')",
            f"tf.random.Generator.from_key_counter({r.randrange(2**40)}, "
            f"[{r.choice([0, 1, 2**64 - 1])}, {r.randrange(5)}], alg='philox')",
            f"tf.random.Generator.from_state([{r.randrange(9)}, {r.randrange(9)}, "
            f"{r.randrange(2**32)}], alg='philox')",
        ]
    )
    L.append(f"{ind}gen = {ctor}")
    for _ in range(r.randint(1, 5)):
        m = r.choice(
            [
                "normal",
                "uniform",
                "truncated",
                "uniform_int",
                "full_int",
                "split",
                "skip",
                "reset",
                "state",
                "binomial",
                "make_seeds",
            ]
        )
        sh = r.choice(SMALL_SHAPES + ["[9]"])
        if m == "normal":
            L.append(
                f"{ind}out.append(np.asarray(gen.normal({sh}, dtype=tf.{r.choice(FLOATS16)})))"
            )
        elif m == "uniform":
            L.append(
                f"{ind}out.append(np.asarray(gen.uniform({sh}, {fnum(r)}, {fnum(r, 5, 9)}, "
                f"dtype=tf.{r.choice(FLOATS16)})))"
            )
        elif m == "truncated":
            L.append(f"{ind}out.append(np.asarray(gen.truncated_normal({sh})))")
        elif m == "uniform_int":
            L.append(
                f"{ind}out.append(np.asarray(gen.uniform({sh}, {r.choice([0, -5])}, "
                f"{r.choice([7, 2**31 - 1])}, dtype=tf.{r.choice(['int32', 'int64'])})))"
            )
        elif m == "full_int":
            L.append(
                f"{ind}out.append(np.asarray(gen.uniform_full_int({sh}, "
                f"dtype=tf.{r.choice(['int32', 'int64', 'uint32', 'uint64'])})))"
            )
        elif m == "split":
            L.append(f"{ind}subs = gen.split({r.choice([1, 2, 3])})")
            L.append(f"{ind}out += [np.asarray(s_.normal([2])) for s_ in subs]")
        elif m == "skip":
            L.append(f"{ind}gen.skip({r.choice([0, 1, 5, 1000, 2**33])})")
        elif m == "reset":
            L.append(f"{ind}gen.reset_from_seed({seed(r, False)})")
        elif m == "state":
            L.append(f"{ind}out.append(np.asarray(gen.state))")
        elif m == "binomial":
            L.append(
                f"{ind}out.append(np.asarray(gen.binomial([3], counts=[10.0, 20.0, 5.0], "
                f"probs=0.4)))"
            )
        else:
            L.append(f"{ind}out.append(np.asarray(gen.make_seeds({r.choice([1, 3])})))")


def eager_program(rng):
    L = ["def main(tf, np):", "    out = []", f"    tf.random.set_seed({seed(rng, False)})"]
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.5:
            for _ in range(rng.randint(1, 2)):
                L.append(f"    out.append(np.asarray({eager_random(rng)}))")
        elif roll < 0.6:
            L.append(f"    tf.random.set_seed({seed(rng, False)})")
        elif roll < 0.8:
            generator_block(rng, L, "    ")
        else:
            e = eager_random(rng)
            sig = rng.choice(["", "input_signature=[tf.TensorSpec(None, tf.float32)]"])
            L.append(f"    @tf.function({sig})")
            L.append("    def f(x):")
            if rng.random() < 0.2:
                L.append(f"        tf.random.set_seed({seed(rng, False)})")
            L.append(f"        return tf.cast({e}, tf.float32)")
            args = rng.choice(
                [["1.0", "2.0"], ["1.0", "[1.0, 2.0]", "2.0"], ["tf.constant(1.0)"] * 3]
            )
            for a in args:
                L.append(f"    out.append(np.asarray(f(tf.constant({a}))))")
    L.append("    return out")
    return "\n".join(L) + "\n"


def data_program(rng, target):
    """tf.data pipelines whose order/values depend on seeds."""
    r = rng
    gs = seed(r, False) if r.random() < 0.8 else None

    def ds():
        n = r.choice([0, 1, 5, 10, 20, 33])
        d = f"tf.data.Dataset.range({n})"
        for _ in range(r.randint(1, 3)):
            k = r.choice(
                [
                    "shuffle",
                    "shuffle",
                    "repeat",
                    "batch",
                    "map",
                    "take",
                    "skip",
                    "interleave",
                    "zip",
                    "filter",
                    "flat_map",
                    "sample",
                    "map2",
                ]
            )
            s = seed(r, none_ok=gs is not None)
            sa = "" if s is None else f", seed={s}"
            if k == "shuffle":
                rr = r.choice(
                    ["", ", reshuffle_each_iteration=True", ", reshuffle_each_iteration=False"]
                )
                d += f".shuffle({r.choice([1, 2, 8, 100])}{sa}{rr})"
            elif k == "repeat":
                d += f".repeat({r.choice([2, 3])})"
            elif k == "batch":
                d += f".batch({r.choice([2, 3])}, drop_remainder=True)"
            elif k == "map":
                u = "tf.random_uniform" if target == "tf1" else "tf.random.uniform"
                d += f".map(lambda x: tf.cast(x, tf.float32) + {u}([], 0, 100{sa}))"
            elif k == "filter":
                u = "tf.random_uniform" if target == "tf1" else "tf.random.uniform"
                d += f".filter(lambda *x: {u}([]{sa}) < 0.5)"
            elif k == "flat_map":
                d += f".flat_map(lambda *x: tf.data.Dataset.range(2).shuffle(2{sa}))"
            elif k == "sample":
                d = (f"tf.data.experimental.sample_from_datasets([{d}, "
                     f"tf.data.Dataset.range(100, 105)], [0.5, 0.5]{sa})")
            elif k == "map2":
                d += (f".map(lambda *x: (tf.random.shuffle(tf.range(4){sa})[0], "
                      f"tf.random.normal([]{sa})))")
            elif k == "take":
                d += f".take({r.choice([3, 7])})"
            elif k == "skip":
                d += f".skip({r.choice([1, 4])})"
            elif k == "interleave":
                d += (
                    f".interleave(lambda x: tf.data.Dataset.range(3).shuffle(3{sa}), "
                    f"cycle_length={r.choice([1, 2])})"
                )
            else:
                d = (
                    f"tf.data.Dataset.zip(({d}, "
                    f"tf.data.Dataset.range(50).shuffle(10{sa}))).map(lambda a, b: a * 100 + b)"
                )
        return d

    L = ["def main(tf, np):", "    out = []"]
    if target == "tf1":
        L += ["    g = tf.Graph()", "    with g.as_default():"]
        if gs is not None:
            L.append(f"        tf.set_random_seed({gs})")
        names = []
        for i in range(r.randint(1, 3)):
            L.append(f"        it{i} = tf.data.make_one_shot_iterator({ds()}.take(40)).get_next()")
            names.append(f"it{i}")
            if r.random() < 0.3 and gs is not None:
                L.append(f"        u{i} = tf.random_uniform([2])")
        L.append("        with tf.Session(graph=g) as sess:")
        for n in names:
            L.append("            vals = []")
            L.append("            try:")
            L.append("                while True:")
            L.append(f"                    vals.append(sess.run({n}))")
            L.append("            except tf.errors.OutOfRangeError:")
            L.append("                pass")
            L.append("            out.append(np.array(vals, dtype=np.float64).reshape(-1))")
        return "\n".join(L) + "\n    return out\n"
    L.append(f"    tf.random.set_seed({gs})")
    for i in range(r.randint(1, 3)):
        L.append(f"    d{i} = {ds()}.take(40)")
        for _ in range(r.randint(1, 2)):
            L.append(
                f"    out.append(np.array(list(d{i}.as_numpy_iterator()), "
                f"dtype=np.float64).reshape(-1))"
            )
    if r.random() < 0.3:
        L.append(
            f"    out.append(np.array(list(tf.data.Dataset.random(seed={seed(r, False)})"
            ".take(4).as_numpy_iterator())))"
        )
    return "\n".join(L) + "\n    return out\n"


def _simple_random(rng, shape, seeded):
    s = f", seed={seed(rng, False)}" if seeded else ""
    return rng.choice([f"tf.random.uniform({shape}{s})", f"tf.random.normal({shape}{s})",
                       f"tf.random.truncated_normal({shape}, dtype=tf.float64{s})",
                       f"tf.random.uniform({shape}, 0, 379, dtype=tf.int64{s})",
                       f"tf.random.uniform({shape}, -4.0, 4.0{s})",
                       f"tf.random.shuffle(tf.range(12){s})"])


def function_program(rng):
    """tf.function tracing/retracing, op seeds inside, reseeding between calls, kernel reuse."""
    r = rng
    glob = r.random() < 0.8
    L = ["def main(tf, np):", "    out = []",
         f"    tf.random.set_seed({seed(r, False) if glob else None})"]
    nfun = 0
    for _ in range(r.randint(1, 5)):
        roll = r.random()
        if roll < 0.45:
            f = f"f{nfun}"
            nfun += 1
            arg = r.random() < 0.5
            ops = [_simple_random(r, "tf.shape(x)" if arg and r.random() < 0.5 else
                                  r.choice(["[3]", "[2, 2]", "[5]"]),
                                  (not glob) or r.random() < 0.5)
                   for _ in range(r.randint(1, 3))]
            L.append("    @tf.function")
            L.append(f"    def {f}({'x' if arg else ''}):")
            if r.random() < 0.15 and glob:
                L.append(f"        tf.random.set_seed({seed(r, False)})")
            L.append(f"        return ({', '.join(ops)},)")
            for _ in range(r.randint(1, 3)):
                xs = ["tf.zeros([3])", "tf.zeros([4, 2])", "tf.zeros([3]) + 1.0"]
                a = r.choice(xs) if arg else ""
                L.append(f"    out += [np.asarray(t) for t in {f}({a})]")
                if r.random() < 0.3 and glob:
                    L.append(f"    tf.random.set_seed({seed(r, False)})")
        elif roll < 0.75:
            s = seed(r, False)
            for _ in range(r.randint(1, 3)):
                L.append(f"    out.append(np.asarray(tf.random.uniform([3], seed={s})))")
            L.append(f"    out.append(np.asarray({_simple_random(r, '[2]', not glob)}))")
        elif roll < 0.85 and glob:
            L.append(f"    tf.random.set_seed({seed(r, False)})")
        else:
            ini = r.choice(["LecunNormal", "LecunUniform", "GlorotNormal", "GlorotUniform",
                            "HeNormal", "HeUniform", "TruncatedNormal(stddev=0.02, ",
                            "RandomUniform(-1.0, 0.05, ", "RandomNormal(0.5, 2.0, ",
                            "VarianceScaling(2.0, 'fan_out', 'uniform', "])
            ini = ini + "(" if not ini.endswith(", ") else ini
            L.append(f"    ini = tf.keras.initializers.{ini}seed={seed(r, False)})")
            sh = r.choice(["(3, 3, 1, 2)", "(20,)", "(4, 5)", "(2, 3, 4)"])
            for _ in range(r.randint(1, 2)):
                L.append(f"    out.append(np.asarray(ini({sh})))")
    L.append("    return out")
    return "\n".join(L) + "\n"


def generator_program(rng):
    """tf.random.Generator in depth: constructors, split trees, skip/reset, make_seeds feeding
    stateless ops, the global generator, generators used inside tf.function."""
    r = rng
    L = ["def main(tf, np):", "    out = []", f"    tf.random.set_seed({seed(r, False)})",
         f"    g = tf.random.Generator.from_seed({seed(r, False)})"]
    for _ in range(r.randint(2, 7)):
        k = r.choice(["draw", "split", "skip", "reset", "seeds", "global", "function", "state",
                      "rng_state", "key_counter"])
        if k == "draw":
            L.append("    out.append(np.asarray(g." + r.choice([
                f"normal([{r.choice([1, 3, 9])}], {fnum(r)}, 2.0, dtype=tf.float64)",
                f"uniform([{r.choice([2, 5])}], 0, {r.choice([10, 2**31 - 1])}, dtype=tf.int32)",
                "uniform([3], -2**62, 2**62, dtype=tf.int64)",
                f"truncated_normal([4], dtype=tf.{r.choice(['float16', 'float32', 'float64'])})",
                "uniform_full_int([3], dtype=tf.int64)", "uniform([2, 2])",
                "binomial([2], counts=[3.0, 50.0], probs=[0.1, 0.8], dtype=tf.int64)"]) + "))")
        elif k == "split":
            L.append(f"    subs = g.split({r.choice([1, 2, 3])})")
            L.append("    out += [np.asarray(s.normal([2])) for s in subs]")
            if r.random() < 0.5:
                L.append("    g = subs[-1]")
        elif k == "skip":
            L.append(f"    g.skip({r.choice([1, 7, 256, 2**32 + 3])})")
        elif k == "reset":
            L.append("    g." + r.choice([f"reset_from_seed({seed(r, False)})",
                                          f"reset_from_key_counter({r.randrange(2**40)}, [5, 6])",
                                          "reset([1, 2, 3])"]))
        elif k == "seeds":
            L.append(f"    sd = g.make_seeds({r.choice([1, 2])})")
            L.append("    out.append(np.asarray(tf.random.stateless_uniform([3], seed=sd[:, 0])))")
        elif k == "global":
            gs = f"tf.random.Generator.from_seed({seed(r, False)})"
            L.append(f"    tf.random.set_global_generator({gs})")
            L.append("    out.append(np.asarray(tf.random.get_global_generator().normal([2])))")
        elif k == "function":
            L.append("    @tf.function")
            L.append("    def f():")
            L.append("        return g.normal([3]), g.uniform([2], maxval=5, dtype=tf.int32)")
            L.append(f"    for _ in range({r.choice([1, 2])}):")
            L.append("        out += [np.asarray(t) for t in f()]")
        elif k == "state":
            L.append("    out.append(np.asarray(g.state))")
        elif k == "rng_state":
            L.append(f"    out.append(np.asarray(tf.random.create_rng_state({seed(r, False)}, "
                     f"{r.choice(['1', '3', repr('philox')])})))")
        else:
            L.append(f"    g = tf.random.Generator.from_key_counter({r.randrange(2**40)}, "
                     f"[{r.choice([0, 2**64 - 1, 2**63])}, {r.randrange(3)}], alg='philox')")
    L.append("    return out")
    return "\n".join(L) + "\n"


def eager_expr_program(rng):
    """Eager arithmetic, casts and conversions on random tensors of every float dtype,
    scalars included, read back with and without a NumPy dtype."""
    r = rng
    L = ["def main(tf, np):", "    out = []", f"    tf.random.set_seed({seed(r, False)})"]
    for _ in range(r.randint(1, 4)):
        dt = r.choice(FLOATS16)
        sh = r.choice(["[]", "[3]", "[2, 2]", "[1]"])
        L.append(f"    a = tf.random.uniform({sh}, -2.0, 2.0, dtype=tf.{dt}{_eager_seed(r)})")
        L.append(f"    b = tf.random.normal({sh}, dtype=tf.{dt}{_eager_seed(r)})")
        for _ in range(r.randint(1, 4)):
            c = r.choice(["0.0", "1.0", "-0.0", "2.5", "3", "0.1", "1e-3"])
            e = r.choice(["a + b", f"a * {c}", f"{c} - a", f"a / {c}", "-b", "tf.abs(b)",
                          "tf.maximum(a, b)", "tf.cast(a, tf.float64)", "tf.cast(b, tf.int32)",
                          "tf.square(b)", "a > b", "tf.where(a > b, a, b)", "a[..., None]",
                          "tf.reshape(b, [-1])", "tf.stack([a, b])", "tf.cast(a, tf.bfloat16)",
                          "tf.cast(a * 100, tf.uint8)", "tf.round(a)", "tf.sign(b)"])
            read = r.choice(["np.asarray({})", "np.asarray({}, dtype=np.float32)",
                             "np.array({}.shape.as_list() + [-1], np.int64)",
                             "np.asarray({}.numpy(), dtype=np.float64)"])
            L.append(f"    out.append({read.format(e)})")
    L.append("    return out")
    return "\n".join(L) + "\n"
