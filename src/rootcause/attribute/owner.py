"""Trace each driver to the department whose process causes it.

Three signals, combined per driver:

* **semantic** — every member contact votes for the department whose evidence
  phrase (a clause of `owns`, the name, an example) it is closest to; the soft
  votes are averaged over the driver's members, so a driver is owned by what
  its contacts are about, not by one outlying sentence. Similarities are
  corrected for hubness (CSLS): a broad phrase ("the fee schedule for payments,
  transfers, top-ups…") is close to many contacts without owning them, so each
  phrase's mean similarity to its nearest contacts is subtracted;
* **lexical** — the catalogue's keywords (and words of `owns`) found in the
  members' whole texts (the explanation around a reason often names the process
  that failed), each weighed by its rarity in the export;
* **handling history** — when the export says which team handled each contact
  and a team name matches a department, a weak prior (the team that answered
  is usually *not* the owner, so this never decides alone).

A driver is rarely pure: a contact whose own words clearly name another
department's process keeps that department as its owner (`ContactOwners.refine`),
so per-contact owners are right more often than the driver's owner alone, unless the
catalogue's words in its whole text side with its driver's owner (a catch-up bill says
"bill" and is closest to billing's phrases, but its "estimated readings" name metering).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rootcause.attribute.catalogue import Catalogue
from rootcause.transcripts.lexicon import fold as _fold

SEMANTIC_WEIGHT = 1.0
# Measured on the four development sets, mean over discovery seeds 0–3 (driver owners per
# contact): members' lexical matches summed and weighed by rarity in the export, weight 1.0:
# 0.711 (gold drivers as clusters 0.954); the former per-contact mean at 0.6: 0.675 (0.925);
# 0.8 and 1.5 give 0.710 and 0.697.
LEXICAL_WEIGHT = 1.0
HANDLING_WEIGHT = 0.15
TEMPERATURE = 0.04  # softmax temperature over cosine similarities
# Per contact: a contact whose own vote for one department is at least CONTACT_MIN_VOTE keeps
# that department as its owner even inside a driver owned by another (impure drivers). Its vote
# blends phrase similarity with similarity to each department's clearest contacts (prototypes,
# weight CONTACT_PROTOTYPE_WEIGHT). Measured with `bench/analyze.py`: bundled sample owner
# accuracy 0.800 -> 0.826 (0.835 names + `owns` only), Banking77 0.743 -> 0.749.
# The catalogue's `examples` (typical customer phrasings) count in a driver's vote, not in one
# contact's: an example names a symptom ("I was charged twice"), which a call about a roaming
# pack or a promotion also mentions, where `owns` names the process. Measured with
# `bench/analyze.py samples --seeds 0 1 2 3` (shipped catalogue): owner accuracy 0.826 -> 0.836,
# phone contacts 0.781 -> 0.830, written 0.841 -> 0.839.
CONTACT_MIN_VOTE = 0.7
# ... and only where the catalogue's words in the contact's whole text (`catalogue_matches`)
# do not weigh more for its driver's owner than for the department its vote picks. Measured
# with `bench/analyze.py --seeds 0 1 2 3` over seven labelled sets: mean owner accuracy 0.750 ->
# 0.767, insurer 0.635 -> 0.667, energy 0.716 -> 0.757 (README, "Reasons and owners on exports").
CONTACT_PROTOTYPE_WEIGHT = 0.5
PROTOTYPE_TOP_SHARE = 0.5  # the most clear-cut half of a department's matches define its prototype
# Hubness correction (CSLS, Conneau et al. 2018): a phrase's score is its similarity minus half
# its mean similarity to its HUB_NEIGHBOURS nearest contacts. Measured with gold clusters
# (`bench/analyze.py`, owner_acc_gold_clusters): Banking77 0.79 -> 0.870, bundled sample 0.925 -> 1.0.
HUB_NEIGHBOURS = 20
# A driver at least REQUEST_DRIVER_SHARE of whose contacts ask of their own accord and report no
# failure (`contact_kinds`: questions before buying, changes and cancellations by choice, document
# requests) leans to the phrases about such requests (`Department.request_phrases`: "demandes à
# l'initiative du client", "information avant toute souscription"): their similarities get
# REQUEST_BIAS more. Catalogues give those to a front line, where the topic's words point to the
# department of the product asked about. Measured with `bench/analyze.py` on fifteen sets, seeds
# 0-3 (README, "Reasons and owners"): mean owners 0.751 -> 0.764, no set lower. Tried: the same
# lean per contact (asks detected in the whole text: 0.03 -> 0.751, 0.1 -> 0.755 but calls 8.5
# points behind written contacts on fitness; in the reason: 0.754, energy's calls -4 points).
REQUEST_BIAS = 0.1
REQUEST_DRIVER_SHARE = 0.5
CONTESTED_MARGIN = 0.10  # top-2 confidence gap under which an owner is contested

_STOP = set(
    """a an and the of to for in on at by or with from their its it is are be as that this
    which every each any all either way ways keeps runs handles sets looks after itself
    le la les un une des de du et ou en au aux pour par sur dans avec sans leur leurs son sa ses
    qui que est sont ce cette ces tout tous toute toutes""".split()
)


def _terms(text: str) -> list[str]:
    """Accent-folded word stems (first 6 letters): crude, language-agnostic matching."""
    return [w[:6] for w in re.findall(r"[a-z0-9]{3,}", _fold(text)) if w not in _STOP]


_EVIDENCE = {
    "en": {
        "closest": "its contacts read most like the catalogue's “{phrase}” ({share} of their votes)",
        "keywords": "the catalogue's words found in its contacts: ",
        "team": "handled by a team whose name matches this department: {share}",
    },
    "fr": {
        "closest": "ses contacts se rapprochent le plus de « {phrase} » du catalogue ({share} de leurs votes)",
        "keywords": "mots du catalogue trouvés dans ses contacts : ",
        "team": "traité par une équipe dont le nom correspond à cette direction : {share}",
    },
}


def _percent(share: float, language: str) -> str:
    """58% in English, 58 % (no-break space) in French."""
    return f"{100 * share:.0f}\u00a0%" if language == "fr" else f"{share:.0%}"


@dataclass
class Ownership:
    """The owner of one driver, with how sure we are and why."""

    owner_department: str
    owner_confidence: float
    contested: bool
    runner_up: str
    evidence: str
    scores: dict[str, float]


def _softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def _hubness(sims: np.ndarray, k: int) -> np.ndarray:
    """Per column (phrase), the mean of its `k` highest similarities (to contacts)."""
    k = max(1, min(k, sims.shape[0]))
    return np.partition(sims, sims.shape[0] - k, axis=0)[-k:].mean(axis=0)


def _team_map(teams: Sequence[str | None], catalogue: Catalogue) -> dict[str, str]:
    """Map handling-team names to departments when the names clearly share words."""
    mapping: dict[str, str] = {}
    dept_terms = {d.id: set(_terms(f"{d.id.replace('_', ' ')} {d.name} {' '.join(d.keywords)}")) for d in catalogue.departments}
    for team in {t for t in teams if t}:
        tt = set(_terms(team))
        best, best_overlap = "", 0
        for dep_id, terms in dept_terms.items():
            overlap = len(tt & terms)
            if overlap > best_overlap:
                best, best_overlap = dep_id, overlap
        if best_overlap:
            mapping[team] = best
    return mapping


def _best_per_department(sims: np.ndarray, phrase_owner: np.ndarray, n_dep: int) -> tuple[np.ndarray, np.ndarray]:
    """Per contact and department, the best phrase score and which phrase gave it."""
    best = np.full((sims.shape[0], n_dep), -1.0, dtype=np.float32)
    best_phrase = np.zeros((sims.shape[0], n_dep), dtype=np.int64)
    for j in range(n_dep):
        cols = np.flatnonzero(phrase_owner == j)
        if len(cols) == 0:  # a department with no evidence phrases (`Department.owns_only_junk`)
            continue
        sub = sims[:, cols]
        best[:, j] = sub.max(axis=1)
        best_phrase[:, j] = cols[sub.argmax(axis=1)]
    return best, best_phrase


def _prototypes(embeddings: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Per department, the normalised mean of its clearest contacts (zero where none picks it).

    A catalogue sentence and a customer's words rarely share vocabulary or even
    language; the contacts that match a department unambiguously do. Their mean
    (a prototype, in the contacts' own words and languages) carries the department's
    evidence to the contacts that phrase the same problem differently.
    """
    n, n_dep = scores.shape
    protos = np.zeros((n_dep, embeddings.shape[1]), dtype=np.float32)
    if n < 2 * n_dep:
        return protos
    top = scores.argmax(axis=1)
    ordered = np.sort(scores, axis=1)
    margin = ordered[:, -1] - ordered[:, -2] if n_dep > 1 else ordered[:, -1]
    for j in range(n_dep):
        idx = np.flatnonzero(top == j)
        if len(idx) == 0:
            continue
        idx = idx[np.argsort(-margin[idx], kind="stable")][: max(3, int(len(idx) * PROTOTYPE_TOP_SHARE))]
        proto = embeddings[idx].mean(axis=0)
        norm = float(np.linalg.norm(proto))
        if norm > 0:
            protos[j] = proto / norm
    return protos


