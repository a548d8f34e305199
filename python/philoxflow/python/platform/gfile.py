"""`tensorflow.python.platform.gfile`: philoxflow's `tf.gfile`."""

from philoxflow.python._alias import combine

combine(globals(), "philoxflow.platform.gfile")
