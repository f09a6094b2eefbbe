"""The workbench's forms (POST): sign in and out, and one route per review action.

Every review action goes through `record_decision`, as `POST /v1/drivers/{id}/decisions`
does, then refreshes the served model: the decision applies at once, as through the API.
Every form carries the session's CSRF token (`auth.reviewer_form`); a viewer's form is 403.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from api.deps import get_model
from api.ratelimit import too_many
from api.workbench.auth import (
    LOGIN_COOKIE,
    LOGIN_COOKIE_S,
    PREFIX,
    SESSION_COOKIE,
    Refused,
    check_csrf,
    cookie_options,
    current_session,
    new_login_token,
    reviewer_form,
)
from api.workbench.render import page, text_for
from rootcause.errors import BadInputError
from rootcause.review.decisions import CONFLICT, NOT_FOUND, DecisionRefused
from rootcause.review.fixes import parse_fix_date
from rootcause.review.record import record_decision
from rootcause.store import accounts
from rootcause.store.accounts import Session

router = APIRouter(prefix=PREFIX, include_in_schema=False)
MAX_FIELD = 200


@router.get("/login")
async def login_form(request: Request) -> Response:
    token = new_login_token()
    answer = await page(request, "login.html.j2", login_csrf=token, error="")
    answer.set_cookie(LOGIN_COOKIE, token, max_age=LOGIN_COOKIE_S, **cookie_options(request))
    return answer


def _sign_in(store: Any, user: str, password: str, api_key: str) -> tuple[str, str] | None:
    """(kind, subject) of the credentials, or None: a user and password, or an API key with a workbench role."""
    if api_key:
        key = store.authenticate(api_key)
        return ("key", key.key_id) if key is not None and accounts.role_of_key(key) else None
    found = accounts.authenticate_user(store, user, password) if user and password else None
    return ("user", found.name) if found is not None else None


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, form, request.cookies.get(LOGIN_COOKIE, ""))
    store, settings = request.app.state.store, request.app.state.settings
    user, password, api_key = (_field(form, k, 1000) for k in ("user", "password", "api_key"))
    # failed sign-ins are budgeted per address and per user name; while either budget is spent
    # no credential is checked at all, so a right guess is no faster to find than a wrong one
    failed = request.app.state.limits.failed_auth
    callers = [request.client.host if request.client else "-"] + ([f"user:{user.strip().casefold()}"] if user.strip() else [])
    if wait := max(failed.waiting(c) for c in callers):
        err = too_many(wait, "failed sign-ins")
        answer = await page(request, "login.html.j2", status=429, login_csrf=form.get("csrf"), error=text_for(request).t("too_many", s=err.headers["Retry-After"]))
        answer.headers["Retry-After"] = err.headers["Retry-After"]
        return answer
    who = await run_in_threadpool(_sign_in, store, user.strip(), password, api_key.strip())
    if who is None:
        for caller in callers:
            failed.take(caller)
        return await page(request, "login.html.j2", status=401, login_csrf=form.get("csrf"), error=text_for(request).t("bad_credentials"))
    token = await run_in_threadpool(accounts.open_session, store, kind=who[0], subject=who[1], hours=settings.session_hours)
    answer = RedirectResponse(f"{PREFIX}/drivers", status_code=303)
    answer.set_cookie(SESSION_COOKIE, token, max_age=int(settings.session_hours * 3600), **cookie_options(request))
    answer.delete_cookie(LOGIN_COOKIE, **cookie_options(request))
    return answer


@router.post("/logout")
async def logout(request: Request) -> Response:
    session = await current_session(request)
    if session is not None:
        check_csrf(request, await request.form(), session.csrf)
        await run_in_threadpool(accounts.close_session, request.app.state.store, request.cookies.get(SESSION_COOKIE, ""))
    answer = RedirectResponse(f"{PREFIX}/login", status_code=303)
    answer.delete_cookie(SESSION_COOKIE, **cookie_options(request))
    return answer


async def _refused(request: Request, err: BadInputError, **context: Any) -> Response:
    """The error page for a refused decision or undo: 404, 409 or 422 by its kind, worded in the
    page's language where the refusal names its message (`DecisionRefused.key`)."""
    kind = err.kind if isinstance(err, DecisionRefused) else ""
    status = 404 if kind == NOT_FOUND else 409 if kind == CONFLICT else 422
    fmt = text_for(request)
    key = f"refused_{err.key}" if isinstance(err, DecisionRefused) and err.key else ""
    message = fmt.t(key, **err.values) if key in fmt.strings else str(err)
    if key in fmt.strings and isinstance(err, DecisionRefused) and err.values.get("near"):
        message += " " + fmt.t("did_you_mean", near=err.values["near"])
    return await page(request, "error.html.j2", status=status, message=message, **context)


