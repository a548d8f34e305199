"""Record TF 1.15's graphs and values for tests/realcode_programs.py.

    /path/to/tf1/python scripts/ref_realcode.py   # writes tests/data/realcode/programs.jsonl
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))


def main():
    import tensorflow as tf
    from realcode_programs import PROGRAMS, run_program
    out = os.path.join(ROOT, "tests", "data", "realcode", "programs.jsonl")
    with open(out, "w") as f:
        for name, fn in PROGRAMS.items():
            f.write(json.dumps(dict(name=name, **run_program(tf, fn))) + "\n")


if __name__ == "__main__":
    main()
