"""The daemon end to end: a subprocess against a real mosquitto, a test client playing Home Assistant."""

import json
import signal
import subprocess
import sys
import time

import pytest
from broker import Client, wait_until


def write_config(tmp_path, model_dir, port, node_id, extra=""):
    config = tmp_path / f"{node_id}.yaml"
    config.write_text(
        f"data_dir: {tmp_path / node_id}\n"
        f"model_dir: {model_dir}\n"
        f"node_id: {node_id}\n"
        f"tick: 0.2\n"
        f"mqtt: {{host: 127.0.0.1, port: {port}, reconnect_min: 1, reconnect_max: 2}}\n" + extra)
    return config


class DaemonProcess:
    def __init__(self, config):
        self.config = config
        self.process = None

    def start(self):
        self.process = subprocess.Popen([sys.executable, "-m", "thoughtful", "--config", str(self.config), "run",
                                         "--no-train", "--no-stdin"], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        return self

    def stop(self, sig=signal.SIGTERM):
        self.process.send_signal(sig)
        out, err = self.process.communicate(timeout=20)
        return self.process.returncode, err

    def alive(self):
        return self.process.poll() is None


@pytest.fixture
def daemon(tmp_path, model_dir, broker):
    d = DaemonProcess(write_config(tmp_path, model_dir, broker.port, "pi1")).start()
    yield d
    if d.alive():
        d.stop()


def latest(client, topic):
    matches = [p for t, p, _ in client.messages if t == topic]
    return json.loads(matches[-1]) if matches else None


def test_discovery_commands_and_utterances(daemon, broker):
    ha = Client(broker.port, "homeassistant/#", "thoughtful/pi1/#")
    _, payload, _ = ha.wait_for(lambda t, p, r: t == "homeassistant/device/pi1/config", timeout=60)
    node = json.loads(payload)
    assert node["dev"]["name"] == "thoughtful pi1" and {c["p"] for c in node["cmps"].values()} == {"sensor", "event"}
    _, payload, _ = ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/diagnostics")
    diagnostics = json.loads(payload)  # the daemon's own state, as diagnostic sensors
    assert diagnostics["version"] and len(diagnostics["model"]) == 16 and diagnostics["recognizer"] == "none"
    assert {"uptime", "last_problem"} <= set(diagnostics)
    late = Client(broker.port, "homeassistant/#")  # a Home Assistant that starts later still finds it
    late.wait_for(lambda t, p, r: t == "homeassistant/device/pi1_thermostat/config" and r)
    late.close()
    # One Home Assistant device per device, in its room's area, reached through the daemon.
    _, payload, _ = ha.wait_for(lambda t, p, r: t == "homeassistant/device/pi1_lamp/config")
    lamp = json.loads(payload)
    assert lamp["dev"]["suggested_area"] == "Living room" and lamp["dev"]["via_device"] == "thoughtful_pi1"
    assert [c["p"] for c in lamp["cmps"].values()] == ["light"]
    _, payload, _ = ha.wait_for(lambda t, p, r: t == "homeassistant/device/pi1_thermostat/config")
    config = json.loads(payload)
    temperature = next(c for c in config["cmps"].values() if c.get("device_class") == "temperature")
    assert temperature["state_class"] == "measurement" and temperature["state_topic"] == "thoughtful/pi1/thermostat"
    climate = next(c for c in config["cmps"].values() if c["p"] == "climate")
    assert climate["modes"] == ["off", "heat", "cool"] and climate["fan_modes"] == ["auto", "on"]
    assert config["availability_topic"] == "thoughtful/pi1/availability"
    ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/availability" and p == b"online")
    seen = sum(t == "homeassistant/device/pi1/config" for t, _, _ in ha.messages)
    ha.publish("homeassistant/status", "online")  # Home Assistant restarted: discovery again
    wait_until(lambda: sum(t == "homeassistant/device/pi1/config" for t, _, _ in ha.messages) > seen)

    ha.publish("thoughtful/pi1/lamp/light/set", json.dumps({"state": "ON", "brightness": 40}))
    ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/lamp/light" and json.loads(p).get("brightness") == 40)
    # Home Assistant's semantics: a target temperature alone leaves an off thermostat off, and
    # is the target once it heats.
    ha.publish("thoughtful/pi1/thermostat/climate/temperature/set", "66")
    ha.publish("thoughtful/pi1/command", json.dumps({"text": "is the heat on", "id": "sync"}))
    ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/response" and b"sync" in p)
    assert latest(ha, "thoughtful/pi1/thermostat")["state"] == "off"
    ha.publish("thoughtful/pi1/thermostat/climate/mode/set", "heat")
    ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/thermostat" and json.loads(p).get("setpoint") == 66)
    ha.publish("thoughtful/pi1/thermostat/climate/temperature/set", "70.8")  # a °C Home Assistant's 21.6 °C
    ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/thermostat" and json.loads(p).get("setpoint") == 71)
    ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/thermostat/action")

    ha.publish("thoughtful/pi1/command", json.dumps({"text": "turn off the lamp", "id": "q1"}))
    _, payload, _ = ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/response" and b"q1" in p)
    response = json.loads(payload)
    assert response["id"] == "q1" and response["kind"] == "action"
    ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/lamp" and json.loads(p)["state"] == "off")
    ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/utterance" and json.loads(p)["event_type"] == "command")
    ha.publish("thoughtful/pi1/command", "why is the lamp off")
    _, payload, _ = ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/explanation"
                                and "why" in json.loads(p)["utterance"])
    assert "you asked" in json.loads(payload)["text"]
    ha.close()


