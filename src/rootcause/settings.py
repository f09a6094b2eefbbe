"""Process-wide settings, read from the environment (prefix ROOTCAUSE_) on first use."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


FIT_SAMPLE = 20_000
MAX_SEED = 2**32 - 1  # what numpy's and scikit-learn's random generators take


class Settings(BaseSettings):
    """Settings shared by the CLI, the library defaults and the API."""

    model_config = SettingsConfigDict(env_prefix="ROOTCAUSE_", env_file=None, extra="ignore")

    # "auto": MiniLM when (nearly) every contact is English, multilingual USE otherwise.
    embedder: str = "auto"
    cache_dir: Path = Path.home() / ".cache" / "rootcause"
    seed: int = Field(default=0, ge=0, le=MAX_SEED)
    # Comma-separated words never redacted as person names: the company's brand and product
    # names, which NER often takes for people ("Lumio", "Freebox").
    keep_names: str = ""
    # API
    database_url: str = "sqlite:///rootcause.db"
    model_dir: Path = Path("models/default")
    max_request_bytes: int = 5_000_000
    # Slow clients (`rootcause serve`, `api.server`, `api.middleware`): a request's headers must
    # arrive within `header_timeout` s of the connection (or of the previous answer on a kept-alive
    # one) and hold at most `max_header_bytes`; its body within `body_timeout` s of its headers
    # (408 otherwise: 5 MB at 2 Mbit/s takes 20 s); an idle kept-alive connection is closed after
    # `keep_alive_timeout` s; past `max_connections` open connections uvicorn answers 503 (None: no cap).
    header_timeout: float = Field(default=10.0, gt=0)
    max_header_bytes: int = Field(default=65_536, ge=1_024)
    body_timeout: float = Field(default=30.0, gt=0)
    keep_alive_timeout: float = Field(default=5.0, gt=0)
    max_connections: int | None = Field(default=None, ge=1)
    max_batch_items: int = 5_000
    data_dir: Path = Path("rootcause-data")  # refit outputs (models, reports) of the API
    departments: Path | None = None  # department catalogue (YAML) for refits and owner checks
    # Exports of up to this many rows are analysed whole, in memory; larger ones are fitted on
    # a stratified sample of this many contacts and the rest is assigned chunk by chunk
    # (`rootcause.sampled`). The discovery estimator fits on at most as many rows
    # (`DriverDiscovery.max_fit_samples`): above it, exact neighbours over every pair cost
    # n² time and the graph's memory grows as n·√n.
    fit_sample: int = Field(default=FIT_SAMPLE, ge=20)
    chunk_rows: int = Field(default=5_000, ge=1)  # rows read, prepared and assigned at a time above fit_sample
    # Processes that clean and redact chunks while the main one embeds (0: one per CPU; 1: none)
    prepare_workers: int = Field(default=0, ge=0)
    # Where the contacts outside the sample are prepared and assigned (`rootcause.sampled.engine`):
    # "local" (this machine) or "ray" (a Ray cluster: RAY_ADDRESS, else a local one; the ray extra)
    engine: Literal["local", "ray"] = "local"
    ray_workers: int = Field(default=0, ge=0)  # Ray actors that do it, one CPU each (0: one per CPU of the cluster)
    # business volumes (the format of `analyze --volumes`): fixes' verdicts per 1,000 units
    volumes: Path | None = None
    max_text_chars: int = 20_000  # per contact text: the API refuses longer ones, analysis cuts them
    classify_redact_names: bool = False  # NER name redaction when only classifying (nothing stored)
    # Classification threads (model calls at once; 0: one per CPU) and the contacts allowed to
    # wait for one before a request is answered 429 with Retry-After (`api.batcher`); BLAS
    # threads of one embedder call (0: one; see `embed.use.load_use` for the measurement).
    classify_workers: int = Field(default=1, ge=0)
    classify_queue: int = Field(default=256, ge=1)
    # Request budgets (`api.ratelimit`): per key (0: off) and for wrong keys per client address.
    key_rate: float = Field(default=0.0, ge=0)
    key_burst: int = Field(default=100, ge=1)
    auth_fail_rate: float = Field(default=5.0, ge=0)
    auth_fail_burst: int = Field(default=20, ge=1)
    embed_threads: int = Field(default=0, ge=0)
    state_refresh_s: float = 1.0  # how often a worker checks for decisions/models made by another worker
    # Retention: stored contacts older than this are erased (None: kept until erased by hand);
    # the server checks every `retention_check_s`, `rootcause purge` when it is run.
    retention_days: int | None = Field(default=None, ge=1)
    retention_check_s: float = Field(default=3600.0, gt=0)
    keep_models: int = Field(default=3, ge=1)  # refit folders kept (each holds a copy of the contacts)
    # Identifiers that look like personal data are stored as HMAC-SHA256 keyed hashes
    # (`rootcause.store.identifiers`); "always": every contact, customer and order id.
    id_secret: SecretStr | None = None
    pseudonymise_ids: Literal["personal", "always"] = "personal"
    # Where `rootcause serve` writes the access log (logger `rootcause.access`, one line per
    # request: key id, method, route template, status, duration): "stderr", "stdout", "off",
    # or a file (appended; reopened when logrotate moves it).
    access_log: str = "stderr"
    # The address where `rootcause serve` answers with the workbench: reports link each driver
    # to <address>/workbench/drivers/<id> (`rootcause analyze --workbench-url` wins over it).
    workbench_url: str | None = None
    # How long a workbench sign-in lasts (hours); the session is then gone, whatever was done.
    session_hours: float = Field(default=8.0, gt=0)

    @property
    def refit_dir(self) -> Path:
        """Where refits write their outputs (one folder per refit)."""
        return self.data_dir / "models"

    @property
    def kept_names(self) -> tuple[str, ...]:
        return tuple(w.strip() for w in self.keep_names.split(",") if w.strip())


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The cached settings; tests call `get_settings.cache_clear()` after changing env. A
    variable that does not fit raises `ConfigError` naming it (``ROOTCAUSE_SEED=-1``)."""
    from pydantic import ValidationError

    from rootcause.errors import ConfigError

    try:
        return Settings()
    except ValidationError as err:
        wrong = "; ".join(f"ROOTCAUSE_{'_'.join(map(str, e['loc'])).upper()}={e.get('input')!r}: {e['msg']}" for e in err.errors())
        raise ConfigError(f"Environment variable out of range: {wrong}. Change or unset it.") from None
