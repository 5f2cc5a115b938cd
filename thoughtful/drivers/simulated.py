"""Simulated devices: the default when there is no hardware.

The lamp remembers what it was told. The thermostat has a small thermal model
of its room (it drifts toward the outside temperature, rises while heating and
falls while cooling) and runs the real control loop, so the demo and the tests
show real dynamics.
"""

from __future__ import annotations

from typing import Any

from thoughtful.drivers.base import Driver
from thoughtful.drivers.control import Outputs, Record, ThermostatController
from thoughtful.state.wiring import ControlSettings


class SimulatedLamp(Driver):
    def __init__(self) -> None:
        super().__init__()
        self.applied: dict[str, Any] = {"state": "off"}

    def apply(self, snapshot: dict[str, Any]) -> None:
        self.applied = dict(snapshot)


class RoomModel:
    """Newton cooling toward ``outside`` plus heating/cooling power, in °F per hour."""

    def __init__(self, temperature: float = 68.0, outside: float = 45.0, leak_per_hour: float = 0.15,
                 heat_per_hour: float = 6.0, cool_per_hour: float = 6.0) -> None:
        self.temperature = temperature
        self.outside = outside
        self.leak = leak_per_hour
        self.heat = heat_per_hour
        self.cool = cool_per_hour

    def advance(self, seconds: float, outputs: Outputs) -> float:
        hours = seconds / 3600
        change = self.leak * (self.outside - self.temperature)
        change += self.heat if outputs.heat else 0.0
        change -= self.cool if outputs.cool else 0.0
        self.temperature += change * hours
        return self.temperature


class SimulatedThermostat(Driver):
    def __init__(self, room: RoomModel | None = None, control: ControlSettings | None = None,
                 record: Record | None = None) -> None:
        super().__init__()
        self.room = room or RoomModel()
        self.controller = ThermostatController(control, record)
        self.snapshot: dict[str, Any] = {"state": "off", "fan": "auto"}
        self._last: float | None = None

    def apply(self, snapshot: dict[str, Any]) -> None:
        self.snapshot = dict(snapshot)

    def read(self) -> dict[str, Any]:
        return {"room_temperature": round(self.room.temperature, 1)}

    def tick(self, now: float) -> None:
        if self._last is not None:
            self.room.advance(now - self._last, self.controller.outputs)
        self._last = now
        self.controller.update(self.snapshot, self.room.temperature, now, now)

    @property
    def outputs(self) -> Outputs:
        return self.controller.outputs
