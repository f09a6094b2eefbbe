"""`--engine ray` on a local Ray cluster of 2 CPUs: the local engine's outputs, and nothing lost
when a worker dies mid-job.

Ray is in the ``test`` extra (`make test` installs it), so these tests run wherever the suite
does; the cluster is started once for the module (``ray.init(num_cpus=2)``, about 15 s).
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sys
from pathlib import Path

import numpy as np
import polars as pl
import pytest
import ray
import ray.cloudpickle

from rootcause import schema as S
from rootcause.ingest import ExportStream
from rootcause.model import load_model
from rootcause.model.driver_model import DriverModel
from rootcause.pipeline import analyze, write_outputs
from rootcause.progress import StageTimes
from rootcause.sampled.engine import LocalEngine
from rootcause.sampled.engine_ray import RayEngine
from rootcause.sampled.run import _encoder
from test_run import CATALOGUE, make_export  # tests/sampled is on the path, as pytest imports it

FIT_SAMPLE = 60
CHUNK_ROWS = 25


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A local Ray cluster of 2 CPUs whose workers use the tests' embedding cache (`conftest`)."""
    cache = tmp_path_factory.getbasetemp() / "rootcause-cache"
    ray.init(
        num_cpus=2, include_dashboard=False, runtime_env={"env_vars": {"ROOTCAUSE_CACHE_DIR": str(cache)}}
    )
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # `_DiesOnce`, in the workers
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def runs(cluster, tmp_path_factory):
    d = tmp_path_factory.mktemp("engines")
    make_export(d / "export.csv", per_topic=100)
    (d / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    for engine in ("local", "ray"):
        result = analyze(
            [d / "export.csv"], d / "deps.yaml", embedder="fake", seed=0, out_dir=d / engine,
            fit_sample=FIT_SAMPLE, chunk_rows=CHUNK_ROWS, engine=engine,
        )  # fmt: skip
        write_outputs(result, d / engine)
        result.contact_parts.remove()
    return d


def test_ray_gives_the_local_engines_outputs(runs):
    local, ray_ = (pl.read_csv(runs / e / "contacts.csv", infer_schema=False) for e in ("local", "ray"))
    assert local.height == ray_.height == 300
    assert local.equals(ray_)
    assert (runs / "local" / "drivers.csv").read_text() == (runs / "ray" / "drivers.csv").read_text()
    stages = [row["stage"] for row in json.loads((runs / "ray" / "summary.json").read_text())["stages"]]
    assert "Assign on Ray: clean, redact, embed, assign" in stages  # Ray did the work
    assert len(set(local[S.DRIVER_ID])) > 3


@dataclasses.dataclass
class _DiesOnce(DriverModel):
    """A driver model whose first `assign`, in whichever worker runs it, kills that worker's
    process (SIGKILL: no clean-up, as a machine lost or the OOM killer would)."""

    marker: str = ""

    def assign(self, prepared, **kw):
        try:
            with open(self.marker, "x") as fh:  # the first call anywhere, and only it
                fh.write(str(os.getpid()))
        except FileExistsError:
            return super().assign(prepared, **kw)
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("unreachable")


def test_a_worker_killed_mid_job_loses_nothing(runs, tmp_path):
    model = load_model(runs / "local" / "model")
    stream = ExportStream([runs / "export.csv"], chunk_rows=CHUNK_ROWS)
    jobs = [(i, (c[S.TEXT].to_list(), c[S.SUBJECT].to_list(), c[S.LANGUAGE].to_list())) for i, c in enumerate(stream)]
    expected = list(LocalEngine(workers=1).assigned(jobs, model, (), _encoder(model), StageTimes()))

    marker = tmp_path / "killed.pid"
    dying = _DiesOnce(**{f.name: getattr(model, f.name) for f in dataclasses.fields(model)}, marker=str(marker))
    got = list(RayEngine(workers=2).assigned(jobs, dying, (), None, StageTimes()))

    assert marker.exists()  # a worker did die, holding a chunk…
    killed = int(marker.read_text())
    assert killed != os.getpid() and not _alive(killed)
    assert [tag for tag, _, _ in got] == [tag for tag, _, _ in expected]  # …and every chunk came back,
    for (_, p_ray, a_ray), (_, p_local, a_local) in zip(got, expected, strict=True):  # every row, as the local engine's
        assert p_ray.reason_text == p_local.reason_text and p_ray.clean_text == p_local.clean_text
        assert p_ray.noise_reason == p_local.noise_reason and p_ray.language == p_local.language
        assert a_ray.driver_ids == a_local.driver_ids and a_ray.owners == a_local.owners
        np.testing.assert_allclose(a_ray.confidence, a_local.confidence)
        np.testing.assert_allclose(a_ray.vectors, a_local.vectors)
    assert sum(len(p.reason_text) for _, p, _ in got) == 300


def _alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_the_engine_leaves_a_cluster_it_did_not_start_running(runs):
    assert ray.is_initialized()  # the runs above used the module's cluster and left it up
