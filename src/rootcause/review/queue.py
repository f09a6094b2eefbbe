"""The review queue: the few questions whose answers change most, asked first.

Each question is about one driver and has a kind:

* ``owner`` — confirm or correct the driver's owner. The candidates are the two departments
  attribution scored highest. Its uncertainty is the runner-up's score over the owner's
  (1.0 when they tie, 0.0 when no other department scores at all).
* ``merge`` — are this driver and its nearest driver one problem? Asked only for two drivers
  that are each other's nearest (by the cosine of their centroids, in the space drivers are
  found in); the candidate is the larger one (the merge target). Its uncertainty is that
  cosine: how alike the two drivers read.
* ``split`` — does this driver mix two problems? Its contacts were divided in two by Ward
  clustering when the model was fitted (`purity_signals`); the candidates are the two parts'
  shares. Its uncertainty is the parts' separation (1 − the cosine of their centroids), and
  only the smaller part's contacts would move.

* ``group`` — do these contacts of the driver belong to another department? The driver's
  owner applies to all its contacts, but some of them read like another department's
  process: their own vote (`ContactOwners.votes`, the per-contact owner of attribution) picks
  that department (`member_owners`, computed at fit time). The question names the largest
  such group under half the driver (the owner stands for the majority); the candidates are that department and the driver's owner. Its uncertainty
  is the group's mean vote for its department: how clearly its contacts name that process.
  Accepted, it is a ``split`` with an ``owner``: the group is carved out as part ``.2``,
  owned by that department (`rootcause.review.split`), at every refit.

A question's ``expected_fixed`` is the contacts an answer may put right: the driver's
contacts (for a merge the smaller driver's; for a split the smaller part's; for a group
the group's) times its uncertainty. A merge, split or group question whose "yes" may not put
even one contact right (``expected_fixed`` under 1: two drivers that do not read alike at all,
similarity 0.00) is not asked: the floor is the queue's own unit, one contact, not a tuned
threshold. Owner questions are all kept: every driver's owner can be confirmed. An emerging driver counts its contacts twice: it grew at least twofold over
its recent weeks, so at least as many again are coming. The queue is sorted by
``expected_fixed``, so contested owners (two departments nearly tied) and new, growing
drivers come first.

Measured by ``bench/review.py`` (a simulated reviewer answering from the gold labels):
see the README, section "The review queue".
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from rootcause.attribute.owner import CONTESTED_MARGIN
from rootcause.errors import BadInputError
from rootcause.model.driver_model import DriverModel
from rootcause.review.decisions import Decision

QUESTION_KINDS = ("owner", "merge", "split", "group")
GROUP_MIN_CONTACTS = 2  # a group question carves out at least this many contacts (and leaves some)
EMERGING_WEIGHT = 2.0  # an emerging driver grew ≥ 2× (`measure.metrics.EMERGING_GROWTH`): as many again to come
MIN_EXPECTED_FIXED = 1.0  # a merge/split/group question that may not put one contact right is not asked (the queue's unit)
PURITY_SAMPLE = 500  # at most this many contacts per driver go into its two-way split (Ward's cost grows as n²)

_REASONS = {
    "en": {
        "owner": "owner uncertain: {first} scores {p1:.2f}, {second} {p2:.2f}",
        "owner_contested": "contested owner: {first} {p1:.2f} against {second} {p2:.2f}",
        "merge": "reads like {other} (similarity {sim:.2f}): one problem or two?",
        "split": "its contacts fall in two groups ({a:.0%} / {b:.0%}, separation {sep:.2f}): two problems?",
        "group": "{k} of its contacts read like {other}'s process (their vote {vote:.2f}), not {owner}'s: give them to {other}?",
        "emerging": "emerging driver",
        "tail": "{n} contacts; an answer may put about {fixed:.0f} right",
        "tail_emerging": "{n} contacts so far; an answer may put about {fixed:.0f} right, counting those still to come",
        # the fixed words of the queue as listed (`rootcause review-queue`)
        "kind.owner": "owner", "kind.merge": "merge", "kind.split": "split", "kind.group": "group",
        "candidates": "candidates: {candidates}",
        "key": "to answer no: decline {key}",
        "none_left": "No question left: every driver is reviewed.",
        "written": "{n} questions → {path}",
    },
    "fr": {
        "owner": "responsable incertain : {first} obtient {p1:.2f}, {second} {p2:.2f}",
        "owner_contested": "responsable contesté : {first} {p1:.2f} contre {second} {p2:.2f}",
        "merge": "ressemble à {other} (similarité {sim:.2f}) : un seul problème ou deux ?",
        "split": "ses contacts forment deux groupes ({a:.0%} / {b:.0%}, séparation {sep:.2f}) : deux problèmes ?",
        "group": "{k} de ses contacts relèvent plutôt de {other} (leur vote {vote:.2f}) que de {owner} : les confier à {other} ?",
        "emerging": "motif émergent",
        "tail": "{n} contacts ; une réponse peut en corriger environ {fixed:.0f}",
        "tail_emerging": "{n} contacts à ce jour ; une réponse peut en corriger environ {fixed:.0f}, en comptant ceux à venir",
        "kind.owner": "responsable", "kind.merge": "fusion", "kind.split": "scission", "kind.group": "groupe",
        "candidates": "candidats : {candidates}",
        "key": "pour répondre non : decline {key}",
        "none_left": "Plus aucune question : chaque motif est revu.",
        "written": "{n} questions → {path}",
    },
}


def _owner_reviewed(d: Any) -> bool:
    """Whether a reviewer set or confirmed the driver's owner (`set_owner`, a group's split):
    that owner then stands at confidence 1.0 (`review.apply`)."""
    return bool(d.reviewed) and d.owner_confidence >= 1.0


@dataclass
class Candidate:
    """One possible answer: a department (owner), a driver (merge) or a part (split), with its score."""

    id: str
    score: float
    name: str = ""


@dataclass
class Question:
    """One question of the review queue.

    Attributes
    ----------
    kind
        ``owner``, ``merge``, ``split`` or ``group``.
    driver_id, label
        The driver asked about.
    contacts
        Its contacts (live counts when the caller gives them, else those of the fit).
    uncertainty
        0–1: how likely the answer changes something (see the module doc).
    expected_fixed
        Contacts an answer may put right: the ranking key.
    candidates
        owner: the two highest-scored departments; merge: the target driver; split: the two parts;
        group: the department the group reads like (its mean vote) and the driver's owner.
    group
        group: the contacts the answer would carve out (live counts scaled like `contacts`); else 0.
    reason
        Why it is asked, in words.
    emerging, contested
        The driver's flags.
    """

    kind: str
    driver_id: str
    label: str
    contacts: int
    uncertainty: float
    expected_fixed: float
    candidates: list[Candidate]
    reason: str
    emerging: bool = False
    contested: bool = False
    group: int = 0

    @property
    def key(self) -> str:
        """A stable name for the question ("owner:D007", "merge:D009>D003", "split:D002", "group:D004>billing")."""
        if self.kind in ("merge", "group"):
            return f"{self.kind}:{self.driver_id}>{self.candidates[0].id}"
        return f"{self.kind}:{self.driver_id}"

    def decision(self, *, accept: bool = True, department: str | None = None, author: str = "") -> Decision | None:
        """The review decision an answer makes, or None for a declined merge, split or group.

        An owner question is always answered with a department (the first candidate unless
        `department` names another); a merge or a split is accepted or declined; a group is
        declined, or given to a department (the first candidate unless `department` names
        another): a ``split`` with that ``owner``. Giving the group to the driver's own owner
        is declining it.
        """
        if self.kind == "owner":
            dep = department or self.candidates[0].id
            return Decision("set_owner", self.driver_id, {"department": dep}, author=author)
        if not accept:
            return None
        if self.kind == "group":
            dep = department or self.candidates[0].id
            if dep == self.candidates[-1].id:
                return None
            return Decision("split", self.driver_id, {"parts": 2, "owner": dep}, author=author)
        if self.kind == "merge":
            return Decision("merge", self.driver_id, {"into": self.candidates[0].id}, author=author)
        return Decision("split", self.driver_id, {"parts": 2}, author=author)

    def decline(self, *, author: str = "") -> Decision:
        """The decision that records a "no" to a merge, split or group question, so that the queue
        does not ask it again (undo it to be asked again)."""
        return Decision("decline", self.driver_id, {"question": self.key}, author=author)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, with ``key``."""
        return {"key": self.key, **asdict(self)}


