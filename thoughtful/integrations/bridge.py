"""The daemon's MQTT face: its topics for every device, Home Assistant discovery, and the text
``command`` topic (see :mod:`thoughtful.integrations.homeassistant` for the topics and payloads).

Incoming messages are parsed on paho's thread and handed to the daemon's owner thread as work
(:meth:`Daemon.submit`); outgoing state is published when the daemon says a device changed
(:meth:`publish_device`) or a request was answered (:meth:`publish_utterance`). The bridge
holds no state of its own beyond the connection and the replies to the last text commands that
carried an id (:class:`AnsweredCommands`): a command is never carried out twice.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from typing import TYPE_CHECKING, Callable

from thoughtful.integrations import homeassistant as ha
from thoughtful.state.device import Change
from thoughtful.state.provenance import Source
from thoughtful.transport.mqtt import MqttConnection, parsing

if TYPE_CHECKING:
    from thoughtful.daemon import Daemon
    from thoughtful.understanding.interpreter import Interpretation

log = logging.getLogger(__name__)


class AnsweredCommands:
    """The replies to the last ``kept`` text commands that carried an id, for ``within``
    seconds. The same command with the same id again — a QoS 1 message redelivered after its
    acknowledgement was lost, a client retrying after a timeout — gets the same reply and is not
    carried out a second time: "the heat up 2 degrees" sent twice would be 4."""

    def __init__(self, clock: Callable[[], float], kept: int = 256, within: float = 600.0) -> None:
        self.clock, self.kept, self.within = clock, kept, within
        self._replies: OrderedDict[tuple[str, str], tuple[float, str]] = OrderedDict()

    def reply_to(self, command: ha.TextCommand) -> str | None:
        """The reply already sent to ``command``, or None (also for a command with no id)."""
        answered = self._replies.get(self._key(command)) if command.id is not None else None
        return answered[1] if answered and self.clock() - answered[0] <= self.within else None

    def add(self, command: ha.TextCommand, reply: str) -> None:
        if command.id is None:
            return
        self._replies[self._key(command)] = (self.clock(), reply)
        self._replies.move_to_end(self._key(command))
        while len(self._replies) > self.kept:
            self._replies.popitem(last=False)

    @staticmethod
    def _key(command: ha.TextCommand) -> tuple[str, str]:
        return repr(command.id), command.text


class MqttBridge:
    def __init__(self, daemon: Daemon, connection: MqttConnection, topics: ha.Topics) -> None:
        self.daemon = daemon
        self.connection = connection
        self.topics = topics
        self.answered = AnsweredCommands(daemon.clock)

    # --- life cycle --------------------------------------------------------------------
    def start(self) -> None:
        self._subscribe()
        self.connection.on_connect_callbacks.append(lambda: self.daemon.submit(self.publish_all))
        self.connection.start()
        self.publish_all()

    def stop(self) -> None:
        self.connection.stop(last_words=(self.topics.availability, "offline"))

    # --- in ----------------------------------------------------------------------------
    def _subscribe(self) -> None:
        conn, daemon = self.connection, self.daemon
        for name, device in daemon.home.devices.items():
            base = self.topics.device(name)
            conn.subscribe(f"{base}/set", self._command_handler(name, ha.snapshot_command, "mqtt"), command=True)
            if device.model.role == "light":
                conn.subscribe(f"{base}/light/set", self._command_handler(name, ha.light_command, "home_assistant"),
                               command=True)
            if device.model.role == "climate":
                for kind in ("mode", "temperature", "fan_mode"):
                    conn.subscribe(f"{base}/climate/{kind}/set", self._command_handler(
                        name, lambda payload, kind=kind: ha.climate_command(kind, payload), "home_assistant"),
                        command=True)
        conn.subscribe(self.topics.command,
                       lambda topic, payload: daemon.submit(lambda: self._text_command(payload)), command=True)
        if daemon.settings.homeassistant.enabled:
            conn.subscribe(self.topics.ha_status, lambda topic, payload: payload.strip() == b"online"
                           and daemon.submit(self.publish_all))

    def _command_handler(self, name: str, parse: Callable[[bytes], Change], by: Source):
        if by == "home_assistant":  # its unit conversions land between the device's steps
            parse = (lambda raw, read=parse: ha.on_device_steps(read(raw), self.daemon.home[name]))
        return parsing(parse, lambda change: self.daemon.submit(lambda: self.daemon.apply_change(name, change, by)))

    def _text_command(self, payload: bytes) -> None:
        """Text on ``command`` (plain, or JSON ``{"text", "id"}``): the reply, or what was wrong
        with the message, goes to ``response`` with the request's id."""
        try:
            command = ha.TextCommand.parse(payload)
        except ValueError as exc:
            log.warning("ignored message on %s: %s", self.topics.command, exc)
            self._publish(self.topics.response, json.dumps({"id": ha.TextCommand.id_of(payload), "error": str(exc)}))
            return
        earlier = self.answered.reply_to(command)
        if earlier is not None:
            log.warning("command %r (id %r) was already carried out: answered again, not done again",
                        command.text[:200], command.id)
            self._publish(self.topics.response, earlier)
            return
        result = self.daemon.handle_text(command.text)
        reply = json.dumps({"id": command.id, "utterance": command.text, "kind": result.kind, "say": result.say})
        self.answered.add(command, reply)
        self._publish(self.topics.response, reply)

    # --- out ---------------------------------------------------------------------------
    def _publish(self, topic: str, payload: str, retain: bool = False) -> None:
        self.connection.publish(topic, payload, retain=retain)

    def publish_device(self, name: str) -> None:
        device = self.daemon.home[name]
        base = self.topics.device(name)
        self._publish(base, json.dumps(device.snapshot), retain=True)
        if device.model.role == "light":
            self._publish(f"{base}/light", json.dumps(ha.light_state(device.snapshot)), retain=True)
        elif device.model.role == "climate":  # what it is doing now: off, idle (also while it rests), heating
            action = "off" if device.snapshot["state"] == "off" else self.daemon.actions.get(name, "idle")
            self._publish(f"{base}/action", action, retain=True)

    def publish_reachable(self, name: str) -> None:
        """``<device>/availability``, for devices that say when they go offline."""
        if self.daemon.drivers[name].reports_reachability:
            self._publish(f"{self.topics.device(name)}/availability",
                          "online" if self.daemon.home[name].reachable else "offline", retain=True)

    def publish_utterance(self, text: str, result: Interpretation) -> None:
        event = {"action": "command", "explanation": "question"}.get(result.kind, "rejected")
        self._publish(self.topics.utterance, json.dumps({"event_type": event, "utterance": text,
                                                         "kind": result.kind, "say": result.say}))
        # One message, so the text and its attributes can never come from two different replies.
        self._publish(self.topics.explanation, json.dumps(
            {"text": result.say, "utterance": text, "kind": result.kind}), retain=True)

    def publish_diagnostics(self) -> None:
        self._publish(self.topics.diagnostics, json.dumps(self.daemon.diagnostics()), retain=True)

    def publish_all(self) -> None:
        daemon = self.daemon
        if daemon.settings.homeassistant.enabled:
            reporting = {n for n, driver in daemon.drivers.items() if driver.reports_reachability}
            for topic, payload in ha.discovery_payloads(self.topics, list(daemon.home.devices.values()),
                                                        daemon.settings.node_name, reporting).items():
                self._publish(topic, json.dumps(payload), retain=True)
        self._publish(self.topics.availability, "online", retain=True)
        self.publish_diagnostics()
        for name in daemon.home.devices:
            self.publish_device(name)
            self.publish_reachable(name)
