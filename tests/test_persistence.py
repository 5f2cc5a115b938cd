"""Snapshots and provenance survive restarts; a corrupt file is set aside."""

import json

from thoughtful.settings import builtin_home_file
from thoughtful.state.device import Change
from thoughtful.state.home import Home
from thoughtful.state.persistence import StateFile
from thoughtful.state.registry import load_home_config


def _home(models, path):
    return Home.from_config(load_home_config(builtin_home_file(), models), models, StateFile(path))


def test_state_round_trips(models, tmp_path):
    path = tmp_path / "state.json"
    home = _home(models, path)
    home.apply("lamp", Change(state="on", set={"brightness": 42}), by="voice", why="asked")
    StateFile(path).save(home.to_json())
    again = _home(models, path)
    assert again["lamp"].snapshot["brightness"] == 42
    assert again.provenance.latest("lamp").why == "asked"
    assert not list(tmp_path.glob(".state.json.*")), "no temporary file left behind"


def test_corrupt_file_is_set_aside_not_fatal(models, tmp_path):
    path = tmp_path / "state.json"
    path.write_text('{"devices": {"lamp": ')
    store = StateFile(path)
    home = Home.from_config(load_home_config(builtin_home_file(), models), models, store)
    assert home["lamp"].snapshot == {"state": "off"}
    assert "unreadable state" in store.problem
    aside = list(tmp_path.glob("state.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text() == '{"devices": {"lamp": '


def test_invalid_saved_snapshot_falls_back_to_defaults(models, tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"devices": {"lamp": {"snapshot": {"state": "on", "brightness": 9000}}}}))
    home = _home(models, path)
    assert home["lamp"].snapshot == {"state": "off"}


def test_damaged_structures_are_set_aside_or_forgotten_not_fatal(models, tmp_path):
    path = tmp_path / "state.json"
    for damaged in ({"devices": {"lamp": "on", "thermostat": ["heat"]}},
                    {"devices": {"lamp": {"snapshot": {"state": "off"}, "memory": "bright"}}},
                    {"devices": {"lamp": {"snapshot": {"state": "off"}, "memory": {"brightness": "lots",
                                                                                  "_chosen": "yes"}}}}):
        path.write_text(json.dumps(damaged))
        home = _home(models, path)
        home.apply("lamp", Change(state="on"), by="voice", why="asked")  # a bad memory never blocks "turn on"
        assert home["lamp"].snapshot["state"] == "on" and isinstance(home["lamp"].snapshot["brightness"], int)
    path.write_text("[" * 100000 + "]" * 100000)
    assert _home(models, path)["lamp"].snapshot == {"state": "off"}  # and set aside
    path.mkdir()
    assert _home(models, path)["lamp"].snapshot == {"state": "off"}
    assert not path.exists() and list(tmp_path.glob("state.json.corrupt-*"))


def test_temporary_files_of_a_killed_write_are_cleaned_up(models, tmp_path):
    path = tmp_path / "state.json"
    (tmp_path / ".state.json.abc123").write_text("{half")
    _home(models, path)
    assert not list(tmp_path.glob(".state.json.*"))
