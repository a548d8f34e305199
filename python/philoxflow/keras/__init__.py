"""`tf.keras` as TF 1.15.5 has it (Keras 2.2.4-tf), for graph mode: layers called on
tensors build TF 1.15's ops, names and resource variables; `Sequential` and functional
`Model(inputs, outputs)`; `backend`, `initializers`, `activations`, `regularizers`,
`constraints`.

TF 2.21's `tf.keras` (Keras 3, eager) is `keras/_keras3`; which one a namespace's
`keras` attribute gives is the target's (`_target.Target.keras`, `_target.keras`).
"""

from . import (
    activations,
    backend,
    constraints,
    initializers,
    layers,
    losses,
    metrics,
    models,
    optimizers,
    regularizers,
    utils,
)
from .engine.input_layer import Input
from .engine.network import Model, Sequential

_is_namespace = True
__version__ = "2.2.4-tf"

from .._api_names import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr("keras", __name__)
__all__ = ['Input', 'Model', 'Sequential', 'activations', 'backend', 'constraints', 'initializers',
           'layers', 'losses', 'metrics', 'models', 'optimizers', 'regularizers', 'utils']
