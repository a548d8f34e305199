"""Edge inputs accepted or rejected as TensorFlow does: every case of the campaign
recorded by scripts/edge_campaign.py (tests/data/op_model/edge_tf1.jsonl.gz, TF 1.15;
edge_tf2.jsonl.gz, TF 2.21's compat.v1) runs under philoxflow, and its outcome must equal
TF's: built or rejected, the phase and class of the error and its message's first line,
each output's name, dtype and static shape, and the fetched values bit for bit.

Messages are compared after one normalization (`_norm`): memory addresses become `0x?`,
TF's module paths in class reprs (`tensorflow.python.framework.tensor_shape`) become
philoxflow's (`philoxflow.framework.tensor_shape`), and NumPy scalar reprs lose NumPy 2's
`np.float64(...)` wrapper (TF 1.15 ran on NumPy 1.18, which printed `2.5`); Python 3.12's
wording of builtin int()/float() errors becomes Python 3.7's (TF 1.15's), and NumPy 2's
words for int() of a multi-element array NumPy 1.18's. Without
ml_dtypes philoxflow fetches bfloat16 as its uint16 bits: those bits are compared.
Cases philoxflow does not reproduce yet are listed with what differs in
edge_gaps_<target>.txt; a listed case that starts passing fails the test, so the list
shrinks as the gaps close.
"""

import collections
import gzip
import json
import pathlib
import re

import numpy as np
import pytest
from edge_runner import run_case

DATA = pathlib.Path(__file__).parent / "data" / "op_model"
TARGETS = {"tf1": "philoxflow", "tf2": "philoxflow.compat.v1"}


def _load(target):
    path = DATA / f"edge_{target}.jsonl.gz"
    if not path.exists():
        return {}
    groups = collections.defaultdict(list)
    for line in gzip.open(path, "rt"):
        rec = json.loads(line)
        groups[rec["id"].rsplit("/", 1)[0]].append(rec)
    return groups


def _gaps(target):
    path = DATA / f"edge_gaps_{target}.txt"
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            cid, _, why = line.partition("\t")
            out[cid] = why
    return out


_NP_SCALAR = re.compile(r"np\.(?:float|int|uint|complex|bool_|str_|bytes_)\w*\(([^()]*)\)")


# Python 3.12's wording of builtin conversion errors, as Python 3.7 (TF 1.15's) put it
_PY37 = [(re.compile(r"(?:float|int)\(\) argument must be a string(?:, a bytes-like object)? "
                     r"or a real number, not 'complex'"), None),
         (re.compile(r"or a real number, not"), "or a number, not"),
         (re.compile(r"(expected string or bytes-like object), got '\w+'"), r"\1"),
         # NumPy 2's words for int() of an array of several elements, as NumPy 1.18 put them
         (re.compile(r"only 0-dimensional arrays can be converted to Python scalars"),
          "only size-1 arrays can be converted to Python scalars")]


def _norm(msg):
    msg = re.sub(r"0x[0-9a-fA-F]+", "0x?", msg).replace("tensorflow.python.", "philoxflow.")
    for pat, repl in _PY37:
        msg = pat.sub(repl or (lambda m: "can't convert complex to " + m.group(0)[:m.group(
            0).index("(")]), msg)
    return _NP_SCALAR.sub(r"\1", msg)


def mismatch(exp, got):
    """Why outcome `got` differs from TF's `exp` (None when equal)."""
    ee, ge = exp.get("e"), got.get("e")
    if (ee is None) != (ge is None):
        return (f"TF {'raised ' + ' '.join(ee[:2]) if ee else 'accepted'}, philoxflow "
                f"{'raised ' + ' '.join(ge) if ge else 'accepted'}")
    if ee and ee[:2] != ge[:2]:
        return f"error {ge[:2]} != TF's {ee[:2]}: {ge[2]!r}"
    if ee and _norm(ee[2]) != _norm(ge[2]):
        return f"message {ge[2]!r} != TF's {ee[2]!r}"
    for key in ("py", "t"):
        if exp.get(key) != got.get(key):
            return f"{key} {got.get(key)} != TF's {exp.get(key)}"
    if "v" in exp and exp["v"] != got.get("v"):
        for i, (a, b) in enumerate(zip(exp["v"], got.get("v") or [])):
            if a != b and not (a and b and a[0] == "bfloat16" and b[0] == "uint16"
                               and a[1:] == b[1:]):
                return f"value #{i}: {b[:2]} != TF's {a[:2]}" + (
                    " (values differ)" if a[:2] == b[:2] else "")
        if len(exp["v"]) != len(got.get("v") or []):
            return "values differ"
    return None


_CACHE = {}


def _load_cached(target):
    if target not in _CACHE:
        _CACHE[target] = _load(target)
    return _CACHE[target]


PARAMS = [pytest.param(t, g, id=f"{t}:{g}") for t in TARGETS for g in _load_cached(t)]


@pytest.mark.parametrize("target,group", PARAMS)
def test_edge_inputs(target, group, request):
    import importlib

    tf = importlib.import_module(TARGETS[target])
    gaps = _gaps(target)
    bad, now_pass = [], []
    for rec in _load_cached(target)[group]:
        with np.errstate(all="ignore"):
            why = mismatch(rec, run_case(tf, np, rec["code"]))
        if why and rec["id"] not in gaps:
            bad.append(f"{rec['id']}: {why}")
        elif not why and rec["id"] in gaps:
            now_pass.append(rec["id"])
    assert not bad, "\n".join(bad)
    assert not now_pass, f"passing now, remove from edge_gaps_{target}.txt: {now_pass}"


def test_campaign_size():
    """The TF 1.15 campaign has at least 2,000 cases and every gap names a real case."""
    groups = _load_cached("tf1")
    ids = {r["id"] for recs in groups.values() for r in recs}
    assert len(ids) >= 2000
    for target in TARGETS:
        every = {r["id"] for recs in _load_cached(target).values() for r in recs}
        assert set(_gaps(target)) <= every
