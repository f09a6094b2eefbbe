"""Process-wide cache of loaded models, so each loads once per process."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

# Re-entrant: a loader may load another model (the USE sentence-transformer wraps the USE model).
_LOCK = threading.RLock()
_MODELS: dict[str, Any] = {}


def get_or_load(key: str, loader: Callable[[], Any]) -> Any:
    """Return the model cached under `key`, calling `loader()` the first time."""
    model = _MODELS.get(key)
    if model is not None:
        return model
    with _LOCK:
        if key not in _MODELS:
            _MODELS[key] = loader()
        return _MODELS[key]


def clear() -> None:
    """Forget every loaded model (tests use this)."""
    with _LOCK:
        _MODELS.clear()
