"""A deterministic campaign of edge inputs to the random, initializer, array and constant
API, recorded under real TensorFlow (tests/test_edge_inputs.py runs every case under
philoxflow and compares).

    /work/venvs/tf1/bin/python scripts/edge_campaign.py tf1  # -> edge_tf1.jsonl.gz
    /work/venvs/tf2/bin/python scripts/edge_campaign.py tf2  # -> edge_tf2.jsonl.gz

(in tests/data/op_model/).

Every case is a slot (an API call with one argument left open) filled with one form of
that argument: shapes as lists, tuples, NumPy arrays of every dtype, Dimensions,
TensorShapes and tensors; numbers as Python bools/ints/floats, NumPy scalars and arrays,
NaN, infinities and out-of-range values; dtypes in every spelling; seeds; names. A
record is {"id", "code"} plus the outcome `tests/edge_runner.py` describes.
"""
import gzip
import io
import json
import os
import sys

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
OUT = os.path.join(os.path.dirname(HERE), "tests", "data", "op_model")

from edge_runner import run_case  # noqa: E402

# name -> (prelude statements, expression, feed expression or None, runs)
_INT_NP = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
SHAPES = {
    "list": ("", "[2, 3]", None, True),
    "tuple": ("", "(2, 3)", None, True),
    "empty_list": ("", "[]", None, True),
    "empty_tuple": ("", "()", None, True),
    "zero": ("", "[0]", None, True),
    "with_zero": ("", "[2, 0]", None, True),
    "int": ("", "3", None, True),
    "float": ("", "3.0", None, True),
    "float_in_list": ("", "[3.0, 2]", None, True),
    "bool_in_list": ("", "[True, 2]", None, True),
    "bool_list": ("", "[True, True]", None, True),
    "np_scalars": ("", "[np.int64(2), np.int32(3)]", None, True),
    "np_uint_scalar": ("", "[np.uint8(2), 3]", None, True),
    "np_scalar": ("", "np.int64(3)", None, True),
    "np_0d": ("", "np.array(3)", None, True),
    "np_empty": ("", "np.array([], np.int64)", None, True),
    "np_empty_f": ("", "np.array([])", None, True),
    "np_float32": ("", "np.array([2, 3], np.float32)", None, True),
    "np_float64": ("", "np.array([2.0, 3.0])", None, True),
    "np_bool": ("", "np.array([True, True])", None, True),
    "np_2d": ("", "np.array([[2, 3]])", None, True),
    "neg": ("", "[-1, 2]", None, True),
    "neg2": ("", "[-2]", None, True),
    "none_dim": ("", "[None, 2]", None, True),
    "none": ("", "None", None, True),
    "dim": ("", "[tf.Dimension(2), 3]", None, True),
    "dim_none": ("", "[tf.Dimension(None), 3]", None, True),
    "dim_scalar": ("", "tf.Dimension(3)", None, True),
    "tshape": ("", "tf.TensorShape([2, 3])", None, True),
    "tshape_partial": ("", "tf.TensorShape([None, 3])", None, True),
    "tshape_unknown": ("", "tf.TensorShape(None)", None, True),
    "tshape_scalar": ("", "tf.TensorShape([])", None, True),
    "t_int32": ("", "tf.constant([2, 3])", None, True),
    "t_int64": ("", "tf.constant([2, 3], tf.int64)", None, True),
    "t_float": ("", "tf.constant([2.0, 3.0])", None, True),
    "t_scalar": ("", "tf.constant(3)", None, True),
    "t_2d": ("", "tf.constant([[2, 3]])", None, True),
    "t_in_list": ("", "[tf.constant(2), 3]", None, True),
    "t64_in_list": ("", "[tf.constant(2, tf.int64), 3]", None, True),
    "tf_shape": ("", "tf.shape(tf.zeros([2, 3]))", None, True),
    "placeholder": ("sh = tf.placeholder(tf.int32, [2])\n", "sh", "{sh: [2, 3]}", True),
    "placeholder64": ("sh = tf.placeholder(tf.int64, [None])\n", "sh", "{sh: [2, 3]}", True),
    "placeholder_unk": ("sh = tf.placeholder(tf.int32)\n", "sh", "{sh: [3]}", True),
    "nested": ("", "[[2, 3]]", None, True),
    "string": ("", "'2'", None, True),
    "strings": ("", "['2', '3']", None, True),
    "i31": ("", "[2**31]", None, False),
    "i40": ("", "[2**40, 1]", None, False),
    "i63": ("", "[2**63]", None, False),
    "dict": ("", "{'a': 1}", None, True),
}
for _d in _INT_NP:
    SHAPES["np_" + _d] = ("", "np.array([2, 3], np.%s)" % _d, None, True)