@dataclass
class ContactOwners:
    """The catalogue's evidence in embedding space, fitted on a batch and saved with the model.

    Drivers are owned by what their members vote for (`attribute_owners`); this also
    lets one contact keep its own department when its words clearly name another
    process than its driver's owner (`refine`), in a batch and when classifying.
    """

    department_ids: list[str]
    phrase_texts: list[str]
    phrases: np.ndarray  # (m, d) embedded evidence phrases
    phrase_owner: np.ndarray  # (m,) department index of each phrase
    hub: np.ndarray  # (m,) hubness correction (CSLS) of each phrase
    prototypes: np.ndarray  # (n_dep, d); a zero row where no contact picks the department
    is_example: np.ndarray | None = None  # (m,) True where the phrase is one of the catalogue's examples
    # the catalogue's words per department (`_department_terms`) and their rarity in the export
    # the evidence was fitted on (`_export_rarity`): one contact's `catalogue_matches`, in a batch
    # or alone in `classify`; None in a model saved before they were kept
    term_weights: list[dict[str, float]] | None = None
    term_rarity: dict[str, float] | None = None
    n_fitted: int = 0
    is_request: np.ndarray | None = None  # (m,) True where the phrase is about what customers ask of their own accord

    def phrase_scores(self, embeddings: np.ndarray, *, examples: bool = True, kinds: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Hubness-corrected best phrase score per contact and department, and the phrase index.

        ``examples=False`` leaves the catalogue's examples out (every department keeps its
        name and `owns` phrases). A contact whose `kinds` is 1 scores the request phrases
        (`Department.request_phrases`) `REQUEST_BIAS` higher."""
        sims = np.asarray(embeddings, dtype=np.float32) @ self.phrases.T - self.hub
        if kinds is not None and self.is_request is not None:
            sims = sims + REQUEST_BIAS * np.asarray(kinds, dtype=np.float32)[:, None] * self.is_request[None, :]
        if not examples and self.is_example is not None:
            sims[:, self.is_example] = -10.0
        return _best_per_department(sims, self.phrase_owner, len(self.department_ids))

    def votes(self, embeddings: np.ndarray) -> np.ndarray:
        """Each contact's soft vote over departments (rows sum to 1), without the examples."""
        best, _ = self.phrase_scores(embeddings, examples=False)
        has_proto = np.linalg.norm(self.prototypes, axis=1) > 0
        proto_sim = np.where(has_proto, np.asarray(embeddings, dtype=np.float32) @ self.prototypes.T, best)
        w = CONTACT_PROTOTYPE_WEIGHT if has_proto.any() else 0.0
        return _softmax(((1.0 - w) * best + w * proto_sim) / TEMPERATURE, axis=1)

    def matches(self, texts: Sequence[str]) -> np.ndarray | None:
        """`catalogue_matches` of `texts` with the catalogue's words and their rarity in the
        export the evidence was fitted on (None when the evidence kept no words)."""
        if self.term_weights is None or self.term_rarity is None:
            return None
        unseen = float(np.log(max(self.n_fitted, 1)))  # a word no fitted contact used is as rare as can be
        return _lexical([set(_terms(t)) for t in texts], self.term_weights, lambda t: self.term_rarity.get(t, unseen))  # type: ignore[union-attr]

    def refine(
        self,
        embeddings: np.ndarray,
        driver_owners: Sequence[str],
        locked: Sequence[bool] | None = None,
        texts: Sequence[str] | None = None,
    ) -> list[str]:
        """Owner per contact: its driver's owner, unless its own vote for another department
        reaches `CONTACT_MIN_VOTE` and, given its whole `texts`, the catalogue's words in it
        weigh no more for its driver's owner than for that department. A contact with no
        driver (owner "") gets a department the same way; `locked` ones (their driver was
        reviewed: its owner stands for all its contacts) keep their driver's owner."""
        if len(driver_owners) == 0:
            return []
        v = self.votes(embeddings)
        top = v.argmax(axis=1)
        lex = self.matches(texts) if texts is not None else None
        index = {d: j for j, d in enumerate(self.department_ids)}
        out = list(driver_owners)
        for i in range(len(out)):
            if (locked is not None and locked[i]) or v[i, top[i]] < CONTACT_MIN_VOTE:
                continue
            held = index.get(out[i])
            if lex is not None and held is not None and lex[i, held] > lex[i, top[i]]:
                continue  # its own words name its driver's owner's process more than the vote's
            out[i] = self.department_ids[int(top[i])]
        return out