def test_malformed_payloads_change_nothing(daemon, broker):
    ha = Client(broker.port, "thoughtful/pi1/#")
    ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/availability" and p == b"online", timeout=60)
    for device in ("lamp", "thermostat"):  # both retained states, however slowly they come
        ha.wait_for(lambda t, p, r: t == f"thoughtful/pi1/{device}", timeout=60)
    before = latest(ha, "thoughtful/pi1/lamp"), latest(ha, "thoughtful/pi1/thermostat")
    for topic, payload in [("thoughtful/pi1/lamp/light/set", b"{bad json"),
                           ("thoughtful/pi1/lamp/light/set", json.dumps({"state": "SIDEWAYS"})),
                           ("thoughtful/pi1/lamp/light/set", json.dumps({"brightness": "lots"})),
                           ("thoughtful/pi1/lamp/set", json.dumps([1, 2, 3])),
                           ("thoughtful/pi1/lamp/set", json.dumps({"state": "on", "brightness": 9000, "color": "x"})),
                           ("thoughtful/pi1/thermostat/climate/temperature/set", b"hot"),
                           ("thoughtful/pi1/thermostat/climate/mode/set", b"turbo"),
                           ("thoughtful/pi1/command", b"\xff\xfe"),
                           ("thoughtful/pi1/command", b""),
                           ("thoughtful/pi1/command", json.dumps({"text": None, "id": "null-text"})),
                           ("thoughtful/pi1/command", json.dumps({"text": "turn on the lamp " * 100, "id": "huge"})),
                           ("thoughtful/pi1/lamp/set", b'{"state": "on", "x": "' + b"x" * 100_000 + b'"}')]:
        ha.publish(topic, payload)
    ha.publish("thoughtful/pi1/command", json.dumps({"text": "is the lamp on", "id": "alive"}))
    _, payload, _ = ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/response" and b"alive" in p)
    assert json.loads(payload)["kind"] == "explanation"
    replies = {r.get("id"): r for r in (json.loads(p) for t, p, _ in ha.messages if t == "thoughtful/pi1/response")}
    assert "text" in replies["null-text"]["error"], "a broken command is answered, with its id"
    assert replies["huge"]["kind"] == "clarify" and "too long" in replies["huge"]["say"]
    assert daemon.alive()
    assert (latest(ha, "thoughtful/pi1/lamp"), latest(ha, "thoughtful/pi1/thermostat")[ "state"]) == \
        (before[0], before[1]["state"])
    code, err = daemon.stop()
    assert code == 0
    assert "ignored message on thoughtful/pi1/lamp/light/set" in err
    assert "ignored message on thoughtful/pi1/thermostat/climate/temperature/set" in err
    assert "ignored a 100" in err and "on thoughtful/pi1/lamp/set" in err
    ha.close()


