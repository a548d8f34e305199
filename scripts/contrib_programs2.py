"""More programs for the contrib tests (`ref_contrib_more.py` records them under TF 1.15
into tests/data/contrib/tf1_more.jsonl; tests/test_contrib_more.py replays them): the rest
of `tf.contrib.framework`, `tf.contrib.layers`/`slim` and `tf.contrib.rnn`, used as model
code uses them. Each runs unchanged with `tf` = TensorFlow 1.15 or philoxflow."""

FRAMEWORK = '''
cf = tf.contrib.framework
tf.set_random_seed(1)
x = tf.placeholder(tf.float32, [None, 3], name="x")
y = cf.with_shape([2, 3], x)
print(y.name, y.shape)
z = tf.placeholder(tf.float32, [2, 3], name="z")
print(cf.with_shape([2, 3], z) is z)
print(cf.with_same_shape(z, x).name)
s = cf.reduce_sum_n([z, tf.ones([4])], name="total")
print(s.name, cf.reduce_sum_n([z]).name)
p, l = cf.remove_squeezable_dimensions(tf.zeros([4, 1]), tf.zeros([4]))
print(p.name, l.name)
p2, l2 = cf.remove_squeezable_dimensions(tf.placeholder(tf.float32, name="pu"),
                                         tf.placeholder(tf.float32, [None], name="lu"))
print(p2.name, l2.name, p2.shape, l2.shape)
print(cf.assert_scalar_int(tf.constant(3)).name)
attempt(lambda: cf.assert_scalar_int(tf.constant(3.0)))
attempt(lambda: cf.with_shape([3, 3], z))
k = tf.placeholder(tf.int32, [], name="k")
c = cf.smart_case([(False, lambda: tf.constant(1)), (True, lambda: tf.constant(2))],
                  default=lambda: tf.constant(3))
print(c.name)
c2 = cf.smart_case([(tf.equal(k, 1), lambda: tf.constant(10)),
                    (tf.equal(k, 2), lambda: tf.constant(20))], default=lambda: tf.constant(0))
print(c2.name)


def f(a, b, scale=1.0):
    return {"sum": (a + b) * scale, "diff": a - b}


out = cf.py_func(f, [tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])], {"scale": 2.0},
                 output_types={"sum": tf.float32, "diff": tf.float32},
                 output_shapes={"sum": [2], "diff": [2]})
print(sorted(out), out["sum"].shape)
srt = cf.sort(tf.constant([3.0, 1.0, 2.0]), direction="DESCENDING")
ars = cf.argsort(tf.constant([3.0, 1.0, 2.0]))
ts = cf.TensorSpec([2, None], tf.float32, "x")
print(repr(ts), ts.shape, ts.dtype, ts.name, ts.is_compatible_with(tf.zeros([2, 5])),
      ts == cf.TensorSpec([2, None], tf.float32, "x"), ts.is_compatible_with(tf.zeros([3])))
bs = cf.BoundedTensorSpec([2], tf.int32, 0, 5, "b")
print(repr(bs), bs.minimum, bs.maximum, type(bs.minimum).__name__, bs == bs, bs != ts)
print(cf.TensorSpec.from_tensor(tf.zeros([3]), name="z"), cf.BoundedTensorSpec.from_spec(ts))
print(ts.most_specific_compatible_type(cf.TensorSpec([3, None], tf.float32)))
attempt(lambda: cf.BoundedTensorSpec([2], tf.int32, [1, 2, 3], 5))
attempt(lambda: cf.BoundedTensorSpec([2], tf.int32, None, 5))
ri = cf.RecordInput("/nonexistent/*.tfrecord", batch_size=4, seed=7, name="records")
print(ri.get_yield_op().name)
rb = cf.RecordInput("/x/*", batch_size=2, batches=2, compression_type=2,
                    name="rec2").get_yield_op()
print([[t.name for t in b] for b in rb])
v = tf.get_variable("v", [2, 3])
w = tf.get_variable("w", [4])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(c), sess.run(c2, {k: 2}))
    path = tf.train.Saver().save(sess, CKPT_DIR + "/model")
print(cf.list_variables(CKPT_DIR))
print(srt.name, srt.shape, ars.name, ars.dtype)
print(cf.load_variable(CKPT_DIR, "w:0").shape)
print(sorted(cf.load_checkpoint(path).get_variable_to_shape_map().items()))
op, feed = cf.assign_from_checkpoint(path, [v, w])
print(op.name, sorted(t.name for t in feed))
op2, feed2 = cf.assign_from_checkpoint(path, {"w": w, "nope": v}, ignore_missing_vars=True)
print(op2.name, sorted(t.name for t in feed2))
attempt(lambda: cf.assign_from_checkpoint(path, {"nope": v}))
with tf.Session() as sess:
    sess.run(op, feed)
    dump_values(sess, [v, w])
with tf.Graph().as_default() as g2:
    with tf.variable_scope("new"):
        v2 = tf.get_variable("v", [2, 3])
        w2 = tf.get_variable("w", [4], initializer=tf.ones_initializer())
        u2 = tf.get_variable("u", [4])
    cf.init_from_checkpoint(CKPT_DIR, {"v": "new/v", "w": w2})
    attempt(lambda: cf.init_from_checkpoint(CKPT_DIR, {"nope": u2}))
    attempt(lambda: cf.init_from_checkpoint(CKPT_DIR, {"v": u2}))
    # (RestoreV2 has no kernel in philoxflow: the restoring graph is compared)
    print(v2.initializer.name, w2.initializer.name, u2.initializer.name)
    dump_ops(g2)
dump_ops()
'''

