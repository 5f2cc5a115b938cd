"""Listening: microphone → hearing (VAD endpointing, recognizer) → activation → the daemon.

Runs in its own thread and only hands transcripts to a callback (the daemon's
queue). Activation decides which utterances count:

- ``wake_phrase``: only utterances that start with the wake phrase (it is removed);
- ``button``: only while a GPIO push-to-talk button is held;
- ``continuous``: every utterance (the understanding layer's reject path is the last guard).
"""

from __future__ import annotations

import logging
import subprocess
import threading
from typing import Callable

from thoughtful.speech.hearing import Heard, Hearing
from thoughtful.speech.recognizer import Recognizer, Transcript
from thoughtful.speech.settings import SpeechSettings

log = logging.getLogger(__name__)


def strip_wake_phrase(transcript: str, wake_phrase: str) -> str | None:
    """The command after the wake phrase, or None when the transcript does not start with it."""
    words, wake = transcript.lower().split(), wake_phrase.lower().split()
    if words[:len(wake)] != wake:
        return None
    return " ".join(words[len(wake):])


class Activation:
    def __init__(self, settings: SpeechSettings, pin_factory=None) -> None:
        self.settings = settings
        self.button = None
        if settings.activation == "button":
            from gpiozero import Button

            self.button = Button(settings.button_pin, pin_factory=pin_factory)

    def listening(self) -> bool:
        return self.button is None or self.button.is_pressed

    def accept(self, transcript: Transcript) -> Transcript | None:
        if not transcript.text.strip():
            return None
        if self.settings.activation == "wake_phrase":
            command = strip_wake_phrase(transcript.text, self.settings.wake_phrase)
            if not command:
                return None
            check = transcript.cross_check
            if check is not None:  # the second decoder's reading, without the wake phrase it heard too
                check = Transcript(strip_wake_phrase(check.text, self.settings.wake_phrase) or check.text,
                                   check.confidence)
            return Transcript(command, transcript.confidence, cross_check=check)
        return transcript


class Listener:
    def __init__(self, recognizer: Recognizer, settings: SpeechSettings, on_text: Callable[[Transcript], None],
                 chunks, pin_factory=None) -> None:
        self.settings = settings
        self.on_text = on_text
        self.chunks = chunks
        self.activation = Activation(settings, pin_factory)
        self.hearing = Hearing(recognizer, settings.endpoint)
        self.stopping = threading.Event()

    def run(self) -> None:
        for chunk in self.chunks:
            if self.stopping.is_set():
                break
            if not self.activation.listening():
                continue
            for heard in self.hearing.feed(chunk):
                self.handle(heard)
        for heard in self.hearing.flush():
            self.handle(heard)

    def handle(self, heard: Heard) -> None:
        command = self.activation.accept(heard.transcript)
        log.info("heard %r (confidence %s, %.0f ms after the endpoint)%s", heard.transcript.text,
                 "-" if heard.transcript.confidence is None else f"{heard.transcript.confidence:.2f}",
                 heard.wait_ms, "" if command else " (not addressed to me)")
        if command:
            self.on_text(command)


def speak(settings: SpeechSettings, text: str) -> None:
    """Say a reply with the configured text-to-speech command (off by default)."""
    if not settings.reply_command or not text:
        return
    try:
        subprocess.run([*settings.reply_command, text], timeout=30, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("cannot speak the reply with %s: %s", settings.reply_command[0], exc)
