"""Does keeping only the customer's stated reason help? Transcripts vs extracted reasons.

On the bundled sample calls (data/samples/transcripts.ndjson, gold drivers in
data/samples/gold/transcripts_labels.csv) this measures:

1. how many calls are detected as transcripts, and how often the extracted reason contains
   (fuzzy: >= 80 % of its words) the gold customer sentence that states the reason;
2. how often each text variant is put in the right driver by leave-one-out nearest-centroid
   and logistic regression, over TF-IDF and USE-multilingual embeddings, plus k-means NMI/ARI
   with the true number of drivers: the raw transcript, all turns, all customer turns, and
   the extracted reason (and the gold reason sentence, as a ceiling);
3. how many transcripts per second `reason_of` handles;
4. when data/samples/contacts.csv exists, how many of its non-phone contacts are wrongly
   detected as transcripts.

Run from the project root::

    .venv/bin/python bench/transcripts.py            # prints a table, writes bench/results/transcripts.json
    .venv/bin/python bench/transcripts.py --no-use   # TF-IDF only, no embedding model
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import re
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import issparse
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Dataset, embed, normalize, write_json  # noqa: E402

from rootcause.transcripts import extract_reason, parse_transcript, reason_of  # noqa: E402
from rootcause.transcripts.lexicon import fold  # noqa: E402

SAMPLES = ROOT / "data" / "samples"
_WORD = re.compile(r"\w+")


def load_calls() -> tuple[list[str], list[str], list[str], list[str]]:
    """ids, raw transcripts, gold drivers and gold reason sentences of the labelled sample calls."""
    with (SAMPLES / "gold" / "transcripts_labels.csv").open(newline="", encoding="utf-8") as fh:
        gold = {r["id"]: r for r in csv.DictReader(fh)}
    ids, texts, drivers, reasons = [], [], [], []
    for line in (SAMPLES / "transcripts.ndjson").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        cid = str(row.get("call_id") or row.get("id"))
        text = row.get("transcript") or row.get("text") or ""
        if not isinstance(text, str):
            text = json.dumps(text, ensure_ascii=False)
        if cid in gold:
            ids.append(cid)
            texts.append(text)
            drivers.append(gold[cid]["driver"])
            reasons.append(gold[cid]["reason_turn"])
    return ids, texts, drivers, reasons


def contains(reason: str, gold: str, *, threshold: float = 0.8) -> bool:
    """Whether `reason` holds at least `threshold` of the words of `gold` (accents and case folded)."""
    want = _WORD.findall(fold(gold))
    have = collections.Counter(_WORD.findall(fold(reason)))
    hit = 0
    for w in want:
        if have[w] > 0:
            have[w] -= 1
            hit += 1
    return bool(want) and hit / len(want) >= threshold


def variants(texts: list[str]) -> dict[str, list[str]]:
    """The text each variant embeds, per call."""
    out: dict[str, list[str]] = {"raw": [], "all_turns": [], "customer_turns": [], "reason": []}
    for text in texts:
        t = parse_transcript(text)
        out["raw"].append(text)
        out["all_turns"].append(" ".join(turn.text for turn in t.turns) if t else text)
        out["customer_turns"].append(" ".join(turn.text for turn in t.turns if turn.speaker == "customer") if t else text)
        out["reason"].append(extract_reason(t) if t else text)
    return out


def loo_centroid(x: np.ndarray, y: np.ndarray) -> float:
    """Leave-one-out nearest-centroid accuracy (cosine)."""
    x = normalize(x.toarray() if issparse(x) else x)
    classes = np.unique(y)
    sums = np.stack([x[y == c].sum(0) for c in classes])
    counts = np.array([(y == c).sum() for c in classes], dtype=np.float32)
    right = 0
    for i in range(len(y)):
        k = int(np.searchsorted(classes, y[i]))
        s, n = sums.copy(), counts.copy()
        s[k] -= x[i]
        n[k] -= 1
        centroids = normalize(s / np.maximum(n, 1)[:, None])
        right += int(classes[int(np.argmax(centroids @ x[i]))] == y[i])
    return right / len(y)


def cv_logreg(x: Any, y: np.ndarray, folds: int = 5) -> float:
    """Stratified `folds`-fold logistic-regression accuracy.

    Not leave-one-out: on 12k-wide TF-IDF one fit takes seconds on a loaded 2-core box.
    """
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    with warnings.catch_warnings():
        # drivers with fewer calls than folds are expected on a small sample
        warnings.filterwarnings("ignore", message="The least populated class", category=UserWarning)
        pred = cross_val_predict(LogisticRegression(C=10.0, max_iter=1000), x, y, cv=cv)
    return float(np.mean(pred == y))


def kmeans_scores(x: np.ndarray, y: np.ndarray, seeds: int = 3) -> dict[str, float]:
    """Mean NMI / ARI of k-means told the true number of drivers, over `seeds` seeds."""
    k = len(np.unique(y))
    nmi, ari = [], []
    for seed in range(seeds):
        pred = KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(normalize(x.toarray() if issparse(x) else x))
        nmi.append(normalized_mutual_info_score(y, pred))
        ari.append(adjusted_rand_score(y, pred))
    return {"nmi": float(np.mean(nmi)), "ari": float(np.mean(ari))}


def tfidf(texts: list[str]) -> Any:
    # fitted on all calls without labels: the same transductive setting for every variant
    vec = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1, strip_accents="unicode")
    return vec.fit_transform(texts).astype(np.float32)


def false_positives() -> dict[str, float] | None:
    """Share of non-phone contacts in data/samples/contacts.csv detected as transcripts."""
    path = SAMPLES / "contacts.csv"
    if not path.exists():
        return None
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if not rows:
        return None
    cols = {c.lower(): c for c in rows[0]}
    text_col = next((cols[c] for c in ("text", "description", "body", "message", "comment") if c in cols), None)
    chan_col = next((cols[c] for c in ("channel", "via", "source", "origin") if c in cols), None)
    if text_col is None:
        return None
    others = [r for r in rows if chan_col is None or "phone" not in (r[chan_col] or "").lower()]
    phones = [r for r in rows if chan_col is not None and "phone" in (r[chan_col] or "").lower()]
    fp = [r for r in others if reason_of(r[text_col] or "")[1]]
    return {
        "non_phone_contacts": len(others),
        "detected_as_transcript": len(fp),
        "false_positive_rate": len(fp) / max(len(others), 1),
        "phone_contacts": len(phones),
        "phone_detected": sum(reason_of(r[text_col] or "")[1] for r in phones),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-use", action="store_true", help="skip the USE-multilingual embeddings")
    args = parser.parse_args(argv)

    ids, texts, drivers, gold_reasons = load_calls()
    detected = [reason_of(t) for t in texts]
    found = [contains(r, g) for (r, is_t), g in zip(detected, gold_reasons) if is_t]
    extraction = {
        "calls": len(texts),
        "detected_as_transcript": sum(is_t for _, is_t in detected) / len(texts),
        "reason_contains_gold": sum(found) / len(texts),
        "mean_reason_chars": float(np.mean([len(r) for r, _ in detected])),
        "mean_transcript_chars": float(np.mean([len(t) for t in texts])),
    }
    formats = collections.Counter((parse_transcript(t).format if parse_transcript(t) else "none") for t in texts)
    extraction["formats"] = dict(formats)

    repeat = max(1, 3000 // len(texts))
    start = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            reason_of(t)
    extraction["transcripts_per_second"] = repeat * len(texts) / (time.perf_counter() - start)

    counts = collections.Counter(drivers)
    keep = [i for i, d in enumerate(drivers) if counts[d] >= 2]  # LOO cannot place a driver seen once
    classes = sorted({drivers[i] for i in keep})
    y = np.array([classes.index(drivers[i]) for i in keep])
    texts_by_variant = {name: [v[i] for i in keep] for name, v in variants(texts).items()}
    # the gold reason sentence itself: the ceiling for any extraction on this set
    texts_by_variant["gold_reason"] = [gold_reasons[i] for i in keep]

    print(f"calls={extraction['calls']}  formats={extraction['formats']}")
    print(f"detected as transcript: {extraction['detected_as_transcript']:.3f}   "
          f"reason contains gold sentence: {extraction['reason_contains_gold']:.3f}   "
          f"mean chars reason/transcript: {extraction['mean_reason_chars']:.0f}/{extraction['mean_transcript_chars']:.0f}   "
          f"speed: {extraction['transcripts_per_second']:.0f} transcripts/s")
    print(f"\ndriver classification, {len(keep)} calls, {len(classes)} drivers (drivers with >= 2 calls)")
    print(f"{'repr':6} {'text':15} {'LOO centroid':>12} {'5-fold logreg':>13} {'kmeans NMI':>11} {'kmeans ARI':>11}")
    rows: list[dict] = []
    reps = ["tfidf"] + ([] if args.no_use else ["use"])
    for rep in reps:
        for name, vtexts in texts_by_variant.items():
            if rep == "tfidf":
                x = tfidf(vtexts)
            else:
                x = embed(Dataset(f"sample-calls-{name}", vtexts, y, classes), "use")
            r = {"representation": rep, "text": name, "loo_centroid_acc": loo_centroid(x, y),
                 "cv5_logreg_acc": cv_logreg(x, y), **{f"kmeans_{k}": v for k, v in kmeans_scores(x, y).items()}}
            rows.append(r)
            print(f"{r['representation']:6} {r['text']:15} {r['loo_centroid_acc']:12.3f} {r['cv5_logreg_acc']:13.3f} "
                  f"{r['kmeans_nmi']:11.3f} {r['kmeans_ari']:11.3f}", flush=True)
    fp = false_positives()
    if fp is not None:
        print(f"\ncontacts.csv: {fp['detected_as_transcript']}/{fp['non_phone_contacts']} non-phone contacts detected "
              f"as transcripts; {fp['phone_detected']}/{fp['phone_contacts']} phone contacts detected")
    payload = {"extraction": extraction, "classification": rows, "n_calls_classified": len(keep),
               "drivers": classes, "contacts_false_positives": fp}
    path = write_json("transcripts", payload)
    print(f"\nwrote {path.relative_to(ROOT)}")
    return payload


if __name__ == "__main__":
    main()
