"""Home Assistant over MQTT: device-based discovery and the payload formats, as pure functions.

Topics, under ``<base>/<node_id>`` (``thoughtful/<node_id>`` by default):

- ``availability``: ``online`` / ``offline`` (retained, also the last will);
- ``<device>``: the device's snapshot as JSON (retained); ``<device>/set`` takes a
  partial snapshot — the same convention as Zigbee2MQTT, so another thoughtful daemon
  can drive this device with an ``mqtt``/``json`` driver;
- ``<device>/light`` and ``<device>/light/set``: the Home Assistant JSON light schema;
- ``<device>/climate/<mode|temperature|fan_mode>/set``: climate commands;
- ``<device>/action``: heating / cooling / idle / off;
- ``explanation``: the last reply as JSON ``{"text", "utterance", "kind"}`` (one message:
  the sensor's state, ≤ 255 characters, and its attributes always belong together);
- ``utterance``: an event per utterance (command, question, rejected);
- ``command``: any client sends text here (plain, or JSON ``{"text", "id"}``) and gets
  the reply on ``response``.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from thoughtful import __version__
from thoughtful.state.device import Change, Device
from thoughtful.state.registry import slug

EVENT_TYPES = ["command", "question", "rejected"]


class Topics:
    def __init__(self, base: str, node_id: str, discovery_prefix: str = "homeassistant") -> None:
        self.root = f"{base}/{node_id}"
        self.node_id = node_id
        self.discovery_prefix = discovery_prefix
        self.discovery = f"{discovery_prefix}/device/{node_id}/config"
        self.ha_status = f"{discovery_prefix}/status"
        self.availability = f"{self.root}/availability"
        self.explanation = f"{self.root}/explanation"
        self.utterance = f"{self.root}/utterance"
        self.command = f"{self.root}/command"
        self.diagnostics = f"{self.root}/diagnostics"
        self.response = f"{self.root}/response"

    def device(self, name: str) -> str:
        return f"{self.root}/{slug(name)}"

    def device_discovery(self, name: str) -> str:
        """Where one device's Home Assistant discovery config goes."""
        return f"{self.discovery_prefix}/device/{self.node_id}_{slug(name)}/config"


class TextCommand(BaseModel):
    """A message on ``command``: plain text, or JSON ``{"text": "...", "id": ...}``."""

    model_config = ConfigDict(extra="ignore")
    text: str = Field(min_length=1)
    id: str | int | None = None

    @classmethod
    def parse(cls, payload: bytes) -> "TextCommand":
        """ValueError, saying what is wrong, for anything that is not a request."""
        try:
            text = payload.decode("utf-8").strip()
        except UnicodeDecodeError as exc:
            raise ValueError(f"not UTF-8 text ({exc.reason})") from exc
        command_id = None
        if text.startswith("{"):
            try:
                command = cls.model_validate_json(text)
            except ValidationError as exc:
                problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'message'}: {e['msg']}" for e in exc.errors())
                raise ValueError(f"not a command ({problems})") from None
            text, command_id = command.text.strip(), command.id
        if not text:
            raise ValueError("empty command")
        return cls(text=text, id=command_id)

    @staticmethod
    def id_of(payload: bytes) -> str | int | None:
        """The id of a message that could not be read as a command, when it has one."""
        try:
            data = json.loads(payload)
        except (ValueError, UnicodeDecodeError):
            return None
        value = data.get("id") if isinstance(data, dict) else None
        return value if isinstance(value, (str, int)) and not isinstance(value, bool) else None


DIAGNOSTICS = {"version": ("Version", {}), "model": ("Language model", {}), "recognizer": ("Recognizer", {}),
               "uptime": ("Uptime", {"device_class": "duration", "unit_of_measurement": "s"}),
               "last_problem": ("Last problem", {})}
"""The daemon's own state, as diagnostic sensors on its Home Assistant device: key → (name, extras)."""


def diagnostic_sensors(topics: Topics, node: str) -> dict[str, Any]:
    return {key: {"p": "sensor", "unique_id": f"{node}_{key}", "name": name, "entity_category": "diagnostic",
                  "state_topic": topics.diagnostics, "value_template": f"{{{{ value_json.{key} }}}}", **extra}
            for key, (name, extra) in DIAGNOSTICS.items()}


def capitalized(name: str) -> str:
    """ "desk lamp" → "Desk lamp", as Home Assistant writes names."""
    return name[:1].upper() + name[1:]


