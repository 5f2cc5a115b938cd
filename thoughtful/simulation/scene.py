"""A scene: a sentence spoken by a voice and heard in a condition — near-field and quiet
(``clean``), at 1–3 m in a room (``room``), in noise (``noise``) or both (``both``)."""

from __future__ import annotations

import functools
import wave
from pathlib import Path

import numpy as np

from thoughtful.simulation import rooms
from thoughtful.simulation.voices import available, speak

CONDITIONS = ("clean", "room", "noise", "both")
NOISES: tuple[rooms.NoiseKind, ...] = ("white", "babble", "hum")
BABBLE = ["the meeting moved to thursday afternoon", "could you pass me the salt please",
          "i think it's going to rain later", "we should visit grandma next weekend",
          "the train was late again this morning", "have you finished the report yet"]


def resample(audio: np.ndarray, rate: int, target: int) -> np.ndarray:
    if rate == target:
        return audio
    from math import gcd

    from scipy.signal import resample_poly

    g = gcd(rate, target)
    return resample_poly(audio, target // g, rate // g).astype(np.float32)


@functools.lru_cache(maxsize=4)
def _talkers(rate: int) -> tuple[np.ndarray, ...]:
    """Background voices for babble noise (espeak-ng and flite, other sentences)."""
    voices = [v for v in ("flite:awb", "flite:slt", "espeak:en-us+f3", "espeak:en-gb") if available(v)]
    out = []
    for i, voice in enumerate(voices):
        audio, r = speak(". ".join(BABBLE[i:] + BABBLE[:i]), voice)
        out.append(resample(audio, r, rate))
    return tuple(out)


def render(text: str, voice: str, condition: str, rate: int, rng: np.random.Generator) -> np.ndarray:
    """``text`` spoken by ``voice`` and heard in ``condition``, at ``rate``: float32 audio."""
    audio, r = speak(text, voice)
    audio = resample(audio, r, rate)
    if condition in ("room", "both"):
        audio = rooms.reverberate(audio, rate, rooms.draw_room(rng), rng)
    if condition in ("noise", "both"):
        kind = NOISES[int(rng.integers(len(NOISES)))]
        return rooms.add_noise(audio, rate, kind, float(rng.uniform(10, 25)), rng,
                               lead_in=float(rng.uniform(0.3, 1.2)),
                               talkers=lambda r: list(_talkers(r)))
    return rooms.pad(audio, rate, rng)


def pcm16(audio: np.ndarray) -> np.ndarray:
    """Float audio in [-1, 1] as 16-bit samples (clipped)."""
    return np.clip(np.round(audio * 32767), -32768, 32767).astype(np.int16)


def write_wav(path: Path, audio: np.ndarray, rate: int) -> None:
    pcm = pcm16(audio).astype("<i2")
    tmp = path.with_suffix(".tmp")
    with wave.open(str(tmp), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm.tobytes())
    tmp.replace(path)