# Slots taking a shape `{s}`.
SHAPE_SLOTS = {
    "random_uniform": "tf.random_uniform({s}, seed=1)",
    "random_uniform_int": "tf.random_uniform({s}, maxval=7, dtype=tf.int64, seed=2)",
    "random_normal": "tf.random_normal({s}, seed=3)",
    "truncated_normal": "tf.truncated_normal({s}, seed=4)",
    "random_gamma": "tf.random_gamma({s}, 2.0, seed=5)",
    "random_poisson": "tf.random_poisson(3.0, {s}, seed=6)",
    "zeros": "tf.zeros({s})",
    "ones_int": "tf.ones({s}, tf.int32)",
    "zeros_bool": "tf.zeros({s}, tf.bool)",
    "fill": "tf.fill({s}, 1.5)",
    "constant_shape": "tf.constant(1.5, shape={s})",
    "placeholder": "tf.placeholder(tf.float32, {s})\nrun = False",
    "reshape": "tf.reshape(tf.range(6), {s})",
    "get_variable": "tf.get_variable('w', {s})",
    "variable_zeros": "tf.get_variable('w', {s}, initializer=tf.zeros_initializer())",
    "tile": "tf.tile(tf.ones([1, 2]), {s})",
    "random_crop": "tf.random_crop(tf.reshape(tf.range(12.0), [3, 4]), {s}, seed=8)",
    "dropout_noise": "tf.nn.dropout(tf.ones([2, 3]), 0.5, noise_shape={s}, seed=9)",
    "init_truncated": "tf.truncated_normal_initializer(seed=10)({s})",
    "init_glorot": "tf.glorot_uniform_initializer(seed=11)({s})",
    "broadcast_to": "tf.broadcast_to(1.0, {s})",
}

SCALARS = {
    "true": "True", "false": "False", "int0": "0", "int1": "1", "int3": "3", "neg": "-1",
    "half": "0.5", "float2": "2.0", "big": "1e40", "neg_big": "-1e40",
    "nan": "float('nan')", "inf": "float('inf')", "neg_inf": "-float('inf')",
    "np_f16": "np.float16(2)", "np_f32": "np.float32(2.5)", "np_f64": "np.float64(2.5)",
    "np_i8": "np.int8(2)", "np_i32": "np.int32(2)", "np_i64": "np.int64(2)",
    "np_u8": "np.uint8(2)", "np_u64": "np.uint64(2)", "np_bool": "np.bool_(True)",
    "np_0d_f": "np.array(2.5)", "np_0d_i": "np.array(2)", "np_0d_b": "np.array(True)",
    "np_f32_arr": "np.array([1.0, 3.0], np.float32)", "np_f64_arr": "np.array([1.0, 3.0])",
    "np_i64_arr": "np.array([1, 3])", "list_f": "[1.0, 3.0]", "list_i": "[1, 3]",
    "list_b": "[True, False]", "list_mixed": "[1, 2.5]", "i31": "2**31", "i63": "2**63",
    "neg_i63": "-2**63 - 1", "complex": "1j", "str": "'1'", "none": "None",
    "t_f32": "tf.constant(2.0)", "t_i32": "tf.constant(2)",
    "t_f64": "tf.constant(2.0, tf.float64)", "t_bool": "tf.constant(True)",
    "dim": "tf.Dimension(2)", "obj": "object()",
}

