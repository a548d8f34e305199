"""Record TF 1.15's op lists with output shapes for the op-model programs.

    /work/venvs/tf1/bin/python scripts/ref_op_model.py --out tests/data/op_model/graphs.jsonl

Each program defines `main(tf, np)` building one graph (and returning it); the record
holds `ops`: `[name, type, outputs]` (each output's dtype and static shape,
`reference.op_outputs`: `float32[?,4]`, `*` an unknown rank), or `error`:
`[class name, message]` when building raises.
`tests/test_op_model.py` rebuilds each under philoxflow and compares.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))

PROGRAMS = {}


def program(name):
    def deco(src):
        PROGRAMS[name] = src
        return src
    return deco


program("raw/elementwise")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 3, 1])
        y = tf.placeholder(tf.float32, [4, 1, 5])
        z = tf.placeholder(tf.float32)
        for op in ("Add", "AddV2", "Sub", "Mul", "RealDiv", "Maximum", "Minimum", "Pow",
                   "SquaredDifference", "Less", "Equal", "FloorDiv"):
            getattr(tf.raw_ops, op)(x=x, y=y)
            getattr(tf.raw_ops, op)(x=x, y=z)
        for op in ("Tanh", "Sigmoid", "Exp", "Log", "Neg", "Square", "Abs", "Floor",
                   "Sqrt", "Rsqrt", "IsFinite", "Sign", "ZerosLike", "OnesLike"):
            getattr(tf.raw_ops, op)(x=x)
        for op in ("Relu", "Relu6", "Elu", "Selu", "Softplus", "Softsign"):
            getattr(tf.raw_ops, op)(features=x)
        tf.raw_ops.Cast(x=x, DstT=tf.int32)
        tf.raw_ops.AddN(inputs=[x, x, tf.placeholder(tf.float32, [2, None, 1])])
        tf.raw_ops.SelectV2(condition=tf.placeholder(tf.bool, [3, 1]), t=x, e=y)
        tf.raw_ops.Select(condition=tf.placeholder(tf.bool, [None]), x=x, y=x)
        tf.raw_ops.ClipByValue(t=x, clip_value_min=0.0, clip_value_max=1.0)
    return g
""")

program("raw/matmul_reduce")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        a = tf.placeholder(tf.float32, [None, 3])
        b = tf.placeholder(tf.float32, [3, 7])
        tf.raw_ops.MatMul(a=a, b=b)
        tf.raw_ops.MatMul(a=b, b=a, transpose_a=True, transpose_b=True)
        c = tf.placeholder(tf.float32, [5, None, 2, 3])
        d = tf.placeholder(tf.float32, [5, 4, 3, 6])
        tf.raw_ops.BatchMatMul(x=c, y=d)
        tf.raw_ops.BatchMatMulV2(x=c, y=tf.placeholder(tf.float32, [3, 6]))
        tf.raw_ops.BatchMatMul(x=c, y=c, adj_y=True)
        x = tf.placeholder(tf.float32, [None, 4, 5])
        for op in ("Sum", "Mean", "Max", "Prod"):
            getattr(tf.raw_ops, op)(input=x, axis=1)
            getattr(tf.raw_ops, op)(input=x, axis=[0, -1], keep_dims=True)
            getattr(tf.raw_ops, op)(input=x, axis=tf.placeholder(tf.int32, [None]))
            getattr(tf.raw_ops, op)(input=x, axis=tf.placeholder(tf.int32), keep_dims=True)
            getattr(tf.raw_ops, op)(input=x, axis=np.zeros([0], np.int32))
        tf.raw_ops.All(input=tf.placeholder(tf.bool, [2, 3]), axis=[1])
        tf.raw_ops.ArgMax(input=x, dimension=-1)
        tf.raw_ops.ArgMin(input=x, dimension=tf.placeholder(tf.int32, []))
        tf.raw_ops.ArgMax(input=x, dimension=0, output_type=tf.int32)
        tf.raw_ops.L2Loss(t=x)
    return g
