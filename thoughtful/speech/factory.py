"""Building the configured recognizer, with its grammar or language model from the synthesis."""

from __future__ import annotations

from pathlib import Path

from thoughtful.state.home import Home
from thoughtful.state.schema import StateModel
from thoughtful.speech import corpus
from thoughtful.speech.recognizer import Recognizer
from thoughtful.speech.settings import SpeechSettings

DEFAULT_VOSK_DIR = "models/vosk-model-small-en-us-0.15"


def make_recognizer(speech: SpeechSettings, models: dict[str, StateModel], home: Home | None,
                    data_dir: Path, engine: str | None = None) -> Recognizer:
    engine = engine or speech.engine
    sentences = corpus.sentences(models, home)
    if engine == "vosk":
        from thoughtful.speech.vosk_stt import VoskRecognizer

        model_dir = speech.vosk_model or data_dir / DEFAULT_VOSK_DIR
        # Single words: the grammar loops over them, so new phrasings of known words still work.
        return VoskRecognizer(model_dir, corpus.vocabulary(sentences) if speech.grammar else None)
    from thoughtful.speech.pocketsphinx_stt import PocketSphinxRecognizer, build_language

    lm, dictionary = build_language(sentences, data_dir / "speech")
    return PocketSphinxRecognizer(lm, dictionary)
