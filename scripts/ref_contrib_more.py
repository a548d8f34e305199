"""Reference data for tests/test_contrib_more.py: the programs of `contrib_programs2.py`
run under real TensorFlow 1.15 with the runner of `ref_contrib.py`:

    /work/venvs/tf1/bin/python scripts/ref_contrib_more.py [NAME ...]

writes tests/data/contrib/tf1_more.jsonl (with names: only those programs again).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from contrib_programs import PREAMBLE  # noqa: E402
from contrib_programs2 import PROGRAMS  # noqa: E402
from ref_contrib import run  # noqa: E402

# Programs that write checkpoints get a fresh directory in CKPT_DIR (the test does the same).
SETUP = "import tempfile\nCKPT_DIR = tempfile.mkdtemp()\n"


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import warnings

    warnings.filterwarnings("ignore")
    import tensorflow as tf

    tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)
    assert tf.__version__ == "1.15.5", tf.__version__
    only = set(sys.argv[1:])
    dest = os.path.join(HERE, "..", "tests", "data", "contrib")
    for group, programs in PROGRAMS.items():
        path = os.path.join(dest, f"{group}.jsonl")
        old = {}
        if only and os.path.exists(path):
            with open(path) as f:
                old = {c["name"]: c for c in map(json.loads, f)}
        with open(path, "w") as f:
            for name, source in programs:
                if only and name not in only and name in old:
                    f.write(json.dumps(old[name]) + "\n")
                    continue
                source = PREAMBLE + SETUP + source
                lines = run(source, tf)
                f.write(json.dumps({"name": name, "program": source, "output": lines}) + "\n")
                print(group, name, len(lines), "lines")


if __name__ == "__main__":
    tempfile.tempdir = None
    main()
