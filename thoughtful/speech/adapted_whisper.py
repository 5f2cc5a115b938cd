"""The adapted Whisper that ships with thoughtful, and the model folder it makes.

``thoughtful models adapt`` (:mod:`thoughtful.speech.adapt`) fine-tunes the decoder layers of
Whisper tiny.en and its four encoder layers; the front end, the token embedding and the
positions stay as installed. What changed ships in :data:`SHIPPED` (~15 MB): each weight matrix as the int8 rows and per-row scales
CTranslate2 makes of it when it loads the model in int8 (so the runtime's weights are the
adapted ones exactly), the biases and norms as they are, and the SHA-256 of the installed
``model.bin`` they were adapted from. :func:`unpack` lays them over a copy of the installed
model, with numpy only: no PyTorch, no download, nothing to run first. :func:`pack` makes
:data:`SHIPPED` from an adaptation (``thoughtful models adapt --ship``). What it does to
hearing, measured, is in the README (Speech).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from thoughtful.errors import ModelMissingError
from thoughtful.speech import ctranslate2_files

SHIPPED = Path(__file__).parent / "data" / "whisper-tiny-en-adapted.npz"
NOTE = "adapted.json"
_SCALE = "#scale"
_META = "#meta"

log = logging.getLogger(__name__)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def quantized(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A weight matrix as CTranslate2 quantizes it when it loads a model in int8: each row times
    127 over its largest magnitude (the row's ``weight_scale``), rounded half to even. Stored
    so, the runtime's weights are those of the float16 model it was made from, bit for bit."""
    rows = weight.astype(np.float32)
    amax = np.abs(rows).max(axis=1)
    scale = np.float32(127.0) / np.where(amax > 0, amax, np.float32(127.0))  # a row of zeros: 1
    return np.rint(rows * scale[:, None]).astype(np.int8), scale.astype(np.float32)


def pack(adapted: Path, installed: Path, out: Path = SHIPPED) -> dict:
    """Write the variables in which the model in ``adapted`` differs from the ``installed`` one
    it was adapted from into ``out``; returns what was written."""
    mine = ctranslate2_files.read(Path(adapted) / "model.bin").variables
    base = ctranslate2_files.read(Path(installed) / "model.bin").variables
    arrays: dict[str, np.ndarray] = {}
    for key, value in mine.items():
        if key not in base or value.shape != base[key].shape:
            raise ModelMissingError(f"{adapted}: not adapted from {installed} ({key} differs in shape)")
        if np.array_equal(value, base[key]):
            continue
        if value.ndim == 2:
            arrays[key], arrays[key + _SCALE] = quantized(value)
        else:
            arrays[key] = value
    note_file = Path(adapted) / NOTE
    how = json.loads(note_file.read_text()) if note_file.is_file() else {}
    how.pop("source", None)  # a path on the machine that adapted it
    meta = {"installed_sha256": sha256(Path(installed) / "model.bin"), "adapted": how}
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as f:
        np.savez_compressed(f, **arrays, **{_META: np.array(json.dumps(meta))})
    return meta


def unpack(installed: Path, out: Path, shipped: Path = SHIPPED) -> Path:
    """The adapted model in ``out``, laid over a copy of the ``installed`` one; made again when
    ``shipped`` has changed since. A model of the user's own adaptation there (``thoughtful
    models adapt``: no ``shipped_sha256`` in its note) is left as it is. Raises
    :class:`ModelMissingError` when the installed model is not the one the decoder was adapted
    from, ``shipped`` is damaged, or the folder cannot be written (a full disk)."""
    if not (Path(installed) / "model.bin").is_file() or not Path(shipped).is_file():
        raise ModelMissingError(f"no Whisper model to adapt in {installed}, or no {shipped}")
    shipped_sha = sha256(shipped)
    if _made(out, shipped_sha):
        return out
    try:
        with np.load(shipped) as data:
            arrays = {key: data[key] for key in data.files}
        meta = json.loads(str(arrays.pop(_META)))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise ModelMissingError(f"{shipped}: damaged ({exc})") from exc
    if sha256(Path(installed) / "model.bin") != meta["installed_sha256"]:
        raise ModelMissingError(f"{shipped}: adapted from another Whisper model than {installed}")
    model = ctranslate2_files.read(Path(installed) / "model.bin")
    for key, value in arrays.items():
        if key.endswith(_SCALE):
            continue
        if key not in model.variables or model.variables[key].shape != value.shape:
            raise ModelMissingError(f"{shipped}: {key} does not fit the model in {installed}")
        model.variables[key] = value
        if key + _SCALE in arrays:  # an int8 matrix and its scales, as CTranslate2 stores one
            model.variables[key + "_scale"] = arrays[key + _SCALE]
    staging = None
    try:  # in a folder of its own beside ``out``, so two processes starting at once do not collide
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
        made = staging / out.name
        shutil.copytree(installed, made, ignore=shutil.ignore_patterns("model.bin", NOTE))
        ctranslate2_files.write(made / "model.bin", model)
        (made / NOTE).write_text(json.dumps({**meta["adapted"], "shipped_sha256": shipped_sha}, indent=2) + "\n")
        if _made(out, shipped_sha):  # another process made it meanwhile: theirs stays
            return out
        shutil.rmtree(out, ignore_errors=True)
        made.replace(out)
    except OSError as exc:
        if _made(out, shipped_sha):  # another process made it meanwhile
            return out
        raise ModelMissingError(f"{out}: cannot write the adapted Whisper model ({exc})") from exc
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    log.info("adapted Whisper laid over the installed model in %s", out)
    return out


def _made(out: Path, shipped_sha: str) -> bool:
    """Whether ``out`` holds a whole model: the user's own adaptation (no ``shipped_sha256`` in
    its note) or the one laid from the shipped file with that SHA-256."""
    note_file = out / NOTE
    if not (out / "model.bin").is_file() or not note_file.is_file():
        return False
    try:
        made_from = json.loads(note_file.read_text()).get("shipped_sha256")
    except (OSError, ValueError):
        return False
    return made_from is None or made_from == shipped_sha
