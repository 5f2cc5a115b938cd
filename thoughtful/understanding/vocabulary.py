"""Words the language layer knows, derived from the state models and the phrasebook.

Used to tell a device name that matches nothing ("the porch light") from
ordinary words ("the main light").
"""

from __future__ import annotations

import re

from thoughtful.state.schema import StateModel
from thoughtful.understanding import followup
from thoughtful.understanding import phrasebook as pb

DETERMINERS = {"the", "my", "our", "your", "this", "that"}
"""Words that open a noun phrase: "the room lights" are a room's, "hey room lights" are no room's."""
OWNERS = {"my": "mine", "our": "ours", "your": "yours", "his": "his", "her": "hers", "their": "theirs"}
"""Words that make a name someone's ("his lamp", as "emma's lamp"), and their pronoun alone
("except hers")."""
PEOPLE = ("baby", "babies", "kid", "kids", "children", "child", "wife", "husband", "partner", "son", "daughter",
          "mom", "mum", "dad", "grandma", "grandpa", "guest", "guests", "family", "everyone", "everybody", "we")
"""Who besides the speaker may feel cold or hot ("the baby is cold"): words a request may use."""
COMMON_WORDS = set("""a an the my our your this that these those it its all every each both one ones any some
in on at of off to up down for from with by and or but then also too so very really just please
is are was were be been do does did not no yes i i'm me we you he she they them there here now
turn switch set make put get keep let go can could would will should may might what how why who
when where which main big little small other whole entire house home room place
am has have had i'd i'll i've it's that's there's what's don't doesn't didn't can't won't isn't aren't
let's you're we're they're shouldn't couldn't wouldn't needn't mustn't hasn't haven't hadn't wasn't weren't
it'll that'll you'll we'll they'll he's she's who's where's how's here's
as than if about into out over under again more less much many most
degree degrees percent per cent celsius fahrenheit kelvin zero one two three four five six seven eight
nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty
forty fifty sixty seventy eighty ninety hundred half halfway quarter third fourth full couple twice double
knock nudge same give use able mean support day except excluding besides apart though
thing things something anything nothing ask different having getting doing another""".split())
"""Function words, contractions, numbers, units, amounts and verbs of degree ("knock it down a
notch"): words any request may use."""


_LIT = re.compile(r"\b(un)?lit(?:\s+up)?\b(?!\s+(?:the|a|my|our|it|them)\b)", re.IGNORECASE)
"""A lamp said to be lit ("I don't want the gym lit", "keep the porch lit up"), not a verb with its
object ("lit the candle")."""
LIT_WORDS = {"lit", "unlit"}


def lit_as_on(text: str) -> str:
    """ "lit" said as the state it is, "on" ("unlit": "off"): the words the state models use."""
    return _LIT.sub(lambda m: "off" if m.group(1) else "on", text)


