"""Drivers (live statistics) and review decisions on them."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, status

from api.deps import HolderDep, ModelDep, ReadKey, ReviewKey, SettingsDep, StoreDep
from api.schemas import AUTH_RESPONSES, BODY_RESPONSES, MODEL_RESPONSES, DecisionIn, DecisionPublic, DriverListPublic, DriverPublic
from rootcause.errors import BadInputError
from rootcause.review import Decision
from rootcause.review.record import DecisionConflictError, UnknownDriverError, departments_of, record_decision
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


def _public(d: Decision) -> DecisionPublic:
    return DecisionPublic(
        id=d.id or 0, action=d.action, driver_id=d.driver_id, payload=d.payload, author=d.author, created_at=d.created_at
    )


@router.post(
    "/drivers/{driver_id}/decisions",
    response_model=DecisionPublic,
    status_code=status.HTTP_201_CREATED,
    tags=["review"],
    summary="Record a review decision (applies at once; a split at the next refit)",
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
    payload = body.model_dump(exclude={"action"}, exclude_none=body.action != "mark")
    if body.action == "mark":
        payload = {k: v for k, v in payload.items() if k in body.model_fields_set}
    try:
        saved = record_decision(
            store,
            model,
            action=body.action,
            driver_id=driver_id,
            payload=payload,
            author=key.name,
            departments=departments_of(settings.departments, model),
        )
    except UnknownDriverError as err:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(err)) from err
    except DecisionConflictError as err:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(err)) from err
    except BadInputError as err:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(err)) from err
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
