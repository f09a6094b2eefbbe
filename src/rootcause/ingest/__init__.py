"""Reading contact exports: CSV/TSV, Parquet, JSON and NDJSON into the canonical frame.

`read_contacts` is the entry point; rows that cannot be used are returned as
rejects with their reason and fix, never dropped silently.
"""

from rootcause.ingest.columns import ALIASES, detect_mapping
from rootcause.ingest.reader import OUTPUT_COLUMNS, OUTPUT_SCHEMA, IngestResult, read_contacts

__all__ = ["ALIASES", "OUTPUT_COLUMNS", "OUTPUT_SCHEMA", "IngestResult", "detect_mapping", "read_contacts"]
