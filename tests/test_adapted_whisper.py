"""The adapted Whisper shipped with thoughtful: packed as CTranslate2 quantizes it, laid
over the installed model with numpy only, the default recognizer's, and never a reason not to
hear when it cannot be made. Real models, real audio."""

import json
import logging
import shutil

import numpy as np
import pytest

from thoughtful.errors import ModelMissingError
from thoughtful.simulation.scene import pcm16, render
from thoughtful.speech import ctranslate2_files
from thoughtful.speech.adapt import ADAPTED_DIR
from thoughtful.speech.adapted_whisper import NOTE, SHIPPED, pack, quantized, unpack
from thoughtful.speech.factory import make_recognizer
from thoughtful.speech.settings import SpeechSettings
from thoughtful.speech.whisper_stt import WhisperRecognizer, bundled_model_dir

LAYER = "decoder/layer_1/ffn/linear_0/weight"


def spoken(text: str, condition: str = "clean", seed: int = 0) -> np.ndarray:
    return pcm16(render(text, "flite:rms", condition, 16000, np.random.default_rng(seed)))


@pytest.fixture(scope="module")
def installed():
    return bundled_model_dir()


def test_quantized_rows_come_back_within_half_a_step():
    weight = np.random.default_rng(0).normal(size=(6, 40)).astype(np.float16)
    weight[2] = 0  # a row of zeros keeps a finite scale
    q, scale = quantized(weight)
    assert q.dtype == np.int8 and np.abs(q).max() == 127 and np.all(np.isfinite(scale))
    back = q.astype(np.float32) / scale[:, None]
    step = 1 / scale[:, None]
    assert np.all(np.abs(back - weight.astype(np.float32)) <= step / 2 + 1e-6)


def test_a_packed_decoder_hears_exactly_as_the_float16_model_it_came_from(tmp_path, installed):
    """A decoder changed in float16 (as ``models adapt`` writes it), packed and laid over the
    installed model, gives CTranslate2 the same int8 weights: the same transcripts, the same
    confidences, to the last digit."""
    changed = tmp_path / "changed"
    shutil.copytree(installed, changed)
    model = ctranslate2_files.read(installed / "model.bin")
    noise = np.random.default_rng(1).normal(scale=0.01, size=model.variables[LAYER].shape)
    model.variables[LAYER] = (model.variables[LAYER].astype(np.float32) + noise).astype(np.float16)
    ctranslate2_files.write(changed / "model.bin", model)
    (changed / NOTE).write_text(json.dumps({"source": "/somewhere/else", "seed": 1}))
    shipped = tmp_path / "decoder.npz"
    meta = pack(changed, installed, shipped)
    assert "source" not in meta["adapted"] and meta["adapted"]["seed"] == 1
    with np.load(shipped) as data:
        assert [k for k in data.files if "#" not in k] == [LAYER]  # only what changed ships
    out = unpack(installed, tmp_path / "adapted", shipped)
    variables = ctranslate2_files.read(out / "model.bin").variables
    assert variables[LAYER].dtype == np.int8 and variables[LAYER + "_scale"].shape == (variables[LAYER].shape[0],)
    a, b = WhisperRecognizer(changed, threads=1), WhisperRecognizer(out, threads=1)
    for text, condition in [("turn off the desk lamp", "clean"), ("set the thermostat to seventy", "both")]:
        audio = spoken(text, condition)
        heard_a, heard_b = a.decode(audio), b.decode(audio)
        assert (heard_a.text, heard_a.confidence, heard_a.alternatives) == \
            (heard_b.text, heard_b.confidence, heard_b.alternatives)