""")

program("raw/array")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 6, 4])
        tf.raw_ops.Reshape(tensor=x, shape=[-1, 8])
        tf.raw_ops.Reshape(tensor=tf.ones([6, 4]), shape=[-1, 8])
        tf.raw_ops.Reshape(tensor=x, shape=tf.stack([tf.shape(x)[0], -1]))
        tf.raw_ops.Reshape(tensor=x, shape=tf.placeholder(tf.int32, [3]))
        tf.raw_ops.ExpandDims(input=x, axis=-1)
        tf.raw_ops.ExpandDims(input=x, axis=[1])
        tf.raw_ops.ExpandDims(input=x, axis=tf.placeholder(tf.int32, []))
        tf.raw_ops.Squeeze(input=tf.placeholder(tf.float32, [1, None, 1, 3]))
        tf.raw_ops.Squeeze(input=tf.placeholder(tf.float32, [1, None, 1, 3]), axis=[0])
        tf.raw_ops.Squeeze(input=tf.placeholder(tf.float32, [1, 2, 1, 3]))
        tf.raw_ops.Transpose(x=x, perm=[2, 0, 1])
        tf.raw_ops.Transpose(x=x, perm=tf.placeholder(tf.int32, [3]))
        tf.raw_ops.ConcatV2(values=[x, x], axis=1)
        tf.raw_ops.ConcatV2(values=[x, tf.placeholder(tf.float32, [2, None, 4])], axis=-2)
        tf.raw_ops.ConcatV2(values=[x, x], axis=tf.placeholder(tf.int32, []))
        tf.raw_ops.Pack(values=[x, x, x], axis=1)
        tf.raw_ops.Unpack(value=x, num=6, axis=1)
        tf.raw_ops.Split(axis=1, value=x, num_split=3)
        tf.raw_ops.SplitV(value=x, size_splits=[1, -1, 2], axis=1, num_split=3)
        tf.raw_ops.Tile(input=x, multiples=[2, 1, 3])
        tf.raw_ops.Tile(input=x, multiples=tf.placeholder(tf.int32, [3]))
        tf.raw_ops.Slice(input=x, begin=[0, 1, 0], size=[-1, 2, -1])
        tf.raw_ops.Slice(input=x, begin=tf.placeholder(tf.int32, [3]), size=[1, 2, -1])
        tf.raw_ops.GatherV2(params=x, indices=tf.placeholder(tf.int32, [None, 2]), axis=1)
        tf.raw_ops.GatherV2(params=x, indices=[1, 2], axis=tf.placeholder(tf.int32, []))
        tf.raw_ops.OneHot(indices=tf.placeholder(tf.int32, [None, 5]), depth=10,
                          on_value=1.0, off_value=0.0)
        tf.raw_ops.OneHot(indices=tf.placeholder(tf.int32, [None, 5]), depth=10,
                          on_value=1.0, off_value=0.0, axis=1)
        tf.raw_ops.Pad(input=x, paddings=[[0, 0], [1, 2], [3, 3]])
        tf.raw_ops.MirrorPad(input=x, paddings=[[0, 0], [1, 2], [3, 3]], mode="REFLECT")
        tf.raw_ops.Pad(input=x, paddings=tf.placeholder(tf.int32, [3, 2]))
        tf.raw_ops.Fill(dims=[2, 3], value=1.5)
        tf.raw_ops.Fill(dims=tf.shape(x), value=0.0)
        tf.raw_ops.Fill(dims=tf.placeholder(tf.int32, [2]), value=0.0)
        tf.raw_ops.Range(start=0, limit=10, delta=3)
        tf.raw_ops.Range(start=0, limit=tf.placeholder(tf.int32, []), delta=1)
        tf.raw_ops.Where(condition=tf.placeholder(tf.bool, [None, 3]))
        tf.raw_ops.Shape(input=x)
        tf.raw_ops.Shape(input=tf.placeholder(tf.float32), out_type=tf.int64)
        tf.raw_ops.Size(input=x)
        tf.raw_ops.Rank(input=x)
        tf.raw_ops.ShapeN(input=[x, tf.ones([2])])
        tf.raw_ops.BroadcastTo(input=tf.ones([3, 1]), shape=[2, 3, 4])
        tf.raw_ops.Unique(x=tf.placeholder(tf.int32, [7]))
        tf.raw_ops.ReverseV2(tensor=x, axis=[1])
        tf.raw_ops.StridedSlice(input=x, begin=[0, 1], end=[0, 3], strides=[1, 1],
                                begin_mask=1, end_mask=1)
        tf.raw_ops.StridedSlice(input=x, begin=[1], end=[2], strides=[1], shrink_axis_mask=1)
        tf.raw_ops.StridedSlice(input=x, begin=[0, 0], end=[0, 0], strides=[1, -1],
                                begin_mask=3, end_mask=3, new_axis_mask=0, ellipsis_mask=0)
        i = tf.placeholder(tf.int32, [])
        tf.raw_ops.StridedSlice(input=x, begin=tf.stack([i]), end=tf.stack([i + 1]),
                                strides=[1], shrink_axis_mask=1)
        tf.raw_ops.StridedSlice(input=x, begin=[0, 2], end=[0, 0], strides=[1, 1],
                                ellipsis_mask=1, end_mask=2)
        tf.raw_ops.StridedSlice(input=x, begin=[0, 0, 0], end=[0, 0, 0], strides=[1, 1, 1],
                                begin_mask=7, end_mask=7, new_axis_mask=2)
    return g
""")

