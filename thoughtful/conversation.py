"""A short memory of what was said, for follow-ups ("a bit more", "undo that")."""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta

from thoughtful.understanding.contract import Turn
from thoughtful.understanding.followup import CONTEXT


class Conversation:
    """The last few turns; older than ``horizon`` they no longer count as context."""

    def __init__(self, size: int = 5, horizon: timedelta = CONTEXT) -> None:
        self._turns: deque[Turn] = deque(maxlen=size)
        self.horizon = horizon

    def add(self, utterance: str, say: str, at: datetime) -> None:
        self._turns.append(Turn(at=at, utterance=utterance, say=say))

    def recent(self, now: datetime) -> list[Turn]:
        return [t for t in self._turns if t.at is None or now - t.at <= self.horizon]
