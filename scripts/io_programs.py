"""The input-pipeline and training-loop programs of scripts/ref_io.py (name -> source).

Each program builds a graph with `tf` (TF 1.15's `import tensorflow as tf`), puts the
tensors whose static shapes matter in `out` and plain Python results in `vals`.
"""

PROGRAMS = {
    "fifo_queue": """
q = tf.FIFOQueue(10, [tf.float32, tf.int32], shapes=[[3], []])
x = tf.placeholder(tf.float32, [3], name="x")
enq = q.enqueue([x, 7])
many = q.enqueue_many([tf.zeros([4, 3]), tf.range(4)])
a, b = q.dequeue()
c, d = q.dequeue_many(5)
e, f = q.dequeue_up_to(2)
out = [a, b, c, d, e, f, q.size(), q.is_closed()]
close = q.close()
close2 = q.close(cancel_pending_enqueues=True, name="cancel")
vals = [q.name, [str(s) for s in q.shapes], [t.name for t in q.dtypes]]
""",
    "queue_kinds": """
q1 = tf.PaddingFIFOQueue(5, [tf.float32], shapes=[[None, 2]], name="pad")
q2 = tf.PriorityQueue(5, [tf.string], shapes=[[]])
q3 = tf.FIFOQueue(3, tf.float32, names="x")
q4 = tf.FIFOQueue(3, [tf.float32], shared_name="shared")
out = [q1.dequeue_many(2), q3.dequeue()["x"]] + list(q2.dequeue())
ops = [q1.enqueue([tf.ones([3, 2])]), q2.enqueue([tf.constant(3, tf.int64), "a"]),
       q3.enqueue({"x": 1.0}), q4.enqueue(2.0)]
q5 = tf.FIFOQueue(3, [tf.float32], shapes=[[2]])
sel = tf.QueueBase.from_list(tf.constant(1), [q4, q5])
out.append(sel.dequeue())
vals = [q2.dtypes[0].name, len(q2.shapes), q3.names, [str(s) for s in sel.shapes]]
""",
    "random_shuffle_queue_seeds": """
tf.set_random_seed(42)
x = tf.constant([1.0, 2.0])
q1 = tf.RandomShuffleQueue(20, 5, [tf.float32], shapes=[[2]])
q2 = tf.RandomShuffleQueue(20, 5, [tf.float32], seed=7)
q3 = tf.RandomShuffleQueue(20, 5, tf.int64, shared_name="sq", name="named")
q4 = tf.RandomShuffleQueue(20, 5, tf.int64, seed=3, shared_name="sq2")
e = q1.enqueue(x)
out = [q1.dequeue_many(4), q3.dequeue()]
""",
    "random_shuffle_queue_no_seed": """
q = tf.RandomShuffleQueue(8, 2, [tf.float32, tf.int32], shapes=[[], [2]])
out = list(q.dequeue())
""",
    "accumulators": """
acc = tf.ConditionalAccumulator(tf.float32, shape=[2, 3])
g = tf.placeholder(tf.float32, [2, 3])
ap = acc.apply_grad(g, local_step=tf.constant(3))
tk = acc.take_grad(2)
n = acc.num_accumulated()
gs = acc.set_global_step(5)
sacc = tf.SparseConditionalAccumulator(tf.float32, shape=[4], name="sacc")
sap = sacc.apply_grad([0, 2], tf.ones([2]), grad_shape=[4])
st = sacc.take_indexed_slices_grad(1)
out = [tk, n, st.indices, st.values, st.dense_shape, sacc.num_accumulated()]
vals = [acc.name, sacc.name, acc.dtype.name]
""",
    "readers": """
files = tf.constant(["a.tfrecord", "b.tfrecord"])
q = tf.FIFOQueue(4, tf.string)
e = q.enqueue_many([files])
r1 = tf.TFRecordReader()
k1, v1 = r1.read(q)
r2 = tf.TextLineReader(skip_header_lines=1)
k2, v2 = r2.read_up_to(q, 8)
r3 = tf.WholeFileReader(name="whole")
r4 = tf.FixedLengthRecordReader(record_bytes=3073, header_bytes=1)
r5 = tf.IdentityReader()
r6 = tf.TFRecordReader(options=tf.python_io.TFRecordOptions(
    tf.python_io.TFRecordCompressionType.GZIP))
r7 = tf.LMDBReader()
k7, v7 = r7.read(q)
out = [k1, v1, k2, v2, r1.num_records_produced(), r3.num_work_units_completed(),
       r5.serialize_state(), k7, v7]
ops = [r1.reset(), r5.restore_state(r5.serialize_state())]
vals = [r5.supports_serialize, r1.supports_serialize]
""",
    "parse_example": """
serialized = tf.placeholder(tf.string, [None], name="serialized")
features = {
    "image": tf.FixedLenFeature([], tf.string),
    "label": tf.FixedLenFeature([], tf.int64, default_value=0),
    "shape": tf.FixedLenFeature([3], tf.int64, default_value=[1, 2, 3]),
    "tags": tf.VarLenFeature(tf.string),
    "seq": tf.FixedLenSequenceFeature([2], tf.float32, allow_missing=True),
    "sp": tf.SparseFeature("ix", "val", tf.float32, 10),
}
p = tf.parse_example(serialized, features)
out = [p["image"], p["label"], p["shape"], p["tags"].indices, p["tags"].values,
       p["seq"], p["sp"].indices]
vals = sorted(p)
""",
    "parse_single_example": """
record = tf.placeholder(tf.string, [], name="record")
p = tf.parse_single_example(record, {
    "image/encoded": tf.FixedLenFeature([], tf.string, default_value=""),
    "image/class/label": tf.FixedLenFeature([1], tf.int64, default_value=-1),
    "weights": tf.FixedLenFeature([2, 2], tf.float32),
    "ids": tf.VarLenFeature(tf.int64)})
out = [p["image/encoded"], p["image/class/label"], p["weights"], p["ids"].indices,
       p["ids"].values, p["ids"].dense_shape]
""",
    "parse_single_sequence_example": """
record = tf.placeholder(tf.string, [], name="record")
ctx, seq = tf.parse_single_sequence_example(
    record, context_features={"length": tf.FixedLenFeature([], tf.int64),
                              "meta": tf.VarLenFeature(tf.string)},
    sequence_features={"tokens": tf.FixedLenSequenceFeature([], tf.int64),
                       "extra": tf.VarLenFeature(tf.float32)})
out = [ctx["length"], ctx["meta"].values, seq["tokens"], seq["extra"].indices]
""",
    "decode": """
line = tf.placeholder(tf.string, [None], name="line")
cols = tf.decode_csv(line, [[0.0], [0], [""], tf.constant([1], tf.int64)], field_delim=";")
raw = tf.decode_raw(tf.placeholder(tf.string, [5]), tf.uint8)
raw2 = tf.decode_raw(tf.placeholder(tf.string, []), tf.float32, little_endian=False, name="d")
out = cols + [raw, raw2]
""",
    "string_ops": """
s = tf.placeholder(tf.string, [None], name="s")
sp = tf.string_split(s)
sp2 = tf.string_split(s, delimiter=",", skip_empty=False)
out = [sp.indices, sp.values, sp.dense_shape, sp2.values,
       tf.regex_replace(s, "a+", "b"), tf.regex_replace(s, tf.constant("x"), "y"),
       tf.reduce_join(s), tf.reduce_join(tf.placeholder(tf.string, [2, 3]), 1, keep_dims=True),
       tf.reduce_join(tf.placeholder(tf.string), separator=" "),
       tf.substr(s, 0, 3), tf.string_to_number(s), tf.string_to_number(s, tf.int32, name="n"),
       tf.string_to_hash_bucket(s, 100)]
""",
}

