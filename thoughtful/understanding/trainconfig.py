"""Training settings, importable without torch (the CLI shows the defaults)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TrainConfig:
    examples: int = 16000
    epochs: int = 3
    batch_size: int = 32
    learning_rate: float = 8e-5
    max_length: int = 40
    held_out: float = 0.08
    seed: int = 0
    heard: bool = False
    """Also train on the heard corpus (synthesized utterances as the recognizer transcribed
    them). Off: on the spoken benchmark it did not help (README, "Training on what the
    recognizer hears")."""
