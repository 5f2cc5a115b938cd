"""Running ``interpret --batch`` lines through the interpreter, one JSON line each."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any, Iterable, Iterator

from pydantic import ValidationError

from thoughtful.errors import ThoughtfulError
from thoughtful.speech.recognizer import Transcript
from thoughtful.state.device import Device
from thoughtful.state.home import Home
from thoughtful.state.provenance import Event, ProvenanceLog
from thoughtful.state.registry import Routine
from thoughtful.state.schema import StateModel
from thoughtful.understanding.contract import CaseInput, CaseOutput, Turn
from thoughtful.understanding.interpreter import Interpreter, Request
from thoughtful.yamlfile import format_location

log = logging.getLogger(__name__)


def home_from_case(case: CaseInput, models: dict[str, StateModel]) -> Home:
    devices = []
    seen: dict[str, int] = {}
    for i, d in enumerate(case.home):
        if d.type not in models:
            raise ThoughtfulError(f"home[{i}]: unknown device type {d.type!r}")
        key = " ".join(d.name.lower().split())
        if key in seen:  # "lamp" and "Lamp": which one a request means cannot be told
            raise ThoughtfulError(f"home[{i}].name: {d.name!r} is used twice (home[{seen[key]}])")
        seen[key] = i
        try:
            devices.append(Device(d.name, models[d.type], room=d.room, snapshot=d.snapshot))
        except ThoughtfulError as exc:
            raise ThoughtfulError(f"home[{i}].snapshot: {exc}") from exc
    events = [h for h in case.history if isinstance(h, Event)]
    return Home(devices, case.units, ProvenanceLog(events))


def request_from_case(case: CaseInput, home: Home, text: str, heard: Transcript | None = None) -> Request:
    return Request(
        text=text,
        heard_confidence=heard.confidence if heard else None,
        heard_alternatives=list(heard.alternatives) if heard else [],
        cross_check=heard.cross_check if heard else None,
        home=home,
        speaker_room=case.speaker_room,
        now=case.now or max((h.at for h in case.history if h.at is not None), default=None)
        or datetime.now().astimezone(),  # no "now": just after the history (the home is its result)
        turns=[h for h in case.history if isinstance(h, Turn)],
    )


def run_line(line: str, interpreter: Interpreter, transcribe=None, heard: Transcript | None = None,
             routines: dict[str, Routine] | None = None) -> dict[str, Any]:
    """One input line → one output object (``{"id", "error"}`` for a malformed line).

    ``transcribe(path, home)`` turns an ``"audio"`` line into a :class:`Transcript`;
    ``heard`` is the recognizer's transcript when ``"utterance"`` is its text; ``routines``
    are the configured home's (the contract's lines carry none)."""
    case_id = None
    try:
        raw = json.loads(line)
        if not isinstance(raw, dict):
            raise ValueError("a line must be a JSON object")
        case_id = raw.get("id")
        case = CaseInput.model_validate(raw)
        home = home_from_case(case, interpreter.models)
        home.routines = dict(routines or {})
        transcript = None
        text = case.utterance
        if text is None:
            if transcribe is None:
                raise ThoughtfulError("audio input needs a speech recognizer, and none is configured")
            heard = transcribe(case.audio, home)
            transcript = text = heard.text
        result = interpreter.interpret(request_from_case(case, home, text, heard))
        return CaseOutput(id=case.id, kind=result.kind, after=home.snapshots(), say=result.say,
                          transcript=transcript).to_json()
    except json.JSONDecodeError as exc:
        return {"id": case_id, "error": f"not valid JSON: {exc.msg} at column {exc.colno}"}
    except ValidationError as exc:
        problems = "; ".join(f"{format_location(e['loc'])}: {e['msg']}" for e in exc.errors())
        return {"id": case_id, "error": f"invalid line: {problems}"}
    except (ThoughtfulError, ValueError) as exc:
        return {"id": case_id, "error": str(exc)}
    except Exception as exc:  # a fault of ours on one line must not lose the rest of the batch
        log.exception("interpreting line %r failed", case_id)
        return {"id": case_id, "error": f"internal error ({type(exc).__name__}: {exc}); the line was not carried out"}


def run_batch(lines: Iterable[str], interpreter: Interpreter, transcribe=None) -> Iterator[dict[str, Any]]:
    for line in lines:
        if line.strip():
            yield run_line(line, interpreter, transcribe)