PROGRAMS.update({
    "tfrecord_pipeline": """
tf.set_random_seed(5)
filename_queue = tf.train.string_input_producer(["a.tfrecord", "b.tfrecord"], num_epochs=3)
reader = tf.TFRecordReader()
_, serialized = reader.read(filename_queue)
features = tf.parse_single_example(serialized, features={
    "image_raw": tf.FixedLenFeature([], tf.string),
    "label": tf.FixedLenFeature([], tf.int64)})
image = tf.decode_raw(features["image_raw"], tf.uint8)
image.set_shape([784])
image = tf.cast(image, tf.float32) * (1. / 255) - 0.5
label = tf.cast(features["label"], tf.int32)
images, labels = tf.train.shuffle_batch([image, label], batch_size=16, num_threads=2,
                                        capacity=1000 + 3 * 16, min_after_dequeue=1000)
w = tf.Variable(tf.random_normal([784, 10]))
out = [images, labels, tf.matmul(images, w)]
vals = [[qr.name for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)],
        [[op.name for op in qr.enqueue_ops] for qr in tf.get_collection("queue_runners")],
        [qr.close_op.name for qr in tf.get_collection("queue_runners")],
        [qr.cancel_op.name for qr in tf.get_collection("queue_runners")],
        [v.name for v in tf.local_variables()],
        [s.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)]]
""",
    "csv_pipeline": """
fq = tf.train.string_input_producer(tf.constant(["x.csv"]), shuffle=False, capacity=8)
reader = tf.TextLineReader(skip_header_lines=1)
key, value = reader.read(fq)
c1, c2, c3 = tf.decode_csv(value, record_defaults=[[1.0], [1.0], [0]])
feats = tf.stack([c1, c2])
b = tf.train.batch([feats, c3], batch_size=4, capacity=20, allow_smaller_final_batch=True)
bd = tf.train.batch({"f": feats, "l": c3}, batch_size=4, dynamic_pad=True, name="dict")
out = b + [bd["f"], bd["l"]]
""",
    "producers": """
tf.set_random_seed(1)
x = tf.constant(np.arange(12, dtype=np.float32).reshape(6, 2))
y = tf.constant(np.arange(6))
xs, ys = tf.train.slice_input_producer([x, y], num_epochs=2, seed=3)
rq = tf.train.range_input_producer(10, shuffle=False)
iq = tf.train.input_producer(x, element_shape=[2], num_epochs=1, summary_name="s")
le = tf.train.limit_epochs(tf.constant([1, 2]), 4)
mf = tf.train.match_filenames_once("/tmp/*.none")
out = [xs, ys, rq.dequeue(), iq.dequeue(), le]
vals = [v.name for v in tf.local_variables()]
""",
    "batch_variants": """
tf.set_random_seed(2)
x = tf.placeholder(tf.float32, [3], name="x")
y = tf.placeholder(tf.int64, [], name="y")
keep = tf.placeholder(tf.bool, [], name="keep")
a = tf.train.maybe_batch([x, y], keep, 5, num_threads=3)
b = tf.train.batch_join([[x, y], [x * 2, y + 1]], 4, enqueue_many=False)
c = tf.train.shuffle_batch_join([[x], [x + 1]], 6, capacity=30, min_after_dequeue=10, seed=9)
d = tf.train.maybe_shuffle_batch([x, y], 2, 40, 4, keep)
xm = tf.placeholder(tf.float32, [None, 3], name="xm")
km = tf.placeholder(tf.bool, [None], name="km")
e = tf.train.maybe_batch([xm], km, 3, enqueue_many=True)
f = tf.train.shuffle_batch([xm], 8, 50, 10, enqueue_many=True, allow_smaller_final_batch=True)
g = tf.train.maybe_batch_join([[xm], [xm]], km, 3, enqueue_many=True)
h = tf.train.maybe_shuffle_batch_join([[xm]], 3, 20, 5, km, enqueue_many=True)
out = a + b + [c, d[0], e, f, g, h]
""",
    "batch_errors": """
x = tf.placeholder(tf.float32, [3], name="x")
tf.train.shuffle_batch([x], 4, capacity=10, min_after_dequeue=10)
""",
})

