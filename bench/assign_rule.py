"""How well a saved model assigns contacts it was not fitted on: nearest centroid against the
drivers' prototypes (and a k-nearest-fitted-contacts vote, for reference).

The sampled fit (`rootcause analyze` above ``ROOTCAUSE_FIT_SAMPLE`` rows) fits drivers on a
sample and assigns every other contact with `DriverModel.assign`. This bench isolates that
assignment rule. It builds the 40,000-row export of `bench/scale.py` (same rows: the first
20,000 are ``scale.py --rows 20000``'s export), splits it into halves A (rows 0-19,999) and B
(rows 20,000-39,999), and analyses each half in memory (``rootcause analyze``, as scale.py
runs it). Then, for each model and each half, it re-prepares and embeds the half's contacts as
the sampled run does (through the half's embedding cache) and assigns them with each rule:

- ``self``: model A assigning its own contacts (what a rule loses against the graph's labels);
- ``cross``: model B assigning half A and model A assigning half B: contacts the model never
  saw, as in a sampled run. Its NMI compares with the in-memory analysis of the same half.

NMI against the gold labels counts noise and unassigned contacts as clusters of their own
(as `bench/scale.py` does). Writes ``bench/results/assign_rule.json``::

    .venv/bin/python bench/assign_rule.py          # fits the halves first when missing (~15 min)
"""

from __future__ import annotations

import csv
import json
import os
import pickle
import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402
from common import DATA, RESULTS, ROOT, scores  # noqa: E402

WORK = ROOT / "bench" / ".cache" / "assign"
HALF = 20_000


