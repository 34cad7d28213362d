"""The ASGI application (Starlette): ``/sparql`` over a :class:`SparqlService`.

Starlette is a small, well-kept ASGI toolkit and uvicorn its usual production server; the engine
work runs in a worker thread that waits for the query's killable child, so the event loop keeps
answering other clients while a query runs.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .protocol import ProtocolError, read_request
from .service import Answer, SparqlService

#: The largest request body read (1 MB); a larger one gets 413.
MAX_BODY = 1_000_000
#: Any origin may read (a YASGUI hosted elsewhere, a notebook in a browser).
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "X-SPARQL-Truncated"}


def _refusal(error: ProtocolError) -> Response:
    headers = dict(CORS)
    if error.status == 405:
        headers["Allow"] = "GET, POST, OPTIONS"
    return Response(error.message + "\n", status_code=error.status, media_type="text/plain", headers=headers)


TOO_LARGE = f"the request body is over {MAX_BODY // 1_000_000} MB; send a shorter query"


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY:
        raise ProtocolError(413, TOO_LARGE)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise ProtocolError(
                413, f"the request body is over {MAX_BODY // 1_000_000} MB; send a shorter query"
            )
    return body


def make_app(service: SparqlService) -> Starlette:
    """The web application serving ``service`` at ``/sparql``."""

    async def sparql(request: Request) -> Response:
        if request.method == "OPTIONS":  # a browser's CORS preflight
            headers = {
                **CORS,
                "Access-Control-Allow-Methods": "GET, POST",
                "Access-Control-Allow-Headers": "*",
            }
            return Response(status_code=204, headers=headers)
        try:
            body = await _body(request) if request.method == "POST" else b""
            parsed = read_request(
                request.method, request.url.query, request.headers.get("content-type"), body
            )
            fmt = request.query_params.get("format")
            answer: Answer = await run_in_threadpool(
                service.answer, parsed, request.headers.get("accept"), fmt
            )
        except ProtocolError as error:
            return _refusal(error)
        headers = {**CORS, **dict(answer.headers)}
        return Response(answer.body, status_code=answer.status, media_type=answer.media_type, headers=headers)

    methods = ["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"]
    return Starlette(routes=[Route("/sparql", sparql, methods=methods)])
