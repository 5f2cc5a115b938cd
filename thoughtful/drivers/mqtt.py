"""Devices people already own, over MQTT: Zigbee2MQTT lights, Tasmota switches and dimmers,
and a generic JSON-topic device.

Each protocol is a codec of pure functions (snapshot → messages, message →
partial snapshot), easy to test against fixed payloads; :class:`MqttDevice`
wires a codec to the daemon's :class:`~thoughtful.transport.mqtt.MqttConnection`.
A message a codec cannot read raises :class:`ValueError`; the driver logs it with
its topic and ignores it.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any, Protocol

from thoughtful.drivers.base import Driver
from thoughtful.transport.mqtt import parsing


class Codec(Protocol):
    def commands(self, snapshot: dict[str, Any]) -> list[tuple[str, str]]: ...
    def state_topics(self) -> list[str]: ...
    def parse(self, topic: str, payload: bytes) -> dict[str, Any]: ...
    def availability_topic(self) -> str: ...


def online(payload: bytes) -> bool:
    """ "online", "Online", or Zigbee2MQTT's ``{"state": "online"}`` → True; "offline" → False."""
    text = payload.decode("utf-8", "replace").strip()
    if text.startswith("{"):
        text = str(_json_object(payload).get("state", ""))
    if text.lower() in ("online", "offline"):
        return text.lower() == "online"
    raise ValueError(f"availability {text[:40]!r} is neither online nor offline")


def _json_object(payload: bytes) -> dict[str, Any]:
    try:
        data = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object, got {type(data).__name__}")
    return data


def _on_off(value: Any) -> str:
    if isinstance(value, str) and value.upper() in ("ON", "OFF"):
        return value.lower()
    raise ValueError(f"state {value!r} is not ON or OFF")


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{what} {value!r} is not a number")
    return value


class Zigbee2Mqtt:
    """``<topic>/set`` takes JSON; ``<topic>`` reports JSON (brightness 0-254, colour temperature in mireds)."""

    def __init__(self, topic: str) -> None:
        self.topic = topic

    def commands(self, snapshot: dict[str, Any]) -> list[tuple[str, str]]:
        body: dict[str, Any] = {"state": snapshot["state"].upper()}
        if snapshot["state"] == "on":
            body["brightness"] = round(snapshot.get("brightness", 100) * 254 / 100)
            if "color_temp" in snapshot:
                body["color_temp"] = round(1_000_000 / snapshot["color_temp"])
            if "color" in snapshot:
                body["color"] = {"hue": snapshot["color"]["hue"], "saturation": snapshot["color"]["saturation"]}
        return [(f"{self.topic}/set", json.dumps(body))]

    def state_topics(self) -> list[str]:
        return [self.topic]

    def availability_topic(self) -> str:
        return f"{self.topic}/availability"

    def parse(self, topic: str, payload: bytes) -> dict[str, Any]:
        data = _json_object(payload)
        out: dict[str, Any] = {}
        if "state" in data:
            out["state"] = _on_off(data["state"])
        if "brightness" in data:
            out["brightness"] = max(1, round(_number(data["brightness"], "brightness") * 100 / 254))
        mode = data.get("color_mode")
        if "color_temp" in data and mode in (None, "color_temp"):
            mired = _number(data["color_temp"], "color_temp")
            if mired <= 0:
                raise ValueError(f"color_temp {mired} mired is not positive")
            out["color_temp"] = round(1_000_000 / mired)
        color = data.get("color")
        if isinstance(color, dict) and "hue" in color and mode in (None, "hs"):
            out["color"] = {"hue": _number(color["hue"], "hue"), "saturation": _number(color.get("saturation", 100), "saturation")}
        return out


class Tasmota:
    """``cmnd/<topic>/POWER`` and ``cmnd/<topic>/Dimmer``; state on ``stat/<topic>/RESULT``,
    ``stat/<topic>/POWER`` and ``tele/<topic>/STATE``."""

    def __init__(self, topic: str, dimmer: bool = True) -> None:
        self.topic = topic
        self.dimmer = dimmer

    def commands(self, snapshot: dict[str, Any]) -> list[tuple[str, str]]:
        out = [(f"cmnd/{self.topic}/POWER", snapshot["state"].upper())]
        if self.dimmer and snapshot["state"] == "on" and "brightness" in snapshot:
            out.append((f"cmnd/{self.topic}/Dimmer", str(snapshot["brightness"])))
        return out

    def state_topics(self) -> list[str]:
        return [f"stat/{self.topic}/RESULT", f"stat/{self.topic}/POWER", f"tele/{self.topic}/STATE"]

    def availability_topic(self) -> str:
        return f"tele/{self.topic}/LWT"

    def parse(self, topic: str, payload: bytes) -> dict[str, Any]:
        if topic.endswith("/POWER"):
            return {"state": _on_off(payload.decode("utf-8", "replace").strip())}
        data = _json_object(payload)
        out: dict[str, Any] = {}
        if "POWER" in data:
            out["state"] = _on_off(data["POWER"])
        if "Dimmer" in data and self.dimmer:
            out["brightness"] = _number(data["Dimmer"], "Dimmer")
        return out


class JsonTopic:
    """Our own snapshot as JSON: commands on ``<topic>/set``, (partial) snapshots from ``<topic>``."""

    def __init__(self, topic: str) -> None:
        self.topic = topic

    def commands(self, snapshot: dict[str, Any]) -> list[tuple[str, str]]:
        return [(f"{self.topic}/set", json.dumps(snapshot))]

    def state_topics(self) -> list[str]:
        return [self.topic]

    def availability_topic(self) -> str:
        """Another thoughtful daemon's device: that daemon's own availability."""
        return f"{self.topic.rsplit('/', 1)[0]}/availability"

    def parse(self, topic: str, payload: bytes) -> dict[str, Any]:
        return _json_object(payload)


CODECS = {"zigbee2mqtt": Zigbee2Mqtt, "tasmota": Tasmota, "json": JsonTopic}


class MqttDevice(Driver):
    """A device behind MQTT topics. Reports what the device says about itself as external changes."""

    def __init__(self, codec: Codec, connection) -> None:
        super().__init__()
        self.codec = codec
        self.connection = connection
        for topic in codec.state_topics():  # concrete topics, so the codec knows which one spoke
            connection.subscribe(topic, parsing(partial(codec.parse, topic), self.report_external))
        connection.subscribe(codec.availability_topic(), parsing(online, self.report_reachable))

    @property
    def reports_reachability(self) -> bool:
        return True

    def apply(self, snapshot: dict[str, Any]) -> None:
        for topic, payload in self.codec.commands(snapshot):
            self.connection.publish(topic, payload)
