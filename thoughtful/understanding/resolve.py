"""Which devices an utterance means, in the actual home.

Names and rooms come from the home, never from training: the model sees the
utterance with device names and rooms replaced by a type word ("dim the
reading lamp" → "dim the lamp"), and this module decides which devices that
means: named ones, a room's, all of them, the speaker's room, the one just
talked about, or the only one there is. A name that matches nothing is
reported, never mapped onto another device.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Collection

from thoughtful.state.device import Device
from thoughtful.state.home import Home
from thoughtful.state.schema import StateModel
from thoughtful.understanding import phrasebook as pb
from thoughtful.understanding.ask import Ask
from thoughtful.understanding.vocabulary import (COMMON_WORDS, DETERMINERS, OWNERS, PEOPLE, known_words, place_words,
                                                 type_nouns, unknown_name_words, words)

ALL = {"all", "every", "everything", "both", "whole"}
"""Words that say how many devices ("everything", "both"), not which."""
_HERE = re.compile(r"\b(?:in\s+here|(?:this|my|our)\s+room)\b")
"""Words for the speaker's room."""
THE_HOME = re.compile(r"\b(?:the|my|our)\s+(?:house|home|place|flat|apartment)\b")
"""Words for the whole home as a place ("warm up the house")."""
_EVERY = re.compile(r"\b(?:all|every|everything)\b")
"""Words for every device of a type, even beside one that is named."""
_NOT_SELECTING = re.compile(r"\ball\s+(?:the\s+way|the\s+time|day|night|right)\b|\bat\s+all\b"
                            r"|\b(?:the\s+)?whole\s+(?:way|time|day|night)\b")
"""Where "all" or "whole" selects no device: "the bedroom thermostat all the way down" is that
one; "Do the whole way light…" (heard for "dim the hallway light") names no whole home."""
_REPLAYING = {w for p in pb.UNDO + pb.REVERSE + pb.MORE for w in words(p)}
"""The words of follow-ups that replay the last change ("go back", "the other way"): "back" of
"back to 50" is no echo of the "back bedroom lamp"."""
_SWITCHING = "".join(rf"(?<!\b{w})" for w in ("turn", "switch", "put", "flip", "leave", "keep", "stay", "be", "is",
                                               "are", "it", "them", "that", "come", "go", "lights", "light"))
"""Words before "on" that make it the state ("turn on the landing"), not a place ("cold on the sunporch")."""
_SUBJECT = r"(?:is|isn't|feels|seems|looks|could|needs|gets|got|was|has|too)"
"""Words after a room that make it the subject ("the guest room is freezing")."""
_SOMEONE = rf"(?:(?:the|my|our)\s+)?(?:{'|'.join(PEOPLE)})"
"""Someone besides the speaker whose feeling may be said ("the baby is cold")."""
_STILL_A_ROOM = {"on", "off", "up", "down", "all"}
"""Words before "room lights" that leave them a room's ("turn on room lights")."""
_LISTING = r"(?:except(?:\s+for)?|but\s+not|apart\s+from|other\s+than|besides|excluding)"
"""Words that take a list of devices out of a selection: "everything except the ac and the lamp"."""
_EXCEPT = rf"(?:{_LISTING}|not)"
"""Words that take a device out of a selection: "all the lights except the desk lamp", "not the
lamp" (one device: "not the reading lamp, the wall lamp" contrasts the two)."""
_SPARE = (r"(?:(?:don't|do\s+not|never)\s+(?:touch|change)|(?<!n't\s)(?<!not\s)"
          r"(?:leave|forget(?:\s+about)?|skip|hold\s+off\s+on|nothing\s+(?:for|to|on)|no\s+changes?\s+(?:for|to|on)))")
"""Words that spare a device beside another request: "don't touch the nightlight just dim the
chandelier", "leave the heater just switch the lamp off", "forget the lamp, do the heat", "nothing
for the boiler, just the attic bulb on", "hold off on the fairy lights" (had switched them off;
said alone, "don't touch the nightlight" asks for nothing)."""
_AS_IT_IS = r"(?:\s+(?:alone|on|off|be|as\s+it\s+is|as\s+they\s+are|as\s+is))?"
"""How a spared device is left ("leave the lamp on"): its words, not a request for another."""
_KEPT = (r"(?:(?<!n't\s)(?<!not\s)keep\s+(?:the\s+|my\s+|any\s+)?(?:{what})"
         r"\s+(?:on|off|going|running|as\s+it\s+is|as\s+they\s+are|as\s+is|the\s+same)"
         r"|(?:the\s+|my\s+)?(?:{what})\s+(?:can\s+|should\s+|will\s+)?(?:stays?|remains?)"
         r"(?:\s+(?:on|as\s+it\s+is|as\s+they\s+are|as\s+is|the\s+same))?(?=\s*$))")
"""A device kept as it is beside another request ("keep the thermostat as it is and dim the
lamp", "lamp off, the fairy lights stay": it had switched them off too); "keep the lamp dimmer"
is a request."""


