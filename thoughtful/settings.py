"""The daemon's configuration file (``thoughtful.yaml``), validated once at start-up.

Every key is optional; with no file at all the daemon runs the embedded default
home (a simulated lamp and thermostat) from the built-in state models.
"""

from __future__ import annotations

import os
import socket
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from thoughtful.integrations.wyoming_handler import WyomingSettings
from thoughtful.speech.settings import SpeechSettings
from thoughtful.transport.mqtt_settings import MqttSettings
from thoughtful.yamlfile import load_yaml_model


def _builtin_dir(package: str, source_dir: str) -> Path:
    """A data folder installed as ``package``, or the repository's ``source_dir`` when
    running from a source checkout (an editable install)."""
    try:
        return Path(str(resources.files(package)))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / source_dir


def builtin_statemodels_dir() -> Path:
    """The state models shipped with the package (the repository's ``statemodels/``)."""
    return _builtin_dir("thoughtful.builtin_statemodels", "statemodels")


def builtin_home_file() -> Path:
    """The embedded default home (the repository's ``devices/home.yaml``)."""
    return _builtin_dir("thoughtful.builtin_devices", "devices") / "home.yaml"


def builtin_systemd_dir() -> Path:
    """The service unit template (the repository's ``systemd/``)."""
    return _builtin_dir("thoughtful.builtin_systemd", "systemd")


def default_data_dir() -> Path:
    if "THOUGHTFUL_DATA_DIR" in os.environ:
        return Path(os.environ["THOUGHTFUL_DATA_DIR"])
    if "STATE_DIRECTORY" in os.environ:  # set by systemd's StateDirectory=
        return Path(os.environ["STATE_DIRECTORY"])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "thoughtful"


def default_node_id() -> str:
    return "".join(c if c.isalnum() else "_" for c in socket.gethostname().lower()) or "thoughtful"


TOPIC = r"^[^#+/\x00]+(/[^#+/\x00]+)*$"
"""An MQTT topic to publish under: no wildcards, no empty levels."""


class HomeAssistantSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    discovery_prefix: str = Field(default="homeassistant", pattern=TOPIC)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data_dir: Path = Field(default_factory=default_data_dir)
    """Where state, the provenance log and trained models live."""
    statemodel_dirs: list[Path] = []
    """Extra state-model directories, read after the built-in ones (same type overrides)."""
    home: Path | None = None
    """The device registry; the embedded default home when unset."""
    speaker_room: str | None = None
    """The room the microphone is in ("turn off the light" means the light there)."""
    model_dir: Path | None = None
    """The trained language model; ``<data_dir>/model`` when unset."""
    mqtt: MqttSettings | None = None
    """The broker; no MQTT (and no Home Assistant) when unset."""
    node_id: str = Field(default_factory=default_node_id, pattern=r"^[A-Za-z0-9_-]+$")
    """Keeps several daemons on one broker apart (topics ``<base_topic>/<node_id>/…``)."""
    node_name: str | None = None
    """The daemon's device name in Home Assistant; ``thoughtful <node_id>`` when unset, so
    two daemons on one broker are told apart."""
    base_topic: str = Field(default="thoughtful", pattern=TOPIC)
    homeassistant: HomeAssistantSettings = Field(default_factory=HomeAssistantSettings)
    wyoming: WyomingSettings | None = None
    """Serve Home Assistant's Assist as a conversation agent (Wyoming); off when unset."""
    speech: SpeechSettings = Field(default_factory=SpeechSettings)
    tick: float = Field(default=1.0, gt=0, le=10)
    """Seconds between control-loop and sensor updates."""

    @property
    def all_statemodel_dirs(self) -> list[Path]:
        return [builtin_statemodels_dir(), *self.statemodel_dirs]

    @property
    def home_file(self) -> Path:
        return self.home or builtin_home_file()

    @property
    def state_file(self) -> Path:
        return self.data_dir / "state.json"

    @property
    def language_model_dir(self) -> Path:
        return self.model_dir or self.data_dir / "model"


def load_settings(path: Path | None) -> Settings:
    if path is None:
        return Settings()
    settings = load_yaml_model(path, Settings)
    base = path.parent
    # Relative paths in the file are relative to the file.
    return settings.model_copy(update={
        "data_dir": base / settings.data_dir,
        "statemodel_dirs": [base / p for p in settings.statemodel_dirs],
        "home": base / settings.home if settings.home else None,
        "model_dir": base / settings.model_dir if settings.model_dir else None,
        "speech": settings.speech.model_copy(update={
            "vosk_model": base / settings.speech.vosk_model if settings.speech.vosk_model else None}),
    })