def test_broker_restart_and_sigterm_restart(daemon, broker, tmp_path, model_dir):
    ha = Client(broker.port, "thoughtful/pi1/#")
    ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/availability" and p == b"online", timeout=60)
    ha.publish("thoughtful/pi1/lamp/light/set", json.dumps({"state": "ON", "brightness": 33}))
    ha.wait_for(lambda t, p, r: t == "thoughtful/pi1/lamp" and json.loads(p).get("brightness") == 33)
    ha.close()
    broker.stop()
    time.sleep(1)
    broker.start()
    again = Client(broker.port, "thoughtful/pi1/#")  # the broker kept nothing: the daemon re-publishes
    again.wait_for(lambda t, p, r: t == "thoughtful/pi1/lamp" and json.loads(p).get("brightness") == 33, timeout=30)
    again.wait_for(lambda t, p, r: t == "thoughtful/pi1/availability" and p == b"online")
    code, _ = daemon.stop()
    assert code == 0
    again.wait_for(lambda t, p, r: t == "thoughtful/pi1/availability" and p == b"offline")
    again.close()
    restarted = DaemonProcess(daemon.config).start()
    try:
        watcher = Client(broker.port, "thoughtful/pi1/#")
        watcher.wait_for(lambda t, p, r: t == "thoughtful/pi1/availability" and p == b"online", timeout=60)
        watcher.wait_for(lambda t, p, r: t == "thoughtful/pi1/lamp" and json.loads(p).get("brightness") == 33)
        watcher.close()
    finally:
        restarted.stop()


def test_two_daemons_share_a_broker(tmp_path, model_dir, broker):
    first = DaemonProcess(write_config(tmp_path, model_dir, broker.port, "kitchen")).start()
    # The study daemon also drives the kitchen daemon's lamp through its topics.
    home = tmp_path / "study-home.yaml"
    home.write_text("devices:\n"
                    "  - {name: desk lamp, type: lamp, room: study}\n"
                    "  - {name: kitchen lamp, type: lamp, room: kitchen,"
                    " driver: {kind: mqtt, protocol: json, topic: thoughtful/kitchen/lamp}}\n")
    second = DaemonProcess(write_config(tmp_path, model_dir, broker.port, "study",
                                        f"home: {home}\nspeaker_room: study\n")).start()
    try:
        ha = Client(broker.port, "thoughtful/#", "homeassistant/#")
        ha.wait_for(lambda t, p, r: t == "homeassistant/device/kitchen/config", timeout=60)
        ha.wait_for(lambda t, p, r: t == "homeassistant/device/study/config", timeout=60)
        ha.publish("thoughtful/study/command", json.dumps({"text": "turn on the kitchen lamp", "id": 1}))
        ha.wait_for(lambda t, p, r: t == "thoughtful/kitchen/lamp" and json.loads(p)["state"] == "on")
        ha.wait_for(lambda t, p, r: t == "thoughtful/study/kitchen_lamp" and json.loads(p)["state"] == "on")
        assert latest(ha, "thoughtful/study/desk_lamp")["state"] == "off"
        ha.close()
    finally:
        for d in (first, second):
            d.stop()


