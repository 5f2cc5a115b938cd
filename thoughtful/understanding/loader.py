"""Building the interpreter from settings, training the model first when asked to."""

from __future__ import annotations

import logging
from pathlib import Path

from thoughtful.errors import ModelMissingError
from thoughtful.state.schema import StateModel
from thoughtful.understanding.interpreter import Interpreter
from thoughtful.understanding.modelfiles import check_fresh
from thoughtful.understanding.runtime import LanguageModel

log = logging.getLogger(__name__)


def ensure_model(model_dir: Path, models: dict[str, StateModel]) -> None:
    """Train the default model into ``model_dir`` when it is missing or stale."""
    try:
        check_fresh(model_dir, models)
        return
    except ModelMissingError as exc:
        log.warning("%s", exc)
    try:
        from thoughtful.understanding.train import train
    except ImportError as exc:
        raise ModelMissingError(f"{model_dir}: no usable model, and training needs the 'train' extra "
                                f"(pip install 'thoughtful[train]'): {exc}") from exc
    log.warning("training the language model into %s (about 5-10 minutes on 2 cores)", model_dir)
    train(models, model_dir)


def load_interpreter(model_dir: Path, models: dict[str, StateModel], threads: int | None = None) -> Interpreter:
    return Interpreter(models, LanguageModel(model_dir, models, threads=threads))
