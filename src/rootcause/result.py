"""The result of one batch analysis, handed to writers and the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    from rootcause.model.driver_model import DriverModel


@dataclass
class AnalysisResult:
    """Everything `analyze` produced; frames are collected polars DataFrames.

    Attributes
    ----------
    contacts
        One row per accepted contact: id, driver_id, driver_label, owner_department,
        driver_confidence, language, channel, created_at, customer_id, is_repeat,
        is_transcript, reason_text (redacted), clean_text (redacted).
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
