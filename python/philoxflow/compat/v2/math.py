"""`tf.math` of TF 2.x: the math ops under their v2 names."""

from ...ops.math_ops import (  # noqa: F401 - re-exported names
    abs,  # noqa: A004 - TensorFlow's name
    add,
    add_n,
    argmax,
    cast,
    divide,
    equal,
    exp,
    floor,
    floordiv,
    floormod,
    greater,
    greater_equal,
    less,
    less_equal,
    log,
    maximum,
    minimum,
    multiply,
    negative,
    not_equal,
    pow,  # noqa: A004 - TensorFlow's name
    reduce_all,
    reduce_any,
    reduce_max,
    reduce_mean,
    reduce_min,
    reduce_prod,
    reduce_sum,
    rsqrt,
    sigmoid,
    sqrt,
    square,
    squared_difference,
    subtract,
    tanh,
    truediv,
)

floormod_ = floormod
mod = floormod
_is_namespace = True
