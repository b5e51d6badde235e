"""Where the result cache and the run log live, and opening their SQLite files (WAL, user-only)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """``$EXTRACTOR_RESULTS_DIR``, else ``$EXTRACTOR_CACHE_DIR``, else the user cache dir (``extractor``)."""
    chosen = os.environ.get("EXTRACTOR_RESULTS_DIR") or os.environ.get("EXTRACTOR_CACHE_DIR")
    return Path(chosen) if chosen else Path(platformdirs.user_cache_dir("extractor"))


def connect(path: Path) -> sqlite3.Connection:
    """``path`` opened (created 0600 in a 0700 folder when new) with WAL journaling and a busy timeout."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)
    db = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    for suffix in ("-wal", "-shm"):  # sqlite creates these with the umask's permissions
        side = path.with_name(path.name + suffix)
        if side.exists():
            with contextlib.suppress(OSError):
                os.chmod(side, 0o600)
    return db
