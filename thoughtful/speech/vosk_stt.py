"""Vosk (Kaldi): the primary recognizer, with a model directory from the configuration.

A grammar built from the state models' vocabulary narrows recognition to what the
devices understand. Vosk silently drops grammar words its lexicon lacks, so every
word is checked with ``vosk_model_find_word`` first; phrases with unknown words are
left out, and with no usable grammar (or a model without one) recognition is free.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from thoughtful.errors import ModelMissingError
from thoughtful.speech.audio import RATE
from thoughtful.speech.recognizer import Recognizer, Stream, Transcript

log = logging.getLogger(__name__)


def load_model(model_dir: Path):
    import vosk

    vosk.SetLogLevel(-1)
    if not (model_dir / "am").is_dir() and not (model_dir / "conf").is_dir():
        raise ModelMissingError(f"{model_dir}: not a Vosk model directory; "
                                f"run `thoughtful models pull vosk-en-us-small` or set speech.vosk_model")
    try:
        return vosk.Model(str(model_dir))
    except Exception as exc:  # vosk raises a bare Exception
        raise ModelMissingError(f"{model_dir}: cannot load the Vosk model ({exc})") from exc


def known_phrases(model, phrases: list[str]) -> tuple[list[str], set[str]]:
    """The phrases whose every word the model knows, and the words it does not know."""
    unknown: set[str] = set()
    cache: dict[str, bool] = {}
    kept = []
    for phrase in phrases:
        ok = True
        for word in phrase.split():
            if word not in cache:
                cache[word] = model.vosk_model_find_word(word) >= 0
            if not cache[word]:
                unknown.add(word)
                ok = False
        if ok:
            kept.append(phrase)
    return kept, unknown


def supports_grammar(model_dir: Path) -> bool:
    return (model_dir / "graph" / "HCLr.fst").exists() and (model_dir / "graph" / "Gr.fst").exists()


class VoskRecognizer(Recognizer):
    name = "vosk"

    def __init__(self, model_dir: Path, phrases: list[str] | None = None) -> None:
        self.model = load_model(model_dir)
        self.grammar: str | None = None
        self.unknown_words: set[str] = set()
        if phrases and supports_grammar(model_dir):
            kept, self.unknown_words = known_phrases(self.model, phrases)
            if self.unknown_words:
                log.info("Vosk model lacks %d words; phrases with them are left out of the grammar: %s",
                         len(self.unknown_words), ", ".join(sorted(self.unknown_words)[:20]))
            if kept:
                unk = [w for w in ("[unk]", "<UNK>") if self.model.vosk_model_find_word(w) >= 0][:1]
                self.grammar = json.dumps(sorted(set(kept)) + unk, ensure_ascii=False)
        elif phrases:
            log.info("%s has no grammar support (graph/HCLr.fst, Gr.fst); recognizing freely", model_dir)

    def stream(self) -> Stream:
        import vosk

        if self.grammar:
            recognizer = vosk.KaldiRecognizer(self.model, RATE, self.grammar)
        else:
            recognizer = vosk.KaldiRecognizer(self.model, RATE)
        return _VoskStream(recognizer)


class _VoskStream(Stream):
    def __init__(self, recognizer) -> None:
        self.recognizer = recognizer
        self.done: list[str] = []

    def accept(self, chunk: np.ndarray) -> str:
        if self.recognizer.AcceptWaveform(chunk.astype(np.int16).tobytes()):
            text = json.loads(self.recognizer.Result()).get("text", "")
            if text:
                self.done.append(text)
            return " ".join(self.done)
        partial = json.loads(self.recognizer.PartialResult()).get("partial", "")
        return " ".join(self.done + ([partial] if partial else []))

    def final(self) -> Transcript:
        text = json.loads(self.recognizer.FinalResult()).get("text", "")
        words = " ".join(self.done + ([text] if text else []))
        return Transcript(" ".join(w for w in words.split() if w not in ("[unk]", "<UNK>", "<unk>")))
