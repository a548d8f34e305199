"""The API-math programs (scripts/ref_api_math.py records them with TF).

name -> (source, run under TF 2.21's compat.v1 too). A program sets `out` (tensors
whose static shapes are compared) and may set `fetch` (tensors whose session values
are recorded) and `feed`.
"""

PROGRAMS = {
    "image_resize": ("""
x = tf.placeholder(tf.float32, [None, 32, 48, 3], name="x")
img = tf.placeholder(tf.uint8, [20, 30, 3], name="img")
out = [tf.image.resize_images(x, [16, 24]),
       tf.image.resize_images(x, (64, 64), method=tf.image.ResizeMethod.NEAREST_NEIGHBOR),
       tf.image.resize(img, [10, 10], method=tf.image.ResizeMethod.BICUBIC),
       tf.image.resize_images(x, [32, 48]),
       tf.image.resize_images(x, [40, 40], method=tf.image.ResizeMethod.AREA,
                              align_corners=True),
       tf.image.resize_images(img, [60, 60], preserve_aspect_ratio=True),
       tf.image.resize_bilinear(x, [8, 8], align_corners=True),
       tf.image.resize_nearest_neighbor(x, tf.shape(x)[1:3] * 2),
       tf.image.resize_bicubic(x, [5, 7], half_pixel_centers=True, name="bic"),
       tf.image.resize_area(x, [3, 3])]
""", False),
    "image_resize_dynamic": ("""
x = tf.placeholder(tf.float32, [None, None, None, 3], name="x")
s = tf.placeholder(tf.int32, [2], name="s")
out = [tf.image.resize_images(x, s), tf.image.resize_images(x[0], [7, 9]),
       tf.image.resize_images(x, [7, 9], preserve_aspect_ratio=True)]
""", False),
    "image_geometry": ("""
x = tf.placeholder(tf.float32, [4, 32, 48, 3], name="x")
y = tf.placeholder(tf.float32, [None, None, 3], name="y")
z = tf.placeholder(tf.float32, [32, 48, 3], name="z")
out = [tf.image.rot90(x), tf.image.rot90(z, k=2), tf.image.rot90(y, k=tf.constant(3)),
       tf.image.transpose(x), tf.image.transpose_image(y), tf.image.central_crop(x, 0.5),
       tf.image.central_crop(y, 0.75), tf.image.central_crop(z, 1.0),
       tf.image.central_crop(z, 0.3)]
""", True),
    "image_colour": ("""
x = tf.placeholder(tf.float32, [4, 8, 8, 3], name="x")
u = tf.placeholder(tf.uint8, [8, 8, 3], name="u")
g = tf.placeholder(tf.float32, [None, 8, 1], name="g")
out = [tf.image.per_image_standardization(x), tf.image.per_image_standardization(u),
       tf.image.adjust_gamma(x, 2.0), tf.image.adjust_gamma(u, 0.5, gain=2),
       tf.image.adjust_gamma(x, tf.constant(1.5)),
       tf.image.rgb_to_grayscale(x), tf.image.rgb_to_grayscale(u),
       tf.image.grayscale_to_rgb(g), tf.image.grayscale_to_rgb(tf.zeros([5, 5, 1])),
       tf.image.rgb_to_yiq(x), tf.image.yiq_to_rgb(x), tf.image.rgb_to_yuv(x),
       tf.image.yuv_to_rgb(x)]
""", True),
    "image_metrics": ("""
a = tf.placeholder(tf.float32, [2, 16, 16, 3], name="a")
b = tf.placeholder(tf.float32, [2, 16, 16, 3], name="b")
c = tf.placeholder(tf.float32, [None, None, 3], name="c")
dy, dx = tf.image.image_gradients(a)
out = [tf.image.total_variation(a), tf.image.total_variation(c), tf.image.psnr(a, b, 1.0),
       tf.image.psnr(a, b, 255, name="psnr2"), dy, dx, tf.image.sobel_edges(a)]
""", True),
    "image_ssim": ("""
a = tf.placeholder(tf.float32, [2, 64, 64, 3], name="a")
b = tf.placeholder(tf.float32, [2, 64, 64, 3], name="b")
out = [tf.image.ssim(a, b, 1.0), tf.image.ssim(a, b, max_val=255, filter_size=7),
       tf.image.ssim_multiscale(a, b, 1.0, power_factors=(0.5, 0.3, 0.2))]
""", True),
    "image_boxes": ("""
images = tf.placeholder(tf.float32, [2, 32, 32, 3], name="images")
boxes = tf.placeholder(tf.float32, [5, 4], name="boxes")
scores = tf.placeholder(tf.float32, [5], name="scores")
ind = tf.placeholder(tf.int32, [5], name="ind")
crops = tf.image.crop_and_resize(images, boxes, ind, [7, 7])
crops2 = tf.image.crop_and_resize(images, boxes, box_ind=ind, crop_size=[3, 4],
                                  method="nearest", name="crops2")
sel = tf.image.non_max_suppression(boxes, scores, 3, iou_threshold=0.6)
sel_s, sc = tf.image.non_max_suppression_with_scores(boxes, scores, 4, soft_nms_sigma=0.5)
pad_idx, valid = tf.image.non_max_suppression_padded(boxes, scores, 4,
                                                     pad_to_max_output_size=True)
ov = tf.image.non_max_suppression_overlaps(tf.zeros([5, 5]), scores, 2)
b4 = tf.placeholder(tf.float32, [2, 10, 1, 4], name="b4")
s4 = tf.placeholder(tf.float32, [2, 10, 6], name="s4")
nb, ns, nc, nv = tf.image.combined_non_max_suppression(b4, s4, 5, 20)
drawn = tf.image.draw_bounding_boxes(images, tf.reshape(boxes[:4], [2, 2, 4]))
drawn2 = tf.image.draw_bounding_boxes(images, tf.zeros([2, 1, 4]), colors=[[1., 0., 0., 1.]])
gl = tf.image.extract_glimpse(images, [8, 8], tf.zeros([2, 2]))
out = [crops, crops2, sel, sel_s, sc, pad_idx, valid, ov, nb, ns, nc, nv, drawn, drawn2, gl]
""", True),
    "image_sample_box": ("""
tf.set_random_seed(5)
image = tf.placeholder(tf.uint8, [40, 60, 3], name="image")
bbox = tf.constant([[[0.1, 0.2, 0.5, 0.9]]])
begin, size, box = tf.image.sample_distorted_bounding_box(
    tf.shape(image), bounding_boxes=bbox, min_object_covered=0.3,
    aspect_ratio_range=[0.5, 2.0], area_range=[0.1, 1.0], max_attempts=50,
    use_image_if_no_bounding_boxes=True)
b2, s2, bb2 = tf.image.sample_distorted_bounding_box(tf.shape(image), bbox, seed=7)
crop = tf.slice(image, begin, size)
u = tf.random_uniform([2])
b3, s3, bb3 = tf.image.sample_distorted_bounding_box(
    [480, 640, 3], [[[0.2, 0.1, 0.9, 0.6], [0.0, 0.5, 0.3, 1.0]]], seed=123, seed2=4,
    min_object_covered=0.5, area_range=[0.2, 0.9], max_attempts=20)
out = [begin, size, box, b2, s2, bb2, crop, u, b3]
fetch = [b2, s2, bb2, b3, s3, bb3]
""", True),
    "image_patches": ("""
x = tf.placeholder(tf.float32, [2, 10, 10, 3], name="x")
out = [tf.extract_image_patches(x, [1, 3, 3, 1], [1, 2, 2, 1], [1, 1, 1, 1], "VALID"),
       tf.image.extract_image_patches(x, ksizes=[1, 2, 2, 1], strides=[1, 1, 1, 1],
                                      rates=[1, 2, 2, 1], padding="SAME"),
       tf.image.extract_patches(x, [1, 4, 4, 1], [1, 4, 4, 1], [1, 1, 1, 1], "SAME")]
""", True),
    "image_codecs": ("""
contents = tf.placeholder(tf.string, [], name="contents")
img = tf.image.decode_jpeg(contents, channels=3)
png = tf.image.decode_png(contents)
png16 = tf.image.decode_png(contents, channels=4, dtype=tf.uint16)
bmp = tf.image.decode_bmp(contents)
gif = tf.image.decode_gif(contents)
crop = tf.image.decode_and_crop_jpeg(contents, [0, 0, 10, 10], channels=1)
anyimg = tf.image.decode_image(contents, channels=3)
anyf = tf.image.decode_image(contents, dtype=tf.float32, expand_animations=False)
u = tf.placeholder(tf.uint8, [8, 8, 3], name="u")
enc = tf.image.encode_jpeg(u, quality=90)
encp = tf.image.encode_png(u)
shp = tf.image.extract_jpeg_shape(contents)
isj = tf.image.is_jpeg(contents)
q = tf.image.adjust_jpeg_quality(u, 50)
f = tf.placeholder(tf.float32, [8, 8, 3], name="f")
tf.set_random_seed(3)
rq = tf.image.random_jpeg_quality(f, 20, 80)
rq2 = tf.image.random_jpeg_quality(u, 10, 30, seed=4)
out = [img, png, png16, bmp, gif, crop, anyimg, anyf, enc, encp, shp, isj, q, rq, rq2]
g = tf.get_default_graph()
fetch = [g.get_tensor_by_name("random_uniform:0"), g.get_tensor_by_name("random_uniform_1:0")]
""", True),
}

