"""Secret tokens put in links, and the one way the platform keeps them: only a SHA-256 of a token is stored, so a
database leak yields no usable link."""

import hashlib
import secrets


def token_new() -> str:
    """32 random bytes as URL-safe base64 (43 characters)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The SHA-256 of `token` in hex (64 characters): what is stored and looked up instead of the token."""
    return hashlib.sha256(token.encode()).hexdigest()
