"""`tf.data`: datasets built as TF 1.15 builds them, run in Python with TF's element order."""

from .. import _api_names
from . import experimental, kernels  # noqa: F401 - kernels register themselves
from .dataset_ops import AUTOTUNE, Dataset, DatasetV1
from .iterator_ops import Iterator, make_initializable_iterator, make_one_shot_iterator
from .readers import (  # file datasets (issue 16)
    FixedLengthRecordDataset,
    TextLineDataset,
    TFRecordDataset,
    get_output_classes,
    get_output_shapes,
    get_output_types,
)

DatasetV2 = DatasetV1
_is_namespace = True
__all__ = ["AUTOTUNE", "Dataset", "DatasetV1", "DatasetV2", "FixedLengthRecordDataset",
           "Iterator", "TFRecordDataset", "TextLineDataset", "experimental",
           "get_output_classes", "get_output_shapes", "get_output_types",
           "make_initializable_iterator", "make_one_shot_iterator"]

# A name TF 1.15 has here and philoxflow does not says so (issue 16).
__getattr__ = _api_names.module_getattr("data", __name__)
