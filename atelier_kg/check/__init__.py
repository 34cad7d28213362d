"""The key-figure check: each figure the page declares against what the graph counts."""

from __future__ import annotations

from .figures import FigureCheck, check_figures

__all__ = ["FigureCheck", "check_figures"]
