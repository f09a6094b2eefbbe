"""`rootcause serve`, `rootcause keys …`, `rootcause users …`, `rootcause ingest` and `rootcause erase`: a thin shell over the API and the store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from rootcause.errors import RootcauseError

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Run the HTTP API and manage its API keys.")
keys_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Create, revoke and list API keys (stored hashed).")
app.add_typer(keys_app, name="keys")
users_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Workbench users: a role and a password (stored as a salted scrypt hash).")
app.add_typer(users_app, name="users")

DatabaseOpt = Annotated[
    str | None,
    typer.Option("--database-url", help="SQLAlchemy URL; default ROOTCAUSE_DATABASE_URL or sqlite:///rootcause.db."),
]
DataOpt = Annotated[
    Path | None, typer.Option("--data", help="The API's data folder (refits, reports); default ROOTCAUSE_DATA_DIR.")
]


def _store(database_url: str | None):  # noqa: ANN202 - Store, imported lazily
    from rootcause.settings import get_settings
    from rootcause.store import Store

    store = Store(database_url or get_settings().database_url)
    store.migrate()
    return store


def _existing_store(database_url: str | None):  # noqa: ANN202 - Store | None
    """The store, unless it is a SQLite file that does not exist (nothing stored: nothing to open)."""
    from sqlalchemy.engine import make_url

    from rootcause.settings import get_settings
    from rootcause.store import normalize_url

    url = make_url(normalize_url(database_url or get_settings().database_url))
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        if not Path(url.database).is_file():
            return None
    return _store(database_url)


def _fail(err: Exception) -> None:
    typer.secho(f"Error: {err}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=2) from err


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    model: Annotated[
        Path | None,
        typer.Option(help="Driver model folder, e.g. the model/ folder of your analysis (out/…/model); default ROOTCAUSE_MODEL_DIR or models/default (the sample's)."),
    ] = None,
    departments: Annotated[
        Path | None,
        typer.Option("--departments", "-d", help="Department catalogue (YAML) of that model: owners are checked against it and refits use it; default ROOTCAUSE_DEPARTMENTS."),
    ] = None,
    database_url: DatabaseOpt = None,
    access_log: Annotated[
        str | None,
        typer.Option("--access-log", help="Access log (key id, method, route, status, duration per request): stderr (default), stdout, off, or a file; default ROOTCAUSE_ACCESS_LOG."),
    ] = None,
) -> None:
    """Serve the API (docs at /docs, OpenAPI at /openapi.json)."""
    import uvicorn

    from rootcause.settings import get_settings

    # Workers are separate processes: they read their settings from the environment.
    if model is not None:
        if not (model / "model.json").is_file():
            _fail(RootcauseError(f"--model {model}: no model.json there; give the model/ folder written by `rootcause analyze`."))
        os.environ["ROOTCAUSE_MODEL_DIR"] = str(model.resolve())
    if departments is not None:
        if not departments.is_file():
            _fail(RootcauseError(f"--departments {departments}: no such file; give the catalogue YAML used for the analysis."))
        os.environ["ROOTCAUSE_DEPARTMENTS"] = str(departments.resolve())
    if database_url is not None:
        os.environ["ROOTCAUSE_DATABASE_URL"] = database_url
    if access_log is not None:
        os.environ["ROOTCAUSE_ACCESS_LOG"] = access_log
    get_settings.cache_clear()
    settings = get_settings()
    from api.server import uvicorn_options
    from api.state import served_model

    try:
        store = _store(None)  # migrate once, before the workers start
    except RootcauseError as err:
        _fail(err)
        return
    try:
        served, why = served_model(store, settings.model_dir)
    finally:
        store.close()
    typer.echo(f"Model: {served} ({why}); catalogue: {settings.departments or 'none (set --departments)'}")

    uvicorn.run(
        "api.server:served_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # our own access log names route templates, never raw paths or queries
        log_level="info",
        log_config=logging_config(settings.access_log),  # applied in each worker process too
        # slow or oversized headers, idle connections, open connections (`api.server`)
        **uvicorn_options(settings),
    )


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def logging_config(access_log: str = "stderr") -> dict[str, Any]:
    """uvicorn's logging configuration, plus handlers for rootcause's loggers.

    ``rootcause.*`` (errors with their error id, refits, erasures: never contact data) goes
    to stderr at INFO; ``rootcause.access`` to `access_log`: "stderr", "stdout", "off", or a
    file path (appended; a `WatchedFileHandler`, so logrotate can move it).
    """
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["rootcause"] = {"format": LOG_FORMAT}
    config["handlers"]["rootcause"] = {"class": "logging.StreamHandler", "formatter": "rootcause", "stream": "ext://sys.stderr"}
    where = access_log.strip()
    if where.lower() in ("stderr", "stdout"):
        access = {"class": "logging.StreamHandler", "formatter": "rootcause", "stream": f"ext://sys.{where.lower()}"}
    elif where.lower() in ("off", "none", ""):
        access = {"class": "logging.NullHandler"}
    else:
        Path(where).parent.mkdir(parents=True, exist_ok=True)
        access = {"class": "logging.handlers.WatchedFileHandler", "formatter": "rootcause", "filename": where, "encoding": "utf-8"}
    config["handlers"]["rootcause_access"] = access
    config["loggers"]["rootcause"] = {"handlers": ["rootcause"], "level": "INFO", "propagate": False}
    config["loggers"]["rootcause.access"] = {"handlers": ["rootcause_access"], "level": "INFO", "propagate": False}
    return config


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="Who or what uses the key, e.g. crm-prod.")],
    scopes: Annotated[
        str,
        typer.Option(help="Comma-separated: classify, ingest, read (drivers, exemplars, reports, decisions), review (implies read), admin (all)."),
    ] = "classify",
    database_url: DatabaseOpt = None,
) -> None:
    """Create a key and print its token (shown once: only its hash is stored)."""
    try:
        key, token = _store(database_url).create_key(name, scopes.split(","))
    except RootcauseError as err:
        _fail(err)
        return
    typer.echo(f"key_id: {key.key_id}\nname:   {key.name}\nscopes: {','.join(key.scopes)}")
    typer.echo(f"token:  {token}")
    typer.secho("Store the token now: it cannot be shown again.", fg=typer.colors.YELLOW, err=True)


@keys_app.command("revoke")
def keys_revoke(key_id: Annotated[str, typer.Argument(help="The key id (see `keys list`).")], database_url: DatabaseOpt = None) -> None:
    """Revoke a key: requests with it get 401 from now on."""
    if not _store(database_url).revoke_key(key_id):
        _fail(RootcauseError(f"No active key {key_id!r}; `rootcause keys list` shows the keys."))
    typer.echo(f"revoked {key_id}")


@keys_app.command("list")
def keys_list(database_url: DatabaseOpt = None) -> None:
    """List keys (ids, names, scopes, state; never secrets)."""
    for k in _store(database_url).keys():
        state = "active" if k.active else f"revoked {k.revoked_at:%Y-%m-%d %H:%M}"
        typer.echo(f"{k.key_id}\t{k.name}\t{','.join(k.scopes)}\t{k.created_at:%Y-%m-%d %H:%M}\t{state}")


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="The user's name: it signs their review decisions.")],
    role: Annotated[str, typer.Option(help="viewer (reads), reviewer (reads and decides), admin.")] = "viewer",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input (first line) instead of a prompt.")
    ] = False,
    database_url: DatabaseOpt = None,
) -> None:
    """Create a workbench user, or give an existing one a new role and password."""
    import sys

    from rootcause.store import accounts

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = accounts.add_user(_store(database_url), name, role, password)
    except RootcauseError as err:
        _fail(err)
        return
    typer.echo(f"user {user.name}: role {user.role} (sign in at /workbench/login)")


@users_app.command("list")
def users_list(database_url: DatabaseOpt = None) -> None:
    """List workbench users (names, roles, state; never passwords)."""
    from rootcause.store import accounts

    for u in accounts.users(_store(database_url)):
        state = "active" if u.disabled_at is None else f"disabled {u.disabled_at:%Y-%m-%d %H:%M}"
        typer.echo(f"{u.name}\t{u.role}\t{u.created_at:%Y-%m-%d %H:%M}\t{state}")


@users_app.command("disable")
def users_disable(name: Annotated[str, typer.Argument(help="The user's name.")], database_url: DatabaseOpt = None) -> None:
    """Disable a user: their sessions end at once and they cannot sign in (`users add` enables them again)."""
    from rootcause.store import accounts

    if not accounts.disable_user(_store(database_url), name):
        _fail(RootcauseError(f"No active user {name!r}; `rootcause users list` shows them."))
    typer.echo(f"disabled {name}")


@app.command()
def erase(
    customer: Annotated[
        list[str] | None, typer.Option("--customer", help="A customer id, as the CRM sends it: every contact of theirs. Repeatable.")
    ] = None,
    contact: Annotated[list[str] | None, typer.Option("--contact", help="A contact id, as the CRM sends it. Repeatable.")] = None,
    out: Annotated[
        list[Path] | None,
        typer.Option("--out", "-o", help="An output folder of an earlier `rootcause analyze` (or a folder of them) to clean too. Repeatable."),
    ] = None,
    data: DataOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Erase a customer's or a contact's data: the stored contacts, their copies in refit and output
    folders (contacts, exemplars, reports), their identifiers in review decisions, the embedding cache."""
    from rootcause.privacy import erase as erase_data
    from rootcause.settings import get_settings
    from rootcause.store.identifiers import SECRET_FILE, Pseudonyms

    settings = get_settings()
    if data is not None:
        settings = settings.model_copy(update={"data_dir": data})
    try:
        store = _existing_store(database_url)
        pseudonyms = Pseudonyms.from_settings(settings, create=False)
        done = erase_data(
            store,
            contacts=contact or [],
            customers=customer or [],
            folders=[settings.data_dir, *(out or [])],
            cache_dir=settings.cache_dir,
            pseudonyms=pseudonyms,
        )
    except RootcauseError as err:
        _fail(err)
        return
    if store is not None and pseudonyms.secret is None:
        typer.secho(
            f"No ROOTCAUSE_ID_SECRET and no {SECRET_FILE} in {settings.data_dir}: ids the server stored pseudonymised "
            "(e-mail addresses, phone numbers, names) were looked for as sent only; give the server's --data.",
            fg=typer.colors.YELLOW,
            err=True,
        )
    where = "the store" if store is not None else "no store (no database file)"
    typer.echo(
        f"Erased {done.contacts} contacts from {where}; cleaned {done.folders} output folders ({done.files} files); "
        f"edited {done.decisions} review decisions; removed {done.cache_files} embedding-cache files."
    )
    if done.job_id:
        typer.echo(f"Recorded as job {done.job_id} (counts only).")


