"""Record TF 1.15's values for the dtypes beyond float/int32/int64/bool.

    /work/venvs/tf1/bin/python scripts/ref_dtypes.py --out tests/data/dtypes/tf1.jsonl

Each program defines `main(tf, np)` and returns a flat list of values (strings as
their lengths and bytes, `[0]` where a call raised, `[1, value...]` where it ran);
`tests/test_dtypes.py` runs them under philoxflow and compares bit for bit. They cover
the Cast grid (float -> int overflow and NaN as TF 1.15's x86-64 kernels convert,
int wrapping, complex parts), string constants, feeds and kernels, shuffles of every
dtype, complex constants and arithmetic, and narrow-integer arithmetic.
"""

import argparse
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests"))

from reference import encode  # noqa: E402 - the tests' encoding (tests/reference.py)

HELPERS = '''import numpy as np

def B(v):
    items = [bytes(s) for s in np.asarray(v, dtype=object).ravel()]
    return [np.array([len(s) for s in items], dtype=np.int64),
            np.frombuffer(b"".join(items), dtype=np.uint8).copy()]
def T(f):
    try:
        vals = f()
    except Exception:
        return [np.array([0], dtype=np.int64)]
    return [np.array([1], dtype=np.int64)] + [np.asarray(v) for v in vals]
'''

PROGRAMS = {}

PROGRAMS["cast/float_to_ints"] = """
def main(tf, np):
    vals = [np.nan, np.inf, -np.inf, 1e10, -1e10, 300.7, -300.7, 127.9, -128.9, 2.0**31,
            -2.0**31 - 1, 2.0**32, 2.0**63, 2.0**64, -1.5, 65535.5, 65536.0, 1e-40, -0.0,
            4294967295.5, -2.0**63, 1.5e19, 2.0**63 - 1024]
    out = []
    g = tf.Graph()
    with g.as_default():
        p = tf.placeholder(tf.float64, [None])
        ts = []
        for src in (tf.float16, tf.bfloat16, tf.float32, tf.float64):
            x = tf.cast(p, src)
            for d in (tf.int8, tf.int16, tf.int32, tf.int64, tf.uint8, tf.uint16, tf.uint32,
                      tf.uint64, tf.bool, tf.complex64, tf.complex128, tf.float16,
                      tf.bfloat16, tf.float32, tf.float64):
                if d != src:
                    ts.append(tf.cast(x, d))
        with tf.Session() as sess:
            out += sess.run(ts, {p: np.array(vals)})
    return out
"""

PROGRAMS["cast/int_grid"] = """
def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        srcs = [tf.constant([-1, 255, 256, -129, 40000, -40000, 2**31 - 1, -2**31, 2**40 + 3,
                             -(2**40) - 3, 2**63 - 1, -2**63, 16777217], tf.int64),
                tf.constant([2**64 - 1, 2**63, 12345678901234567890, 5, 2**53 + 1], tf.uint64),
                tf.constant([-128, -1, 0, 1, 127], tf.int8),
                tf.constant([0, 1, 255, 128], tf.uint8),
                tf.constant([-32768, 32767, -1, 300], tf.int16),
                tf.constant([65535, 0, 32768, 300], tf.uint16),
                tf.constant([4294967295, 2147483648, 7], tf.uint32),
                tf.constant([True, False, True]),
                tf.constant([1.5 - 2j, np.nan + 1j, 1e10 + 0j, -0.0 + 0j, 1e-40j, -3.7 + 1e-45j],
                            tf.complex128),
                tf.constant([1.5 - 2j, np.inf + 1j, -300.7 + 5j], tf.complex64)]
        ts = []
        for s in srcs:
            x = tf.identity(s)
            for d in (tf.int8, tf.int16, tf.int32, tf.int64, tf.uint8, tf.uint16, tf.uint32,
                      tf.uint64, tf.bool, tf.complex64, tf.complex128, tf.float16,
                      tf.bfloat16, tf.float32, tf.float64):
                if d != s.dtype:
                    ts.append(tf.cast(x, d))
        with tf.Session() as sess:
            out += sess.run(ts)
            out += T(lambda: sess.run([tf.cast(tf.constant([1, 2]), tf.string)]))
            out += T(lambda: sess.run([tf.cast(tf.constant(["1"]), tf.int32)]))
    return out
"""

