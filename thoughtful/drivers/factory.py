"""Building each device's driver from its registry entry."""

from __future__ import annotations

import json
from typing import Any

from thoughtful.drivers.base import Driver
from thoughtful.drivers.control import Record
from thoughtful.drivers.gpio import GpioLamp, GpioThermostat
from thoughtful.drivers.mqtt import CODECS, MqttDevice
from thoughtful.drivers.sensors import DS18B20, PushedReading
from thoughtful.drivers.simulated import RoomModel, SimulatedLamp, SimulatedThermostat
from thoughtful.errors import ConfigError
from thoughtful.state.registry import DeviceConfig
from thoughtful.state.schema import StateModel
from thoughtful.state.values import c_to_f
from thoughtful.state.wiring import Ds18b20Sensor, GpioDriver, MqttDriver, MqttSensor
from thoughtful.transport.mqtt import parsing


def make_driver(config: DeviceConfig, model: StateModel, *, connection=None, record: Record | None = None,
                pin_factory=None, room_temperature: float = 68.0) -> Driver:
    """The driver for one device, by its type's role: a climate device gets the control loop;
    every other type is driven like a lamp (on/off, brightness, colour, whichever it has)."""
    driver = config.driver
    thermostat = model.role == "climate"
    if isinstance(driver, MqttDriver):
        if connection is None:
            raise ConfigError(f"device {config.name!r} uses MQTT, but no mqtt section is configured")
        return MqttDevice(CODECS[driver.protocol](driver.topic), connection)
    if isinstance(driver, GpioDriver):
        try:
            if thermostat:
                assert driver.sensor is not None, "checked by the registry (DeviceConfig.problem_with)"
                sensor = make_sensor(config.name, driver.sensor, connection)
                return GpioThermostat(driver.pins, sensor, driver.active_high, driver.control, record, pin_factory)
            return GpioLamp(driver.pins, driver.active_high, pin_factory)
        except ConfigError:
            raise
        except Exception as exc:  # gpiozero raises many kinds when there is no GPIO
            raise ConfigError(f"device {config.name!r}: cannot open GPIO pins {driver.pins}: {exc}") from exc
    if thermostat:
        room = RoomModel(temperature=room_temperature, outside=driver.outside_temperature)
        return SimulatedThermostat(room, driver.control, record)
    return SimulatedLamp()


def make_sensor(name: str, config, connection):
    if isinstance(config, Ds18b20Sensor):
        return DS18B20(config.path)
    assert isinstance(config, MqttSensor)
    if connection is None:
        raise ConfigError(f"device {name!r}: an MQTT sensor needs the mqtt section configured")
    reading = PushedReading()
    connection.subscribe(config.topic, parsing(
        parse_temperature, lambda value: reading.push(c_to_f(value) if config.unit == "C" else value)))
    return reading


def parse_temperature(payload: bytes) -> float:
    """A bare number, or JSON with ``temperature``."""
    try:
        data: Any = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"not a number or JSON: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("temperature")
    if isinstance(data, bool) or not isinstance(data, (int, float)):
        raise ValueError(f"no numeric temperature in {data!r}")
    return float(data)