@dataclass
class _Signals:
    size: int
    emerging: bool
    weight: float = field(init=False)

    def __post_init__(self) -> None:
        self.weight = self.size * (EMERGING_WEIGHT if self.emerging else 1.0)


def review_queue(
    model: DriverModel,
    *,
    sizes: Mapping[str, int] | None = None,
    emerging: Collection[str] = (),
    skip: Collection[str] = (),
    limit: int | None = None,
    language: str = "en",
) -> list[Question]:
    """The questions about `model`'s drivers, those whose answers may fix most contacts first.

    Parameters
    ----------
    model
        The driver model with the review decisions so far applied (`apply_decisions`):
        a driver whose owner a reviewer set or confirmed is asked no owner question (a rename
        or a merge leaves it asked), a merged-away driver nothing.
    sizes
        Contacts per driver id (live counts, e.g. from the store); default: the fit's sizes.
    emerging
        Ids of the emerging drivers (`drivers.csv`'s ``emerging``).
    skip
        Keys of questions to leave out, besides those the trail declined (``decline`` decisions,
        ``model.meta["declined"]``).
    limit
        At most this many questions (all when None).
    language
        ``en`` or ``fr``: the language of each question's ``reason``.

    Returns
    -------
    list[Question]
        Sorted by ``expected_fixed``, largest first (ties by driver id).
    """
    if language not in _REASONS:
        raise BadInputError(f"Review queue language {language!r}: choose one of {', '.join(_REASONS)}.")
    if limit is not None and limit < 0:
        raise BadInputError(f"limit={limit} should be >= 0 (or None for every question).")
    words = _REASONS[language]
    names: dict[str, str] = dict(model.meta.get("department_names") or {})
    live = [(i, d) for i, d in enumerate(model.drivers) if d.driver_id not in model.aliases]
    pending = set(model.meta.get("splits_pending") or ())  # split already, at the next refit
    signals = {
        d.driver_id: _Signals(int(sizes.get(d.driver_id, 0)) if sizes is not None else int(d.size), d.driver_id in emerging)
        for _, d in live
    }
    out: list[Question] = []
    for _, d in live:
        s = signals[d.driver_id]
        if s.size == 0:
            continue
        if not _owner_reviewed(d) and len(d.owner_scores) >= 2:
            ranked = sorted(d.owner_scores.items(), key=lambda kv: (-kv[1], kv[0]))
            first = d.owner_department or ranked[0][0]  # the owner, and the best other department
            p1 = float(d.owner_scores.get(first, 0.0))
            second, p2 = next((dep, float(p)) for dep, p in ranked if dep != first)
            u = float(p2 / p1) if p1 > 0 else 1.0
            contested = p1 - p2 < CONTESTED_MARGIN
            text = words["owner_contested" if contested else "owner"].format(
                first=names.get(first, first), p1=p1, second=names.get(second, second), p2=p2
            )
            cands = [Candidate(first, round(float(p1), 4), names.get(first, "")), Candidate(second, round(float(p2), 4), names.get(second, ""))]
            out.append(_question("owner", d, s, min(u, 1.0), s.weight, cands, text, words, contested))
        whole = len(d.driver_id.split(".")) == 1 and d.driver_id not in pending  # a part is not split again here
        carved = any(k.startswith(d.driver_id + ".") for k in signals)
        if whole and not carved:
            g = _group_question(d, s, names, words)
            if g is not None:
                out.append(g)
        if d.split_share > 0 and whole and not carved:
            a = 1.0 - d.split_share
            text = words["split"].format(a=a, b=d.split_share, sep=d.split_separation)
            cands = [Candidate(f"{d.driver_id}.1", round(a, 4)), Candidate(f"{d.driver_id}.2", round(d.split_share, 4))]
            out.append(_question("split", d, s, d.split_separation, s.weight * d.split_share, cands, text, words, False))
    out.extend(_merge_questions(model, live, signals, words))
    left_out = set(skip) | set(model.meta.get("declined") or ())
    out = [q for q in out if q.key not in left_out and (q.kind == "owner" or q.expected_fixed >= MIN_EXPECTED_FIXED)]
    out.sort(key=lambda q: (-q.expected_fixed, q.driver_id, q.kind))
    return out if limit is None else out[:limit]