PROGRAMS.update({
    "math_more": ("""
x = tf.placeholder(tf.float32, [4, 3], name="x")
d = tf.placeholder(tf.float64, [4, 3], name="d")
i = tf.placeholder(tf.int32, [10], name="i")
c = tf.complex(x, x)
c2 = tf.complex(d, d, name="cplx")
out = [c, c2, tf.math.angle(c), tf.angle(x), tf.imag(c2), tf.math.imag(x), tf.real(c),
       tf.to_complex64(x), tf.to_complex128(i), tf.bincount(i), tf.math.bincount(
           i, weights=tf.ones([10]), minlength=3, maxlength=7),
       tf.math.reciprocal_no_nan(x), tf.lbeta(x), tf.math.bessel_i0(x),
       tf.math.bessel_i1(d)]
fetch = [tf.bincount(tf.constant([1, 3, 3, 0, 5])), tf.math.bincount(
    tf.constant([1, 1, 2]), minlength=5)]
""", True),
    "math_segments_partition": ("""
data = tf.placeholder(tf.float32, [6, 4], name="data")
idx = tf.constant([0, 2, 3, 5])
seg = tf.constant([0, 0, 1, 2])
parts = tf.dynamic_partition(data, tf.constant([0, 1, 0, 2, 1, 0]), 3)
out = [tf.sparse_segment_sum(data, idx, seg), tf.sparse_segment_mean(data, idx, seg),
       tf.sparse_segment_sqrt_n(data, idx, seg, num_segments=5, name="sq"),
       tf.sparse_segment_sum(data, idx, seg, num_segments=4)] + parts + [
       tf.histogram_fixed_width_bins(data, [0.0, 1.0], nbins=5),
       tf.histogram_fixed_width_bins(data[0], tf.constant([-1.0, 1.0]))]
""", True),
    "array_more": ("""
x = tf.placeholder(tf.float32, [3, 4], name="x")
y = tf.placeholder(tf.float32, None, name="y")
out = [tf.repeat(x, 2, axis=1), tf.repeat(x, [1, 2, 0], axis=0), tf.repeat(x, 3),
       tf.repeat(tf.constant([1, 2]), tf.constant([2, 3]))]
p, cr = tf.required_space_to_batch_paddings([5, 7], [2, 3])
p2, cr2 = tf.required_space_to_batch_paddings(tf.shape(x), [2, 2], [[1, 0], [0, 1]])
out += [p, cr, p2, cr2]
h = tf.SparseTensor([[0, 0], [1, 1]], ["a", "b"], [2, 2])
t = tf.SparseTensor([[0, 0], [1, 0]], ["a", "c"], [2, 2])
ed = tf.edit_distance(h, t)
ed2 = tf.edit_distance(h, t, normalize=False, name="ed2")
sl = tf.IndexedSlices(x, tf.constant([0, 2, 5]), tf.constant([6, 4]))
masked = tf.sparse_mask(sl, [2])
out += [ed, ed2, masked.values, masked.indices]
fetch = [p, cr]
""", True),
    "checks_more": ("""
x = tf.placeholder(tf.float32, [3, 4], name="x")
u = tf.placeholder(tf.float32, None, name="u")
v = tf.verify_tensor_all_finite(x, "bad x")
a1 = tf.assert_rank_in(x, [1, 2])
a2 = tf.assert_rank_in(u, [1, 2], message="rank?")
w = x * 2.0
chk = tf.add_check_numerics_ops()
out = [v, w]
""", True),
    "functional": ("""
x = tf.placeholder(tf.float32, [5, 3], name="x")
y = tf.placeholder(tf.float32, [None, 3], name="y")
m = tf.map_fn(lambda r: r * 2.0, x)
m2 = tf.map_fn(lambda r: (r[0] + r[1], tf.reduce_sum(r[0])), (x, x),
               dtype=(tf.float32, tf.float32), name="pairs")
m3 = tf.map_fn(lambda r: tf.cast(tf.argmax(r), tf.int32), y, dtype=tf.int32)
f = tf.foldl(lambda a, r: a + r, x)
f2 = tf.foldl(lambda a, r: a + tf.reduce_sum(r), y, initializer=tf.constant(0.0))
fr = tf.foldr(lambda a, r: a * r, x, name="fr")
s = tf.scan(lambda a, r: a + r, x)
s2 = tf.scan(lambda a, r: a + r, y, initializer=tf.zeros([3]), reverse=True)
s3 = tf.scan(lambda a, r: (a[0] + r, a[1] * r), x, initializer=(tf.zeros([3]), tf.ones([3])))
out = [m, m2[0], m2[1], m3, f, f2, fr, s, s2, s3[0], s3[1]]
fetch = [tf.shape(m)]
""", True),
})

