"""Dependencies shared by the routes, as named type aliases.

They are coroutines: FastAPI runs a plain function dependency on a worker thread, a hop
that costs more than these take. The two that may touch the database (the key check and
the model's freshness check) do so on a worker thread, and only when their answer is stale.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.middleware import MISSING_KEY
from api.ratelimit import too_many
from api.state import JobRunner, ModelHolder
from rootcause.model.driver_model import DriverModel
from rootcause.settings import Settings
from rootcause.store import ApiKey, Store
from rootcause.store.identifiers import Pseudonyms

_bearer = HTTPBearer(auto_error=False, description="An API key made with `rootcause keys create`.")


async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_holder(request: Request) -> ModelHolder:
    return request.app.state.holder


async def get_jobs(request: Request) -> JobRunner:
    return request.app.state.jobs


async def get_pseudonyms(request: Request) -> Pseudonyms:
    return request.app.state.pseudonyms


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
PseudonymsDep = Annotated[Pseudonyms, Depends(get_pseudonyms)]
StoreDep = Annotated[Store, Depends(get_store)]
HolderDep = Annotated[ModelHolder, Depends(get_holder)]
JobsDep = Annotated[JobRunner, Depends(get_jobs)]


async def get_model(holder: HolderDep) -> DriverModel:
    model = holder.model if holder.fresh() else await run_in_threadpool(holder.current)
    if model is None:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            detail=f"No driver model is loaded (looked in {holder.default_dir}): set ROOTCAUSE_MODEL_DIR to a "
            "model folder written by `rootcause analyze`, or ingest contacts and POST /v1/models/refit.",
        )
    return model


ModelDep = Annotated[DriverModel, Depends(get_model)]


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"})


async def get_key(
    request: Request, store: StoreDep, creds: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)]
) -> ApiKey:
    """The caller's API key; 401 when missing, malformed, unknown or revoked.

    The key's id (never its token) goes to the request's state for the access log.
    """
    limits = request.app.state.limits
    if creds is None or not creds.credentials:
        raise _unauthorized(MISSING_KEY)
    known, key = store.cached_key(creds.credentials)
    if not known:
        key = await run_in_threadpool(store.authenticate, creds.credentials)
    if key is None:
        wait = limits.failed_auth.take(request.client.host if request.client else "-")
        if wait:
            raise too_many(wait, "requests with a wrong API key from this address")
        raise _unauthorized("Invalid or revoked API key: ask an admin for a valid key (`rootcause keys list`).")
    request.state.key_id = key.key_id
    wait = limits.per_key.take(key.key_id)
    if wait:
        raise too_many(wait, "requests with this API key")
    return key


KeyDep = Annotated[ApiKey, Depends(get_key)]


def require(scope: str) -> Callable[[ApiKey], Awaitable[ApiKey]]:
    """A dependency that lets through keys carrying `scope` (403 otherwise)."""

    async def check(key: KeyDep) -> ApiKey:
        if not key.allows(scope):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                detail=f"This API key has scopes {list(key.scopes)}; this route needs {scope!r}. "
                f"Use a key created with `rootcause keys create --scopes {scope}`.",
            )
        return key

    check.__name__ = f"require_{scope}"
    return check


ClassifyKey = Annotated[ApiKey, Depends(require("classify"))]
IngestKey = Annotated[ApiKey, Depends(require("ingest"))]
ReadKey = Annotated[ApiKey, Depends(require("read"))]
ReviewKey = Annotated[ApiKey, Depends(require("review"))]
AdminKey = Annotated[ApiKey, Depends(require("admin"))]