program("raw/nn")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 28, 27, 3])
        f = tf.ones([5, 5, 3, 8])
        for pad in ("SAME", "VALID"):
            tf.raw_ops.Conv2D(input=x, filter=f, strides=[1, 2, 2, 1], padding=pad)
            tf.raw_ops.Conv2D(input=x, filter=f, strides=[1, 1, 1, 1], padding=pad,
                              dilations=[1, 2, 2, 1])
            tf.raw_ops.DepthwiseConv2dNative(input=x, filter=tf.ones([3, 3, 3, 2]),
                                             strides=[1, 1, 1, 1], padding=pad)
            tf.raw_ops.MaxPool(input=x, ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1], padding=pad)
            tf.raw_ops.AvgPool(value=x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding=pad)
            v = tf.placeholder(tf.float32, [2, 9, 10, 11, 3])
            tf.raw_ops.Conv3D(input=v, filter=tf.ones([3, 3, 3, 3, 4]),
                              strides=[1, 2, 2, 2, 1], padding=pad)
            tf.raw_ops.MaxPool3D(input=v, ksize=[1, 2, 2, 2, 1], strides=[1, 2, 2, 2, 1],
                                 padding=pad)
        tf.raw_ops.Conv2DBackpropInput(input_sizes=[4, 10, 10, 3], filter=f,
                                       out_backprop=tf.placeholder(tf.float32, [4, 5, 5, 8]),
                                       strides=[1, 2, 2, 1], padding="SAME")
        tf.raw_ops.BiasAdd(value=x, bias=tf.ones([3]))
        tf.raw_ops.Softmax(logits=tf.placeholder(tf.float32, [None, 10]))
        tf.raw_ops.LogSoftmax(logits=tf.placeholder(tf.float32, [None, 10]))
        tf.raw_ops.SoftmaxCrossEntropyWithLogits(features=tf.placeholder(tf.float32, [None, 10]),
                                                 labels=tf.placeholder(tf.float32, [8, 10]))
        tf.raw_ops.SparseSoftmaxCrossEntropyWithLogits(
            features=tf.placeholder(tf.float32, [None, 10]),
            labels=tf.placeholder(tf.int32, [None]))
        tf.raw_ops.TopKV2(input=tf.placeholder(tf.float32, [None, 10]), k=3)
        tf.raw_ops.InTopKV2(predictions=tf.placeholder(tf.float32, [None, 10]),
                            targets=tf.placeholder(tf.int32, [None]), k=3)
        tf.raw_ops.FusedBatchNormV3(x=x, scale=tf.ones([3]), offset=tf.ones([3]),
                                    mean=tf.ones([0]), variance=tf.ones([0]))
        tf.raw_ops.ResizeBilinear(images=x, size=[56, 54])
        tf.raw_ops.DepthToSpace(input=tf.placeholder(tf.float32, [None, 4, 4, 12]), block_size=2)
        tf.raw_ops.SpaceToDepth(input=tf.placeholder(tf.float32, [None, 4, 4, 12]), block_size=2)
    return g
""")

program("raw/random")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 5])
        tf.raw_ops.RandomUniform(shape=[2, 3], dtype=tf.float32)
        tf.raw_ops.RandomStandardNormal(shape=tf.shape(x), dtype=tf.float32, seed=1, seed2=2)
        tf.raw_ops.TruncatedNormal(shape=tf.placeholder(tf.int32, [3]), dtype=tf.float64)
        tf.raw_ops.RandomUniformInt(shape=[4], minval=0, maxval=10)
        tf.raw_ops.RandomShuffle(value=x)
        tf.raw_ops.Multinomial(logits=x, num_samples=7)
        tf.raw_ops.RandomGamma(shape=[3], alpha=tf.ones([2, 2]))
        tf.raw_ops.StatelessRandomUniform(shape=[2, 2], seed=[1, 2])
    return g
""")

