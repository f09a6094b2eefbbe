"""Erasure: every trace of a customer or of a contact (admin)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AdminKey, HolderDep, SettingsDep, StoreDep
from api.schemas import AUTH_RESPONSES, ErasurePublic
from api.state import ModelHolder, served_folders
from rootcause.privacy import erase
from rootcause.settings import Settings
from rootcause.store import ApiKey, Store

router = APIRouter(tags=["privacy"], responses=AUTH_RESPONSES)

_ERASES = (
    "Deletes the stored contacts, takes them out of the refit copies, exemplars and reports under the data "
    "folder (and the served model's run folder), takes their identifiers out of review decisions, clears the "
    "embedding cache and compacts the database. Logged and recorded (a job of kind `erase`) with counts only."
)


def _erase(store: Store, settings: Settings, holder: ModelHolder, key: ApiKey, **which: list[str]) -> ErasurePublic:
    done = erase(store, folders=served_folders(settings, holder), cache_dir=settings.cache_dir, author=key.name, **which)
    return ErasurePublic(**done.__dict__)


@router.delete(
    "/customers/{customer_id}",
    response_model=ErasurePublic,
    summary="Erase a customer: every contact of theirs, everywhere",
    description=_ERASES,
)
def erase_customer(customer_id: str, key: AdminKey, store: StoreDep, settings: SettingsDep, holder: HolderDep) -> ErasurePublic:
    return _erase(store, settings, holder, key, customers=[customer_id])


@router.delete(
    "/contacts/{contact_id}",
    response_model=ErasurePublic,
    summary="Erase a contact, everywhere",
    description=_ERASES,
)
def erase_contact(contact_id: str, key: AdminKey, store: StoreDep, settings: SettingsDep, holder: HolderDep) -> ErasurePublic:
    return _erase(store, settings, holder, key, contacts=[contact_id])
