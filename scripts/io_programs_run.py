"""The session-running programs of scripts/ref_io.py (and the graphs added after them):
they run their graphs and put plain results in `vals`."""

RUN_PROGRAMS: dict = {}

# Programs that run their graphs in a session (results in `vals`).
RUN_PROGRAMS.update({
    "run_queues": """
tf.set_random_seed(7)
q = tf.FIFOQueue(10, [tf.float32, tf.int32], shapes=[[2], []])
enq = q.enqueue_many([tf.constant(np.arange(8, dtype=np.float32).reshape(4, 2)), tf.range(4)])
one = q.enqueue([tf.constant([9.0, 9.5]), 9])
a, b = q.dequeue()
c, d = q.dequeue_many(2)
e, f = q.dequeue_up_to(5)
pq = tf.PaddingFIFOQueue(5, [tf.int64], shapes=[[None]])
pe = [pq.enqueue([tf.constant([1, 2, 3], tf.int64)]), pq.enqueue([tf.constant([4], tf.int64)])]
pd = pq.dequeue_many(2)
rq = tf.RandomShuffleQueue(20, 0, [tf.int64], shapes=[[]], seed=3)
renq = rq.enqueue_many([tf.constant(np.arange(10, dtype=np.int64))])
rd = rq.dequeue_many(6)
rq2 = tf.RandomShuffleQueue(20, 2, [tf.int32], shapes=[[]])
renq2 = rq2.enqueue_many([tf.range(12)])
rd2 = rq2.dequeue_up_to(20)
prio = tf.PriorityQueue(5, [tf.float32], shapes=[[]])
penq = prio.enqueue_many([tf.constant([3, 1, 2], tf.int64), tf.constant([30., 10., 20.])])
pdq = prio.dequeue_many(3)
vals = []
with tf.Session() as sess:
    sess.run(enq)
    sess.run(one)
    vals.append(int(sess.run(q.size())))
    vals.append([x.tolist() for x in sess.run([a, b])])
    vals.append([x.tolist() for x in sess.run([c, d])])
    sess.run(q.close())
    vals.append(bool(sess.run(q.is_closed())))
    vals.append([x.tolist() for x in sess.run([e, f])])
    try:
        sess.run(a)
    except tf.errors.OutOfRangeError as err:
        vals.append(type(err).__name__)
    try:
        sess.run(one)
    except tf.errors.CancelledError as err:
        vals.append(type(err).__name__)
    sess.run(pe[0])
    sess.run(pe[1])
    vals.append(sess.run(pd).tolist())
    sess.run(renq)
    vals.append(sess.run(rd).tolist())
    vals.append(int(sess.run(rq.size())))
    sess.run(renq2)
    sess.run(rq2.close())
    vals.append(sorted(sess.run(rd2).tolist()))
    sess.run(penq)
    vals.append([x.tolist() for x in sess.run(pdq)])
""",
    "run_random_shuffle_queue_graph_seed": """
tf.set_random_seed(1234)
x = tf.random_uniform([3])
rq = tf.RandomShuffleQueue(50, 0, [tf.int32], shapes=[[]])
renq = rq.enqueue_many([tf.range(40)])
rd = rq.dequeue_many(40)
with tf.Session() as sess:
    sess.run(renq)
    first = sess.run(rd).tolist()
    sess.run(renq)
    second = sess.run(rd).tolist()
vals = [first, second]
""",
    "run_count_up_to": """
v = tf.Variable(0, name="v")
c = v.count_up_to(2)
with tf.control_dependencies([c]):
    i = tf.identity(tf.constant([1.0]))
vals = []
with tf.Session() as sess:
    sess.run(v.initializer)
    for _ in range(3):
        try:
            vals.append(int(sess.run(c)))
        except tf.errors.OutOfRangeError as e:
            vals.append([type(e).__name__, str(e).split("\\n")[0]])
    sess.run(v.initializer)
    for _ in range(3):
        try:
            vals.append(sess.run(i).tolist())
        except tf.errors.OutOfRangeError as e:
            vals.append(type(e).__name__)
""",
    "run_slice_input_pipeline": """
tf.set_random_seed(11)
x = tf.constant(np.arange(20, dtype=np.float32).reshape(10, 2))
y = tf.constant(np.arange(10, dtype=np.int64))
xs, ys = tf.train.slice_input_producer([x, y], num_epochs=2, seed=5)
bx, by = tf.train.batch([xs, ys], batch_size=3, allow_smaller_final_batch=True)
noise = tf.random_normal([2])
vals = []
with tf.Session() as sess:
    sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(sess=sess, coord=coord)
    try:
        while True:
            v = sess.run([bx, by])
            vals.append([v[0].tolist(), v[1].tolist()])
    except tf.errors.OutOfRangeError:
        vals.append("end")
    coord.request_stop()
    coord.join(threads)
    vals.append(sess.run(noise).tolist())
""",
    "run_range_producer_shuffle_batch": """
tf.set_random_seed(3)
q = tf.train.range_input_producer(8, num_epochs=3, shuffle=True, seed=2)
i = q.dequeue()
b = tf.train.shuffle_batch([i], batch_size=4, capacity=30, min_after_dequeue=0, seed=1,
                           allow_smaller_final_batch=True)
got = []
with tf.Session() as sess:
    sess.run(tf.local_variables_initializer())
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(sess, coord)
    try:
        while True:
            got.extend(sess.run(b).tolist())
    except tf.errors.OutOfRangeError:
        pass
    coord.request_stop()
    coord.join(threads)
vals = [sorted(got)]
""",
    "needs_strings_monitored_training_session": """
tf.set_random_seed(1)
x = tf.constant(np.ones([4, 3], np.float32))
w = tf.get_variable("w", [3, 1])
loss = tf.reduce_mean(tf.matmul(x, w))
step = tf.train.get_or_create_global_step()
inc = tf.assign_add(step, 1)
noise = tf.random_uniform([2])
vals = []
with tf.train.MonitoredTrainingSession(hooks=[tf.train.StopAtStepHook(last_step=3)]) as sess:
    while not sess.should_stop():
        v = sess.run([inc, noise])
        vals.append([int(v[0]), v[1].tolist()])
""",
})

