"""One MQTT connection for the whole daemon (paho-mqtt 2.x, MQTT 3.1.1 by default).

- reconnects with backoff on its own (paho's network thread);
- re-subscribes and re-publishes every retained message after each (re)connect, so
  state published while the broker was down reaches it once it is back;
- hands incoming messages to handlers; handlers must be quick (the daemon's
  handlers only put them on its queue).
"""

from __future__ import annotations

import logging
import socket
import ssl
import threading
from typing import Any, Callable

import paho.mqtt.client as paho
from paho.mqtt.client import topic_matches_sub

from thoughtful.transport.mqtt_settings import MqttSettings

log = logging.getLogger(__name__)

Handler = Callable[[str, bytes], None]
MAX_PAYLOAD = 16 * 1024
"""Bytes: no command, snapshot or reading is longer; a bigger message is dropped unread."""


def parsing(parse: Callable[[bytes], Any], deliver: Callable[[Any], None]) -> Handler:
    """A handler that parses the payload and delivers the result; a payload ``parse`` rejects
    (ValueError) is logged with its topic and ignored."""
    def handle(topic: str, payload: bytes) -> None:
        try:
            value = parse(payload)
        except ValueError as exc:
            log.warning("ignored message on %s: %s (payload %r)", topic, exc, payload[:200])
            return
        deliver(value)
    return handle


def no_delay(sock) -> None:
    """Turn Nagle's algorithm off: paho leaves it on, and a QoS 1 command then waits ~40 ms for
    the broker's delayed acknowledgement (46 ms p50 instead of 7–12 ms, measured)."""
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except (AttributeError, OSError):  # not a TCP socket (websockets, a unix socket): nothing to do
        pass


class MqttConnection:
    def __init__(self, settings: MqttSettings, will: tuple[str, str] | None = None) -> None:
        self.settings = settings
        protocol = paho.MQTTv5 if settings.protocol == "5" else paho.MQTTv311
        self.client = paho.Client(paho.CallbackAPIVersion.VERSION2, client_id=settings.client_id or "",
                                  protocol=protocol)
        if settings.username:
            self.client.username_pw_set(settings.username, settings.password)
        if settings.tls:
            self.client.tls_set(ca_certs=str(settings.ca_certs) if settings.ca_certs else None,
                                cert_reqs=ssl.CERT_REQUIRED)
        if will:
            self.client.will_set(will[0], will[1], qos=1, retain=True)
        self.client.reconnect_delay_set(settings.reconnect_min, settings.reconnect_max)
        self.client.on_connect = self._on_connect
        self.client.on_disconnect = self._on_disconnect
        self.client.on_message = self._on_message
        self._failure: str | None = None
        """Why the last attempt to connect failed, said once until it changes or succeeds."""
        self._paho_reconnect = self.client.reconnect
        self.client.reconnect = self._reconnect  # paho swallows the reason a connection fails
        self._handlers: list[tuple[str, Handler, bool]] = []
        self._retained: dict[str, str] = {}
        self._lock = threading.Lock()
        self.connected = threading.Event()
        self.on_connect_callbacks: list[Callable[[], None]] = []

    # --- lifecycle ---------------------------------------------------------------------
    def start(self) -> None:
        self.client.connect_async(self.settings.host, self.settings.port, self.settings.keepalive)
        self.client.loop_start()

    def stop(self, last_words: tuple[str, str] | None = None) -> None:
        """Publish ``last_words`` (retained) if connected, then disconnect."""
        if last_words and self.connected.is_set():
            info = self.client.publish(last_words[0], last_words[1], qos=1, retain=True)
            try:
                info.wait_for_publish(timeout=2)
            except (RuntimeError, ValueError):
                pass
        self.client.disconnect()
        self.client.loop_stop()

    # --- messaging -----------------------------------------------------------------------
    def subscribe(self, topic_filter: str, handler: Handler, command: bool = False) -> None:
        """Deliver messages on ``topic_filter`` to ``handler``. A ``command`` topic ignores
        retained messages: a command left on the broker would otherwise run again at every
        start and every reconnect."""
        with self._lock:
            self._handlers.append((topic_filter, handler, command))
        if self.connected.is_set():
            self.client.subscribe(topic_filter, qos=1)

    def publish(self, topic: str, payload: str, retain: bool = False, qos: int = 1) -> None:
        """Publish now if connected; retained messages are also re-sent after every reconnect."""
        if retain:
            with self._lock:
                self._retained[topic] = payload
        if self.connected.is_set():
            self.client.publish(topic, payload, qos=qos, retain=retain)

    # --- paho callbacks (network thread) -------------------------------------------------
    def _reconnect(self):
        try:
            return self._paho_reconnect()
        except OSError as exc:  # refused, unresolvable, unreachable, TLS (wrong CA, hostname, plain port)
            reason = f"{type(exc).__name__}: {exc}"
            if self.settings.tls and isinstance(exc, (ssl.SSLError, ConnectionResetError)):
                reason += "; does the broker speak TLS on this port, with a certificate from ca_certs for this host?"
            if reason != self._failure:
                log.error("cannot connect to MQTT %s:%d (%s); retrying every %d–%d s", self.settings.host,
                          self.settings.port, reason, self.settings.reconnect_min, self.settings.reconnect_max)
            self._failure = reason
            raise

    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            log.error("MQTT %s:%d refused the connection: %s", self.settings.host, self.settings.port, reason_code)
            return
        self._failure = None
        log.info("MQTT connected to %s:%d", self.settings.host, self.settings.port)
        no_delay(client.socket())
        self.connected.set()
        with self._lock:
            filters = sorted({f for f, _, _ in self._handlers})
            retained = dict(self._retained)
        for topic_filter in filters:
            client.subscribe(topic_filter, qos=1)
        for topic, payload in retained.items():
            client.publish(topic, payload, qos=1, retain=True)
        for callback in list(self.on_connect_callbacks):
            callback()

    def _on_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        self.connected.clear()
        if reason_code != 0:
            log.warning("MQTT connection lost (%s); reconnecting", reason_code)

    def _on_message(self, client, userdata, message) -> None:
        if len(message.payload) > MAX_PAYLOAD:
            log.warning("ignored a %d-byte message on %s: more than %d bytes is not a command or a reading",
                        len(message.payload), message.topic, MAX_PAYLOAD)
            return
        with self._lock:
            matching = [(h, command) for f, h, command in self._handlers if topic_matches_sub(f, message.topic)]
        if message.retain and any(command for _, command in matching):
            log.warning("ignored a retained command on %s: commands are never replayed (payload %r)",
                        message.topic, message.payload[:200])
        handlers = [h for h, command in matching if not (command and message.retain)]
        for handler in handlers:
            try:
                handler(message.topic, message.payload)
            except Exception:  # a handler bug must not kill the network thread
                log.exception("MQTT handler for %s failed", message.topic)
