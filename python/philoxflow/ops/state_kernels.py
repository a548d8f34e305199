"""Python kernels of variable-state ops: `IsVariableInitialized` asks the Rust session
whether the variable holds a value (reading it fails with FailedPreconditionError
exactly when it does not), so `tf.is_variable_initialized`,
`tf.report_uninitialized_variables` and `initialized_value()`'s guard run."""

from __future__ import annotations

import numpy as np

from .. import errors
from ..framework.py_kernels import kernel


@kernel("IsVariableInitialized")
def _is_variable_initialized(ctx, op, ins):
    var = op._inputs[0]._op
    try:
        ctx.session._c.run([var._id], [], [])
    except errors.FailedPreconditionError:
        return [np.asarray(False)]
    return [np.asarray(True)]