def _question(
    kind: str, d: Any, s: _Signals, u: float, weight: float, cands: list[Candidate], text: str, words: dict[str, str], contested: bool
) -> Question:
    fixed = weight * u
    # an emerging driver counts its contacts still to come: "14 of 12" must say so (an analyst trial)
    tail = words["tail_emerging" if s.emerging and fixed > s.size else "tail"].format(n=s.size, fixed=fixed)
    parts = ([words["emerging"]] if s.emerging else []) + [text, tail]
    return Question(
        kind=kind,
        driver_id=d.driver_id,
        label=d.label,
        contacts=s.size,
        uncertainty=round(float(u), 4),
        expected_fixed=round(float(fixed), 2),
        candidates=cands,
        reason="; ".join(parts),
        emerging=s.emerging,
        contested=contested,
    )


def _group_question(d: Any, s: _Signals, names: Mapping[str, str], words: dict[str, str]) -> Question | None:
    """The question about the largest group of `d`'s contacts whose own vote picks another
    department than its owner (`member_owners`), or None when there is none."""
    owner = d.owner_department
    groups = [(int(n), float(v), dep) for dep, (n, v) in d.member_owners.items() if dep != owner]
    fitted = max(int(d.size), sum(int(n) for n, _ in d.member_owners.values()), 1)
    # under half the driver: the owner stands for its majority (were most of its contacts
    # another department's, that is the owner question's runner-up)
    groups = [g for g in groups if GROUP_MIN_CONTACTS <= g[0] and 2 * g[0] < fitted]
    if not owner or not groups:
        return None
    n, vote, dep = max(groups, key=lambda g: (g[0], g[1], g[2]))
    k = max(1, round(n * s.size / fitted))  # live counts, as the driver's
    text = words["group"].format(k=k, other=names.get(dep, dep), vote=vote, owner=names.get(owner, owner))
    cands = [Candidate(dep, round(vote, 4), names.get(dep, "")), Candidate(owner, round(float(d.owner_scores.get(owner, 0.0)), 4), names.get(owner, ""))]
    q = _question("group", d, s, vote, k * (EMERGING_WEIGHT if s.emerging else 1.0), cands, text, words, False)
    q.group = k
    return q


