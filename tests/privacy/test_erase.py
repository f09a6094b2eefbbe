"""Erasure in output folders and through `rootcause erase` (the API's is in tests/api/test_api_erase.py)."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from rootcause import schema as S
from rootcause.cli import app
from rootcause.privacy import erase, output_folders, scrub_folder
from rootcause.review import Decision
from rootcause.store import Store

from handmade import catalogue

CATALOGUE = catalogue("billing", "logistics")
PHRASES = {"refund": ["refund not received", "still waiting for my refund", "refund promised never paid"],
           "parcel": ["parcel never delivered", "my parcel delivery is lost", "parcel tracking stuck"]}


@pytest.fixture(scope="module")
def analysed(tmp_path_factory) -> Path:
    """An `analyze` output folder: 30 contacts of customers C-0…C-4, and one rejected row."""
    from rootcause.pipeline import analyze, write_outputs

    d = tmp_path_factory.mktemp("run")
    rows = [{"ticket_id": "T-bad", "description": "", "customer": "C-0", "created_at": "2026-06-01"}]
    for i in range(30):
        topic = "refund" if i % 2 else "parcel"
        rows.append({"ticket_id": f"T{i:02d}Z", "description": f"{PHRASES[topic][i % 3]} case {i:02d} wombat{i:02d}z",
                     "customer": f"C-{i % 5}", "created_at": f"2026-06-{1 + i % 28:02d}"})
    with (d / "export.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    (d / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    result = analyze([d / "export.csv"], d / "deps.yaml", embedder="fake", seed=0, mapping={"customer_id": "customer"})
    write_outputs(result, d / "out")
    return d / "out"


@pytest.fixture
def out(analysed, tmp_path) -> Path:
    return Path(shutil.copytree(analysed, tmp_path / "out"))


def _texts_of(out: Path, customer: str) -> tuple[set[str], list[str]]:
    """A customer's contact ids and texts (their words alone may name a driver: labels are not personal)."""
    c = pl.read_parquet(out / "contacts.parquet").filter(pl.col(S.CUSTOMER_ID) == customer)
    return set(c[S.ID].to_list()), c[S.CLEAN_TEXT].to_list()


def _everything(out: Path) -> str:
    return "\n".join(
        str(pl.read_parquet(f).rows()) if f.suffix == ".parquet" else f.read_text(encoding="utf-8", errors="replace")
        for f in sorted(out.rglob("*")) if f.is_file() and f.suffix != ".joblib"
    )


def test_scrubbing_a_customer_takes_its_rows_exemplars_and_verbatims_out(out):
    drivers = pl.read_parquet(out / "drivers.parquet")
    exemplar = drivers["exemplar_ids"].to_list()[0][0]
    customer = pl.read_parquet(out / "contacts.parquet").filter(pl.col(S.ID) == exemplar)[S.CUSTOMER_ID][0]
    ids, words = _texts_of(out, customer)
    assert any(w in (out / "report.html").read_text(encoding="utf-8") for w in words)  # a verbatim of theirs is shown

    done = scrub_folder(out, customers=[customer])

    assert done.contacts == ids
    assert {"contacts.parquet", "contacts.csv", "drivers.parquet", "drivers.csv", "report.html"} <= set(done.files)
    left = _everything(out)
    for w in [*words, *ids]:
        assert w not in left, w
    assert pl.read_parquet(out / "contacts.parquet").height == 30 - len(ids)
    after = pl.read_parquet(out / "drivers.parquet")
    assert after["driver_id"].to_list() == drivers["driver_id"].to_list()  # drivers and counts stay
    assert after["size"].to_list() == drivers["size"].to_list()
    for ids_, texts in zip(after["exemplar_ids"].to_list(), after["exemplars"].to_list(), strict=True):
        assert len(ids_) == len(texts)  # ids and texts stay aligned
    csv_texts = json.loads(pl.read_csv(out / "drivers.csv")["exemplars"][0])
    assert csv_texts == after["exemplars"].to_list()[0]
    assert drivers["label"][0] in (out / "report.html").read_text(encoding="utf-8")  # the report is whole again


