"""Issue 18, batch input tried as a new user would: French and English headers, a mapping per
file, and a bad date that keeps its contact."""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest

from rootcause import schema
from rootcause.errors import BadInputError
from rootcause.ingest import detect_mapping, header_key, parse_map_options, read_contacts

FR_HEADER = "N° ticket;Date de création;Canal;N° client;Objet;Message;Motif;Équipe"
EN_HEADER = "Case Number,Logged on,Channel,Customer No,Subject,Customer words,Notes"


def _fr(path, rows):
    lines = [FR_HEADER] + [";".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _en(path, rows):
    lines = [EN_HEADER] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        # a French CRM export
        (
            ["N° ticket", "Date de création", "Canal", "N° client", "Objet", "Message", "Motif", "Équipe"],
            {"id": "N° ticket", "created_at": "Date de création", "channel": "Canal", "customer_id": "N° client",
             "subject": "Objet", "text": "Message", "reason_code": "Motif", "handling_team": "Équipe"},
        ),
        # the same with other usual French spellings
        (
            ["Numéro de demande", "Date/heure de réception", "Canal de contact", "Numéro client", "Sujet",
             "Description", "N° de commande", "File d'attente", "Langue"],
            {"id": "Numéro de demande", "channel": "Canal de contact", "customer_id": "Numéro client",
             "subject": "Sujet", "text": "Description", "order_id": "N° de commande",
             "handling_team": "File d'attente", "language": "Langue"},
        ),
        (
            ["Référence", "Créé le", "Origine", "Identifiant client", "Titre", "Texte", "Catégorie"],
            {"id": "Référence", "created_at": "Créé le", "channel": "Origine", "customer_id": "Identifiant client",
             "subject": "Titre", "text": "Texte", "reason_code": "Catégorie"},
        ),
        # English spellings that are not a vendor's field names
        (
            ["Ticket No.", "Date Created", "Channel", "Customer Number", "Subject Line", "Message", "Order No"],
            {"id": "Ticket No.", "created_at": "Date Created", "channel": "Channel",
             "customer_id": "Customer Number", "subject": "Subject Line", "text": "Message", "order_id": "Order No"},
        ),
    ],
)
def test_french_and_english_headers_are_detected(columns, expected):
    assert detect_mapping(columns) == expected


def test_header_key_reads_accents_joining_words_and_number_signs_alike():
    assert header_key("Date de création") == header_key("date_creation") == header_key("DATE CREATION")
    assert header_key("N° client") == header_key("Numéro de client") == header_key("No client") == "numeroclient"
    assert header_key("Order No.") == header_key("order_number")


def test_a_french_date_header_is_detected_and_read(tmp_path):
    path = _fr(tmp_path / "fr.csv", [["FR-1", "05/01/2026 14h05", "Courriel", "C-1", "Facture", "Ma facture est fausse", "", ""]])
    r = read_contacts([path])
    assert r.mappings[str(path)][schema.CREATED_AT] == "Date de création"
    assert r.contacts[schema.CREATED_AT].to_list() == [datetime(2026, 1, 5, 14, 5)]
    assert r.contacts[schema.CUSTOMER_ID].to_list() == ["C-1"]
    assert r.contacts[schema.CHANNEL].to_list() == ["email"]


def test_a_french_and_an_english_export_with_different_headers_in_one_read(tmp_path):
    fr = _fr(tmp_path / "export_fr.csv", [
        ["FR-1", "05/01/2026 10:00", "Téléphone", "C-1", "Box", "Ma box ne marche plus", "Panne", "Support"],
        ["FR-2", "06/01/2026", "Chat", "C-2", "", "Je n'ai pas reçu mon colis", "Livraison", "Logistique"],
    ])
    en = _en(tmp_path / "export_en.csv", [
        ["00042", "2026-01-07T09:30:00Z", "Email", "C-3", "Refund", "Still waiting for my refund", "agent note"],
        ["00043", "2026-01-08 11:00", "Web", "C-4", "", "My parcel never arrived", ""],
    ])
    # Neither "Customer words" nor "Logged on" is a usual name; "Notes" would be taken for nothing.
    maps = parse_map_options(["export_en.csv:text=Customer words", f"{en}:created_at=Logged on", "export_fr.csv:reason_code=Motif"])
    r = read_contacts([fr, en], mapping=maps.all_files, file_mappings=maps.per_file)
    c = r.contacts
    assert c[schema.ID].to_list() == ["FR-1", "FR-2", "00042", "00043"]
    assert c[schema.TEXT].to_list() == [
        "Ma box ne marche plus", "Je n'ai pas reçu mon colis", "Still waiting for my refund", "My parcel never arrived"
    ]
    assert c[schema.CREATED_AT].to_list() == [
        datetime(2026, 1, 5, 10), datetime(2026, 1, 6), datetime(2026, 1, 7, 9, 30), datetime(2026, 1, 8, 11)
    ]
    assert c[schema.CHANNEL].to_list() == ["phone", "chat", "email", "web_form"]
    assert c[schema.CUSTOMER_ID].to_list() == ["C-1", "C-2", "C-3", "C-4"]
    assert c[schema.REASON_CODE].to_list() == ["Panne", "Livraison", None, None]
    assert r.mappings[str(fr)][schema.CREATED_AT] == "Date de création"
    assert r.mappings[str(en)][schema.TEXT] == "Customer words"
    assert r.rejects.height == 0 and r.warnings.height == 0