def _merge_questions(model: DriverModel, live: Sequence[tuple[int, Any]], signals: Mapping[str, _Signals], words: dict[str, str]) -> list[Question]:
    """One question per pair of drivers that are each other's nearest (centroid cosine)."""
    centroids = getattr(model.discovery, "centroids_", None)
    if centroids is None or len(live) < 2:
        return []
    C = np.asarray(centroids, dtype=np.float64)
    rows = [i for i, _ in live if i < len(C)]
    if len(rows) < 2:
        return []
    C = C[rows]
    C = C / np.maximum(np.linalg.norm(C, axis=1, keepdims=True), 1e-12)
    sims = C @ C.T
    np.fill_diagonal(sims, -np.inf)
    nearest = sims.argmax(axis=1)
    drivers = [model.drivers[i] for i in rows]
    out = []
    for a, b in enumerate(nearest):
        if nearest[b] != a or a > b:
            continue
        da, db = drivers[a], drivers[int(b)]
        sa, sb = signals[da.driver_id], signals[db.driver_id]
        if sa.size == 0 or sb.size == 0:
            continue
        small, large = (da, db) if (sa.size, db.driver_id) < (sb.size, da.driver_id) else (db, da)
        sim = max(float(sims[a, b]), 0.0)
        text = words["merge"].format(other=f"{large.driver_id} “{large.label}”", sim=sim)
        q = _question("merge", small, signals[small.driver_id], sim, signals[small.driver_id].weight, [Candidate(large.driver_id, round(sim, 4), large.label)], text, words, False)
        out.append(q)
    return out


def purity_signals(X: np.ndarray, labels: np.ndarray, k: int, *, seed: int = 0) -> list[tuple[float, float]]:
    """Per driver ``0..k-1``: (share of its smaller part, separation) of a two-way split.

    The contacts of each driver (at most `PURITY_SAMPLE`, drawn with `seed`) are divided in
    two by Ward clustering, as a split decision would (`rootcause.review.split`); the
    separation is 1 − the cosine of the two parts' centroids. A driver of under 4 contacts
    gets (0.0, 0.0): no split question.
    """
    from sklearn.cluster import AgglomerativeClustering

    rng = np.random.default_rng(seed)
    out: list[tuple[float, float]] = []
    for c in range(k):
        rows = np.flatnonzero(labels == c)
        if len(rows) < 4:
            out.append((0.0, 0.0))
            continue
        if len(rows) > PURITY_SAMPLE:
            rows = np.sort(rng.choice(rows, PURITY_SAMPLE, replace=False))
        part = AgglomerativeClustering(n_clusters=2, linkage="ward").fit_predict(X[rows])
        a, b = X[rows][part == 0].mean(axis=0), X[rows][part == 1].mean(axis=0)
        cos = float(a @ b / max(float(np.linalg.norm(a) * np.linalg.norm(b)), 1e-12))
        out.append((round(float(min(np.mean(part == 0), np.mean(part == 1))), 4), round(1.0 - cos, 4)))
    return out


def member_owners(votes: np.ndarray, labels: np.ndarray, k: int, departments: Sequence[str]) -> list[dict[str, list[float]]]:
    """Per driver ``0..k-1``: department -> [its contacts whose own vote picks it, their mean vote].

    `votes` are the contacts' own soft votes over `departments` (`ContactOwners.votes`, rows
    sum to 1). What a group question carves out of a driver: the contacts whose own words
    point to another department than the driver's owner.
    """
    top = votes.argmax(axis=1) if len(votes) else np.zeros(0, dtype=np.int64)
    out: list[dict[str, list[float]]] = []
    for c in range(k):
        rows = np.flatnonzero(labels == c)
        groups: dict[str, list[float]] = {}
        for j in sorted(set(top[rows].tolist())):
            picked = rows[top[rows] == j]
            groups[str(departments[j])] = [int(len(picked)), round(float(votes[picked, j].mean()), 4)]
        out.append(groups)
    return out


