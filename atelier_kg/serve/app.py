"""The ASGI application (Starlette): ``/sparql`` over a :class:`SparqlService`.

Starlette is a small, well-kept ASGI toolkit and uvicorn its usual production server; the engine
work runs in a worker thread that waits for the query's killable child, so the event loop keeps
answering other clients while a query runs.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from atelier_kg.namespaces import ID

from .dataset import Publication, void_description
from .downloads import downloads_page
from .linkeddata import (
    DOCUMENT_TYPES,
    describe,
    document_extension,
    exists,
    rdf_document,
    resource_path,
    split_document,
)
from .page import resource_page
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


def _raw_path(request: Request, prefix: str) -> str:
    """The path after ``prefix`` as sent (still percent-encoded, so an encoded slash shows)."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    return raw.decode("latin-1").split("?", 1)[0][len(prefix) :]


def _document(service: SparqlService, raw: str) -> tuple[str, str | None, object]:
    """(resource path, extension asked or None, document) for a ``/doc/…`` path; 404 if unknown."""
    stem, extension = split_document(raw)
    document = describe(service.store, resource_path(stem), service.timeout)
    if not document.exists and extension is not None:  # a resource whose own name ends in .ttl…
        stem, extension = raw, None
        document = describe(service.store, resource_path(stem), service.timeout)
    if not document.exists:
        raise ProtocolError(404, f"no such resource in the graph: {document.iri}")
    return stem, extension, document


def _service(request: Request) -> SparqlService:
    return request.app.state.service


def _preflight() -> Response:
    """The answer to a browser's CORS preflight."""
    allow = {"Access-Control-Allow-Methods": "GET, POST", "Access-Control-Allow-Headers": "*"}
    return Response(status_code=204, headers={**CORS, **allow})


async def _sparql_answer(request: Request) -> Answer:
    """The answer to a protocol request: the Service Description without a query, else the results."""
    service = _service(request)
    accept, fmt = request.headers.get("accept"), request.query_params.get("format")
    endpoint = str(request.url.replace(query=""))
    if request.method == "GET" and not {"query", "update"} & set(request.query_params):
        return service.description(endpoint, accept, fmt)
    body = await _body(request) if request.method == "POST" else b""
    content_type = request.headers.get("content-type")
    parsed = read_request(request.method, request.url.query, content_type, body, base=endpoint)
    return await run_in_threadpool(service.answer, parsed, accept, fmt)


async def sparql(request: Request) -> Response:
    """``/sparql``: the SPARQL 1.1 Protocol, read-only."""
    if request.method == "OPTIONS":
        return _preflight()
    try:
        answer = await _sparql_answer(request)
    except ProtocolError as error:
        return _refusal(error)
    headers = {**CORS, **dict(answer.headers)}
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type, headers=headers)


async def identify(request: Request) -> Response:
    """``/id/X``: 303 See Other to the document the client asks for (HTML by default)."""
    service = _service(request)
    try:
        path = resource_path(_raw_path(request, "/id/"))
        if not await run_in_threadpool(exists, service.store, path, service.timeout):
            raise ProtocolError(404, f"no such resource in the graph: {ID}{path}")
    except ProtocolError as error:
        return _refusal(error)
    extension = document_extension(request.headers.get("accept"))
    location = f"/doc/{_raw_path(request, '/id/')}.{extension}"
    return Response(status_code=303, headers={**CORS, "Location": location, "Vary": "Accept"})


async def doc(request: Request) -> Response:
    """``/doc/X.EXT``: the resource's document in HTML, Turtle, N-Triples or JSON-LD."""
    try:
        raw = _raw_path(request, "/doc/")
        stem, extension, document = await run_in_threadpool(_document, _service(request), raw)
    except ProtocolError as error:
        return _refusal(error)
    headers = dict(CORS)
    if extension is None:
        extension = document_extension(request.headers.get("accept"))
        headers["Content-Location"] = f"/doc/{stem}.{extension}"
        headers["Vary"] = "Accept"
    body = resource_page(document) if extension == "html" else rdf_document(document, extension)
    return Response(body, media_type=DOCUMENT_TYPES[extension], headers=headers)


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


async def void(request: Request) -> Response:
    """``/.well-known/void``: the dataset's VoID/DCAT description, in the RDF format negotiated."""
    publication: Publication = request.app.state.publication
    triples = void_description(publication, _base(request))
    try:
        answer = _service(request).rdf(
            triples, request.headers.get("accept"), request.query_params.get("format")
        )
    except ProtocolError as error:
        return _refusal(error)
    return Response(answer.body, media_type=answer.media_type, headers=dict(CORS))


async def downloads(request: Request) -> Response:
    """``/download/``: the dumps with their sizes and SHA-256 checksums."""
    page = downloads_page(request.app.state.publication)
    return Response(page, media_type="text/html", headers=dict(CORS))


async def download(request: Request) -> Response:
    """``/download/NAME``: one of the build's dumps (no other file is ever served)."""
    dump = request.app.state.publication.dump(request.path_params["name"])
    if dump is None:
        return _refusal(ProtocolError(404, "no such dump; see /download/ for the list"))
    return FileResponse(dump.path, media_type=dump.media_type, headers=dict(CORS))


def make_app(service: SparqlService, publication: Publication | None = None) -> Starlette:
    """The web application serving ``service``: ``/sparql``, ``/id/…``, ``/doc/…``, the VoID and dumps."""
    methods = ["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"]
    app = Starlette(
        routes=[
            Route("/sparql", sparql, methods=methods),
            Route("/id/{path:path}", identify, methods=["GET", "HEAD"]),
            Route("/doc/{path:path}", doc, methods=["GET", "HEAD"]),
            Route("/.well-known/void", void, methods=["GET", "HEAD"]),
            Route("/download/", downloads, methods=["GET", "HEAD"]),
            Route("/download/{name}", download, methods=["GET", "HEAD"]),
        ]
    )
    app.state.service = service
    app.state.publication = publication or Publication()
    return app
