"""Run the studio: bind 127.0.0.1 (a free port unless told), print the URL, serve until Ctrl-C.

The socket is bound before the app is built, so the guard knows the real port even when the
system chose it; the first line on stdout is the address with the token, as Jupyter prints
it, so a script or a test can read it. `Running` serves in a thread for tests and benchmarks.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, Location
from drafter.studio.app import create_app
from drafter.studio.security import new_token
from drafter.studio.workspace import Workspace

HOST = "127.0.0.1"


def bind(port: int) -> socket.socket:
    """A socket listening on 127.0.0.1 at `port` (0: any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise DrafterError.at(Location("--port"), f"cannot listen on {HOST}:{port}: {exc.strerror}",
                              hint="choose another port, or leave --port out for a free one") from None
    sock.listen(64)
    return sock


class Studio:
    """One launch: the workspace, the bound socket, the token and the uvicorn server."""

    def __init__(self, spec: str | Path, *, port: int = 0, libraries: Sequence[str] = ()):
        import uvicorn

        self.workspace = Workspace(spec, libraries)
        self.sock = bind(port)
        self.port = self.sock.getsockname()[1]
        self.token = new_token()
        app = create_app(self.workspace, token=self.token, port=self.port)
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                                server_header=False, date_header=False)
        self.server = uvicorn.Server(config)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/?token={self.token}"

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def serve(self) -> None:
        try:
            self.server.run(sockets=[self.sock])
        finally:
            self.sock.close()


def serve(spec: str | Path, *, port: int, open_browser: bool, libraries: Sequence[str],
          out: Callable[[str], Any], err: Callable[[str], Any]) -> None:
    """`drafter studio`: print the URL first, open the browser, serve until interrupted."""
    studio = Studio(spec, port=port, libraries=libraries)
    out(studio.url)
    ws = studio.workspace
    err(f"studio on {ws.spec_path}{'' if ws.spec_path.exists() else ' (new: saved on first save)'}; "
        "Ctrl-C stops it")
    if open_browser:
        import webbrowser

        threading.Timer(0.3, webbrowser.open, args=(studio.url,)).start()
    studio.serve()
    err("studio stopped")


class Running:
    """The studio serving in a background thread: `with Running(spec) as studio: …studio.url…`."""

    def __init__(self, spec: str | Path, **kwargs: Any):
        self.studio = Studio(spec, **kwargs)
        self.thread = threading.Thread(target=self.studio.serve, name="drafter-studio", daemon=True)

    def __enter__(self) -> Studio:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.studio.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the studio did not start")
            time.sleep(0.01)
        return self.studio

    def __exit__(self, *exc: object) -> None:
        self.studio.server.should_exit = True
        self.thread.join(timeout=10)
