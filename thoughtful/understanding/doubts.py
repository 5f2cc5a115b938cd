"""Doubts about what a request is about, found before acting: the words name more devices than
were found, say only a direction where several kinds of device could go, give a number for
nothing named, or name a device that a lost word may have named instead. Each either asks a
question (typed or heard) or makes a heard request one to confirm.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from thoughtful.state.home import Home
from thoughtful.state.schema import StateModel
from thoughtful.understanding import safety, vocabulary
from thoughtful.understanding.explain import the
from thoughtful.understanding.numbers import find_numbers
from thoughtful.understanding.resolve import Mentions, serving
from thoughtful.understanding.vocabulary import DETERMINERS

AS_MATTER = set("""more less lower low soft softer warm warmer cool cooler bright brighter dim dimmer some
enough much little natural full half too""".split())
"""Words that make the next "light" or "heat" the thing itself, not a device ("lower light on
the floor lamp", "more heat")."""
WHOLE_BEFORE = DETERMINERS | {"and", "then"}
"""Words after which a name is heard whole: a determiner, or a clause's opening ("…on and lamp to
30%"; not the request's: "Then lamp to 40." was "den lamp")."""
DIRECTIONS = {"up", "down", "higher", "lower", "more", "less", "increase", "decrease", "raise", "reduce",
              *(w for words in safety.EXTREMES.values() for w in words)}
"""Words that say which way but not what: "turn it up" needs a device to mean anything, and so
does "max"."""
SWITCHES = {"on", "off"}
"""So do these: "turn it off", with nothing named or talked about, may be any device."""
WANTING = {"need", "want", "wanna", "like", "right", "okay", "ok"}
"""Words around a bare direction that do not say what it is about: "right, I need it up"."""
UNIT_WORDS = {"degree", "degrees", "percent", "per", "cent", "celsius", "fahrenheit", "kelvin"}
"""Words that say what a number measures, and so which kind of device it is for."""
LATER = re.compile(
    r"\b(?:in|for|after)\s+(?:\d+|an?|a few|half an?|the next)\s+(?:\w+\s+)?(?:seconds?|minutes?|mins?|hours?)\b"
    r"|\b\d{1,2}(?:\s+\d{2})?\s*(?:am|pm|a\.m\.?|p\.m\.?|o'clock)(?!\w)"
    r"|\b(?:at|by|until|till)\s+\d{1,2}\s+\d{2}\b|\b(?:tomorrow|at noon|at midnight)\b"
    r"|\b(?:at|every)\s+(?:night|sunset|sunrise|dawn|dusk)\b|\b(?:in the|every)\s+(?:morning|afternoon|evening)\b")
"""A time to do it at or for ("in ten minutes", "at 10pm", "for an hour", "tomorrow", "at night"):
nothing here keeps time, and doing it now is not what was asked."""
LOST_AMOUNT = re.compile(r"\bby\s+(?!(?:\d+(?:\.\d+)?|an?|the|my|our|your|this|that|these|those|much|far|"
                         r"lots?|some|half|how|quite|just|about|around)\b)([a-z']+)"
                         r"|\bby\s+an?\s+(?!(?:\d+(?:\.\d+)?|bit|little|lot|third|quarter|half|degree|notch|step|"
                         r"tad|touch|smidge|smidgen|few|couple|fraction|percent|point|hair|good|tiny|small|big|"
                         r"fair|further|whole|single|other|tenth|fifth)\b)([a-z']+)")
"""By something that is not an amount ("warm the kitchen up by you", "two" misheard; "dim the
ceiling lights by a turn", "third" misheard)."""

TOO_FOR_TWO = re.compile(r"\b(?:up|down|warmer|cooler|colder|hotter|brighter|dimmer|higher|lower)\s+(?:too?|do)"
                         r"(?:\s+as\s+well)?$"
                         r"|\b(?:warmer|cooler|colder|hotter|brighter|dimmer|higher|lower)\s+2$"
                         r"|\btoo?\s+(?:warmer|cooler|colder|hotter|brighter|dimmer|higher|lower|up|down)\b")
"""A heard direction ending in "too", "to" or "do" may have been "two" ("guest room thermostat up
too", "…and the heater up to.", "…then heater down do."), a comparative ending in "2" may have
been "too" ("Dimmer 2." for "dimmer too"; not "up 2"), and so may "too" or "to" before a
comparative or a direction ("Cabana ac too cooler.", "Kids room heater to warmer.", "Heat too
up.")."""
DONE_FOR_DOWN = re.compile(r"(?<!i'm )(?<!we're )(?<!i am )(?<!we are )\bdone\b(?!\s+with\b)")
""" "Turn the thermostat done." (for "down"): a heard "done" that is not someone being done ("I'm
done with the lamp")."""
A_NUMBER = re.compile(r"\ba\s+\d+\b(?!\s*(?:percent|degrees?|more|less|notch|bit|step|%))")
""" "Chandelier to a 4." (for "a quarter"): a heard number after "a" is a fraction or a word
misheard, not a level."""
TENS_TORN = re.compile(r"\b[2-9]\s+(?:it|he|e|eat|tea|tee|ty|d)$")
""" "Lamp 2 to 8 it." (for "eighty"): a digit, then at the end a word a recognizer writes for the
"-ty" of its tens."""
EIGHT_FOR_A = re.compile(r"\b(?:up|down|by|raise|lower)\s+8\s+(?:degrees?|percent|%|notch(?:es)?|steps?)\b"
                         r"|(?:^|\s)8\s+(?:degrees?|notch(?:es)?|steps?)\s+(?:more|less|warmer|cooler|higher|lower)\b")
""" "The strip heater up 8 degrees.", "8 degrees more." (for "up a degree", "a degree more"): a
step of 8 heard where "a" is said."""
_TAKEN = re.compile(r"\b(?:take|knock|shave)\s+(?!(?:it|them|that|this|the|a|an|my|all|everything|some)\b)"
                    r"([a-z']+)\s+off\b")
"""A word taken "off" ("take time off the …"), where an amount is said ("take 5 off")."""
FOR_FOUR = re.compile(r"\b(?:up|down|to|at|by)\s+for\b")
""" "Kids' den lamp up for the." (for "up 40"): "for" where a number goes, perhaps "four" or "forty"."""
NEGATED_APART = re.compile(r"\b(?:not|no|never|don't)\s+(?!so\b|too\b|that\b|any\b|the\b|a\b|bit\b|much\b)[a-z']+\s+"
                           r"(?:dim|dimmer|bright|brighter|warm|warmer|cool|cooler|up|down|higher|lower)\b")
""" "Not back dim." (for "not that dim") had dimmed to the minimum: a negation one word before a way
may be the way refused, its word between misheard."""
EXCEPT_HEARD_AS = re.compile(r"^(?:accept|expect)\b|\b(?:everything|all(?:\s+the\s+[a-z]+)?)\s+put\b")
""" "Accept the sofa lamp, put that back on." (for "except"), "Everything put the kitchen spots off."
(for "but"): a word that left something out, perhaps misheard as another."""
HAVE_FOR_HALF = re.compile(r"\bhave\s+a\s+(?:degree|de|percent)\b"
                           r"|\boff\s+as\s+(?:bright|dim|warm|cool|much|high|low)\b|^i\s+off\b")
""" "Farmhouse thermostat have a degree lower." (for "half a degree"): a whole degree had been
taken; "Chandelier off as bright." (for "half as bright") and "I off that again." (for "half that
again") had switched them off."""
AMOUNT_TO = re.compile(r"\b\d+(?:\.\d+)?\s*(?:%|percent|degrees?)?\s+(?:to|onto)\s+the\b")
""" "At 5% to the pergola lights." (for "add five percent to"): a number before "to the" a device,
where a level follows "to" — an amount added, its verb misheard."""
_REFUSED_BEFORE = re.compile(r"(?:^|.*\s)(?:not|no)(?:\s+(?:the|my|that))?$")
"""Words before a noun that refuse it ("not the ac"): a device left out, not one more asked for."""
NUMBER_OF = re.compile(r"\d\s*(?:%|percent)?\s+of$")
""" "Island lights 10 % of." (for "10% up"): a number, then a word lost after "of"."""
_TO_A_DEVICE = re.compile(r"\b(?:to|at)\s+(?:the\s+)?([a-z']+)$")
"""The last word of a request after "to" or "at": where a number or a value goes."""
PARTICLES = {"and", "then", "also", "so", "now", "oh", "um", "uh", "just"}
"""Words that join or open a turn and ask for nothing themselves."""
TEENS = range(13, 20)
"""Heard percentages easily confused with the tens (14 / 40, 15 / 50: "set it to 14%")."""
ONES = range(2, 10)
"""Heard percentage levels easily confused with the tens too ("Turn it back to 8." for "back to 80")."""


class Doubts:
    """The checks, over a home's devices and the words of the state models."""

    def __init__(self, models: dict[str, StateModel], nouns: dict[str, str], device_words: dict[str, str],
                 cues: dict[str, str]) -> None:
        self.models = models
        self.nouns = nouns
        """Type nouns ("lamp", "light") → type."""
        self.device_words = device_words
        """Words for one type alone ("heat", "lamps") → type."""
        self.cues = cues
        """Words that point to one device type ("brightness", "cooler"): the planner's cues."""
        self.value_words = {w for model in models.values() for lang in model.language.settings.values()
                            for name, named in lang.named.items() for phrase in (name, *named.synonyms)
                            for w in vocabulary.words(phrase)}
        """The words of the settings' named values ("gold", "warm", "white")."""

    def generic_name_heard(self, found: Mentions, home: Home, text: str) -> bool:
        """Whether a device called only by its type's noun ("light") was heard where another
        device's name ends in that noun ("reading light"): a recognizer that lost "reading"
        ("We did light off") names the wrong one, so it is confirmed, not acted on. Unless it is
        heard as a whole noun phrase ("turn the thermostat down": nothing was lost between "the"
        and the noun) with no word like the lost one ("Read the light of the blue"), or a room
        heard with it is the one device's and not the other's ("the light in the kitchen").
        ``text``: the request's (normalized) words; the other devices and the rooms it names are
        no mention of the one ("Lava lamp on and the lamp to 30%", "the lounge lamp")."""
        rooms = set(found.rooms)
        words = found.masked.split()
        mentioned = sorted([*home.devices, *rooms], key=len, reverse=True)  # longest first
        for name in found.devices:
            others = [other for other in home.devices
                      if other != name and vocabulary.words(other)[-1:] == [name.lower()]]
            if len(vocabulary.words(name)) != 1 or not others:
                continue
            rest = f" {text} "
            for other in mentioned:
                if other != name:  # "the lounge lamp" is "the lamp" of the lounge
                    rest = rest.replace(f" {other.lower()} ", " | " if other in home.devices else " ")
            said = rest.split()
            whole = all(i and (said[i - 1] in DETERMINERS or i > 1 and said[i - 1] in WHOLE_BEFORE)
                        for i, w in enumerate(said) if w == name.lower())  # "Then lamp to 40.": "den lamp"
            lost = {w for other in others for w in vocabulary.words(other)[:-1]}
            echoed = any(SequenceMatcher(None, w, gone).ratio() >= 0.7 for w in words for gone in lost
                         if len(w) > 2 and w != name.lower())  # "light" itself is no echo of "night"
            own_room = home[name].room.lower() in rooms and all(home[o].room.lower() not in rooms for o in others)
            if (not whole or echoed) and not own_room:
                return True
        return False

    @staticmethod
    def number_of_a_name_lost(found: Mentions, home: Home, text: str) -> bool:
        """Whether a device was heard by a name that another's is with a number after it ("lamp",
        "lamp 2"), followed by a word a recognizer writes for a number and no number ("Turn lamp
        to off.", "Turn lamp too off.", for "lamp 2": the lamp had been switched off)."""
        numbered = {d.lower() for d in home.devices if re.search(r"\s\d+$", d)}
        return any(re.search(rf"\b{re.escape(name.lower())}\s+(?:to|too|for)\b(?!\s+\d)", text)
                   for name in found.devices if any(n.rsplit(" ", 1)[0] == name.lower() for n in numbered))

    @staticmethod
    def later(text: str) -> str | None:
        """The words that ask for a change at another time than now, if any (:data:`LATER`)."""
        match = LATER.search(text)
        return match.group(0) if match else None

    @staticmethod
    def lost_amount(text: str) -> str | None:
        """The word after "by" where an amount should be and is not (:data:`LOST_AMOUNT`)."""
        match = LOST_AMOUNT.search(text)
        return (match.group(1) or match.group(2)) if match else None

    @staticmethod
    def opens_like_a_question(text: str) -> bool:
        """Whether a transcript opens with a word no command opens with and a question's "is"
        becomes when misheard ("as the ceiling light on", "with the ceiling light on")."""
        return text.split()[:1] in (["as"], ["with"], ["was"], ["has"])

    def all_of_one(self, text: str) -> bool:
        """Whether a transcript says "all" before a type's noun in the singular ("All light is
        79%.", "All light off.", heard for "hall light"): every light, or a name's first sound
        lost."""
        match = re.search(r"\ball\s+([a-z]+)\b", text)
        return bool(match) and match.group(1) in self.nouns and not match.group(1).endswith("s")

    def exception_lost(self, found: Mentions) -> bool:
        """Whether a transcript switches everything and then goes on to a device or a type's noun
        with nothing joining them ("Everything off the tempest lamp.", heard for "everything off
        but Emma's lamp"): the word that left it out may be lost."""
        match = re.search(r"\b(?:everything|all)\s+(?:on|off)\s+(.+)$", found.masked)
        if not found.everything or not match:
            return False
        rest = match.group(1).split()
        return rest[0] not in ("and", "too", "also", "including", "plus", "with", "please", "now") and \
            any(w in self.nouns or w.rstrip("s") in self.nouns for w in rest)

    def not_heard_as_now(self, found: Mentions) -> bool:
        """Whether a transcript opens with "now" right before one of the devices it names, with
        nothing said of it, while it names another ("Now the desk light, the overhead light off.",
        heard for "not the desk light, …"): both decoders write "not" so, and read as a list
        the request switches off the very device it spared."""
        words = found.masked.split()
        if len(found.devices) < 2 or words[:1] != ["now"]:
            return False
        noun = words[2] if len(words) > 2 and words[1] in DETERMINERS else words[1] if len(words) > 1 else ""
        return noun in self.nouns or noun.rstrip("s") in self.nouns

    def number_of_nothing(self, found: Mentions, home: Home) -> bool:
        """Whether a number is said with nothing that tells what it is for ("set the easy to 72",
        "ac" misheard): no unit, no device, no word of a device type, in a home of several types."""
        words = found.masked.split()
        if found.devices or not any(w.isdigit() for w in words) or set(words) & UNIT_WORDS:
            return False
        if any(w in self.nouns or w in self.device_words or w in self.cues or w + "er" in self.cues for w in words):
            return False  # "warm the kitchen up by 2": "warm" as in "warmer", a thermostat's word
        return len(home.types()) > 1

    def only_a_value(self, found: Mentions) -> bool:
        """Whether a heard request says nothing but a setting's named value, with no device, no
        verb and nothing it is for ("And gold.", heard for "I'm cold", had made a lamp yellow;
        the interpreter does not doubt it just after a change, "now green")."""
        said = [w for w in vocabulary.words(vocabulary.without_courtesy(found.masked)) if w not in PARTICLES]
        return bool(said) and not found.devices and set(said) <= self.value_words

    @staticmethod
    def unit_without_amount(text: str) -> bool:
        """Whether a heard request says a unit and no number ("Emma's lamp off then the boiler of
        the degree.", for "up a degree", had switched the boiler off): its amount was lost."""
        return bool(set(text.split()) & UNIT_WORDS) and not find_numbers(text)

    def amount_lost_taking_off(self, text: str) -> bool:
        """Whether a heard request takes a word that is no amount and names nothing "off" ("Take
        time off the foyer pendant.", for "take 5 off", had switched it off): its amount was lost."""
        taken = _TAKEN.search(text)
        return bool(taken) and taken.group(1) not in self.nouns and taken.group(1).rstrip("s") not in self.nouns \
            and taken.group(1) not in self.device_words

    @staticmethod
    def misheard(text: str) -> bool:
        """Whether a heard request has words a recognizer easily writes for others: "up too"
        (perhaps "up two"), "done" (perhaps "down"), a bare number after "a" ("to a 4"), a tens
        torn in two ("to 8 it"), a step of 8 ("up 8 degrees", perhaps "up a degree"), a number
        ending in "of" ("10 % of"), "for" where a number goes ("up for the"), a negation a word
        before a way ("not back dim"), a number before "to the" ("at 5% to the lights"), "accept" or
        "everything put" (perhaps "except", "but"), "have a degree" (perhaps "half a degree")."""
        return any(pattern.search(text) for pattern in (TOO_FOR_TWO, DONE_FOR_DOWN, A_NUMBER, TENS_TORN, EIGHT_FOR_A,
                                                        NUMBER_OF, FOR_FOUR, NEGATED_APART, AMOUNT_TO,
                                                        EXCEPT_HEARD_AS, HAVE_FOR_HALF))

    @staticmethod
    def too_as_two(text: str) -> bool:
        """Whether a heard request closes on a number two more than one it said before, ending in
        2 ("Studio lamp to 20 and the strip to 22." for "…the strip to 20 too")."""
        numbers = re.findall(r"\b\d+\b", text)
        last = re.search(r"\b(\d*2)\W*$", text)
        return bool(last) and len(numbers) > 1 and str(int(last.group(1)) - 2) in numbers[:-1]

    @staticmethod
    def to_as_a_name_number(text: str, home: Home) -> bool:
        """Whether a heard request puts a number right after a name ending in "2" whose name
        without it is a device too ("Reading lamp 2 80." for "reading lamp to 80")."""
        names = {name.lower() for name in home.devices}
        return any(re.search(rf"\b{re.escape(name)}\s+\d", text) for name in names
                   if name.endswith(" 2") and name[:-2] in names)

    def target_lost(self, text: str) -> bool:
        """Whether a heard request ends "to" or "at" a word for a kind of device, where a number
        belongs ("Conservatory heater on to ac.", "The light in the hall to ac.", for "to 18" and
        "to 80")."""
        match = _TO_A_DEVICE.search(text)
        return bool(match) and match.group(1) in self.nouns

    def both_ways(self, text: str, plans: dict) -> bool:
        """Whether the words ask for both directions of a setting a plan changes, and negate
        neither ("Kids lamp that brighter dimmer." for "not brighter, dimmer")."""
        return any(safety.says_both_ways(text, self.models[t], key)
                   for t, plan in plans.items() for key in (*plan.change.adjust, *plan.change.set)
                   if key in self.models[t].settings)

    def teen_percentage(self, plans: dict) -> bool:
        """Whether a plan sets a percentage to 2–9 or 13–19, which a recognizer mixes up with 20–90, or
        moves one by as much but 15, a step people take ("Take the workshop lights down 14." for
        "down 40"; on 2,088 heard requests of probes40–45 −3 wrong actions, −0 right, where 15
        too cost 15 right)."""
        return any(self.models[t].settings[key].unit == "%" and (value in TEENS or value in ONES)
                   for t, plan in plans.items() for key, value in plan.change.set.items()
                   if key in self.models[t].settings and isinstance(value, (int, float))) or \
            any(self.models[t].settings[key].unit == "%" and abs(value) in TEENS and abs(value) != 15
                for t, plan in plans.items() for key, value in plan.change.adjust.items()
                if key in self.models[t].settings and isinstance(value, (int, float)))

    def which_type(self, found: Mentions, home: Home, speaker_room: str | None) -> str | None:
        """A question when only a direction, an end of a range or a switch is said ("up in the
        lounge", "right, I need it up", "max", "turn it off") where devices of several types could
        go that way: no other word but function words, and no device named (the interpreter does
        not ask when a device was talked about lately)."""
        words = vocabulary.without_courtesy(found.masked).split()
        said = DIRECTIONS | (set() if found.rooms else SWITCHES)  # a room switched is what is in it
        if found.devices or found.everything or not set(words) & said:
            return None
        if any(w not in vocabulary.COMMON_WORDS or w in UNIT_WORDS for w in words if w not in said | WANTING):
            return None
        return self.which_of(found, home, speaker_room)

    def which_of(self, found: Mentions, home: Home, speaker_room: str | None) -> str | None:
        """Which of the devices of the rooms said (or the speaker's, or the home's) is meant, when
        they are of several types; None when they are of one."""
        rooms = found.rooms or ([speaker_room.lower()] if speaker_room else [])
        here = [d for device_type in self.models
                for d in serving([d for d in home.devices.values() if d.type == device_type], rooms)] \
            if rooms else list(home.devices.values())
        if len({d.type for d in here}) < 2:
            return None
        return f"Which do you mean: {' or '.join(the(d.name) for d in here)}?"

    @staticmethod
    def rooms_crossed(text: str, found: Mentions) -> str | None:
        """A question when the words put one room in another ("turn off the lounge in the
        hallway", heard for "the light in the hallway"): no device is in both, so which is meant
        is unclear; None otherwise. ``text``: the request's (normalized) words."""
        for room in found.rooms:
            for other in found.rooms:
                if other != room and re.search(rf"\b{re.escape(room)}\s+in\s+(?:the\s+)?{re.escape(other)}\b", text):
                    return f"I didn't change anything: did you mean the {room} or the {other}?"
        return None

    def unplaced(self, found: Mentions, home: Home) -> str | None:
        """A question when the words name more devices of a type than were found ("porch light
        to 20, bulb light to 60": one light is the porch light, the other is no light here), so
        acting on the ones found would do only part of what was asked."""
        if found.everything:
            return None
        words = found.masked.split()
        nouns = self.nouns
        said = [None if i and words[i - 1] in AS_MATTER or _REFUSED_BEFORE.match(" ".join(words[max(0, i - 2):i]))
                else nouns.get(w) or nouns.get(w[:-1]) for i, w in enumerate(words)]  # ("not the ac, …": refused)
        for device_type in {t for t in said if t}:
            named = [n for n in found.devices if home[n].type == device_type]
            of_type = [d.name for d in home.devices.values() if d.type == device_type]
            if named and len(of_type) > 1 and said.count(device_type) > len(named) + len(found.rooms):
                display = self.models[device_type].display_name
                return (f"Which other {display} did you mean, besides {' and '.join(map(the, named))}? "
                        f"There are: {', '.join(of_type)}.")
        return None
