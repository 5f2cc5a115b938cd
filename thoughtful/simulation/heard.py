"""The paper's synthesis carried through speech: synthesized training utterances spoken by
several voices in simulated rooms and noise, recognized by the default recognizer, and kept
with their labels, so the language model also learns from what the recognizer really hears
("set the fan to un", "turn the beat up to 74").

``thoughtful train --heard-corpus N`` writes the corpus (a separate step: about 0.6 s per
utterance on 2 cores); training then mixes in every entry whose transcript is close enough to
what was said to still carry its label (word error rate ≤ ``MAX_WER``). The corpus shipped
in ``thoughtful/understanding/data/`` was made this way; labels whose operation the current
state models no longer have are skipped.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from thoughtful.simulation.scene import CONDITIONS, pcm16, render
from thoughtful.simulation.voices import VOICES, available
from thoughtful.speech.corpus import word_errors
from thoughtful.speech.hearing import transcribe_recording
from thoughtful.speech.recognizer import Recognizer
from thoughtful.state.schema import StateModel
from thoughtful.understanding.synthesis import Synthesizer

SEED = 9001
"""Not the training synthesis' seed: the corpus holds other sentences."""


def generate(models: dict[str, StateModel], recognizer: Recognizer, out: Path, count: int,
             seed: int = SEED, progress: bool = True) -> dict:
    """Speak, hear and write ``count`` synthesized examples to ``out`` (JSON Lines)."""
    voices = [v for v in VOICES if available(v)]
    examples = Synthesizer(models, seed=seed).examples(count)
    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    errors = words = 0
    with open(tmp, "w", encoding="utf-8") as handle:
        for i, example in enumerate(examples):
            rng = np.random.default_rng([seed, i])
            voice = voices[i % len(voices)]
            condition = CONDITIONS[(i // len(voices)) % len(CONDITIONS)]
            audio = render(example.text, voice, condition, 16000, rng)
            heard = transcribe_recording(recognizer, pcm16(audio))
            e, n = word_errors(example.text, heard.text)
            errors, words = errors + e, words + n
            handle.write(json.dumps({"text": example.text, "heard": heard.text, "confidence": heard.confidence,
                                     "wer": round(e / max(1, n), 3), "kind": example.kind,
                                     "ops": sorted(example.ops), "category": example.category,
                                     "voice": voice, "condition": condition}) + "\n")
            if progress and (i + 1) % 50 == 0:
                print(f"  {i + 1}/{count} heard, WER so far {errors / max(1, words):.1%}, "
                      f"{time.perf_counter() - started:.0f} s", flush=True)
    tmp.replace(out)
    return {"examples": count, "wer": errors / max(1, words), "seconds": time.perf_counter() - started}
