# ruff: noqa: E501 - the recorded programs keep TF-style one-line pipelines
"""Record the tf.data / tf.image reference cases with real TensorFlow 1.15.

    /work/venvs/tf1/bin/python scripts/ref_data.py    # writes tests/data/data/*_tf1.jsonl
    /work/venvs/tf2/bin/python scripts/ref_data.py    # writes tests/data/data/*_tf2.jsonl

Each program defines main(tf, np) and returns a flat list of values (op lists, with
each op's output dtypes and static shapes, come back as string arrays, so graph
structure is compared too). Run with TF 1.15 only:
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
    """A program's expression for graph `g`'s ops: name, type and each output's dtype
    and static shape (`*` an unknown rank), one string per op."""
    return ("np.array([op.name + ':' + op.type + ':' + ' '.join(o.dtype.name + ("
            "'*' if o.shape.ndims is None else str(o.shape.as_list())) for o in op.outputs)"
            " for op in {}.get_operations()])").format(g)


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

IMAGE["image1/dynamic_shapes"] = """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(8)
        x = tf.placeholder(tf.float32, [None, 4, 4, 3])
        u8 = tf.placeholder(tf.uint8, [None, None, 3])
        ys = [tf.image.random_flip_left_right(x, seed=1), tf.image.random_brightness(x, 0.2),
              tf.image.flip_up_down(u8), tf.image.random_flip_up_down(u8),
              tf.image.random_hue(u8, 0.3), tf.image.random_contrast(x, 0.5, 1.5),
              tf.image.random_flip_up_down(x), tf.image.random_crop(u8, [2, 2, 3], seed=4)]
        xv = ((np.arange(96) * 37 + 5) %% 256).astype(np.float32).reshape(2, 4, 4, 3) / 255
        uv = ((np.arange(30) * 37 + 5) %% 256).astype(np.uint8).reshape(2, 5, 3)
        with tf.Session(graph=g) as sess:
            for _ in range(2):
                out += sess.run(ys, {x: xv, u8: uv})
        out.append(%s)
        out.append(np.array([[-1 if d is None else d for d in y.shape.as_list()]
                             for y in ys if y.shape.rank == 3]))
    return out
""" % ops_of("g")

_HSV_INPUT = """
        v = np.array([0.0, 0.25, 0.5, 1.0, 0.7], np.float32)
        px = np.array(np.meshgrid(v, v, v, indexing="ij"), np.float32).reshape(3, -1).T
        rnd = ((np.arange(300) * 0.61803398875) % 1.0).astype(np.float32).reshape(-1, 3)
        im = np.concatenate([px, rnd, np.array([[1, 1, 0.999], [0, 0, 1e-8], [1.2, -0.1, 0.5]], np.float32)]).reshape(1, -1, 3)
        im2 = np.concatenate([rnd, rnd * 1.5 - 0.2]).reshape(1, -1, 3)
"""

IMAGE["image1/rgb_hsv"] = """def main(tf, np):
    g = tf.Graph()
    with g.as_default():
""" + _HSV_INPUT + """
        h = tf.image.rgb_to_hsv(im)
        ys = [h, tf.image.hsv_to_rgb(h), tf.image.hsv_to_rgb(im2)]
        with tf.Session(graph=g) as sess:
            return sess.run(ys)
"""

IMAGE["image1/crop_or_pad"] = """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        xv = ((np.arange(90) * 37 + 5) %% 256).astype(np.float32).reshape(6, 5, 3) / 255
        x = tf.placeholder(tf.float32, [6, 5, 3])
        u = tf.constant(((np.arange(90) * 37 + 5) %% 256).astype(np.uint8).reshape(6, 5, 3))
        xb = tf.placeholder(tf.float32, [2, 6, 5, 3])
        ys = [tf.image.resize_image_with_crop_or_pad(x, 8, 4),
              tf.image.resize_image_with_crop_or_pad(u, 4, 7),
              tf.image.crop_to_bounding_box(x, 1, 2, 3, 3),
              tf.image.pad_to_bounding_box(u, 1, 0, 8, 6),
              tf.image.resize_image_with_crop_or_pad(xb, 5, 9),
              tf.image.random_flip_left_right(tf.image.resize_image_with_crop_or_pad(x, 7, 7)),
              tf.image.random_crop(tf.image.resize_image_with_crop_or_pad(x, 9, 9), [6, 5, 3])]
        r = tf.random_uniform([2])
        with tf.Session(graph=g) as sess:
            for _ in range(2):
                out += sess.run(ys + [r], {x: xv, xb: np.stack([xv, xv[::-1]])})
        out.append(%s)
    return out
