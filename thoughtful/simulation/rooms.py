"""Simulated rooms and noise for test speech: what a microphone 1–3 m away hears.

- :func:`reverberate`: a shoebox room (``pyroomacoustics``, image source method) with a
  reverberation time RT60 and the talker at a distance from the microphone;
- :func:`add_noise`: white noise, mains hum (50/60 Hz and harmonics) or babble (several other
  voices talking at once) at a signal-to-noise ratio, with a noisy lead-in and tail.

Every draw comes from the ``numpy`` generator passed in, so a seed reproduces the audio.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from typing import Callable, Literal

import numpy as np

NoiseKind = Literal["white", "hum", "babble"]


@dataclass(frozen=True)
class RoomDraw:
    size: tuple[float, float, float]
    rt60: float
    distance: float


def draw_room(rng: np.random.Generator, rt60: tuple[float, float] = (0.3, 0.8),
              distance: tuple[float, float] = (1.0, 3.0)) -> RoomDraw:
    size = (float(rng.uniform(4.0, 7.0)), float(rng.uniform(3.5, 5.5)), float(rng.uniform(2.4, 3.0)))
    return RoomDraw(size, float(rng.uniform(*rt60)), float(rng.uniform(*distance)))


def reverberate(audio: np.ndarray, rate: int, room: RoomDraw, rng: np.random.Generator) -> np.ndarray:
    """``audio`` as heard at ``room.distance`` from the talker, with the room's echo."""
    import pyroomacoustics as pra
    from scipy.signal import fftconvolve

    # Sabine's formula overestimates the image-source room's echo: 0.72 × the target gives a
    # measured RT60 within ~10% of it for 0.5–0.8 s (checked with measure_rt60).
    absorption, max_order = pra.inverse_sabine(room.rt60 * 0.72, list(room.size))
    shoebox = pra.ShoeBox(list(room.size), fs=rate, materials=pra.Material(absorption),
                          max_order=max_order, use_rand_ism=True, max_rand_disp=0.05)
    mic = np.array([rng.uniform(0.5, room.size[0] - 0.5), rng.uniform(0.5, room.size[1] - 0.5), 1.0])
    for _ in range(100):  # a talker position at the drawn distance, inside the room
        angle = rng.uniform(0, 2 * math.pi)
        source = mic + np.array([room.distance * math.cos(angle), room.distance * math.sin(angle), 0.6])
        if all(0.3 < source[i] < room.size[i] - 0.3 for i in range(3)):
            break
    else:
        source = np.array([0.5, 0.5, 1.6])
    shoebox.add_source(list(source))
    shoebox.add_microphone(mic)
    # The randomized image sources draw from pyroomacoustics' own generators: seeded by this
    # draw, the same room echoes the same way in every process (it had differed run to run).
    drawn = zlib.crc32(np.array([*room.size, room.rt60, room.distance, *mic, *source]).tobytes())
    pra.random.seed(numpy=drawn, libroom=drawn)
    shoebox.compute_rir()
    rir = np.asarray(shoebox.rir[0][0], np.float32)
    wet = fftconvolve(audio, rir)[:len(audio) + int(room.rt60 * rate)]
    peak = float(np.max(np.abs(wet))) or 1.0
    return (wet / peak * float(np.max(np.abs(audio)) or 1.0)).astype(np.float32)


def _power(audio: np.ndarray) -> float:
    """Mean power of the louder half of 20 ms frames (the speech, not its pauses)."""
    frame = 320
    n = len(audio) // frame
    if n == 0:
        return float(np.mean(audio ** 2)) if len(audio) else 0.0
    powers = np.sort(np.mean(audio[:n * frame].reshape(n, frame) ** 2, axis=1))
    return float(np.mean(powers[n // 2:]))


def noise(kind: NoiseKind, length: int, rate: int, rng: np.random.Generator,
          talkers: Callable[[int], list[np.ndarray]] | None = None) -> np.ndarray:
    """``length`` samples of noise of ``kind`` (unit-free; :func:`add_noise` scales it)."""
    t = np.arange(length) / rate
    if kind == "white":
        return rng.normal(0, 1, length).astype(np.float32)
    if kind == "hum":
        mains = rng.choice([50.0, 60.0])
        hum = sum(rng.uniform(0.3, 1.0) / k * np.sin(2 * math.pi * mains * k * t + rng.uniform(0, 6.3))
                  for k in range(1, 6))
        return (hum + 0.05 * rng.normal(0, 1, length)).astype(np.float32)
    if talkers is None:
        raise ValueError("babble needs talkers")
    out = np.zeros(length, np.float32)
    for voice in talkers(rate):
        looped = np.tile(voice, length // max(1, len(voice)) + 2)
        start = int(rng.integers(0, max(1, len(voice))))
        out += looped[start:start + length] / (np.sqrt(_power(voice)) or 1.0)
    return out


def add_noise(audio: np.ndarray, rate: int, kind: NoiseKind, snr_db: float, rng: np.random.Generator,
              lead_in: float = 0.6, tail: float = 0.8,
              talkers: Callable[[int], list[np.ndarray]] | None = None) -> np.ndarray:
    """``audio`` with ``lead_in`` and ``tail`` seconds around it, in noise at ``snr_db``."""
    before, after = int(lead_in * rate), int(tail * rate)
    padded = np.concatenate([np.zeros(before, np.float32), audio, np.zeros(after, np.float32)])
    background = noise(kind, len(padded), rate, rng, talkers)
    scale = math.sqrt(_power(audio) / (_power(background) or 1.0) / 10 ** (snr_db / 10))
    mixed = padded + scale * background
    peak = float(np.max(np.abs(mixed)))
    return (mixed / peak * 0.9 if peak > 0.99 else mixed).astype(np.float32)


def pad(audio: np.ndarray, rate: int, rng: np.random.Generator, lead_in: float = 0.6,
        tail: float = 0.8) -> np.ndarray:
    """Quiet near-field audio: the utterance with a very low noise floor around it (digital
    silence is not what a microphone gives)."""
    before, after = int(lead_in * rate), int(tail * rate)
    padded = np.concatenate([np.zeros(before, np.float32), audio, np.zeros(after, np.float32)])
    return (padded + rng.normal(0, 3e-4, len(padded))).astype(np.float32)
