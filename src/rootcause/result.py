"""The result of one batch analysis, handed to writers and the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    from rootcause.model.driver_model import DriverModel
    from rootcause.progress import StageTimes
    from rootcause.sampled.parts import ContactParts


@dataclass
class AnalysisResult:
    """Everything `analyze` produced; frames are collected polars DataFrames.

    Attributes
    ----------
    contacts
        One row per accepted contact (in input order): id, driver_id, driver_label, owner_department,
        driver_confidence, language, channel, created_at, customer_id, is_repeat,
        is_transcript, reason_text (redacted), clean_text (redacted). A run fitted on a
        sample keeps the two texts on disk instead (`contact_parts`).
    drivers
        One row per driver, largest first: driver_id, label, size, share,
        owner_department, owner_name, owner_confidence, owner_evidence, contested,
        keywords (list[str]), exemplar_ids (list[str]), exemplars (list[str], redacted),
        emerging, growth, repeat_rate, channel_mix (str), language_mix (str), reviewed (a
        review decision applies), review (list[str]: the actions in force on it), merged_ids
        (list[str]: the drivers merged into it); with volumes,
        per_1000_<volume> and rate_growth (`rootcause.measure.rates`); with fixes, the
        latest fix of each driver and its verdict (`rootcause.measure.fixes.FIX_COLUMNS`).
    departments
        One row per catalogue department: department_id, name, contacts, share,
        drivers (count), top_drivers (list[str] of labels).
    pareto
        Drivers ranked by size: rank, driver_id, label, size, share, cumulative_share.
    weekly
        week (Date, Monday), driver_id, contacts — zero-filled over the span of the data.
    rejects
        schema.REJECT_COLUMNS.
    warnings
        schema.WARNING_COLUMNS: kept contacts with a field that could not be used (an
        unreadable date), or None.
    model
        The fitted DriverModel.
    contact_parts
        A run fitted on a sample (`rootcause.sampled`): the contacts' redacted texts, chunk
        by chunk on disk, which `write_outputs` joins to `contacts`; None otherwise.
    times
        Wall time and peak memory per stage (`rootcause.progress.StageTimes`), or None.
    meta
        Run facts: n_read, n_accepted, n_rejected, n_undated (accepted contacts without
        a date), n_warnings (rows of `warnings`), n_unassigned, n_owned_elsewhere
        (contacts whose own owner is not their driver's, or unassigned ones given an
        owner), embedder, seed,
        version, created_at, date_min, date_max, languages (dict), pareto_targets
        (dict of "10"/"20"/"50" -> number of drivers needed).
    """

    contacts: pl.DataFrame
    drivers: pl.DataFrame
    departments: pl.DataFrame
    pareto: pl.DataFrame
    weekly: pl.DataFrame
    rejects: pl.DataFrame
    model: DriverModel
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: pl.DataFrame | None = None
    contact_parts: ContactParts | None = None
    times: StageTimes | None = None
