"""Stage times and peak memory for summary.json, and progress lines with time left."""

from __future__ import annotations

import numpy as np

from rootcause.progress import Reporter, StageTimes, Tracker


def test_each_stage_records_its_time_and_its_own_peak_memory():
    times = StageTimes()
    with times.stage("big"):
        block = np.ones(200 * 1024 * 1024 // 8)  # 200 MiB, touched
        del block
    with times.stage("small"):
        pass
    rows = {r["stage"]: r for r in times.table()}
    assert rows["big"]["seconds"] >= 0 and rows["small"]["seconds"] >= 0
    if times.peak_scope == "stage":  # Linux lets the peak counter be reset per stage
        assert rows["big"]["peak_mib"] >= rows["small"]["peak_mib"] + 150
    assert times.summary()["peak_mib"] >= max(r["peak_mib"] for r in times.table())


def test_the_run_peak_counts_what_ran_between_stages():
    times = StageTimes()
    with times.stage("first"):
        pass
    block = np.ones(200 * 1024 * 1024 // 8)  # outside any stage
    del block
    with times.stage("second"):
        pass
    if times.peak_scope == "stage":
        assert times.summary()["peak_mib"] >= max(r["peak_mib"] for r in times.table()) + 150


def test_an_outer_stage_holds_the_peak_of_its_inner_stages():
    times = StageTimes()
    with times.stage("outer"):
        with times.stage("inner"):
            block = np.ones(150 * 1024 * 1024 // 8)
            del block
        with times.stage("inner"):  # a repeated name adds up
            pass
    rows = {r["stage"]: r for r in times.table()}
    assert list(rows) == ["inner", "outer"]
    assert rows["outer"]["peak_mib"] >= rows["inner"]["peak_mib"]


def test_a_prefix_names_the_stages_of_a_sub_run():
    times = StageTimes()
    times.prefix = "Fit on the sample: "
    with times.stage("Embed"):
        pass
    assert times.table()[0]["stage"] == "Fit on the sample: Embed"


def test_a_tracker_says_how_much_is_left():
    lines: list[str] = []

    class Capture(Reporter):
        def info(self, message: str) -> None:
            lines.append(message)

    with Tracker(Capture(enabled=False), "Assign", 1000, every_s=0.0) as track:
        track.advance(250)
        assert track.eta_seconds() is not None
    assert lines[0].startswith("Assign: 250 / 1,000 (25%)") and "left" in lines[0]
    assert lines[-1].startswith("Assign: 250 / 1,000")
