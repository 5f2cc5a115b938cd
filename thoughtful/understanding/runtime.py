"""Running the trained language model with onnxruntime (no torch at run time)."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from thoughtful.errors import ModelMissingError
from thoughtful.state.schema import StateModel
from thoughtful.understanding.modelfiles import FIX, check_fresh


REMEMBERED = 64
"""Texts whose scores are kept (a few KB each)."""


@dataclass
class Prediction:
    kind: str
    confidence: float
    ops: dict[str, float]
    """Operations above the threshold, with their probabilities."""
    best: tuple[str, float]
    """The most probable operation, even when it is below the threshold."""

    def only(self, ops: dict[str, float]) -> Prediction:
        """This reading with only ``ops`` (not empty), the surest of them its best."""
        return replace(self, ops=ops, best=max(ops.items(), key=lambda item: item[1]))


class LanguageModel:
    """The int8 ONNX classifier: normalized text → :class:`Prediction`."""

    def __init__(self, model_dir: Path, models: dict[str, StateModel], threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        meta = check_fresh(model_dir, models)
        self.meta = meta
        self.kinds: list[str] = meta["kinds"]
        self.ops: list[str] = meta["ops"]
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.inter_op_num_threads = 1
        # No spin-waiting between requests: at one command a second it cost 5× the CPU.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self.session = ort.InferenceSession(str(model_dir / "model.onnx"), options,
                                                providers=["CPUExecutionProvider"])
            self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelMissingError(f"{model_dir}: cannot load the language model ({exc}); {FIX}") from exc
        self.tokenizer.enable_truncation(int(meta["max_length"]))
        # The shipped tokenizer.json pads every input to 128 tokens; one utterance needs no
        # padding at all, and padding made inference ten times slower (measured).
        self.tokenizer.no_padding()
        self._scores = functools.lru_cache(maxsize=REMEMBERED)(self._run)
        """The network's kind and operation probabilities for a text, remembered for the last
        :data:`REMEMBERED` texts: a heard request's readings are each read several times (its
        own rules, then again on a rehearsal of the home when two decoders are compared), and
        a reading was ~70% of a checked request's understanding time here."""

    def predict(self, text: str, types: set[str] | None = None, threshold: float = 0.5) -> Prediction:
        """Classify ``text``; with ``types``, operations on other device types are left out
        (a home without lamps has no lamp operations)."""
        kind, ops = self._scores(text)
        k = int(kind.argmax())
        probs = ops.copy()
        if types is not None:
            probs[[i for i, op in enumerate(self.ops) if op.split(":")[0] not in types]] = 0.0
        chosen = {self.ops[i]: float(p) for i, p in enumerate(probs) if p >= threshold}
        top = int(probs.argmax())
        return Prediction(self.kinds[k], float(kind[k]), chosen, (self.ops[top], float(probs[top])))

    def _run(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        enc = self.tokenizer.encode(text)
        ids = np.array([enc.ids], dtype=np.int64)
        mask = np.array([enc.attention_mask], dtype=np.int64)
        kind, ops = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
        return kind[0], ops[0]
