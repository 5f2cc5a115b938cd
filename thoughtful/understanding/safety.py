"""The safety layer between plan and apply: a change must agree with the words that asked for it.

Whatever the model and the planner made of an utterance, a planned snapshot is refused when
the utterance says one direction for a setting ("warmer", "brighten", "turn up") and the change
goes the other way: a setpoint that falls, a brightness that drops, a lamp switched off (the
setting disappears) or, asked for less ("dim"), switched on (the setting appears), or a state
the state model ties to the other direction (a setpoint above the room means heat: "warmer"
never starts cooling — read from ``implies_state``). The direction words come from each state
model's ``language`` section; when the utterance holds words for both directions ("not
brighter, dimmer" says dimmer) only the one not negated counts, and a complaint of too much
("the heat is too high") asks for less.

A level said as reached one way ("turn the lamp up to 20", "the heat down to 70") must lie
that way from where the setting is. A way the words only refuse ("no brighter", "not warmer")
is never taken, and an end of a range they refuse ("not at the minimum") never set.

The same for switching: a device switched off when the words say "on" and not "off" ("turn
everything on" once switched everything off), or switched on from off when they say only "off";
negated words ("I don't need the light on") are left to the other checks.

Also refused: a number said for a setting that its range does not hold (:func:`out_of_range`),
and any change asked for inside a how-to question (:func:`how_to`), which is answered instead.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Collection

from thoughtful.state.device import Change
from thoughtful.state.registry import Units
from thoughtful.state.schema import StateModel
from thoughtful.understanding.abilities import state_word
from thoughtful.understanding.explain import the
from thoughtful.understanding.numbers import said_sign
from thoughtful.understanding.phrasebook import SMALL
from thoughtful.understanding.vocabulary import base

_HOW_TO = re.compile(r"^(?:so\s+|um\s+|and\s+)?(?:how\s+(?:do|can|could|should|would|to)\s+"
                     r"(?:i\s+|we\s+|one\s+|you\s+)?|(?:is|isn't)\s+there\s+(?:a|any|some)\s+way\s+"
                     r"(?:to|i\s+can|we\s+can|you\s+can)\s+|is\s+it\s+possible\s+to\s+|"
                     r"(?:can|could|may)\s+i\s+(?!get\b|have\b|ask\b|please\b))(.+)$")
_GO_ANY = re.compile(r"^(?:can|could)\s+(?!you\b|i\b|we\b|u\b)(.+?)\s+"
                     r"(?:(?:go|get)\s+(?:[a-z']+\s+)?|be\s+(?:any|even)\s+)(\w+er)\b(.*)$")
"""A device's headroom asked about: "can the lamp go any brighter", "could it get any warmer"
(heard: "can the sofa lamp go in brighter"). "Can the lamp be brighter" is a request."""
_GO_TO = re.compile(r"^(?:can|could)\s+(?!you\b|i\b|we\b|u\b)(.+?)\s+(?:go|do|turn|change\s+to|be\s+set\s+to|be(?!\s+\w+er$)|"
                    r"show|display|glow|shine|light\s+up(?:\s+in)?)\s+(\w+)$")
"""What a device can become asked about: "can the strip light go green?", "can the lamp do blue?",
"can the bulb be set to orange?", "can the dressing table lamp be blue?" (it had been made blue;
"can the lamp be brighter?" asks for it), "can the tv strip show purple?", "could it glow red?"."""


_NOT = (r"(?:not|no|don't|never|(?:shouldn't|should\s+not|mustn't|must\s+not|needn't|can't|cannot|won't)\s+"
        r"(?:be|get)|(?:doesn't|don't|does\s+not|do\s+not)\s+(?:need|have)\s+to\s+(?:be|get))\s+"
        r"(?:(?:any|so|too|that|the|a|bit|much)\s+)?")
"""A negation before a phrase: "not brighter", "not any warmer", "shouldn't be brighter"."""


_NEGATED = re.compile(r"\b(?:not|no|don't|never|nor|without)\b|n't\b")
"""Any negation: the switch words no longer say which way."""


def negates(text: str) -> bool:
    """Whether ``text`` negates anything ("won't", "no", "never")."""
    return bool(_NEGATED.search(text))


_STATED_NOT = r"(?:\b(?:is|are|was|it's|that's|it|its|i'm|feel|feels)\s+not|\b(?:isn't|aren't|wasn't|ain't))\s+"
"""How it is, said denying it ("it's not", "the lamp isn't"): a statement, where "not too
bright" and "it needn't be so warm" ask for less."""
_DEGREE = r"(?:so|that|this|very|too|really|all\s+that)\s+"
_WISH = re.compile(r"\b(?:rather|wish|prefer|would\s+like|'d\s+like)\b")
"""A wish ("I'd rather the hall wasn't so warm"): how it should be, not a statement of how it is."""


def denies(text: str, word: str) -> bool:
    """Whether ``text`` states ``word`` only to deny it: "it's not that cold", "it isn't too
    bright" ask for nothing of "cold" or "bright" ("isn't warm enough" does not deny "warm": it
    asks for more of it; nor does a wish, "I'd rather it wasn't so warm")."""
    return not _WISH.search(text) and \
        bool(re.search(rf"{_STATED_NOT}(?:{_DEGREE})?{re.escape(word)}\b(?!\s+enough\b)", text))


_STATED = r"(?:\b(?:is|are|was|it's|that's|i'm|we're|feels?|looks?|seems?|getting)\s+(?:now\s+|plenty\s+|still\s+)?)"
"""How it is, said of how it is now ("it's", "that's", "the hall is", "feels")."""


def says_enough(text: str) -> bool:
    """Whether ``text`` says something is enough as it is ("it's warm enough in here", "the lamp
    is bright enough now"): no wish for more or for less."""
    return not negates(text) and not _WISH.search(text) and \
        bool(re.search(rf"{_STATED}(?:{_DEGREE})?[a-z]+\s+enough\b", text))  # ("is so warm enough", heard)


