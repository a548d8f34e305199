"""The `tf.strings` namespace: TF's string ops (string tensors hold `bytes`)."""

from . import _namespaces
from .framework.op_def_library import apply_op_helper

_is_namespace = True


def length(input, name=None, unit="BYTE"):  # noqa: A002 - TF's name
    """`tf.strings.length`: bytes (or UTF-8 characters) of each string, int32."""
    return apply_op_helper("StringLength", name=name, input=input, unit=unit).outputs[0]


_namespaces.fill(globals(), "strings")
