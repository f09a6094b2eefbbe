"""Column names used throughout the pipeline, in one place.

Contacts flow between stages as polars frames whose columns are named here.
"""

from __future__ import annotations

# --- canonical input columns (after ingest's column mapping) ---------------
ID = "id"  # as given in the input, always a string
TEXT = "text"  # raw body (subject + description joined when both exist)
SUBJECT = "subject"
CREATED_AT = "created_at"  # polars Datetime (UTC, naive) or null
CHANNEL = "channel"  # email | chat | web_form | phone | social | other | ""
CUSTOMER_ID = "customer_id"
ORDER_ID = "order_id"
LANGUAGE = "language"  # ISO 639-1 ("fr", "en", …)
REASON_CODE = "reason_code"  # agent-chosen reason code, optional partial labels
HANDLING_TEAM = "handling_team"  # the team that answered (a signal, not the owner)
SOURCE_FILE = "source_file"
SOURCE_ROW = "source_row"  # 1-based data row number in its source file

INPUT_COLUMNS = (ID, TEXT, SUBJECT, CREATED_AT, CHANNEL, CUSTOMER_ID, ORDER_ID, LANGUAGE, REASON_CODE, HANDLING_TEAM)

# --- derived by clean / transcripts ---------------------------------------
CLEAN_TEXT = "clean_text"  # cleaned and PII-redacted full text (safe to store/show)
REASON_TEXT = "reason_text"  # redacted customer reason: what is embedded and labelled
EXCHANGE_TEXT = "exchange_text"  # redacted whole contact (a call without its script): embedded beside the reason
IS_TRANSCRIPT = "is_transcript"

# --- derived by discovery / attribution / measure -------------------------
DRIVER_ID = "driver_id"
DRIVER_LABEL = "driver_label"
DRIVER_CONFIDENCE = "driver_confidence"
OWNER_DEPARTMENT = "owner_department"
IS_REPEAT = "is_repeat"

UNASSIGNED = "unassigned"  # driver_id of a contact that fits no driver (batch analysis)
UNKNOWN = "unknown"  # driver_id given by `classify` when no saved driver fits
NOISE = "noise"  # driver_id (and label) of a contact that states no reason: test, spam, thanks, auto-reply
NOISE_REASON = "noise_reason"  # why a contact is noise ("" when it states a reason; `rootcause.noise`)
THEME_ID = "theme_id"  # the process area of the contact's driver ("T01"), above drivers
THEME_LABEL = "theme_label"

# --- rejects --------------------------------------------------------------
REJECT_COLUMNS = (SOURCE_FILE, SOURCE_ROW, ID, "field", "reason", "fix")
# a kept contact with a field that could not be used (an unreadable date): never the value,
# nor the id (an id may be personal data; the row finds it in the export)
WARNING_COLUMNS = (SOURCE_FILE, SOURCE_ROW, "field", "reason", "fix")

CHANNELS = ("email", "chat", "web_form", "phone", "social", "letter", "other")
