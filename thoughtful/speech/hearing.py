"""Hearing: audio → utterances → transcripts, the same way for the microphone, a recording,
an ``interpret --batch`` audio line and the spoken benchmark.

The endpointer (Silero VAD by default) cuts the stream into utterances and drops what comes
before and between them; each utterance goes to the recognizer. Whisper decodes whole
utterances, so to keep the wait short after the person stops, :class:`Hearing` starts decoding
*speculatively* at the first pause (``speculate_ms`` of quiet); when the person goes on, the
guess is dropped. The guess also decides how long to wait: a complete sentence ("Turn off the
lamp.") ends the utterance after ``quick_end_ms`` of quiet, anything else ("Set it to,")
waits the full ``end_ms`` for the rest.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

import numpy as np

from thoughtful.speech.endpoint import Endpointer, EndpointSettings, Segment
from thoughtful.speech.recognizer import Recognizer, Transcript

@dataclass
class Heard:
    transcript: Transcript
    segment: Segment
    wait_ms: float
    """From the end of the utterance (``quick_end_ms`` or ``end_ms`` of quiet) to the transcript."""
    decode_ms: float
    """How long the recognizer took on this utterance."""
    speculative: bool
    """Decoded from the first pause (``speculate_ms`` after the last speech), not the endpoint."""
    quiet_ms: float = 0.0
    """The quiet after the last speech that ended the utterance (``quick_end_ms`` or ``end_ms``)."""
    speculate_ms: float = 0.0
    """The pause after which the speculative decode began (``SPECULATE_MS`` rounded up to whole
    frames of the detector: 96 ms for 80 with Silero's 32 ms frames)."""

    @property
    def after_speech_ms(self) -> float:
        """From the end of speech to the transcript, in real time: the endpoint's wait, or the
        speculative decode when that took longer."""
        return max(self.quiet_ms, self.speculate_ms + self.decode_ms) if self.speculative \
            else self.quiet_ms + self.decode_ms


class _Speculation:
    """A decode started at a pause, on the audio up to that pause."""

    def __init__(self, recognizer: Recognizer, audio: np.ndarray, speech_frames: int, quiet_ms: float) -> None:
        self.speech_frames = speech_frames
        self.quiet_ms = quiet_ms
        """The quiet after the last speech when the decode began (whole frames of the detector)."""
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

    def outcome(self) -> Transcript:
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.result or Transcript("", 0.0)


SPECULATE_MS = 64
"""Quiet after which the decode starts, as a guess that the utterance is over: two of Silero's
32 ms frames (a wait is counted in whole frames: 80 was 96 ms). Measured on the spoken
benchmark (196 recordings, this 2-core VM), the wait counted as it is: from 64 ms, 185/196
right and end of speech → device change p50 416 ms; from 96 ms (80 asked), 185/196 and 449 ms.
Earlier by one frame, 178 guesses instead of 173 on the 196 recordings (a guess the person
talks over is dropped, but holds the recognizer until it is done). Earlier measures, on an
older pipeline: from 100, 410 ms; from 60, a garbled guess acted on."""

CONTINUES = {"and", "or", "but", "then", "to", "the", "a", "an", "of", "at", "for", "with", "from", "by",
             "into", "my", "our", "your", "its", "this", "that", "these", "those", "set", "turn", "make",
             "switch", "put", "so", "um", "uh", "is", "it's", "more", "less"}
"""Words a request does not end on."""


def looks_complete(text: str) -> bool:
    """A transcript that reads as a whole sentence: it ends with a full stop, a question or an
    exclamation mark (Whisper punctuates), and not on a word that needs more ("set it to.")."""
    text = text.strip()
    words = re.findall(r"[a-z']+", text.lower())
    return bool(words) and text[-1] in ".?!" and words[-1] not in CONTINUES


class Hearing:
    def __init__(self, recognizer: Recognizer, settings: EndpointSettings | None = None,
                 speculate_ms: int | None = SPECULATE_MS, realtime: bool = True) -> None:
        """``realtime=False`` is for audio fed faster than it is spoken (recordings, the
        benchmark): a speculative decode is waited for, as if its time had passed."""
        self.recognizer = recognizer
        self.endpointer = Endpointer(settings)
        self.speculate_ms = speculate_ms
        self.realtime = realtime
        self._speculation: _Speculation | None = None

    def feed(self, chunk: np.ndarray) -> list[Heard]:
        out: list[Heard] = []
        step = self.endpointer.frame
        for start in range(0, len(chunk), step):
            out += [self._hear(segment) for segment in self.endpointer.feed(chunk[start:start + step])]
            self._maybe_speculate()
            early = self._maybe_end_early()
            if early is not None:
                out.append(early)
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

    def _current(self) -> _Speculation | None:
        """The speculation on the pause in progress, if there is one and no speech came since."""
        s, e = self._speculation, self.endpointer
        return s if s is not None and e.in_speech and s.speech_frames == e.speech_frames else None

    def _maybe_speculate(self) -> None:
        e = self.endpointer
        if self.speculate_ms is None or not e.in_speech or e.silence_ms < self.speculate_ms:
            return
        if self._current() is None:
            self._speculation = _Speculation(self.recognizer, e.audio, e.speech_frames, e.silence_ms)
            if not self.realtime:  # faster than real time: let the decode run alone, as it would
                self._speculation.thread.join()

    def _maybe_end_early(self) -> Heard | None:
        """After ``quick_end_ms`` of quiet, end the utterance if the speculative transcript is a
        complete sentence."""
        speculation, e = self._current(), self.endpointer
        if speculation is None or e.silence_ms < e.s.quick_end_ms:
            return None
        if speculation.thread.is_alive() and self.realtime:
            return None  # not decoded yet: look again at the next frame
        if not looks_complete(speculation.outcome().text):
            return None
        segment = e.cut()
        return self._hear(segment) if segment is not None else None

    def _hear(self, segment: Segment) -> Heard:
        started = time.perf_counter()
        speculation, self._speculation = self._speculation, None
        e = self.endpointer
        quiet = (round(len(segment.audio) / e.frame) - segment.speech_frames) * e.frame_ms
        if speculation is not None and speculation.speech_frames == segment.speech_frames:
            transcript = speculation.outcome()  # no speech since the guess began: it stands
            return Heard(transcript, segment, (time.perf_counter() - started) * 1000, speculation.decode_ms, True,
                         quiet, speculation.quiet_ms)
        if speculation is not None:
            speculation.thread.join()
        decode_started = time.perf_counter()
        transcript = self.recognizer.transcribe(segment.audio)
        done = time.perf_counter()
        return Heard(transcript, segment, (done - started) * 1000, (done - decode_started) * 1000, False, quiet)


def joined(heard: list[Heard]) -> Transcript:
    """Several utterances as one transcript: their texts joined, the least sure one's confidence
    (empty, confidence 0, when nothing was said). One utterance keeps its alternatives; the
    second decoder's readings are joined the same way."""
    return _joined([h.transcript for h in heard])


def _joined(transcripts: list[Transcript]) -> Transcript:
    """:func:`joined` for transcripts; their second decoder's readings joined alike."""
    transcripts = [t for t in transcripts if t.text]
    if not transcripts:
        return Transcript("", 0.0)
    if len(transcripts) == 1:
        return transcripts[0]
    confidences = [t.confidence for t in transcripts if t.confidence is not None]
    checks = [t.cross_check for t in transcripts]
    return Transcript(" ".join(t.text for t in transcripts), min(confidences) if confidences else None,
                      cross_check=_joined(checks) if all(checks) else None)


def transcribe_recording(recognizer: Recognizer, audio: np.ndarray,
                         settings: EndpointSettings | None = None) -> Transcript:
    """A whole recording as one transcript (see :func:`joined`)."""
    return joined(Hearing(recognizer, settings, speculate_ms=None, realtime=False).hear(audio))