def _field(form: FormData, name: str, limit: int = MAX_FIELD) -> str:
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    if len(value) > limit:
        raise BadInputError(f"The field {name!r} has {len(value)} characters; at most {limit}.")
    return value


# the fields a form must fill, by action: a missing one is said in the workbench's words
# (`need_<field>`), not in the decision file's ("payload 'label'")
REQUIRED = {"rename": ("label",), "merge": ("into",), "set_owner": ("department",), "move": ("contact", "into"), "decline": ("question",)}


async def _decide(request: Request, session: Session, driver_id: str, action: str, payload: dict[str, Any]) -> Response:
    """Record one decision from a reviewer's form, as the API's decision route does, and go back to the driver
    (to the queue when answered there: a decline, or ``?next=queue``)."""
    holder, store = request.app.state.holder, request.app.state.store
    back = f"{PREFIX}/drivers/{quote(driver_id)}"
    missing = next((f for f in REQUIRED.get(action, ()) if not str(payload.get(f) or "").strip()), None)
    if missing is not None:
        return await page(request, "error.html.j2", status=422, message=text_for(request).t(f"need_{missing}"), back=back)
    model = await get_model(holder)
    try:
        saved = await run_in_threadpool(
            lambda: record_decision(
                store,
                model,
                action=action,
                driver_id=driver_id,
                payload=payload,
                author=session.name,
                departments=holder.departments(),
            )
        )
    except BadInputError as err:  # DecisionRefused included: its kind gives the status
        return await _refused(request, err, back=back)
    await run_in_threadpool(holder.refresh, force=True)
    request.app.state.metrics.decisions.labels(action).inc()
    done = quote(text_for(request).action(saved.action))
    if action == "decline" or request.query_params.get("next") == "queue":  # answered on the queue page: its next question
        return RedirectResponse(f"{PREFIX}/queue?done={done}", status_code=303)
    where = model.resolve(driver_id) if action != "merge" else model.resolve(str(payload["into"]))
    return RedirectResponse(f"{PREFIX}/drivers/{quote(where)}?done={done}", status_code=303)


@router.post("/drivers/{driver_id}/rename")
async def rename(driver_id: str, request: Request) -> Response:
    session, form = await reviewer_form(request)
    return await _decide(request, session, driver_id, "rename", {"label": _field(form, "label").strip()})


@router.post("/drivers/{driver_id}/merge")
async def merge(driver_id: str, request: Request) -> Response:
    session, form = await reviewer_form(request)
    return await _decide(request, session, driver_id, "merge", {"into": _field(form, "into", 64)})


@router.post("/drivers/{driver_id}/owner")
async def set_owner(driver_id: str, request: Request) -> Response:
    session, form = await reviewer_form(request)
    return await _decide(request, session, driver_id, "set_owner", {"department": _field(form, "department", 100)})


@router.post("/drivers/{driver_id}/mark")
async def mark(driver_id: str, request: Request) -> Response:
    session, form = await reviewer_form(request)
    avoidable = {"yes": True, "no": False, "": None}.get(_field(form, "avoidable", 3))
    return await _decide(request, session, driver_id, "mark", {"kind": _field(form, "kind", 20), "avoidable": avoidable})


