"""Training examples from the heard corpus: synthesized utterances as the default recognizer
transcribed them, with the labels they were synthesized with
(made by :mod:`thoughtful.simulation.heard`)."""

from __future__ import annotations

import json
from pathlib import Path

from thoughtful.understanding.synthesis import Example

HEARD_CORPUS = Path(__file__).parent / "data" / "heard-whisper-tiny-en.jsonl"
MAX_WER = 0.5
"""Transcripts further from what was said than this no longer carry their label."""


def heard_examples(ops: list[str], path: Path = HEARD_CORPUS) -> list[Example]:
    """The corpus entries usable as training examples for the label space ``ops``."""
    if not path.is_file():
        return []
    known = set(ops)
    out = []
    for line in open(path, encoding="utf-8"):
        entry = json.loads(line)
        if not entry["heard"].strip() or entry["wer"] > MAX_WER or not set(entry["ops"]) <= known:
            continue
        out.append(Example(entry["heard"], entry["kind"], frozenset(entry["ops"]), entry["category"] + "/heard"))
    return out
