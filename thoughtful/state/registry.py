"""The device registry: which devices a home has, where they are and how they are driven."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator

from thoughtful.errors import ConfigError
from thoughtful.state.schema import StateModel
from thoughtful.state.wiring import DriverConfig, GpioDriver, SimulatedDriver, Strict, pin_problem
from thoughtful.yamlfile import format_location, line_of, load_yaml_model

RESERVED_SLUGS = {"availability", "explanation", "utterance", "command", "response", "diagnostics"}
"""The daemon's own MQTT topics, which sit beside the devices' (see
:class:`thoughtful.integrations.homeassistant.Topics`): no device may be called that."""


def slug(name: str) -> str:
    """A device's name in MQTT topics and Home Assistant ids: "Desk Lamp!" → ``desk_lamp``."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "device"


class DeviceConfig(Strict):
    name: str = Field(min_length=1)
    type: str
    room: str = ""
    driver: DriverConfig = Field(default_factory=SimulatedDriver)

    def problem_with(self, model: StateModel) -> tuple[str, str] | None:
        """(the driver key, what is wrong) when this device's driver is unfit for its type."""
        if isinstance(self.driver, GpioDriver):
            problem = pin_problem(model.role, set(self.driver.pins))
            if problem:
                return "pins", problem
            if model.role == "climate" and self.driver.sensor is None:
                return "sensor", "a GPIO thermostat needs a temperature sensor"
        return None


class RoutineStep(Strict):
    """What one step of a routine does, and to which devices: those named by ``device``, in
    ``room``, or of ``type`` (all three may narrow it; none means every device the step fits).
    It sets a ``state`` and settings (``set``), or pursues one of the type's ``goal``s."""

    device: str | None = None
    room: str | None = None
    type: str | None = None
    state: str | None = None
    set: dict[str, Any] = {}
    goal: str | None = None

    @model_validator(mode="after")
    def _does_something(self) -> "RoutineStep":
        if self.goal is not None and (self.state is not None or self.set):
            raise ValueError("a step pursues a goal or sets a state and settings, not both")
        if self.goal is None and self.state is None and not self.set:
            raise ValueError("a step needs a state, settings (set) or a goal")
        return self

    def fits(self, name: str, room: str, device_type: str) -> bool:
        """Whether the step acts on a device with this name, room and type."""
        return self.device in (None, name) and self.room in (None, room) and self.type in (None, device_type)


class Routine(Strict):
    """Several changes said with one phrase ("good night", "movie time")."""

    phrases: list[str] = Field(min_length=1)
    do: list[RoutineStep] = Field(min_length=1)
    why: str = ""
    """Said after what was done ("lights out for the night")."""


class Units(Strict):
    temperature: Literal["F", "C"] = "F"


class HomeConfig(Strict):
    units: Units = Field(default_factory=Units)
    devices: list[DeviceConfig]
    routines: dict[str, Routine] = {}
    """The home's own routines, by name; a routine's phrase is matched as the whole request."""

    @model_validator(mode="after")
    def _unique_names(self) -> "HomeConfig":
        """Every name is spoken and becomes an MQTT topic: it must be said with a word, and two
        names that make the same topic ("desk lamp", "Desk-Lamp!") would drive each other."""
        seen: dict[str, str] = {}
        for d in self.devices:
            if not re.search(r"[a-z0-9]", d.name.lower()):
                raise ValueError(f"device name {d.name!r} has no letter or digit to say or to use as a topic")
            key = slug(d.name)
            if key in RESERVED_SLUGS:
                raise ValueError(f"device name {d.name!r} is the daemon's own MQTT topic {key!r}; rename it")
            if key in seen:
                same = "is used twice" if seen[key].lower() == d.name.lower() else \
                    f"and {seen[key]!r} make the same MQTT topic {key!r}"
                raise ValueError(f"device name {d.name!r} {same}")
            seen[key] = d.name
        return self


def _step_problem(step: RoutineStep, config: HomeConfig, models: dict[str, StateModel]) -> str | None:
    """What in a routine step names nothing in this home or its state models."""
    names = {d.name for d in config.devices}
    if step.device is not None and step.device not in names:
        return f"no device named {step.device!r} (devices: {', '.join(sorted(names))})"
    if step.room is not None and step.room not in {d.room for d in config.devices}:
        return f"no device is in the room {step.room!r}"
    if step.type is not None and step.type not in models:
        return f"unknown device type {step.type!r}"
    types = {d.type for d in config.devices if step.fits(d.name, d.room, d.type)}
    if not types:
        return "no device fits all of device, room and type"
    for t in types:
        model = models[t]
        if step.goal is not None and step.goal not in model.language.goals:
            return f"the {t} has no goal {step.goal!r} (goals: {', '.join(model.language.goals)})"
        if step.state is not None and step.state not in model.states:
            return f"the {t} has no state {step.state!r}"
        unknown = set(step.set) - set(model.settings)
        if unknown:
            return f"the {t} has no setting {', '.join(sorted(unknown))}"
    return None


def load_home_config(path: Path, models: dict[str, StateModel]) -> HomeConfig:
    text = path.read_text(encoding="utf-8") if path.is_file() else None
    config = load_yaml_model(path, HomeConfig, text=text)

    def invalid(loc: tuple, problem: str) -> ConfigError:
        line = line_of(text, loc) if text is not None else None
        return ConfigError(f"{path}: invalid\n  at {format_location(loc)}{f' (line {line})' if line else ''}: {problem}")

    for i, device in enumerate(config.devices):
        if device.type not in models:
            raise invalid(("devices", i, "type"), f"unknown device type {device.type!r} "
                                                  f"(state models: {', '.join(sorted(models))})")
        problem = device.problem_with(models[device.type])
        if problem:
            raise invalid(("devices", i, "driver", problem[0]), problem[1])
    for name, routine in config.routines.items():
        for i, step in enumerate(routine.do):
            problem = _step_problem(step, config, models)
            if problem:
                raise invalid(("routines", name, "do", i), problem)
    return config
