"""The studio's guard: every request proves it comes from the person who started the studio.

A server on 127.0.0.1 is reachable by every web page the user visits (a page can make the
browser send requests to localhost) and, through DNS rebinding, by pages that pose as
localhost. So, as Jupyter does, and before any route runs:

1. **Host** must be `127.0.0.1:PORT` or `localhost:PORT`: a rebinding page's requests carry its
   own host name. Otherwise 403.
2. **Token**: a random per-launch secret, printed in the URL `drafter studio` shows. Opening
   `/?token=…` sets it as an HttpOnly, SameSite=Strict cookie for this port and redirects to `/`
   (so the token leaves the address bar and history); after that the cookie, or the header
   `X-Drafter-Token` for scripts, must carry it. Missing → 401, wrong → 403.
3. **Origin** on state-changing requests (anything but GET/HEAD): a browser always sends it on
   those; it must be this server. A request with no Origin is accepted only with the token in
   the header (a script, which a foreign page cannot make a browser send). Otherwise 403.
4. **Size**: request bodies are capped (`MAX_BODY`), by Content-Length and while reading: 413.

Every response also gets headers that keep the page to itself: a Content-Security-Policy
allowing only this server's scripts and styles (and the preview's fixed style sheet by hash),
no framing, no referrer, no caching, no MIME sniffing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 2 * 1024 * 1024
HEADER = "x-drafter-token"
SAFE_METHODS = {"GET", "HEAD"}


def new_token() -> str:
    """A fresh random token for one studio session."""
    return secrets.token_urlsafe(32)


def cookie_name(port: int) -> str:
    """Cookies are shared by every port of a host, so each studio names its own."""
    return f"drafter-studio-{port}"


def csp(preview_style: str) -> str:
    """The Content-Security-Policy of the studio page (the preview's style allowed by hash)."""
    digest = base64.b64encode(hashlib.sha256(preview_style.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
            f"style-src 'self' 'sha256-{digest}'; frame-src 'self'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'")


class BodyTooLarge(Exception):
    """A request body over the studio's limit."""
    pass


class Guard:
    """ASGI middleware enforcing host, token, origin and body size, and the response headers."""

    def __init__(self, app: ASGIApp, *, token: str, port: int, preview_style: str = "", max_body: int = MAX_BODY):
        self.app = app
        self.token = token
        self.port = port
        self.max_body = max_body
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{h}" for h in self.hosts}
        self.cookie = cookie_name(port)
        self.extra = [
            (b"content-security-policy", csp(preview_style).encode("ascii")),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cache-control", b"no-store"),
            (b"cross-origin-resource-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return  # no websockets
        headers = _headers(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.extra]
            await send(message)

        refusal = self.refuse(scope, headers)
        if refusal is not None:
            await _reply(send_with_headers, *refusal)
            return
        if scope["path"] == "/" and "token" in parse_qs(scope.get("query_string", b"").decode("latin-1")):
            await self.redirect_with_cookie(send_with_headers)
            return
        length = headers.get("content-length", "")
        if length and (not length.isdigit() or int(length) > self.max_body):
            await _reply(send_with_headers, 413, f"request body over {self.max_body:,} bytes")
            return
        await self.app(scope, self.capped(receive), send_with_headers)

    def refuse(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        """(status, reason) when the request may not go on."""
        if headers.get("host", "") not in self.hosts:
            return 403, "this studio answers only requests addressed to 127.0.0.1 or localhost on its port"
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        sent = headers.get(HEADER) or _cookie(headers.get("cookie", ""), self.cookie)
        if scope["path"] == "/" and "token" in query:
            sent = query["token"][0]
        if not sent:
            return 401, "open the studio with the address `drafter studio` printed (it holds the token)"
        if not secrets.compare_digest(sent.encode("utf-8", "replace"), self.token.encode("ascii")):
            return 403, "wrong token: use the address this run of `drafter studio` printed"
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin is None:
                if not headers.get(HEADER):
                    return 403, "a change needs an Origin header, or the token in the X-Drafter-Token header"
            elif origin not in self.origins:
                return 403, f"requests from {origin} may not change anything here"
            if headers.get("sec-fetch-site") not in (None, "same-origin", "none"):
                return 403, "cross-site requests may not change anything here"
        return None

    async def redirect_with_cookie(self, send: Send) -> None:
        cookie = f"{self.cookie}={self.token}; HttpOnly; SameSite=Strict; Path=/"
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", b"/"), (b"set-cookie", cookie.encode("ascii")),
                                (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})

    def capped(self, receive: Receive) -> Receive:
        seen = 0

        async def wrapped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge()
            return message

        return wrapped


def _headers(scope: Scope) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        key = name.decode("latin-1").lower()
        if key in out and key in ("host", "origin", HEADER):
            out[key] = "\x00duplicate"  # two Host or Origin headers: trust neither
        else:
            out[key] = value.decode("latin-1")
    return out


def _cookie(header: str, name: str) -> str:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


async def _reply(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
