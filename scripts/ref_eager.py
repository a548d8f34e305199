"""Record TF 2.21 eager reference data for tests/test_eager.py.

    /work/venvs/tf2/bin/python scripts/ref_eager.py [--shared PATH]

Writes tests/data/eager/extra.jsonl: this project's own programs (ref_eager_programs.py) run under
`import tensorflow as tf` (TF 2.21, eager, Keras 3 as tf.keras), in the format of the
shared corpus (`{"name", "program", "outputs"}`, or `"error"` where TF raised). With
`--shared`, also copies the shared eager corpus minus its `image/` cases to
tests/data/eager/eager.jsonl.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
OUT = os.path.join(HERE, "..", "tests", "data", "eager")

from ref_eager_programs import PROGRAMS  # noqa: E402 - this project's own programs


def encode(value):
    arr = np.asarray(value)
    raw = np.ascontiguousarray(arr).tobytes()
    out = {"dtype": str(arr.dtype), "shape": list(arr.shape), "nbytes": len(raw)}
    if len(raw) <= 4096:
        out["b64"] = base64.b64encode(raw).decode()
    else:
        out["sha256"] = hashlib.sha256(raw).hexdigest()
        out["head_b64"] = base64.b64encode(raw[:256]).decode()
    return out


def record(name, src, tf):
    scope = {}
    exec(compile(src, name, "exec"), scope)
    try:
        return {"name": name, "program": src.lstrip("\n"),
                "outputs": [encode(o) for o in scope["main"](tf, np)]}
    except Exception as e:  # TF rejected the program: record its error class
        return {"name": name, "program": src.lstrip("\n"), "error": type(e).__name__,
                "message": str(e)[:500]}


def main(argv):
    import tensorflow as tf

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "extra.jsonl"), "w") as f:
        for name, src in PROGRAMS.items():
            f.write(json.dumps(record(name, src, tf)) + "\n")
    if "--shared" in argv:
        path = argv[argv.index("--shared") + 1]
        with open(path) as src, open(os.path.join(OUT, "eager.jsonl"), "w") as dst:
            for line in src:
                if not json.loads(line)["name"].startswith("image/"):
                    dst.write(line)


if __name__ == "__main__":
    main(sys.argv[1:])
