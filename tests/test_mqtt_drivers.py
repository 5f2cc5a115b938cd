"""MQTT drivers against a real mosquitto, with a test client playing the device."""

import json
import logging
import threading

import pytest
from broker import Client, wait_until

from thoughtful.drivers.mqtt import JsonTopic, MqttDevice, Tasmota, Zigbee2Mqtt
from thoughtful.transport.mqtt import MqttConnection
from thoughtful.transport.mqtt_settings import MqttSettings


@pytest.fixture
def connection(broker):
    conn = MqttConnection(MqttSettings(port=broker.port, client_id="thoughtful-test"))
    conn.start()
    wait_until(conn.connected.is_set)
    yield conn
    conn.stop()


def test_zigbee2mqtt_light(connection, broker, caplog):
    device = Client(broker.port, "zigbee2mqtt/desk/set")
    seen = []
    driver = MqttDevice(Zigbee2Mqtt("zigbee2mqtt/desk"), connection)
    driver.on_external_change = seen.append
    wait_until(lambda: connection.client.is_connected())
    driver.apply({"state": "on", "brightness": 50, "color_temp": 2500})
    _, payload, _ = device.wait_for(lambda t, p, r: t == "zigbee2mqtt/desk/set")
    assert json.loads(payload) == {"state": "ON", "brightness": 127, "color_temp": 400}
    device.publish("zigbee2mqtt/desk", json.dumps({"state": "ON", "brightness": 254, "color_temp": 250,
                                                   "color_mode": "color_temp", "linkquality": 80}))
    wait_until(lambda: seen)
    assert seen[0] == {"state": "on", "brightness": 100, "color_temp": 4000}
    with caplog.at_level(logging.WARNING):
        device.publish("zigbee2mqtt/desk", b"{not json")
        device.publish("zigbee2mqtt/desk", json.dumps({"state": "MAYBE"}))
        device.publish("zigbee2mqtt/desk", json.dumps({"brightness": "bright"}))
        device.publish("zigbee2mqtt/desk", json.dumps({"state": "OFF"}))
        wait_until(lambda: len(seen) == 2)
    assert seen[1] == {"state": "off"}
    warnings = [r.getMessage() for r in caplog.records if "ignored message" in r.getMessage()]
    assert len(warnings) == 3 and all("zigbee2mqtt/desk" in w for w in warnings)
    device.close()


def test_tasmota_dimmer(connection, broker):
    device = Client(broker.port, "cmnd/tasmota_1/#")
    seen = []
    driver = MqttDevice(Tasmota("tasmota_1"), connection)
    driver.on_external_change = seen.append
    driver.apply({"state": "on", "brightness": 30, "color_temp": 2700})
    device.wait_for(lambda t, p, r: t == "cmnd/tasmota_1/POWER" and p == b"ON")
    device.wait_for(lambda t, p, r: t == "cmnd/tasmota_1/Dimmer" and p == b"30")
    device.publish("stat/tasmota_1/RESULT", json.dumps({"POWER": "ON", "Dimmer": 70}))
    device.publish("stat/tasmota_1/POWER", "OFF")
    wait_until(lambda: len(seen) == 2)
    assert seen == [{"state": "on", "brightness": 70}, {"state": "off"}]
    device.close()


def test_generic_json(connection, broker):
    device = Client(broker.port, "home/plug/set")
    seen = []
    driver = MqttDevice(JsonTopic("home/plug"), connection)
    driver.on_external_change = seen.append
    driver.apply({"state": "off"})
    device.wait_for(lambda t, p, r: t == "home/plug/set" and json.loads(p) == {"state": "off"})
    device.publish("home/plug", json.dumps([1, 2]))
    device.publish("home/plug", json.dumps({"state": "on"}))
    wait_until(lambda: seen)
    assert seen == [{"state": "on"}]
    device.close()


