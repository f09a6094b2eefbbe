"""Column auto-detection for common CRM exports."""

from __future__ import annotations

import pytest

from rootcause import schema
from rootcause.ingest import detect_mapping


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        # bundled sample contacts.csv
        (
            ["ticket_id", "created_at", "channel", "subject", "description", "requester_email",
             "customer_id", "assigned_group", "language_hint"],
            {"id": "ticket_id", "created_at": "created_at", "channel": "channel", "subject": "subject",
             "text": "description", "customer_id": "customer_id", "handling_team": "assigned_group",
             "language": "language_hint"},
        ),
        # bundled sample transcripts.ndjson
        (
            ["call_id", "started_at", "channel", "customer_id", "queue", "transcript"],
            {"id": "call_id", "created_at": "started_at", "channel": "channel", "customer_id": "customer_id",
             "handling_team": "queue", "text": "transcript"},
        ),
        # Zendesk API (flattened)
        (
            ["id", "url", "via.channel", "created_at", "subject", "raw_subject", "description",
             "requester_id", "group_id", "tags"],
            {"id": "id", "channel": "via.channel", "created_at": "created_at", "subject": "subject",
             "text": "description", "customer_id": "requester_id", "handling_team": "group_id"},
        ),
        # Salesforce Case
        (
            ["Id", "CaseNumber", "Subject", "Description", "CreatedDate", "Origin", "ContactId", "Reason"],
            {"id": "Id", "subject": "Subject", "text": "Description", "created_at": "CreatedDate",
             "channel": "Origin", "customer_id": "ContactId", "reason_code": "Reason"},
        ),
        # Genesys
        (
            ["conversationId", "conversationStart", "mediaType", "queueName", "wrapup", "transcript"],
            {"id": "conversationId", "created_at": "conversationStart", "channel": "mediaType",
             "handling_team": "queueName", "reason_code": "wrapup", "text": "transcript"},
        ),
    ],
)
def test_detect_mapping(columns, expected):
    assert detect_mapping(columns) == expected


def test_detection_is_case_and_punctuation_insensitive():
    found = detect_mapping(["TICKET ID", "Created-Date", "BODY"])
    assert found == {schema.ID: "TICKET ID", schema.CREATED_AT: "Created-Date", schema.TEXT: "BODY"}


def test_a_column_serves_one_role_only():
    found = detect_mapping(["message", "comment"])
    assert found[schema.TEXT] == "message"
    assert list(found.values()).count("message") == 1


def test_pii_columns_are_not_mapped():
    found = detect_mapping(["id", "text", "requester_email", "requester", "customer"])
    assert set(found) == {schema.ID, schema.TEXT}


def test_a_field_mapped_to_no_column_drops_its_detected_column():
    from rootcause.ingest.columns import NO_COLUMN, resolve_mapping

    cols = ["id", "text", "reason", "team"]
    assert resolve_mapping(cols, None, source="x.csv")["reason_code"] == "reason"
    used = resolve_mapping(cols, {"reason_code": NO_COLUMN}, source="x.csv")
    assert "reason_code" not in used and used["text"] == "text" and used["handling_team"] == "team"
