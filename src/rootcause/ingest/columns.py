"""Column mapping: find the canonical columns in an export's own column names.

Names are compared by `header_key`: accents folded, lower-cased, punctuation dropped,
small joining words left out ("de", "du", "of", "the"…) and the spellings of "number"
made one ("N°", "No", "Num", "Numéro", "number"). So ``CreatedDate``, ``created_date``
and ``Created Date`` are the same name, and so are ``Date de création`` and
``date_creation``, or ``N° client`` and ``numero_client``. The first alias in each list
that is present wins. The aliases are the usual header names of CRM exports in English
and in French, not one export's.
"""

from __future__ import annotations

import difflib
import re
import shlex
import unicodedata
from collections.abc import Mapping, Sequence

import polars as pl

from rootcause import schema
from rootcause.errors import BadInputError

# Ordered most to least specific. Sources: Zendesk (tickets API + CSV export), Salesforce
# Case, Freshdesk (API + CSV), Genesys Cloud conversation exports, French CRM and ticketing
# exports (headers such as "N° ticket", "Date de création", "Canal", "N° client", "Objet",
# "Message", "Motif", "Équipe"), and hand-made files. Written as `header_key` reads them:
# "numero_client" also finds "N° client", "No client" and "Numéro de client".
ALIASES: dict[str, tuple[str, ...]] = {
    schema.ID: (
        "ticket_id", "id", "ticket_number", "case_id", "CaseNumber", "case_number", "call_id",
        "conversation_id", "conversationId", "interaction_id", "message_id",
        "chat_id", "id_ticket", "numero_ticket", "numero_demande", "id_demande", "numero_dossier",
        "numero_cas", "id_appel", "numero_appel", "id_conversation", "numero_interaction",
        "identifiant", "number", "reference", "ref", "uuid",
    ),
    schema.TEXT: (
        "text", "description_text", "description", "body", "plain_body", "message", "message_body", "comment.body",
        "email_body", "comment", "comments", "transcript", "conversation", "content", "contenu",
        "verbatim", "customer_message", "message_client", "texte", "texte_message", "corps",
        "corps_message", "contenu_message", "description_demande", "verbatim_client", "commentaire",
        "commentaires", "transcription", "retranscription", "details", "question", "utterance",
        "messages", "demande",
    ),
    schema.SUBJECT: (
        "subject", "raw_subject", "title", "objet", "sujet", "email_subject", "subject_line",
        "objet_message", "objet_demande", "titre", "intitule", "summary", "resume", "topic",
    ),
    schema.CREATED_AT: (
        "created_at", "CreatedDate", "created_date", "created", "created_time", "creation_date",
        "date_creation", "date_created", "created_on", "cree_le", "creee_le", "date_ouverture",
        "opened_at", "opened_date", "date_opened", "open_date", "started_at", "start_time",
        "conversation_start", "conversationStart", "date_debut", "submitted_at", "received_at",
        "date_reception", "recu_le", "date_contact", "contact_date", "date_appel", "call_date",
        "date_demande", "request_date", "date_envoi", "date_heure", "horodatage", "date_time",
        "date", "datetime", "timestamp", "time",
    ),
    schema.CHANNEL: (
        "channel", "via.channel", "via_channel", "via", "origin", "source", "media_type", "mediaType",
        "contact_channel", "canal", "canal_contact", "canal_entree", "canal_reception", "moyen_contact",
        "origine", "medium", "media",
    ),
    schema.CUSTOMER_ID: (
        "customer_id", "requester_id", "ContactId", "contact_id", "client_id", "account_id",
        "AccountId", "customer_number", "customer_ref", "account_number", "numero_client", "id_client",
        "identifiant_client", "code_client", "ref_client", "reference_client", "numero_abonne",
        "id_abonne", "numero_compte", "user_id", "ani",
    ),
    schema.ORDER_ID: (
        "order_id", "order_number", "order_ref", "order_reference", "numero_commande", "id_commande",
        "ref_commande", "reference_commande", "commande", "order",
    ),
    schema.LANGUAGE: ("language", "lang", "locale", "language_hint", "language_code", "langue", "code_langue"),
    schema.REASON_CODE: (
        "reason_code", "reason", "contact_reason", "reason_for_contact", "motif", "motif_contact",
        "motif_appel", "motif_demande", "code_motif", "raison", "category", "categorie", "disposition",
        "wrapup", "wrap_up", "wrapup_code", "wrap_up_code", "sub_category", "subcategory",
        "sous_categorie", "typologie", "qualification",
    ),
    schema.HANDLING_TEAM: (
        "handling_team", "assigned_group", "assignment_group", "group", "group_name", "queue",
        "queue_name", "queueName", "team", "OwnerTeam", "owner_team", "equipe", "equipe_traitante",
        "groupe", "groupe_affecte", "service_traitant", "file_attente", "pole", "group_id",
    ),
}

