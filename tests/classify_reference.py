"""The bundled sample classified by `models/default`: driver, owner and confidence per contact."""

from __future__ import annotations

from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "data" / "classify_reference.csv"
COLUMNS = ["id", "driver_id", "owner_department", "confidence"]


def classify_samples() -> pl.DataFrame:
    """Every sample contact (e-mails, chats, forms and call transcripts), classified as the API
    does (`names=False`: no name detection when nothing is stored), in groups of 8 as the
    micro-batcher makes them."""
    from rootcause.ingest import read_contacts
    from rootcause.model.driver_model import DriverModel

    model = DriverModel.load(ROOT / "models" / "default")
    contacts = read_contacts([ROOT / "data" / "samples" / "contacts.csv", ROOT / "data" / "samples" / "transcripts.ndjson"]).contacts
    texts, ids, subjects = contacts["text"].to_list(), contacts["id"].to_list(), contacts["subject"].to_list()
    frames = [
        model.classify(texts[i : i + 8], ids=ids[i : i + 8], subjects=subjects[i : i + 8], names=False)
        for i in range(0, len(texts), 8)
    ]
    return pl.concat(frames).select(COLUMNS)
