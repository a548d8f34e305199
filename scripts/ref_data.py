# ruff: noqa: E501 - the recorded programs keep TF-style one-line pipelines
"""Record the tf.data / tf.image reference cases with real TensorFlow 1.15.

    /work/venvs/tf1/bin/python scripts/ref_data.py    # writes tests/data/data/*_tf1.jsonl

Each program defines main(tf, np) and returns a flat list of values (op lists come
back as string arrays, so graph structure is compared too). Run with TF 1.15 only:
`import philoxflow as tf` must give the same values.
"""

import base64
import hashlib
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "data", "data")

# Image programs share these inputs (pure arithmetic, the same in both libraries).
IMG = """
    f3 = ((np.arange({n}) * {a} + {b}) % 256).astype(np.float32).reshape({shape}) / 255.0
    u3 = ((np.arange({n}) * {a} + {b}) % 256).astype(np.uint8).reshape({shape})
"""


def ops_of(g):
    return "np.array([op.name + ':' + op.type for op in {}.get_operations()])".format(g)


IMAGE = {}
for k, (n, a, b, shape, seed) in enumerate([
        (36, 37, 11, "(3, 4, 3)", 71), (60, 58, 50, "(4, 5, 3)", 1746853959),
        (120, 29, 26, "(2, 4, 5, 3)", 429296760), (48, 91, 3, "(4, 4, 3)", -5)]):
    img = IMG.format(n=n, a=a, b=b, shape=shape)
    IMAGE["image1/random_color_%d" % k] = """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed({seed})
{img}
        # Fed images: Grappler's constant push-down (not reproduced) would reorder
        # `const_image + (u * range + min)` in random_brightness.
        pf = tf.placeholder(tf.float32, f3.shape)
        pu = tf.placeholder(tf.uint8, u3.shape)
        feed = {{pf: f3, pu: u3}}
        ys = []
        for im in (pf, pu):
            ys.append(tf.image.random_brightness(im, 0.3, seed={seed}))
            ys.append(tf.image.random_brightness(im, 0.2))
            ys.append(tf.image.random_contrast(im, 0.4, 1.7, seed={seed}))
            ys.append(tf.image.random_contrast(im, 0.2, 0.9))
            ys.append(tf.image.random_saturation(im, 0.3, 1.9, seed={seed}))
            ys.append(tf.image.random_saturation(im, 0.5, 1.2))
            ys.append(tf.image.random_hue(im, 0.5, seed={seed}))
            ys.append(tf.image.random_hue(im, 0.2))
            ys.append(tf.image.random_flip_left_right(im, seed={seed}))
            ys.append(tf.image.random_flip_up_down(im))
        with tf.Session(graph=g) as sess:
            for _ in range(2):
                out += sess.run(ys, feed)
        out.append({ops})
    return out
""".format(seed=seed, img=img.replace("\n    ", "\n        "), ops=ops_of("g"))
    IMAGE["image1/adjust_%d" % k] = """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
{img}
        ys = []
        for im in (f3, u3, f3 * 3.0 - 1.0):
            if im is not u3:
                im = im.astype(np.float32)
            for d in (-0.7, -0.2, 0.0, 0.13, 0.5):
                ys.append(tf.image.adjust_brightness(im, d))
                ys.append(tf.image.adjust_hue(im, d))
            for f in (0.0, 0.37, 1.0, 2.6):
                ys.append(tf.image.adjust_contrast(im, f))
                ys.append(tf.image.adjust_saturation(im, f))
            ys.append(tf.image.flip_left_right(im))
            ys.append(tf.image.flip_up_down(im))
        with tf.Session(graph=g) as sess:
            out += sess.run(ys)
        out.append({ops})
    return out
""".format(img=img.replace("\n    ", "\n        "), ops=ops_of("g"))

IMAGE["image1/hue_saturation_edges"] = """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        v = np.array([0.0, 0.25, 0.5, 1.0], np.float32)
        px = np.array(np.meshgrid(v, v, v, indexing="ij"), np.float32).reshape(3, -1).T
        px = np.concatenate([px, np.array([[1, 1, 0.999], [0.3, 0.3, 0.3], [0, 0, 1e-8],
                                           [0.1, 0.7, 0.7], [0.6, 0.2, 0.6]], np.float32)])
        im = px.reshape(1, -1, 3)
        ys = [tf.image.adjust_hue(im, d) for d in (-0.5, -1e-3, 0.1666667, 0.5)]
        ys += [tf.image.adjust_saturation(im, f) for f in (0.0, 0.5, 3.0)]
        ys += [tf.image.adjust_contrast(im, f) for f in (0.5, -1.0)]
        with tf.Session(graph=g) as sess:
            out += sess.run(ys)
    return out
"""