PROGRAMS = {"tf1_more": [("framework_tensor_utils_checkpoints", FRAMEWORK)]}

OPTIMIZE_LOSS = '''
layers = tf.contrib.layers
tf.set_random_seed(7)
x = tf.placeholder(tf.float32, [8, 6], name="x")
y = tf.placeholder(tf.int32, [8], name="y")
h = layers.fully_connected(x, 5, normalizer_fn=layers.batch_norm,
                           normalizer_params={"is_training": True}, scope="h")
logits = layers.fully_connected(h, 3, activation_fn=None, scope="logits")
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
gs = tf.train.get_or_create_global_step()
train = layers.optimize_loss(loss, gs, 0.1, "Adam", clip_gradients=5.0,
                             gradient_noise_scale=0.01,
                             gradient_multipliers={"logits/weights:0": 2.0},
                             summaries=layers.OPTIMIZER_SUMMARIES,
                             learning_rate_decay_fn=lambda lr, s: tf.train.exponential_decay(
                                 lr, s, 10, 0.5))
train2 = layers.optimize_loss(loss, gs, None, tf.train.GradientDescentOptimizer(0.5),
                              name="SGDLoss", clip_gradients=layers.adaptive_clipping_fn(
                                  report_summary=True, global_step=gs) if hasattr(
                                  layers, "adaptive_clipping_fn") else
                              tf.contrib.slim.adaptive_clipping_fn(report_summary=True,
                                                                   global_step=gs),
                              increment_global_step=False)
train3 = layers.optimize_loss(loss, None, 0.3, "Momentum", name="Mom",
                              summaries=["gradients", "gradient_norm"])
layers.summarize_activations()
layers.summarize_tensors([loss, h])
layers.summarize_collection(tf.GraphKeys.TRAINABLE_VARIABLES, name_filter="h/")
layers.summarize_activation(tf.nn.relu6(x, name="r6"))
print(layers.summarize_tensor(tf.constant("s")))
print(train.name, train2.name, train3.name)
print(sorted(layers.OPTIMIZER_CLS_NAMES), layers.OPTIMIZER_SUMMARIES)
print(names(tf.global_variables()))
print(names(tf.get_collection(tf.GraphKeys.SUMMARIES)))
attempt(lambda: layers.optimize_loss(loss, gs, 0.1, "Nope"))
attempt(lambda: layers.optimize_loss(loss, gs, None, "SGD"))
attempt(lambda: layers.optimize_loss(loss, gs, 0.1, "SGD", summaries=["x"]))
attempt(lambda: layers.optimize_loss(loss, gs, 1, "SGD"))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
dump_ops()
'''

PROGRAMS["tf1_more"].append(("optimize_loss_summaries", OPTIMIZE_LOSS))