RUN_PROGRAMS.update({
    "contrib_create_train_op": """
tf.set_random_seed(5)
x = tf.placeholder(tf.float32, [None, 4], name="x")
h = tf.layers.dense(x, 3)
bn = tf.layers.batch_normalization(h, training=True)
loss = tf.reduce_mean(tf.square(bn))
opt = tf.train.MomentumOptimizer(0.1, 0.9)
train_op = tf.contrib.training.create_train_op(
    loss, opt, summarize_gradients=True,
    transform_grads_fn=tf.contrib.training.clip_gradient_norms_fn(2.0))
kernel = tf.trainable_variables()[0]
g = tf.contrib.training.multiply_gradients(
    [(tf.ones([4, 3]), kernel)], {kernel.op.name: 0.5})
n = tf.random_normal([2])
out = [train_op, g[0][0], n]
vals = [[t.name for t in tf.get_collection(tf.GraphKeys.TRAIN_OP)],
        [s.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)]]
""",
    "contrib_eval_step_and_strategies": """
step = tf.contrib.training.get_or_create_eval_step()
same = tf.contrib.training.get_or_create_eval_step()
greedy = tf.contrib.training.GreedyLoadBalancingStrategy(
    2, tf.contrib.training.byte_size_load_fn)
with tf.device(tf.train.replica_device_setter(ps_tasks=2, ps_strategy=greedy)):
    a = tf.Variable(tf.zeros([100]), name="a")
    b = tf.Variable(tf.zeros([10]), name="b")
    c = tf.Variable(tf.zeros([20]), name="c")
with tf.device(tf.train.replica_device_setter(
        ps_tasks=3, ps_strategy=tf.contrib.training.RandomStrategy(3, seed=2))):
    d = tf.Variable(tf.zeros([1]), name="d")
    e = tf.get_variable("e", [2])
hook = tf.contrib.training.StopAfterNEvalsHook(5)
end = tf.contrib.training.SummaryAtEndHook(log_dir="/tmp/philoxflow_io_unused")
vals = [step.name, same is step, [v.name for v in tf.local_variables()],
        tf.contrib.training.byte_size_load_fn(a.op)]
""",
})

