"""GPIO drivers on gpiozero's mock pin factory: pin values for every lamp mode and the relays."""

import pytest
from gpiozero.pins.mock import MockFactory, MockPWMPin

from thoughtful.drivers.gpio import GpioLamp, GpioThermostat
from thoughtful.drivers.sensors import PushedReading, parse_w1_slave
from thoughtful.errors import ConfigError
from thoughtful.state.wiring import ControlSettings


@pytest.fixture
def factory():
    f = MockFactory(pin_class=MockPWMPin)
    yield f
    f.reset()


def test_pwm_lamp(factory):
    lamp = GpioLamp({"pwm": 18}, pin_factory=factory)
    lamp.apply({"state": "on", "brightness": 40, "color_temp": 3000})
    assert factory.pin(18).state == pytest.approx(0.4)
    lamp.apply({"state": "off"})
    assert factory.pin(18).state == 0


def test_relay_lamp_active_low(factory):
    lamp = GpioLamp({"relay": 17}, active_high=False, pin_factory=factory)
    lamp.apply({"state": "on", "brightness": 40, "color_temp": 3000})
    assert factory.pin(17).state == 0  # active low: on is a low pin
    lamp.apply({"state": "off"})
    assert factory.pin(17).state == 1


def test_warm_cool_white(factory):
    lamp = GpioLamp({"warm": 12, "cool": 13}, pin_factory=factory)
    lamp.apply({"state": "on", "brightness": 100, "color_temp": 2200})
    assert (factory.pin(12).state, factory.pin(13).state) == (pytest.approx(1.0), pytest.approx(0.0))
    lamp.apply({"state": "on", "brightness": 50, "color_temp": 4350})
    assert factory.pin(12).state == pytest.approx(0.25) and factory.pin(13).state == pytest.approx(0.25)


def test_rgb_colour_and_white(factory):
    lamp = GpioLamp({"red": 17, "green": 27, "blue": 22}, pin_factory=factory)
    lamp.apply({"state": "on", "brightness": 100, "color": {"hue": 120, "saturation": 100}})
    assert [factory.pin(p).state for p in (17, 27, 22)] == [pytest.approx(0), pytest.approx(1), pytest.approx(0)]
    lamp.apply({"state": "on", "brightness": 50, "color": {"hue": 0, "saturation": 100}})
    assert [factory.pin(p).state for p in (17, 27, 22)] == [pytest.approx(0.5), pytest.approx(0), pytest.approx(0)]
    lamp.apply({"state": "on", "brightness": 100, "color_temp": 2200})
    r, g, b = (factory.pin(p).state for p in (17, 27, 22))
    assert r == pytest.approx(1) and r > g > b, "warm white is red-heavy"
    lamp.apply({"state": "off"})
    assert [factory.pin(p).state for p in (17, 27, 22)] == [0, 0, 0]


def test_bad_pin_roles(factory):
    with pytest.raises(ConfigError, match="expected one of"):
        GpioLamp({"pwm": 18, "red": 17}, pin_factory=factory)
    with pytest.raises(ConfigError, match="heat and/or cool"):
        GpioThermostat({"fan": 5}, sensor=PushedReading(), pin_factory=factory)


def test_thermostat_relays_follow_the_loop(factory):
    clock = [0.0]
    sensor = PushedReading(clock=lambda: clock[0])
    stat = GpioThermostat({"heat": 5, "cool": 6, "fan": 13}, sensor=sensor, pin_factory=factory,
                          control=ControlSettings(min_on=0, min_off=0))
    stat.apply({"state": "heat", "setpoint": 68, "fan": "auto"})
    sensor.push(60)
    stat.tick(0)
    assert (factory.pin(5).state, factory.pin(6).state, factory.pin(13).state) == (1, 0, 1)
    clock[0] = 1000
    stat.tick(1000)  # the reading is now stale: failsafe
    assert (factory.pin(5).state, factory.pin(6).state) == (0, 0)
    assert "no fresh temperature reading" in stat.controller.fault
    stat.close()


def test_ds18b20_parsing():
    good = "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n"
    assert parse_w1_slave(good) == pytest.approx(73.625)
    with pytest.raises(ValueError, match="CRC"):
        parse_w1_slave(good.replace("YES", "NO"))
    with pytest.raises(ValueError, match="85"):
        parse_w1_slave(good.replace("t=23125", "t=85000"))


def test_a_missing_sensor_is_reported_once_and_its_return_once(tmp_path, caplog):
    from thoughtful.drivers.sensors import DS18B20

    path = tmp_path / "w1_slave"
    sensor = DS18B20(path, clock=lambda: 1.0)
    for _ in range(1000):  # a sensor gone for 1000 ticks
        assert sensor() == (None, None)
    path.write_text("72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n")
    assert sensor()[0] == pytest.approx(73.625)
    said = [r.getMessage() for r in caplog.records if str(path) in r.getMessage()]
    assert len(said) == 2 and "cannot read" in said[0] and "readable again" in said[1], said


def test_a_heat_only_thermostat_never_claims_to_cool(factory, tmp_path, model_dir):
    """No cool relay: "cool" is refused with the reason, a saved "cool" comes back off, and
    Home Assistant is not offered the mode."""
    import json

    from thoughtful.daemon import Daemon
    from thoughtful.errors import StateError
    from thoughtful.integrations.homeassistant import climate_config
    from thoughtful.settings import Settings
    from thoughtful.state.device import Change

    sensor_file = tmp_path / "w1_slave"
    sensor_file.write_text("72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n")
    home = tmp_path / "home.yaml"
    home.write_text("devices:\n  - name: heater\n    type: thermostat\n    driver: {kind: gpio, pins: {heat: 5, fan: 13},"
                    f" sensor: {{kind: ds18b20, path: '{sensor_file}'}}}}\n")
    data = tmp_path / "data"
    data.mkdir()
    (data / "state.json").write_text(json.dumps({"devices": {"heater": {"snapshot": {
        "state": "cool", "setpoint": 70, "fan": "auto", "room_temperature": 74}}}}))
    daemon = Daemon(Settings(data_dir=data, home=home, model_dir=model_dir), train_if_needed=False,
                    pin_factory=factory, clock=lambda: 0.0)
    daemon.start()
    heater = daemon.home["heater"]
    assert heater.snapshot["state"] == "off"
    assert "no cool relay" in list(daemon.home.provenance)[-1].why
    with pytest.raises(StateError, match="no cool relay is wired"):
        heater.plan(Change(state="cool"))
    assert heater.plan(Change(set={"setpoint": 60}))[0]["state"] == "heat"  # below the room, but only heat is wired
    assert "cool" not in climate_config(heater, "t", "u")["modes"]
    assert "cool" in daemon.handle_text("turn on the air conditioning").say.lower()
    assert heater.snapshot["state"] == "off"
    daemon.shutdown()
