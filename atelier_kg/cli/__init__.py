"""The ``atelier-kg`` command: a thin layer over the library that turns errors into messages."""

from __future__ import annotations

from .main import COMMANDS, LINK_COMMANDS, REGISTRY, main, parser

__all__ = ["COMMANDS", "LINK_COMMANDS", "REGISTRY", "main", "parser"]
