"""The API's documentation page, Swagger UI at `/docs`, from the app's own assets.

FastAPI's own pages load Swagger UI and ReDoc from a CDN: offline they are blank, and online
they run whatever the CDN serves. Here Swagger UI 5's files come from the `fastapi-offline`
package, and the page's start-up script is a file of ours too, so the page's
Content-Security-Policy allows scripts from this origin only. ReDoc is not served: its bundle
always fetches a logo from its vendor's CDN.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs/assets"
# Swagger UI sets inline styles and draws its icons from data: URIs.
DOCS_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)

# Relative URLs: the pages work behind a reverse proxy's path prefix too.
_SWAGGER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} – API</title>
<link rel="stylesheet" href="docs/assets/swagger-ui.css"><link rel="icon" href="docs/assets/favicon.png"></head>
<body><div id="swagger-ui"></div>
<script src="docs/assets/swagger-ui-bundle.js"></script><script src="docs/swagger-init.js"></script></body></html>
"""
_SWAGGER_INIT = """window.ui = SwaggerUIBundle({
  url: "openapi.json",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  layout: "BaseLayout",
  deepLinking: true,
  validatorUrl: null
});
"""
def add_docs(app: FastAPI) -> None:
    """Serve `/docs` and its assets (build the app with ``docs_url=None, redoc_url=None``)."""
    app.mount(ASSETS, StaticFiles(directory=str(files("fastapi_offline") / "static")), name="docs-assets")
    headers = {"Content-Security-Policy": DOCS_CSP}

    @app.get("/docs", include_in_schema=False)
    async def swagger_page() -> HTMLResponse:
        return HTMLResponse(_SWAGGER_PAGE.format(title=app.title), headers=headers)

    @app.get("/docs/swagger-init.js", include_in_schema=False)
    async def swagger_init() -> Response:
        return Response(_SWAGGER_INIT, media_type="text/javascript")


TOO_MANY = {
    "description": "Too many requests (this key's rate, failed sign-ins, or the classifier's queue full): "
    "wait the `Retry-After` header's seconds and send it again.",
    "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
}


def complete_openapi(app: FastAPI, *extra: type) -> None:
    """The description also holds the schemas that bodies name by hand (`ContactIn`, each item of
    an ingest batch) and the 429 that every route under /v1 may answer."""
    from fastapi.openapi.utils import get_openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes, tags=app.openapi_tags)
            schemas = spec.setdefault("components", {}).setdefault("schemas", {})
            for model in extra:
                found = model.model_json_schema(ref_template="#/components/schemas/{model}")
                schemas.update(found.pop("$defs", {}))
                schemas[model.__name__] = found
            for path, ops in spec.get("paths", {}).items():
                if path.startswith("/v1/"):
                    for op in ops.values():
                        op.setdefault("responses", {}).setdefault("429", TOO_MANY)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
