"""How a device is wired: the ``driver`` section of a device's configuration, with the rules
that can be checked before any hardware is touched (pin roles, control limits).

It sits in the state layer, below the drivers, so ``thoughtful check`` and the registry
validate a home without importing a driver, and every driver reads its settings from here.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

LAMP_MODES = ({"relay"}, {"pwm"}, {"warm", "cool"}, {"red", "green", "blue"})
THERMOSTAT_ROLES = {"heat", "cool", "fan"}


def pin_problem(role: str, roles: set[str]) -> str | None:
    """What is wrong with a set of pin roles for a device of a role (``climate``, or anything
    driven like a lamp), or None (also used by the configuration check, so ``check`` and ``run``
    agree)."""
    if role == "climate":
        if roles - THERMOSTAT_ROLES or not roles & {"heat", "cool"}:
            return f"thermostat pins {sorted(roles)}: expected heat and/or cool, and optionally fan"
        return None
    if roles not in LAMP_MODES:
        return f"lamp pins {sorted(roles)}: expected one of " + "; ".join("+".join(sorted(m)) for m in LAMP_MODES)
    return None


class ControlSettings(BaseModel):
    """A thermostat's control limits (the rules are in :mod:`thoughtful.drivers.control`)."""

    model_config = ConfigDict(extra="forbid")
    hysteresis: float = Field(default=1.0, ge=0, le=10)
    """°F below (heat) or above (cool) the setpoint before the output starts."""
    min_on: float = Field(default=180.0, ge=0, le=3600)
    min_off: float = Field(default=300.0, ge=0, le=3600)
    min_setpoint: float = 50.0
    max_setpoint: float = 90.0
    stale_after: float = Field(default=300.0, gt=0, le=3600)
    """Seconds without a fresh reading before the failsafe trips."""
    plausible_min: float = 20.0
    plausible_max: float = 120.0

    @model_validator(mode="after")
    def _ordered(self) -> "ControlSettings":
        if self.min_setpoint >= self.max_setpoint:
            raise ValueError(f"min_setpoint ({self.min_setpoint:g}) must be below max_setpoint ({self.max_setpoint:g})")
        if self.plausible_min >= self.plausible_max:
            raise ValueError(f"plausible_min ({self.plausible_min:g}) must be below plausible_max "
                             f"({self.plausible_max:g})")
        if not all(math.isfinite(v) for v in self.model_dump().values()):
            raise ValueError("every control setting must be a finite number")
        return self


class Strict(BaseModel):
    """A configuration section that refuses keys it does not know (a typo is an error)."""

    model_config = ConfigDict(extra="forbid")


class SimulatedDriver(Strict):
    """No hardware: a lamp that remembers, a thermostat with a simulated room."""

    kind: Literal["simulated"] = "simulated"
    control: ControlSettings = Field(default_factory=ControlSettings)
    outside_temperature: float = 45.0
    """°F the simulated room drifts toward."""


class Ds18b20Sensor(Strict):
    kind: Literal["ds18b20"]
    path: Path
    """The sensor's ``w1_slave`` file, e.g. ``/sys/bus/w1/devices/28-0316a2795fff/w1_slave``."""


class MqttSensor(Strict):
    kind: Literal["mqtt"]
    topic: str
    """A topic carrying the temperature: a bare number, or JSON with ``temperature``."""
    unit: Literal["F", "C"] = "C"


SensorConfig = Annotated[Union[Ds18b20Sensor, MqttSensor], Field(discriminator="kind")]


class GpioDriver(Strict):
    """GPIO pins (BCM numbering) for a lamp or a thermostat's relays."""

    kind: Literal["gpio"]
    pins: dict[str, int | str]
    """Role → pin. Lamps: ``{relay}``, ``{pwm}``, ``{warm, cool}`` or ``{red, green, blue}``;
    thermostats: ``{heat, cool, fan}``."""
    active_high: bool = True
    sensor: SensorConfig | None = None
    """A thermostat's temperature sensor."""
    control: ControlSettings = Field(default_factory=ControlSettings)


class MqttDriver(Strict):
    """A device that already speaks MQTT."""

    kind: Literal["mqtt"]
    protocol: Literal["zigbee2mqtt", "tasmota", "json"] = "json"
    topic: str
    """Zigbee2MQTT: the device topic (``zigbee2mqtt/Desk Lamp``); Tasmota: its topic
    (``tasmota_5A1B2C``); json: the state topic (commands go to ``<topic>/set``)."""


DriverConfig = Annotated[Union[SimulatedDriver, GpioDriver, MqttDriver], Field(discriminator="kind")]
