"""The HTTP library the installed openai client is built on: ``httpx`` under openai 2, ``httpx2`` under openai 3.

Everything of ours that speaks HTTP (engine health checks, batch files, tests, benchmarks) takes its types
from here, so an object handed to the openai client is always of the library that client checks against.
Nothing imports ``httpx`` or ``httpx2`` by name.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import openai


def _client_library() -> ModuleType:
    """The package whose ``AsyncClient`` openai's default client subclasses."""
    for cls in openai.DefaultAsyncHttpxClient.__mro__[1:]:
        if cls.__name__ == "AsyncClient":
            return importlib.import_module(cls.__module__.split(".")[0])
    raise ImportError(f"openai {openai.__version__}: its DefaultAsyncHttpxClient subclasses no known AsyncClient")


library: ModuleType = _client_library()
"""``httpx`` or ``httpx2``: one API under two names."""

HTTPError: type[Exception] = library.HTTPError
TransportError: type[Exception] = library.TransportError
Response = library.Response
Request = library.Request
MockTransport = library.MockTransport
AsyncClient = library.AsyncClient
get = library.get
post = library.post


def timeout(read: float, connect: float) -> openai.Timeout:
    """openai's own timeout type: ``read`` seconds between bytes, ``connect`` to open a connection."""
    return openai.Timeout(read, connect=connect)


def async_client(**kwargs: object) -> openai.DefaultAsyncHttpxClient:
    """openai's default async HTTP client (its timeouts and limits), with ``kwargs`` such as ``transport``."""
    return openai.DefaultAsyncHttpxClient(**kwargs)  # type: ignore[arg-type]


def library_version() -> str:
    """``"httpx 0.28.1"`` or ``"httpx2 2.17.0"``: for ``--version`` and bug reports."""
    return f"{library.__name__} {getattr(library, '__version__', '?')}"