INGEST_BATCH = 500  # contacts per stored batch: each is one transaction, as a `POST /v1/contacts/batch`


@app.command()
def ingest(
    inputs: Annotated[list[Path], typer.Argument(metavar="INPUT...", help="Contact exports (CSV, TSV, Parquet, JSON, NDJSON), read as `analyze` reads them.")],
    model: Annotated[
        Path | None,
        typer.Option(help="The model that classifies them, as `serve --model` takes it; default the one the server serves (its latest refit, else ROOTCAUSE_MODEL_DIR)."),
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", metavar="FIELD=COLUMN", help="Column mapping, as `analyze --map` takes it. Repeatable."),
    ] = None,
    upsert: Annotated[bool, typer.Option("--upsert", help="Replace a stored contact whose id comes again with another text.")] = False,
    rejects: Annotated[
        Path, typer.Option("--rejects", help="Where the rows not stored go, with their reason (written only when there are some).")
    ] = Path("ingest.rejects.csv"),
    data: DataOpt = None,
    database_url: DatabaseOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
) -> None:
    """Store contact exports for the server and its workbench: read as `analyze` reads them, then
    redacted, classified and stored as `POST /v1/contacts/batch` stores them (the same checks, the
    same pseudonymised ids), so the workbench shows them without a script."""
    import uuid

    import polars as pl

    from rootcause.cli import _parse_mapping
    from rootcause.ingest import read_contacts
    from rootcause.ingest.formats import check_path
    from rootcause.model import load_model
    from rootcause.progress import Reporter
    from rootcause.schema import INPUT_COLUMNS
    from rootcause.settings import get_settings
    from rootcause.store.identifiers import Pseudonyms
    from rootcause.store.ingest import ingest_contacts

    reporter = Reporter(enabled=not quiet, warnings=True)
    settings = get_settings()
    if data is not None:
        settings = settings.model_copy(update={"data_dir": data})
    try:
        mapping, file_mappings = _parse_mapping(map_)
        for path in inputs:
            check_path(path)  # before the store or the id key is made
        store = _store(database_url)
        if model is None:
            from api.state import served_model

            model = served_model(store, settings.model_dir)[0]
        elif not (model / "model.json").is_file() and (model / "model" / "model.json").is_file():
            model = model / "model"  # the folder `analyze --out` wrote
        fitted = load_model(model)
        with reporter.stage("Read contacts"):
            ing = read_contacts(inputs, mapping=mapping, file_mappings=file_mappings)
        for note in ing.notes:
            reporter.warn(note)
        pseudonyms = Pseudonyms.from_settings(settings)  # the server's: a contact is found again by the id the CRM knows
        records = ing.contacts.select(INPUT_COLUMNS).to_dicts()
        where = ing.contacts.select("source_file", "source_row").to_dicts()
        results = []
        with reporter.track("Redact, classify and store", len(records)) as tracker:
            for start in range(0, len(records), INGEST_BATCH):
                batch = [{k: v for k, v in r.items() if v is not None} for r in records[start : start + INGEST_BATCH]]
                done = ingest_contacts(
                    store, batch, model=fitted, batch_id=str(uuid.uuid4()), max_text_chars=settings.max_text_chars,
                    pseudonyms=pseudonyms, upsert=upsert, classify_names=settings.classify_redact_names,
                )
                results += [(start + r.index, r) for r in done]
                tracker.advance(len(batch))
    except RootcauseError as err:
        _fail(err)
        return
    columns = ("source_file", "source_row", "id", "field", "reason", "fix")
    refused = [
        {**where[i], "id": r.id, "field": r.field or "", "reason": r.reason or "", "fix": "" if r.status == "rejected" else "rerun with --upsert to replace it"}
        for i, r in results
        if r.status != "accepted"
    ]  # read rejects first, then what the store refused (a bad date, a conflict)
    table = pl.concat([ing.rejects.select(columns), pl.DataFrame(refused, schema=dict.fromkeys(columns, pl.Utf8))])
    if table.height:
        table.write_csv(rejects)
    # rows kept with a field that could not be used (an unreadable date, an empty id), beside the rejects
    kept_with = rejects.with_name(rejects.name.replace("rejects", "warnings") if "rejects" in rejects.name else f"{rejects.stem}.warnings.csv")
    if ing.warnings.height:
        ing.warnings.write_csv(kept_with)
    undated = int((ing.warnings["field"] == "created_at").sum()) if ing.warnings.height else 0
    accepted = [r for _, r in results if r.status == "accepted"]
    created = sum(r.created for r in accepted)
    typer.echo(
        f"{len(accepted)} contacts stored ({created} new, {len(accepted) - created} already stored) with the model {model}"
        + (f"; {table.height} not stored → {rejects} (each with its reason)" if table.height else "")
        + (f"; {undated} date{'s' if undated != 1 else ''} unreadable or implausible, kept undated" if undated else "")
        + (f"; rows kept with a warning → {kept_with}" if ing.warnings.height else "")
        + "."
    )


