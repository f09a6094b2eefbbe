"""`--engine ray` on a local Ray cluster of 2 CPUs: a worker killed mid-job, and still the local
engine's outputs, every contact.

Ray is in the ``test`` extra (`make test` installs it), so these tests run wherever the suite
does. One export is analysed twice, by the local engine and by the Ray engine, whose first
`assign` kills its own worker process (SIGKILL); the cluster is started once for the module
(``ray.init(num_cpus=2)``).
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sys
from pathlib import Path

import polars as pl
import pytest
import ray
import ray.cloudpickle

from rootcause import schema as S
from rootcause.model.driver_model import DriverModel
from rootcause.pipeline import analyze, write_outputs
from rootcause.sampled import engine as engine_module
from rootcause.sampled.engine_ray import RayEngine
from rootcause.settings import get_settings
from test_run import CATALOGUE, make_export  # tests/sampled is on the path, as pytest imports it

FIT_SAMPLE = 60
CHUNK_ROWS = 25


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A local Ray cluster of 2 CPUs whose workers use the tests' embedding cache (`conftest`)."""
    cache = tmp_path_factory.getbasetemp() / "rootcause-cache"
    ray.init(num_cpus=2, include_dashboard=False, runtime_env={"env_vars": {"ROOTCAUSE_CACHE_DIR": str(cache)}})
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # `_DiesOnce`, in the workers
    yield
    ray.shutdown()


@dataclasses.dataclass
class _DiesOnce(DriverModel):
    """A driver model whose first `assign`, in whichever worker runs it, kills that worker's
    process (SIGKILL: no clean-up, as a lost machine or the OOM killer would)."""

    marker: str = ""

    def assign(self, prepared, **kw):
        try:
            with open(self.marker, "x") as fh:  # the first call anywhere, and only it
                fh.write(str(os.getpid()))
        except FileExistsError:
            return super().assign(prepared, **kw)
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("unreachable")


class _KillingEngine(RayEngine):
    """The Ray engine, given a `_DiesOnce` copy of the fitted model."""

    def __init__(self, marker: Path) -> None:
        super().__init__(workers=2)
        self.marker = marker

    def assigned(self, jobs, model, keep, encoder, times, **kw):
        fields = {f.name: getattr(model, f.name) for f in dataclasses.fields(model)}
        return super().assigned(jobs, _DiesOnce(**fields, marker=str(self.marker)), keep, encoder, times, **kw)


@pytest.fixture(scope="module")
def runs(cluster, tmp_path_factory):
    d = tmp_path_factory.mktemp("engines")
    make_export(d / "export.csv", per_topic=100)
    (d / "deps.yaml").write_text(CATALOGUE, encoding="utf-8")
    choose = engine_module.get_engine
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ROOTCAUSE_PREPARE_WORKERS", "1")  # the local engine without worker processes: quicker, same outputs
        mp.setenv("ROOTCAUSE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "rootcause-cache"))  # as `conftest`'s
        mp.setattr(engine_module, "get_engine", lambda name=None: _KillingEngine(d / "killed.pid") if name == "ray" else choose(name))
        get_settings.cache_clear()
        for engine in ("local", "ray"):
            result = analyze(
                [d / "export.csv"], d / "deps.yaml", embedder="fake", seed=0, out_dir=d / engine,
                fit_sample=FIT_SAMPLE, chunk_rows=CHUNK_ROWS, engine=engine,
            )  # fmt: skip
            write_outputs(result, d / engine)
            result.contact_parts.remove()
    get_settings.cache_clear()
    return d


def _alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_worker_died_mid_job(runs):
    killed = int((runs / "killed.pid").read_text())  # written by the worker just before it killed itself
    assert killed != os.getpid() and not _alive(killed)
    stages = [row["stage"] for row in json.loads((runs / "ray" / "summary.json").read_text())["stages"]]
    assert "Assign on Ray: clean, redact, embed, assign" in stages  # Ray did the work


def test_yet_ray_gives_the_local_engines_outputs_every_contact(runs):
    local, ray_ = (pl.read_csv(runs / e / "contacts.csv", infer_schema=False) for e in ("local", "ray"))
    assert local.height == ray_.height == 300
    assert local.equals(ray_)  # ids, drivers, confidences, owners, redacted texts: nothing lost or changed
    assert (runs / "local" / "drivers.csv").read_text() == (runs / "ray" / "drivers.csv").read_text()
    assert len(set(local[S.DRIVER_ID])) > 3


def test_the_engine_leaves_a_cluster_it_did_not_start_running(runs):
    assert ray.is_initialized()  # the run used the module's cluster and left it up
