"""`tensorflow.python.framework.errors` (and `errors_impl`): philoxflow's error classes."""

from philoxflow.python._alias import combine

combine(globals(), "philoxflow.errors")
