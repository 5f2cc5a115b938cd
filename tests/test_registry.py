"""Device registry files are validated with readable errors."""

import pytest

from thoughtful.errors import ConfigError
from thoughtful.state.registry import load_home_config


def test_unknown_type_and_duplicate_names(models, tmp_path):
    path = tmp_path / "home.yaml"
    path.write_text("devices:\n  - {name: lamp, type: toaster}\n")
    with pytest.raises(ConfigError, match=r"devices\[0\].type: unknown device type 'toaster'"):
        load_home_config(path, models)
    path.write_text("devices:\n  - {name: lamp, type: lamp}\n  - {name: Lamp, type: lamp}\n")
    with pytest.raises(ConfigError, match="used twice"):
        load_home_config(path, models)


def test_driver_kinds(models, tmp_path):
    path = tmp_path / "home.yaml"
    path.write_text(
        "units: {temperature: C}\n"
        "devices:\n"
        "  - {name: desk lamp, type: lamp, room: office, driver: {kind: gpio, pins: {pwm: 18}}}\n"
        "  - {name: hall, type: lamp, driver: {kind: mqtt, protocol: zigbee2mqtt, topic: zigbee2mqtt/hall}}\n")
    config = load_home_config(path, models)
    assert config.units.temperature == "C"
    assert config.devices[0].driver.pins == {"pwm": 18}
    assert config.devices[1].driver.topic == "zigbee2mqtt/hall"
    path.write_text("devices:\n  - {name: x, type: lamp, driver: {kind: gpio}}\n")
    with pytest.raises(ConfigError, match=r"devices\[0\].driver.gpio.pins"):
        load_home_config(path, models)
