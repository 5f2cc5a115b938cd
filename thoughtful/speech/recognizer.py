"""The one interface every speech recognizer implements."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np


class Stream(ABC):
    """One utterance fed in chunks."""

    @abstractmethod
    def accept(self, chunk: np.ndarray) -> str:
        """Add 16 kHz mono int16 audio; return the partial transcript so far."""

    @abstractmethod
    def final(self) -> str:
        """End of the utterance: the final transcript."""


class Recognizer(ABC):
    """Speech → text. Subclasses must override :meth:`stream`; :meth:`transcribe`
    feeds a whole recording through it."""

    name = "recognizer"

    @abstractmethod
    def stream(self) -> Stream:
        """A new utterance."""

    def transcribe(self, audio: np.ndarray) -> str:
        stream = self.stream()
        for start in range(0, len(audio), 4000):
            stream.accept(audio[start:start + 4000])
        return stream.final()
