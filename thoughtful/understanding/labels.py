"""The language model's outputs, derived from the state models.

Two heads: a *kind* (what sort of utterance this is) and a set of *operations*,
each ``<type>:<what>`` — ``lamp:state=on``, ``lamp:brightness=down``,
``thermostat:goal=too_cold``, ``thermostat:ask=room_temperature``,
``lamp:why``, ``lamp:how=color`` (what a setting, the states or the whole device can do).
A new device type adds its own operations; no code changes.
"""

from __future__ import annotations

from thoughtful.state.schema import StateModel

KINDS = ["command", "question", "out_of_scope", "negated", "undo", "more", "reverse"]
"""command: act · question: explain · out_of_scope: not these devices · negated: "don't…",
"never mind" · undo: "put it back" · more: "a bit more" (repeat the last change) · reverse:
"no, the other way" (the last change, the other way)."""

NUMERIC_OPS = ("set", "up", "down", "max", "min")
ABOUT = ("device", "state")
"""What a ``how=`` question may ask about besides a setting: the whole device type, its states."""


def operations(model: StateModel) -> list[str]:
    t = model.type
    ops = [f"{t}:state={s}" for s in model.states]
    for key, spec in model.settings.items():
        lang = model.language.settings.get(key)
        if spec.numeric:
            ops += [f"{t}:{key}={op}" for op in NUMERIC_OPS]
        elif spec.kind == "enum":
            ops += [f"{t}:{key}={v}" for v in spec.values]
        if lang and lang.named:
            ops.append(f"{t}:{key}=named")
    ops += [f"{t}:goal={g}" for g in model.language.goals]
    ops += [f"{t}:ask={k}" for k in model.language.questions]
    ops.append(f"{t}:why")
    ops += [f"{t}:how={topic}" for topic in (*ABOUT, *model.settings)]
    return ops


def label_space(models: dict[str, StateModel]) -> list[str]:
    return [op for t in sorted(models) for op in operations(models[t])]
