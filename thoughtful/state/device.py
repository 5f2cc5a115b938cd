"""A device instance: its snapshot, changed only through its state model."""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from thoughtful.errors import StateError
from thoughtful.state.provenance import Event, ProvenanceLog, Source
from thoughtful.state.schema import StateModel, Toward
from thoughtful.state.values import coerce

Snapshot = dict[str, Any]
log = logging.getLogger(__name__)


@dataclass
class Change:
    """What to change on one device.

    ``set`` holds absolute values (or a goal's :class:`Toward`, or a :class:`Scaled` value:
    "half as bright"); ``adjust`` holds relative changes in the setting's unit
    (``{"brightness": -10}``).
    """

    state: str | None = None
    set: dict[str, Any] = field(default_factory=dict)
    adjust: dict[str, float] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return self.state is None and not self.set and not self.adjust


@dataclass
class Applied:
    """The outcome of applying a :class:`Change`."""

    device: str
    before: Snapshot
    after: Snapshot
    notes: list[str]

    @property
    def changed(self) -> dict[str, Any]:
        return {k: v for k, v in self.after.items() if self.before.get(k) != v}

    @property
    def previous(self) -> dict[str, Any]:
        return {k: self.before.get(k) for k in self.changed}


@dataclass(frozen=True)
class Scaled:
    """A setting's value now times ``factor``: "half as bright" is 0.5, "twice as bright" 2."""

    factor: float


def _toward(current: float | None, goal: Toward, reading: float | None = None) -> float:
    """See :class:`Toward`; ``reading`` is the value of its ``past`` sensor."""
    beyond = max if goal.step > 0 else min
    near = current is not None and (goal.toward - current) * (1 if goal.step > 0 else -1) < abs(goal.step) / 2
    target = current + goal.step if near else goal.toward
    return target if reading is None else beyond(target, reading + goal.step)


