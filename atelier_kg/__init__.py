"""atelier-kg: the knowledge graph of the Atelier « Commande publique & EFC »."""

from .version import __version__

__all__ = ["KnowledgeGraph", "__version__"]


def __getattr__(name: str):
    """``from atelier_kg import KnowledgeGraph`` without loading the engines for the CLI's sake."""
    if name == "KnowledgeGraph":
        from .api import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(name)