def test_retained_state_is_republished_after_the_broker_returns(broker, tmp_path):
    conn = MqttConnection(MqttSettings(port=broker.port, reconnect_min=1, reconnect_max=2))
    conn.start()
    wait_until(conn.connected.is_set)
    broker.stop()
    wait_until(lambda: not conn.connected.is_set())
    conn.publish("thoughtful/lamp/state", '{"state": "on"}', retain=True)  # while the broker is down
    broker.start()
    wait_until(conn.connected.is_set, timeout=20)
    watcher = Client(broker.port, "thoughtful/#")
    _, payload, retained = watcher.wait_for(lambda t, p, r: t == "thoughtful/lamp/state")
    assert payload == b'{"state": "on"}' and retained
    watcher.close()
    conn.stop()


def test_codecs_reject_bad_values():
    with pytest.raises(ValueError, match="not positive"):
        Zigbee2Mqtt("z").parse("z", json.dumps({"color_temp": 0}).encode())
    with pytest.raises(ValueError, match="not a number"):
        Tasmota("t").parse("stat/t/RESULT", json.dumps({"Dimmer": "high"}).encode())


def test_username_and_password(tmp_path, caplog):
    import subprocess

    from broker import Broker

    passwords = tmp_path / "passwords"
    subprocess.run(["mosquitto_passwd", "-c", "-b", str(passwords), "thoughtful", "s3cret"], check=True)
    broker = Broker(tmp_path, f"allow_anonymous false\npassword_file {passwords}\n").start()
    try:
        good = MqttConnection(MqttSettings(port=broker.port, username="thoughtful", password="s3cret"))
        good.start()
        wait_until(good.connected.is_set)
        good.stop()
        with caplog.at_level(logging.ERROR):
            bad = MqttConnection(MqttSettings(port=broker.port, username="thoughtful", password="wrong"))
            bad.start()
            wait_until(lambda: any("refused" in r.getMessage() for r in caplog.records))
            assert not bad.connected.is_set()
            bad.stop()
    finally:
        broker.stop()


def test_the_daemons_mqtt_socket_sends_without_delay(connection):
    """Nagle off on the connected socket: otherwise each QoS 1 round trip waits ~40 ms."""
    import socket

    sock = connection.client.socket()
    assert sock is not None and sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1


@pytest.mark.parametrize("settings, reason", [
    (lambda port: MqttSettings(port=1), "ConnectionRefusedError"),                 # nothing listens
    (lambda port: MqttSettings(host="broker.invalid"), "gaierror"),              # no such host
    (lambda port: MqttSettings(port=port, tls=True), "speak TLS on this port"),  # TLS against a plain port
])
def test_a_failing_connection_says_why_once(broker, caplog, settings, reason):
    conn = MqttConnection(settings(broker.port).model_copy(update={"reconnect_min": 1, "reconnect_max": 1}))
    with caplog.at_level(logging.ERROR, logger="thoughtful.transport.mqtt"):
        conn.start()
        wait_until(lambda: sum("cannot connect to MQTT" in r.getMessage() for r in caplog.records) >= 1, timeout=20)
        failures = conn._failure
        threading.Event().wait(2.5)  # more attempts fail the same way: not said again
        conn.stop()
    said = [r.getMessage() for r in caplog.records if "cannot connect to MQTT" in r.getMessage()]
    assert len(said) == 1 and reason in said[0] and reason in failures, said


def test_availability_payloads_of_each_protocol():
    from thoughtful.drivers.mqtt import online

    assert online(b'{"state": "online"}') and not online(b'{"state": "offline"}')  # Zigbee2MQTT
    assert online(b"Online") and not online(b"Offline")                            # Tasmota LWT
    assert online(b"online") and not online(b"offline")                            # a thoughtful daemon
    with pytest.raises(ValueError, match="neither online nor offline"):
        online(b"maybe")
    assert Zigbee2Mqtt("zigbee2mqtt/desk").availability_topic() == "zigbee2mqtt/desk/availability"
    assert Tasmota("tasmota_1").availability_topic() == "tele/tasmota_1/LWT"
    assert JsonTopic("thoughtful/kitchen/ceiling_light").availability_topic() == "thoughtful/kitchen/availability"
