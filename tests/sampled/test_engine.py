"""Engines of a large run: the choice, the missing extra, and the Ray engine's bookkeeping.

The Ray engine on a real (local) cluster is tested in `test_engine_ray.py`; here, what needs
no cluster: how an engine is chosen, the error without Ray, and how the Ray engine puts each
chunk's rows back together (and refuses rows lost or out of order).
"""

from __future__ import annotations

import sys

import numpy as np
import pytest

from rootcause.errors import BadInputError, RootcauseError
from rootcause.progress import StageTimes
from rootcause.sampled.engine import LocalEngine, get_engine
from rootcause.sampled.engine_ray import CHUNK, _reassemble


def test_local_is_the_default_and_ROOTCAUSE_ENGINE_chooses(monkeypatch):
    from rootcause.settings import get_settings

    assert isinstance(get_engine(), LocalEngine)
    monkeypatch.setenv("ROOTCAUSE_ENGINE", "ray")
    get_settings.cache_clear()
    assert get_engine().name == "ray"
    assert get_engine("local").name == "local"  # --engine wins over the setting


def test_an_unknown_engine_is_refused_with_the_choices():
    with pytest.raises(BadInputError, match="--engine 'spark': choose one of local, ray"):
        get_engine("spark")


def test_without_ray_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    monkeypatch.setitem(sys.modules, "ray.data", None)
    with pytest.raises(RootcauseError, match=r"pip install 'rootcause\[ray\]'"):
        get_engine("ray")
    assert get_engine("local").name == "local"  # the default path needs no Ray


def _batch(chunk: int, n: int, start: int = 0) -> dict[str, np.ndarray]:
    """An output batch of the Ray job: `n` rows of `chunk`, numbered from `start`."""
    text = np.array([f"c{chunk}r{start + i}" for i in range(n)], dtype=object)
    rows = {CHUNK: np.full(n, chunk)}
    for c in ("clean_text", "reason_text", "language", "exchange_text", "noise_reason"):
        rows[f"p_{c}"] = text
    rows["p_is_transcript"] = np.zeros(n, dtype=bool)
    for c in ("driver_ids", "driver_labels", "theme_ids", "theme_labels", "owners"):
        rows[f"a_{c}"] = text
    rows["a_labels"] = np.arange(start, start + n)
    rows["a_confidence"] = np.ones(n)
    rows["a_noise"] = np.zeros(n, dtype=bool)
    rows["a_vectors"] = rows["a_centred"] = np.ones((n, 3), dtype=np.float32)
    return rows


def test_chunks_are_put_back_together_from_any_cut_of_the_output():
    # chunk 0: 3 rows in two batches; chunk 1: empty (the sample took it); chunk 2 shares a batch with chunk 3
    both = {k: np.concatenate([a, b]) for (k, a), b in zip(_batch(2, 2).items(), _batch(3, 1).values(), strict=True)}
    batches = iter([_batch(0, 2), _batch(0, 1, start=2), both])
    got = list(_reassemble(["t0", "t1", "t2", "t3"], [3, 0, 2, 1], batches, StageTimes()))
    assert [tag for tag, _, _ in got] == ["t0", "t1", "t2", "t3"]
    assert got[0][1].reason_text == ["c0r0", "c0r1", "c0r2"] and got[0][2].labels.tolist() == [0, 1, 2]
    assert got[1][1].reason_text == [] and got[1][2] is None
    assert got[2][1].clean_text == ["c2r0", "c2r1"] and got[3][2].driver_ids == ["c3r0"]
    assert got[3][2].vectors.shape == (1, 3)


def test_rows_lost_or_out_of_order_stop_the_run():
    with pytest.raises(RootcauseError, match="returned 2 of the 3 contacts of chunk 0"):
        list(_reassemble(["t0"], [3], iter([_batch(0, 2)]), StageTimes()))
    with pytest.raises(RootcauseError, match="chunk 0's contacts out of order"):
        list(_reassemble(["t0", "t1"], [2, 2], iter([_batch(1, 2), _batch(0, 2)]), StageTimes()))
    with pytest.raises(RootcauseError, match="more contacts than it was sent"):
        list(_reassemble(["t0"], [2], iter([_batch(0, 2), _batch(1, 1)]), StageTimes()))


def test_a_cluster_that_cannot_be_reached_stops_the_run_with_the_fix(monkeypatch):
    import ray

    def refuse(*args, **kwargs):
        raise ConnectionError("Could not connect to 10.0.0.9:6379")

    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray, "init", refuse)
    monkeypatch.setenv("RAY_ADDRESS", "10.0.0.9:6379")
    with pytest.raises(RootcauseError, match=r"could not reach the Ray cluster at RAY_ADDRESS=10.0.0.9:6379 .*--engine local"):
        get_engine("ray").open()
    monkeypatch.delenv("RAY_ADDRESS")
    with pytest.raises(RootcauseError, match="could not start a local Ray cluster"):
        get_engine("ray").open()