def fit_halves() -> None:
    """Build the 40,000-row export, split it in halves, analyse each half in memory."""
    export, gold = WORK / "export-40000.csv", WORK / "gold-40000.csv"
    if not export.exists():
        scale.build_export(2 * HALF, 0, 0.1, export, gold)
    with export.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    for name, part in (("A", rows[1 : HALF + 1]), ("B", rows[HALF + 1 :])):
        path = WORK / f"export-{name}.csv"
        if not path.exists():
            with path.open("w", newline="", encoding="utf-8") as fh:
                csv.writer(fh).writerows([rows[0], *part])

    def go(name: str) -> None:
        if not (WORK / f"out-{name}" / "model" / "model.json").exists():
            run = scale.run_analyze(WORK / f"export-{name}.csv", WORK / f"out-{name}", 0, WORK / f"cache-{name}", None, WORK / f"log-{name}.txt")
            (WORK / f"fit-{name}.json").write_text(json.dumps(run), encoding="utf-8")

    threads = [threading.Thread(target=go, args=(n,)) for n in "AB"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def half_rows(name: str) -> list[dict[str, str]]:
    with (WORK / f"export-{name}.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def gold_of(ids: list[str]) -> np.ndarray:
    with (WORK / "gold-40000.csv").open(newline="", encoding="utf-8") as fh:
        gold = {r["id"]: r["gold"] for r in csv.DictReader(fh)}
    return np.unique([gold[i] for i in ids], return_inverse=True)[1]


def prepared_half(half: str, models: dict[str, Any]) -> Any:
    """The half's contacts cleaned, redacted and reason-extracted as the sampled run does (cached)."""
    from rootcause.attribute import load_catalogue
    from rootcause.prepare import prepare_texts

    path = WORK / f"prepared-{half}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    catalogue = load_catalogue(DATA / "banking77" / "departments.yaml")
    masked = {w for m in models.values() for w in (m.meta.get("masked_words") or ())}
    prepared = prepare_texts([r["text"] for r in half_rows(half)], None, keep=tuple(sorted({*catalogue.proper_names(), *masked})))
    path.write_bytes(pickle.dumps(prepared))
    return prepared


def vectors(model: Any, half: str, prepared: Any) -> dict[str, Any]:
    """The half's contacts embedded and centred as `DriverModel.assign` does (the half's cache)."""
    from rootcause.embed import CachedEmbedder

    encoder = CachedEmbedder(model.embedder(), WORK / f"cache-{half}" / "embeddings")
    got = model.assign(prepared, novelty=False, encoder=encoder)
    return {"ids": [r["id"] for r in half_rows(half)], "centred": got.centred, "noise": got.noise}


def fitted_labels(model: Any, name: str, ids: list[str]) -> np.ndarray:
    """The in-memory analysis's driver per contact of half `name`, as model indices (-1: none)."""
    import polars as pl

    index = {d.driver_id: i for i, d in enumerate(model.drivers)}
    frame = pl.read_csv(WORK / f"out-{name}" / "contacts.csv", columns=["id", "driver_id"], schema_overrides={"id": pl.Utf8, "driver_id": pl.Utf8})
    got = dict(zip(frame["id"].to_list(), frame["driver_id"].to_list(), strict=True))
    return np.array([index.get(model.resolve(got[i]), -1) if got.get(i) else -1 for i in ids], dtype=np.int64)


def in_memory_nmi(half: str, ids: list[str], y: np.ndarray) -> float:
    """NMI of the half's in-memory analysis (its contacts.csv), as `bench/scale.py` scores it."""
    import polars as pl

    frame = pl.read_csv(WORK / f"out-{half}" / "contacts.csv", columns=["id", "driver_id"], schema_overrides={"id": pl.Utf8, "driver_id": pl.Utf8})
    got = dict(zip(frame["id"].to_list(), frame["driver_id"].to_list(), strict=True))
    drivers = [got[i] for i in ids]
    codes = {d: c for c, d in enumerate(sorted(set(drivers)))}
    return scores(y, np.array([-1 if d == "unassigned" else codes[d] for d in drivers]))["nmi"]


def as_pred(labels: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """Predicted clusters for NMI: drivers 0..k-1, noise k... as one cluster, unassigned -1."""
    out = labels.copy()
    out[noise] = 10**6
    return out


def rules(model: Any, fit_X: np.ndarray, fit_labels: np.ndarray, X: np.ndarray, self_rows: bool) -> dict[str, tuple[np.ndarray, float]]:
    """Driver per row of X under each rule, and the rule's seconds per contact (X given)."""
    from rootcause.discover.estimator import driver_prototypes, driver_scores

    disc = model.discovery
    C = np.asarray(disc.centroids_, dtype=np.float32)
    k = len(C)
    fence = disc.threshold_
    out: dict[str, tuple[np.ndarray, float]] = {}
    t0 = time.process_time()
    labels, _ = disc.predict(X, novelty=False)
    out["centroid"] = (labels, (time.process_time() - t0) / len(X))
    best_c = (X @ C.T).max(axis=1)
    keep = fit_labels >= 0
    for per in (0.5, 1.0, 2.0):
        P, owner = driver_prototypes(fit_X[keep], fit_labels[keep], C, seed=0, per=per)
        t0 = time.process_time()
        S = driver_scores(X, P, owner, k)
        lab = S.argmax(axis=1).astype(np.int64)
        lab[best_c < fence] = -1
        out[f"prototypes x{per} ({len(P)})"] = (lab, (time.process_time() - t0) / len(X))
    # k nearest fitted contacts (leave the contact itself out when it is one of them)
    F, FL = fit_X[keep], fit_labels[keep]
    for kn in (5, 15):
        t0 = time.process_time()
        lab = np.empty(len(X), dtype=np.int64)
        for s in range(0, len(X), 2000):
            sims = X[s : s + 2000] @ F.T
            if self_rows:
                sims[sims > 0.99999] = -np.inf
            top = np.argpartition(-sims, kn, axis=1)[:, :kn]
            w = np.take_along_axis(sims, top, axis=1)
            votes = np.zeros((len(top), k))
            np.add.at(votes, (np.repeat(np.arange(len(top)), kn), FL[top].ravel()), np.exp(w.ravel() / 0.05))
            lab[s : s + 2000] = votes.argmax(axis=1)
        lab[best_c < fence] = -1
        out[f"knn{kn} of {len(F)}"] = (lab, (time.process_time() - t0) / len(X))
    return out


# ------------------------------------------------------------------ the labelled contact sets


def labelled_sets() -> dict[str, tuple[list[Path], Path, dict[str, tuple[str, str]]]]:
    """Each labelled set: its export files, its catalogue and gold (reason, department) by id."""
    from analyze import GOLD, SAMPLE_INPUTS, SAMPLES, sample_gold, set_inputs

    out: dict[str, tuple[list[Path], Path, dict[str, tuple[str, str]]]] = {}
    out["sample"] = (SAMPLE_INPUTS, SAMPLES / "departments.yaml", {i: (g["driver"], g["owner"]) for i, g in sample_gold().items()})
    assert GOLD.is_dir()
    folders = [DATA / "contact_sets" / n for n in ("energy", "bank", "rail")] + [ROOT / "bench" / "sets" / n for n in ("retail", "telecom")]
    for folder in folders:
        if (folder / "contacts.jsonl").is_file():
            given, rows = set_inputs(folder, WORK / "sets" / folder.name)
            out[folder.name] = ([given], folder / "departments.yaml", {r["id"]: (r["reason"], r["department"]) for r in rows})
    return out


def heldout(seed: int = 0) -> dict[str, Any]:
    """Each set in two halves: fit on one half (in memory), classify the other, both ways.

    The same fitted model classifies with its prototypes and, a copy without them, by nearest
    centroid (how a model saved before prototypes classifies). Scores over every contact once
    classified: NMI against the gold reasons, owner accuracy against the gold departments
    (contacts without a gold owner left out of the latter).
    """
    import copy

    import polars as pl

    from rootcause import schema as S
    from rootcause.attribute import load_catalogue
    from rootcause.ingest import read_contacts
    from rootcause.pipeline import analyze_frame

    table: dict[str, Any] = {}
    for name, (inputs, departments, gold) in labelled_sets().items():
        frame = read_contacts(inputs).contacts
        frame = frame.filter(pl.col(S.ID).is_in(list(gold)))
        half = np.random.default_rng(seed).permutation(frame.height) % 2
        catalogue = load_catalogue(departments)
        got: dict[str, dict[str, str]] = {"prototypes": {}, "centroid": {}}
        owners: dict[str, dict[str, str]] = {"prototypes": {}, "centroid": {}}
        for part in (0, 1):
            fit, rest = frame.filter(pl.Series(half == part)), frame.filter(pl.Series(half != part))
            model = analyze_frame(fit, catalogue, seed=seed).model
            plain = copy.deepcopy(model)
            del plain.discovery.prototypes_, plain.discovery.prototype_drivers_
            for rule, m in (("prototypes", model), ("centroid", plain)):
                res = m.classify(rest[S.TEXT].to_list(), ids=rest[S.ID].to_list(), subjects=rest[S.SUBJECT].to_list())
                # driver ids are per fit: keep the fold apart so D001 of one fit is not D001 of the other
                got[rule].update({i: f"{part}:{d}" for i, d in zip(res[S.ID].to_list(), res[S.DRIVER_ID].to_list(), strict=True)})
                owners[rule].update(dict(zip(res[S.ID].to_list(), res[S.OWNER_DEPARTMENT].to_list(), strict=True)))
        ids = sorted(got["centroid"])
        y = np.unique([gold[i][0] for i in ids], return_inverse=True)[1]
        row: dict[str, Any] = {"n": len(ids)}
        for rule in ("centroid", "prototypes"):
            pred = np.unique([got[rule][i] for i in ids], return_inverse=True)[1]
            owned = [i for i in ids if gold[i][1]]
            row[f"nmi_{rule}"] = round(scores(y, pred)["nmi"], 4)
            row[f"owner_acc_{rule}"] = round(float(np.mean([owners[rule][i] == gold[i][1] for i in owned])), 4)
        row["changed"] = round(float(np.mean([got["centroid"][i] != got["prototypes"][i] for i in ids])), 4)
        table[name] = row
        print(name, row, flush=True)
    keys = [k for k in next(iter(table.values())) if k.startswith(("nmi", "owner"))]
    table["worst"] = {k: min(r[k] for r in table.values()) for k in keys}
    table["mean"] = {k: round(float(np.mean([r[k] for n, r in table.items() if n != "worst"])), 4) for k in keys}
    return table


def main() -> int:
    from rootcause.model import load_model

    WORK.mkdir(parents=True, exist_ok=True)
    if "--sets" in sys.argv:
        result = {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "load_average": os.getloadavg(), "sets": heldout()}
        (RESULTS / "assign_rule_sets.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
        return 0
    fit_halves()
    models = {n: load_model(WORK / f"out-{n}" / "model") for n in "AB"}
    prepared = {n: prepared_half(n, models) for n in "AB"}
    own = {n: vectors(models[n], n, prepared[n]) for n in "AB"}
    fit = {n: fitted_labels(models[n], n, own[n]["ids"]) for n in "AB"}
    result: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "load_average": os.getloadavg(), "cases": {}}
    for case, model_name, half in (("self A", "A", "A"), ("cross B->A", "B", "A"), ("cross A->B", "A", "B")):
        model = models[model_name]
        v = own[half] if model_name == half else vectors(model, half, prepared[half])
        y = gold_of(v["ids"])
        in_memory = in_memory_nmi(half, v["ids"], y)
        rows = {"in memory (graph labels)": {"nmi": round(in_memory, 4)}}
        for name, (lab, sec) in rules(model, own[model_name]["centred"], fit[model_name], v["centred"], model_name == half).items():
            s = scores(y, as_pred(lab, v["noise"]))
            rows[name] = {"nmi": round(s["nmi"], 4), "unassigned": round(s["unassigned"], 4), "us_per_contact": round(sec * 1e6, 2)}
        result["cases"][case] = rows
        print(f"\n{case} (model {model_name}, contacts of half {half})")
        for name, r in rows.items():
            print(f"  {name:32s} " + "  ".join(f"{k}={v}" for k, v in r.items()), flush=True)
    (RESULTS / "assign_rule.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
