"""Trial finding C on the CLI: a rename's label in a decisions file is redacted before it is shown
(drivers.csv, report.html), as a fix's description is; the catalogue's names are kept."""

from __future__ import annotations

from test_cli_decisions import _analyze, _drivers


def test_a_rename_label_in_a_decisions_file_is_redacted_in_the_outputs(tmp_path):
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(
        "- {id: 1, action: rename, driver_id: D001, payload: {label: 'Refund for jean.dupont@example.fr, call 06 12 34 56 78'}}\n",
        encoding="utf-8",
    )
    _, said = _analyze(tmp_path, "run", "--decisions", str(decisions))
    assert "Review decisions: 1 of 1 applied." in said
    label = _drivers(tmp_path / "run")["D001"]["label"]
    assert label.startswith("Refund for [EMAIL]") and "[PHONE]" in label, label
    for name in ("drivers.csv", "report.html", "summary.json"):
        text = (tmp_path / "run" / name).read_text(encoding="utf-8")
        assert "jean.dupont" not in text and "06 12 34 56 78" not in text, name
