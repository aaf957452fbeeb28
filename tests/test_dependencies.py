"""Every package drafter imports is declared, every declared package is used, and each lower
bound is the one CI tests (issue 11).

Imports are read with `ast`, so the lazy imports inside functions count as much as those at
the top of a module. Import names are mapped to the distributions that provide them through
the installed packages' own lists of files (`docx` is python-docx, `yaml` is PyYAML). `.ci/run`
installs `.ci/oldest.txt` — each declared package at its lower bound — in a new environment
and runs the whole suite there, so the two files must say the same.
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import inspect
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Declared for run time although nothing under src/ imports it (yet), and why.
NOT_YET_IMPORTED: dict[str, str] = {}
# In the test extra although neither the tests nor src/ import it, and why.
TOOLS = {
    "ruff": "run as `ruff check src tests` (README, Development; tests/test_architecture.py)",
    "mypy": "run as `python -m mypy --strict src` by tests/test_architecture.py",
    "types-pyyaml": "type stubs mypy reads for PyYAML",
    "lxml-stubs": "type stubs mypy reads for lxml",
    "httpx": "Starlette's TestClient imports it (Starlette before httpx2)",
    "httpx2": "Starlette's TestClient imports it",
}
# Top-level names that are the project's own, or standard library in newer Pythons (imported
# behind a version check), not third-party packages.
OWN = {"drafter", "tests", "tomllib"}
# Imported by scripts the tests run under the system python3, provided by a Debian package that
# .ci/run installs, not by pip.
SYSTEM = {
    "uno": "python3-uno: tests/writers/docx/lo_track_changes.py drives LibreOffice",
    "com": "python3-uno (com.sun.star.*): the same script",
}

_REQUIREMENT = re.compile(r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?P<spec>[^;]*)(;(?P<marker>.*))?\Z")


def normalise(name: str) -> str:
    """A distribution's name as pip compares it (PEP 503): `PyYAML` and `pyyaml` are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements() -> dict[str, list[str]]:
    """Requirement strings by group: "" for run time, else the extra's name."""
    if sys.version_info >= (3, 11):
        import tomllib

        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        return {"": list(project["dependencies"]), **project.get("optional-dependencies", {})}
    # Python 3.10 has no tomllib; pip wrote the same requirements into the installed metadata
    groups: dict[str, list[str]] = {"": []}
    for line in importlib.metadata.requires("drafter") or []:
        requirement, _, marker = line.partition(";")
        extra = re.search(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker)
        groups.setdefault(extra.group(1) if extra else "", []).append(requirement.strip())
    return groups


def parsed(requirement: str) -> tuple[str, str]:
    """(normalised name, version specifier) of one requirement string."""
    found = _REQUIREMENT.match(requirement.strip())
    assert found, f"cannot read the requirement {requirement!r}"
    return normalise(found["name"]), found["spec"].strip()


def declared(*groups: str) -> set[str]:
    table = requirements()
    return {parsed(r)[0] for group in groups for r in table.get(group, [])}


@functools.cache
def imported_names(folder: Path) -> dict[str, set[str]]:
    """Third-party top-level import names under `folder` -> the files importing them.

    `pytest.importorskip("x")` counts as importing `x`."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), rel)):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr == "importorskip" and node.args
                  and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                names = [node.args[0].value]
            for name in names:
                top = name.split(".")[0]
                if (top not in sys.stdlib_module_names and top not in OWN and top not in SYSTEM
                        and top != "__future__"):
                    found.setdefault(top, set()).add(rel)
    return found


@functools.cache
def providers() -> dict[str, set[str]]:
    """Import name -> the installed distributions providing it, from each one's list of files
    (as `importlib.metadata.packages_distributions` does from Python 3.11 on; 3.10's reads only
    `top_level.txt`, which flit-built packages such as click and Jinja2 lack)."""
    table: dict[str, set[str]] = {}
    for dist in importlib.metadata.distributions():
        for path in dist.files or ():
            top = path.parts[0] if len(path.parts) > 1 else inspect.getmodulename(path.parts[0]) or ""
            if top.isidentifier():
                table.setdefault(top, set()).add(normalise(dist.metadata["Name"]))
    return table


def distributions(names: dict[str, set[str]]) -> dict[str, set[str]]:
    """Normalised distribution name -> the files importing it."""
    provided = providers()
    result: dict[str, set[str]] = {}
    for name, files in names.items():
        dists = provided.get(name)
        assert dists, f"`import {name}` ({', '.join(sorted(files))}): no installed package provides it"
        for dist in dists:
            result.setdefault(normalise(dist), set()).update(files)
    return result


def extras_for_run_time() -> list[str]:
    """Optional extras (everything but `test`): features whose packages are imported lazily."""
    return ["", *(group for group in requirements() if group not in ("", "test"))]


# -- run time ---------------------------------------------------------------------------------

def test_every_package_imported_at_run_time_is_declared():
    used = distributions(imported_names(ROOT / "src" / "drafter"))
    missing = {dist: sorted(files) for dist, files in used.items() if dist not in declared(*extras_for_run_time())}
    assert not missing, f"imported under src/ but not declared in pyproject.toml [project] dependencies: {missing}"


def test_every_run_time_dependency_is_imported():
    used = set(distributions(imported_names(ROOT / "src" / "drafter")))
    unused = declared("") - used - set(NOT_YET_IMPORTED)
    assert not unused, f"declared as dependencies but imported nowhere under src/: {sorted(unused)}"


def test_lxml_and_python_docx_are_run_time_dependencies():
    """lxml reads a user's reference document; python-docx reads Word drafts (issue 16)."""
    assert {"lxml", "python-docx"} <= declared("")


