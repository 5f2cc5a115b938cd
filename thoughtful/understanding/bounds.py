"""A limit said for a setting rather than a value: "I don't want the heat above 68", "keep the
lamp under 40 percent", "no warmer than 21", "at most 70".

A limit changes a device only when its setting is past it, and then only as far as the limit
(70°F with "not above 68" becomes 68°F; 66°F stays); a setting already inside it is left as it
is and said to be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thoughtful.understanding.numbers import Number, find_numbers, tokens

_UPPER = r"above|over|higher|more|hotter|warmer|brighter|exceed|exceeds|exceeding"
_LOWER = r"below|under|lower|less|colder|cooler|dimmer"
_LIMIT = re.compile(
    rf"(?:\bnot|n't|\bnever)\s+(?:[a-z']+\s+){{0,5}}?(?:(?P<neg_up>{_UPPER})|(?P<neg_down>{_LOWER}))\b"
    rf"|\bno\s+(?:(?P<no_up>higher|more|hotter|warmer|brighter)|(?P<no_down>lower|less|colder|cooler|dimmer))\s+than\b"
    rf"|\bat\s+(?:(?P<at_up>most)|(?P<at_down>least))\b"
    rf"|\bkeep\s+(?:[a-z']+\s+){{0,4}}?(?:(?P<keep_up>below|under)|(?P<keep_down>above|over))\b")


@dataclass(frozen=True)
class Limit:
    """A limit said: the number, and whether it is the most (``upper``) or the least a setting
    may be; ``words`` as said."""

    number: Number
    upper: bool
    words: str


def said_limit(text: str) -> Limit | None:
    """The one limit ``text`` (normalized) says, with the one number said after it; None for
    none, or a number said as a change ("not more than 2 degrees warmer" is no limit here)."""
    match = _LIMIT.search(text)
    if match is None:
        return None
    numbers = find_numbers(text)
    if len(numbers) != 1 or numbers[0].relative or numbers[0].position < len(tokens(text[:match.end()])):
        return None  # (a number before the limit's words is no limit: "70 is at least warm")
    upper = any(match.group(g) for g in ("neg_up", "no_up", "at_up", "keep_up"))
    return Limit(numbers[0], upper, match.group(0))