PROGRAMS.update({
    "nn_transpose_conv": ("""
x = tf.placeholder(tf.float32, [2, 8, 3], name="x")
f1 = tf.get_variable("f1", [3, 5, 3])
y1 = tf.nn.conv1d_transpose(x, f1, [2, 16, 5], 2)
x2 = tf.placeholder(tf.float32, [2, 8, 8, 3], name="x2")
f2 = tf.get_variable("f2", [3, 3, 6, 3])
y2 = tf.nn.conv_transpose(x2, f2, [2, 16, 16, 6], [2, 2], padding="SAME")
y3 = tf.nn.atrous_conv2d_transpose(x2, f2, [2, 8, 8, 6], rate=2, padding="SAME")
y4 = tf.nn.atrous_conv2d_transpose(x2, f2, [2, 10, 10, 6], 2, "VALID", name="atv")
x3 = tf.placeholder(tf.float32, [1, 4, 4, 4, 2], name="x3")
f3 = tf.get_variable("f3", [2, 2, 2, 3, 2])
y5 = tf.nn.conv_transpose(x3, f3, [1, 8, 8, 8, 3], 2)
y6 = tf.nn.conv_transpose(x, f1, tf.constant([2, 8, 5]), 1, name="ct1")
out = [y1, y2, y3, y4, y5, y6]
""", True),
    "nn_morphology_pools": ("""
x = tf.placeholder(tf.float32, [2, 10, 10, 3], name="x")
k = tf.get_variable("k", [3, 3, 3])
d = tf.nn.dilation2d(x, k, [1, 1, 1, 1], [1, 1, 1, 1], "SAME")
e = tf.nn.erosion2d(x, k, [1, 2, 2, 1], [1, 1, 1, 1], "VALID")
tf.set_random_seed(11)
mp, rows, cols = tf.nn.fractional_max_pool(x, [1.0, 1.44, 1.73, 1.0])
ap = tf.nn.fractional_avg_pool(x, [1.0, 2.0, 2.0, 1.0], pseudo_random=True, overlapping=True,
                               seed=3, seed2=4)
loss = tf.placeholder(tf.float32, [8], name="loss")
l2 = tf.placeholder(tf.float32, None, name="l2")
out = [d, e, mp, rows, cols, ap[0], tf.nn.compute_average_loss(loss),
       tf.nn.compute_average_loss(l2, global_batch_size=64.0),
       tf.nn.scale_regularization_loss(loss)]
""", True),
    "nn_ctc": ("""
logits = tf.placeholder(tf.float32, [20, 4, 6], name="logits")
seq_len = tf.placeholder(tf.int32, [4], name="seq_len")
labels = tf.SparseTensor(tf.constant([[0, 0], [0, 1], [1, 0]], tf.int64), tf.constant([1, 2, 3]),
                         tf.constant([4, 2], tf.int64))
l1 = tf.nn.ctc_loss(labels, logits, seq_len)
l2 = tf.nn.ctc_loss(labels, tf.transpose(logits, [1, 0, 2]), seq_len, time_major=False,
                    preprocess_collapse_repeated=True)
l3 = tf.nn.ctc_loss_v2(labels, logits, None, seq_len, blank_index=0)
l4 = tf.nn.ctc_loss_v2(labels, logits, None, seq_len, blank_index=-1)
dec, lp = tf.nn.ctc_greedy_decoder(logits, seq_len)
bdec, blp = tf.nn.ctc_beam_search_decoder(logits, seq_len, beam_width=10, top_paths=2)
b2, blp2 = tf.nn.ctc_beam_search_decoder_v2(logits, seq_len)
dl = tf.placeholder(tf.int32, [4, 7], name="dl")
cl, cn = tf.nn.collapse_repeated(dl, tf.constant([7, 3, 2, 5]))
uq, ui = tf.nn.ctc_unique_labels(dl)
out = [l1, l2, l3, l4, dec[0].indices, dec[0].values, lp, bdec[1].values, blp, b2[0].indices,
       blp2, cl, cn, uq, ui]
""", True),
})