_UNBOUNDED = ("nan", "inf", "neg_inf", "big", "neg_big", "i31", "i63", "neg_i63")
SCALAR_SLOTS = {
    "uniform_min": "tf.random_uniform([3], minval={v}, maxval=5.0, seed=11)",
    "uniform_max": "tf.random_uniform([3], maxval={v}, seed=12)",
    "uniform_max_f64": "tf.random_uniform([3], maxval={v}, dtype=tf.float64, seed=13)",
    "uniform_max_f16": "tf.random_uniform([3], maxval={v}, dtype=tf.float16, seed=13)",
    "uniform_max_i32": "tf.random_uniform([3], maxval={v}, dtype=tf.int32, seed=14)",
    "uniform_min_i64": "tf.random_uniform([3], minval={v}, maxval=10, dtype=tf.int64, seed=15)",
    "normal_mean": "tf.random_normal([3], mean={v}, seed=16)",
    "normal_stddev": "tf.random_normal([3], stddev={v}, seed=17)",
    "normal_stddev_f64": "tf.random_normal([3], stddev={v}, dtype=tf.float64, seed=18)",
    "truncated_mean": "tf.truncated_normal([3], mean={v}, seed=19)",
    "truncated_stddev": "tf.truncated_normal([3], stddev={v}, seed=20)",
    "gamma_alpha": "tf.random_gamma([2], alpha={v}, seed=21)",
    "gamma_beta": "tf.random_gamma([2], alpha=2.0, beta={v}, seed=22)",
    "poisson_lam": "tf.random_poisson({v}, [2], seed=23)",
    "dropout_keep": "tf.nn.dropout(tf.ones([4]), keep_prob={v}, seed=24)",
    "dropout_rate": "tf.nn.dropout(tf.ones([4]), rate={v}, seed=25)",
    "multinomial_n": "tf.multinomial([[0.0, 1.0]], {v}, seed=26)",
    "fill": "tf.fill([2], {v})",
    "constant": "tf.constant({v})",
    "constant_f32": "tf.constant({v}, tf.float32)",
    "constant_f64": "tf.constant({v}, tf.float64)",
    "constant_f16": "tf.constant({v}, tf.float16)",
    "constant_i32": "tf.constant({v}, tf.int32)",
    "constant_i64": "tf.constant({v}, tf.int64)",
    "constant_u8": "tf.constant({v}, tf.uint8)",
    "constant_bool": "tf.constant({v}, tf.bool)",
    "convert_f32": "tf.convert_to_tensor({v}, dtype=tf.float32)",
    "convert_pref_i64": "tf.convert_to_tensor({v}, preferred_dtype=tf.int64)",
    "cast_i32": "tf.cast({v}, tf.int32)",
    "cast_f32": "tf.cast({v}, tf.float32)",
    "cast_bool": "tf.cast({v}, tf.bool)",
    "ones_mul": "tf.ones([2]) * {v}",
    "zeros_add_i32": "tf.zeros([2], tf.int32) + {v}",
    "maximum": "tf.maximum(3, {v})",
    "reduce_sum": "tf.reduce_sum([{v}, 2])",
    "init_constant": "tf.get_variable('w', [2], initializer=tf.constant_initializer({v}))",
    "init_normal": "tf.get_variable('w', [2], initializer="
                   "tf.random_normal_initializer(stddev={v}, seed=27))",
    "init_uniform": "tf.get_variable('w', [2], initializer="
                    "tf.random_uniform_initializer(minval={v}, seed=28))",
    "init_truncated": "tf.truncated_normal_initializer(mean={v}, seed=29)([2])",
    "with_default": "tf.placeholder_with_default({v}, shape=None)",
    "variable": "tf.Variable({v})",
    "feed_f32": "p = tf.placeholder(tf.float32)\nout = p + 1\nfeed = {{p: {v}}}",
    "feed_i32": "p = tf.placeholder(tf.int32, [None])\nout = p * 2\nfeed = {{p: {v}}}",
    "feed_bool": "p = tf.placeholder(tf.bool)\nout = tf.logical_not(p)\nfeed = {{p: {v}}}",
}

DTYPES = {
    "f32": "tf.float32", "f64": "tf.float64", "f16": "tf.float16", "bf16": "tf.bfloat16",
    "i32": "tf.int32", "i64": "tf.int64", "i8": "tf.int8", "i16": "tf.int16",
    "u8": "tf.uint8", "u16": "tf.uint16", "bool": "tf.bool", "string": "tf.string",
    "c64": "tf.complex64", "np_f32": "np.float32", "np_f64": "np.float64",
    "np_i32": "np.int32", "np_i64": "np.int64", "np_u8": "np.uint8", "np_bool": "np.bool_",
    "np_dtype_f32": "np.dtype('float32')", "np_dtype_i64": "np.dtype('int64')",
    "str_f32": "'float32'", "str_float": "'float'", "str_double": "'double'",
    "str_half": "'half'", "str_i64": "'int64'", "str_bool": "'bool'", "str_bad": "'foo'",
    "py_float": "float", "py_int": "int", "py_bool": "bool", "py_str": "str", "none": "None",
    "int": "3", "object": "object", "np_c64": "np.complex64",
}

