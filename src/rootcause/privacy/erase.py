"""Erase a customer's or a contact's data, or every contact past the retention period.

`erase` is what `rootcause erase` and the API's ``DELETE /v1/customers/{id}`` and
``DELETE /v1/contacts/{id}`` call. It deletes the stored contacts, takes them out of the
output folders it is given (refit copies, reports, exemplars), takes their identifiers out
of review decisions, clears the embedding cache and compacts the database. The erasure is
recorded (a job of kind ``erase``) and logged with counts only, never with what was erased.
`purge` erases so every stored contact older than the retention period.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rootcause.embed.cache import clear_cache
from rootcause.errors import BadInputError, ConfigError
from rootcause.privacy.outputs import output_folders, scrub_folder
from rootcause.store.identifiers import Pseudonyms

if TYPE_CHECKING:
    from rootcause.store.store import Store

log = logging.getLogger("rootcause.privacy")

ERASED = "[erased]"  # what an identifier becomes inside a review decision's text


@dataclass
class Erasure:
    """What an erasure removed (counts only: the record of an erasure holds no personal data)."""

    contacts: int = 0  # contacts deleted from the store
    folders: int = 0  # output folders that held some of them
    files: int = 0  # files rewritten or removed in those folders
    decisions: int = 0  # review decisions whose text named them
    cache_files: int = 0  # embedding-cache files removed
    job_id: str | None = None  # the record of this erasure in the store (GET /v1/jobs/{id})


def erase(
    store: Store | None,
    *,
    contacts: Collection[str] = (),
    customers: Collection[str] = (),
    folders: Iterable[Path] = (),
    cache_dir: Path | None = None,
    author: str = "cli",
    pseudonyms: Pseudonyms | None = None,
) -> Erasure:
    """Erase the contacts with these ids and every contact of these customers.

    Parameters
    ----------
    store
        The database (None: only the folders and the cache, for CLI outputs).
    contacts, customers
        Contact ids and customer ids, as the CRM sends them.
    folders
        Folders holding output folders of earlier runs (searched recursively): the API's
        data folder, or ``--out`` folders of `rootcause analyze`.
    cache_dir
        The embedding cache to clear (``ROOTCAUSE_CACHE_DIR``); None leaves it.
    author
        Who asked (an API key's name, or "cli"), for the record.
    pseudonyms
        How the service stores identifiers: each id is looked for as sent and as stored.
    """
    pseudonyms = pseudonyms or Pseudonyms()
    contact_ids = {f for v in _given("contact", contacts) for f in pseudonyms.forms(v)}
    customer_ids = {f for v in _given("customer", customers) for f in pseudonyms.forms(v)}
    if not contact_ids and not customer_ids:
        raise BadInputError("Nothing to erase: give a contact id (--contact) or a customer id (--customer).")

    def work(done: Erasure) -> None:
        found = store.contacts_of(ids=contact_ids, customers=customer_ids) if store is not None else []
        ids = contact_ids | {r["id"] for r in found}
        if store is not None:
            named = ids | customer_ids | {r[c] for r in found for c in ("customer_id", "order_id") if r[c]}
            done.decisions = _scrub_decisions(store, named)
        _forget(store, done, ids=ids, customers=customer_ids, folders=folders, cache_dir=cache_dir)

    return _recorded("erasure", store, author, work)


def purge(
    store: Store,
    *,
    days: int,
    folders: Iterable[Path] = (),
    cache_dir: Path | None = None,
    now: datetime | None = None,
) -> Erasure:
    """Erase the stored contacts older than `days` (by ``created_at``, else when they were stored).

    The retention purge of ``ROOTCAUSE_RETENTION_DAYS``: the same erasure as `erase`, of
    every contact past the retention period, in the store and in the given `folders`.
    Nothing to purge: nothing is done (no record, the cache is kept).
    """
    if days < 1:
        raise ConfigError(f"A retention of {days} days would erase every contact; give at least 1 (ROOTCAUSE_RETENTION_DAYS).")
    cutoff = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None) - timedelta(days=days)
    ids = set(store.contact_ids_before(cutoff))
    if not ids:
        return Erasure()

    def work(done: Erasure) -> None:
        _forget(store, done, ids=ids, customers=set(), folders=folders, cache_dir=cache_dir)

    return _recorded("retention purge", store, f"retention ({days} days)", work)


def _forget(
    store: Store | None, done: Erasure, *, ids: set[str], customers: set[str], folders: Iterable[Path], cache_dir: Path | None
) -> None:
    """Every trace of these contacts: store rows, output folders, the embedding cache; then compact."""
    if store is not None:
        done.contacts = store.delete_contacts(ids)
    for root in folders:
        for folder in output_folders(root):
            scrubbed = scrub_folder(folder, ids=ids, customers=customers)
            if scrubbed.files:
                done.folders += 1
                done.files += len(scrubbed.files)
    if cache_dir is not None:
        done.cache_files = clear_cache(cache_dir)
    if store is not None:
        store.compact()


def _recorded(what: str, store: Store | None, author: str, work: Callable[[Erasure], None]) -> Erasure:
    """Run `work`, recorded as a job of kind ``erase`` and logged, with counts only."""
    done = Erasure()
    job = store.create_job("erase", author) if store is not None else None
    try:
        work(done)
    except Exception as err:
        if store is not None and job is not None:
            store.update_job(job.id, status="failed", error=f"{what} failed ({type(err).__name__}); run it again")
        raise
    if store is not None and job is not None:
        done.job_id = job.id
        store.update_job(job.id, status="succeeded", result=_counts(done))
    log.info(
        "%s %s: %d contacts deleted from the store, %d output folders cleaned (%d files), "
        "%d review decisions edited, %d embedding-cache files removed",
        what, done.job_id or "(no store)", done.contacts, done.folders, done.files, done.decisions, done.cache_files,
    )
    return done


def _given(what: str, values: Collection[str]) -> set[str]:
    out = {str(v).strip() for v in values}
    if "" in out:
        raise BadInputError(f"An empty {what} id cannot be erased: give the {what} id as the CRM sends it.")
    return out


def _counts(done: Erasure) -> dict[str, Any]:
    return {k: v for k, v in asdict(done).items() if k != "job_id"}


def _scrub_decisions(store: Store, named: set[str]) -> int:
    """Replace the erased identifiers in the text of review decisions (a label may quote one)."""
    if not named:
        return 0
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in sorted(named, key=len, reverse=True)) + r")(?![\w-])"
    )
    edited = 0
    for d in store.decisions():
        payload = {k: pattern.sub(ERASED, v) if isinstance(v, str) else v for k, v in d.payload.items()}
        if payload != d.payload and d.id is not None:
            store.set_decision_payload(d.id, payload)
            edited += 1
    return edited