RUN_PROGRAMS.update({
    "data_file_datasets": """
ds = tf.data.TFRecordDataset(["a.tfrecord", "b.tfrecord"])
ds2 = tf.data.TFRecordDataset("c.tfrecord", compression_type="GZIP", buffer_size=1024)
tl = tf.data.TextLineDataset(tf.constant(["x.txt"])).skip(1)
fl = tf.data.FixedLengthRecordDataset(["d.bin"], 3073, header_bytes=1)
par = tf.data.TextLineDataset(["e.txt", "f.txt"], num_parallel_reads=tf.data.experimental.AUTOTUNE)
fn = tf.data.Dataset.list_files("/tmp/*.tfrecord", shuffle=False) if False else None
it = tf.data.make_one_shot_iterator(ds.map(lambda r: tf.parse_single_example(
    r, {"x": tf.FixedLenFeature([2], tf.float32)})["x"]).batch(4))
nxt = it.get_next()
out = [nxt]
vals = [str(tf.data.get_output_types(ds)), str(tf.data.get_output_shapes(ds)),
        tf.data.get_output_classes(ds).__name__, str(tf.data.get_output_shapes(it)),
        str(fl.output_shapes)]
""",
})

# Parsing and reading run where string tensors run; tests/test_io.py also calls the
# parsing kernels on these programs' bytes directly.
RUN_PROGRAMS.update({
    "needs_strings_parse_run": """
ex = tf.train.Example(features=tf.train.Features(feature={
    "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[3])),
    "image": tf.train.Feature(bytes_list=tf.train.BytesList(value=[bytes(range(6))])),
    "w": tf.train.Feature(float_list=tf.train.FloatList(value=[0.5, -1.25, 2.0, 4.0])),
    "ids": tf.train.Feature(int64_list=tf.train.Int64List(value=[7, 8, 9])),
    "seq": tf.train.Feature(float_list=tf.train.FloatList(value=[1.0, 2.0, 3.0, 4.0]))}))
ex2 = tf.train.Example(features=tf.train.Features(feature={
    "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[5])),
    "image": tf.train.Feature(bytes_list=tf.train.BytesList(value=[bytes(range(6, 12))])),
    "w": tf.train.Feature(float_list=tf.train.FloatList(value=[1.0, 1.0, 1.0, 1.0])),
    "seq": tf.train.Feature(float_list=tf.train.FloatList(value=[9.0, 8.0]))}))
data = [ex.SerializeToString(deterministic=True), ex2.SerializeToString(deterministic=True)]
features = {"label": tf.FixedLenFeature([], tf.int64),
            "image": tf.FixedLenFeature([], tf.string),
            "w": tf.FixedLenFeature([2, 2], tf.float32),
            "missing": tf.FixedLenFeature([1], tf.float32, default_value=[-1.0]),
            "ids": tf.VarLenFeature(tf.int64),
            "seq": tf.FixedLenSequenceFeature([2], tf.float32, allow_missing=True)}
one = tf.parse_single_example(tf.constant(data[0]), features)
batch = tf.parse_example(tf.constant(data), features)
raw = tf.decode_raw(one["image"], tf.uint8)
raw16 = tf.decode_raw(tf.constant([b"\\x01\\x02\\x03\\x04"]), tf.int16, little_endian=False)
with tf.Session() as sess:
    o, b, r, r16 = sess.run([one, batch, raw, raw16])
vals = [[d.hex() for d in data],
        {k: (v.tolist() if hasattr(v, "tolist") else [v.indices.tolist(), v.values.tolist(),
             v.dense_shape.tolist()]) for k, v in sorted(o.items()) if k != "image"},
        {k: (v.tolist() if hasattr(v, "tolist") else [v.indices.tolist(), v.values.tolist(),
             v.dense_shape.tolist()]) for k, v in sorted(b.items()) if k != "image"},
        r.tolist(), r16.tolist()]
""",
})