LAYERS = '''
slim = tf.contrib.slim
layers = tf.contrib.layers
tf.set_random_seed(11)
x = tf.placeholder(tf.float32, [2, 8, 8, 6], name="x")
with slim.arg_scope([slim.conv2d], normalizer_fn=layers.group_norm,
                    normalizer_params={"groups": 2}):
    n = slim.conv2d(x, 8, [3, 3], scope="c1")
    n = slim.conv2d(n, 4, [3, 3], scope="c2")
g1 = layers.group_norm(x, groups=3, scope="gn")
g2 = layers.group_norm(tf.placeholder(tf.float32, [None, 6, 4, 4], name="nchw"), groups=2,
                       channels_axis=-3, reduction_axes=(-2, -1), mean_close_to_zero=True,
                       activation_fn=tf.nn.relu, param_initializers={
                           "gamma": tf.random_normal_initializer()})
attempt(lambda: layers.group_norm(x, groups=4))
attempt(lambda: layers.group_norm(x, groups=12))
seq = layers.images_to_sequence(n)
img = layers.sequence_to_images(seq, 8)
img2 = layers.sequence_to_images(layers.images_to_sequence(
    tf.placeholder(tf.float32, [None, 4, 5, 3], name="y"), data_format="NHWC"), 4,
    output_data_format="channels_first")
print(seq.shape, img.shape, img2.shape)
kp = layers.spatial_softmax(n, temperature=0.5)
kp2 = layers.spatial_softmax(tf.placeholder(tf.float32, [None, 3, 5, 5], name="z"),
                             data_format="NCHW", trainable=False)
print(kp.shape, kp2.shape)
sp = layers.dense_to_sparse(tf.constant([[1, 0, 2], [0, 0, 3]]), scope="d2s")
print(type(sp).__name__, sp.indices.name, sp.values.name, sp.dense_shape.name)
ip = layers.conv2d_in_plane(x, [3, 3], stride=2, weights_regularizer=slim.l2_regularizer(0.1))
ip2 = slim.conv2d_in_plane(x, 2, normalizer_fn=slim.batch_norm, activation_fn=None)
print(ip.shape, ip2.shape)
f2 = tf.placeholder(tf.float32, [4, 5], name="f2")
l1 = layers.legacy_fully_connected(f2, 3, weight_regularizer=slim.l2_regularizer(0.5))
l2 = layers.legacy_relu(tf.placeholder(tf.float32, [4, 2, 5], name="f3"), 6)
l3 = layers.legacy_linear(f2, 2, name="lin", bias_init=None)
print(l1.name, l2.name, l2.shape, l3.name)
p1 = slim.pool(x, [2, 2], "AVG", stride=2)
p2 = slim.pool(x, 3, "MAX", padding="VALID", dilation_rate=2)
print(p1.name, p1.shape, p2.name, p2.shape)
print(names(tf.get_collection(tf.GraphKeys.ACTIVATIONS)))
print(names(tf.get_collection(tf.GraphKeys.WEIGHTS)), names(tf.get_collection("biases")))
print(names(slim.get_model_variables()))
print(names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
dump_ops()
'''

PROGRAMS["tf1_more"].append(("layers_group_norm_sequences", LAYERS))

RNN_CELLS = '''
rnn = tf.contrib.rnn
tf.set_random_seed(5)
steps, batch = 3, 2
ids = [tf.placeholder(tf.int32, [batch], name="ids%d" % t) for t in range(steps)]
lm_cell = rnn.EmbeddingWrapper(rnn.MultiRNNCell([
    rnn.LayerNormBasicLSTMCell(6, dropout_keep_prob=0.8, dropout_prob_seed=3),
    rnn.LayerNormBasicLSTMCell(6, layer_norm=False)]), 20, 5)
lm_cell = rnn.OutputProjectionWrapper(lm_cell, 20)
outs, state = rnn.static_rnn(lm_cell, ids, dtype=tf.float32, scope="lm")
print([o.name for o in outs], lm_cell.output_size)
x = tf.placeholder(tf.float32, [batch, steps, 4], name="x")
cells = {
    "cifg": rnn.CoupledInputForgetGateLSTMCell(5, use_peepholes=True, num_proj=3,
                                               proj_clip=1.0, num_unit_shards=2,
                                               num_proj_shards=2),
    "cifg_ln": rnn.CoupledInputForgetGateLSTMCell(4, layer_norm=True, state_is_tuple=False),
    "nas": rnn.NASCell(4, num_proj=3, use_bias=True),
    "ugrnn": rnn.UGRNNCell(4, initializer=tf.random_normal_initializer(seed=2)),
    "inter": rnn.IntersectionRNNCell(5, num_in_proj=5),
    "highway": rnn.HighwayWrapper(rnn.GRUCell(4), couple_carry_transform_gates=False),
    "device": rnn.DeviceWrapper(rnn.BasicLSTMCell(3), "/cpu:0"),
    "inproj": rnn.InputProjectionWrapper(rnn.BasicRNNCell(3), 3, activation=tf.tanh),
}
for name, cell in sorted(cells.items()):
    o, s = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope=name)
    print(name, o.name, o.shape, [t.shape for t in tf.contrib.framework.nest.flatten(s)]
          if hasattr(tf.contrib.framework, "nest") else s)
xs = tf.unstack(x, axis=1)
out, sf, sb = rnn.stack_bidirectional_rnn([rnn.GRUCell(3), rnn.GRUCell(2)],
                                          [rnn.GRUCell(3), rnn.GRUCell(2)], xs,
                                          dtype=tf.float32)
print(len(out), out[0].shape, len(sf))
out2, sf2, sb2 = rnn.stack_bidirectional_dynamic_rnn(
    [rnn.LSTMCell(3)], [rnn.LSTMCell(3)], x, dtype=tf.float32,
    sequence_length=tf.constant([3, 2]), scope="sbd")
print(out2.name, out2.shape)
print(rnn.transpose_batch_time(x).shape, rnn.best_effort_input_batch_size([
    rnn.transpose_batch_time(x)]))


class Saver(object):
    def __init__(self):
        self.saved = []

    def state(self, name):
        return tf.zeros([batch, 3], name="init_" + name)

    def save_state(self, name, value):
        self.saved.append(name)
        return tf.identity(value, name="save_" + name)


sv = Saver()
so, ss = rnn.static_state_saving_rnn(rnn.BasicLSTMCell(3), xs, sv, ("c", "h"), scope="ssr")
print(so[-1].name, ss.c.name, ss.h.name, sv.saved)
print(names(tf.trainable_variables()))
g = tf.get_default_graph()
masks = [op.outputs[0] for op in g.get_operations() if op.type == "RandomUniform"]
print(names(masks))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
dump_ops()
'''

