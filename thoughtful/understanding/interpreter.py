"""The understanding pipeline: one utterance in a home → an interpretation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from thoughtful.state.device import Applied
from thoughtful.state.home import Home
from thoughtful.state.schema import StateModel
from thoughtful.understanding.contract import Kind, Turn


@dataclass
class Request:
    text: str
    home: Home
    speaker_room: str | None = None
    now: datetime = field(default_factory=lambda: datetime.now().astimezone())
    turns: list[Turn] = field(default_factory=list)


@dataclass
class Interpretation:
    kind: Kind
    say: str
    applied: list[Applied] = field(default_factory=list)


class Interpreter:
    """Placeholder until the language model lands: declines everything."""

    def __init__(self, models: dict[str, StateModel]) -> None:
        self.models = models

    def interpret(self, request: Request) -> Interpretation:
        return Interpretation("reject", "I can't understand requests yet: no language model is installed.")
