"""Secret tokens put in links, and the one way the platform keeps them: only a SHA-256 of a token is stored, so a
database leak yields no usable link.

A token that must be sent again later, or sent by the worker rather than the request (so the task row carries no
link), is derived: an HMAC under the SECRET_KEY of a random salt kept beside its hash. The worker rebuilds it from the
salt; the database alone (a dump, the admin, the task table) gives no link."""

import base64
import hashlib
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac


def token_new() -> str:
    """32 random bytes as URL-safe base64 (43 characters)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The SHA-256 of `token` in hex (64 characters): what is stored and looked up instead of the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_salt_new() -> str:
    """16 random bytes in hex (32 characters), kept beside a derived token's hash."""
    return secrets.token_hex(16)


def token_derived(*, purpose: str, salt: str, secret: str | bytes | None = None) -> str:
    """The token for `salt`: an HMAC-SHA256 under `secret` (the SECRET_KEY by default) as URL-safe base64 (43
    characters, like `token_new`). `purpose` keeps tokens for different uses apart."""
    digest = salted_hmac(f"exchange.token.{purpose}", salt, secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_rebuilt(*, purpose: str, salt: str, stored_hash: str) -> str | None:
    """The token whose hash is `stored_hash`, rebuilt from its salt under the SECRET_KEY or one of the
    SECRET_KEY_FALLBACKS (so links sent before a key rotation can be sent again); None if none gives it."""
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        token = token_derived(purpose=purpose, salt=salt, secret=secret)
        if salt and token_hash(token) == stored_hash:
            return token
    return None