DTYPE_SLOTS = {
    "random_uniform": "tf.random_uniform([2], maxval=4, dtype={d}, seed=3)",
    "random_uniform_nomax": "tf.random_uniform([2], dtype={d}, seed=3)",
    "random_normal": "tf.random_normal([2], dtype={d}, seed=4)",
    "truncated_normal": "tf.truncated_normal([2], dtype={d}, seed=5)",
    "random_gamma": "tf.random_gamma([2], 2, dtype={d}, seed=6)",
    "random_poisson": "tf.random_poisson(2.0, [2], dtype={d}, seed=7)",
    "multinomial": "tf.multinomial([[0.0, 1.0]], 3, seed=8, output_dtype={d})",
    "zeros": "tf.zeros([2], {d})",
    "ones": "tf.ones([2], {d})",
    "constant_int": "tf.constant(1, {d})",
    "constant_float": "tf.constant(1.5, {d})",
    "cast_float": "tf.cast(1.5, {d})",
    "cast_tensor": "tf.cast(tf.constant([1.5, -1.0]), {d})",
    "placeholder": "tf.placeholder({d}, [2])\nrun = False",
    "get_variable": "tf.get_variable('w', [2], dtype={d})",
    "range": "tf.range(3, dtype={d})",
    "zeros_like": "tf.zeros_like(tf.ones([2]), dtype={d})",
    "as_dtype": "tf.as_dtype({d})",
    "convert": "tf.convert_to_tensor(1, dtype={d})",
    "init_normal": "tf.random_normal_initializer(seed=9, dtype={d})([2])",
    "init_ones": "tf.ones_initializer(dtype={d})([2])",
    "init_glorot": "tf.glorot_uniform_initializer(seed=10, dtype={d})([2, 2])",
}

SEEDS = {
    "none": "None", "zero": "0", "one": "1", "neg": "-1", "neg5": "-5",
    "i31m1": "2**31 - 1", "i31": "2**31", "i32p3": "2**32 + 3", "i63m1": "2**63 - 1",
    "i63": "2**63", "neg_i63": "-2**63", "i64": "2**64", "np_i64": "np.int64(5)",
    "np_i32": "np.int32(5)", "np_u64": "np.uint64(5)", "np_u32": "np.uint32(7)",
    "float": "5.0", "float_frac": "5.5", "bool": "True", "str": "'5'",
    "tensor": "tf.constant(5)", "list": "[5]",
}

SEED_SLOTS = {
    "random_uniform": "tf.random_uniform([3], seed={s})",
    "random_normal": "tf.random_normal([3], seed={s})",
    "truncated_normal": "tf.truncated_normal([3], seed={s})",
    "random_shuffle": "tf.random_shuffle(tf.range(5), seed={s})",
    "multinomial": "tf.multinomial([[0.0, 1.0]], 4, seed={s})",
    "random_gamma": "tf.random_gamma([3], 2.0, seed={s})",
    "random_poisson": "tf.random_poisson(2.0, [3], seed={s})",
    "random_crop": "tf.random_crop(tf.range(6), [2], seed={s})",
    "dropout": "tf.nn.dropout(tf.ones([5]), 0.5, seed={s})",
    "init_uniform": "tf.random_uniform_initializer(seed={s})([3])",
    "graph_seed": "tf.set_random_seed({s})\nout = tf.random_uniform([3])",
    "graph_seed_op": "tf.set_random_seed({s})\nout = tf.random_uniform([3], seed=3)",
    "init_glorot": "tf.glorot_normal_initializer(seed={s})([2, 2])",
}

NAMES = {
    "plain": "'a'", "space": "'a b'", "trailing_slash": "'a/'", "leading_slash": "'/a'",
    "colon": "'a:0'", "empty": "''", "unicode": "'\\u00e9'", "dash": "'a-b'", "dot": "'a.b'",
    "underscore": "'_a'", "digit": "'1a'", "double_slash": "'a//b'", "leading_dash": "'-a'",
    "none": "None", "int": "5", "only_dot": "'.'", "upper": "'A_1'", "backslash": "'a\\\\b'",
    "gt": "'a>b'",
}

