"""philoxflow.dask: chunked random tensors bit-identical to Session.run.

Every supported op and dtype, cut into chunks of every kind (uneven, one
element, cutting Philox groups and truncated-normal groups, n-d), for runs
0, 1, 5 of a fresh session and for a session's next run, on the threaded
scheduler and on a two-process distributed cluster.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import philoxflow as tf
import philoxflow.compat.v1 as tf2

da = pytest.importorskip("dask.array")
dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

from philoxflow.dask import to_dask  # noqa: E402

RUNS = (0, 1, 5)
FLOATS = (tf.float16, tf.bfloat16, tf.float32, tf.float64)
INTS = (tf.int32, tf.int64)

# 1-d chunkings of 103 outputs: one chunk, ones that cut 4-output groups
# (Philox blocks, truncated-normal regions) and 2-output groups, 1-element
# chunks, and uneven explicit ones.
CHUNKS_1D = ((103,), 4, 5, 7, 1, ((1, 2, 3, 5, 92),), ((50, 53),))
# n-d chunkings of a [6, 7, 5] output: no block is a contiguous flat range.
CHUNKS_3D = ((4, 3, 2), (1, 7, 5), (6, 1, 3), ((1, 5), (3, 4), (2, 3)), (6, 7, 5))


def _same(got, want):
    """Bit equality, dtype and shape included."""
    want = np.asarray(want)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert got.shape == want.shape, (got.shape, want.shape)
    assert got.tobytes() == want.tobytes()


def _runs(graph, tensor, n=6):
    """The first `n` Session.run values of a fresh session (6: runs 0 to 5)."""
    with tf.Session(graph=graph) as sess:
        return [sess.run(tensor) for _ in range(n)]


def _cases():
    """(label, graph, tensor, chunkings): every supported op and dtype."""
    cases = []

    def case(label, build, chunkings=CHUNKS_1D, graph=tf.Graph):
        g = graph()
        with g.as_default():
            tf.set_random_seed(1234)
            cases.append(pytest.param(g, build(), chunkings, id=label))

    for d in FLOATS:
        case(f"uniform-{d.name}", lambda d=d: tf.random_uniform([103], -2, 3, dtype=d))
        case(f"uniform01-{d.name}", lambda d=d: tf.random_uniform([103], dtype=d, seed=5))
        case(f"normal-{d.name}", lambda d=d: tf.random_normal([103], 1.5, 2.0, dtype=d))
        case(f"truncated-{d.name}", lambda d=d: tf.truncated_normal([103], -1, 3, dtype=d))
        case(f"stateless-uniform-{d.name}",
             lambda d=d: tf.random.stateless_uniform([103], [7, -3], -1, 4, dtype=d))
        case(f"stateless-normal-{d.name}",
             lambda d=d: tf.random.stateless_normal([103], [7, -3], 2, 0.5, dtype=d))
        case(f"stateless-truncated-{d.name}",
             lambda d=d: tf.random.stateless_truncated_normal([103], [1, 2], dtype=d))
    for d in INTS:
        case(f"uniform-int-{d.name}",
             lambda d=d: tf.random_uniform([103], -5, 1 << 30, dtype=d, seed=3))
        case(f"stateless-int-{d.name}",
             lambda d=d: tf.random.stateless_uniform([103], [4, 4], -9, 99, dtype=d))
        # Full-range ints exist in TF 2.x only: a TF 2.21 graph.
        case(f"stateless-full-int-{d.name}",
             lambda d=d: tf.random.stateless_uniform([103], [4, 5], None, None, dtype=d),
             graph=tf2.Graph)
    # n-d outputs with n-d chunks.
    case("normal-3d", lambda: tf.random_normal([6, 7, 5]), CHUNKS_3D)
    case("truncated-3d-f64", lambda: tf.truncated_normal([6, 7, 5], dtype=tf.float64),
         CHUNKS_3D)
    case("uniform-int-3d", lambda: tf.random_uniform([6, 7, 5], 0, 7, dtype=tf.int32),
         CHUNKS_3D)
    case("stateless-truncated-3d",
         lambda: tf.random.stateless_truncated_normal([6, 7, 5], [9, 9]), CHUNKS_3D)
    # Arithmetic with constants, including Grappler's rewrites as the session
    # applies them: x / c is x * (1/c), x + 0 is x, 0 - x is -x.
    case("div-const", lambda: tf.random_normal([103]) / 3.0)
    case("div-const-f16", lambda: tf.random_uniform([103], dtype=tf.float16) / 7.0)
    case("add-zeros", lambda: tf.random_normal([103]) + tf.zeros([103]))
    case("zeros-minus", lambda: tf.zeros([103]) - tf.random_normal([103]))
    case("const-div", lambda: 2.0 / tf.random_uniform([103], 1, 2))
    case("neg-sub", lambda: -(tf.random_normal([103]) - 1.0))
    case("add-mul", lambda: tf.add(tf.multiply(tf.random_uniform([103]), 4.0), 1.0))
    case("cast-int", lambda: tf.cast(tf.random_normal([103], 0, 100), tf.int32))
    case("cast-f16", lambda: tf.cast(tf.truncated_normal([103], dtype=tf.float64),
                                     tf.float16))
    case("identity", lambda: tf.identity(tf.random_normal([103]) * 2.0))
    case("tf1-uniform", lambda: tf.random_uniform([103], 0.0, 1.0))  # Const min/max, sub, mul, add
    case("same-op-twice", lambda: (lambda x: x * x + x)(tf.random_normal([103])))
    case("two-ops", lambda: tf.random_normal([103]) + tf.random_uniform([103]))
    case("broadcast-const", lambda: tf.random_normal([6, 7, 5]) * tf.constant(
        np.arange(1, 6, dtype=np.float32)), CHUNKS_3D)
    case("broadcast-ops", lambda: tf.random_normal([6, 1, 5]) + tf.random_uniform([7, 1]),
         CHUNKS_3D)
    case("big-fill", lambda: tf.random_normal([1103]) + tf.ones([1103]), (100, 1103))
    return cases


CASES = _cases()


@pytest.mark.parametrize("graph,tensor,chunkings", CASES)
def test_threaded_equals_session_runs(graph, tensor, chunkings):
    want = _runs(graph, tensor)
    arrays = [(k, to_dask(tensor, chunks=c, run=k)) for k in RUNS for c in chunkings]
    got = dask.compute(*[a for _, a in arrays], scheduler="threads")
    for (k, _), value in zip(arrays, got):
        _same(value, want[k])


@pytest.mark.parametrize("graph,tensor,chunkings", CASES)
def test_session_next_run(graph, tensor, chunkings):
    want = _runs(graph, tensor)
    with tf.Session(graph=graph) as sess:
        _same(sess.run(tensor), want[0])
        nxt = to_dask(tensor, chunks=chunkings[1], session=sess)  # takes run 1
        _same(sess.run(tensor), want[2])
        later = to_dask(tensor, chunks=chunkings[-1], session=sess, run=1)  # runs 3, 4
        _same(sess.run(tensor), want[5])
    _same(nxt.compute(scheduler="threads"), want[1])
    _same(later.compute(scheduler="threads"), want[4])


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


@pytest.mark.parametrize("graph,tensor,chunkings", CASES)
def test_distributed_equals_session_runs(client, graph, tensor, chunkings):
    want = _runs(graph, tensor)
    with tf.Session(graph=graph) as sess:
        sess.run(tensor)
        arrays = [to_dask(tensor, chunks=chunkings[1], run=5),
                  to_dask(tensor, chunks=chunkings[-2], run=0),
                  to_dask(tensor, chunks=chunkings[0], session=sess)]  # run 1
    got = client.compute(arrays, sync=True)
    _same(got[0], want[5])
    _same(got[1], want[0])
    _same(got[2], want[1])


def test_chunks_run_in_other_processes(client):
    pids = client.run(lambda: __import__("os").getpid())
    assert len(set(pids.values())) == 2
    import os

    assert os.getpid() not in pids.values()


def test_variables_initial_values():
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(99)
        inits = [
            tf.glorot_uniform_initializer(), tf.glorot_normal_initializer(),
            tf.random_uniform_initializer(-1, 2), tf.random_normal_initializer(1, 3),
            tf.truncated_normal_initializer(0, 0.1), tf.zeros_initializer(),
            tf.ones_initializer(), tf.constant_initializer(2.5),
        ] + [tf.variance_scaling_initializer(2.0, mode, dist)
             for mode in ("fan_in", "fan_out", "fan_avg")
             for dist in ("normal", "uniform", "truncated_normal", "untruncated_normal")]
        variables = [tf.Variable(init([30, 41])) for init in inits]
        variables.append(tf.Variable(tf.zeros([50, 40])))  # a Fill, not a Const
        variables.append(tf.Variable(tf.random_normal([9], dtype=tf.float64), name="w"))
    with tf.Session(graph=g) as sess:
        sess.run(tf.variables_initializer(variables))
        values = sess.run(variables)
    for v, want in zip(variables, values):
        _same(to_dask(v.initial_value, chunks=(7, 11)[: len(want.shape)]).compute(), want)


def test_unseeded_ops_draw_entropy_once_per_array():
    g = tf.Graph()
    with g.as_default():
        x = tf.random_normal([50])
    a, b = to_dask(x, chunks=7), to_dask(x, chunks=7)
    _same(a.compute(), a.compute())
    assert a.compute().tobytes() != b.compute().tobytes()


def test_zarr_round_trip(tmp_path):
    zarr = pytest.importorskip("zarr")
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(5)
        x = tf.truncated_normal([300, 257], 0.0, 2.0) + 1.0
    want = _runs(g, x, 2)
    arr = to_dask(x, chunks=(64, 100), run=1)
    assert arr.npartitions == 15
    path = str(tmp_path / "x.zarr")
    arr.to_zarr(path)
    _same(zarr.open_array(path, mode="r")[...], want[1])


@pytest.mark.parametrize("build,what", [
    (lambda: tf.random_shuffle(tf.range(10)), "RandomShuffle"),
    (lambda: tf.multinomial([[0.0, 1.0]], 5), "Multinomial"),
    (lambda: tf.random_gamma([4], 2.0), "RandomGamma"),
    (lambda: tf.random_poisson(3.0, [4]), "RandomPoissonV2"),
    (lambda: tf.random_normal([4]) + tf.placeholder(tf.float32, [4]), "Placeholder"),
    (lambda: tf.random_normal(tf.placeholder(tf.int32, [1])), "Placeholder"),
    (lambda: tf.maximum(tf.random_normal([4]), 0.0), "Maximum"),
    (lambda: tf.random_crop(tf.range(10), [3]), "Slice"),
    (lambda: tf.Variable(tf.zeros([3])), "initial_value"),
])
def test_unsupported_ops_are_value_errors(build, what):
    g = tf.Graph()
    with g.as_default():
        t = build()
    with pytest.raises(ValueError, match=what):
        to_dask(t)


def test_bad_arguments():
    g = tf.Graph()
    with g.as_default():
        x = tf.random_normal([4], seed=1)
        bad = tf.random_uniform([3], 5, 5, dtype=tf.int32)
        empty = tf.random_uniform([0], 5, 5, dtype=tf.int32)
    for run in (-1, 1.5, True):
        with pytest.raises(ValueError, match="run"):
            to_dask(x, run=run)
    with pytest.raises(TypeError):
        to_dask(np.zeros(3))
    with pytest.raises(tf.errors.InvalidArgumentError, match="Need minval < maxval"):
        to_dask(bad)
    assert to_dask(empty).compute().shape == (0,)
    with pytest.raises(ValueError, match="graph"):
        to_dask(x, session=tf.Session(graph=tf.Graph()))
    sess = tf.Session(graph=g)
    sess.close()
    with pytest.raises(RuntimeError, match="closed"):
        to_dask(x, session=sess)


def test_scalar_and_empty_outputs():
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(8)
        s = tf.random_normal([])
        e = tf.truncated_normal([3, 0, 2])
    _same(to_dask(s).compute(), _runs(g, s, 1)[0])
    _same(to_dask(e, chunks=(2, 1, 1)).compute(), _runs(g, e, 1)[0])


def test_get_attr():
    g = tf.Graph()
    with g.as_default():
        x = tf.random_uniform([3], seed=4, dtype=tf.float64)
        i = tf.random_uniform([3], 0, 9, dtype=tf.int64, seed=4)
        c = tf.constant([1.5, 2.5])
        p = tf.placeholder(tf.float32, [None, 2])
    op = g.get_operation_by_name("random_uniform/RandomUniform")  # TF 1.15 wraps it in Add
    assert x.op.type == "Add" and op.type == "RandomUniform"
    assert (op.get_attr("seed"), op.get_attr("seed2")) == (87654321, 4)
    assert op.get_attr("dtype") == tf.float64 and op.get_attr("T") == tf.int32
    assert i.op.get_attr("Tout") == tf.int64
    np.testing.assert_array_equal(c.op.get_attr("value"), [1.5, 2.5])
    assert p.op.get_attr("shape").as_list() == [None, 2]
    with pytest.raises(ValueError, match="has no attr named 'foo'"):
        op.get_attr("foo")


def test_import_philoxflow_does_not_import_dask():
    code = ("import sys, philoxflow\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            "('dask', 'distributed', 'zarr') or m == 'philoxflow.dask']\n"
            "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True)
