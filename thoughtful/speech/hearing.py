"""Hearing: audio → utterances → transcripts, the same way for the microphone, a recording,
an ``interpret --batch`` audio line and the spoken benchmark.

The endpointer (Silero VAD by default) cuts the stream into utterances and drops what comes
before and between them; each utterance goes to the recognizer. Whisper decodes whole
utterances, so to keep the wait short after the person stops, :class:`Hearing` starts decoding
*speculatively* at the first pause (``speculate_ms`` of quiet): when the endpoint confirms
the pause, the transcript is usually ready; when the person goes on, the guess is dropped.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import numpy as np

from thoughtful.speech.endpoint import Endpointer, EndpointSettings, Segment
from thoughtful.speech.recognizer import Recognizer, Transcript

log = logging.getLogger(__name__)


@dataclass
class Heard:
    transcript: Transcript
    segment: Segment
    wait_ms: float
    """From the endpoint (end_ms of quiet after the last speech) to the transcript."""
    decode_ms: float
    """How long the recognizer took on this utterance."""
    speculative: bool
    """Decoded from the first pause (``speculate_ms`` after the last speech), not the endpoint."""


class _Speculation:
    """A decode started at a pause, on the audio up to that pause."""

    def __init__(self, recognizer: Recognizer, audio: np.ndarray, frames: int) -> None:
        self.frames = frames
        self.result: Transcript | None = None
        self.error: Exception | None = None
        self.decode_ms = 0.0
        self.thread = threading.Thread(target=self._run, args=(recognizer, audio), name="speculate", daemon=True)
        self.thread.start()

    def _run(self, recognizer: Recognizer, audio: np.ndarray) -> None:
        started = time.perf_counter()
        try:
            self.result = recognizer.transcribe(audio)
        except Exception as exc:  # handed to the listener's thread, which reports it
            self.error = exc
        self.decode_ms = (time.perf_counter() - started) * 1000


class Hearing:
    def __init__(self, recognizer: Recognizer, settings: EndpointSettings | None = None,
                 speculate_ms: int | None = 160) -> None:
        self.recognizer = recognizer
        self.endpointer = Endpointer(settings)
        self.speculate_ms = speculate_ms
        self._speculation: _Speculation | None = None

    def feed(self, chunk: np.ndarray) -> list[Heard]:
        out = [self._hear(segment) for segment in self.endpointer.feed(chunk)]
        self._maybe_speculate()
        return out

    def flush(self) -> list[Heard]:
        last = self.endpointer.flush()
        return [self._hear(last)] if last is not None else []

    def hear(self, audio: np.ndarray, chunk: int = 480) -> list[Heard]:
        """Every utterance in a recording, fed as the microphone would (30 ms chunks)."""
        heard: list[Heard] = []
        for start in range(0, len(audio), chunk):
            heard += self.feed(audio[start:start + chunk])
        return heard + self.flush()

    def _maybe_speculate(self) -> None:
        e = self.endpointer
        if self.speculate_ms is None or not e.in_speech or e.silence_ms < self.speculate_ms:
            return
        frames = len(e._frames)
        if self._speculation is not None and self._speculation.frames >= frames - e._silence_run:
            return  # already decoding this pause
        self._speculation = _Speculation(self.recognizer, np.concatenate(e._frames), frames)

    def _hear(self, segment: Segment) -> Heard:
        started = time.perf_counter()
        speculation, self._speculation = self._speculation, None
        frames = round(len(segment.audio) / self.endpointer.frame)
        silence = round(self.endpointer.s.end_ms / self.endpointer.frame_ms)
        if speculation is not None and speculation.frames >= frames - silence:
            speculation.thread.join()  # no speech since the guess began: it stands
            if speculation.error is not None:
                raise speculation.error
            transcript = speculation.result or Transcript("", 0.0)
            return Heard(transcript, segment, (time.perf_counter() - started) * 1000, speculation.decode_ms, True)
        if speculation is not None:
            speculation.thread.join()
        decode_started = time.perf_counter()
        transcript = self.recognizer.transcribe(segment.audio)
        done = time.perf_counter()
        return Heard(transcript, segment, (done - started) * 1000, (done - decode_started) * 1000, False)


def transcribe_recording(recognizer: Recognizer, audio: np.ndarray,
                         settings: EndpointSettings | None = None) -> Transcript:
    """A whole recording as one transcript: its utterances joined, the least sure one's
    confidence. Empty when it holds no speech."""
    heard = [h for h in Hearing(recognizer, settings, speculate_ms=None).hear(audio) if h.transcript.text]
    if not heard:
        return Transcript("", 0.0)
    confidences = [h.transcript.confidence for h in heard if h.transcript.confidence is not None]
    return Transcript(" ".join(h.transcript.text for h in heard), min(confidences) if confidences else None)
