"""Build alias modules: one TF module's names from the philoxflow modules that hold them."""

from __future__ import annotations

import importlib


def combine(module_globals: dict, *sources: str, gen: str | None = None) -> None:
    """Copy the names of `sources` (philoxflow module paths, later ones first) into the
    alias module; `gen` adds TF's generated wrappers of that `gen_*_ops` module."""
    for src in reversed(sources):
        mod = importlib.import_module(src)
        for key, value in vars(mod).items():
            if not key.startswith("__"):
                module_globals.setdefault(key, value)
    if gen is not None:
        from philoxflow.ops import gen_wrappers

        for key, fn in gen_wrappers.module_names(gen).items():
            module_globals.setdefault(key, fn)
