"""The studio's JSON API (docs/studio.md): the page uses nothing else, so scripts can do the same.

Handlers only read the request, call the `Workspace` and shape the answer. A spec that does
not load or check is a 422 with every problem located (`file`, `line`, `column`, `path`,
`message`, `hint`, `severity`) — the CLI's messages, as JSON; a body that is not UTF-8 is a
400 the same way; nothing here raises a bug into a traceback page.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from drafter.errors import DrafterError
from drafter.studio.library import library_json, meta_json
from drafter.studio.security import BodyTooLarge
from drafter.studio.workspace import (
    FORMATS,
    MEDIA_TYPES,
    SpecChanged,
    SpecExists,
    SpecFileBroken,
    Workspace,
    problem_json,
)


def _attachment(name: str) -> dict[str, str]:
    """A download's file name, in ASCII and (RFC 6266) in UTF-8 for a name like 意见.docx."""
    from urllib.parse import quote

    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)
    return {"content-disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"}


def _ws(request: Request) -> Workspace:
    ws: Workspace = request.app.state.workspace
    return ws


# The one table of status codes for located problems: a conflict with the file on disk is a
# 409 whichever handler meets it; otherwise the handler's own (422: the spec sent has problems,
# 400: the query has).
CONFLICTS: tuple[type[DrafterError], ...] = (SpecFileBroken, SpecExists)


def _problems(ws: Workspace, exc: DrafterError, status: int = 422) -> JSONResponse:
    """Every problem of `exc`, located, as the CLI prints them; 409 for a conflict with the file."""
    code = 409 if isinstance(exc, CONFLICTS) else status
    return JSONResponse({"error": "the spec has problems",
                         "problems": [problem_json(p, ws.folder) for p in exc.problems]}, status_code=code)


async def _body(request: Request) -> bytes | JSONResponse:
    try:
        return await request.body()
    except BodyTooLarge:
        return JSONResponse({"error": "request body too large"}, status_code=413)


async def meta(request: Request) -> Response:
    """GET /api/meta: frameworks, sources, kinds, languages, layouts, formats and the spec's name."""
    ws = _ws(request)
    return JSONResponse(meta_json(ws.builtin, ws.name, formats()))


def formats() -> list[str]:
    """The studio's download formats that this installation's writers can render."""
    from drafter.writers import FORMATS as RENDERED

    return [f for f in (*FORMATS, "pdf") if f in RENDERED]


async def library(request: Request) -> Response:
    """GET /api/library?q=&framework=&source=&theme=&kind=&section=: items, best match first."""
    ws = _ws(request)
    q = request.query_params
    filters = {k: q.get(k) or None for k in ("framework", "source", "theme", "kind", "section")}
    try:
        return JSONResponse(library_json(ws.builtin, q.get("q", ""), **filters))
    except DrafterError as exc:
        return _problems(ws, exc, 400)


async def validate(request: Request) -> Response:
    """POST /api/validate (spec YAML in): problems and stats; 200 even when the spec has errors."""
    body = await _body(request)
    if isinstance(body, Response):
        return body
    return JSONResponse(_ws(request).validate(body))


async def preview(request: Request) -> Response:
    """POST /api/preview (spec YAML in): as validate, plus the HTML preview when it checks."""
    body = await _body(request)
    if isinstance(body, Response):
        return body
    return JSONResponse(_ws(request).preview(body))


async def render(request: Request) -> Response:
    """POST /api/render?format=docx|md|html[|pdf] (spec YAML in): the file the CLI writes."""
    ws = _ws(request)
    fmt = request.query_params.get("format", "docx")
    if fmt not in formats():
        return JSONResponse({"error": f"unknown format {fmt!r}; use one of {', '.join(formats())}"}, status_code=400)
    body = await _body(request)
    if isinstance(body, Response):
        return body
    try:
        data = ws.render(body, fmt)
    except DrafterError as exc:
        return _problems(ws, exc)
    name = ws.download_name(fmt)
    return Response(data, media_type=MEDIA_TYPES[fmt],
                    headers=_attachment(name))


async def get_spec(request: Request) -> Response:
    """GET /api/spec: the open spec's text, its data as JSON, its problems and version."""
    current = _ws(request).current()
    return JSONResponse(current, headers={"etag": f'"{current["version"]}"'})


async def start_spec(request: Request) -> Response:
    """POST /api/spec/start?form=letter: a new spec begins as that form's starter (as `drafter init --form`)."""
    ws = _ws(request)
    try:
        current = ws.start(request.query_params.get("form", "contribution"))
    except DrafterError as exc:
        return _problems(ws, exc, 400)
    return JSONResponse(current, headers={"etag": f'"{current["version"]}"'})


async def put_spec(request: Request) -> Response:
    """PUT /api/spec (spec YAML or JSON in): merged into the file, comments and order kept."""
    ws = _ws(request)
    body = await _body(request)
    if isinstance(body, Response):
        return body
    expected = request.headers.get("if-match", "").strip('"') or None
    try:
        saved: dict[str, Any] = ws.save(body, expected)
    except SpecChanged:
        return JSONResponse({"error": f"{ws.name} changed on disk since it was opened; reload the page"},
                            status_code=412)
    except DrafterError as exc:
        return _problems(ws, exc)
    return JSONResponse(saved, headers={"etag": f'"{saved["version"]}"'})


async def export_spec(request: Request) -> Response:
    """POST /api/spec/export (spec in): the YAML a save would write, as a download; writes nothing."""
    ws = _ws(request)
    body = await _body(request)
    if isinstance(body, Response):
        return body
    try:
        text, _ = ws.merged(body)
    except DrafterError as exc:
        return _problems(ws, exc)
    return Response(text.encode("utf-8"), media_type="application/yaml; charset=utf-8",
                    headers=_attachment(ws.name))
