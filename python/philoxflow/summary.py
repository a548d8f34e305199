"""The `tf.summary` namespace (TF 1.15): summary ops, `FileWriter` building no ops."""

from . import _namespaces
from .ops.summary_ops import (
    Event,
    FileWriter,
    FileWriterCache,
    SessionLog,
    Summary,
    SummaryDescription,
    TaggedRunMetadata,
    all_v2_summary_ops,
    audio,
    get_summary_description,
    histogram,
    image,
    initialize,
    merge,
    merge_all,
    scalar,
    tensor_summary,
    text,
)

_is_namespace = True
__all__ = ["Event", "SessionLog", "Summary", "SummaryDescription", "TaggedRunMetadata",
           "FileWriter", "FileWriterCache", "all_v2_summary_ops", "audio",
           "get_summary_description", "histogram", "image", "initialize", "merge",
           "merge_all", "scalar", "tensor_summary", "text"]
_namespaces.fill(globals(), "summary")
