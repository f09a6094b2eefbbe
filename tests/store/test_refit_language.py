"""A refit keeps the former model's report language (the labels never switch language).

Trial finding F: a refit of an English analysis labelled its drivers in French, each in its
contacts' dominant language, because the refit asked for no language.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import rootcause.label
from rootcause.model.driver_model import DriverModel
from rootcause.settings import get_settings
from rootcause.store.refit import refit_from_store

DEPARTMENTS = Path(__file__).resolve().parents[2] / "data" / "samples" / "departments.yaml"
TOPICS = ["refund never received", "parcel never delivered", "internet outage at home", "invoice amount is wrong"]


@pytest.fixture
def asked(store, tmp_path, monkeypatch) -> list[str | None]:
    """Fills the store; collects the language each refit asks the labeller for."""
    monkeypatch.setenv("ROOTCAUSE_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    store.add_contacts([{"id": f"c{i:02d}", "text": f"{TOPICS[i % 4]} {i:02d}", "reason_text": f"{TOPICS[i % 4]} {i:02d}"} for i in range(48)])
    seen: list[str | None] = []
    real = rootcause.label.label_drivers

    def spy(*args, **kwargs):
        seen.append(kwargs.get("report_language"))
        return real(*args, **kwargs)

    monkeypatch.setattr(rootcause.label, "label_drivers", spy)
    return seen


def _refit(store, tmp_path, previous, **kw) -> DriverModel:
    mv = refit_from_store(
        store, previous=previous, decisions=[], catalogue_path=DEPARTMENTS, out_root=tmp_path / "models", embedder="fake", **kw
    )
    return DriverModel.load(mv.path)


def test_a_refit_keeps_the_former_models_report_language(store, tmp_path, asked):
    former = _refit(store, tmp_path, None, report_language="fr")
    assert former.report_language == "fr"
    again = _refit(store, tmp_path, former)
    assert asked == ["fr", "fr"]  # labels asked in the former model's language, not each driver's own
    assert again.report_language == "fr"  # and recorded for the next refit
    latest = sorted((tmp_path / "models").iterdir())[-1]
    assert '<html lang="fr"' in (latest / "report.html").read_text(encoding="utf-8")


def test_a_refit_of_a_model_without_a_recorded_language_labels_as_refits_did(store, tmp_path, asked):
    """A model saved before the language was recorded: nothing says which, so each driver is
    labelled in its own contacts' language, as every refit was (not switched to English)."""
    former = _refit(store, tmp_path, None, report_language="en")
    former.meta.pop("report_language")
    again = _refit(store, tmp_path, former)
    assert asked[-1] is None and again.report_language is None
    third = _refit(store, tmp_path, again, report_language="fr")  # told: recorded, and kept from then on
    assert _refit(store, tmp_path, third).report_language == "fr" and asked[-1] == "fr"