_PICKED_OUT = re.compile(r"\b(big|main|small|little|tall|overhead|ceiling|top|round|long)\s+([a-z]+)\b")
"""A word that picks one device out of several by how it looks or where it hangs ("the big
light"), its noun after it."""
_AFTER_A_DETERMINER = "(?:(?<=^\\s)|" + "|".join(rf"(?<=\b{w}\s)" for w in sorted(DETERMINERS)) + ")"
"""Right after "the", "my", "that"… or opening the request: where a word stands for a whole name
("the pendant", "stove plus three")."""


def _room_words(home: Home) -> set[str]:
    """Every word of the home's rooms ("living", "room", "emma's")."""
    return {w for d in home.devices.values() for w in words(d.room)}


def _spared(what: str) -> str:
    """Words that spare what ``what`` (a pattern) says, and how it is left: "leave the heater on",
    "don't touch the fan", "keep the thermostat as it is"."""
    return rf"(?:{_SPARE}\s+(?:the\s+|my\s+|any\s+)?(?:{what}){_AS_IT_IS}|{_KEPT.format(what=what)})"
_REFERENCE = r"(?:than|(?<!well )as)"
"""Words before a device that is only compared with ("brighter than the lamp", "the same
brightness as the bedside lamp"): it is not what is asked to change."""

_SAME_ROOM = [("living room", "lounge", "sitting room", "front room", "family room"),
              ("hall", "hallway", "entrance hall", "entryway"),
              ("nursery", "baby's room", "baby room", "babys room"),
              ("laundry", "laundry room", "utility room"),
              ("bathroom", "washroom"), ("toilet", "loo", "restroom"), ("garden", "yard", "backyard")]
"""Names people use for the same room: a home's "nursery" is also "the baby's room", its "hall"
"the hallway" — unless the home has both as rooms of their own."""

_ONE = r"(?:one|1)(?!\s+(?:degrees?|percent|per\s+cent|%|kelvin|more|less|notch|step)\b)"
"""The pronoun "one" ("the tall one"; normalized, "1"), never an amount ("heating 1 degree less")."""


def room_forms(room: str, rooms: set[str]) -> list[str]:
    """How ``room`` (one of the home's ``rooms``, lower case) may be said, longest first: itself,
    the other names of the same room (:data:`_SAME_ROOM`), and its last word when that names a
    kind of room ("bedroom" of "master bedroom"; not "room"), each only when no other room of the
    home has it ("the bedroom" beside a master and a guest bedroom is neither)."""
    same = set(next((names for names in _SAME_ROOM if room in names), (room,)))
    *qualifiers, kind = room.split()
    if qualifiers and kind != "room" and len(kind) >= 3 and \
            sum(r == kind or r.endswith(f" {kind}") for r in rooms) == 1:
        same.add(kind)
    return sorted({room} | (same - rooms), key=len, reverse=True)


@dataclass
class Mentions:
    masked: str
    """The utterance with names and rooms replaced, as the model sees it."""
    devices: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    """Devices named after "except", "but not"… or only compared with ("than the lamp"): never
    selected."""
    compared: list[str] = field(default_factory=list)
    """Devices only compared with ("as bright as the lamp"), also in ``excluded``."""
    rooms: list[str] = field(default_factory=list)
    everything: bool = False
    plural: bool = False
    unknown: str | None = None
    """A device or room the utterance names that this home does not have."""
    here: bool = False
    """The utterance means the speaker's room ("in here", "this room", "my room")."""
    elsewhere: str | None = None
    """A place said that is none of this home's rooms: "make the bathroom warmer" where there is
    no bathroom (:meth:`Resolver._elsewhere`)."""


def serving(of_type: list[Device], rooms: list[str]) -> list[Device]:
    """The devices of one type that serve ``rooms`` (lower case): those in them, or, when none
    is and the state model says its devices serve the home, the type's only device (the one
    thermostat heats the bedroom too)."""
    here = [d for d in of_type if d.room.lower() in rooms]
    if not here and len(of_type) == 1 and of_type[0].model.serves == "home":
        return of_type
    return here


def but_leaves_out(text: str) -> bool:
    """Whether a "but" in ``text`` leaves something out of a selection, after "everything" or
    "all" ("turn off everything but the hall light"); elsewhere it joins two requests ("turn on
    the kids lamp but the hall light off")."""
    return bool(re.search(r"\b(?:everything|all|every)\b", text, re.IGNORECASE))


def spares(clause: str) -> bool:
    """Whether ``clause`` only spares what it names: "leave the lamp on", "don't touch the fan",
    "keep the thermostat as it is"."""
    return bool(re.match(rf"\s*{_SPARE}\s", clause) or re.fullmatch(rf"\s*{_KEPT.format(what='.+?')}\s*", clause))


def spares_alone(masked: str, nouns: Collection[str]) -> bool:
    """Whether ``masked`` (names masked as their type's noun) only spares a device, asking for
    nothing else: "hold off on the fairy lights" (read as "off"), "the lamp can stay"."""
    what = "|".join(rf"{re.escape(n)}s?" for n in sorted(nouns, key=len, reverse=True))
    return bool(re.fullmatch(rf"\s*{_spared(what)}\s*", masked))


def _except(text: str) -> str:
    """The words that leave something out of a selection ("but" when :func:`but_leaves_out`)."""
    return rf"(?:{_EXCEPT}|but)" if but_leaves_out(text) else _EXCEPT


