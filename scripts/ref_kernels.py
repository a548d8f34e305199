"""Record TF's values of the reduction and data-movement kernels (tests/test_kernels_values.py
compares philoxflow's bit for bit).

    /work/venvs/tf1/bin/python scripts/ref_kernels.py tf1   # -> tests/data/kernels/tf1.jsonl.gz
    /work/venvs/tf2/bin/python scripts/ref_kernels.py tf2   # -> tests/data/kernels/tf2.jsonl.gz

Each case is a small program over `tf` (TF 1.15's `import tensorflow as tf`, or TF 2.21's
`tf.compat.v1` in graph mode) whose inputs are seeded random tensors (so the data stay
small); it defines `out` (tensors) and `feed`. A record holds the source, the session's
intra-op thread count (TF sizes its one intra-op pool by the first session of a process,
so every thread count is recorded in a process of its own), and per output its dtype,
shape and bytes (hex; a SHA-256 for large outputs) or the error class and message.
"""
import gzip
import hashlib
import json
import os
import subprocess
import sys

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "tests", "data", "kernels")

#: Outputs with more bytes than this are stored as a SHA-256 of their bytes.
HEX_LIMIT = 4096

# Random inputs: normal float32/float64 scaled, then cast; complex from two normals.
# `{s}` is a seed, `{shape}` a list.
_SRC_X = {
    "float32": "x = tf.random_normal({shape}, seed={s}) * {scale} + {shift}",
    "float64": "x = tf.random_normal({shape}, dtype=tf.float64, seed={s}) * {scale} + {shift}",
    "float16": "x = tf.cast(tf.random_normal({shape}, seed={s}) * {scale} + {shift}, tf.float16)",
    "bfloat16": "x = tf.cast(tf.random_normal({shape}, seed={s}) * {scale} + {shift}, "
                "tf.bfloat16)",
    "complex64": "x = tf.complex(tf.random_normal({shape}, seed={s}) * {scale} + {shift}, "
                 "tf.random_normal({shape}, seed={s} + 1))",
    "complex128": "x = tf.complex(tf.random_normal({shape}, dtype=tf.float64, seed={s}) * "
                  "{scale} + {shift}, tf.random_normal({shape}, dtype=tf.float64, seed={s} + 1))",
}
_INTS = ("int32", "int64", "int8", "int16", "uint8", "uint16")


def _x(dtype, shape, s, scale=1.0, shift=0.0):
    if dtype in _INTS:
        lo, hi = {"uint8": (0, 256), "uint16": (0, 65536), "int8": (-128, 128),
                  "int16": (-32768, 32768)}.get(dtype, (-1000, 1000))
        return (f"x = tf.cast(tf.random_uniform({shape}, {lo}, {hi}, dtype=tf.int64, seed={s}), "
                f"tf.{dtype})")
    return _SRC_X[dtype].format(shape=list(shape), s=s, scale=scale, shift=shift)


def _reduce(op, dtype, shape, axis, keep=False, s=1, scale=1.0, shift=0.0, special=None):
    fn = {"Sum": "reduce_sum", "Mean": "reduce_mean", "Prod": "reduce_prod",
          "Max": "reduce_max", "Min": "reduce_min"}[op]
    lines = [_x(dtype, shape, s, scale, shift)]
    if special:
        # NaN / Inf / zeros at random places: `special` values where a uniform < 0.05.
        lines.append(f"m = tf.random_uniform({list(shape)}, seed={s} + 7) < 0.05")
        lines.append(f"x = tf.where(m, tf.fill({list(shape)}, tf.constant(float({str(special)!r}), "
                     f"x.dtype)), x)")
    lines.append(f"out = [tf.{fn}(x, axis={axis!r}, keepdims={keep})]")
    return "\n".join(lines)


