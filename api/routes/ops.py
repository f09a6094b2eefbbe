"""Health (no key), readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from api.deps import AdminKey, HolderDep, KeyDep, StoreDep
from api.schemas import AUTH_RESPONSES, HealthPublic, ReadyPublic

router = APIRouter(tags=["ops"])


@router.get("/health", response_model=HealthPublic, summary="Liveness (no API key)")
async def health() -> HealthPublic:
    # answered on the event loop, never queued behind requests waiting for a worker thread
    return HealthPublic(status="ok")


@router.get(
    "/ready",
    response_model=ReadyPublic,
    summary="Readiness: database reachable and a driver model loaded",
    responses={**AUTH_RESPONSES, 503: {"model": ReadyPublic, "description": "Not ready"}},
)
def ready(_: KeyDep, store: StoreDep, holder: HolderDep) -> ReadyPublic | JSONResponse:
    db = store.ping()
    model = holder.current() is not None if db else holder.model is not None
    body = ReadyPublic(status="ready" if db and model else "not ready", database=db, model=model, model_version=holder.version_id)
    if db and model:
        return body
    return JSONResponse(body.model_dump(), status_code=503)


@router.get(
    "/metrics",
    summary="Prometheus metrics (admin)",
    response_class=Response,
    responses={**AUTH_RESPONSES, 200: {"content": {"text/plain": {}}, "description": "Prometheus text format"}},
)
def metrics(_: AdminKey, request: Request, holder: HolderDep) -> Response:
    m = request.app.state.metrics
    model = holder.model
    m.model_version.set(holder.version_id)
    m.drivers.set(len(model.drivers) - len(model.aliases) if model is not None else 0)
    return Response(generate_latest(m.registry), media_type=CONTENT_TYPE_LATEST)
