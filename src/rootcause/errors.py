"""The error catalogue: one base class, a few specific subclasses.

Every message says what was found, what was expected, and what to do.
The CLI turns these into a one-paragraph message and a non-zero exit code;
the API turns them into 4xx responses.
"""

from __future__ import annotations


class RootcauseError(Exception):
    """Base class of every error rootcause raises on purpose."""


class BadInputError(RootcauseError, ValueError):
    """The input (a file, a row, a field) cannot be used as given."""


class NotFittedError(RootcauseError, AttributeError):
    """An estimator or model was used before `fit`/`load`."""


class ConfigError(RootcauseError, ValueError):
    """A setting, option or configuration file is invalid."""


class BackendUnavailableError(RootcauseError, ImportError):
    """An optional library or packaged model is not installed or cannot load."""


class StoreError(RootcauseError):
    """The database refused or could not run a statement.

    The message names the operation and the kind of failure (driver error class,
    SQLSTATE, constraint, table, column), never the statement or its values: those may
    be contact data. The API answers it as a 500 with an error id.
    """


def check_is_fitted(estimator: object, attribute: str) -> None:
    """Raise `NotFittedError` unless `estimator` has the learned `attribute`."""
    if not hasattr(estimator, attribute):
        name = type(estimator).__name__
        raise NotFittedError(f"This {name} instance is not fitted yet: call `fit` before using it.")


def yaml_place(err: Exception) -> str:
    """Where a YAML parse error is, as " (line L, column C)", or "" when PyYAML does not say.
    An error found at the end of the file (an unclosed quote or bracket) is placed where the
    unclosed thing opens: the end of the file is no line anyone can fix."""
    mark, opened = getattr(err, "problem_mark", None), getattr(err, "context_mark", None)
    if opened is not None and any(w in str(getattr(err, "problem", "")) for w in ("end of stream", "<stream end>")):
        mark = opened
    return f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
