"""The daemon: one home, its drivers, the interpreter, MQTT and Home Assistant.

Concurrency, kept simple: **one thread owns all state** — the one in :meth:`Daemon.run`.
It takes work from a queue and runs the periodic tick (control loop, sensor
readings). Other threads only :meth:`Daemon.submit` work to that queue:

- paho's network thread (MQTT commands, Home Assistant, devices reporting changes);
- the stdin reader (typed utterances) and, with speech, the audio thread (transcripts).

So no lock guards the home, the drivers or the provenance log.
"""

from __future__ import annotations

import json
import logging
import queue
import signal
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from thoughtful.conversation import Conversation
from thoughtful.drivers.base import Driver
from thoughtful.drivers.factory import make_driver
from thoughtful.errors import StateError, ThoughtfulError
from thoughtful.integrations import homeassistant as ha
from thoughtful.integrations.mqtt import MqttConnection, parsing
from thoughtful.settings import Settings
from thoughtful.speech.recognizer import Transcript
from thoughtful.state.device import Change
from thoughtful.state.home import Home
from thoughtful.state.persistence import StateFile
from thoughtful.state.provenance import Event, Source
from thoughtful.state.registry import load_home_config
from thoughtful.state.schema import load_state_models
from thoughtful.systemd import Notifier
from thoughtful.understanding.interpreter import Interpretation, Request
from thoughtful.understanding.loader import ensure_model, load_interpreter

log = logging.getLogger(__name__)

SENSOR_SOURCES = {"device", "control_loop"}
"""Who may report a sensor reading: not a command (MQTT ``/set``, Home Assistant, voice)."""
WHY = {"device": "changed at the device", "home_assistant": "changed from Home Assistant",
       "mqtt": "changed over MQTT"}