@router.post("/drivers/{driver_id}/split")
async def split(driver_id: str, request: Request) -> Response:
    session, form = await reviewer_form(request)
    try:
        parts = int(_field(form, "parts", 3) or 2)
    except ValueError:
        parts = 0  # refused by the decision's check, with the range it accepts
    owner = _field(form, "owner", 100).strip()  # a group question's answer: carve out the contacts of this department
    return await _decide(request, session, driver_id, "split", {"parts": parts, **({"owner": owner} if owner else {})})


@router.post("/drivers/{driver_id}/move")
async def move(driver_id: str, request: Request) -> Response:
    session, form = await reviewer_form(request)
    return await _decide(request, session, driver_id, "move", {"contact": _field(form, "contact"), "into": _field(form, "into", 64)})


@router.post("/drivers/{driver_id}/decline")
async def decline(driver_id: str, request: Request) -> Response:
    session, form = await reviewer_form(request)
    return await _decide(request, session, driver_id, "decline", {"question": _field(form, "question", 200)})


@router.post("/decisions/{decision_id}/undo")
async def undo(decision_id: int, request: Request) -> Response:
    session, _ = await reviewer_form(request)
    ext = request.app.state.workbench
    if ext.undo is None:
        return await page(request, "error.html.j2", status=404, message=text_for(request).t("not_available"))
    try:
        await run_in_threadpool(lambda: ext.undo(request.app.state.store, decision_id, author=session.name))
    except BadInputError as err:  # DecisionRefused included: its kind gives the status
        return await _refused(request, err)
    await run_in_threadpool(request.app.state.holder.refresh, force=True)
    back = request.query_params.get("next", "")
    return RedirectResponse(back if back.startswith(f"{PREFIX}/") and "//" not in back else f"{PREFIX}/decisions", status_code=303)


@router.post("/drivers/{driver_id}/fixes")
async def log_fix(driver_id: str, request: Request) -> Response:
    session, form = await reviewer_form(request)
    ext = request.app.state.workbench
    if ext.log_fix is None:
        return await page(request, "error.html.j2", status=404, message=text_for(request).t("not_available"))
    try:
        day = parse_fix_date(_field(form, "day", 10))
        await run_in_threadpool(
            lambda: ext.log_fix(
                request.app.state.store,
                driver_id,
                day=day,
                description=_field(form, "description", 2000),
                department=_field(form, "department", 100),
                link=_field(form, "link", 500) or None,
                author=session.name,
            )
        )
    except BadInputError as err:  # `parse_fix_date` says how to write the day; other fields say their own fix
        return await page(request, "error.html.j2", status=422, message=str(err))
    done = quote(text_for(request).t("fix_logged"))
    return RedirectResponse(f"{PREFIX}/drivers/{quote(driver_id)}?done={done}", status_code=303)


@router.post("/drivers/{driver_id}/fixes/{fix_id}/remove")
async def remove_fix(driver_id: str, fix_id: int, request: Request) -> Response:
    """Remove a fix logged by mistake (the wrong driver or day): its verdict goes with it."""
    await reviewer_form(request)
    ext = request.app.state.workbench
    if ext.remove_fix is None:
        return await page(request, "error.html.j2", status=404, message=text_for(request).t("not_available"))
    model = await get_model(request.app.state.holder)
    try:
        await run_in_threadpool(ext.remove_fix, request.app.state.store, model, driver_id, fix_id)
    except BadInputError as err:
        return await page(request, "error.html.j2", status=404, message=str(err))
    done = quote(text_for(request).t("fix_removed"))
    return RedirectResponse(f"{PREFIX}/drivers/{quote(model.resolve(driver_id))}?done={done}", status_code=303)


def refused_page(request: Request, err: Refused) -> Any:
    return page(request, "error.html.j2", status=403, message=text_for(request).t(err.key, **err.values))
