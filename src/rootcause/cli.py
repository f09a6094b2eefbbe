"""The `rootcause` command line: a thin shell over the library.

Exit codes: 0 success, 2 bad input or configuration (message, no traceback),
1 unexpected failure.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from rootcause import __version__
from rootcause.schema import INPUT_COLUMNS
from rootcause.errors import RootcauseError

app = typer.Typer(
    name="rootcause",
    help="Find why customers contact you, and which department's process causes it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: flags without a <bool> placeholder, [brackets] kept
)


MAP_FILES = "for every input file, FILE:FIELD=COLUMN for one file (its name or path), "
MAP_HELP = (
    f"Column mapping FIELD=COLUMN {MAP_FILES}"
    f"or a mapping file (.yaml/.json: {{FILE or \"*\": {{FIELD: COLUMN}}}}); FIELD one of: {', '.join(INPUT_COLUMNS)}. "
    "COLUMN '-' reads the field from no column (e.g. reason_code=- when a column detected as reason codes is not one). "
    "Repeatable."
)
VolumesOption = Annotated[
    Path | None,
    typer.Option(help="Business volumes for contact rates (contacts per 1,000 orders…): a CSV with a week, date or month column and numeric columns such as orders, customers; or one row of totals."),
]
FixesOption = Annotated[
    Path | None,
    typer.Option(help="Fixes logged on drivers (YAML/JSON/CSV: driver_id, date, description, department, link, author): each driver's contacts before and after its latest fix, with a verdict."),
]


def _show_version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Find why customers contact you, and which department's process causes it."""


def _parse_mapping(items: list[str] | None) -> tuple[dict[str, str] | None, dict[str, dict[str, str]] | None]:
    """``--map`` values as (mapping for every file, mappings per file)."""
    from rootcause.ingest import parse_map_options

    maps = parse_map_options(items)
    return maps.all_files or None, maps.per_file or None


