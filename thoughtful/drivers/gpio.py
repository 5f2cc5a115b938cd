"""GPIO devices through gpiozero. The pin factory is injected (a mock one in tests).

A lamp's mode follows the pins its configuration names:

- ``relay``: on/off through an :class:`~gpiozero.OutputDevice` (``active_high: false`` for
  active-low relay boards);
- ``pwm``: a dimmable :class:`~gpiozero.PWMLED`;
- ``warm`` + ``cool``: two PWM channels of warm and cool white (colour temperature);
- ``red`` + ``green`` + ``blue``: an :class:`~gpiozero.RGBLED` (colour, and white approximated).

A thermostat drives ``heat``, ``cool`` and ``fan`` relays from the control loop.
"""

from __future__ import annotations

from typing import Any, Callable

from thoughtful.drivers.base import Driver
from thoughtful.drivers.color import hs_to_rgb, kelvin_to_rgb, warm_cool_mix
from thoughtful.drivers.control import Outputs, Record, ThermostatController
from thoughtful.errors import ConfigError
from thoughtful.state.wiring import ControlSettings, pin_problem


class GpioLamp(Driver):
    def __init__(self, pins: dict[str, Any], active_high: bool = True, pin_factory=None) -> None:
        from gpiozero import PWMLED, RGBLED, OutputDevice

        super().__init__()
        roles = set(pins)
        problem = pin_problem("lamp", roles)
        if problem:
            raise ConfigError(problem)
        self.roles = roles
        kw = {"active_high": active_high, "pin_factory": pin_factory}
        self.devices: list[Any] = []
        if roles == {"relay"}:
            self.relay = OutputDevice(pins["relay"], **kw)
            self.devices = [self.relay]
        elif roles == {"pwm"}:
            self.led = PWMLED(pins["pwm"], **kw)
            self.devices = [self.led]
        elif roles == {"warm", "cool"}:
            self.warm, self.cool = PWMLED(pins["warm"], **kw), PWMLED(pins["cool"], **kw)
            self.devices = [self.warm, self.cool]
        else:
            self.rgb = RGBLED(pins["red"], pins["green"], pins["blue"], **kw)
            self.devices = [self.rgb]

    def apply(self, snapshot: dict[str, Any]) -> None:
        on = snapshot.get("state") == "on"
        level = snapshot.get("brightness", 100) / 100 if on else 0.0
        if self.roles == {"relay"}:
            self.relay.value = on
        elif self.roles == {"pwm"}:
            self.led.value = level
        elif self.roles == {"warm", "cool"}:
            warm, cool = warm_cool_mix(snapshot.get("color_temp", 2700), level)
            self.warm.value, self.cool.value = warm, cool
        elif "color" in snapshot:
            self.rgb.value = hs_to_rgb(snapshot["color"]["hue"], snapshot["color"]["saturation"], level)
        else:
            self.rgb.value = kelvin_to_rgb(snapshot.get("color_temp", 4000), level)

    def close(self) -> None:
        for device in self.devices:
            device.close()


SensorRead = Callable[[], tuple[float | None, float | None]]
"""Returns (temperature °F, monotonic time it was read), either None when unknown."""


class GpioThermostat(Driver):
    """Heat, cool and fan relays run by the control loop from a temperature sensor."""

    def __init__(self, pins: dict[str, Any], sensor: SensorRead, active_high: bool = True,
                 control: ControlSettings | None = None, record: Record | None = None, pin_factory=None) -> None:
        from gpiozero import OutputDevice

        super().__init__()
        problem = pin_problem("climate", set(pins))
        if problem:
            raise ConfigError(problem)
        self.relays = {role: OutputDevice(pin, active_high=active_high, initial_value=False,
                                          pin_factory=pin_factory) for role, pin in pins.items()}
        self.sensor = sensor
        self.reading: float | None = None
        self.controller = ThermostatController(control, record)
        self.snapshot: dict[str, Any] = {"state": "off", "fan": "auto"}

    def unavailable_states(self) -> dict[str, str]:
        return {mode: f"no {mode} relay is wired" for mode in ("heat", "cool") if mode not in self.relays}

    def apply(self, snapshot: dict[str, Any]) -> None:
        self.snapshot = dict(snapshot)

    def read(self) -> dict[str, Any]:
        """The reading the last :meth:`tick` took (the sensor is read once per tick)."""
        return {} if self.reading is None else {"room_temperature": round(self.reading, 1)}

    def tick(self, now: float) -> None:
        self.reading, read_at = self.sensor()
        snapshot = self.snapshot  # a mode with no relay runs nothing, and says so: idle
        if snapshot.get("state") in self.unavailable_states():
            snapshot = {**snapshot, "state": "off"}
        self._drive(self.controller.update(snapshot, self.reading, read_at, now))

    def _drive(self, outputs: Outputs) -> None:
        # Off before on, so the interlock holds even between two writes.
        for role in sorted(self.relays, key=lambda r: getattr(outputs, r)):
            self.relays[role].value = getattr(outputs, role)

    def close(self) -> None:
        self._drive(Outputs())
        for relay in self.relays.values():
            relay.close()