def states_not_so(text: str) -> bool:
    """Whether ``text`` denies a degree of how something is ("it's not that cold", "the lamp
    isn't so bright"): how it is, not a wish for less ("I'd rather it wasn't so warm")."""
    return bool(re.search(f"{_STATED_NOT}{_DEGREE}", text)) and not _WISH.search(text)


_SMALL = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, SMALL), key=len, reverse=True)) + r")\b")
"""A small amount ("a bit", "slightly"): a step of a setting, never a switch off."""


_PARTICLES = ("up", "down", "on", "off", "out")
_OBJECT = r"(?:it|them|this|that|things|everything)"
"""What may sit inside a phrasal verb: "warm it up" says "warm up"."""


def _pattern(phrase: str) -> str:
    words = phrase.lower().split()
    if len(words) == 2 and words[1] in _PARTICLES:
        return rf"{re.escape(words[0])}(?:\s+{_OBJECT})?\s+{words[1]}"
    return re.escape(phrase.lower())


@functools.lru_cache(maxsize=4096)
def _compiled(phrase: str) -> tuple[re.Pattern, re.Pattern]:
    """The patterns for ``phrase`` said, and said negated ("not dimmer"; "I don't want it this
    dim", "it doesn't need to be that dim": how it is, said as too much; "I don't want the lamp any
    dimmer"; "not dim enough" asks for more of it)."""
    said = _pattern(phrase)
    negated = rf"(?:\b{_NOT}{said}\b|(?:\bnot\b|n't|\bnever\b).*?\b(?:this|that|so|any)\s+{said}\b)(?!\s+enough\b)"
    return re.compile(rf"\b{said}\b"), re.compile(negated)


def _said(text: str, phrases: list[str]) -> str | None:
    """The longest of ``phrases`` that ``text`` says, and does not negate ("not brighter,
    dimmer" says dimmer); a phrasal verb also with its object inside ("warm it up")."""
    found = []
    for p in phrases:
        first = p.split()[0].lower() if p.strip() else ""
        if first and first in text:  # most phrases are not there: a cheap look first
            said, negated = _compiled(p)
            if said.search(text) and not negated.search(text):
                found.append(p)
    return max(found, key=len) if found else None


UNIT_WORDS = {"%": {"percent"}, "K": {"kelvin"}, "°F": {"degree", "degrees"}}
"""The words that name a setting's unit."""


def _more_units(text: str, unit: str | None) -> tuple[int, str]:
    """ "a couple more degrees", "5 percent less": more (+1) or less (-1) of a setting said in its
    unit, and the words; (0, "") otherwise."""
    said = "|".join(sorted(UNIT_WORDS.get(unit or "", ())))
    if not said:
        return 0, ""
    match = re.search(rf"(?<!\bno\s)(?<!\bnot\s)\b(more|less|fewer)\s+(?:{said})\b(?!\s+(?:up|down|lower|higher)\b)"
                      rf"|\b(?:{said})\s+(more|less|fewer)\b", text)  # ("one more degree down": down)
    if match is None:
        return 0, ""
    return (1 if (match.group(1) or match.group(2)) == "more" else -1), match.group(0)


def _working_states(model: StateModel, key: str) -> list[tuple[int, set[str]]]:
    """The working states ``key`` implies on each side, as the direction of that side and the
    words for the state: [(1, {"heat", "heating"}), (-1, {"cool", "cooling"})] for a setpoint;
    [] for a setting that implies none."""
    implied = model.settings[key].implies_state
    if implied is None:
        return []
    return [(direction, {state, state_word(model, state)})
            for state, direction in ((implied.above, 1), (implied.below, -1))]


def _more_of_state(text: str, model: StateModel, key: str) -> tuple[int, str]:
    """ "two more degrees of cooling", "more heating": the direction of the state the setting
    implies on that side ((-1, "more … cooling") for a setpoint below the room); (0, "")
    otherwise."""
    for direction, state_words in _working_states(model, key):
        for word in state_words:
            more = rf"\bmore\b(?:\s+\w+){{0,3}}?\s+{re.escape(word)}\b"
            refused = re.search(rf"\b(?:no|not|any)\s+{more}", text)
            if refused:  # "no more heat": less of it, never more (stopping it is the states' business)
                return -direction, refused.group(0)
            match = re.search(more, text)
            if match:
                return direction, match.group(0)
    return 0, ""


def _working_state_said(text: str, model: StateModel, key: str) -> tuple[int, str]:
    """The direction of the one working state ``text`` names, by the setting's side of it (+1,
    "heat" for a setpoint above the room; -1, "cool"), not refused ("no heat"); (0, "") when it
    names neither or both."""
    said = [(direction, word) for direction, state_words in _working_states(model, key)
            for word in sorted(state_words)
            if re.search(rf"\b{re.escape(word)}\b", text) and not refusal(text, [word])]
    return said[0] if len({d for d, _ in said}) == 1 else (0, "")


def _more_units_of(text: str, model: StateModel, key: str) -> tuple[int, str]:
    """ "a couple more degrees" (:func:`_more_units`), more of the working state the words name:
    "cool the office two more degrees" asks for less of the setpoint, "heat it 2 degrees less"
    too."""
    more, words = _more_units(text, model.settings[key].unit)
    if not more:
        return 0, ""
    state, verb = _working_state_said(text, model, key)
    return (more * state, f"{verb} … {words}") if state else (more, words)


def units_way(text: str, model: StateModel, key: str) -> int:
    """+1 or -1 when ``text`` asks for units of ``key`` more or less and says no other way
    ("a couple of degrees less": -1; "two more degrees of cooling": -1), else 0."""
    if key not in model.settings or said_direction(text, model, key)[0] == 0:
        return 0
    lang = model.language.settings.get(key)
    if lang is not None and (_said(text, lang.up + lang.raise_) or _said(text, lang.down + lang.lower)):
        return 0
    return _more_units_of(text, model, key)[0]