PROGRAMS.update({
    "linalg_more": ("""
a = tf.placeholder(tf.float32, [6, 4], name="a")
b = tf.placeholder(tf.float32, [6, 2], name="b")
w = tf.placeholder(tf.float32, [4, 6], name="w")
bd = tf.placeholder(tf.float64, [3, 5, 5], name="bd")
u = tf.placeholder(tf.float32, [None, None], name="u")
diags = tf.placeholder(tf.float32, [3, 5], name="diags")
rhs = tf.placeholder(tf.float32, [5, 2], name="rhs")
out = [tf.linalg.lstsq(a, b), tf.matrix_solve_ls(a, b, l2_regularizer=0.1),
       tf.linalg.lstsq(w, tf.zeros([4, 2]), fast=False), tf.linalg.lstsq(u, u),
       tf.linalg.matrix_rank(a), tf.linalg.matrix_rank(bd, tol=1e-3), tf.linalg.pinv(a),
       tf.linalg.pinv(u, rcond=1e-4), tf.linalg.tridiagonal_matmul(diags, rhs),
       tf.linalg.tridiagonal_solve(diags, rhs),
       tf.linalg.tridiagonal_solve(diags, rhs[:, 0], partial_pivoting=False),
       tf.linalg.tridiagonal_solve((diags[0, :4], diags[1], diags[2, 1:]), rhs,
                                   diagonals_format="sequence"),
       tf.linalg.tridiagonal_matmul(tf.eye(5), rhs, diagonals_format="matrix")]
""", True),
    "linalg_expm": ("""
m = tf.placeholder(tf.float32, [2, 3, 3], name="m")
d = tf.placeholder(tf.float64, [4, 4], name="d")
out = [tf.linalg.expm(m), tf.linalg.expm(d)]
""", True),
})

