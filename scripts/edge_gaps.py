"""Rewrite tests/data/op_model/edge_gaps_<target>.txt after a change: cases that pass now
leave the list, the others get what differs now, tagged by kind (accept/reject, class,
message, value); cases that newly differ are printed (and added with `--add`, tagged
`[new]`, only once they are understood). Runs the campaign as tests/test_edge_inputs.py
does.

    python scripts/edge_gaps.py [--add] [tf1 tf2]
"""
import argparse
import importlib
import pathlib
import sys

import numpy as np

TESTS = pathlib.Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))

from edge_runner import run_case  # noqa: E402
from test_edge_inputs import DATA, TARGETS, _gaps, _load, mismatch  # noqa: E402


def _kind(why):
    """What differs, as the gap lists tag it (the reason is rewritten on every run)."""
    if why.startswith(("TF raised", "TF accepted")):
        return "accept/reject"
    if why.startswith("error "):
        return "class"
    if why.startswith("message "):
        return "message"
    return "value"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("targets", nargs="*", default=list(TARGETS))
    ap.add_argument("--add", action="store_true", help="list new differences too")
    a = ap.parse_args()
    for target in a.targets:
        tf = importlib.import_module(TARGETS[target])
        gaps = _gaps(target)
        path = DATA / f"edge_gaps_{target}.txt"
        header = [ln for ln in path.read_text().splitlines() if ln.startswith("#")]
        keep, new, fixed = [], [], 0
        for recs in _load(target).values():
            for rec in recs:
                with np.errstate(all="ignore"):
                    why = mismatch(rec, run_case(tf, np, rec["code"]))
                if why and rec["id"] in gaps:
                    keep.append((rec["id"], f"[{_kind(why)}] {why}"))
                elif why:
                    new.append((rec["id"], f"[new] [{_kind(why)}] {why}"))
                elif rec["id"] in gaps:
                    fixed += 1
        for cid, why in new:
            print(f"{target} NEW {cid}: {why}")
        rows = keep + (new if a.add else [])
        path.write_text("\n".join(header + [f"{c}\t{w}" for c, w in rows]) + "\n")
        print(f"{target}: {fixed} pass now, {len(keep)} still listed, {len(new)} new")


if __name__ == "__main__":
    main()