program("raw/state_control")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable(tf.zeros([2, 3]), name="v")
        tf.raw_ops.Assign(ref=v, value=tf.ones([2, 3]))
        tf.raw_ops.AssignAdd(ref=v, value=tf.ones([2, 3]))
        x = tf.placeholder(tf.float32, [None, 3])
        s = tf.raw_ops.Switch(data=x, pred=tf.placeholder(tf.bool, []))
        tf.raw_ops.Merge(inputs=[s[0], tf.placeholder(tf.float32, [4, 3])])
        tf.raw_ops.Identity(input=x)
        tf.raw_ops.StopGradient(input=x)
        tf.raw_ops.PlaceholderWithDefault(input=tf.ones([2, 3]), shape=[None, 3])
        tf.raw_ops.NoOp()
    return g
""")

program("api/wrappers")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        x = tf.placeholder(tf.float32, [None, 4])
        tf.reshape([1, 2, 3, 4], [2, 2])
        tf.reshape(x, [-1, 2, 2])
        tf.reshape(x, tf.stack([tf.shape(x)[0], 2, 2]))
        tf.reshape(x, np.array([2, -1], np.int64))
        tf.reshape(tf.ones([6, 4]), tf.stack([tf.placeholder(tf.int32, []), 8]))
        tf.tile(x, [tf.shape(x)[0], 2])
        tf.tile(x, tf.shape(x))
        tf.pad(x, [[0, 0], [1, tf.shape(x)[0]]])
        tf.pad(x, [[1, 1], [2, 2]], "REFLECT")
        tf.pad(x, [[1, 1], [2, 2]], constant_values=3.0)
        tf.matmul(tf.placeholder(tf.float32), tf.ones([4, 2]))
        tf.matmul(tf.placeholder(tf.float32, [None, 3, 4]), tf.ones([4, 2]), transpose_a=False)
        tf.expand_dims(x, axis=[-1])
        tf.nn.conv2d(tf.placeholder(tf.float32, [None, 1, 10, 8]), tf.ones([4, 4, 1, 3]),
                     strides=[1, 1, 3, 1], padding="VALID", data_format="NCHW")
        tf.nn.conv2d(tf.placeholder(tf.float32, [None, 10, 8, 1]), tf.ones([4, 4, 1, 3]),
                     strides=[1, 1, 1, 1], padding="VALID", dilations=[1, 2, 2, 1])
        h = tf.layers.dense(x, 7)
        tf.layers.dropout(h, 0.1, noise_shape=[tf.shape(h)[0], 1], training=True)
        tf.layers.dropout(h, 0.1, noise_shape=[None, 1], training=True)
        tf.random_uniform(tf.shape(h), minval=True)
        tf.zeros(np.array([2, 3], np.int64))
    return g
""")

program("errors/reshape_divisible")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.reshape(tf.ones([6, 4]), [5, -1])
    return g
""")

program("errors/matmul")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.raw_ops.MatMul(a=tf.ones([2, 3]), b=tf.ones([4, 5]))
    return g
""")
program("errors/dtype")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.raw_ops.MatMul(a=tf.ones([2, 3]), b=tf.ones([3, 5], tf.int32))
    return g
""")
program("errors/allowed")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.raw_ops.MatMul(a=tf.ones([2, 3], tf.bool), b=tf.ones([3, 5], tf.bool))
    return g
""")
program("errors/list")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.raw_ops.ConcatV2(values=tf.ones([2]), axis=0)
    return g
""")
program("errors/list_min")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.raw_ops.ConcatV2(values=[tf.ones([2])], axis=0)
    return g
""")
program("errors/list_types")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.raw_ops.ConcatV2(values=[tf.ones([2]), tf.ones([2], tf.int32)], axis=0)
    return g
""")
program("errors/attr_type")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.raw_ops.MatMul(a=tf.ones([2, 3]), b=tf.ones([3, 5]), transpose_a=1)
    return g
""")
program("errors/attr_string")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.raw_ops.Conv2D(input=tf.ones([1, 4, 4, 1]), filter=tf.ones([2, 2, 1, 1]),
                          strides=[1, 1, 1, 1], padding="FULL")
    return g
""")
program("errors/unexpected")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.raw_ops.Relu(features=tf.ones([2]), alpha=3)
    return g
""")
program("errors/missing_input")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.raw_ops.Relu()
    return g
""")
program("errors/ref")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.raw_ops.Assign(ref=tf.ones([2]), value=tf.ones([2]))
    return g
""")
program("errors/reshape")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.raw_ops.Reshape(tensor=tf.ones([2, 3]), shape=[4, 2])
    return g
