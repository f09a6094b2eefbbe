"""Retention: what `rootcause purge` and the server's periodic job do, in one function."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rootcause.privacy.erase import Erasure, purge
from rootcause.store.refit import prune_models

if TYPE_CHECKING:
    from rootcause.store.store import Store


@dataclass
class Retention:
    """What one round of retention removed."""

    models: int = 0  # refit folders deleted (older than the newest `keep_models`)
    purged: Erasure = field(default_factory=Erasure)  # contacts past the retention period, erased


def apply_retention(
    store: Store,
    *,
    days: int | None,
    keep_models: int,
    refit_dir: Path,
    folders: Iterable[Path] = (),
    cache_dir: Path | None = None,
) -> Retention:
    """Delete the refit folders under `refit_dir` but the newest `keep_models`, then erase the
    contacts older than `days` (None: contacts are kept) from the store and from the output
    folders under `folders` (the data folder, which holds the remaining refit folders)."""
    done = Retention(models=prune_models(store, refit_dir, keep=keep_models))
    if days is not None:
        done.purged = purge(store, days=days, folders=folders, cache_dir=cache_dir)
    return done