QUEUE_COLUMNS = ("rank", "key", "kind", "driver_id", "label", "contacts", "group", "expected_fixed", "uncertainty", "candidates", "reason", "emerging", "contested")


def queue_frame(questions: Sequence[Question]) -> Any:
    """The queue as a polars frame (`QUEUE_COLUMNS`; candidates joined as ``id (score); …``)."""
    import polars as pl

    rows = [
        {
            "rank": r + 1,
            "key": q.key,
            "kind": q.kind,
            "driver_id": q.driver_id,
            "label": q.label,
            "contacts": q.contacts,
            "group": q.group,
            "expected_fixed": q.expected_fixed,
            "uncertainty": q.uncertainty,
            "candidates": "; ".join(f"{c.id} ({c.score:.2f})" for c in q.candidates),
            "reason": q.reason,
            "emerging": q.emerging,
            "contested": q.contested,
        }
        for r, q in enumerate(questions)
    ]
    schema = {c: pl.Utf8 for c in QUEUE_COLUMNS} | {"rank": pl.Int64, "contacts": pl.Int64, "group": pl.Int64, "expected_fixed": pl.Float64, "uncertainty": pl.Float64, "emerging": pl.Boolean, "contested": pl.Boolean}
    return pl.DataFrame(rows, schema=schema)


def queue_for_result(result: Any, *, decisions: Sequence[Decision] = (), skip: Collection[str] = (), limit: int | None = None, language: str = "en") -> list[Question]:
    """The queue of an `AnalysisResult` (what `analyze` writes as ``review_queue.csv``), with
    further `decisions` applied to its model first."""
    return _queue_from(result.model, result.drivers, decisions, skip, limit, language)


def queue_words(language: str) -> dict[str, str]:
    """The fixed words of the queue in `language` (``en`` or ``fr``): the reasons' phrases, the
    kinds' names (``kind.owner``…), ``candidates``, ``none_left`` and ``written`` (what the CLI prints)."""
    if language not in _REASONS:
        raise BadInputError(f"Review queue language {language!r}: choose one of {', '.join(_REASONS)}.")
    return _REASONS[language]


def queue_for_run(
    run_dir: str | Any,
    *,
    decisions: Sequence[Decision] = (),
    skip: Collection[str] = (),
    limit: int | None = None,
    language: str = "en",
    stale: list[Any] | None = None,
) -> list[Question]:
    """The queue of a folder written by `rootcause analyze` (its ``model/`` and ``drivers.parquet``).

    `stale`: when given, the decisions that no longer apply to the run's model (their driver
    or merge target is not in it, their department not in its catalogue) are appended to it,
    as `DecisionState` with the reason, for the caller to report as `analyze` does.
    """
    from pathlib import Path

    import polars as pl

    from rootcause.model.driver_model import DriverModel

    run = Path(run_dir)
    model = DriverModel.load(run / "model")
    drivers = pl.read_parquet(run / "drivers.parquet") if (run / "drivers.parquet").is_file() else None
    return _queue_from(model, drivers, decisions, skip, limit, language, stale)


def _queue_from(
    model: DriverModel, drivers: Any, decisions: Sequence[Decision], skip: Collection[str], limit: int | None, language: str,
    stale: list[Any] | None = None,
) -> list[Question]:  # fmt: skip
    from rootcause.review.apply import replay_decisions

    if decisions:
        replay = replay_decisions(model, decisions, departments=model.department_ids)
        model = replay.model
        if stale is not None:
            stale.extend(replay.stale)
    sizes: dict[str, int] | None = None
    emerging: set[str] = set()
    if drivers is not None and drivers.height:
        sizes = {str(d): int(n) for d, n in drivers.select("driver_id", "size").iter_rows()}
        for src, dst in model.aliases.items():  # a merged driver's contacts count for its target
            if src in sizes:
                sizes[model.resolve(dst)] = sizes.get(model.resolve(dst), 0) + sizes.pop(src)
        if "emerging" in drivers.columns:
            emerging = {str(d) for d, e in drivers.select("driver_id", "emerging").iter_rows() if e}
    return review_queue(model, sizes=sizes, emerging=emerging, skip=skip, limit=limit, language=language)