def fit_contact_owners(
    catalogue: Catalogue,
    embeddings: np.ndarray,
    embed: "callable",  # type: ignore[valid-type]
    contact_texts: Sequence[str] | None = None,
    *,
    junk: bool = False,
) -> ContactOwners:
    """Embed the catalogue's evidence phrases and fit hubness and prototypes on `embeddings`;
    given the contacts' whole texts (`contact_texts`), keep the catalogue's words and their
    rarity in those texts too (`ContactOwners.matches`). `junk`: the phrases keep the lists of
    junk that departments close (`Department.phrases`)."""
    texts: list[str] = []
    owner: list[int] = []
    example: list[bool] = []
    request: list[bool] = []
    for j, d in enumerate(catalogue.departments):
        asked = d.request_phrases()
        for p in d.phrases(junk):
            texts.append(p)
            owner.append(j)
            example.append(p in d.examples)
            request.append(p in asked)
    P = np.asarray(embed(texts), dtype=np.float32)
    sims = np.asarray(embeddings, dtype=np.float32) @ P.T
    hub = (0.5 * _hubness(sims, HUB_NEIGHBOURS)).astype(np.float32)
    fitted = ContactOwners(
        department_ids=catalogue.ids,
        phrase_texts=texts,
        phrases=P,
        phrase_owner=np.asarray(owner),
        hub=hub,
        prototypes=np.zeros((len(catalogue.departments), P.shape[1]), dtype=np.float32),
        is_example=np.asarray(example, dtype=bool),
        is_request=np.asarray(request, dtype=bool),
    )
    best, _ = fitted.phrase_scores(embeddings)
    fitted.prototypes = _prototypes(np.asarray(embeddings, dtype=np.float32), best)
    if contact_texts is not None:
        fitted.term_weights = _department_terms(catalogue)
        fitted.term_rarity = _export_rarity([set(_terms(t)) for t in contact_texts], fitted.term_weights)
        fitted.n_fitted = len(contact_texts)
    return fitted


