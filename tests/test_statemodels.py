"""State-model files: the built-in ones are valid; broken ones fail with file and path."""

from pathlib import Path

import pytest

from thoughtful.errors import ConfigError
from thoughtful.state.schema import load_state_model, load_state_models

FAN = """
type: fan
settings:
  speed: {kind: integer, min: 1, max: 3, step: 1, default: 1}
states:
  "off": {}
  "on": {settings: [speed]}
transitions:
  - {from: "off", to: "on"}
  - {from: "on", to: "off"}
language:
  names: [fan, ceiling fan]
"""


def test_builtin_models_match_the_contract(models):
    lamp, thermostat = models["lamp"], models["thermostat"]
    assert set(lamp.states) == {"on", "off"}
    assert lamp.settings["brightness"].min == 1 and lamp.settings["brightness"].max == 100
    assert (lamp.settings["color_temp"].min, lamp.settings["color_temp"].max) == (2200, 6500)
    assert lamp.states["on"].one_of == [["color_temp", "color"]]
    assert set(thermostat.states) == {"heat", "cool", "off"}
    assert (thermostat.settings["setpoint"].min, thermostat.settings["setpoint"].max) == (50, 90)
    assert thermostat.settings["fan"].values == ["auto", "on"]
    assert "room_temperature" in thermostat.sensors


def test_a_new_type_is_yaml_alone(tmp_path: Path):
    (tmp_path / "fan.yaml").write_text(FAN)
    models = load_state_models([tmp_path])
    assert models["fan"].settings["speed"].max == 3


@pytest.mark.parametrize("mutation, where", [
    (("speed: {kind: integer,", "speed: {kind: integr,"), "settings.speed.kind"),
    (('"on": {settings: [speed]}', '"on": {settings: [sped]}'), "unknown setting 'sped'"),
    (('- {from: "off", to: "on"}', '- {from: "off", to: "spinning"}'), "transitions[0] names unknown state 'spinning'"),
    (("min: 1, max: 3", "min: 5, max: 3"), "min 5.0 is above max 3.0"),
    (("names: [fan, ceiling fan]", "nams: [fan]"), "language.nams"),
])
def test_broken_yaml_names_file_and_path(tmp_path: Path, mutation, where):
    old, new = mutation
    assert old in FAN
    path = tmp_path / "fan.yaml"
    path.write_text(FAN.replace(old, new))
    with pytest.raises(ConfigError) as err:
        load_state_model(path)
    assert str(path) in str(err.value)
    assert where in str(err.value)


def test_unparseable_yaml_gives_line(tmp_path: Path):
    path = tmp_path / "fan.yaml"
    path.write_text("type: fan\nstates: [unclosed\n")
    with pytest.raises(ConfigError, match=r"fan.yaml: line \d+, column \d+: not valid YAML"):
        load_state_model(path)


def test_type_must_match_file_name(tmp_path: Path):
    path = tmp_path / "plug.yaml"
    path.write_text(FAN)
    with pytest.raises(ConfigError, match="must match the file name"):
        load_state_model(path)
