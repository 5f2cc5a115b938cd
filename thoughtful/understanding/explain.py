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
from thoughtful.state.values import format_number


def to_home_unit(value: float, spec: Setting, units: Units) -> str:
    """A value with its unit, converted to the home's temperature unit when needed."""
    if spec.quantity == "temperature" and units.temperature == "C":
        return f"{format_number(round((value - 32) * 5 / 9, 1))}°C"
    unit = spec.unit
    return f"{format_number(value)}{unit if unit in ('%', '°F') else ' ' + unit if unit else ''}"


def setting_name(device: Device, key: str) -> str:
    lang = device.model.language.settings.get(key)
    return lang.names[0] if lang and lang.names else key.replace("_", " ")


def describe_value(device: Device, key: str, value: Any, units: Units) -> str:
    spec = device.model.spec(key)
    if spec.kind == "color":
        lang = device.model.language.settings.get(key)
        named = lang.named if lang else {}
        hue = value.get("hue", 0)
        nearest = min(named.items(), key=lambda kv: min(abs(kv[1].value["hue"] - hue), 360 - abs(kv[1].value["hue"] - hue)),
                      default=None)
        return f"{nearest[0]} (hue {hue})" if nearest else f"hue {hue}"
    if spec.kind == "enum":
        return f"{setting_name(device, key)} {value}"
    return f"{setting_name(device, key)} {to_home_unit(value, spec, units)}"


def describe(device: Device, units: Units) -> str:
    """ "The lamp is on: brightness 45%, color temperature 2700 K." """
    snap = device.snapshot
    state = snap["state"]
    word = _state_word(device, state)
    parts = [describe_value(device, k, v, units) for k, v in snap.items()
             if k != "state" and k in device.model.settings]
    sensors = [f"{setting_name(device, k).replace('_', ' ')} {to_home_unit(v, device.model.sensors[k], units)}"
               for k, v in snap.items() if k in device.model.sensors]
    text = f"The {device.name} is {word}"
    if parts:
        text += ": " + ", ".join(parts)
    if sensors:
        text += "; " + ", ".join(sensors)
    return text + "."


def answer_state(device: Device, text: str, units: Units) -> str:
    """Yes/no when the question names a state ("is the light on?"), then the facts."""
    words = set(text.split())
    state = device.snapshot["state"]
    asked = [s for s, lang in device.model.language.states.items()
             if s in words or (lang.say and lang.say in words)]
    prefix = ""
    if asked:
        prefix = "Yes. " if state in asked else "No. "
    return prefix + describe(device, units)


def answer_key(device: Device, key: str, units: Units) -> str:
    if key == "state":
        return describe(device, units)
    value = device.snapshot.get(key)
    if value is None:
        return f"The {device.name} has no {setting_name(device, key)} while it is {device.snapshot['state']}. " \
               + describe(device, units)
    if key in device.model.sensors:
        where = f" in the {device.room}" if device.room else ""
        return f"It's {to_home_unit(value, device.model.sensors[key], units)}{where} (the {device.name} reads it)."
    described = describe_value(device, key, value, units).removeprefix(setting_name(device, key) + " ")
    return f"The {device.name}'s {setting_name(device, key)} is {described}."


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
    return f"The {device.name} {what} {_when(event.at, now)} because {who}{why}."


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
    """What a setpoint-and-sensor device is doing and why (e.g. heating is idle: room above setpoint)."""
    snap = device.snapshot
    state = snap["state"]
    description = device.model.states[state].description
    temps = [(k, v) for k, v in snap.items() if k in device.model.sensors
             and device.model.sensors[k].quantity == "temperature"]
    targets = [(k, v) for k, v in snap.items() if k in device.model.settings
               and device.model.settings[k].quantity == "temperature"]
    if not temps or not targets:
        return ""
    (sk, sensed), (tk, target) = temps[0], targets[0]
    s_txt = to_home_unit(sensed, device.model.sensors[sk], units)
    t_txt = to_home_unit(target, device.model.settings[tk], units)
    if state == "heat":
        busy = "running" if sensed < target else "idle"
        side = "below" if sensed < target else "at or above"
        return f"Heating is {busy} because the room is {s_txt}, {side} the {t_txt} setpoint."
    if state == "cool":
        busy = "running" if sensed > target else "idle"
        side = "above" if sensed > target else "at or below"
        return f"Cooling is {busy} because the room is {s_txt}, {side} the {t_txt} setpoint."
    return f"It is {description}; the room is {s_txt}." if description else f"The room is {s_txt}."


def describe_applied(applied: Applied, device: Device, units: Units) -> str:
    """A short reply for one device's change: "The lamp is now on (brightness 80%…)." or
    "The lamp's brightness went from 50% to 40%." """
    changed = applied.changed
    if not changed:
        return f"The {device.name} was already {_state_word(device, applied.after['state'])}."
    if "state" in changed:
        details = [describe_value(device, k, v, units) for k, v in applied.after.items()
                   if k in device.model.settings]
        text = f"The {device.name} is now {_state_word(device, changed['state'])}"
        if details:
            text += f" ({', '.join(details)})"
        temps = [(k, v) for k, v in applied.after.items()
                 if k in device.model.sensors and device.model.sensors[k].quantity == "temperature"]
        if temps:
            k, v = temps[0]
            text += f"; the room is {to_home_unit(v, device.model.sensors[k], units)}"
        return text + "."
    parts = []
    for key, value in changed.items():
        spec = device.model.spec(key)
        old = applied.before.get(key)
        if old is not None and spec.numeric:
            parts.append(f"{setting_name(device, key)} went from {to_home_unit(old, spec, units)} "
                         f"to {to_home_unit(value, spec, units)}")
        else:
            parts.append(f"{setting_name(device, key)} is now {describe_value(device, key, value, units).removeprefix(setting_name(device, key) + ' ')}")
    return f"The {device.name}'s {' and '.join(parts)}."


def _state_word(device: Device, state: str) -> str:
    lang = device.model.language.states.get(state)
    return lang.say if lang and lang.say else state
