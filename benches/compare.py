"""philoxflow against its peers, measured in one process on one machine.

    python benches/compare.py                 # 2^24 float32 outputs, 1 thread and all threads
    python benches/compare.py --size 22 --repeat 5 --out benches/out

Peers run when importable: TensorFlow 2.21 (tf.compat.v1 graph sessions, the
numbers philoxflow reproduces), NumPy (PCG64 and Philox bit generators),
PyTorch, JAX and mkl_random. A memset of the same buffer is the bandwidth
floor, both into fresh memory (what a generator returning a new array pays) and
into memory already mapped. Prints a Markdown table of best-of-N times with
each peer's time divided by philoxflow's (so > 1 means philoxflow is faster),
and writes results.json and chart.png to --out.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import platform
import subprocess
import sys
import time

import numpy as np

# `--clock cpu`: the process's CPU time (all its threads) instead of the wall
# clock, for a machine shared with other work, where the wall clock counts the
# time others hold the cores. Only meaningful for one-thread rows (compare.py
# then measures one thread only); a peer whose idle threads spin pays for it.
CLOCK = time.perf_counter


def best_of(fn, repeat):
    fn()  # warm up (JIT, pools, first-touch of code)
    times = []
    for _ in range(repeat):
        t = CLOCK()
        fn()
        times.append(CLOCK() - t)
    return min(times)


def cpu_info():
    """The CPU's model name, family/model numbers and widest vector extension,
    from /proc/cpuinfo (e.g. Zen 3 and Zen 4 share a model name on cloud VMs)."""
    info = {}
    try:
        for line in open("/proc/cpuinfo"):
            key, _, value = line.partition(":")
            key = key.strip()
            if key in ("model name", "cpu family", "model", "flags") and key not in info:
                info[key] = value.strip()
    except OSError:
        pass
    flags = set(info.get("flags", "").split())
    simd = ("avx512f" if "avx512f" in flags else "avx2" if "avx2" in flags
            else "neon" if "asimd" in flags else "none")
    return {"name": info.get("model name") or platform.processor() or platform.machine(),
            "family": info.get("cpu family", "?"), "model": info.get("model", "?"),
            "simd": simd}


def cpu_name():
    c = cpu_info()
    return f"{c['name']} (family {c['family']} model {c['model']}, {c['simd']})"


def typed_ops(tf, n):
    """The int32-range and float64 rows, built the same way in both libraries."""
    return {"int32 uniform [-1000, 7919)": tf.random_uniform([n], -1000, 7919, dtype=tf.int32,
                                                             seed=1),
            "float64 uniform": tf.random_uniform([n], dtype=tf.float64, seed=1),
            "float64 normal": tf.random_normal([n], dtype=tf.float64, seed=1)}


def philoxflow_cases(n, threads):
    # The TF 2.21 target builds the same program as the TF 2.21 peer (no
    # `* 1 + 0` after a default uniform; `import philoxflow` is TF 1.15's).
    import philoxflow.compat.v1 as tf

    g = tf.Graph()
    with g.as_default():
        u = tf.random_uniform([n], seed=1)
        z = tf.random_normal([n], seed=1)
        t = tf.truncated_normal([n], seed=1)
        extra = typed_ops(tf, n)
    cfg = tf.ConfigProto(intra_op_parallelism_threads=threads)
    sess = tf.Session(graph=g, config=cfg)
    return {"uniform": lambda: sess.run(u), "normal": lambda: sess.run(z),
            "truncated normal": lambda: sess.run(t),
            **{k: (lambda op=op: sess.run(op)) for k, op in extra.items()}}


def tensorflow_cases(n, threads):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow.compat.v1 as tf

    tf.disable_eager_execution()
    g = tf.Graph()
    with g.as_default():
        u = tf.random_uniform([n], seed=1)
        z = tf.random_normal([n], seed=1)
        t = tf.truncated_normal([n], seed=1)
        extra = typed_ops(tf, n)
    # TF's intra-op pool is process-wide unless sessions ask for their own.
    cfg = tf.ConfigProto(intra_op_parallelism_threads=threads, inter_op_parallelism_threads=1,
                         use_per_session_threads=True)
    sess = tf.Session(graph=g, config=cfg)
    return {"uniform": lambda: sess.run(u), "normal": lambda: sess.run(z),
            "truncated normal": lambda: sess.run(t),
            **{k: (lambda op=op: sess.run(op)) for k, op in extra.items()}}


def run_overhead(make_session, runs=2000):
    """Mean seconds per `Session.run` of a [1] op (per-call overhead)."""
    run = make_session()
    run()

    def many():
        for _ in range(runs):
            run()
    return best_of(many, 3) / runs


def philoxflow_small():
    import philoxflow.compat.v1 as tf  # the TF 2.21 program: one op, as for the peer

    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([1], seed=1)
    sess = tf.Session(graph=g)
    return lambda: sess.run(a)


def tensorflow_small():
    import tensorflow.compat.v1 as tf

    tf.disable_eager_execution()
    g = tf.Graph()
    with g.as_default():
        a = tf.random_uniform([1], seed=1)
    sess = tf.Session(graph=g)
    return lambda: sess.run(a)


def numpy_cases(n, bitgen):
    gen = np.random.Generator(getattr(np.random, bitgen)(1))
    return {"uniform": lambda: gen.random(n, dtype=np.float32),
            "normal": lambda: gen.standard_normal(n, dtype=np.float32)}


def torch_cases(n, threads):
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(1)
    buf = torch.empty(n, dtype=torch.float32)
    return {"uniform": lambda: torch.rand(n), "normal": lambda: torch.randn(n),
            "normal (Tensor.normal_)": lambda: buf.normal_(),
            "truncated normal": lambda: torch.nn.init.trunc_normal_(torch.empty(n), a=-2.0,
                                                                    b=2.0)}


def jax_cases(n):
    import jax
    import jax.numpy as jnp

    key = jax.random.PRNGKey(1)
    u = jax.jit(lambda k: jax.random.uniform(k, (n,), jnp.float32))
    z = jax.jit(lambda k: jax.random.normal(k, (n,), jnp.float32))
    t = jax.jit(lambda k: jax.random.truncated_normal(k, -2.0, 2.0, (n,), jnp.float32))
    return {"uniform": lambda: u(key).block_until_ready(),
            "normal": lambda: z(key).block_until_ready(),
            "truncated normal": lambda: t(key).block_until_ready()}


def mkl_cases(n):
    import mkl_random

    rs = mkl_random.RandomState(1, brng="PHILOX4X32X10")
    return {"uniform (float64)": lambda: rs.uniform(size=n),
            "normal (float64)": lambda: rs.standard_normal(size=n)}


def memset_cases(n):
    existing = np.empty(n, np.float32)
    existing.fill(1)

    def fresh():
        a = np.empty(n, np.float32)
        a.fill(0)
        return a
    return {"memset (fresh buffer)": fresh, "memset (mapped buffer)": lambda: existing.fill(0)}


def main():
    ap = argparse.ArgumentParser(description="Benchmark philoxflow against its peers.")
    ap.add_argument("--size", type=int, default=24, help="log2 of the output size")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", default=str(pathlib.Path(__file__).parent / "out"))
    ap.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                    help="cpu: time with the process's CPU time, one thread only")
    ap.add_argument("--philoxflow-child", type=int, metavar="THREADS", help=argparse.SUPPRESS)
    args = ap.parse_args()
    global CLOCK
    if args.clock == "cpu":
        CLOCK = time.process_time
    n = 1 << args.size
    if args.philoxflow_child:
        # The first session of a process sizes its one intra-op pool (TF's
        # semantics), so each thread count is measured in a child of its own.
        cases = philoxflow_cases(n, args.philoxflow_child)
        print(json.dumps({d: best_of(fn, args.repeat) for d, fn in cases.items()}))
        return
    all_threads = os.cpu_count() or 1
    thread_counts = [1] if all_threads == 1 or args.clock == "cpu" else [1, all_threads]

    rows = []  # (library, threads, distribution, seconds)

    def measure(library, threads, make):
        try:
            cases = make()
        except Exception as e:  # noqa: BLE001 - a missing peer is reported, not fatal
            print(f"  skipped {library}: {type(e).__name__}: {e}", file=sys.stderr)
            return
        for dist, fn in cases.items():
            rows.append((library, threads, dist, best_of(fn, args.repeat)))
            print(f"  {library:<22} {threads!s:>7} {dist:<26} {rows[-1][3] * 1e3:9.2f} ms",
                  file=sys.stderr)

    import philoxflow

    def philoxflow_child(th):
        cmd = [sys.executable, __file__, "--size", str(args.size), "--repeat", str(args.repeat),
               "--clock", args.clock, "--philoxflow-child", str(th)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        return json.loads(out)

    for th in thread_counts:
        for dist, t in philoxflow_child(th).items():
            rows.append(("philoxflow", th, dist, t))
            print(f"  {'philoxflow':<22} {th!s:>7} {dist:<26} {t * 1e3:9.2f} ms",
                  file=sys.stderr)
        measure("tensorflow 2.21", th, lambda th=th: tensorflow_cases(n, th))
        measure("torch", th, lambda th=th: torch_cases(n, th))
    measure("numpy PCG64", 1, lambda: numpy_cases(n, "PCG64"))
    measure("numpy Philox", 1, lambda: numpy_cases(n, "Philox"))
    measure("jax (jit)", "default", lambda: jax_cases(n))
    measure("mkl_random Philox", "default", lambda: mkl_cases(n))
    measure("memset", 1, lambda: memset_cases(n))

    small = []
    for lib, make in (("philoxflow", philoxflow_small), ("tensorflow 2.21", tensorflow_small)):
        try:
            small.append((lib, run_overhead(make)))
        except Exception as e:  # noqa: BLE001 - a missing peer is reported, not fatal
            print(f"  skipped {lib} [1] runs: {type(e).__name__}: {e}", file=sys.stderr)

    ours = {(th, d): t for lib, th, d, t in rows if lib == "philoxflow"}
    ours_names = {d for _, d in ours}

    def ratio(th, dist, t):
        base = dist if dist in ours_names else dist.split(" (")[0]
        ref = ours.get((th if th in thread_counts else 1, base)) or ours.get((1, base))
        return f"{t / ref:.2f}x" if ref else ""

    machine = f"{cpu_name()}, {all_threads} CPUs, {platform.system()} {platform.release()}"
    lines = [f"2^{args.size} outputs, best of {args.repeat} ({args.clock} clock); {machine}; "
             f"philoxflow backend {philoxflow.backend()}",
             "",
             "| library | threads | distribution | ms | time / philoxflow's |",
             "| --- | --- | --- | ---: | ---: |"]
    for lib, th, dist, t in rows:
        lines.append(f"| {lib} | {th} | {dist} | {t * 1e3:.2f} | "
                     f"{'' if lib == 'philoxflow' else ratio(th, dist, t)} |")
    lines += ["", "| library | Session.run of a [1] random op, µs |", "| --- | ---: |"]
    lines += [f"| {lib} | {t * 1e6:.1f} |" for lib, t in small]
    table = "\n".join(lines)
    print(table)

    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(
        {"size_log2": args.size, "repeat": args.repeat, "clock": args.clock, "machine": machine,
         "backend": philoxflow.backend(), "cpu": cpu_info(),
         "small_run_seconds": dict(small),
         "rows": [dict(library=a, threads=b, distribution=c, seconds=d)
                  for a, b, c, d in rows]}, indent=1))
    (out / "table.md").write_text(table + "\n")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(10, 0.32 * len(rows) + 1.5))
        labels = [f"{lib} [{th}] {dist}" for lib, th, dist, _ in rows]
        colors = ["tab:green" if lib == "philoxflow" else
                  "tab:gray" if lib == "memset" else "tab:blue" for lib, *_ in rows]
        ax.barh(range(len(rows)), [t * 1e3 for *_, t in rows], color=colors)
        ax.set_yticks(range(len(rows)), labels, fontsize=8)
        ax.invert_yaxis()
        ax.set_xscale("log")
        ax.set_xlabel(f"ms for 2^{args.size} float32 outputs (log scale; lower is better)")
        ax.set_title(machine, fontsize=9)
        fig.tight_layout()
        fig.savefig(out / "chart.png", dpi=110)
    except ImportError:
        print("matplotlib not installed: no chart", file=sys.stderr)


if __name__ == "__main__":
    main()
