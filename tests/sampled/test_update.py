"""`rootcause update`: a former run brought up to date with a new export, without refitting.

A 12-week export written by hand (three reasons all along, a fourth only in weeks 9–12) is
fitted on weeks 1–8 with `analyze`, then updated with weeks 9–12, with the real reader,
cleaning, redaction, discovery, labels and writers and the fake embedder.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from rootcause import schema as S
from rootcause.cli import app
from rootcause.errors import BadInputError
from rootcause.model import load_model
from rootcause.pipeline import analyze, write_outputs
from rootcause.sampled.update import update
from rootcause.settings import get_settings

from handmade import NEW, TOPICS, catalogue

CATALOGUE = catalogue()
FIELDS = ["ticket_id", "created_at", "channel", "description", "requester_id"]
START = datetime(2026, 1, 5)  # a Monday
REPLAYED = 3  # rows of weeks 1–8 exported again with weeks 9–12


def make_exports(folder: Path) -> dict[str, str]:
    """Write weeks01-08.csv and weeks09-12.csv (the latter repeats `REPLAYED` rows of the
    former, re-exported with a new text); return the gold reason of every contact id."""
    rng = random.Random(0)
    phrases = [(topic, p) for topic, ps in TOPICS.items() for p in ps]
    old, new, gold = [], [], {}
    for i in range(300):
        day = rng.randrange(84)
        topic, text = rng.choice(phrases)
        if day >= 56 and rng.random() < 0.35:
            topic, text = "new", rng.choice(NEW)
        row = {
            "ticket_id": f"T-{i}",
            "created_at": (START + timedelta(days=day, minutes=rng.randrange(1440))).isoformat(),
            "channel": rng.choice(["email", "chat"]),
            "description": text + rng.choice(["", " please help", " thanks", " this is annoying"]),
            "requester_id": f"C-{i % 53}",
        }
        (new if day >= 56 else old).append(row)
        gold[row["ticket_id"]] = topic
    for row in old[:REPLAYED]:
        new.append({**row, "description": row["description"] + " (sent again)"})
    for name, rows in (("weeks01-08.csv", old), ("weeks09-12.csv", new)):
        with (folder / name).open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=FIELDS)
            w.writeheader()
            w.writerows(rows)
    return gold


class Recorder:
    """Counts what the update cleans and embeds: every text handed to the embedder backend,
    every contact handed to cleaning."""

    def __init__(self) -> None:
        self.embedded: list[str] = []
        self.prepared: list[str] = []
        self.contacts = 0  # contacts whose vectors were computed (`embed.views.contact_vectors`)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    d = tmp_path_factory.mktemp("update")
    gold = make_exports(d)
    (d / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    first = analyze([d / "weeks01-08.csv"], d / "deps.yaml", embedder="fake", seed=0, out_dir=d / "run1")
    write_outputs(first, d / "run1")
    seen = Recorder()
    with pytest.MonkeyPatch.context() as mp:
        _record(mp, seen, d / "fresh-cache")
        result = update(d / "run1" / "model", [d / "weeks09-12.csv"], d / "deps.yaml", d / "run2", chunk_rows=40)
        write_outputs(result, d / "run2")
        result.contact_parts.remove()
    get_settings.cache_clear()
    return d, gold, first, result, seen


def _record(mp: pytest.MonkeyPatch, seen: Recorder, cache: Path) -> None:
    """Send every text the run embeds to `seen` (a fresh cache: nothing is served from an
    earlier run) and every contact it cleans (in this process)."""
    import rootcause.embed as embed
    import rootcause.embed.views as views
    import rootcause.sampled.workers as workers

    mp.setenv("ROOTCAUSE_CACHE_DIR", str(cache))
    mp.setenv("ROOTCAUSE_PREPARE_WORKERS", "1")
    get_settings.cache_clear()
    real_get, real_prepare, real_vectors = embed.get_embedder, workers.prepare_texts, views.contact_vectors

    def get_embedder(name, **kwargs):
        backend = real_get(name, **kwargs)
        encode = backend.encode

        def counted(texts, *args, **kw):
            seen.embedded.extend(texts)
            return encode(texts, *args, **kw)

        backend.encode = counted
        return backend

    def prepare_texts(texts, *args, **kw):
        seen.prepared.extend(texts)
        return real_prepare(texts, *args, **kw)

    def contact_vectors(encoder, reasons, *args, **kw):
        seen.contacts += len(reasons)
        return real_vectors(encoder, reasons, *args, **kw)

    mp.setattr(embed, "get_embedder", get_embedder)
    mp.setattr(views, "contact_vectors", contact_vectors)
    mp.setattr(workers, "prepare_texts", prepare_texts)


def _contacts(folder: Path) -> pl.DataFrame:
    return pl.read_parquet(folder / "contacts.parquet")


def test_every_former_driver_keeps_its_id_and_name(runs):
    d, _, first, result, _ = runs
    before = dict(first.drivers.select(S.DRIVER_ID, "label").iter_rows())
    after = dict(result.drivers.select(S.DRIVER_ID, "label").iter_rows())
    assert {i: after.get(i) for i in before} == before
    saved = {dr.driver_id: dr.label for dr in load_model(d / "run2" / "model").drivers}
    assert {i: saved[i] for i in before} == before


def test_the_reason_of_the_last_weeks_is_a_new_driver_flagged_emerging(runs):
    d, gold, first, result, _ = runs
    new_ids = result.meta["update"]["new_drivers"]
    assert new_ids and not set(new_ids) & set(first.drivers[S.DRIVER_ID])
    contacts = _contacts(d / "run2").with_columns(pl.col(S.ID).replace_strict(gold).alias("gold"))
    held = contacts.filter(pl.col("gold") == "new")
    found = contacts.filter(pl.col(S.DRIVER_ID).is_in(new_ids)).group_by(S.DRIVER_ID).agg(
        (pl.col("gold") == "new").mean().alias("precision"), (pl.col("gold") == "new").sum().alias("hits")
    )
    theirs = found.filter(pl.col("precision") >= 0.5)  # the new drivers made mostly of the new reason
    assert theirs["precision"].min() >= 0.8
    assert theirs["hits"].sum() >= 0.8 * held.height
    flags = dict(result.drivers.select(S.DRIVER_ID, "emerging").iter_rows())
    assert all(flags[i] for i in theirs[S.DRIVER_ID])
    # the former reasons made no new driver
    assert found.filter(pl.col("precision") < 0.5).height == 0


def test_new_ids_follow_every_id_the_model_used(runs):
    _, _, first, result, _ = runs
    numbers = [int(i[1:].split(".")[0]) for i in first.drivers[S.DRIVER_ID]]
    for i in result.meta["update"]["new_drivers"]:
        assert int(i[1:]) > max(numbers)


def test_only_the_new_contacts_are_cleaned_and_embedded(runs):
    d, _, _, result, seen = runs
    new_texts = pl.read_csv(d / "weeks09-12.csv")["description"].to_list()
    assert sorted(seen.prepared) == sorted(new_texts)
    former = set(_contacts(d / "run1")[S.REASON_TEXT].to_list())
    new_reasons = set(_contacts(d / "run2").filter(pl.col(S.ID).is_in(pl.read_csv(d / "weeks09-12.csv")["ticket_id"].to_list()))[S.REASON_TEXT])
    assert seen.embedded, "the recorder saw nothing"
    assert new_reasons <= set(seen.embedded)  # it sees what the run embeds…
    assert not (former - new_reasons) & set(seen.embedded)  # …and no former contact
    assert result.meta["update"]["new_contacts"] == seen.contacts == len(new_texts)


def test_a_re_exported_contact_is_counted_once_with_its_new_row(runs):
    d, _, first, result, _ = runs
    old, new = _contacts(d / "run1"), _contacts(d / "run2")
    assert new[S.ID].n_unique() == new.height
    assert new.height == old.height + pl.read_csv(d / "weeks09-12.csv").height - REPLAYED
    assert result.meta["update"]["replaced_contacts"] == REPLAYED
    replayed = new.filter(pl.col(S.ID).is_in(old[S.ID].head(100).to_list()) & pl.col(S.REASON_TEXT).str.contains("sent again"))
    assert replayed.height == REPLAYED


def test_a_re_exported_contact_keeps_its_date_however_far_before_the_new_weeks(runs, tmp_path):
    """An analyst trial: tickets of the former weeks exported again with a follow-up lost their
    dates as outliers of the new export's own weeks."""
    d, *_ = runs
    rows = list(csv.DictReader((d / "weeks09-12.csv").open(encoding="utf-8")))
    oldest = min(csv.DictReader((d / "weeks01-08.csv").open(encoding="utf-8")), key=lambda r: r["created_at"])
    with (tmp_path / "next.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS)
        w.writeheader()
        w.writerows([*rows, {**oldest, "description": oldest["description"] + " (sent again)"}])
    again = update(d / "run1" / "model", [tmp_path / "next.csv"], d / "deps.yaml", tmp_path / "run")
    dated = dict(again.contacts.select(S.ID, S.CREATED_AT).iter_rows())
    assert dated[oldest["ticket_id"]] == datetime.fromisoformat(oldest["created_at"])
    again.contact_parts.remove()


def test_trends_cover_the_former_and_the_new_weeks(runs):
    d, _, _, result, _ = runs
    weekly = pl.read_csv(d / "run2" / "weekly.csv", try_parse_dates=True)
    assert weekly["week"].n_unique() >= 12
    summary = json.loads((d / "run2" / "summary.json").read_text(encoding="utf-8"))
    assert summary["fit"]["mode"] == "update"
    assert summary["update"]["former_contacts"] + summary["update"]["new_contacts"] == _contacts(d / "run2").height
    assert (d / "run2" / "report.html").is_file() and (d / "run2" / "review_queue.csv").is_file()
    assert not (d / "run2" / ".rootcause-parts").exists()


def test_an_update_of_an_update_keeps_every_id(runs, tmp_path):
    d, _, _, result, _ = runs
    again = update(d / "run2" / "model", [d / "weeks09-12.csv"], d / "deps.yaml", tmp_path / "run3")
    before = dict(result.drivers.select(S.DRIVER_ID, "label").iter_rows())
    after = dict(again.drivers.select(S.DRIVER_ID, "label").iter_rows())
    assert {i: after.get(i) for i in before} == before
    assert again.meta["update"]["replaced_contacts"] == pl.read_csv(d / "weeks09-12.csv").height
    assert len(again.model.meta["updates"]) == 2
    again.contact_parts.remove()


def test_review_decisions_are_kept_and_new_ones_replayed(runs, tmp_path):
    d, _, first, _, _ = runs
    target, absorbed, into = first.drivers[S.DRIVER_ID][:3]
    trail = tmp_path / "decisions.yaml"
    trail.write_text(
        f"- action: rename\n  driver_id: {target}\n  payload: {{label: Refunds we owe}}\n"
        f"- action: merge\n  driver_id: {absorbed}\n  payload: {{into: {into}}}\n",
        encoding="utf-8",
    )
    renamed = update(d / "run1" / "model", [d / "weeks09-12.csv"], d / "deps.yaml", tmp_path / "r", decisions=trail)
    write_outputs(renamed, tmp_path / "r")
    renamed.contact_parts.remove()
    row = renamed.drivers.filter(pl.col(S.DRIVER_ID) == target).row(0, named=True)
    assert (row["label"], row["reviewed"], row["review"]) == ("Refunds we owe", True, ["rename"])
    # a merge: the absorbed driver's former and new contacts count under the driver that absorbed it
    assert absorbed not in renamed.drivers[S.DRIVER_ID].to_list()
    assert renamed.drivers.filter(pl.col(S.DRIVER_ID) == into)["merged_ids"].item().to_list() == [absorbed]
    assert absorbed not in _contacts(tmp_path / "r")[S.DRIVER_ID].to_list()
    assert renamed.meta["decisions"]["applied"] == 2
    # the renamed model, updated again without the trail, keeps the name
    kept = update(tmp_path / "r" / "model", [d / "weeks09-12.csv"], d / "deps.yaml", tmp_path / "r2")
    kept.contact_parts.remove()
    assert kept.drivers.filter(pl.col(S.DRIVER_ID) == target)["label"].item() == "Refunds we owe"


def test_bad_starts_are_refused_with_the_fix(runs, tmp_path):
    d, _, _, _, _ = runs
    with pytest.raises(BadInputError, match="former run's folder"):
        update(d / "run1" / "model", [d / "weeks09-12.csv"], d / "deps.yaml", d / "run1")
    other = tmp_path / "deps.yaml"
    other.write_text(CATALOGUE.replace("id: apps", "id: mobile"), encoding="utf-8")
    with pytest.raises(BadInputError, match="not the catalogue the model was fitted with"):
        update(d / "run1" / "model", [d / "weeks09-12.csv"], other, tmp_path / "x")
    lone = load_model(d / "run1" / "model").save(tmp_path / "lone" / "model")
    with pytest.raises(BadInputError, match="contacts.parquet"):
        update(lone, [d / "weeks09-12.csv"], d / "deps.yaml", tmp_path / "y")


def test_the_command_line(runs, tmp_path):
    d, _, _, _, _ = runs
    res = CliRunner().invoke(
        app,
        ["update", str(d / "weeks09-12.csv"), "--model", str(d / "run1" / "model"), "-d", str(d / "deps.yaml"),
         "--out", str(tmp_path / "cli"), "--quiet"],  # fmt: skip
    )
    assert res.exit_code == 0, res.output
    assert "Report:" in res.output and (tmp_path / "cli" / "report.html").is_file()
    res = CliRunner().invoke(
        app, ["update", str(d / "weeks09-12.csv"), "--model", str(d / "run1" / "model"), "-d", str(d / "deps.yaml"), "--out", str(d / "run1")]
    )
    assert res.exit_code == 2 and "former run's folder" in res.output


def test_volumes_and_fixes_cover_the_former_and_the_new_weeks(runs, tmp_path):
    d, _, first, _, _ = runs
    weeks = pl.date_range(START, START + timedelta(weeks=11), interval="1w", eager=True)
    (tmp_path / "volumes.csv").write_text("week,orders\n" + "".join(f"{w},1000\n" for w in weeks.to_list()), encoding="utf-8")
    driver = first.drivers.sort("size", descending=True)["driver_id"][0]
    fix_day = (START + timedelta(weeks=6)).date()
    (tmp_path / "fixes.csv").write_text(
        f"driver_id,date,description,department,link,author\n{driver},{fix_day},Refunds paid at once,billing,,qa\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    res = CliRunner().invoke(
        app,
        ["update", str(d / "weeks09-12.csv"), "--model", str(d / "run1" / "model"), "-d", str(d / "deps.yaml"),
         "--volumes", str(tmp_path / "volumes.csv"), "--fixes", str(tmp_path / "fixes.csv"), "--out", str(out)],  # fmt: skip
    )
    assert res.exit_code == 0, res.output
    assert f"Fix on {driver}: " in res.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    n = summary["contact_rates"]["contacts"]
    assert n == summary["update"]["former_contacts"] + summary["update"]["new_contacts"] == 300  # replaced rows counted once
    assert summary["contact_rates"]["uncovered_contacts"] == 0
    drivers = pl.read_csv(out / "drivers.csv")
    periods = summary["contact_rates"]["periods"]  # 1,000 orders a week: a driver's rate is its contacts per week
    assert drivers["per_1000_orders"].to_list() == pytest.approx((drivers["size"] / periods).to_list())
    row = drivers.filter(pl.col("driver_id") == driver).row(0, named=True)
    assert row["fix_date"] == str(fix_day) and row["fix_contacts_before"] > 0 and row["fix_contacts_after"] > 0


# ------------------------------------------------------------------ the real embedder

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from update import SAMPLES, held_out_weeks  # noqa: E402  (bench/update.py: the same scenario, every rank)


@pytest.mark.integration
def test_the_sample_s_largest_reason_held_back_to_the_last_weeks_is_found_by_an_update(tmp_path):
    """The done-when of issue 17's incremental runs, with the real packaged embedder: the
    sample's largest gold reason, dated in weeks 9–12 only (`bench/update.py --ranks 0`)."""
    held, gold = held_out_weeks(tmp_path, rank=0, seed=0)
    first = analyze([tmp_path / "weeks01-08.csv"], SAMPLES / "departments.yaml", seed=0, out_dir=tmp_path / "run1")
    write_outputs(first, tmp_path / "run1")
    seen = Recorder()
    with pytest.MonkeyPatch.context() as mp:
        _record(mp, seen, tmp_path / "fresh-cache")
        result = update(tmp_path / "run1" / "model", [tmp_path / "weeks09-12.csv"], SAMPLES / "departments.yaml", tmp_path / "run2")
        write_outputs(result, tmp_path / "run2")
        result.contact_parts.remove()
    get_settings.cache_clear()
    # every driver of the first fit keeps its id and name
    before = dict(first.drivers.select(S.DRIVER_ID, "label").iter_rows())
    after = dict(result.drivers.select(S.DRIVER_ID, "label").iter_rows())
    assert {i: after.get(i) for i in before} == before
    # the held-back reason is a new driver, flagged emerging
    new_ids = result.meta["update"]["new_drivers"]
    contacts = _contacts(tmp_path / "run2").with_columns(pl.col(S.ID).replace_strict(gold, default="").alias("gold"))
    found = contacts.filter(pl.col(S.DRIVER_ID).is_in(new_ids)).group_by(S.DRIVER_ID).agg(
        (pl.col("gold") == held).mean().alias("precision"), (pl.col("gold") == held).sum().alias("hits")
    )
    theirs = found.filter(pl.col("precision") >= 0.5)
    assert theirs.height, f"no new driver is mostly {held}: {found.rows()}"
    flags = dict(result.drivers.select(S.DRIVER_ID, "emerging").iter_rows())
    assert all(flags[i] for i in theirs[S.DRIVER_ID])
    assert theirs["hits"].sum() >= contacts.filter(pl.col("gold") == held).height / 3
    # only the new contacts were cleaned and embedded
    n_new = result.meta["update"]["new_contacts"]
    assert seen.contacts == n_new == pl.read_csv(tmp_path / "weeks09-12.csv", infer_schema=False).height - result.meta["n_rejected"]
    assert len(seen.prepared) == n_new  # rejected rows are never cleaned