""")


# Programs whose random values need shapes computed through ops without kernels at run
# time (fed batches): `main(tf, np)` returns the fetched values (check.py's format).
RUNTIME = {}

program("api/output_dtypes_and_shapes")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 3, 2])
        u = tf.placeholder(tf.float32)
        tf.tensordot(u, tf.ones([3, 3]), [[1], [1]])
        tf.tensordot(u, tf.ones([3, 3]), 1)
        tf.tensordot(x, tf.ones([2, 2]), tf.constant([[2], [0]]))
        tf.gather(x, tf.placeholder(tf.int32, [None, 2]), axis=1, batch_dims=1)
        tf.gather(x, tf.placeholder(tf.int32, [None, 2]), batch_dims=1)
        tf.batch_gather(x, tf.placeholder(tf.int32, [None, 5]))
        tf.where(tf.placeholder(tf.bool, [6]), tf.placeholder(tf.float32, [None, 4]),
                 tf.placeholder(tf.float32, [None, None]))
        tf.where(tf.placeholder(tf.bool, []), 1, 2)
        tf.space_to_batch(tf.ones([1, 4, 4, 1]), [[0, 0], [0, 0]], 2)
        tf.batch_to_space(tf.ones([4, 2, 2, 1]), [[0, 0], [0, 0]], 2)
        tf.random.stateless_uniform([2], seed=[1, 2])
        tf.random.stateless_categorical(tf.ones([1, 3]), 4, seed=[3, 4])
        tf.random_poisson(0.3, [2])
        v = tf.Variable(tf.ones([3, 4]))
        i = tf.Variable(3)
        tf.assign_add(v, tf.ones([3, 4]))
        i.count_up_to(5)
        tf.scatter_update(v, [0], tf.ones([1, 4]))
        tf.where(v > 0, v, v)
        ta = tf.TensorArray(tf.float32, size=2, element_shape=[None, 4])
        ta.write(0, tf.ones([2, 4])).read(1)
        tf.TensorArray(tf.float32, size=2).unstack(tf.ones([2, 3, 4])).stack()
        tf.TensorArray(tf.float32, size=3).read(0)
        xb = tf.placeholder(tf.float32, [None, 4, 4, 2])
        y, _, _ = tf.nn.fused_batch_norm(xb, tf.ones([2]), tf.zeros([2]), tf.zeros([2]),
                                         tf.ones([2]), is_training=False)
        tf.gradients(tf.reduce_sum(y), [xb])
    return g
""")

program("api/unknown_rank_inputs")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        u = tf.placeholder(tf.float32)
        tf.matrix_transpose(u)
        tf.sort(u, axis=0)
        tf.argsort(u, axis=-2, direction="DESCENDING")
        tf.nn.lrn(u)
        tf.linalg.eigh(u)
        tf.linalg.eigvalsh(u)
        tf.svd(u)
        tf.linalg.svd(u, compute_uv=False)
        w = tf.get_variable("w", [50, 8])
        tf.nn.sampled_softmax_loss(w, tf.zeros([50]), tf.placeholder(tf.int64),
                                   tf.placeholder(tf.float32, [None, 8]), 5, 50)
    return g
""")


program("api/parallel_stack_of_partial_shapes")("""
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        tf.parallel_stack([tf.placeholder(tf.float32, [None]), tf.placeholder(tf.float32)])
    return g
""")

RUNTIME["run/dense_dropout"] = """
def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        x = tf.placeholder(tf.float32, [None, 5])
        h = tf.layers.dense(x, 6, activation=tf.nn.relu)
        d = tf.nn.dropout(h, rate=0.3)
        mask = [i for i in d.op.inputs if i.op.type == "Cast"][0]
        logits = tf.layers.dense(d, 3)
        u = tf.random_uniform(tf.shape(logits), seed=3)
        n = tf.random_normal([tf.shape(h)[0], 2])
        z, o = tf.zeros_like(h), tf.ones_like(logits)
        sz, rk = tf.size(h), tf.rank(h)
        s64 = tf.shape(h, out_type=tf.int64)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for b in (4, 2, 4):
                out += sess.run([mask, u, n, z, o, sz, rk, s64],
                                {x: np.ones([b, 5], np.float32)})
    return out