def _department_terms(catalogue: Catalogue) -> list[dict[str, float]]:
    """Per department, its words' weights (name, `owns`, examples once, keywords twice), each
    weighed by its rarity across departments: a term every department mentions says nothing."""
    deps = catalogue.departments
    weights: list[Counter[str]] = []
    for d in deps:
        c: Counter[str] = Counter()
        for t in set(_terms(f"{d.name} {d.owns} {' '.join(d.examples)}")):
            c[t] += 1.0
        for kw in d.keywords:
            for t in _terms(kw):
                c[t] += 2.0
        weights.append(c)
    df = Counter(t for c in weights for t in c)
    # sorted: the same bytes in the saved model whatever the process's string hashing
    return [{t: float(c[t] * np.log(1 + len(deps) / df[t])) for t in sorted(c)} for c in weights]


def _export_rarity(term_sets: Sequence[set[str]], weights: Sequence[dict[str, float]]) -> dict[str, float]:
    """log(n / document frequency) in the export of each catalogue term its contacts use."""
    vocab = {t for c in weights for t in c}
    export_df = Counter(t for terms in term_sets for t in terms if t in vocab)
    return {t: float(np.log(len(term_sets) / export_df[t])) for t in sorted(export_df)}


def _lexical(term_sets: Sequence[set[str]], weights: Sequence[dict[str, float]], rarity: "callable") -> np.ndarray:  # type: ignore[valid-type]
    lex = np.zeros((len(term_sets), len(weights)), dtype=np.float32)
    for i, terms in enumerate(term_sets):
        ordered = sorted(terms)  # the same sums, to the last bit, in every process
        for j, c in enumerate(weights):
            lex[i, j] = sum(c[t] * rarity(t) for t in ordered if t in c)
    return lex