""" % ops_of("g")

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
    "data1x/reinitializable_iterator": """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(8)
        a = tf.data.Dataset.range(6).shuffle(4)
        b = tf.data.Dataset.range(10, 14).shuffle(4, seed=3).map(lambda x: (x, tf.random_uniform([])))
        it = tf.data.Iterator.from_structure(tf.int64, tf.TensorShape([]))
        it2 = tf.data.Iterator.from_structure(b.output_types, b.output_shapes)
        ia, ib = it.make_initializer(a), it2.make_initializer(b, name="init_b")
        n, m = it.get_next(), it2.get_next()
        u = tf.random_uniform([])
        with tf.Session(graph=g) as sess:
            for _ in range(2):
                sess.run(ia)
                out.append(np.array([sess.run(n) for _ in range(6)]))
                sess.run(ib)
                out += [v for _ in range(4) for v in sess.run(m)]
            out.append(sess.run(u))
        out.append(%s)
    return out
""" % ops_of("g"),
    "data1x/cache_and_padded_batch": """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(8)
        a = tf.data.Dataset.range(6).shuffle(6).cache().repeat(3)
        b = tf.data.Dataset.range(6).cache().shuffle(4, seed=2).repeat(2)
        c = tf.data.Dataset.range(7).map(lambda x: tf.fill([x %% 3 + 1], x)).padded_batch(3, padded_shapes=[4], padding_values=tf.constant(-1, tf.int64))
        d = tf.data.Dataset.range(5).map(lambda x: (tf.fill([x %% 2 + 1], tf.cast(x, tf.float32)), x)).shuffle(5, seed=1).padded_batch(2, padded_shapes=([None], []), drop_remainder=True)
        n = [tf.data.make_one_shot_iterator(x).get_next() for x in (a, b, c, d)]
        with tf.Session(graph=g) as sess:
            out.append(np.array([sess.run(n[0]) for _ in range(18)]))
            out.append(np.array([sess.run(n[1]) for _ in range(12)]))
            out += [sess.run(n[2]) for _ in range(3)]
            out += [v for _ in range(2) for v in sess.run(n[3])]
        out.append(%s)
    return out
""" % ops_of("g"),
    "data1x/parallel_shard_unbatch": """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(8)
        a = tf.data.Dataset.range(9).shuffle(9).map(lambda x: x * 2, num_parallel_calls=4).shard(2, 1)
        b = tf.data.Dataset.range(4).interleave(lambda x: tf.data.Dataset.range(x, x + 3).shuffle(3), cycle_length=2, block_length=2, num_parallel_calls=2)
        c = tf.data.Dataset.range(6).batch(4).unbatch().shuffle(3)
        d = tf.data.Dataset.range(5).interleave(lambda x: tf.data.Dataset.range(x * 10, x * 10 + 4).shuffle(4, seed=7), cycle_length=2)
        n = [tf.data.make_one_shot_iterator(x).get_next() for x in (a, b, c, d)]
        u = tf.random_uniform([2])
        with tf.Session(graph=g) as sess:
            out.append(np.array([sess.run(n[0]) for _ in range(4)]))
            out.append(np.array([sess.run(n[1]) for _ in range(12)]))
            out.append(np.array([sess.run(n[2]) for _ in range(6)]))
            out.append(np.array([sess.run(n[3]) for _ in range(20)]))
            out.append(sess.run(u))
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


