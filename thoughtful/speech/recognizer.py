"""The one interface every speech recognizer implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Transcript:
    """What a recognizer heard, and how sure it is."""

    text: str
    confidence: float | None = None
    """0–1, comparable within one engine; None when the engine gives no usable figure."""
    alternatives: tuple[str, ...] = ()
    """Other readings of the same audio, most likely first (the engine's N-best), when the
    engine gives them."""
    cross_check: Transcript | None = None
    """The same speech as a second decoder heard it, when the engine has one (Whisper's
    installed decoder, beside the adapted one): the interpreter acts on what both agree on."""

    def __str__(self) -> str:
        return self.text


class Stream(ABC):
    """One utterance fed in chunks."""

    @abstractmethod
    def accept(self, chunk: np.ndarray) -> str:
        """Add 16 kHz mono int16 audio; return the partial transcript so far ("" when the
        engine only decodes at the end)."""

    @abstractmethod
    def final(self) -> Transcript:
        """End of the utterance: the final transcript."""


class Recognizer(ABC):
    """Speech → text. Subclasses must override :meth:`stream`; :meth:`transcribe`
    feeds a whole recording through it."""

    name = "recognizer"

    @abstractmethod
    def stream(self) -> Stream:
        """A new utterance."""

    def bias(self, phrases: list[str]) -> None:
        """Lean towards these words and phrases (the home's device names, rooms and the state
        models' words). Called again whenever the home changes; engines that cannot be biased
        after loading ignore it."""

    def transcribe(self, audio: np.ndarray) -> Transcript:
        stream = self.stream()
        for start in range(0, len(audio), 4000):
            stream.accept(audio[start:start + 4000])
        return stream.final()
