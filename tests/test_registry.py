"""Device registry files are validated with readable errors."""

import re

import pytest

from thoughtful.errors import ConfigError
from thoughtful.state.registry import load_home_config


def refused(models, path, text: str, match: str) -> None:
    """Write ``text`` as the home file at ``path``: loading it must fail with ``match``."""
    path.write_text(text)
    with pytest.raises(ConfigError, match=match):
        load_home_config(path, models)


def test_unknown_type_and_duplicate_names(models, tmp_path):
    path = tmp_path / "home.yaml"
    refused(models, path, "devices:\n  - {name: lamp, type: toaster}\n",
            r"devices\[0\].type \(line 2\): unknown device type 'toaster'")
    refused(models, path, "devices:\n  - {name: lamp, type: lamp}\n  - {name: Lamp, type: lamp}\n", "used twice")


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
    refused(models, path, "devices:\n  - {name: x, type: lamp, driver: {kind: gpio}}\n",
            r"devices\[0\].driver.gpio.pins")


@pytest.mark.parametrize("names, problem", [
    (["desk lamp", "Desk_Lamp!"], "'Desk_Lamp!' and 'desk lamp' make the same MQTT topic 'desk_lamp'"),
    (["desk lamp", "desk-lamp"], "same MQTT topic 'desk_lamp'"),
    (["command"], "the daemon's own MQTT topic 'command'"),
    (["Availability"], "own MQTT topic 'availability'"),
    (["  !! "], "has no letter or digit"),
])
def test_names_that_would_share_or_steal_a_topic_are_refused(models, tmp_path, names, problem):
    """One message must never drive two lamps, and no lamp may overwrite the daemon's own topics."""
    path = tmp_path / "home.yaml"
    refused(models, path, "devices:\n" + "".join(f"  - {{name: '{n}', type: lamp}}\n" for n in names),
            re.escape(problem))


def test_reserved_names_are_the_daemons_own_topics():
    from thoughtful.integrations.homeassistant import Topics
    from thoughtful.state.registry import RESERVED_SLUGS

    topics = Topics("thoughtful", "node")
    own = {getattr(topics, a).removeprefix(topics.root + "/") for a in vars(topics)
           if isinstance(getattr(topics, a), str) and getattr(topics, a).startswith(topics.root + "/")}
    assert {t.split("/")[0] for t in own} == RESERVED_SLUGS


def test_discovery_payloads_match_the_golden_file(models):
    """The Home Assistant discovery configs of the embedded default home, exactly: any change
    to what Home Assistant is told shows up here (regenerate the file only on purpose)."""
    import json
    from pathlib import Path

    from thoughtful import __version__
    from thoughtful.integrations.homeassistant import Topics, discovery_payloads
    from thoughtful.settings import builtin_home_file
    from thoughtful.state.home import Home

    home = Home.from_config(load_home_config(builtin_home_file(), models), models)
    payloads = discovery_payloads(Topics("thoughtful", "pi1"), list(home.devices.values()), None)
    golden = (Path(__file__).parent / "golden" / "discovery-default-home.json").read_text()
    assert json.loads(json.dumps(payloads)) == json.loads(golden.replace('"0.1.0"', json.dumps(__version__)))


@pytest.mark.parametrize("step, problem", [
    ("{device: porch lamp, state: 'off'}", "no device named 'porch lamp'"),
    ("{type: lamp, goal: sauna}", "the lamp has no goal 'sauna'"),
    ("{room: attic, state: 'off'}", "no device is in the room 'attic'"),
    ("{type: thermostat, set: {brightness: 20}}", "the thermostat has no setting brightness"),
    ("{type: lamp}", "a step needs a state, settings (set) or a goal"),
])
def test_routines_that_name_nothing_are_refused(models, tmp_path, step, problem):
    path = tmp_path / "home.yaml"
    home = "devices:\n  - {name: lamp, type: lamp, room: den}\n  - {name: thermostat, type: thermostat}\n"
    refused(models, path, home + f"routines:\n  night:\n    phrases: [good night]\n    do:\n      - {step}\n",
            re.escape(problem))


def test_errors_name_the_line(models, tmp_path):
    path = tmp_path / "home.yaml"
    refused(models, path, "devices:\n  - name: lamp\n    type: lamp\n  - name: desk\n    type: lamp\n    colour: red\n",
            r"devices\[1\]\.colour \(line 6\): Extra inputs")
    gpio = "devices:\n  - name: lamp\n    type: lamp\n    driver: {kind: gpio, pins: {pwm: 18, red: 17}}\n"
    refused(models, path, gpio, r"devices\[0\]\.driver\.pins \(line 4\): lamp pins")
