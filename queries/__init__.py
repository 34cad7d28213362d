"""The SPARQL query library, installed with atelier-kg as package data."""
