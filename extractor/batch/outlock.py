"""One writer per output file: an advisory lock (``fcntl.flock``) on a lock file beside it, never waited for.

Two runs appending to one JSONL file would interleave and tear its lines. ``output_lock(out)`` holds an
exclusive lock on ``.NAME.lock`` in the output's folder (the real file's, through symlinks) while a run
writes; a second run finds it taken and is refused (``OutputBusy``, exit 2) before it asks the model
anything. The lock file stays (removing it would let two runs lock two different files); the kernel drops
the lock when the run ends, also after kill -9.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from extractor.errors import BadInput

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no lock
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)


class OutputBusy(BadInput):
    """Another run is writing the same output file."""


def lock_path(out: Path) -> Path:
    """The lock file of ``out``: ``.NAME.lock`` beside the file ``out`` names (after symlinks)."""
    target = Path(os.path.realpath(out))
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the lock of ``out`` for the block; OutputBusy when another process holds it.

    Not locked: an output that exists and is not a regular file (a device, a FIFO), or a folder where the
    lock file cannot be made (a write there fails on its own, with its own message)."""
    if fcntl is None or (out.exists() and not Path(os.path.realpath(out)).is_file()):
        yield
        return
    path = lock_path(out)
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        log.debug("no lock for %s: %s", out, exc)
        yield
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputBusy(
                f"--out {out} is being written by another extractor run (it holds {path}); nothing was run. "
                "Fix: wait for that run to finish, or write this one to another --out"
            ) from None
        except OSError as exc:  # a file system without locks
            log.debug("no lock for %s: %s", out, exc)
        yield
    finally:
        os.close(handle)
