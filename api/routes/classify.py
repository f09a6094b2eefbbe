"""Classify one contact or a batch; optionally store them (ingest scope)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated, Any

import polars as pl
from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError

from api.deps import ClassifyKey, HolderDep, ModelDep, SettingsDep, StoreDep
from api.schemas import AUTH_RESPONSES, BODY_RESPONSES, MODEL_RESPONSES, ClassificationPublic, ClassifyBatchIn, ClassifyBatchPublic, ClassifyIn
from rootcause import schema as S
from rootcause.model.driver_model import DriverModel
from rootcause.settings import Settings
from rootcause.store import ApiKey, Store
from rootcause.store.ingest import CONFLICT, check_record, conflicts, ingest_contacts

# Requests with at most this many contacts share model calls (see api.batcher).
SMALL_REQUEST = 8
UPSERT = "With store=true: replace a stored contact sent again with another text (else 409)."

router = APIRouter(
    prefix="/classify",
    tags=["classify"],
    responses={
        **AUTH_RESPONSES,
        **BODY_RESPONSES,
        **MODEL_RESPONSES,
        409: {"description": "store=true: a contact's id is stored with another text (add upsert=true to replace it)"},
    },
)


def _rows(frame: pl.DataFrame, stored: list[bool | None], sent: list[str | None]) -> list[ClassificationPublic]:
    return [
        ClassificationPublic(
            id=i,
            driver_id=r[S.DRIVER_ID],
            driver_label=r[S.DRIVER_LABEL],
            theme_id=r[S.THEME_ID],
            theme_label=r[S.THEME_LABEL],
            owner_department=r[S.OWNER_DEPARTMENT],
            confidence=float(r["confidence"]),
            unknown=bool(r["is_unknown"]),
            language=r[S.LANGUAGE],
            is_transcript=bool(r[S.IS_TRANSCRIPT]),
            stored=s,
        )
        for r, s, i in zip(frame.iter_rows(named=True), stored, sent, strict=True)
    ]


def _check(contacts: list[ClassifyIn], *, settings: Settings, key: ApiKey, keep: bool) -> None:
    """Size limits, and for `keep` the checks that must pass before anything is stored."""
    if len(contacts) > settings.max_batch_items:
        raise RequestValidationError(
            [{"loc": ("body", "contacts"), "msg": f"at most {settings.max_batch_items} contacts per batch", "type": "too_long"}]
        )
    for i, c in enumerate(contacts):
        if len(c.text) > settings.max_text_chars:
            loc = ("body", "contacts", i, "text") if len(contacts) > 1 else ("body", "text")
            raise RequestValidationError([{"loc": loc, "msg": f"at most {settings.max_text_chars} characters", "type": "too_long"}])
        # the checks ingest makes (a channel it knows, no NUL, a plausible date), stored or not:
        # a contact that /v1/contacts/batch would refuse is not classified either
        bad, _ = check_record(i, {**c.model_dump(), "id": c.id or str(i)}, max_text_chars=settings.max_text_chars)
        if bad is not None:
            loc = ("body", "contacts", i, bad.field) if len(contacts) > 1 else ("body", bad.field)
            raise RequestValidationError([{"loc": loc, "msg": bad.reason, "type": "value_error"}])
    if not keep:
        return
    if not key.allows("ingest"):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            detail=f"store=true needs the 'ingest' scope; this key has {list(key.scopes)}.",
        )
    missing = [i for i, c in enumerate(contacts) if not c.id]
    if missing:
        loc = ("body", "contacts", missing[0], "id") if len(contacts) > 1 else ("body", "id")
        raise RequestValidationError([{"loc": loc, "msg": "an id is needed to store a contact", "type": "missing"}])
    # All checks before anything is stored (each record's were made above): the call stores
    # all its contacts or none.
    seen: set[str] = set()
    for i, c in enumerate(contacts):
        if c.id in seen:
            loc = ("body", "contacts", i, "id") if len(contacts) > 1 else ("body", "id")
            raise RequestValidationError([{"loc": loc, "msg": "id appears twice in this batch", "type": "value_error"}])
        seen.add(c.id or "")


def _check_conflicts(contacts: list[ClassifyIn], *, store: Store, settings: Settings, request: Request) -> None:
    """409 when a contact's id is stored with another text (before anything is classified or stored)."""
    clashes = conflicts(
        store, [c.model_dump() for c in contacts], max_text_chars=settings.max_text_chars, pseudonyms=request.app.state.pseudonyms
    )
    if clashes:
        where = f"contacts[{clashes[0]}]: " if len(contacts) > 1 else ""
        raise HTTPException(status.HTTP_409_CONFLICT, detail=f"{where}{CONFLICT}.")


