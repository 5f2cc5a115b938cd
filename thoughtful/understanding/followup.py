"""Follow-ups that lean on the previous turn.

Three shapes, recognised by structure, not by phrase lists of whole sentences:

- **Ellipsis**: an utterance that is nothing but a device or a room, with a few linking words
  ("and the bedroom too", "same for the kitchen", "the desk lamp" after "Which lamp do you
  mean?"): the previous request, on the new device or room.
- **Correction**: a reply opened by a correction word ("no, warmer", "actually dimmer"): the
  rest of it, understood about the device the previous request was about, when it names none.
  One that names another device ("no, the desk lamp", "I meant the other one") says the last
  change went to the wrong one (:func:`the_other`, ``Interpreter._swapped``).
- **A reason asked of nothing named** ("why?", "what was that for?"): why the last change was
  made (:func:`asks_why_of_the_last`).
- **An overshoot of nothing named** ("too much", "that's too far"): one step of the last change
  back (:func:`overshot`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Collection

CONTEXT = timedelta(minutes=5)
"""How long what was said and done stays something a follow-up can lean on: a "yes" hours after
"Did you want…?", or "undo that" the next morning, would replay a request nobody is making."""

LINKING = set("""and the a too also as well same for thing do match please in here there with what about now one ones
again then that it to how of my our over goes applies all both whole every lot 1 them those these
thanks thank you ok okay great perfect lovely cheers""".split())
"""Words an elliptical follow-up may use besides the device or room it names ("thanks, now the
garage")."""

_MAKING = {"make", "set", "have", "get", "put"}
"""Verbs an ellipsis may open with when it says "match" or "the same": "make the desk lamp match"."""

CORRECTIONS = ("nope", "nah", "actually", "i mean", "i meant", "i said", "i asked for", "i wanted", "sorry", "wait",
               "oops", "not that", "not those", "rather", "swap that for", "swap it for", "swap that with",
               "swap it with")
"""A correction's openings besides "no"."""
_CORRECTION = re.compile(rf"^(?:no(?!\s+(?:more|longer|need|changes?)\b|\s+\w+\s+than\s+\d)|{'|'.join(CORRECTIONS)})\b"
                         r"[\s,]*(?:no\b[\s,]*)?(.+)$")
"""A correction's opening ("no, warmer"); "no more heat" is a request of its own, not "more heat", and
"no warmer than 75" a limit, not "warmer"."""


def is_ellipsis(masked: str, type_nouns: set[str], verbs: Collection[str] = ()) -> bool:
    """Whether ``masked`` (names and rooms taken out, device names replaced by their type word)
    holds only linking words and type words: all that is left of "and the bedroom too". With
    "match" or "the same", a verb too ("make the desk lamp match"), or one of ``verbs`` (working
    states: "heat the kids' room to the same")."""
    words = masked.split()
    linking = LINKING | _MAKING | set(verbs) if set(words) & {"match", "same"} else LINKING
    return bool(words) and all(w in linking or w.rstrip("s") in type_nouns or w in type_nouns for w in words)


_REASON = re.compile(r"^(?:why|how come|what (?:was|is|did you do) (?:that|this|it) for"
                     r"|what(?:'s| is| was) the reason"
                     r"|what (?:did|have) you (?:just )?(?:do|done|change|changed|set)"
                     r"|who (?:did|changed|turned|switched|set)"
                     r"|(?:by )?how much (?:did|has|was)|by how much"
                     r"|(?:what|where) (?:was|were|had) (?:it|that|they)(?: set(?: to| at)?| at)?"
                     r" (?:before|earlier)|what did (?:it|that|they) (?:say|read|show) (?:before|earlier)"
                     r"|what did (?:it|that|they) used to be)\b")
_OF_THE_LAST = set("""why how come what was is did you do that this it for just the reason so but and then
happen happened change changed have done set to who turned switched off on by much go went move moved
up down where were had they before earlier at say read show used be""".split())
"""The words of a reason, or of what was done, asked of nothing named: "why?", "how come?", "what
was that for?", "what did you just change?", "what did you set it to?", "who did that?", "by how
much?", "what was it before?", "what did it say before?", "what did it used to be?"."""


def asks_why_of_the_last(text: str) -> bool:
    """Whether ``text`` asks only the reason for what was just done, or what it was ("why?",
    "how come?", "what was that for?", "what did you set it to?"), naming nothing ("why is it so
    cold?" is about the heating): the answer says both."""
    return bool(_REASON.match(text)) and set(re.findall(r"[a-z']+", text)) <= _OF_THE_LAST


_OVERSHOOT = re.compile(r"\btoo\s+(?:much|far)\b|\bover(?:did|done|shot|doing)\b|\bnot\s+(?:that|so)\s+(?:much|far)\b"
                        r"|\ba\s+(?:bit|little|tad)\s+much\b")
OVERSHOOT_WORDS = set("""too much far that's that it's it was is way a bit little now just you went gone go
overdid overdone overshot overdoing a tad oh oops whoa not so less""".split())
"""The words of an overshoot of nothing named: "too much", "whoa, that's way too far", "not that
much"."""


def overshot(text: str) -> bool:
    """Whether ``text`` says only that the last change went too far ("too much", "you overdid
    it"), naming nothing ("too much light" is a complaint about the light)."""
    return bool(_OVERSHOOT.search(text)) and set(re.findall(r"[a-z']+", text)) <= OVERSHOOT_WORDS


_SHORT = re.compile(r"\bnot\s+(?:quite\s+|nearly\s+|far\s+)?enough\b|\bnot\s+(?:there\s+)?yet\b")
SHORT_WORDS = set("""not quite nearly far enough there yet that's that it's it was is still oh hmm um just now
""".split())
"""The words of a change said to fall short, naming nothing: "that's not enough", "still not
enough", "not there yet"."""


def fell_short(text: str) -> bool:
    """Whether ``text`` says only that the last change did not go far enough ("not enough light"
    is a complaint about the light)."""
    return bool(_SHORT.search(text)) and set(re.findall(r"[a-z']+", text)) <= SHORT_WORDS


_OTHER = re.compile(r"\b(?:the\s+|that\s+)?(?:other|wrong)\s+([a-z0-9]+)\b")
SWAPPING = {"no", "not", "nope", "i", "meant", "mean", "sorry", "actually", "oops", "wrong", "other", "it's", "was",
            "is", "you", "did", "changed"}
"""Words besides linking ones of "no, not that one, the other one", "you did the wrong lamp"."""
BOTH = {"too", "also", "both", "well", "and"}
"""Words that add a device rather than swap one: "no, the desk lamp too"."""


@dataclass
class Other:
    """ "the other lamp", "the wrong one" in an utterance: where it is said, and the devices it
    can mean (of the type its noun says, or of the type just talked about, but not that device)."""
    start: int
    end: int
    meant: list[str]
    alone: bool
    """Nothing else is said ("no, the other one", "wrong lamp"): the last change went to the
    wrong device. Else it is part of a request ("make the other lamp brighter")."""


def says_other(text: str) -> bool:
    """Whether ``text`` says "the other …" or "wrong …" at all (cheap: before :func:`the_other`)."""
    return bool(_OTHER.search(text))


def the_other(text: str, last: list[tuple[str, str]], devices: dict[str, str], nouns: dict[str, str],
              rooms: dict[str, str] | None = None) -> Other | None:
    """:class:`Other` for "the other …" or "wrong …" in ``text``; None when it says no such thing.
    ``last``: the (name, type) of the devices talked about or changed last; ``devices``: every
    device's type by name; ``nouns``: type nouns ("lamp" → "lamp"); ``rooms``: every device's
    room by name — the others in the room of the last ones come first ("the other one" after the
    left lamp is the right lamp beside it, not the closet light), then those whose names share a
    word besides a type's noun with the last ones' ("the other one" after the sconce is the
    bedroom sconce, not the den lamp)."""
    match = _OTHER.search(text)
    if not match:
        return None
    word = match.group(1)
    said = nouns.get(word) or nouns.get(word.rstrip("s"))
    heads = {name.split()[-1] for name, _ in last}  # "the other lantern" after the lantern: a word of its name
    head = None if said else word if word in heads else word.rstrip("s") if word.rstrip("s") in heads else None
    if word not in ("one", "1", "ones") and said is None and head is None:
        return None  # "the other way", "the wrong direction"
    types = {said} if said else {t for _, t in last}
    before = {name for name, _ in last}
    meant = [name for name, t in devices.items() if t in types and name not in before
             and (head is None or head in name.split())]
    if rooms:
        near = {rooms.get(b) for b in before}
        meant = [name for name in meant if rooms.get(name) in near] or meant
    if len(meant) > 1:  # "the other one" after the sconce: the bedroom sconce, not the den lamp
        named_before = {w for b in before for w in b.split()} - set(nouns)
        meant = [name for name in meant if set(name.split()) & named_before] or meant
    alone = set(_OTHER.sub(" ", text).split()) <= LINKING | SWAPPING
    return Other(match.start(), match.end(), meant, alone)


_ONE_OF = re.compile(r"\b(?!(?:the|a|an|this|that|other|wrong|which|each|every|no|any|another|more|same|last|"
                     r"first|right|1|up|down|by|to|at|plus|minus|than|and|or|of|just|only|hmm|um|uh|er|ok|okay|"
                     r"so|yeah|oh|well|now|then)\b)([a-z']+)\s+(?:one|1)\b"
                     r"(?!\s+(?:degrees?|percent|%|more|less|notch|step|back))")
"""A word that says which, then "one" ("the garden one"; not "that one", "the other one", nor the
number of "back up one", "lower by one degree", "hmm, one back up")."""


def one_as(text: str, noun: str) -> str:
    """``text`` with "one" (normalized: "1") after a word that says which, as ``noun`` ("the
    garden one" → "the garden lamp", after a lamp was changed); "that one", "the other one" stay
    as they are. For text that names no device ("lamp 1" is a name)."""
    return _ONE_OF.sub(rf"\1 {noun}", text)


_NEGATION = re.compile(r"\b(?:not|no|never|don't)\b|n't\b")
"""A negation (as :func:`safety.negates` reads one; safety's module imports this one's, through
vocabulary)."""


def correction(text: str) -> str | None:
    """What a correction says instead ("no, warmer" → "warmer", "the daylight one instead" → "the
    daylight one"), or None when ``text`` is not one. A bare "no" or "no thanks" is not a
    correction but an answer."""
    match = _CORRECTION.match(text.strip())
    if not match:
        # a thing named instead, "the daylight one instead" (not "make it 3 instead", nor "don't …, the X instead")
        instead = re.match(r"^((?:the|my)\s.+?)[\s,]+instead[\s.!]*$", text.strip())
        return instead.group(1).strip(" ,.") if instead and not _NEGATION.search(instead.group(1)) else None
    rest = match.group(1).strip(" ,.")
    return rest if rest and rest not in {"thanks", "thank you", "don't", "stop", "never mind"} else None


def lately(at: datetime | None, now: datetime) -> bool:
    """Whether something at ``at`` (None: not known, taken as lately) is within :data:`CONTEXT`
    before ``now``; times with and without a zone compare as local times."""
    if at is None:
        return True
    at, now = (t.astimezone().replace(tzinfo=None) if t.tzinfo else t for t in (at, now))
    return now - at <= CONTEXT