def _any_name(patterns: list[tuple[Device, str]]) -> str:
    """A pattern for any of the names :meth:`Resolver._name_patterns` gave."""
    return "(?:" + "|".join(pattern for _, pattern in patterns) + ")"


def _listing(text: str) -> str:
    """:func:`_except` for a list of devices left out."""
    return rf"(?:{_LISTING}|but)" if but_leaves_out(text) else _LISTING


def _state_words(model: StateModel) -> dict[str, set[str]]:
    """Per working state of ``model``: its name, how it is said, and the words of its verbs no
    other working state's verbs use ("ac" and "conditioning" for cooling, "furnace" for
    heating; "off" is not a working state, and "turn off the ac" does not make "ac" its word)."""
    lang = model.language.states
    working = [state for state in model.states if state not in ("on", "off")]
    verbs = {state: {w for v in (lang[state].verbs if state in lang else []) for w in words(v)} for state in working}
    out = {}
    for state in working:
        others = set().union(*(v for s, v in verbs.items() if s != state))
        spoken = lang.get(state)
        out[state] = {state, spoken.say if spoken and spoken.say else state} | (verbs[state] - others - COMMON_WORDS)
    return out


def _one_letter_off(heard: str, word: str) -> bool:
    """Whether ``heard`` is ``word`` with one letter added, left out or changed (not the first,
    and not a plural "s"): "lead" for "led"."""
    if heard[:1] != word[:1] or min(len(heard), len(word)) < 3 or heard in (word + "s", word + "es") \
            or abs(len(heard) - len(word)) > 1:
        return False
    short, long_ = sorted((heard, word), key=len)
    if len(short) == len(long_):
        return sum(a != b for a, b in zip(short, long_)) == 1
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _feelings(models: dict[str, StateModel]) -> set[str]:
    """The words after "i'm" and "i feel" in the goals' phrases ("cold", "freezing", "too"), and
    those after "it's" that are no function word ("chilly": "the children are chilly"), but not a
    whole-home goal's ("the kids are going to sleep" is not every light off)."""
    found = set()
    for model in models.values():
        for goal in model.language.goals.values():
            for phrase in [] if goal.whole_home else goal.phrases:
                said = phrase.split()
                for lead in (["i'm"], ["i", "feel"], ["it's"]):
                    if said[:len(lead)] == lead and len(said) > len(lead) and \
                            not (lead == ["it's"] and said[len(lead)] in COMMON_WORDS):
                        found.add(said[len(lead)])
    return found


