"""Parts of the language layer that need no model: numbers, labels, synthesis, names, planning."""

import pytest

from thoughtful.state.device import Device
from thoughtful.state.home import Home
from thoughtful.state.registry import Units
from thoughtful.understanding.labels import KINDS, label_space
from thoughtful.understanding.numbers import find_numbers, taken_off, words_to_digits
from thoughtful.understanding.ask import Ask
from thoughtful.understanding.bounds import said_limit
from thoughtful.understanding.planner import Planner
from thoughtful.understanding.resolve import Resolver
from thoughtful.understanding.synthesis import Synthesizer
from thoughtful.understanding.text import normalize


@pytest.mark.parametrize("spoken, digits", [
    ("set it to seventy two", "set it to 72"), ("a hundred percent", "100 percent"),
    ("twenty one point five", "21.5"), ("heat to sixty eight degrees", "heat to 68 degrees"),
    ("ten", "10"), ("one hundred and five", "105"),
])
def test_number_words(spoken, digits):
    assert words_to_digits(spoken) == digits


def test_relative_and_units():
    (n,) = find_numbers("make it twenty degrees warmer")
    assert n.value == 20 and n.relative and n.unit == "degrees"
    (n,) = find_numbers("lamp at 10%")
    assert n.value == 10 and not n.relative and n.unit == "percent"
    (n,) = find_numbers("temperature down by three")
    assert n.relative
    (n,) = find_numbers("knock the temperature down a couple of degrees")
    assert n.value == 2 and n.relative and n.unit == "degrees"
    (n,) = find_numbers("a few more degrees")  # had been asked "by how many degrees?"
    assert n.value == 3 and n.relative
    assert not find_numbers("a few more") and not find_numbers("a few of the lights")
    (n,) = find_numbers("turn the heat to 68 fahrenheit")  # the scale said wins over the home's
    assert n.value == 68 and n.unit == "degrees" and n.scale == "F"
    assert find_numbers("set it to 20°c")[0].scale == "C" and find_numbers("set it to 20")[0].scale is None
    # "half as bright as it can be" is half of the range; "half as bright" (of what it is now) is no level
    (n,) = find_numbers("make the lamp half as bright as it can be")
    assert n.value == 50 and n.unit == "percent" and not n.relative
    assert find_numbers("make the lamp half as bright") == []
    (n,) = find_numbers("porch lantern 20 points dimmer")  # a percentage's points: had been set to 20
    assert n.value == 20 and n.relative


def test_every_label_is_synthesized(models):
    seen = {op for e in Synthesizer(models, seed=5).examples(6000) for op in e.ops}
    assert set(label_space(models)) == seen


def test_synthesis_is_reproducible_and_varied(models):
    a = [e.text for e in Synthesizer(models, seed=9).examples(300)]
    assert a == [e.text for e in Synthesizer(models, seed=9).examples(300)]
    assert len(set(a)) > 250
    kinds = {e.kind for e in Synthesizer(models, seed=9).examples(2000)}
    assert kinds == set(KINDS)


def test_normalize():
    assert normalize("Set the Lamp to Forty-Five %!") == "set the lamp to 45 percent"


def _home(models):
    return Home([Device("reading lamp", models["lamp"], room="study"),
                 Device("pendant light", models["lamp"], room="dining room"),
                 Device("thermostat", models["thermostat"], room="hall")])


def test_names_and_rooms_are_masked(models):
    resolver = Resolver(models)
    home = _home(models)
    found = resolver.mentions("dim the reading lamp", home)
    assert found.masked == "dim the lamp" and found.devices == ["reading lamp"]
    found = resolver.mentions("turn off the light in the dining room", home)
    assert found.rooms == ["dining room"] and found.masked == "turn off the light"
    assert resolver.select("lamp", found, home, None, []) == ["pendant light"]
    # a room as the subject is "it", as the model knows it ("the is freezing" was out of scope)
    found = resolver.mentions("the dining room is freezing", home)
    assert found.rooms == ["dining room"] and found.masked == "it's freezing"


