"""Adapting Whisper (``thoughtful models adapt``: its decoder and last encoder layers): the CTranslate2 file format read
and written back, the PyTorch model over its weights, and a small adaptation end to end whose
model the recognizer then loads and hears with. Real weights, real audio."""

import filecmp

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from thoughtful.simulation.scene import pcm16, render  # noqa: E402
from thoughtful.speech import ctranslate2_files  # noqa: E402
from thoughtful.speech.adapt import ADAPTED_DIR, adapt, whisper_style  # noqa: E402
from thoughtful.speech.factory import make_recognizer  # noqa: E402
from thoughtful.speech.settings import SpeechSettings  # noqa: E402
from thoughtful.speech.whisper_stt import WhisperRecognizer, bundled_model_dir  # noqa: E402
from thoughtful.speech.whisper_torch import Whisper  # noqa: E402


def test_a_model_file_is_written_back_byte_for_byte(tmp_path):
    model = ctranslate2_files.read(bundled_model_dir() / "model.bin")
    assert model.name == "WhisperSpec" and model.variables["decoder/num_heads"].shape == ()
    ctranslate2_files.write(tmp_path / "model.bin", model)
    assert filecmp.cmp(tmp_path / "model.bin", bundled_model_dir() / "model.bin", shallow=False)


def test_the_pytorch_model_hears_what_ctranslate2_hears():
    model = ctranslate2_files.read(bundled_model_dir() / "model.bin")
    net = Whisper(model.variables)
    assert all(np.array_equal(v, model.variables[k]) for k, v in net.variables().items())
    recognizer = WhisperRecognizer(bundled_model_dir())
    recognizer.bias(["desk lamp", "office"])
    audio = pcm16(render("turn off the desk lamp", "flite:rms", "clean", 16000, np.random.default_rng(0)))
    prompt = recognizer._prompt_tokens()
    tokens = list(prompt)
    with torch.no_grad():
        encoded = net.encode(torch.tensor(np.array(recognizer._features(audio))))
        while len(tokens) < len(prompt) + 20:
            token = int(net.logits(net.decode(torch.tensor([tokens]), encoded))[0, -1].argmax())
            if token == recognizer.tokenizer.eot:
                break
            tokens.append(token)
    heard = recognizer.tokenizer.decode(tokens[len(prompt):]).lower()
    assert "desk lamp" in heard and "off" in heard, heard


def test_the_encoder_split_where_adapting_starts_gives_the_same_states():
    net = Whisper(ctranslate2_files.read(bundled_model_dir() / "model.bin").variables)
    mel = torch.randn(1, 80, 200)
    with torch.no_grad():
        whole = net.encode(mel)
        for start in range(net.encoder_layers + 1):
            assert torch.allclose(net.encode_from(net.encode(mel, until=start), start), whole, atol=1e-5), start
        assert not torch.allclose(net.encode(mel, until=2), whole, atol=1e-2)


def test_whisper_style():
    assert whisper_style("set the lamp to forty percent", False) == "Set the lamp to 40%."
    assert whisper_style("is the heat on", True) == "Is the heat on?"


def test_a_small_adaptation_writes_a_model_the_recognizer_uses(tmp_path, models):
    out = tmp_path / ADAPTED_DIR
    note = adapt(models, bundled_model_dir(), out, clips=4, epochs=1, progress=lambda _: None)
    assert note["clips"] >= 1 and note["final_loss"] > 0 and (out / "adapted.json").is_file()
    changed = ctranslate2_files.read(out / "model.bin").variables
    original = ctranslate2_files.read(bundled_model_dir() / "model.bin").variables
    assert not np.array_equal(changed["decoder/layer_0/ffn/linear_0/weight"], original["decoder/layer_0/ffn/linear_0/weight"])
    assert note["encoder_layers"] == 4  # all four: the front end stays
    for layer in range(4):
        key = f"encoder/layer_{layer}/ffn/linear_0/weight"
        assert not np.array_equal(changed[key], original[key]), key
    for kept in ("encoder/conv1/weight", "decoder/embeddings/weight"):
        assert np.array_equal(changed[kept], original[kept]), kept
    recognizer = make_recognizer(SpeechSettings(), models, None, tmp_path, "whisper")
    assert recognizer.model_dir == out  # the user's own adaptation, not the shipped one laid over it
    assert ctranslate2_files.read(out / "model.bin").variables["decoder/layer_0/ffn/linear_0/weight"].dtype == np.float16
    audio = pcm16(render("turn off the desk lamp", "flite:rms", "clean", 16000, np.random.default_rng(1)))
    heard = recognizer.decode(audio)
    assert "lamp" in heard.text.lower()
    # the installed decoder reads the same encoding as a check on the adapted one
    assert recognizer.cross_checker is not None and "lamp" in heard.cross_check.text.lower()
    assert heard.cross_check.cross_check is None and 0 < heard.cross_check.confidence <= 1
