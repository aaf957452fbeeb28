"""Ship the top-level `commitments/` and `templates/` folders (and `docs/*.md`) inside the package.

The data lives at the top of the repository so that contributors find and review it easily;
a wheel must still carry it, so `build_py` copies both folders into `drafter/data/`.
An editable install reads them from the checkout instead (see `drafter.paths`).
"""

from __future__ import annotations

import shutil
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


setup(cmdclass={"build_py": BuildWithData})