PROGRAMS["tf1_more"].append(("rnn_contrib_cells", RNN_CELLS))

RNN_CELLS2 = '''
rnn = tf.contrib.rnn
tf.set_random_seed(9)
batch, steps = 2, 3
x = tf.placeholder(tf.float32, [batch, steps, 4], name="x")
cells = {
    "sru": rnn.SRUCell(4),
    "ind": rnn.IndRNNCell(5),
    "indygru": rnn.IndyGRUCell(3),
    "indylstm": rnn.IndyLSTMCell(3, kernel_initializer=tf.glorot_normal_initializer()),
    "attn": rnn.AttentionCellWrapper(rnn.LSTMCell(4), 3, attn_vec_size=5),
    "attn_cat": rnn.AttentionCellWrapper(rnn.GRUCell(4), 2, state_is_tuple=False),
    "glstm": rnn.GLSTMCell(6, num_proj=4, number_of_groups=2),
    "glstm1": rnn.GLSTMCell(4, initializer=tf.random_normal_initializer(seed=3)),
}
for name, cell in sorted(cells.items()):
    o, s = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope=name)
    print(name, o.name, o.shape,
          [t.shape.as_list() for t in tf.contrib.framework.nest.flatten(s)])
t = tf.placeholder(tf.float32, [batch, steps, 1], name="t")
o, s = tf.nn.dynamic_rnn(rnn.PhasedLSTMCell(4, use_peepholes=True), (t, x), dtype=tf.float32,
                         scope="phased")
print(o.name, o.shape)
img = tf.placeholder(tf.float32, [batch, steps, 5, 5, 2], name="img")
c2 = rnn.Conv2DLSTMCell(input_shape=[5, 5, 2], output_channels=3, kernel_shape=[3, 3])
print(rnn.Conv2DLSTMCell(input_shape=[5, 5, 2], output_channels=3, kernel_shape=[3, 3],
                         skip_connection=True).output_size)
o, s = tf.nn.dynamic_rnn(c2, img, dtype=tf.float32, scope="conv2d")
print(o.name, o.shape, c2.output_size, c2.state_size)
seq = tf.placeholder(tf.float32, [batch, steps, 6, 2], name="seq")
c1 = rnn.Conv1DLSTMCell(input_shape=[6, 2], output_channels=2, kernel_shape=[3],
                        use_bias=False)
o, s = tf.nn.dynamic_rnn(c1, seq, dtype=tf.float32, scope="conv1d")
vol = tf.placeholder(tf.float32, [batch, 2, 3, 3, 3, 1], name="vol")
c3 = rnn.Conv3DLSTMCell(input_shape=[3, 3, 3, 1], output_channels=2, kernel_shape=[2, 2, 2])
o3, s3 = tf.nn.dynamic_rnn(c3, vol, dtype=tf.float32, scope="conv3d")
print(o.shape, o3.shape)
attempt(lambda: rnn.ConvLSTMCell(2, [4, 2], 3, [3, 3]))
tfc = rnn.TimeFreqLSTMCell(3, use_peepholes=True, cell_clip=2.0, feature_size=2,
                           frequency_skip=1, num_unit_shards=2)
with tf.variable_scope("timefreq"):
    tf_out, tf_state = tfc(tf.placeholder(tf.float32, [2, 4], name="spec"),
                           tf.placeholder(tf.float32, [2, 18], name="tf_state"))
print(tf_out.shape, tf_state.shape)
spec = tf.unstack(tf.placeholder(tf.float32, [2, 3, 6], name="spec_seq"), axis=1)
grid = rnn.GridLSTMCell(3, use_peepholes=True, num_frequency_blocks=[3], feature_size=2,
                        frequency_skip=2, cell_clip=1.5, num_unit_shards=2)
go, gs = rnn.static_rnn(grid, spec, dtype=tf.float32, scope="grid")
grid2 = rnn.GridLSTMCell(2, share_time_frequency_weights=True, couple_input_forget_gates=True,
                         use_peepholes=True, num_frequency_blocks=[1, 2],
                         start_freqindex_list=[0, 2], end_freqindex_list=[2, 6],
                         feature_size=2, frequency_skip=2, state_is_tuple=False)
go2, gs2 = rnn.static_rnn(grid2, spec, dtype=tf.float32, scope="grid2")
bgrid = rnn.BidirectionalGridLSTMCell(2, use_peepholes=True, num_frequency_blocks=[2],
                                      feature_size=3, frequency_skip=3,
                                      backward_slice_offset=1)
bo, bs = rnn.static_rnn(bgrid, spec, dtype=tf.float32, scope="bgrid")
print(go[-1].shape, len(gs), go2[-1].shape, gs2.shape, bo[-1].shape, type(bs).__name__,
      bs._fields[:3])
print(names(tf.trainable_variables()))
init = tf.global_variables_initializer()
# The phased cell's period initializer takes a Log (no kernel in philoxflow): its
# graph is compared, the other initial values too.
runnable = [v for v in tf.global_variables() if not v.name.startswith("phased/")]
with tf.Session() as s:
    s.run(tf.variables_initializer(runnable))
    dump_values(s, runnable)
dump_ops()
'''