PROGRAMS["strings/constants_and_kernels"] = """
def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        p = tf.placeholder(tf.string, [None, 2])
        q = tf.placeholder(tf.string)
        ts = [tf.constant([["x", "yy", "zzz"]]), tf.constant("\\u00e9t\\u00e9"),
              tf.constant([b"\\x00\\x01", b""]), tf.constant("a", shape=[2, 3]),
              tf.constant(["p", "q"], shape=[5]), tf.fill([2, 2], tf.constant("f")),
              tf.zeros([3], tf.string), tf.zeros_like(tf.constant(["a", "b"])),
              tf.identity(p), tf.reshape(p, [-1]), tf.stack([p, p], axis=1),
              tf.reshape(p, [-1])[1:3], tf.expand_dims(q, 0),
              tf.strings.join([tf.constant(["a", "bb"]), tf.constant(["c", "d"])], separator="--"),
              tf.strings.join(["x", tf.constant(["1", "2", "3"]), "y"]),
              tf.strings.length(tf.constant(["h\\u00e9", "", "abc"]), unit="UTF8_CHAR"),
              tf.strings.length(tf.constant(["h\\u00e9", "", "abc"])),
              tf.as_string(tf.constant([1, -20, 100], tf.int8)),
              tf.as_string(tf.constant([1.5, -0.25, 1e10, np.nan], tf.float32)),
              tf.as_string(tf.constant([1.5, -0.25, 123456.789], tf.float64), precision=2),
              tf.as_string(tf.constant([1.5, 1e-7, 123456789.0], tf.float64), shortest=True),
              tf.as_string(tf.constant([1.5, -1e-7], tf.float32), scientific=True),
              tf.as_string(tf.constant([True, False])),
              tf.as_string(tf.constant([7, -7]), width=4),
              tf.as_string(tf.constant([7, -7]), width=4, fill="0"),
              tf.as_string(tf.constant([1 + 2j], tf.complex64)),
              tf.equal(tf.constant(["a", "b"]), tf.constant("a")),
              tf.not_equal(tf.constant(["a", "b"]), tf.constant(["a", "c"]))]
        feed = {p: np.array([[b"k", b""], ["mn", "\\u00fc"], [b"\\xff", b"q"]], dtype=object),
                q: "scalar"}
        with tf.Session() as sess:
            for v in sess.run(ts, feed):
                out += B(v) if np.asarray(v).dtype == object else [np.asarray(v)]
            out += T(lambda: B(sess.run(tf.ones([2], tf.string))))
            out += T(lambda: B(sess.run(tf.constant(["a", 1]))))
            out += T(lambda: B(sess.run(tf.constant(1, tf.string))))
            out += T(lambda: B(sess.run(tf.constant("a") + tf.constant("b"))))
            out += T(lambda: [sess.run(tf.constant("a") < tf.constant("b"))])
    return out
"""

PROGRAMS["strings/shuffle"] = """
def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        ts = [tf.random_shuffle([str(i) * (i % 4) for i in range(30)], seed=3),
              tf.random_shuffle(tf.constant([["a", "b", "c"]] * 5)),
              tf.random_shuffle(tf.constant("s")),
              tf.random_shuffle(tf.constant(list(range(20)), tf.int8)),
              tf.random_shuffle(tf.constant(list(range(12)), tf.uint16), seed=5),
              # (not uint64: TF 1.15 has no CPU kernel for it and runs XLA's shuffle)
              tf.random_shuffle(tf.constant([[1, 2], [3, 4], [5, 6]], tf.int16)),
              tf.random_shuffle(tf.constant([1j, 2, 3 + 3j, 4, 5], tf.complex128), seed=9)]
        with tf.Session() as sess:
            for _ in range(3):
                for v in sess.run(ts):
                    out += B(v) if np.asarray(v).dtype == object else [np.asarray(v)]
    return out
"""

