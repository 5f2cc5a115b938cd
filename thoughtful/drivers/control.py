"""The thermostat's control loop: safe first.

Rules, in order of precedence:

1. **Failsafe** – a missing, stale or implausible temperature reading stops heating
   and cooling at once (minimum run times do not apply) and says why.
2. **Interlock** – heat and cool are never on together; switching between them
   passes through both off.
3. **Hard limits** – the setpoint is clamped to ``[min_setpoint, max_setpoint]``.
4. **Short-cycle protection** – once on, an output stays on for ``min_on`` seconds
   (unless the mode is turned off or the failsafe trips), also when the mode changes
   between heat and cool; once off, neither output starts for ``min_off`` seconds (heat
   and cool often share one compressor). At start-up the relays have just been switched
   off, so ``min_off`` applies then too: a restart never shortens a rest.
5. **Hysteresis** – heating starts when the room is ``hysteresis`` below the
   setpoint and stops when it reaches the setpoint (cooling mirrors this).

Time is passed in (``now``, monotonic seconds), so tests run on simulated time.
Every change of output is reported with its reason to ``record``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

from thoughtful.state.wiring import ControlSettings


@dataclass(frozen=True)
class Outputs:
    heat: bool = False
    cool: bool = False
    fan: bool = False

    @property
    def action(self) -> str:
        return "heating" if self.heat else "cooling" if self.cool else "idle"


Record = Callable[[str, str], None]
"""Called with (action, why) whenever the outputs change."""


class ThermostatController:
    def __init__(self, settings: ControlSettings | None = None, record: Record | None = None) -> None:
        self.settings = settings or ControlSettings()
        self.record = record
        self.outputs = Outputs()
        self._changed_at: dict[str, float] | None = None
        """Output → when it last switched; set at the first update, when the relays are
        known to be off (the driver opens them off)."""
        self.fault: str | None = None

    def _since(self, output: str, now: float) -> float:
        if self._changed_at is None:
            self._changed_at = {"heat": now, "cool": now}  # just switched off: start-up rests too
        return now - self._changed_at.get(output, -math.inf)

    def update(self, snapshot: dict[str, Any], reading: float | None, read_at: float | None,
               now: float) -> Outputs:
        """Decide the relay outputs for ``snapshot`` given the latest reading."""
        s = self.settings
        mode = snapshot.get("state", "off")
        fault = self._check_sensor(reading, read_at, now)
        if fault:
            return self._set(Outputs(fan=snapshot.get("fan") == "on"), now, f"failsafe: {fault}", fault=fault)
        if self.fault:
            self.fault = None
        assert reading is not None
        setpoint = min(s.max_setpoint, max(s.min_setpoint, float(snapshot.get("setpoint", s.min_setpoint))))
        heat, cool = self.outputs.heat, self.outputs.cool
        why = ""
        if mode != "heat" and heat and (mode == "off" or self._since("heat", now) >= s.min_on):
            heat, why = False, f"heating stopped: mode is {mode}"
        if mode != "cool" and cool and (mode == "off" or self._since("cool", now) >= s.min_on):
            cool, why = False, f"cooling stopped: mode is {mode}"
        if mode == "heat":
            heat, why = self._decide("heat", heat, reading < setpoint - s.hysteresis, reading >= setpoint,
                                     now, why, f"the room is {reading:g}°F, below the {setpoint:g}°F setpoint",
                                     f"the room reached {reading:g}°F, at or above the {setpoint:g}°F setpoint")
        elif mode == "cool":
            cool, why = self._decide("cool", cool, reading > setpoint + s.hysteresis, reading <= setpoint,
                                     now, why, f"the room is {reading:g}°F, above the {setpoint:g}°F setpoint",
                                     f"the room reached {reading:g}°F, at or below the {setpoint:g}°F setpoint")
        if heat and cool:  # interlock: cannot happen by the rules above; never let it out
            heat = cool = False
            why = "interlock: heat and cool were both requested"
        fan = snapshot.get("fan") == "on" or heat or cool
        return self._set(Outputs(heat, cool, fan), now, why)

    def _decide(self, output: str, is_on: bool, start: bool, stop: bool, now: float, why: str,
                start_why: str, stop_why: str) -> tuple[bool, str]:
        s = self.settings
        if not is_on and start:
            other = "cool" if output == "heat" else "heat"
            if getattr(self.outputs, other):
                return False, why
            if min(self._since(output, now), self._since(other, now)) < s.min_off:
                return False, why  # short-cycle protection: not yet (after either one stopped)
            return True, f"{'heating' if output == 'heat' else 'cooling'} started: {start_why}"
        if is_on and stop:
            if self._since(output, now) < s.min_on:
                return True, why  # short-cycle protection: keep running
            return False, f"{'heating' if output == 'heat' else 'cooling'} stopped: {stop_why}"
        return is_on, why

    def _check_sensor(self, reading: float | None, read_at: float | None, now: float) -> str | None:
        s = self.settings
        if reading is None or read_at is None:
            return "no temperature reading"
        if isinstance(reading, bool) or not isinstance(reading, (int, float)) or math.isnan(reading):
            return f"temperature reading {reading!r} is not a number"
        # The same fault reads the same each tick, so it is recorded once, not every tick.
        if now - read_at > s.stale_after:
            return f"no fresh temperature reading for over {s.stale_after:g} s"
        if not s.plausible_min <= reading <= s.plausible_max:
            return f"the temperature reading is implausible (outside {s.plausible_min:g}–{s.plausible_max:g}°F)"
        return None

    def _set(self, outputs: Outputs, now: float, why: str, fault: str | None = None) -> Outputs:
        before = self.outputs
        self._since("heat", now)  # the start-up rest begins at the first update
        assert self._changed_at is not None
        for name in ("heat", "cool", "fan"):
            if getattr(before, name) != getattr(outputs, name):
                self._changed_at[name] = now
        self.outputs = outputs
        new_fault = fault is not None and fault != self.fault
        self.fault = fault
        if self.record and (before.action != outputs.action or new_fault):
            self.record(outputs.action, why or f"{outputs.action}")
        return outputs
