"""The provenance log: every change with when, what, who and why.

Entries have the shape of the contract's history events, so explanations read
the daemon's own log and an ``interpret`` line's ``history`` the same way.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime
from typing import Any, Iterable, Literal

from pydantic import BaseModel, ConfigDict, Field

Source = Literal["voice", "home_assistant", "mqtt", "schedule", "control_loop", "device", "system"]

SOURCE_WORDS: dict[str, str] = {
    "voice": "you asked",
    "home_assistant": "it was changed from Home Assistant",
    "schedule": "the schedule did it",
    "control_loop": "the control loop decided",
    "device": "it was changed at the device",
    "mqtt": "another MQTT client changed it",
    "system": "the system did it",
}


class Event(BaseModel):
    """One recorded change of one device."""

    model_config = ConfigDict(populate_by_name=True)

    at: datetime
    device: str
    changed: dict[str, Any]
    from_: dict[str, Any] | None = Field(default=None, alias="from")
    by: Source = "system"
    why: str = ""

    def to_json(self) -> dict[str, Any]:
        data = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        return data


class ProvenanceLog:
    """A bounded, in-order log of :class:`Event` (oldest first)."""

    def __init__(self, events: Iterable[Event] = (), limit: int = 1000) -> None:
        self._events: deque[Event] = deque(events, maxlen=limit)

    def record(self, event: Event) -> None:
        self._events.append(event)

    def __iter__(self):
        return iter(self._events)

    def __len__(self) -> int:
        return len(self._events)

    def for_device(self, name: str) -> list[Event]:
        return [e for e in self._events if e.device == name]

    def latest(self, name: str | None = None) -> Event | None:
        for event in reversed(self._events):
            if name is None or event.device == name:
                return event
        return None

    def to_json(self) -> list[dict[str, Any]]:
        return [e.to_json() for e in self._events]

    def copy(self) -> "ProvenanceLog":
        return ProvenanceLog(self._events, self._events.maxlen or 1000)

    @classmethod
    def from_json(cls, data: list[dict[str, Any]], limit: int = 1000) -> "ProvenanceLog":
        return cls((Event.model_validate(d) for d in data), limit=limit)