def test_one_mapping_for_every_file_cannot_read_two_exports_with_different_headers(tmp_path):
    """What per-file mappings are for: the French file has no column 'Customer words'."""
    fr = _fr(tmp_path / "export_fr.csv", [["FR-1", "05/01/2026", "Chat", "C-1", "", "Ma box ne marche plus", "", ""]])
    en = _en(tmp_path / "export_en.csv", [["1", "2026-01-07", "Email", "C-3", "", "Still waiting for my refund", ""]])
    with pytest.raises(BadInputError, match="export_fr.csv has no column 'Customer words'"):
        read_contacts([fr, en], mapping={"text": "Customer words"})


def test_a_file_mapping_overrides_the_mapping_for_every_file(tmp_path):
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text("id,body,note\n1,un,x\n", encoding="utf-8")
    b.write_text("id,body,note\n2,deux,y\n", encoding="utf-8")
    r = read_contacts([a, b], mapping={"text": "body"}, file_mappings={"b.csv": {"text": "note"}})
    assert r.contacts[schema.TEXT].to_list() == ["un", "y"]


def test_a_mapping_file_names_files_and_every_file(tmp_path):
    fr = _fr(tmp_path / "export_fr.csv", [["FR-1", "05/01/2026", "Chat", "C-1", "", "Ma box ne marche plus", "Panne", ""]])
    en = _en(tmp_path / "export_en.csv", [["1", "2026-01-07", "Email", "C-3", "", "Still waiting for my refund", "n"]])
    spec = tmp_path / "columns.yaml"
    spec.write_text(
        '"*": {handling_team: Équipe}\n'
        "export_en.csv: {text: Customer words, created_at: Logged on, handling_team: Notes}\n",
        encoding="utf-8",
    )
    maps = parse_map_options([str(spec)])
    assert maps.all_files == {"handling_team": "Équipe"}
    r = read_contacts([fr, en], mapping=maps.all_files, file_mappings=maps.per_file)
    assert r.contacts[schema.TEXT].to_list() == ["Ma box ne marche plus", "Still waiting for my refund"]
    assert r.contacts[schema.CREATED_AT].to_list() == [datetime(2026, 1, 5), datetime(2026, 1, 7)]


def test_a_mapping_that_names_no_input_file_is_a_clear_error(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("id,text\n1,un\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"names the file 'b\.csv', which is not one of the input files.*--map FILE:FIELD=COLUMN"):
        read_contacts([a], file_mappings={"b.csv": {"text": "x"}})


def test_a_file_name_two_inputs_share_must_be_given_as_a_path(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    a, b = tmp_path / "x" / "export.csv", tmp_path / "y" / "export.csv"
    a.write_text("id,text,other\n1,un,deux\n", encoding="utf-8")
    b.write_text("id,text,other\n2,trois,quatre\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="2 input files have that name"):
        read_contacts([a, b], file_mappings={"export.csv": {"text": "other"}})
    r = read_contacts([a, b], file_mappings={str(b): {"text": "other"}})
    assert r.contacts[schema.TEXT].to_list() == ["un", "quatre"]


@pytest.mark.parametrize("item", ["text", "a.csv:text=", "=body"])
def test_a_malformed_map_option_says_the_three_forms(item):
    with pytest.raises(BadInputError, match="--map"):
        parse_map_options([item])


def test_a_bad_date_keeps_the_contact_undated_and_is_listed_without_its_value(tmp_path):
    fr = _fr(tmp_path / "export_fr.csv", [
        ["FR-1", "05/01/2026", "Chat", "C-1", "", "Ma box ne marche plus", "", ""],
        ["FR-2", "31/02/2026 25h99", "Chat", "C-2", "", "Mon colis est perdu", "", ""],
        ["FR-3", "", "Chat", "C-3", "", "Je veux résilier", "", ""],
    ])
    r = read_contacts([fr])
    assert r.contacts[schema.ID].to_list() == ["FR-1", "FR-2", "FR-3"]
    assert r.rejects.height == 0
    dates = dict(zip(r.contacts[schema.ID], r.contacts[schema.CREATED_AT], strict=True))
    assert dates == {"FR-1": datetime(2026, 1, 5), "FR-2": None, "FR-3": None}
    # only the unreadable date is a warning, not the empty one
    w = r.warnings.to_dicts()
    assert w == [
        {
            "source_file": str(fr),
            "source_row": "2",
            "field": "created_at",
            "reason": w[0]["reason"],
            "fix": "correct the date in the export, or map another date column with --map FILE:created_at=COLUMN",
        }
    ]
    assert "'Date de création'" in w[0]["reason"] and "kept, undated" in w[0]["reason"]
    assert "31/02" not in pl.DataFrame(w).write_csv() and "FR-2" not in pl.DataFrame(w).write_csv()