def says_both_ways(text: str, model: StateModel, key: str) -> bool:
    """Whether ``text`` asks for more and for less of ``key``, negating neither ("brighter
    dimmer")."""
    lang = model.language.settings.get(key)
    return lang is not None and bool(_said(text, lang.up + lang.raise_)) and bool(_said(text, lang.down + lang.lower))


def without_refused_direction(text: str, models: dict[str, StateModel]) -> str:
    """ "the hall light not dimmer, brighter" → "the hall light brighter": a direction the words
    refuse, before the one they ask for, is left out of what the model reads (it read "dimmer").
    Only when the text asks for the other direction of the same setting, or says what it wants
    instead with "just", "only" or "but", or a comparative after a comma ("no brighter, just
    warmer", "not brighter, warmer, the lamp" → "warmer": "no brighter" had been read as
    brighter); otherwise unchanged."""
    for model in models.values():
        for lang in model.language.settings.values():
            for refused, wanted in ((lang.up + lang.raise_, lang.down + lang.lower),
                                    (lang.down + lang.lower, lang.up + lang.raise_)):
                other_way = _said(text, wanted)
                for phrase in sorted(refused, key=len, reverse=True):
                    if not phrase.strip() or phrase.split()[0].lower() not in text:
                        continue
                    refusal = rf"\b{_NOT}{_pattern(phrase)}\b"
                    match = re.search(rf"{refusal}(?:\s*,)?(?:\s+but\b)?(?:\s+rather\b)?", text) if other_way \
                        else re.search(rf"{refusal}\s*(?:,?\s+(?:just|only|but)|,)\s+(?=\w+er\b|just|only|but)", text)
                    if match:
                        return " ".join(f"{text[:match.start()]} {text[match.end():]}".split())
    return text


_REFUSING = re.compile(r"\b(?:not|no|never)\b|n't\b", re.IGNORECASE)


def refused_ways(text: str, models: dict[str, StateModel]) -> tuple[set[str], str]:
    """The ways the words refuse by a setting's comparative ("warmer white, not brighter":
    ``lamp:brightness=up``) or a state's word ("dimmer, not off": ``lamp:state=off``), as
    operations are written, and the text without those refusals."""
    ways: set[str] = set()
    if not _REFUSING.search(text):  # (every refusal below opens with one of these words)
        return ways, text
    for t, model in models.items():
        for state, lang in model.language.states.items():
            for word in dict.fromkeys((state, lang.say)):
                match = re.search(rf"(?:,\s*)?\bnot\s+{re.escape(word)}\b(?!\s+\w)", text, re.IGNORECASE) \
                    if word else None
                if match:  # ("not off" closing the words, not "not off yet, dim it")
                    ways.add(f"{t}:state={state}")
                    text = " ".join(f"{text[:match.start()]} {text[match.end():]}".split())
        for key, lang in model.language.settings.items():
            for phrases, way in ((lang.up, "up"), (lang.down, "down")):
                for phrase in sorted(phrases, key=len, reverse=True):
                    if not phrase.strip() or phrase.split()[0].lower() not in text.lower():
                        continue
                    match = re.search(rf"(?:,\s*)?\b{_NOT}{_pattern(phrase)}\b", text, re.IGNORECASE)
                    if match:
                        ways.add(f"{t}:{key}={way}")
                        text = " ".join(f"{text[:match.start()]} {text[match.end():]}".split())
    return ways, text


_OUT_AS_A_PLACE = re.compile(r"\bon\s+out\s+(?=(?:on|in|at|by|back|front|there)\b)", re.IGNORECASE)


def out_as_a_place(text: str) -> str:
    """ "put a light on out on the porch" → "put a light on on the porch": "out" just after "on"
    says where, not "lights out" (the model had read it as off, and the porch light stayed off)."""
    return _OUT_AS_A_PLACE.sub("on ", text)


_NOT_SO = re.compile(r"\b(\S+\s+)?not\s+(?:quite\s+)?(so|that|as)\s+(\w+)\b(?!\s+as\b)", re.IGNORECASE)
_BEING_WORDS = {"it's", "is", "are", "isn't", "aren't", "it", "that's", "was"}


def comparative_bases(models: dict[str, StateModel]) -> frozenset[str]:
    """The bases of every setting's one-word comparatives ("bright", "warm", "dim")."""
    return frozenset(b for m in models.values() for lang in m.language.settings.values()
                     for c in lang.up + lang.down if (b := base(c)))


def comparative_opposites(models: dict[str, StateModel]) -> dict[str, str]:
    """The base of a setting's one-word comparative → the first one-word comparative of the other
    way ("dim" → "brighter", "warm" → "cooler"), where every setting with that base agrees."""
    found: dict[str, set[str]] = {}
    for model in models.values():
        for lang in model.language.settings.values():
            for same, other in ((lang.up, lang.down), (lang.down, lang.up)):
                opposite = next((p for p in other if " " not in p.strip() and base(p)), None)
                for b in {base(p) for p in same} - {None}:
                    found.setdefault(b, set()).add(opposite)
    return {b: next(iter(words)) for b, words in found.items() if len(words) == 1 and None not in words}


def less_of_more(models: dict[str, StateModel]) -> dict[str, str]:
    """The word of a way said "more W" ("more yellow": the lamp's warmer white) → the first
    one-word comparative of the other way ("whiter"), where every setting with "more W" agrees and
    "less W" is no phrase of its own (as "less light" is)."""
    found: dict[str, set[str | None]] = {}
    for model in models.values():
        for lang in model.language.settings.values():
            for same, other in ((lang.up, lang.down), (lang.down, lang.up)):
                opposite = next((p for p in other if " " not in p.strip()), None)
                for word in _more_words(same):
                    if f"less {word}" not in other:
                        found.setdefault(word, set()).add(opposite)
    return {w: next(iter(words)) for w, words in found.items() if len(words) == 1 and None not in words}


def _more_words(phrases: list[str]) -> set[str]:
    """The W of each two-word phrase "more W" ("more yellow": "yellow")."""
    return {p.split()[1] for p in phrases if len(p.split()) == 2 and p.split()[0] == "more"}


