"""Device runtime: validation, clamping, relative changes, transitions, provenance."""

import pytest

from thoughtful.errors import StateError
from thoughtful.state.device import Change, Device
from thoughtful.state.provenance import ProvenanceLog
from thoughtful.state.schema import Toward


@pytest.fixture
def lamp(models):
    return Device("lamp", models["lamp"], room="living room",
                  snapshot={"state": "on", "brightness": 50, "color_temp": 3500})


@pytest.fixture
def thermostat(models):
    return Device("thermostat", models["thermostat"],
                  snapshot={"state": "heat", "setpoint": 69, "room_temperature": 68, "fan": "auto"})


def test_invalid_snapshots_are_refused(models):
    with pytest.raises(StateError, match="exactly one of color_temp, color"):
        Device("l", models["lamp"], snapshot={"state": "on", "brightness": 5})
    with pytest.raises(StateError, match="brightness not valid in state 'off'"):
        Device("l", models["lamp"], snapshot={"state": "off", "brightness": 5})
    with pytest.raises(StateError, match="unknown state 'dim'"):
        Device("l", models["lamp"], snapshot={"state": "dim"})
    with pytest.raises(StateError, match="out of range"):
        Device("l", models["lamp"], snapshot={"state": "on", "brightness": 500, "color_temp": 3000})


def test_clamping_records_a_note(lamp, thermostat):
    applied = lamp.apply(Change(set={"brightness": 150}), by="voice", why="test")
    assert applied.after["brightness"] == 100
    assert any("150" in n and "100" in n for n in applied.notes)
    applied = thermostat.apply(Change(set={"setpoint": 40}), by="voice", why="test")
    assert applied.after["setpoint"] == 50
    assert applied.notes


def test_relative_changes_and_clamping(lamp, thermostat):
    assert lamp.apply(Change(adjust={"brightness": -10}), by="voice", why="").after["brightness"] == 40
    assert lamp.apply(Change(adjust={"brightness": -100}), by="voice", why="").after["brightness"] == 1
    assert thermostat.apply(Change(adjust={"setpoint": 3}), by="voice", why="").after["setpoint"] == 72


def test_off_then_on_restores_brightness_and_colour(lamp):
    lamp.apply(Change(set={"color": {"hue": 120, "saturation": 100}}), by="voice", why="")
    off = lamp.apply(Change(state="off"), by="voice", why="")
    assert off.after == {"state": "off"}
    on = lamp.apply(Change(state="on"), by="voice", why="")
    assert on.after == {"state": "on", "brightness": 50, "color": {"hue": 120, "saturation": 100}}


def test_one_of_switches_between_white_and_colour(lamp):
    after = lamp.apply(Change(set={"color": {"hue": 275, "saturation": 80}}), by="voice", why="").after
    assert "color_temp" not in after and after["color"]["hue"] == 275
    after = lamp.apply(Change(set={"color_temp": 4000}), by="voice", why="").after
    assert "color" not in after and after["color_temp"] == 4000


def test_setting_an_off_lamp_turns_it_on(models):
    lamp = Device("lamp", models["lamp"], snapshot={"state": "off"})
    after = lamp.apply(Change(set={"brightness": 30}), by="voice", why="").after
    assert after["state"] == "on" and after["brightness"] == 30


def test_thermostat_off_keeps_fan_and_sensor(thermostat):
    after = thermostat.apply(Change(state="off"), by="voice", why="").after
    assert after == {"state": "off", "fan": "auto", "room_temperature": 68}
    after = thermostat.apply(Change(state="cool"), by="voice", why="").after
    assert after["setpoint"] == 69  # remembered, not the cool default


def test_sensors_and_unknown_keys_cannot_be_set(thermostat):
    with pytest.raises(StateError, match="sensor"):
        thermostat.plan(Change(set={"room_temperature": 80}))
    with pytest.raises(StateError, match="unknown setting"):
        thermostat.plan(Change(set={"humidity": 40}))
    with pytest.raises(StateError, match="not one of"):
        thermostat.plan(Change(set={"fan": "turbo"}))