RUN_PROGRAMS.update({
    "python_io_tfrecord": """
import os, tempfile
d = tempfile.mkdtemp()
vals = []
for ctype in [None, tf.python_io.TFRecordCompressionType.ZLIB, "GZIP"]:
    path = os.path.join(d, "r.tfrecord")
    opts = None if ctype is None else tf.python_io.TFRecordOptions(ctype)
    with tf.python_io.TFRecordWriter(path, opts) as w:
        for rec in [b"", b"abc", bytes(range(200))]:
            w.write(rec)
    back = [r.hex() for r in tf.python_io.tf_record_iterator(path, opts)]
    raw = open(path, "rb").read()
    vals.append([raw.hex() if ctype is None else len(back), back,
                 tf.python_io.TFRecordOptions.get_compression_type_string(opts)])
""",
})

RUN_PROGRAMS.update({
    "cifar10_style_pipeline": """
tf.set_random_seed(42)
filenames = ["/tmp/data_batch_%d.bin" % i for i in range(1, 6)]
filename_queue = tf.train.string_input_producer(filenames)
label_bytes, height, width, depth = 1, 32, 32, 3
image_bytes = height * width * depth
reader = tf.FixedLengthRecordReader(record_bytes=label_bytes + image_bytes)
key, value = reader.read(filename_queue)
record_bytes = tf.decode_raw(value, tf.uint8)
label = tf.cast(tf.strided_slice(record_bytes, [0], [label_bytes]), tf.int32)
depth_major = tf.reshape(tf.strided_slice(record_bytes, [label_bytes],
                                          [label_bytes + image_bytes]), [depth, height, width])
uint8image = tf.transpose(depth_major, [1, 2, 0])
reshaped = tf.cast(uint8image, tf.float32)
distorted = tf.random_crop(reshaped, [24, 24, 3])
distorted = tf.image.random_flip_left_right(distorted)
distorted = tf.image.random_brightness(distorted, max_delta=63)
distorted = tf.image.random_contrast(distorted, lower=0.2, upper=1.8)
distorted.set_shape([24, 24, 3])
label.set_shape([1])
images, label_batch = tf.train.shuffle_batch([distorted, label], batch_size=128,
                                             num_threads=16, capacity=20000 + 3 * 128,
                                             min_after_dequeue=20000)
tf.summary.image("images", images)
labels = tf.reshape(label_batch, [128])
with tf.variable_scope("conv1"):
    kernel = tf.get_variable("weights", [5, 5, 3, 64],
                             initializer=tf.truncated_normal_initializer(stddev=5e-2))
    conv = tf.nn.conv2d(images, kernel, [1, 1, 1, 1], padding="SAME")
out = [images, labels, conv]
""",
})

RUN_PROGRAMS.update({
    "supervisor_graph": """
tf.set_random_seed(8)
x = tf.placeholder(tf.float32, [None, 3], name="x")
w = tf.Variable(tf.random_normal([3, 2]), name="w")
loc = tf.Variable(0.0, name="loc", collections=[tf.GraphKeys.LOCAL_VARIABLES])
step = tf.train.get_or_create_global_step()
loss = tf.reduce_sum(tf.matmul(x, w))
tf.summary.scalar("loss", loss)
train = tf.train.AdamOptimizer().minimize(loss, global_step=step)
sv = tf.train.Supervisor(logdir=None, save_summaries_secs=0, saver=None)
vals = [sv.init_op.name, sv.ready_op.name, sv._local_init_op.name, sv.summary_op.name,
        sv.global_step.name, sv.saver is None, tf.get_default_graph().finalized,
        [t.name for t in tf.get_collection(tf.GraphKeys.READY_OP)]]
out = [sv.ready_op]
""",
    "supervisor_defaults": """
a = tf.Variable(1.0, name="a")
sv = tf.train.Supervisor()
vals = [sv.saver.saver_def.restore_op_name, sv.summary_op is None, sv.global_step is None,
        sv.ready_for_local_init_op is None, sv.save_path]
""",
    "needs_strings_supervisor_run": """
tf.set_random_seed(8)
w = tf.Variable(tf.random_normal([2]), name="w")
step = tf.train.get_or_create_global_step()
inc = tf.assign_add(step, 1)
sv = tf.train.Supervisor(logdir=None, save_summaries_secs=0, saver=None)
vals = []
with sv.managed_session() as sess:
    for _ in range(3):
        if sv.should_stop():
            break
        vals.append([int(sess.run(inc)), sess.run(w).tolist()])
""",
})

