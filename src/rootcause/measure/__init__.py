"""Measure what each driver costs in contacts and how it trends."""

from rootcause.measure.metrics import (
    department_scorecards,
    driver_stats,
    flag_repeats,
    pareto,
    pareto_targets,
    weekly_counts,
)

__all__ = ["department_scorecards", "driver_stats", "flag_repeats", "pareto", "pareto_targets", "weekly_counts"]
