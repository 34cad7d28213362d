"""The ``/download/`` page: each dump with its media type, size and SHA-256."""

from __future__ import annotations

import html

from .dataset import Publication


def downloads_page(publication: Publication) -> bytes:
    """An HTML table of the dumps, linked; says so when the build folder has none."""
    rows = "".join(
        f'<tr><td><a href="/download/{html.escape(d.name)}">{html.escape(d.name)}</a></td>'
        f"<td>{html.escape(d.media_type)}</td><td>{d.size:,} bytes</td><td><code>{d.sha256}</code></td></tr>"
        for d in publication.dumps
    )
    table = (
        f"<table><tr><th>file</th><th>media type</th><th>size</th><th>SHA-256</th></tr>{rows}</table>"
        if rows
        else "<p>No dump: serve a build folder (atelier-kg build writes atelier.nt, .ttl and .jsonld).</p>"
    )
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Downloads — atelier-kg</title>'
        "</head><body><h1>Downloads</h1>"
        f'{table}<p>Described in <a href="/.well-known/void">/.well-known/void</a>.</p></body></html>\n'
    )
    return page.encode("utf-8")
