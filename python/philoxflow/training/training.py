"""`tensorflow.python.training.training`: the module behind `tf.train` (model code imports
it as `from tensorflow.python.training import training`)."""

from philoxflow.python._alias import combine

combine(globals(), "philoxflow.train")
