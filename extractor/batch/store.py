"""Where the result cache and the run log live, and opening their SQLite files (WAL, user-only).

Both are conveniences, never the run's only copy: a file that is corrupt, locked by another process, a
folder, or unwritable is one warning on stderr, and the run goes on without it (a cache miss, an unlogged
call), as pip treats a broken cache. ``SqliteStore.attempt`` is that rule; ``strict`` is for the commands
that only read the store (``cache stats``, ``logs``): they fail with ``StoreUnavailable`` naming the file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import platformdirs

from extractor.errors import ExtractorError

log = logging.getLogger(__name__)
T = TypeVar("T")
BUSY_TIMEOUT_S = 5.0  # how long a write waits for another process's lock before the store is set aside
CORRUPT_ERRORS = ("SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_IOERR_SHORT_READ")  # not (or no longer) a database


def data_dir() -> Path:
    """``$EXTRACTOR_RESULTS_DIR``, else ``$EXTRACTOR_CACHE_DIR``, else the user cache dir (``extractor``)."""
    chosen = os.environ.get("EXTRACTOR_RESULTS_DIR") or os.environ.get("EXTRACTOR_CACHE_DIR")
    return Path(chosen) if chosen else Path(platformdirs.user_cache_dir("extractor"))


class StoreUnavailable(ExtractorError):
    """A cache or run-log file that cannot be used; the message names the file, the problem and the fix."""

    def __init__(self, what: str, path: Path, problem: str, fix: str, *, corrupt: bool = False) -> None:
        super().__init__(f"{what} {path} is unusable ({problem}); {fix}")
        self.what, self.path, self.problem, self.fix, self.corrupt = what, path, problem, fix, corrupt

    def warning(self) -> str:
        """The one line a run prints before it goes on without the store."""
        return f"{self.what} {self.path} is unusable ({self.problem}): going on without it; {self.fix}"


def describe(exc: BaseException, path: Path) -> tuple[str, bool]:
    """``exc`` in a few words, and whether it says the file at ``path`` is not (or no longer) a database."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    corrupt = name.startswith(CORRUPT_ERRORS) or (type(exc) is sqlite3.DatabaseError and not name)
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename and str(exc.filename) != str(path) else ""
        return (exc.strerror or str(exc)) + where, False
    return str(exc) or type(exc).__name__, corrupt


def _busy(exc: BaseException) -> bool:
    return (getattr(exc, "sqlite_errorname", "") or "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def connect(path: Path) -> sqlite3.Connection:
    """``path`` opened (created 0600 in a 0700 folder when new) with WAL journaling and a busy timeout.

    Raises OSError or sqlite3.Error; ``SqliteStore`` turns them into StoreUnavailable."""
    if path.is_dir():
        raise IsADirectoryError(21, "it is a folder, not a file", str(path))
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.Error:
        db.close()
        raise
    for suffix in ("-wal", "-shm"):  # sqlite creates these with the umask's permissions
        side = path.with_name(path.name + suffix)
        if side.exists():
            with contextlib.suppress(OSError):
                os.chmod(side, 0o600)
    return db


class SqliteStore:
    """One SQLite file of ours. In a run, its first failure is one warning and turns it off for the rest."""

    what = "store"
    fix = "move it aside or delete it; the next run starts a new one"  # for a file that is not a database
    busy_fix = "another process is writing it; run again when it is done"
    path_fix = "check the path and its permissions, or set EXTRACTOR_RESULTS_DIR to a folder you can write"

    def __init__(self, path: Path, schema: str) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None
        try:
            db = connect(path)
        except (OSError, sqlite3.Error) as exc:
            raise self.unavailable(exc) from None
        try:
            db.executescript(schema)
        except sqlite3.Error as exc:
            db.close()
            raise self.unavailable(exc) from None
        self.db = db

    def unavailable(self, exc: BaseException) -> StoreUnavailable:
        """``exc`` as a StoreUnavailable naming this store's file and the fix."""
        problem, corrupt = describe(exc, self.path)
        fix = self.fix if corrupt else self.busy_fix if _busy(exc) else self.path_fix
        if isinstance(exc, IsADirectoryError):
            fix = "remove or rename that folder, or set EXTRACTOR_RESULTS_DIR to another one"
        return StoreUnavailable(self.what, self.path, problem, fix, corrupt=corrupt)

    def attempt(self, action: Callable[[sqlite3.Connection], T], default: T) -> T:
        """``action(db)``; after a failure (warned about once) or once turned off, ``default``."""
        if self.db is None:
            return default
        try:
            return action(self.db)
        except (OSError, sqlite3.Error) as exc:
            log.warning("%s", self.unavailable(exc).warning())
            self.close()
            return default

    def strict(self, action: Callable[[sqlite3.Connection], T]) -> T:
        """``action(db)``, or StoreUnavailable naming the file (the commands that only read the store)."""
        if self.db is None:
            raise StoreUnavailable(self.what, self.path, "it was closed", self.fix)
        try:
            return action(self.db)
        except (OSError, sqlite3.Error) as exc:
            raise self.unavailable(exc) from None

    def close(self) -> None:
        db, self.db = self.db, None
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()


def remove_files(path: Path) -> None:
    """Delete an SQLite file and its ``-wal``/``-shm`` companions (a regular file only, never a folder)."""
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path.with_name(name))