def test_a_wav_file_ends_in_a_published_state_change(tmp_path, model_dir, broker):
    from speech_audio import synthesize

    wav = synthesize("it's freezing in here", tmp_path / "command.wav", rate=22050)
    config = write_config(tmp_path, model_dir, broker.port, "voice", "speech: {activation: continuous}\n")
    watcher = Client(broker.port, "thoughtful/voice/#")
    daemon = DaemonProcess(config)
    daemon.process = subprocess.Popen([sys.executable, "-m", "thoughtful", "--config", str(config), "run",
                                       "--no-train", "--no-stdin", "--wav", str(wav)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        watcher.wait_for(lambda t, p, r: t == "thoughtful/voice/thermostat" and json.loads(p)["state"] == "heat",
                         timeout=90)
        _, payload, _ = watcher.wait_for(lambda t, p, r: t == "thoughtful/voice/utterance")
        assert json.loads(payload)["event_type"] == "command"
    finally:
        daemon.stop()
        watcher.close()


def test_retained_commands_are_never_replayed(tmp_path, model_dir, broker):
    """A command left retained on the broker (by a careless client) must not run at start-up or
    at a reconnect; the same command sent live does."""
    sender = Client(broker.port)
    sender.publish("thoughtful/pi1/thermostat/set", json.dumps({"state": "heat", "setpoint": 80}), retain=True)
    sender.publish("thoughtful/pi1/command", "turn on the lamp", retain=True)
    watcher = Client(broker.port, "thoughtful/pi1/#")
    daemon = DaemonProcess(write_config(tmp_path, model_dir, broker.port, "pi1")).start()
    try:
        watcher.wait_for(lambda t, p, r: t == "thoughtful/pi1/availability" and p == b"online", timeout=60)
        time.sleep(1.5)  # long enough for the retained messages to have arrived and been handled
        assert latest(watcher, "thoughtful/pi1/thermostat")["state"] == "off"
        assert latest(watcher, "thoughtful/pi1/lamp")["state"] == "off"
        sender.publish("thoughtful/pi1/command", "turn on the lamp")  # live: carried out
        watcher.wait_for(lambda t, p, r: t == "thoughtful/pi1/lamp" and json.loads(p)["state"] == "on")
        assert latest(watcher, "thoughtful/pi1/thermostat")["state"] == "off"
    finally:
        code, err = daemon.stop()
        watcher.close()
        sender.close()
    assert "ignored a retained command on thoughtful/pi1/thermostat/set" in err


def test_sensor_readings_come_only_from_sensors(daemon, broker):
    """ `<device>/set` is a command: it cannot write the room temperature, and a non-finite
    number (Infinity, 1e999) is refused everywhere, never published."""
    watcher = Client(broker.port, "thoughtful/pi1/#")
    try:
        watcher.wait_for(lambda t, p, r: t == "thoughtful/pi1/thermostat", timeout=60)
        room = latest(watcher, "thoughtful/pi1/thermostat")["room_temperature"]
        for payload in ('{"room_temperature": 40}', '{"room_temperature": Infinity}', '{"room_temperature": 1e999}',
                        '{"state": "heat", "setpoint": Infinity}'):
            watcher.publish("thoughtful/pi1/thermostat/set", payload)
        watcher.publish("thoughtful/pi1/thermostat/set", '{"fan": "on"}')  # a valid command still works
        watcher.wait_for(lambda t, p, r: t == "thoughtful/pi1/thermostat" and json.loads(p)["fan"] == "on")
        for topic, payload, _ in watcher.messages:
            if topic == "thoughtful/pi1/thermostat":
                snapshot = json.loads(payload, parse_constant=lambda c: pytest.fail(f"{c} was published"))
                assert snapshot["room_temperature"] == room and snapshot["state"] == "off"
    finally:
        watcher.close()


def test_a_device_that_goes_offline_is_not_pretended_to(tmp_path, model_dir, broker):
    """A Zigbee2MQTT lamp says it is offline: a request for it is answered with why, nothing is
    sent to it, and Home Assistant shows it unavailable; back online, it is driven again."""
    home = tmp_path / "home.yaml"
    home.write_text("devices:\n  - name: desk lamp\n    type: lamp\n    room: office\n"
                    "    driver: {kind: mqtt, protocol: zigbee2mqtt, topic: zigbee2mqtt/desk}\n")
    zigbee = Client(broker.port, "zigbee2mqtt/desk/set", "thoughtful/pi1/#", "homeassistant/#")
    daemon = DaemonProcess(write_config(tmp_path, model_dir, broker.port, "pi1", f"home: {home}\n")).start()
    try:
        _, payload, _ = zigbee.wait_for(lambda t, p, r: t == "homeassistant/device/pi1_desk_lamp/config", timeout=60)
        config = json.loads(payload)
        assert config["availability_mode"] == "all"
        assert {"topic": "thoughtful/pi1/desk_lamp/availability"} in config["availability"]
        zigbee.publish("zigbee2mqtt/desk/availability", json.dumps({"state": "offline"}), retain=True)
        zigbee.wait_for(lambda t, p, r: t == "thoughtful/pi1/desk_lamp/availability" and p == b"offline")
        zigbee.publish("thoughtful/pi1/command", json.dumps({"text": "turn on the desk lamp", "id": "1"}))
        _, payload, _ = zigbee.wait_for(lambda t, p, r: t == "thoughtful/pi1/response" and b'"1"' in p)
        reply = json.loads(payload)
        assert reply["kind"] == "clarify" and "offline" in reply["say"], reply
        assert not [t for t, _, _ in zigbee.messages if t == "zigbee2mqtt/desk/set"]
        zigbee.publish("zigbee2mqtt/desk/availability", json.dumps({"state": "online"}), retain=True)
        zigbee.wait_for(lambda t, p, r: t == "thoughtful/pi1/desk_lamp/availability" and p == b"online")
        zigbee.publish("thoughtful/pi1/command", json.dumps({"text": "turn on the desk lamp", "id": "2"}))
        _, payload, _ = zigbee.wait_for(lambda t, p, r: t == "zigbee2mqtt/desk/set")
        assert json.loads(payload)["state"] == "ON"
    finally:
        daemon.stop()
        zigbee.close()


def test_a_command_sent_again_with_its_id_is_answered_not_done_again(daemon, broker):
    """The same text command with the same id (a QoS 1 redelivery after a lost acknowledgement,
    a client retrying) gets the same reply and is not carried out twice; another id is."""
    client = Client(broker.port, "thoughtful/pi1/#")
    try:
        client.wait_for(lambda t, p, r: t == "thoughtful/pi1/availability" and p == b"online", timeout=60)
        client.publish("thoughtful/pi1/command", json.dumps({"text": "set the heat to 68", "id": "set"}))
        client.wait_for(lambda t, p, r: t == "thoughtful/pi1/thermostat" and json.loads(p).get("setpoint") == 68)
        up = json.dumps({"text": "turn the heat up 2 degrees", "id": "up-1"})
        for _ in range(2):
            client.publish("thoughtful/pi1/command", up)
        client.publish("thoughtful/pi1/command", json.dumps({"text": "is the heat on", "id": "after"}))
        client.wait_for(lambda t, p, r: t == "thoughtful/pi1/response" and b'"after"' in p)
        replies = [p for t, p, _ in client.messages if t == "thoughtful/pi1/response" and b'"up-1"' in p]
        assert len(replies) == 2 and replies[0] == replies[1], replies
        assert latest(client, "thoughtful/pi1/thermostat")["setpoint"] == 70  # once, not 72
        client.publish("thoughtful/pi1/command", json.dumps({"text": "turn the heat up 2 degrees", "id": "up-2"}))
        client.wait_for(lambda t, p, r: t == "thoughtful/pi1/thermostat" and json.loads(p).get("setpoint") == 72)
    finally:
        client.close()
    _, err = daemon.stop()
    assert "was already carried out" in err