NAME_SLOTS = {
    "constant": "tf.constant(1.0, name={n})",
    "random_uniform": "tf.random_uniform([2], seed=1, name={n})",
    "placeholder": "tf.placeholder(tf.float32, name={n})\nrun = False",
    "zeros": "tf.zeros([2], name={n})",
    "get_variable": "tf.get_variable({n}, [2])",
    "variable": "tf.Variable(1.0, name={n})",
    "identity": "tf.identity(tf.ones([1]), name={n})",
    "name_scope": "with tf.name_scope({n}):\n    out = tf.ones([1])",
    "variable_scope": "with tf.variable_scope({n}):\n    out = tf.get_variable('w', [1])",
    "random_normal": "tf.random_normal([2], seed=2, name={n})",
}

VALUES = {
    "mixed": "[1, 2.5]", "bool_int": "[True, 1]", "bool_float": "[True, 1.5]",
    "ragged": "[[1, 2], [3]]", "ragged2": "[[1], [2, 3]]", "empty": "[]", "empty2": "[[]]",
    "empty3": "[[], []]", "with_none": "[1, None]", "with_str": "[1, '2']",
    "strs": "['a', 'b']", "bytes": "b'ab'", "str": "'ab'", "mixed_str": "[b'a', 'b']",
    "np_i8": "np.array([1, 2], np.int8)", "np_u16": "np.array([1, 2], np.uint16)",
    "np_i32": "np.array([1, -2], np.int32)", "np_i64": "np.array([1, -2])",
    "np_u8": "np.array([1, 255], np.uint8)", "np_f16": "np.array([[1.0, 2.5]], np.float16)",
    "np_f32": "np.array([1.5, -2.0], np.float32)", "np_f64": "np.array([1.5, 2.0])",
    "np_bool": "np.array([True, False])", "np_str": "np.array(['a'])",
    "np_obj": "np.array([1, 2], object)", "np_scalars": "[np.float64(1.5), 2]",
    "np_int_list": "[np.int64(2), 3]", "np_big_list": "[np.int64(2**40), 1]",
    "i32_edges": "[2**31 - 1, -2**31]", "i31": "[2**31]", "neg_i31": "[-2**31 - 1]",
    "i63m1": "[2**63 - 1]", "i63": "[2**63]", "neg_i63": "[-2**63]", "i64": "[2**64]",
    "f_big": "[1e40]", "nan": "[float('nan'), 1]", "tshape": "tf.TensorShape([2, 3])",
    "dims": "[tf.Dimension(2), 3]", "dim": "tf.Dimension(2)", "dim_none": "tf.Dimension(None)",
    "tuple": "(1, 2)", "tuple2": "((1, 2), (3, 4))", "mixed_seq": "[(1, 2), [3, 4]]",
    "np_f32_scalar": "np.float32(1.5)", "dict": "{1: 2}", "set": "set()",
    "neg_uint": "[-1, 3]", "f16_over": "[70000.0]", "frac": "[2.25, 3.0]",
}

VALUE_SLOTS = {
    "constant": "tf.constant({v})",
    "constant_f32": "tf.constant({v}, tf.float32)",
    "constant_i32": "tf.constant({v}, tf.int32)",
    "constant_i64": "tf.constant({v}, tf.int64)",
    "constant_bool": "tf.constant({v}, tf.bool)",
    "constant_f16": "tf.constant({v}, tf.float16)",
    "constant_u8": "tf.constant({v}, tf.uint8)",
    "constant_shape": "tf.constant({v}, shape=[2, 2])",
    "constant_verify": "tf.constant({v}, shape=[2], verify_shape=True)",
    "convert": "tf.convert_to_tensor({v})",
    "convert_pref_f32": "tf.convert_to_tensor({v}, preferred_dtype=tf.float32)",
    "cast_f32": "tf.cast({v}, tf.float32)",
    "identity": "tf.identity({v})",
    "zeros_like": "tf.zeros_like({v})",
    "random_shuffle": "tf.random_shuffle({v}, seed=3)",
    "with_default": "tf.placeholder_with_default({v}, shape=[2])",
}


