"""The review queue: the questions whose answers change most, asked first."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import HolderDep, ModelDep, ReadKey, StoreDep
from api.schemas import AUTH_RESPONSES, MODEL_RESPONSES, QuestionPublic, ReviewQueuePublic
from rootcause.store.views import live_review_queue

router = APIRouter(tags=["review"], responses={**AUTH_RESPONSES, **MODEL_RESPONSES})


@router.get("/review/queue", response_model=ReviewQueuePublic, summary="The review questions, those whose answers change most first")
def review_queue(
    _: ReadKey,
    store: StoreDep,
    model: ModelDep,
    holder: HolderDep,
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many questions.")] = 20,
    skip: Annotated[list[str] | None, Query(max_length=500, description="Keys of questions already declined (repeatable).")] = None,
    language: Annotated[Literal["en", "fr"], Query(description="Language of each question's reason.")] = "en",
) -> ReviewQueuePublic:
    """Owner, merge, split and group questions about the live model (review decisions applied), ranked
    by the contacts an answer may put right. An answered owner question leaves the queue (the driver is
    reviewed), and so does a split or group question once a split of its driver is decided (applied at
    the next refit); a declined merge, split or group stays unless its key is passed in `skip`."""
    questions = live_review_queue(store, model, skip=skip or (), limit=limit, language=language)
    return ReviewQueuePublic(model_version=holder.version_id, questions=[QuestionPublic(**q.to_dict()) for q in questions])
