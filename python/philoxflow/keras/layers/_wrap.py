"""Keras's constructor conventions in front of a `tf.layers` class: identifiers
(`"glorot_uniform"`, `"relu"`, `"l2"`) looked up, Keras's default initializers, and
`data_format=None` meaning `backend.image_data_format()`."""

from __future__ import annotations

import inspect

from .. import activations, constraints, initializers, regularizers
from .. import backend as K
from ..engine.base_layer import Layer

_DEFAULT_INITIALIZERS = {"kernel_initializer": "glorot_uniform", "bias_initializer": "zeros",
                         "depthwise_initializer": "glorot_uniform",
                         "pointwise_initializer": "glorot_uniform",
                         "beta_initializer": "zeros", "gamma_initializer": "ones",
                         "moving_mean_initializer": "zeros",
                         "moving_variance_initializer": "ones"}


def _parameters(cls):
    params = set()
    for klass in cls.__mro__:
        init = vars(klass).get("__init__")
        if init is not None and klass is not Layer:
            params |= set(inspect.signature(init).parameters)
    return params


def keras_layer(base, name=None, **defaults):
    """The Keras layer of TF 1.15 whose shapes and ops are `tf.layers` class `base`'s."""

    def __init__(self, *args, **kwargs):
        params = _parameters(base)
        positional = list(inspect.signature(base.__init__).parameters)[1:len(args) + 1]
        for key, value in defaults.items():
            if key not in positional:
                kwargs.setdefault(key, value)
        for key, value in _DEFAULT_INITIALIZERS.items():
            if key in params:
                kwargs.setdefault(key, value)
        activation = kwargs.pop("activation", None) if "activation" in params else None
        for key in list(kwargs):
            if key.endswith("_initializer"):
                kwargs[key] = initializers.get(kwargs[key])
            elif key.endswith("_regularizer") and key != "activity_regularizer":
                kwargs[key] = regularizers.get(kwargs[key])
            elif key.endswith("_constraint"):
                kwargs[key] = constraints.get(kwargs[key])
        if "data_format" in params and kwargs.get("data_format") is None:
            kwargs["data_format"] = K.image_data_format()
        base.__init__(self, *args, **kwargs)
        if "activation" in params:
            self.activation = activations.get(activation)

    return type(name or base.__name__, (base, Layer), {"__init__": __init__,
                                                        "__module__": __name__})
