"""Name the drivers of saved analyses again and judge the names (label_acc), without clustering again.

``--capture`` runs ``analyze`` (the library call of the CLI, default settings) once per set
and seed and saves what the naming step got (texts, languages, clusters, the vectors the
pipeline names against, its language centering) and the contacts' drivers and names, under
``out/names-capture/``. Without it, every saved run is named again with today's
``label_drivers``, exactly as the pipeline calls it, and scored as ``bench/analyze.py``
scores ``label_acc`` (the same function: each driver's name, embedded with USE-multilingual,
nearest its majority gold reason's name among all gold names). It also scores the names
with `bench/analyze.py`'s `name_figures`: ``names_no_problem``, the share of drivers whose
name states no problem (no frame's name, no frame cue, no negation: "robot vacuum", "billet
acheté"), and ``names_things_only``, the share named only by nouns, numbers and adjectives
("box wifi", "delivery 17th"). ``--run ROOT`` judges the names of the last
``bench/analyze.py`` run of a project root (its ``out/``) instead; ``--saved`` the names the
captured runs gave. Writes ``bench/results/<tag>.json`` (``--tag``, default ``names``) with
every driver's name, size, majority gold reason and the gold reason the judge reads in it.

    .venv/bin/python bench/names.py --capture samples ../shared/data/contact_sets/energy --seeds 0 1 2 3
    .venv/bin/python bench/names.py samples ../shared/data/contact_sets/energy --seeds 0 1 2 3 [-v]
    .venv/bin/python bench/names.py samples ../shared/data/contact_sets/energy --run .   # the last analyze.py run's names

Prints each set's figures per seed and their mean, the mean over sets and the worst set,
and with ``-v`` every driver's name (NP: states no problem, TH: only things).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analyze import SAMPLE_INPUTS, SAMPLES, _label_acc, name_figures, only_things, sample_gold, set_inputs, states_problem  # noqa: E402
from common import ROOT, write_json  # noqa: E402

from rootcause import schema as S  # noqa: E402

CAPTURE = ROOT / "out" / "names-capture"


def _gold(name: str) -> dict[str, str]:
    """Gold reason by contact id: the sample's ``driver``, a contact set's ``reason``."""
    if name == "samples":
        return {i: g["driver"] for i, g in sample_gold().items()}
    rows = [json.loads(x) for x in (Path(name) / "contacts.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    return {r["id"]: r["reason"] for r in rows}


def _key(name: str) -> str:
    return "samples" if name == "samples" else Path(name).name


def capture(name: str, seed: int) -> Path:
    """Run `analyze` on a set and save the naming step's inputs and the contacts' drivers."""
    import rootcause.label as label
    from rootcause.pipeline import analyze

    got: dict = {}
    real = label.label_drivers

    def spy(texts, languages, labels, embeddings, **kw):  # type: ignore[no-untyped-def]
        names = real(texts, languages, labels, embeddings, **kw)
        got.update(texts=list(texts), languages=list(languages), labels=np.asarray(labels), X=np.asarray(embeddings),
                   ids=list(kw.get("ids") or []), report_language=kw.get("report_language"), names={n.cluster: n.label for n in names})
        return names

    out = ROOT / "out" / f"names-run-{_key(name)}"
    if name == "samples":
        inputs, departments = SAMPLE_INPUTS, SAMPLES / "departments.yaml"
    else:
        given, _ = set_inputs(Path(name), out)
        inputs, departments = [given], Path(name) / "departments.yaml"
    label.label_drivers = spy
    try:
        result = analyze(inputs, departments, seed=seed, out_dir=out)
    finally:
        label.label_drivers = real
    got.update(
        centering=result.model.centering,
        embedder=result.model.embedder_name,
        contacts=result.contacts.select(S.ID, S.DRIVER_ID, S.DRIVER_LABEL, S.LANGUAGE),
    )
    CAPTURE.mkdir(parents=True, exist_ok=True)
    path = CAPTURE / f"{_key(name)}-seed{seed}.pkl"
    path.write_bytes(pickle.dumps(got))
    return path


def _drivers(saved: dict) -> dict[int, str]:
    """Each named cluster's driver id."""
    driver_of = dict(zip(saved["contacts"][S.ID].to_list(), saved["contacts"][S.DRIVER_ID].to_list(), strict=True))
    return {c: driver_of[saved["ids"][np.flatnonzero(saved["labels"] == c)[0]]] for c in saved["names"]}


def relabel(saved: dict) -> pl.DataFrame:
    """The saved contacts with each driver named again by today's `label_drivers` (a driver
    that kept a known name, not the one `label_drivers` gave, keeps it)."""
    from rootcause.embed import CachedEmbedder, get_embedder
    from rootcause.label import label_drivers
    from rootcause.settings import get_settings

    enc = CachedEmbedder(get_embedder(saved["embedder"]), get_settings().cache_dir / "embeddings")
    centering = saved["centering"]
    names = label_drivers(
        saved["texts"], saved["languages"], saved["labels"], saved["X"], report_language=saved["report_language"], ids=saved["ids"],
        embed=lambda phrases, lang: centering.transform(np.asarray(enc.encode(phrases), dtype=np.float32), [lang] * len(phrases)),
    )
    c = saved["contacts"]
    shown = dict(zip(c[S.DRIVER_ID].to_list(), c[S.DRIVER_LABEL].to_list(), strict=True))
    drivers = _drivers(saved)
    for n in names:
        driver = drivers[n.cluster]
        if shown[driver] == saved["names"][n.cluster]:
            shown[driver] = n.label
    return c.with_columns(pl.col(S.DRIVER_ID).replace_strict(shown).alias(S.DRIVER_LABEL))