DATA2 = {
    "data2x/epochs_and_functions": """def main(tf, np):
    out = []
    tf.random.set_seed(4)
    for ds in [tf.data.Dataset.range(5).shuffle(5, seed=1).repeat(2),
               tf.data.Dataset.range(5).shuffle(5).repeat(2).take(7),
               tf.data.Dataset.range(4).shuffle(4, seed=2).take(2),
               tf.data.Dataset.range(3).shuffle(3, seed=3).concatenate(tf.data.Dataset.range(3).shuffle(3, seed=3)),
               tf.data.Dataset.range(3).interleave(lambda x: tf.data.Dataset.range(4).shuffle(4), cycle_length=1),
               tf.data.Dataset.range(6).shuffle(3, seed=9).batch(4).repeat(2),
               tf.data.Dataset.range(6).shuffle(6, seed=9).batch(6).repeat(3),
               tf.data.Dataset.range(10).shuffle(3, seed=9).repeat(3),
               tf.data.Dataset.range(7).shuffle(4, seed=9, reshuffle_each_iteration=False).repeat(2),
               tf.data.Dataset.range(6).map(lambda x: x + tf.random.uniform([], 0, 100, dtype=tf.int64)),
               tf.data.Dataset.range(4).map(lambda x: tf.random.uniform([], seed=3)),
               tf.data.Dataset.random(seed=5, rerandomize_each_iteration=True).take(3).repeat(2)]:
        for _ in range(3):
            out.append(np.concatenate([np.ravel(x) for x in ds.as_numpy_iterator()]))
    return out
""",
    "data2x/cache_and_padded_batch": """def main(tf, np):
    out = []
    tf.random.set_seed(8)
    a = tf.data.Dataset.range(6).shuffle(6).cache().repeat(2)
    b = tf.data.Dataset.range(6).cache().shuffle(4, seed=2)
    c = tf.data.Dataset.range(7).map(lambda x: tf.fill([x % 3 + 1], x)).padded_batch(3, padded_shapes=[4], padding_values=tf.constant(-1, tf.int64))
    e = tf.data.Dataset.range(6).shuffle(6, seed=3).cache()
    for _ in range(2):
        out.append(np.array(list(a.as_numpy_iterator())))
        out.append(np.array(list(b.as_numpy_iterator())))
        out += list(c.as_numpy_iterator())
        out.append(np.array(list(e.as_numpy_iterator())))
    return out
""",
    "data2x/parallel_shard_unbatch": """def main(tf, np):
    out = []
    tf.random.set_seed(8)
    a = tf.data.Dataset.range(9).shuffle(9).map(lambda x: x * 2, num_parallel_calls=4).shard(2, 1)
    b = tf.data.Dataset.range(4).interleave(lambda x: tf.data.Dataset.range(x, x + 3).shuffle(3), cycle_length=2, block_length=2, num_parallel_calls=2)
    c = tf.data.Dataset.range(6).batch(4).unbatch().shuffle(3)
    d = tf.data.Dataset.range(5).interleave(lambda x: tf.data.Dataset.range(x * 10, x * 10 + 4).shuffle(4, seed=7), cycle_length=2)
    for _ in range(2):
        for ds in (a, b, c, d):
            out.append(np.array(list(ds.as_numpy_iterator())))
    return out
""",
    "data2x/images_in_map": """def main(tf, np):
    out = []
    tf.random.set_seed(11)
    imgs = ((np.arange(180) * 37 + 5) % 256).astype(np.uint8).reshape(5, 2, 6, 3)
    ds = tf.data.Dataset.from_tensor_slices(imgs).map(
        lambda im: tf.image.random_hue(tf.image.random_flip_left_right(im), 0.3))
    ds2 = tf.data.Dataset.from_tensor_slices(imgs.astype(np.float32) / 255.0).map(
        lambda im: tf.image.random_saturation(tf.image.random_contrast(im, 0.3, 1.5, seed=2), 0.2, 2.0))
    for _ in range(2):
        out.append(np.array(list(ds.as_numpy_iterator())))
        out.append(np.array(list(ds2.as_numpy_iterator())))
    return out
""",
}


IMAGE2 = {}
for _k, (_n, _a, _b, _shape, _seed) in enumerate([
        (36, 37, 11, "(3, 4, 3)", 71), (60, 58, 50, "(4, 5, 3)", 1746853959),
        (120, 29, 26, "(2, 4, 5, 3)", 429296760), (48, 91, 3, "(4, 4, 3)", -5)]):
    IMAGE2["image2x/eager_%d" % _k] = """def main(tf, np):
    out = []
    tf.random.set_seed({seed})
    f = tf.constant(((np.arange({n}) * {a} + {b}) % 256).astype(np.float32).reshape({shape}) / 255.0)
    u = tf.constant(((np.arange({n}) * {a} + {b}) % 256).astype(np.uint8).reshape({shape}))
    sd = [{seed}, 17]
    for im in (f, u, f * 3.0 - 1.0):
        for _ in range(2):
            out.append(tf.image.random_brightness(im, 0.3, seed={seed}))
            out.append(tf.image.random_brightness(im, 0.2))
            out.append(tf.image.random_contrast(im, 0.4, 1.7, seed={seed}))
            out.append(tf.image.random_contrast(im, 0.2, 0.9))
            out.append(tf.image.random_saturation(im, 0.3, 1.9, seed={seed}))
            out.append(tf.image.random_hue(im, 0.5, seed={seed}))
            out.append(tf.image.random_hue(im, 0.2))
            out.append(tf.image.random_flip_left_right(im, seed={seed}))
            out.append(tf.image.random_flip_up_down(im))
        out.append(tf.image.stateless_random_brightness(im, 0.3, sd))
        out.append(tf.image.stateless_random_contrast(im, 0.4, 1.7, sd))
        out.append(tf.image.stateless_random_saturation(im, 0.3, 1.9, sd))
        out.append(tf.image.stateless_random_hue(im, 0.4, sd))
        out.append(tf.image.stateless_random_flip_left_right(im, sd))
        out.append(tf.image.stateless_random_flip_up_down(im, sd))
        for d in (-0.4, 0.27):
            out.append(tf.image.adjust_hue(im, d))
            out.append(tf.image.adjust_saturation(im, d + 1.0))
            out.append(tf.image.adjust_contrast(im, d + 1.0))
            out.append(tf.image.adjust_brightness(im, d))
    return [np.asarray(o) for o in out]
""".format(seed=_seed, n=_n, a=_a, b=_b, shape=_shape)


