"""Drivers (live statistics); the review decisions on them are in `api.routes.decisions`."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from api.deps import HolderDep, ModelDep, ReadKey, StoreDep
from api.schemas import AUTH_RESPONSES, BODY_RESPONSES, MODEL_RESPONSES, DriverListPublic, DriverPublic
from rootcause.store.views import driver_stats

router = APIRouter(tags=["drivers"], responses={**AUTH_RESPONSES, **BODY_RESPONSES, **MODEL_RESPONSES})


@router.get("/drivers", response_model=DriverListPublic, summary="List drivers, largest first")
def list_drivers(_: ReadKey, store: StoreDep, model: ModelDep, holder: HolderDep) -> DriverListPublic:
    stats = driver_stats(store, model)
    return DriverListPublic(
        model_version=holder.version_id,
        total_contacts=store.count_contacts(),
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
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"No driver {driver_id!r}; GET /v1/drivers lists them.")
    return DriverPublic(**stats[0])
