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