IMAGE2["image2x/rgb_hsv"] = """def main(tf, np):
    if True:
""" + _HSV_INPUT + """
        h = tf.image.rgb_to_hsv(im)
        ys = [h, tf.image.hsv_to_rgb(h), tf.image.hsv_to_rgb(im2)]
        return [np.asarray(y) for y in ys]
"""


IMAGE2["image2x/crop_or_pad"] = """def main(tf, np):
    tf.random.set_seed(3)
    x = tf.constant(((np.arange(90) * 37 + 5) % 256).astype(np.float32).reshape(6, 5, 3) / 255)
    u = tf.constant(((np.arange(90) * 37 + 5) % 256).astype(np.uint8).reshape(6, 5, 3))
    ys = [tf.image.resize_with_crop_or_pad(x, 8, 4), tf.image.resize_with_crop_or_pad(u, 4, 7),
          tf.image.crop_to_bounding_box(x, 1, 2, 3, 3), tf.image.pad_to_bounding_box(u, 1, 0, 8, 6),
          tf.image.resize_with_crop_or_pad(tf.stack([x, x[::-1]]), 5, 9),
          tf.image.random_crop(tf.image.resize_with_crop_or_pad(x, 9, 9), [6, 5, 3])]
    return [np.asarray(y) for y in ys]
"""


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


def record_tf1():
    import random

    import tensorflow as tf  # TF 1.15

    record(IMAGE, os.path.join(OUT, "image_tf1.jsonl"), tf)
    record(DATA, os.path.join(OUT, "data_extra_tf1.jsonl"), tf)
    record(random_pipelines(random.Random(1), 40, False),
           os.path.join(OUT, "data_random_tf1.jsonl"), tf)
    record(random_pipelines(random.Random(11), 40, False, extended=True),
           os.path.join(OUT, "data_random2_tf1.jsonl"), tf)


