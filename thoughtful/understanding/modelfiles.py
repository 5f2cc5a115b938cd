"""Where a trained language model lives and whether it fits the current state models.

A model directory holds ``model.onnx`` (int8), ``tokenizer.json``, ``meta.json``
(labels, the hash of the state models it was trained on, training figures) and
``README.md`` (the model card).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from thoughtful.errors import ModelMissingError
from thoughtful.state.schema import StateModel

FIX = "run `thoughtful train` (or `make run`, which trains when needed)"


def statemodel_hash(models: dict[str, StateModel]) -> str:
    """A hash of the state models' content (not their formatting)."""
    canonical = json.dumps({t: models[t].model_dump(mode="json", by_alias=True) for t in sorted(models)},
                           sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def heard_hash() -> str:
    """A hash of the heard corpus the model trains on, and of how it is filtered ("none"
    without one)."""
    from thoughtful.understanding.heard import HEARD_CORPUS, MAX_WER

    if not HEARD_CORPUS.is_file():
        return "none"
    return hashlib.sha256(HEARD_CORPUS.read_bytes() + f"max_wer={MAX_WER}".encode()).hexdigest()[:16]


TRAINING_SOURCES = ("synthesis.py", "phrasebook.py", "labels.py", "text.py", "train.py", "trainconfig.py")
"""The modules that decide what a model is trained on and how: a change to one trains anew."""


def training_hash() -> str:
    """A hash of the training code (:data:`TRAINING_SOURCES`)."""
    here = Path(__file__).parent
    return hashlib.sha256(b"".join((here / name).read_bytes() for name in TRAINING_SOURCES)).hexdigest()[:8]


def cache_name(models: dict[str, StateModel], config) -> str:
    """The name a trained model is kept under in a model cache (``THOUGHTFUL_MODEL_CACHE``):
    the same state models, training code, heard corpus and training configuration train the
    same model."""
    heard = heard_hash() if config.heard else "none"
    extra = "" if (config.batch_size, config.learning_rate, config.max_length, config.held_out, config.seed) == \
        (32, 8e-5, 40, 0.08, 0) else f"-{config.batch_size}-{config.learning_rate}-{config.max_length}-" \
                                     f"{config.held_out}-{config.seed}"
    return f"model-{statemodel_hash(models)}-{training_hash()}-{heard}-{config.examples}x{config.epochs}{extra}"


def read_meta(model_dir: Path) -> dict[str, Any]:
    meta_path = model_dir / "meta.json"
    for name in ("model.onnx", "tokenizer.json", "meta.json"):
        if not (model_dir / name).is_file():
            raise ModelMissingError(f"{model_dir}: no trained language model ({name} missing); {FIX}")
    try:
        meta = json.loads(meta_path.read_text())
        for key in ("kinds", "ops", "statemodel_hash", "max_length"):
            meta[key]
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelMissingError(f"{meta_path}: corrupt model metadata ({exc}); {FIX}") from exc
    return meta


def check_fresh(model_dir: Path, models: dict[str, StateModel]) -> dict[str, Any]:
    """The model's metadata; raises :class:`ModelMissingError` when missing or trained on other state models."""
    meta = read_meta(model_dir)
    if meta["statemodel_hash"] != statemodel_hash(models):
        raise ModelMissingError(f"{model_dir}: the model was trained on other state models "
                                f"(hash {meta['statemodel_hash']}, now {statemodel_hash(models)}); {FIX}")
    if meta.get("config", {}).get("heard", True) and meta.get("heard_hash") != heard_hash():
        raise ModelMissingError(f"{model_dir}: the model was trained on another heard corpus "
                                f"({meta.get('heard_hash')}, now {heard_hash()}); {FIX}")
    return meta


def record(model_dir: Path, key: str, value: Any) -> None:
    """Add a measurement (case-file scores, bench figures) to the metadata and the model card."""
    from thoughtful.understanding.card import model_card

    meta = read_meta(model_dir)
    if isinstance(value, dict) and isinstance(meta.get(key), dict):
        meta[key].update(value)
    else:
        meta[key] = value
    (model_dir / "meta.json").write_text(json.dumps(meta, indent=1))
    (model_dir / "README.md").write_text(model_card(meta))
