"""Ship the top-level `commitments/` and `templates/` folders (and `docs/*.md`) inside the package.

The data lives at the top of the repository so that contributors find and review it easily;
a wheel must still carry it, so `build_py` copies both folders into `drafter/data/`, and
compiles the parsed built-in library beside them (`data/library.cache`).
An editable install reads them from the checkout instead (see `drafter.paths`).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent.resolve()


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "drafter" / "data"
        for name in ("commitments", "templates"):
            src = HERE / name
            dest = target / name
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        docs = target / "docs"  # the user documentation, for `drafter help TOPIC` (no images)
        if docs.exists():
            shutil.rmtree(docs)
        docs.mkdir(parents=True)
        for page in sorted((HERE / "docs").glob("*.md")):
            shutil.copyfile(page, docs / page.name)
        compile_library(target)


def compile_library(target: Path) -> None:
    """The built-in library, parsed and validated now, into `data/library.cache` (see
    drafter/library/cache.py): installed commands then skip parsing YAML. Without the build's
    dependencies (PyYAML, msgspec) the wheel is still correct, just slower on first use."""
    (target / "library.cache").unlink(missing_ok=True)  # never one left in build/ by an earlier build
    sys.path.insert(0, str(HERE / "src"))
    try:
        from drafter.library.load import compile_to

        compile_to(target / "commitments", target / "library.cache")
    except ImportError as exc:
        print(f"drafter: library cache not compiled ({exc})", file=sys.stderr)
    finally:
        sys.path.pop(0)


setup(cmdclass={"build_py": BuildWithData})
