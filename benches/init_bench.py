"""Whole-model initialisation: a BERT-base-sized TF1 program, initialised.

    python benches/init_bench.py                  # philoxflow, TF 2.21, TF 1.15 when present
    python benches/init_bench.py --repeat 5 --threads 1 2

200 `tf.get_variable` variables with BERT-base's shapes (about 109 M float32
values, 437 MB), each `truncated_normal_initializer(stddev=0.02)`, and
`sess.run(tf.global_variables_initializer())` timed best of --repeat (the
session re-initialises the same variables each time). Every library and thread
count runs in its own child process, so each child's peak RSS
(`resource.getrusage(RUSAGE_SELF).ru_maxrss`) is its own: reported both as
measured and less the child's peak just before the first initialisation (the
interpreter, the library and the graph). TensorFlow is run through its own
interpreter (`$TF2_PYTHON`, `$TF1_PYTHON`, else `/tmp/tf{2,1}/bin/python` or
`/work/venvs/tf{2,1}/bin/python`), not imported here.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

HIDDEN, LAYERS, FFN, VOCAB, POSITIONS = 768, 12, 3072, 30522, 512


def bert_shapes() -> list[tuple[str, list[int]]]:
    """BERT-base's 199 variables plus the MLM output bias: 200, ~109 M values."""
    h = HIDDEN
    v = [("bert/embeddings/word_embeddings", [VOCAB, h]),
         ("bert/embeddings/token_type_embeddings", [2, h]),
         ("bert/embeddings/position_embeddings", [POSITIONS, h]),
         ("bert/embeddings/LayerNorm/gamma", [h]), ("bert/embeddings/LayerNorm/beta", [h])]
    for i in range(LAYERS):
        p = f"bert/encoder/layer_{i}"
        for part in ("query", "key", "value"):
            v += [(f"{p}/attention/self/{part}/kernel", [h, h]),
                  (f"{p}/attention/self/{part}/bias", [h])]
        v += [(f"{p}/attention/output/dense/kernel", [h, h]),
              (f"{p}/attention/output/dense/bias", [h]),
              (f"{p}/attention/output/LayerNorm/gamma", [h]),
              (f"{p}/attention/output/LayerNorm/beta", [h]),
              (f"{p}/intermediate/dense/kernel", [h, FFN]),
              (f"{p}/intermediate/dense/bias", [FFN]),
              (f"{p}/output/dense/kernel", [FFN, h]),
              (f"{p}/output/dense/bias", [h]),
              (f"{p}/output/LayerNorm/gamma", [h]),
              (f"{p}/output/LayerNorm/beta", [h])]
    v += [("bert/pooler/dense/kernel", [h, h]), ("bert/pooler/dense/bias", [h]),
          ("cls/predictions/output_bias", [VOCAB])]
    return v


def child(library: str, threads: int, repeat: int) -> dict:
    """Build the program, initialise it `repeat` times; runs in its own process."""
    import resource

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if library == "philoxflow":
        import philoxflow as tf
        cfg = tf.ConfigProto(intra_op_parallelism_threads=threads,
                             inter_op_parallelism_threads=threads)
    else:
        import tensorflow as real_tf
        tf = real_tf.compat.v1
        tf.disable_eager_execution()
        cfg = tf.ConfigProto(intra_op_parallelism_threads=threads,
                             inter_op_parallelism_threads=threads,
                             use_per_session_threads=True)
    shapes = bert_shapes()
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1234)
        init = tf.truncated_normal_initializer(stddev=0.02)
        for name, shape in shapes:
            tf.get_variable(name, shape, dtype=tf.float32, initializer=init)
        init_op = tf.global_variables_initializer()
    sess = tf.Session(graph=g, config=cfg)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    times, cpu_times = [], []
    first_peak = 0
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        sess.run(init_op)
        times.append(time.perf_counter() - t)
        # CPU time of the whole process (every pool thread): on a machine
        # shared with other work, the 1-thread figure that ignores the wait.
        cpu_times.append(time.process_time() - c)
        first_peak = first_peak or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    values = 0
    for _, shape in shapes:
        n = 1
        for d in shape:
            n *= d
        values += n
    return {"library": library, "threads": threads, "variables": len(shapes),
            "values": values, "weights_bytes": 4 * values, "times": times,
            "cpu_times": cpu_times, "best_cpu_s": min(cpu_times),
            "best_s": min(times), "rss_before_bytes": before, "peak_rss_bytes": peak,
            "first_init_peak_rss_bytes": first_peak}