PROGRAMS["tf1_more"].append(("rnn_contrib_cells2", RNN_CELLS2))

RNN_BLOCK = '''
rnn = tf.contrib.rnn
tf.set_random_seed(13)
batch, steps, vocab = 2, 4, 12
ids = tf.placeholder(tf.int32, [batch, steps], name="ids")
emb = tf.get_variable("embedding", [vocab, 5])
x = tf.nn.embedding_lookup(emb, ids)
cell = rnn.MultiRNNCell([rnn.LSTMBlockCell(6, use_peephole=True, cell_clip=3.0),
                         rnn.LSTMBlockCell(6)])
cell = rnn.DropoutWrapper(cell, output_keep_prob=0.7, seed=4)
out, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, sequence_length=[4, 3])
logits = tf.layers.dense(out, vocab)
loss = tf.losses.sparse_softmax_cross_entropy(ids, logits)
print(out.shape, [s.c.shape for s in state])
go, gs = tf.nn.dynamic_rnn(rnn.GRUBlockCell(3), x, dtype=tf.float32, scope="gru")
go2, gs2 = tf.nn.dynamic_rnn(rnn.GRUBlockCellV2(num_units=3), x, dtype=tf.float32,
                             scope="gru2")
attempt(lambda: rnn.GRUBlockCell())
tm = tf.transpose(x, [1, 0, 2])
fused = rnn.LSTMBlockFusedCell(4, use_peephole=True)
fo, fs = fused(tm, dtype=tf.float32, sequence_length=tf.constant([4, 2]), scope="fused")
bw = rnn.TimeReversedFusedRNN(rnn.LSTMBlockFusedCell(4))
bo, bs = bw(tm, dtype=tf.float32, scope="fused_bw")
bo2, bs2 = rnn.TimeReversedFusedRNN(rnn.LSTMBlockFusedCell(4))(
    tm, dtype=tf.float32, sequence_length=tf.constant([4, 2]), scope="fused_bw2")
lo = [0]
ao, as_ = rnn.FusedRNNCellAdaptor(rnn.GRUCell(3), use_dynamic_rnn=True)(
    tm, dtype=tf.float32, scope="adapt_dyn")
so, ss = rnn.FusedRNNCellAdaptor(rnn.BasicRNNCell(3))(tm, dtype=tf.float32, scope="adapt")
print(fo.shape, fs.c.shape, bo.shape, bo2.shape, len(lo), ao.shape, so.shape)
train = tf.train.AdamOptimizer(0.01).minimize(loss + tf.reduce_sum(go) + tf.reduce_sum(fo))
print(names(tf.trainable_variables()))
masks = [op.outputs[0] for op in tf.get_default_graph().get_operations()
         if op.type == "RandomUniform"]
print(names(masks))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
dump_ops()
'''

