"""Endpointing: where an utterance starts and ends in a stream of audio.

An energy detector with an adaptive noise floor: a 30 ms frame is speech when its
RMS is ``ratio`` times the floor (and above ``min_rms``); an utterance starts after
``start_ms`` of speech and ends after ``end_ms`` of non-speech, or at ``max_seconds``.
The floor follows the quietest frames, so a fan or traffic does not keep it open.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, ConfigDict

from thoughtful.speech.audio import RATE


class EndpointSettings(BaseModel):
    """The ``speech.endpoint`` section of the configuration."""

    model_config = ConfigDict(extra="forbid")
    frame_ms: int = 30
    start_ms: int = 90
    end_ms: int = 600
    max_seconds: float = 10.0
    ratio: float = 3.0
    min_rms: float = 150.0
    pre_roll_ms: int = 300
    """Audio kept from before the start, so the first syllable is not clipped."""


@dataclass
class Segment:
    audio: np.ndarray
    start: float
    """Seconds from the beginning of the stream."""
    end: float
    truncated: bool = False
    """True when the utterance hit ``max_seconds``."""


class Endpointer:
    def __init__(self, settings: EndpointSettings | None = None) -> None:
        self.s = settings or EndpointSettings()
        self.frame = RATE * self.s.frame_ms // 1000
        self.floor: float | None = None
        self._pending = np.zeros(0, np.int16)
        self._frames: list[np.ndarray] = []
        self._history: list[np.ndarray] = []
        self._speech_run = 0
        self._silence_run = 0
        self._in_speech = False
        self._position = 0  # frames seen
        self._start_frame = 0

    @staticmethod
    def rms(frame: np.ndarray) -> float:
        return float(np.sqrt(np.mean(frame.astype(np.float32) ** 2))) if len(frame) else 0.0

    def is_speech(self, level: float) -> bool:
        floor = self.floor if self.floor is not None else level
        return level > max(self.s.min_rms, floor * self.s.ratio)

    def _update_floor(self, level: float) -> None:
        if self.floor is None:  # start low, so speech at the very start of a stream still counts
            self.floor = min(level, self.s.min_rms / self.s.ratio) or 1.0
        elif level < self.floor:
            self.floor = 0.7 * self.floor + 0.3 * level  # falls fast
        elif not self._in_speech:
            self.floor = 0.995 * self.floor + 0.005 * level  # rises slowly, only between utterances

    def feed(self, chunk: np.ndarray) -> list[Segment]:
        """Add audio; return the utterances that ended in it."""
        done: list[Segment] = []
        data = np.concatenate([self._pending, chunk.astype(np.int16)])
        n = len(data) // self.frame
        self._pending = data[n * self.frame:]
        for i in range(n):
            segment = self._frame(data[i * self.frame:(i + 1) * self.frame])
            if segment is not None:
                done.append(segment)
        return done

    def _frame(self, frame: np.ndarray) -> Segment | None:
        level = self.rms(frame)
        speech = self.is_speech(level)
        self._update_floor(level)
        self._position += 1
        pre_roll = max(1, self.s.pre_roll_ms // self.s.frame_ms)
        if not self._in_speech:
            self._history = (self._history + [frame])[-pre_roll:]
            self._speech_run = self._speech_run + 1 if speech else 0
            if self._speech_run * self.s.frame_ms >= self.s.start_ms:
                self._in_speech = True
                self._frames = list(self._history)
                self._start_frame = self._position - len(self._frames)
                self._silence_run = 0
            return None
        self._frames.append(frame)
        self._silence_run = 0 if speech else self._silence_run + 1
        too_long = len(self._frames) * self.s.frame_ms >= self.s.max_seconds * 1000
        if self._silence_run * self.s.frame_ms >= self.s.end_ms or too_long:
            return self._finish(truncated=too_long and self._silence_run == 0)
        return None

    def _finish(self, truncated: bool = False) -> Segment:
        audio = np.concatenate(self._frames) if self._frames else np.zeros(0, np.int16)
        seconds = self.s.frame_ms / 1000
        segment = Segment(audio, self._start_frame * seconds, self._position * seconds, truncated)
        self._in_speech = False
        self._frames, self._history = [], []
        self._speech_run = self._silence_run = 0
        return segment

    def flush(self) -> Segment | None:
        """End of stream: the utterance in progress, if any."""
        return self._finish() if self._in_speech else None


def trim(audio: np.ndarray, settings: EndpointSettings | None = None) -> np.ndarray:
    """The speech in a recording (first start to last end), or empty audio when there is none."""
    endpointer = Endpointer(settings)
    segments = endpointer.feed(audio)
    last = endpointer.flush()
    if last is not None:
        segments.append(last)
    if not segments:
        return np.zeros(0, np.int16)
    return np.concatenate([s.audio for s in segments])
