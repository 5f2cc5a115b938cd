"""Which words speak for an operation: a change is made only when the words ask for it.

The language model generalises from its synthesized examples, and now and then it reads an
operation into words that say nothing of it: "there's the upstairs thermostat hall" (a misheard
question) as switching the thermostat off, "we're eating dinner now" as "too hot". For every
operation that changes a device, the state model says which words ask for it — a state's
verbs and its name, a setting's words for up, down, max and min, a named value and its
synonyms, a goal's phrases, the phrasebook's ways of saying a device is not needed — and an
operation none of whose words is said (inflected or not) is only a guess: asked about, not
carried out. Function words and the devices' own names count for nothing: "turn" and "the
thermostat" say which device, not what to do with it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from thoughtful.state.schema import StateModel, Toward
from thoughtful.understanding import phrasebook as pb
from thoughtful.understanding.numbers import find_numbers
from thoughtful.understanding.resolve import ALL
from thoughtful.understanding.runtime import Prediction
from thoughtful.understanding.safety import denies, negates, said_extreme, says_enough, says_state
from thoughtful.understanding.vocabulary import COMMON_WORDS, stems, words

if TYPE_CHECKING:
    from thoughtful.understanding.planner import TypePlan

MEANINGFUL = {"on", "off", "up", "down", "more", "less", "full", "half", "quarter", "third", "out", "keep"}
"""Common words that do say what to do ("off", "up", "half")."""
LEVELS = {"half", "halfway", "quarter", "quarters", "third", "thirds", "full"}
"""Words for a level that are a number for a setting ("half as bright")."""
_BEING = {"it's", "is", "are", "was", "were", "it", "that's", "'s"}
"""Words before a verb in "-ing" that make it a description ("it's killing the hall"), not a
request to switch a state."""
CIRCUMSTANCES = {"today", "tonight", "now", "long", "longer", "stay", "using", "more", "anymore"}
"""Words of the phrasebook's ways of saying a device is not needed ("that's enough light for
today", "no more lamp tonight", "I don't need the lamp anymore") that do not say it themselves:
"the light in the hall today" (for "to 80") and "tug light anymore" (for "tub light ten more")
ask for no switch off."""
WORKING = {"running", "going"}
"""Words for a device at work ("the ac running"): negated, they ask for it off."""
_NOT_WANTED = (r"\b(?:don't|do\s+not|never|doesn't)\s+want\s+(?:the\s+|my\s+|any\s+)?(?:{names})s?"
               r"(?:\s+(?:at\s+all|anymore|any\s+more|tonight|today|now|please|on))*$")
"""A device said not to be wanted (its name masked as its type's noun), and nothing else of it ("I
don't want the small globe at all"): off (not "I don't want the lamp so bright")."""
_NO_MORE = re.compile(r"\bno\s+more\b")
_NOT_TO_BE = (r"\b(?:not|never|doesn't|don't|does\s+not|do\s+not|needn't|need\s+not|shouldn't|should\s+not)\s+"
              r"(?:need\s+to\s+|have\s+to\s+)?(?:be|stay|remain)\s+{}\b")
"""A word said as what something need not be ("doesn't need to be off", "shouldn't stay on")."""
_OUT_OF = re.compile(r"\bout\s+of\b")
NOT_ENOUGH = re.compile(r"(?:\bnot\b|n't)(\s+[a-z']+){0,3}?\s+enough\b")
"""Something said not to be enough ("the lamp isn't bright enough"): its "enough" is no "that's
enough light" (a way of saying a device is not needed)."""
IDLE = (COMMON_WORDS - MEANINGFUL) | {"turn", "switch", "set", "make", "put", "please", "the"} | \
    {w for p in pb.SMALL for w in words(p)}
"""Words that say which device or how much ("a bit"), not what to do."""


SURE_OF_THE_HOME = 0.9
"""How sure the model must be of a goal about the whole home whose phrase is not said whole."""


class Evidence:
    def __init__(self, models: dict[str, StateModel]) -> None:
        self.models = models
        self.words: dict[str, set[str]] = {}
        self.negated: dict[str, set[str]] = {}
        """Per state operation, the names of other states among its words: they speak for it
        only in words that negate."""
        for model in models.values():
            idle = IDLE | {w for name in model.language.names for w in words(name)}
            for op, phrases in _phrases(model).items():
                self.words[op] = {root for p in phrases for w in words(p) if w not in idle for root in roots(w)}
                if ":state=" in op:  # "the lamp doesn't need to be on" says off; "shed light on full" does not
                    self.negated[op] = {s for s in model.states if op != f"{model.type}:state={s}"} & self.words[op]
                if op.endswith(":state=off"):  # "I don't want the ac running": negated, it says off too
                    self.words[op] |= WORKING
                    self.negated[op] |= WORKING
        self.complaints = self._complaint_words(models)
        names = {t: "|".join(map(re.escape, sorted(m.language.names, key=len, reverse=True)))
                 for t, m in models.items()}
        self._no_names = {t: re.compile(rf"no\s+(?:{said})s?\b") for t, said in names.items()}
        """Per type, "no" before one of its names ("no lights in the kitchen")."""
        self._not_wanted = {t: re.compile(_NOT_WANTED.format(names=said)) for t, said in names.items()}

    def _complaint_words(self, models: dict[str, StateModel]) -> dict[str, set[str]]:
        """Per complaint goal (one whose effect is steps toward a level, perhaps with the state
        they need: "too bright", "too cold"), the words no other operation's phrases use
        ("blinding", "sweltering"; not "everything" of "everything looks yellow")."""
        out = {}
        for model in models.values():
            for name, goal in model.language.goals.items():
                op = f"{model.type}:goal={name}"
                steps = {k: v for k, v in goal.effect.items() if k != "state"}
                if steps and all(isinstance(v, Toward) for v in steps.values()):
                    others = set().union(*(w for o, w in self.words.items() if o != op))
                    out[op] = {w for p in goal.phrases for w in words(p) if not roots(w) & others} - IDLE - ALL
        return out

    def complaint_said(self, op: str, text: str) -> bool:
        """Whether ``text`` says, not negated, a word only the complaint ``op`` uses ("the lamp
        is blinding me": too bright, which the model was unsure of): a small step, never a scene."""
        return not negates(text) and bool(set(words(text)) & self.complaints.get(op, set()))

    def supported(self, op: str, text: str) -> bool:
        """Whether ``text`` says a word that asks for ``op``; True for an operation that changes
        nothing (a question) or whose words the state model does not give, and for a number
        said for a setting (its own checks apply)."""
        wanted = self.words.get(op)
        if wanted is None:
            return True
        said = words(text)
        if op.endswith(("=set", "=up", "=down")) and (find_numbers(text) or set(said) & LEVELS):
            return True  # "set the ac to seventy two", "one more degree", "half as bright"
        if op.endswith(":state=off"):
            if _NO_MORE.search(text) or self._none_of(op, text) or self._not_wanted[op.partition(":")[0]].search(text):
                return True  # "no more led strip", "no more heat tonight", "no lights in the kitchen"
            # "out of it", "out of the room" ask for no switch off; nor does "isn't big enough";
            # nor "out" of "max out the lamp", the top of a setting said
            model = self.models[op.partition(":")[0]]
            if "off" not in said and any(said_extreme(text, model, key) == "max" for key in model.settings):
                return False
            said = words(NOT_ENOUGH.sub(" ", _OUT_OF.sub(" ", text)))
        if ":state=" not in op:  # "it's not that cold" asks for nothing "cold" would
            if says_enough(text):  # "the lamp is bright enough now": neither more nor less
                return False
            said = [w for w in said if not denies(text, w)]
        if ":state=" in op:  # "it's killing the hall" tells what something does, not what to do
            said = [w for i, w in enumerate(said) if not (w.endswith("ing") and i and said[i - 1] in _BEING)]
            if not negates(text):
                said = [w for w in said if w not in self.negated.get(op, ())]
            elif any(re.search(_NOT_TO_BE.format(re.escape(w)), text) for w in self._own_words(op)):
                return False  # "the stair light doesn't need to be off" (while "…to be on" says off)
        return any(root in wanted for w in said for root in roots(w))


    def _none_of(self, op: str, text: str) -> bool:
        """Whether ``text`` opens with "no" before one of the device type's names ("no lights in
        the kitchen"): none of them is wanted."""
        return bool(self._no_names[op.partition(":")[0]].match(text))

    def _own_words(self, op: str) -> set[str]:
        """A state operation's own words: the state's name and how it is said ("off"; "cool",
        "cooling")."""
        device_type, _, what = op.partition(":")
        state = what.removeprefix("state=")
        spoken = self.models[device_type].language.states.get(state)
        return {w for phrase in (state, spoken.say if spoken else state) for w in words(phrase)}

    def said(self, prediction: Prediction, ops: list[str], text: str) -> Prediction | None:
        """``prediction`` without those of its operations ``ops`` no word asks for ("too dark" is
        not also "too bright"); None when that leaves none, or a surer other way to change the
        same setting ("half as bright" read as half and as max: not max alone, but asked). A state the
        words do not name is asked for by a setting they do that the state has ("set the ac to
        72": the setpoint, so cooling)."""
        supported = [op for op in ops if self.supported(op, text) and self._whole_home_said(op, text, prediction)]
        kept = [op for op in ops if op in supported or self._state_for(op, supported)]
        if len(kept) == len(ops):
            return prediction
        setting = lambda op: op if ":goal=" in op else op.split("=")[0]
        sure = prediction.ops.get
        if not kept or any(setting(gone) == setting(op) and (sure(gone) or 0) >= (sure(op) or 0)
                           and not self._state_said_outright(op, text)
                           for gone in ops if gone not in kept for op in kept):
            return None
        chosen = {op: p for op, p in prediction.ops.items() if op in kept}
        return prediction.only(chosen)

    def _whole_home_said(self, op: str, text: str, prediction: Prediction) -> bool:
        """Whether a goal about the whole home (every light off: "I'm leaving", "good night") is
        said: every word of one of its phrases that says something ("heading", "out"), or so
        surely read (:data:`SURE_OF_THE_HOME`) for some type; True for any other operation. "I'm
        working late tonight" shares "work" and "tonight" with "I'm off to work" and "see you
        tonight", and had switched the whole home off."""
        device_type, _, what = op.partition(":")
        goal = self.models[device_type].language.goals.get(what[5:]) if what.startswith("goal=") else None
        if goal is None or not goal.whole_home:
            return True
        if any(p >= SURE_OF_THE_HOME for o, p in prediction.ops.items() if o.endswith(f":{what}")):
            return True
        said = {root for w in words(text) for root in roots(w)}
        return any(all(roots(w) & said for w in words(p) if w not in IDLE) for p in goal.phrases)

    def _state_said_outright(self, op: str, text: str) -> bool:
        """Whether ``op`` is a state that ``text`` says by its own words, not negated ("all the
        lights on", which the model read as off more surely than on)."""
        device_type, _, what = op.partition(":")
        key, _, state = what.partition("=")
        return key == "state" and not negates(text) and says_state(text, self.models[device_type], state)

    def one_type_for_shared_words(self, prediction: Prediction, text: str, named: set[str]) -> Prediction:
        """``prediction`` without a goal or a change up or down of a type no word names
        (``named``: the types of the devices and type words said) whose words all speak for a
        surer one of another type, or for one of a type named: "it's too warm" is too hot, not also
        a lamp's light too warm ("the light is too warm" names it); "make it warmer and here"
        raises the heat and does not also warm the lamp's white; "right, and the lamp warmer" warms
        the lamp's white, not the heat too."""
        shared = [op for op in prediction.ops if ":goal=" in op or op.endswith(("=up", "=down"))]
        said = words(text)
        speaking = {op: {w for w in said if roots(w) & self.words.get(op, set())} for op in shared}
        weaker = {weak for weak in shared for strong in shared
                  if weak.split(":")[0] not in named | {strong.split(":")[0]}
                  and (prediction.ops[weak] < prediction.ops[strong] or strong.split(":")[0] in named)
                  and speaking[weak] <= speaking[strong]}
        if not weaker:
            return prediction
        kept = {op: p for op, p in prediction.ops.items() if op not in weaker}
        return prediction.only(kept)

    def states_said(self, plans: dict[str, TypePlan], text: str) -> dict[str, TypePlan]:
        """``plans`` (type → :class:`TypePlan`) without those that only switch a state no word
        asks for: it was kept for a setting the planner then dropped ("kitchen light and heat to
        70": the lamp's brightness had no number, and the lamp was still switched on)."""
        return {t: plan for t, plan in plans.items()
                if not (plan.change.state and not plan.change.set and not plan.change.adjust and not plan.goals
                        and not plan.questions and not self.supported(f"{t}:state={plan.change.state}", text))}

    def _state_for(self, op: str, supported: list[str]) -> bool:
        """Whether ``op`` is a state that a supported setting operation of its type needs."""
        device_type, _, what = op.partition(":")
        key, _, state = what.partition("=")
        spec = self.models[device_type].states.get(state) if key == "state" else None
        return spec is not None and any(s.startswith(f"{device_type}:") and
                                        s.split(":", 1)[1].split("=")[0] in spec.settings for s in supported)


def roots(word: str) -> set[str]:
    """The word and what it may be inflected or compared from: "lowest" → low, "warmer" → warm."""
    out = set(stems(word))
    for suffix in ("est", "er"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out |= set(stems(word[:-len(suffix)]))
    return out


def _phrases(model: StateModel) -> dict[str, list[str]]:
    """The phrases that ask for each changing operation of ``model`` (see :mod:`labels`)."""
    t, lang = model.type, model.language
    out: dict[str, list[str]] = {}
    for state, spoken in lang.states.items():
        out[f"{t}:state={state}"] = [state, spoken.say, *spoken.verbs]
    if "off" in model.states:
        out.setdefault(f"{t}:state=off", []).extend(
            " ".join(w for w in p.replace("{d}", "").split() if w not in CIRCUMSTANCES) for p in pb.IMPLICIT_OFF)
    for key, spoken in lang.settings.items():
        spec = model.settings.get(key)
        if spec is None:
            continue
        if spec.numeric:  # "higher" and "lower" move any level ("a bit higher" just after "the lights to 30")
            out[f"{t}:{key}=up"] = spoken.up + spoken.raise_ + ["higher"]
            out[f"{t}:{key}=down"] = spoken.down + spoken.lower + ["lower"]
            out[f"{t}:{key}=max"] = spoken.max + spoken.up + spoken.raise_
            out[f"{t}:{key}=min"] = spoken.min + spoken.down + spoken.lower
            out[f"{t}:{key}=set"] = spoken.names
        if spoken.named:
            out[f"{t}:{key}=named"] = [w for name, v in spoken.named.items() for w in (name, *v.synonyms)]
        for value, phrases in spoken.values.items():
            out[f"{t}:{key}={value}"] = [value, *phrases]
    for name, goal in lang.goals.items():
        out[f"{t}:goal={name}"] = [name.replace("_", " "), *goal.phrases]
    return out
