"""philoxflow.TFPhilox: TensorFlow's Philox stream as a NumPy BitGenerator.

Known answers come from real TensorFlow 2.21 (tests/data/bitgen_kat.json, made
by scripts/make_bitgen_kat.py); the rest are NumPy's bit generator protocol.
"""

import base64
import copy
import ctypes
import json
import pathlib
import pickle
import threading

import numpy as np
import pytest

import philoxflow.compat.v1 as tf  # the known answers are TF 2.21's
from philoxflow import TFPhilox

KAT = json.loads((pathlib.Path(__file__).parent / "data" / "bitgen_kat.json").read_text())
CASES = KAT["cases"]
M32 = (1 << 32) - 1
M64 = (1 << 64) - 1


# ------------------------------------------------------------ TF's bits, decoded

def words(bg, n):
    return np.asarray(bg.random_raw(n), dtype=np.uint64).astype(np.uint32)


def u64s(w):
    w = w.astype(np.uint64)
    return w[0::2] | (w[1::2] << np.uint64(32))


def decode(case, bg):
    """One run's output of the case's op, rebuilt from the stream's words as
    TF's UniformDistribution builds it."""
    n = int(np.prod(case["shape"]))
    lo, hi = case["minval"], case["maxval"]
    dtype = case["dtype"]
    if dtype == "float32":
        w = words(bg, n)
        return ((w & 0x7FFFFF) | 0x3F800000).view(np.float32) - np.float32(1)
    if dtype == "float64":
        w = words(bg, 2 * n).astype(np.uint64)
        bits = (np.uint64(0x3FF) << np.uint64(52)) | ((w[0::2] & np.uint64(0xFFFFF)) << 32) \
            | w[1::2]
        return bits.view(np.float64) - 1.0
    if dtype == "int32":
        rng = hi - lo
        return np.array([lo + int(x) % rng for x in words(bg, n)], dtype=np.int32)
    rng = hi - lo
    return np.array([lo + int(x) % rng for x in u64s(words(bg, 2 * n))], dtype=np.int64)


def flat(bg):
    """A bit generator's state as plain, comparable values."""
    s = bg.state
    return (s["state"]["counter"].tolist(), s["state"]["key"].tolist(), s["buffer"].tolist(),
            s["buffer_pos"])


def expected(case, run):
    return np.frombuffer(base64.b64decode(case["runs"][run]), dtype=case["dtype"])


