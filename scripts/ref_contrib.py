"""Reference data for tests/test_contrib_slim.py and tests/test_variables_api.py:
TF-slim / contrib programs and Variable-API programs run under real TensorFlow 1.15.

Each program prints what it checks (op names, types and static shapes, collections,
each initial variable's sha256 and leading values, error classes); the printed
lines are the reference. Run with TF 1.15's python:

    /work/venvs/tf1/bin/python scripts/ref_contrib.py      # writes tests/data/contrib/*.jsonl

The programs are this project's own (written for these tests), not TF's.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from contrib_programs import PREAMBLE, PROGRAMS  # noqa: E402


def run(source, tf):
    import numpy as np

    out = io.StringIO()
    env = {"tf": tf, "np": np}
    with contextlib.redirect_stdout(out):
        tf.reset_default_graph()
        exec(source, env)  # noqa: S102 - our own programs
    return out.getvalue().splitlines()


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import warnings

    warnings.filterwarnings("ignore")
    import tensorflow as tf

    tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)
    assert tf.__version__ == "1.15.5", tf.__version__
    dest = os.path.join(HERE, "..", "tests", "data", "contrib")
    os.makedirs(dest, exist_ok=True)
    for group, programs in PROGRAMS.items():
        with open(os.path.join(dest, f"{group}.jsonl"), "w") as f:
            for name, source in programs:
                source = PREAMBLE + source
                lines = run(source, tf)
                f.write(json.dumps({"name": name, "program": source, "output": lines}) + "\n")
                print(group, name, len(lines), "lines")


if __name__ == "__main__":
    main()
