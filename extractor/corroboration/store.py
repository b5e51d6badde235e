"""An incremental ledger in SQLite (stdlib sqlite3): add results without comparing old claims again.

The database keeps each result's JSON (so the ledger can be rebuilt and a result replaced), the matching claim
pairs found so far, and each claim's blocks as they were when it was last compared. Adding results compares
only pairs involving a new claim, plus old pairs that now share a block and did not before (a new article
may say that two names are one actor). Matching is monotone in the actors resolved together, so the edges,
hence the ledger, equal those of one run over all the results: the same inputs give the same ledger.
Building the ledger itself (features, origins, status, denials, events) is linear and redone each time.
Caveat: replacing a stored article whose actor list had joined two names does not split them again for
the other claims' old pairs; rebuild the ledger (a new file) after replacing articles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from extractor.corroboration import assemble, names_of, records_of
from extractor.corroboration.features import ClaimRecord, ResultLike
from extractor.corroboration.grouping import Settings, blocks_of, match_edges
from extractor.corroboration.ledger import Ledger
from extractor.errors import BadInput

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (article_id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS edges (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b));
CREATE TABLE IF NOT EXISTS claim_blocks (ref TEXT NOT NULL, block TEXT NOT NULL, PRIMARY KEY (ref, block));
"""


class LedgerStore:
    """``LedgerStore(path, loader).add(results)`` then ``.ledger()``. ``loader`` turns a stored JSON dict
    back into a result (the CLI passes ``Result[ConflictReport].model_validate``)."""

    def __init__(
        self, path: Path | str, loader: Callable[[dict[str, Any]], ResultLike], settings: Settings | None = None,
        outlets: Mapping[str, str] | None = None,
    ) -> None:  # fmt: skip
        self.path = Path(path)
        self.loader = loader
        self.outlets = dict(outlets or {})
        self.db = sqlite3.connect(self.path)
        self.db.executescript(_SCHEMA)
        stored = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        wanted = {"settings": json.dumps((settings or Settings()).as_dict(), sort_keys=True)}
        if "settings" in stored and settings is None:
            self.settings = Settings(**json.loads(stored["settings"]))
        elif "settings" in stored and stored["settings"] != wanted["settings"]:
            raise BadInput(
                f"{self.path}: the ledger was built with other settings ({stored['settings']}); "
                "fix: use a new --ledger file or the same settings"
            )
        else:
            self.settings = settings or Settings()
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('settings', ?)", (wanted["settings"],))
        if "outlets" in stored:
            self.outlets = {**json.loads(stored["outlets"]), **self.outlets}
        self.db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('outlets', ?)", (json.dumps(self.outlets, sort_keys=True),)
        )
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    def results(self) -> list[ResultLike]:
        rows = self.db.execute("SELECT json FROM results ORDER BY article_id").fetchall()
        return [self.loader(json.loads(text)) for (text,) in rows]

    def add(self, new: Iterable[Any]) -> int:
        """Store the results (one with a stored article id replaces it) and compare their claims. Returns how
        many claim pairs were compared-and-matched anew."""
        incoming = {}
        for result in new:
            text = json.dumps(result.to_json_dict(), sort_keys=True)
            row = self.db.execute("SELECT json FROM results WHERE article_id=?", (result.article_id,)).fetchone()
            if row is None or row[0] != text:  # an unchanged result is already in the ledger
                incoming[result.article_id] = result
        if not incoming:
            return 0
        replaced = [a for a in incoming if self.db.execute("SELECT 1 FROM results WHERE article_id=?", (a,)).fetchone()]
        for article in replaced:  # its old claims leave the ledger with it
            like = f"{article}#%"
            self.db.execute("DELETE FROM edges WHERE a LIKE ? OR b LIKE ?", (like, like))
            self.db.execute("DELETE FROM claim_blocks WHERE ref LIKE ?", (like,))
        for article, result in incoming.items():
            self.db.execute(
                "INSERT OR REPLACE INTO results VALUES (?, ?)",
                (article, json.dumps(result.to_json_dict(), sort_keys=True)),
            )
        results = self.results()
        names = names_of(results)
        records = records_of(results, self.outlets)
        new_refs = {r.ref for r in records if r.article_id in incoming}
        old_blocks: dict[str, set[str]] = {}
        for ref, block in self.db.execute("SELECT ref, block FROM claim_blocks"):
            old_blocks.setdefault(ref, set()).add(block)
        now_blocks = {r.ref: {"|".join(b) for b in blocks_of(r, names)} for r in records}

        def only(a: ClaimRecord, b: ClaimRecord) -> bool:
            if a.ref in new_refs or b.ref in new_refs:
                return True
            # two old claims: compared before if they shared a block then
            return not (old_blocks.get(a.ref, set()) & old_blocks.get(b.ref, set()))

        moved = {r for r in now_blocks if r not in new_refs and now_blocks[r] != old_blocks.get(r, set())}
        touched = set().union(*(now_blocks[r] for r in new_refs | moved)) if new_refs | moved else set()
        candidates = [r for r in records if now_blocks[r.ref] & touched]
        edges = match_edges(candidates, names, self.settings, only=only)
        self.db.executemany("INSERT OR IGNORE INTO edges VALUES (?, ?)", sorted(edges))
        self.db.execute("DELETE FROM claim_blocks")
        self.db.executemany(
            "INSERT INTO claim_blocks VALUES (?, ?)", sorted((ref, b) for ref, bs in now_blocks.items() for b in bs)
        )
        self.db.commit()
        return len(edges)

    def ledger(self) -> Ledger:
        results = self.results()
        edges = self.db.execute("SELECT a, b FROM edges ORDER BY a, b").fetchall()
        return assemble(results, edges, names_of(results), self.settings, self.outlets)
