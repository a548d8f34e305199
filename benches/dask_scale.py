"""Scaling out with Dask: throughput and out-of-core writes of `to_dask`.

    python benches/dask_scale.py throughput [--log2 28] [--chunk-log2 24] [--repeat 3]
    python benches/dask_scale.py zarr [--log2 32] [--chunk-log2 24] [--path /tmp/x.zarr]

`throughput`: 2^log2 float32 normals (`tf.random_normal`, mean 0, stddev 1,
so the wrapper arithmetic runs too) by a single-process `Session.run` (1
thread and the default pool) and by `to_dask` on a `distributed.LocalCluster`
with 1 and 2 worker processes of one thread each, the chunks kept in the
workers' memory (`persist`), so no transfer to the client is timed. Best of
`--repeat`; values per second.

`zarr`: 2^log2 float32 normals streamed to an uncompressed zarr store by the
threaded scheduler (2 threads) in this process; reports the wall time and the
process's peak RSS (the whole run: imports, graph, every chunk), then checks
a few chunks against the session's values at their places and deletes the
store.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import time

import numpy as np

import philoxflow as tf


def _graph(n):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(2024)
        x = tf.random_normal([n], dtype=tf.float32)
    return g, x


def _machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
            f"backend {tf.backend()}")


def _best(f, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def throughput(args):
    import distributed
    from distributed import wait

    from philoxflow.dask import to_dask

    n = 1 << args.log2
    chunk = 1 << args.chunk_log2
    g, x = _graph(n)
    rows = []
    for threads in (1, 0):
        sess = tf.Session(graph=g, config=tf.ConfigProto(intra_op_parallelism_threads=threads))
        sess.run(x)  # warm: pool, pages
        s = _best(lambda sess=sess: sess.run(x), args.repeat)
        label = "Session.run, " + ("1 thread" if threads else "default pool (all CPUs)")
        rows.append((label, s))
        sess.close()
    for workers in (1, 2):
        with distributed.LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                                      dashboard_address=None, memory_limit=0) as cluster, \
                distributed.Client(cluster) as client:
            wait(client.persist(to_dask(x, chunks=chunk * 4)))  # warm the workers

            reps = iter(range(args.repeat))

            def once(client=client, reps=reps):
                # A new key each time: the scheduler would reuse kept results.
                kept = client.persist(to_dask(x, chunks=chunk, name=f"rep{next(reps)}"))
                wait(kept)
                client.cancel(kept)

            rows.append((f"to_dask, LocalCluster {workers} worker process(es) x 1 thread",
                         _best(once, args.repeat)))
    print(f"2^{args.log2} float32 normals, chunks of 2^{args.chunk_log2}, best of "
          f"{args.repeat}; {_machine()}")
    print("| how | s | values/s |\n| --- | ---: | ---: |")
    for label, s in rows:
        print(f"| {label} | {s:.3f} | {n / s:.3g} |")


def _create_store(path, n, chunk):
    import zarr

    if hasattr(zarr, "create_array"):  # zarr 3
        return zarr.create_array(store=path, shape=(n,), chunks=(chunk,), dtype="float32",
                                 compressors=None, overwrite=True)
    return zarr.open(path, mode="w", shape=(n,), chunks=(chunk,), dtype="float32",
                     compressor=None)


def write_zarr(args):
    import dask

    from philoxflow.dask import to_dask

    n = 1 << args.log2
    chunk = 1 << args.chunk_log2
    path = args.path
    free = shutil.disk_usage(os.path.dirname(os.path.abspath(path))).free
    need = 4 * n
    if free < need * 1.1:
        raise SystemExit(f"not enough disk at {path}: {free / 2**30:.1f} GiB free, "
                         f"{need / 2**30:.1f} GiB needed")
    g, x = _graph(n)
    t = time.perf_counter()
    arr = to_dask(x, chunks=chunk)
    store = _create_store(path, n, chunk)
    with dask.config.set(scheduler="threads", num_workers=2):
        arr.to_zarr(store)
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    # Spot checks: chunk 0 against a session's run of a 2^chunk-log2 op with
    # the same seeds (a block distribution's value at index i does not depend
    # on the output's size), a middle and the last chunk against to_dask
    # blocks computed on their own.
    import zarr

    z = zarr.open_array(path, mode="r")
    g0, x0 = _graph(chunk)
    with tf.Session(graph=g0) as sess:
        assert z[:chunk].tobytes() == sess.run(x0).tobytes(), "chunk 0 differs"
    for i in ((n // chunk) // 2, n // chunk - 1):
        want = to_dask(x, chunks=chunk).blocks[i].compute(scheduler="sync")
        got = z[i * chunk:(i + 1) * chunk]
        assert got.tobytes() == want.tobytes(), f"chunk {i} differs"
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)
    shutil.rmtree(path)
    print(f"2^{args.log2} float32 normals ({need / 2**30:.2f} GiB) to an uncompressed zarr "
          f"store at {path}, chunks of 2^{args.chunk_log2}, threaded scheduler (2 threads); "
          f"{_machine()}")
    print(f"wall {wall:.1f} s ({n / wall:.3g} values/s, {need / wall / 2**20:.0f} MiB/s), "
          f"peak RSS {peak / 2**20:.0f} MiB, store {size / 2**30:.2f} GiB (deleted); "
          "3 chunks checked")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("what", choices=["throughput", "zarr"])
    p.add_argument("--log2", type=int, default=None)
    p.add_argument("--chunk-log2", type=int, default=24)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--path", default="/tmp/philoxflow_dask_scale.zarr")
    args = p.parse_args()
    if args.what == "throughput":
        args.log2 = args.log2 or 28
        throughput(args)
    else:
        args.log2 = args.log2 or 32
        write_zarr(args)


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
