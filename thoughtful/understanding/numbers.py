"""Spoken numbers: "seventy two" → 72, the numbers an utterance carries, with units, and numbers
as a recognizer garbles them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ONES = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
         "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
         "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)?|[^\sa-z\d]+")
HEARD_TWO = re.compile(r"\b(?:to|too)\s+(degrees?|percent|%)", re.IGNORECASE)
HEARD_TENS = re.compile(r"\b([2-9])(?:t|[a-z]([1-9]))\b", re.IGNORECASE)
HEARD_TENS_AS_D = re.compile(r"\b(to|at)\s+([2-9])\s?d\b", re.IGNORECASE)
""" "to 4D", "at 4 d": "forty" as a level (not "in 3D")."""
HEARD_TO_PART = re.compile(r"\b(?:two|2)\s+(quarter|third)\b(?!s)", re.IGNORECASE)


def heard_numbers(text: str) -> str:
    """Numbers as the recognizer garbles them, as they were said: "up to degrees" → "up 2
    degrees" (typed, a unit without its number is asked about instead), "7j2" → "72", "7T" →
    "70", "to 4D" → "to 40" (Whisper's "seventy-two", "seventy", "forty"), "two quarter" → "to a
    quarter" (two of them would be "two quarters")."""
    text = HEARD_TO_PART.sub(r"to a \1", HEARD_TWO.sub(r"2 \1", text))
    text = HEARD_TENS_AS_D.sub(r"\1 \g<2>0", text)
    return HEARD_TENS.sub(lambda m: m.group(1) + (m.group(2) or "0"), text)


def words_to_digits(text: str) -> str:
    """Rewrite number words as digits: "set it to sixty five percent" → "set it to 65 percent"."""
    tokens = text.split()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        value, used = _parse_number(tokens, i)
        if used:
            out.append(_fmt(value))
            i += used
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _parse_number(tokens: list[str], i: int) -> tuple[float, int]:
    """Parse a spoken number starting at ``tokens[i]``; return (value, tokens used)."""
    j, total, seen = i, 0.0, False
    if j < len(tokens) and tokens[j] in ("a", "one") and j + 1 < len(tokens) and tokens[j + 1] == "hundred":
        total, j, seen = 100, j + 2, True
    elif j < len(tokens) and tokens[j] in _ONES and j + 1 < len(tokens) and tokens[j + 1] == "hundred":
        total, j, seen = _ONES[tokens[j]] * 100, j + 2, True
    if seen and j < len(tokens) and tokens[j] == "and":
        if j + 1 < len(tokens) and (tokens[j + 1] in _ONES or tokens[j + 1] in _TENS):
            j += 1
    if j < len(tokens) and tokens[j] in _TENS:
        total += _TENS[tokens[j]]
        j, seen = j + 1, True
        if j < len(tokens) and tokens[j] in _ONES and 0 < _ONES[tokens[j]] < 10:
            total += _ONES[tokens[j]]
            j += 1
    elif j < len(tokens) and tokens[j] in _ONES and tokens[j] != "oh":
        total += _ONES[tokens[j]]
        j, seen = j + 1, True
    if not seen:
        return 0, 0
    if j + 1 < len(tokens) and tokens[j] == "point" and tokens[j + 1] in _ONES:
        total += _ONES[tokens[j + 1]] / 10
        j += 2
    return total, j - i


@dataclass(frozen=True)
class Number:
    value: float
    position: int
    """Index of the number among the utterance's words."""
    unit: str | None
    """``percent``, ``degrees`` or ``kelvin`` when the utterance says so."""
    relative: bool
    """ "by 3", "3 degrees warmer", "3 more": a change rather than a target."""
    after_to: bool = False
    """Said after "to", "at"…: where to go ("up to 75"), not how far ("up 5")."""
    scale: str | None = None
    """``F`` or ``C`` when the utterance names the temperature scale ("68 fahrenheit" in a °C
    home); None: the home's."""


_UNITS = {"percent": "percent", "%": "percent", "per": "percent", "degrees": "degrees",
          "degree": "degrees", "°": "degrees", "°f": "degrees", "°c": "degrees", "kelvin": "kelvin", "k": "kelvin",
          "fahrenheit": "degrees", "celsius": "degrees", "centigrade": "degrees"}
def unit_named(word: str) -> str | None:
    """The unit ``word`` names, as :class:`Number` gives it ("degree" → "degrees", "%" →
    "percent"); None for any other word."""
    return _UNITS.get(word)


_SCALES = {"°f": "F", "fahrenheit": "F", "°c": "C", "celsius": "C", "centigrade": "C"}
_TARGET_BEFORE = {"to", "at", "until", "till", "is"}
_RELATIVE_BEFORE = {"by", "up", "down", "plus", "minus", "another", "extra"}
"""Words before a number that make it a change: "up 10", "another 10 percent", "an extra 5"."""
AMOUNT_TERMS = {"plus", "minus", "point", "points"}
"""Words of amounts these rules read that no state model says ("thermostat plus 2", "ten points
brighter"): known words, so a transcript of them is not confirmed for an unknown word."""
_POINTS = {"points", "pts"}
_RELATIVE_AFTER = {"more", "less", "warmer", "cooler", "colder", "hotter", "higher", "lower",
                   "up", "down", "brighter", "dimmer", "darker", "extra", "fewer"}


_TAKEN_OFF = re.compile(r"\b(degrees?|percent|per\s+cent|%)\s+off\b", re.IGNORECASE)
_AMOUNT_TAKEN_OFF = re.compile(rf"\b((?:take|knock|shave)\s+(?:\d+(?:\.\d+)?|{'|'.join(_ONES | _TENS)})"
                               rf"(?:\s+(?:{'|'.join(_ONES)}))?)\s+off\b", re.IGNORECASE)


_AMOUNT = rf"(?:\d+(?:\.\d+)?|{'|'.join(_ONES | _TENS)})(?:\s+(?:{'|'.join(_ONES)}))?"
_ADDED = re.compile(rf"\badd\s+(?:another\s+|an?\s+extra\s+)?((?:an?|{_AMOUNT})"
                    rf"(?:\s*%|\s+(?:degrees?|percent|per\s+cent))?)\s+(?:more\s+)?(?:to|on(?:to)?)\b", re.IGNORECASE)
_KNOCKED_BACK = re.compile(rf"\b((?:knock|dial|pull|cut|scale|wind|ease)(?:ing|ed|s)?\s+(?:\w+\s+){{1,4}}?)back"
                           rf"(\s+(?:by\s+)?(?:{_AMOUNT}|a\s+(?:bit|little|touch|tad|notch)))\b", re.IGNORECASE)


_HALVED = re.compile(r"\b(?:halve\s+((?:it|them|that|this|(?:the|my|our)\s+[a-z0-9' ]+?))|half\s+(it|them|that|this))"
                     r"(?=\s*(?:$|[,.!?;]|\s+(?:and|then|please|now)\b))", re.IGNORECASE)
"""A level halved: "halve the porch lamp", and heard, "half it" ("half the lights are on" is none)."""


def taken_off(text: str) -> str:
    """An amount said taken off ("knock 5 degrees off the heat pump", "take 10 percent off the
    lamp", "take twenty off the bunk light"), knocked back ("knock the lamp back 15"), added
    ("add five percent to the lamp") or halved ("halve it": "turn it down by half") said as the
    change it is: down or up by it, never a level of it, nor a switch off."""
    text = _HALVED.sub(lambda m: f"turn {m.group(1) or m.group(2)} down by half", _KNOCKED_BACK.sub(r"\1down\2", text))
    text = _ADDED.sub(r"up \1 on", text)
    return _AMOUNT_TAKEN_OFF.sub(r"\1 down", _TAKEN_OFF.sub(r"\1 down", text))


_EITHER = re.compile(r"(?<!\bto\s)(?<!\bat\s)\b(an?|one|\d+(?:\.\d+)?|two|three|four|five)"
                     r"(\s+(?:degrees?|percent|notch|step))?\s+or\s+(?:so|\d+(?:\.\d+)?|two|three|four|five|six|ten)\b"
                     r"(?!\s*(?:am|pm|o'clock))", re.IGNORECASE)


def first_of_either(text: str) -> str:
    """An amount said as one or another ("a degree or two", "2 or 3 degrees", "five or so") said
    as its first, the smaller step: "a degree", "2 degrees", "five". Not a level ("to 70 or 72")."""
    return _EITHER.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}", text)


