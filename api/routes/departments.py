"""A scorecard per owning department."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from api.deps import ModelDep, ReadKey, SettingsDep, StoreDep
from api.schemas import AUTH_RESPONSES, MODEL_RESPONSES, ScorecardPublic
from rootcause.model.driver_model import DriverModel
from rootcause.store.views import department_scorecards

router = APIRouter(prefix="/departments", tags=["departments"], responses={**AUTH_RESPONSES, **MODEL_RESPONSES})


def _names(settings: SettingsDep, model: DriverModel) -> dict[str, str]:
    """Department names: the configured catalogue's, else those the model was fitted with."""
    path = settings.departments
    if path is None or not path.is_file():
        return dict(model.meta.get("department_names") or {})
    import yaml

    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(d["id"]): str(d.get("name", d["id"])) for d in doc.get("departments", []) if isinstance(d, dict) and "id" in d}


@router.get("/scorecards", response_model=list[ScorecardPublic], summary="Scorecards of every department")
def scorecards(_: ReadKey, store: StoreDep, model: ModelDep, settings: SettingsDep) -> list[ScorecardPublic]:
    return [ScorecardPublic(**s) for s in department_scorecards(store, model, names=_names(settings, model))]


@router.get(
    "/{department_id}/scorecard",
    response_model=ScorecardPublic,
    summary="The scorecard of one department",
    responses={404: {"description": "No such department"}},
)
def scorecard(department_id: str, _: ReadKey, store: StoreDep, model: ModelDep, settings: SettingsDep) -> ScorecardPublic:
    for s in department_scorecards(store, model, names=_names(settings, model)):
        if s["department_id"] == department_id:
            return ScorecardPublic(**s)
    raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"No department {department_id!r} owns a driver.")
