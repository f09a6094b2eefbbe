"""A small hand-made AnalysisResult for report tests (no model, no pipeline)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import polars as pl
import pytest

from rootcause import schema
from rootcause.result import AnalysisResult

DEPARTMENTS = [
    ("billing", "Facturation & Recouvrement"),
    ("network", "Réseau & Infrastructure"),
    ("field_ops", "Interventions & Raccordement"),
    ("logistics", "Logistique & Livraison"),
    ("legal", "Juridique"),  # owns nothing in this run
]

# (driver_id, label, size, owner, emerging, contested, exemplars)
DRIVERS: list[tuple[str, str, int, str | None, bool, bool, list[str]]] = [
    ("d1", "Facture plus élevée que prévu", 1234, "billing", False, False,
     ["Ma facture de mars est passée de 39 € à 58 € sans explication.",
      "Why is my bill higher this month? Contract says 29.99.",
      "Bonjour, je ne comprends pas le montant prélevé, merci de m'appeler au [PHONE]."]),
    ("d2", "Coupure internet fibre", 860, "network", True, False,
     ["Plus d'internet depuis hier soir, la box clignote rouge.",
      "Fibre down since Monday, I work from home!"]),
    ("d3", "Rendez-vous technicien non honoré", 540, "field_ops", False, True,
     ["Le technicien n'est jamais venu, j'ai posé une journée pour rien.",
      "<script>alert('x')</script> technician no-show twice"]),
    ("d4", "Colis box non reçu", 310, "logistics", False, False,
     ["Commande passée il y a 10 jours, toujours pas de box. Suivi bloqué."]),
    ("d5", "Remboursement en attente", 220, "billing", True, False,
     ["Where is my refund? You promised it 3 weeks ago.", "Remboursement toujours pas reçu"]),
    ("d6", "Débit lent le soir", 150, "network", False, False, ["Internet très lent tous les soirs après 20h."]),
    ("d7", "Questions & <autres>", 86, None, False, False, ["Je voudrais des infos"]),
]

N_UNASSIGNED = 300
N_WEEKS = 10
FIRST_WEEK = date(2025, 1, 6)


def _weekly(drivers: list[tuple[Any, ...]], n_weeks: int) -> pl.DataFrame:
    rows = []
    for k, (driver_id, _label, size, _owner, emerging, *_rest) in enumerate(drivers):
        weights = [(1 + w) ** 2 if emerging else 1 + ((w + k) % 3) for w in range(n_weeks)]
        total = sum(weights)
        counts = [size * w // total for w in weights]
        counts[-1] += size - sum(counts)
        rows += [{"week": FIRST_WEEK + timedelta(days=7 * w), "driver_id": driver_id, "contacts": c}
                 for w, c in enumerate(counts)]
    rows += [{"week": FIRST_WEEK + timedelta(days=7 * w), "driver_id": schema.UNASSIGNED, "contacts": N_UNASSIGNED // n_weeks}
             for w in range(n_weeks)]
    return pl.DataFrame(rows, schema={"week": pl.Date, "driver_id": pl.Utf8, "contacts": pl.UInt32})


def make_result(drivers: list[tuple[Any, ...]] | None = None, *, dated: bool = True, rejects: int = 3) -> AnalysisResult:
    """An AnalysisResult shaped as `rootcause.result` documents, built by hand."""
    drivers = DRIVERS if drivers is None else drivers
    total = sum(d[2] for d in drivers) + N_UNASSIGNED
    names = dict(DEPARTMENTS)
    driver_rows = []
    for driver_id, label, size, owner, emerging, contested, exemplars in drivers:
        driver_rows.append({
            "driver_id": driver_id, "label": label, "size": size, "share": size / total,
            "owner_department": owner, "owner_name": names.get(owner) if owner else None,
            "owner_confidence": 0.82 if not contested else 0.51,
            "owner_share": 0.75 if driver_id == "d2" else 1.0,
            "owner_evidence": "its contacts read most like the catalogue's “invoices” (71% of their votes); handled by a "
                              "team whose name matches this department: 64%" if owner else "",
            "contested": contested, "runner_up": "billing" if contested else "",
            "kind": "irritant" if driver_id == "d4" else "", "avoidable": True if driver_id == "d4" else None,
            "keywords": label.lower().split()[:4],
            "exemplar_ids": [f"{driver_id}-{i}" for i in range(len(exemplars))], "exemplars": exemplars,
            # measure's growth is a ratio: recent weekly rate / earlier rate (inf: new driver)
            "emerging": emerging, "growth": (float("inf") if driver_id == "d5" else 2.4) if emerging else 0.95,
            "repeat_rate": 0.12,
            "channel_mix": "email 55% · phone 30% · chat 15%", "language_mix": "fr 80% · en 20%",
        })
    drivers_frame = pl.DataFrame(driver_rows, schema={
        "driver_id": pl.Utf8, "label": pl.Utf8, "size": pl.Int64, "share": pl.Float64,
        "owner_department": pl.Utf8, "owner_name": pl.Utf8, "owner_confidence": pl.Float64,
        "owner_share": pl.Float64, "owner_evidence": pl.Utf8, "contested": pl.Boolean, "runner_up": pl.Utf8, "kind": pl.Utf8,
        "avoidable": pl.Boolean, "keywords": pl.List(pl.Utf8),
        "exemplar_ids": pl.List(pl.Utf8), "exemplars": pl.List(pl.Utf8), "emerging": pl.Boolean,
        "growth": pl.Float64, "repeat_rate": pl.Float64, "channel_mix": pl.Utf8, "language_mix": pl.Utf8,
    })
    cum, pareto_rows = 0.0, []
    for rank, row in enumerate(driver_rows, start=1):
        cum += row["share"]
        pareto_rows.append({"rank": rank, "driver_id": row["driver_id"], "label": row["label"], "size": row["size"],
                            "share": row["share"], "cumulative_share": cum})
    pareto = pl.DataFrame(pareto_rows, schema={"rank": pl.Int64, "driver_id": pl.Utf8, "label": pl.Utf8,
                                               "size": pl.Int64, "share": pl.Float64, "cumulative_share": pl.Float64})
    targets: dict[str, int | None] = {}
    for key in ("10", "20", "50"):
        targets[key] = next((r["rank"] for r in pareto_rows if r["cumulative_share"] >= int(key) / 100), None)
    dept_rows = []
    for dep_id, name in DEPARTMENTS:
        owned = [d for d in driver_rows if d["owner_department"] == dep_id]
        n = sum(d["size"] for d in owned)
        # Per-contact owners move a few contacts into legal from drivers owned by others.
        attributed = n + 7 if dep_id == "legal" else n
        dept_rows.append({"department_id": dep_id, "name": name, "contacts": n, "share": n / total,
                          "contacts_attributed": attributed,
                          "drivers": len(owned), "top_drivers": [d["label"] for d in owned][:3]})
    departments = pl.DataFrame(dept_rows, schema={"department_id": pl.Utf8, "name": pl.Utf8, "contacts": pl.Int64,
                                                  "share": pl.Float64, "contacts_attributed": pl.Int64,
                                                  "drivers": pl.Int64,
                                                  "top_drivers": pl.List(pl.Utf8)})
    weekly = _weekly(drivers, N_WEEKS) if dated and drivers else pl.DataFrame(
        schema={"week": pl.Date, "driver_id": pl.Utf8, "contacts": pl.Int64})
    contacts = pl.DataFrame({
        "id": ["c1", "c2"], "driver_id": ["d1", schema.UNASSIGNED], "created_at": [None, None],
    }, schema={"id": pl.Utf8, "driver_id": pl.Utf8, "created_at": pl.Datetime})
    reject_frame = pl.DataFrame({
        "source_file": ["a.csv"] * rejects, "source_row": list(range(1, rejects + 1)),
        "id": [f"r{i}" for i in range(rejects)], "field": ["text"] * rejects,
        "reason": ["empty text"] * rejects, "fix": ["drop the row or fill the text column"] * rejects,
    }, schema={"source_file": pl.Utf8, "source_row": pl.Int64, "id": pl.Utf8, "field": pl.Utf8,
               "reason": pl.Utf8, "fix": pl.Utf8})
    meta = {
        "n_read": total + rejects, "n_accepted": total, "n_rejected": rejects, "n_unassigned": N_UNASSIGNED,
        "embedder": "use-multilingual-v3", "seed": 0, "version": "0.1.0",
        "created_at": datetime(2025, 3, 17, 9, 30).isoformat(),
        "date_min": str(datetime(2025, 1, 6, 8, 12)) if dated else None,  # the pipeline writes str(datetime)
        "date_max": str(datetime(2025, 3, 16, 18, 5)) if dated else None,
        "languages": {"fr": int(total * 0.8), "en": total - int(total * 0.8)},
        "pareto_targets": targets,
    }
    return AnalysisResult(contacts=contacts, drivers=drivers_frame, departments=departments, pareto=pareto,
                          weekly=weekly, rejects=reject_frame, model=SimpleNamespace(), meta=meta)  # type: ignore[arg-type]


def reviewed(result: AnalysisResult) -> AnalysisResult:
    """`result` as review left it: d1 renamed and re-owned, d2 absorbed two merged drivers, d4
    marked, the others untouched (drivers frame: reviewed, review, merged_ids)."""
    ids = result.drivers["driver_id"].to_list()
    review = {"d1": ["rename", "set_owner"], "d2": ["merge"], "d4": ["mark"]}
    merged = {"d2": ["d8", "d9"]}
    result.drivers = result.drivers.with_columns(
        pl.Series("reviewed", [i in review for i in ids]),
        pl.Series("review", [review.get(i, []) for i in ids], dtype=pl.List(pl.Utf8)),
        pl.Series("merged_ids", [merged.get(i, []) for i in ids], dtype=pl.List(pl.Utf8)),
    )
    return result


@pytest.fixture
def result() -> AnalysisResult:
    return make_result()


@pytest.fixture
def make():
    """The `make_result` factory, for tests that need a variant."""
    return make_result
