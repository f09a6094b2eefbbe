"""Issue 20, items 1 and 4: `make run`'s own command on the bundled sample.

Item 1: every figure the README quotes about that run comes from the run (its `summary.json`).
Item 4: the French report of the same run has no English word outside verbatims, the words of
the contacts (driver names, keywords) and the catalogue's text.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest
import yaml

from rootcause.attribute.owner import _EVIDENCE
from rootcause.report.i18n import CHANNEL_NAMES, NOISE_KINDS_FR, REJECT_REASONS_FR, STRINGS, VOLUME_NAMES_FR, _MONTHS

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.integration


def make_run_command(out: Path, *extra: str) -> list[str]:
    """The `run` recipe of the Makefile, with the project's CLI and `out` as the output folder."""
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert recipe, "Makefile has no run recipe"
    line = recipe.group(1).replace("\\\n", " ").replace("\t", " ").strip()
    words = shlex.split(line)
    assert words[0] == "$(BIN)/rootcause", words
    words[words.index("--out") + 1] = str(out)
    return [sys.executable, "-m", "rootcause.cli", *words[1:], *extra]


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("make-run") / "samples"
    r = subprocess.run(make_run_command(out), cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    assert r.returncode == 0, r.stderr[-3000:]
    return out, r.stdout


def test_item_1_readme_quotes_the_figures_of_make_run(sample_run):
    out, stdout = sample_run
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quoted = re.search(r"(\d+) contacts → (\d+) drivers \((\d+) unassigned, (\d+) noise, (\d+) rejected\)\.", readme)
    assert quoted, "the README no longer quotes make run's summary line"
    facts = [summary["n_accepted"], summary["n_drivers"], summary["n_unassigned"], summary["n_noise"], summary["n_rejected"]]
    assert [int(x) for x in quoted.groups()] == facts, "README quotes other figures than make run gives: update the README"
    assert quoted.group(0) in stdout
    half = re.search(r"Fixing the top (\d+) drivers would remove half of all contacts\.", readme)
    assert half and int(half.group(1)) == summary["pareto_targets"]["50"]
    rows = re.search(r"\((\d+) rows, (\d+) usable contacts", readme)
    assert rows and (int(rows.group(1)), int(rows.group(2))) == (summary["n_read"], summary["n_accepted"])
    assert "two thirds in French" in readme
    assert abs(summary["languages"]["fr"] / summary["n_accepted"] - 2 / 3) < 0.05
    # below the sample size an export is analysed whole, as before large exports were sampled
    assert summary["fit"] == {"mode": "whole", "contacts": 446, "fit_sample": 20_000}
    assert {s["stage"] for s in summary["stages"]} >= {"Read exports", "Discover drivers", "Write outputs and report"}


class _Visible(HTMLParser):
    """The text a reader sees, less scripts, styles, charts, verbatims and contact words."""

    SKIP = {"script", "style", "svg", "blockquote"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.text: list[str] = []
        self.attributes: list[str] = []  # tooltips and screen-reader labels

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden = (bool(self.stack) and self.stack[-1]) or attrs.get("translate") == "no"
        if not hidden:  # what a screen reader or a tooltip says is read too
            self.attributes.extend(attrs[k] for k in ("aria-label", "title", "alt") if attrs.get(k))
        if tag in ("meta", "br", "link", "input", "img", "circle", "rect", "path", "line", "polyline"):
            return
        self.stack.append(hidden or tag in self.SKIP)

    def handle_endtag(self, tag):
        if tag in ("meta", "br", "link", "input", "img", "circle", "rect", "path", "line", "polyline"):
            return
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def test_item_4_french_report_has_no_english_word(sample_run, tmp_path):
    out = tmp_path / "fr"
    r = subprocess.run(make_run_command(out, "--report-language", "fr", "--quiet"), cwd=ROOT, capture_output=True,
                       text=True, timeout=900, check=False)
    assert r.returncode == 0, r.stderr[-3000:]
    page = _Visible()
    page.feed((out / "report.html").read_text(encoding="utf-8"))
    seen = _words(" ".join(page.text))
    french = set()
    for value in STRINGS["fr"].values():
        french |= _words(re.sub(r"\{[a-z_]+\}", " ", value))
    for table in (CHANNEL_NAMES["fr"], NOISE_KINDS_FR, VOLUME_NAMES_FR, _EVIDENCE["fr"]):
        french |= _words(" ".join(table.values()))
    french |= _words(" ".join(a + " " + b for a, b in REJECT_REASONS_FR.values()))
    french |= _words(" ".join(_MONTHS["fr"]))
    catalogue = yaml.safe_load((ROOT / "data" / "samples" / "departments.yaml").read_text(encoding="utf-8"))
    for d in catalogue["departments"]:
        french |= _words(" ".join([d["id"], d["name"], d["owns"], *d.get("keywords", []), *d.get("examples", [])]))
    # Names of things, not English: the product, the embedder, file and column names, language codes.
    french |= {"rootcause", "use-multilingual-v", "csv", "owner_department", "fr", "en", "pareto", "v"}
    english = sorted(seen - french)
    assert not english, f"English (or untranslated) words in the French report: {english}"
    # A chart's screen-reader label may name its driver: the customers' words again.
    labels = _words(" ".join(pl.read_csv(out / "drivers.csv")["label"].to_list()))
    english = sorted(_words(" ".join(page.attributes)) - french - labels)
    assert not english, f"English (or untranslated) words in the French report's labels and tooltips: {english}"


def test_item_6_the_samples_junk_is_noise_without_an_owner(sample_run):
    """Spam, a lottery scam, thanks, an automatic reply, a job application, the press and a
    student's survey are `noise`, with no owner. What stays in drivers of the sample's 20
    "other" contacts are questions a department answers (a shop's opening hours, bills in
    Braille, a GDPR access request): 8 at most."""
    out, _ = sample_run
    contacts = pl.read_csv(out / "contacts.csv", infer_schema_length=0)
    gold = pl.concat(
        [pl.read_csv(ROOT / "data" / "samples" / "gold" / name, infer_schema_length=0).select("id", "driver")
         for name in ("contacts_labels.csv", "transcripts_labels.csv")]
    )
    joined = contacts.join(gold, on="id")
    noise = joined.filter(pl.col("driver_id") == "noise")
    assert noise["owner_department"].fill_null("").str.len_chars().max() == 0
    assert noise.height >= 12 and (noise["driver"] == "other").all()
    assert joined.filter((pl.col("driver_id") != "noise") & (pl.col("driver") == "other")).height <= 8