def less_as_the_other_way(text: str, others: dict[str, str]) -> str:
    """ "a little less yellow" → "a little whiter" (``others``: :func:`less_of_more`): less of what
    one way is "more" of is the other way ("less yellow", read for "more yellow", had warmed the
    white)."""
    if not others:
        return text
    pattern = re.compile(rf"\bless\s+({'|'.join(map(re.escape, others))})\b", re.IGNORECASE)
    return pattern.sub(lambda m: others[m.group(1).lower()], text)


def not_so_as_less(text: str, bases: frozenset[str], opposites: dict[str, str], nouns: Collection[str] = ()) -> str:
    """ "not so bright, sofa lamp" → "dimmer, sofa lamp", "not quite so dim" → "brighter": asked
    for (not said of how it is: "it's not so bright in here" complains it is dark), "not so" one
    of the settings' adjectives (``bases``: :func:`comparative_bases`) is the other way
    (``opposites``: :func:`comparative_opposites`;
    "less dim", read for "dim", had dimmed the lamp), or less of it when the settings do not agree
    on one. Unchanged otherwise, for "not as bright as the lamp" (a comparison), and for "not
    that" before a word that is also a device's noun (``nouns``: "not that light, the barn one"
    points at a light)."""

    def less(match: re.Match) -> str:
        before, degree, said = match.group(1) or "", match.group(2).lower(), match.group(3)
        if said.lower() not in bases or before.strip().lower() in _BEING_WORDS or \
                (degree == "that" and said.lower() in nouns):
            return match.group(0)
        return f"{before}{opposites.get(said.lower()) or f'less {said}'}"
    return _NOT_SO.sub(less, text)


_COMPLAINED = (r"(?:\btoo\s+(?:much\s+)?|(?:\bis|\bare|\b(?:it|that|this|everything)'s|\blooks|\bseems|\bfeels)\s+"
               r"(?:a\s+(?:bit|little|tad|touch)\s+|(?:rather|quite|very|so|really|pretty|kind\s+of)\s+)?)")
"""What says a setting's level is the trouble: "too bright", "is a bit dim", "it's rather cold" (not
the possessive "the kitchen's light")."""


def _complaint(text: str, up: list[str], down: list[str], others: Collection[str] = ()) -> tuple[int, str]:
    """ "the heat is too high", "too bright", "the lamp is a bit dim": a complaint about too much
    asks for less, and "too low", "too dim" for more ((-1 or +1, the words); (0, "") when there
    is none; never "not too bright" or "bright enough"). The words are the setting's own
    comparatives and their bases ("higher" → "too high")."""
    for phrases, direction in ((up, -1), (down, 1)):
        for phrase in phrases:
            if " " in phrase.strip() and (not base(phrase.split()[0]) or phrase.split()[0] in others):
                continue  # ("brighter white": "too bright" is the brightness's, ``others``' own word)
            phrase = phrase.split()[0]  # "colder white": "too cold" of a lamp's white is a complaint too
            for word in {phrase, base(phrase)} - {None}:
                match = re.search(rf"{_COMPLAINED}{re.escape(word)}\b(?!\s+enough\b)", text)
                if match and not re.search(rf"\b(?:not|n't)\s+{re.escape(match.group(0).split()[-1])}\b"
                                           rf"|\bnot\s+{re.escape(match.group(0))}", text):
                    return direction, match.group(0)
    return 0, ""


def _made(text: str, comparatives: list[str], names: list[str]) -> str | None:
    """ "make it hot", "make the room warm": asking for the base of a comparative, unless the
    base is a word of the device's ``names`` ("make the ceiling light …" is not "make it light")."""
    named = {w for name in names for w in name.lower().split()}
    for word in comparatives:
        stem = base(word)
        if stem and stem not in named and re.search(rf"\bmake\b(?:\s+\w+){{0,3}}?\s+{re.escape(stem)}\b", text):
            return f"make it {stem}"
    return None


def verb_direction(text: str, model: StateModel, key: str) -> int:
    """+1 when ``text`` opens with the base of one of ``key``'s comparatives for more used as a
    verb ("warm the kitchen"), -1 for one for less ("cool the bedroom"); 0 otherwise."""
    lang = model.language.settings.get(key)
    first = text.split()[:2]
    if lang is None or len(first) < 2 or first[1] not in ("the", "it", "this", "that", "my", "our", "things"):
        return 0
    ways = {way for way, comparatives in ((1, lang.up), (-1, lang.down)) if first[0] in {base(c) for c in comparatives}}
    return ways.pop() if len(ways) == 1 else 0


_MULTIPLE = re.compile(r"\b(half|twice|double)\s+as\s+(\w+)\b(?!\s+as\b)")
"""A level as a multiple of the level now ("half as bright"; not "half as bright as it can be",
which is half of the range)."""
_FACTORS = {"half": 0.5, "twice": 2.0, "double": 2.0}


_MULTIPLYING = re.compile(r"\b(halve|double)\b(?!\s+as\b)|\b(half|double|twice)\s+(?:of\s+)?"
                          r"(?:that|it|this|its|what\s+it\s+is)\b")
_VERB_FACTORS = {"halve": 0.5, "double": 2.0, "half": 0.5, "twice": 2.0}
RULE_WORDS = {"halve", "double"}
"""Words these rules read that no state model says ("halve the lamp")."""


def _multiple(text: str, model: StateModel, key: str) -> tuple[float, str] | None:
    """The factor of ``key`` that ``text`` says as a multiple, and the words, by the bases of the
    setting's comparatives: "half as bright" 0.5, "twice as dim" 0.5, "twice as bright" 2; of a
    level (a percentage) also by a verb: "halve the shed light" 0.5."""
    lang = model.language.settings.get(key)
    match = _MULTIPLE.search(text)
    verb = _MULTIPLYING.search(text) if key in model.settings and model.settings[key].unit == "%" else None
    if lang is not None and match is None and verb is not None:  # ("half that": half of it)
        return _VERB_FACTORS[verb.group(1) or verb.group(2)], verb.group(0)
    if lang is None or match is None:
        return None
    factor = _FACTORS[match.group(1)]
    for phrases, power in ((lang.up, 1), (lang.down, -1)):
        if match.group(2) in {base(p) for p in phrases}:
            return factor ** power, match.group(0)
    return None


