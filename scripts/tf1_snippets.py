"""Random TF 1.x graph-building snippets and TF 1.15's op lists for them.

Each snippet composes model-building calls (layers, variables, initializers,
dropout, batch/layer norm, reshapes, reductions, losses) with random arguments;
TF 1.15 builds it and the `[(name, type)]` op list is stored with each op's output
dtypes and static shapes (`reference.graph_outputs`), so
tests/test_tf1.py can check that philoxflow builds exactly the same graph:

    /tmp/tf1/bin/python scripts/tf1_snippets.py --seed 77 --n 120 \
        --out tests/data/tf1/structure.jsonl
"""

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))

rng = random.Random(0)
inits = ["None", "tf.truncated_normal_initializer(stddev=0.02)", "tf.random_normal_initializer()",
         "tf.glorot_normal_initializer()", "tf.zeros_initializer()", "tf.constant_initializer(0.5)",
         "tf.random_uniform_initializer(-1, 1)", "tf.variance_scaling_initializer(mode='fan_avg', distribution='uniform')",
         "tf.initializers.he_uniform()", "tf.ones_initializer()",
         "tf.contrib.layers.xavier_initializer(uniform=False)"]
acts = ["None", "tf.nn.relu", "tf.nn.tanh", "tf.nn.sigmoid", "tf.nn.elu", "'relu'", "tf.nn.leaky_relu", "tf.nn.relu6", "tf.nn.softmax"]
def snippet():
    lines = ["tf.set_random_seed(%d)" % rng.randint(0, 100)]
    kind = rng.choice(["dense", "conv", "mix"])
    if kind == "dense":
        lines.append("x = tf.placeholder(tf.float32, [None, %d])" % rng.randint(2, 9))
        lines.append("h = x")
        for i in range(rng.randint(1, 4)):
            op = rng.choice(["dense", "dropout", "bn", "ln", "nn_dropout", "act", "getvar", "var"])
            if op == "dense":
                lines.append("h = tf.layers.dense(h, %d, activation=%s, kernel_initializer=%s, use_bias=%s)" % (rng.randint(1, 6), rng.choice(acts), rng.choice(inits), rng.choice([True, False])))
            elif op == "dropout":
                lines.append("h = tf.layers.dropout(h, rate=%s, training=%s)" % (rng.choice([0.1, 0.5]), rng.choice(["True", "False", "tf.placeholder_with_default(False, [])"])))
            elif op == "bn":
                lines.append("h = tf.layers.batch_normalization(h, training=%s, momentum=%s, center=%s, scale=%s)" % (rng.choice(["True", "False", "tf.placeholder(tf.bool, [])"]), rng.choice([0.9, 0.99]), rng.choice([True, False]), rng.choice([True, False])))
            elif op == "ln":
                lines.append("h = tf.contrib.layers.layer_norm(h)")
            elif op == "nn_dropout":
                lines.append("h = tf.nn.dropout(h, %s)" % rng.choice(["0.5", "keep_prob=0.8", "rate=0.25", "tf.placeholder(tf.float32)"]))
            elif op == "act":
                lines.append("h = %s(h)" % rng.choice(["tf.nn.relu", "tf.nn.sigmoid", "tf.tanh", "tf.square", "tf.nn.softmax", "tf.nn.log_softmax", "tf.identity"]))
            elif op == "getvar":
                lines.append("w%d = tf.get_variable('w%d', [h.get_shape()[-1], %d], initializer=%s)" % (i, i, rng.randint(1, 5), rng.choice(inits)))
                lines.append("h = tf.matmul(h, w%d)" % i)
            else:
                lines.append("v%d = tf.Variable(tf.truncated_normal([int(h.get_shape()[-1]), %d], stddev=0.1))" % (i, rng.randint(1, 5)))
                lines.append("h = tf.nn.bias_add(tf.matmul(h, v%d), tf.zeros([v%d.get_shape()[-1]]))" % (i, i))
        lines.append(rng.choice(["l = tf.reduce_mean(h)", "l = tf.reduce_sum(tf.square(h), axis=1)", "l = tf.losses.mean_squared_error(tf.zeros_like(h), h)", "l = tf.argmax(h, 1)"]))
        lines.append("r = tf.random_uniform([2], seed=%s)" % rng.choice(["None", "3"]))
    elif kind == "conv":
        c = rng.randint(1, 3)
        lines.append("x = tf.placeholder(tf.float32, [None, 8, 8, %d])" % c)
        lines.append("h = x")
        for i in range(rng.randint(1, 4)):
            op = rng.choice(["conv", "pool", "bn", "deconv", "sep", "nnconv", "flatten_dense"])
            if op == "conv":
                lines.append("h = tf.layers.conv2d(h, %d, %s, strides=%d, padding='%s', activation=%s, kernel_initializer=%s)" % (rng.randint(1, 4), rng.choice(["3", "(3, 3)", "[1, 1]", "2"]), rng.choice([1, 1, 2]), rng.choice(["same", "valid"]), rng.choice(acts[:5]), rng.choice(inits)))
            elif op == "pool":
                lines.append("h = tf.layers.%s(h, 2, 2, padding='same')" % rng.choice(["max_pooling2d", "average_pooling2d"]))
            elif op == "bn":
                lines.append("h = tf.layers.batch_normalization(h, training=%s)" % rng.choice(["True", "False", "tf.placeholder(tf.bool, [])"]))
            elif op == "deconv":
                lines.append("h = tf.layers.conv2d_transpose(h, %d, 3, strides=%d, padding='%s')" % (rng.randint(1, 3), rng.choice([1, 2]), rng.choice(["same", "valid"])))
            elif op == "sep":
                lines.append("h = tf.layers.separable_conv2d(h, %d, 3, padding='same')" % rng.randint(1, 3))
            elif op == "nnconv":
                lines.append("k%d = tf.get_variable('k%d', [3, 3, int(h.get_shape()[-1]), 2])" % (i, i))
                lines.append("h = tf.nn.relu(tf.nn.conv2d(h, k%d, [1, 1, 1, 1], 'SAME'))" % i)
                lines.append("h = tf.nn.max_pool(h, [1, 2, 2, 1], [1, 1, 1, 1], 'SAME')")
            else:
                lines.append("h = tf.layers.dense(tf.layers.flatten(h), 3)")
                break
        lines.append("r = tf.nn.dropout(tf.ones([4]), 0.5)")
    else:
        lines.append("x = tf.placeholder(tf.float32, [None, 4, 3])")
        for i in range(rng.randint(1, 5)):
            lines.append(rng.choice([
                "y = tf.reshape(x, [-1, 12])", "y = tf.transpose(x, [0, 2, 1])", "y = tf.concat([x, x], axis=%d)" % rng.choice([1, 2, -1]),
                "y = x[:, 1:, %s]" % rng.choice(["0", "::2", ":"]), "y = tf.expand_dims(x, %d)" % rng.choice([0, 1, -1]),
                "y = tf.reduce_sum(x, axis=%s, keepdims=%s)" % (rng.choice(["1", "[1, 2]", "None"]), rng.choice([True, False])),
                "y = tf.gather(tf.ones([10, 3]), tf.constant([1, 2]))", "y = tf.one_hot(tf.constant([0, 2]), %d)" % rng.randint(2, 5),
                "y = tf.nn.embedding_lookup(tf.get_variable('e%d', [10, 4]), tf.constant([[1, 2]]))" % i,
                "y = tf.stack([x, x], axis=%d)" % rng.choice([0, 1]), "y = tf.squeeze(tf.expand_dims(x, 1), [1])",
                "y = tf.maximum(x, 0.5) * 2.0 - tf.ones_like(x)", "y = tf.nn.softmax(x, axis=%d)" % rng.choice([1, -1]),
                "y = tf.layers.dense(x, 2)", "y = tf.contrib.layers.layer_norm(x, begin_norm_axis=-1)",
                "y = tf.random_normal(tf.shape(x)) * tf.exp(x)", "y = tf.zeros([%d, 3]) + tf.ones([3])" % rng.randint(1, 4),
                "y = tf.tile(x, [1, 2, 1])", "y = tf.pad(x, [[0, 0], [1, 1], [0, 0]])",
                "y = tf.cast(x > 0.5, tf.float32)", "y = tf.nn.dropout(x, noise_shape=[1, 4, 1], keep_prob=0.5)",
                "y = tf.matmul(tf.reshape(x, [-1, 3]), tf.get_variable('m%d', [3, 2]))" % i,
                "y = tf.nn.moments(x, [0, 1])[0]", "y = tf.truncated_normal([2, %d], mean=1.0, stddev=0.5)" % rng.randint(1, 4),
                "y = tf.sqrt(tf.abs(x)) + tf.log(1.0 + x)", "y = tf.reduce_max(x, axis=-1)",
            ]))
            lines.append("x = y if len(y.get_shape()) == 3 and y.get_shape()[-1].value is not None else x")
        lines.append("r = tf.random_uniform([3])")
    lines.append("init = tf.global_variables_initializer()")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=77)
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng.seed(args.seed)
    import numpy as np
    import tensorflow as tf

    from reference import graph_outputs

    with open(args.out, "w") as f:
        for i in range(args.n):
            src = snippet()
            g = tf.Graph()
            try:
                with g.as_default():
                    exec(src, {"tf": tf, "np": np})
            except Exception:  # an invalid composition: TF rejects it, skip
                continue
            ops = [[op.name, op.type] for op in g.get_operations()]
            f.write(json.dumps({"name": f"snippet/{i}", "snippet": src, "ops": ops,
                                "op_outputs": graph_outputs(g)}) + "\n")


if __name__ == "__main__":
    main()