def build(case):
    if case["graph_seed"] is not None:
        tf.set_random_seed(case["graph_seed"])
    return tf.random_uniform(case["shape"], minval=case["minval"], maxval=case["maxval"],
                             dtype=getattr(tf, case["dtype"]), seed=case["op_seed"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_words_rebuild_tensorflow_outputs(case):
    n = int(np.prod(case["shape"]))
    for run in range(len(case["runs"])):
        # Each run of a stateful random op reserves 256 blocks per output.
        bg = TFPhilox(case["seed"], case["seed2"]).advance(run * 256 * n)
        got = decode(case, bg)
        assert got.tobytes() == expected(case, run).tobytes(), run


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_from_op_starts_where_each_run_starts(case):
    t = build(case)
    assert t.op.type == case["op_type"]
    with tf.Session() as sess:
        for run in range(len(case["runs"])):
            got = decode(case, TFPhilox.from_op(t, run=run))
            assert got.tobytes() == expected(case, run).tobytes(), run
            assert sess.run(t).tobytes() == expected(case, run).tobytes(), run


def test_from_op_finds_the_random_op_behind_a_wrapper():
    tf.set_random_seed(3)
    t = tf.random_normal([5, 2], mean=1.0, stddev=2.0, seed=4)
    assert t.op.type != "RandomStandardNormal"
    bg = TFPhilox.from_op(t, run=2)
    assert flat(bg) == flat(TFPhilox(3, 4).advance(2 * 256 * 10))
    u = tf.random_uniform([3], minval=2.0, maxval=5.0, seed=9)
    assert flat(TFPhilox.from_op(u.op)) == flat(TFPhilox(3, 9))


def test_from_op_reservations_of_other_ops():
    tf.set_random_seed(21)  # with op seed s, the op's (seed, seed2) is (21, s)
    cases = [
        # RandomShuffle: ceil((rows - 1) / 4) blocks per run.
        (tf.random_shuffle(tf.zeros([10, 3]), seed=1), 1, 3),
        (tf.random_shuffle(tf.zeros([1, 3]), seed=2), 2, 0),
        # Multinomial on CPU: batch * ceil4(samples) * 2 words per double * 256.
        (tf.multinomial(tf.zeros([2, 4]), 5, seed=3), 3, 2 * 8 * 2 * 256),
        # Gamma / Poisson: samples per parameter * parameters * 256.
        (tf.random_gamma([3, 2], alpha=tf.ones([4]), seed=4), 4, 3 * 2 * 4 * 256),
        (tf.random_poisson(tf.ones([5]), [2], seed=5), 5, 2 * 5 * 256),
        # An empty RandomUniformInt reserves nothing; the float ops 256 per output.
        (tf.random_uniform([0], maxval=4, dtype=tf.int32, seed=6), 6, 0),
        (tf.truncated_normal([7], seed=7), 7, 7 * 256),
    ]
    for t, op_seed, per_run in cases:
        for run in (0, 1, 5):
            assert flat(TFPhilox.from_op(t, run=run)) == \
                flat(TFPhilox(21, op_seed).advance(run * per_run)), (t.op.type, run)


def test_from_op_refuses_what_it_cannot_know():
    unseeded = tf.random_uniform([2])  # no graph or op seed: OS entropy per session
    with pytest.raises(ValueError, match="entropy"):
        TFPhilox.from_op(unseeded)
    with pytest.raises(ValueError, match="no stateful random op"):
        TFPhilox.from_op(tf.constant([1.0]))
    shape = tf.placeholder(tf.int32, [1])
    with pytest.raises(ValueError, match="not fully known"):
        TFPhilox.from_op(tf.random_uniform(shape, seed=1))
    a, b = tf.random_uniform([2], seed=1), tf.random_uniform([2], seed=2)
    with pytest.raises(ValueError, match="several"):
        TFPhilox.from_op(a + b)
    with pytest.raises(ValueError, match="run"):
        TFPhilox.from_op(a, run=-1)


# ------------------------------------------------------- the NumPy bit generator

def test_is_a_numpy_bit_generator_and_its_raw_words_are_tfs():
    bg = TFPhilox(87654321, 1)
    assert isinstance(bg, np.random.BitGenerator)
    first = bg.random_raw()
    assert isinstance(first, int) and first == 2870909127
    raw = bg.random_raw((2, 3))
    assert raw.shape == (2, 3) and raw.dtype == np.uint64 and int(raw.max()) <= M32
    again = TFPhilox(87654321, 1).random_raw(7)
    assert again.tolist() == [first] + raw.ravel().tolist()
    assert bg.random_raw(0).shape == (0,)
    with pytest.raises(ValueError):
        bg.random_raw(-1)


def test_random_raw_without_output_advances_alike():
    a, b = TFPhilox(1, 2), TFPhilox(1, 2)
    a.random_raw(3)
    assert a.random_raw(1001, output=False) is None
    b.random_raw(1004)
    assert flat(a) == flat(b)
    assert a.random_raw(5).tolist() == b.random_raw(5).tolist()


def test_numpy_draws_compose_words_as_numpy_does():
    w = words(TFPhilox(5, 6), 64)
    u = u64s(w)
    rng = np.random.Generator(TFPhilox(5, 6))
    # next_double: the top 53 bits of a u64 (two words, the first as the low half).
    assert rng.random(8).tolist() == ((u[:8] >> np.uint64(11)) * 2.0**-53).tolist()
    # Full-range uint64 integers are the u64s themselves.
    assert rng.integers(0, 2**64, size=4, dtype=np.uint64, endpoint=False).tolist() \
        == u[8:12].tolist()
    # float32 draws take one word: (w >> 8) * 2^-24.
    rng32 = np.random.Generator(TFPhilox(5, 6))
    f = rng32.random(5, dtype=np.float32)
    assert f.tolist() == ((w[:5] >> 8).astype(np.float32) * np.float32(2.0**-24)).tolist()


def test_c_functions_through_ctypes():
    bg = TFPhilox(7, 8)
    w = [int(x) for x in words(TFPhilox(7, 8), 9)]
    c = bg.ctypes
    assert c.next_uint32(c.state) == w[0]
    assert c.next_uint64(c.state) == w[1] | w[2] << 32
    u = w[3] | w[4] << 32
    assert c.next_double(c.state) == (u >> 11) * 2.0**-53
    assert bg.random_raw(4).tolist() == w[5:9]
    assert c.state_address == c.state.value


def test_capsule_keeps_the_stream_alive():
    bg = TFPhilox(87654321, 1)
    capsule = bg.capsule
    get = ctypes.pythonapi.PyCapsule_GetPointer
    get.restype, get.argtypes = ctypes.c_void_p, [ctypes.py_object, ctypes.c_char_p]
    ptr = get(capsule, b"BitGenerator")
    fields = [(n, ctypes.c_void_p) for n in ("state", "u64", "u32", "dbl", "raw")]
    raw = type("bitgen", (ctypes.Structure,), {"_fields_": fields}).from_address(ptr)
    next_u32 = ctypes.CFUNCTYPE(ctypes.c_uint32, ctypes.c_void_p)(raw.u32)
    del bg
    import gc

    gc.collect()
    assert next_u32(raw.state) == 2870909127


def test_every_numpy_distribution_works_and_is_reproducible():
    def draws(seed):
        g = np.random.Generator(TFPhilox(seed, 3))
        out = [
            g.random(5), g.random(5, dtype=np.float32), g.standard_normal(5),
            g.standard_normal(5, dtype=np.float32), g.normal(2.0, 3.0, 4), g.uniform(-1, 1, 4),
            g.integers(0, 10, 6), g.integers(-5, 5, 6, dtype=np.int8),
            g.integers(0, 2**40, 3, dtype=np.int64), g.integers(0, 2, 5, dtype=bool),
            g.exponential(size=4), g.standard_exponential(4, dtype=np.float32),
            g.gamma(0.5, size=4), g.standard_gamma(3.0, 4, dtype=np.float32), g.beta(2, 3, 4),
            g.binomial(10, 0.3, 4), g.poisson(4.0, 4), g.poisson(100.0, 4),
            g.negative_binomial(3, 0.5, 4), g.geometric(0.2, 4), g.hypergeometric(10, 5, 6, 4),
            g.chisquare(3, 4), g.standard_t(5, 4), g.laplace(size=4), g.logistic(size=4),
            g.lognormal(size=4), g.vonmises(0.0, 2.0, 4), g.wald(1, 1, 4), g.weibull(2, 4),
            g.zipf(2.0, 4), g.triangular(0, 1, 3, 4), g.pareto(3, 4), g.power(2, 4),
            g.rayleigh(size=4), g.gumbel(size=4), g.logseries(0.5, 4), g.noncentral_chisquare(
                3, 2, 4), g.f(3, 4, 4), g.noncentral_f(3, 4, 1, 4), g.standard_cauchy(4),
            g.choice(50, 5), g.choice(50, 5, replace=False), g.permutation(10),
            g.permuted(np.arange(10)), g.dirichlet([1, 2, 3], 2), g.multinomial(20, [0.2, 0.8]),
            g.multivariate_hypergeometric([3, 4, 5], 6),
            g.multivariate_normal([0, 0], [[1, 0.5], [0.5, 1]], 3),
            np.frombuffer(g.bytes(13), dtype=np.uint8),
        ]
        x = np.arange(12)
        g.shuffle(x)
        out.append(x)
        return out

    a, b, c = draws(1), draws(1), draws(2)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert sum(not np.array_equal(x, y) for x, y in zip(a, c)) > len(a) // 2
    legacy = np.random.RandomState(TFPhilox(1, 3))
    assert legacy.random_sample(3).tolist() == np.random.Generator(TFPhilox(1, 3)).random(3)\
        .tolist()


def test_state_round_trips_at_every_position_in_a_block():
    for skip in range(6):
        bg = TFPhilox(11, 12)
        bg.random_raw(skip)
        state = bg.state
        assert state["bit_generator"] == "TFPhilox"
        assert state["buffer_pos"] == (4 if skip == 0 else (skip - 1) % 4 + 1)
        ahead = bg.random_raw(9).tolist()
        bg.state = state
        assert bg.random_raw(9).tolist() == ahead
        other = TFPhilox(0)
        other.state = copy.deepcopy(state)
        assert other.random_raw(9).tolist() == ahead


def test_state_words_are_tfs_counter_and_key():
    s = TFPhilox(0x1122334455667788, 0x99AABBCCDDEEFF00).state["state"]
    assert s["key"].tolist() == [0x55667788, 0x11223344]
    assert s["counter"].tolist() == [0, 0, 0xDDEEFF00, 0x99AABBCC]
    assert s["counter"].dtype == np.uint32


def test_bad_states_are_refused():
    bg = TFPhilox(1)
    good = bg.state
    with pytest.raises(TypeError):
        bg.state = [1, 2]
    with pytest.raises(ValueError, match="TFPhilox"):
        bg.state = np.random.Philox(1).state
    for path, value in [(("state", "counter"), [1, 2, 3]), (("state", "key"), [1, 2**32]),
                        (("buffer",), [1.5, 0, 0, 0]), (("buffer_pos",), 5),
                        (("state", "key"), [-1, 0])]:
        bad = copy.deepcopy(good)
        d = bad
        for k in path[:-1]:
            d = d[k]
        d[path[-1]] = value
        with pytest.raises(ValueError):
            bg.state = bad
    with pytest.raises(ValueError):
        bg.state = {"bit_generator": "TFPhilox"}
    assert bg.state["state"]["counter"].tolist() == good["state"]["counter"].tolist()


def test_seeds_are_checked_and_read_as_uint64():
    assert TFPhilox(-1).state["state"]["key"].tolist() == [M32, M32]
    assert TFPhilox(np.int64(5), np.uint64(6)).random_raw(3).tolist() == \
        TFPhilox(5, 6).random_raw(3).tolist()
    for bad in (2**64, -(2**63) - 1):
        with pytest.raises(ValueError):
            TFPhilox(bad)
    with pytest.raises(TypeError):
        TFPhilox(1.5)
    with pytest.raises(TypeError):
        TFPhilox(1, "2")


def test_pickling_bit_generator_and_generator():
    bg = TFPhilox(3, 4)
    bg.random_raw(5)  # mid-block
    clone = pickle.loads(pickle.dumps(bg))
    assert type(clone) is TFPhilox
    assert clone.random_raw(10).tolist() == bg.random_raw(10).tolist()
    g = np.random.Generator(TFPhilox(3, 4))
    g.standard_normal(3)
    g2 = pickle.loads(pickle.dumps(g))
    assert isinstance(g2.bit_generator, TFPhilox)
    assert g2.standard_normal(6).tolist() == g.standard_normal(6).tolist()


def tf_skip(counter, count):
    """TF's PhiloxRandom::Skip(count), word by word as philox_random.h writes it."""
    c = list(counter)
    count_lo, count_hi = count & M32, (count >> 32) & M32
    c[0] = (c[0] + count_lo) & M32
    if c[0] < count_lo:
        count_hi = (count_hi + 1) & M32
    c[1] = (c[1] + count_hi) & M32
    if c[1] < count_hi:
        c[2] = (c[2] + 1) & M32
        if c[2] == 0:
            c[3] = (c[3] + 1) & M32
    return c


def model_advance(counter, delta):
    """Documented: TF's Skip of the low 64 bits, the high 64 added to words 2-3."""
    c = tf_skip(counter, delta & M64)
    hi = ((c[2] | c[3] << 32) + (delta >> 64)) & M64
    return [c[0], c[1], hi & M32, hi >> 32]


def at_counter(counter, key=(9, 10)):
    bg = TFPhilox(0)
    bg.state = {"bit_generator": "TFPhilox",
                "state": {"counter": list(counter), "key": list(key)},
                "buffer": [0, 0, 0, 0], "buffer_pos": 4}
    return bg


@pytest.mark.parametrize("counter, delta, after", [
    ([M32, 0, 0, 0], 1, [0, 1, 0, 0]),                         # across 2^32
    ([M32, M32, 5, 0], 1, [0, 0, 6, 0]),                       # across 2^64
    ([M32, M32, M32, 0], 1, [0, 0, 0, 1]),                     # across 2^96
    ([M32, M32, M32, M32], 1, [0, 0, 0, 0]),                   # 2^128 wraps
    ([3, M32, M32, M32], 2**64, [3, M32, 0, 0]),               # high half wraps
    ([1, 2, 3, 4], 2**128 - 1, [0, 2, 2, 4]),                  # TF's Skip(2^64-1) drops a carry
    ([0, 0, 7, 0], 2**64 + 5, [5, 0, 8, 0]),
])
def test_advance_carries(counter, delta, after):
    assert model_advance(counter, delta) == after
    bg = at_counter(counter)
    bg.advance(delta)
    assert bg.state["state"]["counter"].tolist() == after
    # Generation goes on from the advanced counter.
    assert bg.random_raw(4).tolist() == at_counter(after).random_raw(4).tolist()


def test_advance_matches_tfs_skip_on_random_counters():
    r = np.random.default_rng(0)
    edges = [M32, 2**32, M64, 2**64 - 2**32, 2**64 - 2**32 - 1, M64 << 64, 2**128 - 1]
    for _ in range(2000):
        # Counter words at or next to their carries are the interesting ones.
        counter = [[int(w), M32, M32 - 1, 0][int(k)]
                   for w, k in zip(r.integers(0, 2**32, 4, dtype=np.uint64), r.integers(0, 4, 4))]
        if r.integers(0, 4) == 0:
            delta = edges[int(r.integers(0, len(edges)))]
        else:
            delta = (int(r.integers(0, 2**62, dtype=np.int64)) << int(r.integers(0, 70))) % 2**128
        bg = at_counter(counter)
        assert bg.advance(delta) is bg
        assert bg.state["state"]["counter"].tolist() == model_advance(counter, delta), \
            (counter, delta)


def test_advance_drops_the_rest_of_the_block_and_checks_delta():
    bg = TFPhilox(1, 2)
    w = words(TFPhilox(1, 2), 12)
    assert bg.random_raw() == w[0]
    bg.advance(1)  # the next block is skipped and the current one's rest dropped
    assert bg.random_raw(4).tolist() == w[8:12].tolist()
    for bad in (-1, 2**128):
        with pytest.raises(ValueError):
            bg.advance(bad)


def test_jumped_moves_2_to_the_64_blocks_which_is_the_next_seed2():
    bg = TFPhilox(77, 5)
    bg.random_raw(3)
    before = bg.state
    j = bg.jumped()
    assert bg.state["state"]["counter"].tolist() == before["state"]["counter"].tolist()
    fresh = TFPhilox(77, 5)
    assert fresh.jumped().random_raw(8).tolist() == TFPhilox(77, 6).random_raw(8).tolist()
    assert fresh.jumped(3).random_raw(8).tolist() == TFPhilox(77, 8).random_raw(8).tolist()
    assert TFPhilox(77, 2**64 - 1).jumped().random_raw(4).tolist() == \
        TFPhilox(77, 0).random_raw(4).tolist()
    c = before["state"]["counter"].tolist()
    assert j.state["state"]["counter"].tolist() == [c[0], c[1], c[2] + 1, c[3]]
    with pytest.raises(ValueError):
        bg.jumped(-1)


def test_spawn_is_refused():
    with pytest.raises(TypeError, match="spawn"):
        TFPhilox(1).spawn(2)


def test_lock_keeps_concurrent_draws_whole():
    bg = TFPhilox(123, 456)
    g = np.random.Generator(bg)
    assert g.bit_generator.lock is bg.lock
    chunks = {"raw": [], "gen": []}
    barrier = threading.Barrier(8)

    def work(i):
        barrier.wait()
        for _ in range(40):
            if i % 2:
                chunks["raw"].append(tuple(bg.random_raw(37).tolist()))
            else:
                chunks["gen"].append(tuple(g.integers(0, 2**32, 29, dtype=np.uint64).tolist()))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = 160 * 37 + 160 * 29
    stream = words(TFPhilox(123, 456), total).tolist()
    # Every chunk is a contiguous run of the stream, and the chunks tile it.
    pos = {}
    for w in range(len(stream) - 28):
        pos.setdefault(tuple(stream[w:w + 29]), w)
        pos.setdefault(tuple(stream[w:w + 37]), w)
    starts = sorted((pos[c], len(c)) for c in chunks["raw"] + chunks["gen"])
    at = 0
    for start, n in starts:
        assert start == at
        at += n
    assert at == total


def test_benchmark_hook_runs():
    TFPhilox(1)._benchmark(100)
    TFPhilox(1)._benchmark(100, "double")
    with pytest.raises(ValueError):
        TFPhilox(1)._benchmark(1, "nope")


def test_cffi_interface():
    pytest.importorskip("cffi")
    bg = TFPhilox(7, 8)
    c = bg.cffi
    w = [int(x) for x in words(TFPhilox(7, 8), 3)]
    assert c.next_uint32(c.state) == w[0]
    assert c.next_uint64(c.state) == w[1] | w[2] << 32
