"""drafter's version, in a module of its own so that anything may read it without importing the
package's lazy public API (`drafter/__init__.py`)."""

from __future__ import annotations

__version__ = "0.1.0"
