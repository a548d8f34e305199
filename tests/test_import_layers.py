"""philoxflow's modules import downward, as TensorFlow's do: no import cycle among the
package's modules at import time (module-level imports; imports inside functions run
later and are not counted). A cycle makes a module see its peer half-initialised, so
what works depends on which module a program imports first."""

from __future__ import annotations

import ast
import pathlib

import philoxflow

ROOT = pathlib.Path(philoxflow.__file__).parent


def _modules() -> dict[str, pathlib.Path]:
    mods = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


def _module_level_imports(tree: ast.Module):
    """Import statements run at import time: top level, and inside top-level if/try."""
    for node in tree.body:
        nested = ast.walk(node) if isinstance(node, (ast.If, ast.Try)) else [node]
        for n in nested:
            if isinstance(n, (ast.Import, ast.ImportFrom)):
                yield n


def _targets(module: str, is_package: bool, node, mods) -> list[str]:
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        base = node.module or ""
        if node.level:
            pkg = module.split(".") if is_package else module.split(".")[:-1]
            pkg = pkg[: len(pkg) - node.level + 1]
            base = ".".join(pkg + ([base] if base else []))
        # `from .. import _core` names the extension module, a leaf: no edge.
        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base
                 for a in node.names if a.name != "_core"]
    out = []
    for name in names:
        while name not in mods and "." in name:
            name = name.rsplit(".", 1)[0]
        if name in mods and name != module:
            out.append(name)
    return out


def _import_graph() -> dict[str, set[str]]:
    mods = _modules()
    graph = {}
    for name, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        graph[name] = {t for node in _module_level_imports(tree)
                       for t in _targets(name, is_package, node, mods)}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            advanced = False
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    comp.append(m)
                    if m == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def test_the_checker_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_modules_import_downward():
    graph = _import_graph()
    assert len(graph) > 200 and "philoxflow.framework.ops" in graph
    assert "philoxflow.framework.dtypes" in graph["philoxflow.framework.ops"]
    assert _cycles(graph) == []
