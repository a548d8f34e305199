"""`tf.data.experimental`: RandomDataset."""

from .dataset_ops import AUTOTUNE, random_dataset

_is_namespace = True


def RandomDataset(seed=None):  # noqa: N802 - TF's class name
    return random_dataset(seed)


__all__ = ["AUTOTUNE", "RandomDataset"]


def sample_from_datasets(datasets, weights=None, seed=None, stop_on_empty_dataset=False):
    """`tf.data.experimental.sample_from_datasets` (TF 1.15, constant weights): a
    StatelessMultinomial draw per element, seeded by a batched RandomDataset, picks
    the input (DirectedInterleaveDataset)."""
    import numpy as np

    from ..framework import dtypes as _dtypes
    from ..framework.constant_op import convert_to_tensor
    from ..framework.ops import get_default_graph
    from ..ops.array_ops import expand_dims, squeeze
    from ..ops.stateless_random_ops import stateless_categorical
    from . import eager
    from .function import StructuredFunction

    datasets = list(datasets)
    n = len(datasets)
    g = get_default_graph()
    if weights is None:
        logits = convert_to_tensor([[1.0] * n])
    else:
        if hasattr(weights, "_variant_tensor"):
            raise NotImplementedError("weights given as a Dataset are not supported")
        weights = convert_to_tensor(weights, name="weights")
        if weights.dtype not in (_dtypes.float32, _dtypes.float64):
            raise TypeError("`weights` must be convertible to a tensor of `tf.float32` or "
                            "`tf.float64` elements.")
        if not weights.shape.is_compatible_with([n]):
            raise ValueError("`weights` must be a vector of length `len(datasets)`.")
        if eager.is_eager_graph(g):
            from ..ops.math_ops import log

            logits = log(weights, name="logits")
        else:
            w = g._c.constant_value(weights.op._id)
            # TF's Log kernel (Eigen's logf); NumPy's log stands in for the value, which
            # only matters within an ulp of a multinomial boundary.
            value = np.log(np.asarray(w)).astype(w.dtype)
            logits = g._create_op("Log", [weights], "logits", dtype=weights.dtype,
                                  shape=weights.shape, attrs={"_py_value": value}).outputs[0]
        logits = expand_dims(logits, 0)
    if n == 1:
        return datasets[0]
    selector = random_dataset(seed).batch(2)
    _check_same_types(datasets)
    fn = StructuredFunction(
        lambda s, lg: squeeze(stateless_categorical(lg, 1, seed=s), axis=[0, 1]),
        "select_dataset_constant_logits", selector._structure, captures=[logits])
    sel = selector._new("MapDataset", [selector._variant_tensor] + fn.captured,
                        fn.structure, {"f": fn, "use_inter_op_parallelism": False,
                                       "preserve_cardinality": False})
    out = type(datasets[0])(None, datasets[0]._structure)._new(
        "DirectedInterleaveDataset", [sel._variant_tensor] + [d._variant_tensor
                                                              for d in datasets],
        attrs={"N": n, "stop_on_empty_dataset": bool(stop_on_empty_dataset)})
    return out


def _check_same_types(datasets):
    """_DirectedInterleaveDataset's check: every input has the first's element dtypes and
    structure (TF 2.21: a common supertype of the specs, which needs the same)."""
    from ..framework.tensor_util import _tf1
    from . import nest

    def types(d):
        return repr(nest.map_structure(lambda s: s.dtype, d._structure))

    for i, d in enumerate(datasets[1:]):
        if types(d) != types(datasets[0]):
            if _tf1():
                raise TypeError("All datasets must have the same type and class.")
            raise TypeError(f"Invalid `datasets`. `datasets` must have compatible element "
                            f"specs.\n Dataset 0 element_spec={datasets[0]._structure}.\n"
                            f"Dataset {i + 1} element_spec={d._structure}.")


__all__ += ["sample_from_datasets"]
