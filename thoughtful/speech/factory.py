"""Building the configured recognizer, biased towards the home's words."""

from __future__ import annotations

import logging
from pathlib import Path

from thoughtful.errors import ModelMissingError
from thoughtful.state.home import Home
from thoughtful.state.schema import StateModel
from thoughtful.speech import corpus
from thoughtful.speech.recognizer import Recognizer
from thoughtful.speech.settings import SpeechSettings

DEFAULT_VOSK_DIR = "models/vosk-model-small-en-us-0.15"
DEFAULT_WHISPER_DIR = "models/whisper-tiny-en"

log = logging.getLogger(__name__)


def home_phrases(models: dict[str, StateModel], home: Home | None) -> list[str]:
    """The words a recognizer should lean towards: device names and rooms first, then the
    names the state models give their device types."""
    devices = [] if home is None else [(d.name, d.room) for d in home.devices.values()]
    return phrases_of(models, devices)


def phrases_of(models: dict[str, StateModel], devices: list[tuple[str, str]]) -> list[str]:
    """:func:`home_phrases` for (name, room) pairs."""
    phrases = [p for pair in devices for p in pair]
    for model in models.values():
        phrases += model.language.names
    return [p for p in dict.fromkeys(phrases) if p]


def adapted_model(installed: Path, data_dir: Path) -> Path | None:
    """Whisper adapted to requests in rooms, in ``<data_dir>/models/``: the
    user's own adaptation, else the one shipped with thoughtful laid over ``installed``; None,
    with a warning, when it cannot be made (the installed model alone then hears)."""
    from thoughtful.speech.adapt import ADAPTED_DIR
    from thoughtful.speech.adapted_whisper import unpack

    try:
        return unpack(installed, data_dir / ADAPTED_DIR)
    except ModelMissingError as exc:
        log.warning("%s: hearing with the installed Whisper alone", exc)
        return None


def make_recognizer(speech: SpeechSettings, models: dict[str, StateModel], home: Home | None,
                    data_dir: Path, engine: str | None = None) -> Recognizer:
    engine = engine or speech.engine
    if engine == "whisper":
        from thoughtful.speech.whisper_stt import WhisperRecognizer, bundled_model_dir

        installed = bundled_model_dir() or data_dir / DEFAULT_WHISPER_DIR
        adapted = None if speech.whisper_model or not speech.adapted else adapted_model(installed, data_dir)
        # The adapted model hears more, and more confidently wrongly: the installed decoder checks it.
        recognizer: Recognizer = WhisperRecognizer(speech.whisper_model or adapted or installed, threads=speech.threads,
                                                   vocabulary=corpus.words(models),
                                                   cross_check_dir=installed if adapted else None)
        recognizer.bias(home_phrases(models, home))
        log.info("hearing with Whisper: %s", str(speech.whisper_model) if speech.whisper_model else
                 "adapted to requests in rooms, checked by the installed decoder" if adapted else "as installed")
        return recognizer
    sentences = corpus.sentences(models, home)
    if engine == "vosk":
        from thoughtful.speech.vosk_stt import VoskRecognizer

        model_dir = speech.vosk_model or data_dir / DEFAULT_VOSK_DIR
        # Single words: the grammar loops over them, so new phrasings of known words still work.
        return VoskRecognizer(model_dir, corpus.vocabulary(sentences) if speech.grammar else None)
    from thoughtful.speech.pocketsphinx_stt import PocketSphinxRecognizer, build_language

    lm, dictionary = build_language(sentences, data_dir / "speech")
    return PocketSphinxRecognizer(lm, dictionary)
