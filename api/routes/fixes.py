"""Fixes logged on drivers, and whether each one cut the driver's contacts (the closed loop)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, HTTPException, Response, status

from api.deps import HolderDep, ModelDep, ReadKey, ReviewKey, SettingsDep, StoreDep
from api.schemas import AUTH_RESPONSES, BODY_RESPONSES, MODEL_RESPONSES, FixEffectPublic, FixIn, FixPublic
from rootcause.errors import BadInputError, ConfigError
from rootcause.measure.fixes import FixEffect, fix_row
from rootcause.measure.rates import Volumes, load_volumes
from rootcause.model.driver_model import DriverModel
from rootcause.report.fixes import fix_sentence
from rootcause.report.i18n import Formatter
from rootcause.review.fixes import Fix, make_fix, redact_fix
from rootcause.settings import Settings
from rootcause.store.fixes import add_fix, driver_fixes, remove_fix

router = APIRouter(tags=["review"], responses={**AUTH_RESPONSES, **BODY_RESPONSES, **MODEL_RESPONSES})
_EN = Formatter("en")


def _known_driver(model: DriverModel, driver_id: str) -> None:
    if driver_id not in {d.driver_id for d in model.drivers} and driver_id not in model.aliases:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"No driver {driver_id!r}; GET /v1/drivers lists them.")


@lru_cache(maxsize=4)
def _read_volumes(path: str, _mtime: float) -> Volumes:
    return load_volumes(path)


def volumes_of(settings: Settings) -> Volumes | None:
    """The volumes of ``ROOTCAUSE_VOLUMES`` (read once per version of the file), None when unset."""
    path = settings.volumes
    if path is None:
        return None
    if not Path(path).is_file():
        raise ConfigError(f"ROOTCAUSE_VOLUMES names no file ({path}); set it to a volumes file, or unset it for contacts per week.")
    return _read_volumes(str(path), Path(path).stat().st_mtime)


def _public(fix: Fix, effect: FixEffect) -> FixPublic:
    e = effect.to_dict()
    effect_public = FixEffectPublic(**{k: e[k] for k in FixEffectPublic.model_fields if k != "summary"}, summary=fix_sentence(fix_row(fix, effect), _EN) or "")
    return FixPublic(
        id=fix.id or 0,
        driver_id=fix.driver_id,
        date=fix.date,
        description=fix.description,
        department=fix.department,
        link=fix.link,
        author=fix.author,
        created_at=fix.created_at,
        effect=effect_public,
    )


@router.post(
    "/drivers/{driver_id}/fixes",
    response_model=FixPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Log a fix on a driver; the answer says whether its contacts fell since",
    responses={404: {"description": "No such driver"}, 422: {"description": "A field is wrong, or the department is not in the catalogue"}},
)
def log_fix(
    driver_id: str, body: FixIn, key: ReviewKey, store: StoreDep, model: ModelDep, holder: HolderDep, settings: SettingsDep
) -> FixPublic:
    _known_driver(model, driver_id)
    departments = holder.departments()  # the catalogue's, else the model's: as for set_owner
    known = set(departments.ids) if departments is not None else set()
    if body.department not in known:
        # the refused value is not echoed (API3); the valid ones are listed
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail="department: not a department of the catalogue; use one of: "
            + (", ".join(sorted(known)) if known else "none known (set ROOTCAUSE_DEPARTMENTS to the catalogue file)")
            + ".",
        )
    fix = make_fix({**body.model_dump(), "driver_id": driver_id, "author": key.name}, departments=known)
    saved = add_fix(store, redact_fix(fix))
    measured = driver_fixes(store, model, driver_id, volumes=volumes_of(settings))
    return next(_public(logged, effect) for logged, effect in measured if logged.id == saved.id)


@router.get(
    "/drivers/{driver_id}/fixes",
    response_model=list[FixPublic],
    summary="The fixes of a driver (and of drivers merged into it), each with its verdict",
    responses={404: {"description": "No such driver"}},
)
def list_fixes(driver_id: str, _: ReadKey, store: StoreDep, model: ModelDep, settings: SettingsDep) -> list[FixPublic]:
    _known_driver(model, driver_id)
    return [_public(fix, effect) for fix, effect in driver_fixes(store, model, driver_id, volumes=volumes_of(settings))]


@router.delete(
    "/drivers/{driver_id}/fixes/{fix_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a fix logged by mistake (the wrong driver or day); its verdict goes with it",
    responses={404: {"description": "No such driver, or no such fix on it"}},
)
def delete_fix(driver_id: str, fix_id: int, key: ReviewKey, store: StoreDep, model: ModelDep) -> Response:
    _known_driver(model, driver_id)
    try:
        remove_fix(store, model, driver_id, fix_id)
    except BadInputError as err:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(err)) from err
    return Response(status_code=status.HTTP_204_NO_CONTENT)
