"""The state-model format: YAML → typed pydantic models.

A state model describes one device type in the formalism of "Thoughtful Things"
(King et al., 2024): high-level *states*; the *settings* valid in each state
with their kind, range, unit and step; read-only *sensors*; allowed
*transitions*; and a *language* section that training turns into examples.
Adding a device type means writing one such file; no code changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from thoughtful.errors import ConfigError
from thoughtful.yamlfile import load_yaml_model


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ImpliesState(_Strict):
    """Which state a setting implies when set from a state that lacks it: ``above`` when the
    new value is above the ``sensor`` reading, ``below`` when below (a setpoint → heat or cool)."""

    sensor: str
    above: str
    below: str


class Setting(_Strict):
    """One setting or sensor: what values it takes and how people speak of it."""

    kind: Literal["integer", "number", "enum", "color"]
    min: float | None = None
    max: float | None = None
    step: float | None = None
    """Size of one "a bit more" change; also the rounding grid for integers."""
    unit: str = ""
    quantity: Literal["temperature"] | None = None
    """Set for values a home may speak in another unit (°C)."""
    values: list[str] = []
    """For ``enum`` settings: the allowed values."""
    default: Any = None
    description: str = ""
    implies_state: ImpliesState | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "Setting":
        if self.kind in ("integer", "number"):
            if self.min is not None and self.max is not None and self.min > self.max:
                raise ValueError(f"min {self.min} is above max {self.max}")
        if self.kind == "enum" and not self.values:
            raise ValueError("an enum setting needs a non-empty 'values' list")
        return self

    @property
    def numeric(self) -> bool:
        return self.kind in ("integer", "number")


class State(_Strict):
    description: str = ""
    settings: list[str] = []
    """Names of the settings valid (present in the snapshot) in this state."""
    one_of: list[list[str]] = []
    """Groups of settings of which exactly one is present (e.g. colour temperature or colour)."""
    defaults: dict[str, Any] = {}
    """Values used when entering this state with no remembered value."""


class Transition(_Strict):
    from_: str = Field(alias="from")
    to: str
    why: str = ""


class NamedValue(_Strict):
    value: Any
    synonyms: list[str] = []


class SettingLanguage(_Strict):
    names: list[str] = []
    up: list[str] = []
    """Comparatives that raise the value: "brighter", "warmer"."""
    down: list[str] = []
    raise_: list[str] = Field(default=[], alias="raise")
    """Verbs that raise it, taking the device as object: "brighten the lamp", "turn up the heat"."""
    lower: list[str] = []
    max: list[str] = []
    min: list[str] = []
    named: dict[str, NamedValue] = {}
    """Named values ("warm white", "red") with the words people use for them."""
    values: dict[str, list[str]] = {}
    """For enum settings: phrases that select each value."""


class StateLanguage(_Strict):
    say: str = ""
    verbs: list[str] = []


class Toward(_Strict):
    """A goal's target for a numeric setting: go to ``toward``, or when the value is already
    past it or less than half a ``step`` short of it, one more ``step`` in the same direction (so
    "I'm still cold" keeps helping, and "I'm cold" at 69.8°F is not answered with 70°F).

    With ``past``, a sensor, the target is also at least one ``step`` beyond that sensor's
    reading: "I'm too hot" in a 68°F room cools to 66°F, not to a 74°F that would never run."""

    toward: float
    step: float
    past: str | None = None


class Goal(_Strict):
    phrases: list[str]
    effect: dict[str, Any]
    why: str
    whole_home: bool = False
    """About the home rather than one device ("good night", "I'm leaving"): said without a
    device or a room, it applies to every device of the type instead of asking which."""

    @field_validator("effect")
    @classmethod
    def _parse_towards(cls, effect: dict[str, Any]) -> dict[str, Any]:
        return {k: Toward.model_validate(v) if isinstance(v, dict) and "toward" in v else v
                for k, v in effect.items()}


class Language(_Strict):
    names: list[str]
    """Words for the device type ("lamp", "light"); the first is used in replies."""
    states: dict[str, StateLanguage] = {}
    settings: dict[str, SettingLanguage] = {}
    questions: dict[str, list[str]] = {}
    """Per snapshot key (or ``state``): questions asking about it; ``<device>`` is a slot."""
    why: list[str] = []
    goals: dict[str, Goal] = {}


class StateModel(_Strict):
    type: str
    description: str = ""
    serves: Literal["room", "home"] = "room"
    """``room``: a device acts on the room it is in (a lamp). ``home``: the only device of its
    type also serves the rooms that have none ("it's cold in the bedroom" with one thermostat,
    in the hall, means that thermostat)."""
    settings: dict[str, Setting] = {}
    sensors: dict[str, Setting] = {}
    states: dict[str, State]
    transitions: list[Transition] = []
    language: Language

    @model_validator(mode="after")
    def _references_exist(self) -> "StateModel":
        problems: list[str] = []
        known = set(self.settings)
        for name, state in self.states.items():
            for key in state.settings:
                if key not in known:
                    problems.append(f"states.{name}.settings names unknown setting {key!r}")
            for group in state.one_of:
                for key in group:
                    if key not in state.settings:
                        problems.append(f"states.{name}.one_of names {key!r}, not a setting of this state")
            for key in state.defaults:
                if key not in state.settings:
                    problems.append(f"states.{name}.defaults names {key!r}, not a setting of this state")
        for key, spec in self.settings.items():
            hint = spec.implies_state
            if hint:
                if hint.sensor not in self.sensors:
                    problems.append(f"settings.{key}.implies_state.sensor names unknown sensor {hint.sensor!r}")
                for end in (hint.above, hint.below):
                    if end not in self.states:
                        problems.append(f"settings.{key}.implies_state names unknown state {end!r}")
        for i, tr in enumerate(self.transitions):
            for end in (tr.from_, tr.to):
                if end not in self.states:
                    problems.append(f"transitions[{i}] names unknown state {end!r}")
        lang = self.language
        for key in lang.states:
            if key not in self.states:
                problems.append(f"language.states names unknown state {key!r}")
        for key in lang.settings:
            if key not in known:
                problems.append(f"language.settings names unknown setting {key!r}")
        for key in lang.questions:
            if key != "state" and key not in known and key not in self.sensors:
                problems.append(f"language.questions names unknown key {key!r}")
        for gname, goal in lang.goals.items():
            for key, value in goal.effect.items():
                if key != "state" and key not in known:
                    problems.append(f"language.goals.{gname}.effect names unknown setting {key!r}")
                if isinstance(value, Toward) and value.past is not None and value.past not in self.sensors:
                    problems.append(f"language.goals.{gname}.effect.{key}.past names unknown sensor {value.past!r}")
            target = goal.effect.get("state")
            if target is not None and target not in self.states:
                problems.append(f"language.goals.{gname}.effect.state is unknown state {target!r}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # --- queries used by the runtime -------------------------------------------------
    def spec(self, key: str) -> Setting:
        if key in self.settings:
            return self.settings[key]
        if key in self.sensors:
            return self.sensors[key]
        raise KeyError(key)

    def can_transition(self, source: str, target: str) -> bool:
        return source == target or any(t.from_ == source and t.to == target for t in self.transitions)

    def transition(self, source: str, target: str) -> Transition | None:
        return next((t for t in self.transitions if t.from_ == source and t.to == target), None)

    @property
    def display_name(self) -> str:
        return self.language.names[0]

    @property
    def role(self) -> Role:
        """How drivers and Home Assistant serve the type, read from its snapshot keys (those of
        the contract): ``climate`` (a ``setpoint`` that implies heating or cooling from a
        sensor: the control loop, a climate entity), ``light`` (``brightness`` or a colour: a
        dimmable lamp, a light entity), ``switch`` (on and off: a relay, a switch entity), or
        ``other``. A new device type in YAML gets its drivers and entities from this."""
        setpoint = self.settings.get("setpoint")
        if setpoint is not None and setpoint.implies_state is not None:
            return "climate"
        if "brightness" in self.settings or any(s.kind == "color" for s in self.settings.values()):
            return "light"
        if {"on", "off"} <= set(self.states):
            return "switch"
        return "other"

    def setting_name(self, key: str) -> str:
        """What a setting or sensor is called in replies: its first language name, else its key."""
        lang = self.language.settings.get(key)
        return lang.names[0] if lang and lang.names else key.replace("_", " ")


Role = Literal["climate", "light", "switch", "other"]


def load_state_model(path: Path) -> StateModel:
    model = load_yaml_model(path, StateModel)
    if model.type != path.stem:
        raise ConfigError(f"{path}: type {model.type!r} must match the file name {path.stem!r}")
    return model


def load_state_models(directories: list[Path]) -> dict[str, StateModel]:
    """All ``*.yaml`` state models in ``directories``; a later directory overrides an earlier one."""
    models: dict[str, StateModel] = {}
    for directory in directories:
        if not directory.is_dir():
            raise ConfigError(f"{directory}: state-model directory does not exist")
        for path in sorted(directory.glob("*.yaml")):
            model = load_state_model(path)
            models[model.type] = model
    if not models:
        raise ConfigError(f"no state models found in {', '.join(map(str, directories))}")
    return models
