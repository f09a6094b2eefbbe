"""The workbench's users and sessions: passwords stored as salted scrypt hashes, sessions server side.

A person signs in with a user name and password (made by `rootcause users add`) or with an
API key; either way a session is created whose random token goes in a cookie and whose
SHA-256 alone is stored. The role is looked up again at every request from the user or the
key, so disabling a user or revoking a key ends its sessions at once.

Roles map onto the API's scopes: viewer = read, reviewer = review, admin = admin.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import sqlalchemy as sa

from rootcause.errors import BadInputError
from rootcause.store import tables as T

if TYPE_CHECKING:
    from rootcause.store.store import ApiKey, Store

ROLES = ("viewer", "reviewer", "admin")
ROLE_SCOPE = {"viewer": "read", "reviewer": "review", "admin": "admin"}
MIN_PASSWORD_CHARS = 10
# scrypt's cost: 2**14 x 8 x 1 takes about 50 ms and 16 MiB here (OWASP's minimum for scrypt is
# N=2**17 with r=8, p=1 at 128 MiB; 2**14 keeps a sign-in fast on a small server, and the
# per-address limit on failed sign-ins bounds guessing).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def hash_password(password: str) -> str:
    """A salted scrypt hash of `password`, with its parameters: ``scrypt$N$r$p$salt$hash`` (hex)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    """True when `password` hashes to `stored` (compared in constant time)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=len(digest) // 2
        )
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # A sign-in with an unknown name still pays for one hash: its timing does not tell which names exist.
    return hash_password(secrets.token_hex(16))


@dataclass(frozen=True)
class User:
    """A workbench user as stored (never the password)."""

    name: str
    role: str
    created_at: datetime
    disabled_at: datetime | None = None


@dataclass(frozen=True)
class Session:
    """A signed-in session: who (the author of their decisions), their role and the form token."""

    name: str
    role: str
    kind: str  # user | key
    csrf: str
    expires_at: datetime

    @property
    def scope(self) -> str:
        return ROLE_SCOPE[self.role]

    def can(self, role: str) -> bool:
        """True when this session's role is `role` or above (viewer < reviewer < admin)."""
        return ROLES.index(self.role) >= ROLES.index(role)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_role(role: str) -> str:
    if role not in ROLES:
        raise BadInputError(f"Unknown role {role!r}; expected one of {', '.join(ROLES)}.")
    return role


def add_user(store: Store, name: str, role: str, password: str) -> User:
    """Create a user, or give an existing one a new role and password (and enable it again):
    then their open sessions end, so a cookie taken before the new password stops working."""
    name = name.strip()
    if not name or len(name) > 200:
        raise BadInputError("A user needs a name of 1 to 200 characters (it signs their decisions).")
    check_role(role)
    if len(password) < MIN_PASSWORD_CHARS:
        raise BadInputError(f"The password has {len(password)} characters; give at least {MIN_PASSWORD_CHARS}.")
    user = User(name=name, role=role, created_at=_now())
    values = {"role": role, "password_hash": hash_password(password), "disabled_at": None}
    with store._begin() as conn:
        done = conn.execute(T.users.update().where(T.users.c.name == name).values(**values))
        if not done.rowcount:
            conn.execute(T.users.insert().values(name=name, created_at=user.created_at, **values))
        conn.execute(T.web_sessions.delete().where(T.web_sessions.c.kind == "user", T.web_sessions.c.subject == name))
    return user


def users(store: Store) -> list[User]:
    with store._connect() as conn:
        rows = conn.execute(sa.select(T.users).order_by(T.users.c.name)).mappings().all()
    return [User(name=r["name"], role=r["role"], created_at=r["created_at"], disabled_at=r["disabled_at"]) for r in rows]


def disable_user(store: Store, name: str) -> bool:
    """Disable a user (their sessions end at once); False when no active user has this name."""
    with store._begin() as conn:
        done = conn.execute(
            T.users.update().where(T.users.c.name == name, T.users.c.disabled_at.is_(None)).values(disabled_at=_now())
        )
        conn.execute(T.web_sessions.delete().where(T.web_sessions.c.kind == "user", T.web_sessions.c.subject == name))
    return bool(done.rowcount)


def authenticate_user(store: Store, name: str, password: str) -> User | None:
    """The active user with this name and password, or None."""
    with store._connect() as conn:
        r = conn.execute(sa.select(T.users).where(T.users.c.name == name.strip())).mappings().first()
    if r is None or r["disabled_at"] is not None:
        check_password(password, _dummy_hash())
        return None
    if not check_password(password, r["password_hash"]):
        return None
    return User(name=r["name"], role=r["role"], created_at=r["created_at"])


def role_of_key(key: ApiKey) -> str | None:
    """The workbench role an API key carries: admin, reviewer (review), viewer (read), or None."""
    for role in reversed(ROLES):
        if key.allows(ROLE_SCOPE[role]):
            return role
    return None


def open_session(store: Store, *, kind: str, subject: str, hours: float) -> str:
    """Start a session for a user (``kind="user"``, its name) or a key (``"key"``, its id); return its token."""
    token = secrets.token_urlsafe(32)
    now = _now()
    with store._begin() as conn:
        conn.execute(T.web_sessions.delete().where(T.web_sessions.c.expires_at < now))  # expired ones go here
        conn.execute(
            T.web_sessions.insert().values(
                token_sha256=_sha(token),
                kind=kind,
                subject=subject,
                csrf=secrets.token_urlsafe(32),
                created_at=now,
                expires_at=now + timedelta(hours=hours),
            )
        )
    return token


def session(store: Store, token: str) -> Session | None:
    """The live session behind a cookie's token, with its role as of now; None when unknown,
    expired, or its user was disabled or its key revoked."""
    if not token:
        return None
    s, u, k = T.web_sessions.c, T.users.c, T.api_keys.c
    q = (
        sa.select(s.kind, s.subject, s.csrf, s.expires_at, u.role, u.disabled_at, k.name, k.scopes, k.revoked_at)
        .select_from(
            T.web_sessions.outerjoin(T.users, sa.and_(s.kind == "user", u.name == s.subject)).outerjoin(
                T.api_keys, sa.and_(s.kind == "key", k.key_id == s.subject)
            )
        )
        .where(s.token_sha256 == _sha(token), s.expires_at > _now())
    )
    with store._connect() as conn:
        r = conn.execute(q).mappings().first()
    if r is None:
        return None
    if r["kind"] == "user":
        if r["role"] not in ROLES or r["disabled_at"] is not None:
            return None
        return Session(name=r["subject"], role=r["role"], kind="user", csrf=r["csrf"], expires_at=r["expires_at"])
    if r["scopes"] is None or r["revoked_at"] is not None:
        return None
    from rootcause.store.store import ApiKey

    key = ApiKey(key_id=r["subject"], name=r["name"], scopes=tuple(r["scopes"].split()), created_at=_now())
    role = role_of_key(key)
    if role is None:
        return None
    return Session(name=key.name, role=role, kind="key", csrf=r["csrf"], expires_at=r["expires_at"])


def close_session(store: Store, token: str) -> None:
    """Sign out: the session is deleted, its cookie is worth nothing from now on."""
    with store._begin() as conn:
        conn.execute(T.web_sessions.delete().where(T.web_sessions.c.token_sha256 == _sha(token)))