class Daemon:
    def __init__(self, settings: Settings, *, train_if_needed: bool = True, pin_factory=None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.clock = clock
        self.models = load_state_models(settings.all_statemodel_dirs)
        self.config = load_home_config(settings.home_file, self.models)
        self.state_file = StateFile(settings.state_file)
        self.home = Home.from_config(self.config, self.models, self.state_file)
        if train_if_needed:
            ensure_model(settings.language_model_dir, self.models)
        self.interpreter = load_interpreter(settings.language_model_dir, self.models)
        self.conversation = Conversation()
        self.topics = ha.Topics(settings.base_topic, settings.node_id, settings.homeassistant.discovery_prefix)
        self.connection = MqttConnection(settings.mqtt, will=(self.topics.availability, "offline")) \
            if settings.mqtt else None
        self.events: queue.Queue[Callable[[], Any]] = queue.Queue()
        self.stopping = threading.Event()
        self.notifier = Notifier()
        self.drivers: dict[str, Driver] = {}
        for dc in self.config.devices:
            driver = make_driver(dc, connection=self.connection, record=self._control_record(dc.name),
                                 pin_factory=pin_factory,
                                 room_temperature=self.home[dc.name].snapshot.get("room_temperature", 68))
            driver.on_external_change = self._external_reporter(dc.name, "device")
            self.drivers[dc.name] = driver
        self.actions: dict[str, str] = {}
        self.unsaved = False
        """Changes not yet in the state file; saved as soon as the queue is empty."""

    # --- threads other than the owner call only this -----------------------------------
    def submit(self, work: Callable[[], Any]) -> None:
        self.events.put(work)

    def _external_reporter(self, name: str, by: Source):
        return lambda changed: self.submit(lambda: self.external_change(name, changed, by))

    # --- life cycle --------------------------------------------------------------------
    def start(self) -> None:
        for name, driver in self.drivers.items():
            driver.apply(self.home[name].snapshot)
        if self.connection:
            self._subscribe()
            self.connection.on_connect_callbacks.append(lambda: self.submit(self.publish_all))
            self.connection.start()
        self.publish_all()

    def run(self) -> None:
        """Serve until :attr:`stopping` is set; then shut down cleanly."""
        self.start()
        self.notifier.ready(f"{len(self.drivers)} devices")
        next_tick = self.clock()
        try:
            while not self.stopping.is_set():
                timeout = max(0.0, next_tick - self.clock())
                try:
                    work = self.events.get(timeout=min(timeout, 0.5))
                except queue.Empty:
                    work = None
                if work is not None:
                    try:
                        work()
                    except Exception:  # one bad event must not stop the daemon
                        log.exception("handling an event failed")
                if self.unsaved and self.events.empty():  # after replying, not before
                    self.save()
                if self.clock() >= next_tick:
                    self.tick(self.clock())
                    next_tick = self.clock() + self.settings.tick
                self.notifier.watchdog()
        finally:
            self.shutdown()

    def shutdown(self) -> None:
        self.notifier.stopping()
        self.save()
        if self.connection:
            self.connection.stop(last_words=(self.topics.availability, "offline"))
        for driver in self.drivers.values():
            driver.close()
        log.info("stopped; state saved")

    def save(self) -> None:
        self.state_file.save(self.home.to_json())
        self.unsaved = False

    # --- periodic work -----------------------------------------------------------------
    def tick(self, now: float) -> None:
        for name, driver in self.drivers.items():
            driver.tick(now)
            device = self.home[name]
            changed = False
            for key, value in driver.read().items():
                old = device.snapshot.get(key)
                if old is None or abs(float(old) - float(value)) >= 0.1:
                    try:
                        device.read_sensor(key, value)
                        changed = True
                    except StateError as exc:
                        log.warning("%s: sensor %s: %s", name, key, exc)
            if changed:
                self.publish_device(name)

    def _control_record(self, name: str):
        def record(action: str, why: str) -> None:
            previous = self.actions.get(name)
            self.actions[name] = action
            self.home.provenance.record(Event(at=datetime.now().astimezone(), device=name,
                                              changed={"action": action},
                                              from_={"action": previous} if previous else None,
                                              by="control_loop", why=why))
            log.info("%s: %s (%s)", name, action, why)
            if self.connection:
                self.connection.publish(f"{self.topics.device(name)}/action", action, retain=True)
        return record

    # --- what happens ------------------------------------------------------------------
    def handle_text(self, text: str, heard: Transcript | None = None) -> Interpretation:
        """Interpret an utterance (typed, spoken or sent over MQTT) and act on it; a spoken one
        carries the recognizer's transcript (its confidence and other readings)."""
        now = datetime.now().astimezone()
        request = Request(text=text, home=self.home, speaker_room=self.settings.speaker_room, now=now,
                          turns=self.conversation.recent(now),
                          heard_confidence=heard.confidence if heard else None,
                          heard_alternatives=list(heard.alternatives) if heard else [])
        result = self.interpreter.interpret(request)
        self.conversation.add(text, result.say, now)
        log.info("%r → %s", text, result.kind)
        log.debug("reply: %s", result.say)
        for applied in result.applied:
            if applied.changed:
                self.drivers[applied.device].apply(self.home[applied.device].snapshot)
                self.publish_device(applied.device)
        if result.applied:
            self.unsaved = True
        self.publish_utterance(text, result)
        return result

    def external_change(self, name: str, changed: dict[str, Any], by: Source) -> None:
        """A change that did not come from a voice: the device itself, Home Assistant, MQTT."""
        change = Change(state=changed.get("state"), set={k: v for k, v in changed.items() if k != "state"})
        self.apply_change(name, change, by)

    def apply_change(self, name: str, change: Change, by: Source) -> None:
        device = self.home[name]
        sensors = {k: change.set.pop(k) for k in list(change.set) if k in device.model.sensors}
        if sensors and by not in SENSOR_SOURCES:  # a command cannot make the room warmer
            log.warning("%s: ignored %s from %s: sensor readings come only from the device",
                        name, ", ".join(sensors), by)
            sensors = {}
        try:
            for key, value in sensors.items():
                device.read_sensor(key, value)
            applied = self.home.apply(name, change, by=by, why=WHY.get(by, by)) if not change.is_empty() else None
        except StateError as exc:
            log.warning("%s: ignored change from %s: %s", name, by, exc)
            return
        if applied and applied.changed and by != "device":
            self.drivers[name].apply(device.snapshot)
        if sensors or (applied and applied.changed):
            self.publish_device(name)
            self.unsaved = True

    # --- MQTT --------------------------------------------------------------------------
    def _subscribe(self) -> None:
        assert self.connection
        conn = self.connection
        for name, device in self.home.devices.items():
            base = self.topics.device(name)
            conn.subscribe(f"{base}/set", self._command_handler(name, ha.snapshot_command, "mqtt"), command=True)
            if device.type == "lamp":
                conn.subscribe(f"{base}/light/set", self._command_handler(name, ha.light_command, "home_assistant"),
                               command=True)
            if device.type == "thermostat":
                for kind in ("mode", "temperature", "fan_mode"):
                    conn.subscribe(f"{base}/climate/{kind}/set", self._command_handler(
                        name, lambda payload, kind=kind: ha.climate_command(kind, payload), "home_assistant"),
                        command=True)
        conn.subscribe(self.topics.command, lambda topic, payload: self.submit(lambda: self._text_command(payload)),
                       command=True)
        if self.settings.homeassistant.enabled:
            conn.subscribe(self.topics.ha_status, lambda topic, payload: payload.strip() == b"online"
                           and self.submit(self.publish_all))

    def _command_handler(self, name: str, parse: Callable[[bytes], Change], by: Source):
        return parsing(parse, lambda change: self.submit(lambda: self.apply_change(name, change, by)))

    def _text_command(self, payload: bytes) -> None:
        request_id = None
        try:
            text = payload.decode("utf-8").strip()
            if text.startswith("{"):
                data = json.loads(text)
                text, request_id = str(data.get("text", "")).strip(), data.get("id")
        except (UnicodeDecodeError, ValueError, AttributeError) as exc:
            log.warning("ignored message on %s: %s", self.topics.command, exc)
            return
        if not text:
            log.warning("ignored empty message on %s", self.topics.command)
            return
        result = self.handle_text(text)
        self._publish(self.topics.response, json.dumps(
            {"id": request_id, "utterance": text, "kind": result.kind, "say": result.say}))

    def _publish(self, topic: str, payload: str, retain: bool = False) -> None:
        if self.connection:
            self.connection.publish(topic, payload, retain=retain)

    def publish_device(self, name: str) -> None:
        device = self.home[name]
        base = self.topics.device(name)
        self._publish(base, json.dumps(device.snapshot), retain=True)
        if device.type == "lamp":
            self._publish(f"{base}/light", json.dumps(ha.light_state(device.snapshot)), retain=True)

    def publish_utterance(self, text: str, result: Interpretation) -> None:
        event = {"action": "command", "explanation": "question"}.get(result.kind, "rejected")
        self._publish(self.topics.utterance, json.dumps({"event_type": event, "utterance": text,
                                                         "kind": result.kind, "say": result.say}))
        self._publish(self.topics.explanation, result.say[:255], retain=True)
        self._publish(self.topics.explanation_attributes, json.dumps(
            {"text": result.say, "utterance": text, "kind": result.kind}), retain=True)

    def publish_all(self) -> None:
        if not self.connection:
            return
        if self.settings.homeassistant.enabled:
            payload = ha.discovery_payload(self.topics, list(self.home.devices.values()), self.settings.node_name)
            self._publish(self.topics.discovery, json.dumps(payload), retain=True)
        self._publish(self.topics.availability, "online", retain=True)
        for name in self.home.devices:
            self.publish_device(name)
        for name, action in self.actions.items():
            self._publish(f"{self.topics.device(name)}/action", action, retain=True)


def run_daemon(settings: Settings, train_if_needed: bool = True, read_stdin: bool = True,
               wav: Path | None = None) -> int:
    daemon = Daemon(settings, train_if_needed=train_if_needed)

    def stop(signum, _frame):
        log.info("signal %d: stopping", signum)
        daemon.stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if read_stdin and sys.stdin and not sys.stdin.closed:
        threading.Thread(target=_read_stdin, args=(daemon,), name="stdin", daemon=True).start()
    if settings.speech.microphone or wav:
        threading.Thread(target=_listen, args=(daemon, wav), name="listener", daemon=True).start()
    names = ", ".join(f"{d.name} ({d.room})" for d in daemon.home.devices.values())
    print(f"thoughtful is running. Devices: {names}. Type a request.", flush=True)
    daemon.run()
    return 0


def _listen(daemon: Daemon, wav: Path | None) -> None:
    """The audio thread: microphone (or a recording) → transcripts on the daemon's queue."""
    from thoughtful.speech.audio import AudioError, Microphone, read_wav
    from thoughtful.speech.factory import make_recognizer
    from thoughtful.speech.listener import Listener, speak
    speech = daemon.settings.speech
    try:
        recognizer = make_recognizer(speech, daemon.models, daemon.home, daemon.settings.data_dir)
        if wav is not None:
            audio = read_wav(wav)
            chunks = (audio[i:i + 480] for i in range(0, len(audio), 480))
        else:
            chunks = Microphone(speech.microphone or "default").chunks()

        def reply(heard: Transcript) -> None:
            say = daemon.handle_text(heard.text, heard).say
            if speech.reply_command:  # speaking takes a while: not on the daemon's thread
                threading.Thread(target=speak, args=(speech, say), name="speak", daemon=True).start()

        def heard(transcript: Transcript) -> None:
            daemon.submit(lambda: reply(transcript))

        Listener(recognizer, speech, heard, chunks).run()
    except (AudioError, ThoughtfulError) as exc:
        log.error("listening stopped: %s", exc)


def _read_stdin(daemon: Daemon) -> None:
    """Typed utterances: each line is handled by the daemon's thread and its reply printed."""
    for line in sys.stdin:
        if line.strip():
            text = line.strip()
            daemon.submit(lambda text=text: print(daemon.handle_text(text).say, flush=True))
    log.debug("standard input closed")
