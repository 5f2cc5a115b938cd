"""Replies and explanations grounded in facts: snapshots, state models, provenance.

Nothing here invents a value: every number comes from a snapshot or an event,
with its unit, in the home's temperature unit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from thoughtful.state.device import Applied, Device
from thoughtful.state.provenance import Event, SOURCE_WORDS
from thoughtful.state.registry import Units
from thoughtful.state.schema import Setting
from thoughtful.state.values import f_to_c, format_number
from thoughtful.understanding.vocabulary import OWNERS


def to_home_unit(value: float, spec: Setting, units: Units) -> str:
    """A value with its unit, converted to the home's temperature unit when needed."""
    if spec.quantity == "temperature" and units.temperature == "C":
        return f"{format_number(round(f_to_c(value), 1))}°C"
    unit = spec.unit
    return f"{format_number(value)}{unit if unit in ('%', '°F') else ' ' + unit if unit else ''}"


def the(name: str, opening: bool = False) -> str:
    """ "the desk lamp" ("The desk lamp" at the ``opening`` of a sentence); a name that is
    someone's, or that ends in its number, stands alone ("Emma's lamp", "his lamp", "lamp 2";
    not "the emma's lamp", "the lamp 2")."""
    words = name.split()
    alone = words[0].endswith("'s") or words[0] in OWNERS or (len(words) > 1 and words[-1].isdigit())
    said = name if alone else f"the {name}"
    return said[0].upper() + said[1:] if opening else said


def is_(name: str, past: bool = False) -> str:
    """ "is" ("was"), or "are" ("were") after a name that is a plural ("the patio string
    lights", "the sconces"; not "the hall heat pump", "the glass")."""
    plural = name.endswith("s") and not name.endswith(("ss", "us", "is"))
    return ("were" if plural else "was") if past else ("are" if plural else "is")


def possessive(name: str) -> str:
    """ "the lamp's", "the workshop lights'": a name as the owner of what follows."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def value_text(device: Device, key: str, value: Any, units: Units) -> str:
    """A value as said in a reply: "45%", "auto", "20°C", "green (hue 120)"."""
    spec = device.model.spec(key)
    if spec.kind == "color":
        lang = device.model.language.settings.get(key)
        named = lang.named if lang else {}
        hue = value.get("hue", 0)
        nearest = min(named.items(), key=lambda kv: min(abs(kv[1].value["hue"] - hue), 360 - abs(kv[1].value["hue"] - hue)),
                      default=None)
        return f"{nearest[0]} (hue {hue})" if nearest else f"hue {hue}"
    if spec.kind == "enum":
        return str(value)
    return to_home_unit(value, spec, units)


def describe_value(device: Device, key: str, value: Any, units: Units) -> str:
    """ "brightness 45%", "fan auto"; a colour by its name alone ("green (hue 120)")."""
    text = value_text(device, key, value, units)
    return text if device.model.spec(key).kind == "color" else f"{device.model.setting_name(key)} {text}"


def _temperature(device: Device, snapshot: dict[str, Any], table: dict) -> tuple[str, float] | None:
    """The first temperature among the snapshot's sensors (or settings), as (key, value)."""
    return next(((k, v) for k, v in snapshot.items() if k in table and table[k].quantity == "temperature"), None)


def describe(device: Device, units: Units) -> str:
    """ "The lamp is on: brightness 45%, color temperature 2700 K." """
    snap = device.snapshot
    state = snap["state"]
    word = _state_word(device, state)
    parts = [describe_value(device, k, v, units) for k, v in snap.items()
             if k != "state" and k in device.model.settings]
    sensors = [describe_value(device, k, v, units) for k, v in snap.items() if k in device.model.sensors]
    text = f"{the(device.name, True)} {is_(device.name)} {word}"
    if parts:
        text += ": " + ", ".join(parts)
    if sensors:
        text += "; " + ", ".join(sensors)
    return text + "."


YES_NO = {"is", "are", "was", "were", "does", "do", "did", "can", "could", "has", "have", "will", "would"}
"""Words a yes/no question opens with."""


def answer_state(device: Device, text: str, units: Units) -> str:
    """Yes/no when a yes/no question names a state ("is the light on?"; not "which lights are
    on?"), then the facts."""
    words = set(text.split())
    state = device.snapshot["state"]
    asked = [s for s, lang in device.model.language.states.items()
             if s in words or (lang.say and lang.say in words)]
    prefix = ""
    if asked and text.split()[:1] and text.split()[0] in YES_NO:
        prefix = "Yes. " if state in asked else "No. "
    return prefix + describe(device, units)


def answer_key(device: Device, key: str, units: Units) -> str:
    if key == "state":
        return describe(device, units)
    value = device.snapshot.get(key)
    state = device.snapshot["state"]
    if value is None:
        group = next((g for g in device.model.states[state].one_of if key in g), None)
        if group:  # valid now, but another member of its one-of group is in use ("white, not a colour")
            used = next(k for k in group if k in device.snapshot)
            shown = describe_value(device, used, device.snapshot[used], units)
            return f"{the(device.name, True)} shows {shown} now, " \
                   f"not a {device.model.setting_name(key)}. " + describe(device, units)
        return f"{the(device.name, True)} has no {device.model.setting_name(key)} while it is {state}. " \
               + describe(device, units)
    if key in device.model.sensors:
        where = f" in {the(device.room)}" if device.room else ""
        return f"It's {to_home_unit(value, device.model.sensors[key], units)}{where} ({the(device.name)} reads it)."
    return f"{possessive(the(device.name, True))} {device.model.setting_name(key)} is " \
           f"{value_text(device, key, value, units)}."