DATA = {
    "data1x/ops_and_concatenate": """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(77)
        a = tf.data.Dataset.range(5).shuffle(3).concatenate(tf.data.Dataset.range(10, 14).shuffle(4))
        u = tf.random_uniform([2])
        b = tf.data.Dataset.from_tensors(np.arange(3)).repeat(3).prefetch(1)
        c = tf.data.Dataset.from_tensor_slices({"x": np.arange(6.0, dtype=np.float32), "y": np.arange(6) * 2}).shuffle(6, seed=4).batch(4)
        na = tf.data.make_one_shot_iterator(a).get_next()
        nb = tf.data.make_one_shot_iterator(b).get_next()
        nc = tf.data.make_one_shot_iterator(c).get_next()
        with tf.Session(graph=g) as sess:
            out.append(np.array([sess.run(na) for _ in range(9)]))
            out.append(np.array([sess.run(nb) for _ in range(3)]))
            for _ in range(2):
                d = sess.run(nc)
                out += [d["x"], d["y"]]
            out.append(sess.run(u))
        out.append(%s)
    return out
""" % ops_of("g"),
    "data1x/reshuffle_repeat_graph_seed": """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(31)
        a = tf.data.make_one_shot_iterator(tf.data.Dataset.range(6).shuffle(4).repeat(3)).get_next()
        b = tf.data.make_one_shot_iterator(tf.data.Dataset.range(6).shuffle(6, seed=5).repeat().take(20)).get_next()
        c = tf.data.make_one_shot_iterator(tf.data.Dataset.range(4).repeat(2).shuffle(3, seed=9).repeat(2)).get_next()
        with tf.Session(graph=g) as sess:
            out.append(np.array([sess.run(a) for _ in range(18)]))
            out.append(np.array([sess.run(b) for _ in range(20)]))
            out.append(np.array([sess.run(c) for _ in range(16)]))
    return out
""",
    "data1x/interleave_slot_reuse": """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(12)
        a = tf.data.Dataset.range(5).interleave(lambda x: tf.data.Dataset.range(x * 10, x * 10 + 5).shuffle(5, seed=3), cycle_length=2, block_length=2)
        b = tf.data.Dataset.range(3).interleave(lambda x: tf.data.Dataset.range(4).shuffle(4), cycle_length=1)
        c = tf.data.Dataset.range(3).flat_map(lambda x: tf.data.Dataset.range(x + 1))
        na = tf.data.make_one_shot_iterator(a).get_next()
        nb = tf.data.make_one_shot_iterator(b).get_next()
        nc = tf.data.make_one_shot_iterator(c).get_next()
        with tf.Session(graph=g) as sess:
            out.append(np.array([sess.run(na) for _ in range(25)]))
            out.append(np.array([sess.run(nb) for _ in range(12)]))
            out.append(np.array([sess.run(nc) for _ in range(6)]))
    return out
""",
    "data1x/map_random_per_iterator": """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(5)
        ds = tf.data.Dataset.range(4).map(lambda i: (i, tf.random_uniform([2]), tf.random_normal([], seed=8)))
        it = tf.data.make_initializable_iterator(ds)
        n = it.get_next()
        m = tf.data.make_one_shot_iterator(ds.filter(lambda i, u, v: u[0] < 0.5)).get_next()
        with tf.Session(graph=g) as sess:
            for _ in range(2):
                sess.run(it.initializer)
                for _ in range(4):
                    i, u, v = sess.run(n)
                    out += [i, u, v]
            i, u, v = sess.run(m)
            out += [i, u, v]
        out.append(%s)
    return out
""" % ops_of("g"),
    "data1x/end_of_sequence": """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        a = tf.data.make_one_shot_iterator(tf.data.Dataset.range(2).shuffle(2, seed=1)).get_next()
        with tf.Session(graph=g) as sess:
            out += [sess.run(a), sess.run(a)]
            try:
                sess.run(a)
            except tf.errors.OutOfRangeError:
                out.append(np.array(-1))
    return out
""",
}


def encode(value):
    arr = np.asarray(value)
    raw = np.ascontiguousarray(arr).tobytes()
    out = {"dtype": str(arr.dtype), "shape": list(arr.shape), "nbytes": len(raw)}
    if len(raw) <= 4096:
        out["b64"] = base64.b64encode(raw).decode()
    else:
        out["sha256"] = hashlib.sha256(raw).hexdigest()
        out["head_b64"] = base64.b64encode(raw[:256]).decode()
    return out


def record(programs, path, tf):
    with open(path, "w") as f:
        for name, src in programs.items():
            scope = {}
            exec(compile(src, name, "exec"), scope)
            rec = {"name": name, "program": src}
            try:
                rec["outputs"] = [encode(o) for o in scope["main"](tf, np)]
            except Exception as e:  # TF rejected it: record the error class
                rec["error"], rec["message"] = type(e).__name__, str(e)[:500]
            f.write(json.dumps(rec) + "\n")
            print(name, "error" if "error" in rec else len(rec["outputs"]), file=sys.stderr)


if __name__ == "__main__":
    import tensorflow as tf  # TF 1.15

    os.makedirs(OUT, exist_ok=True)
    record(IMAGE, os.path.join(OUT, "image_tf1.jsonl"), tf)
    record(DATA, os.path.join(OUT, "data_extra_tf1.jsonl"), tf)
