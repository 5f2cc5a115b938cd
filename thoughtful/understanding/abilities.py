"""Explanations of functionality: what a device type can do, read from its state model.

The paper's third kind of explanation (after *what is* and *why*): "what modes does the
thermostat have?", "can the lamp change colour?", "how high does the heat go?", "what does the
fan setting do?", "what can you do?". Every fact comes from the state model — its states and
their descriptions, each setting's description, range, named values and the states it is valid
in, and the phrases its goals and verbs are said with — so a new device type is explained with
no code. Nothing here acts.
"""

from __future__ import annotations

from thoughtful.state.registry import Units
from thoughtful.state.schema import StateModel
from thoughtful.understanding.explain import to_home_unit

def listed(items: list[str], last: str = "and") -> str:
    items = [i for i in items if i]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}" if items else ""


def state_word(model: StateModel, state: str) -> str:
    lang = model.language.states.get(state)
    return lang.say if lang and lang.say else state


def _valid_in(model: StateModel, key: str) -> str:
    """ "while on", "while heating or cooling"; "" when valid in every state."""
    states = [s for s, spec in model.states.items() if key in spec.settings]
    if len(states) == len(model.states):
        return ""
    return "while " + listed([state_word(model, s) for s in states], "or")


def values_of(model: StateModel, key: str, units: Units) -> str:
    """ "from 1 to 100%", "auto or on", "red, orange, … or pink"."""
    spec = model.settings[key]
    lang = model.language.settings.get(key)
    if spec.numeric and spec.min is not None and spec.max is not None:
        return f"from {to_home_unit(spec.min, spec, units)} to {to_home_unit(spec.max, spec, units)}"
    if spec.kind == "enum":
        return listed([str(v) for v in spec.values], "or")
    if lang and lang.named:
        return listed(list(lang.named), "or")
    return ""


def explain_setting(model: StateModel, key: str, units: Units) -> str:
    """ "The thermostat's setpoint: the temperature the thermostat holds the room at; from 50°F
    to 90°F, while heating or cooling." A sensor is said to be read, not set ("is that the warmest
    it goes?" had asked about the room temperature, and the answer had failed)."""
    if key not in model.settings:
        sensor = model.sensors.get(key)
        what = f": {sensor.description}" if sensor is not None and sensor.description else ""
        return f"The {model.display_name}'s {model.setting_name(key)}{what}. It is measured, not set."
    spec = model.settings[key]
    parts = [p for p in (spec.description, values_of(model, key, units), _valid_in(model, key)) if p]
    text = f"The {model.display_name}'s {model.setting_name(key)}: {'; '.join(parts)}."
    lang = model.language.settings.get(key)
    if lang and lang.named and spec.numeric:
        text += f" By name: {listed(list(lang.named), 'or')}."
    return text


def explain_states(model: StateModel) -> str:
    """ "The thermostat can be off (neither heating nor cooling), heating (…) or cooling (…)." """
    described = [f"{state_word(model, s)} ({spec.description})" if spec.description else state_word(model, s)
                 for s, spec in model.states.items()]
    return f"The {model.display_name} can be {listed(described, 'or')}."


def explain_device(model: StateModel, units: Units) -> str:
    """The whole type: what it is, its states, what can be set, and a few things to say."""
    text = f"{model.description[:1].upper()}{model.description[1:]}." if model.description else ""
    states = [state_word(model, s) for s in model.states]
    text += f" The {model.display_name} can be {listed(states, 'or')}."
    settings = [f"{model.setting_name(k)} ({values_of(model, k, units)})" if values_of(model, k, units)
                else model.setting_name(k) for k in model.settings]
    if settings:
        text += f" You can set its {listed(settings)}."
    goals = [g.phrases[0] for g in model.language.goals.values() if g.phrases][:3]
    if goals:
        said = [f'"{g[:1].upper()}{g[1:]}"' for g in goals]
        text += f" You can also just say how it feels: {listed(said, 'or')}."
    return text.strip()


def explain(model: StateModel, topic: str, units: Units) -> str:
    """The answer to an ``<type>:how=<topic>`` question."""
    if topic == "device":
        return explain_device(model, units)
    if topic == "state":
        return explain_states(model)
    return explain_setting(model, topic, units)
