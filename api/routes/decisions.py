"""Review decisions: record one, undo one, and the trail with each decision's state."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, status

from api.deps import HolderDep, ModelDep, ReadKey, ReviewKey, StoreDep
from api.schemas import AUTH_RESPONSES, BODY_RESPONSES, MODEL_RESPONSES, DecisionIn, DecisionPublic
from rootcause.errors import BadInputError
from rootcause.review import Decision, DecisionState, decision_history, undo
from rootcause.review.decisions import CONFLICT, NOT_FOUND, DecisionRefused
from rootcause.review.record import record_decision

router = APIRouter(tags=["review"], responses={**AUTH_RESPONSES, **BODY_RESPONSES, **MODEL_RESPONSES})

_STATUS = {NOT_FOUND: status.HTTP_404_NOT_FOUND, CONFLICT: status.HTTP_409_CONFLICT}


def _refused(err: DecisionRefused) -> HTTPException:
    return HTTPException(_STATUS.get(err.kind, status.HTTP_422_UNPROCESSABLE_CONTENT), detail=str(err))


def _public(s: DecisionState) -> DecisionPublic:
    d = s.decision
    return DecisionPublic(
        id=d.id or 0, action=d.action, driver_id=d.driver_id, payload=d.payload, author=d.author, created_at=d.created_at,
        state=s.state, reason=s.reason, undone_by=s.undone_by,
    )


def _history(store: StoreDep, holder: HolderDep, driver_id: str | None = None) -> list[DecisionPublic]:
    replay = holder.history()
    states = replay.states if replay is not None else decision_history(None, store.decisions())
    return [_public(s) for s in states if driver_id is None or s.decision.driver_id == driver_id]


def _saved(store: StoreDep, holder: HolderDep, request: Request, saved: Decision) -> DecisionPublic:
    """The answer for a decision just added to the trail (`store.add_decision`), with its state."""
    holder.refresh(force=True)
    request.app.state.metrics.decisions.labels(saved.action).inc()
    replay = holder.replay
    state = next((s for s in replay.states if s.decision.id == saved.id), None) if replay is not None else None
    return _public(state or DecisionState(saved, "active"))


@router.post(
    "/drivers/{driver_id}/decisions",
    response_model=DecisionPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Record a review decision (applies to classification at once; a split at the next refit)",
    responses={
        404: {"description": "No such driver"},
        409: {"description": "Conflicts with the model"},
        422: {"description": "Malformed, or a department outside the catalogue (the answer lists the valid ids)"},
    },
)
def add_decision(
    driver_id: str, body: DecisionIn, key: ReviewKey, store: StoreDep, model: ModelDep, holder: HolderDep, request: Request
) -> DecisionPublic:
    payload = body.model_dump(exclude={"action"}, exclude_none=body.action != "mark")
    if body.action == "mark":
        payload = {k: v for k, v in payload.items() if k in body.model_fields_set}
    try:
        saved = record_decision(
            store, model, action=body.action, driver_id=driver_id, payload=payload, author=key.name, departments=holder.departments()
        )
    except DecisionRefused as err:
        raise _refused(err) from err
    except BadInputError as err:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(err)) from err
    return _saved(store, holder, request, saved)


@router.post(
    "/decisions/{decision_id}/undo",
    response_model=DecisionPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Undo a review decision (recorded in the trail: who, when, which decision)",
    description="Appends an `undo` decision; the undone one stays in the trail with state `undone`. "
    "Classification follows at once; an undone split at the next refit. An undo cannot be undone: record "
    "the decision again.",
    responses={404: {"description": "No such decision"}, 409: {"description": "Undone already, or itself an undo"}},
)
def undo_decision(decision_id: int, key: ReviewKey, store: StoreDep, holder: HolderDep, request: Request) -> DecisionPublic:
    try:
        record = undo(store.decisions(), decision_id, author=key.name)
    except DecisionRefused as err:
        raise _refused(err) from err
    return _saved(store, holder, request, store.add_decision(record))


@router.get(
    "/drivers/{driver_id}/decisions",
    response_model=list[DecisionPublic],
    summary="The audit trail of one driver, with each decision's state",
)
def driver_decisions(driver_id: str, _: ReadKey, store: StoreDep, holder: HolderDep) -> list[DecisionPublic]:
    return _history(store, holder, driver_id)


@router.get(
    "/decisions",
    response_model=list[DecisionPublic],
    summary="The whole audit trail, oldest first, with each decision's state (active, undone, stale and why)",
)
def all_decisions(_: ReadKey, store: StoreDep, holder: HolderDep) -> list[DecisionPublic]:
    return _history(store, holder)