PROGRAMS.update({
    "decays": """
tf.set_random_seed(11)
step = tf.train.get_or_create_global_step()
a = tf.train.cosine_decay_restarts(0.1, step, 1000)
b = tf.train.cosine_decay_restarts(0.1, step, 100, t_mul=1.0, m_mul=0.9, alpha=0.01,
                                   name="sgdr")
c = tf.train.linear_cosine_decay(0.1, step, 500)
d = tf.train.noisy_linear_cosine_decay(0.1, step, 500)
e = tf.train.linear_cosine_decay(0.5, step, 50, num_periods=2.0, alpha=0.1, beta=0.0)
f = tf.train.piecewise_constant_decay(step, [100, 200], [1.0, 0.5, 0.1])
r = tf.random_uniform([2])
out = [a, b, c, d, e, f, r]
""",
    "decay_errors": """
tf.train.noisy_linear_cosine_decay(0.1, None, 500)
""",
    "decay_float64_noise": """
step = tf.train.get_or_create_global_step()
tf.train.noisy_linear_cosine_decay(tf.constant(0.5, tf.float64), step, 50)
""",
})

PROGRAMS.update({
    "example_protos": """
ex = tf.train.Example(features=tf.train.Features(feature={
    "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[3, -1, 2**40])),
    "image": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"\\x00\\xffab", b""])),
    "weights": tf.train.Feature(float_list=tf.train.FloatList(value=[0.1, -2.5, 1e30])),
    "empty": tf.train.Feature(float_list=tf.train.FloatList())}))
ex.features.feature["extra"].int64_list.value.append(7)
ex.features.feature["more"].bytes_list.value.extend([b"x", b"yz"])
data = ex.SerializeToString(deterministic=True)
back = tf.train.Example.FromString(data)
seq = tf.train.SequenceExample()
seq.context.feature["len"].int64_list.value.append(2)
fl = seq.feature_lists.feature_list["tokens"]
fl.feature.add().int64_list.value.extend([1, 2])
fl.feature.add().int64_list.value.extend([3])
seq.feature_lists.feature_list["none"]
empty = tf.train.Feature(bytes_list=tf.train.BytesList())
vals = [data.hex(), seq.SerializeToString(deterministic=True).hex(),
        back.features.feature["weights"].float_list.value[:],
        back.features.feature["label"].WhichOneof("kind"),
        sorted(back.features.feature.keys()), back == ex, empty.SerializeToString().hex(),
        empty.WhichOneof("kind"), tf.train.Feature().WhichOneof("kind"),
        len(fl.feature), tf.train.Example().SerializeToString().hex(),
        ex.features.HasField("feature") if False else ex.HasField("features")]
""",
    "cluster_protos": """
job = tf.train.JobDef(name="worker", tasks={0: "localhost:2222", 1: "localhost:2223"})
cluster = tf.train.ClusterDef(job=[job, tf.train.JobDef(name="ps", tasks={0: "h:1"})])
server = tf.train.ServerDef(cluster=cluster, job_name="worker", task_index=1,
                            protocol="grpc")
saver = tf.train.SaverDef(filename_tensor_name="save/Const:0", max_to_keep=5, sharded=True,
                          keep_checkpoint_every_n_hours=0.5, version=tf.train.SaverDef.V2)
vals = [cluster.SerializeToString(deterministic=True).hex(),
        server.SerializeToString(deterministic=True).hex(),
        saver.SerializeToString(deterministic=True).hex(),
        tf.train.ServerDef.FromString(server.SerializeToString()).cluster.job[0].tasks[1],
        str(tf.train.JobDef(name="a", tasks={3: "b"}))]
""",
})