_SIGN = re.compile(r"(?:(?<=\s)|^)([+-])\s?(?=\d)")


def signs_spelled(text: str) -> str:
    """A sign written before a number ("thermostat +2", "lamp -10%") said as the word it stands
    for, "plus 2", "minus 10%": a change of that much (the model's text keeps no signs)."""
    return _SIGN.sub(lambda m: "plus " if m.group(1) == "+" else "minus ", text)


_PLUS_MINUS = re.compile(r"\b(plus|minus)\s+\d")


def said_sign(text: str) -> int:
    """+1 for an amount said with "plus" ("thermostat plus 2"), -1 with "minus" ("desk light
    minus 20"); 0 otherwise."""
    match = _PLUS_MINUS.search(text)
    return 0 if match is None else 1 if match.group(1) == "plus" else -1


_FRACTIONS = {"half": "50 percent", "halfway": "50 percent", "quarter": "25 percent"}
"""'lights to half': a fraction of the range, said as a percentage."""


_PARTS = {"quarter": 25, "third": 100 / 3, "fifth": 20, "tenth": 10}


def _fraction(match: re.Match) -> str:
    count = int(match.group(3)) if match.group(3) else 1
    return f"{round(count * _PARTS[match.group(2) or match.group(4)])} percent"


_PRONOUN_ONE = re.compile(r"\b((?:the|this|that|which|other|each|every)\s+(?:[a-z']+\s+)?)(?:one|1)\b"
                          r"(?!\.\d|\s+(?:degrees?|percent|%|notch(?:es)?|steps?|more|less|bit|point|and|or|"
                          r"hundred|of)\b)")
