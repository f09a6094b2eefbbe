"""Column mappings given by the user: for every input file, or for one file.

``--map FIELD=COLUMN`` applies to every input file; ``--map FILE:FIELD=COLUMN`` to the
input file named FILE (its name or its path as given); ``--map mappings.yaml`` reads a
mapping file whose keys are file names (or ``"*"`` for every file)::

    "*": {reason_code: Motif}
    export_en.csv: {text: Customer words, created_at: Logged on}
    export_fr.csv: {text: Verbatim}

A file's own mapping overrides the one for every file, field by field; auto-detection
(`rootcause.ingest.columns`) fills the rest.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from rootcause.errors import BadInputError

ALL_FILES = "*"
MAPPING_FILE_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class ColumnMaps:
    """What the user said about columns.

    Attributes
    ----------
    all_files : dict[str, str]
        ``{field: column}`` for every input file.
    per_file : dict[str, dict[str, str]]
        ``{file as written: {field: column}}``; see `bind_file_mappings`.
    """

    all_files: dict[str, str] = field(default_factory=dict)
    per_file: dict[str, dict[str, str]] = field(default_factory=dict)

    def update(self, other: ColumnMaps) -> None:
        self.all_files.update(other.all_files)
        for name, mapping in other.per_file.items():
            self.per_file.setdefault(name, {}).update(mapping)


def parse_map_options(items: Sequence[str] | None) -> ColumnMaps:
    """Read ``--map`` values: ``FIELD=COLUMN``, ``FILE:FIELD=COLUMN`` or a mapping file.

    Examples
    --------
    >>> m = parse_map_options(["text=Body", "fr.csv:created_at=Date de création"])
    >>> m.all_files, m.per_file
    ({'text': 'Body'}, {'fr.csv': {'created_at': 'Date de création'}})
    """
    maps = ColumnMaps()
    for item in items or ():
        if "=" not in item:
            if Path(item).suffix.lower() in MAPPING_FILE_SUFFIXES:
                maps.update(load_mapping_file(item))
                continue
            raise BadInputError(
                f"--map {item!r}: expected FIELD=COLUMN (every file), FILE:FIELD=COLUMN (one file) or a "
                "mapping file (.yaml, .yml, .json), e.g. --map text=body or --map export_fr.csv:text=Message."
            )
        target, column = item.split("=", 1)
        name, _, fieldname = target.rpartition(":")
        if not fieldname.strip() or not column.strip():
            raise BadInputError(f"--map {item!r}: the field and the column must not be empty, e.g. --map text=body.")
        if name.strip() in ("", ALL_FILES):
            maps.all_files[fieldname.strip()] = column.strip()
        else:
            maps.per_file.setdefault(name.strip(), {})[fieldname.strip()] = column.strip()
    return maps


def load_mapping_file(path: str | Path) -> ColumnMaps:
    """Read a mapping file (YAML or JSON): ``{file name or "*": {field: column}}``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise BadInputError(f"Cannot read the mapping file {path}: {err.strerror}. Fix: give an existing file.") from err
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as err:
        raise BadInputError(f"Cannot parse the mapping file {path}: {err}. Fix: write it as YAML or JSON.") from err
    expected = (
        f"expected {{file name or \"*\": {{field: column}}}}, e.g. "
        f"{{\"export_fr.csv\": {{\"text\": \"Message\"}}, \"*\": {{\"reason_code\": \"Motif\"}}}}"
    )
    if not isinstance(data, Mapping):
        raise BadInputError(f"The mapping file {path} holds a {type(data).__name__}; {expected}.")
    maps = ColumnMaps()
    for name, mapping in data.items():
        if not isinstance(mapping, Mapping) or not all(isinstance(v, str) for v in mapping.values()):
            raise BadInputError(f"The mapping file {path}: the entry {str(name)!r} is not a field: column table; {expected}.")
        target = maps.all_files if str(name) == ALL_FILES else maps.per_file.setdefault(str(name), {})
        target.update({str(k): v for k, v in mapping.items()})
    return maps


def _matches(name: str, path: Path) -> bool:
    if name == str(path) or name == path.name:
        return True
    try:
        return Path(name).resolve() == path.resolve()
    except OSError:
        return False


def bind_file_mappings(
    paths: Sequence[str | Path], file_mappings: Mapping[str, Mapping[str, str]] | None
) -> list[dict[str, str]]:
    """The per-file mapping of each of `paths`, in order.

    A key of `file_mappings` names an input by its path as given, its resolved path or
    its file name.

    Raises
    ------
    BadInputError
        A key that names no input file, or a file name that two inputs share.
    """
    bound: list[dict[str, str]] = [{} for _ in paths]
    given = ", ".join(str(p) for p in paths)
    for name, mapping in (file_mappings or {}).items():
        hits = [i for i, p in enumerate(paths) if _matches(name, Path(p))]
        if not hits:
            raise BadInputError(
                f"The column mapping names the file {name!r}, which is not one of the input files ({given}). "
                f"Fix: write --map FILE:FIELD=COLUMN with FILE one of them, as given or by its file name."
            )
        if len(hits) > 1:
            raise BadInputError(
                f"The column mapping names the file {name!r}, and {len(hits)} input files have that name. "
                "Fix: name it by its path, as given on the command line."
            )
        bound[hits[0]].update(mapping)
    return bound