def test_unknown_names_are_reported(models):
    resolver = Resolver(models)
    home = _home(models)
    assert resolver.mentions("turn on the porch light", home).unknown == "porch light"
    assert resolver.mentions("turn on the zorbly lamp", home).unknown == "zorbly lamp"
    assert resolver.mentions("turn on the main light", home).unknown is None
    assert resolver.mentions("purple light please", home).unknown is None


def test_device_selection_order(models):
    resolver = Resolver(models)
    home = _home(models)
    plain = resolver.mentions("turn off the light", home)
    with pytest.raises(Ask, match="Which lamp"):
        resolver.select("lamp", plain, home, None, [])
    assert resolver.select("lamp", plain, home, "study", []) == ["reading lamp"]
    assert resolver.select("lamp", plain, home, None, ["pendant light"]) == ["pendant light"]
    every = resolver.mentions("all the lights off", home)
    assert resolver.select("lamp", every, home, None, []) == ["reading lamp", "pendant light"]
    assert resolver.select("thermostat", plain, home, None, []) == ["thermostat"]
    # a word of one lamp's name, said without its noun, is that lamp when nothing else says which
    reading = resolver.mentions("i can't see what i'm reading", home)
    assert resolver.select("lamp", reading, home, None, []) == ["reading lamp"]
    assert resolver.select("lamp", reading, home, None, ["pendant light"]) == ["pendant light"]
    with pytest.raises(Ask, match="Which lamp"):  # "light" is every lamp's noun, not a name word
        resolver.select("lamp", resolver.mentions("more light please", home), home, None, [])
    with pytest.raises(Ask, match="Which room are you in"):  # "in here", with lamps in two rooms
        resolver.select("lamp", resolver.mentions("more light in here", home), home, None, [])
    assert resolver.select("lamp", resolver.mentions("more light in here", home), home, "study", []) == ["reading lamp"]


def test_planner_numbers_units_and_goals(models):
    planner = Planner(models)
    plans = planner.plan(["lamp:brightness=set", "thermostat:setpoint=set", "thermostat:state=heat"],
                         "lamp to 40 and heat to 68", Units())
    assert plans["lamp"].change.set == {"brightness": 40}
    assert plans["thermostat"].change.set == {"setpoint": 68} and plans["thermostat"].change.state == "heat"
    plans = planner.plan(["thermostat:setpoint=set"], "set it to 21", Units(temperature="C"))
    assert plans["thermostat"].change.set["setpoint"] == pytest.approx(69.8)
    plans = planner.plan(["thermostat:setpoint=up"], "make it 2 degrees warmer", Units(temperature="C"))
    assert plans["thermostat"].change.adjust["setpoint"] == pytest.approx(3.6)
    plans = planner.plan(["thermostat:setpoint=up"], "make it 20 degrees warmer", Units())
    assert plans["thermostat"].change.adjust == {"setpoint": 20}
    plans = planner.plan(["lamp:color=named"], "make it purple", Units())
    assert plans["lamp"].change.set["color"]["hue"] == 275
    plans = planner.plan(["lamp:goal=cozy"], "make it cozy", Units())
    assert plans["lamp"].goals == ["cozy"] and plans["lamp"].change.state == "on"
    assert set(planner.plan(["lamp:goal=cozy"], "make it cozy", Units(), {"lamp", "thermostat"})) == {"lamp"}
    # a goal about the whole home reaches every type of the home that has it, even when read for one
    plans = planner.plan(["thermostat:goal=away"], "we're fanning out for the day", Units(), {"lamp", "thermostat"})
    assert plans["lamp"].goals == ["away"] and plans["lamp"].change.state == "off"
    assert plans["thermostat"].change.state == "off"
    assert set(planner.plan(["lamp:goal=away"], "i'm heading out", Units(), {"lamp"})) == {"lamp"}
    with pytest.raises(Ask, match="brightness"):
        planner.plan(["lamp:brightness=set"], "set the brightness", Units())


def test_except_leaves_a_device_out(models):
    resolver = Resolver(models)
    home = _home(models)
    found = resolver.mentions("turn off all the lights except the reading lamp", home)
    assert found.excluded == ["reading lamp"] and found.devices == []
    assert "reading" not in found.masked
    assert resolver.select("lamp", found, home, None, []) == ["pendant light"]


