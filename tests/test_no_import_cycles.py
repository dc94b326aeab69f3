"""No two modules of planwatch import each other, directly or round a longer loop: every rule has one home,
and a module's dependencies point one way. Read from the source with ``ast`` (nothing is imported), so the test
sees what the code says, not what one import order happened to need.

- ``from .pkg import name``: the dependency is the submodule ``pkg.name`` when there is one, else ``pkg``.
- Imports under ``if TYPE_CHECKING:`` are for the type checker only and do not count.
- A package's own ``__init__`` run on the way to its submodule is Python's machinery, not a dependency.
- Imports inside functions count too, in their own test: an import moved into a function to break a loop
  still makes the two modules depend on each other (``web/views.py`` ↔ ``web/reports.py`` was one).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules(root: Path, package: str) -> dict[str, tuple[Path, bool]]:
    """Dotted module name → (file, is a package) for every .py file under ``root / package``."""
    found = {}
    for path in (root / package).rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(body: list[ast.stmt], nested: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements run when the module is loaded (in ``if``/``try`` blocks too); with ``nested``,
    those in functions and classes as well."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _imports(node.body, nested)
                yield from _imports(node.orelse, nested)
        elif isinstance(node, ast.Try):
            for block in (node.body, *(h.body for h in node.handlers), node.orelse, node.finalbody):
                yield from _imports(block, nested)
        elif nested and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.With)):
            yield from _imports(node.body, nested)


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom,
             modules: dict[str, tuple[Path, bool]]) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    if node.level:
        here = module.split(".") if is_package else module.split(".")[:-1]
        base = ".".join(here[:len(here) - node.level + 1] + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    for alias in node.names:
        yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base


def import_graph(root: Path, package: str, nested: bool = False) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports."""
    modules = _modules(root, package)
    return {name: {t for node in _imports(ast.parse(path.read_text(encoding="utf-8")).body, nested)
                   for t in _targets(name, is_package, node, modules) if t in modules and t != name}
            for name, (path, is_package) in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that reach each other (strongly connected components of more than one module,
    or a module importing itself), each sorted; iterative Tarjan."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph[node]:
                    found.append(sorted(group))
    return found


def test_no_module_imports_itself_round_a_loop() -> None:
    assert cycles(import_graph(SRC, "planwatch")) == []


def test_no_loop_is_hidden_in_a_function_level_import() -> None:
    assert cycles(import_graph(SRC, "planwatch", nested=True)) == []


def test_a_loop_is_found(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "from .b import thing\n",
        "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import c\nfrom .sub import d\n",
        "c.py": "from . import a\n",  # a → b → d, c → a: no loop (b's import of c is for the type checker)
        "sub/__init__.py": "",
        "sub/d.py": "def f():\n    from .. import a\n",  # d → a inside a function: a loop a → b → d → a
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    assert cycles(import_graph(tmp_path, "pkg")) == []
    assert cycles(import_graph(tmp_path, "pkg", nested=True)) == [["pkg.a", "pkg.b", "pkg.sub.d"]]
