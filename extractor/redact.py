"""One redaction for secrets: an API key, or a password in a URL, never reaches a result, stderr or a log.

This module imports nothing of ours.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

MASK = "***"
_KNOWN: set[str] = set()  # secrets in use in this process (backends register theirs)
_URL_PASSWORD = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?P<user>[^/@:\s]*):(?P<password>[^/@\s]+)@")


def register_secret(secret: str | None) -> None:
    """Mask ``secret`` wherever ``redact`` runs from now on (in logs too: ``RedactingFilter``)."""
    if secret and len(secret) >= 4 and secret != "not-needed":
        _KNOWN.add(secret)


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with each secret (given, or registered; at least 4 characters long) and every
    ``user:password@`` in a URL masked."""
    for secret in sorted({*secrets, *_KNOWN} - {None}, key=len, reverse=True):
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


class RedactingFilter(logging.Filter):
    """Masks every registered secret in a log record (ours and the libraries', e.g. an echoed API key)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
