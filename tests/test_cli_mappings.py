"""Issue 18: `rootcause analyze` on a French and an English export with different headers, in
one run, with a mapping per file; a bad date keeps its contact, undated, listed in warnings.csv."""

from __future__ import annotations

import json
import random
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from rootcause.cli import app
from test_pipeline import CATALOGUE, TOPICS

FR_TOPICS = {
    "refund": ["remboursement jamais reçu", "j'attends toujours mon remboursement", "où est mon remboursement"],
    "outage": ["panne internet à la maison", "plus d'internet depuis lundi, panne", "internet coupé encore une panne"],
    "parcel": ["colis jamais livré", "ma livraison de colis est perdue", "suivi du colis bloqué, livraison"],
}


def _exports(d: Path) -> tuple[Path, Path]:
    rng = random.Random(1)
    fr_rows = ["N° ticket;Date de création;Canal;N° client;Objet;Message"]
    for i in range(18):
        topic = list(FR_TOPICS)[i % 3]
        date = "31/02/2026 10h00" if i == 4 else f"{1 + i:02d}/06/2026 09h{i:02d}"
        fr_rows.append(f"FR-{i};{date};Courriel;C-{i % 5};;{rng.choice(FR_TOPICS[topic])}")
    en_rows = ["Case Number,Logged on,Origin,Customer No,Customer words,Internal note"]
    for i in range(18):
        topic = list(TOPICS)[i % 3]
        en_rows.append(f"EN-{i},2026-06-{1 + i:02d}T10:00:00Z,Web,C-{i % 5},{rng.choice(TOPICS[topic])},agent wrote this")
    fr, en = d / "export_fr.csv", d / "export_en.csv"
    fr.write_text("\n".join(fr_rows) + "\n", encoding="utf-8")
    en.write_text("\n".join(en_rows) + "\n", encoding="utf-8")
    return fr, en


