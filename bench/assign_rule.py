"""How well a saved model assigns contacts it was not fitted on: nearest centroid against the
drivers' prototypes (and a k-nearest-fitted-contacts vote, for reference).

The sampled fit (`rootcause analyze` above ``ROOTCAUSE_FIT_SAMPLE`` rows) fits drivers on a
sample and assigns every other contact with `DriverModel.assign`. This bench isolates that
assignment rule. It builds the 20,000-row export of ``bench/scale.py --rows 20000`` (the same
rows), analyses it whole in memory (``rootcause analyze`` as scale.py runs it: "A"), then each
of its halves (rows 0-9,999: "A1"; rows 10,000-19,999: "A2") through A's embedding cache.
It prepares and embeds A's contacts as the sampled run does and assigns them with each rule:

- ``self A``: A's model assigning its own contacts (what a rule loses against the graph's
  labels; the in-memory row is A's own output);
- ``cross A1->A2``, ``cross A2->A1``: a half's model assigning the other half, contacts it never
  saw, as in a sampled run (here fitted on half the export). Its NMI compares with A's
  in-memory analysis of the same contacts, the issue's reference.

NMI against the gold labels counts noise and unassigned contacts as clusters of their own
(as `bench/scale.py` does). Writes ``bench/results/assign_rule.json``. ``--sets``: each labelled
contact set fitted on one half and classified on the other, both ways, by centroid and by
prototypes (``bench/results/assign_rule_sets.json``)::

    .venv/bin/python bench/assign_rule.py          # fits A, A1, A2 first when missing
    .venv/bin/python bench/assign_rule.py --sets
"""

from __future__ import annotations

import csv
import json
import os
import pickle
import shutil
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
ROWS = 20_000


