"""Reading contact exports: CSV/TSV, Parquet, JSON and NDJSON into the canonical frame.

`read_contacts` is the entry point (`ExportStream` reads the same chunk by chunk); rows that cannot be used are returned as
rejects with their reason and fix, never dropped silently; a kept contact with a field
that could not be used (an unreadable date) is listed in its warnings.
"""

from rootcause.ingest.columns import ALIASES, detect_mapping, header_key
from rootcause.ingest.mapping import ColumnMaps, bind_file_mappings, load_mapping_file, parse_map_options
from rootcause.ingest.reader import OUTPUT_COLUMNS, OUTPUT_SCHEMA, IngestResult, read_contacts
from rootcause.ingest.stream import ExportStream, count_rows

__all__ = [
    "ALIASES",
    "OUTPUT_COLUMNS",
    "OUTPUT_SCHEMA",
    "ColumnMaps",
    "ExportStream",
    "IngestResult",
    "bind_file_mappings",
    "count_rows",
    "detect_mapping",
    "header_key",
    "load_mapping_file",
    "parse_map_options",
    "read_contacts",
]
