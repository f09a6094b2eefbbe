"""The HTML report: content, both languages, escaping, self-containment, empty runs."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from rootcause import schema
from rootcause.errors import ConfigError
from rootcause.report import render_html, render_report
from rootcause.result import AnalysisResult

from .conftest import DEPARTMENTS, DRIVERS

NBSP, NNBSP = "\u00a0", "\u202f"


def _section(html: str, anchor: str) -> str:
    """The HTML of the <article> whose id is `anchor`."""
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</article>", start)]


def test_render_report_writes_one_html_file(result, tmp_path):
    path = render_report(result, tmp_path / "sub" / "report.html")
    assert path == tmp_path / "sub" / "report.html"
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert '<html lang="en">' in html


def test_render_report_into_a_folder_writes_report_html(result, tmp_path):
    path = render_report(result, tmp_path)
    assert path == tmp_path / "report.html"
    assert path.is_file()


def test_english_report_names_every_driver_and_department(result):
    html = render_html(result, language="en")
    for _id, label, *_ in DRIVERS:
        assert str(escape(label)) in html
    for dep_id, name in DEPARTMENTS:
        assert f'id="dept-{dep_id}"' in html
        assert str(escape(name)) in html


def test_english_headline_states_the_pareto_sentence(result):
    html = render_html(result, language="en")
    # d1 is 1234 of 3700 contacts (33.4 %), d1 + d2 are 2094 (56.6 %).
    assert "Fixing this driver would remove 33.4% of contacts" in html
    assert "Fixing these 2 drivers would remove 56.6% of contacts" in html


def test_french_report_uses_french_text_and_number_format(result):
    html = render_html(result, language="fr")
    assert '<html lang="fr">' in html
    assert "Rapport des motifs de contact" in html
    assert f"Corriger ces 2 motifs supprimerait 56,6{NBSP}% des contacts" in html
    assert f"Corriger ce motif supprimerait 33,4{NBSP}% des contacts" in html
    assert f"1{NNBSP}234" in html  # the largest driver's size
    assert f"3{NNBSP}700" in html  # contacts analysed
    assert f"e-mail 55{NBSP}% · téléphone 30{NBSP}% · chat 15{NBSP}%" in html  # measure's mix, in French
    assert "texte vide" in html and "empty text" not in html  # reject reasons too
    assert "Fixing these" not in html
    assert "Drivers ranked by volume" not in html


def test_report_is_self_contained(result):
    html = render_html(result, language="en")
    assert "<script src" not in html
    assert "<link" not in html
    assert "@import" not in html
    assert "url(" not in html
    assert "http://" not in html and "https://" not in html
    assert re.search(r'(src|href)="(?!#)', html) is None  # every link is an in-page anchor


def test_verbatim_script_is_escaped(result):
    html = render_html(result, language="en")
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(" in html
    assert html.count("<script") == 1  # only the report's own inline script


def test_title_is_escaped(result):
    html = render_html(result, title="<b>Q1</b> & co")
    assert "<b>Q1</b>" not in html
    assert "&lt;b&gt;Q1&lt;/b&gt; &amp; co" in html


def test_department_section_lists_its_drivers_and_verbatims(result):
    html = render_html(result, language="en")
    billing = _section(html, "dept-billing")
    assert "Facture plus élevée que prévu" in billing
    assert "Remboursement en attente" in billing
    assert "Where is my refund?" in billing
    assert "Coupure internet fibre" not in billing
    legal = _section(html, "dept-legal")
    assert "No driver was attributed to this department" in legal
    assert "Contacts naming its process" in legal and "Contacts naming its process" not in billing


def test_driver_section_has_exemplars_keywords_evidence_and_trend(result):
    html = render_html(result, language="en")
    d2 = _section(html, "driver-d2")
    assert "Fibre down since Monday" in d2
    assert "e-mail 55% · phone 30% · chat 15%" in d2
    assert "<li>handled by a team whose name matches this department: 64%</li>" in d2  # one bullet per "; " part
    assert "+140%" in d2  # growth 2.4 = recent rate 2.4x the earlier one
    assert "25% of its contacts clearly name another department" in d2  # owner_share 0.75
    assert "clearly name another department" not in _section(html, "driver-d3")  # owner_share 1
    assert 'class="chart"' in d2
    assert "emerging" in d2
    d3 = _section(html, "driver-d3")
    assert "contested" in d3
    assert "Runner-up: Facturation &amp; Recouvrement" in d3
    assert "−5%" in d3  # growth 0.95
    assert "new driver" in _section(html, "driver-d5")  # growth inf
    d4 = _section(html, "driver-d4")
    assert "irritant" in d4 and "avoidable" in d4


def test_driver_without_owner_is_listed_for_assignment(result):
    html = render_html(result, language="en")
    unowned = _section(html, "dept-unowned")
    assert str(escape("Questions & <autres>")) in unowned


def test_report_shows_only_redacted_exemplars_not_contact_text(make):
    result = make()
    result.contacts = result.contacts.with_columns(
        pl.Series(schema.CLEAN_TEXT, ["write to jean.dupont@example.com", "x"]),
    )
    html = render_html(result)
    assert "jean.dupont" not in html


def test_report_does_not_touch_the_model(make):
    class Exploding:
        def __getattr__(self, name):
            raise AssertionError(f"the report used model.{name}")

    result = make()
    result.model = Exploding()
    assert "Contact drivers report" in render_html(result)


def test_unreachable_pareto_target_is_said_so(make):
    small = [("d1", "Only driver", 100, "billing", False, False, ["x"])]
    result = make(small)  # 100 of 400 contacts: 25 %
    html = render_html(result, language="en")
    assert "Fixing this driver would remove 25.0% of contacts" in html
    assert "All drivers together cover 25.0% of contacts: the 50% target is out of reach" in html


def test_pareto_targets_from_meta_are_used(make):
    result = make()
    result.meta["pareto_targets"] = {"10": 3, "20": 3, "50": 3}
    html = render_html(result, language="en")
    assert "Fixing these 3 drivers would remove 71.2% of contacts" in html
    assert "Fixing these 2 drivers" not in html


def test_unassigned_driver_row_is_not_ranked(make):
    result = make()
    extra = result.drivers.head(1).with_columns(
        pl.lit(schema.UNASSIGNED).alias("driver_id"), pl.lit("Unassigned bucket").alias("label"),
        pl.lit(5000).cast(pl.Int64).alias("size"),
    )
    result.drivers = pl.concat([extra, result.drivers])
    html = render_html(result, language="en")
    assert "Unassigned bucket" not in html
    assert "Fixing this driver would remove 33.4% of contacts" in html


def test_one_driver_and_no_rejects(make):
    one = [DRIVERS[0]]
    result = make(one, rejects=0)
    html = render_html(result, language="fr")
    assert "Facture plus élevée que prévu" in html
    assert "Aucune ligne n’a été rejetée." in html
    assert "Corriger ce motif supprimerait" in html


def test_no_dates_renders_without_trends(make):
    result = make(dated=False)
    html = render_html(result, language="en")
    assert "No dates in the data" in html
    assert "No dated contacts: trends are not available." in html
    assert 'class="spark"' not in html
    assert "Fixing these 2 drivers would remove 56.6% of contacts" in html


def test_no_drivers_renders_a_report(make):
    result = make([], dated=False, rejects=0)
    html = render_html(result, language="en")
    assert "No contact drivers were found in this run." in html
    assert "No row was rejected." in html
    assert "Fixing" not in html
    assert 'class="chart' not in html


def test_completely_empty_result_renders(tmp_path):
    empty = pl.DataFrame()
    result = AnalysisResult(
        contacts=empty, drivers=empty, departments=empty, pareto=empty, weekly=empty, rejects=empty,
        model=SimpleNamespace(), meta={},  # type: ignore[arg-type]
    )
    for language in ("en", "fr"):
        html = render_report(result, tmp_path / f"{language}.html", language=language).read_text(encoding="utf-8")
        assert "</html>" in html


def test_unknown_language_is_a_config_error(result, tmp_path):
    with pytest.raises(ConfigError, match="language='de'.*en, fr"):
        render_report(result, tmp_path / "r.html", language="de")
    assert not (tmp_path / "r.html").exists()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from("<>&\"'/ ab\u00e9script=\n"), min_size=1, max_size=40))
def test_any_label_and_verbatim_is_escaped(make, text):
    drivers = [("d1", text, 10, "billing", False, False, [text])]
    html = render_html(make(drivers))
    assert html.count("<script") == 1
    if text.strip():
        assert str(escape(text.strip().splitlines()[0])) in html


def test_header_shows_run_facts(result):
    html = render_html(result, language="en")
    assert "3,700" in html  # contacts analysed
    assert "3,703 rows read" in html
    assert "8.1%" in html  # 300 unassigned of 3,700
    assert "6 Jan 2025 – 16 Mar 2025" in html
    assert "fr 80% · en 20%" in html
    assert "use-multilingual-v3" in html


def test_the_overview_lists_the_emerging_drivers_and_the_data_tab_what_was_set_aside(result):
    html = render_html(result, language="en")
    card = html[html.index('id="emerging"') : html.index("</div>", html.index('id="emerging"'))]
    emerging = [a.split('"')[0] for a in card.split('href="#')[1:]]
    assert emerging and all(f'id="{a}"' in html for a in emerging)
    assert all("badge emerging" in _section(html, a) for a in emerging)  # the same drivers as the badges
    import copy

    told = copy.copy(result)
    told.meta = {**result.meta, "n_undated": 12, "n_warnings": 3, "contact_rates": {"uncovered_contacts": 7}}
    data = render_html(told, language="en")
    assert "12 without a usable date" in data and "rows kept with a warning: 3" in data
    assert "7 outside the periods of the volumes file" in data
    told.meta = {**told.meta, "n_undated": 1}  # under "Undated contacts": no "1 contacts"
    assert "1 without a usable date" in render_html(told, language="en") and "1 contacts" not in render_html(told, language="en")
    assert "Contacts sans date" in render_html(told, language="fr") and "Undated" not in html


def test_every_tab_link_has_its_panel(result):
    html = render_html(result, language="en")
    tabs = re.findall(r'<nav class="tabs">(.*?)</nav>', html, re.S)[0]
    targets = re.findall(r'href="#([^"]+)"', tabs)
    assert targets == ["overview", "drivers", "departments", "data"]
    for name in targets:
        assert f'id="tab-{name}" class="panel"' in html


def test_every_in_page_link_resolves(result):
    html = render_html(result, language="en")
    ids = set(re.findall(r'id="([^"]+)"', html))
    for target in set(re.findall(r'href="#([^"]+)"', html)):
        assert target in ids or f"tab-{target}" in ids, target


def test_large_department_details_its_top_drivers_and_lists_the_rest(make):
    many = [(f"d{i}", f"billing driver {i}", 100 - i, "billing", False, False, ["long words " * 80])
            for i in range(14)]
    html = render_html(make(many), language="en")
    billing = _section(html, "dept-billing")
    assert "4 more drivers owned by this department" in billing
    assert billing.count("<blockquote translate=\"no\">") == 10  # one exemplar for each of the 10 detailed drivers
    assert "long words long words …</blockquote>" in billing  # clipped on the department page
    assert "billing driver 13" in billing


def test_a_language_of_a_few_contacts_is_shown_as_under_one_percent():
    """Trial finding: the bank's overview said "de 0%" for its one German contact."""
    from rootcause.report.i18n import Formatter
    from rootcause.report.view import _language_mix

    assert _language_mix({"fr": 184, "en": 122, "de": 1}, Formatter("en")) == ["fr 60%", "en 40%", "de <1%"]