PROGRAMS.update({
    "scaffold_and_hooks": """
tf.set_random_seed(3)
x = tf.placeholder(tf.float32, [None, 4], name="x")
w = tf.get_variable("w", [4, 1])
loss = tf.reduce_mean(tf.square(tf.matmul(x, w)))
step = tf.train.get_or_create_global_step()
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=step)
acc, acc_update = tf.metrics.mean(loss)
tf.summary.scalar("loss", loss)
hooks = [tf.train.StopAtStepHook(last_step=5), tf.train.NanTensorHook(loss),
         tf.train.LoggingTensorHook({"loss": loss}, every_n_iter=2),
         tf.train.StepCounterHook(every_n_steps=10),
         tf.train.CheckpointSaverHook("/tmp/philoxflow_io_unused", save_steps=100),
         tf.train.GlobalStepWaiterHook(0), tf.train.FinalOpsHook(loss),
         tf.train.FeedFnHook(lambda: {})]
after = tf.random_uniform([2])
scaffold = tf.train.Scaffold()
summary_hook = tf.train.SummarySaverHook(save_steps=1, scaffold=scaffold)
for h in hooks + [summary_hook]:
    h.begin()
scaffold.finalize()
out = [scaffold.ready_op, scaffold.ready_for_local_init_op, scaffold.summary_op, after]
vals = [scaffold.init_op.name, scaffold.ready_op.name, scaffold.local_init_op.name,
        scaffold.summary_op.name, scaffold.saver.saver_def.filename_tensor_name,
        scaffold.saver.saver_def.save_tensor_name, scaffold.saver.saver_def.restore_op_name,
        scaffold.saver.saver_def.sharded, tf.get_default_graph().finalized,
        [t.name for t in tf.get_collection("global_step_read_op_cache")]]
""",
    "scaffold_given_ops": """
v = tf.Variable(1.0, name="v")
lv = tf.Variable(2.0, name="lv", collections=[tf.GraphKeys.LOCAL_VARIABLES])
saver = tf.train.Saver()
init = tf.group(tf.global_variables_initializer(), name="my_init")
scaffold = tf.train.Scaffold(init_op=init, saver=saver, local_init_op=tf.no_op("my_local"))
scaffold.finalize()
copy = tf.train.Scaffold(copy_from_scaffold=scaffold)
vals = [scaffold.init_op.name, scaffold.local_init_op.name, scaffold.saver is saver,
        copy.saver is saver, copy.init_op.name,
        [op.name for op in tf.get_collection(tf.GraphKeys.READY_OP)]]
out = [tf.report_uninitialized_variables([v])] if False else []
""",
    "report_uninitialized": """
a = tf.Variable(tf.zeros([2]), name="a")
b = tf.get_variable("b", [3], initializer=tf.ones_initializer())
r1 = tf.report_uninitialized_variables()
r2 = tf.report_uninitialized_variables([a], name="just_a")
out = [r1, r2]
""",
    "report_uninitialized_empty": """
out = [tf.report_uninitialized_variables()]
""",
    "sharded_saver": """
a = tf.Variable(tf.zeros([2]), name="a")
b = tf.get_variable("b", [3], initializer=tf.ones_initializer())
s = tf.train.Saver(sharded=True, max_to_keep=2)
d = s.as_saver_def()
vals = [d.filename_tensor_name, d.save_tensor_name, d.restore_op_name, d.sharded]
""",
})

