"""Drivers (live statistics); the review decisions on them are in `api.routes.decisions`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from api.deps import HolderDep, ModelDep, ReadKey, StoreDep
from api.schemas import AUTH_RESPONSES, BODY_RESPONSES, MODEL_RESPONSES, DriverListPublic, DriverPublic
from rootcause.store.views import driver_stats, stored_total

router = APIRouter(tags=["drivers"], responses={**AUTH_RESPONSES, **BODY_RESPONSES, **MODEL_RESPONSES})


# A page holds every driver of a usual model (tens to a few hundred), as before paging existed;
# a model with more is read page by page (`offset`). The maximum bounds one answer's size.
PAGE_DEFAULT = 500
PAGE_MAX = 1000


@router.get("/drivers", response_model=DriverListPublic, summary="List drivers, largest first (one page)")
def list_drivers(
    _: ReadKey,
    store: StoreDep,
    model: ModelDep,
    holder: HolderDep,
    limit: Annotated[int, Query(ge=1, le=PAGE_MAX, description=f"Drivers per page (at most {PAGE_MAX}).")] = PAGE_DEFAULT,
    offset: Annotated[int, Query(ge=0, description="Drivers to skip, largest first.")] = 0,
) -> DriverListPublic:
    stats = driver_stats(store, model, offset=offset, limit=limit)
    return DriverListPublic(
        model_version=holder.version_id,
        total_contacts=stored_total(store, model),
        total_drivers=sum(1 for d in model.drivers if d.driver_id not in model.aliases),
        offset=offset,
        limit=limit,
        drivers=[DriverPublic(**s) for s in stats],
    )


@router.get(
    "/drivers/{driver_id}",
    response_model=DriverPublic,
    summary="Read one driver (a merged id answers with the driver that absorbed it)",
    responses={404: {"description": "No such driver"}},
)
def get_driver(driver_id: str, _: ReadKey, store: StoreDep, model: ModelDep) -> DriverPublic:
    stats = driver_stats(store, model, driver_id=driver_id, exemplars=5)
    if not stats:
        parts = model.parts_of(driver_id)
        where = f"a refit split it into {', '.join(parts)}" if parts else "GET /v1/drivers lists them"
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"No driver {driver_id!r}; {where}.")
    return DriverPublic(**stats[0])
