"""`tf.keras.backend` of TF 1.15 (Keras 2.2.4-tf) in graph mode: the public names of
`_backend_core` (session, learning phase, variables, the basic ops), `_backend_math`,
`_backend_graph` (`function`, convolutions, pooling) and `_backend_rnn` (`rnn`)."""

from ..framework.ops import name_scope  # noqa: F401 - `K.name_scope` is TF's
from . import _backend_core, _backend_graph, _backend_math
from ._backend_core import _graph_state  # noqa: F401 - the layers' per-graph state
from ._backend_rnn import rnn  # noqa: F401 - `K.rnn`

for _module in (_backend_core, _backend_math, _backend_graph):
    globals().update({name: value for name, value in vars(_module).items()
                      if not name.startswith("_") and name not in ("annotations", "np")
                      and getattr(value, "__module__", _module.__name__) == _module.__name__
                      or name in getattr(_module, "__all__", ())})

_is_namespace = True

from .._api_names import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr("keras.backend", __name__)