""" "the dining one", "which one", "the other one" (normalized, "the dining 1"): a pronoun, no
number ("dim the dining one" had dimmed the pendant by 1)."""


def tokens(text: str) -> list[str]:
    """The words :class:`Number` positions count in ("half" counts as 50 percent, and "half as
    bright as it can be" too, "three quarters" as 75 percent, "a degree" as 1 degree, "half a
    degree" as 0.5, "one and a half" and "a degree and a half" as 1.5, "a couple of degrees" as 2
    degrees, "a few degrees" as 3; "one" of "the dining one" is no number)."""
    text = _PRONOUN_ONE.sub(r"\1one_", text)
    text = re.sub(r"\b(?:a )?couple(?: of)?\b", "2", text)  # "a couple of degrees"
    text = re.sub(r"\ba few (?=(?:more )?(?:degrees?|percent)\b)", "3 ", text)  # "a few more degrees"
    # "half as bright as it can be": half of the range, said as a percentage
    text = re.sub(r"\bhalf (?=as \w+ as (?:it can be|it can go|it goes|it gets|possible)\b)", "50 percent ", text)
    text = re.sub(r"\b(?:a )?half (?:of )?(?:a )?degree\b", "0.5 degrees", text)  # "by half a degree"
    text = re.sub(r"\banother (degree|percent)\b", r"another 1 \1", text)  # "cool it another degree"
    text = words_to_digits(re.sub(r"\b(?:a|an) (degree|percent)\b", r"1 \1", text.replace("%", " %")))
    # "one and a half", "a degree and a half"
    text = re.sub(r"\b(\d+)( degrees?| percent)? and a half\b",
                  lambda m: f"{int(m.group(1)) + 0.5:g}{m.group(2) or ''}", text)
    words = re.sub(r"\b(a|an|1) (quarter|third|fifth|tenth)\b|\b([2-9]) (quarter|third|fifth|tenth)s\b", _fraction,
                   text).split()
    return " ".join(_FRACTIONS.get(w, w) if w in _FRACTIONS and (i == len(words) - 1 or words[i + 1] in
                                                                ("way", "brightness", "power", "please"))
                    and words[i + 1:i + 3] != ["way", "back"]  # "half way back": of the last change
                    else "one" if w == "one_" else w for i, w in enumerate(words)).split()


def find_numbers(text: str) -> list[Number]:
    """Numbers in ``text`` (already lower-case, digits or words), with unit and relative hints."""
    words = tokens(text)
    found = []
    for i, word in enumerate(words):
        match = re.fullmatch(r"(\d+(?:\.\d+)?)(%|°[fc]?|k)?", word)
        if not match:
            continue
        unit = _UNITS.get(match.group(2) or "")
        after = words[i + 1] if i + 1 < len(words) else ""
        if unit is None and after in _UNITS:
            unit = _UNITS[after]
        # "3 degrees warmer", "20 points dimmer" (a percentage's points, said of no unit)
        nxt = words[i + 2] if i + 2 < len(words) and (unit and after in _UNITS or after in _POINTS) else after
        before = words[i - 1] if i else ""
        relative = before in _RELATIVE_BEFORE or nxt in _RELATIVE_AFTER
        scale = next((_SCALES[w] for w in [match.group(2) or "", *words[i + 1:i + 3]] if w in _SCALES), None)
        found.append(Number(float(match.group(1)), i, unit, relative, before in _TARGET_BEFORE, scale))
    return found