PROGRAMS.update({
    "replica_device_setter": """
cluster = tf.train.ClusterSpec({"ps": ["ps0:2222", "ps1:2222"],
                                "worker": {0: "w0:2222", 3: "w3:2222"}})
with tf.device(tf.train.replica_device_setter(cluster=cluster)):
    w1 = tf.Variable(tf.zeros([3]), name="w1")
    w2 = tf.get_variable("w2", [2])
    w3 = tf.Variable(1.0, name="w3")
    y = w1 * 2.0
with tf.device(tf.train.replica_device_setter(ps_tasks=3, worker_device="/job:worker/task:1",
                                              ps_device="/job:ps/cpu:0")):
    with tf.device("/gpu:0"):
        v = tf.Variable(2.0, name="v")
        z = v + 1.0
none = tf.train.replica_device_setter(cluster={"worker": ["a:1"]})
c2 = tf.train.ClusterSpec(cluster.as_cluster_def())
vals = [str(cluster), cluster.as_dict(), cluster.jobs, cluster.num_tasks("worker"),
        cluster.task_indices("worker"), cluster.task_address("ps", 1),
        cluster.job_tasks("worker"), none is None, c2 == cluster.as_dict(), bool(cluster),
        cluster.as_cluster_def().SerializeToString(deterministic=True).hex()]
""",
    "sdca_and_vocab": """
w = tf.placeholder(tf.float32, [4], name="w")
s = tf.train.sdca_shrink_l1([tf.Variable(tf.zeros([4]))], l1=0.1, l2=0.2)
f = tf.train.sdca_fprint(tf.placeholder(tf.string, [None]))
vi = tf.train.VocabInfo("new.txt", 10, 1, "old.txt")
out = [f]
vals = [list(vi), tf.train.assert_global_step(tf.train.get_or_create_global_step())]
""",
})

from io_programs_run import RUN_PROGRAMS  # noqa: E402 - the session programs

PROGRAMS.update(RUN_PROGRAMS)
