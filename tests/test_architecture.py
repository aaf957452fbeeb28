"""The package's shape, held by tests: no import cycle (lazy imports included), layers import
only downwards, no module over 400 lines and no function over 60, `mypy --strict` and ruff clean.

The import graph is read from the source (every `import`, at the top or inside a function), so
an import hidden in a function body cannot close a cycle unnoticed. `from pkg import mod` counts
as importing the submodule `pkg.mod` (its package's `__init__` runs first, as it must, without
that being a cycle).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "drafter"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# What each layer may import, besides itself (see docs/architecture.md). A top-level module
# (errors, paths, files) is its own layer.
LAYERS: dict[str, set[str]] = {
    "errors": set(),
    "paths": set(),
    "version": set(),
    "cache": {"version", "files", "errors"},  # the on-disk cache of parsed data (library, index, templates)
    "inputs": set(),  # the run's input files, compared as the file systems compare names
    "files": {"errors", "inputs"},
    "load": {"errors", "cache"},  # cache: parsed YAML files kept between runs (load/yamlcache.py)
    "library": {"errors", "paths", "load", "cache", "inputs"},
    "spec": {"errors", "load", "library"},
    # resolve.py computes redlines with the one difference engine (compare/ reads document/labels)
    "document": {"errors", "library", "spec", "compare"},
    # render(fmt="akn") hands one language to the Akoma Ntoso writer, which lives in interchange/
    "writers": {"errors", "paths", "document", "cache", "interchange"},
    "compare": {"errors", "paths", "load", "library", "document", "cache"},
    "drafts": {"errors", "paths", "load", "library", "spec", "document", "compare", "writers"},
    "interchange": {"errors", "paths", "files", "load", "library", "spec", "document", "compare", "drafts"},
    # the studio is an application beside the CLI: it reuses the CLI's presentation helpers
    "studio": {"errors", "paths", "files", "load", "library", "spec", "document", "writers", "compare", "cli"},
    "batch": {"errors", "files", "inputs", "load", "library", "spec", "document", "writers"},
    "cli": {"errors", "paths", "files", "inputs", "load", "library", "spec", "document", "writers", "batch",
            "compare", "drafts", "studio", "interchange"},  # paths: `drafter help` reads the bundled docs
    "__main__": {"cli", "errors"},
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _target(name: str) -> str | None:
    """The drafter module an import of `name` loads (a submodule if there is one)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{module}: drafter uses absolute imports only"
            base = node.module or ""
            # `from pkg import mod` imports the submodule; `from pkg import name`, the package
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for name in names:
            if name.startswith("drafter"):
                target = _target(name)
                if target and target != module:
                    found.add(target)
    if module == "drafter":  # the lazy public API: drafter.__getattr__ imports these by name
        found |= {_target(m) for m in _public_api_modules(tree)} - {None}  # type: ignore[operator]
    return found


def _public_api_modules(tree: ast.Module) -> list[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "_API" for t in node.targets):
            assert isinstance(node.value, ast.Dict)
            return [v.value for v in node.value.values if isinstance(v, ast.Constant)]
    return []


GRAPH = {m: _imports(m, p) for m, p in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_graph_is_read_from_every_module():
    assert len(MODULES) > 40
    assert "drafter.writers.docx.wordml" in GRAPH["drafter.writers.docx.layout"]
    assert "drafter.writers.markdown.writer" in GRAPH["drafter.writers"]  # a lazy import counts


def test_cycle_finder_finds_a_lazy_cycle():
    """The check can fail: a cycle closed by an import inside a function is found."""
    graph = {k: set(v) for k, v in GRAPH.items()}
    graph["drafter.errors"].add("drafter.cli.group")  # as if errors.py imported the CLI lazily
    assert any("drafter.errors" in c for c in _cycles(graph))


def test_no_import_cycles():
    assert _cycles(GRAPH) == []


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_layers_import_only_downwards():
    wrong = []
    for module, targets in GRAPH.items():
        layer = _layer(module)
        if layer is None:
            continue
        assert layer in LAYERS, f"{module}: declare the layer {layer!r} in LAYERS (and docs/architecture.md)"
        for target in targets:
            other = _layer(target)
            if other is not None and other != layer and other not in LAYERS[layer]:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_writers_read_only_the_document_model():
    """Writers lay out what the model decided: no writer reads the spec or the library."""
    wrong = [f"{m} imports {t}" for m, ts in GRAPH.items() if m.startswith("drafter.writers")
             for t in ts if t.startswith(("drafter.spec", "drafter.library"))]
    assert wrong == []


def test_modules_and_functions_are_short():
    long_modules, long_functions = [], []
    for module, path in MODULES.items():
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        if lines > MAX_MODULE_LINES:
            long_modules.append(f"{module}: {lines} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    long_functions.append(f"{module}.{node.name}: {size} lines")
    assert long_modules == [] and long_functions == []


def _tool(name: str) -> list[str]:
    if shutil.which(name) is None and not (Path(sys.executable).parent / name).exists():
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return [sys.executable, "-m", name]


def test_mypy_strict():
    done = subprocess.run([*_tool("mypy"), "--strict", "src"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff():
    done = subprocess.run([*_tool("ruff"), "check", "src", "tests", "benchmarks", "scripts"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