# Cases written for one rule each of TF's conversion and checks (family/what: code):
# Dimension arithmetic and conversion, Multinomial's shape function, '' and non-string
# names, NumPy 1.x string-to-bool, fed Dimensions, output dtype attrs, range's dtype
# rules, shape attrs past int64, shapes of shape [0], NumPy 1.18's np.prod of a shape,
# dropout's noise_shape, unknown Dimensions in shape lists, tf.stack, the generated
# binary wrappers and tf.truediv, OneHot's and Range's shape functions.
RULE_CASES = {
    'dimension/add_float': 'tf.Dimension(3) + 1.0',
    'dimension/rsub_float': '2.0 - tf.Dimension(3)',
    'dimension/mul_frac': 'tf.Dimension(3) * 1.5',
    'dimension/floordiv_float': 'tf.Dimension(4) // 2.0',
    'dimension/eq_float': 'tf.Dimension(2) == 2.0',
    'dimension/init_float': 'tf.Dimension(3.0)',
    'dimension/int_unknown': 'int(tf.Dimension(None))',
    'dimension/keep_prob': 'tf.nn.dropout(tf.ones([4]), keep_prob=tf.Dimension(1), seed=3)',
    'multinomial/logits_rank1': 'tf.multinomial([0.0, 1.0], 2, seed=1)',
    'multinomial/n_np_neg': 'tf.multinomial([[0.0, 1.0]], np.int32(-2), seed=1)',
    'multinomial/n_placeholder_rank1':
        'p = tf.placeholder(tf.int32, [1])\nout = tf.multinomial([[0.0, 1.0]], p, seed=1)',
    'multinomial/categorical_n_list': 'tf.random.categorical([[0.0, 1.0]], [2], seed=1)',
    'name/ones_empty': "tf.ones([2], name='')",
    'name/fill_empty': "tf.fill([2], 1.0, name='')",
    'name/reshape_empty': "tf.reshape(tf.range(4), [2, 2], name='')",
    'name/constant_float': 'tf.constant(1.0, name=3.5)',
    'name/add_empty': "tf.add(tf.ones([2]), 1.0, name='')",
    'value/bool_np_str01': "tf.constant(np.array(['1', '0']), tf.bool)",
    'value/bool_np_bytes': "tf.constant(np.array([b'a']), tf.bool)",
    'feed/dim_f64': 'p = tf.placeholder(tf.float64)\nout = p * 2\nfeed = {p: tf.Dimension(3)}',
    'dtype/stateless_normal_i32': 'tf.random.stateless_normal([2], seed=[1, 2], dtype=tf.int32)',
    'dtype/stateless_uniform_bool': 'tf.random.stateless_uniform([2], seed=[1, 2], dtype=tf.bool)',
    'dtype/range_uint8': 'tf.range(3, dtype=tf.uint8)',
    'dtype/range_tensor_c64': 'tf.range(tf.constant(3.0 + 0j, tf.complex64))',
    'dtype/range_int16': 'tf.range(2, dtype=tf.int16)',
    'dtype/get_variable_c128': "tf.get_variable('w', [2], dtype=tf.complex128)",
    'dtype/gamma_bf16_beta': 'tf.random_gamma([2], 2.0, beta=1.0, dtype=tf.bfloat16, seed=2)',
    'shape/placeholder_i64': 'tf.placeholder(tf.float32, [2**64])\nrun = False',
    'shape/with_default_i63': 'tf.placeholder_with_default([1.0], shape=[2**63])\nrun = False',
    'shape/reshape_np_empty_i32': 'tf.reshape(tf.range(6), np.array([], np.int32))',
    'shape/broadcast_np_empty': 'tf.broadcast_to(tf.ones([2]), np.array([], np.int64))',
    'shape/constant_mixed_str': "tf.constant(1.5, shape=('2', 3))",
    'shape/constant_bytes': "tf.constant(0, shape=b'2')",
    'shape/constant_tensor_in_tuple': 'tf.constant(1.5, shape=(2, tf.constant(2)))',
    'shape/noise_neg_keep':
        'tf.nn.dropout(tf.ones([2, 3]), 0.5, noise_shape=[-1, 3], seed=9)\nrun = False',
    'shape/noise_float_dims': 'tf.nn.dropout(tf.ones([2, 3]), 0.5, noise_shape=(2, 1.0), seed=9)',
    'shape/noise_unknown_rank':
        'tf.nn.dropout(tf.ones([2, 3]), 0.5, noise_shape=tf.TensorShape(None))',
    'shape/fill_dim_none': 'tf.fill([tf.Dimension(None)], 1.0)',
    'shape/ones_dim_none': 'tf.ones([tf.Dimension(None), 2], tf.int32)',
    'shape/variable_dim_float':
        "tf.get_variable('w', [2.0, 3], initializer=tf.zeros_initializer())",
    'stack/ragged': 'tf.stack([[1, 2], [3]])',
    'stack/mixed_types': "tf.stack([1, 'a'])",
    'stack/np_obj': 'tf.stack(np.array([1, 2], object))',
    'truediv/int_bool': 'tf.truediv(tf.ones([2], tf.int32), True)',
    'subtract/py_first': 'tf.subtract(0, tf.ones([2]))',
    'pow/tensor_int': 'tf.pow(2.0, tf.constant(2))',
    'one_hot/depth_list': 'tf.one_hot([0, 1], [1, 3])',
    'one_hot/depth_float': 'tf.one_hot([0, 1], 2.0)',
    'range/limit_list': 'tf.range([1, 3])',
    'range/limit_inf': "tf.range(float('inf'))",
    'shape/ones_like_i31': 'tf.ones_like(tf.zeros([2**31]))\nrun = False',
    'dtype/stateless_int_no_max': 'tf.random.stateless_uniform([2], seed=[1, 2], dtype=tf.int64)',
}


