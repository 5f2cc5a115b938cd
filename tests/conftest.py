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