def judge(contacts: pl.DataFrame, gold: dict[str, str], verbose: bool, label: str) -> dict:
    """label_acc as `bench/analyze.py` computes it, its name figures (`name_figures`), and
    each driver's name, size, majority gold reason and the gold reason the judge reads in the name."""
    c = contacts.filter(pl.col(S.ID).is_in(list(gold)))
    res: dict = {"label_acc": _label_acc(c, [gold[i] for i in c[S.ID].to_list()])}
    res.update(name_figures(contacts))
    drivers = c.filter(~pl.col(S.DRIVER_ID).is_in([S.UNASSIGNED, S.NOISE]))
    drivers = drivers.with_columns(pl.Series("gold", [gold[i] for i in drivers[S.ID].to_list()]))
    per = drivers.group_by(S.DRIVER_ID).agg(
        pl.col(S.DRIVER_LABEL).first(), pl.len().alias("n"), pl.col("gold").mode().sort().first(), pl.col(S.LANGUAGE).mode().sort().first()
    ).sort(["n", S.DRIVER_ID], descending=[True, False])
    nearest = _nearest(per[S.DRIVER_LABEL].to_list(), sorted({g for g in gold.values() if g not in ("other", "reject", "")}))
    res["names"] = []
    for r, (d, name, n, g, lang) in enumerate(per.iter_rows()):
        row = {"driver": d, "name": name, "n": n, "gold": g, "judged": nearest[r], "states_problem": states_problem(name), "only_things": only_things(name, lang)}
        res["names"].append(row)
        if verbose:
            flags = f"{'  ' if row['states_problem'] else 'NP'} {'TH' if row['only_things'] else '  '} {'OK' if nearest[r] == g else '--'}"
            print(f"  {label:10s} {d:5s} {n:3d} {flags} {name!r:42s} gold={g} judged={nearest[r]}")
    return res


def _nearest(names: list[str], gold_names: list[str]) -> list[str]:
    """The gold reason each name is nearest, as `_label_acc` judges it."""
    from rootcause.embed import get_embedder

    judge = get_embedder("use-multilingual-v3")
    sims = judge.encode(names) @ judge.encode([n.replace("_", " ") for n in gold_names]).T
    return [gold_names[j] for j in sims.argmax(axis=1)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="+", help="samples, or a folder in the contact-set format")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    ap.add_argument("--capture", action="store_true", help="run analyze and save the naming step's inputs")
    ap.add_argument("--saved", action="store_true", help="judge the names the captured run gave (no relabelling)")
    ap.add_argument("--run", type=Path, help="judge the names of the last bench/analyze.py run of this project root instead (its out/)")
    ap.add_argument("--tag", default="names", help="results file: bench/results/<tag>.json")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    results: dict = {}
    figures = ("label_acc", "names_no_problem", "names_things_only")
    for name in args.sets:
        if args.capture:
            for seed in args.seeds:
                print(f"captured {capture(name, seed)}", file=sys.stderr)
            continue
        gold = _gold(name)
        runs = []
        for seed in ["run"] if args.run else args.seeds:
            if args.run:
                folder = args.run / "out" / ("bench-samples" if name == "samples" else f"bench-set-{_key(name)}")
                contacts = pl.read_csv(folder / "contacts.csv", infer_schema_length=0)
            else:
                saved = pickle.loads((CAPTURE / f"{_key(name)}-seed{seed}.pkl").read_bytes())
                contacts = saved["contacts"] if args.saved else relabel(saved)
            res = judge(contacts, gold, args.verbose, f"{_key(name)}/{seed}")
            results[f"{_key(name)} seed {seed}"] = res
            runs.append(res)
            print(f"{_key(name)} seed {seed}: " + ", ".join(f"{k} {res[k]:.3f}" for k in figures))
        results[f"{_key(name)} mean"] = mean = {k: float(np.mean([r[k] for r in runs])) for k in figures}
        print(f"{_key(name)} mean: " + ", ".join(f"{k} {mean[k]:.3f}" for k in figures))
    per_set = [v for k, v in results.items() if k.endswith(" mean")]
    if per_set:
        results["mean over sets"] = {k: float(np.mean([r[k] for r in per_set])) for k in figures}
        results["worst set"] = {k: (max if k.startswith("names_") else min)(r[k] for r in per_set) for k in figures}
        for key in ("mean over sets", "worst set"):
            print(f"{key}: " + ", ".join(f"{k} {results[key][k]:.3f}" for k in figures))
        mode = "run" if args.run else ("saved" if args.saved else "relabelled")
        path = write_json(args.tag, {"mode": mode, "seeds": args.seeds, "results": results})
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
