"""atelier-kg: the knowledge graph of the Atelier « Commande publique & EFC »."""

__version__ = "0.1.0"
