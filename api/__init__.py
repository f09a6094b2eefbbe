"""rootcause's HTTP API: a thin FastAPI layer over the library (`create_app`)."""

from api.app import create_app

__all__ = ["create_app"]
