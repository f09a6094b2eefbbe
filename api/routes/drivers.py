"""Drivers (live statistics) and review decisions on them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, status

from api.deps import HolderDep, ModelDep, ReadKey, ReviewKey, SettingsDep, StoreDep
from api.schemas import AUTH_RESPONSES, BODY_RESPONSES, MODEL_RESPONSES, DecisionIn, DecisionPublic, DriverListPublic, DriverPublic
from rootcause.errors import BadInputError
from rootcause.review import Decision
from rootcause.store.views import driver_stats, stored_total

router = APIRouter(tags=["drivers"], responses={**AUTH_RESPONSES, **BODY_RESPONSES, **MODEL_RESPONSES})


def _known(model_ids: set[str], aliases: dict[str, str], driver_id: str) -> bool:
    return driver_id in model_ids or driver_id in aliases


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
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"No driver {driver_id!r}; GET /v1/drivers lists them.")
    return DriverPublic(**stats[0])


def _public(d: Decision) -> DecisionPublic:
    return DecisionPublic(
        id=d.id or 0, action=d.action, driver_id=d.driver_id, payload=d.payload, author=d.author, created_at=d.created_at
    )


def _department_ids(settings: SettingsDep) -> set[str] | None:
    path = settings.departments
    if path is None or not path.is_file():
        return None
    import yaml

    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(d.get("id")) for d in doc.get("departments", []) if isinstance(d, dict)}


@router.post(
    "/drivers/{driver_id}/decisions",
    response_model=DecisionPublic,
    status_code=status.HTTP_201_CREATED,
    tags=["review"],
    summary="Record a review decision (applies to classification at once; a split at the next refit)",
    responses={404: {"description": "No such driver"}, 409: {"description": "Conflicts with the model"}},
)
def add_decision(
    driver_id: str,
    body: DecisionIn,
    key: ReviewKey,
    store: StoreDep,
    model: ModelDep,
    holder: HolderDep,
    settings: SettingsDep,
    request: Request,
) -> DecisionPublic:
    ids = {d.driver_id for d in model.drivers}
    if not _known(ids, model.aliases, driver_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"No driver {driver_id!r}; GET /v1/drivers lists them.")
    payload = body.model_dump(exclude={"action"}, exclude_none=body.action != "mark")
    if body.action == "mark":
        payload = {k: v for k, v in payload.items() if k in body.model_fields_set}
    if body.action == "merge":
        if not _known(ids, model.aliases, body.into):
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"No target driver {body.into!r} to merge into.")
        if model.resolve(body.into) == model.resolve(driver_id):
            raise HTTPException(status.HTTP_409_CONFLICT, detail=f"{driver_id!r} and {body.into!r} are already one driver.")
    if body.action == "set_owner":
        known = _department_ids(settings)
        if known is not None and body.department not in known:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                detail=f"Unknown department {body.department!r}; the catalogue has {sorted(known)}.",
            )
    try:
        decision = Decision(action=body.action, driver_id=driver_id, payload=payload, author=key.name)
    except BadInputError as err:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(err)) from err
    saved = store.add_decision(decision)
    holder.refresh(force=True)
    request.app.state.metrics.decisions.labels(body.action).inc()
    return _public(saved)


@router.get(
    "/drivers/{driver_id}/decisions",
    response_model=list[DecisionPublic],
    tags=["review"],
    summary="The audit trail of one driver",
)
def driver_decisions(driver_id: str, _: ReadKey, store: StoreDep) -> list[DecisionPublic]:
    return [_public(d) for d in store.decisions(driver_id)]


@router.get("/decisions", response_model=list[DecisionPublic], tags=["review"], summary="The whole audit trail, oldest first")
def all_decisions(_: ReadKey, store: StoreDep) -> list[DecisionPublic]:
    return [_public(d) for d in store.decisions()]
