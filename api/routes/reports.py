"""The HTML report of the latest batch run (a refit, or the run that wrote the shipped model)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import FileResponse

from api.deps import HolderDep, ReadKey, StoreDep
from api.schemas import AUTH_RESPONSES

router = APIRouter(prefix="/reports", tags=["reports"], responses=AUTH_RESPONSES)

# The report is one self-contained page (inline CSS, SVG and a small script): it may run its own
# inline code, and load, fetch or send nothing.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def latest_report(store: StoreDep, holder: HolderDep) -> Path | None:
    mv = store.model_version()
    if mv is not None and mv.report_path and Path(mv.report_path).is_file():
        return Path(mv.report_path)
    # `rootcause analyze --out X` writes X/report.html next to X/model/.
    model_dir = holder.path or holder.default_dir
    for candidate in (model_dir.parent / "report.html", model_dir / "report.html"):
        if candidate.is_file():
            return candidate
    return None


@router.get(
    "/latest",
    summary="The latest HTML report",
    response_class=FileResponse,
    responses={200: {"content": {"text/html": {}}}, 404: {"description": "No report yet"}},
)
def report(_: ReadKey, store: StoreDep, holder: HolderDep) -> FileResponse:
    path = latest_report(store, holder)
    if path is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            detail="No report yet: run POST /v1/models/refit, or serve a model written by `rootcause analyze`.",
        )
    return FileResponse(path, media_type="text/html", headers={"Content-Security-Policy": REPORT_CSP})
