"""The driver model in use, refits as background jobs, and job status."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response, status

from api.deps import AdminKey, HolderDep, JobsDep, KeyDep, ModelDep, StoreDep
from api.schemas import AUTH_RESPONSES, MODEL_RESPONSES, JobPublic, ModelPublic
from rootcause.store import Job

router = APIRouter(tags=["models"], responses={**AUTH_RESPONSES, **MODEL_RESPONSES})


def _job(j: Job) -> JobPublic:
    return JobPublic(**j.__dict__)


@router.get("/models/current", response_model=ModelPublic, summary="The driver model in use")
def current_model(_: KeyDep, model: ModelDep, holder: HolderDep, store: StoreDep) -> ModelPublic:
    mv = store.model_version(holder.version_id) if holder.version_id else None
    replay = holder.replay
    return ModelPublic(
        model_version=holder.version_id,
        embedder=model.embedder_name,
        drivers=len(model.drivers) - len(model.aliases),
        merged=len(model.aliases),
        decisions_applied=int(model.meta.get("decisions_applied", 0)),
        decisions_undone=sum(s.state == "undone" for s in replay.states) if replay is not None else 0,
        decisions_stale=len(replay.stale) if replay is not None else 0,
        created_at=mv.created_at if mv else None,
    )


@router.post(
    "/models/refit",
    response_model=JobPublic,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Refit the driver model from the stored contacts (background job)",
    description="Returns the job at once; poll GET /v1/jobs/{job_id}. The new model replaces the old one "
    "without dropping requests, keeps driver ids where drivers persist and keeps the review decisions. "
    "While a refit runs, a second call returns the running job with 200.",
    responses={200: {"model": JobPublic, "description": "A refit is already running"}},
)
def refit(key: AdminKey, jobs: JobsDep, response: Response) -> JobPublic:
    job, started = jobs.start_refit(key.name)
    if not started:
        response.status_code = status.HTTP_200_OK
    return _job(job)


@router.get(
    "/jobs/{job_id}",
    response_model=JobPublic,
    summary="Status of a background job",
    responses={404: {"description": "No such job"}},
)
def get_job(job_id: str, _: AdminKey, store: StoreDep) -> JobPublic:
    job = store.get_job(job_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"No job {job_id!r}.")
    return _job(job)
