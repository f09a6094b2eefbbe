"""Ingest contacts in batches (idempotent on the contact id); read one back."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, status

from api.deps import HolderDep, IngestKey, PseudonymsDep, SettingsDep, StoreDep
from api.schemas import AUTH_RESPONSES, BODY_RESPONSES, ContactPublic, IngestBatchIn, IngestBatchPublic, IngestItemPublic
from rootcause.store.ingest import ingest_contacts

router = APIRouter(prefix="/contacts", tags=["contacts"], responses={**AUTH_RESPONSES, **BODY_RESPONSES})


@router.post(
    "/batch",
    response_model=IngestBatchPublic,
    summary="Ingest a batch of contacts",
    description="Each item is accepted or rejected with its reason. Accepted items are redacted, "
    "classified and stored in one transaction: when the response arrives they are all stored; when it "
    "does not, retry the same batch — an id already stored with the same text is accepted again without a "
    "second copy. An id stored with another text is a `conflict` item, unless `?upsert=true` replaces it.",
)
def ingest_batch(
    body: IngestBatchIn,
    _: IngestKey,
    store: StoreDep,
    holder: HolderDep,
    settings: SettingsDep,
    pseudonyms: PseudonymsDep,
    request: Request,
    upsert: Annotated[bool, Query(description="Replace a stored contact sent again with another text.")] = False,
) -> IngestBatchPublic:
    if len(body.contacts) > settings.max_batch_items:
        from fastapi.exceptions import RequestValidationError

        raise RequestValidationError(
            [{"loc": ("body", "contacts"), "msg": f"at most {settings.max_batch_items} contacts per batch", "type": "too_long"}]
        )
    batch_id = str(uuid.uuid4())
    with request.app.state.batcher.big_batch():  # a slot, as a classified batch holds one (429 past them)
        results = ingest_contacts(
            store,
            body.contacts,
            model=holder.current(),
            batch_id=batch_id,
            max_text_chars=settings.max_text_chars,
            pseudonyms=pseudonyms,
            upsert=upsert,
            classify_names=settings.classify_redact_names,
        )
    count = {s: sum(1 for r in results if r.status == s) for s in ("accepted", "rejected", "conflict")}
    metrics = request.app.state.metrics
    for label, n in count.items():
        metrics.ingested.labels(label).inc(n)
    return IngestBatchPublic(
        batch_id=batch_id,
        accepted=count["accepted"],
        created=sum(1 for r in results if r.created),
        rejected=count["rejected"],
        conflicts=count["conflict"],
        items=[IngestItemPublic(**r.__dict__) for r in results],
    )


@router.get(
    "/{contact_id:path}",
    response_model=ContactPublic,
    summary="Read a stored contact (redacted)",
    responses={404: {"description": "Not stored"}},
)
def get_contact(contact_id: str, _: IngestKey, store: StoreDep, pseudonyms: PseudonymsDep, holder: HolderDep) -> ContactPublic:
    row = next(filter(None, map(store.get_contact, pseudonyms.forms(contact_id))), None)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="No stored contact with this id.")
    # the id as asked; the customer and order ids as stored (pseudonymised when personal); the
    # driver it counts for now (a reviewer's move, a merge)
    model = holder.current()
    driver = model.driver_of(row["id"], row["driver_id"]) if model is not None else row["driver_id"]
    return ContactPublic(**{k: row[k] for k in ContactPublic.model_fields} | {"id": contact_id, "driver_id": driver})