@app.command()
def purge(
    days: Annotated[
        int | None, typer.Option("--days", min=1, help="Erase the stored contacts older than this; default ROOTCAUSE_RETENTION_DAYS.")
    ] = None,
    keep_models: Annotated[
        int | None, typer.Option("--keep-models", min=1, help="Refit folders kept, newest first; default ROOTCAUSE_KEEP_MODELS (3).")
    ] = None,
    data: DataOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Apply retention once, as the server does every hour: delete old refit folders, and erase the
    stored contacts older than the retention period everywhere (store, refit copies, cache)."""
    from rootcause.privacy import apply_retention
    from rootcause.settings import get_settings

    settings = get_settings()
    if data is not None:
        settings = settings.model_copy(update={"data_dir": data})
    days = days or settings.retention_days
    try:
        store = _existing_store(database_url)
        if store is None:
            typer.echo("No database file: nothing is stored, nothing to purge.")
            return
        done = apply_retention(
            store,
            days=days,
            keep_models=keep_models or settings.keep_models,
            refit_dir=settings.refit_dir,
            folders=[settings.data_dir],
            cache_dir=settings.cache_dir,
        )
    except RootcauseError as err:
        _fail(err)
        return
    typer.echo(f"Deleted {done.models} old refit folders.")
    if days is None:
        typer.echo("No retention period (--days or ROOTCAUSE_RETENTION_DAYS): stored contacts are kept.")
    else:
        p = done.purged
        typer.echo(f"Erased {p.contacts} contacts older than {days} days; cleaned {p.folders} output folders ({p.files} files).")
