from __future__ import annotations

from pathlib import Path

import pytest

from thoughtful.settings import builtin_statemodels_dir
from thoughtful.state.schema import load_state_models

REPO = Path(__file__).resolve().parent.parent
DEV_CASES = REPO.parent / "shared" / "eval" / "dev-cases.jsonl"


@pytest.fixture(scope="session")
def models():
    return load_state_models([builtin_statemodels_dir()])


TEST_TRAINING: dict = {}
"""The default configuration: smaller ones (8,000 examples, 2 epochs) missed plain commands.
Trained once per state-model hash and cached in .cache/."""


@pytest.fixture(scope="session")
def model_dir(models):
    """A real trained model, trained once per state models and configuration and kept in the
    model cache (``THOUGHTFUL_MODEL_CACHE``, set by ``make``; ``.cache/`` otherwise), which
    ``make run`` reuses too."""
    import os

    from thoughtful.understanding.modelfiles import cache_name
    from thoughtful.understanding.train import train
    from thoughtful.understanding.trainconfig import TrainConfig

    config = TrainConfig(**TEST_TRAINING)
    path = Path(os.environ.get("THOUGHTFUL_MODEL_CACHE", REPO / ".cache")) / cache_name(models, config)
    if not (path / "meta.json").exists():
        train(models, path, config, progress=False)
    return path


@pytest.fixture(scope="session")
def interpreter(models, model_dir):
    from thoughtful.understanding.loader import load_interpreter

    return load_interpreter(model_dir, models)


@pytest.fixture
def broker(tmp_path):
    from broker import Broker

    b = Broker(tmp_path).start()
    yield b
    b.stop()