def cases():
    """(source, threads) of every case, in a fixed order."""
    out = []
    sizes = list(range(1, 71)) + [100, 127, 128, 129, 255, 256, 257, 1000, 1023, 1024, 1025,
                                  4096, 8191, 8192, 8193, 8200, 16384, 16385, 100000]
    for n in sizes:
        out.append((_reduce("Sum", "float32", [n], None, s=n), 1))
    for n in [1, 7, 8, 9, 31, 32, 33, 100, 1000, 4096, 4100, 8193, 100000]:
        out.append((_reduce("Sum", "float64", [n], None, s=n), 1))
        out.append((_reduce("Mean", "float32", [n], None, s=n), 1))
        out.append((_reduce("Mean", "float64", [n], None, s=n), 1))
        out.append((_reduce("Prod", "float32", [n], None, s=n, scale=0.01, shift=1.0), 1))
        out.append((_reduce("Prod", "float64", [n], None, s=n, scale=0.01, shift=1.0), 1))
    # Large full reductions: sharded over the intra-op threads past the cost model's limit.
    for n in [258461, 258462, 300000, 1 << 20, (1 << 20) + 3, 1 << 21]:
        for t in (1, 2):
            out.append((_reduce("Sum", "float32", [n], None, s=n), t))
            out.append((_reduce("Mean", "float32", [n], None, s=n), t))
    for n in [100000, 130000, 1 << 20]:
        for t in (1, 2):
            out.append((_reduce("Sum", "float64", [n], None, s=n), t))
            out.append((_reduce("Mean", "float64", [n], None, s=n), t))
            out.append((_reduce("Prod", "float32", [n], None, s=n, scale=0.001, shift=1.0), t))
    # Sizes whose shards do not fall on the tree's split points (the cost model decides).
    for n in [100001, 150001, 200001]:
        out.append((_reduce("Sum", "float32", [n], None, s=n), 2))
        out.append((_reduce("Sum", "float64", [n // 2], None, s=n), 2))
    for dt in ("float16", "bfloat16", "complex64", "int32"):
        out.append((_reduce("Sum", dt, [5000], None, s=5), 2))
        out.append((_reduce("Sum", dt, [300, 40], 0, s=5), 2))
    # 2-D and higher: inner, outer, middle, several, negative axes, keepdims.
    shapes = [[3, 7], [5, 8], [4, 33], [2, 1000], [3, 1025], [2, 8193], [2, 9000],
              [7, 3], [1000, 5], [33, 9], [1, 5], [5, 1]]
    for sh in shapes:
        for ax in (0, 1, -1, [0, 1]):
            out.append((_reduce("Sum", "float32", sh, ax, s=sh[0] * 31 + sh[1]), 1))
        out.append((_reduce("Mean", "float32", sh, 1, keep=True, s=sh[1]), 1))
        out.append((_reduce("Mean", "float32", sh, 0, s=sh[0]), 1))
    nd = [([2, 3, 4], [1]), ([2, 3, 4], [0, 2]), ([2, 3, 4], [0, 1]), ([2, 3, 40], [2]),
          ([4, 5, 6, 7], [1, 3]), ([4, 5, 6, 7], [0, 2]), ([4, 5, 6, 7], [1, 2]),
          ([4, 5, 6, 7], [-1, -3]), ([3, 1, 5, 1, 4], [1, 3]), ([3, 1, 5, 1, 4], [0, 4]),
          ([2, 3, 4, 5, 6], [0, 2, 4]), ([2, 3, 4, 5, 6], [1, 3]), ([6, 300, 7], [0, 2]),
          ([5, 2000, 3], [1]), ([3, 4, 3000], [0, 2]), ([2, 3, 4, 500], [0, 1, 3]),
          ([1, 1], [0, 1]), ([1, 3, 1], [1]), ([2, 3], [])]
    for sh, ax in nd:
        for op in ("Sum", "Mean"):
            out.append((_reduce(op, "float32", sh, ax, s=len(sh) + sum(sh)), 1))
        out.append((_reduce("Sum", "float64", sh, ax, keep=True, s=sum(sh)), 1))
        out.append((_reduce("Prod", "float32", sh, ax, s=sum(sh), scale=0.1, shift=1.0), 1))
    # Other dtypes.
    for dt in ("float16", "bfloat16", "complex64", "complex128"):
        for n in [5, 8, 33, 200, 201, 1000, 1600, 1601, 5000, 100000]:
            out.append((_reduce("Sum", dt, [n], None, s=n), 1))
            out.append((_reduce("Mean", dt, [n], None, s=n), 1))
        for sh, ax in [([3, 70], 1), ([70, 3], 0), ([4, 5, 6], [0, 2]), ([4, 5, 6, 7], [1, 3]),
                       ([2, 3000], 1), ([2, 3, 4], [1])]:
            out.append((_reduce("Sum", dt, sh, ax, s=sum(sh)), 1))
            out.append((_reduce("Mean", dt, sh, ax, s=sum(sh)), 1))
            out.append((_reduce("Prod", dt, sh, ax, s=sum(sh), scale=0.05, shift=1.0), 1))
    for dt in ("float32", "float64", "float16", "bfloat16") + _INTS:
        for op in ("Max", "Min"):
            for sh, ax in [([1000], None), ([3, 70], 1), ([70, 3], 0), ([4, 5, 6, 7], [1, 3])]:
                out.append((_reduce(op, dt, sh, ax, s=sum(sh)), 1))
    for dt in _INTS:
        for op in ("Sum", "Mean", "Prod"):
            for sh, ax in [([1000], None), ([3, 70], 1), ([70, 3], 0), ([4, 5, 6, 7], [1, 3])]:
                out.append((_reduce(op, dt, sh, ax, s=sum(sh)), 1))
    # NaN, Inf, signed zeros.
    for sp in (float("nan"), float("inf"), float("-inf"), 0.0, -0.0):
        for op in ("Sum", "Mean", "Prod", "Max", "Min"):
            for sh, ax in [([100], None), ([5, 40], 1), ([40, 5], 0)]:
                out.append((_reduce(op, "float32", sh, ax, s=sum(sh), special=sp), 1))
    # Empty tensors.
    for op in ("Sum", "Mean", "Prod", "Max", "Min"):
        for dt in ("float32", "float64", "int32", "float16"):
            for sh, ax in [([0], None), ([0, 3], 0), ([0, 3], 1), ([3, 0], 1), ([3, 0], 0)]:
                out.append((_reduce(op, dt, sh, ax, s=3), 1))
    out += [(src, 1) for src in _movement()]
    return out


def _movement():
    srcs = []
    for dt in ("float32", "float64", "float16", "bfloat16", "complex64", "int32", "uint8"):
        x = _x(dt, [2, 3, 4], 5)
        srcs.append(x + "\nout = [tf.transpose(x), tf.transpose(x, [1, 0, 2]), "
                        "tf.transpose(x, [0, 2, 1])]")
        srcs.append(x + "\nout = [tf.concat([x, x], 0), tf.concat([x, x * 2], -1), "
                        "tf.concat([x], 1)]")
        srcs.append(x + "\nout = [tf.tile(x, [1, 2, 3]), tf.tile(x, [2, 0, 1])]")
        srcs.append(x + "\nout = [tf.reverse(x, [0]), tf.reverse(x, [-1, 1]), "
                        "tf.expand_dims(x, 0), tf.expand_dims(x, -1)]")
    srcs.append("x = tf.constant([[True, False], [False, False]])\n"
                "out = [tf.transpose(x), tf.concat([x, x], 1), tf.tile(x, [2, 2]), "
                "tf.reverse(x, [1])]")
    srcs.append("x = tf.constant([['a', 'bc'], ['', 'def']])\n"
                "out = [tf.transpose(x), tf.concat([x, x], 0), tf.tile(x, [1, 2]), "
                "tf.reverse(x, [0])]")
    # Run-time errors: shapes only known when fed.
    p = "x = tf.placeholder(tf.float32, None)\ny = tf.placeholder(tf.float32, None)\n"
    p += "i = tf.placeholder(tf.int32, None)\n"
    feed = "feed = {x: np.zeros((2, 3), np.float32), y: np.zeros((2, 4), np.float32)}\n"
    for expr, iv in [("tf.transpose(x, i)", "[0, 0]"), ("tf.transpose(x, i)", "[0, 2]"),
                     ("tf.transpose(x, i)", "[0, 1, 2]"), ("tf.concat([x, y], i)", "0"),
                     ("tf.concat([x, y], i)", "2"), ("tf.concat([x, y], i)", "-3"),
                     ("tf.tile(x, i)", "[1, -1]"), ("tf.tile(x, i)", "[1, 2, 3]"),
                     ("tf.reverse(x, i)", "[2]"), ("tf.reverse(x, i)", "[0, 0]"),
                     ("tf.expand_dims(x, i)", "3"), ("tf.expand_dims(x, i)", "-4"),
                     ("tf.reduce_sum(x, i)", "2"), ("tf.reduce_sum(x, i)", "-3"),
                     ("tf.reduce_sum(x, i)", "[0, 0]"), ("tf.reduce_max(x, i)", "[1, -1]"),
                     ("tf.reduce_mean(x, i)", "[]")]:
        srcs.append(p + feed + f"feed[i] = np.array({iv}, np.int32)\nout = [{expr}]")
    srcs.append(p + "feed = {x: np.zeros((2, 3), np.float32), y: np.zeros((2,), np.float32), "
                "i: 0}\nout = [tf.concat([x, y], i)]")
    # Slice's and Reshape's own checks, in their order (begin before size; one -1; empty
    # inputs), with the values fed.
    q = ("x = tf.placeholder(tf.float32, None)\nb = tf.placeholder(tf.int32, None)\n"
         "s = tf.placeholder(tf.int32, None)\n")
    for xs, bv, sv in [((3,), [4], [-1]), ((3,), [-1], [1]), ((3,), [1], [3]),
                       ((3,), [1], [-2]), ((0,), [0], [1]), ((0,), [1], [0]),
                       ((0,), [0], [-1]), ((3,), [3], [-1]), ((2, 3), [0, 2], [1, 2]),
                       ((2, 3), [1, 0], [-1, -1])]:
        srcs.append(q + f"feed = {{x: np.zeros({xs}, np.float32), b: np.array({bv}, np.int32), "
                        f"s: np.array({sv}, np.int32)}}\nout = [tf.slice(x, b, s)]")
    for n, shp in [(6, [3]), (6, [-1, 4]), (6, [-1, -1]), (6, [2, -3]), (0, [-1, 0]),
                   (6, [4, -1]), (0, [0, -1]), (6, [7]), (6, [3, -1]), (0, [2, -1]),
                   ((2, 0), [-1, 3]), ((2, 0, 3), [0, -1])]:
        srcs.append(q + f"feed = {{x: np.zeros({n!r}, np.float32), s: np.array({shp}, np.int32)}}"
                        f"\nout = [tf.reshape(x, s)]")
    # Maximum/Minimum on NaN and signed zeros: TF 1.15 keeps the first operand on ties and
    # NaN; TF 2.21 propagates NaN (ties depend on the packet loop). Sizes across packets.
    for n in (1, 3, 8, 9, 17):
        for dt in ("float32", "float64", "float16"):
            srcs.append(
                f"a = np.arange({n}, dtype=np.float32)\nb = a[::-1].copy()\n"
                "a[::2] = np.nan\nb[1::3] = np.nan\nb[2::4] = -0.0\na[3::4] = 0.0\n"
                f"x = tf.placeholder(tf.{dt}, None)\ny = tf.placeholder(tf.{dt}, None)\n"
                f"feed = {{x: a.astype(np.{dt}), y: b.astype(np.{dt})}}\n"
                "out = [tf.maximum(x, y), tf.minimum(x, y), tf.maximum(x, y[:1]), "
                "tf.minimum(y[:1], x), tf.maximum(y, x), tf.minimum(-0.0 * x, 0.0 * y)]")
    # `x * 0`: TF 1.15's Grappler makes it zeros (+0.0) when the output's shape is known
    # and x is neither constant nor fed; TF 2.21 multiplies.
    neg = "neg = np.array([-1.0, 2.0, -3.0], np.float32)\n"
    for expr in ("tf.random_normal([3], seed=1) * 0.0", "0.0 * tf.random_normal([3], seed=1)",
                 "tf.random_normal([3], seed=1) * tf.zeros([2, 3])",
                 "tf.random_uniform([3], -1, 1, seed=1) * -0.0",
                 "tf.random_normal([2], dtype=tf.float64, seed=3) * 0.0",
                 "tf.constant(neg) * 0.0", "tf.Variable(neg) * 0.0",
                 "tf.random_normal([3], stddev=0.0, seed=4)"):
        srcs.append(neg + "feed = None\nout = [" + expr + "]\n"
                    "init = tf.global_variables_initializer()")
    srcs.append(neg + "p = tf.placeholder(tf.float32, [3])\nfeed = {p: neg}\nout = [p * 0.0]")
    srcs.append(neg + "n = tf.placeholder(tf.int32, None)\nfeed = {n: [3]}\n"
                "out = [tf.random_normal(n, seed=1) * 0.0]")
    return srcs


def _encode(v):
    import numpy as np
    v = np.asarray(v)
    if v.dtype == object:
        data = json.dumps([b.decode("latin-1") for b in v.ravel()]).encode()
    else:
        data = np.ascontiguousarray(v).tobytes()
    rec = {"dtype": str(v.dtype), "shape": list(v.shape)}
    if len(data) > HEX_LIMIT:
        rec["sha256"] = hashlib.sha256(data).hexdigest()
    else:
        rec["hex"] = data.hex()
    return rec


def run_cases(target, threads, indices):
    import numpy as np
    import tensorflow as tf
    if target == "tf2":
        tf = tf.compat.v1
        tf.disable_eager_execution()
        # The kernel's own message, without TF 2.x's "Graph execution error" framing.
        from tensorflow.python.framework import error_interpolation
        error_interpolation.interpolate_graph = lambda message, graph: message
    all_cases = cases()
    for k in indices:
        src, _ = all_cases[k]
        g = tf.Graph()
        with g.as_default():
            tf.set_random_seed(1234)
            env = {"tf": tf, "np": np, "feed": {}}
            exec(src, env)
            cfg = tf.ConfigProto(intra_op_parallelism_threads=threads,
                                 inter_op_parallelism_threads=1)
            outs = []
            with tf.Session(graph=g, config=cfg) as sess:
                if env.get("init") is not None:  # variables' initializers first
                    sess.run(env["init"])
                for t in env["out"]:
                    try:
                        outs.append(_encode(sess.run(t, feed_dict=env["feed"])))
                    except Exception as e:  # noqa: BLE001 - recorded
                        outs.append({"error": type(e).__name__,
                                     "message": (e.message if hasattr(e, "message")
                                                 else str(e)).split("\n")[0]})
        yield {"id": k, "src": src, "threads": threads, "out": outs}


def main():
    target = sys.argv[1]
    if len(sys.argv) > 2:  # a worker: one thread count in this process, from a case on
        threads, start = int(sys.argv[2]), int(sys.argv[3])
        idx = [k for k, (_, t) in enumerate(cases()) if t == threads and k >= start]
        for rec in run_cases(target, threads, idx):
            print(json.dumps(rec), flush=True)
        return
    os.makedirs(OUT, exist_ok=True)
    records = []
    all_cases = cases()
    for threads in sorted({t for _, t in all_cases}):
        todo = [k for k, (_, t) in enumerate(all_cases) if t == threads]
        while todo:
            res = subprocess.run([sys.executable, __file__, target, str(threads), str(todo[0])],
                                 capture_output=True, text=True)
            got = [json.loads(ln) for ln in res.stdout.splitlines() if ln.startswith("{")]
            records += got
            done = {r["id"] for r in got}
            todo = [k for k in todo if k not in done]
            if res.returncode != 0 and todo:
                # TF itself crashed on this case (TF 2.21 segfaults on some bad perms).
                k = todo.pop(0)
                records.append({"id": k, "src": all_cases[k][0], "threads": threads,
                                "crash": res.returncode})
    records.sort(key=lambda r: r["id"])
    with gzip.open(os.path.join(OUT, f"{target}.jsonl.gz"), "wt") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    print(f"{target}: {len(records)} cases")


if __name__ == "__main__":
    main()
