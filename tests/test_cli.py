"""The command line: check, state, and readable errors."""

import json
import re
import subprocess
import sys


def thoughtful(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "thoughtful", *args], capture_output=True, text=True,
                          timeout=60, cwd=cwd)


def test_check_passes_on_the_embedded_default():
    run = thoughtful("check")
    assert run.returncode == 0, run.stderr
    assert "device 'lamp': lamp in living room" in run.stdout


def test_check_reports_broken_files(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "fan.yaml").write_text("type: fan\nstates: {on: {settings: [speed]}}\nlanguage: {names: [fan]}\n")
    (tmp_path / "thoughtful.yaml").write_text("statemodel_dirs: [models]\n")
    run = thoughtful("--config", str(tmp_path / "thoughtful.yaml"), "check")
    assert run.returncode == 1
    assert "fan.yaml: invalid" in run.stderr and "unknown setting 'speed'" in run.stderr
    (tmp_path / "thoughtful.yaml").write_text("statemodel_dir: [models]\n")
    run = thoughtful("--config", str(tmp_path / "thoughtful.yaml"), "check")
    assert run.returncode == 1 and "statemodel_dir" in run.stderr and "Traceback" not in run.stderr


def test_state_prints_snapshots(tmp_path):
    (tmp_path / "thoughtful.yaml").write_text(f"data_dir: {tmp_path / 'data'}\n")
    run = thoughtful("--config", str(tmp_path / "thoughtful.yaml"), "state")
    assert run.returncode == 0, run.stderr
    snapshots = json.loads(run.stdout)
    assert snapshots["lamp"] == {"state": "off"} and snapshots["thermostat"]["state"] == "off"


def test_install_service_renders_the_unit(tmp_path):
    run = thoughtful("--config", str(tmp_path / "thoughtful.yaml"), "install-service", "--dry-run")
    assert run.returncode == 0, run.stderr
    unit = run.stdout
    assert "Type=notify" in unit and "WatchdogSec=" in unit and "Restart=on-failure" in unit
    assert f"--config {tmp_path / 'thoughtful.yaml'} run --no-stdin --no-train" in unit
    assert "SupplementaryGroups=gpio audio" in unit and "StateDirectory=thoughtful" in unit
    assert "\nPrivateDevices" not in unit and not re.search(r"@[A-Z]+@", unit)  # every placeholder filled
    assert "StartLimitBurst=" in unit and "SystemCallFilter=@system-service" in unit


def test_a_readable_password_is_warned_about(tmp_path):
    config = tmp_path / "thoughtful.yaml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\nmqtt: {{host: 127.0.0.1, port: 1, username: u, password: p}}\n")
    config.chmod(0o644)
    run = thoughtful("--config", str(config), "run", "--no-train", "--no-stdin")
    assert "holds the MQTT password" in run.stderr and "no trained language model" in run.stderr, run.stderr
    config.chmod(0o640)
    assert "holds the MQTT password" not in thoughtful("--config", str(config), "run", "--no-train", "--no-stdin").stderr


def test_the_service_config_is_not_readable_by_others(tmp_path):
    import os
    import stat

    from thoughtful.service import write_default_config

    config = tmp_path / "etc" / "thoughtful.yaml"
    write_default_config(config, os.getgid())
    assert stat.S_IMODE(config.stat().st_mode) == 0o640 and config.stat().st_gid == os.getgid()
    assert "mqtt" in config.read_text()


def test_configuration_rules_are_enforced(tmp_path):
    """What `check` must refuse, each with its reason."""
    cases = [
        ("mqtt: {port: 70000}", "mqtt.port"),
        ("mqtt: {keepalive: -1}", "mqtt.keepalive"),
        ("mqtt: {protocol: '3.1'}", "mqtt.protocol"),
        ("mqtt: {reconnect_min: 0.5}", "mqtt.reconnect_min"),
        ("mqtt: {tls: true, ca_certs: /nonexistent/ca.pem}", "ca_certs: no such file /nonexistent/ca.pem"),
        ("base_topic: 'home/#'", "base_topic"),
        ("tick: 3600", "tick"),
        ("speech: {activation: button}", "button_pin"),
    ]
    for text, problem in cases:
        config = tmp_path / "thoughtful.yaml"
        config.write_text(text + "\n")
        run = thoughtful("--config", str(config), "check")
        assert run.returncode != 0 and problem in run.stderr, (text, run.stderr)
    home = tmp_path / "home.yaml"
    home.write_text("devices:\n  - name: t\n    type: thermostat\n    driver:\n      kind: gpio\n      pins: {heat: 5}\n"
                    "      sensor: {kind: ds18b20, path: /x}\n      control: {min_setpoint: 80, max_setpoint: 60}\n")
    (tmp_path / "thoughtful.yaml").write_text(f"home: {home}\n")
    run = thoughtful("--config", str(tmp_path / "thoughtful.yaml"), "check")
    assert run.returncode != 0 and "min_setpoint (80) must be below max_setpoint (60)" in run.stderr, run.stderr


def test_a_bench_with_no_trained_model_says_what_to_do(tmp_path):
    """ "thoughtful bench" with no model in the data directory ended in a FileNotFoundError
    traceback; it says which model is missing and how to make one."""
    run = thoughtful("bench", "--part", "language", "--model", str(tmp_path / "nothing"))
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert "no trained language model" in run.stderr and "thoughtful train" in run.stderr, run.stderr