PROGRAMS["tf1_more"].append(("rnn_block_cells_language_model", RNN_BLOCK))

EMBEDDINGS = '''
layers = tf.contrib.layers
slim = tf.contrib.slim
tf.set_random_seed(21)
ids = tf.placeholder(tf.int64, [3, 4], name="ids")
e1 = layers.bow_encoder(ids, 10, 4, regularizer=slim.l2_regularizer(0.1))
e2 = layers.bow_encoder(tf.placeholder(tf.int32, [3, 5], name="dense"), 10, 4,
                        sparse_lookup=False, scope="dense_bow")
sp = tf.SparseTensor(tf.placeholder(tf.int64, [None, 2], name="sp_indices"),
                     tf.placeholder(tf.int64, [None], name="sp_values"), [3, 4])
e3 = layers.bow_encoder(sp, 6, 2, initializer=tf.random_uniform_initializer(-1, 1),
                        scope="sparse_bow")
emb = tf.get_variable("emb", [12, 3])
e4 = layers.safe_embedding_lookup_sparse(emb, sp)
wts = tf.SparseTensor(sp.indices, tf.placeholder(tf.float32, [None], name="w"), [3, 4])
e5 = layers.safe_embedding_lookup_sparse([tf.get_variable("emb2", [8, 2])], sp, wts,
                                         combiner="sqrtn", default_id=3)
u = layers.embedding_lookup_unique(tf.get_variable("emb3", [9, 5]),
                                   tf.constant([[1, 2, 1], [0, 8, 2]]))
b = slim.bucketize(tf.constant([[-1.0, 0.5], [3.0, 10.0]]), [0.0, 1.0, 5.0])
print(e1.shape, e2.shape, e3.shape, e4.shape, e5.shape, u.shape, b.dtype, b.shape)
print(layers.SPARSE_FEATURE_CROSS_DEFAULT_HASH_KEY)
print(names(slim.get_model_variables()), names(tf.get_collection("regularization_losses")))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
dump_ops()
'''

PROGRAMS["tf1_more"].append(("embeddings_bow_bucketize", EMBEDDINGS))

TARGETS = '''
layers = tf.contrib.layers
slim = tf.contrib.slim
x = tf.placeholder(tf.float32, [4, 3], name="x")
feats = {"w": tf.placeholder(tf.float32, [4], name="w")}
logits1 = layers.fully_connected(x, 1, activation_fn=None, scope="l1")
logits3 = layers.fully_connected(x, 3, activation_fn=None, scope="l3")
y = tf.placeholder(tf.int64, [4], name="y")
yf = tf.placeholder(tf.float32, [4], name="yf")
reg = layers.regression_target(weight_column_name="w")
bin_ = layers.multi_class_target(2)
multi = layers.multi_class_target(3, weight_column_name="w")
svm = slim.binary_svm_target()
print(reg.problem_type, multi.num_label_columns, bin_.num_label_columns,
      slim.ProblemType.CLASSIFICATION)
print(reg.training_loss(logits1, yf, feats).name, reg.loss(logits1, yf, feats).name)
print(bin_.training_loss(logits1, y, feats).name, multi.loss(logits3, y, feats).name)
print(svm.training_loss(logits1, y, feats).name)
print(reg.logits_to_predictions(logits1).name, multi.logits_to_predictions(logits3, True).name,
      bin_.logits_to_predictions(logits1).name, svm.logits_to_predictions(logits1).name)
ev = bin_.get_eval_ops(feats, logits1, y)
print(sorted(ev))
ev2 = layers.multi_class_target(3).get_eval_ops(feats, logits3, y)
print(sorted(ev2))
print(sorted(slim.get_default_binary_metrics_for_eval([0.3, 0.7])))
attempt(lambda: layers.multi_class_target(1))
attempt(lambda: svm.logits_to_predictions(logits1, proba=True))
print(names(tf.local_variables()))
dump_ops()
'''

PROGRAMS["tf1_more"].append(("target_columns", TARGETS))

CONV3D_TRANSPOSE = '''
slim = tf.contrib.slim
tf.set_random_seed(17)
v = tf.placeholder(tf.float32, [2, 3, 4, 4, 2], name="v")
with slim.arg_scope([slim.conv3d_transpose], weights_regularizer=slim.l2_regularizer(0.01)):
    a = slim.conv3d_transpose(v, 4, [3, 3, 3], stride=2)
    b = slim.conv3d_transpose(a, 2, 2, padding="VALID", normalizer_fn=slim.batch_norm,
                              scope="up2")
c = tf.layers.conv3d_transpose(tf.placeholder(tf.float32, [None, 2, 3, 3, 1], name="u"), 3,
                               [2, 2, 2], strides=(1, 2, 2), name="tl")
d = tf.layers.Conv3DTranspose(2, 3, padding="same", use_bias=False)(b)
print(a.shape, b.shape, c.shape, d.shape)
print(names(slim.get_model_variables()), names(tf.get_collection("regularization_losses")))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
dump_ops()
'''

