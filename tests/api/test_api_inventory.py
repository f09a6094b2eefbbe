"""OWASP API9 (inventory): the README's route table and the routes served are the same."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
TABLE_HEAD = "| route (under `/v1`) | scope | what |"
DOCS = {"/openapi.json", "/docs", "/docs/swagger-init.js", "/docs/assets"}
WORKBENCH_HEAD = "| workbench page or form | role | what |"


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def _readme_routes() -> set[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index(TABLE_HEAD) :].split("\n\n", 1)[0]
    routes: set[tuple[str, str]] = set()
    for line in table.splitlines()[2:]:
        cell = line.split("|")[1]
        routes |= {(m, _shape("/v1" + p)) for m, p in re.findall(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`\s]*)`", cell)}
    return routes


def _readme_workbench() -> set[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index(WORKBENCH_HEAD) :].split("\n\n", 1)[0]
    routes: set[tuple[str, str]] = set()
    for line in table.splitlines()[2:]:
        cell = line.split("|")[1]
        routes |= {(m, _shape(p)) for m, p in re.findall(r"`(GET|POST) (/workbench/[^`\s]*)`", cell)}
    return routes


def test_every_route_is_in_the_readme_and_nothing_else_is_served(app, client):
    spec = client.get("/openapi.json").json()["paths"]
    served = {(m.upper(), _shape(p)) for p, ops in spec.items() for m in ops}
    assert served == _readme_routes()
    # outside the API's description: the docs' own page, script, assets and the description,
    # and the workbench's pages and forms, each in the README's workbench table
    others = {r.path for r in app.routes if hasattr(r, "path") and not r.path.startswith(("/v1/", "/workbench/"))}
    assert others == DOCS
    from api.workbench import actions, pages

    workbench = {(m, _shape(r.path)) for router in (pages.router, actions.router) for r in router.routes for m in r.methods}
    assert workbench == _readme_workbench()
    assert all(client.get(p).status_code != 404 for p in ("/workbench/login", "/workbench/static/workbench.css"))
