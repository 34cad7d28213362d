"""Publishing: the graph served read-only over HTTP (the SPARQL 1.1 Protocol at ``/sparql``)."""

from __future__ import annotations

from .app import make_app
from .dataset import Publication, read_publication
from .launch import ENVIRONMENT, ServeSettings, open_app
from .ontologydoc import OntologyDocs, read_ontology_docs
from .protocol import ProtocolError, SparqlRequest, read_request
from .service import SparqlService
from .site import Site, publish

__all__ = [
    "ENVIRONMENT",
    "ServeSettings",
    "open_app",
    "OntologyDocs",
    "read_ontology_docs",
    "Publication",
    "read_publication",
    "ProtocolError",
    "SparqlRequest",
    "SparqlService",
    "make_app",
    "read_request",
    "Site",
    "publish",
]
