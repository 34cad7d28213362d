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
from .ontologydoc import DOCUMENT_PATHS, OntologyDocsCache
from .page import resource_page
from .protocol import ProtocolError, read_request
from .service import Answer, SparqlService
from .yasgui import Asset, not_modified, page_asset, page_headers, static_assets, static_headers, wants_page

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
            raise ProtocolError(413, TOO_LARGE)
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
    if wants_page(request.method, request.query_params, request.headers.get("accept")):
        page = page_asset()
        return _asset(request, page, page_headers(page, negotiated=True))
    try:
        answer = await _sparql_answer(request)
    except ProtocolError as error:
        return _refusal(error)
    # the format follows Accept (and a browser may get the page instead): caches must key on it
    headers = {**CORS, "Vary": "Accept", **dict(answer.headers)}
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


def _asset(request: Request, item: Asset, headers: dict[str, str]) -> Response:
    """A file served as it is, or 304 Not Modified when the client holds the same bytes."""
    if not_modified(item, request.headers.get("if-none-match")):
        return Response(status_code=304, headers=headers)
    return Response(item.body, media_type=item.media_type, headers=headers)


async def home(request: Request) -> Response:
    """``/``: the query page (YASGUI on this endpoint, the query library as examples)."""
    page = page_asset()
    return _asset(request, page, page_headers(page, negotiated=False))


async def static(request: Request) -> Response:
    """``/static/…``: the page's script and style and the vendored YASGUI (no other file)."""
    item = static_assets().get(request.path_params["path"])
    if item is None:
        return _refusal(ProtocolError(404, "no such file"))
    return _asset(request, item, static_headers(item))


async def definition(request: Request) -> Response:
    """``/def``, ``/def/shapes``: the ontology and the shapes, HTML by default, RDF by ``Accept``.

    The ontology IRI names a document (its terms are hash IRIs), so it answers 200, not 303.
    """
    name, extension = DOCUMENT_PATHS[request.url.path]
    headers = dict(CORS)
    if extension is None:
        extension = document_extension(request.headers.get("accept"))
        headers["Content-Location"] = f"{request.url.path}.{extension}"
        headers["Vary"] = "Accept"
    body = await run_in_threadpool(request.app.state.ontology_docs.document, name, extension)
    return Response(body, media_type=DOCUMENT_TYPES[extension], headers=headers)


def make_app(service: SparqlService, publication: Publication | None = None) -> Starlette:
    """The web application serving ``service``: ``/sparql``, ``/id/…``, ``/doc/…``, the VoID and dumps."""
    methods = ["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"]
    app = Starlette(
        routes=[
            Route("/", home, methods=["GET", "HEAD"]),
            Route("/static/{path:path}", static, methods=["GET", "HEAD"]),
            Route("/sparql", sparql, methods=methods),
            Route("/id/{path:path}", identify, methods=["GET", "HEAD"]),
            Route("/doc/{path:path}", doc, methods=["GET", "HEAD"]),
            Route("/.well-known/void", void, methods=["GET", "HEAD"]),
            Route("/download/", downloads, methods=["GET", "HEAD"]),
            Route("/download/{name}", download, methods=["GET", "HEAD"]),
            *(Route(path, definition, methods=["GET", "HEAD"]) for path in DOCUMENT_PATHS),
        ]
    )
    app.state.service = service
    app.state.publication = publication or Publication()
    app.state.ontology_docs = OntologyDocsCache()
    return app
