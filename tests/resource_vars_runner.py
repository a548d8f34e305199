"""Runs one resource-variable program and describes what happened, the same way under
TensorFlow (scripts/ref_resource_vars.py records) and under philoxflow
(tests/test_resource_vars.py compares). Python 3.7 compatible: TF 1.15's venv runs it.

A program gets `tf`, `np` and `RES` and sets `out` (tensors whose static shapes are kept),
optionally `meta` (Python values kept) and `fetch` (run after `init`; values kept).
"""
import numpy as np

_ATTR_OPS = ("VarHandleOp", "AssignVariableOp", "AssignAddVariableOp", "ReadVariableOp",
             "ResourceGather", "ResourceApplyAdam", "ResourceApplyGradientDescent")
_ATTRS = ("container", "shared_name", "dtype", "shape", "debug_name", "allowed_devices",
          "validate_shape", "use_locking", "T", "Tindices", "batch_dims")


def _attr(tf, v):
    if isinstance(v, bytes):
        return v.decode()
    if isinstance(v, (list, tuple)):
        return [_attr(tf, x) for x in v]
    if isinstance(v, (bool, int, float, str)) or v is None:
        return v
    if hasattr(v, "is_floating"):
        return v.name
    return tf.TensorShape(v).as_list()


def attrs_of(tf, g):
    """The attributes TF sets on the resource ops (those an op has)."""
    out = {}
    for op in g.get_operations():
        if op.type not in _ATTR_OPS:
            continue
        got = {}
        for k in _ATTRS:
            try:
                got[k] = _attr(tf, op.get_attr(k))
            except Exception:  # noqa: BLE001, S112 - the op has no such attribute
                continue
        out[op.name] = got
    return out


def run(tf, source, res):
    """The record of `source` built (and run) with `tf`: ops, resource-op attributes,
    static shapes, `meta`, fetched values, or the error class of the build or the run."""
    g = tf.Graph()
    rec = {}
    with g.as_default():
        env = {"tf": tf, "np": np, "RES": res}
        try:
            exec(source, env)
        except Exception as e:  # noqa: BLE001 - the error is what is recorded/compared
            rec["error"] = type(e).__name__
        rec["ops"] = [[op.name, op.type] for op in g.get_operations()]
        rec["attrs"] = attrs_of(tf, g)
        rec["shapes"] = [None if t.shape.rank is None else t.shape.as_list()
                         for t in env.get("out", []) if t is not None]
        if "meta" in env:
            rec["meta"] = env["meta"]
        if "error" in rec or "fetch" not in env:
            return rec
        with tf.Session(graph=g) as sess:
            try:
                sess.run(env["init"])
                vals = []
                for f in env["fetch"]:
                    v = sess.run(f)
                    if v is None:
                        vals.append(None)
                        continue
                    a = np.asarray(v)
                    vals.append([str(a.dtype), list(a.shape), a.ravel().tolist()])
                rec["values"] = vals
            except Exception as e:  # noqa: BLE001
                rec["run_error"] = type(e).__name__
    return rec