PROGRAMS["tf1_more"].append(("conv3d_transpose", CONV3D_TRANSPOSE))

GDN_PROGRAM = '''
layers = tf.contrib.layers
tf.set_random_seed(2)
x = tf.placeholder(tf.float32, [2, 6, 6, 3], name="x")
h = layers.conv2d(x, 4, 3, activation_fn=None, scope="enc")
h = layers.gdn(h, name="gdn1")
y = layers.gdn(h, inverse=True, name="igdn")
z = layers.GDN()(tf.placeholder(tf.float32, [2, 5, 3], name="z"))
attempt(lambda: layers.GDN(data_format="nhwc"))
loss = tf.reduce_sum(tf.square(y))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
print(y.shape, z.shape, names(tf.trainable_variables()))
print([op.name for op in tf.get_default_graph().get_operations() if op.type == "Maximum"])
# (GDN's initializers take a Sqrt, which has no kernel in philoxflow: the conv weights only)
with tf.Session() as s:
    s.run(tf.variables_initializer(tf.model_variables()))
    dump_values(s, tf.model_variables())
dump_ops()
'''

PROGRAMS["tf1_more"].append(("gdn", GDN_PROGRAM))

FEATURE_COLUMNS = '''
layers = tf.contrib.layers
tf.set_random_seed(31)


def sparse(name, dtype, batch=3):
    return tf.SparseTensor(tf.placeholder(tf.int64, [None, 2], name=name + "_i"),
                           tf.placeholder(dtype, [None], name=name + "_v"), [batch, 2])


age = layers.real_valued_column("age")
hours = layers.real_valued_column("hours", dimension=2, default_value=0.0,
                                  normalizer=lambda x: x / 40.0)
age_buckets = layers.bucketized_column(age, boundaries=[18, 25, 30, 35, 40, 50, 65])
hours_buckets = layers.bucketized_column(hours, [10.0, 20.0, 40.0])
occupation = layers.sparse_column_with_hash_bucket("occupation", hash_bucket_size=50)
native = layers.sparse_column_with_hash_bucket("native", 20, dtype=tf.int64)
ids = layers.sparse_column_with_integerized_feature("ids", bucket_size=10)
wids = layers.weighted_sparse_column(ids, "ids_weight")
gender = layers.sparse_column_with_keys("gender", keys=["F", "M"])
cross = layers.crossed_column([occupation, age_buckets], hash_bucket_size=100)
shared = layers.shared_embedding_columns([occupation, layers.sparse_column_with_hash_bucket(
    "occupation2", 50)], dimension=3)
features = {
    "age": tf.placeholder(tf.float32, [None, 1], name="age"),
    "hours": tf.placeholder(tf.float32, [None, 2], name="hours"),
    "occupation": sparse("occupation", tf.string),
    "occupation2": tf.placeholder(tf.string, [None, 2], name="occupation2"),
    "native": sparse("native", tf.int64),
    "ids": sparse("ids", tf.int64),
    "ids_weight": sparse("ids_weight", tf.float32),
}
wide = [occupation, native, wids, age_buckets, hours_buckets]
deep = [layers.embedding_column(occupation, dimension=4),
        layers.embedding_column(wids, dimension=2, combiner="sqrtn"),
        layers.one_hot_column(ids), layers.one_hot_column(native), age, hours,
        hours_buckets] + list(shared)
for c in sorted(wide + deep, key=lambda c: c.key):
    print(c.name, c.key if "hours" not in c.name else "")  # (a lambda's address)
print(gender.name, gender.length, cross.name, cross.length, shared[0].name)
deep_in = layers.input_from_feature_columns(features, deep, weight_collections=["deep"])
logits, col_vars, bias = layers.weighted_sum_from_feature_columns(features, wide, 1,
                                                                  scope="linear")
jl, jv, jb = layers.joint_weighted_sum_from_feature_columns(
    features, [occupation, native], 2)
seq = layers.sequence_input_from_feature_columns(
    {"s": tf.placeholder(tf.float32, [None, 4, 1], name="s")},
    [layers.real_valued_column("s")])
tf_ = layers.transform_features(features, [age_buckets, occupation])
print(deep_in.shape, logits.shape, jl.shape, seq.shape, sorted(c.name for c in tf_))
print(sorted(layers.create_feature_spec_for_parsing(deep + wide)))
ph = layers.make_place_holder_tensors_for_base_features([age, occupation])
print(sorted((k, type(v).__name__) for k, v in ph.items()))
attempt(lambda: layers.check_feature_columns([age, layers.real_valued_column("age")]))
attempt(lambda: layers.input_from_feature_columns(features, [occupation]))
attempt(lambda: layers.real_valued_column("x", default_value="a"))
attempt(lambda: layers.bucketized_column(age, [3, 1]))
print(names(tf.global_variables()), names(tf.get_collection("deep")))


class Series(object):
    def required_base_features(self):
        return {"age": None}

    def build(self, cache):
        return tf.cast(cache["age"] * 2, tf.int32)


# (unhashable under Python 3, in TF too: it cannot key the features dict)
dfc = tf.contrib.slim.DataFrameColumn("age2", Series())
print(dfc.name, dfc.key, sorted(dfc.config), dfc._to_dense_tensor(features["age"]).name)
attempt(lambda: dfc.insert_transformed_feature(dict(features)))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    dump_values(s)
dump_ops()
'''

