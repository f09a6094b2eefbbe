"""The driver model: drivers, their owners, and the estimator that assigns new contacts.

Saved as a folder: ``model.json`` (drivers, aliases, metadata; human-readable and
diffable) and ``discovery.joblib`` (the fitted `DriverDiscovery`, plus the
embedder's state when the embedder is stateful, e.g. TF-IDF).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import polars as pl

from rootcause import __version__
from rootcause import schema as S
from rootcause.errors import BadInputError, NotFittedError

# 2: the discovery estimator may carry prototypes per driver (`DriverDiscovery.prototypes_`),
# which `assign` and `classify` use; a format-1 model has none and assigns by nearest centroid.
FORMAT_VERSION = 2


@dataclass
class Driver:
    """One contact driver as the model and the reviewers see it."""

    driver_id: str  # stable across refits where the driver persists ("D007")
    label: str
    owner_department: str
    owner_confidence: float = 0.0
    keywords: list[str] = field(default_factory=list)
    size: int = 0
    kind: str = ""  # "" | "irritant" | "value" — set by review
    avoidable: bool | None = None  # set by review
    known_name: str | None = None  # agent reason code the driver carries, if any
    reviewed: bool = False  # a reviewer renamed or re-owned it: keep across refits
    theme_id: str = ""  # the process area the driver belongs to ("T01"; `rootcause.discover.themes`)
    theme_label: str = ""
    products: list[str] = field(default_factory=list)  # brand/product/place names its contacts mention most
    owner_scores: dict[str, float] = field(default_factory=dict)  # attribution's share per department (sums to 1)
    split_share: float = 0.0  # share of the smaller part of a two-way split of its contacts (`review.queue`)
    split_separation: float = 0.0  # 1 - cosine of the two parts' centroids
    # its contacts' own owners: department -> [contacts whose own vote picks it, their mean vote]
    # (`review.queue.member_owners`; what a group question would carve out)
    member_owners: dict[str, list[float]] = field(default_factory=dict)
    # why attribution chose its owner, in the report's language (`Ownership.evidence`): the
    # catalogue phrase its contacts are closest to, the catalogue's words found in them
    owner_evidence: str = ""


@dataclass
class Assignment:
    """Contacts assigned by `DriverModel.assign`, one entry per contact.

    ``labels`` are driver indices into `DriverModel.drivers` (-1: unknown or noise);
    ``driver_ids`` are the ids (after merges), `S.UNKNOWN` or `S.NOISE`; ``owners`` each
    contact's own owner department; ``vectors`` the contact vectors as embedded,
    ``centred`` as discovery sees them (language-centred).
    """

    labels: np.ndarray
    confidence: np.ndarray
    noise: np.ndarray
    driver_ids: list[str]
    driver_labels: list[str]
    theme_ids: list[str]
    theme_labels: list[str]
    owners: list[str]
    vectors: np.ndarray
    centred: np.ndarray


@dataclass
class DriverModel:
    """Drivers + the fitted discovery estimator + the embedder that feeds it.

    `drivers[i]` describes cluster ``i`` of `discovery`. `aliases` maps merged
    driver ids to the id that absorbed them.
    """

    drivers: list[Driver]
    discovery: Any  # rootcause.discover.DriverDiscovery (fitted)
    embedder_name: str
    embedder_state: Any = None  # fitted stateful embedder (TF-IDF), else None
    centering: Any = None  # fitted LanguageCentering applied to embeddings before discovery
    contact_owners: Any = None  # fitted rootcause.attribute.ContactOwners (per-contact owners)
    aliases: dict[str, str] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    _embedder: Any = field(default=None, repr=False, compare=False)

    # ------------------------------------------------------------------ access
    def driver(self, driver_id: str) -> Driver:
        """The driver with this id (following merge aliases)."""
        target = self.resolve(driver_id)
        for d in self.drivers:
            if d.driver_id == target:
                return d
        known = ", ".join(d.driver_id for d in self.drivers[:10])
        raise BadInputError(f"No driver {driver_id!r} in this model; known ids start with: {known}.")

    def resolve(self, driver_id: str) -> str:
        """Follow merge aliases to the surviving driver id."""
        seen = set()
        while driver_id in self.aliases and driver_id not in seen:
            seen.add(driver_id)
            driver_id = self.aliases[driver_id]
        return driver_id

    def driver_of(self, contact_id: str, stored: str | None) -> str | None:
        """The driver a stored contact (stored under driver `stored`) counts for now: the one a
        reviewer moved it to, else its stored driver, merges followed; None without either."""
        driver = (self.meta.get("moves") or {}).get(contact_id) or stored
        return self.resolve(driver) if driver else None

    def with_merged(self, driver_id: str) -> set[str]:
        """The driver `driver_id` now is (`resolve`) and every id merged into it."""
        target = self.resolve(driver_id)
        return {target} | {a for a in self.aliases if self.resolve(a) == target}

    def parts_of(self, driver_id: str) -> list[str]:
        """The drivers a split of `driver_id` made (``D002.1``, ``D002.2``…), in id order: where
        a reviewer's link to a split driver leads after the refit that applied the split."""
        prefix = f"{driver_id}."
        return sorted(d.driver_id for d in self.drivers if d.driver_id.startswith(prefix) and d.driver_id not in self.aliases)

    @property
    def department_ids(self) -> list[str] | None:
        """The ids of the department catalogue the model was fitted with, in catalogue order.

        Saved in ``model.json`` (``meta.departments``) by every `rootcause analyze` run; a model
        saved without them (written by hand, or by another tool) answers from its
        ``meta.department_names`` if it has them, else None.
        """
        ids = self.meta.get("departments") or list(self.meta.get("department_names") or {})
        return [str(i) for i in ids] if ids else None

    @property
    def report_language(self) -> str | None:
        """The language its driver labels were asked in (``meta.report_language``), None when unknown.

        A model saved before the language was recorded answers None (`rootcause analyze` then
        labelled in English unless ``--report-language`` said otherwise; an API refit labelled
        each driver in its contacts' own language).
        """
        lang = self.meta.get("report_language")
        return str(lang) if lang else None

    def embedder(self) -> Any:
        """The embedder this model was fitted with (loaded lazily, once)."""
        if self._embedder is None:
            if self.embedder_state is not None:
                self._embedder = self.embedder_state
            else:
                from rootcause.embed import get_embedder

                self._embedder = get_embedder(self.embedder_name)
        return self._embedder

    def kept_names(self, extra: Iterable[str] = ()) -> tuple[str, ...]:
        """The names redaction keeps as written, as `rootcause analyze` kept them: the company's
        names and the export's brands (``meta.masked_words``), the catalogue's proper names
        (``meta.kept_names``), and `extra` (a catalogue file's `Catalogue.proper_names`)."""
        return tuple(sorted({*(self.meta.get("masked_words") or ()), *(self.meta.get("kept_names") or ()), *extra}))

    @property
    def reason_weight(self) -> float:
        """The reason's weight beside the whole text in the vectors this model was fitted on
        (``meta.reason_weight``; 1.0 for a model saved before it was recorded)."""
        return float(self.meta.get("reason_weight", 1.0))

    # ---------------------------------------------------------------- classify
    def classify(
        self,
        texts: Sequence[str],
        *,
        ids: Sequence[str] | None = None,
        subjects: Sequence[str | None] | None = None,
        languages: Sequence[str | None] | None = None,
        names: bool = True,
        keep: Iterable[str] = (),
    ) -> pl.DataFrame:
        """Assign contacts to the saved drivers; `unknown` when none fits.

        Redaction keeps `kept_names` (the company's own name is no person), with `keep` added.

        Returns a frame with id, driver_id, driver_label, owner_department,
        confidence, is_unknown, language, is_transcript, reason_text (redacted). A contact that
        states no reason (test, spam, thanks, automatic reply, other language) gets the driver
        `noise`, and as owner the department whose catalogue text says it closes such contacts
        (`Catalogue.noise_owner`), or none.
        """
        from rootcause.prepare import prepare_texts

        self._check_fitted()
        n = len(texts)
        ids = list(ids) if ids is not None else [str(i) for i in range(n)]
        if len(ids) != n:
            raise BadInputError(f"Got {len(ids)} ids for {n} texts; pass one id per text.")
        if n == 0:
            return _empty_classification()
        prepared = prepare_texts(texts, subjects, languages=languages, names=names, keep=self.kept_names(keep))
        got = self.assign(prepared)
        return pl.DataFrame(
            {
                S.ID: [str(i) for i in ids],
                S.DRIVER_ID: got.driver_ids,
                S.DRIVER_LABEL: got.driver_labels,
                S.THEME_ID: got.theme_ids,
                S.THEME_LABEL: got.theme_labels,
                S.OWNER_DEPARTMENT: got.owners,
                "confidence": got.confidence.round(4),
                "is_unknown": [d == S.UNKNOWN for d in got.driver_ids],
                S.LANGUAGE: prepared.language,
                S.IS_TRANSCRIPT: prepared.is_transcript,
                S.REASON_TEXT: prepared.reason_text,
            }
        )

    def assign(self, prepared: Any, *, novelty: bool = True, encoder: Any = None) -> Assignment:
        """Assign prepared contacts (`rootcause.prepare.PreparedTexts`) to the saved drivers.

        What `classify` does after preparing the texts, and what `analyze` does to the
        contacts outside the sample a large export is fitted on. ``novelty``: the contacts
        are new (held to the driver model's `unknown_threshold_`); False: they belong to the
        export the model was fitted on (held to `threshold_`, as the fitted contacts were).
        ``encoder``: the embedder to use (a cached one), by default `embedder()`.
        """
        from rootcause.embed.views import contact_vectors, without_words

        self._check_fitted()
        masked = self.meta.get("masked_words") or ()
        raw = contact_vectors(
            encoder if encoder is not None else self.embedder(),
            without_words(prepared.reason_text, masked),
            without_words(prepared.exchange_text, masked),
            reason_weight=self.reason_weight,
        )
        X = self.centering.transform(raw, prepared.language) if self.centering is not None else raw
        # new contacts are predict's default: other estimators (a test's stand-in) need not know `novelty`
        extra = {} if novelty else {"novelty": False}
        labels, confidence = self.discovery.predict(X, texts=prepared.reason_text, **extra)
        noise = np.array([bool(why) for why in prepared.noise_reason], dtype=bool)
        rows: list[tuple[str, str, str, str, str, bool]] = []  # driver, label, theme id and label, owner, locked
        for lab, is_noise in zip(labels, noise, strict=True):
            if is_noise:  # states no reason: the noise group, closed by the department the catalogue names
                rows.append((S.NOISE, S.NOISE, "", "", str(self.meta.get("noise_owner", "")), True))
            elif lab < 0:
                rows.append((S.UNKNOWN, S.UNKNOWN, "", "", "", False))
            else:
                d = self.driver(self.drivers[int(lab)].driver_id)
                rows.append((d.driver_id, d.label, d.theme_id, d.theme_label, d.owner_department, d.reviewed))
        owners = [r[4] for r in rows]
        if self.contact_owners is not None:
            owners = self.contact_owners.refine(raw, owners, [r[5] for r in rows], prepared.exchange_text)
        return Assignment(
            labels=np.where(noise, -1, labels).astype(np.int64),
            confidence=np.where(noise, 0.0, np.asarray(confidence, dtype=np.float64)),
            noise=noise,
            driver_ids=[r[0] for r in rows],
            driver_labels=[r[1] for r in rows],
            theme_ids=[r[2] for r in rows],
            theme_labels=[r[3] for r in rows],
            owners=list(owners),
            vectors=raw,
            centred=X,
        )

    def _check_fitted(self) -> None:
        if self.discovery is None or not self.drivers:
            raise NotFittedError("This driver model has no drivers: run `rootcause analyze` to fit one.")

    # ------------------------------------------------------------- persistence
    def save(self, path: str | Path) -> Path:
        """Write the model folder atomically (a crash never leaves half a model)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".model-", dir=path.parent))
        doc = {
            "format_version": FORMAT_VERSION,
            "rootcause_version": __version__,
            "embedder": self.embedder_name,
            # how new contacts are assigned: the drivers' prototypes, or (older models) their centroids
            "assignment": "prototypes" if getattr(self.discovery, "prototypes_", None) is not None else "centroid",
            "drivers": [asdict(d) for d in self.drivers],
            "aliases": self.aliases,
            # moved contacts are named by id: they live in the decisions' trail, never in a model file
            "meta": {k: v for k, v in self.meta.items() if k != "moves"},
        }
        (tmp / "model.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        joblib.dump(
            {
                "discovery": self.discovery,
                "embedder_state": self.embedder_state,
                "centering": self.centering,
                "contact_owners": self.contact_owners,
            },
            tmp / "discovery.joblib",
        )
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=".old-", dir=path.parent))
            os.replace(path, old / "m")
            os.replace(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
        return path

    @classmethod
    def load(cls, path: str | Path) -> DriverModel:
        """Load a model folder written by `save`."""
        path = Path(path)
        meta_file = path / "model.json"
        if not meta_file.is_file():
            raise BadInputError(
                f"No driver model at {path}: expected {meta_file}. "
                "Give the model/ folder that `rootcause analyze` wrote (inside its --out folder)."
            )
        doc = json.loads(meta_file.read_text(encoding="utf-8"))
        if doc.get("format_version", 0) > FORMAT_VERSION:
            raise BadInputError(
                f"Model {path} has format {doc.get('format_version')}, this rootcause reads up to "
                f"{FORMAT_VERSION}: upgrade rootcause."
            )
        blobs = joblib.load(path / "discovery.joblib")
        drivers = [Driver(**d) for d in doc["drivers"]]
        return cls(
            drivers=drivers,
            discovery=blobs["discovery"],
            embedder_name=doc["embedder"],
            embedder_state=blobs.get("embedder_state"),
            centering=blobs.get("centering"),
            contact_owners=blobs.get("contact_owners"),
            aliases=dict(doc.get("aliases", {})),
            meta=dict(doc.get("meta", {})),
        )


def saved_report_language(path: str | Path) -> str | None:
    """The report language recorded in the model folder `path` (`DriverModel.report_language`),
    read from its ``model.json`` alone; None when it records none or is no model folder."""
    try:
        doc = json.loads((Path(path) / "model.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    lang = (doc.get("meta") or {}).get("report_language") if isinstance(doc, dict) else None
    return str(lang) if lang else None


def load_model(path: str | Path) -> DriverModel:
    """Load a saved driver model folder."""
    return DriverModel.load(path)


def _empty_classification() -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            S.ID: pl.Utf8,
            S.DRIVER_ID: pl.Utf8,
            S.DRIVER_LABEL: pl.Utf8,
            S.THEME_ID: pl.Utf8,
            S.THEME_LABEL: pl.Utf8,
            S.OWNER_DEPARTMENT: pl.Utf8,
            "confidence": pl.Float64,
            "is_unknown": pl.Boolean,
            S.LANGUAGE: pl.Utf8,
            S.IS_TRANSCRIPT: pl.Boolean,
            S.REASON_TEXT: pl.Utf8,
        }
    )

