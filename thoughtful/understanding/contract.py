"""The ``thoughtful interpret --batch`` line format (shared/spec/contract.md §2)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from thoughtful.state.provenance import Event
from thoughtful.state.registry import Units

Kind = Literal["action", "explanation", "reject", "clarify"]


class HomeDevice(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str = Field(min_length=1)
    type: str
    room: str = ""
    snapshot: dict[str, Any]


class Turn(BaseModel):
    """An earlier exchange: what was said and what the daemon answered."""

    model_config = ConfigDict(extra="ignore")
    at: datetime | None = None
    utterance: str
    say: str = ""


HistoryItem = Union[Turn, Event]


class CaseInput(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: Any = None
    home: list[HomeDevice] = Field(min_length=1)
    utterance: str | None = None
    audio: str | None = None
    speaker_room: str | None = None
    units: Units = Field(default_factory=Units)
    now: datetime | None = None
    history: list[HistoryItem] = []

    @model_validator(mode="after")
    def _has_input(self) -> "CaseInput":
        if self.utterance is None and self.audio is None:
            raise ValueError("needs 'utterance' or 'audio'")
        return self


class CaseOutput(BaseModel):
    id: Any = None
    kind: Kind
    after: dict[str, dict[str, Any]]
    say: str
    transcript: str | None = None

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)