def _first(*paths: str) -> str:
    """The first of `paths` that exists (else the first, reported missing)."""
    return next((p for p in paths if os.path.exists(p)), paths[0])


PEERS = {"philoxflow": sys.executable,
         "tensorflow 2.21": _first(os.environ.get("TF2_PYTHON", "/tmp/tf2/bin/python"),
                                   "/tmp/tf2/bin/python", "/work/venvs/tf2/bin/python"),
         "tensorflow 1.15": _first(os.environ.get("TF1_PYTHON", "/tmp/tf1/bin/python"),
                                   "/tmp/tf1/bin/python", "/work/venvs/tf1/bin/python")}


def main() -> None:
    ap = argparse.ArgumentParser(description="Benchmark whole-model initialisation.")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    ap.add_argument("--only", nargs="*", default=None, help="libraries to run (default all)")
    ap.add_argument("--out", default=str(pathlib.Path(__file__).parent / "out"))
    ap.add_argument("--child", nargs=2, metavar=("LIBRARY", "THREADS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), args.repeat)))
        return
    results = []
    threads = sorted(set(args.threads))
    for lib, exe in PEERS.items():
        if args.only and lib not in args.only:
            continue
        if not os.path.exists(exe):
            print(f"  skipped {lib}: {exe} not found", file=sys.stderr)
            continue
        for th in threads:
            env = dict(os.environ)
            if lib == "philoxflow":
                env["PYTHONPATH"] = os.pathsep.join(
                    [str(pathlib.Path(__file__).resolve().parents[1] / "python"),
                     env.get("PYTHONPATH", "")])
            p = subprocess.run([exe, __file__, "--child", lib, str(th),
                                "--repeat", str(args.repeat)],
                               capture_output=True, text=True, env=env)
            if p.returncode != 0:
                print(f"  {lib} [{th}] failed: {p.stderr.strip()[-400:]}", file=sys.stderr)
                continue
            r = json.loads(p.stdout.strip().splitlines()[-1])
            results.append(r)
            print(f"  {lib:<16} {th} threads  {r['best_s'] * 1e3:9.1f} ms  peak RSS "
                  f"{r['peak_rss_bytes'] / 1e6:7.0f} MB", file=sys.stderr)
    if not results:
        return
    ours = {r["threads"]: r["best_s"] for r in results if r["library"] == "philoxflow"}
    w = results[0]["weights_bytes"]
    lines = [f"{results[0]['variables']} variables, {results[0]['values'] / 1e6:.1f} M float32 "
             f"values ({w / 1e6:.0f} MB); best of {args.repeat}",
             "",
             "| library | threads | init ms | time / philoxflow's | peak RSS MB | "
             "peak less pre-init RSS, MB | (that) / weights | first init only: that / weights |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        grown = r["peak_rss_bytes"] - r["rss_before_bytes"]
        ref = ours.get(r["threads"])
        ratio = "" if r["library"] == "philoxflow" or not ref else f"{r['best_s'] / ref:.2f}x"
        lines.append(f"| {r['library']} | {r['threads']} | {r['best_s'] * 1e3:.1f} | {ratio} | "
                     f"{r['peak_rss_bytes'] / 1e6:.0f} | {grown / 1e6:.0f} | {grown / w:.2f} | "
                     f"{(r['first_init_peak_rss_bytes'] - r['rss_before_bytes']) / w:.2f} |")
    if len(ours) > 1:
        lo, hi = min(ours), max(ours)
        lines += ["", f"philoxflow {hi} threads vs {lo}: {ours[lo] / ours[hi]:.2f}x"]
    table = "\n".join(lines)
    print(table)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "init_results.json").write_text(json.dumps(results, indent=1))
    (out / "init_table.md").write_text(table + "\n")


if __name__ == "__main__":
    main()
