"""The daemon: one home, one interpreter, text in, replies out, state saved.

Today it reads utterances from standard input (one per line). Speech, drivers
and MQTT attach to :class:`Daemon.handle_text` in later work.
"""

from __future__ import annotations

import logging
import signal
import sys
from datetime import datetime

from thoughtful.conversation import Conversation
from thoughtful.settings import Settings
from thoughtful.state.home import Home
from thoughtful.state.persistence import StateFile
from thoughtful.state.registry import load_home_config
from thoughtful.state.schema import load_state_models
from thoughtful.understanding.interpreter import Interpretation, Request
from thoughtful.understanding.loader import ensure_model, load_interpreter

log = logging.getLogger(__name__)


class Daemon:
    def __init__(self, settings: Settings, train_if_needed: bool = True) -> None:
        self.settings = settings
        self.models = load_state_models(settings.all_statemodel_dirs)
        config = load_home_config(settings.home_file, self.models)
        self.state_file = StateFile(settings.state_file)
        self.home = Home.from_config(config, self.models, self.state_file)
        if train_if_needed:
            ensure_model(settings.language_model_dir, self.models)
        self.interpreter = load_interpreter(settings.language_model_dir, self.models)
        self.conversation = Conversation()

    def handle_text(self, text: str) -> Interpretation:
        now = datetime.now().astimezone()
        request = Request(text=text, home=self.home, speaker_room=self.settings.speaker_room, now=now,
                          turns=self.conversation.recent(now))
        result = self.interpreter.interpret(request)
        self.conversation.add(text, result.say, now)
        log.info("%r → %s: %s", text, result.kind, result.say)
        if result.applied:
            self.save()
        return result

    def save(self) -> None:
        self.state_file.save(self.home.to_json())


def run_daemon(settings: Settings, train_if_needed: bool = True) -> int:
    daemon = Daemon(settings, train_if_needed)

    def stop(signum, _frame):
        daemon.save()
        log.info("stopped by signal %d; state saved", signum)
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    names = ", ".join(f"{d.name} ({d.room})" for d in daemon.home.devices.values())
    print(f"thoughtful is listening. Devices: {names}. Type a request, or Ctrl-D to stop.", flush=True)
    try:
        for line in sys.stdin:
            if line.strip():
                print(daemon.handle_text(line.strip()).say, flush=True)
    except KeyboardInterrupt:
        pass
    daemon.save()
    return 0