RUN_PROGRAMS.update({
    "contrib_bucketing": """
tf.set_random_seed(4)
seq = tf.placeholder(tf.int64, [None], name="seq")
length = tf.placeholder(tf.int32, [], name="length")
label = tf.placeholder(tf.float32, [2], name="label")
n, (s_batch, l_batch) = tf.contrib.training.bucket_by_sequence_length(
    length, [seq, label], batch_size=4, bucket_boundaries=[5, 10], dynamic_pad=True,
    capacity=16)
which, batch = tf.contrib.training.bucket(
    {"a": label, "b": tf.cast(length, tf.float32)}, tf.constant(1), batch_size=[2, 3],
    num_buckets=2, allow_smaller_final_batch=True, name="plain")
r = tf.random_uniform([1])
out = [n, s_batch, l_batch, which, batch["a"], batch["b"], r]
vals = [len(tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)),
        [qr.name for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)],
        [s.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)]]
""",
})

RUN_PROGRAMS.update({
    "contrib_rejection_sample": """
tf.set_random_seed(9)
x = tf.placeholder(tf.float32, [3], name="x")
y = tf.placeholder(tf.int32, [], name="y")
b = tf.contrib.training.rejection_sample([x, y], lambda t: tf.sigmoid(tf.reduce_sum(t[0])), 4)
xm = tf.placeholder(tf.float32, [None, 2], name="xm")
ym = tf.placeholder(tf.int64, [None], name="ym")
c = tf.contrib.training.rejection_sample([xm, ym], lambda t: tf.constant(0.5), 3,
                                         enqueue_many=True, runtime_checks=True, name="rs")
r = tf.random_normal([2])
out = b + c + [r]
""",
})

RUN_PROGRAMS.update({
    "contrib_stratified_sample": """
tf.set_random_seed(12)
x = tf.placeholder(tf.float32, [4], name="x")
label = tf.placeholder(tf.int32, [], name="label")
(bx,), bl = tf.contrib.training.stratified_sample([x], label, [0.5, 0.25, 0.25], 8)
xm = tf.placeholder(tf.float32, [None, 2], name="xm")
lm = tf.placeholder(tf.int64, [None], name="lm")
(cx,), cl = tf.contrib.training.stratified_sample(
    [xm], lm, [0.3, 0.7], 4, init_probs=[0.6, 0.4], enqueue_many=True, name="given")
out = [bx, bl, cx, cl, tf.random_uniform([2])]
""",
})

RUN_PROGRAMS.update({
    "contrib_resample_at_rate": """
tf.set_random_seed(21)
x = tf.placeholder(tf.float32, [None, 3], name="x")
y = tf.placeholder(tf.int32, [None], name="y")
rates = tf.placeholder(tf.float32, [None], name="rates")
rx, ry = tf.contrib.training.resample_at_rate([x, y], rates)
rz, = tf.contrib.training.resample_at_rate([x], rates, seed=4, back_prop=True, scope="again")
out = [rx, ry, rz, tf.random_uniform([1])]
""",
})

RUN_PROGRAMS.update({
    "run_feeding_queue_runner": """
x = tf.placeholder(tf.float32, [2], name="x")
q = tf.FIFOQueue(10, [tf.float32], shapes=[[2]])
enq = q.enqueue([x])
counter = iter(range(4))

def feed():
    i = next(counter)  # raises StopIteration after 4: the runner stops on it via coord
    return {x: [float(i), float(i) + 0.5]}

qr = tf.contrib.training.FeedingQueueRunner(q, [enq], feed_fns=[feed])
got = q.dequeue_many(4)
with tf.Session() as sess:
    coord = tf.train.Coordinator()
    threads = qr.create_threads(sess, coord=coord, start=True)
    vals = [sess.run(got).tolist()]
    coord.request_stop()
    try:
        coord.join(threads)
    except StopIteration:
        vals.append("StopIteration")
""",
})