# Joining words left out of a header ("Date de création", "Reason for the call" read as
# "date creation", "reason call"), and the spellings of "number" read as one.
_FILLER_WORDS = frozenset({"de", "du", "des", "d", "l", "la", "le", "les", "et", "of", "the", "and"})
_NUMBER_WORDS = frozenset({"n", "no", "nr", "num", "numero", "number"})


def header_key(name: str) -> str:
    """The form in which headers are compared (see the module's docstring).

    Examples
    --------
    >>> header_key("Date de création"), header_key("N° client"), header_key("CreatedDate")
    ('datecreation', 'numeroclient', 'createddate')
    """
    folded = unicodedata.normalize("NFKD", name.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.findall(r"[0-9a-z]+", folded)
    words = ["numero" if w in _NUMBER_WORDS else w for w in words if w not in _FILLER_WORDS]
    return "".join(words)


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
        by_key.setdefault(header_key(col), col)
    used: set[str] = set()
    found: dict[str, str] = {}
    for canonical, aliases in ALIASES.items():
        for alias in aliases:
            col = by_key.get(header_key(alias))
            if col is not None and col not in used:
                found[canonical] = col
                used.add(col)
                break
    return found


# The column name that maps a field to no column (``--map reason_code=-``): an auto-detected
# column is then read as nothing.
NO_COLUMN = "-"


def with_constants(raw: pl.DataFrame, mapping: Mapping[str, str] | None) -> pl.DataFrame:
    """`raw` with a column for each constant of the mapping: a value written ``=VALUE``
    (``--map calls.json:channel==phone``, or ``channel: "=phone"`` in a mapping file) gives
    every row of the file that value, under a column named as written, which the mapping names."""
    constants = {str(col): str(col)[1:] for col in (mapping or {}).values() if str(col).startswith("=") and len(str(col)) > 1}
    return raw.with_columns([pl.lit(value, dtype=pl.String).alias(col) for col, value in constants.items()]) if constants else raw


def resolve_mapping(
    columns: Sequence[str], mapping: Mapping[str, str] | None, *, source: str
) -> dict[str, str]:
    """Auto-detected mapping overridden by the explicit `mapping`; a field mapped to
    `NO_COLUMN` is read from no column.

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
        if col == NO_COLUMN:
            continue
        actual = col if col in columns else by_lower.get(str(col).lower())
        if actual is None:
            close = difflib.get_close_matches(str(col), list(columns), n=1)
            # quoted as a shell needs it when the column's name holds a space or a quote
            hint = f"--map {shlex.quote(f'{canonical}={close[0]}')}" if close else f"--map {canonical}=COLUMN"
            raise BadInputError(
                f"The column mapping says {canonical}={col!r}, but {source} has no column {col!r}. "
                f"Available columns: {', '.join(map(repr, columns))}. "
                f"Fix: use one of them, e.g. {hint}."
            )
        explicit[canonical] = actual
    # An explicit choice frees its column from any auto-detected role.
    taken = set(explicit.values())
    merged = {k: v for k, v in found.items() if v not in taken and k not in explicit and mapping.get(k) != NO_COLUMN}
    merged.update(explicit)
    return merged