def test_ambiguous_state_for_a_setting_asks(models):
    """With no sensor reading there is nothing to compare with, so it asks."""
    off = Device("t", models["thermostat"], snapshot={"state": "off", "fan": "auto"})
    with pytest.raises(StateError, match="heat, cool"):
        off.plan(Change(set={"setpoint": 70}))


def test_goal_toward(thermostat):
    assert thermostat.plan(Change(set={"setpoint": Toward(toward=70, step=2)}))[0]["setpoint"] == 70
    thermostat.apply(Change(set={"setpoint": 72}), by="voice", why="")
    assert thermostat.plan(Change(set={"setpoint": Toward(toward=70, step=2)}))[0]["setpoint"] == 74
    thermostat.apply(Change(set={"setpoint": 69.8}), by="voice", why="")  # less than half a step short: a step
    assert thermostat.plan(Change(set={"setpoint": Toward(toward=70, step=2)}))[0]["setpoint"] == 71.8


def test_a_comfort_goal_goes_past_the_room_temperature(models):
    """ "I'm too hot" in a 68°F room cools below 68, not to a 74 that would never run; "I'm cold"
    in a 71°F room heats above it."""
    goals = models["thermostat"].language.goals
    room = lambda t: Device("t", models["thermostat"], snapshot={"state": "off", "fan": "auto", "room_temperature": t})
    hot = Change(state="cool", set={"setpoint": goals["too_hot"].effect["setpoint"]})
    cold = Change(state="heat", set={"setpoint": goals["too_cold"].effect["setpoint"]})
    assert room(68).plan(hot)[0]["setpoint"] == 66
    assert room(80).plan(hot)[0]["setpoint"] == 74
    assert room(60).plan(cold)[0]["setpoint"] == 70
    assert room(71).plan(cold)[0]["setpoint"] == 73


def test_a_relative_change_while_off_counts_from_the_room(models):
    """ "Turn it down" on an off thermostat in a 68°F room: cooling to 67, not to the cooling
    default minus one (75, which would never run)."""
    off = Device("t", models["thermostat"], snapshot={"state": "off", "fan": "auto", "room_temperature": 68})
    assert off.plan(Change(adjust={"setpoint": -1}))[0] == {"state": "cool", "setpoint": 67, "fan": "auto",
                                                            "room_temperature": 68}
    assert off.plan(Change(adjust={"setpoint": 2}))[0]["state"] == "heat"
    assert off.plan(Change(adjust={"setpoint": 2}))[0]["setpoint"] == 70


def test_provenance_records_who_what_why(lamp):
    log = ProvenanceLog()
    lamp.apply(Change(adjust={"brightness": -20}), by="home_assistant", why="dimmed in the app", log=log)
    lamp.apply(Change(adjust={"brightness": 0}), by="voice", why="no-op", log=log)
    assert len(log) == 1
    event = log.latest("lamp")
    assert event.changed == {"brightness": 30} and event.from_ == {"brightness": 50}
    assert event.by == "home_assistant" and event.why == "dimmed in the app"
    assert event.to_json()["from"] == {"brightness": 50}


def test_setpoint_while_off_implies_heat_or_cool(models):
    cold = Device("t", models["thermostat"], snapshot={"state": "off", "fan": "auto", "room_temperature": 60})
    assert cold.plan(Change(set={"setpoint": 70}))[0]["state"] == "heat"
    assert cold.plan(Change(adjust={"setpoint": 1}))[0]["state"] == "heat"
    hot = Device("t", models["thermostat"], snapshot={"state": "off", "fan": "auto", "room_temperature": 85})
    assert hot.plan(Change(set={"setpoint": 74}))[0]["state"] == "cool"
