"""The fitted driver model: saved after analysis, loaded to classify new contacts."""

from rootcause.model.driver_model import Driver, DriverModel, load_model

__all__ = ["Driver", "DriverModel", "load_model"]
