"""The ``.htaccess`` that makes ``https://w3id.org/atelier-kg/…`` answer like ``atelier-kg serve``.

w3id.org redirects with Apache's mod_rewrite, from a folder (``atelier-kg/``) holding a
``.htaccess`` added to its repository by pull request. As in w3id's own examples: MultiViews off,
the rewrite engine on, and each IRI answered 303 See Other to a document (W3C "Cool URIs for the
Semantic Web"): Turtle, N-Triples or JSON-LD when ``Accept`` names one, else HTML (browsers, and
by default). The RDF types are tried first because mod_rewrite cannot weigh ``q`` values: a
browser's ``Accept`` never names an RDF type, and an RDF client that also accepts HTML wants RDF,
as the server decides. The documents are those of a site made by ``atelier-kg publish`` and served
at ``BASE``.
"""

from __future__ import annotations

#: RDF document formats a client may ask for by ``Accept``, in the order they are tried.
_RDF = (
    (r"text/turtle", "ttl"),
    (r"application/n-triples", "nt"),
    (r"application/ld\+json", "jsonld"),
)


def _negotiated(pattern: str, html_target: str, rdf_targets: dict[str, str]) -> str:
    """Rules sending ``pattern`` to the RDF target of the media type (a regular expression) that
    ``Accept`` names, else to the HTML target."""
    rules = ""
    for media, target in rdf_targets.items():
        rules += f"RewriteCond %{{HTTP_ACCEPT}} {media}\nRewriteRule {pattern} {target} [R=303,L]\n"
    return rules + f"RewriteRule {pattern} {html_target} [R=303,L]\n"


def htaccess(base: str, ontology: dict[str, str] | None = None) -> bytes:
    """The ``.htaccess`` for the w3id.org folder ``atelier-kg/``, pointing at the site at ``base``.

    ``ontology`` maps a name under the folder (``def``, ``shapes``) to the STEM of its documents in
    the site: ``STEM/index.html``, ``STEM.ttl``, ``STEM.nt``, ``STEM.jsonld``.
    """
    parts = [
        "# w3id.org/atelier-kg: the IRIs of the atelier-kg knowledge graph, answered from the static\n"
        f"# site made by `atelier-kg publish --base-url {base}`. Goes into the atelier-kg/ folder\n"
        "# of https://github.com/perma-id/w3id.org (with a README naming its maintainers).\n"
        "Options +FollowSymLinks\nOptions -MultiViews\nRewriteEngine on\n",
        "# the 303s depend on Accept, so caches must key on it (mod_rewrite alone does not say so)\n"
        "<IfModule mod_headers.c>\n  Header always set Vary Accept\n</IfModule>\n",
        f"# the home page\nRewriteRule ^$ {base}/index.html [R=302,L]\n",
        "# the dataset (described by the VoID, not in the graph)\n"
        f"RewriteRule ^id/dataset$ {base}/void.ttl [R=303,L]\n",
        "# each resource: https://w3id.org/atelier-kg/id/X -> BASE/doc/X.EXT\n"
        + _negotiated(
            "^id/(.+)$", f"{base}/doc/$1.html", {media: f"{base}/doc/$1.{ext}" for media, ext in _RDF}
        ),
    ]
    for name, stem in sorted((ontology or {}).items()):
        targets = {media: f"{base}/{stem}.{ext}" for media, ext in _RDF}
        parts.append(
            f"# https://w3id.org/atelier-kg/{name}: its documentation, or its RDF\n"
            + _negotiated(f"^{name}$", f"{base}/{stem}/index.html", targets)
        )
    return "\n".join(parts).encode("utf-8")