def words(phrase: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", phrase.lower())


def base(comparative: str) -> str | None:
    """ "hotter" → "hot", "warmer" → "warm", "dimmer" → "dim", "toastier" → "toasty"; None for
    other words."""
    if not comparative.endswith("er") or " " in comparative or len(comparative) < 5:
        return None
    stem = comparative[:-2]
    if stem.endswith("i"):
        return stem[:-1] + "y"
    return stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem


def adjectives(comparatives: list[str]) -> set[str]:
    """The base and superlative of each one-word comparative: "hotter" → "hot", "hottest"."""
    return {w for c in comparatives if (stem := base(c)) for w in (stem, c[:-2] + "est")}


_COURTESY_BEFORE = sorted({" ".join(words(p)) for p in (*pb.WAKE, *pb.FILLERS, *pb.POLITE_BEFORE)},
                          key=len, reverse=True)
_COURTESY_AFTER = sorted({" ".join(words(p)) for p in pb.POLITE_AFTER}, key=len, reverse=True)


def without_courtesy(text: str) -> str:
    """ "hey thoughtful um good night please" → "good night": the request without the wake
    word, fillers and politeness around it."""
    text = " ".join(text.split())
    changed = True
    while changed:
        changed = False
        for p in _COURTESY_BEFORE:
            if text.startswith(p + " "):
                text, changed = text[len(p) + 1:], True
        for p in _COURTESY_AFTER:
            if text.endswith(" " + p):
                text, changed = text[:-len(p) - 1], True
    return text


def type_nouns(models: dict[str, StateModel]) -> dict[str, str]:
    """Single words that name a device type ("lamp", "light", "heater") → the type."""
    nouns: dict[str, str] = {}
    for t, model in models.items():
        for name in model.language.names:
            nouns.setdefault(words(name)[-1], t)
    return nouns


def model_words(models: dict[str, StateModel]) -> set[str]:
    """The state models' own words, and the bases and superlatives of their comparatives ("how
    high", "the warmest"), but for function words: what asking these devices for something
    sounds like ("warm", "dim"; not "the", "joke")."""
    said = set()
    for model in models.values():
        said.update(words(model.language.model_dump_json()))
        said.update(w for lang in model.language.settings.values() for w in adjectives(lang.up + lang.down))
    return said - COMMON_WORDS


def value_types(models: dict[str, StateModel]) -> dict[str, str]:
    """The words of a type's named values ("white", "blue": a lamp's) that no other type's
    words use, and their plurals ("whites") → the type."""
    said = {t: {w for lang in m.language.settings.values() for name, named in lang.named.items()
                for phrase in (name, *named.synonyms) for w in words(phrase)} - COMMON_WORDS
            for t, m in models.items()}
    others = {t: set().union(*(model_words({o: m}) for o, m in models.items() if o != t)) for t in models}
    return {form: t for t, values in said.items() for w in values - others[t] for form in (w, w + "s")}


def known_words(models: dict[str, StateModel]) -> set[str]:
    """Words requests here are made of: function words, the state models' words
    (:func:`model_words`), the phrasebook's (a word that usually names a device, "porch", only
    when a phrase uses it: "put it back") and a correction's openings ("i meant")."""
    known = COMMON_WORDS | model_words(models)
    phrased = {w for phrases in (pb.WAKE, pb.POLITE_BEFORE, pb.POLITE_AFTER, pb.FILLERS, pb.SMALL, pb.NEGATIONS,
                                 pb.CANCELS, pb.IMPLICIT_OFF, pb.CONTRASTS, pb.UNDO, pb.MORE, pb.REVERSE,
                                 followup.CORRECTIONS)
               for p in phrases for w in words(p)} | followup.OVERSHOOT_WORDS | followup.LINKING
    return ((known - unknown_name_words()) | phrased | set(PEOPLE)) - {"device"}


def _single_words(phrases_by_type: dict[str, list[str]]) -> dict[str, str]:
    """One-word phrases (and their plurals) that belong to exactly one type → the type."""
    owners: dict[str, set[str]] = {}
    for t, phrases in phrases_by_type.items():
        for word in (words(p)[0] for p in phrases if len(words(p)) == 1):
            for form in {word, word if word.endswith("s") else word + "s"}:
                owners.setdefault(form, set()).add(t)
    return {w: next(iter(ts)) for w, ts in owners.items() if len(ts) == 1}


def working_state_words(models: dict[str, StateModel]) -> dict[str, str]:
    """Words for a type's working states, other than on and off ("heat", "heating",
    "cooling") → the type."""
    return _single_words({t: [s for s in m.states if s not in ("on", "off")] +
                          [lang.say for s, lang in m.language.states.items() if s not in ("on", "off") and lang.say]
                          for t, m in models.items()})


def device_words(models: dict[str, StateModel]) -> dict[str, str]:
    """Single words that stand for one device type on their own: its names ("lamp", "lights")
    and its working states ("heat") → the type."""
    by_name = _single_words({t: list(m.language.names) for t, m in models.items()})
    return {**working_state_words(models), **by_name}


def setting_words(models: dict[str, StateModel]) -> set[str]:
    """Single words that name a setting ("brightness", "fan", "colour", "setpoint")."""
    return {w for model in models.values() for key, sl in model.language.settings.items()
            for phrase in (key, *sl.names) for w in words(phrase) if len(words(phrase)) == 1} - COMMON_WORDS


def device_nouns(models: dict[str, StateModel]) -> set[str]:
    """Words a question about the devices names: device types, settings, sensors, states, and
    a few words for the whole home ("status", "devices")."""
    found = {"status", "state", "devices", "device", "everything", "things", "home", "house"}
    for model in models.values():
        lang = model.language
        phrases = [*lang.names, *model.settings, *model.sensors, *model.states]
        phrases += [n for sl in lang.settings.values() for n in sl.names]
        phrases += [sl.say for sl in lang.states.values()]
        for phrase in phrases:
            found.update(words(phrase.replace("_", " ")))
    return found - {"a", "c", "the", "of"}


def stems(word: str) -> list[str]:
    """The word and what it may be inflected from: "turns" → turn, "dimmed" → dim, "changing"
    → change."""
    out = [word]
    for suffix in ("s", "es", "ed", "d", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[:-len(suffix)]
            out += [stem, stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [stem]
            if suffix in ("ed", "ing") and not stem.endswith("e"):
                out.append(stem + "e")
    return out


def unknown_words(text: str, models: dict[str, StateModel], home_words: set[str],
                  known: set[str] | None = None) -> list[str]:
    """The words of ``text`` that neither the language layer nor the home's names and rooms
    know, inflected or not (digits count as known). In a transcript they are the mark of a
    misheard request. A possessive is its word ("the study's lamp"), unless it is a name's own
    ("emma's lamp")."""
    known = known if known is not None else known_words(models)
    return [w for w in words(text) if not w.isdigit() and w not in home_words
            and w.removesuffix("'s") not in home_words and not any(s in known for s in stems(w.removesuffix("'s")))]


def joined_pairs(models: dict[str, StateModel]) -> dict[str, str]:
    """ "goodnight" → "good night", "lightbulb" → "light bulb": two words the state models'
    phrases say one after the other, as they may be written as one."""
    pairs: dict[str, str] = {}

    def walk(value) -> None:
        if isinstance(value, str):
            said = words(value)
            for first, second in zip(said, said[1:]):
                if len(first) >= 2 and len(second) >= 3:
                    pairs.setdefault(first + second, f"{first} {second}")
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    for model in models.values():
        walk(model.language.model_dump())
    return pairs


def unknown_name_words() -> set[str]:
    """Words that usually name a particular device or room ("porch", "desk")."""
    return {w for phrase in pb.ROOMS + pb.DESCRIPTORS for w in words(phrase)} - COMMON_WORDS


def place_words() -> set[str]:
    """Words that name a place alone ("kitchen", "bathroom", "den"; not "room")."""
    return {words(room)[-1] for room in pb.ROOMS} - {"room"}