PROGRAMS.update({
    "losses_metrics_more": ("""
labels = tf.placeholder(tf.float32, [8, 3], name="labels")
preds = tf.placeholder(tf.float32, [8, 3], name="preds")
l1 = tf.losses.mean_pairwise_squared_error(labels, preds)
l2 = tf.losses.mean_pairwise_squared_error(labels, preds, weights=tf.ones([8, 1]),
                                           scope="mpse")
y = tf.placeholder(tf.bool, [16], name="y")
p = tf.placeholder(tf.float32, [16], name="p")
s, s_up = tf.metrics.sensitivity_at_specificity(y, p, 0.8, num_thresholds=50)
t, t_up = tf.metrics.specificity_at_sensitivity(y, p, 0.6, name="spec",
                                                metrics_collections=["m"])
out = [l1, l2, s, s_up, t, t_up]
""", True),
    "layers_more": ("""
x3 = tf.placeholder(tf.float32, [2, 4, 4, 4, 3], name="x3")
h3 = tf.layers.conv3d_transpose(x3, 5, 3, strides=2, padding="same")
h3b = tf.layers.Conv3DTranspose(2, (2, 3, 3), padding="valid", activation=tf.nn.relu,
                                name="up3")(x3)
x1 = tf.placeholder(tf.float32, [None, 20, 6], name="x1")
s1 = tf.layers.separable_conv1d(x1, 8, 3, padding="same", depth_multiplier=2)
s1b = tf.layers.SeparableConv1D(4, 5, strides=2, activation=tf.nn.tanh, name="sep1")(x1)
spec = tf.layers.InputSpec(ndim=4, axes={-1: 3})
assert spec.ndim == 4 and spec.axes == {-1: 3}
out = [h3, h3b, s1, s1b]
""", False),
    "random_tables_more": ("""
logits = tf.placeholder(tf.float32, [2, 5], name="logits")
m = tf.random.stateless_multinomial(logits, 4, seed=[1, 2])
m2 = tf.random.stateless_multinomial([[-0.5, -1.5, 0.25]], 6, seed=tf.constant([3, 4]),
                                     output_dtype=tf.int32, name="sm")
init = tf.initializers.tables_initializer()
out = [m, m2]
fetch = [m2]
""", True),
})

PROGRAMS.update({
    "metrics_at_k": ("""
labels = tf.placeholder(tf.int64, [6], name="labels")
labels2 = tf.placeholder(tf.int64, [6, 2], name="labels2")
logits = tf.placeholder(tf.float32, [6, 10], name="logits")
idx = tf.placeholder(tf.int32, [6, 3], name="idx")
r, r_up = tf.metrics.recall_at_k(labels, logits, 2)
p, p_up = tf.metrics.precision_at_k(labels2, logits, 3, metrics_collections=["m"],
                                    updates_collections=["u"])
sp, sp_up = tf.metrics.sparse_precision_at_k(labels, logits, 1, name="sp")
rt, rt_up = tf.metrics.recall_at_top_k(labels2, idx)
pt, pt_up = tf.metrics.precision_at_top_k(labels, idx, k=3, class_id=4)
rc, rc_up = tf.metrics.recall_at_k(labels, logits, 5, class_id=2)
out = [r, r_up, p, p_up, sp, sp_up, rt, rt_up, pt, pt_up, rc, rc_up]
""", True),
})

PROGRAMS.update({
    "metrics_average_precision": ("""
labels = tf.placeholder(tf.int64, [6], name="labels")
labels2 = tf.placeholder(tf.int64, [6, 2], name="labels2")
logits = tf.placeholder(tf.float32, [6, 10], name="logits")
a, a_up = tf.metrics.average_precision_at_k(labels, logits, 3)
b, b_up = tf.metrics.sparse_average_precision_at_k(labels2, logits, 1, name="sap",
                                                   metrics_collections=["m"])
out = [a, a_up, b, b_up]
""", True),
})

