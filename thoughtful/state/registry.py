"""The device registry: which devices a home has, where they are and how they are driven."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from thoughtful.errors import ConfigError
from thoughtful.state.schema import StateModel
from thoughtful.yamlfile import load_yaml_model


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SimulatedDriver(_Strict):
    kind: Literal["simulated"] = "simulated"


class GpioDriver(_Strict):
    """GPIO pins (BCM numbering) for a lamp or a thermostat's relays."""

    kind: Literal["gpio"]
    pins: dict[str, int | str]
    """Role → pin, e.g. ``{pwm: 18}``, ``{red: 17, green: 27, blue: 22}``, ``{heat: 5, cool: 6, fan: 13}``."""
    active_high: bool = True


class MqttDriver(_Strict):
    kind: Literal["mqtt"]
    protocol: Literal["zigbee2mqtt", "tasmota", "json"] = "json"
    command_topic: str
    state_topic: str | None = None


DriverConfig = Annotated[Union[SimulatedDriver, GpioDriver, MqttDriver], Field(discriminator="kind")]


class DeviceConfig(_Strict):
    name: str = Field(min_length=1)
    type: str
    room: str = ""
    driver: DriverConfig = Field(default_factory=SimulatedDriver)


class Units(_Strict):
    temperature: Literal["F", "C"] = "F"


class HomeConfig(_Strict):
    units: Units = Field(default_factory=Units)
    devices: list[DeviceConfig]

    @model_validator(mode="after")
    def _unique_names(self) -> "HomeConfig":
        seen: set[str] = set()
        for d in self.devices:
            key = d.name.lower()
            if key in seen:
                raise ValueError(f"device name {d.name!r} is used twice")
            seen.add(key)
        return self


def load_home_config(path: Path, models: dict[str, StateModel]) -> HomeConfig:
    config = load_yaml_model(path, HomeConfig)
    for i, device in enumerate(config.devices):
        if device.type not in models:
            raise ConfigError(f"{path}: invalid\n  at devices[{i}].type: unknown device type "
                              f"{device.type!r} (state models: {', '.join(sorted(models))})")
    return config
