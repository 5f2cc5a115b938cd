"""Audio in: WAV files, raw 16-bit PCM, and the microphone through ALSA's ``arecord``.

Everything becomes 16 kHz mono int16 (:data:`RATE`), the format the recognizers want.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path
from typing import BinaryIO, Iterator

import numpy as np

from thoughtful.errors import ThoughtfulError

RATE = 16000


class AudioError(ThoughtfulError):
    """Unreadable audio, an unsupported format or a missing device."""


def _lowpass(cutoff: float, taps: int = 101) -> np.ndarray:
    """A windowed-sinc FIR low-pass; ``cutoff`` is a fraction of the input sample rate."""
    n = np.arange(taps) - (taps - 1) / 2
    kernel = np.sinc(2 * cutoff * n) * np.blackman(taps)
    return (kernel / kernel.sum()).astype(np.float32)


def to_mono_16k(samples: np.ndarray, rate: int, channels: int) -> np.ndarray:
    """Interleaved int16 samples at ``rate`` → mono int16 at 16 kHz."""
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    samples = samples.astype(np.float32)
    if rate != RATE and len(samples):
        duration = len(samples) / rate
        n_out = max(1, int(round(duration * RATE)))
        if rate > RATE:  # low-pass below the new Nyquist frequency before decimating (no aliasing)
            samples = np.convolve(samples, _lowpass(0.45 * RATE / rate), mode="same")
        positions = np.linspace(0, len(samples) - 1, n_out)
        samples = np.interp(positions, np.arange(len(samples)), samples)
    return np.clip(np.round(samples), -32768, 32767).astype(np.int16)


def read_wav(path: Path | str) -> np.ndarray:
    """A WAV file (PCM 8/16/24/32-bit, any rate, mono or stereo) as 16 kHz mono int16."""
    path = Path(path)
    try:
        with wave.open(str(path), "rb") as wav:
            width, channels, rate = wav.getsampwidth(), wav.getnchannels(), wav.getframerate()
            frames = wav.readframes(wav.getnframes())
    except FileNotFoundError as exc:
        raise AudioError(f"{path}: no such file") from exc
    except (wave.Error, EOFError, OSError) as exc:
        raise AudioError(f"{path}: not a readable PCM WAV file ({exc})") from exc
    if rate <= 0 or channels <= 0:
        raise AudioError(f"{path}: invalid header (rate {rate}, channels {channels})")
    usable = len(frames) - len(frames) % (width * channels)
    frames = frames[:usable]
    if width == 1:
        samples = (np.frombuffer(frames, np.uint8).astype(np.int16) - 128) * 256
    elif width == 2:
        samples = np.frombuffer(frames, "<i2")
    elif width == 3:
        raw = np.frombuffer(frames, np.uint8).reshape(-1, 3)
        samples = ((raw[:, 2].astype(np.int8).astype(np.int32) << 8) | raw[:, 1]).astype(np.int16)
    elif width == 4:
        samples = (np.frombuffer(frames, "<i4") >> 16).astype(np.int16)
    else:
        raise AudioError(f"{path}: unsupported sample width {width * 8} bits")
    return to_mono_16k(samples, rate, channels)


def read_raw(stream: BinaryIO, rate: int = RATE, channels: int = 1) -> np.ndarray:
    """Raw little-endian 16-bit PCM from a stream (e.g. standard input)."""
    data = stream.read()
    if len(data) % 2:
        data = data[:-1]
    return to_mono_16k(np.frombuffer(data, "<i2"), rate, channels)


class Microphone:
    """16 kHz mono chunks from an ALSA device through ``arecord``."""

    def __init__(self, device: str = "default", chunk_ms: int = 30) -> None:
        self.device = device
        self.chunk_bytes = RATE * chunk_ms // 1000 * 2
        self.process: subprocess.Popen | None = None

    def chunks(self) -> Iterator[np.ndarray]:
        if not shutil.which("arecord"):
            raise AudioError("arecord not found: install alsa-utils")
        self.process = subprocess.Popen(
            ["arecord", "-q", "-D", self.device, "-f", "S16_LE", "-r", str(RATE), "-c", "1", "-t", "raw"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert self.process.stdout
        while True:
            data = self.process.stdout.read(self.chunk_bytes)
            if not data:
                err = self.process.stderr.read().decode(errors="replace").strip() if self.process.stderr else ""
                self.close()
                raise AudioError(f"microphone {self.device!r} stopped: {err or 'no data'}")
            yield np.frombuffer(data, "<i2")

    def close(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=5)
