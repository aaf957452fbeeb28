"""The studio's Starlette application: the page, its static files and the JSON API, behind the guard.

Built per launch, because the guard needs this launch's token and port. Starlette's debug mode
stays off: an unexpected error is a bare 500 with no traceback, and the page says so.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter.studio import api
from drafter.studio.security import Guard
from drafter.studio.workspace import Workspace
from drafter.writers.html import STYLE

STATIC = Path(__file__).resolve().parent / "static"


async def index(request: Request) -> Response:
    """The studio page."""
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


def create_app(workspace: Workspace, *, token: str, port: int) -> Guard:
    """The ASGI app for one launch: `Guard(Starlette(...))`."""
    routes = [
        Route("/", index, methods=["GET"]),
        Route("/api/meta", api.meta, methods=["GET"]),
        Route("/api/library", api.library, methods=["GET"]),
        Route("/api/validate", api.validate, methods=["POST"]),
        Route("/api/preview", api.preview, methods=["POST"]),
        Route("/api/render", api.render, methods=["POST"]),
        Route("/api/spec", api.get_spec, methods=["GET"]),
        Route("/api/spec", api.put_spec, methods=["PUT"]),
        Route("/api/spec/export", api.export_spec, methods=["POST"]),
        Route("/api/spec/start", api.start_spec, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.workspace = workspace
    return Guard(app, token=token, port=port, preview_style=STYLE)