def test_the_default_recognizer_is_the_shipped_adaptation_checked_by_the_installed_model(tmp_path, models, installed):
    assert SHIPPED.is_file()
    recognizer = make_recognizer(SpeechSettings(), models, None, tmp_path, "whisper")
    assert recognizer.model_dir == tmp_path / ADAPTED_DIR and recognizer.cross_checker is not None
    note = json.loads((tmp_path / ADAPTED_DIR / NOTE).read_text())
    assert note["shipped_sha256"] and "flite:rms" not in note["held_out_voices"]
    assert note["encoder_layers"] == 4  # the encoder's layers are adapted too, and ship; not its front end
    with np.load(SHIPPED) as data:
        assert "encoder/layer_0/ffn/linear_0/weight" in data.files and "encoder/conv1/weight" not in data.files
    heard = recognizer.decode(spoken("turn off the desk lamp", "room", seed=3))
    assert "desk lamp" in heard.text.lower() and "off" in heard.text.lower()
    assert "lamp" in heard.cross_check.text.lower()
    made = (tmp_path / ADAPTED_DIR / "model.bin").stat().st_mtime_ns
    make_recognizer(SpeechSettings(), models, None, tmp_path, "whisper")  # made once, then reused
    assert (tmp_path / ADAPTED_DIR / "model.bin").stat().st_mtime_ns == made
    alone = make_recognizer(SpeechSettings(adapted=False), models, None, tmp_path, "whisper")
    assert alone.model_dir == installed and alone.cross_checker is None


def test_a_new_shipped_decoder_replaces_the_old_one_but_not_the_users_own(tmp_path, installed):
    out = tmp_path / ADAPTED_DIR
    unpack(installed, out)
    first = json.loads((out / NOTE).read_text())["shipped_sha256"]
    other = tmp_path / "other.npz"
    other.write_bytes(SHIPPED.read_bytes())  # the same decoder elsewhere: not made again
    assert unpack(installed, out, other) == out
    assert json.loads((out / NOTE).read_text())["shipped_sha256"] == first
    with np.load(SHIPPED) as data:
        arrays = {k: data[k] for k in data.files}
    arrays["decoder/layer_norm/beta"] = arrays["decoder/layer_norm/beta"] + np.float16(0.01)
    with open(other, "wb") as f:
        np.savez_compressed(f, **arrays)
    unpack(installed, out, other)
    assert json.loads((out / NOTE).read_text())["shipped_sha256"] != first
    (out / NOTE).write_text(json.dumps({"seed": 7}))  # `thoughtful models adapt` of the user's own
    assert unpack(installed, out) == out and json.loads((out / NOTE).read_text()) == {"seed": 7}


def test_when_the_adaptation_cannot_be_made_the_installed_model_hears_alone(tmp_path, models, installed, caplog):
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(SHIPPED.read_bytes()[:1000])
    with pytest.raises(ModelMissingError, match="damaged"):
        unpack(installed, tmp_path / "a", damaged)
    other_model = tmp_path / "other-whisper"
    shutil.copytree(installed, other_model)
    with open(other_model / "model.bin", "ab") as f:
        f.write(b"\0")
    with pytest.raises(ModelMissingError, match="another Whisper model"):
        unpack(other_model, tmp_path / "b")
    with pytest.raises(ModelMissingError, match="no Whisper model"):
        unpack(tmp_path / "nowhere", tmp_path / "c")
    # a data folder where the model cannot be written (a real OSError): a warning, no crash
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "models").write_text("a file where a folder must go")
    with caplog.at_level(logging.WARNING):
        recognizer = make_recognizer(SpeechSettings(), models, None, blocked, "whisper")
    assert recognizer.model_dir == installed and recognizer.cross_checker is None
    assert "cannot write the adapted Whisper model" in caplog.text and "installed Whisper alone" in caplog.text
    assert (blocked / "models").read_text() == "a file where a folder must go"


def test_two_processes_laying_it_at_once_both_get_the_whole_model(tmp_path, installed):
    """The daemon and ``thoughtful interpret`` started together: each lays the model in a folder
    of its own and moves it into place; both end with the whole model, nothing left beside it."""
    from concurrent.futures import ThreadPoolExecutor

    out = tmp_path / "models" / "whisper-tiny-en-adapted"
    with ThreadPoolExecutor(2) as pool:
        made = list(pool.map(lambda _: unpack(installed, out), range(2)))
    assert made == [out, out] and (out / "model.bin").stat().st_size > 10_000_000
    assert json.loads((out / NOTE).read_text())["shipped_sha256"]
    assert [p.name for p in out.parent.iterdir()] == [out.name]