def cases():
    """[(id, code)] in a fixed order."""
    out = []

    def add(family, slot, form, template, **kw):
        code = template.format(**kw)
        if "out =" not in code:
            code = "out = " + code
        out.append(("%s/%s/%s" % (family, slot, form), code))

    for slot, tpl in SHAPE_SLOTS.items():
        for form, (pre, expr, feed, runs) in SHAPES.items():
            code = pre + ("out = " if "out =" not in tpl else "") + tpl.format(s=expr)
            if feed:
                code += "\nfeed = " + feed
            if not runs:
                code += "\nrun = False"
            out.append(("shape/%s/%s" % (slot, form), code))
    for slot, tpl in SCALAR_SLOTS.items():
        for form, v in SCALARS.items():
            norun = slot.split("_")[0] in ("gamma", "poisson") and form in _UNBOUNDED
            # TF's samplers never return for these
            add("scalar", slot, form, tpl + ("\nrun = False" if norun else ""), v=v)
    for slot, tpl in DTYPE_SLOTS.items():
        for form, d in DTYPES.items():
            add("dtype", slot, form, tpl, d=d)
    for slot, tpl in SEED_SLOTS.items():
        for form, s in SEEDS.items():
            add("seed", slot, form, tpl, s=s)
    for slot, tpl in NAME_SLOTS.items():
        for form, n in NAMES.items():
            add("name", slot, form, tpl, n=n)
    for slot, tpl in VALUE_SLOTS.items():
        for form, v in VALUES.items():
            add("value", slot, form, tpl, v=v)
    for key, code in RULE_CASES.items():
        out.append(("rule/" + key, code if "out =" in code else "out = " + code))
    return out


def main():
    target = sys.argv[1]
    if target == "tf1":
        import tensorflow as tf
    else:
        import tensorflow.compat.v1 as tf

        tf.disable_eager_execution()
    import numpy as np

    tf.logging.set_verbosity(tf.logging.ERROR) if hasattr(tf, "logging") else None
    path = os.path.join(OUT, "edge_%s.jsonl.gz" % target)
    n = 0
    with io.TextIOWrapper(gzip.GzipFile(path, "wb", mtime=0)) as f:
        for cid, code in cases():
            rec = run_case(tf, np, code)
            if "v" in rec and rec != run_case(tf, np, code):
                del rec["v"]  # values differ between two runs: not recorded
                rec["nondet"] = 1
            rec = dict({"id": cid, "code": code}, **rec)
            f.write(json.dumps(rec, separators=(",", ":")) + "\n")
            n += 1
            if n % 250 == 0:
                print(n, cid, file=sys.stderr, flush=True)
    print("%d cases -> %s" % (n, path))


if __name__ == "__main__":
    main()