PROGRAMS.update({
    "rnn_more": ("""
max_time, batch_size, input_depth, num_units = 7, 4, 3, 5
inputs = tf.placeholder(tf.float32, [max_time, batch_size, input_depth], name="inputs")
sequence_length = tf.placeholder(tf.int32, [batch_size], name="sequence_length")
inputs_ta = tf.TensorArray(dtype=tf.float32, size=max_time)
inputs_ta = inputs_ta.unstack(inputs)
cell = tf.nn.rnn_cell.LSTMCell(num_units)

def loop_fn(time, cell_output, cell_state, loop_state):
    emit_output = cell_output
    if cell_output is None:
        next_cell_state = cell.zero_state(batch_size, tf.float32)
    else:
        next_cell_state = cell_state
    elements_finished = (time >= sequence_length)
    finished = tf.reduce_all(elements_finished)
    next_input = tf.cond(finished, lambda: tf.zeros([batch_size, input_depth], dtype=tf.float32),
                         lambda: inputs_ta.read(time))
    return (elements_finished, next_input, next_cell_state, emit_output, None)

outputs_ta, final_state, _ = tf.nn.raw_rnn(cell, loop_fn)
outputs = outputs_ta.stack()

class Saver(object):
    def __init__(self):
        self.saved = []
    def state(self, name):
        return tf.zeros([2, 6], name=name)
    def save_state(self, name, value):
        self.saved.append(value)
        return tf.no_op(name="save_" + name)

xs = [tf.placeholder(tf.float32, [2, 3], name="x%d" % i) for i in range(3)]
gru = tf.nn.rnn_cell.GRUCell(6)
souts, sstate = tf.nn.static_state_saving_rnn(gru, xs, Saver(), "h", scope="ssrnn")
lstm = tf.nn.rnn_cell.LSTMCell(6, state_is_tuple=True)
class TupleSaver(Saver):
    def state(self, name):
        return tf.zeros([2, 6], name=name)
souts2, sstate2 = tf.nn.static_state_saving_rnn(lstm, xs, TupleSaver(), ("c", "h"),
                                                scope="ssrnn2")
out = [outputs, final_state.c, final_state.h, souts[-1], sstate, souts2[-1], sstate2.h]
""", False),
})

PROGRAMS.update({
    "image_pad_resize": ("""
x = tf.placeholder(tf.float32, [2, 30, 40, 3], name="x")
y = tf.placeholder(tf.float32, [None, None, 3], name="y")
z = tf.placeholder(tf.float32, [24, 24, 3], name="z")
out = [tf.image.resize_image_with_pad(x, 64, 64), tf.image.resize_image_with_pad(y, 32, 48),
       tf.image.resize_image_with_pad(z, 24, 24, method=tf.image.ResizeMethod.NEAREST_NEIGHBOR),
       tf.image.pad_to_bounding_box(y, 2, 3, 50, 60),
       tf.image.pad_to_bounding_box(x, tf.constant(1), 2, 40, 50)]
""", True),
})

PROGRAMS.update({
    "hessians_switch_case": ("""
x = tf.placeholder(tf.float32, [3], name="x")
w = tf.get_variable("w", [2, 2], initializer=tf.ones_initializer())
y = tf.reduce_sum(x * x * x) + tf.reduce_sum(tf.matmul(w, w))
h = tf.hessians(y, [x, w])
i = tf.placeholder(tf.int32, [], name="i")
r = tf.switch_case(i, [lambda: x * 2.0, lambda: x + 1.0, lambda: tf.zeros([3])])
r2 = tf.switch_case(i, {1: lambda: tf.constant(2), 0: lambda: tf.constant(1)},
                    default=lambda: tf.constant(-1), name="sc")
r3 = tf.switch_case(tf.constant(1), [lambda: (x, tf.constant(0)), lambda: (2.0 * x, i)])
out = [h[0], h[1], r, r2, r3[0], r3[1]]
feed = {x: [1.0, 2.0, 3.0], i: 1}
fetch = [r, r2, r3[0], r3[1]]
""", True),
})

PROGRAMS.update({
    "image_sample_box_values": ("""
rng = np.random.RandomState(0)
fetch = []
for k in range(24):
    h, w = int(rng.randint(5, 300)), int(rng.randint(5, 300))
    y0, x0 = rng.uniform(0, 0.5, 2)
    y1, x1 = y0 + rng.uniform(0.05, 0.5), x0 + rng.uniform(0.05, 0.5)
    boxes = ([[[float(y0), float(x0), float(y1), float(x1)]]] if k % 5
             else np.zeros([1, 0, 4], np.float32))
    ar = sorted([float(rng.uniform(0.3, 1.0)), float(rng.uniform(1.0, 3.0))])
    area = sorted([float(rng.uniform(0.01, 0.5)), float(rng.uniform(0.5, 1.0))])
    fetch += list(tf.image.sample_distorted_bounding_box(
        tf.constant([h, w, 3]), tf.constant(boxes, tf.float32),
        seed=int(rng.randint(1, 1 << 30)), seed2=int(rng.randint(0, 1000)),
        min_object_covered=float(rng.choice([0.1, 0.3, 0.5, 0.9])), aspect_ratio_range=ar,
        area_range=area, max_attempts=int(rng.choice([1, 5, 50, 100])),
        use_image_if_no_bounding_boxes=True))
out = fetch[:3]
""", True),
})

PROGRAMS.update({
    "nn_fractional_pool_values": ("""
rng = np.random.RandomState(1)
fetch = []
for k in range(12):
    shape = [int(rng.randint(1, 3)), int(rng.randint(3, 30)), int(rng.randint(3, 30)),
             int(rng.randint(1, 4))]
    x = tf.constant(rng.randn(*shape).astype(np.float32))
    ratio = [1.0, float(rng.choice([1.0, 1.2, 1.44, 1.5, 1.73, 2.0, 2.5, 3.0])),
             float(rng.choice([1.0, 1.3, 1.44, 1.73, 2.0, 2.7])), 1.0]
    fn = tf.nn.fractional_max_pool if k % 2 else tf.nn.fractional_avg_pool
    fetch += list(fn(x, ratio, pseudo_random=bool(k % 4 < 2), overlapping=bool(k % 3 == 0),
                     deterministic=True, seed=int(rng.randint(1, 1 << 30)),
                     seed2=int(rng.randint(0, 100))))
out = fetch[:3]
""", True),
})