def test_a_phrase_word_that_usually_names_a_device_is_known_but_still_names_none_here(models):
    """ "turn it back off" is made of known words (a misheard request has unknown ones), while
    "the back light" in a home without one is still a name that matches nothing."""
    from thoughtful.understanding.vocabulary import known_words, unknown_words

    assert unknown_words("turn it back off", models, set(), known_words(models)) == []
    assert unknown_words("turn it back off gravy", models, set(), known_words(models)) == ["gravy"]
    home = Home([Device("lamp", models["lamp"], room="living room")])
    assert Resolver(models).mentions("turn on the back light", home).unknown == "back light"


def test_plain_words_and_the_state_models_adjectives_are_known(models):
    """ "I can't see a thing in here", heard perfectly, was confirmed for its unknown "thing";
    "how high can it go" for "high" (the base of "higher")."""
    from thoughtful.understanding.vocabulary import known_words, unknown_words

    known = known_words(models)
    for text in ("i can't see a thing in here", "how high can it go", "what's the warmest it gets",
                 "what can i ask you to do", "make it twice as bright"):
        assert unknown_words(text, models, set(), known) == [], text


def test_a_name_is_written_as_the_home_has_it(models):
    """A long name word heard as two, one word of a longer name one letter off; never a plural
    ("the floor lamps" may mean more than one) and never a first letter ("bed" is not "red")."""
    home = Home([Device("nightstand lamp", models["lamp"], room="bedroom"), Device("led strip", models["lamp"]),
                 Device("floor lamp", models["lamp"]), Device("red lamp", models["lamp"])])
    resolver = Resolver(models)
    written = lambda text, home: resolver.names_respelled(resolver.names_rejoined(text, home), home)
    assert written("turn off the night stand lamp", home) == "turn off the nightstand lamp"
    assert written("make the lead strip blue", home) == "make the led strip blue"
    assert written("turn off the floor lamps", home) == "turn off the floor lamps"
    assert written("turn on the bed lamp", home) == "turn on the bed lamp"


@pytest.mark.parametrize("text, value, upper", [
    ("i don't want the thermostat above 68", 68, True), ("keep the lamp under 40 percent", 40, True),
    ("no warmer than 21", 21, True), ("at least 60 percent", 60, False),
    ("don't let it get colder than 65", 65, False), ("keep it above 64", 64, False),
    ("not more than 2 degrees warmer", None, None), ("lamp to 40", None, None), ("70 at most", None, None),
    ("not above 68 or 70", None, None)])
def test_a_limit_is_read_with_its_number_and_which_end(text, value, upper):
    limit = said_limit(text)
    assert (limit.number.value, limit.upper) == (value, upper) if value is not None else limit is None, limit


def test_a_part_of_a_level_said_after_up_or_down_needs_its_count():
    """ "down a third", "up a quarter" are parts of the level; "up half", like "down half", is
    not (the count "a" before the part is what says it is one)."""
    from thoughtful.understanding.planner import _part_said

    assert _part_said("lamp down a third") == pytest.approx(1 / 3) and _part_said("lamp up a quarter") == 0.25
    assert _part_said("lamp up half") is None and _part_said("lamp down half") is None
    assert _part_said("lamp up by half") == 0.5


@pytest.mark.parametrize("said, read", [
    ("add five percent to the porch light", "up five percent on the porch light"),
    ("add a degree to the heat", "up a degree on the heat"),
    ("knock the annex lamp back 15", "knock the annex lamp down 15"),
    ("dial it back by two degrees", "dial it down by two degrees"),
    ("add the lamp to the list", "add the lamp to the list"),
    ("put the lamp back 10", "put the lamp back 10"),
])
def test_amounts_added_or_knocked_back_are_changes(said, read):
    """ "add five percent to the pergola lights" had set 5%; "knock the annex lamp back 15" 15%."""
    assert taken_off(said) == read


def test_halve_said_or_heard_as_half_is_down_by_half():
    """ "Too bright, half it." (heard for "halve it")."""
    assert taken_off("too bright, half it") == "too bright, turn it down by half"
    assert taken_off("halve the porch lamp") == "turn the porch lamp down by half"
    assert taken_off("half the lights are on") == "half the lights are on"
