"""The review queue, answered by a simulated reviewer from the gold labels.

For each set: run the analysis (the library call of `rootcause analyze`), build the review
queue (`rootcause.review.review_queue`), and let a reviewer answer its questions from the
gold labels:

* owner: the majority gold department of the driver's contacts (a ``set_owner`` decision);
* merge: accepted when both drivers have the same majority gold reason (a ``merge``);
* split: accepted when the driver has two gold reasons of ≥ 30 % each (a ``split``, 2 parts);
* group: the group's contacts (those of the driver whose own vote picks the question's
  department, `rootcause.review.split.own_owners`) are given to their majority gold
  department (a ``split`` with that ``owner``), declined when that is the driver's owner.

A declined merge or split counts as an answer and makes no decision. A question about a
driver that an earlier answer merged away or split is passed over (not counted). After 0, 5,
10 and 20 answers, the analysis is run again with the decisions so far (`analyze --decisions`)
and scored: owner accuracy per contact and NMI of the drivers against the gold reasons. Two
orders walk the same questions: the queue's, and "largest driver first" (the questions sorted
by their driver's contacts, a reviewer going down the driver list).

``--learning`` also measures learning from answers: fit and review on the first 8 weeks of the
export (weeks 1–8 from the Monday of the first contact; an export that spans more or less than
12 weeks is cut at 2/3 of its time range instead), then classify the rest (weeks 9–12) with
the model (a) without answers, (b) with the answers applied live (the API's model: decisions
applied to the fitted model) and (c) refitted with the answers (`analyze --decisions` on the
first weeks), and score their owners.

``--reach`` measures instead what answers could do at best, whatever their order
(``bench/results/review-reach.json``): every question of the queue answered alone, each
followed by a refit (the contacts it puts right or wrong); the best 10 moves of a part of a
driver (Ward clustering in 2 or 3 parts, as a split divides it) to the driver whose majority
gold reason is the part's, chosen knowing the gold labels; and learning with every question
of the queue answered.

    .venv/bin/python bench/review.py [samples] --set ../shared/data/contact_sets/energy [--set ...] [--learning | --reach]

Writes ``bench/results/review.json`` (date, commit).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analyze import SAMPLE_INPUTS, SAMPLES, _driver_scores, sample_gold, set_inputs  # noqa: E402
from common import ROOT, write_json  # noqa: E402

from rootcause import schema as S  # noqa: E402
from rootcause.attribute import load_catalogue  # noqa: E402
from rootcause.ingest import read_contacts  # noqa: E402
from rootcause.pipeline import analyze_frame  # noqa: E402
from rootcause.result import AnalysisResult  # noqa: E402
from rootcause.review import Decision, Question, apply_decisions, queue_for_result  # noqa: E402
from rootcause.review.split import own_owners  # noqa: E402

CHECKPOINTS = (0, 5, 10, 20)
SPLIT_MIN_SHARE = 0.30  # the reviewer: a driver with two gold reasons of >= 30 % each


@dataclass
class Labelled:
    """A set as the bench sees it: the ingested contacts, the catalogue, and gold per id."""

    name: str
    contacts: pl.DataFrame
    departments: Path
    reason: dict[str, str]
    owner: dict[str, str]  # "" where no department owns the contact (not scored)


def load_set(folder: Path) -> Labelled:
    given, rows = set_inputs(folder, ROOT / "out" / f"bench-review-{folder.name}")
    contacts = read_contacts([given]).contacts
    return Labelled(folder.name, contacts, folder / "departments.yaml", {r["id"]: r["reason"] for r in rows}, {r["id"]: r["department"] for r in rows})


def load_samples() -> Labelled:
    gold = sample_gold()
    contacts = read_contacts(SAMPLE_INPUTS).contacts  # all of it is analysed, as `bench/analyze.py` does; gold ids are scored
    return Labelled("samples", contacts, SAMPLES / "departments.yaml", {i: g["driver"] for i, g in gold.items()}, {i: g["owner"] for i, g in gold.items()})


def score(result: AnalysisResult, data: Labelled) -> dict[str, float]:
    c = result.contacts.filter(pl.col(S.ID).is_in(list(data.reason)))
    ids = c[S.ID].to_list()
    owned = [(o, data.owner[i]) for i, o in zip(ids, c[S.OWNER_DEPARTMENT].to_list(), strict=True) if data.owner[i]]
    nmi = _driver_scores([data.reason[i] for i in ids], c[S.DRIVER_ID].to_list())["nmi"]
    return {"owner_acc": float(np.mean([o == g for o, g in owned])), "nmi": float(nmi), "n_drivers": int(result.drivers.height)}


class Reviewer:
    """Answers questions from the gold labels of the contacts of the run that asked them."""

    def __init__(self, result: AnalysisResult, data: Labelled) -> None:
        c = result.contacts.filter(pl.col(S.ID).is_in(list(data.reason)))
        self.members: dict[str, list[str]] = {}
        for i, d in zip(c[S.ID].to_list(), c[S.DRIVER_ID].to_list(), strict=True):
            self.members.setdefault(d, []).append(i)
        self.data = data
        raw = data.contacts.filter(pl.col(S.ID).is_in(c[S.ID].to_list()))
        subjects = raw[S.SUBJECT].to_list() if S.SUBJECT in raw.columns else None
        # what a group question's contacts are: each contact's own department, as the model sees it
        self.own = dict(zip(raw[S.ID].to_list(), own_owners(result.model, raw[S.TEXT].to_list(), subjects=subjects), strict=True))

    def ceilings(self) -> dict[str, float]:
        """Owner accuracy if every driver, or every group of a driver's contacts by their own
        department (what group questions can carve out), had its majority gold department."""

        def best(groups: Sequence[list[str]]) -> float:
            scored = [[i for i in g if self.data.owner[i]] for g in groups]
            total = sum(len(g) for g in scored)
            return sum(self._majority(g, self.data.owner)[2][0][1] for g in scored if g) / max(total, 1)

        groups: dict[tuple[str, str], list[str]] = {}
        for d, ids in self.members.items():
            for i in ids:
                groups.setdefault((d, self.own.get(i, "")), []).append(i)
        return {"every_driver": best(list(self.members.values())), "every_group": best(list(groups.values()))}

    def _majority(self, ids: Sequence[str], gold: dict[str, str]) -> tuple[str, float, list[tuple[str, int]]]:
        counts = Counter(gold[i] for i in ids if gold[i])
        if not counts:
            return "", 0.0, []
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return top[0][0], top[0][1] / sum(counts.values()), top

    def answer(self, q: Question, merged: dict[str, str]) -> Decision | None:
        """The decision the answer makes, or None (a declined merge or split)."""
        ids = [i for d, m in self.members.items() if merged.get(d, d) == q.driver_id for i in m]
        if q.kind == "owner":
            dep, _, _ = self._majority(ids, self.data.owner)
            return q.decision(department=dep) if dep else None
        if q.kind == "group":
            dep, _, _ = self._majority([i for i in ids if self.own.get(i) == q.candidates[0].id], self.data.owner)
            return q.decision(department=dep) if dep else None
        if q.kind == "merge":
            other = [i for d, m in self.members.items() if merged.get(d, d) == q.candidates[0].id for i in m]
            same = self._majority(ids, self.data.reason)[0] == self._majority(other, self.data.reason)[0]
            return q.decision(accept=same)
        _, _, top = self._majority(ids, self.data.reason)
        n = sum(k for _, k in top)
        return q.decision(accept=len(top) >= 2 and top[1][1] / n >= SPLIT_MIN_SHARE)


def simulate(questions: Sequence[Question], reviewer: Reviewer, n: int) -> tuple[list[Decision], list[str]]:
    """The decisions of the first `n` answers, and the keys of the questions answered."""
    decisions: list[Decision] = []
    asked: list[str] = []
    merged: dict[str, str] = {}  # absorbed driver -> target
    gone: set[str] = set()  # split drivers
    carved: set[str] = set()  # drivers a group was carved out of: not split again
    for q in questions:
        if len(asked) == n:
            break
        touched = {q.driver_id} | ({q.candidates[0].id} if q.kind == "merge" else set())
        if touched & (set(merged) | gone) or (q.kind in ("split", "group") and q.driver_id in carved):
            continue
        dec = reviewer.answer(q, merged)
        asked.append(q.key)
        if dec is None:
            continue
        decisions.append(dec)
        if dec.action == "merge":
            merged[q.driver_id] = q.candidates[0].id
            for k, v in list(merged.items()):
                if v == q.driver_id:
                    merged[k] = q.candidates[0].id
        elif dec.action == "split" and dec.payload.get("owner"):
            carved.add(q.driver_id)
        elif dec.action == "split":
            gone.add(q.driver_id)
    return decisions, asked


def largest_first(questions: Sequence[Question]) -> list[Question]:
    return sorted(questions, key=lambda q: -q.contacts)  # stable: the queue's order among equals


def run_review(data: Labelled, seed: int) -> dict[str, Any]:
    catalogue = load_catalogue(data.departments)
    cache: dict[tuple[str, ...], dict[str, float]] = {}

    def after(decisions: list[Decision]) -> dict[str, float]:
        key = tuple(f"{d.action}:{d.driver_id}:{sorted(d.payload.items())}" for d in decisions)
        if key not in cache:
            cache[key] = score(analyze_frame(data.contacts, catalogue, seed=seed, decisions=decisions), data)
        return cache[key]

    base = analyze_frame(data.contacts, catalogue, seed=seed)
    cache[()] = score(base, data)
    questions = queue_for_result(base)
    reviewer = Reviewer(base, data)
    out: dict[str, Any] = {"n_questions": len(questions), "kinds": dict(Counter(q.kind for q in questions)), "ceiling": reviewer.ceilings()}
    print(f"  {data.name} ceilings: {out['ceiling']}", file=sys.stderr)
    for order, qs in (("queue", questions), ("largest_first", largest_first(questions))):
        for n in CHECKPOINTS:
            decisions, asked = simulate(qs, reviewer, n)
            res = after(decisions)
            out[f"{order}@{n}"] = {**res, "answers": len(asked), "decisions": [d.action for d in decisions]}
            print(f"  {data.name} {order}@{n}: owner {res['owner_acc']:.3f} nmi {res['nmi']:.3f}", file=sys.stderr)
    return out


def cut_in_time(contacts: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, str]:
    """Weeks 1–8 and 9–12 of an export spanning 12 weeks; else the first 2/3 of its time range and the rest."""
    when = contacts[S.CREATED_AT].drop_nulls()
    first, last = when.min(), when.max()
    monday = (first - timedelta(days=first.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)  # type: ignore[operator,union-attr]
    if timedelta(weeks=11) < last - monday <= timedelta(weeks=12):  # type: ignore[operator]
        cut, how = monday + timedelta(weeks=8), "weeks 1-8 / 9-12"
    else:
        cut, how = first + (last - first) * 2 / 3, "first 2/3 / last 1/3 of the time range"  # type: ignore[operator]
    early = contacts.filter(pl.col(S.CREATED_AT) < cut)
    return early, contacts.filter(pl.col(S.CREATED_AT) >= cut), how


def run_learning(data: Labelled, seed: int, answers: Sequence[int] = (10, 20)) -> dict[str, Any]:
    catalogue = load_catalogue(data.departments)
    early, late, how = cut_in_time(data.contacts)
    scored = late.filter(pl.col(S.ID).is_in([i for i, o in data.owner.items() if o]))
    gold = [data.owner[i] for i in scored[S.ID].to_list()]

    def owners_of(model: Any) -> float:
        subjects = scored[S.SUBJECT].to_list() if S.SUBJECT in scored.columns else None
        c = model.classify(scored[S.TEXT].to_list(), ids=scored[S.ID].to_list(), subjects=subjects)
        return float(np.mean([o == g for o, g in zip(c[S.OWNER_DEPARTMENT].to_list(), gold, strict=True)]))

    base = analyze_frame(early, catalogue, seed=seed)
    questions = queue_for_result(base)
    out: dict[str, Any] = {"cut": how, "n_fit": early.height, "n_new": scored.height, "without_answers": owners_of(base.model)}
    reviewer = Reviewer(base, Labelled(data.name, early, data.departments, data.reason, data.owner))
    for n in answers:
        decisions, asked = simulate(questions, reviewer, n)
        live = apply_decisions(base.model, decisions, strict=False, departments=catalogue.ids)
        refit = analyze_frame(early, catalogue, seed=seed, decisions=decisions).model
        out[f"live@{n}"] = owners_of(live)
        out[f"refit@{n}"] = owners_of(refit)
        print(f"  {data.name} learning@{n}: without {out['without_answers']:.3f} live {out[f'live@{n}']:.3f} refit {out[f'refit@{n}']:.3f}", file=sys.stderr)
    return out


EVERY = 10_000  # more answers than any queue has questions: all of them
MOVES = 10


def run_reach(data: Labelled, seed: int) -> dict[str, Any]:
    """What answers could do at best on `data` (see the module doc, ``--reach``)."""
    from sklearn.cluster import AgglomerativeClustering

    from rootcause.prepare import prepare_texts

    catalogue = load_catalogue(data.departments)
    base = analyze_frame(data.contacts, catalogue, seed=seed)
    before = score(base, data)
    c = base.contacts.filter(pl.col(S.ID).is_in([i for i, o in data.owner.items() if o]))
    n = c.height
    reviewer = Reviewer(base, data)
    gains = []
    for q in queue_for_result(base):
        dec = reviewer.answer(q, {})
        after = score(analyze_frame(data.contacts, catalogue, seed=seed, decisions=[dec]), data) if dec else before
        gains.append(round((after["owner_acc"] - before["owner_acc"]) * n))
    ids, drivers, owners = c[S.ID].to_list(), np.array(c[S.DRIVER_ID].to_list()), np.array(c[S.OWNER_DEPARTMENT].to_list())
    raw = data.contacts.filter(pl.col(S.ID).is_in(ids))
    at = {i: k for k, i in enumerate(raw[S.ID].to_list())}
    subjects = raw[S.SUBJECT].to_list() if S.SUBJECT in raw.columns else None
    X = base.model.assign(prepare_texts(raw[S.TEXT].to_list(), subjects), novelty=False).vectors[[at[i] for i in ids]]
    gold_dep, gold_reason = np.array([data.owner[i] for i in ids]), np.array([data.reason[i] for i in ids])
    majority = {d: Counter(gold_reason[drivers == d]).most_common(1)[0][0] for d in set(drivers)}
    owner_of = {d: Counter(owners[drivers == d]).most_common(1)[0][0] for d in set(drivers)}
    moves = []  # (contacts put right, driver, target)
    for d in sorted(set(drivers)):
        rows = np.flatnonzero(drivers == d)
        for k in (2, 3):
            if len(rows) < 2 * k:
                continue
            part = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(X[rows])
            for p in range(k):
                P = rows[part == p]
                reason = Counter(gold_reason[P]).most_common(1)[0][0]
                for t in sorted(set(drivers) - {d}):
                    if majority[t] == reason:
                        moves.append((int((gold_dep[P] == owner_of[t]).sum() - (gold_dep[P] == owners[P]).sum()), d, t))
    best: dict[str, int] = {}
    for g, d, _ in sorted(moves, reverse=True):
        if g > 0 and d not in best and len(best) < MOVES:
            best[d] = g
    out = {
        "owner_acc": before["owner_acc"],
        "questions": len(gains),
        "answer_gains": {"put_right": sum(g for g in gains if g > 0), "put_wrong": -sum(g for g in gains if g < 0), "best": max(gains, default=0)},
        f"best_{MOVES}_moves": before["owner_acc"] + sum(best.values()) / n,
    }
    learning = run_learning(data, seed, answers=(EVERY,))
    out["learning_every_answer"] = {"without_answers": learning["without_answers"], "live": learning[f"live@{EVERY}"], "refit": learning[f"refit@{EVERY}"]}
    print(f"  {data.name} reach: {out}", file=sys.stderr)
    return out


def reach_table(results: dict[str, Any]) -> str:
    """The table of a ``--reach`` run."""
    lines = [
        "| set | owners | questions | contacts put right / wrong, each answer alone (best one) | best 10 part moves | new contacts without / every answer live / refit |",
        "|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        a, le = r["answer_gains"], r["learning_every_answer"]
        lines.append(
            f"| {name} | {r['owner_acc']:.3f} | {r['questions']} | {a['put_right']} / {a['put_wrong']} ({a['best']}) | {r[f'best_{MOVES}_moves']:.3f} | "
            f"{le['without_answers']:.3f} / {le['live']:.3f} / {le['refit']:.3f} |"
        )
    return "\n".join(lines)


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        return head + ("+changes" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _mean(rows: Sequence[dict[str, Any]], key: Callable[[dict[str, Any]], float]) -> float:
    return float(np.mean([key(r) for r in rows]))


def tables(payload: dict[str, Any]) -> str:
    """The README's tables of a run: per set, the mean of the contact sets and of all sets."""
    results = payload["results"]
    names = list(results)
    groups = [("mean of the contact sets", [n for n in names if n != "samples"]), ("mean of all", names)]
    groups = [(g, ns) for g, ns in groups if ns and (len(ns) > 1 or g == "mean of all") and (g != "mean of all" or len(ns) > len(groups[0][1]))]
    lines = ["| set | order | " + " | ".join(f"owner@{n}" for n in CHECKPOINTS) + " | " + " | ".join(f"NMI@{n}" for n in CHECKPOINTS) + " |"]
    lines.append("|---" * (2 + 2 * len(CHECKPOINTS)) + "|")
    for name in [*names, *(g for g, _ in groups)]:
        members = dict(groups).get(name, [name])
        for order in ("queue", "largest_first"):
            rows = [results[n]["review"] for n in members]
            own = [f"{_mean(rows, lambda r, n=n: r[f'{order}@{n}']['owner_acc']):.3f}" for n in CHECKPOINTS]
            nmi = [f"{_mean(rows, lambda r, n=n: r[f'{order}@{n}']['nmi']):.3f}" for n in CHECKPOINTS]
            lines.append(f"| {name} | {order.replace('_', ' ')} | " + " | ".join(own + nmi) + " |")
    if all("ceiling" in results[n]["review"] for n in names):
        lines += ["", "| set | every driver its majority | every group its majority |", "|---|---|---|"]
        for name in names:
            c = results[name]["review"]["ceiling"]
            lines.append(f"| {name} | {c['every_driver']:.3f} | {c['every_group']:.3f} |")
    if all("learning" in results[n] for n in names):
        keys = ["without_answers", "live@10", "refit@10", "live@20", "refit@20"]
        lines += ["", "| set | cut | fit / new contacts | " + " | ".join(keys) + " |", "|---" * (3 + len(keys)) + "|"]
        for name in names:
            r = results[name]["learning"]
            lines.append(f"| {name} | {r['cut']} | {r['n_fit']} / {r['n_new']} | " + " | ".join(f"{r[k]:.3f}" for k in keys) + " |")
        for group, members in groups:
            rows = [results[n]["learning"] for n in members]
            lines.append(f"| {group} | | | " + " | ".join(f"{_mean(rows, lambda r, k=k: r[k]):.3f}" for k in keys) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="*", help="samples (the bundled sample)")
    ap.add_argument("--set", dest="folders", action="append", default=[], type=Path, help="a folder in the contact-set format (repeatable)")
    ap.add_argument("--seed", type=int, default=0, help="discovery seed")
    ap.add_argument("--learning", action="store_true", help="also fit on the first weeks and score owners of the later ones")
    ap.add_argument("--reach", action="store_true", help="measure what answers could do at best instead (bench/results/review-reach.json)")
    ap.add_argument("--table", action="store_true", help="print the tables of bench/results/review.json and exit")
    args = ap.parse_args()
    if args.table:
        import json

        print(tables(json.loads((ROOT / "bench" / "results" / "review.json").read_text(encoding="utf-8"))))
        return
    loaders: list[Callable[[], Labelled]] = [load_samples] if "samples" in args.sets else []
    loaders += [lambda f=f: load_set(f) for f in args.folders]
    if not loaders:
        ap.error("name samples and/or --set DIR")
    results: dict[str, Any] = {}
    for load in loaders:
        t0 = time.perf_counter()
        data = load()
        print(f"{data.name}: {data.contacts.height} contacts", file=sys.stderr)
        if args.reach:
            results[data.name] = run_reach(data, args.seed)
            continue
        results[data.name] = {"review": run_review(data, args.seed)}
        if args.learning:
            results[data.name]["learning"] = run_learning(data, args.seed)
        results[data.name]["seconds"] = round(time.perf_counter() - t0)
    payload = {"date": time.strftime("%Y-%m-%d"), "commit": _commit(), "seed": args.seed, "results": results}
    print(reach_table(results) if args.reach else tables(payload))
    path = write_json("review-reach" if args.reach else "review", payload)
    print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