def _analyze(tmp_path, files, *maps: str):
    """`rootcause analyze FILES --map MAP…` with the fake embedder, quiet; its result and its output folder."""
    (tmp_path / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    out = tmp_path / "out"
    args = ["analyze", *map(str, files), "-d", str(tmp_path / "deps.yaml"), "-o", str(out), "--embedder", "fake", "--quiet"]
    for m in maps:
        args += ["--map", m]
    return CliRunner().invoke(app, args), out


def test_a_french_and_an_english_export_analysed_in_one_run_with_per_file_mappings(tmp_path):
    fr, en = _exports(tmp_path)
    r, out = _analyze(tmp_path, [fr, en], "export_en.csv:text=Customer words", "export_en.csv:created_at=Logged on")
    assert r.exit_code == 0, r.output
    contacts = pl.read_csv(out / "contacts.csv", infer_schema_length=0)
    assert contacts.height == 36  # nothing rejected: the bad date is kept
    assert {i[:2] for i in contacts["id"]} == {"FR", "EN"}
    undated = contacts.filter(pl.col("created_at").is_null())["id"].to_list()
    assert undated == ["FR-4"]  # the French "Date de création" was found without a mapping
    assert "agent wrote this" not in (out / "contacts.csv").read_text(encoding="utf-8")
    # the bad date: a warning beside rejects.csv, naming the row, never the value
    assert not (out / "rejects.csv").exists()
    warned = pl.read_csv(out / "warnings.csv", infer_schema_length=0)
    assert warned.columns == ["source_file", "source_row", "field", "reason", "fix"]
    assert warned.rows() == [(str(fr), "5", "created_at", warned["reason"][0], warned["fix"][0])]
    assert "31/02" not in (out / "warnings.csv").read_text(encoding="utf-8")
    said = " ".join(r.output.split())
    assert "1 date could not be read: that contact is kept, undated" in said
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["n_rejected"] == 0 and summary["n_undated"] == 1 and summary["n_warnings"] == 1


def test_an_export_without_a_date_column_says_so(tmp_path):
    fr, en = _exports(tmp_path)
    # "Logged on" is no usual date header: without its mapping the English file is undated
    r, out = _analyze(tmp_path, [fr, en], "export_en.csv:text=Customer words")
    assert r.exit_code == 0, r.output
    said = "".join(r.output.split())  # the terminal may wrap anywhere in a long path
    assert f"{en}hasnodatecolumn" in said and "noweeklytrend" in said
    assert f"--map{en}:created_at=COLUMN" in said
    assert f"{fr}hasnodatecolumn" not in said
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["n_undated"] == 19  # the 18 English contacts and the French bad date


def test_a_mapping_file_on_the_command_line(tmp_path):
    fr, en = _exports(tmp_path)
    spec = tmp_path / "columns.json"
    spec.write_text(json.dumps({"export_en.csv": {"text": "Customer words", "created_at": "Logged on"}}), encoding="utf-8")
    r, out = _analyze(tmp_path, [fr, en], str(spec))
    assert r.exit_code == 0, r.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["n_accepted"] == 36 and summary["n_undated"] == 1


def test_a_per_file_mapping_for_a_file_not_given_is_a_clear_error(tmp_path):
    fr, en = _exports(tmp_path)
    r, _ = _analyze(tmp_path, [fr, en], "export_de.csv:text=Nachricht")
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "'export_de.csv', which is not one of the input files" in " ".join(r.output.split())


def test_a_run_without_any_date_says_the_report_has_no_trends(tmp_path):
    _, en = _exports(tmp_path)
    rows = en.read_text(encoding="utf-8").splitlines()
    en.write_text("\n".join(rows + [r.replace("EN-", "EN2-") for r in rows[1:]]) + "\n", encoding="utf-8")  # 36 contacts
    r, _ = _analyze(tmp_path, [en], "text=Customer words")
    assert r.exit_code == 0, r.output
    said = " ".join(r.output.split())
    assert "No contact has a date: the report has no weekly trends, growth or emerging drivers." in said


def test_a_column_read_as_reason_codes_is_said_aloud_and_can_be_left_out(tmp_path):
    """Trial finding (session 17): an export's `reason` column (labels meant for scoring) was
    read as the agents' reason codes without a word; the run now says which column became what,
    and `--map reason_code=-` reads the field from no column."""
    fr, _ = _exports(tmp_path)
    frame = pl.read_csv(fr, separator=";", infer_schema_length=0)
    frame = pl.concat([frame, frame.with_columns(pl.col("N° ticket") + "b")])  # 36 contacts: enough to analyse
    labelled = tmp_path / "labelled.csv"
    frame.with_columns(pl.Series("Motif", ["remboursement_non_recu", "panne_internet", "colis_perdu"] * 12)).write_csv(labelled)
    (tmp_path / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    base = ["analyze", str(labelled), "-d", str(tmp_path / "deps.yaml"), "--embedder", "fake"]
    r = CliRunner().invoke(app, [*base, "-o", str(tmp_path / "codes")])
    assert r.exit_code == 0, r.output
    assert "columns read:" in r.output and "reason_code <- 'Motif'" in r.output
    assert "column 'Motif' is read as the agents' reason codes" in r.output and "--map reason_code=-" in r.output
    drivers = pl.read_csv(tmp_path / "codes" / "drivers.csv", infer_schema_length=0)
    assert "remboursement non recu" in drivers["label"].to_list()  # a code as words, not an identifier
    r = CliRunner().invoke(app, [*base, "-o", str(tmp_path / "plain"), "--map", "reason_code=-"])
    assert r.exit_code == 0, r.output
    assert "reason_code" not in r.output.split("columns read:")[1].splitlines()[0]
    drivers = pl.read_csv(tmp_path / "plain" / "drivers.csv", infer_schema_length=0)
    assert not {"remboursement non recu", "panne internet", "colis perdu"} & set(drivers["label"].to_list())


def test_a_constant_gives_every_row_of_a_file_a_channel():
    """An analyst trial: a JSON export of call transcripts has no channel column, and nothing could
    say "these are phone calls"; the report showed their channel as "?"."""
    import json
    import tempfile
    from pathlib import Path

    from rootcause.ingest import ExportStream, read_contacts
    from rootcause.ingest.mapping import parse_map_options

    with tempfile.TemporaryDirectory() as d:
        calls = Path(d) / "calls.json"
        calls.write_text(json.dumps([{"call_uuid": f"C{i}", "transcript": "Client : ma box est en panne"} for i in range(3)]), encoding="utf-8")
        maps = parse_map_options([f"{calls}:channel==phone", f"{calls}:id=call_uuid", f"{calls}:text=transcript"])
        assert read_contacts([calls], file_mappings=maps.per_file).contacts["channel"].to_list() == ["phone"] * 3
        streamed = list(ExportStream([calls], file_mappings=maps.per_file, chunk_rows=2))
        assert [c for f in streamed for c in f["channel"].to_list()] == ["phone"] * 3