def multiple(text: str, model: StateModel, key: str) -> float | None:
    """The factor ``text`` asks ``key`` to be multiplied by ("half as bright": 0.5), or None."""
    said = _multiple(text, model, key)
    return said[0] if said else None


def complained(text: str, model: StateModel, key: str) -> bool:
    """Whether ``text`` complains of ``key``'s level ("too bright", "is a bit dim":
    :func:`_complaint`)."""
    lang = model.language.settings.get(key)
    return lang is not None and bool(_complaint(text, lang.up + lang.raise_, lang.down + lang.lower,
                                                _others_words(model, key))[0])


def _others_words(model: StateModel, key: str) -> set[str]:
    """The one-word comparatives of ``model``'s settings other than ``key``."""
    return {p for k, other in model.language.settings.items() if k != key for p in other.up + other.down
            if " " not in p.strip()}


def said_direction(text: str, model: StateModel, key: str) -> tuple[int, str]:
    """(+1, the words) when ``text`` only asks for more of ``key``, (-1, the words) for less,
    (0, "") when it says neither or both. "Make it hot" asks for more, as "hotter" does (while
    "it's hot" is a complaint, which asks for less: the goals' business)."""
    lang = model.language.settings.get(key)
    if lang is None:
        return 0, ""
    complaint = _complaint(text, lang.up + lang.raise_, lang.down + lang.lower, _others_words(model, key))
    if complaint[0]:
        return complaint
    times = _multiple(text, model, key)
    if times:  # "make it half as bright" asks for less, though "make it bright" asks for more
        return (1 if times[0] > 1 else -1), times[1]
    up = _said(text, lang.up + lang.raise_) or _made(text, lang.up, model.language.names)
    down = _said(text, lang.down + lang.lower) or _made(text, lang.down, model.language.names)
    if not up and not down:
        state = _more_of_state(text, model, key)  # "two more degrees of cooling"
        return state if state[0] or key not in model.settings else _more_units_of(text, model, key)
    if bool(up) == bool(down):
        return 0, ""
    return (1, up or "") if up else (-1, down or "")


EXTREMES = {"max": ["max", "maximum", "highest"], "min": ["min", "minimum", "lowest"]}
"""Words for either end of any setting's range, besides each state model's own phrases."""
FULL = ["to full", "at full", "on full"]
"""The top of a percentage's range said as "full" ("to full", "on full")."""


def said_extreme(text: str, model: StateModel, key: str) -> str | None:
    """ "max" or "min" when ``text`` names that end of ``key``'s range and not the other ("the
    lamp at minimum", "max out the light", "full brightness"), by the state model's words for it
    or a word for any range's end; None otherwise, and for any negated text ("not at the
    minimum" asks for anything but)."""
    lang = model.language.settings.get(key)
    if lang is None or negates(text):
        return None
    top = _full(model, key)
    said = [end for end in EXTREMES if _said(text, _end_phrases(lang, end) + (top if end == "max" else []))]
    return said[0] if len(said) == 1 else None


def own_extreme(text: str, model: StateModel, key: str) -> str | None:
    """:func:`said_extreme` by ``key``'s own words only ("max" is the lamp's brightness's, not
    its white's: "max out the lamp"), and "to full" for a percentage."""
    lang = model.language.settings.get(key)
    if lang is None or negates(text):
        return None
    ends = (("max", [*lang.max, *_full(model, key)]), ("min", lang.min))
    said = [end for end, phrases in ends if _said(text, phrases)]
    return said[0] if len(said) == 1 else None


def _full(model: StateModel, key: str) -> list[str]:
    """:data:`FULL` for a percentage ("tall floor lamp to full"), nothing for other settings."""
    spec = model.settings.get(key)
    return FULL if spec is not None and spec.unit == "%" else []


def _end_phrases(lang, end: str) -> list[str]:
    """The phrases for one end ("max" or "min") of a setting's range: its own and any range's."""
    return [*(lang.max if end == "max" else lang.min), *EXTREMES[end]]


def _refused_end(text: str, model: StateModel, key: str) -> tuple[str, str] | None:
    """The end of ``key``'s range ``text`` says it does not want ("not at the minimum", "the
    lamp shouldn't be at max", "never the lowest"), with the words; None when it refuses none."""
    lang = model.language.settings.get(key)
    if lang is None or not negates(text):
        return None
    for end in EXTREMES:
        said = "|".join(sorted(map(re.escape, _end_phrases(lang, end)), key=len, reverse=True))
        match = re.search(rf"(?:\b(?:not|no|never)\b|n't)\s+(?:(?:be|at|on|to|the|its|it|set|all|way)\s+){{0,3}}"
                          rf"(?:{said})\b", text)
        if match:
            return end, match.group(0)
    return None


def refused_direction(text: str, model: StateModel, key: str) -> tuple[int, str]:
    """(+1, the words) when ``text`` says a way up for ``key`` only refused ("no more light",
    "not brighter") and asks for no way, (-1, …) for a way down; (0, "") otherwise."""
    lang = model.language.settings.get(key)
    if lang is None or said_direction(text, model, key)[0]:
        return 0, ""
    refused = [(way, match.group(0)) for way, phrases in ((1, lang.up + lang.raise_), (-1, lang.down + lang.lower))
               for p in phrases if p.strip() and p.split()[0].lower() in text
               and (match := _compiled(p)[1].search(text))]
    return refused[0] if len({way for way, _ in refused}) == 1 else (0, "")


_NOT_ENOUGH = re.compile(r"(?:\bnot\b|n't)\s+(?:[a-z']+\s+){0,2}?([a-z]+)\s+enough\b"
                         r"|(?:\b(?:is|are|it's|that's)\s+not|\b(?:isn't|aren't))\s+(?!(?:that|so|too|very|as|quite)\b)"
                         r"([a-z]+)(?:\s+at\s+all)?(?:\s+(?:in\s+here|in\s+there|yet|now|anymore))?\s*$")
