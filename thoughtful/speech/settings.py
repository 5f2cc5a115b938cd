"""The ``speech`` section of the configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from thoughtful.speech.endpoint import EndpointSettings


class SpeechSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    engine: Literal["whisper", "pocketsphinx", "vosk"] = "whisper"
    """Whisper tiny.en (the default, installed with thoughtful) hears best in a room;
    PocketSphinx is the 7 MB fallback; Vosk needs a model (``thoughtful models pull``)."""
    whisper_model: Path | None = None
    """A CTranslate2 Whisper model directory; the one installed with thoughtful when unset."""
    adapted: bool = True
    """Whisper adapted to requests heard in rooms (its decoder and last encoder layers, shipped
    with thoughtful), each reading checked by the installed decoder's reading of the same
    encoding; false: the installed model alone (~85 MB less memory, hears less). Not used with
    ``whisper_model``."""
    threads: int = Field(default=2, ge=1, le=64)
    """CPU threads for Whisper (shared by the two decoders when checked)."""
    vosk_model: Path | None = None
    """A Vosk model directory; ``<data_dir>/models/vosk-model-small-en-us-0.15`` when unset."""
    grammar: bool = True
    """Narrow Vosk to the devices' vocabulary (words checked against its lexicon)."""
    microphone: str | None = None
    """An ALSA device ("default", "plughw:1,0") to listen on; no listening when unset."""
    activation: Literal["wake_phrase", "button", "continuous"] = "wake_phrase"
    wake_phrase: str = "hey thoughtful"
    button_pin: int | None = None
    """Push-to-talk: a GPIO button; an utterance is heard while it is held."""
    reply_command: list[str] | None = None
    """Speak replies, e.g. ``[espeak-ng, -v, en-us]`` (the text is appended); off when unset."""
    endpoint: EndpointSettings = Field(default_factory=EndpointSettings)

    @model_validator(mode="after")
    def _button_has_a_pin(self) -> "SpeechSettings":
        if self.activation == "button" and self.button_pin is None:
            raise ValueError("activation: button needs button_pin (the GPIO pin of the push-to-talk button)")
        return self