def random_pipelines(rng, n, tf2, extended=False):
    """`n` random pipelines (scalar int64 elements until an optional final batch), as
    programs for TF 1.15 (iterators in a session) or TF 2.21 (eager iteration)."""
    progs = {}
    for k in range(n):
        src = rng.choice(["tf.data.Dataset.range(%d)" % rng.randint(1, 25),
                          "tf.data.Dataset.range(%d, %d, %d)" % (rng.randint(-5, 5),
                                                                 rng.randint(6, 40),
                                                                 rng.randint(1, 4)),
                          "tf.data.Dataset.from_tensor_slices(np.arange(%d) * 7 %% 11)"
                          % rng.randint(1, 20)])
        chain = src
        gseed = rng.choice(["None", str(rng.randint(-2**31, 2**31 - 1)), "0"])
        for _ in range(rng.randint(1, 4)):
            t = rng.choice(["shuffle", "shuffle", "shuffle", "repeat", "take", "skip", "map",
                            "filter", "zip", "concat"] + (["interleave", "randmap", "unbatch",
                                                           "cache"] if extended else []))
            # (without any seed the order is fresh entropy: not recordable)
            seed = rng.choice(["" if gseed != "None" else ", seed=5",
                               ", seed=%d" % rng.randint(-2**31, 2**31 - 1),
                               ", seed=%d" % rng.randint(0, 2**40)])
            if t == "shuffle":
                rs = rng.choice(["", ", reshuffle_each_iteration=True",
                                 ", reshuffle_each_iteration=False"])
                chain += ".shuffle(%d%s%s)" % (rng.randint(1, 30), seed, rs)
            elif t == "repeat":
                chain += ".repeat(%d)" % rng.randint(1, 3)
            elif t == "take":
                chain += ".take(%d)" % rng.randint(0, 30)
            elif t == "skip":
                chain += ".skip(%d)" % rng.randint(0, 5)
            elif t == "map":
                chain += ".map(lambda x: x * 3 + 1)"
            elif t == "filter":
                chain += ".filter(lambda x: tf.equal(x % 3, 1))"
            elif t == "zip":
                chain = ("tf.data.Dataset.zip((%s, tf.data.Dataset.range(100).shuffle(%d%s)))"
                         ".map(lambda a, b: a * 1000 + b)" % (chain, rng.randint(1, 9), seed))
            elif t == "concat":
                chain = "%s.concatenate(tf.data.Dataset.range(3).shuffle(3%s))" % (chain, seed)
            elif t == "interleave":
                chain += (".interleave(lambda x: tf.data.Dataset.range(x, x + %d).shuffle(%d%s), "
                          "cycle_length=%d, block_length=%d)"
                          % (rng.randint(1, 4), rng.randint(1, 4), seed, rng.randint(1, 3),
                             rng.randint(1, 3)))
            elif t == "randmap":
                rs = ", seed=%d" % rng.randint(1, 99) if gseed == "None" else ""
                chain += (".map(lambda x: x + tf.random.uniform([], 0, 1000, dtype=tf.int64%s))"
                          % rs)
            elif t == "unbatch":
                chain += ".batch(%d).unbatch()" % rng.randint(1, 4)
            else:
                chain += ".cache()"
        if rng.random() < 0.3:
            chain += ".batch(%d, drop_remainder=True)" % rng.randint(1, 4)
        name = "%s/random%s_pipeline_%d" % ("data2x" if tf2 else "data1x",
                                              "2" if extended else "", k)
        if tf2:
            progs[name] = """def main(tf, np):
    out = []
    tf.random.set_seed({g})
    ds = {c}
    out.append(np.array(list(ds.take(60).as_numpy_iterator())))
    out.append(np.array(list(ds.take(60).as_numpy_iterator())))
    out.append(np.asarray(tf.random.uniform([2], seed=1)))
    ds2 = {c}
    out.append(np.array(list(ds2.take(60).as_numpy_iterator())))
    return out
""".format(g=gseed, c=chain)
        else:
            progs[name] = """def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        gs = {g}
        if gs is not None:
            tf.set_random_seed(gs)
        u = tf.random_uniform([{u}], seed=1)
        n1 = tf.data.make_one_shot_iterator({c}).get_next()
        it = tf.data.make_initializable_iterator({c})
        n2 = it.get_next()
        with tf.Session(graph=g) as sess:
            for n in (n1, n2, n2):
                if n is n2:
                    sess.run(it.initializer)
                vals = []
                try:
                    for _ in range(60):
                        vals.append(sess.run(n))
                except tf.errors.OutOfRangeError:
                    pass
                out.append(np.array(vals))
            out.append(sess.run(u))
    return out
""".format(g=gseed, c=chain, u=rng.randint(1, 3))
    return progs


def record_tf2():
    import random

    import tensorflow as tf  # TF 2.21

    record(random_pipelines(random.Random(2), 40, True),
           os.path.join(OUT, "data_random_tf2.jsonl"), tf)
    record(random_pipelines(random.Random(12), 40, True, extended=True),
           os.path.join(OUT, "data_random2_tf2.jsonl"), tf)
    record(DATA2, os.path.join(OUT, "data_extra_tf2.jsonl"), tf)
    record(IMAGE2, os.path.join(OUT, "image_extra_tf2.jsonl"), tf)



def record_compat_v1():
    """The TF 1.15 data programs under TF 2.21's `tf.compat.v1` (graph mode)."""
    import json as _json

    import tensorflow.compat.v1 as tf  # TF 2.21

    tf.disable_eager_execution()
    progs = {}
    for name in ("data_tf1.jsonl", "data_extra_tf1.jsonl", "data_random_tf1.jsonl",
                 "data_random2_tf1.jsonl",
                 "image_tf1.jsonl"):
        with open(os.path.join(OUT, name)) as f:
            for line in f:
                case = _json.loads(line)
                new = case["name"].replace("data1", "datav1", 1).replace("image1", "imagev1", 1)
                progs[new] = case["program"]
    record(progs, os.path.join(OUT, "data_compat_v1.jsonl"), tf)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    if sys.version_info < (3, 8):  # the TF 1.15 venv (Python 3.7)
        record_tf1()
    else:  # the TF 2.21 venv
        record_tf2()
        record_compat_v1()
