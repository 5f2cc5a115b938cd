"""Test speech synthesized on the spot with espeak-ng and sox (no dither: reproducible)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def synthesize(text: str, path: Path, voice: str = "en-us", rate: int = 16000, channels: int = 1) -> Path:
    raw = path.with_suffix(".espeak.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(raw), text], check=True, capture_output=True)
    subprocess.run(["sox", "-D", str(raw), "-r", str(rate), "-c", str(channels), "-b", "16", str(path)],
                   check=True, capture_output=True)
    raw.unlink()
    return path


def silence(path: Path, seconds: float, rate: int = 16000) -> Path:
    subprocess.run(["sox", "-D", "-n", "-r", str(rate), "-c", "1", "-b", "16", str(path), "trim", "0",
                    str(seconds)], check=True, capture_output=True)
    return path


def concatenate(parts: list[Path], path: Path) -> Path:
    subprocess.run(["sox", "-D", *map(str, parts), str(path)], check=True, capture_output=True)
    return path