def test_scrubbing_a_customer_keeps_the_contacts_that_have_no_customer_id(out):
    contacts = pl.read_parquet(out / "contacts.parquet")
    anonymous = contacts.filter(pl.col(S.CUSTOMER_ID) != "C-1")[S.ID][0]
    contacts.with_columns(pl.when(pl.col(S.ID) == anonymous).then(None).otherwise(pl.col(S.CUSTOMER_ID)).alias(S.CUSTOMER_ID)).write_parquet(out / "contacts.parquet")
    ids, _ = _texts_of(out, "C-1")

    done = scrub_folder(out, customers=["C-1"])

    assert done.contacts == ids
    left = pl.read_parquet(out / "contacts.parquet")
    assert anonymous in left[S.ID].to_list()  # no customer id: nobody's, so kept
    assert left.height == 30 - len(ids)
    assert anonymous in pl.read_csv(out / "contacts.csv", infer_schema=False)[S.ID].to_list()


def test_scrubbing_a_contact_id_takes_its_rejected_row_out_and_nothing_else(out):
    before = (out / "contacts.parquet").read_bytes()
    done = scrub_folder(out, ids=["T-bad"])
    assert done.files == ["rejects.csv", "report.html"] and not done.contacts
    assert "T-bad" not in (out / "rejects.csv").read_text(encoding="utf-8")
    assert (out / "contacts.parquet").read_bytes() == before
    assert scrub_folder(out, ids=["T-nobody"]).files == []


def test_a_report_whose_tables_are_gone_is_deleted_rather_than_kept(out):
    (out / "weekly.csv").unlink()
    scrub_folder(out, ids=["T01Z"])
    assert not (out / "report.html").exists()


def test_output_folders_are_found_below_a_root(out, tmp_path):
    assert output_folders(tmp_path) == [out]
    assert output_folders(tmp_path / "missing") == []


def test_erase_covers_store_folders_decisions_and_cache(out, tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    store.migrate()
    now = datetime(2026, 6, 1)
    store.add_contacts([
        {"id": "T01Z", "text": "refund wombat01z", "reason_text": "refund wombat01z", "customer_id": "C-1", "order_id": "O-99"},
        {"id": "T02Z", "text": "parcel wombat02z", "reason_text": "parcel wombat02z", "customer_id": "C-2", "created_at": now},
    ])
    store.add_decision(Decision(action="rename", driver_id="D001", payload={"label": "Refunds (see O-99)"}, author="qa"))
    cache = tmp_path / "cache" / "embeddings" / "embeddings"
    cache.mkdir(parents=True)
    (cache / "fake-1.sqlite").write_bytes(b"vectors")

    done = erase(store, customers=["C-1"], folders=[tmp_path], cache_dir=tmp_path / "cache")

    assert (done.contacts, done.folders, done.decisions, done.cache_files) == (1, 1, 1, 1)
    assert store.get_contact("T01Z") is None and store.get_contact("T02Z") is not None
    assert store.decisions()[0].payload == {"label": "Refunds (see [erased])"}
    assert not list(cache.iterdir())
    job = store.get_job(done.job_id)
    assert job.kind == "erase" and job.status == "succeeded" and job.result["contacts"] == 1
    assert "C-1" not in json.dumps(job.result)


def test_erase_needs_an_id():
    from rootcause.errors import BadInputError

    with pytest.raises(BadInputError, match="Nothing to erase"):
        erase(None)
    with pytest.raises(BadInputError, match="empty customer id"):
        erase(None, customers=[" "])


def test_cli_erase_cleans_out_folders_without_a_database(out, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default database, sqlite:///rootcause.db, does not exist here
    ids, words = _texts_of(out, "C-3")
    r = CliRunner().invoke(app, ["erase", "--customer", "C-3", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "Erased 0 contacts from no store" in r.output and "cleaned 1 output folders" in r.output
    assert "C-3" not in r.output
    assert not (tmp_path / "rootcause.db").exists()  # erasing creates no database
    left = _everything(out)
    assert not any(w in left for w in [*words, *ids])


def test_cli_erase_uses_the_database_and_data_folder(out, tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    store = Store(url)
    store.migrate()
    store.add_contacts([{"id": "T04Z", "text": "x", "reason_text": "x", "customer_id": "C-4"}])
    r = CliRunner().invoke(app, ["erase", "--contact", "T04Z", "--database-url", url, "--data", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert "Erased 1 contacts from the store" in r.output and "Recorded as job" in r.output
    assert store.get_contact("T04Z") is None
    assert "T04Z" not in pl.read_parquet(out / "contacts.parquet")[S.ID].to_list()


def test_cli_erase_without_an_id_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(app, ["erase"])
    assert r.exit_code == 2 and "Nothing to erase" in r.output