def device_components(device: Device, base: str, uid: str) -> dict[str, Any]:
    """The Home Assistant entities of one device, by its type's role: a climate and its
    temperature, a light, or a switch."""
    key, role = slug(device.name), device.model.role
    if role == "climate":
        return {f"{key}_climate": climate_config(device, base, uid),
                f"{key}_temperature": temperature_sensor_config(device, base, uid)}
    if role == "light":
        return {f"{key}_light": light_config(device, base, uid)}
    if role == "switch":
        return {f"{key}_switch": {
            "p": "switch", "unique_id": uid, "name": None, "command_topic": f"{base}/set",
            "state_topic": base, "value_template": "{{ value_json.state }}",
            "payload_on": '{"state": "on"}', "payload_off": '{"state": "off"}',
            "state_on": "on", "state_off": "off"}}
    return {}


def discovery_payloads(topics: Topics, devices: list[Device], node_name: str | None,
                       reporting: set[str] = frozenset()) -> dict[str, dict[str, Any]]:
    """Retained device-based discovery configs, by topic: one for the daemon itself (named
    ``thoughtful <node_id>`` unless ``node_name`` says otherwise; its last explanation and its
    utterance events), and one Home Assistant device per device, in its room's area and linked
    to the daemon (``via_device``), as Zigbee2MQTT and ESPHome do. A device in ``reporting``
    (it says when it goes offline) is available only while both it and the daemon are."""
    node = f"thoughtful_{topics.node_id}"
    origin = {"name": "thoughtful", "sw": __version__}
    payloads = {topics.discovery: {
        "dev": {"ids": [node], "name": node_name or f"thoughtful {topics.node_id}",
                "mf": "thoughtful", "mdl": "offline voice daemon", "sw": __version__},
        "o": origin, "availability_topic": topics.availability, "qos": 1,
        "cmps": {
            "explanation": {
                "p": "sensor", "unique_id": f"{node}_explanation", "name": "Last explanation",
                "state_topic": topics.explanation, "value_template": "{{ value_json.text[:255] }}",
                "json_attributes_topic": topics.explanation, "json_attributes_template": "{{ value_json | tojson }}",
                "icon": "mdi:comment-text-outline"},
            "utterance": {
                "p": "event", "unique_id": f"{node}_utterance", "name": "Utterance",
                "state_topic": topics.utterance, "event_types": EVENT_TYPES, "icon": "mdi:microphone-message"},
            **diagnostic_sensors(topics, node),
        }}}
    for device in devices:
        uid = f"{node}_{slug(device.name)}"
        dev: dict[str, Any] = {"ids": [uid], "name": capitalized(device.name), "mf": "thoughtful",
                               "mdl": device.model.description or device.type, "via_device": node}
        if device.room:
            dev["suggested_area"] = capitalized(device.room)
        available: dict[str, Any] = {"availability_topic": topics.availability}
        if device.name in reporting:
            available = {"availability": [{"topic": topics.availability},
                                          {"topic": f"{topics.device(device.name)}/availability"}],
                         "availability_mode": "all"}
        payloads[topics.device_discovery(device.name)] = {
            "dev": dev, "o": origin, **available, "qos": 1,
            "cmps": device_components(device, topics.device(device.name), uid)}
    return payloads


def temperature_sensor_config(device: Device, base: str, uid: str) -> dict[str, Any]:
    """The room temperature as its own sensor, so Home Assistant keeps its statistics (Home
    Assistant shows it in its own unit system)."""
    return {"p": "sensor", "unique_id": f"{uid}_temperature", "name": "Temperature",
            "device_class": "temperature", "state_class": "measurement", "unit_of_measurement": "°F",
            "state_topic": base, "value_template": "{{ value_json.room_temperature | default('unknown') }}"}


def light_config(device: Device, base: str, uid: str) -> dict[str, Any]:
    settings = device.model.settings
    modes = [m for m, key in (("color_temp", "color_temp"), ("hs", "color")) if key in settings]
    config: dict[str, Any] = {
        "p": "light", "unique_id": uid, "name": None, "schema": "json",  # named after its device
        "command_topic": f"{base}/light/set", "state_topic": f"{base}/light",
        "brightness": "brightness" in settings, "brightness_scale": 100,
        "flash": False, "transition": False,  # not implemented by the drivers: not offered
        "supported_color_modes": modes or (["brightness"] if "brightness" in settings else ["onoff"]),
    }
    if "color_temp" in settings:
        spec = settings["color_temp"]
        config.update(color_temp_kelvin=True, min_kelvin=int(spec.min), max_kelvin=int(spec.max))
    return config