PROGRAMS.update({
    "linear_operators": ("""
m = tf.placeholder(tf.float32, [2, 4, 4], name="m")
d = tf.placeholder(tf.float32, [2, 4], name="d")
x = tf.placeholder(tf.float32, [2, 4, 3], name="x")
v = tf.placeholder(tf.float32, [2, 4], name="v")
full = tf.linalg.LinearOperatorFullMatrix(m)
diag = tf.linalg.LinearOperatorDiag(d, is_positive_definite=True)
tril = tf.linalg.LinearOperatorLowerTriangular(m, name="L")
out = [full.matmul(x), full.matmul(x, adjoint=True, adjoint_arg=False), full.matvec(v),
       full.solve(x), full.solvevec(v), full.to_dense(), full.diag_part(), full.trace(),
       full.determinant(), full.log_abs_determinant(), full.add_to_tensor(m),
       full.shape_tensor(), full.batch_shape_tensor(), full.domain_dimension_tensor(),
       diag.matmul(x), diag.matvec(v), diag.solve(x), diag.to_dense(), diag.determinant(),
       diag.log_abs_determinant(), diag.add_to_tensor(m), diag.trace(),
       tril.matmul(x), tril.solve(x, adjoint=True), tril.to_dense(), tril.determinant(),
       tril.log_abs_determinant()]
comp = full.matmul(tril)
out += [comp.matmul(x), comp.solve(x), comp.to_dense(), comp.log_abs_determinant()]
adj = full.adjoint()
inv = full.inverse()
out += [adj.matmul(x), adj.to_dense(), adj.solve(x), inv.matmul(x), inv.solve(x),
        inv.log_abs_determinant(), diag.inverse().matmul(x), diag.cholesky().to_dense(),
        diag.matmul(diag).to_dense(), diag.solve(diag).to_dense(),
        diag.matmul(tril).to_dense(),
        tf.linalg.LinearOperatorFullMatrix(m, is_self_adjoint=True,
                                           is_positive_definite=True).solve(x),
        tf.linalg.LinearOperatorComposition([full, diag, tril]).matmul(x),
        tf.linalg.LinearOperatorAdjoint(tril).to_dense(),
        tf.linalg.LinearOperatorInversion(diag).to_dense()]
b = tf.placeholder(tf.float32, [5, 2, 4, 3], name="b")
out += [full.solve(b), tril.solve(b)]
assert full.shape.as_list() == [2, 4, 4] and comp.name == "LinearOperatorFullMatrix_o_L"
""", True),
})

PROGRAMS.update({
    "linear_operator_identity": ("""
x = tf.placeholder(tf.float32, [2, 4, 3], name="x")
d = tf.placeholder(tf.float32, [2, 4], name="d")
m = tf.placeholder(tf.float32, [2, 4, 4], name="m")
eye = tf.linalg.LinearOperatorIdentity(4)
beye = tf.linalg.LinearOperatorIdentity(4, batch_shape=[3, 1], dtype=tf.float32)
s = tf.linalg.LinearOperatorScaledIdentity(4, 2.5, is_positive_definite=True)
s2 = tf.linalg.LinearOperatorScaledIdentity(tf.constant(4), tf.constant([2.0, 3.0]), name="s2")
diag = tf.linalg.LinearOperatorDiag(d)
full = tf.linalg.LinearOperatorFullMatrix(m)
out = [eye.matmul(x), beye.matmul(x), eye.solve(x), eye.to_dense(), beye.to_dense(),
       eye.determinant(), beye.log_abs_determinant(), eye.trace(), beye.diag_part(),
       eye.add_to_tensor(m), s.matmul(x), s.solve(x, adjoint=True), s.determinant(),
       s.log_abs_determinant(), s.trace(), s.diag_part(), s.add_to_tensor(m), s.to_dense(),
       s.inverse().matmul(x), s.adjoint().to_dense(), eye.matmul(full).to_dense(),
       full.matmul(eye).to_dense(), eye.solve(full).to_dense(), diag.matmul(s).to_dense(),
       s.matmul(diag).to_dense(), diag.solve(s).to_dense(), s.solve(diag).to_dense(),
       s.cholesky().to_dense(), eye.cholesky().to_dense(), s.shape_tensor(),
       beye.shape_tensor(), s.matvec(d), s2.matmul(x), s2.solve(x), s2.trace(),
       s2.diag_part(), s2.determinant(), s2.shape_tensor(), s2.to_dense()]
""", True),
})

