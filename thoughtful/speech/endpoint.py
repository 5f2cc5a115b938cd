"""Endpointing: where an utterance starts and ends in a stream of audio.

A voice activity detector (:mod:`thoughtful.speech.vad`; Silero by default) labels each
frame; an utterance starts after ``start_ms`` of speech (with ``pre_roll_ms`` kept from
before, so the first syllable is not clipped) and ends after ``end_ms`` of non-speech, or
at ``max_seconds``. Audio before the start is dropped: long noisy lead-ins made recognizers
hallucinate or return nothing (measured).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from thoughtful.speech.audio import RATE


class EndpointSettings(BaseModel):
    """The ``speech.endpoint`` section of the configuration."""

    model_config = ConfigDict(extra="forbid")
    detector: Literal["silero", "energy"] = "silero"
    """``silero`` (neural, the default) or ``energy`` (an adaptive energy threshold)."""
    threshold: float = Field(default=0.5, gt=0, lt=1)
    """Silero: the speech probability that starts an utterance."""
    start_ms: int = Field(default=90, ge=0)
    end_ms: int = Field(default=700, gt=0)
    """Quiet that ends an utterance whatever was said."""
    quick_end_ms: int = Field(default=350, gt=0)
    """Quiet that ends it when the transcript so far is a complete sentence (see
    :mod:`thoughtful.speech.hearing`): short waits after "turn off the lamp.", long ones
    after "turn off the,"."""
    max_seconds: float = Field(default=10.0, gt=0)
    ratio: float = Field(default=3.0, gt=1)
    """Energy detector: speech is this many times the noise floor."""
    min_rms: float = Field(default=150.0, ge=0)
    pre_roll_ms: int = Field(default=500, ge=0)
    """Audio kept from before the start, so the first syllable is not clipped."""


class Detector(Protocol):
    frame: int
    """Samples per frame."""

    def is_speech(self, frame: np.ndarray, in_speech: bool) -> bool: ...


def make_detector(settings: EndpointSettings) -> Detector:
    from thoughtful.speech.vad import EnergyDetector, SileroDetector

    if settings.detector == "silero":
        return SileroDetector(settings.threshold)
    return EnergyDetector(ratio=settings.ratio, min_rms=settings.min_rms)


@dataclass
class Segment:
    audio: np.ndarray
    start: float
    """Seconds from the beginning of the stream."""
    end: float
    truncated: bool = False
    """True when the utterance hit ``max_seconds``."""
    speech_frames: int = 0
    """Frames up to its last speech frame (the rest is the quiet that ended it)."""


class Endpointer:
    def __init__(self, settings: EndpointSettings | None = None, detector: Detector | None = None) -> None:
        self.s = settings or EndpointSettings()
        self.detector = detector or make_detector(self.s)
        self.frame = self.detector.frame
        self.frame_ms = 1000 * self.frame / RATE
        self._pending = np.zeros(0, np.int16)
        self._frames: list[np.ndarray] = []
        self._history: list[np.ndarray] = []
        self._speech_run = 0
        self._silence_run = 0
        self._in_speech = False
        self._position = 0  # frames seen
        self._start_frame = 0

    @property
    def in_speech(self) -> bool:
        return self._in_speech

    @property
    def silence_ms(self) -> float:
        """How long the utterance in progress has been quiet (0 outside an utterance)."""
        return self._silence_run * self.frame_ms if self._in_speech else 0.0

    def feed(self, chunk: np.ndarray) -> list[Segment]:
        """Add audio; return the utterances that ended in it."""
        done: list[Segment] = []
        data = np.concatenate([self._pending, chunk.astype(np.int16)])
        n = len(data) // self.frame
        self._pending = data[n * self.frame:]
        for i in range(n):
            segment = self._step(data[i * self.frame:(i + 1) * self.frame])
            if segment is not None:
                done.append(segment)
        return done

    def _step(self, frame: np.ndarray) -> Segment | None:
        speech = self.detector.is_speech(frame, self._in_speech)
        self._position += 1
        pre_roll = max(1, round(self.s.pre_roll_ms / self.frame_ms))
        if not self._in_speech:
            self._history = (self._history + [frame])[-pre_roll:]
            self._speech_run = self._speech_run + 1 if speech else 0
            if self._speech_run * self.frame_ms >= self.s.start_ms:
                self._in_speech = True
                self._frames = list(self._history)
                self._start_frame = self._position - len(self._frames)
                self._silence_run = 0
            return None
        self._frames.append(frame)
        self._silence_run = 0 if speech else self._silence_run + 1
        too_long = len(self._frames) * self.frame_ms >= self.s.max_seconds * 1000
        if self._silence_run * self.frame_ms >= self.s.end_ms or too_long:
            return self._finish(truncated=too_long and self._silence_run == 0)
        return None

    @property
    def speech_frames(self) -> int:
        """Frames of the utterance in progress up to its last speech frame."""
        return len(self._frames) - self._silence_run if self._in_speech else 0

    @property
    def audio(self) -> np.ndarray:
        """The utterance in progress so far."""
        return np.concatenate(self._frames) if self._frames else np.zeros(0, np.int16)

    def cut(self) -> Segment | None:
        """End the utterance in progress now (the caller knows it is complete)."""
        return self._finish() if self._in_speech else None

    def _finish(self, truncated: bool = False) -> Segment:
        audio = self.audio
        seconds = self.frame_ms / 1000
        segment = Segment(audio, self._start_frame * seconds, self._position * seconds, truncated,
                          self.speech_frames)
        self._in_speech = False
        self._frames, self._history = [], []
        self._speech_run = self._silence_run = 0
        return segment

    def flush(self) -> Segment | None:
        """End of stream: the utterance in progress, if any."""
        return self._finish() if self._in_speech else None


def speech_segments(audio: np.ndarray, settings: EndpointSettings | None = None,
                    detector: Detector | None = None) -> list[Segment]:
    """The utterances in a recording."""
    endpointer = Endpointer(settings, detector)
    segments = endpointer.feed(audio)
    last = endpointer.flush()
    return segments + ([last] if last is not None else [])


def trim(audio: np.ndarray, settings: EndpointSettings | None = None, detector: Detector | None = None) -> np.ndarray:
    """The speech in a recording (first start to last end), or empty audio when there is none."""
    segments = speech_segments(audio, settings, detector)
    if not segments:
        return np.zeros(0, np.int16)
    return np.concatenate([s.audio for s in segments])
