"""One redaction for secrets: an API key, or a password in a URL, never reaches a result, stderr or a log.

This module imports nothing of ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

MASK = "***"
_URL_PASSWORD = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?P<user>[^/@:\s]*):(?P<password>[^/@\s]+)@")


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with each secret (at least 4 characters long) and every ``user:password@`` in a URL masked."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, MASK)
    return _URL_PASSWORD.sub(lambda m: f"{m['scheme']}{m['user']}:{MASK}@", text)


def url_password(url: str | None) -> str | None:
    """The password in ``url``'s user part, if any (a secret to redact everywhere)."""
    if not url:
        return None
    try:
        return urlsplit(url).password
    except ValueError:
        return None


def redact_url(url: str | None) -> str | None:
    """``url`` without its password (``http://user:***@host/v1``); None stays None."""
    if not url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:{MASK}@{host}"))
