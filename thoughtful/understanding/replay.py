"""Follow-ups that replay the last change made by voice, read from the provenance log: "undo
that" (back to how it was), "no, the other way" (mirrored about where it started), "a bit
more" (one more step the same way) and "same again" (the same change once more), on every
device that change touched."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Callable

from thoughtful.state.device import Change
from thoughtful.state.home import Home
from thoughtful.state.provenance import Event
from thoughtful.state.schema import Setting
from thoughtful.state.values import step_of
from thoughtful.understanding.followup import lately

Planned = tuple[str, Change, str]
"""(device, change, why), as the interpreter applies them."""


def last_by_voice(home: Home, now: datetime) -> list[Event]:
    """The events of the last change made by voice lately (:func:`followup.lately`) that say
    what the devices were before."""
    voice = [e for e in home.provenance if e.by == "voice" and e.device in home.devices and lately(e.at, now)]
    if not voice or voice[-1].from_ is None:
        return []
    return [e for e in voice if e.at == voice[-1].at and e.from_ is not None]


def last_changed(home: Home, now: datetime) -> list[str]:
    """The devices of the last change lately, by voice or not ("who did that?" just after the
    schedule switched the kitchen light off)."""
    changes = [e for e in home.provenance if e.device in home.devices and lately(e.at, now)]
    return list(dict.fromkeys(e.device for e in changes if e.at == changes[-1].at)) if changes else []


def undo(home: Home, now: datetime) -> list[Planned]:
    """Every device of the last change back to its values before it."""
    changes = []
    for event in last_by_voice(home, now):
        previous = dict(event.from_)
        state = previous.pop("state", None)
        settings = {k: v for k, v in previous.items() if v is not None}
        changes.append((event.device, Change(state=state, set=settings), "you asked to undo the last change"))
    return changes


def other_way(home: Home, now: datetime) -> list[Planned]:
    """The last change mirrored about where it started (a lamp dimmed from 70% to 50% goes to
    90%), no further than the setting goes (dimmed from 100% to 80%: back to 100%); a switched
    state goes back."""
    changes = []
    for event in last_by_voice(home, now):
        settings = home[event.device].model.settings
        mirrored = {k: _within(2 * event.from_[k] - new, settings[k])
                    for k, new in _moved(event, settings).items()}
        state = event.from_.get("state") if "state" in event.changed else None
        if mirrored or state:
            changes.append((event.device, Change(state=state, set=mirrored), "you asked for the other way"))
    return changes


def states_switched(home: Home, now: datetime) -> set[str]:
    """The states the last change by voice switched devices to, as operations are written
    ("lamp:state=off" after "parlour lamp off")."""
    return {f"{home[e.device].type}:state={e.changed['state']}" for e in last_by_voice(home, now)
            if "state" in e.changed and e.changed["state"] != e.from_.get("state")}


def ways_moved(home: Home, now: datetime) -> set[str]:
    """The ways the last change by voice moved numeric settings, as operations are written
    ("thermostat:setpoint=down" after "the heater down two degrees")."""
    return {f"{home[e.device].type}:{key}={'up' if new > e.from_[key] else 'down'}"
            for e in last_by_voice(home, now) for key, new in _moved(e, home[e.device].model.settings).items()
            if new != e.from_[key]}


def one_more_step(home: Home, now: datetime, back: bool = False, of_the_level: bool = False,
                  amount: Callable[[Setting], float | None] | None = None) -> list[Planned]:
    """One more step of each setting the last change moved, the same way; with ``back``, one step
    the other way ("a bit less" just after "brighter": less of what was done). With
    ``of_the_level`` (the last request named a level: "the grow light to 60"), more and less
    are of the setting itself: "a bit less" is lower, whichever way the level moved it. With
    ``amount``, as far as it says for a setting ("one more degree": 1°), and none of the
    settings it says nothing for. A setting the change gave a level with no level before ("the
    heat on at 68", from off) has no way yet: more of it is higher ("2 more": 70)."""
    changes = []
    for event in last_by_voice(home, now):
        settings = home[event.device].model.settings
        moved = {k: new for k, new in _moved(event, settings).items() if new != event.from_[k]}
        leveled = {k for k, new in event.changed.items() if k in settings and settings[k].numeric
                   and isinstance(new, (int, float)) and event.from_.get(k) is None}
        steps = {k: amount(settings[k]) if amount else _step(settings[k], home.units.temperature,
                                                              abs(new - event.from_.get(k, new)) or None, back)
                 for k, new in {**moved, **{k: event.changed[k] for k in leveled}}.items()}
        adjust = {k: step * (1 if (of_the_level or k in leveled or moved[k] > event.from_[k]) != back else -1)
                  for k, step in steps.items() if step}
        if adjust:
            why = "you asked for less" if back else "you asked for more"
            changes.append((event.device, Change(adjust=adjust), why))
    return changes


def _step(spec, temperature_unit: str, moved: float | None, back: bool) -> float:
    """A step of a setting; one back is never more than the last change moved it (a step back
    from half a degree up is half a degree, not past where it was; None: it had no level before)."""
    step = step_of(spec, temperature_unit)
    return min(step, moved) if back and moved is not None else step


LESS = {"less", "fewer"}
"""Words of a "more" follow-up that ask for a step back ("a bit less", "a little less")."""


AGAIN = {"again", "repeat", "same", "once"}
"""Words of a "more" follow-up that ask for the whole change again ("same again", "do it
again", "once more"), not one step ("a bit more")."""
IN_PROPORTION = re.compile(r"\b(?:halve|half|double|twice|third|quarter|fifth)\b")
"""Words of a change by a ratio ("halve the lamp"), which "again" repeats as a ratio."""


def once_again(home: Home, now: datetime, in_proportion: bool = False) -> list[Planned]:
    """Each setting the last change moved, moved as far again ("boiler up two degrees" …
    "same again": two more); ``in_proportion``, by the same ratio ("halve the lamp" 80% → 40% …
    "half again": 20%, not 40% less)."""
    if not in_proportion:
        return _moved_again(home, now, 1.0, "you asked for the same again")
    changes = []
    for event in last_by_voice(home, now):
        settings = home[event.device].model.settings
        adjust = {k: new * new / event.from_[k] - new for k, new in _moved(event, settings).items()
                  if new != event.from_[k] and event.from_[k]}
        if adjust:
            changes.append((event.device, Change(adjust=adjust), "you asked for the same again"))
    return changes


def part_back(home: Home, now: datetime, part: float) -> list[Planned]:
    """Each setting the last change moved, taken that part of the way back ("halfway back" just
    after the landing light went from 50% to 100%: 75%, not 50%)."""
    return _moved_again(home, now, -part, "you asked to go part of the way back")


def _moved_again(home: Home, now: datetime, part: float, why: str) -> list[Planned]:
    """Each setting the last change moved, moved ``part`` as far again (negative: back)."""
    changes = []
    for event in last_by_voice(home, now):
        settings = home[event.device].model.settings
        adjust = {k: part * (new - event.from_[k]) for k, new in _moved(event, settings).items()
                  if new != event.from_[k]}
        if adjust:
            changes.append((event.device, Change(adjust=adjust), why))
    return changes


def _within(value: float, spec: Setting) -> float:
    """``value`` held inside the setting's range."""
    if spec.min is not None:
        value = max(value, spec.min)
    return value if spec.max is None else min(value, spec.max)


def _moved(event: Event, settings: dict) -> dict[str, float]:
    """The numeric settings ``event`` changed, with their new values."""
    return {k: new for k, new in event.changed.items()
            if k in settings and settings[k].numeric and isinstance(new, (int, float))
            and isinstance(event.from_.get(k), (int, float))}
