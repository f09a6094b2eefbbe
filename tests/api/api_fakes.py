"""A tiny driver model for API tests: keyword "discovery" over the hashing embedder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import sqlalchemy as sa

from rootcause.model.driver_model import Driver, DriverModel

KEYWORDS = {
    "D001": ("refund", "rembourse"),
    "D002": ("declined", "refusée", "card"),
    "D003": ("parcel", "colis", "delivery"),
    "D004": ("outage", "panne", "network"),
}
OWNERS = {"D001": "billing", "D002": "billing", "D003": "logistics", "D004": "network"}
LABELS = {"D001": "refund delay", "D002": "card declined", "D003": "parcel late", "D004": "network outage"}


class KeywordDiscovery:
    """Stands in for a fitted DriverDiscovery: cluster i = the first driver whose keyword occurs."""

    def __init__(self, order: list[str]) -> None:
        self.order = order

    def predict(self, X: np.ndarray, texts: list[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        labels, conf = [], []
        for t in texts or [""] * len(X):
            low = t.lower()
            hit = next((i for i, d in enumerate(self.order) if any(k in low for k in KEYWORDS[d])), -1)
            labels.append(hit)
            conf.append(0.9 if hit >= 0 else 0.1)
        return np.asarray(labels), np.asarray(conf)


def make_model(label_suffix: str = "") -> DriverModel:
    order = list(KEYWORDS)
    drivers = [
        Driver(
            driver_id=d,
            label=LABELS[d] + label_suffix,
            owner_department=OWNERS[d],
            owner_confidence=0.6,
            keywords=list(KEYWORDS[d]),
            size=10,
            owner_evidence=f"its contacts read most like the catalogue's “{OWNERS[d]} phrase” (40% of their votes)",
        )
        for d in order
    ]
    names = {"billing": "Facturation & Recouvrement", "logistics": "Logistique", "network": "Réseau"}
    return DriverModel(
        drivers=drivers, discovery=KeywordDiscovery(order), embedder_name="fake", meta={"department_names": names}
    )


def save_model(path: Path, label_suffix: str = "") -> Path:
    return make_model(label_suffix).save(path)


def count_rows(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)
