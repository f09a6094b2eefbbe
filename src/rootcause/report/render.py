"""Write the self-contained HTML report of an analysis."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from rootcause.errors import ConfigError
from rootcause.report.i18n import Formatter
from rootcause.report.view import build_view
from rootcause.result import AnalysisResult

_TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    # autoescape on for everything: labels, keywords and verbatims come from customers.
    return Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )


def render_html(
    result: AnalysisResult, *, language: str = "en", title: str | None = None, workbench_url: str | None = None
) -> str:
    """The report of `result` as one HTML document (a string); see `render_report`."""
    fmt = Formatter(language)
    view = build_view(result, fmt, workbench=check_workbench_url(workbench_url))
    # The run's own timestamp keeps the file reproducible; "now" only when the run has none.
    generated = (result.meta or {}).get("created_at") or datetime.now(UTC)
    return _environment().get_template("report.html.j2").render(
        v=view,
        t=fmt.t,
        lang=fmt.language,
        title=title or fmt.t("title"),
        generated=fmt.date(generated),
    )


def check_workbench_url(url: str | None) -> str | None:
    """`url` without a trailing slash; `ConfigError` unless it is an http(s) URL with a host."""
    if not url:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(
            f"--workbench-url / ROOTCAUSE_WORKBENCH_URL {url!r} is not the address of a workbench: give the http(s) "
            "address where `rootcause serve` answers, e.g. https://rootcause.example.com (driver pages are "
            "<address>/workbench/drivers/<id>)."
        )
    return url.rstrip("/")


def render_report(
    result: AnalysisResult,
    path: Path,
    *,
    language: str = "en",
    title: str | None = None,
    workbench_url: str | None = None,
) -> Path:
    """Write the report of `result` to `path` as one self-contained HTML file.

    The file needs no network: CSS, SVG charts and the small tab/sort script are inline.
    Only redacted text from the result's frames is shown; everything is HTML-escaped.

    Parameters
    ----------
    result
        The analysis to report on; its `model` is not used.
    path
        The HTML file to write (parent folders are created). An existing folder gets
        ``report.html`` inside it.
    language
        "en" or "fr": the report's fixed text and number formats.
    title
        The page title; defaults to the language's report title.
    workbench_url
        The address of a `rootcause serve` with the workbench: each driver links to its
        page there (``<url>/workbench/drivers/<id>``). None: no links.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> render_report(result, Path("out/report.html"), language="fr")  # doctest: +SKIP
    PosixPath('out/report.html')
    """
    html = render_html(result, language=language, title=title, workbench_url=workbench_url)
    path = Path(path)
    if path.is_dir():
        path = path / "report.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
