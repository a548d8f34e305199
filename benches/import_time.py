"""How much `import philoxflow` adds to `import numpy` (target: <= 40 ms).

    python benches/import_time.py [--runs 30] [--python PATH]

Each run is a fresh interpreter that imports numpy, then philoxflow (which
brings numpy.random for TFPhilox), timing each step inside the process; the
interpreter's own start-up is not counted. Prints min and median over runs.
Bytecode is cached (in a temporary pycache_prefix, even where
PYTHONDONTWRITEBYTECODE is set), as it is for a pip-installed wheel.
Run it on a quiet machine: on a busy one every figure grows.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

PROBE = """
import json, sys, time
t0 = time.perf_counter()
import numpy
t1 = time.perf_counter()
had_random = "numpy.random" in sys.modules
import philoxflow
t2 = time.perf_counter()
print(json.dumps({"numpy": t1 - t0, "philoxflow": t2 - t1, "had_random": had_random,
                  "file": philoxflow.__file__}))
"""

RANDOM_ONLY = """
import json, time
import numpy
t0 = time.perf_counter()
import numpy.random
print(json.dumps({"numpy.random": time.perf_counter() - t0}))
"""


PYCACHE = tempfile.mkdtemp(prefix="philoxflow-import-")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def sample(python: str, code: str) -> dict:
    out = subprocess.run([python, "-X", f"pycache_prefix={PYCACHE}", "-c", code], env=ENV,
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args()
    sample(args.python, PROBE)  # warm the file cache and .pyc files
    rows = [sample(args.python, PROBE) for _ in range(args.runs)]
    rnd = [sample(args.python, RANDOM_ONLY)["numpy.random"] for _ in range(args.runs)]
    print(f"{platform.processor() or platform.machine()}, {platform.system()} "
          f"{platform.release()}, Python {platform.python_version()}, {args.runs} runs")
    print(f"philoxflow from {rows[0]['file']}")
    for name, values in (("import numpy", [r["numpy"] for r in rows]),
                         ("import philoxflow after numpy", [r["philoxflow"] for r in rows]),
                         ("(numpy.random alone, for scale)", rnd)):
        ms = [v * 1e3 for v in values]
        print(f"{name:32s} min {min(ms):7.1f} ms   median {statistics.median(ms):7.1f} ms")
    added = statistics.median(r["philoxflow"] for r in rows) * 1e3
    print(f"philoxflow adds {added:.1f} ms (median) to numpy's import: "
          f"{'within' if added <= 40 else 'OVER'} the 40 ms target")


if __name__ == "__main__":
    main()
