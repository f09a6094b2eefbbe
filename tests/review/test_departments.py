"""The departments a decision may name: the catalogue's, else the model's own catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rootcause.errors import BadInputError
from rootcause.model.driver_model import Driver, DriverModel
from rootcause.review import check_department, known_departments
from rootcause.review.decisions import CONFLICT, INVALID, NOT_FOUND, DecisionRefused
from rootcause.review.record import check_decision

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = ROOT / "models" / "default"
SAMPLE_CATALOGUE = ROOT / "data" / "samples" / "departments.yaml"


def _model(meta):
    drivers = [Driver("D1", "a", "billing"), Driver("D2", "b", "network")]
    return DriverModel(drivers=drivers, discovery=None, embedder_name="fake", aliases={"D3": "D1"}, meta=meta)


@pytest.mark.skipif(not PACKAGED.is_dir(), reason="packaged model missing")
def test_the_packaged_model_knows_its_catalogue():
    model = DriverModel.load(PACKAGED)
    known = known_departments(model)
    assert known is not None and known.source == "the model's catalogue"
    assert "billing" in known and "field_ops" in known and len(known.ids) == 10
    with pytest.raises(BadInputError) as err:
        check_department("astrology", known)
    msg = str(err.value)
    assert "'astrology'" in msg and "billing, network, field_ops" in msg and "Give one of these ids" in msg


def test_an_old_model_folder_without_the_catalogue_ids_loads(tmp_path):
    """Models saved before `meta.departments` was read (or without it): names, else owners, say which exist."""
    model = _model({"department_names": {"billing": "Facturation", "legal": "Juridique"}})
    model.save(tmp_path / "m")
    doc = json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))
    assert "departments" not in doc["meta"]
    loaded = DriverModel.load(tmp_path / "m")
    assert loaded.department_ids == ["billing", "legal"]
    bare = _model({})
    assert bare.department_ids is None
    known = known_departments(bare)
    assert known.ids == ("billing", "network") and "ROOTCAUSE_DEPARTMENTS" in known.source


def test_a_configured_catalogue_wins_over_the_model(tmp_path):
    catalogue = tmp_path / "deps.yaml"
    catalogue.write_text("departments:\n  - {id: legal, name: Juridique, owns: contracts and disputes}\n", encoding="utf-8")
    known = known_departments(_model({"departments": ["billing"]}), catalogue)
    assert known.ids == ("legal",) and known.source == "the catalogue deps.yaml"
    # a missing file is no catalogue: the model's own is used
    assert known_departments(_model({"departments": ["billing"]}), tmp_path / "none.yaml").ids == ("billing",)


def test_check_decision_refuses_what_cannot_apply():
    model = _model({"departments": ["billing", "network"]})
    known = known_departments(model)
    cases = [
        (("rename", "D9", {"label": "x"}), NOT_FOUND, "No driver 'D9'"),
        (("merge", "D1", {"into": "D9"}), NOT_FOUND, "No target driver 'D9'"),
        (("merge", "D3", {"into": "D1"}), CONFLICT, "already one driver"),
        (("set_owner", "D1", {"department": "astrology"}), INVALID, "billing, network"),
    ]
    for (action, driver_id, payload), kind, match in cases:
        with pytest.raises(DecisionRefused, match=match) as err:
            check_decision(model, action, driver_id, payload, known)
        assert err.value.kind == kind
    check_decision(model, "set_owner", "D3", {"department": "network"}, known)  # a merged id is known


@pytest.mark.skipif(not SAMPLE_CATALOGUE.is_file(), reason="bundled samples missing")
def test_the_sample_catalogue_is_read_with_its_ids():
    known = known_departments(None, SAMPLE_CATALOGUE)
    assert "field_ops" in known and "astrology" not in known


@pytest.mark.parametrize(
    "given, meant",
    [("Billing", "billing"), ("after sales", "after_sales"), ("Après-Vente", "apres_vente"), ("netwrok", "network"), ("astrology", None)],
)
def test_an_unknown_department_names_the_id_it_most_likely_means(given, meant):
    """Workbench trial: 'Contracts' for the id 'contracts' was refused with the list and no pointer."""
    known = known_departments(_model({"departments": ["billing", "network", "after_sales", "apres_vente"]}))
    with pytest.raises(BadInputError) as err:
        check_department(given, known)
    assert (f"did you mean {meant!r}?" in str(err.value)) if meant else ("did you mean" not in str(err.value))
