"""Column mapping: find the canonical columns in an export's own column names.

Names are compared after lower-casing and dropping everything but letters and
digits, so ``CreatedDate``, ``created_date``, ``Created Date`` and ``created-date``
are the same name. The first alias in each list that is present wins.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence

from rootcause import schema
from rootcause.errors import BadInputError

# Ordered most to least specific. Sources: Zendesk (tickets API + CSV export), Salesforce
# Case, Freshdesk (API + CSV), Genesys Cloud conversation exports, and hand-made files.
ALIASES: dict[str, tuple[str, ...]] = {
    schema.ID: (
        "ticket_id", "id", "ticket_number", "case_id", "CaseNumber", "case_number", "call_id",
        "conversation_id", "conversationId", "interaction_id", "message_id",
        "chat_id", "number", "reference", "ref", "uuid",
    ),
    schema.TEXT: (
        "text", "description_text", "description", "body", "plain_body", "message", "message_body", "comment.body",
        "email_body", "comment", "comments", "transcript", "conversation", "content", "contenu",
        "verbatim", "customer_message", "details", "question", "utterance", "messages",
    ),
    schema.SUBJECT: ("subject", "raw_subject", "title", "objet", "sujet", "summary", "topic"),
    schema.CREATED_AT: (
        "created_at", "CreatedDate", "created_date", "created", "created_time", "creation_date",
        "date_creation", "started_at", "start_time", "conversation_start", "conversationStart",
        "opened_at", "submitted_at", "received_at", "date", "datetime", "timestamp", "time",
    ),
    schema.CHANNEL: (
        "channel", "via.channel", "via_channel", "via", "origin", "source", "media_type", "mediaType",
        "contact_channel", "canal", "medium",
    ),
    schema.CUSTOMER_ID: (
        "customer_id", "requester_id", "ContactId", "contact_id", "client_id", "account_id",
        "AccountId", "customer_number", "user_id", "ani",
    ),
    schema.ORDER_ID: ("order_id", "order_number", "order_ref", "commande", "numero_commande", "order"),
    schema.LANGUAGE: ("language", "lang", "locale", "language_hint", "language_code", "langue"),
    schema.REASON_CODE: (
        "reason_code", "reason", "contact_reason", "motif", "category", "disposition", "wrapup",
        "wrap_up", "wrapup_code", "wrap_up_code", "sub_category", "subcategory",
    ),
    schema.HANDLING_TEAM: (
        "handling_team", "assigned_group", "assignment_group", "group", "group_name", "queue",
        "queue_name", "queueName", "team", "OwnerTeam", "owner_team", "equipe", "group_id",
    ),
}


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def detect_mapping(columns: Sequence[str]) -> dict[str, str]:
    """Guess ``{canonical: source_column}`` from an export's column names.

    A source column is used for one canonical column at most.

    Examples
    --------
    >>> detect_mapping(["CaseNumber", "Subject", "Description", "CreatedDate", "Origin"])
    {'id': 'CaseNumber', 'text': 'Description', 'subject': 'Subject', 'created_at': 'CreatedDate', 'channel': 'Origin'}
    """
    by_key: dict[str, str] = {}
    for col in columns:
        by_key.setdefault(_key(col), col)
    used: set[str] = set()
    found: dict[str, str] = {}
    for canonical, aliases in ALIASES.items():
        for alias in aliases:
            col = by_key.get(_key(alias))
            if col is not None and col not in used:
                found[canonical] = col
                used.add(col)
                break
    return found


def resolve_mapping(
    columns: Sequence[str], mapping: Mapping[str, str] | None, *, source: str
) -> dict[str, str]:
    """Auto-detected mapping overridden by the explicit `mapping`.

    Raises
    ------
    BadInputError
        If `mapping` names an unknown canonical column or a source column that the
        file does not have.
    """
    found = detect_mapping(columns)
    if not mapping:
        return found
    by_lower = {c.lower(): c for c in columns}
    explicit: dict[str, str] = {}
    for canonical, col in mapping.items():
        if canonical not in schema.INPUT_COLUMNS:
            raise BadInputError(
                f"Unknown target column {canonical!r} in the column mapping; expected one of "
                f"{', '.join(schema.INPUT_COLUMNS)}. Fix: write the mapping as --map CANONICAL=COLUMN."
            )
        actual = col if col in columns else by_lower.get(str(col).lower())
        if actual is None:
            close = difflib.get_close_matches(str(col), list(columns), n=1)
            hint = f"--map {canonical}={close[0]}" if close else f"--map {canonical}=COLUMN"
            raise BadInputError(
                f"The column mapping says {canonical}={col!r}, but {source} has no column {col!r}. "
                f"Available columns: {', '.join(map(repr, columns))}. "
                f"Fix: use one of them, e.g. {hint}."
            )
        explicit[canonical] = actual
    # An explicit choice frees its column from any auto-detected role.
    taken = set(explicit.values())
    merged = {k: v for k, v in found.items() if v not in taken and k not in explicit}
    merged.update(explicit)
    return merged