class Resolver:
    def __init__(self, models: dict[str, StateModel]) -> None:
        self.models = models
        self.nouns = type_nouns(models)
        self.nouns_of = {t: set(type_nouns({t: m})) for t, m in models.items()}
        """Each type's own nouns ("lamp", "light" for a lamp)."""
        self._noun_patterns = {t: "|".join(map(re.escape, sorted(nouns, key=len, reverse=True)))
                               for t, nouns in self.nouns_of.items()}
        """Each type's nouns as one pattern, longest first."""
        self.known = known_words(models)
        self.owned = set(self.nouns) | {w for t, m in models.items() for key, lang in m.language.settings.items()
                                        for w in [key, *(w for name in lang.names for w in words(name))]}
        """Words for what a device or a room has ("the kitchen's light", "the lamp's colour")."""
        self.name_words = unknown_name_words()
        self.place_words = place_words()
        self.state_words = {t: _state_words(m) for t, m in models.items()}
        """Per type and state, the words that name that state alone ("cooling", "ac")."""
        self.feelings = _feelings(models)
        """Words of how it is or feels ("cold", "dark", "freezing"), from the goals' phrases."""
        feelings = "|".join(map(re.escape, sorted(self.feelings)))
        self._someone_feels = re.compile(
            rf"(?<=\s){_SOMEONE}(?:\s+(?:is|are|feels|feel)|'s)\s+(?=(?:{feelings})\s)")
        """ "the baby is cold", "the kids are freezing": someone else's feeling, which the goals say in
        the first person ("i'm cold"; not a whole-home goal: "the kids are going to sleep" is not "i'm
        going to sleep", every light off)."""

    def spoken_forms(self, name: str) -> list[str]:
        """How a name may be written when heard, longest first: "nightlight" also as "night
        light", "night light" also as "nightlight" (a type noun joined to the word before it
        or split from it; Whisper writes either)."""
        said = name.lower().split()
        forms = {" ".join(said)}
        for i, word in enumerate(said):
            for noun in self.nouns:
                if word.endswith(noun) and len(word) - len(noun) >= 3:
                    forms.add(" ".join(said[:i] + [word[:-len(noun)], noun] + said[i + 1:]))
            if i + 1 < len(said) and said[i + 1] in self.nouns:
                forms.add(" ".join(said[:i] + [word + said[i + 1]] + said[i + 2:]))
        return sorted(forms, key=len, reverse=True)

    def and_heard_as_in(self, text: str, home: Home) -> str:
        """A heard "in" or "into" before a device's whole name is "and" ("Turn the cabinet light on
        in the ceiling light off.", "Turn the nursery lamp right into the landing light off."):
        Whisper writes "in" for a quick "and", and no device is in another. A name that is also a
        room's is left alone ("the lamp in the kitchen")."""
        rooms = {d.room.lower() for d in home.devices.values()}
        for device in home.devices.values():
            for form in self.spoken_forms(device.name):
                if form not in rooms:
                    text = re.sub(rf"\bin(?:to)?(\s+(?:the|my)\s+|\s+){re.escape(form)}\b", rf"and\1{form}", text,
                                  flags=re.IGNORECASE)
        return text

    @staticmethod
    def names_rejoined(text: str, home: Home) -> str:
        """A long word of a device's name or a room heard as two ("the night stand lamp" for the
        "nightstand lamp", "tall up light" for the "tall uplight"): written as one."""
        for said in {w for d in home.devices.values() for w in words(f"{d.name} {d.room}") if len(w) >= 7}:
            if said not in text:
                split = "|".join(rf"{re.escape(said[:i])}\s+{re.escape(said[i:])}" for i in range(2, len(said) - 2))
                text = re.sub(rf"\b(?:{split})\b", said, text)
        return text

    @staticmethod
    def names_respelled(text: str, home: Home) -> str:
        """One word of a device's longer name heard one letter off ("the lead strip" for the "led
        strip"; not a plural, "floor lamps", nor another first letter): written as the name has it."""
        heard = text.split()
        for name in sorted((words(d.name) for d in home.devices.values()), key=len, reverse=True):
            for i in range(len(heard) - len(name) + 1) if len(name) > 1 else ():
                off = [j for j, w in enumerate(name) if heard[i + j] != w]
                if len(off) == 1 and _one_letter_off(heard[i + off[0]], name[off[0]]):
                    heard[i + off[0]] = name[off[0]]
        return " ".join(heard)

    def _distinctive(self, name: str) -> list[str]:
        return [w for w in words(name) if w not in self.nouns]

    def _name_patterns(self, home: Home) -> list[tuple[Device, str]]:
        """(device, pattern) in the order they are tried: every whole name first, longest first,
        as it may be written (:meth:`spoken_forms`); then a name's distinctive words before a
        noun of the device's own type ("the porch one", "the office lamp" for "office light"),
        so "office light" is never taken for the "office thermostat" (in the plural only when
        those words are not its room's: "the office lights" are the office's); then one word of
        a longer name that no other name and no room has ("the tall one", "the tall lamp" for
        the "tall floor lamp"), and its last word alone when that is a word of no state model,
        no other name and no room ("the pendant" for the "kitchen pendant", "the pump" for the
        "office heat pump"; never "2" for "lamp 2"; only after "the", "my"…: "the light strip" and
        "the lead strip" may be a misheard "led strip", "how on pendants" "island pendants"); a
        name without the place it opens with ("mini split", :meth:`_without_its_place`); and the
        pronoun of a name that is someone's ("hers" for "her lamp")."""
        by_length = sorted(home.devices.values(), key=lambda d: -len(d.name))
        # in the plural too when its last word is no type's noun ("the lanterns": the "lantern" and,
        # by :meth:`_group`, the "big lantern"; "the lights" stay every light)
        whole = [(d, "(?:" + "|".join(map(re.escape, self.spoken_forms(d.name))) + ")"
                  + ("s?" if words(d.name)[-1] not in self.nouns and not d.name.endswith("s") else ""))
                 for d in by_length]
        short, single = [], []
        all_nouns = "|".join(map(re.escape, sorted(self.nouns, key=len, reverse=True)))
        rooms = _room_words(home)
        for device in by_length:
            distinct = self._distinctive(device.name)
            if distinct:
                head = r"\s+".join(map(re.escape, distinct))
                own = "|".join(map(re.escape, sorted(self.nouns_of[device.type])))
                singular = distinct == words(device.room)  # "the office lights": the room's, not one of them
                nouns = [n for n in sorted(self.nouns_of[device.type])
                         if not (singular and n.endswith("s") and n[:-1] in self.nouns)]
                short.append((device, rf"{head}\s+(?:{'|'.join(map(re.escape, nouns))}|{_ONE})"
                                      rf"{'' if singular else 's?'}"))
            others = {w for d in home.devices.values() if d is not device for w in words(d.name)}
            if len(distinct) > 1:  # "the tall one" for the "tall floor lamp" beside a "floor lamp"
                single += [(device, rf"{re.escape(w)}\s+(?:{own}|{_ONE})") for w in distinct
                           if w not in others and w not in rooms]
            owner = words(device.name)[0]
            if owner in OWNERS and len(words(device.name)) > 1 and \
                    sum(words(d.name)[0] == owner for d in home.devices.values()) == 1:
                single.append((device, rf"{OWNERS[owner]}(?!\s+(?:{all_nouns}))"))  # "except hers": "her lamp"
            last = words(device.name)[-1]
            if len(words(device.name)) > 1 and last in distinct and last.isalpha() and \
                    last not in others | rooms | self.known:
                single.append((device, rf"{_AFTER_A_DETERMINER}{re.escape(last)}(?:'s)?"))  # "the pendant('s)"
            rest = self._without_its_place(device, home, rooms)
            if rest:
                single.append((device, rf"\b{re.escape(rest)}\b"))  # "the mini split" for the "bedroom mini split"
            bare = self._without_its_noun(device, home, rooms)
            if bare:  # "dim the reading nook" for the "reading nook light" (in the "nook")
                single.append((device, rf"\b{re.escape(bare)}\b(?!\s+(?:{all_nouns}))"))
        return whole + short + single

    def _without_its_noun(self, device: Device, home: Home, rooms: set[str]) -> str | None:
        """A name without the noun of its type it ends with, when what is left is two words or
        more that are no room and that no other name holds ("reading nook" of the "reading nook
        light" in the "nook": read as the room, it had left "reading" to ask for the reading
        light); None otherwise."""
        said = words(device.name)
        if len(said) < 3 or said[-1] not in self.nouns_of[device.type]:
            return None
        bare = " ".join(said[:-1])
        return bare if bare not in rooms and self._its_own(bare, device, home) else None

    @staticmethod
    def _its_own(part: str, device: Device, home: Home) -> bool:
        """Whether words of ``device``'s name are no room's name and in no other device's name."""
        return part not in {" ".join(words(d.room)) for d in home.devices.values()} and not any(
            d is not device and re.search(rf"\b{re.escape(part)}\b", " ".join(words(d.name)))
            for d in home.devices.values())

    def _without_its_place(self, device: Device, home: Home, rooms: set[str]) -> str | None:
        """A name without the place words it opens with, when those are two words or more that no
        other name holds and that are no room ("mini split" of the "bedroom mini split", "heat pump"
        of the "office heat pump"); None otherwise ("lamp" of the "office lamp" is a type word)."""
        said = words(device.name)
        opening = next((i for i, w in enumerate(said) if w not in rooms | self.place_words), len(said))
        rest = " ".join(said[opening:])
        if opening == 0 or len(said) - opening < 2 or not self._its_own(rest, device, home):
            return None
        return rest

    def mentions(self, text: str, home: Home) -> Mentions:
        """Find device names and rooms of ``home`` in ``text`` (normalized, lower case)."""
        found = Mentions(masked=text)
        masked = f" {text} "
        rooms = {d.room.lower() for d in home.devices.values()}
        for said in {d.name.lower() for d in home.devices.values()} | rooms:
            if said:  # "the kitchen's light", "the desk lamp's brightness": the name itself; "the hall
                # light's a bit bright": the name, and "is" (a device's, before no word of what it has)
                masked = re.sub(rf"(?<=\s)({re.escape(said)})'s(?=\s+(\S+))", lambda m: m.group(1)
                                if m.group(1) in rooms or m.group(2) in self.owned else f"{m.group(1)} is", masked)
                # a name's "'s" closing the words is its plural ("dim the wall washer's", heard for "washers")
                masked = re.sub(rf"(?<=\s)({re.escape(said)})'s\s*$", r"\1s ", masked)
        placeholders: dict[str, str] = {}
        named: dict[str, str] = {}  # slot → the device's name
        except_ = _except(text)
        patterns = self._name_patterns(home)
        masked = self._listed_exceptions(masked, _listing(text), patterns)
        for device, pattern in patterns:
            if device.name in found.devices or device.name in found.excluded:
                continue
            # (heard: "not a strip" for "not the strip"; "not that ac, the yoga one" had changed both)
            new, n = re.subn(rf"\s{except_}\s+(?:the\s+|my\s+|a\s+|that\s+|this\s+)?{pattern}(?=\s)", " ", masked)
            spared, s = re.subn(rf"\s{_spared(pattern)}(?=\s)", " ", new)
            if s and spared.split():
                new, n = spared, n + s
            compared, c = re.subn(rf"\s{_REFERENCE}\s+(?:the\s+|my\s+)?{pattern}(?=\s)", " ", new)
            if n or c:  # "except the desk lamp", "than the lamp": left out, and out of what the model sees
                masked = compared
                found.excluded.append(device.name)
                if c:
                    found.compared.append(device.name)
                continue
            # A placeholder until every name is matched: the longest name is consumed, so
            # "desk lamp" → "lamp" is not matched again by a device called "lamp".
            slot = f"\x00{len(placeholders)}\x00"
            said = [m.group(0) for m in re.finditer(rf"(?<=\s){pattern}(?=\s)", masked)]
            if said:
                new = re.sub(rf"(?<=\s){pattern}(?=\s)", slot, masked)
                group = self._group(device, said, home)
                if group is not None:  # "all the porch lights": these, not every light
                    new = re.sub(rf"\b(?:all|both|every)\s+(?:of\s+)?(?:the\s+)?(?={re.escape(slot)})", "the ", new)
                    found.devices += [d for d in group if d not in found.devices and d not in found.excluded]
                masked = new
                placeholders[slot] = next((w for w in reversed(words(device.name)) if w in self.nouns),
                                          device.model.display_name)
                if f" {device.name.lower()} " in f" {text} ":
                    named[slot] = device.name  # said whole: a word before it is no lost part of it
                found.devices.append(device.name)
        masked = self._compared_by_a_word(masked, home, found)
        masked = self._types_left_out(masked, _listing(text), home, found)
        whole = "|".join(re.escape(slot) for slot, name in named.items() if len(words(name)) > 1) or "(?!)"
        before_names = set(re.findall(rf"(\S+)\s+(?:{whole})", masked))  # "the tones <downstairs thermostat>"
        for slot, noun in placeholders.items():
            masked = masked.replace(slot, noun)
        masked = self._take_rooms(masked, home, found)
        masked = self._someone_feels.sub("i'm ", masked)
        found.devices = [n for n in found.devices if not self._noun_elsewhere(home[n], found.rooms)]
        tokens = masked.split()
        found.everything = any(t in ALL for t in _NOT_SELECTING.sub(" ", masked).split())
        found.plural = any(t.endswith("s") and t[:-1] in self.nouns for t in tokens)
        found.unknown = self._unknown(tokens, before_names)
        found.elsewhere = None if found.unknown else self._elsewhere(tokens)  # "the garage thermostat": unknown
        found.masked = " ".join(tokens)
        found.here = bool(_HERE.search(found.masked))
        return found

    def _group(self, device: Device, said: list[str], home: Home) -> list[str] | None:
        """The other devices of ``device``'s type that a name said in the plural also names ("the
        porch lights" beside a "porch light" and a "front porch light": both, whose names hold
        "porch light"; [] when none does); None when it was said in the singular."""
        head = words(device.name)[-1]  # "the lanterns" beside a "lantern" and a "big lantern": its own last word
        plural = [s.split() for s in said if s.split()[-1].endswith("s") and s.split()[-1][:-1] in {*self.nouns, head}]
        if not plural:
            return None
        singular = " ".join([*plural[0][:-1], plural[0][-1][:-1]])
        return [d.name for d in home.devices.values() if d is not device and d.type == device.type
                and any(re.search(rf"\b{re.escape(singular)}\b", form) for form in self.spoken_forms(d.name))]

    def _compared_by_a_word(self, masked: str, home: Home, found: Mentions) -> str:
        """ "as bright as the left", "warmer than the tall one": a word of one device's name
        after "as the" or "than the" is that device, compared with, not asked to change ("make
        the right lamp as bright as the left" had brightened the right lamp); "as bright as
        possible" compares with nothing, "than the living room" with no device."""
        rooms = _room_words(home)
        for match in re.finditer(rf"\s{_REFERENCE}\s+(?:the|my)\s+(\S+)(?:\s+{_ONE})?(?=\s)", masked):
            meant = [d.name for d in home.devices.values() if match.group(1) in self._distinctive(d.name)
                     and match.group(1) not in rooms and d.name not in found.devices]
            if len(meant) == 1:
                found.excluded.append(meant[0])
                found.compared.append(meant[0])
                return masked.replace(match.group(0), " ", 1)
        return masked

    def _types_left_out(self, masked: str, listing: str, home: Home, found: Mentions) -> str:
        """ "everything off except the lights", "forget the lights, just warm it up": each device
        of a type said by its noun (or a word of its working states: "except the heat") after a
        word that leaves a list out or spares is left out
        (those named too are not; a bare "not" is not enough: "Not the temperature down…" was a
        misheard "knock"); ``masked`` without those words."""
        for device_type, noun in self._noun_patterns.items():
            working = sorted({w for said in self.state_words.get(device_type, {}).values() for w in said},
                             key=len, reverse=True)  # "except the heat": the thermostats
            noun = "|".join([noun, *map(re.escape, working)])
            listed = rf"(?:{listing})\s+(?:the\s+|my\s+|any\s+)?(?:{noun})s?{_AS_IT_IS}"
            new, n = re.subn(rf"\s(?:{listed}|{_spared(f'(?:{noun})s?')})(?=\s)", " ", masked)
            if n and new.split():
                masked = new
                found.excluded += [d.name for d in home.devices.values() if d.type == device_type
                                   and d.name not in found.devices and d.name not in found.excluded]
        return masked

    def ends_leaving_out(self, text: str, home: Home) -> bool:
        """Whether ``text`` (normalized) ends leaving a device out: "… except the ac"."""
        listing = _listing(text)
        if not re.search(rf"\b{listing}\b", text):
            return False
        name = rf"(?:the\s+|my\s+)?{_any_name(self._name_patterns(home))}"
        return bool(re.search(rf"\s{listing}\s+{name}(?:(?:\s+(?:and|or|nor))?\s+{name})*\s*$", f" {text}"))

    @staticmethod
    def _listed_exceptions(masked: str, listing: str, patterns: list[tuple[Device, str]]) -> str:
        """ "everything except the ac and the lamp" (or "the ac, the lamp"): each name listed
        after "except" is left out, not only the first (the lamp is already in "everything": it
        is not added)."""
        if not re.search(rf"\s{listing}\s", masked):
            return masked
        names = _any_name(patterns)
        listed = re.compile(rf"(\s{listing}\s+(?:the\s+|my\s+)?{names})(?:\s+(?:and|or|nor))?\s+"
                            rf"(?=(?:the\s+|my\s+)?{names}\s)")
        while True:
            expanded = listed.sub(r"\1 except ", masked, count=1)
            if expanded == masked:
                return masked
            masked = expanded

    @staticmethod
    def _take_rooms(masked: str, home: Home, found: Mentions) -> str:
        """``masked`` without the rooms it names, each added to ``found.rooms`` ("the lamp in the
        office" → "the lamp"); a room left out ("except the hall") adds its devices to
        ``found.excluded``; a room as the subject ("the guest room is freezing") becomes "it"."""
        home_rooms = {d.room.lower() for d in home.devices.values() if d.room}
        for room in sorted(home_rooms, key=len, reverse=True):
            said = "(?:" + "|".join(map(re.escape, room_forms(room, home_rooms))) + ")"
            new, n = re.subn(rf"\s{_except(masked)}\s+(?:(?:the|those|that|ones?)\s+)*(?:in\s+)?(?:the\s+|my\s+)?"
                             rf"{said}(?=\s)", " ", masked)
            if n:  # "all the lights off except the hall": the room's devices are left out
                masked = new
                found.excluded += [d.name for d in home.devices.values()
                                   if d.room.lower() == room and d.name not in found.excluded]
                continue
            # "on the sunporch", "at the cabin" too, but not after a switching verb ("turn on the landing")
            pattern = rf"(?:\s+(?:in|of|from)\s+the|\s+(?:in|of|from)|{_SWITCHING}\s+(?:on|at)\s+the)?\s+{said}(?=\s)"
            short = room.removesuffix("room").strip()
            if short != room and len(short) >= 3:  # "in bed" for the bedroom, "in the bath" for the bathroom
                pattern = rf"(?:{pattern}|\s+in\s+(?:the\s+|my\s+)?{re.escape(short)}(?=\s))"
            # The room as the subject, "the guest room is freezing": "it's freezing", as the
            # model knows it (taken out, "the is freezing" read as nothing it can do)
            subject = rf"(?<=\s)(?<!\bin\s)(?<!\bof\s)(?<!\bat\s)(?<!\bfrom\s)(?<!\bthe\s)(?<!\bmy\s)(?<!\bour\s)" \
                      rf"(?:the\s+|my\s+|our\s+)?{said}(?=\s+{_SUBJECT}\s)"  # (not "the lamp in the snug too")
            if re.search(subject, masked):
                masked = re.sub(r"\bit is\b", "it's", re.sub(subject, "it", masked))
                found.rooms.append(room)
            elif re.search(pattern, masked):
                masked = re.sub(pattern, "", masked)
                found.rooms.append(room)
        return masked

    def _noun_elsewhere(self, device: Device, rooms: list[str]) -> bool:
        """A name that is only a type word ("lamp") said with another room ("the lamp in the
        office"): the word means that room's lamp, not the device called "lamp"."""
        return bool(rooms) and not self._distinctive(device.name) and device.room.lower() not in rooms

    def _unknown(self, tokens: list[str], before_names: set[str] = frozenset()) -> str | None:
        """What the words name that this home does not have: a type's noun after a word of
        no name here ("the bulb light"), a room's word that is no room here ("in the attic"), a
        word no request here is made of after a type's noun and "in the" ("the lights in the
        van"; not "i'm getting in the shower"), a room of no name here ("the games room", "hey
        room lights"). A word just before a name found (``before_names``: "the tones
        downstairs thermostat") names nothing itself."""
        for i, token in enumerate(tokens):
            noun = token[:-1] if token.endswith("s") and token[:-1] in self.nouns else token
            if noun not in self.nouns or i == 0:
                continue
            before = tokens[i - 1]
            if before in before_names:
                continue
            if before in self.name_words or (before not in self.known and not before.isdigit()):
                return f"{before} {token}"
        for i, token in enumerate(tokens[:-2]):  # "in the attic", "the lights in the van"
            place, of_a_type = tokens[i + 2], i > 0 and tokens[i - 1].removesuffix("s") in self.nouns
            if token == "in" and tokens[i + 1] == "the" and (
                    place in self.name_words or (of_a_type and place not in self.known and place.isalpha())):
                return place
        for i, token in enumerate(tokens[1:], 1):  # "the games room lights": no room of this home
            before, after = tokens[i - 1], tokens[i + 1:i + 2]
            if token not in ("room", "rooms") or before.isdigit():
                continue
            of_a_type = bool(after) and after[0].rstrip("s") in self.nouns
            if before not in self.known or (before not in DETERMINERS | _STILL_A_ROOM and of_a_type):
                return f"{before} {token}"  # also "hey room lights" (for "bedroom"), not "the room lights"
        return None

    def _elsewhere(self, tokens: list[str]) -> str | None:
        """A place word after "the", "my"… left once this home's rooms and names are taken out:
        a place the home does not have ("the bathroom", "the kitchen")."""
        return next((token for before, token in zip(tokens, tokens[1:])
                     if before in DETERMINERS and token in self.place_words), None)

    def select(self, device_type: str, found: Mentions, home: Home, speaker_room: str | None,
               recent: list[str]) -> list[str]:
        """Names of the devices of ``device_type`` meant; :class:`Ask` when unsure, as when one
        of several is picked out by a word no name has ("the big light" in a room of two lamps:
        both had gone off)."""
        meant = self._selected(device_type, found, home, speaker_room, recent)
        picked = _PICKED_OUT.search(found.masked)
        if picked and len(meant) > 1 and not (found.plural or found.everything) and \
                picked.group(2) in self.nouns_of[device_type] and \
                not any(picked.group(1) in words(d.name) for d in home.devices.values()):
            raise Ask(f"Which is the {picked.group(1)} {picked.group(2)}: {', '.join(meant)}?")
        return meant

    def _selected(self, device_type: str, found: Mentions, home: Home, speaker_room: str | None,
                  recent: list[str]) -> list[str]:
        every = [d for d in home.devices.values() if d.type == device_type]
        of_type = [d for d in every if d.name not in found.excluded]
        display = self.models[device_type].display_name
        if not of_type:
            if every:
                return []  # each one left out: "everything except the thermostat"
            raise Ask(f"There is no {display} here.")
        named = [n for n in found.devices if home[n].type == device_type]
        where = found.rooms or ([speaker_room.lower()] if found.here and speaker_room else [])
        if named and where and all(n.lower() in self.nouns for n in named) and \
                not serving([home[n] for n in named], where):
            named = []  # "the light in here" said in the ensuite: its light, not the bedroom's device "light"
        if named and not _EVERY.search(_NOT_SELECTING.sub(" ", found.masked)):
            return named
        if named:  # "all the lights and (set) the strip light": all of them, the one named among them
            return [d.name for d in of_type]
        if found.rooms:
            in_rooms = [d.name for d in serving(of_type, found.rooms)]
            if not in_rooms:
                raise Ask(f"There is no {display} in the {' or '.join(found.rooms)}.")
            return in_rooms
        if found.here:  # "the lights in here": the speaker's room's, never the whole home's
            if speaker_room:
                here = serving(of_type, [speaker_room.lower()])
                if not here:
                    raise Ask(f"There is no {display} in the {speaker_room}.")
                return [d.name for d in here]
            rooms = sorted({d.room for d in of_type})
            if len(rooms) > 1:
                raise Ask(f"Which room are you in? The {display}s are in the {', the '.join(rooms)}.")
        if found.everything or (found.plural and not speaker_room):
            return [d.name for d in of_type]
        if speaker_room:
            here = [d.name for d in of_type if d.room.lower() == speaker_room.lower()]
            if here:
                return here
        for name in reversed(recent):
            if name in home.devices and home[name].type == device_type:
                return [name]
        if len(every) == 1 and of_type:  # not the one left when the others are left out ("brighter, not the den")
            return [of_type[0].name]
        if found.plural:
            return [d.name for d in of_type]
        working = [d.name for d in of_type if self._in_state_said(d, found.masked)]
        if len(working) == 1:
            return working  # "no cooling, I want heat": the one that is cooling
        echoed = [d.name for d in of_type if self._echoes_name(d, found.masked)]
        if len(echoed) == 1:
            return echoed  # "more light on my desk": the desk lamp, the one lamp named so
        raise Ask(f"Which {display} do you mean: {', '.join(d.name for d in of_type)}?")

    def echoes_a_name(self, text: str, home: Home) -> bool:
        """Whether ``text`` says a distinctive word of some device's name ("set upstairs to 70":
        the upstairs thermostat), see :meth:`_echoes_name`."""
        return any(self._echoes_name(d, text) for d in home.devices.values())

    def echoed_elsewhere(self, text: str, home: Home, changing: set[str]) -> bool:
        """Whether ``text`` (normalized) says a word of the name of a device that is not
        ``changing`` without naming it whole, and the device is not left out ("the wall" of the
        "wall lamp" in "mirror light up and the wall then warm it", where only the mirror light
        would change): heard, the rest of its name, or of the clause, may have been lost."""
        found = self.mentions(text, home)
        rooms = {w for room in found.rooms for w in room.split()}
        # "warm up upstairs" raising the upstairs thermostat: "upstairs" is its word too, not an echo
        # of the "upstairs light"
        theirs = {w for name in changing for w in self._distinctive(name)}
        # "turn on sam's lamp, not tom's": a word said to be left out is no echo of "tom's lamp"
        left_out = set(re.findall(rf"\b{_except(text)}\s+(?:the\s+|my\s+)?(\S+)", found.masked))
        besides = theirs | left_out
        return any(self._echoes_name(d, found.masked, besides) and not set(self._distinctive(d.name)) <= rooms
                   for d in home.devices.values() if d.name not in changing and d.name not in found.excluded)

    def _echoes_name(self, device: Device, text: str, besides: set[str] = frozenset()) -> bool:
        """Whether ``text`` has a word of ``device``'s name that is no type's noun, no common
        word and not one of ``besides`` ("desk" of "desk lamp", "reading" of "reading light"); a
        number of the name only beside a noun of its type ("2 lamp 1 down", not "ac 2 degrees
        cooler" for "lamp 2")."""
        said = text.split()
        own = set(self._distinctive(device.name)) - COMMON_WORDS - _REPLAYING - besides
        if any(w.isdigit() for w in own):  # only a numbered name ("lamp 2") looks at what is beside it
            nouns = self.nouns_of[device.type]
            beside_noun = {w for i, w in enumerate(said) if w.isdigit() and any(
                n in nouns or n.rstrip("s") in nouns for n in said[max(0, i - 1):i] + said[i + 1:i + 2])}
            own = {w for w in own if not w.isdigit() or w in beside_noun}
        return bool(own & set(said))

    def _in_state_said(self, device: Device, text: str) -> bool:
        """Whether ``text`` names the working state ``device`` is in ("the cooling", "the ac")."""
        state = device.snapshot["state"]
        said = self.state_words[device.type].get(state, set())
        return state not in ("on", "off") and bool(said & set(text.split()))