def climate_config(device: Device, base: str, uid: str) -> dict[str, Any]:
    setpoint = device.model.settings["setpoint"]
    return {
        "p": "climate", "unique_id": uid, "name": None,
        "modes": [m for m in device.model.states if m not in device.unavailable],
        "mode_command_topic": f"{base}/climate/mode/set",
        "mode_state_topic": base, "mode_state_template": "{{ value_json.state }}",
        "temperature_command_topic": f"{base}/climate/temperature/set",
        "temperature_state_topic": base,
        "temperature_state_template": "{{ value_json.setpoint | default('') }}",
        "current_temperature_topic": base,
        "current_temperature_template": "{{ value_json.room_temperature | default('') }}",
        "action_topic": f"{base}/action",
        "fan_modes": list(device.model.settings["fan"].values),
        "fan_mode_command_topic": f"{base}/climate/fan_mode/set",
        "fan_mode_state_topic": base, "fan_mode_state_template": "{{ value_json.fan }}",
        "min_temp": setpoint.min, "max_temp": setpoint.max, "temp_step": setpoint.step or 1,
        "temperature_unit": "F", "precision": 0.1,
    }


def light_state(snapshot: dict[str, Any]) -> dict[str, Any]:
    """Our lamp snapshot in the Home Assistant JSON light schema."""
    state: dict[str, Any] = {"state": "ON" if snapshot["state"] == "on" else "OFF"}
    if snapshot["state"] == "on":
        if "brightness" in snapshot:
            state["brightness"] = snapshot["brightness"]
        if "color" in snapshot:
            state["color_mode"] = "hs"
            state["color"] = {"h": snapshot["color"]["hue"], "s": snapshot["color"]["saturation"]}
        elif "color_temp" in snapshot:
            state["color_mode"] = "color_temp"
            state["color_temp"] = snapshot["color_temp"]
    return state


def light_command(payload: bytes) -> Change:
    """A Home Assistant JSON light command → a :class:`Change`; ValueError when malformed."""
    try:
        data = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    change = Change()
    if "state" in data:
        if data["state"] not in ("ON", "OFF"):
            raise ValueError(f"state {data['state']!r} is not ON or OFF")
        change.state = data["state"].lower()
    if "brightness" in data:
        change.set["brightness"] = data["brightness"]
    if "color_temp" in data:
        change.set["color_temp"] = data["color_temp"]
    if "color" in data:
        color = data["color"]
        if not isinstance(color, dict) or "h" not in color:
            raise ValueError(f"color {color!r} has no 'h'")
        change.set["color"] = {"hue": color["h"], "saturation": color.get("s", 100)}
    if change.state == "off":
        change.set.clear()
    elif change.set and change.state is None:
        change.state = "on"
    if change.is_empty():
        raise ValueError("nothing to change")
    return change


def climate_command(kind: str, payload: bytes) -> Change:
    """``mode``, ``temperature`` or ``fan_mode`` command → a :class:`Change`; ValueError when malformed."""
    text = payload.decode("utf-8", "replace").strip()
    if kind == "mode":
        return Change(state=text)
    if kind == "fan_mode":
        return Change(set={"fan": text})
    if kind == "temperature":
        try:
            return Change(set={"setpoint": float(text)})
        except ValueError as exc:
            raise ValueError(f"temperature {text!r} is not a number") from exc
    raise ValueError(f"unknown climate command {kind!r}")


def on_device_steps(change: Change, device: Device) -> Change:
    """A temperature from Home Assistant rounded to the setting's step: a °C Home Assistant
    sends 21 °C as 69.8 °F to a thermostat that steps by 1 °F, which holds 70. (Only
    temperatures: Home Assistant converts no other unit, and a brightness of 33% is meant.)"""
    for key, value in change.set.items():
        spec = device.model.settings.get(key)
        if spec is not None and spec.quantity == "temperature" and spec.step and isinstance(value, (int, float)) \
                and not isinstance(value, bool):
            change.set[key] = round(round(value / spec.step) * spec.step, 6)
    return change


def snapshot_command(payload: bytes) -> Change:
    """A (partial) snapshot sent to ``<device>/set`` → a :class:`Change`."""
    try:
        data = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"not JSON: {exc}") from exc
    if not isinstance(data, dict) or not data:
        raise ValueError("expected a non-empty JSON object")
    state = data.pop("state", None)
    return Change(state=state, set=data)