def catalogue_matches(catalogue: Catalogue, texts: Sequence[str]) -> np.ndarray:
    """Per text and department (n, n_departments), the weight of the department's words
    (name, `owns`, examples once, keywords twice) found in the text.

    A term every department mentions says nothing about ownership, so each term is weighed
    by its rarity across departments; and a term most contacts of this export use ("train",
    "facture") says little about which process failed, so each match is weighed by the
    term's rarity in the export too.
    """
    weights = _department_terms(catalogue)
    term_sets = [set(_terms(text)) for text in texts]
    rarity = _export_rarity(term_sets, weights)
    return _lexical(term_sets, weights, rarity.__getitem__)


def contact_kinds(texts: Sequence[str]) -> np.ndarray:
    """Per text: 1 where it asks something of its own accord (a question, a request, a
    cancellation, a document, a payment plan) and states no problem (`label.frames`), 0 otherwise."""
    from rootcause.label.frames import REQUEST_FRAMES, asks, find_frames

    def kind(text: str) -> float:
        frames = {f for f, _, _ in find_frames(text)}
        if frames - REQUEST_FRAMES:
            return 0.0
        return 1.0 if frames or asks(text) else 0.0

    return np.asarray([kind(t) for t in texts], dtype=np.float32)


def _asking_drivers(labels: np.ndarray, k: int, reasons: Sequence[str]) -> np.ndarray:
    """Per contact, 1 where its driver asks of its own accord: `REQUEST_DRIVER_SHARE` of its
    contacts' reasons or more (`contact_kinds`); 0 elsewhere and for unassigned contacts."""
    asks = contact_kinds(reasons)
    held = labels >= 0
    share = np.bincount(labels[held], weights=asks[held], minlength=k) / np.maximum(np.bincount(labels[held], minlength=k), 1)
    return np.where(held, share[np.maximum(labels, 0)] >= REQUEST_DRIVER_SHARE, False).astype(np.float32)


def semantic_votes(best: np.ndarray) -> np.ndarray:
    """Each contact's soft vote over departments as a driver's owner counts it, from its best
    phrase scores (`ContactOwners.phrase_scores`, examples included, unlike `ContactOwners.votes`)."""
    return _softmax(best / TEMPERATURE, axis=1)


def handling_votes(catalogue: Catalogue, handling_teams: Sequence[str | None] | None, n: int) -> np.ndarray:
    """Per contact (n, n_departments): 1 for the department its handling team maps to, if any."""
    deps = catalogue.departments
    votes = np.zeros((n, len(deps)), dtype=np.float32)
    if handling_teams is not None:
        tmap = _team_map(handling_teams, catalogue)
        index = {d.id: j for j, d in enumerate(deps)}
        for i, t in enumerate(handling_teams):
            if t in tmap:
                votes[i, index[tmap[t]]] = 1.0
    return votes


