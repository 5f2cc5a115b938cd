"""From predicted operations to :class:`Change` objects, one per device type.

The model says *what* ("lamp:brightness=down", "thermostat:goal=too_cold");
numbers, named values and units come from the utterance and the state model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Collection

from thoughtful.state.device import Change, Scaled
from thoughtful.understanding.ask import Ask
from thoughtful.state.registry import Units
from thoughtful.state.schema import StateModel
from thoughtful.state.values import c_to_f, step_of
from thoughtful.understanding.numbers import Number, find_numbers, said_sign, tokens
from thoughtful.understanding.safety import (UNIT_WORDS, multiple, particle_direction, refused_direction,
                                             said_direction, said_extreme, says_state, verb_direction)
from thoughtful.understanding.vocabulary import COMMON_WORDS, adjectives, words

_BIG = {"lot", "much", "way", "lots", "significantly", "considerably"}
_BY_PART = re.compile(r"\b(?:by|(?:(?<=up\s)|(?<=down\s))(?=a|one|two|three|1|2|3))\s*"
                      r"(?:(a|one|two|three|1|2|3)\s+)?(half|third|quarter|fifth|tenth)s?\b|\bin\s+(half)\b"
                      r"|\b(halve)d?\b")
"""A level cut or raised by a part of it ("the lamp down by half", "cut it in half", "dim it by a
third", "down a third", "halve it"): that part of it, not so many percentage points (60% had become
10%, 50% 17%)."""
_HALVED = re.compile(r"\bin\s+half\b|\bhalved?\b")
"""A level halved ("cut it in half", "halve it"): half of it, whichever way no word says."""
_PART = {"half": 1 / 2, "third": 1 / 3, "quarter": 1 / 4, "fifth": 1 / 5, "tenth": 1 / 10}
_COUNT = {None: 1, "a": 1, "one": 1, "1": 1, "two": 2, "2": 2, "three": 3, "3": 3}


def _part_said(text: str) -> float | None:
    """The part of a level ``text`` changes it by (:data:`_BY_PART`), or None."""
    match = _BY_PART.search(text)
    if match is None:
        return None
    count, part, halved, halve = match.groups()
    return 0.5 if halved or halve else min(1.0, _COUNT[count] * _PART[part])


_UNIT_FOR = {"%": "percent", "K": "kelvin", "°F": "degrees"}


_LIMIT = re.compile(r"\b(?:\w+est|most|least|max(?:imum)?|min(?:imum)?|how\s+\w+|what\s+\w+)\s.*"
                    r"\b(?:can|could|will|would|does|do)\s(?:.*\s)?(?:go|get|be|reach)\b"
                    r"|\b(?:\w+est|max(?:imum)?|min(?:imum)?)\s.*\b(?:go|goes|get|gets|reach|reaches)\b")
"""A question about a setting's limit ("what's the dimmest the desk light can go?", "how warm
can it get?", "what temperatures can the boiler go to?", "the dimmest the spots go"): answered
from the state model's range, not with the value now."""

_AS_WHAT = re.compile(r"(?<!\bas)\s+\w+\s+as\s+(\w+)(?:\s+please)?$")
"""A comparison left open at the end ("make it as bright"): no maximum is said."""


@dataclass
class TypePlan:
    """What to do to the devices of one type, and why (for the reply)."""

    change: Change = field(default_factory=Change)
    goals: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    """Snapshot keys asked about, ``why``, or ``how=<topic>`` (what a setting, the states or
    the device type can do)."""
    numbers: set[int] = field(default_factory=set)
    """Where the numbers this plan's values came from are in the text (word positions)."""