PROGRAMS.update({
    "linear_operator_householder": ("""
v = tf.placeholder(tf.float32, [2, 4], name="v")
x = tf.placeholder(tf.float32, [2, 4, 3], name="x")
h = tf.linalg.LinearOperatorHouseholder(v)
out = [h.matmul(x), h.solve(x), h.to_dense(), h.diag_part(), h.trace(), h.determinant(),
       h.log_abs_determinant(), h.adjoint().matmul(x), h.inverse().to_dense(), h.matvec(v)]
""", True),
})

PROGRAMS.update({
    "linear_operator_block_diag": ("""
m = tf.placeholder(tf.float32, [2, 3, 3], name="m")
d = tf.placeholder(tf.float32, [2, 4], name="d")
x = tf.placeholder(tf.float32, [2, 7, 5], name="x")
full = tf.linalg.LinearOperatorFullMatrix(m)
diag = tf.linalg.LinearOperatorDiag(d, is_positive_definite=True)
bd = tf.linalg.LinearOperatorBlockDiag([full, diag])
bd2 = tf.linalg.LinearOperatorBlockDiag(
    [diag, tf.linalg.LinearOperatorScaledIdentity(2, 3.0, is_positive_definite=True)])
out = [bd.matmul(x), bd.solve(x), bd.to_dense(), bd.diag_part(), bd.trace(),
       bd.determinant(), bd.log_abs_determinant(), bd.shape_tensor(), bd.adjoint().matmul(x),
       bd.inverse().to_dense(), bd2.to_dense(), bd2.matvec(d[:, :1] * tf.ones([2, 6]))]
assert bd.name == "LinearOperatorFullMatrix_ds_LinearOperatorDiag"
""", True),
})

PROGRAMS.update({
    "linear_operator_zeros": ("""
x = tf.placeholder(tf.float32, [2, 4, 3], name="x")
m = tf.placeholder(tf.float32, [2, 4, 4], name="m")
z = tf.linalg.LinearOperatorZeros(4)
zb = tf.linalg.LinearOperatorZeros(4, batch_shape=[2], dtype=tf.float32)
zr = tf.linalg.LinearOperatorZeros(3, 4, is_square=False, is_self_adjoint=False, name="zr")
full = tf.linalg.LinearOperatorFullMatrix(m)
out = [z.matmul(x), zb.matmul(m, adjoint_arg=True), zr.matmul(x), zr.matmul(x, adjoint=True,
       adjoint_arg=True), z.to_dense(), zb.to_dense(), z.determinant(), zb.trace(),
       z.diag_part(), zb.add_to_tensor(m), z.shape_tensor(), zr.shape_tensor(),
       full.matmul(z).to_dense(), z.matmul(full).to_dense()]
""", True),
})

PROGRAMS.update({
    "linear_operator_low_rank_update": ("""
d = tf.placeholder(tf.float32, [4], name="d")
u = tf.placeholder(tf.float32, [4, 2], name="u")
vv = tf.placeholder(tf.float32, [4, 2], name="vv")
du = tf.placeholder(tf.float32, [2], name="du")
x = tf.placeholder(tf.float32, [4, 3], name="x")
base = tf.linalg.LinearOperatorDiag(d, is_positive_definite=True)
a = tf.linalg.LinearOperatorLowRankUpdate(base, u)
b = tf.linalg.LinearOperatorLowRankUpdate(base, u, diag_update=du, v=vv, name="b")
c = tf.linalg.LinearOperatorLowRankUpdate(tf.linalg.LinearOperatorFullMatrix(tf.eye(4)), u,
                                          diag_update=du, is_diag_update_positive=True)
out = [a.matmul(x), a.solve(x), a.log_abs_determinant(), a.determinant(), a.to_dense(),
       b.matmul(x, adjoint=True), b.solve(x, adjoint=True), b.log_abs_determinant(),
       b.determinant(), b.shape_tensor(), c.solve(x), c.log_abs_determinant(), c.trace()]
""", True),
})

PROGRAMS.update({
    "linear_operator_kronecker": ("""
a = tf.placeholder(tf.float32, [2, 2], name="a")
b = tf.placeholder(tf.float32, [3, 3], name="b")
d = tf.placeholder(tf.float32, [3], name="d")
x = tf.placeholder(tf.float32, [6, 4], name="x")
k = tf.linalg.LinearOperatorKronecker([tf.linalg.LinearOperatorFullMatrix(a),
                                       tf.linalg.LinearOperatorFullMatrix(b)])
k2 = tf.linalg.LinearOperatorKronecker([tf.linalg.LinearOperatorFullMatrix(a),
                                        tf.linalg.LinearOperatorDiag(d)], name="k2")
out = [k.matmul(x), k.solve(x), k.matmul(x, adjoint=True), k.to_dense(), k.diag_part(),
       k.trace(), k.determinant(), k.log_abs_determinant(), k.shape_tensor(),
       k2.matmul(x), k2.to_dense(), k2.adjoint().to_dense(), k2.inverse().matmul(x),
       k2.matvec(x[:, 0])]
""", True),
})
