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
from thoughtful.understanding.labels import operations

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


_WEIGHTS = {"state": 3, "up": 3, "down": 3, "set": 2, "named": 2, "max": 1, "min": 1, "enum": 1, "goal": 1}
"""How often each form of command is drawn: plain switching and relative changes are the most common."""


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
        self.language_words = {w for m in models.values() for w in m.language.model_dump_json().lower().split()}
        """Words the state models' language sections use (to tell "cold" from "colde")."""

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

    # --- per-type generators: each returns the text for one operation -----------------
    def command_ops(self, t: str) -> list[str]:
        """The operations a command can ask for (everything but questions)."""
        return [op for op in operations(self.models[t]) if ":ask=" not in op and ":how=" not in op
                and not op.endswith(":why")]

    def command(self, t: str) -> tuple[str, set[str]]:
        """A command for one operation of type ``t``, chosen uniformly so every label is seen."""
        ops = self.command_ops(t)
        op = self.rng.choices(ops, weights=[_WEIGHTS.get(self._op_form(o), 1) for o in ops])[0]
        what = op.split(":", 1)[1]
        if what.startswith("state="):
            return self.state_command(t, what[6:]), {op}
        if what.startswith("goal="):
            return self.goal(t, what[5:]), {op}
        key, how = what.split("=", 1)
        spec = self.models[t].settings[key]
        if how == "named":
            return self.named_command(t, key), {op}
        if spec.kind == "enum":
            return self.enum_command(t, key, how), {op}
        return self.numeric_command(t, key, how, op)

    def _op_form(self, op: str) -> str:
        """``state``, ``goal``, ``named``, ``enum`` or the numeric operation (``up``, ``set``…)."""
        what = op.split(":", 1)[1]
        head, _, how = what.partition("=")
        if head in ("state", "goal") or how == "named":
            return head if head in ("state", "goal") else "named"
        return how if self.models[op.split(":")[0]].settings[head].numeric else "enum"

    def state_command(self, t: str, state: str) -> str:
        model = self.models[t]
        lang = model.language.states.get(state)
        verb = self.pick(lang.verbs) if lang and lang.verbs else f"set it to {state}"
        if any(f" {n} " in f" {verb} " for n in model.language.names) or self.maybe(0.1):
            return verb
        dev = self.device(t)
        parts = verb.split()
        r = self.rng.random()
        if len(parts) == 2 and parts[1] in ("on", "off", "out", "up", "down") and r < 0.35:
            return f"{parts[0]} {dev} {parts[1]}"
        if r < 0.5 and lang and lang.say:
            return f"{dev} {lang.say}" if dev != "it" else lang.say
        return f"{verb} {dev}"

    def _unit_word(self, spec) -> str:
        return {"%": self.pick(["percent", "%", ""]), "K": self.pick(["kelvin", "k", ""]),
                "°F": self.pick(["degrees", "", "degrees", "degrees fahrenheit"])}.get(spec.unit, "")

    def numeric_command(self, t: str, key: str, how: str, op: str) -> tuple[str, set[str]]:
        model = self.models[t]
        spec, lang = model.settings[key], model.language.settings.get(key)
        kname = self.pick(lang.names) if lang and lang.names else key.replace("_", " ")
        dev = self.device(t)
        ops = {op}
        if how == "set":
            lo, hi = spec.min if spec.min is not None else 0, spec.max if spec.max is not None else 100
            value = self.rng.uniform(lo - (hi - lo) * 0.1, hi + (hi - lo) * 0.1)
            if spec.quantity == "temperature" and self.maybe(0.3):
                value = self.rng.uniform(10, 32)  # homes that speak Celsius: "heat to 21"
            if spec.unit == "K":
                value = round(value / 100) * 100
            num = f"{self.number(value)} {self._unit_word(spec)}".strip()
            if spec.unit == "%" and self.maybe(0.15):  # "half brightness", "the lamp at a quarter"
                num = self.pick(["half", "a quarter", "three quarters", "a third", "two thirds", "halfway"])
            if spec.quantity == "temperature" and self.maybe(0.35):
                states = [s for s in model.language.states if key in model.states[s].settings]
                if states:
                    state = self.pick(states)
                    word = self.pick([state, model.language.states[state].say, f"{state} the house", f"{state} it"])
                    text = self.pick([f"{word} to {num}", f"{word} {dev} to {num}", f"set it to {state} at {num}",
                                      f"{word} at {num}"])
                    return text, ops | {f"{t}:state={state}"}
            return self.pick([
                f"set {dev} to {num}", f"set the {kname} to {num}", f"{dev} to {num}", f"{kname} {num}",
                f"{kname} to {num}", f"set {dev} {kname} to {num}", f"put {dev} at {num}", f"{dev} at {num}",
                f"make {dev} {num}", f"change the {kname} to {num}", f"i want {dev} at {num}",
                f"can you set {dev} to {num}", f"adjust {dev} to {num}", f"{num} please", f"go to {num}",
                f"make it {num} in here" if spec.quantity else f"{dev} {num}", f"{kname} at {num}",
                f"{num} {kname} on {dev}", f"{num} {kname} for {dev}", f"{dev} on {num} {kname}",
            ]), ops
        if how in ("up", "down"):
            comparatives = (lang.up if how == "up" else lang.down) if lang else []
            verbs = (lang.raise_ if how == "up" else lang.lower) if lang else []
            small = self.pick(pb.SMALL)
            if self.maybe(0.25) or not (comparatives or verbs):
                amount = max(1, int(round(self.rng.uniform(1, 4) * (spec.step or 1))))
                num = f"{self.number(amount)} {self._unit_word(spec)}".strip()
                verb = self.pick(verbs) if verbs else ("raise" if how == "up" else "lower")
                comp = self.pick(comparatives).split()[-1] if comparatives else ("more" if how == "up" else "less")
                return self.pick([f"{verb} {dev} by {num}", f"{verb} the {kname} by {num}", f"make it {num} {comp}",
                                  f"{kname} {how} by {num}", f"{num} {comp}", f"{kname} {how} {num}",
                                  f"turn {dev} {how} by {num}", f"{how} {num}", f"{num} {comp} please"]), ops
            if verbs and (not comparatives or self.maybe(0.5)):
                verb = self.pick(verbs)
                parts = verb.split()
                if len(parts) == 2 and parts[1] in ("up", "down") and self.maybe(0.5):
                    return self.pick([f"{parts[0]} {dev} {parts[1]}", f"{parts[0]} {dev} {parts[1]} {small}",
                                      f"{parts[0]} the {kname} {parts[1]}"]), ops
                return self.pick([f"{verb} {dev}", f"{verb} {dev} {small}", f"{verb} it", f"{verb} the {kname}",
                                  f"please {verb} {dev}", f"{verb} {dev} a notch", f"could you {verb} {dev}",
                                  f"{verb} {dev} some more", f"{verb} it {small}"]), ops
            w = self.pick(comparatives)
            return self.pick([f"make {dev} {w}", w, f"{w} please", f"{small} {w}", f"make it {small} {w}",
                              f"{dev} {w}", f"even {w}", f"can you make {dev} {w}", f"i want {dev} {w}",
                              f"{w} {dev}", f"{w} in here", f"make it {w}", f"i'd like it {w}", f"still {w}",
                              f"get {dev} {w}", f"{small} {w} please", f"no {w}", f"actually {w}",
                              f"{w} still", f"a bit {w} than that", f"can {dev} be {w}",
                              f"could {dev} be {small} {w}", f"can it be {w}", f"{dev} could be {w}"]), ops
        words = (lang.max if how == "max" else lang.min) if lang else []
        w = self.pick(words) if words else f"{how}imum {kname}"
        frames = [w, f"{dev} {w}", f"set {dev} to {w}", f"{w} please", f"make {dev} {w}",
                  f"{kname} all the way {'up' if how == 'max' else 'down'}", f"put {dev} on {w}",
                  f"the {kname} as {'high' if how == 'max' else 'low'} as it goes"]
        end = self._as_far(lang.up if how == "max" else lang.down) if lang else None
        if end:  # "as cold as it goes" says which setting; "as low as it goes" alone does not
            frames += [f"set {dev} as {end} as it goes", f"make {dev} as {end} as it will go"]
        return self.pick(frames), ops

    def _as_far(self, comparatives: list[str]) -> str | None:
        """A plain adjective from a one-word comparative that the state models also use plainly
        ("colder" → "cold", "dimmer" → "dim", "whiter" → "white"), for "as cold as it goes";
        None when there is none."""
        plain = []
        for word in (c for c in comparatives if " " not in c and c.endswith("er")):
            stems = [word[:-2], word[:-1], word[:-3]]  # cold-er, white-r, dim-mer
            plain += [stem for stem in stems if stem in self.language_words][:1]
        return self.pick(plain) if plain else None

    def named_command(self, t: str, key: str) -> str:
        model = self.models[t]
        lang = model.language.settings[key]
        word = self.pick(self.pick(list(lang.named.values())).synonyms)
        dev = self.device(t)
        noun = self.pick(model.language.names)
        return self.pick([f"change {dev} to {word}", f"make {dev} {word}", f"{word} {noun} please",
                          f"set {dev} to {word}", f"turn {dev} {word}", word, f"go back to {word}",
                          f"i want {word} {noun}", f"can you make it {word}", f"switch to {word}", f"{dev} {word}",
                          f"{word} please", f"make the {self.pick(lang.names or [key])} {word}", f"{word} {noun}",
                          f"set the {self.pick(lang.names or [key])} to {word}"])

    def enum_command(self, t: str, key: str, value: str) -> str:
        phrases = self.models[t].language.settings[key].values.get(value)
        return self.pick(phrases) if phrases else f"set the {key} to {value}"

    def goal(self, t: str, name: str) -> str:
        phrase = self.pick(self.models[t].language.goals[name].phrases)
        frame = self.pick(["{p}", "{p}", "{p}", "ugh {p}", "{p} please", "i think {p}", "honestly {p}",
                           "wow {p}", "{p} can you fix it", "{p} do something", "man {p}", "{p} right now",
                           "{p} in here", "it's just that {p}"])
        return frame.format(p=phrase)

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

    def ability(self, t: str) -> tuple[str, set[str]]:
        """A question about what a device type can do (``how=``): the whole device, its states,
        or one setting — "what can the lamp do", "what modes does the heater have", "can the
        light change colour", "how high does the temperature go"."""
        model = self.models[t]
        n = self.pick(model.language.names)
        topic = self.pick(["device", "state", *model.settings])
        if topic == "device":
            frames = ["what can the {n} do", "what can i do with the {n}", "how does the {n} work",
                      "what does the {n} do", "how do i use the {n}", "what are the {n}'s features",
                      "what options does the {n} have", "what settings does the {n} have", "explain the {n} to me",
                      "what is the {n} capable of", "what can i say to the {n}", "what commands does the {n} know",
                      "what can i change on the {n}", "help me with the {n}"]
            return self.pick(frames).format(n=n), {f"{t}:how=device"}
        if topic == "state":
            say = self.pick([lang.say or s for s, lang in model.language.states.items()] or list(model.states))
            frames = ["what modes does the {n} have", "what modes are there on the {n}", "which modes can the {n} be in",
                      "what are the {n}'s modes", "what states does the {n} have", "list the {n} modes",
                      "what mode options does the {n} have", "does the {n} have a {s} mode", "can the {n} do {s}",
                      "what different modes can i put the {n} in", "is there a {s} mode on the {n}"]
            return self.pick(frames).format(n=n, s=say), {f"{t}:how=state"}
        lang = model.language.settings.get(topic)
        k = self.pick(lang.names) if lang and lang.names else topic.replace("_", " ")
        frames = ["what does the {k} do", "what does the {k} setting do", "what is the {k} for", "how does the {k} work",
                  "what {k} options are there", "what values can the {k} take", "can the {n} change {k}",
                  "can i change the {n}'s {k}", "does the {n} have a {k} setting", "is there a {k} setting on the {n}",
                  "what {k} settings does the {n} have", "does the {n} do {k}", "explain the {n}'s {k}",
                  "which {k} can the {n} have"]
        if model.settings[topic].numeric:
            frames += ["how high can the {k} go", "what's the highest {k}", "what's the lowest {k} on the {n}",
                       "how low can the {n} {k} go", "what's the {k} range", "what's the maximum {k}",
                       "what's the highest the {n} goes", "what range does the {n}'s {k} have",
                       "what's the lowest the {n} will go", "what's the minimum {k} of the {n}"]
        return self.pick(frames).format(n=n, k=k), {f"{t}:how={topic}"}

    def abilities(self) -> Example:
        """ "what can you do": every type's abilities."""
        text = self.pick(["what can you do", "what can you help me with", "what are you able to do",
                          "what do you control", "what can i ask you", "what do you do", "how do i use you",
                          "what are your abilities", "what things can you control", "what devices can you control",
                          "what can you do for me", "what should i say to you", "what commands do you understand"])
        return Example(text, "question", frozenset(f"{t}:how=device" for t in self.types), "question")

    # --- whole examples ------------------------------------------------------------------
    def example(self) -> Example:
        r = self.rng.random()
        t = self.pick(self.types)
        if r < 0.44:
            text, ops = self.command(t)
            return self.dress(Example(text, "command", frozenset(ops), "command"))
        if r < 0.56:
            return self.dress(self.compound())
        if r < 0.71:
            if self.maybe(0.03):
                return self.dress(self.abilities())
            q = self.rng.random()
            got = self.question(t) if q < 0.5 else self.ability(t) if q < 0.72 else self.why(t)
            if got:
                return self.dress(Example(got[0], "question", frozenset(got[1]), "question"))
            return self.example()
        if r < 0.86:
            return self.dress(Example(self.pick(pb.OUT_OF_SCOPE), "out_of_scope", category="out_of_scope"))
        if r < 0.93:
            shape = self.rng.random()
            example = self.implicit_off(t) if shape < 0.3 else self.contrast(t) if shape < 0.5 else None
            return self.dress(example or self.negated(t))
        if r < 0.955:
            return self.dress(Example(self.pick(pb.UNDO), "undo", category="undo"))
        if r < 0.97:
            return self.dress(Example(self.pick(pb.REVERSE), "reverse", category="reverse"))
        return self.dress(Example(self.pick(pb.MORE), "more", category="more"))

    def compound(self) -> Example:
        if len(self.types) > 1 and self.maybe(0.8):
            a, b = self.rng.sample(self.types, 2)
        else:
            a = b = self.pick(self.types)
        if self.maybe(0.06):
            # "turn everything off": every type that has the state
            everyone = [t for t in self.types if "off" in self.models[t].language.states]
            if everyone:
                text = self.pick(["turn everything off", "switch everything off", "all off", "shut everything down",
                                  "turn it all off", "everything off", "turn off everything", "power everything down"])
                return Example(text, "command", frozenset(f"{t}:state=off" for t in everyone), "compound")
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
        for _ in range(20):  # two changes of the same thing would contradict each other
            if a != b or not {o.split("=")[0] for o in oa} & {o.split("=")[0] for o in ob}:
                break
            tb, ob = self.command(b)
        else:
            return Example(ta, "command", frozenset(oa), "command")
        joiner = self.pick([" and ", " and ", ", ", " then ", " and also ", " and then ", ", and "])
        return Example(ta + joiner + tb, "command", frozenset(oa | ob), "compound")

    def implicit_off(self, t: str) -> Example | None:
        """ "I don't need the lamp anymore": the device goes to its off state."""
        if "off" not in self.models[t].states:
            return None
        name = self.pick(self.models[t].language.names)
        return Example(self.pick(pb.IMPLICIT_OFF).format(d=name), "command", frozenset({f"{t}:state=off"}), "command")

    def contrast(self, t: str) -> Example:
        """ "forget the lamp, turn the heat down", "no heating, just the fan": what is left
        alone (or switched off) first, then what to do."""
        names = self.models[t].language.names
        off_states = [s for s in self.models[t].states if s != "off"] if "off" in self.models[t].states else []
        if off_states and self.maybe(0.35):
            text, ops = self.command(t)
            still_valid = set(self.models[t].states["off"].settings)  # the fan, with the heating off
            if all(o.split(":", 1)[1].split("=")[0] in still_valid for o in ops):
                say = self.models[t].language.states.get(self.pick(off_states))
                word = say.say if say and say.say else self.pick(off_states)
                frame = self.pick(["no {s}, just {c}", "no {s}, only {c}", "not {s}, just {c}", "no {s} but {c}"])
                return Example(frame.format(s=word, c=text), "command", frozenset(ops | {f"{t}:state=off"}), "compound")
        other = self.pick([o for o in self.types if o != t] or [t])
        for _ in range(20):  # the second device must be said: "…, lower it" would name nothing
            text, ops = self.command(other)
            if any(f" {n} " in f" {text} " for n in self.models[other].language.names) or \
                    any(":goal=" in o for o in ops):
                break
        cancel = self.pick([c for c in pb.CANCELS if "{d}" in c]).format(d=self.pick(names))
        frame = self.pick(pb.CONTRASTS)
        return Example(frame.format(cancel=cancel, c=text, d=self.pick(names)), "command", frozenset(ops), "compound")

    def negated(self, t: str) -> Example:
        if self.maybe(0.5):
            text = self.state_command(t, self.pick(self.models[t].states)) if self.maybe(0.6) else self.command(t)[0]
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