class Planner:
    def __init__(self, models: dict[str, StateModel]) -> None:
        self.models = models
        self.cues = self._cue_words(models)

    @staticmethod
    def _cue_words(models: dict[str, StateModel]) -> dict[str, str]:
        """Single words that point to exactly one device type ("lamp", "brightness", "cool",
        "degrees")."""
        owners: dict[str, set[str]] = {}
        unit_words: set[str] = set()  # common words, yet of one type alone
        for t, model in models.items():
            lang = model.language
            phrases = list(lang.names) + list(model.states) + [s.say for s in lang.states.values()]
            for key, sl in lang.settings.items():
                phrases += [key, *sl.names, *sl.up, *sl.down, *sl.raise_, *sl.lower]
                units = UNIT_WORDS.get(model.settings[key].unit or "", set())
                phrases += units
                unit_words |= units
                phrases += [w for named in sl.named.values() for w in named.synonyms]
            for phrase in phrases:
                if len(words(phrase)) == 1:  # "cool" is a thermostat word; "cool white" is not a lamp one
                    owners.setdefault(words(phrase)[0], set()).add(t)
        return {w: next(iter(ts)) for w, ts in owners.items()
                if len(ts) == 1 and (w not in COMMON_WORDS or w in unit_words)}

    def plan(self, ops: list[str], text: str, units: Units, home_types: Collection[str] = ()) -> dict[str, TypePlan]:
        """Group ``ops`` (surest first) by device type and fill in their values from ``text``;
        a goal about the whole home also reaches the other ``home_types`` that have it.

        An operation that lacks a detail (a number, a colour) is dropped when others are
        complete, and asked about when it is all there is.
        """
        ops = self._whole_home(self._one_direction(ops, text), home_types)
        numbers = find_numbers(text)
        owners = self._number_owners(numbers, text)
        used: set[int] = set()
        plans: dict[str, TypePlan] = {}
        missing: list[str] = []
        handled: set[tuple[str, str]] = set()
        for op in ops:
            t, what = op.split(":", 1)
            target = (t, what.split("=")[0])
            if target in handled and not what.startswith(("ask=", "how=", "goal=")):
                continue  # the surer operation on the same thing wins ("up" over "down")
            handled.add(target)
            model = self.models[t]
            plan = plans.setdefault(t, TypePlan())
            if what == "why":
                plan.questions.append("why")
            elif what.startswith(("ask=", "how=")):  # "what's the dimmest it can go": its range, not its value now
                plan.questions.append(what[4:] if what.startswith("ask=") and not _LIMIT.search(text) else f"how={what[4:]}")
            elif what.startswith("state="):
                plan.change.state = plan.change.state or what[6:]  # a surer goal's state stands
            elif what.startswith("goal="):
                self._goal(model, what[5:], plan)
                if what[5:] in plan.goals:  # the surer goal's settings stand ("way too dim" also read as min)
                    handled |= {(t, key) for key in self.goal_change(model, what[5:]).set}
            else:
                key, how = what.split("=", 1)
                mine = [n for n in numbers if owners.get(n.position) in (None, t)]
                before = set(used)
                try:
                    self._setting(model, key, how, text, mine, used, units, plan.change)
                except Ask as exc:
                    missing.append(str(exc))
                plan.numbers |= used - before
        for t, plan in plans.items():
            before = set(used)
            self._more_of_state(self.models[t], plan.change, numbers, used, units, text)
            plan.numbers |= used - before
            self._drop_contradicted_state(self.models[t], plan.change, text)
        plans = {t: p for t, p in plans.items() if not p.change.is_empty() or p.goals or p.questions}
        if missing and not plans:
            raise Ask(missing[0])
        return plans

    @staticmethod
    def unused_numbers(text: str, plans: dict[str, TypePlan]) -> list[Number]:
        """The numbers in ``text`` none of ``plans`` took a value from ("Lamp on, and 80 to 73":
        the lamp's brightness took 80, and 73 was for something not understood)."""
        used = set().union(*(plan.numbers for plan in plans.values()))
        return [n for n in find_numbers(text) if n.position not in used]

    def _more_of_state(self, model: StateModel, change: Change, numbers: list[Number], used: set[int],
                       units: Units, text: str) -> None:
        """ "Two more degrees of cooling", "cool the office a degree": a working state with an
        amount no setting took moves the setting that implies the state (``implies_state``) that
        way: cooling, the setpoint down. An amount is said as one ("by 2", "2 more"), or, after
        the state's own verb, as any number not said as where to go ("a degree"; not "to 70")."""
        if change.state is None or change.set or change.adjust:
            return
        for key, spec in model.settings.items():
            implied = spec.implies_state
            if implied is None or change.state not in (implied.above, implied.below):
                continue
            sign = 1 if change.state == implied.above else -1
            number = self._take(numbers, used, spec, relative=True)
            if number is None and verb_direction(text, model, key) == sign:
                number = self._take([n for n in numbers if not n.after_to], used, spec, relative=False)
            if number is not None:
                change.adjust[key] = sign * abs(self._convert(number, spec, units, relative=True))
            return

    @staticmethod
    def _drop_contradicted_state(model: StateModel, change: Change, text: str) -> None:
        """ "brighten of the study lamp": "of" read as "off", with a brightness the off state does
        not have. When the words say a direction for that setting, or an end of its range while
        they never say the state ("max out the light": "out" read as "off"), the setting stands
        and the state goes (the state the setting needs follows from it); when they only refuse
        a way to move it ("no more light", read as off and as brighter), the setting goes;
        otherwise both stay, and the device's state model refuses the pair (a question, never
        a guess)."""
        if change.state is None or change.state not in model.states:
            return
        valid = set(model.states[change.state].settings)
        homeless = [k for k in (*change.set, *change.adjust) if k in model.settings and k not in valid]
        if homeless and (all(said_direction(text, model, k)[0] for k in homeless) or (
                all(said_extreme(text, model, k) for k in homeless) and not says_state(text, model, change.state))):
            change.state = None
        elif homeless and all(refused_direction(text, model, k)[0] for k in homeless):  # "no more light": off
            for key in homeless:
                change.set.pop(key, None)
                change.adjust.pop(key, None)

    def _whole_home(self, ops: list[str], home_types: Collection[str]) -> list[str]:
        """ "We're heading out": a goal about the whole home (``whole_home``) reaches every type
        of the home that has it, also when the model read it for one type only."""
        out = list(ops)
        for op in ops:
            device_type, what = op.split(":", 1)
            goal = what[5:] if what.startswith("goal=") else None
            if goal is None or not self.models[device_type].language.goals[goal].whole_home:
                continue
            for other in home_types:
                spec = self.models[other].language.goals.get(goal)
                if spec is not None and spec.whole_home and f"{other}:goal={goal}" not in out:
                    out.append(f"{other}:goal={goal}")
        return out

    def _one_direction(self, ops: list[str], text: str) -> list[str]:
        """ "porch light less bright", read as both brighter and dimmer: the direction the
        state model's words in ``text`` say wins; when they say neither, the surer stays."""
        kept = list(ops)
        for op in ops:
            if op.endswith("=up") and f"{op[:-3]}=down" in ops:
                device_type, what = op.split(":", 1)
                sign, _ = said_direction(text, self.models[device_type], what.split("=")[0])
                if sign:
                    kept.remove(f"{op[:-3]}={'down' if sign > 0 else 'up'}")
        return kept

    def _number_owners(self, numbers: list[Number], text: str) -> dict[int, str]:
        """Which device type each number belongs to: the nearest cue word before it, else after it."""
        words_ = tokens(text)
        owners: dict[int, str] = {}
        for n in numbers:
            before = [self.cues[w] for w in reversed(words_[:n.position]) if w in self.cues]
            after = [self.cues[w] for w in words_[n.position + 1:] if w in self.cues]
            if before or after:
                owners[n.position] = (before or after)[0]
        return owners

    def limit_asked(self, text: str, types: Collection[str]) -> str | None:
        """ "how warm can the heater get?": a question about the limit of the one setting of
        ``types`` whose words it uses (its range, not its value now), as a ``how=`` operation;
        None when it asks no limit or its words fit several settings."""
        if not _LIMIT.search(text):
            return None
        said = set(text.split())
        asked = {f"{t}:how={key}" for t in types for key, lang in self.models[t].language.settings.items()
                 if key in self.models[t].settings and said & adjectives(lang.up + lang.down)}
        return next(iter(asked)) if len(asked) == 1 else None

    def _goal(self, model: StateModel, name: str, plan: TypePlan) -> None:
        effect = self.goal_change(model, name)
        if plan.goals and (set(effect.set) & set(plan.change.set) or
                           effect.state and plan.change.state and effect.state != plan.change.state):
            return  # "it's too bright" also read (less surely) as too dark: the surer goal alone
        plan.goals.append(name)
        plan.change.state = plan.change.state or effect.state
        for key, value in effect.set.items():
            plan.change.set.setdefault(key, value)

    @staticmethod
    def goal_change(model: StateModel, name: str) -> Change:
        """The change a goal of the type asks for ("too_cold": heat, toward 70°F)."""
        effect = dict(model.language.goals[name].effect)
        return Change(state=effect.pop("state", None), set=effect)

    def _setting(self, model: StateModel, key: str, how: str, text: str, numbers: list[Number],
                 used: set[int], units: Units, change: Change) -> None:
        spec = model.settings[key]
        if spec.kind == "enum":
            change.set[key] = how
        elif how == "named":
            change.set[key] = self._named(model, key, text)
        elif spec.unit == "%" and (factor := multiple(text, model, key)):  # "half as bright"
            change.set[key] = Scaled(factor)
        elif spec.unit == "%" and how in ("up", "down") and (part := _part_said(text)):  # "down by half": halved
            # the "half" is this, not an amount left over
            self._take(numbers, used, spec, relative=True) or self._take(numbers, used, spec, relative=False)
            change.set[key] = Scaled(1 - part if how == "down" else 1 + part)
        elif how in ("max", "min"):  # "brightness at half": a number said outranks a guessed maximum
            cut = _AS_WHAT.search(text)
            if cut:  # "make the nursery lamp as bright" (heard for "half as bright"): as bright as what?
                raise Ask(f"As {cut.group(1)} as what?")
            number = self._take(numbers, used, spec, relative=False)
            if number is None and self._unit_without_number(spec, text):
                raise Ask(f"To how many {_UNIT_FOR[spec.unit or '']}?")  # "heating up to degrees": lost
            change.set[key] = self._convert(number, spec, units, relative=False) if number is not None \
                else spec.max if how == "max" else spec.min
        elif how == "set":
            number = self._take(numbers, used, spec, relative=False)
            sign = (said_direction(text, model, key)[0] or particle_direction(text, model) or said_sign(text)) \
                if number is None else 0  # ("desk light minus 20")
            if not sign and number is not None and _HALVED.search(text):  # "cut it in half", "halve it": a
                sign = -1  # part down, read as a level (it had gone to 50%)
            if sign and spec.unit == "%" and (part := _part_said(text)):  # "up by half", read as a level
                self._take(numbers, used, spec, relative=True) or self._take(numbers, used, spec, relative=False)
                change.set[key] = Scaled(1 + part if sign > 0 else 1 - part)
                return
            if sign and (amount := self._take(numbers, used, spec, relative=True)) is not None:
                # "the strip, ten percent more", "the light up another 10" read as a level: the
                # amount said is a change
                change.adjust[key] = sign * abs(self._convert(amount, spec, units, relative=True))
                return
            if number is None:
                raise Ask(f"To what {model.setting_name(key)}?")
            change.set[key] = self._convert(number, spec, units, relative=False)
        else:  # up / down
            number = self._take(numbers, used, spec, relative=True)
            if number is None and (target := self._take(numbers, used, spec, relative=False)):
                value = self._convert(target, spec, units, relative=False)
                if target.after_to and (spec.min is None or spec.max is None or spec.min <= value <= spec.max):
                    change.set[key] = value  # "turn it up to 75"
                    return
                if target.after_to:  # "the ac up to 3" (heard for "up a degree") had raised it by 3
                    raise Ask(f"To what {model.setting_name(key)}?")
                # "raise the setpoint a degree" (no setpoint is 1°), "lower the lamp 5%" (no "to"):
                # an amount, never a target
                number = target
            sign = 1 if how == "up" else -1
            if number is not None and not number.unit and spec.step and abs(number.value) < spec.step / 10:
                raise Ask(f"By how much? ({number.value:g} {spec.unit or ''} is hardly a change.)")
                # (heard, "2 orange a bit whiter" had moved the white 2 K)
            if number is not None:
                amount = self._convert(number, spec, units, relative=True)
            elif self._unit_without_number(spec, text):
                raise Ask(f"By how many {_UNIT_FOR[spec.unit or '']}?")
            else:
                amount = step_of(spec, units.temperature) * (2 if _BIG & set(text.split()) else 1)
            change.adjust[key] = sign * abs(amount)

    @staticmethod
    def _unit_without_number(spec, text: str) -> bool:
        """ "down to degrees": the setting's unit is said with no number (often "two" misheard)."""
        return bool(UNIT_WORDS.get(spec.unit or "", set()) & set(text.split()))

    @staticmethod
    def _take(numbers: list[Number], used: set[int], spec, relative: bool) -> Number | None:
        """The first unused number of the right unit that is (or is not) a relative amount."""
        wanted = _UNIT_FOR.get(spec.unit)
        for n in numbers:
            if n.position in used or n.relative != relative or (n.unit and wanted and n.unit != wanted):
                continue
            used.add(n.position)
            return n
        return None

    @classmethod
    def amount_of(cls, number: Number, spec, units: Units) -> float | None:
        """``number`` as an amount of ``spec`` in its own unit ("1 degree" in a °C home: 1.8);
        None when its unit is another's ("5 percent" of a setpoint)."""
        wanted = _UNIT_FOR.get(spec.unit)
        if not spec.numeric or (number.unit and wanted and number.unit != wanted):
            return None
        return cls._convert(number, spec, units, relative=True)

    @classmethod
    def value_of(cls, number: Number, spec, units: Units) -> float | None:
        """``number`` as a value of ``spec`` in its own unit ("21" in a °C home: 69.8°F); None
        when its unit is another's, or the value is outside the setting's range."""
        wanted = _UNIT_FOR.get(spec.unit)
        if not spec.numeric or (number.unit and wanted and number.unit != wanted):
            return None
        value = cls._convert(number, spec, units, relative=False)
        return value if spec.min <= value <= spec.max else None

    @staticmethod
    def _convert(number: Number, spec, units: Units, relative: bool) -> float:
        value = number.value
        if spec.quantity == "temperature" and (number.scale or units.temperature) == "C":
            return round(c_to_f(value, relative), 1)
        return value

    @staticmethod
    def _named(model: StateModel, key: str, text: str):
        """The named value ``text`` asks for ("make it blue"); :class:`Ask` when it names none,
        or only complains of one ("the light is too red" asks for anything but red) or refuses it
        ("lamp not purple green": green, not the longer name refused; "I don't want the lamp this
        blue-white" had set daylight)."""
        lang = model.language.settings[key]
        best = None
        for name, named in lang.named.items():
            for synonym in [name, *named.synonyms]:
                said = re.escape(synonym)
                if re.search(rf"(?<!\btoo\s)(?<!\bnot\s)(?<!\bno\s)(?<!n't\s)\b{said}\b", text) and \
                        not re.search(rf"(?:\bnot\b|n't|\bnever\b).*?\b(?:this|so|that|any|be|stay|look|want)"
                                      rf"\s+{said}\b", text) and \
                        (best is None or len(synonym) > len(best[0])):  # ("I don't want it this blue white")
                    best = (synonym, named.value)
        if best is None:
            raise Ask(f"Which {model.setting_name(key)}: {', '.join(lang.named)}?")
        return best[1]

