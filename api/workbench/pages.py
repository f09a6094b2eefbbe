"""The workbench's pages (GET): drivers ranked, a driver, a split's preview, departments, decisions.

Each page reads the store through the same functions as the API's routes
(`driver_stats` once per request, `department_scorecards`, `store.decisions`) and, for a
driver's contacts, `rootcause.store.browse` (one page of contacts at a time, in SQL).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import ModelDep, SettingsDep, StoreDep
from api.workbench import view
from api.workbench.auth import PREFIX, Refused, signed_in
from api.workbench.render import STATIC, page, text_for
from rootcause.errors import BadInputError
from rootcause.measure.metrics import trends_emerging
from rootcause.model.driver_model import DriverModel
from rootcause.report.charts import trend_chart
from rootcause.report.fixes import fix_sentence
from rootcause.review.history import in_force
from rootcause.review.record import departments_of
from rootcause.review.split import MAX_PARTS, PREVIEW_MAX_CONTACTS, preview_split
from rootcause.store.accounts import Session
from rootcause.store.browse import contact_mix, contact_page, driver_texts, weekly_counts
from rootcause.store.views import department_scorecards, driver_stats

router = APIRouter(prefix=PREFIX, include_in_schema=False)
SessionDep = Annotated[Session, Depends(signed_in)]
STATIC_FILES = {"workbench.css": "text/css", "workbench.js": "text/javascript", "favicon.svg": "image/svg+xml"}


@router.get("/static/{name}")
async def static(name: str) -> Response:
    if name not in STATIC_FILES:
        return Response(status_code=404)
    # the workbench's own two files; a year's cache is safe only with versioned names, so none
    return Response((STATIC / name).read_bytes(), media_type=STATIC_FILES[name])


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse(f"{PREFIX}/drivers", status_code=303)


@router.get("/lang/{language}")
async def switch_language(language: str, request: Request) -> RedirectResponse:
    """Set the page language (a cookie) and go back where the visitor was."""
    back = request.query_params.get("next", "")
    target = back if back.startswith(f"{PREFIX}/") and "//" not in back else f"{PREFIX}/drivers"
    answer = RedirectResponse(target, status_code=303)
    if language in ("en", "fr"):
        answer.set_cookie("rc_lang", language, max_age=365 * 86400, httponly=True, samesite="strict", path=PREFIX)
    return answer


@router.get("/drivers", response_class=HTMLResponse)
async def drivers(request: Request, session: SessionDep, store: StoreDep, model: ModelDep, settings: SettingsDep) -> HTMLResponse:
    fmt = text_for(request)
    stats = await run_in_threadpool(driver_stats, store, model, exemplars=0)
    departments = departments_of(settings.departments, model)
    total = await run_in_threadpool(store.count_contacts)
    return await page(request, "drivers.html.j2", rows=view.driver_rows(stats, departments, fmt), total=total)


def _driver_page_data(store, model, settings, driver_id: str, q: str, page_no: int):  # noqa: ANN001, ANN202
    stats = driver_stats(store, model, driver_id=driver_id, exemplars=5)
    if not stats:
        return None
    s = stats[0]
    target = s["driver_id"]
    decisions = store.decisions()
    return {
        "d": s,
        "contacts": contact_page(store, model, target, query=q, page=page_no),
        "channels": contact_mix(store, model, target, "channel"),
        "languages": contact_mix(store, model, target, "language"),
        "weekly": weekly_counts(store, model, target),
        "decisions": decisions,
        "about": view.about_driver(decisions, model, target, s["merged_ids"]),
        "departments": departments_of(settings.departments, model),
    }


@router.get("/drivers/{driver_id}", response_class=HTMLResponse)
async def driver(
    driver_id: str,
    request: Request,
    session: SessionDep,
    store: StoreDep,
    model: ModelDep,
    settings: SettingsDep,
    q: Annotated[str, Query(max_length=200)] = "",
    p: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    fmt = text_for(request)
    data = await run_in_threadpool(_driver_page_data, store, model, settings, driver_id, q, p)
    replay = request.app.state.holder.replay  # each decision's state, kept with the model in use
    if data is None:
        return await _no_driver(request, model, driver_id)
    d = data["d"]
    if d["driver_id"] != driver_id:  # a merged id: the driver that absorbed it
        return RedirectResponse(f"{PREFIX}/drivers/{d['driver_id']}", status_code=303)
    weeks, counts = data["weekly"]
    others = [(x.driver_id, x.label) for x in model.drivers if x.driver_id not in model.aliases and x.driver_id != d["driver_id"]]
    ext = request.app.state.workbench
    fixes = ext.fixes(store, model, d["driver_id"]) if ext.fixes else None
    marks = [(f["day"], fmt.t("fix_mark")) for f in fixes or ()]
    return await page(
        request,
        "driver.html.j2",
        d=d,
        emerging=trends_emerging([d["trend"]])[0],
        owner_name=data["departments"].get(d["owner_department"], d["owner_department"] or "–"),
        evidence=view.owner_evidence(
            data["decisions"], d, fmt, (fitted := model.driver(d["driver_id"])).owner_evidence,
            reviewed=fitted.reviewed and fitted.owner_confidence == 1.0,
        ),
        contacts=data["contacts"],
        q=q,
        channels=view.mix(data["channels"], fmt, fmt.channel),
        languages=view.mix(data["languages"], fmt),
        chart=trend_chart(weeks, counts, fmt, width=900, label=fmt.t("weekly"), marks=marks),
        history=view.history(data["about"], fmt, model, replay.states if replay is not None else ()),
        departments=sorted(data["departments"].items()),
        others=sorted(others),
        max_parts=MAX_PARTS,
        undo=ext.undo is not None,
        fixes=[{**f, "verdict": fix_sentence(f["row"], fmt)} for f in fixes] if fixes is not None else None,
        can_log_fix=ext.log_fix is not None,
        can_remove_fix=ext.remove_fix is not None,
        message=request.query_params.get("done", ""),
    )


async def _no_driver(request: Request, model: DriverModel, driver_id: str) -> Response:
    """404 for an id the model lacks; a split driver's page lists its parts (a link kept from
    the report or a bookmark still leads somewhere after the refit)."""
    fmt = text_for(request)
    parts = model.parts_of(driver_id)
    labels = {d.driver_id: d.label for d in model.drivers}
    message = fmt.t("split_into", driver=repr(driver_id)) if parts else fmt.t("no_driver", driver=repr(driver_id))
    links = [(f"{PREFIX}/drivers/{quote(p)}", f"{p} — {labels[p]}") for p in parts]
    return await page(request, "error.html.j2", status=404, message=message, links=links)


@router.get("/drivers/{driver_id}/split", response_class=HTMLResponse)
async def split_preview(
    driver_id: str,
    request: Request,
    session: SessionDep,
    store: StoreDep,
    model: ModelDep,
    parts: Annotated[int, Query(ge=2, le=MAX_PARTS)] = 2,
) -> HTMLResponse:
    """The parts a split would make, before it is decided (reviewers: it embeds contacts)."""
    if not session.can("reviewer"):
        raise Refused("forbidden", role=session.role)
    target = model.resolve(driver_id)
    if target not in {d.driver_id for d in model.drivers}:
        return await _no_driver(request, model, driver_id)
    rows = await run_in_threadpool(driver_texts, store, model, target, limit=PREVIEW_MAX_CONTACTS)
    try:
        preview = await run_in_threadpool(preview_split, model, rows, parts)
    except BadInputError as err:
        return await page(request, "error.html.j2", status=422, message=str(err))
    # what the parts will not carry (trial: an owner answered minutes before went stale unannounced)
    decided = [d for d in in_force(await run_in_threadpool(store.decisions, target)) if d.action in ("rename", "set_owner", "mark")]
    fmt = text_for(request)
    leaves = ", ".join(dict.fromkeys(fmt.action(d.action) for d in decided))
    return await page(
        request, "split.html.j2", driver=model.driver(target), parts=parts, preview=preview, n=len(rows), leaves=leaves
    )


@router.get("/departments", response_class=HTMLResponse)
async def departments(request: Request, session: SessionDep, store: StoreDep, model: ModelDep, settings: SettingsDep) -> HTMLResponse:
    names = departments_of(settings.departments, model)
    cards = await run_in_threadpool(department_scorecards, store, model, names=names)
    return await page(request, "departments.html.j2", cards=cards)


@router.get("/departments/{department_id}", response_class=HTMLResponse)
async def department(
    department_id: str, request: Request, session: SessionDep, store: StoreDep, model: ModelDep, settings: SettingsDep
) -> HTMLResponse:
    fmt = text_for(request)
    names = departments_of(settings.departments, model)
    stats = await run_in_threadpool(driver_stats, store, model, exemplars=0)
    cards = department_scorecards(store, model, names=names, stats=stats)
    card = next((c for c in cards if c["department_id"] == department_id), None)
    if card is None:
        return await page(request, "error.html.j2", status=404, message=f"No department {department_id!r} owns a driver.")
    rows = view.driver_rows([s for s in stats if (s["owner_department"] or "") == department_id], names, fmt)
    return await page(request, "department.html.j2", card=card, rows=rows)


@router.get("/decisions", response_class=HTMLResponse)
async def decisions(request: Request, session: SessionDep, store: StoreDep, model: ModelDep) -> HTMLResponse:
    fmt = text_for(request)
    trail = await run_in_threadpool(store.decisions)
    replay = request.app.state.holder.replay  # each decision's state, kept with the model in use
    states = replay.states if replay is not None else ()
    return await page(
        request, "decisions.html.j2", history=view.history(trail, fmt, model, states), undo=request.app.state.workbench.undo is not None
    )


@router.get("/queue", response_class=HTMLResponse)
async def queue(request: Request, session: SessionDep, store: StoreDep, model: ModelDep, settings: SettingsDep) -> HTMLResponse:
    ask = request.app.state.workbench.queue
    questions = await run_in_threadpool(lambda: ask(store, model, language=text_for(request).language)) if ask else None
    departments = sorted(departments_of(settings.departments, model).items()) if questions else []
    return await page(request, "queue.html.j2", questions=questions, departments=departments, message=request.query_params.get("done", ""))
