"""The HTML report: one self-contained file for the quality team and each department."""

from rootcause.report.i18n import LANGUAGES, Formatter
from rootcause.report.render import render_html, render_report

__all__ = ["LANGUAGES", "Formatter", "render_html", "render_report"]
