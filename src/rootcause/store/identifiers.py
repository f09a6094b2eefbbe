"""Pseudonymised identifiers: a contact, customer or order id that is personal data (an e-mail
address, a phone number, a name) is stored as a keyed hash, never as sent.

The hash is HMAC-SHA256 with a secret the operator sets (``ROOTCAUSE_ID_SECRET``), or one
generated once into the data folder. The same id always gives the same hash, so a retry is
still recognised and an erasure by customer still finds every contact; without the secret,
the hash cannot be traced back to the id (a phone number or an e-mail address is easy to
guess, hence a key rather than a plain hash). Lookups try the id as sent and its hash, so
contacts stored before an id was pseudonymised are found too.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from rootcause import schema as S
from rootcause.clean.patterns import redact_patterns
from rootcause.errors import ConfigError

if TYPE_CHECKING:
    from rootcause.settings import Settings

log = logging.getLogger("rootcause.store")

PREFIX = "pid_"  # a stored pseudonym: "pid_" and 32 hex digits (128 bits of HMAC-SHA256)
_PSEUDONYM = re.compile(r"pid_[0-9a-f]{32}")
# two words of letters: a person's name ("Jean Dupont"), where a CRM's own ids have no spaces
_WORDS = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]{2,}")
SECRET_FILE = "id_secret"  # under the data folder, when ROOTCAUSE_ID_SECRET is not set
IDENTIFIERS = (S.ID, S.CUSTOMER_ID, S.ORDER_ID)  # the columns stored pseudonymised where personal


def looks_personal(value: str) -> bool:
    """True when an identifier holds what redaction masks in a text (an e-mail address, a phone,
    card or account number, an address) or two words of letters, as a name has."""
    return redact_patterns(value) != value or _WORDS.search(value) is not None


@dataclass(frozen=True)
class Pseudonyms:
    """How identifiers are stored.

    Parameters
    ----------
    secret
        The HMAC key; None when there is none (lookups then try the ids as sent only).
    always
        Pseudonymise every identifier, not only those that look like personal data.
    """

    secret: bytes | None = None
    always: bool = False

    @classmethod
    def from_settings(cls, settings: Settings, *, create: bool = True) -> Pseudonyms:
        """The service's pseudonyms: ``ROOTCAUSE_ID_SECRET``, else the data folder's secret,
        generated there when `create` (the server) and missing; None when not (lookups)."""
        key = settings.id_secret.get_secret_value().encode() if settings.id_secret else _secret_file(settings.data_dir, create)
        if settings.pseudonymise_ids == "always" and key is None:
            raise ConfigError(
                "ROOTCAUSE_PSEUDONYMISE_IDS=always needs a secret: set ROOTCAUSE_ID_SECRET, or give the data folder "
                f"that holds {SECRET_FILE} (--data, ROOTCAUSE_DATA_DIR)."
            )
        return cls(secret=key, always=settings.pseudonymise_ids == "always")

    def stored(self, value: str | None) -> str | None:
        """The form in which `value` is stored: its keyed hash when it looks like personal data
        (or always, if so configured), else `value` itself. A pseudonym stays as it is."""
        if value is None or self.secret is None or _PSEUDONYM.fullmatch(value):
            return value
        if not self.always and not looks_personal(value):
            return value
        return PREFIX + self.digest(value)[:32]

    def digest(self, value: str) -> str:
        """HMAC-SHA256 of `value` with the key (plain SHA-256 without one), 64 hex digits: the
        pseudonym of an id, and the fingerprint that tells a retried contact from a changed one."""
        data = value.encode("utf-8", "surrogatepass")
        if self.secret is None:
            return hashlib.sha256(data).hexdigest()
        return hmac.new(self.secret, data, hashlib.sha256).hexdigest()

    def frame(self, frame: pl.DataFrame) -> pl.DataFrame:
        """`frame` with its identifier columns (`IDENTIFIERS`) in the form they are stored in:
        what the CLI writes is what the API stores. Each distinct value is judged once, so the
        same customer keeps one pseudonym and repeat contacts are still counted."""
        out = []
        for col in IDENTIFIERS:
            if col not in frame.columns or self.secret is None:
                continue
            values = frame.get_column(col).cast(pl.String)
            seen = values.drop_nulls().unique().to_list()
            forms = {v: self.stored(v) for v in seen}
            if any(v != f for v, f in forms.items()):
                out.append(values.replace_strict(forms, default=None, return_dtype=pl.String).alias(col))
        return frame.with_columns(out) if out else frame

    def forms(self, value: str) -> list[str]:
        """Every form `value` may be stored in: pseudonymised, and as sent (stored earlier)."""
        return list(dict.fromkeys([self.stored(value) or value, value]))


def _secret_file(data_dir: Path, create: bool) -> bytes | None:
    path = Path(data_dir) / SECRET_FILE
    if path.is_file():
        return path.read_bytes().strip()
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32))
    try:
        os.link(tmp, path)  # atomic, and refused when another worker made it first: theirs is kept
        log.warning(
            "ROOTCAUSE_ID_SECRET is not set: identifiers that look like personal data are written as keyed "
            "hashes with a key generated in %s (the data folder: ROOTCAUSE_DATA_DIR, else ./rootcause-data). "
            "Run from the same folder, or set ROOTCAUSE_DATA_DIR or ROOTCAUSE_ID_SECRET, so that a customer gets "
            "the same pseudonym in every run; keep the key with your backups: without it, erasing a customer "
            "no longer finds their contacts.", path.resolve(),
        )
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_bytes().strip()
