"""Building the interpreter from settings, training the model first when asked to."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from thoughtful.errors import ModelMissingError
from thoughtful.state.schema import StateModel
from thoughtful.understanding.interpreter import Interpreter
from thoughtful.understanding.modelfiles import cache_name, check_fresh
from thoughtful.understanding.runtime import LanguageModel
from thoughtful.understanding.trainconfig import TrainConfig

log = logging.getLogger(__name__)


def ensure_model(model_dir: Path, models: dict[str, StateModel]) -> None:
    """Train the default model into ``model_dir`` when it is missing or stale — or, when the
    environment names a model cache (``THOUGHTFUL_MODEL_CACHE``, set by ``make``), take the
    same model from there, and leave a copy of a newly trained one there."""
    try:
        check_fresh(model_dir, models)
        return
    except ModelMissingError as exc:
        missing = exc
    cache = os.environ.get("THOUGHTFUL_MODEL_CACHE")
    cached = Path(cache) / cache_name(models, TrainConfig()) if cache else None
    if cached is not None and _fresh(cached, models):
        log.info("%s: copying the same model trained earlier in %s", model_dir, cached)
        shutil.copytree(cached, model_dir, dirs_exist_ok=True)
        return
    log.warning("%s", missing)
    try:
        from thoughtful.understanding.train import train
    except ImportError as exc:
        raise ModelMissingError(f"{model_dir}: no usable model, and training needs the 'train' extra "
                                f"(pip install 'thoughtful[train]'): {exc}") from exc
    log.warning("training the language model into %s (about 5-10 minutes on 2 cores)", model_dir)
    train(models, model_dir)
    if cached is not None:
        shutil.copytree(model_dir, cached, dirs_exist_ok=True)


def _fresh(model_dir: Path, models: dict[str, StateModel]) -> bool:
    try:
        check_fresh(model_dir, models)
        return True
    except ModelMissingError:
        return False


def load_interpreter(model_dir: Path, models: dict[str, StateModel], threads: int | None = None) -> Interpreter:
    return Interpreter(models, LanguageModel(model_dir, models, threads=threads))
