"""Resuming a JSONL output: what is already done, and the file made whole again (no torn last line)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def _finished_id(line: bytes) -> str | None:
    """The article id of a successful result line, else None (a failure, or not a result)."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("article_id"), str):
        return None
    if record.get("error") is not None or record.get("report") is None:
        return None
    return record["article_id"]


def prepare_resume(out: Path) -> tuple[set[str], int]:
    """The ids of the articles finished in ``out`` and how many lines were dropped.

    A torn last line (a run killed mid-write) is cut off; failed results are dropped so they are run again
    (the file is then rewritten through a temporary file and renamed: a kill during that leaves it as it was);
    a second line for an id already finished is dropped too.
    """
    data = out.read_bytes()
    whole = data if data.endswith(b"\n") or not data else data[: data.rfind(b"\n") + 1]
    kept: list[bytes] = []
    done: set[str] = set()
    dropped = 0 if whole == data else 1
    for line in whole.splitlines(keepends=True):
        if not line.strip():
            continue
        article_id = _finished_id(line)
        if article_id is None or article_id in done:
            dropped += 1
            continue
        done.add(article_id)
        kept.append(line)
    if dropped == 0:
        return done, 0
    if len(kept) == whole.count(b"\n") and whole != data:  # only the torn tail goes
        os.truncate(out, len(whole))
        return done, dropped
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        os.chmod(temporary, out.stat().st_mode & 0o777)
        with os.fdopen(handle, "wb") as stream:
            stream.writelines(kept)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, out)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return done, dropped
