"""The FastAPI application: `create_app(settings)` wires the store, the model and the routers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.batcher import Batcher, BusyMiddleware, Overloaded
from api.docs import add_docs, complete_openapi
from api.errors import CatchAllMiddleware, error_response, log_failure
from api.middleware import BodyLimitMiddleware, JsonBodyMiddleware, KeyFirstMiddleware, Metrics, MetricsMiddleware, SecurityHeadersMiddleware, route_template
from api.ratelimit import Limits
from api.routes import ROUTERS
from api.schemas import NOT_UTF8, ContactIn
from api.workbench import Extensions, add_workbench
from api.workbench.render import is_page, page
from api.state import JobRunner, ModelHolder, RefitFn, default_refit, retention_loop, served_folders
from rootcause import __version__
from rootcause.errors import BadInputError, NotFittedError, RootcauseError, StoreError
from rootcause.settings import Settings, get_settings
from rootcause.store import Store
from rootcause.store.identifiers import Pseudonyms

DESCRIPTION = """\
Classify customer contacts into contact drivers, trace each driver to the department whose
process causes it, ingest contacts, review drivers and refit the driver model.

Every route but `/v1/health` needs an API key: `Authorization: Bearer <key>`, made with
`rootcause keys create --name crm --scopes classify,ingest`. Scopes: `classify`, `ingest`,
`read` (drivers with their exemplars, scorecards, reports, decisions: stored text), `review`
(implies read), `admin` (carries all). 401: no key, or a wrong or revoked one; 403: the key
lacks the route's scope.
"""

TAGS = [
    {"name": "classify", "description": "Driver, owner, confidence and `unknown` flag of new contacts."},
    {"name": "contacts", "description": "Idempotent batch ingest (redacted before storage)."},
    {"name": "drivers", "description": "Drivers with size, share, trend, exemplars, owner, repeat rate."},
    {"name": "review", "description": "Review decisions (rename, merge, owner, mark, split) and their undo, with an audit trail and each decision's state (active, undone, stale)."},
    {"name": "departments", "description": "A scorecard per owning department."},
    {"name": "models", "description": "The driver model in use; refit from stored contacts as a background job."},
    {"name": "reports", "description": "The HTML report of the latest batch run or refit."},
    {"name": "ops", "description": "Health, readiness and Prometheus metrics."},
    {"name": "privacy", "description": "Erase a customer's or a contact's data everywhere (admin)."},
]


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    refit: RefitFn | None = None,
    workbench: Extensions | None = None,
) -> FastAPI:
    """Build the API.

    Parameters
    ----------
    settings
        Defaults to `get_settings()` (environment, prefix ``ROOTCAUSE_``).
    store
        An open store; defaults to one on ``settings.database_url`` (migrated here).
    refit
        The refit function run by refit jobs; defaults to the batch pipeline.
    workbench
        The workbench's optional features (undo, review queue, fixes); defaults to those
        this build has (`api.workbench.seams.default_extensions`).
    """
    settings = settings or get_settings()
    store = store or Store(settings.database_url)
    store.migrate()
    metrics = Metrics()
    holder = ModelHolder(store, settings.model_dir, refresh_s=settings.state_refresh_s, catalogue=settings.departments)
    jobs = JobRunner(store, holder, settings, refit or default_refit)
    batcher = Batcher(workers=settings.classify_workers, max_queued=settings.classify_queue)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # A job left running by a killed process will never finish: say so.
        store.fail_interrupted_jobs()
        holder.refresh(force=True)
        purging = asyncio.create_task(retention_loop(store, settings, lambda: served_folders(settings, holder)))
        yield
        purging.cancel()
        jobs.join(timeout=5)
        batcher.close()

    app = FastAPI(
        title="rootcause",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        docs_url=None,  # served by add_docs from the app's own assets, not from a CDN
        redoc_url=None,
    )
    add_docs(app)
    complete_openapi(app, ContactIn)
    app.state.settings = settings
    app.state.store = store
    app.state.holder = holder
    app.state.jobs = jobs
    app.state.metrics = metrics
    app.state.batcher = batcher
    app.state.limits = Limits(settings.key_rate, settings.key_burst, settings.auth_fail_rate, settings.auth_fail_burst)
    app.state.pseudonyms = Pseudonyms.from_settings(settings)
    for router in ROUTERS:
        app.include_router(router, prefix="/v1")
    add_workbench(app, workbench)

    @app.exception_handler(Overloaded)
    async def _overloaded(_: Request, err: Overloaded) -> JSONResponse:
        return JSONResponse({"detail": str(err)}, status_code=429, headers={"Retry-After": str(err.retry_after)})

    @app.exception_handler(BadInputError)
    async def _bad_input(request: Request, err: BadInputError) -> Response:
        if is_page(request):  # a workbench form: a page, not JSON (trial: a long name showed raw JSON)
            return await page(request, "error.html.j2", status=422, message=str(err))
        return JSONResponse({"detail": str(err)}, status_code=422)

    @app.exception_handler(NotFittedError)
    async def _not_fitted(_: Request, err: NotFittedError) -> JSONResponse:
        return JSONResponse({"detail": str(err)}, status_code=503)

    @app.exception_handler(RootcauseError)
    async def _rootcause(_: Request, err: RootcauseError) -> JSONResponse:
        return JSONResponse({"detail": str(err)}, status_code=400)

    @app.exception_handler(StoreError)
    async def _store_failed(request: Request, err: StoreError) -> JSONResponse:
        # the database's fault, not the request's: a 500 with an error id, like any other failure
        return error_response(log_failure(err, request.method, route_template(request.scope)))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException) -> Response:
        # FastAPI answers a body it cannot decode with "There was an error parsing the body"
        if err.status_code == 400 and isinstance(err.__cause__, UnicodeDecodeError):
            return JSONResponse({"detail": NOT_UTF8}, status_code=400)
        return await http_exception_handler(request, err)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, err: RequestValidationError) -> Response:
        # Say which field is wrong, but never echo the submitted value back (it may be personal data).
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in err.errors()]
        if is_page(request):
            return await page(request, "error.html.j2", status=422, message="; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in errors if e["loc"]))
        return JSONResponse({"detail": errors}, status_code=422)

    # Added last = outermost: metrics also count the 413s of the body limit; every answer,
    # a 413 or an error included, carries the security headers. Any other exception, from
    # a route or a middleware, is a 500 with an error id (`api.errors`), logged without data.
    app.add_middleware(JsonBodyMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes, timeout=settings.body_timeout)
    app.add_middleware(KeyFirstMiddleware)
    app.add_middleware(BusyMiddleware, batcher=batcher)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(CatchAllMiddleware)
    return app
