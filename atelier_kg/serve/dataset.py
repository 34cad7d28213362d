"""The dataset as published: its VoID/DCAT description (``/.well-known/void``) and its dumps
(``/download/``), read once from the build folder when the server starts.

The build's ``void.ttl`` describes the dataset (``id:dataset``: counts, partitions, URI space); the
server adds where it is served: ``void:sparqlEndpoint``, a ``void:dataDump`` per dump, and the
service (``sd:Service``, ``dcat:DataService`` serving the dataset).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from atelier_kg.namespaces import ID
from atelier_kg.sources.graphfile import read_triples

#: The dumps the build writes, with their media types, in the order of the listing.
DUMPS = {
    "atelier.nt": "application/n-triples",
    "atelier.ttl": "text/turtle",
    "atelier.jsonld": "application/ld+json",
}
_DATASET = ox.NamedNode(f"{ID}dataset")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_VOID = "http://rdfs.org/ns/void#"
_DCAT = "http://www.w3.org/ns/dcat#"
_SD = "http://www.w3.org/ns/sparql-service-description#"


@dataclass(frozen=True)
class Dump:
    """One dump file: its name, media type, size in bytes and SHA-256."""

    name: str
    media_type: str
    path: Path
    size: int
    sha256: str


@dataclass(frozen=True)
class Publication:
    """What the server publishes beside the endpoint: the dumps and the build's VoID."""

    dumps: tuple[Dump, ...] = ()
    void: list[ox.Triple] = field(default_factory=list)

    def dump(self, name: str) -> Dump | None:
        """The dump called ``name`` (only the build's dumps are ever served), or None."""
        return next((d for d in self.dumps if d.name == name), None)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_publication(build_dir: Path) -> Publication:
    """The dumps and VoID found in a build folder (what is missing is left out, not invented)."""
    dumps = tuple(
        Dump(name, media, build_dir / name, (build_dir / name).stat().st_size, _sha256(build_dir / name))
        for name, media in DUMPS.items()
        if (build_dir / name).is_file()
    )
    void_file = build_dir / "void.ttl"
    void = list(read_triples(void_file)) if void_file.is_file() else []
    return Publication(dumps, void)


def void_description(publication: Publication, base: str) -> list[ox.Triple]:
    """The build's VoID with the endpoint, the dumps and the service the server at ``base`` adds."""
    endpoint = ox.NamedNode(f"{base}/sparql")
    added = [
        ox.Triple(_DATASET, ox.NamedNode(_VOID + "sparqlEndpoint"), endpoint),
        ox.Triple(_DATASET, _RDF_TYPE, ox.NamedNode(_SD + "Dataset")),
        ox.Triple(endpoint, _RDF_TYPE, ox.NamedNode(_SD + "Service")),
        ox.Triple(endpoint, _RDF_TYPE, ox.NamedNode(_DCAT + "DataService")),
        ox.Triple(endpoint, ox.NamedNode(_DCAT + "servesDataset"), _DATASET),
        ox.Triple(endpoint, ox.NamedNode(_DCAT + "endpointURL"), endpoint),
        ox.Triple(endpoint, ox.NamedNode(_SD + "endpoint"), endpoint),
    ]
    added += [
        ox.Triple(_DATASET, ox.NamedNode(_VOID + "dataDump"), ox.NamedNode(f"{base}/download/{d.name}"))
        for d in publication.dumps
    ]
    return publication.void + added