def group_scores(votes: np.ndarray, lex: np.ndarray, members: np.ndarray, team_votes: np.ndarray | None = None) -> np.ndarray:
    """The department scores of a group of contacts (shares summing to 1): their mean
    `semantic_votes`, their catalogue words (`catalogue_matches`) summed and shared out, and
    the handling teams' votes when known."""
    # summed over members, then shared out: a contact that names the process in many
    # words weighs more than one that brushes past it
    lx = lex[members].sum(0) / max(float(lex[members].sum()), 1e-9)
    score = SEMANTIC_WEIGHT * votes[members].mean(0) + LEXICAL_WEIGHT * lx
    if team_votes is not None:
        score = score + HANDLING_WEIGHT * team_votes[members].mean(0)
    total = score.sum()
    return score / total if total > 0 else np.full(len(score), 1.0 / len(score))


def attribute_owners(
    catalogue: Catalogue,
    embeddings: np.ndarray,
    labels: np.ndarray,
    texts: Sequence[str],
    embed: "callable",  # type: ignore[valid-type]
    *,
    handling_teams: Sequence[str | None] | None = None,
    evidence: ContactOwners | None = None,
    matches: np.ndarray | None = None,
    language: str = "en",
    reasons: Sequence[str] | None = None,
) -> list[Ownership]:
    """Owner department for each driver ``0..k-1`` found in `labels`.

    Parameters
    ----------
    catalogue
        Departments and what they own.
    embeddings
        L2-normalised contact vectors (n, d): reason and exchange (`rootcause.embed.views`).
    labels
        Driver index per contact, −1 for unassigned (ignored).
    texts
        Whole contact texts (redacted; calls without their script), for the lexical signal:
        the explanation around the reason often names the process that failed.
    embed
        Function embedding a list of strings into the same space as `embeddings`.
    handling_teams
        Optional team that handled each contact.
    evidence
        The catalogue fitted on these contacts (`fit_contact_owners`); fitted here when None.
    matches
        `catalogue_matches(catalogue, texts)` when the caller has it already.
    language
        Language of the evidence sentences ("en" or "fr"): the report's.
    reasons
        The contacts' reasons (the customer's words): a driver most of whose contacts ask
        of their own accord leans to the catalogue's request phrases (`_asking_drivers`).
    """
    deps = catalogue.departments
    n_dep = len(deps)
    k = int(labels.max()) + 1 if len(labels) and labels.max() >= 0 else 0
    if k == 0:
        return []
    evidence = evidence if evidence is not None else fit_contact_owners(catalogue, embeddings, embed)
    phrases = evidence.phrase_texts
    best, best_phrase = evidence.phrase_scores(embeddings, kinds=_asking_drivers(labels, k, reasons) if reasons is not None else None)
    votes = semantic_votes(best)

    lex = catalogue_matches(catalogue, texts) if matches is None else matches

    team_votes = handling_votes(catalogue, handling_teams, len(texts))

    out: list[Ownership] = []
    for c in range(k):
        members = np.flatnonzero(labels == c)
        if len(members) == 0:
            out.append(Ownership("", 0.0, False, "", "no members", {}))
            continue
        conf = group_scores(votes, lex, members, team_votes)
        sem, tm = votes[members].mean(0), team_votes[members].mean(0)
        order = np.argsort(-conf)
        top, second = int(order[0]), int(order[1]) if n_dep > 1 else int(order[0])
        margin = float(conf[top] - conf[second]) if n_dep > 1 else 1.0
        kw_hits = [kw for kw in deps[top].keywords if any(t in _terms(" ".join(texts[i] for i in members[:200])) for t in _terms(kw))]
        words = _EVIDENCE.get(language, _EVIDENCE["en"])
        parts = []
        if (evidence.phrase_owner == top).any():  # a department of junk only has no phrase
            phrase = phrases[Counter(int(best_phrase[i, top]) for i in members).most_common(1)[0][0]]
            parts.append(words["closest"].format(phrase=phrase, share=_percent(sem[top], language)))
        if kw_hits:
            parts.append(words["keywords"] + ", ".join(kw_hits[:5]))
        if tm.sum() > 0:
            parts.append(words["team"].format(share=_percent(tm[top], language)))
        out.append(
            Ownership(
                owner_department=deps[top].id,
                owner_confidence=round(float(conf[top]), 4),
                contested=margin < CONTESTED_MARGIN,
                runner_up=deps[second].id if n_dep > 1 else "",
                evidence="; ".join(parts),
                scores={d.id: round(float(conf[j]), 4) for j, d in enumerate(deps)},
            )
        )
    return out
