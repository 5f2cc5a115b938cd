"""The thermostat control loop on simulated time: hysteresis, short cycles, interlock,
limits and sensor failure."""

import math

import pytest

from thoughtful.drivers.control import ThermostatController
from thoughtful.drivers.simulated import RoomModel, SimulatedThermostat
from thoughtful.state.wiring import ControlSettings

HEAT = {"state": "heat", "setpoint": 68, "fan": "auto"}
COOL = {"state": "cool", "setpoint": 74, "fan": "auto"}


@pytest.fixture
def loop():
    records = []
    ctl = ThermostatController(ControlSettings(hysteresis=1, min_on=180, min_off=300),
                               record=lambda action, why: records.append((action, why)))
    ctl.update({"state": "off", "fan": "auto"}, 68, -1000, now=-1000)  # running since long before
    ctl.records = records
    return ctl


def test_hysteresis(loop):
    assert not loop.update(HEAT, 67.5, 0, now=0).heat  # within the band: stays off
    assert loop.update(HEAT, 66.9, 0, now=0).heat
    assert loop.update(HEAT, 67.9, 200, now=200).heat  # heats until the setpoint
    assert not loop.update(HEAT, 68.0, 400, now=400).heat
    assert loop.records[0][0] == "heating" and "below the 68°F setpoint" in loop.records[0][1]
    assert loop.records[1][0] == "idle" and "reached 68°F" in loop.records[1][1]


def test_short_cycle_protection(loop):
    loop.update(HEAT, 60, 0, now=0)
    assert loop.update(HEAT, 70, 100, now=100).heat, "keeps running for min_on"
    assert not loop.update(HEAT, 70, 181, now=181).heat
    assert not loop.update(HEAT, 60, 300, now=300).heat, "stays off for min_off"
    assert loop.update(HEAT, 60, 482, now=482).heat


def test_mode_off_stops_at_once(loop):
    loop.update(HEAT, 60, 0, now=0)
    out = loop.update({"state": "off", "fan": "auto"}, 60, 10, now=10)
    assert not out.heat and not out.cool and not out.fan
    assert "mode is off" in loop.records[-1][1]


def test_interlock_passes_through_off(loop):
    loop.update(HEAT, 60, 0, now=0)
    out = loop.update(COOL, 80, 1000, now=1000)
    assert not (out.heat and out.cool)
    assert not out.heat and not out.cool, "heat stops first; cooling waits"
    assert not loop.update(COOL, 80, 1001, now=1001).cool, "min_off after heating stopped"
    assert loop.update(COOL, 80, 1300, now=1300).cool
    for t in range(1002, 3000, 37):
        o = loop.update(HEAT if t % 2 else COOL, 40 if t % 2 else 90, t, now=t)
        assert not (o.heat and o.cool)


def test_setpoint_limits(loop):
    assert loop.update({"state": "heat", "setpoint": 120, "fan": "auto"}, 89.5, 0, now=0).heat is False
    assert loop.update({"state": "heat", "setpoint": 120, "fan": "auto"}, 88.5, 1, now=1).heat
    assert not loop.update({"state": "heat", "setpoint": 120, "fan": "auto"}, 90.0, 500, now=500).heat


@pytest.mark.parametrize("reading, read_at, now, why", [
    (None, None, 10, "no temperature reading"),
    (60, 0, 400, "no fresh temperature reading for over 300 s"),
    (-40, 10, 10, "implausible"),
    (math.nan, 10, 10, "not a number"),
])
def test_sensor_failure_stops_everything(loop, reading, read_at, now, why):
    assert loop.update(HEAT, 60, 0, now=0).heat
    out = loop.update(HEAT, reading, read_at, now=now)
    assert not out.heat and not out.cool
    assert loop.fault and why in loop.fault
    assert loop.records[-1][0] == "idle" and why in loop.records[-1][1]


def test_a_restart_never_shortens_a_rest():
    """A new controller (the daemon restarted) does not know when the relays last ran: they
    were just opened off, so min_off runs from its first update."""
    ctl = ThermostatController(ControlSettings(min_on=180, min_off=300))
    assert not ctl.update(HEAT, 60, 0, now=0).heat
    assert not ctl.update(HEAT, 60, 299, now=299).heat
    assert ctl.update(HEAT, 60, 300, now=300).heat


def test_changing_between_heat_and_cool_keeps_min_on_and_min_off(loop):
    assert loop.update(HEAT, 60, 0, now=0).heat
    out = loop.update(COOL, 80, 10, now=10)
    assert out.heat and not out.cool, "heating runs out its min_on; cooling waits"
    out = loop.update(COOL, 80, 180, now=180)
    assert not out.heat and not out.cool
    assert not loop.update(COOL, 80, 479, now=479).cool, "then the compressor rests min_off"
    assert loop.update(COOL, 80, 480, now=480).cool


def test_a_lasting_fault_is_recorded_once(loop):
    assert loop.update(HEAT, 60, 0, now=0).heat
    for now in range(301, 3000, 10):  # the reading goes stale and stays so
        loop.update(HEAT, 60, 0, now=now)
    faults = [r for r in loop.records if "failsafe" in r[1]]
    assert len(faults) == 1, faults
    loop.update(HEAT, 60, 3000, now=3000)  # fresh again
    loop.update(HEAT, 60, 3010, now=3010)
    assert len([r for r in loop.records if "failsafe" in r[1]]) == 1


def test_fan_follows_mode_and_setting(loop):
    assert loop.update({**HEAT, "fan": "on"}, 70, 0, now=0).fan
    assert loop.update(HEAT, 60, 1, now=1).fan  # heating runs the fan
    assert not loop.update({"state": "off", "fan": "auto"}, 60, 2, now=2).fan


def test_simulated_room_heats_and_holds():
    room = RoomModel(temperature=60, outside=40)
    stat = SimulatedThermostat(room, ControlSettings(min_on=60, min_off=60))
    stat.apply({"state": "heat", "setpoint": 68, "fan": "auto"})
    for minute in range(0, 24 * 60):
        stat.tick(minute * 60.0)
    assert 66 <= room.temperature <= 69
    stat.apply({"state": "off", "fan": "auto"})
    for minute in range(24 * 60, 36 * 60):
        stat.tick(minute * 60.0)
    assert room.temperature < 60, "drifts toward outside when off"
