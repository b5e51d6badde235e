"""A STAND-IN OpenAI-compatible HTTP server for robustness tests. It runs no model.

This is not a recording and its answers are not model output: every reply is scripted by the test
(a fixed, hand-written JSON answer, or a fault), so the tests can check what the toolkit does when a
server misbehaves, and what exactly it sends (every request body is kept in ``StandinServer.bodies``).

    with StandinServer(lambda body: "hang" if "SLOW" in prompt_text(body) else ANSWER) as server:
        ... --base-url server.base_url ...

A script maps a request body (the parsed JSON) to a reply: a ``Reply`` or the name of a fault in FAULTS.
It listens on 127.0.0.1 only, on a free port, in a daemon thread.

For benchmarks it also runs on its own, in a separate process, answering every request with one fixed,
hand-written answer after a fixed delay (it still runs no model; TCP_NODELAY on, so the delay is the
delay). It prints its base URL on the first line of stdout; ``GET /standin/stats`` answers
``{"requests": N}`` (the chat completions received so far):

    python tests/standin_server.py --delay 0.05 [--answer-file answer.json] [--backlog 512]
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# A hand-written, schema-valid ConflictReport with nothing in it (NOT model output).
EMPTY_REPORT = '{"events": [], "actors": [], "claims": []}'

FAULTS = (
    "answer",  # 200 with EMPTY_REPORT as the message content
    "reset_before",  # the connection is closed before any reply (after reading the request)
    "reset_during",  # a 200 status line, headers announcing a long body, half a body, then the connection closes
    "hang",  # never replies (until the server stops)
    "drip",  # a 200 whose body arrives one byte every 0.5 s
    "429",  # Too Many Requests, no Retry-After
    "429_retry_after",  # Too Many Requests, Retry-After: 1
    "400",
    "401",
    "500",
    "503",
    "empty_choices",  # 200, a completion with "choices": []
    "truncated_json",  # 200, the HTTP body is JSON cut in half
    "invalid_json",  # 200, the HTTP body is not JSON at all
    "html",  # 502 with an HTML error page (a proxy in front of the server)
    "prose",  # 200, the message content is prose instead of JSON
    "schema_invalid",  # 200, the content is JSON but not a ConflictReport
)


@dataclass
class Reply:
    """A scripted 200 answer whose message content is ``content`` (hand-written, not model output)."""

    content: str
    finish_reason: str = "stop"


@dataclass
class Raw:
    """A scripted reply with any status and body (e.g. an error that echoes what it was sent)."""

    status: int
    body: bytes


Script = Callable[[dict[str, Any]], "Reply | Raw | str"]


def completion(content: str, finish_reason: str = "stop", choices: bool = True) -> dict[str, Any]:
    """An OpenAI chat completion object wrapping ``content``."""
    choice = {"index": 0, "finish_reason": finish_reason, "message": {"role": "assistant", "content": content}}
    return {
        "id": "standin-1",
        "object": "chat.completion",
        "created": 0,
        "model": "standin",
        "choices": [choice] if choices else [],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def prompt_text(body: dict[str, Any]) -> str:
    """All message contents of a request body, joined (to pick a reply by article)."""
    return "\n".join(str(m.get("content", "")) for m in body.get("messages", []) if isinstance(m, dict))


@dataclass
class StandinServer:
    """The stand-in server; a context manager. ``bodies``: every request body received, as bytes.

    ``delay``: seconds every request waits before its reply (a benchmark's fixed model time; 0 by default).
    ``keep``: False keeps no bodies or headers (a long benchmark), only the count in ``requests``.
    ``backlog``: the listen queue (None: the standard library's 5; a benchmark opening 128 connections
    at once needs more, or some connects wait for a SYN retransmit).
    ``nodelay``: TCP_NODELAY on each connection. Off (as before), a reply on a kept-alive connection
    waits about 40 ms more: its headers and body go out as two writes, and Nagle holds the body until
    the client's delayed ACK of the headers. A benchmark's fixed delay needs it on.
    """

    script: Script
    bodies: list[bytes] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    delay: float = 0.0
    keep: bool = True
    backlog: int | None = None
    nodelay: bool = False
    requests: int = 0

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._count_lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = server.nodelay

            def log_message(self, *_args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                if len(raw) < length:  # the client died while sending (a kill -9 test): not a request
                    self.close_connection = True
                    return
                with server._count_lock:
                    server.requests += 1
                if server.keep:
                    server.bodies.append(raw)
                    server.headers.append({k.lower(): v for k, v in self.headers.items()})
                try:
                    body = json.loads(raw)
                except json.JSONDecodeError:
                    body = {}
                if server.delay > 0 and server._stop.wait(server.delay):
                    self.close_connection = True  # stopping: no reply
                    return
                server._reply(self, server.script(body))

            def do_GET(self) -> None:
                if self.path.rstrip("/") != "/standin/stats":
                    self.send_error(501, f"Unsupported method ({self.command!r})")  # as before this endpoint
                    return
                server._send(self, 200, json.dumps({"requests": server.requests}).encode())

        handler_server = ThreadingHTTPServer
        if self.backlog is not None:
            handler_server = type("BacklogServer", (ThreadingHTTPServer,), {"request_queue_size": self.backlog})
        self._httpd = handler_server(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> StandinServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def _send(self, handler: BaseHTTPRequestHandler, status: int, body: bytes, **headers: str) -> None:
        handler.send_response(status)
        handler.send_header("content-type", headers.pop("content_type", "application/json"))
        handler.send_header("content-length", str(len(body)))
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.end_headers()
        handler.wfile.write(body)
        handler.wfile.flush()

    def _reply(self, handler: BaseHTTPRequestHandler, reply: Reply | Raw | str) -> None:
        if isinstance(reply, Raw):
            self._send(handler, reply.status, reply.body)
            return
        if isinstance(reply, Reply):
            self._send(handler, 200, json.dumps(completion(reply.content, reply.finish_reason)).encode())
            return
        error = json.dumps({"error": {"message": f"stand-in fault {reply}", "type": "standin"}}).encode()
        if reply == "answer":
            self._reply(handler, Reply(EMPTY_REPORT))
        elif reply == "reset_before":
            handler.connection.shutdown(socket.SHUT_RDWR)
            handler.close_connection = True
        elif reply == "reset_during":
            handler.send_response(200)
            handler.send_header("content-type", "application/json")
            handler.send_header("content-length", "5000")
            handler.end_headers()
            handler.wfile.write(b'{"id": "standin-1", "choices": [')
            handler.wfile.flush()
            handler.connection.shutdown(socket.SHUT_RDWR)
            handler.close_connection = True
        elif reply == "hang":
            self._stop.wait(120)
            handler.close_connection = True
        elif reply == "drip":
            body = json.dumps(completion(EMPTY_REPORT)).encode()
            handler.send_response(200)
            handler.send_header("content-type", "application/json")
            handler.send_header("content-length", str(len(body)))
            handler.end_headers()
            for byte in body:
                if self._stop.wait(0.5):
                    break
                try:
                    handler.wfile.write(bytes([byte]))
                    handler.wfile.flush()
                except OSError:
                    break
            handler.close_connection = True
        elif reply == "429":
            self._send(handler, 429, error)
        elif reply == "429_retry_after":
            self._send(handler, 429, error, retry_after="1")
        elif reply in ("400", "401", "500", "503"):
            self._send(handler, int(reply), error)
        elif reply == "empty_choices":
            self._send(handler, 200, json.dumps(completion(EMPTY_REPORT, choices=False)).encode())
        elif reply == "truncated_json":
            body = json.dumps(completion(EMPTY_REPORT)).encode()
            self._send(handler, 200, body[: len(body) // 2])
        elif reply == "invalid_json":
            self._send(handler, 200, b"this is not JSON")
        elif reply == "html":
            page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
            self._send(handler, 502, page, content_type="text/html")
        elif reply == "prose":
            self._reply(handler, Reply("Here is a summary of the article: rockets hit a base."))
        elif reply == "schema_invalid":
            self._reply(handler, Reply('{"events": "none", "claims": 3}'))
        else:
            raise ValueError(f"unknown stand-in fault {reply!r}")


def refused_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def main(argv: list[str] | None = None) -> None:
    """Serve one fixed answer after a fixed delay until stdin closes or the process is stopped."""
    parser = argparse.ArgumentParser(description="The stand-in OpenAI-compatible server (no model).")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before every reply")
    parser.add_argument("--answer-file", help="the message content of every answer (default: an empty report)")
    parser.add_argument("--backlog", type=int, default=512, help="the listen queue")
    args = parser.parse_args(argv)
    content = EMPTY_REPORT
    if args.answer_file:
        with open(args.answer_file, encoding="utf-8") as handle:
            content = handle.read()
    answer = Reply(content)
    settings = {"delay": args.delay, "keep": False, "backlog": args.backlog, "nodelay": True}
    with StandinServer(lambda _body: answer, **settings) as server:
        print(server.base_url, flush=True)
        try:
            while sys.stdin.read(1):  # the parent closes our stdin (or dies) to stop us
                pass
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
