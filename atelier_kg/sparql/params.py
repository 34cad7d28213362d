"""Query parameters: declared in a query's ``# params:`` header, given as text, bound as RDF terms.

A header declares each parameter as ``NAME (TYPE, default VALUE, description)``, separated by
``;``. TYPE is ``IRI`` or an XSD datatype (``xsd:integer``, ``xsd:string``, ``xsd:date``…). An IRI
is written in full (``<https://…>`` or bare) or as a prefixed name of the project's prefixes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Literal as RdfLiteral
from rdflib import URIRef

from atelier_kg.namespaces import PREFIXES

from .quiet import quiet_rdflib

XSD = "http://www.w3.org/2001/XMLSchema#"
_PARAM = re.compile(r"^\s*([A-Za-z_]\w*)\s*\((.*)\)\s*$")
_PNAME = re.compile(r"^([A-Za-z][\w\-.]*)?:(\S*)$")


class ParamError(ValueError):
    """A parameter declaration or value that cannot be used; the message says why."""


@dataclass(frozen=True)
class Param:
    """One declared parameter: its name, type (``IRI`` or ``xsd:…``), default text and description."""

    name: str
    type: str
    default: str | None = None
    description: str = ""

    def term(self, value: str) -> ox.NamedNode | ox.Literal:
        """The RDF term for ``value`` given as text, checked against the declared type."""
        return to_term(value, self.type)

    def __str__(self) -> str:
        default = "" if self.default is None else f" = {self.default}"
        return f"{self.name} ({self.type}{default})"


def expand(value: str) -> str:
    """An IRI from ``<…>``, a prefixed name of the project's prefixes, or a full IRI."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    match = _PNAME.match(value)
    if match and "//" not in value:
        prefix = match.group(1) or ""
        if prefix not in PREFIXES:
            raise ParamError(f"unknown prefix {prefix!r} in {value!r}; write the IRI in full as <…>")
        return PREFIXES[prefix] + match.group(2)
    return value


def to_term(value: str, type_: str) -> ox.NamedNode | ox.Literal:
    """Turn a parameter's text into a typed RDF term; raise :class:`ParamError` when it is not one."""
    if type_ == "IRI":
        iri = expand(value)
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", iri):
            raise ParamError(f"{value!r} is not an absolute IRI (give <https://…> or a prefixed name)")
        try:
            return ox.NamedNode(iri)
        except ValueError as exc:
            raise ParamError(f"{value!r} is not a valid IRI: {exc}") from None
    datatype = expand(type_)
    if not datatype.startswith(XSD):
        raise ParamError(f"unknown parameter type {type_!r}; use IRI or an xsd: datatype")
    with quiet_rdflib():  # an ill-typed value is ours to report, without rdflib's traceback
        ill_typed = RdfLiteral(value, datatype=URIRef(datatype)).ill_typed
    if ill_typed:
        raise ParamError(f"{value!r} is not a valid {type_} value")
    return ox.Literal(value, datatype=ox.NamedNode(datatype))


def _top_level(spec: str) -> list[str]:
    """``spec`` split at the ``;`` outside parentheses (descriptions may hold a ``;``)."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(spec):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            parts.append(spec[start:at])
            start = at + 1
    return [*parts, spec[start:]]


def parse_params(spec: str) -> list[Param]:
    """Parse the text of a ``# params:`` header (``none`` or declarations separated by ``;``)."""
    spec = spec.strip()
    if spec in ("", "none"):
        return []
    params = []
    for part in _top_level(spec):
        match = _PARAM.match(part)
        if not match:
            raise ParamError(f"{part.strip()!r} is not `NAME (TYPE, default VALUE, description)`")
        name, inside = match.groups()
        items = [item.strip() for item in inside.split(",")]
        type_, rest = items[0], items[1:]
        default = None
        if rest and rest[0].startswith("default "):
            default = rest.pop(0)[len("default ") :].strip()
        param = Param(name, type_, default, ", ".join(rest))
        if default is not None:
            param.term(default)  # a bad default is a bad declaration
        elif type_ != "IRI" and not expand(type_).startswith(XSD):
            raise ParamError(f"unknown parameter type {type_!r}; use IRI or an xsd: datatype")
        params.append(param)
    return params
