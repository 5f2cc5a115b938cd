"""Saving and loading device snapshots and the provenance log, atomically.

A state file that cannot be read is moved aside (``state.json.corrupt-<time>``)
and reported; the daemon then starts from defaults instead of crashing.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def atomic_write_json(path: Path, data: Any) -> None:
    """Write ``data`` as JSON so that ``path`` always holds the old or the new content."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class StateFile:
    """The daemon's state file: ``{"devices": {name: {...}}, "provenance": [...]}``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem: str | None = None
        """Why the last :meth:`load` had to set the file aside, if it did."""

    def load(self) -> dict[str, Any]:
        for tmp in self.path.parent.glob(f".{self.path.name}.*"):  # left by a kill during a write
            tmp.unlink(missing_ok=True)
        if not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("devices", {}), dict):
                raise ValueError("top level must be an object with a 'devices' object")
            return data
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            return self.set_aside(str(exc) if not isinstance(exc, RecursionError) else "nested too deeply")
        except IsADirectoryError:
            return self.set_aside("it is a directory")

    def set_aside(self, reason: str) -> dict[str, Any]:
        """Move an unusable state file away, remember why, and return empty state."""
        stamp = time.strftime('%Y%m%d-%H%M%S')
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():  # never over an earlier one
            aside, n = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}"), n + 1
        os.replace(self.path, aside)
        self.problem = f"{self.path}: unreadable state ({reason}); moved to {aside.name}, starting from defaults"
        log.error(self.problem)
        return {}

    def save(self, data: dict[str, Any]) -> None:
        atomic_write_json(self.path, data)
