"""The ontology, shapes and examples, installed with atelier-kg as package data."""