def _model_args(contacts: list[ClassifyIn], settings: Settings) -> dict[str, Any]:
    return {
        "texts": [c.text for c in contacts],
        "ids": [c.id or str(i) for i, c in enumerate(contacts)],
        "subjects": [c.subject for c in contacts],
        "languages": [c.language for c in contacts],
        "names": settings.classify_redact_names,
    }


def _results(frame: pl.DataFrame, stored: list[bool | None], request: Request, contacts: list[ClassifyIn]) -> list[ClassificationPublic]:
    """The public rows, each with its contact's id as sent (None where none was: the model's
    stand-in, its position, is no id of the caller's)."""
    metrics = request.app.state.metrics
    n_unknown = int(frame["is_unknown"].sum())
    metrics.classified.labels("true").inc(n_unknown)
    metrics.classified.labels("false").inc(frame.height - n_unknown)
    return _rows(frame, stored, [c.id or None for c in contacts])


def _classify(
    contacts: list[ClassifyIn],
    *,
    model: DriverModel,
    store: Store,
    settings: Settings,
    key: ApiKey,
    keep: bool,
    request: Request,
    upsert: bool = False,
) -> list[ClassificationPublic]:
    """Check, classify and optionally store `contacts` (blocking: call it on a worker thread)."""
    _check(contacts, settings=settings, key=key, keep=keep)
    if keep and not upsert:
        _check_conflicts(contacts, store=store, settings=settings, request=request)
    args = _model_args(contacts, settings)
    batcher = request.app.state.batcher
    if len(contacts) <= SMALL_REQUEST:
        frame = batcher.submit(model, **args).result()
    else:
        # A big batch batches itself; queueing it would delay the small requests behind it.
        with batcher.big_batch():
            frame = model.classify(**args)
    stored: list[bool | None] = [None] * len(contacts)
    if keep:
        # One transaction stores each contact with the driver the caller is told.
        ids = args["ids"]
        assigned = dict(zip(ids, zip(frame[S.DRIVER_ID].to_list(), frame["confidence"].to_list(), strict=True), strict=True))
        results = ingest_contacts(
            store,
            [c.model_dump() for c in contacts],
            batch_id=str(uuid.uuid4()),
            max_text_chars=settings.max_text_chars,
            assigned=assigned,
            pseudonyms=request.app.state.pseudonyms,
            upsert=upsert,
            keep=model.kept_names(),
        )
        stored = [r.created for r in results]
        request.app.state.metrics.ingested.labels("accepted").inc(len(results))
    return _results(frame, stored, request, contacts)


@router.post(
    "",
    response_model=ClassificationPublic,
    summary="Classify one contact",
    responses={503: {"description": "No driver model loaded"}},
)
async def classify_one(
    contact: ClassifyIn,
    key: ClassifyKey,
    model: ModelDep,
    store: StoreDep,
    settings: SettingsDep,
    request: Request,
    store_contact: Annotated[bool, Query(alias="store", description="Also store the contact (needs `ingest` and an `id`).")] = False,
    upsert: Annotated[bool, Query(description=UPSERT)] = False,
) -> ClassificationPublic:
    if store_contact:
        results = await run_in_threadpool(
            _classify, [contact], model=model, store=store, settings=settings, key=key, keep=True, request=request, upsert=upsert
        )
        return results[0]
    # The hot path stays on the event loop: no worker thread waits for the batcher.
    _check([contact], settings=settings, key=key, keep=False)
    frame = await asyncio.wrap_future(request.app.state.batcher.submit(model, **_model_args([contact], settings)))
    return _results(frame, [None], request, [contact])[0]


@router.post("/batch", response_model=ClassifyBatchPublic, summary="Classify a batch of contacts")
def classify_batch(
    body: ClassifyBatchIn,
    key: ClassifyKey,
    model: ModelDep,
    holder: HolderDep,
    store: StoreDep,
    settings: SettingsDep,
    request: Request,
    store_contacts: Annotated[bool, Query(alias="store", description="Also store the contacts (needs `ingest`).")] = False,
    upsert: Annotated[bool, Query(description=UPSERT)] = False,
) -> ClassifyBatchPublic:
    results = _classify(
        body.contacts, model=model, store=store, settings=settings, key=key, keep=store_contacts, request=request, upsert=upsert
    )
    return ClassifyBatchPublic(model_version=holder.version_id, results=results)
