"""The daemon: one home, its drivers and the interpreter, wired to the MQTT bridge
(:mod:`thoughtful.integrations.bridge`), Home Assistant's Assist (Wyoming) and speech.

Concurrency, kept simple: **one thread owns all state** — the one in :meth:`Daemon.run`.
It takes work from a queue and runs the periodic tick (control loop, sensor
readings). Other threads only :meth:`Daemon.submit` work to that queue:

- paho's network thread (MQTT commands, Home Assistant, devices reporting changes);
- the stdin reader (typed utterances) and, with speech, the audio thread (transcripts).

So no lock guards the home, the drivers or the provenance log.
"""

from __future__ import annotations

import concurrent.futures
import logging
import queue
import signal
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import numpy as np

from thoughtful import __version__
from thoughtful.conversation import Conversation
from thoughtful.drivers.base import Driver
from thoughtful.drivers.factory import make_driver
from thoughtful.errors import StateError, ThoughtfulError
from thoughtful.integrations import homeassistant as ha
from thoughtful.integrations.bridge import MqttBridge
from thoughtful.integrations.wyoming_handler import WyomingServer
from thoughtful.settings import Settings
from thoughtful.speech.recognizer import Recognizer, Transcript
from thoughtful.state.device import Change
from thoughtful.state.home import Home
from thoughtful.state.persistence import StateFile
from thoughtful.state.provenance import Event, Source
from thoughtful.state.registry import load_home_config
from thoughtful.state.schema import load_state_models
from thoughtful.systemd import Notifier
from thoughtful.transport.mqtt import MqttConnection
from thoughtful.understanding.interpreter import Interpretation, Request
from thoughtful.understanding.loader import ensure_model, load_interpreter

log = logging.getLogger(__name__)


