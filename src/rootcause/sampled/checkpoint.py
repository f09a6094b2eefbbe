"""Checkpoints of a run fitted on a sample: `analyze --resume` goes on where a killed run stopped.

A large run (`rootcause.sampled.run`) keeps its work in progress in ``OUT/.rootcause-parts``:
the contacts' texts chunk by chunk (`parts.ContactParts`), the contacts no driver fits
(`leftovers.Unknown`), and, for `--resume`:

- ``fit.joblib``: the fit on the sample (the model as fitted, the sample's contacts, its
  drivers table and facts, the time each fit stage took), saved once the fit is done;
- ``light-NNNNNN.parquet``: each assigned chunk's short columns (driver, owner, date…);
- ``checkpoint.json``: the manifest. It names the inputs and settings of the run (a
  fingerprint: each export's size and sha256, the catalogue, decisions and former model's
  sha256, the mapping, embedder, seed, fit sample, chunk size, report language, text
  settings and the rootcause version), whether the fit is saved, and how many chunks are
  assigned.

The fit, the parts, the short columns and the manifest are written under a temporary name
and renamed into place; the manifest is rewritten only after a chunk's files are whole (the
spilled unknowns included): a process killed at any point (``kill -9``, out of memory)
leaves a manifest that names only whole files, and a resumed run writes the chunks after it
again, over whatever a killed run left of them. A resumed run reads the export again (the
survey: rejects, warnings and the sample are computed afresh, so nothing is counted twice),
reuses the fit and the finished chunks, and does the rest as an uninterrupted run would:
the same chunks, in the same order, from the same model (every run, resumed or not, goes on
from the fit as read back from ``fit.joblib``, so even the pickled model is byte-equal). Its outputs are byte-equal to an uninterrupted run's, but for the times it measured
(``summary.json``: stages, total, peak memory, ``resumed``) and the run's ``created_at``
(``summary.json`` and ``model/model.json``), which is the interrupted run's.

``ROOTCAUSE_CRASH_AFTER_CHUNK=k`` kills the process (SIGKILL) once chunk ``k`` is
checkpointed: crash tests use it to stop a run at a known point.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import signal
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import polars as pl

from rootcause.errors import BadInputError
from rootcause.progress import Reporter, StageTimes
from rootcause.result import AnalysisResult

FORMAT = 1
MANIFEST = "checkpoint.json"
FIT = "fit.joblib"
CRASH_ENV = "ROOTCAUSE_CRASH_AFTER_CHUNK"
_BLOCK = 1 << 20


def file_digest(path: str | Path) -> str:
    """sha256 of a file's bytes (read in blocks)."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while block := fh.read(_BLOCK):
            h.update(block)
    return h.hexdigest()


def _tree_digest(path: str | Path | None) -> str | None:
    """sha256 of a file, or of a folder's files (names and bytes, in name order); None for None."""
    if path is None:
        return None
    p = Path(path)
    if p.is_file():
        return file_digest(p)
    h = hashlib.sha256()
    for f in sorted(q for q in p.rglob("*") if q.is_file()):
        h.update(str(f.relative_to(p)).encode())
        h.update(file_digest(f).encode())
    return h.hexdigest()


def run_fingerprint(
    inputs: Sequence[str | Path],
    *,
    departments: str | Path,
    decisions: str | Path | None,
    previous_model: str | Path | None,
    mapping: Mapping[str, str] | None,
    file_mappings: Mapping[str, Mapping[str, str]] | None,
    embedder: str,
    seed: int,
    fit_sample: int,
    chunk_rows: int,
    report_language: str | None,
) -> dict[str, Any]:
    """What a run's checkpoint depends on: a resume with anything else different is refused.

    Volumes and fixes are not in it: they are applied after the last chunk, on every run.
    """
    from rootcause import __version__
    from rootcause.settings import get_settings

    settings = get_settings()
    return {
        "inputs": [{"file": Path(p).name, "bytes": Path(p).stat().st_size, "sha256": file_digest(p)} for p in inputs],
        "departments": _tree_digest(departments),
        "decisions": _tree_digest(decisions),
        "previous_model": _tree_digest(previous_model),
        "mapping": {k: mapping[k] for k in sorted(mapping or {})},
        "file_mappings": {f: dict(sorted(m.items())) for f, m in sorted((file_mappings or {}).items())},
        "embedder": embedder,
        "seed": seed,
        "fit_sample": fit_sample,
        "chunk_rows": chunk_rows,
        "report_language": report_language,
        "keep_names": settings.keep_names,
        "max_text_chars": settings.max_text_chars,
        "version": __version__,
    }