def fit_all() -> None:
    """Build the export, analyse it whole (A) and its halves (A1, A2) in memory."""
    export, gold = WORK / "export-A.csv", WORK / "gold-A.csv"
    if not export.exists():
        scale.build_export(ROWS, 0, 0.1, export, gold)
    with export.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    for name, part in (("A1", rows[1 : ROWS // 2 + 1]), ("A2", rows[ROWS // 2 + 1 :])):
        path = WORK / f"export-{name}.csv"
        if not path.exists():
            with path.open("w", newline="", encoding="utf-8") as fh:
                csv.writer(fh).writerows([rows[0], *part])

    def go(name: str, cache: Path) -> None:
        if not (WORK / f"out-{name}" / "model" / "model.json").exists():
            run = scale.run_analyze(WORK / f"export-{name}.csv", WORK / f"out-{name}", 0, cache, None, WORK / f"log-{name}.txt")
            (WORK / f"fit-{name}.json").write_text(json.dumps(run), encoding="utf-8")

    go("A", WORK / "cache-A")
    threads = []
    for name in ("A1", "A2"):  # each half through its own copy of A's cache: every vector a hit
        cache = WORK / f"cache-{name}"
        if not cache.exists():
            shutil.copytree(WORK / "cache-A", cache)
        threads.append(threading.Thread(target=go, args=(name, cache)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def half_rows(name: str) -> list[dict[str, str]]:
    with (WORK / f"export-{name}.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def gold_of(ids: list[str]) -> np.ndarray:
    with (WORK / "gold-A.csv").open(newline="", encoding="utf-8") as fh:
        gold = {r["id"]: r["gold"] for r in csv.DictReader(fh)}
    return np.unique([gold[i] for i in ids], return_inverse=True)[1]


def prepared_all() -> Any:
    """A's contacts cleaned, redacted and reason-extracted as the fit did (cached)."""
    from rootcause.attribute import load_catalogue
    from rootcause.prepare import prepare_texts

    path = WORK / "prepared-A.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    catalogue = load_catalogue(DATA / "banking77" / "departments.yaml")
    prepared = prepare_texts([r["text"] for r in half_rows("A")], None, keep=tuple(sorted(catalogue.proper_names())))
    path.write_bytes(pickle.dumps(prepared))
    return prepared


def vectors(model: Any, prepared: Any) -> dict[str, Any]:
    """A's contacts embedded and centred as `DriverModel.assign` does (through A's cache)."""
    from rootcause.embed import CachedEmbedder

    encoder = CachedEmbedder(model.embedder(), WORK / "cache-A" / "embeddings")
    got = model.assign(prepared, novelty=False, encoder=encoder)
    return {"ids": [r["id"] for r in half_rows("A")], "centred": got.centred, "noise": got.noise}


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


def rules(disc: Any, C: np.ndarray, fit_X: np.ndarray, fit_labels: np.ndarray, X: np.ndarray, self_rows: bool) -> dict[str, tuple[np.ndarray, float]]:
    """Driver per row of X under each rule, and the rule's seconds per contact (X given).

    `C`: the drivers' centroids; `fit_X`, `fit_labels`: the contacts the prototypes and the
    k-nearest vote are built from. Every rule leaves a row unknown where `predict` does: its
    nearest centroid under the fitted rows' fence (`threshold_`).
    """
    from threadpoolctl import threadpool_limits

    from rootcause.discover.estimator import driver_prototypes, driver_scores

    k = len(C)
    best_c = (X @ C.T).max(axis=1)
    unknown = best_c < disc.threshold_
    out: dict[str, tuple[np.ndarray, float]] = {}

    def timed(f: Any) -> tuple[np.ndarray, float]:
        with threadpool_limits(1):  # one core, as one API worker; the best of 3 (a shared machine)
            best, lab = np.inf, None
            for _ in range(3):
                t0 = time.perf_counter()
                lab = f()
                best = min(best, time.perf_counter() - t0)
        lab = np.asarray(lab, dtype=np.int64).copy()
        lab[unknown] = -1
        return lab, best / len(X)

    out["centroid"] = timed(lambda: (X @ C.T).argmax(axis=1))
    keep = fit_labels >= 0
    for size in SIZES:
        P, owner = driver_prototypes(fit_X[keep], fit_labels[keep], C, seed=0, size=size)
        out[f"prototypes 1 per {size} ({len(P)})"] = timed(lambda P=P, owner=owner: driver_scores(X, P, owner, k).argmax(axis=1))
    # k nearest fitted contacts (the contact itself left out when it is one of them)
    F, FL = fit_X[keep], fit_labels[keep]
    for kn in (5, 15):

        def knn(kn: int = kn) -> np.ndarray:
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
            return lab

        out[f"knn{kn} of {len(F)}"] = timed(knn)
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


SIZES = (10, 20, 30, 60)  # fitted contacts per k-means prototype of a driver


def heldout(seed: int = 0) -> dict[str, Any]:
    """Each set in two halves: fit on one half (in memory), classify the other, both ways.

    One fitted model per half classifies the other half as `classify` does (`DriverModel.assign`
    on the prepared texts): with no prototypes (nearest centroid, a model saved before them),
    and with the prototypes of each count in `SIZES`, built from the fitted contacts and their
    drivers. Scores over every contact once classified: NMI against the gold reasons, owner
    accuracy against the gold departments (contacts without a gold owner left out of it).
    """
    import copy

    import polars as pl

    from rootcause import schema as S
    from rootcause.attribute import load_catalogue
    from rootcause.discover.estimator import driver_prototypes
    from rootcause.embed import CachedEmbedder
    from rootcause.ingest import read_contacts
    from rootcause.pipeline import analyze_frame
    from rootcause.prepare import prepare_texts
    from rootcause.settings import get_settings

    rules = ["centroid", *(f"prototypes 1 per {z}" for z in SIZES)]
    table: dict[str, Any] = {}
    for name, (inputs, departments, gold) in labelled_sets().items():
        frame = read_contacts(inputs).contacts
        frame = frame.filter(pl.col(S.ID).is_in(list(gold)))
        ids = frame[S.ID].to_list()
        half = np.random.default_rng(seed).permutation(frame.height) % 2
        catalogue = load_catalogue(departments)
        prepared = prepare_texts(frame[S.TEXT].to_list(), frame[S.SUBJECT].to_list())
        got: dict[str, dict[str, str]] = {r: {} for r in rules}
        owners: dict[str, dict[str, str]] = {r: {} for r in rules}
        for part in (0, 1):
            result = analyze_frame(frame.filter(pl.Series(half == part)), catalogue, seed=seed)
            model = result.model
            encoder = CachedEmbedder(model.embedder(), get_settings().cache_dir / "embeddings")
            plain = copy.deepcopy(model)
            del plain.discovery.prototypes_, plain.discovery.prototype_drivers_
            centred = plain.assign(prepared, encoder=encoder).centred
            index = {d.driver_id: i for i, d in enumerate(model.drivers)}
            fitted = dict(zip(result.contacts[S.ID].to_list(), result.contacts[S.DRIVER_ID].to_list(), strict=True))
            labels = np.array([index.get(fitted.get(i, ""), -1) if h == part else -1 for i, h in zip(ids, half, strict=True)])
            rest = half != part
            for rule in rules:
                m = plain
                if rule != "centroid":
                    m = copy.deepcopy(plain)
                    disc = m.discovery
                    disc.prototypes_, disc.prototype_drivers_ = driver_prototypes(
                        centred[labels >= 0], labels[labels >= 0], disc.centroids_, seed=seed, size=int(rule.rsplit(" ", 1)[1])
                    )
                res = m.assign(prepared, encoder=encoder)
                for i in np.flatnonzero(rest):
                    # driver ids are per fit: keep the halves apart so D001 of one is not D001 of the other
                    got[rule][ids[i]] = f"{part}:{res.driver_ids[i]}"
                    owners[rule][ids[i]] = res.owners[i]
        y = np.unique([gold[i][0] for i in ids], return_inverse=True)[1]
        owned = [i for i in ids if gold[i][1]]
        row: dict[str, Any] = {"n": len(ids)}
        for rule in rules:
            pred = np.unique([got[rule][i] for i in ids], return_inverse=True)[1]
            row[f"nmi {rule}"] = round(scores(y, pred)["nmi"], 4)
            row[f"owner {rule}"] = round(float(np.mean([owners[rule][i] == gold[i][1] for i in owned])), 4)
        table[name] = row
        print(name, row, flush=True)
    keys = [k for k in next(iter(table.values())) if k != "n"]
    table["worst"] = {k: min(r[k] for r in table.values()) for k in keys}
    table["mean"] = {k: round(float(np.mean([r[k] for n, r in table.items() if n != "worst"])), 4) for k in keys}
    print("worst", table["worst"], "\nmean", table["mean"])
    return table


def main() -> int:
    from rootcause.discover.estimator import _centroids
    from rootcause.model import load_model

    WORK.mkdir(parents=True, exist_ok=True)
    if "--sets" in sys.argv:
        result = {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "load_average": os.getloadavg(), "sets": heldout()}
        (RESULTS / "assign_rule_sets.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
        return 0
    if "--whole-only" not in sys.argv:
        fit_all()
    names = [n for n in ("A", "A1", "A2") if (WORK / f"out-{n}" / "model" / "model.json").exists()]
    models = {n: load_model(WORK / f"out-{n}" / "model") for n in names}
    prepared = prepared_all()
    vec = {n: vectors(models[n], prepared) for n in names}
    ids = vec["A"]["ids"]
    halves = {"A": np.arange(ROWS), "A1": np.arange(ROWS // 2), "A2": np.arange(ROWS // 2, ROWS)}
    result: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "load_average": os.getloadavg(), "cases": {}}
    languages = np.array(prepared.language, dtype=object)
    cases = [("self A", "A", "A", "A"), ("A's labels, half out: A1 -> A2", "A", "A1", "A2"), ("A's labels, half out: A2 -> A1", "A", "A2", "A1")]
    cases += [(f"cross {m} -> {t}", m, m, t) for m, t in (("A1", "A2"), ("A2", "A1")) if m in models]
    for case, m, fit_half, target in cases:
        fit_rows, rows = halves[fit_half], halves[target]
        y = gold_of([ids[i] for i in rows])
        noise = vec[m]["noise"][rows]
        labels = fitted_labels(models[m], m, [ids[i] for i in fit_rows])
        X_fit, X = vec[m]["centred"][fit_rows], vec[m]["centred"][rows]
        C = models[m].discovery.centroids_
        if m != fit_half:  # the centroids of the fitted half only (language-balanced, as fitted)
            k = len(C)
            C = _centroids(X_fit, labels, k, list(languages[fit_rows]))
        table = {"in memory, whole 20,000 (graph labels)": {"nmi": round(in_memory_nmi("A", [ids[i] for i in rows], y), 4)}}
        for name, (lab, sec) in rules(models[m].discovery, C, X_fit, labels, X, fit_half == target).items():
            sc = scores(y, as_pred(lab, noise))
            table[name] = {"nmi": round(sc["nmi"], 4), "unassigned": round(sc["unassigned"], 4), "us_per_contact": round(sec * 1e6, 2)}
        result["cases"][case] = table
        print(f"\n{case} (model {m}, prototypes from {fit_half}, {len(rows)} contacts of {target})")
        for name, r in table.items():
            print(f"  {name:40s} " + "  ".join(f"{k}={v}" for k, v in r.items()), flush=True)
    (RESULTS / "assign_rule.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
