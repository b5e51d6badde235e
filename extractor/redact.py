"""One redaction for secrets: an API key, a password in a URL or a secret-looking query value in a URL
(``?api-key=...``, ``?token=...``) never reaches a result, stderr or a log.

This module imports nothing of ours.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote_plus, urlsplit, urlunsplit

MASK = "***"
_KNOWN: set[str] = set()  # secrets in use in this process (backends register theirs)
_URL_PASSWORD = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?P<user>[^/@:\s]*):(?P<password>[^/@\s]+)@")
# A query parameter whose name says it holds a secret (api-key, key, token, access_token, sig, password, ...).
_SECRET_NAME = re.compile(r"key|token|secret|passw|pwd|auth|signature|credential|session|^sig$", re.I)
_URL_QUERY_VALUE = re.compile(r"(?P<lead>[?&](?P<name>[^=&#\s?]+)=)(?P<value>[^&#\s]+)")


def register_secret(secret: str | None) -> None:
    """Mask ``secret`` wherever ``redact`` runs from now on (in logs too: ``RedactingFilter``)."""
    if secret and len(secret) >= 4 and secret != "not-needed":
        _KNOWN.add(secret)


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with each secret (given, or registered; at least 4 characters long), every
    ``user:password@`` in a URL and every secret-looking query value (``?api-key=...``) masked."""
    for secret in sorted({*secrets, *_KNOWN} - {None}, key=len, reverse=True):
        if secret and len(secret) >= 4:
            text = text.replace(secret, MASK)
    if "@" in text:  # cheap tests first: most texts hold neither a URL password nor a query
        text = _URL_PASSWORD.sub(lambda m: f"{m['scheme']}{m['user']}:{MASK}@", text)
    return _URL_QUERY_VALUE.sub(_masked_param, text) if "=" in text else text


def redact_data(value: Any) -> Any:
    """``value`` (JSON-like: dicts, lists, strings, numbers) with ``redact`` applied to every string in it."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {redact_data(k): redact_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_data(v) for v in value]
    return value


def secret_name(name: str) -> bool:
    """Whether a URL query parameter called ``name`` looks like it holds a secret (``api-key``, ``token``)."""
    return bool(_SECRET_NAME.search(name.replace("-", "_")))


def url_secrets(url: str | None) -> list[str]:
    """The secrets in ``url`` (as written and percent-decoded): its user part's password and each
    secret-looking query value."""
    if not url:
        return []
    try:
        parts = urlsplit(url)
        raw = [parts.password] if parts.password else []
    except ValueError:
        return []
    raw += [m["value"] for m in _URL_QUERY_VALUE.finditer("?" + parts.query) if secret_name(m["name"])]
    return list(dict.fromkeys(form for value in raw for form in (value, unquote_plus(value))))


def redact_url(url: str | None) -> str | None:
    """``url`` without its password (``http://user:***@host/v1``) or secret-looking query values
    (``?api-key=***``); None stays None."""
    if not url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact(url)
    if parts.password is not None:
        host = parts.hostname or ""
        if parts.port is not None:
            host = f"{host}:{parts.port}"
        parts = parts._replace(netloc=f"{parts.username or ''}:{MASK}@{host}")
    if parts.query:
        parts = parts._replace(query=_URL_QUERY_VALUE.sub(_masked_param, "?" + parts.query)[1:])
    return urlunsplit(parts)


def _masked_param(match: re.Match[str]) -> str:
    """A query parameter with its value masked when its name looks secret."""
    return match["lead"] + MASK if secret_name(match["name"]) else match[0]


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