class LastProblem(logging.Handler):
    """Remembers the last warning or error the daemon logged, for Home Assistant."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.last: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.last = f"{record.levelname.lower()}: {record.getMessage()}"[:255]
        except Exception:  # a broken log call must not break logging
            self.handleError(record)


SENSOR_SOURCES = {"device", "control_loop"}
"""Who may report a sensor reading: not a command (MQTT ``/set``, Home Assistant, voice)."""
MAX_QUEUE = 10_000
"""Events waiting for the owner thread before new ones are shed (a flood, a stuck handler)."""
DIAGNOSTICS_EVERY = 60.0
"""Seconds between diagnostics (uptime, last problem) published for Home Assistant."""
SAVE_WITHIN = 1.0
"""Seconds after a change by which it is in the state file, however busy the daemon is."""
ASSIST_HEARD_WITHIN = 30.0
"""Seconds: a transcript Home Assistant hands back this soon after thoughtful's recognizer wrote
it for Assist is that hearing, with its confidence and other readings (not typed text)."""
SAVE_RETRY = 30.0
"""Seconds between attempts to save while the disk refuses (full, read-only)."""
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
        topics = ha.Topics(settings.base_topic, settings.node_id, settings.homeassistant.discovery_prefix)
        self.connection = MqttConnection(settings.mqtt, will=(topics.availability, "offline")) \
            if settings.mqtt else None
        self.bridge = MqttBridge(self, self.connection, topics) if self.connection else None
        self.events: queue.Queue[Callable[[], Any]] = queue.Queue(maxsize=MAX_QUEUE)
        self.shedding = False
        self.stopping = threading.Event()
        self.notifier = Notifier()
        self.drivers: dict[str, Driver] = {}
        for dc in self.config.devices:
            driver = make_driver(dc, self.models[dc.type], connection=self.connection,
                                 record=self._control_record(dc.name),
                                 pin_factory=pin_factory,
                                 room_temperature=self.home[dc.name].snapshot.get("room_temperature", 68))
            driver.on_external_change = self._external_reporter(dc.name, "device")
            driver.on_reachable = lambda reachable, name=dc.name: self.submit(
                lambda: self.set_reachable(name, reachable))
            self.drivers[dc.name] = driver
            self.home[dc.name].unavailable = driver.unavailable_states()
        self.actions: dict[str, str] = {}
        self.wyoming: WyomingServer | None = None
        self.started = self.clock()
        self.problems = LastProblem()
        logging.getLogger("thoughtful").addHandler(self.problems)
        self._recognizer: Recognizer | None = None
        self._recognizer_lock = threading.Lock()
        self._assist_heard: tuple[float, Transcript] | None = None
        """The last transcript written for Assist, and when."""
        self.unsaved_since: float | None = None
        """When the first change not yet in the state file was made (None: all saved)."""
        self.save_failed_at: float | None = None
        """When saving last failed (a full or read-only disk); None when the last save worked."""

    # --- threads other than the owner call only this -----------------------------------
    def submit(self, work: Callable[[], Any]) -> bool:
        """Queue work for the owner thread; under a flood beyond ``MAX_QUEUE`` waiting events,
        new work is shed (False) and said so (once per flood)."""
        try:
            self.events.put_nowait(work)
            self.shedding = False
            return True
        except queue.Full:
            if not self.shedding:
                log.warning("more than %d events are waiting: dropping new ones until the queue drains", MAX_QUEUE)
            self.shedding = True
            return False

    def answer_later(self, text: str) -> concurrent.futures.Future[tuple[bool, str]]:
        """For another thread (the Wyoming server): the reply to ``text`` once the owner thread
        has handled it, as (handled, what to say); out of scope is not handled."""
        future: concurrent.futures.Future[tuple[bool, str]] = concurrent.futures.Future()

        def work() -> None:
            try:
                result = self.handle_text(text, self._heard_for_assist(text))
                future.set_result((result.kind != "reject", result.say))
            except Exception as exc:  # handed back to the asking thread
                future.set_exception(exc)
                raise
        if not self.submit(work):
            future.set_result((False, "I'm too busy right now; please try again."))
        return future

    def transcribe_for_assist(self, audio: np.ndarray) -> str:
        """For the Wyoming server's thread: what thoughtful's recognizer hears in a recording,
        the recognizer built at first use (biased to the home's names)."""
        from thoughtful.speech.factory import make_recognizer
        from thoughtful.speech.hearing import transcribe_recording

        with self._recognizer_lock:
            if self._recognizer is None:
                speech = self.settings.speech
                self._recognizer = make_recognizer(speech, self.models, self.home, self.settings.data_dir)
        heard = transcribe_recording(self._recognizer, audio, self.settings.speech.endpoint)
        self._assist_heard = (self.clock(), heard)
        return heard.text

    def _heard_for_assist(self, text: str) -> Transcript | None:
        """The hearing behind ``text`` when thoughtful's recognizer wrote it for Assist just now
        (see :data:`ASSIST_HEARD_WITHIN`); None for text typed or heard by another recognizer."""
        last, key = self._assist_heard, lambda t: t.strip().lower().rstrip(".!?")
        if last is None or key(last[1].text) != key(text) or self.clock() - last[0] > ASSIST_HEARD_WITHIN:
            return None
        self._assist_heard = None
        return last[1]

    def _external_reporter(self, name: str, by: Source):
        return lambda changed: self.submit(lambda: self.external_change(name, changed, by))

    # --- life cycle --------------------------------------------------------------------
    def start(self) -> None:
        for name, driver in self.drivers.items():
            device = self.home[name]
            state = device.snapshot["state"]
            if state in device.unavailable:  # saved before the wiring changed: the initial state, and why
                self.home.apply(name, Change(state=next(iter(device.model.states))), by="device",
                                why=f"it cannot be {state}: {device.unavailable[state]}")
                self.mark_unsaved()
            driver.apply(device.snapshot)
        if self.bridge:
            assert self.settings.mqtt is not None
            for warning in self.settings.mqtt.security_warnings():
                log.warning("mqtt: %s", warning)
            self.bridge.start()
        if self.settings.wyoming:
            self.wyoming = WyomingServer(self.settings.wyoming, self.answer_later, self.transcribe_for_assist)
            self.wyoming.start()

    def run(self) -> None:
        """Serve until :attr:`stopping` is set; then shut down cleanly."""
        self.start()
        self.notifier.ready(f"{len(self.drivers)} devices")
        next_tick = self.clock()
        next_diagnostics = next_tick + DIAGNOSTICS_EVERY  # start() published them just now
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
                if self._save_due():
                    self.save()
                if self.clock() >= next_tick:
                    self.tick(self.clock())
                    next_tick = self.clock() + self.settings.tick
                if self.bridge and self.clock() >= next_diagnostics:
                    self.bridge.publish_diagnostics()
                    next_diagnostics = self.clock() + DIAGNOSTICS_EVERY
                self.notifier.watchdog()
        finally:
            self.shutdown()

    def shutdown(self) -> None:
        self.notifier.stopping()
        logging.getLogger("thoughtful").removeHandler(self.problems)
        if self.wyoming:
            self.wyoming.stop()
        for driver in self.drivers.values():  # relays off first, whatever else fails
            try:
                driver.close()
            except Exception:
                log.exception("closing a driver failed")
        saved = self.save()
        if self.bridge:
            self.bridge.stop()
        if saved:
            log.info("stopped; state saved")
        else:
            log.error("stopped; the state could NOT be saved to %s", self.state_file.path)

    # --- saving ------------------------------------------------------------------------
    def mark_unsaved(self) -> None:
        if self.unsaved_since is None:
            self.unsaved_since = self.clock()

    def _save_due(self) -> bool:
        """After replying (the queue is empty), or at most ``SAVE_WITHIN`` seconds after a
        change whatever the load; after a failure, every ``SAVE_RETRY`` seconds."""
        if self.unsaved_since is None:
            return False
        now = self.clock()
        if self.save_failed_at is not None and now - self.save_failed_at < SAVE_RETRY:
            return False
        return self.events.empty() or now - self.unsaved_since >= SAVE_WITHIN

    def save(self) -> bool:
        """Write the state file. A full or read-only disk is reported once, not fatal: the
        daemon goes on from memory and tries again (see :meth:`_save_due`)."""
        try:
            self.state_file.save(self.home.to_json())
        except OSError as exc:
            if self.save_failed_at is None:
                log.error("cannot save the state to %s: %s; running on from memory, retrying every %g s",
                          self.state_file.path, exc.strerror or exc, SAVE_RETRY)
            self.save_failed_at = self.clock()
            return False
        if self.save_failed_at is not None:
            log.warning("the state is saved to %s again", self.state_file.path)
        self.save_failed_at = self.unsaved_since = None
        return True

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
                self.changed(name)

    def _control_record(self, name: str):
        def record(action: str, why: str) -> None:
            previous = self.actions.get(name)
            self.actions[name] = action
            self.home.provenance.record(Event(at=datetime.now().astimezone(), device=name,
                                              changed={"action": action},
                                              from_={"action": previous} if previous else None,
                                              by="control_loop", why=why))
            log.info("%s: %s (%s)", name, action, why)
            self.mark_unsaved()  # the "why" behind the heating belongs in the saved history
            self.changed(name)
        return record

    def diagnostics(self) -> dict[str, Any]:
        """The daemon's own state for Home Assistant's diagnostic sensors."""
        speech = self.settings.speech
        hearing = speech.microphone or (self.settings.wyoming and self.settings.wyoming.asr)
        return {"version": __version__, "model": self.interpreter.lm.meta["statemodel_hash"],
                "recognizer": speech.engine if hearing else "none",
                "uptime": round(self.clock() - self.started), "last_problem": self.problems.last or "none"}

    # --- what happens ------------------------------------------------------------------
    def changed(self, name: str) -> None:
        """Tell the outside world (MQTT, Home Assistant) that a device's state changed."""
        if self.bridge:
            self.bridge.publish_device(name)

    def handle_text(self, text: str, heard: Transcript | None = None) -> Interpretation:
        """Interpret an utterance (typed, spoken or sent over MQTT) and act on it; a spoken one
        carries the recognizer's transcript (its confidence and other readings)."""
        now = datetime.now().astimezone()
        request = Request(text=text, home=self.home, speaker_room=self.settings.speaker_room, now=now,
                          turns=self.conversation.recent(now),
                          heard_confidence=heard.confidence if heard else None,
                          heard_alternatives=list(heard.alternatives) if heard else [],
                          cross_check=heard.cross_check if heard else None)
        result = self.interpreter.interpret(request)
        self.conversation.add(text, result.say, now)
        log.info("%.200r → %s", text, result.kind)
        log.debug("reply: %s", result.say)
        for applied in result.applied:
            if applied.changed:
                self.drivers[applied.device].apply(self.home[applied.device].snapshot)
                self.changed(applied.device)
        if result.applied:
            self.mark_unsaved()
        if self.bridge:
            self.bridge.publish_utterance(text, result)
        return result

    def set_reachable(self, name: str, reachable: bool) -> None:
        """A device said it went offline or came back: while offline nothing is changed on it
        (a request is answered with why), and Home Assistant shows it unavailable."""
        device = self.home[name]
        if device.reachable != reachable:
            (log.info if reachable else log.warning)("%s is %s", name, "back online" if reachable else "offline")
        device.reachable = reachable
        if self.bridge:
            self.bridge.publish_reachable(name)

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
        if by == "home_assistant" and change.state is None:
            # Home Assistant: a setting alone never changes the mode. One the current state has
            # no place for (a target temperature while off) is kept for when it comes back.
            idle = {k: change.set.pop(k) for k in list(change.set)
                    if k in device.model.settings and k not in device.model.states[device.snapshot["state"]].settings}
            try:
                device.keep_for_later(idle)
            except StateError as exc:
                log.warning("%s: ignored change from %s: %s", name, by, exc)
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
            self.changed(name)
            self.mark_unsaved()


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
