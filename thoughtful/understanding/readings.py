"""Which of the recognizer's readings of one utterance to interpret.

Whisper's beam (and the reading held to the home's words) gives several transcripts of the same
speech. The first is interpreted unless:

- it has a word nobody here says ("set the ramp to 40%") and every other reading made only of
  known words says the same thing ("set the lamp to 40%"): that reading is taken; when they
  disagree ("… to 72", "… to 70") the first stays, and with its unknown word it is confirmed;
  and when the model is sure the first asks for nothing these devices do ("Call home."), it
  stays, whatever the others say ("Cold home.");
- the model is unsure of the command it reads and far surer (by :data:`SURER`) of another
  reading's ("Blower the sofa lamp by 5%" → "Lower the sofa lamp by 5%"): that one is taken,
  unless the first reading's own words say what the model was unsure of and the other asks for
  something else ("Turn up the lamp" beside "Turn off the lamp"): then it is confirmed;
- another reading is a question ("Well, the lowest I can set the thermostat too" / "What a
  lowest I can set the thermostat to") or a how-to question: the command is only confirmed,
  never carried out; a first reading that is a how-to question is answered as it is.

A surer reading is never taken when it is the first with its last words lost ("Dining light, 25
percent," behind "Dining light, 25 percent, warmer.": the lost word made a change a level), and
only confirmed when it says a number where the first heard words ("The study light 20." behind
"The study light study.": the number is the beam's guess; "Big lamp to 40." behind "Big lamp to 4
d." re-reads a number heard).

Another reading counts only when it is about the same things: the same devices when the first
names some, and "all" only when the first says it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from thoughtful.state.home import Home
from thoughtful.understanding.numbers import find_numbers
from thoughtful.understanding.resolve import Mentions, Resolver
from thoughtful.understanding.runtime import Prediction
from thoughtful.understanding.text import normalize

SURER = 0.3
"""How much surer of its operation the model must be for another of the recognizer's readings to
be taken instead of the first (measured on the spoken benchmark's recordings)."""


@dataclass(frozen=True)
class Choice:
    text: str | None = None
    """The reading to interpret instead of the first; None: the first."""
    doubtful: bool = False
    """The readings disagree on what sort of request this is: confirm, do not act."""


class Readings:
    def __init__(self, resolver: Resolver, predict: Callable[[Mentions, Home], Prediction],
                 unknown_words: Callable[[str, Home], list[str]], words_say: Callable[[str, str], bool],
                 how_to: Callable[[str], str | None], confidence: float) -> None:
        """``predict``, ``unknown_words``, ``words_say`` (whether a text's words ask for an
        operation) and ``how_to`` (the request inside a how-to question) are the interpreter's;
        ``confidence`` the kind probability below which a reading is not a sure command or
        question."""
        self.resolver = resolver
        self.predict = predict
        self.unknown_words = unknown_words
        self.words_say = words_say
        self.how_to = how_to
        self.confidence = confidence

    def choose(self, first: str, alternatives: list[str], home: Home) -> Choice:
        if self.how_to(normalize(first)):
            return Choice()  # "How would I make the lamp warmer?" is answered, whatever "Would I…" reads as
        about_first = self._about(first, home)
        others = [(text, self._about(text, home)) for text in alternatives if not self.unknown_words(text, home)]
        others = [(text, found) for text, found in others if self._same_things(about_first, found)]
        if self.unknown_words(first, home):
            if self._out_of_scope(about_first, home):
                return Choice()  # "Call home." is nothing for these devices; its beam's "Cold home." is
            readable = {normalize(text): text for text, _ in others}
            return Choice(next(iter(readable.values()))) if len(readable) == 1 else Choice()
        sure_first = self._sureness(about_first, home)
        if sure_first is None:
            return Choice()
        if any(self._asks(found, home) for _, found in others):
            return Choice(doubtful=True)
        surer = ((s, t, found) for t, found in others if (s := self._sureness(found, home)) is not None)
        sure, text, about = max(surer, key=lambda candidate: candidate[:2], default=(0.0, "", None))
        said, said_first = normalize(text), normalize(first)
        if sure < sure_first + SURER or _cut_short(said, said_first):
            return Choice()
        if len(find_numbers(said)) > len(find_numbers(said_first)):
            return Choice(doubtful=True)
        meant = self.predict(about_first, home).best[0]
        if self.words_say(meant, about_first.masked) and meant not in self.predict(about, home).ops:
            return Choice(doubtful=True)  # "Turn up the lamp" beside a surer "Turn off the lamp"
        return Choice(text)

    def _about(self, text: str, home: Home) -> Mentions:
        return self.resolver.mentions(normalize(text), home)

    @staticmethod
    def _same_things(first: Mentions, other: Mentions) -> bool:
        """Whether another reading is about what the first is: the same devices when the first
        names some (a lost name may come back: "Set the ramp…" → "Set the lamp…"), and "all"
        only when the first says it too ("Whole light bulb…" for "Hope light bulb…" would be
        every lamp). A device left out is named as well ("Turn everything off accept the
        thermostat." beside "…except the thermostat")."""
        if other.everything and not first.everything:
            return False
        named = lambda found: {*found.devices, *found.excluded}  # "…except the thermostat" names it too
        return named(first) <= named(other) if not first.devices else named(other) == named(first)

    def _asks(self, found: Mentions, home: Home) -> bool:
        """Whether a reading is a how-to question, or the model is sure it is a question."""
        if self.how_to(found.masked):
            return True
        prediction = self.predict(found, home)
        return prediction.kind == "question" and prediction.confidence >= self.confidence

    def _out_of_scope(self, found: Mentions, home: Home) -> bool:
        """Whether the model is sure the words ask for nothing these devices do."""
        prediction = self.predict(found, home)
        return prediction.kind == "out_of_scope" and prediction.confidence >= self.confidence

    def _sureness(self, found: Mentions, home: Home) -> float | None:
        """How sure the model is of the operation a command asks for; None for anything but a
        sure command."""
        prediction = self.predict(found, home)
        if prediction.kind != "command" or prediction.confidence < self.confidence:
            return None
        return max(prediction.ops.values(), default=prediction.best[1])


def _cut_short(reading: str, first: str) -> bool:
    """Whether ``reading`` is ``first`` with its last words lost."""
    return len(reading) < len(first) and first.startswith(reading + " ")
