"""Saving and loading a driver model: prototypes, and models saved before them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rootcause.discover import DriverDiscovery
from rootcause.errors import BadInputError
from rootcause.model import load_model
from rootcause.model.driver_model import FORMAT_VERSION, Driver, DriverModel

DEFAULT = Path(__file__).resolve().parents[2] / "models" / "default"


def _fitted(tmp_path: Path) -> tuple[DriverModel, np.ndarray]:
    rng = np.random.default_rng(0)
    centers = rng.normal(size=(3, 16))
    X = np.vstack([c + 0.1 * rng.normal(size=(70, 16)) for c in centers]).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    disc = DriverDiscovery(seed=0).fit(X).relabel(X, np.repeat(np.arange(3), 70))  # one driver per clump
    drivers = [Driver(driver_id=f"D{i:03d}", label=f"driver {i}", owner_department="x") for i in range(disc.n_drivers_)]
    return DriverModel(drivers=drivers, discovery=disc, embedder_name="fake"), X


def test_a_model_with_prototypes_saves_them_and_says_so(tmp_path):
    model, X = _fitted(tmp_path)
    assert len(model.discovery.prototypes_) > model.discovery.n_drivers_  # drivers of 70 rows: 3 centres each
    model.save(tmp_path / "m")
    doc = json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))
    assert doc["format_version"] == FORMAT_VERSION == 2
    assert doc["assignment"] == "prototypes"
    again = load_model(tmp_path / "m")
    np.testing.assert_array_equal(again.discovery.prototypes_, model.discovery.prototypes_)
    np.testing.assert_array_equal(again.discovery.predict(X)[0], model.discovery.predict(X)[0])


def _format_1(model_dir, out):
    """`model_dir` as a model saved before prototypes: format 1, no `assignment`, an estimator
    without `prototypes_`."""
    model = load_model(model_dir)
    if hasattr(model.discovery, "prototypes_"):
        del model.discovery.prototypes_
    model.save(out)
    doc = json.loads((out / "model.json").read_text(encoding="utf-8"))
    doc["format_version"] = 1
    doc.pop("assignment", None)
    (out / "model.json").write_text(json.dumps(doc), encoding="utf-8")
    return out


def test_a_model_saved_before_prototypes_assigns_by_centroid_as_it_did(tmp_path):
    if not (DEFAULT / "model.json").is_file():
        pytest.skip("models/default is missing")
    old = load_model(_format_1(DEFAULT, tmp_path / "format1"))
    assert getattr(old.discovery, "prototypes_", None) is None
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, old.discovery.centroids_.shape[1])).astype(np.float32)
    X = old.discovery.centroids_[rng.integers(0, len(old.discovery.centroids_), 50)] + 0.02 * X
    labels, _ = old.discovery.predict(X)
    sims = (X / np.linalg.norm(X, axis=1, keepdims=True)) @ old.discovery.centroids_.T
    known = labels >= 0
    assert known.any()
    np.testing.assert_array_equal(labels[known], sims.argmax(axis=1)[known])  # the nearest centroid
    old.save(tmp_path / "m")  # saved again, it says how it assigns
    assert json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))["assignment"] == "centroid"


def test_a_model_embeds_new_contacts_with_the_reason_weight_it_was_fitted_with(tmp_path, monkeypatch):
    from rootcause.embed import views

    model, X = _fitted(tmp_path)
    assert model.reason_weight == 1.0  # saved before the weight was recorded: reason and text alike
    seen: list[float | None] = []

    def spy(encoder, reasons, wholes, *, reason_weight=None, **kw):
        seen.append(reason_weight)
        return X[: len(reasons)]  # the toy model's 16-dimensional space

    monkeypatch.setattr(views, "contact_vectors", spy)
    monkeypatch.setattr(views, "REASON_WEIGHT", 0.3)  # today's default does not apply to a saved model
    model.meta["reason_weight"] = 0.5
    model.save(tmp_path / "m")
    again = load_model(tmp_path / "m")
    assert again.reason_weight == 0.5
    again.classify(["my refund never arrived after the return", "the app crashes when I pay"])
    assert seen and set(seen) == {0.5}


def test_a_model_from_a_newer_rootcause_is_refused(tmp_path):
    model, _ = _fitted(tmp_path)
    model.save(tmp_path / "m")
    doc = json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))
    doc["format_version"] = FORMAT_VERSION + 1
    (tmp_path / "m" / "model.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(BadInputError, match="upgrade rootcause"):
        load_model(tmp_path / "m")
