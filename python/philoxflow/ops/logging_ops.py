"""TF 1.15's `tf.print` (`logging_ops.print_v2`): a StringFormat of the inputs' tensors
into a template, then PrintV2 (built for structure: running one raises
UnimplementedError)."""

from __future__ import annotations

import pprint
import random
import sys

from ..framework import dtypes as _dtypes
from ..framework.ops import Tensor, get_default_graph, name_scope
from ..python.util import nest


def _placeholder_for(template):
    """TF's `_generate_placeholder_string`: `{}` unless the template contains it."""
    placeholder = "{}"
    while placeholder in template:
        placeholder = f"{{{random.randint(0, 10**6)}}}"
    return placeholder


def print_v2(*inputs, **kwargs):
    streams = {sys.stdout: "stdout", sys.stderr: "stderr"}
    output_stream = kwargs.pop("output_stream", sys.stderr)
    name = kwargs.pop("name", None)
    summarize = kwargs.pop("summarize", 3)
    sep = kwargs.pop("sep", " ")
    end = kwargs.pop("end", "\n")
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments for tf.print: {kwargs}")
    stream = streams.get(output_stream, output_stream)
    if not isinstance(stream, str):
        raise ValueError(f"Unsupported output stream, logging level, or file.{output_stream}")
    g = get_default_graph()
    if len(inputs) == 1 and isinstance(inputs[0], Tensor) and inputs[0].dtype == \
            _dtypes.string and inputs[0].shape.rank == 0:
        formatted = inputs[0]
    else:
        free = nest.map_structure(lambda x: "" if isinstance(x, Tensor) else x, list(inputs))
        placeholder = _placeholder_for(" ".join(pprint.pformat(x) for x in free))
        templates, tensors = [], []
        for item in inputs:
            parts = []
            for x in nest.flatten(item):
                if isinstance(x, Tensor):
                    parts.append(placeholder)
                    tensors.append(x)
                else:
                    parts.append(x)
            templates.append(item if isinstance(item, str) else
                             pprint.pformat(nest.pack_sequence_as(item, parts)))
        template = sep.join(templates).replace("'" + placeholder + "'", placeholder)
        with name_scope(None if not name else name + "_format", "StringFormat") as scope:
            formatted = g._create_op(
                "StringFormat", tensors, scope, dtype=_dtypes.string, shape=[],
                attrs={"template": template, "placeholder": placeholder,
                       "summarize": summarize}).outputs[0]
    with name_scope(name, "PrintV2") as scope:
        # No outputs (the dtype only satisfies the core's structure-only builder).
        return g._create_op("PrintV2", [formatted], scope, dtype=_dtypes.string, outputs=[],
                            attrs={"output_stream": stream, "end": end})
