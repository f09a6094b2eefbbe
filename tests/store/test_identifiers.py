"""Identifiers that look like personal data are stored as keyed hashes (`rootcause.store.identifiers`)."""

from __future__ import annotations

import stat

import pytest

from rootcause.errors import ConfigError
from rootcause.settings import Settings
from rootcause.store.identifiers import SECRET_FILE, Pseudonyms, looks_personal

PERSONAL = ["jean.dupont@example.com", "+33 6 12 34 56 78", "0612345678", "06/55/44/33/22", "Jean Dupont",
            "jean at example dot com", "4012 8888 8888 1881", "FR76 3000 6000 0112 3456 7890 189"]
CRM_IDS = ["C-004512", "CMD-2026-004512", "ZD-104233", "12345678", "T-1", "a1b2c3"]


@pytest.mark.parametrize("value", PERSONAL)
def test_personal_data_is_told_from_crm_ids(value):
    assert looks_personal(value)


@pytest.mark.parametrize("value", CRM_IDS)
def test_crm_ids_are_not_personal(value):
    assert not looks_personal(value)


def test_personal_ids_are_hashed_with_the_key_and_others_kept():
    p = Pseudonyms(secret=b"k1")
    hashed = p.stored("jean.dupont@example.com")
    assert hashed.startswith("pid_") and len(hashed) == 36 and "jean" not in hashed
    assert p.stored("jean.dupont@example.com") == hashed  # the same id, the same hash: retries and lookups work
    assert p.stored(hashed) == hashed  # a pseudonym is not hashed again
    assert Pseudonyms(secret=b"k2").stored("jean.dupont@example.com") != hashed  # keyed: no guessing without it
    assert p.stored("C-004512") == "C-004512" and p.stored(None) is None
    assert Pseudonyms(secret=b"k1", always=True).stored("C-004512").startswith("pid_")
    assert Pseudonyms().stored("jean.dupont@example.com") == "jean.dupont@example.com"  # no key: lookups as sent
    assert p.forms("jean.dupont@example.com") == [hashed, "jean.dupont@example.com"]
    assert p.forms("C-004512") == ["C-004512"]


def test_the_secret_comes_from_the_setting_or_is_made_once_in_the_data_folder(tmp_path):
    assert Pseudonyms.from_settings(Settings(id_secret="s3cret", data_dir=tmp_path)).secret == b"s3cret"
    assert not (tmp_path / SECRET_FILE).exists()
    assert Pseudonyms.from_settings(Settings(data_dir=tmp_path), create=False).secret is None
    made = Pseudonyms.from_settings(Settings(data_dir=tmp_path)).secret
    assert made and len(made) == 64
    assert stat.S_IMODE((tmp_path / SECRET_FILE).stat().st_mode) == 0o600
    assert Pseudonyms.from_settings(Settings(data_dir=tmp_path)).secret == made  # kept, not made again
    assert Pseudonyms.from_settings(Settings(data_dir=tmp_path), create=False).secret == made
    assert [p.name for p in tmp_path.iterdir()] == [SECRET_FILE]


def test_always_needs_a_secret(tmp_path):
    with pytest.raises(ConfigError, match="ROOTCAUSE_ID_SECRET"):
        Pseudonyms.from_settings(Settings(data_dir=tmp_path, pseudonymise_ids="always"), create=False)
    assert Pseudonyms.from_settings(Settings(data_dir=tmp_path, pseudonymise_ids="always")).always