def _when(at: datetime, now: datetime | None) -> str:
    if now and at.date() == now.date():
        return f"at {at:%H:%M}"
    return f"on {at:%b %d at %H:%M}"


def describe_event(event: Event, device: Device, units: Units, now: datetime | None) -> str:
    """ "The lamp went on (brightness 50%) at 17:05 because the schedule did it (sunset routine)." """
    state = event.changed.get("state")
    details = [describe_value(device, k, v, units) if k in device.model.settings or k in device.model.sensors
               else f"{k.replace('_', ' ')} {v}" for k, v in event.changed.items() if k != "state"]
    if state is not None:
        what = f"went {_state_word(device, state)}" + (f" ({', '.join(details)})" if details else "")
    else:
        what = "changed to " + ", ".join(details) if details else "changed"
    who = SOURCE_WORDS.get(event.by, event.by)
    why = f" ({event.why})" if event.why else ""
    before = event.from_ or {}
    if event.changed and state is None and all(k in device.model.settings and device.model.spec(k).numeric
                                               and before.get(k, v) != v for k, v in event.changed.items()):
        # "by how much?", "what did it used to be?": from what, to what ("The heater's setpoint went
        # from 68°F to 70°F…", "The lantern's brightness went from 70% to 40%…")
        return possessive(the(device.name, True)) + " " + " and ".join(
            f"{device.model.setting_name(k)} went from {value_text(device, k, before[k], units)} to "
            f"{value_text(device, k, v, units)}" for k, v in event.changed.items()) + \
            f" {_when(event.at, now)} because {who}{why}."
    return f"{the(device.name, True)} {what} {_when(event.at, now)} because {who}{why}."


def explain_why(device: Device, events: list[Event], units: Units, now: datetime | None) -> str:
    """Why the device is as it is: the last recorded change, then the facts and what they mean."""
    mine = [e for e in events if e.device == device.name]
    parts = []
    if mine:
        parts.append(describe_event(mine[-1], device, units, now))
    parts.append(describe(device, units))
    reason = control_reason(device, units)
    if reason:
        parts.append(reason)
    return " ".join(parts)


def control_reason(device: Device, units: Units) -> str:
    """What a setpoint-and-sensor device is doing and why ("Heating is idle because the room is
    70°F, at or above the 68°F setpoint"). Which state pushes the sensor up or down comes from
    the setpoint's ``implies_state`` in the state model."""
    snap = device.snapshot
    sensed, target = _temperature(device, snap, device.model.sensors), _temperature(device, snap, device.model.settings)
    if sensed is None or target is None:
        return ""
    (sk, reading), (tk, goal) = sensed, target
    s_txt = to_home_unit(reading, device.model.sensors[sk], units)
    t_txt = to_home_unit(goal, device.model.settings[tk], units)
    hint = device.model.settings[tk].implies_state
    state = snap["state"]
    if hint and state in (hint.above, hint.below):
        raising = state == hint.above  # heating: runs while the room is below the setpoint
        busy = "running" if (reading < goal if raising else reading > goal) else "idle"
        side = ("below" if busy == "running" else "at or above") if raising else \
            ("above" if busy == "running" else "at or below")
        return f"{_state_word(device, state).capitalize()} is {busy} because the room is {s_txt}, {side} the {t_txt} setpoint."
    description = device.model.states[state].description
    return f"It is {description}; the room is {s_txt}." if description else f"The room is {s_txt}."


def describe_applied(applied: Applied, device: Device, units: Units) -> str:
    """A short reply for one device's change: "The lamp is now on (brightness 80%…)." or
    "The lamp's brightness went from 50% to 40%." """
    changed = applied.changed
    if not changed:
        return f"{the(device.name, True)} {is_(device.name, past=True)} already " \
               f"{_state_word(device, applied.after['state'])}."
    if "state" in changed:
        details = [describe_value(device, k, v, units) for k, v in applied.after.items()
                   if k in device.model.settings]
        text = f"{the(device.name, True)} {is_(device.name)} now {_state_word(device, changed['state'])}"
        if details:
            text += f" ({', '.join(details)})"
        sensed = _temperature(device, applied.after, device.model.sensors)
        if sensed:
            text += f"; the room is {to_home_unit(sensed[1], device.model.sensors[sensed[0]], units)}"
        return text + "."
    parts = []
    for key, value in changed.items():
        spec = device.model.spec(key)
        old = applied.before.get(key)
        if old is not None and spec.numeric:
            parts.append(f"{device.model.setting_name(key)} went from {to_home_unit(old, spec, units)} "
                         f"to {to_home_unit(value, spec, units)}")
        else:
            parts.append(f"{device.model.setting_name(key)} is now {value_text(device, key, value, units)}")
    return f"{possessive(the(device.name, True))} {' and '.join(parts)}."


def describe_planned(applied: Applied, device: Device, units: Units) -> str:
    """A change not yet made, for a question: "the lamp off", "the thermostat heat, setpoint 72°F"."""
    changed = applied.changed
    parts = [_state_word(device, changed["state"])] if "state" in changed else []
    parts += [describe_value(device, k, v, units) for k, v in changed.items() if k in device.model.settings]
    return f"{the(device.name)} {', '.join(parts) or 'as it is'}"


def _state_word(device: Device, state: str) -> str:
    lang = device.model.language.states.get(state)
    return lang.say if lang and lang.say else state