PROGRAMS["complex/arithmetic"] = """
def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        re = [0.25, -1.658, 2.654, 1e-3, 7.5, -0.0, 3.0, 1e30, 12.5]
        im = [-1.415, -2.339, -2.481, 4.0, 0.0, 2.0, -1e-30, 1e30, 0.1]
        for dt, ft in ((tf.complex64, tf.float32), (tf.complex128, tf.float64)):
            a = tf.complex(tf.constant(re, ft), tf.constant(im, ft))
            b = tf.placeholder(dt, [None])
            ts = [a + b, a - b, a * b, -a, a + 1, 2 * a, tf.real(a), tf.imag(b), tf.abs(a),
                  tf.angle(b), tf.conj(a), tf.cast(a, tf.float32), tf.square(a),
                  tf.reshape(a, [3, 3]), tf.stack([a, b]), tf.zeros_like(b), tf.ones_like(a),
                  tf.where(tf.constant([True, False] * 4 + [True]), a, b), a[2:5],
                  tf.fill([2], tf.constant(1 - 1j, dt)), tf.constant([1 + 2j, 3], dt)]
            feed = {b: (np.array(im) + 1j * np.array(re)).astype(dt.as_numpy_dtype)}
            with tf.Session() as sess:
                out += sess.run(ts, feed)
                out += T(lambda: [sess.run(tf.maximum(a, b), feed)])
                out += T(lambda: [sess.run(a < b, feed)])
    return out
"""

PROGRAMS["ints/narrow_arithmetic"] = """
def main(tf, np):
    out = []
    for dt in (tf.int8, tf.int16, tf.uint8, tf.uint16, tf.uint32, tf.uint64):
        # One graph and session per dtype: a TF 1.15 session whose graph holds an op
        # without a kernel for its dtype fails every later run.
        g = tf.Graph()
        with g.as_default():
            sess = tf.Session(graph=g)
            lo, hi = dt.min, dt.max
            a = tf.constant([hi, lo, 7, 100, 0, 3], dt)
            b = tf.placeholder(dt, [None])
            feed = {b: np.array([1, 1, 2, 3, 1, 5], dt.as_numpy_dtype)}
            out += T(lambda: sess.run([tf.identity(b), tf.reshape(a, [2, 3]), a[::2]], feed))
            out += T(lambda: sess.run([tf.stack([a, b])], feed))
            out += T(lambda: sess.run([tf.fill([2], tf.constant(3, dt))]))
            out += T(lambda: sess.run([tf.reduce_sum(a)]))
            out += T(lambda: sess.run([tf.cast(a, tf.float32)]))
            out += T(lambda: sess.run([a + b], feed))
            out += T(lambda: sess.run([a - b], feed))
            out += T(lambda: sess.run([a * b], feed))
            out += T(lambda: sess.run([a // b], feed))
            out += T(lambda: sess.run([a / b], feed))
            out += T(lambda: sess.run([-a], feed))
            out += T(lambda: sess.run([tf.maximum(a, b)], feed))
            out += T(lambda: sess.run([tf.count_nonzero(a)]))
            if dt in (tf.int8, tf.int16, tf.uint8, tf.uint16):
                out += T(lambda: sess.run([tf.zeros_like(b), tf.ones_like(b)], feed))
            if dt in (tf.int8, tf.int16, tf.uint8):
                out += T(lambda: sess.run([a < b, a >= b], feed))
            sess.close()
    return out
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    import numpy as np
    import tensorflow as tf

    with open(args.out, "w") as f:
        for name, src in PROGRAMS.items():
            src = HELPERS + src
            scope = {"np": np}
            exec(src, scope)
            outs = [encode(v) for v in scope["main"](tf, np)]
            f.write(json.dumps({"name": name, "program": src, "outputs": outs}) + "\n")
            print(name, len(outs))


if __name__ == "__main__":
    main()
