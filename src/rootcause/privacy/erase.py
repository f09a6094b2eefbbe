"""Erase a customer's or a contact's data: every trace of it, and the space it took.

`erase` is what `rootcause erase` and the API's ``DELETE /v1/customers/{id}`` and
``DELETE /v1/contacts/{id}`` call. It deletes the stored contacts, takes them out of the
output folders it is given (refit copies, reports, exemplars), takes their identifiers out
of review decisions, clears the embedding cache and compacts the database. The erasure is
recorded (a job of kind ``erase``) and logged with counts only, never with what was erased.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rootcause.embed.cache import clear_cache
from rootcause.errors import BadInputError
from rootcause.privacy.outputs import output_folders, scrub_folder

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
    """
    contact_ids, customer_ids = _given("contact", contacts), _given("customer", customers)
    if not contact_ids and not customer_ids:
        raise BadInputError("Nothing to erase: give a contact id (--contact) or a customer id (--customer).")
    done = Erasure()
    job = store.create_job("erase", author) if store is not None else None
    try:
        found = store.contacts_of(ids=contact_ids, customers=customer_ids) if store is not None else []
        ids = contact_ids | {r["id"] for r in found}
        named = ids | customer_ids | {r[c] for r in found for c in ("customer_id", "order_id") if r[c]}
        if store is not None:
            done.contacts = store.delete_contacts(ids)
            done.decisions = _scrub_decisions(store, named)
        for root in folders:
            for folder in output_folders(root):
                scrubbed = scrub_folder(folder, ids=ids, customers=customer_ids)
                if scrubbed.files:
                    done.folders += 1
                    done.files += len(scrubbed.files)
        if cache_dir is not None:
            done.cache_files = clear_cache(cache_dir)
        if store is not None:
            store.compact()
    except Exception as err:
        if store is not None and job is not None:
            store.update_job(job.id, status="failed", error=f"erasure failed ({type(err).__name__}); run it again")
        raise
    if store is not None and job is not None:
        done.job_id = job.id
        store.update_job(job.id, status="succeeded", result=_counts(done))
    log.info(
        "erasure %s: %d contacts deleted from the store, %d output folders cleaned (%d files), "
        "%d review decisions edited, %d embedding-cache files removed",
        done.job_id or "(no store)", done.contacts, done.folders, done.files, done.decisions, done.cache_files,
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
