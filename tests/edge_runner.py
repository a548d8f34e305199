"""Runs one edge-input case and describes what happened, the same way under TensorFlow
(scripts/edge_campaign.py records) and under philoxflow (tests/test_edge_inputs.py
compares). Python 3.7 compatible: TF 1.15's venv runs it.

A case is a few statements over `tf` and `np` that set `out` (a tensor, variable,
operation, a list of them, or any Python value) and optionally `feed` (a feed dict)
and `run = False` (static facts only). The outcome is a dict:
  "e": [phase, error class, first line of the message]  (phase "build" or "run")
  "t": [[name, dtype, static shape or None], ...]        (tensors and variables)
  "v": [[numpy dtype, shape, base64 bytes or "sha256:..."], ...]  (fetched values)
  "py": repr of a returned non-tensor value
"""
import base64
import hashlib
import json


def first_line(exc):
    msg = getattr(exc, "message", None)
    if not isinstance(msg, str):
        msg = str(exc)
    return msg.split("\n", 1)[0][:300]


def _is_graph_obj(x):
    return hasattr(x, "graph") and (hasattr(x, "dtype") or hasattr(x, "node_def")
                                    or type(x).__name__ == "Operation")


def _static(t):
    shape = t.shape if hasattr(t, "shape") else t.get_shape()
    if shape.ndims is None:
        return None
    return [-1 if d is None else int(d) for d in shape.as_list()]


def _describe(x):
    if type(x).__name__ == "Operation":
        return [x.name, "op:" + x.type, None]
    return [x.name, x.dtype.base_dtype.name, _static(x)]


def encode(np, value):
    arr = np.asarray(value)
    if arr.dtype == object:
        raw = json.dumps([base64.b64encode(v if isinstance(v, bytes) else str(v).encode())
                          .decode() for v in arr.ravel()]).encode()
    else:
        raw = np.ascontiguousarray(arr).tobytes()
    data = (base64.b64encode(raw).decode() if len(raw) <= 512
            else "sha256:" + hashlib.sha256(raw).hexdigest())
    return [str(arr.dtype), list(arr.shape), data]


def run_case(tf, np, code):
    """Build (in a fresh graph with graph seed 7) and run one case; its outcome dict."""
    scope = {"tf": tf, "np": np, "feed": None, "run": True}
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        try:
            exec(compile(code, "<edge>", "exec"), scope)
            out = scope["out"]
            items = list(out) if isinstance(out, (list, tuple)) else [out]
            if not items or not all(_is_graph_obj(x) for x in items):
                return {"py": repr(out)}
            res = {"t": [_describe(x) for x in items]}
        except Exception as e:  # noqa: BLE001 - the outcome is the error
            return {"e": ["build", type(e).__name__, first_line(e)]}
        if not scope["run"]:
            return res
        try:
            with tf.Session(graph=g) as sess:
                if g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES):
                    sess.run(tf.global_variables_initializer())
                vals = sess.run(items, feed_dict=scope["feed"])
            res["v"] = [None if v is None else encode(np, v) for v in vals]
        except Exception as e:  # noqa: BLE001
            res["e"] = ["run", type(e).__name__, first_line(e)]
        return res