"""

RUNTIME["run/conv_noise"] = """
def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(11)
        x = tf.placeholder(tf.float32, [None, 9, 8, 2])
        c = tf.layers.conv2d(x, 4, 3, strides=2, padding="same")
        p = tf.layers.max_pooling2d(c, 2, 2)
        noise = tf.random_normal(tf.shape(p), stddev=0.1)
        flat = tf.layers.flatten(p)
        d = tf.layers.dropout(flat, 0.5, noise_shape=[tf.shape(flat)[0], 1], training=True)
        mask = [i for i in d.op.inputs if i.op.type == "Cast"][0]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for b in (3, 1):
                out += sess.run([noise, mask, tf.shape(flat)], {x: np.zeros([b, 9, 8, 2],
                                                                            np.float32)})
    return out
"""

RUNTIME["run/rank3_dense"] = """
def main(tf, np):
    out = []
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(5)
        ids = tf.placeholder(tf.int32, [None, 4])
        emb = tf.get_variable("emb", [10, 3])
        e = tf.nn.embedding_lookup(emb, ids)
        h = tf.layers.dense(e, 2)
        d = tf.nn.dropout(h, 0.5)
        mask = [i for i in d.op.inputs if i.op.type == "Cast"][0]
        r = tf.random_uniform(tf.shape(e)[:2])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for b in (2, 3):
                out += sess.run([mask, r, tf.shape(h)], {ids: np.zeros([b, 4], np.int32)})
    return out
"""


RUNTIME["run/data_moves"] = """
def main(tf, np):
    g = tf.Graph()
    with g.as_default():
        p = tf.placeholder(tf.float32, [None, 4, 3])
        k = tf.placeholder(tf.float32, [7, 4, 3])
        i = tf.placeholder(tf.int32, [None, 5])
        outs = [tf.batch_gather(p, i), tf.gather(p, i, axis=1, batch_dims=1),
                tf.one_hot(i, 3, axis=1, dtype=tf.int32), tf.one_hot(i, 4, 1.5, -0.5),
                tf.unstack(p, axis=-1)[1], tf.stack(tf.unstack(k, axis=1), axis=-1),
                k[5::-3], k[-2::-1, -1:, ::-2], p[:, ::-1, 1:], tf.gather(k, [1, 0], axis=1),
                tf.boolean_mask(k, [j % 3 == 0 for j in range(7)]),
                tf.tensordot(p, tf.constant(np.arange(6, dtype=np.float32).reshape(3, 2)),
                             1)[:, :, :1] * 0.0,
                tf.random_uniform(tf.shape(tf.boolean_mask(p, p[:, 0, 0] > 4.0)), seed=3)]
        with tf.Session() as sess:
            pv = np.arange(24, dtype=np.float32).reshape(2, 4, 3)
            kv = np.arange(84, dtype=np.float32).reshape(7, 4, 3)
            iv = np.array([[0, 3, 1, 1, 2], [3, 3, 0, 2, 1]], np.int32)
            return sess.run(outs[:-2] + outs[-1:], {p: pv, k: kv, i: iv})
"""

def encode(value):
    import base64
    import hashlib

    import numpy as np

    arr = np.asarray(value)
    raw = np.ascontiguousarray(arr).tobytes()
    out = {"dtype": str(arr.dtype), "shape": list(arr.shape), "nbytes": len(raw)}
    if len(raw) <= 4096:
        out["b64"] = base64.b64encode(raw).decode()
    else:
        out["sha256"] = hashlib.sha256(raw).hexdigest()
        out["head_b64"] = base64.b64encode(raw[:256]).decode()
    return out


def record(g):
    from reference import op_outputs

    return [[op.name, op.type, op_outputs(op)] for op in g.get_operations()]


def run(src, tf, np):
    scope = {}
    exec(src, scope)
    try:
        return {"ops": record(scope["main"](tf, np))}
    except Exception as e:  # noqa: BLE001
        msg = str(e).split("\n")[0]
        return {"error": [type(e).__name__, msg]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    import numpy as np
    import tensorflow as tf

    with open(args.out, "w") as f:
        for name, src in PROGRAMS.items():
            rec = {"name": name, "program": src}
            rec.update(run(src, tf, np))
            f.write(json.dumps(rec) + "\n")
    print(f"{len(PROGRAMS)} programs -> {args.out}")
    runtime = args.out.replace("graphs.jsonl", "runtime.jsonl")
    with open(runtime, "w") as f:
        for name, src in RUNTIME.items():
            scope = {}
            exec(src, scope)
            outs = [encode(v) for v in scope["main"](tf, np)]
            f.write(json.dumps({"name": name, "program": src, "outputs": outs}) + "\n")
    print(f"{len(RUNTIME)} programs -> {runtime}")


if __name__ == "__main__":
    main()