def atomic_write(path: Path, write: Any) -> None:
    """``write(tmp_path)``, then rename the temporary file to `path`: never half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)


def mask_digest(mask: np.ndarray) -> str:
    """sha256 of a boolean mask (which contacts the sample took)."""
    return hashlib.sha256(np.packbits(np.asarray(mask, dtype=bool)).tobytes() + str(len(mask)).encode()).hexdigest()


class Checkpoint:
    """The manifest of one run's parts folder, and the files it names.

    Open it with `open_checkpoint`; `fit_saved`, `chunks_done` and `rows_done` say where a
    resumed run goes on from.
    """

    def __init__(self, folder: Path, fingerprint: Mapping[str, Any], state: dict[str, Any] | None = None) -> None:
        self.folder = folder
        self.fingerprint = dict(fingerprint)
        self.resumed_from: int | None = None  # the chunks a resumed run found done
        self.state: dict[str, Any] = state or {
            "format": FORMAT,
            "fingerprint": self.fingerprint,
            "fit": None,  # {"sample": mask_digest} once fit.joblib is whole
            "n_chunks": None,
            "chunks_done": 0,
            "rows_done": 0,
            "parts": [],
            "unknown": [],  # [stem name, rows] per spilled file
        }

    # ------------------------------------------------------------------ state
    @property
    def fit_saved(self) -> bool:
        return self.state["fit"] is not None

    @property
    def chunks_done(self) -> int:
        return int(self.state["chunks_done"])

    @property
    def rows_done(self) -> int:
        return int(self.state["rows_done"])

    def _save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.state, indent=1, ensure_ascii=False)
        atomic_write(self.folder / MANIFEST, lambda p: p.write_text(text, encoding="utf-8"))

    # ------------------------------------------------------------------ the fit
    def check_sample(self, in_sample: np.ndarray, n_chunks: int) -> None:
        """The survey of a resumed run must draw the same sample from the same chunks."""
        if self.fit_saved and (self.state["fit"]["sample"] != mask_digest(in_sample) or self.state["n_chunks"] != n_chunks):
            raise BadInputError(
                f"--resume: the checkpoint in {self.folder.parent} was made from another sample or other chunks of the "
                "export than this run reads. Fix: run again without --resume (the checkpoint is then deleted)."
            )

    def save_fit(
        self, fitted: AnalysisResult, sample_at: pl.Series, in_sample: np.ndarray, n_chunks: int, stages: list[dict[str, Any]]
    ) -> None:
        """Keep the fit on the sample: its result (the model as fitted, before any chunk is
        assigned), each sample contact's position among the export's, and the fit's stage
        times (`StageTimes` rows)."""
        model = dataclasses.replace(fitted.model, _embedder=None)  # the embedder is loaded again, not pickled
        blob = {"fitted": dataclasses.replace(fitted, model=model, times=None), "at": sample_at, "stages": [dict(r) for r in stages]}
        atomic_write(self.folder / FIT, lambda p: joblib.dump(blob, p))
        self.state.update(fit={"sample": mask_digest(in_sample)}, n_chunks=n_chunks)
        self._save()

    def load_fit(self, times: StageTimes | None = None) -> tuple[AnalysisResult, pl.Series]:
        """The fit `save_fit` kept and its sample's positions; its stage times go into
        `times` (a resumed run's) when given."""
        blob = joblib.load(self.folder / FIT)
        for row in blob["stages"] if times is not None else ():
            times.add(row["stage"], row["seconds"], row["peak_mib"])
        return blob["fitted"], blob["at"]

    # ------------------------------------------------------------------ chunks
    def chunk_done(self, index: int, light: pl.DataFrame, rows_done: int, parts: Sequence[Path], unknown: Sequence[tuple[Path, int]]) -> None:
        """Chunk `index` is assigned: keep its short columns, then name it in the manifest."""
        atomic_write(self.light_path(index), light.write_parquet)
        self.state.update(
            chunks_done=index + 1,
            rows_done=rows_done,
            parts=[p.name for p in parts],
            unknown=[[stem.name, rows] for stem, rows in unknown],
        )
        self._save()
        crash = os.environ.get(CRASH_ENV)
        if crash is not None and crash.strip() == str(index):
            os.kill(os.getpid(), signal.SIGKILL)

    def check_position(self, index: int, start: int) -> None:
        """The first chunk a resumed run assigns must start where the last one kept ended."""
        if index == self.chunks_done and start != self.rows_done:
            raise BadInputError(
                f"--resume: chunk {index + 1} of the export starts at contact {start + 1:,}, but the checkpoint in "
                f"{self.folder.parent} ends at contact {self.rows_done:,}. Fix: run again without --resume."
            )

    def restore(self, parts: Any, unknown: Any) -> list[pl.DataFrame]:
        """Hand the finished chunks' files back to `parts` (`ContactParts`) and `unknown`
        (`leftovers.Unknown`); return their short columns, in order."""
        parts.files = self.part_files()
        unknown.files = self.unknown_files(unknown.folder)
        unknown.count = sum(rows for _, rows in unknown.files)
        return self.lights()

    def light_path(self, index: int) -> Path:
        return self.folder / f"light-{index:06d}.parquet"

    def lights(self) -> list[pl.DataFrame]:
        """The short columns of every finished chunk, in order."""
        return [pl.read_parquet(self.light_path(i)) for i in range(self.chunks_done)]

    def part_files(self) -> list[Path]:
        return [self.folder / name for name in self.state["parts"]]

    def unknown_files(self, unknown_folder: Path) -> list[tuple[Path, int]]:
        return [(unknown_folder / name, int(rows)) for name, rows in self.state["unknown"]]


def open_checkpoint(folder: Path, fingerprint: Mapping[str, Any], *, resume: bool, reporter: Reporter) -> Checkpoint:
    """The checkpoint of the run about to start in `folder`.

    With `resume`, the checkpoint a killed run left is read back (refused, with what
    differs, when its inputs or settings are not this run's); without it, or with none to
    resume, the folder is emptied and the run starts from the start.
    """
    old = _read_manifest(folder)
    out = folder.parent
    if resume and old is not None:
        if old.get("format") != FORMAT:
            raise BadInputError(
                f"--resume: the checkpoint in {out} was written by another version of rootcause. "
                "Fix: run again without --resume (the checkpoint is then deleted)."
            )
        if old.get("fingerprint") != dict(fingerprint):
            differ = sorted(k for k in {*fingerprint, *old.get("fingerprint", {})} if old["fingerprint"].get(k) != fingerprint.get(k))
            raise BadInputError(
                f"--resume: the interrupted run in {out} had other inputs or settings ({', '.join(differ)} differ). "
                "Fix: resume with the same export files, catalogue, options and ROOTCAUSE_ settings as that run, "
                "or run without --resume to start afresh (its checkpoint is then deleted)."
            )
        ckpt = Checkpoint(folder, fingerprint, old)
        if ckpt.fit_saved:
            ckpt.resumed_from = ckpt.chunks_done
            return ckpt
        reporter.info(
            f"--resume: the run in {out} was stopped before its fit on the sample was saved: starting from the start "
            "(the texts it embedded come from the embedding cache)"
        )
    elif resume:
        reporter.info(f"--resume: {out} holds no interrupted run to resume: starting from the start")
    elif old is not None:
        reporter.info(f"{out} held an interrupted run: starting afresh (--resume would have gone on from its last chunk)")
    clear(folder)
    ckpt = Checkpoint(folder, fingerprint)
    ckpt._save()
    return ckpt


def clear(folder: Path) -> None:
    """Delete a parts folder, its manifest first: a process killed meanwhile leaves no
    manifest naming files that are gone."""
    (folder / MANIFEST).unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # not ours, or unreadable: a fresh start
    return state if isinstance(state, dict) else None


# ------------------------------------------------------------------ comparing runs

_MEASURED = ("created_at", "resumed", "run_seconds", "peak_mib", "peak_scope")


def comparable(path: Path) -> bytes:
    """An output file's bytes, less what differs between two runs of the same inputs: in
    ``summary.json`` the times and memory measured (the stage names are kept), ``created_at``
    and ``resumed``; in ``model/model.json``, ``created_at``."""
    if path.name == "summary.json":
        doc = json.loads(path.read_text(encoding="utf-8"))
        for key in _MEASURED:
            doc.pop(key, None)
        doc["stages"] = [s["stage"] for s in doc.get("stages", [])]
        return json.dumps(doc, sort_keys=True).encode()
    if path.name == "model.json":
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc.get("meta", {}).pop("created_at", None)
        return json.dumps(doc, sort_keys=True).encode()
    return path.read_bytes()


def different_outputs(a: str | Path, b: str | Path) -> list[str]:
    """The output files of run folders `a` and `b` that differ (`comparable`), or that only
    one of them holds; [] when the runs wrote the same outputs."""
    a, b = Path(a), Path(b)
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = [str(rel) for rel in sorted(files_a ^ files_b)]
    differ += [str(rel) for rel in sorted(files_a & files_b) if comparable(a / rel) != comparable(b / rel)]
    return differ