"""Something said not to be enough ("the lamp isn't bright enough"), or said not to be so at all,
closing the words ("the living room isn't warm": warmer; not "it's not that cold", how it is)."""


def not_enough(text: str, model: StateModel, key: str, first: bool = False) -> int:
    """+1 when ``text`` says the devices are not something of ``key`` enough ("it's not warm
    enough in the office": warmer; "the lamp isn't bright enough"), -1 for the other way
    ("not cool enough"), by the bases of the setting's one-word comparatives (with ``first``,
    of the comparatives that open its longer phrases: the lamp's "warmer white"), and by the word
    of a way said "more W" ("the lamp isn't orange enough": "more orange", its warmer white, had
    made it cooler); 0 otherwise."""
    lang = model.language.settings.get(key)
    match = _NOT_ENOUGH.search(text)
    if lang is None or match is None:
        return 0
    said = match.group(1) or match.group(2)
    up, down = ({base(p.split()[0] if first else p) for p in phrases} | _more_words(phrases)
                for phrases in (lang.up, lang.down))
    return 1 if said in up and said not in down else -1 if said in down and said not in up else 0


def says_state(text: str, model: StateModel, state: str) -> bool:
    """Whether ``text`` says ``state`` by its own words ("off", "switch it off", "turn out the
    light"), not negated: a word that is also another phrase's particle ("max out") is not it."""
    lang = model.language.states.get(state)
    return _said(text, [state, *([lang.say or state, *lang.verbs] if lang else [])]) is not None


def particle_direction(text: str, model: StateModel) -> int:
    """+1 when ``text`` puts "up" right after a noun of ``model``'s type ("left lamp up a
    smidge", "lights down a bit"), -1 for "down"; 0 for neither or both."""
    nouns = "|".join(map(re.escape, sorted(model.language.names, key=len, reverse=True)))
    said = {m.group(1) for m in re.finditer(rf"\b(?:{nouns})s?\s+(up|down)\b", text)}
    return 0 if len(said) != 1 else 1 if said == {"up"} else -1


def _leading(text: str, model: StateModel, key: str) -> str | None:
    """The first word of one of ``key``'s two-word comparatives when ``text`` says it and no
    other setting of the model uses that word: a lamp's "warmer" is its white ("warmer white")."""
    lang = model.language.settings[key]
    others = {w for k, other in model.language.settings.items() if k != key
              for phrase in other.up + other.down + other.raise_ + other.lower for w in phrase.split()}
    for phrase in lang.up + lang.down:
        first, *rest = phrase.split()
        if rest and first not in ("more", "less", "a") and first not in others and \
                re.search(rf"\b{re.escape(first)}\b", text):
            return first
    return None


def leading_direction(text: str, model: StateModel, key: str) -> int:
    """+1 when ``text`` says the first word of one of ``key``'s two-word comparatives of more
    (:func:`_leading`: a lamp's "warmer" of "warmer white" is its white down, -1), and no word of
    the other way; 0 otherwise."""
    lang = model.language.settings.get(key)
    word = _leading(text, model, key) if lang is not None else None
    if word is None:
        return 0
    up = any(p.split()[0] == word for p in lang.up if len(p.split()) > 1)
    down = any(p.split()[0] == word for p in lang.down if len(p.split()) > 1)
    return 0 if up == down else 1 if up else -1


def unasked_setting(text: str, model: StateModel, before: dict[str, Any], after: dict[str, Any]) -> str | None:
    """What is wrong when the words name one setting of the device ("the desk lamp a bit warmer":
    its white) and the change leaves it and moves another (the brightness); None otherwise."""
    said = {key: _said(text, lang.up + lang.down) or _leading(text, model, key)
            for key, lang in model.language.settings.items() if key in model.settings and model.settings[key].numeric}
    said = {k: w for k, w in said.items() if w}
    if len(said) != 1:
        return None
    key, words = next(iter(said.items()))
    moved = [k for k, spec in model.settings.items()
             if spec.numeric and k != key and isinstance(before.get(k), (int, float)) and
             isinstance(after.get(k), (int, float)) and before[k] != after[k]]
    if moved and before.get(key) == after.get(key):
        return f'you said "{words}", but that would change the {model.setting_name(moved[0])} instead'
    return None


def refusal(text: str, words: Collection[str], no_more: bool = False) -> str | None:
    """The words of ``text`` that refuse one of ``words`` ("no heat", "not the cooling", "don't
    heat"; with ``no_more``, also "no more heat"), or None."""
    said = "|".join(map(re.escape, sorted(words)))
    more = r"|more\s+" if no_more else ""
    match = re.search(rf"\b(?:no|not|don't|never)\s+(?:the\s+|any\s+{more})?(?:{said})\b", text)
    return match.group(0) if match else None


def _refused_states(text: str, model: StateModel, no_more: bool = False) -> dict[str, str]:
    """The working states ``text`` refuses ("no heat", "not the cooling", "don't heat"; with
    ``no_more`` also "no more heat", which otherwise asks for less of it) → the words."""
    refused = {state: refusal(text, {state, lang.say or state}, no_more)
               for state, lang in model.language.states.items() if state not in ("on", "off")}
    return {state: words for state, words in refused.items() if words}


def stops_working(text: str, model: StateModel) -> bool:
    """Whether ``text`` refuses a working state of ``model`` ("no more heat", "no cooling", "don't
    heat"): switching it off is what it asks."""
    return bool(_refused_states(text, model, no_more=True))