class Device:
    """A named device in a room whose snapshot always satisfies its state model.

    ``memory`` keeps the last value of every setting, so that switching a lamp
    back on restores its brightness and colour.
    """

    def __init__(self, name: str, model: StateModel, room: str = "",
                 snapshot: Snapshot | None = None, memory: dict[str, Any] | None = None) -> None:
        self.name = name
        self.room = room
        self.model = model
        self.memory: dict[str, Any] = self._usable(memory)
        self.reachable = True
        """False while the device says it is offline: nothing can be changed on it then."""
        self.unavailable: dict[str, str] = {}
        """States this particular device cannot be in, and why ("cool": "no cool relay is
        wired"): its driver says so; the state model is the type's, this is the instance's."""
        self.snapshot: Snapshot = self._initial() if snapshot is None else self.validate(snapshot)
        self._remember(self.snapshot)

    @property
    def type(self) -> str:
        return self.model.type

    def _usable(self, memory: Any) -> dict[str, Any]:
        """The remembered values that are still valid settings; the rest are dropped with a
        log line, so a damaged state file never blocks "turn on" ("brightness": "lots")."""
        if not isinstance(memory, dict):
            if memory is not None:
                log.error("%s: remembered settings are not an object (%r); forgetting them", self.name, memory)
            return {}
        usable: dict[str, Any] = {}
        for key, value in memory.items():
            if key == "_chosen":
                if isinstance(value, dict) and all(isinstance(v, bool) for v in value.values()):
                    usable[key] = dict(value)
                continue
            try:
                usable[key], _ = coerce(key, self.model.settings[key], value)
            except (KeyError, StateError, TypeError, ValueError) as exc:
                log.error("%s: forgetting remembered %s=%r (%s)", self.name, key, value, exc)
        return usable

    def _initial(self) -> Snapshot:
        state = next(iter(self.model.states))
        snapshot = self._fill(state, {}, {})
        for key, spec in self.model.sensors.items():
            if spec.default is not None:
                snapshot[key] = spec.default
        return snapshot

    def _remember(self, snapshot: Snapshot) -> None:
        for key, value in snapshot.items():
            if key in self.model.settings:
                self.memory[key] = copy.deepcopy(value)
                self._chosen[key] = True
        for group in self.model.states[snapshot["state"]].one_of:
            for key in group:
                self._chosen[key] = key in snapshot

    @property
    def _chosen(self) -> dict[str, bool]:
        """Which member of each one-of group was last in use (kept in ``memory``)."""
        return self.memory.setdefault("_chosen", {})

    def _fill(self, state: str, explicit: dict[str, Any], current: Snapshot) -> Snapshot:
        """The settings of ``state``: explicit, else current, else remembered, else default."""
        spec_state = self.model.states[state]
        result: Snapshot = {"state": state}
        grouped = {k for group in spec_state.one_of for k in group}
        for key in spec_state.settings:
            if key in grouped:
                continue
            result[key] = self._pick(key, state, explicit, current)
        for group in spec_state.one_of:
            chosen = next((k for k in group if k in explicit), None) \
                or next((k for k in group if k in current), None) \
                or next((k for k in group if self._chosen.get(k)), None) \
                or group[0]
            result[chosen] = self._pick(chosen, state, explicit, current)
        return result

    def _pick(self, key: str, state: str, explicit: dict[str, Any], current: Snapshot) -> Any:
        if key in explicit:
            return explicit[key]
        if key in current:
            return current[key]
        if key in self.memory:
            return self.memory[key]
        state_default = self.model.states[state].defaults.get(key)
        return state_default if state_default is not None else self.model.settings[key].default

    def validate(self, snapshot: Snapshot) -> Snapshot:
        """Check a complete snapshot against the state model; raise :class:`StateError`."""
        state = snapshot.get("state")
        if state not in self.model.states:
            raise StateError(f"{self.name}: unknown state {state!r} (one of {', '.join(self.model.states)})")
        spec_state = self.model.states[state]
        allowed = set(spec_state.settings) | set(self.model.sensors) | {"state"}
        extra = set(snapshot) - allowed
        if extra:
            raise StateError(f"{self.name}: {', '.join(sorted(extra))} not valid in state {state!r}")
        result: Snapshot = {"state": state}
        for key, value in snapshot.items():
            if key == "state":
                continue
            result[key], note = coerce(key, self.model.spec(key), value)
            if note:
                raise StateError(f"{self.name}: {note}")
        grouped = {k for group in spec_state.one_of for k in group}
        for key in spec_state.settings:
            if key not in grouped and key not in result:
                raise StateError(f"{self.name}: {key} is required in state {state!r}")
        for group in spec_state.one_of:
            present = [k for k in group if k in result]
            if len(present) != 1:
                raise StateError(f"{self.name}: exactly one of {', '.join(group)} must be set in state {state!r}")
        return result

    def plan(self, change: Change) -> tuple[Snapshot, list[str]]:
        """The snapshot ``change`` would produce, and notes on what was clamped. Changes nothing."""
        current = self.snapshot
        if not self.reachable:
            raise StateError(f"{self.name} is offline: it cannot be reached to change it")
        target = change.state or self._implied_state(change)
        if target not in self.model.states:
            raise StateError(f"{self.name}: unknown state {target!r} (one of {', '.join(self.model.states)})")
        if not self.model.can_transition(current["state"], target):
            raise StateError(f"{self.name}: cannot go from {current['state']!r} to {target!r}")
        if target in self.unavailable and target != current["state"]:
            raise StateError(f"{self.name} cannot be {target!r}: {self.unavailable[target]}")
        valid = set(self.model.states[target].settings)
        for key in list(change.set) + list(change.adjust):
            if key in self.model.sensors:
                raise StateError(f"{self.name}: {key} is a sensor; it cannot be changed")
            if key not in self.model.settings:
                raise StateError(f"{self.name}: unknown setting {key!r}")
            if key not in valid:
                raise StateError(f"{self.name}: {key} cannot be set while {target!r}")
        # Settings that stay valid carry over (e.g. fan); the rest come from memory or defaults.
        carried = {k: v for k, v in current.items() if k in valid}
        base = self._fill(target, {k: v for k, v in change.set.items() if not isinstance(v, (Toward, Scaled))},
                          carried)
        notes: list[str] = []
        explicit = dict(change.set)
        for key, value in change.set.items():
            if isinstance(value, Toward):
                explicit[key] = _toward(base.get(key), value, current.get(value.past) if value.past else None)
            elif isinstance(value, Scaled):
                if not isinstance(current.get(key), (int, float)):
                    raise StateError(f"{self.name} is {current['state']}: it has no {key} to change by half or twice")
                explicit[key] = current[key] * value.factor
        for key, delta in change.adjust.items():
            start = explicit.get(key)
            if start is None and key not in current:  # "warmer" while off: from the room, not a default
                start = self._reading_for(key)
            if start is None:
                start = base.get(key)
            if start is None:
                start = self._pick(key, target, {}, {})
            explicit[key] = start + delta
        after = self._fill(target, explicit, carried)
        for key, value in list(after.items()):
            if key == "state":
                continue
            after[key], note = coerce(key, self.model.settings[key], value)
            if note:
                notes.append(note)
        for key in self.model.sensors:
            if key in current:
                after[key] = current[key]
        return after, notes

    def _implied_state(self, change: Change) -> str:
        """The current state, or the state a change implies: dimming an off lamp turns it on;
        setting an off thermostat to 72 in a 64° room heats (the setting's ``implies_state``)."""
        current = self.snapshot["state"]
        keys = list(change.set) + list(change.adjust)
        if all(k in self.model.states[current].settings for k in keys):
            return current
        candidates = [name for name, st in self.model.states.items()
                      if all(k in st.settings for k in keys) and self.model.can_transition(current, name)
                      and name not in self.unavailable]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            return current  # plan() reports which key is not valid
        for key in keys:
            reading = self._reading_for(key)
            if reading is None:
                continue
            value = change.set.get(key)
            if not isinstance(value, (int, float)):
                value = reading + change.adjust.get(key, 0)
            chosen = self._implied_by(key, value)
            if chosen in candidates:
                return chosen
        raise StateError(f"{self.name}: is {current!r}; say which of {', '.join(candidates)} you mean")

    def state_called_for(self) -> str | None:
        """The one state whose own defaults, set now, the device's readings call for: an off
        thermostat in a 64° room calls for heat (its 68° is above the room), in an 80° room for
        cool (its 76° is below it), in a 72° room for neither; None when none or several do."""
        called = {name for name, state in self.model.states.items() for key, value in state.defaults.items()
                  if isinstance(value, (int, float)) and self._implied_by(key, value) == name}
        return called.pop() if len(called) == 1 else None

    def _implied_by(self, key: str, value: float) -> str | None:
        """The state setting ``key`` to ``value`` implies by its ``implies_state`` (a setpoint
        above the room: heat, below it: cool); None when it implies none, or has no reading."""
        hint, reading = self.model.settings[key].implies_state, self._reading_for(key)
        if hint is None or reading is None:
            return None
        return hint.above if value > reading else hint.below if value < reading else None

    def keep_for_later(self, settings: dict[str, Any]) -> None:
        """Remember setting values for the next time a state that has them is entered (a target
        temperature set while the thermostat is off); StateError for an invalid value."""
        for key, value in settings.items():
            self.memory[key], _ = coerce(key, self.model.settings[key], value)

    def _reading_for(self, key: str) -> float | None:
        """The sensor reading a setting acts on (its ``implies_state`` sensor: the room
        temperature for a setpoint), when the device has one."""
        hint = self.model.settings[key].implies_state
        reading = self.snapshot.get(hint.sensor) if hint else None
        return reading if isinstance(reading, (int, float)) else None

    def apply(self, change: Change, *, by: Source, why: str, log: ProvenanceLog | None = None,
              at: datetime | None = None) -> Applied:
        """Validate, clamp and apply ``change``; record it in ``log`` if anything changed."""
        before = copy.deepcopy(self.snapshot)
        after, notes = self.plan(change)
        self.snapshot = after
        self._remember(after)
        applied = Applied(self.name, before, copy.deepcopy(after), notes)
        if log is not None and applied.changed:
            log.record(Event(at=at or datetime.now().astimezone(), device=self.name,
                             changed=applied.changed, from_=applied.previous, by=by, why=why))
        return applied

    def read_sensor(self, key: str, value: Any) -> None:
        """Store a sensor reading (sensors are not changed by commands)."""
        if key not in self.model.sensors:
            raise StateError(f"{self.name}: {key!r} is not a sensor")
        self.snapshot[key], note = coerce(key, self.model.sensors[key], value)
        if note:
            raise StateError(f"{self.name}: {note}")