# -- tests ------------------------------------------------------------------------------------

def test_every_package_the_tests_import_is_declared():
    used = distributions(imported_names(ROOT / "tests"))
    missing = {dist: sorted(files) for dist, files in used.items() if dist not in declared("", "test")}
    assert not missing, f"imported by tests but not declared (add it to the `test` extra): {missing}"


def test_every_test_dependency_is_used():
    """By the tests themselves, or by the code they run (an extra's packages)."""
    used = {*distributions(imported_names(ROOT / "tests")), *distributions(imported_names(ROOT / "src" / "drafter"))}
    unused = declared("test") - used - set(TOOLS)
    assert not unused, f"in the `test` extra but imported by no test and nothing under src/: {sorted(unused)}"


# -- lower bounds -------------------------------------------------------------------------------

def _version(text: str) -> tuple[int, ...]:
    parts = tuple(int(p) for p in text.split("."))
    while len(parts) > 1 and parts[-1] == 0:
        parts = parts[:-1]
    return parts


def lower_bounds() -> dict[str, str]:
    bounds: dict[str, str] = {}
    for group, items in requirements().items():
        for requirement in items:
            name, spec = parsed(requirement)
            low = re.search(r">=\s*([0-9]+(\.[0-9]+)*)", spec)
            assert low, f"{requirement!r} ({group or 'dependencies'}) needs a lower bound `>=X.Y`"
            bounds[name] = low.group(1)
    return bounds


def oldest_pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for number, line in enumerate((ROOT / ".ci" / "oldest.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        found = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([0-9]+(\.[0-9]+)*)", line)
        assert found, f".ci/oldest.txt:{number}: write `name==version`, not {line!r}"
        assert normalise(found[1]) not in pins, f".ci/oldest.txt:{number}: {found[1]} pinned twice"
        pins[normalise(found[1])] = found[2]
    return pins


def test_oldest_txt_pins_every_declared_package_at_its_lower_bound():
    bounds, pins = lower_bounds(), oldest_pins()
    assert set(pins) == set(bounds), (f"only in pyproject.toml: {sorted(set(bounds) - set(pins))}; "
                                      f"only in .ci/oldest.txt: {sorted(set(pins) - set(bounds))}")
    differ = {n: (bounds[n], pins[n]) for n in bounds if _version(bounds[n]) != _version(pins[n])}
    assert not differ, f"pyproject.toml lower bound vs .ci/oldest.txt pin: {differ}"


@pytest.mark.parametrize(("group", "name"), [("", "jinja2"), ("test", "pytest")])
def test_a_missing_pin_would_be_found(monkeypatch, group, name):
    """The check above can fail: drop one pin and it names the package."""
    pins = {n: v for n, v in oldest_pins().items() if n != name}
    monkeypatch.setattr(sys.modules[__name__], "oldest_pins", lambda: pins)
    with pytest.raises(AssertionError, match=f"only in pyproject.toml: \\['{name}'\\]"):
        test_oldest_txt_pins_every_declared_package_at_its_lower_bound()
    assert name in declared(group)


def test_the_import_checks_can_fail(monkeypatch):
    """Without lxml declared (as before issue 11) the first check names it; a declared package
    nothing imports is named by the second."""
    real = requirements()
    module = sys.modules[__name__]
    without_lxml = {**real, "": [r for r in real[""] if parsed(r)[0] != "lxml"]}
    monkeypatch.setattr(module, "requirements", lambda: without_lxml)
    with pytest.raises(AssertionError, match="'lxml': \\[[^]]*'src/drafter/writers/docx/section.py'"):
        test_every_package_imported_at_run_time_is_declared()
    with_unused = {**real, "": [*real[""], "never-imported>=1.0"]}
    monkeypatch.setattr(module, "requirements", lambda: with_unused)
    with pytest.raises(AssertionError, match="\\[.never-imported.\\]"):
        test_every_run_time_dependency_is_imported()