PROGRAMS["tf1_more"].append(("feature_columns_wide_deep", FEATURE_COLUMNS))

COMPILED = '''
rnn = tf.contrib.rnn
layers = tf.contrib.layers
tf.set_random_seed(8)
x = tf.placeholder(tf.float32, [2, 3, 4], name="x")
cell = rnn.MultiRNNCell([rnn.CompiledWrapper(rnn.LSTMCell(3)),
                         rnn.CompiledWrapper(rnn.DropoutWrapper(rnn.GRUCell(3),
                                                                output_keep_prob=0.5, seed=1),
                                             compile_stateful=True)])
out, st = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
for op in tf.get_default_graph().get_operations():
    try:
        print(op.name, op.get_attr("_XlaCompile"), op.get_attr("_XlaScope"),
              op.get_attr("_XlaSeparateCompiledGradients"))
    except ValueError:
        print(op.name, "-")
cols = layers.infer_real_valued_columns({"a": tf.placeholder(tf.float32, [None, 2, 3]),
                                         "b": tf.placeholder(tf.int64, [None])})
print(sorted(c.key for c in cols), layers.infer_real_valued_columns(x)[0].key)
attempt(lambda: layers.infer_real_valued_columns({"s": tf.placeholder(tf.string, [None])}))
'''

PROGRAMS["tf1_more"].append(("compiled_wrapper_infer_columns", COMPILED))

REMAP = '''
cf = tf.contrib.framework
tf.set_random_seed(4)
ckpt = CKPT_DIR + "/model"
init = cf.load_and_remap_matrix_initializer(
    ckpt, "emb", new_row_vocab_size=5, new_col_vocab_size=3,
    old_row_vocab_file=CKPT_DIR + "/old_rows.txt", new_row_vocab_file=CKPT_DIR + "/rows.txt",
    num_row_oov_buckets=1, num_col_oov_buckets=1,
    initializer=tf.random_uniform_initializer(-0.1, 0.1))
a = tf.get_variable("a", [6, 4], initializer=init)
b = tf.get_variable("b", [6, 4], initializer=init, partitioner=tf.fixed_size_partitioner(2))
e = tf.get_variable("e", [7, 2], initializer=cf.load_embedding_initializer(
    ckpt, "emb", 6, 2, CKPT_DIR + "/old.txt", CKPT_DIR + "/new.txt", num_oov_buckets=1))
c = tf.get_variable("c", [4, 1], initializer=cf.load_linear_multiclass_bias_initializer(
    ckpt, "bias", 4, CKPT_DIR + "/oc.txt", CKPT_DIR + "/nc.txt"))
s = tf.get_variable("s", [6, 4], initializer=cf.load_variable_slot_initializer(
    ckpt, "slot", None, 5, 3, old_col_vocab_file=CKPT_DIR + "/oc.txt",
    new_col_vocab_file=CKPT_DIR + "/nc.txt", num_row_oov_buckets=1, num_col_oov_buckets=1))
attempt(lambda: tf.get_variable("d", [6, 5], initializer=init))
attempt(lambda: cf.load_and_remap_matrix_initializer(ckpt, "x", 2, 2)([2, 2]))
print(names(tf.global_variables()))
dump_ops()
'''

PROGRAMS["tf1_more"].append(("load_and_remap_initializers", REMAP))
