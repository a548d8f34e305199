"""TF 1.15's `tf.train` messages: `Example` and its features (`example.proto`,
`feature.proto`), `SequenceExample`, the cluster messages (`ClusterDef`, `JobDef`,
`ServerDef`) and `SaverDef`, with the protobuf wire format (`framework/proto.py`)."""

from __future__ import annotations

from ..framework.proto import Message


class BytesList(Message):
    _FIELDS = {"value": (1, "bytes", "repeated", None)}


class FloatList(Message):
    _FIELDS = {"value": (1, "float", "repeated", None)}


class Int64List(Message):
    _FIELDS = {"value": (1, "int64", "repeated", None)}


class Feature(Message):
    _FIELDS = {"bytes_list": (1, "message", "", BytesList),
               "float_list": (2, "message", "", FloatList),
               "int64_list": (3, "message", "", Int64List)}
    _ONEOFS = {"kind": ("bytes_list", "float_list", "int64_list")}


class Features(Message):
    _FIELDS = {"feature": (1, "message", "map", ("string", "message", Feature))}


class FeatureList(Message):
    _FIELDS = {"feature": (1, "message", "repeated", Feature)}


class FeatureLists(Message):
    _FIELDS = {"feature_list": (1, "message", "map", ("string", "message", FeatureList))}


class Example(Message):
    _FIELDS = {"features": (1, "message", "", Features)}


class SequenceExample(Message):
    _FIELDS = {"context": (1, "message", "", Features),
               "feature_lists": (2, "message", "", FeatureLists)}


class JobDef(Message):
    _FIELDS = {"name": (1, "string", "", None),
               "tasks": (2, "string", "map", ("int32", "string", None))}


class ClusterDef(Message):
    _FIELDS = {"job": (1, "message", "repeated", JobDef)}


class ServerDef(Message):
    _FIELDS = {"cluster": (1, "message", "", ClusterDef), "job_name": (2, "string", "", None),
               "task_index": (3, "int32", "", None), "protocol": (5, "string", "", None)}


class SaverDef(Message):
    """`tf.train.SaverDef` (`CheckpointFormatVersion`: LEGACY 0, V1 1, V2 2)."""

    LEGACY, V1, V2 = 0, 1, 2
    _FIELDS = {"filename_tensor_name": (1, "string", "", None),
               "save_tensor_name": (2, "string", "", None),
               "restore_op_name": (3, "string", "", None),
               "max_to_keep": (4, "int32", "", None), "sharded": (5, "bool", "", None),
               "keep_checkpoint_every_n_hours": (6, "float", "", None),
               "version": (7, "enum", "", None)}
