"""Embed contacts: named sentence-embedding backends and an on-disk cache.

Importing this package loads no model and no torch; models load on first `encode`.
"""

from rootcause.embed.base import Embedder, StatefulEmbedder, is_stateful, l2_normalize
from rootcause.embed.cache import CachedEmbedder
from rootcause.embed.registry import available_embedders, get_embedder, register_embedder

__all__ = [
    "CachedEmbedder",
    "Embedder",
    "StatefulEmbedder",
    "available_embedders",
    "get_embedder",
    "is_stateful",
    "l2_normalize",
    "register_embedder",
]
