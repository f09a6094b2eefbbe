"""Erasure: every trace of a customer or of a contact (admin)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import AdminKey
from api.schemas import AUTH_RESPONSES, ErasurePublic
from api.state import served_folders
from rootcause.privacy import erase
from rootcause.store import ApiKey

router = APIRouter(tags=["privacy"], responses=AUTH_RESPONSES)

_ERASES = (
    "Deletes the stored contacts, takes them out of the refit copies, exemplars and reports under the data "
    "folder (and the served model's run folder), takes their identifiers out of review decisions, clears the "
    "embedding cache and compacts the database. The id is looked for as sent and pseudonymised. Logged and "
    "recorded (a job of kind `erase`) with counts only; erasing twice is harmless."
)


def _erase(request: Request, key: ApiKey, **which: list[str]) -> ErasurePublic:
    state = request.app.state
    done = erase(
        state.store,
        folders=served_folders(state.settings, state.holder),
        cache_dir=state.settings.cache_dir,
        author=key.name,
        pseudonyms=state.pseudonyms,
        **which,
    )
    return ErasurePublic(**done.__dict__)


@router.delete(
    "/customers/{customer_id:path}",
    response_model=ErasurePublic,
    summary="Erase a customer: every contact of theirs, everywhere",
    description=_ERASES,
)
def erase_customer(customer_id: str, key: AdminKey, request: Request) -> ErasurePublic:
    return _erase(request, key, customers=[customer_id])


@router.delete("/contacts/{contact_id:path}", response_model=ErasurePublic, summary="Erase a contact, everywhere", description=_ERASES)
def erase_contact(contact_id: str, key: AdminKey, request: Request) -> ErasurePublic:
    return _erase(request, key, contacts=[contact_id])