def _more_of(state: str, model: StateModel, before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether ``before`` → ``after`` gives more of ``state``: switches to it, or moves a setting
    that implies it further its way (a heating setpoint up)."""
    if after.get("state") != state:
        return False
    if before.get("state") != state:
        return True
    for key, spec in model.settings.items():
        old, new, implied = before.get(key), after.get(key), spec.implies_state
        if implied and isinstance(old, (int, float)) and isinstance(new, (int, float)) and new != old:
            if state in (implied.above, implied.below) and (new > old) == (state == implied.above):
                return True
    return False


_WAY_TO = re.compile(r"\b(up|down)\s+to\b")


def _way_to(text: str) -> tuple[int, str]:
    """ "up to 80" (+1, "up to"), "down to 65" (-1): the way a level is reached, said with it;
    (0, "") when neither or both are said."""
    ways = {match.group(1) for match in _WAY_TO.finditer(text)}
    if len(ways) != 1:
        return 0, ""
    way = ways.pop()
    return (1 if way == "up" else -1), f"{way} to"


def contradiction(text: str, model: StateModel, name: str, before: dict[str, Any],
                  after: dict[str, Any], state_asked: bool = False) -> str | None:
    """What is wrong when ``before`` → ``after`` goes against ``text``; None when it agrees.
    ``state_asked``: the plan names the new state ("dim the desk lamp and switch on the
    bedside lamp"), so a lamp that comes on was asked for, not implied by a setting."""
    unasked = unasked_setting(text, model, before, after)
    if unasked:
        return unasked
    for state, words in _refused_states(text, model).items():
        if _more_of(state, model, before, after):  # "No heat to high it." had set the heating to its maximum
            return f'you said "{words}", but that would give {the(name)} more {state}'
    for key, spec in model.settings.items():
        if not spec.numeric:
            continue
        way, words = refused_direction(text, model, key)
        old, new = before.get(key), after.get(key)
        if way and isinstance(old, (int, float)) and isinstance(new, (int, float)) and (new - old) * way > 0:
            return f'you said "{words}", but that would take the {model.setting_name(key)} from {old:g} to {new:g}'
        refused = _refused_end(text, model, key)
        if refused and new != old and new == (spec.max if refused[0] == "max" else spec.min):
            return f'you said "{refused[1]}", but that would set {the(name)} to its {refused[0]}imum'
        direction, words = said_direction(text, model, key)
        if direction == 0:  # "turn the lamp up to 20" at 50%: a level, said as reached going up
            direction, words = _way_to(text)
        if direction == 0 and (direction := particle_direction(text, model)):  # "Bay window lamp up at 25%."
            words = "up" if direction > 0 else "down"  # (heard for "up by 25 percent") at 45%
        if direction == 0 and (direction := said_sign(text)):  # "tall up light minus 20" ("20 less")
            words = "plus" if direction > 0 else "minus"
        if direction == 0:
            continue
        said = f'you said "{words}", but that would'
        if old is not None and new is None and not words.startswith(("no ", "not ", "any ")):
            return f"{said} switch {the(name)} {after.get('state')}"  # ("no more heat" may stop it)
        if old is None and new is not None and direction < 0 and spec.implies_state is None and not state_asked:
            return f"{said} switch {the(name)} {after.get('state')}"  # dimming never lights a lamp
        if isinstance(old, (int, float)) and isinstance(new, (int, float)) and (new - old) * direction < 0:
            return f"{said} take the {model.setting_name(key)} from {old:g} to {new:g}"
        implied = spec.implies_state
        if implied is not None:
            wrong_state = implied.below if direction > 0 else implied.above
            if after.get("state") == wrong_state and before.get("state") != wrong_state:
                return f"{said} switch {the(name)} to {wrong_state}"
    return None


def less_switches_on(change: Change, model: StateModel, name: str, before: dict[str, Any],
                     after: dict[str, Any]) -> str | None:
    """What is wrong when a change asks for less of a setting the device does not have now and
    so would switch it on: "sofa lamp down a notch" said to an off lamp (the words need not say
    "dim": the model read less). None when the state was asked for too, or the setting picks the
    state itself (a thermostat's setpoint: lower than the room means cooling)."""
    if change.state is not None:
        return None
    for key, amount in change.adjust.items():
        spec = model.settings.get(key)
        if amount < 0 and spec is not None and spec.implies_state is None and \
                before.get(key) is None and after.get(key) is not None:
            if after.get("state") == before.get("state"):  # "less orange" said to a lamp showing a colour
                return f"{the(name)} has no {model.setting_name(key)} now, so there is none to lower"
            return f"{the(name)} is {before.get('state')}, and less {model.setting_name(key)} would switch it on"
    return None


def says_small(text: str) -> bool:
    """Whether ``text`` asks for a small amount ("a bit", "a touch", "slightly")."""
    return bool(_SMALL.search(text))


FAR = 0.25
"""The share of a temperature's range beyond which a heard step is asked about (10°F of a
thermostat's 50–90°F)."""


def far_for_a_step(change: Change, model: StateModel) -> bool:
    """Whether ``change`` moves a temperature by more than :data:`FAR` of its range: "the air
    conditioner down 20" (heard) would take the heating from 70°F to 50°F — more likely a
    misheard number than a wish."""
    for key, by in change.adjust.items():
        spec = model.settings.get(key)
        if spec is not None and spec.quantity == "temperature" and spec.min is not None and spec.max is not None \
                and abs(by) > FAR * (spec.max - spec.min):
            return True
    return False


def switched_against(text: str, planned: list[tuple[str, dict[str, Any], dict[str, Any]]]) -> str | None:
    """What is wrong when the words say only "on" and the plan (device, before, after) switches
    a device off and none on, or they say only "off" and it switches one on and none off; None
    otherwise (both said or neither, negated, or the word is another device's: "set the lamp to
    30 and turn off the heat"). Also wrong: a device switched off when the words ask for a small
    amount and never say "off" ("lights in the lounge out a bit", heard for "down a bit") or say it
    of the amount ("Turn the pendant a little off.", heard for "dim the pendant a little"), or the
    top of a range and never "off" ("max out the lamp"), or
    switched from one working state to another for a small amount ("cool it a bit" had switched
    a heating radiator to cooling: a small amount is a step of a setting, not another mode)."""
    said = set(text.split())
    went_off = [name for name, before, after in planned if after.get("state") == "off" != before.get("state")]
    small = _SMALL.search(text)
    if went_off and small and ("off" not in said or re.search(rf"\b{re.escape(small.group(0))}\s+off\b", text)):
        return f'you said "{small.group(0)}", but that would switch {the(went_off[0])} off'
    top = _said(text, [*EXTREMES["max"], *FULL])
    if went_off and top and "off" not in said:  # "max out the lamp" read as off
        return f'you said "{top}", but that would switch {the(went_off[0])} off'
    swapped = [(name, before["state"], after["state"]) for name, before, after in planned
               if before.get("state") not in (None, "off")
               and after.get("state") not in (None, "off", before["state"])]
    if swapped and small:
        name, was, now = swapped[0]
        return f'you said "{small.group(0)}", but that would switch {the(name)} from {was} to {now}'
    if negates(text) or ("on" in said) == ("off" in said):
        return None
    went_on = [(name, after.get("state")) for name, before, after in planned
               if before.get("state") == "off" != after.get("state")]
    if "on" in said and went_off and not went_on:
        return f'you said "on", but that would switch {the(went_off[0])} off'
    if "off" in said and went_on and not went_off:
        return f'you said "off", but that would switch {the(went_on[0][0])} {went_on[0][1]}'
    return None


def one_way_of_two(text: str, changes: list[Change], rooms: list[str], names: Collection[str] = ()) -> bool:
    """Whether ``text`` says both "on" and "off" (negating nothing, sparing nothing; "on" before
    one of ``rooms`` is where: "lights off on the landing", unless the room opens one of
    ``names``: "kids lamp on kitchen spots off") and the ``changes`` only go one way: every one
    switches off, or none does ("So full lamp on and big light off.", heard for "sofa lamp on…",
    only switched the big light off: a clause was lost)."""
    named = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    kept = rf"(?!(?:{named})\b)" if named else ""
    for room in rooms:
        text = re.sub(rf"\bon\s+(?:the\s+)?{kept}{re.escape(room)}\b", room, text)
    said = set(text.split())
    if not {"on", "off"} <= said or negates(text) or said & {"keep", "leave", "left", "stay", "stays"}:
        return False
    offs = [c for c in changes if c.state == "off"]
    return bool(changes) and (len(offs) == len(changes) or not offs)


def out_of_range(change: Change, model: StateModel, units: Units) -> str | None:
    """A number said for a setting that its range does not hold ("set it to 3" on a 50–90°F
    thermostat, often a relative request misread): asked about, never clamped into a change
    nobody asked for."""
    from thoughtful.understanding.explain import to_home_unit

    for key, value in change.set.items():
        spec = model.settings.get(key)
        if spec is None or not spec.numeric or not isinstance(value, (int, float)):
            continue
        if (spec.min is not None and value < spec.min) or (spec.max is not None and value > spec.max):
            return (f"the {model.setting_name(key)} goes from {to_home_unit(spec.min, spec, units)} to "
                    f"{to_home_unit(spec.max, spec, units)}, and {to_home_unit(value, spec, units)} is outside that")
    for key, amount in change.adjust.items():  # "raise it by 70" (for "to 70"): more than the whole range
        spec = model.settings.get(key)
        if spec is None or spec.min is None or spec.max is None or abs(amount) <= spec.max - spec.min:
            continue
        return (f"the {model.setting_name(key)} only goes from {to_home_unit(spec.min, spec, units)} to "
                f"{to_home_unit(spec.max, spec, units)}, so a change that big cannot be meant")
    return None


def how_to(text: str, abilities: frozenset[str] = frozenset()) -> str | None:
    """The request inside a how-to or capability question ("how do I make the lamp blue", "is
    there a way to make the lamp blue" → "make the lamp blue"; "can the lamp go any brighter"
    → "make the lamp brighter"; with ``abilities``, the words of the devices' working states,
    "can the heat pump heat as well" → "make the heat pump heat"), or None when ``text`` is not
    one. Such a question is answered, never carried out. "Can I set the heat to 30?" asks what
    the speaker may do, so it is one; "can you make the lamp brighter" and "can I get the lamp
    on" are requests, not ones."""
    text = text.strip().rstrip("?").strip()
    match = _HOW_TO.match(text)
    if match:
        return match.group(1).strip()
    match = _GO_ANY.match(text)
    if match:
        return " ".join(f"make {match.group(1)} {match.group(2)}{match.group(3)}".split())
    match = _BE_DONE.match(text)
    if match:  # "can the sofa lamp be dimmed": "dim the sofa lamp" (it had been dimmed to 1%)
        return " ".join(f"{_verb_of(match.group(2))} {match.group(1)} {match.group(3)}".split())
    match = _GO_TO.match(text) or (_able(abilities).match(text) if abilities else None)
    return f"make {match.group(1)} {match.group(2)}" if match else None


_BE_DONE = re.compile(r"^(?:can|could)\s+(?!you\b|i\b|we\b|u\b)(.+?)\s+be\s+([a-z]+ed)((?:\s+(?:on|off|up|down))?)$")
"""What can be done to a device asked about: "can the sofa lamp be dimmed?", "can the heater be
turned down?"."""


def _verb_of(participle: str) -> str:
    """The verb of a regular past participle: "dimmed" → "dim", "lowered" → "lower", "raised" →
    "raise", "heated" → "heat"."""
    stem = participle[:-2]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
        return stem[:-1]
    return stem + "e" if stem.endswith(("s", "c", "v", "z", "u", "g")) else stem


@functools.lru_cache(maxsize=8)
def _able(abilities: frozenset[str]) -> re.Pattern[str]:
    """A device's working state asked about as what it can do: "can the mini split heat as
    well?", "does the heat pump cool too?" (not "can you heat the den": that is a request)."""
    said = "|".join(map(re.escape, sorted(abilities, key=len, reverse=True)))
    return re.compile(rf"^(?:can|could|does|do)\s+(?!you\b|i\b|we\b|u\b)(.+?)\s+({said})"
                      rf"(?:\s+(?:as\s+well|too|also|at\s+all))?$")
