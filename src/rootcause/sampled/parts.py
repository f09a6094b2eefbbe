"""The long text columns of a large run, kept on disk chunk by chunk until the outputs are written.

A run over a large export keeps in memory only the short per-contact columns that measuring
needs (driver, owner, date, channel…); each chunk's redacted texts go to a Parquet file as
soon as the chunk is assigned. `ContactParts.write` then joins both, a chunk at a time, into
``contacts.csv`` and ``contacts.parquet``: memory is bounded by the chunk, not the export.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from rootcause import schema as S
from rootcause.sampled.checkpoint import atomic_write, clear

AT = "_at"  # the contact's position among the export's accepted contacts
TEXT_COLUMNS = (S.REASON_TEXT, S.CLEAN_TEXT)


@dataclass
class ContactParts:
    """Per-chunk Parquet files of ``AT`` and the text columns, in input order.

    Attributes
    ----------
    folder : Path
        Where the parts live (removed by `remove`).
    files : list of Path
        One file per chunk, in input order; rows within a file in input order.
    """

    folder: Path
    files: list[Path] = field(default_factory=list)

    def add(self, frame: pl.DataFrame) -> None:
        """Spill one chunk (``AT`` + `TEXT_COLUMNS`, in input order)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"part-{len(self.files):06d}.parquet"
        atomic_write(path, frame.select(AT, *TEXT_COLUMNS).write_parquet)  # a killed run leaves no half part
        self.files.append(path)

    def chunks(self, light: pl.DataFrame) -> Iterator[pl.DataFrame]:
        """Each part joined with its rows of `light` (the short columns, one row per contact
        in input order, with ``AT``)."""
        start = 0
        for path in self.files:
            texts = pl.read_parquet(path)
            rows = light.slice(start, texts.height)
            start += texts.height
            yield rows.join(texts, on=AT, how="left", maintain_order="left")

    def write(self, light: pl.DataFrame, columns: Sequence[str], csv_path: Path, parquet_path: Path) -> None:
        """Write every contact's `columns` to `csv_path` and `parquet_path`, chunk by chunk."""
        from rootcause.pipeline import csv_frame

        staged = self.folder / "out"
        staged.mkdir(parents=True, exist_ok=True)
        finals: list[Path] = []
        with csv_path.open("wb") as fh:
            for i, chunk in enumerate(self.chunks(light)):
                out = chunk.select([c for c in columns if c in chunk.columns])
                csv_frame(out).write_csv(fh, include_header=i == 0)
                finals.append(staged / f"{i:06d}.parquet")
                out.write_parquet(finals[-1])
        if finals:
            pl.scan_parquet(finals).sink_parquet(parquet_path)
        shutil.rmtree(staged, ignore_errors=True)

    def frame(self, light: pl.DataFrame) -> pl.DataFrame:
        """All contacts with their texts, in memory (tests, small library uses)."""
        parts = list(self.chunks(light))
        return pl.concat(parts) if parts else light

    def remove(self) -> None:
        """Delete the parts (after the outputs are written), the checkpoint's manifest first:
        a run killed while they are deleted leaves nothing to resume from."""
        clear(self.folder)
