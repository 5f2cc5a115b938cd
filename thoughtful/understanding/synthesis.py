"""Knowledge synthesis: training examples from the state models, with no labelled data.

The paper's pipeline: random states → utterances that are well specified
("set the lamp to 40%"), moderately underspecified ("a bit dimmer") and fully
underspecified goals ("I'm freezing"); questions; compound commands; and
out-of-scope requests, dressed in the noise of real speech (fillers, wake
words, politeness, number words, recognizer confusions, no punctuation).
Every phrase that names a device type, a setting or a goal comes from a state
model's ``language`` section; this module only knows sentence frames.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from thoughtful.state.schema import StateModel
from thoughtful.understanding import phrasebook as pb
from thoughtful.understanding.numbers import words_to_digits

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spoken(n: int) -> str:
    """72 → "seventy two" (how Vosk writes numbers)."""
    if n == 100:
        return random.choice(["one hundred", "a hundred", "hundred"])
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")


@dataclass(frozen=True)
class Example:
    text: str
    kind: str
    ops: frozenset[str] = frozenset()
    category: str = ""


class Synthesizer:
    """Samples :class:`Example` from the state models; ``rng`` makes it reproducible."""

    def __init__(self, models: dict[str, StateModel], seed: int = 0) -> None:
        self.models = models
        self.rng = random.Random(seed)
        self.types = sorted(models)

    # --- small helpers ----------------------------------------------------------------
    def pick(self, items):
        return self.rng.choice(list(items))

    def maybe(self, p: float) -> bool:
        return self.rng.random() < p

    def number(self, n: float) -> str:
        n = int(round(n))
        return spoken(n) if self.maybe(0.5) and 0 <= n <= 100 else str(n)

    def device(self, t: str, allow_implicit: bool = True) -> str:
        """How a request names a device of type ``t``: "the lamp", "the kitchen light", "it"."""
        names = self.models[t].language.names
        name = self.pick(names)
        r = self.rng.random()
        if allow_implicit and r < 0.08:
            return "it"
        if r < 0.22:
            return f"the {self.pick(pb.ROOMS)} {name}"
        if r < 0.30:
            return f"the {name} in the {self.pick(pb.ROOMS)}"
        if r < 0.36:
            return f"my {name}"
        if r < 0.40:
            return f"all the {name}" if name.endswith("s") else f"the {name}"
        if r < 0.46:
            return name
        return f"the {name}"

    # --- per-type generators: each returns (text, ops) ----------------------------------
    def state_command(self, t: str) -> tuple[str, set[str]]:
        model = self.models[t]
        state = self.pick(model.language.states)
        lang = model.language.states[state]
        verb = self.pick(lang.verbs)
        names = model.language.names
        if any(f" {n}" in f" {verb}" for n in names) or self.maybe(0.1):
            text = verb
        else:
            dev = self.device(t)
            parts = verb.split()
            r = self.rng.random()
            if len(parts) == 2 and parts[1] in ("on", "off", "out", "up") and r < 0.35:
                text = f"{parts[0]} {dev} {parts[1]}"
            elif r < 0.5 and lang.say:
                text = f"{dev} {lang.say}" if dev != "it" else f"{lang.say}"
            else:
                text = f"{verb} {dev}"
        return text, {f"{t}:state={state}"}

    def numeric_command(self, t: str) -> tuple[str, set[str]] | None:
        model = self.models[t]
        numeric = [k for k, s in model.settings.items() if s.numeric]
        if not numeric:
            return None
        key = self.pick(numeric)
        spec, lang = model.settings[key], model.language.settings.get(key)
        kname = self.pick(lang.names) if lang and lang.names else key.replace("_", " ")
        dev = self.device(t)
        op = self.pick(["set", "set", "up", "down", "up", "down", "max", "min"])
        unit_word = {"%": self.pick(["percent", "%", ""]), "K": self.pick(["kelvin", "k", ""]),
                     "°F": self.pick(["degrees", "", "degrees fahrenheit"])}.get(spec.unit, "")
        ops = {f"{t}:{key}={op}"}
        if op == "set":
            lo, hi = spec.min if spec.min is not None else 0, spec.max if spec.max is not None else 100
            value = self.rng.uniform(lo - (hi - lo) * 0.1, hi + (hi - lo) * 0.1)
            if spec.unit == "K":
                value = round(value / 100) * 100
            num = f"{self.number(value)} {unit_word}".strip()
            frames = [f"set {dev} to {num}", f"set the {kname} to {num}", f"{dev} to {num}",
                      f"{kname} {num}", f"{kname} to {num}", f"set {dev} {kname} to {num}",
                      f"put {dev} at {num}", f"{dev} at {num}", f"make {dev} {num}", f"change the {kname} to {num}",
                      f"i want {dev} at {num}", f"can you set {dev} to {num}", f"adjust {dev} to {num}",
                      f"{num} please", f"go to {num}", f"make it {num} in here" if spec.quantity else f"{dev} {num}"]
            if spec.quantity == "temperature":
                for state, sl in model.language.states.items():
                    if key in model.states[state].settings and self.maybe(0.35):
                        word = self.pick([state, sl.say, f"{sl.say} the house", f"{state} it"])
                        return self.pick([f"{word} to {num}", f"{word} {dev} to {num}",
                                          f"set it to {state} at {num}"]), ops | {f"{t}:state={state}"}
            return self.pick(frames), ops
        words = getattr(lang, op, []) if lang else []
        if op in ("up", "down"):
            step = spec.step or 1
            if self.maybe(0.25):
                amount = max(1, int(round(self.rng.uniform(1, 4) * step)))
                num = f"{self.number(amount)} {unit_word}".strip()
                direction = self.pick(words) if words else ("more" if op == "up" else "less")
                verb = "raise" if op == "up" else "lower"
                return self.pick([f"{direction} by {num}", f"{verb} the {kname} by {num}",
                                  f"make it {num} {direction.split()[-1]}", f"{kname} {op} by {num}",
                                  f"turn {dev} {op} by {num}", f"{op} {num}", f"{num} {direction.split()[-1]}"]), ops
            if not words:
                return None
            w = self.pick(words)
            small = self.pick(pb.SMALL)
            return self.pick([f"make {dev} {w}", f"{w}", f"{w} please", f"{small} {w}", f"{w} {dev}",
                              f"make it {small} {w}", f"{dev} {w}", f"{w} {dev} {small}", f"even {w}",
                              f"can you make {dev} {w}", f"turn {dev} {op} {small}", f"turn {dev} {op}",
                              f"{kname} {op}", f"{op} {small}", f"turn the {kname} {op}"]), ops
        if not words:
            return None
        w = self.pick(words)
        return self.pick([w, f"{dev} {w}", f"set {dev} to {w}", f"{w} please", f"make {dev} {w}",
                          f"{kname} all the way {op == 'max' and 'up' or 'down'}"]), ops

    def named_command(self, t: str) -> tuple[str, set[str]] | None:
        model = self.models[t]
        named = [(k, l) for k, l in model.language.settings.items() if l.named]
        if not named:
            return None
        key, lang = self.pick(named)
        value = self.pick(lang.named.values())
        word = self.pick(value.synonyms)
        dev = self.device(t)
        text = self.pick([f"change {dev} to {word}", f"make {dev} {word}", f"{word} {self.pick(model.language.names)} please",
                          f"set {dev} to {word}", f"turn {dev} {word}", f"{word}", f"go back to {word}",
                          f"i want {word} light", f"can you make it {word}", f"switch to {word}",
                          f"{dev} {word}", f"{word} please", f"make the {self.pick(lang.names or [key])} {word}"])
        return text, {f"{t}:{key}=named"}

    def enum_command(self, t: str) -> tuple[str, set[str]] | None:
        model = self.models[t]
        options = [(k, v, p) for k, l in model.language.settings.items() for v, ps in l.values.items() for p in ps]
        if not options:
            return None
        key, value, phrase = self.pick(options)
        return phrase, {f"{t}:{key}={value}"}

    def goal(self, t: str) -> tuple[str, set[str]] | None:
        goals = self.models[t].language.goals
        if not goals:
            return None
        name = self.pick(goals)
        phrase = self.pick(goals[name].phrases)
        frame = self.pick(["{p}", "{p}", "{p}", "ugh {p}", "{p} please", "i think {p}", "honestly {p}",
                           "wow {p}", "{p} can you fix it", "{p} do something", "man {p}", "{p} right now"])
        return frame.format(p=phrase), {f"{t}:goal={name}"}

    def question(self, t: str) -> tuple[str, set[str]] | None:
        model = self.models[t]
        if not model.language.questions:
            return None
        key = self.pick(model.language.questions)
        q = self.pick(model.language.questions[key])
        q = q.replace("<device>", self.device(t, allow_implicit=False).removeprefix("the ").removeprefix("my "))
        frame = self.pick(["{q}", "{q}", "{q}", "can you tell me {q}", "do you know {q}", "tell me {q}",
                           "i wonder {q}", "quick question {q}"])
        return frame.format(q=q), {f"{t}:ask={key}"}

    def why(self, t: str) -> tuple[str, set[str]] | None:
        whys = self.models[t].language.why
        if not whys:
            return None
        q = self.pick(whys).replace("<device>", self.pick(self.models[t].language.names))
        return self.pick(["{q}", "{q}", "can you explain {q}", "tell me {q}", "{q} exactly"]).format(q=q), {f"{t}:why"}

    def command(self, t: str) -> tuple[str, set[str]]:
        generators = [self.state_command, self.state_command, self.numeric_command, self.numeric_command,
                      self.numeric_command, self.named_command, self.enum_command, self.goal, self.goal]
        while True:
            result = self.pick(generators)(t)
            if result:
                return result

    # --- whole examples ------------------------------------------------------------------
    def example(self) -> Example:
        r = self.rng.random()
        t = self.pick(self.types)
        if r < 0.48:
            text, ops = self.command(t)
            return self.dress(Example(text, "command", frozenset(ops), "command"))
        if r < 0.56:
            return self.dress(self.compound())
        if r < 0.68:
            got = self.question(t) if self.maybe(0.65) else self.why(t)
            if got:
                return self.dress(Example(got[0], "question", frozenset(got[1]), "question"))
            return self.example()
        if r < 0.86:
            return self.dress(Example(self.pick(pb.OUT_OF_SCOPE), "out_of_scope", category="out_of_scope"))
        if r < 0.93:
            return self.dress(self.negated(t))
        if r < 0.965:
            return self.dress(Example(self.pick(pb.UNDO), "undo", category="undo"))
        return self.dress(Example(self.pick(pb.MORE), "more", category="more"))

    def compound(self) -> Example:
        if len(self.types) > 1 and self.maybe(0.8):
            a, b = self.rng.sample(self.types, 2)
        else:
            a = b = self.pick(self.types)
        if a != b and self.maybe(0.25):
            # "turn off the lamp and the heat": one verb, two devices
            shared = [s for s in self.models[a].language.states if s in self.models[b].language.states]
            if shared:
                s = self.pick(shared)
                verb = self.pick(["turn", "switch", "shut"] if s == "off" else ["turn", "switch"])
                na, nb = self.pick(self.models[a].language.names), self.pick(self.models[b].language.names)
                text = self.pick([f"{verb} {s} the {na} and the {nb}", f"{na} and {nb} {s}", f"{verb} the {na} and {nb} {s}"])
                return Example(text, "command", frozenset({f"{a}:state={s}", f"{b}:state={s}"}), "compound")
        (ta, oa), (tb, ob) = self.command(a), self.command(b)
        joiner = self.pick([" and ", " and ", ", ", " then ", " and also ", " and then ", ", and "])
        return Example(ta + joiner + tb, "command", frozenset(oa | ob), "compound")

    def negated(self, t: str) -> Example:
        if self.maybe(0.5):
            text, _ = self.state_command(t) if self.maybe(0.6) else self.command(t)
            return Example(self.pick(pb.NEGATIONS).format(c=text), "negated", category="negated")
        return Example(self.pick(pb.CANCELS).format(d=self.pick(self.models[t].language.names)),
                       "negated", category="negated")

    def dress(self, ex: Example) -> Example:
        """Add the noise of real speech: wake words, politeness, fillers, digits vs words, ASR errors."""
        text = ex.text
        if ex.kind == "command" and self.maybe(0.3):
            text = f"{self.pick(pb.POLITE_BEFORE)} {text}"
        if ex.kind in ("command", "question") and self.maybe(0.15):
            text = f"{text} {self.pick(pb.POLITE_AFTER)}"
        if self.maybe(0.12):
            text = f"{self.pick(pb.FILLERS)} {text}"
        if self.maybe(0.1):
            text = f"{self.pick(pb.WAKE)} {text}"
        words = text.split()
        if self.maybe(0.15):
            i = self.rng.randrange(len(words))
            if words[i] in pb.HOMOPHONES:
                words[i] = self.pick(pb.HOMOPHONES[words[i]])
        if len(words) > 4 and self.maybe(0.04):
            del words[self.rng.randrange(len(words))]
        text = " ".join(words)
        if self.maybe(0.2):
            text = text.capitalize() + self.pick(["", ".", "?", "!"])
        return Example(text, ex.kind, ex.ops, ex.category)

    def examples(self, n: int) -> list[Example]:
        return [self.example() for _ in range(n)]


def normalize(text: str) -> str:
    """The text the model sees: lower case, digits for number words, no punctuation."""
    text = text.lower().replace("%", " percent ").replace("°", " degrees ")
    text = "".join(c if c.isalnum() or c in " '." else " " for c in text)
    text = " ".join(w.strip(".") for w in text.split())
    return words_to_digits(text)