def _fail(err: Exception) -> None:
    typer.secho(f"error: {err}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=2)


@app.command()
def analyze(
    inputs: Annotated[list[Path], typer.Argument(help="Export files: CSV, TSV, Parquet, JSON, NDJSON.")],
    departments: Annotated[Path, typer.Option("--departments", "-d", help="Department catalogue (YAML).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    map_: Annotated[
        list[str] | None, typer.Option("--map", metavar="FIELD=COLUMN", help=MAP_HELP)
    ] = None,
    embedder: Annotated[str | None, typer.Option(help="Embedder: auto (default: MiniLM for English-only data, multilingual USE otherwise), use-multilingual-v3, minilm-l6-v2, tfidf, or a weighted mix: combo(NAME*W+NAME*W).")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed: the same seed gives the same drivers (default: ROOTCAUSE_SEED or 0).")] = None,
    report_language: Annotated[
        str | None, typer.Option("--report-language", help="Report language: en or fr (default: --previous-model's, else en).")
    ] = None,
    decisions: Annotated[Path | None, typer.Option(help="Review decisions file (YAML/JSON) to apply.")] = None,
    previous_model: Annotated[Path | None, typer.Option("--previous-model", help="Former model/: persisting drivers keep their ids.")] = None,
    volumes: VolumesOption = None,
    fixes: FixesOption = None,
    workbench_url: Annotated[
        str | None,
        typer.Option("--workbench-url", help="Address of a `rootcause serve` with the workbench: the report links each driver to its page there (default: ROOTCAUSE_WORKBENCH_URL)."),
    ] = None,
    fit_sample: Annotated[
        int | None,
        typer.Option(
            "--fit-sample",
            help="Exports of up to this many rows are analysed whole; larger ones are fitted on a sample of this many "
            "contacts (stratified by week, channel and language) and the rest is assigned chunk by chunk. "
            "Default: ROOTCAUSE_FIT_SAMPLE or 20,000.",
        ),
    ] = None,
    engine: Annotated[
        str | None,
        typer.Option(
            help="Where the contacts outside the sample of a large export are cleaned, redacted, embedded and assigned: "
            "local (this machine) or ray (a Ray cluster: RAY_ADDRESS, else a local one; pip install 'rootcause[ray]'). "
            "Default: ROOTCAUSE_ENGINE or local.",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Go on from the last finished chunk of a run that was killed before it finished (same exports, "
            "options and --out): the outputs equal an uninterrupted run's. Runs analysed whole start from the start.",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output; warnings (rejected rows, stale decisions) still go to stderr.")] = False,
) -> None:
    """Discover contact drivers, trace their owner departments, measure, and write a report."""
    from rootcause.pipeline import analyze as run_analysis
    from rootcause.progress import Reporter

    report_language = _report_language(report_language, previous_model)
    workbench_url = _check_outputs(out, report_language, workbench_url)
    reporter = Reporter(enabled=not quiet, warnings=True)
    if embedder == "fake":
        reporter.warn("--embedder fake hashes words for tests: its drivers and report mean nothing.")
    try:
        if embedder and embedder != "auto":
            from rootcause.embed import get_embedder

            get_embedder(embedder)  # an unknown name stops here, not after the export is read (no model loads yet)
        mapping, file_mappings = _parse_mapping(map_)
        result = run_analysis(
            inputs,
            departments,
            mapping=mapping,
            file_mappings=file_mappings,
            embedder=embedder,
            seed=seed,
            report_language=report_language,
            decisions=decisions,
            previous_model=previous_model,
            volumes=volumes,
            fixes=fixes,
            reporter=reporter,
            out_dir=out,
            fit_sample=fit_sample,
            engine=engine,
            resume=resume,
        )
        paths = _write_run(result, out, reporter, report_language, workbench_url)
    except RootcauseError as err:
        _fail(err)
        return
    m = result.meta
    if not quiet:
        typer.echo(
            f"\n{m.get('n_accepted', 0)} contacts → {m.get('n_drivers', 0)} drivers "
            f"({m.get('n_unassigned', 0)} unassigned, {m.get('n_noise', 0)} noise, {m.get('n_rejected', 0)} rejected)."
        )
        if m.get("decisions"):
            d = m["decisions"]
            parts = [f"{d['applied']} of {d['given']} applied"]
            if d.get("undone"):
                parts.append(f"{d['undone']} undone")
            if d["skipped"]:
                parts.append(f"{len(d['skipped'])} skipped as stale (see above and summary.json: decisions)")
            typer.echo("Review decisions: " + ", ".join(parts) + ".")
        if m.get("n_owned_elsewhere"):
            typer.echo(
                f"{m['n_owned_elsewhere']} contacts clearly name the process of another department than their "
                "driver's owner: contacts.csv gives them that department (drivers.csv: owner_share)."
            )
        info = m.get("contact_rates") or {}
        over = f", the volume summed over {info['periods']} {info['period']}s" if info.get("period") in ("week", "month") else ""
        for name, r in info.get("rates", {}).items():
            if r.get("per_1000") is not None:
                typer.echo(f"{r['per_1000']:.2f} contacts per 1,000 {name.replace('_', ' ')}{over} (drivers.csv: per_1000_{name}).")
        fit = m.get("fit") or {}
        if fit.get("mode") == "sample":
            typer.echo(
                f"Drivers found on a sample of {fit['sample']:,} contacts (stratified by week, channel and language), "
                f"{fit['second_pass_drivers']} more among the {fit['unknown_after_sample']:,} others no driver fitted; "
                "every other contact assigned by the model."
            )
        _echo_fixes(result)
        targets = m.get("pareto_targets", {})
        if targets.get("50"):
            typer.echo(f"Fixing the top {targets['50']} drivers would remove half of all contacts.")
    typer.echo(f"Report: {paths['report']}")


@app.command()
def update(
    inputs: Annotated[list[Path], typer.Argument(metavar="NEW_EXPORT...", help="The new export files: CSV, TSV, Parquet, JSON, NDJSON.")],
    model: Annotated[Path, typer.Option("--model", "-m", help="The model/ folder of the former run (analyze's or update's --out).")],
    departments: Annotated[Path, typer.Option("--departments", "-d", help="The department catalogue (YAML) the model was fitted with.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder of the updated run (not the former run's).")],
    map_: Annotated[list[str] | None, typer.Option("--map", metavar="FIELD=COLUMN", help=MAP_HELP)] = None,
    previous_run: Annotated[Path | None, typer.Option("--previous-run", help="The former run's folder (default: the folder holding --model).")] = None,
    decisions: Annotated[Path | None, typer.Option(help="Review decisions file (YAML/JSON) to replay on the model.")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed of the search for new drivers (default: the model's).")] = None,
    volumes: VolumesOption = None,
    fixes: FixesOption = None,
    report_language: Annotated[
        str | None, typer.Option("--report-language", help="Report language: en or fr (default: the model's, else en).")
    ] = None,
    workbench_url: Annotated[
        str | None,
        typer.Option("--workbench-url", help="Address of a `rootcause serve` with the workbench (default: ROOTCAUSE_WORKBENCH_URL)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output; warnings still go to stderr.")] = False,
) -> None:
    """Add a new export to a former run without refitting: drivers keep their ids, names and review.

    Only the new contacts are cleaned, embedded and assigned; drivers the model lacks (contacts no driver fits, or a reason that makes a driver emerge) are added with new ids; trends, emerging flags and the report cover former and new contacts. A contact id in both replaces the former row.
    """
    from rootcause.progress import Reporter
    from rootcause.sampled.update import update as run_update

    report_language = _report_language(report_language, model)
    workbench_url = _check_outputs(out, report_language, workbench_url)
    reporter = Reporter(enabled=not quiet, warnings=True)
    try:
        mapping, file_mappings = _parse_mapping(map_)
        result = run_update(
            model, inputs, departments, out, previous_run=previous_run, mapping=mapping, file_mappings=file_mappings,
            decisions=decisions, seed=seed, report_language=report_language, volumes=volumes, fixes=fixes, reporter=reporter,
        )  # fmt: skip
        paths = _write_run(result, out, reporter, report_language, workbench_url)
    except RootcauseError as err:
        _fail(err)
        return
    u = result.meta["update"]
    if not quiet:
        typer.echo(
            f"\n{u['new_contacts']:,} new contacts added to {u['former_contacts']:,} former ones "
            f"({u['replaced_contacts']:,} former rows replaced by the new export) → {result.meta.get('n_drivers', 0)} drivers, "
            f"{len(u['new_drivers'])} new: {', '.join(u['new_drivers']) or 'none'}."
        )
        _echo_fixes(result)
    typer.echo(f"Report: {paths['report']}")


@app.command()
def classify(
    input_: Annotated[Path, typer.Argument(metavar="INPUT", help="Contacts to classify (CSV, TSV, Parquet, JSON, NDJSON).")],
    model: Annotated[Path, typer.Option("--model", "-m", help="The model/ folder written by analyze.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (.csv, .parquet, .json or .ndjson).")],
    map_: Annotated[list[str] | None, typer.Option("--map", metavar="FIELD=COLUMN", help=MAP_HELP.replace(MAP_FILES, ""))] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output; warnings (rejected rows) still go to stderr.")] = False,
) -> None:
    """Assign new contacts to the saved drivers (`unknown` when none fits)."""
    from rootcause import schema as S
    from rootcause.ingest import read_contacts
    from rootcause.ingest.formats import check_path
    from rootcause.model import load_model
    from rootcause.pipeline import cli_pseudonyms
    from rootcause.progress import Reporter
    from rootcause.settings import get_settings

    reporter = Reporter(enabled=not quiet, warnings=True)
    try:
        _check_table_suffix(out)
        if not (model / "model.json").is_file() and (model / "model" / "model.json").is_file():
            model = model / "model"  # the folder `analyze --out` wrote
        fitted = load_model(model)
        mapping, file_mappings = _parse_mapping(map_)
        check_path(input_)  # a missing input stops here, before the id key is made
        with reporter.stage("Read contacts"):
            ing = read_contacts([input_], mapping=mapping, file_mappings=file_mappings, pseudonyms=cli_pseudonyms(get_settings()))
        for note in ing.notes:
            reporter.warn(note)
        with reporter.stage("Classify"):
            res = fitted.classify(
                ing.contacts[S.TEXT].to_list(),
                ids=ing.contacts[S.ID].to_list(),
                subjects=ing.contacts[S.SUBJECT].to_list(),
                languages=ing.contacts[S.LANGUAGE].to_list(),
            )
        _write_table(res, out)
        if ing.rejects.height:
            rej = out.with_name(out.stem + ".rejects.csv")
            ing.rejects.write_csv(rej)
            reporter.warn(f"{ing.rejects.height} row{'s' if ing.rejects.height != 1 else ''} rejected: see {rej}")
        if ing.warnings.height:
            warned = out.with_name(out.stem + ".warnings.csv")
            ing.warnings.write_csv(warned)
            reporter.warn(f"{ing.warnings.height} date{'s' if ing.warnings.height != 1 else ''} could not be read or implausible, kept undated: see {warned}")
    except RootcauseError as err:
        _fail(err)
        return
    n_unknown = int(res["is_unknown"].sum()) if res.height else 0
    typer.echo(f"{res.height} contacts classified ({n_unknown} unknown) → {out}")


def _report_language(option: str | None, model_dir: Path | None) -> str:
    """--report-language, else the language the former model's labels were asked in, else English:
    a run on a former model keeps its labels' language unless told otherwise."""
    from rootcause.model.driver_model import saved_report_language

    chosen = option.strip().casefold() if option else None  # "EN" is "en"
    return chosen or (saved_report_language(model_dir) if model_dir is not None else None) or "en"


def _check_outputs(out: Path, report_language: str, workbench_url: str | None) -> str | None:
    """Stop before any work on an --out, --report-language or --workbench-url that cannot be
    written; return the workbench address (the option's, else the setting's)."""
    from rootcause.report.render import check_workbench_url
    from rootcause.settings import get_settings

    if report_language not in ("en", "fr"):
        _fail(RootcauseError(f"--report-language {report_language!r}: choose en or fr."))
    if out.exists() and not out.is_dir():
        _fail(RootcauseError(f"--out {out} is a file; the outputs go into a folder: give a folder path (it is created)."))
    try:
        return check_workbench_url(workbench_url or get_settings().workbench_url)
    except RootcauseError as err:
        _fail(err)
        return None


def _write_run(result, out: Path, reporter, report_language: str, workbench_url: str | None) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """Write a run's outputs and report into `out`, then drop the texts it kept on disk."""
    from rootcause.pipeline import write_outputs

    with reporter.stage("Write outputs and report"):
        paths = write_outputs(result, out, report_language=report_language, workbench_url=workbench_url)
        if result.contact_parts is not None:
            result.contact_parts.remove()
    return paths


def _echo_fixes(result) -> None:  # type: ignore[no-untyped-def]
    """One line per driver with a fix: its verdict, as the report says it (in English)."""
    if "fix_verdict" not in result.drivers.columns:
        return
    from rootcause.report.fixes import fix_sentence
    from rootcause.report.i18n import Formatter

    fmt = Formatter("en")
    for row in result.drivers.filter(result.drivers["fix_verdict"].is_not_null()).iter_rows(named=True):
        typer.echo(f"Fix on {row['driver_id']}: {fix_sentence(row, fmt)} (drivers.csv: fix_*).")


@app.command("review-queue")
def review_queue(
    run: Annotated[Path, typer.Argument(help="A folder written by `rootcause analyze --out` (its model/ and drivers.parquet).")],
    decisions: Annotated[Path | None, typer.Option(help="Review decisions made since (YAML/JSON): answered questions leave the queue.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many questions.", min=1)] = 20,
    language: Annotated[str, typer.Option(help="Language of the questions (their kinds, reasons and fixed words): en or fr.")] = "en",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Also write the queue to a file (.csv, .parquet, .json or .ndjson).")] = None,
) -> None:
    """The review questions whose answers change most, first (also written by analyze as review_queue.csv)."""
    from rootcause.pipeline import warn_stale
    from rootcause.progress import Reporter
    from rootcause.review import load_decisions
    from rootcause.review.decisions import DECLINABLE
    from rootcause.review.queue import queue_for_run, queue_frame, queue_words

    stale: list = []
    try:
        words = queue_words(language)
        if not (run / "model" / "model.json").is_file():
            raise RootcauseError(f"{run} holds no model/model.json: point at the --out folder of `rootcause analyze`.")
        if out is not None:
            _check_table_suffix(out)
        questions = queue_for_run(
            run, decisions=load_decisions(decisions) if decisions else (), limit=limit, language=language, stale=stale
        )
    except RootcauseError as err:
        _fail(err)
        return
    warn_stale(Reporter(enabled=False, warnings=True), stale)
    frame = queue_frame(questions)
    for q in frame.iter_rows(named=True):
        kind = words[f"kind.{q['kind']}"]
        no = f"; {words['key'].format(key=q['key'])}" if q["kind"] in DECLINABLE else ""
        typer.echo(f"{q['rank']:>3}. [{kind}] {q['driver_id']} “{q['label']}”: {q['reason']} ({words['candidates'].format(candidates=q['candidates'])}{no})")
    if not questions:
        typer.echo(words["none_left"])
    if out is not None:
        _write_table(frame, out)
        typer.echo(words["written"].format(n=len(questions), path=out))


_TABLE_SUFFIXES = (".csv", ".parquet", ".json", ".ndjson", ".jsonl")


def _check_table_suffix(path: Path) -> None:
    if path.suffix.lower() not in _TABLE_SUFFIXES:
        raise RootcauseError(f"--out {path}: unknown extension {path.suffix!r}; use .csv, .parquet, .json or .ndjson.")


def _write_table(frame, path: Path) -> None:  # type: ignore[no-untyped-def]
    _check_table_suffix(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame.write_parquet(path)
    elif suffix == ".json":
        frame.write_json(path)
    elif suffix in (".ndjson", ".jsonl"):
        frame.write_ndjson(path)
    else:
        frame.write_csv(path)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def _register_serve() -> None:
    try:
        from rootcause.cli_serve import app as serve_app
    except ImportError:  # the API's optional pieces are not importable
        return
    for cmd in serve_app.registered_commands:
        app.registered_commands.append(cmd)
    for group in serve_app.registered_groups:
        app.registered_groups.append(group)


_register_serve()


def main() -> None:
    """Entry point of the `rootcause` script."""
    try:
        app()
    except RootcauseError as err:  # raised outside a command's own handler
        typer.secho(f"error: {err}", fg=typer.colors.RED, err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
