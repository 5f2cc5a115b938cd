"""Hearing in a room: Silero VAD endpointing, Whisper with the home's words, speculative
decoding at the first pause, the spoken benchmark, and never acting on a doubtful transcript.
Real engines, real audio: synthetic voices through simulated rooms and noise."""

import json
import math

import numpy as np
import pytest

from thoughtful.simulation.scene import pcm16, render
from thoughtful.speech.corpus import spoken_text
from thoughtful.speech.endpoint import EndpointSettings, speech_segments
from thoughtful.speech.hearing import Hearing, looks_complete, transcribe_recording
from thoughtful.speech.recognizer import Transcript
from thoughtful.speech.vad import EnergyDetector, SileroDetector
from thoughtful.speech.whisper_stt import WhisperRecognizer, bundled_model_dir, once, prompt_for, without_loop
from thoughtful.understanding.batch import run_line
from thoughtful.understanding.numbers import heard_numbers

HOME = [{"name": "desk lamp", "type": "lamp", "room": "office", "snapshot": {"state": "on", "brightness": 60,
                                                                              "color_temp": 3000}},
        {"name": "thermostat", "type": "thermostat", "room": "hallway",
         "snapshot": {"state": "heat", "setpoint": 68, "room_temperature": 66, "fan": "auto"}}]


def spoken(text: str, condition: str = "clean", voice: str = "flite:slt", seed: int = 0) -> np.ndarray:
    return pcm16(render(text, voice, condition, 16000, np.random.default_rng(seed)))


@pytest.fixture(scope="module")
def whisper(models):
    from thoughtful.speech.factory import home_phrases
    from thoughtful.understanding.batch import home_from_case
    from thoughtful.understanding.contract import CaseInput

    recognizer = WhisperRecognizer(bundled_model_dir())
    home = home_from_case(CaseInput.model_validate({"home": HOME, "utterance": "x"}), models)
    recognizer.bias(home_phrases(models, home))
    return recognizer


def test_prompt_puts_the_home_first_and_repeats_are_dropped():
    prompt = prompt_for(["desk lamp", "office", "Desk  Lamp"])
    assert prompt.startswith("Desk lamp, office,") and prompt.lower().count("desk lamp") == 1
    assert once("Turn off the heating. Turn off the heating.") == "Turn off the heating."
    assert once("Lamp on. Heat up.") == "Lamp on. Heat up."


def test_a_reading_held_to_the_homes_words_uses_only_them():
    """The second decode suppresses every token the home's words are not written with."""
    recognizer = WhisperRecognizer(bundled_model_dir(), vocabulary=["turn", "off", "on", "the", "lamp", "light"])
    recognizer.bias(["desk lamp", "office"])
    assert recognizer._outside("Set the ramp to 40%") and not recognizer._outside("Turn off the desk lamp.")
    prompt = recognizer._prompt_tokens()
    encoded = recognizer.model.model.encode(recognizer._features(spoken("switch off the desk lamp")), to_cpu=False)
    text, logprob = recognizer._held_to_words(recognizer.model.model, encoded, prompt)
    assert set(spoken_text(text).split()) <= recognizer.words and logprob < 0, text
    assert not WhisperRecognizer(bundled_model_dir())._outside("Set the ramp to 40%")  # no vocabulary, no second decode


def test_a_decoder_loop_is_cut_where_it_starts():
    """A transcript that loops at every temperature ("reading light off, reading, reading, …")
    once read as a reading goal and brightened the lamp: only the words before the loop stay."""
    looping = "Reading light off, reading, reading, reading, reading, reading, reading,"
    assert without_loop(looping) == "Reading light off, reading"
    assert without_loop("set it to 70, 70, 70, 70.") == "set it to 70"
    assert without_loop("turn the lamp up up") == "turn the lamp up up"  # twice is speech, not a loop


def test_silero_finds_speech_after_a_noisy_lead_in():
    audio = spoken("turn off the desk lamp", "noise", seed=3)  # white, babble or hum at 10-25 dB, then speech
    segments = speech_segments(audio, EndpointSettings(detector="silero"))
    assert len(segments) == 1
    lead_in = len(audio) / 16000 - segments[0].end
    assert 0 < segments[0].start < 1.3 and lead_in >= 0
    # The energy detector, on the same audio, is the fallback: it must not crash, whatever it finds.
    speech_segments(audio, EndpointSettings(detector="energy"))
    assert EnergyDetector().frame == 480 and SileroDetector().frame == 512


def test_whisper_hears_commands_in_a_room_and_acts(whisper, interpreter):
    heard = transcribe_recording(whisper, spoken("turn off the desk lamp", "room", voice="flite:rms", seed=1))
    assert "desk lamp" in heard.text.lower() and heard.confidence > 0.5
    out = heard_line(interpreter, heard)
    assert out["kind"] == "action" and out["after"]["desk lamp"]["state"] == "off"


def test_silence_and_noise_are_not_words(whisper):
    rng = np.random.default_rng(5)
    assert transcribe_recording(whisper, np.zeros(16000, np.int16)).text == ""
    hum = pcm16(0.05 * np.sin(np.arange(32000) * 2 * np.pi * 50 / 16000) + rng.normal(0, 0.002, 32000))
    assert transcribe_recording(whisper, hum).text == ""


def test_speculative_decoding_at_the_first_pause(whisper):
    command = spoken("turn off the desk lamp")
    hearing = Hearing(whisper, EndpointSettings(), speculate_ms=100, realtime=False)
    heard = hearing.hear(np.concatenate([command, np.zeros(16000, np.int16)]))
    assert len(heard) == 1 and heard[0].speculative and "desk lamp" in heard[0].transcript.text.lower()
    # A complete sentence: the utterance ended after quick_end_ms of quiet, not end_ms.
    assert heard[0].quiet_ms < EndpointSettings().end_ms
    # The guess began at the first whole frame of the detector past 100 ms of quiet (128 ms with
    # Silero's 32 ms frames), and that is the wait counted, not the 100 asked for.
    frame_ms = hearing.endpointer.frame_ms
    assert heard[0].speculate_ms == math.ceil(100 / frame_ms) * frame_ms
    assert heard[0].after_speech_ms == max(heard[0].quiet_ms, heard[0].speculate_ms + heard[0].decode_ms)
    # A pause in mid-sentence ("turn off the … desk lamp") of ~0.3 s: longer than speculate_ms, so
    # a guess is made there, but shorter than quick_end_ms, so whatever the guess reads like
    # ("Turn off it." was seen), the endpointer waits and the rest is heard. flite is
    # deterministic (Piper draws its timing at random); render() pads 0.6 s before the speech.
    first = spoken("turn off the")[:int(16000 * (0.6 + 1.075 - 0.10))]  # flite: 1.075 s, 0.17 s quiet at the end
    second = spoken("desk lamp")[int(16000 * 0.6):]                     # flite: 0.23 s quiet at the start
    heard = Hearing(whisper, EndpointSettings(), speculate_ms=100, realtime=False).hear(
        np.concatenate([first, second, np.zeros(16000, np.int16)]))
    assert len(heard) == 1, [h.transcript for h in heard]
    assert "lamp" in heard[0].transcript.text.lower() and "off" in heard[0].transcript.text.lower()


def test_complete_sentences():
    assert looks_complete("Turn off the desk lamp.") and looks_complete("Is the heat on?")
    assert not looks_complete("Turn off the,") and not looks_complete("Set it to.")
    assert not looks_complete("") and not looks_complete("and the")


def heard_line(interpreter, heard: Transcript, **extra) -> dict:
    """The interpreter's answer to a transcript, as the daemon hands it on."""
    return run_line(json.dumps({"id": 1, "home": HOME, "utterance": heard.text} | extra), interpreter, heard=heard)


def test_a_doubtful_transcript_is_confirmed_and_yes_carries_it_out(interpreter):
    sure = heard_line(interpreter, Transcript("turn off the desk lamp", 0.9))
    assert sure["kind"] == "action"
    for text, confidence in (("turn off the desk lamp", 0.3),      # the recognizer is unsure
                             ("turn off the desk lamp gravy", 0.9)):  # a word nobody says to a lamp
        out = heard_line(interpreter, Transcript(text, confidence))
        assert out["kind"] == "clarify" and "desk lamp off" in out["say"]
        assert out["after"]["desk lamp"] == HOME[0]["snapshot"]
    asked = heard_line(interpreter, Transcript("turn off the desk lamp", 0.3))
    history = [{"utterance": "turn off the desk lamp", "say": asked["say"]}]
    yes = heard_line(interpreter, Transcript("yes please", 0.9), history=history)
    assert yes["kind"] == "action" and yes["after"]["desk lamp"]["state"] == "off"
    no = heard_line(interpreter, Transcript("no", 0.9), history=history)
    assert no["after"]["desk lamp"] == HOME[0]["snapshot"]
    typed = run_line(json.dumps({"id": 1, "home": HOME, "utterance": "turn off the desk lamp gravy"}), interpreter)
    assert typed["kind"] == "action"  # typed text is not second-guessed


def test_an_unknown_word_gives_way_to_the_next_reading_only_when_the_readings_agree(interpreter):
    """The recognizer's N-best: "set the ramp to 40%" becomes its next in-vocabulary reading,
    but when those readings disagree (a number), nothing is guessed: the first is confirmed."""
    out = heard_line(interpreter, Transcript("Set the ramp to 40%.", 0.8,
                                             ("Set the ramp to 40%,", "Set the lamp to 40%.")))
    assert out["kind"] == "action" and out["after"]["desk lamp"]["brightness"] == 40
    out = heard_line(interpreter, Transcript("Set the heat to certainty.", 0.8,
                                             ("Set the heat to 72.", "Set the heat to 70.")))
    assert out["kind"] == "clarify" and out["after"]["thermostat"] == HOME[1]["snapshot"]
    # A transcript that reads well keeps its own reading, whatever the alternatives say.
    out = heard_line(interpreter, Transcript("Turn off the desk lamp.", 0.8, ("Turn on the desk lamp.",)))
    assert out["after"]["desk lamp"]["state"] == "off"


def test_a_reading_the_model_is_far_surer_of_is_taken_and_a_guess_is_confirmed(interpreter):
    """ "Blower the desk lamp by 5%" (every word known, the model unsure which way) gives way to
    the recognizer's "Lower the desk lamp by 5%"; a heard request whose operation the model only
    guessed is confirmed, not carried out (typed, the same words are not second-guessed)."""
    out = heard_line(interpreter, Transcript("Blower the desk lamp by 5%.", 0.7,
                                             ("Blower the desk lamp by 5%,", "Lower the desk lamp by 5%.")))
    assert out["kind"] == "action" and out["after"]["desk lamp"]["brightness"] == 55, out
    # A reading about more than the first ("whole" for "hope": every lamp) is never taken.
    out = heard_line(interpreter, Transcript("Hope light bulb and desk lamp off.", 0.7,
                                             ("Whole light bulb and desk lamp off,",)))
    assert out["kind"] in ("clarify", "reject") and out["after"]["desk lamp"] == HOME[0]["snapshot"], out
    sure = heard_line(interpreter, Transcript("Turn off the desk lamp.", 0.8, ("Turn off the desk lamb.",)))
    assert sure["after"]["desk lamp"]["state"] == "off"  # the first reading was sure: it stays
    # Garbled readings the model may only guess at (which ones, the trained model decides):
    # every guess is confirmed when heard, unless the words themselves say it ("…its dimmer
    # setting": dimmer; confirming those too measured 6 fewer right of 696 heard requests of
    # probes40–41, no fewer wrong actions); typed, it is not.
    from thoughtful.understanding.interpreter import CONFIRM, WEAK_OPERATION

    guessed = 0
    for text in ("desk lamp on its dimmer setting", "the desk lamp at the bottom", "the desk lamp of the round job",
                 "right, I need up", "half light is on the desk lamp", "dimmer jump", "the desk lamp maybe",
                 "some desk lamp stuff", "the desk lamp a bit", "desk lamp the middle", "lamp, planets, dimmer",
                 "desk lamp more or less", "desk lamp okay then", "the desk lamp at about", "desk lamp fine"):
        prediction = interpreter.lm.predict(text.replace("desk lamp", "lamp"), types={"lamp", "thermostat"})
        if prediction.kind != "command" or prediction.ops or prediction.best[1] < WEAK_OPERATION \
                or interpreter._words_say(prediction.best[0], text.lower().replace("desk lamp", "lamp")):
            continue
        guessed += 1
        out = heard_line(interpreter, Transcript(text, 0.8))
        assert out["kind"] == "clarify" and out["after"]["desk lamp"] == HOME[0]["snapshot"], (text, out)
        typed = run_line(json.dumps({"id": 1, "home": HOME, "utterance": text}), interpreter)
        assert not typed["say"].startswith(CONFIRM), (text, typed)  # typed text is not second-guessed
    assert guessed, "no reading was a guess: find garbled phrases the model is unsure of"


def test_a_surer_reading_is_not_taken_when_it_lost_words_or_made_up_a_number(interpreter):
    """The beam's "Desk lamp, 25 percent," is "…, 25 percent, warmer." with its last word lost:
    taken, a change became a level. "The desk lamp 20." behind "The desk lamp study." has a
    number where the first heard a word: only asked about."""
    out = heard_line(interpreter, Transcript("Desk lamp, 25 percent, warmer.", 0.8,
                                             ("Desk lamp, twenty-five percent,", "Desk lamp, 25 percent,")))
    assert out["after"]["desk lamp"]["brightness"] == 60, out
    out = heard_line(interpreter, Transcript("The desk lamp study.", 0.8, ("The desk lamp 20.", "The desk lamp to 18.")))
    assert out["kind"] == "clarify" and out["after"]["desk lamp"] == HOME[0]["snapshot"], out
    # A number heard in both, read otherwise by the beam, is the beam's to re-read.
    out = heard_line(interpreter, Transcript("Desk lamp to 4 d.", 0.8, ("Desk lamp to 40.",)))
    assert out["after"]["desk lamp"]["brightness"] == 40, out


def test_a_heard_clause_naming_a_device_without_saying_what_is_asked_about(interpreter):
    """ "Turn off all the lights and set the strip light." (heard for "…except the strip light"):
    the second clause names the strip light but asks nothing of it, so the whole reading, which
    switches it off too, is only confirmed; typed, the words are taken as they are."""
    home = [{"name": "main light", "type": "lamp", "room": "bedroom",
             "snapshot": {"state": "on", "brightness": 60, "color_temp": 3000}},
            {"name": "strip light", "type": "lamp", "room": "bedroom",
             "snapshot": {"state": "on", "brightness": 40, "color_temp": 3000}}]
    for text in ("Turn off all the lights and set the strip light.", "Everything off and set the strip light."):
        out = heard_line(interpreter, Transcript(text, 0.9), home=home)
        assert out["kind"] == "clarify" and out["after"]["strip light"]["state"] == "on", (text, out)
    text = "Turn off all the lights and set the strip light."
    typed = run_line(json.dumps({"id": 1, "home": home, "utterance": text}), interpreter)
    assert typed["kind"] == "action" and typed["after"]["main light"]["state"] == "off", typed


def test_a_reading_whose_own_words_say_its_change_is_not_swapped_for_a_surer_other(interpreter):
    """ "Turn up the desk lamp." beside the surer "Turn off the desk lamp.": the words of the first
    say brighter, so neither is done; it is confirmed. Typed, "turn up" brightens it."""
    out = heard_line(interpreter, Transcript("Turn up the desk lamp.", 0.85, ("Turn off the desk lamp.",)))
    assert out["kind"] == "clarify" and out["after"]["desk lamp"] == HOME[0]["snapshot"], out
    typed = run_line(json.dumps({"id": 1, "home": HOME, "utterance": "turn up the desk lamp"}), interpreter)
    assert typed["after"]["desk lamp"]["brightness"] > 60, typed


def test_heard_words_a_recognizer_easily_gets_wrong_are_confirmed(interpreter):
    """ "done" for "down" had switched the thermostat off; "that brighter dimmer" for "not
    brighter, dimmer" had brightened the lamp; "to a 4" for "to a quarter" had set 4%. Heard,
    they are asked about; "done with" and "down" are not in doubt."""
    for text in ("Turn the thermostat done.", "Desk lamp that brighter dimmer.", "Desk lamp to a 4."):
        out = heard_line(interpreter, Transcript(text, 0.9))
        assert out["kind"] == "clarify" and out["after"] == {d["name"]: d["snapshot"] for d in HOME}, (text, out)
    out = heard_line(interpreter, Transcript("Turn the thermostat down.", 0.9))
    assert out["kind"] == "action" and out["after"]["thermostat"]["setpoint"] < 68, out
    out = heard_line(interpreter, Transcript("I'm done with the desk lamp.", 0.9))
    assert out["kind"] == "action" and out["after"]["desk lamp"]["state"] == "off", out


def test_a_second_decoders_reading_that_goes_against_the_first_ones_words_is_not_taken(interpreter):
    """The adapted decoder heard "…cooler" but no amount; the installed one "…one degree, good
    one", which would raise it: the first's words say cooler, so nothing is done."""
    cooling = {"state": "cool", "setpoint": 72, "room_temperature": 78, "fan": "auto"}
    home = [{"name": "mini split", "type": "thermostat", "room": "game room", "snapshot": cooling}]
    heard = Transcript("Hey split on degree cooler.", 0.61, cross_check=Transcript("And a split one degree, good one.", 0.5))
    out = heard_line(interpreter, heard, home=home)
    assert out["after"]["mini split"] == cooling, out
    agreeing = Transcript("Hey split on degree.", 0.61, cross_check=Transcript("Mini split one degree cooler.", 0.5))
    out = heard_line(interpreter, agreeing, home=home)
    assert out["kind"] == "action" and out["after"]["mini split"]["setpoint"] == 71, out


def test_a_second_decoders_reading_with_another_amount_is_confirmed(interpreter):
    """The adapted decoder heard "Best light up by 15." (no device of that name: which lamp?), the
    installed one "Desk light up by 50.": taken alone it had set the desk light to 100%; fifteen
    and fifty are heard one for the other, so the amount is confirmed. With the same amount it acts."""
    desk = {**HOME[0], "name": "desk light", "snapshot": {**HOME[0]["snapshot"], "brightness": 40}}
    home = [desk, {**HOME[0], "name": "floor lamp", "room": "den"}, HOME[1]]
    heard = Transcript("Best light up by 15.", 0.85, cross_check=Transcript("Desk light up by 50.", 0.7))
    out = heard_line(interpreter, heard, home=home)
    assert out["kind"] == "clarify" and out["after"]["desk light"] == desk["snapshot"], out
    heard = Transcript("Best light up by 15.", 0.85, cross_check=Transcript("Desk light up by 15.", 0.7))
    out = heard_line(interpreter, heard, home=home)
    assert out["kind"] == "action" and out["after"]["desk light"]["brightness"] == 55, out


def test_too_before_a_comparative_is_perhaps_two_and_no_second_reading_acts_alone(interpreter):
    """ "Cabana ac too cooler." (for "…2 cooler") was refused, and the second decoder's "cabana ac,
    too cool." then raised the setpoint alone: "too" before a comparative may be "two", so the
    second's reading is confirmed; typed, "too cool" still asks for warmer."""
    ac = {"name": "cabana ac", "type": "thermostat", "room": "cabana",
          "snapshot": {"state": "cool", "setpoint": 76, "room_temperature": 85, "fan": "auto"}}
    heard = Transcript("Cabana ac too cooler.", 0.9, cross_check=Transcript("cabana ac, too cool.", 0.66))
    out = heard_line(interpreter, heard, home=[ac])
    assert out["kind"] == "clarify" and out["after"]["cabana ac"] == ac["snapshot"], out
    typed = run_line(json.dumps({"id": 1, "home": [ac], "utterance": "cabana ac, too cool"}), interpreter)
    assert typed["kind"] == "action" and typed["after"]["cabana ac"]["setpoint"] > 76, typed


def test_a_heard_amount_that_runs_past_the_end_is_confirmed(interpreter):
    """Both decoders heard "Desk light up by 50." for "…by 15" at 80%: it had set 100% (clamped
    from 130). A heard step past the end of the range is confirmed; one that fits, and the same
    typed, act."""
    home = [{**HOME[0], "name": "desk light", "snapshot": {**HOME[0]["snapshot"], "brightness": 80}}, HOME[1]]
    heard = Transcript("Desk light up by 50.", 0.86, cross_check=Transcript("Desk light up by 50.", 0.8))
    out = heard_line(interpreter, heard, home=home)
    assert out["kind"] == "clarify" and out["after"]["desk light"]["brightness"] == 80, out
    heard = Transcript("Desk light up by 15.", 0.86, cross_check=Transcript("Desk light up by 15.", 0.8))
    assert heard_line(interpreter, heard, home=home)["after"]["desk light"]["brightness"] == 95
    typed = run_line(json.dumps({"id": 1, "home": home, "utterance": "desk light up by 50"}), interpreter)
    assert typed["kind"] == "action" and typed["after"]["desk light"]["brightness"] == 100, typed


def test_a_possessive_name_is_a_known_word_and_a_lost_amount_is_asked_about(interpreter):
    """ "Emma's lamp brighter." was confirmed, "emma's" taken for a word nothing here knows (the
    possessive was stripped before it was looked up among the names); "…then the boiler of the
    degree." (for "up a degree") had switched the boiler off: a unit with no number is asked about."""
    home = [{**HOME[0], "name": "emma's lamp", "room": "emma's room"}, {**HOME[1], "name": "boiler"}]
    out = heard_line(interpreter, Transcript("Emma's lamp brighter.", 0.9), home=home)
    assert out["kind"] == "action" and out["after"]["emma's lamp"]["brightness"] > 60, out
    out = heard_line(interpreter, Transcript("Emma's lamp off then the boiler of the degree.", 0.9), home=home)
    assert out["kind"] == "clarify" and out["after"] == {d["name"]: d["snapshot"] for d in home}, out


def test_an_amount_is_no_echo_of_a_numbered_name(interpreter):
    """ "Bedroom ac 2 degrees cooler." was confirmed: its "2" was taken for a word of "lamp 2"'s
    name said without the rest; beside a lamp's noun it still is one ("2 lamp 1 down.")."""
    lamp = lambda n: {"name": f"lamp {n}", "type": "lamp", "room": "bedroom",
                      "snapshot": {"state": "on", "brightness": 50, "color_temp": 2700}}
    ac = {"name": "bedroom ac", "type": "thermostat", "room": "bedroom",
          "snapshot": {"state": "cool", "setpoint": 74, "room_temperature": 78, "fan": "auto"}}
    home = [lamp(1), lamp(2), ac]
    out = heard_line(interpreter, Transcript("Bedroom ac 2 degrees cooler.", 0.9), home=home)
    assert out["kind"] == "action" and out["after"]["bedroom ac"]["setpoint"] == 72, out
    out = heard_line(interpreter, Transcript("2 lamp 1 down.", 0.9), home=home)
    assert out["kind"] == "clarify" and out["after"] == {d["name"]: d["snapshot"] for d in home}, out


def test_a_heard_clause_keeping_a_device_as_it_is_spares_it(interpreter):
    """ "Keep the main thermostat as it is and dim the bedroom lamp.", heard clearly, was
    confirmed: the first clause was read as a request that said nothing of the thermostat."""
    out = heard_line(interpreter, Transcript("Keep the thermostat as it is and dim the desk lamp.", 0.95))
    assert out["kind"] == "action" and out["after"]["desk lamp"]["brightness"] < 60, out
    assert out["after"]["thermostat"] == HOME[1]["snapshot"], out


def test_a_heard_colour_alone_with_nothing_to_continue_is_asked_about(interpreter):
    """ "And gold." (heard for "I'm cold") had made the lamp yellow: a named value alone, with no
    device, no verb and no change just before, is confirmed; typed, "gold" is done."""
    out = heard_line(interpreter, Transcript("And gold.", 0.9))
    assert out["kind"] == "clarify" and out["after"] == {d["name"]: d["snapshot"] for d in HOME}, out
    typed = run_line(json.dumps({"id": 1, "home": HOME, "utterance": "gold"}), interpreter)
    assert typed["kind"] == "action" and typed["after"]["desk lamp"]["color"]["hue"] == 55, typed


def test_a_heard_correction_instead_of_a_change_to_something_else_is_asked_about(interpreter):
    """ "Make it 3 instead." (for "green", just after the lamp was made red) had set it to 3%: a
    correction replaces what the last change set, so another setting is confirmed."""
    red = {"state": "on", "brightness": 60, "color": {"hue": 0, "saturation": 100}}
    home = [{**HOME[0], "snapshot": red}, HOME[1]]
    history = [{"at": "2026-11-28T19:59:40", "utterance": "make the desk lamp red", "say": "Made it red."},
               {"at": "2026-11-28T19:59:40", "device": "desk lamp", "changed": {"color": red["color"]},
                "from": {"color_temp": 4000}, "by": "voice", "why": "asked"}]
    extra = {"home": home, "history": history, "now": "2026-11-28T20:00:00"}
    out = heard_line(interpreter, Transcript("Make it 3 instead.", 0.94), **extra)
    assert out["kind"] == "clarify" and out["after"]["desk lamp"] == red, out
    out = heard_line(interpreter, Transcript("Make it green instead.", 0.94), **extra)
    assert out["kind"] == "action" and abs(out["after"]["desk lamp"]["color"]["hue"] - 120) < 40, out


def test_a_first_reading_swapped_for_its_alternative_is_not_done_when_the_second_names_another_device(
        interpreter):
    """ "Colder lamp on." (for "corner lamp on") was taken as its beam's surer "Lower the lamp on."
    and dimmed the lamp, while the installed decoder heard "corner lamp on," (unsure): the two
    disagree about which device, so it is asked about."""
    home = [{"name": "lamp", "type": "lamp", "room": "living room",
             "snapshot": {"state": "on", "brightness": 60, "color_temp": 2700}},
            {"name": "corner lamp", "type": "lamp", "room": "living room", "snapshot": {"state": "off"}}]
    second = Transcript("corner lamp on,", 0.46, ("corner lamp on.", "Corona lamp on."))
    first = Transcript("Colder lamp on.", 0.71, ("Lower the lamp on.", "Colder lamp on?"), second)
    out = heard_line(interpreter, first, home=home)
    assert out["kind"] == "clarify" and out["after"] == {d["name"]: d["snapshot"] for d in home}, out


def test_a_second_decoders_reading_checks_the_first(interpreter):
    """The adapted decoder's transcript with the installed one's reading of the same speech:
    both would do the same → done; different changes → asked; only the first acts → done when
    the recognizer is sure of it, asked otherwise; only the second → done when the first
    missed (no question, no change it was unsure of). Nothing changes while they are tried."""
    def heard(first, confidence, second, second_confidence=0.8):
        return Transcript(first, confidence, cross_check=Transcript(second, second_confidence))

    same = heard_line(interpreter, heard("Turn off the desk lamp.", 0.9, "turn off the desk lamp,"))
    assert same["kind"] == "action" and same["after"]["desk lamp"]["state"] == "off"
    # the same changes in another order are the same ("…, then the heat up" beside "heat up, …")
    same = heard_line(interpreter, heard("Dim the desk lamp and turn the heat up.", 0.9,
                                         "turn the heat up, and the desk lamp dimmer."))
    assert same["kind"] == "action" and same["after"]["desk lamp"]["brightness"] < 60, same
    # "another" is a word requests use: both heard it, and it is done
    another = heard_line(interpreter, heard("Turn the heat down another two.", 0.93, "Turn the heat down another two."))
    assert another["kind"] == "action" and another["after"]["thermostat"]["setpoint"] == 66, another
    different = heard_line(interpreter, heard("Put the heat on 60 degrees.", 0.9, "Put the heat on 69 degrees."))
    assert different["kind"] == "clarify" and different["after"]["thermostat"] == HOME[1]["snapshot"]
    for confidence, kind in ((0.9, "action"), (0.6, "clarify")):  # the second is garbled
        alone = heard_line(interpreter, heard("Turn off the desk lamp.", confidence, "Turn of the dusk lump.", 0.4))
        assert alone["kind"] == kind and (alone["after"]["desk lamp"]["state"] == "off") == (kind == "action")
    # "twice" is a word requests use: the second's "…, twice as bright." is not taken for its beam's
    # "…, white, white, bright," (which had made the lamp white at 4000 K)
    twice = heard_line(interpreter, Transcript("Tusk lamp twice as bright.", 0.84, cross_check=Transcript(
        "desk lamp, twice as bright.", 0.62, ("desk lamp, twice as bright,", "desk lamp, white, white, bright,"))))
    assert twice["kind"] != "action" and twice["after"]["desk lamp"] == HOME[0]["snapshot"], twice
    # Only the second heard a "don't": the first, however sure, is asked about.
    negated = heard_line(interpreter, heard("Oh, turn off the desk lamp.", 0.9, "Don't turn off the desk lamp.", 0.8))
    assert negated["kind"] == "clarify" and negated["after"]["desk lamp"] == HOME[0]["snapshot"], negated
    missed = heard_line(interpreter, heard("Turn of the dusk lump.", 0.4, "Turn off the desk lamp.", 0.9))
    assert missed["kind"] == "action" and missed["after"]["desk lamp"]["state"] == "off"
    # Different changes, but the second decoder has the first's reading among its own (and not
    # the other way round): the first's
    behind = Transcript("Set the desk lamp to 40%.", 0.9, cross_check=Transcript(
        "Set the desk lamp to 30%.", 0.8, ("Set the desk lamp, to 40%.",)))
    assert heard_line(interpreter, behind)["after"]["desk lamp"]["brightness"] == 40
    both_ways = Transcript("Set the desk lamp to 40%.", 0.9, ("Set the desk lamp to 30%.",), behind.cross_check)
    assert heard_line(interpreter, both_ways)["kind"] == "clarify"
    asks_the_same = heard_line(interpreter, heard("Turn off the disk lamp.", 0.8, "Turn off the desk lamp.", 0.8))
    assert asks_the_same["kind"] == "action" and asks_the_same["after"]["desk lamp"]["state"] == "off", asks_the_same
    unsure = heard_line(interpreter, heard("Turn off the desk lamp.", 0.3, "Turn off the desk lamp and the heat.", 0.9))
    assert unsure["kind"] == "clarify" and unsure["after"]["desk lamp"] == HOME[0]["snapshot"]
    question = heard_line(interpreter, heard("How do I turn the desk lamp off?", 0.8, "I'll do my turn the desk lamp off."))
    assert question["kind"] == "explanation" and question["after"]["desk lamp"] == HOME[0]["snapshot"]
    # The first heard a question about a device it did not know ("Is the thing light dimmable?"
    # for "is the big light dimmable?"); the second's request ("It's a big light, dimmer") had
    # dimmed it: a question heard is not carried out as a change (answered or asked about).
    asked = heard_line(interpreter, heard("Is the thing lamp dimmable?", 0.6, "It's a desk lamp, dimmer, oh.", 0.6))
    assert asked["kind"] in ("clarify", "explanation") and asked["after"]["desk lamp"] == HOME[0]["snapshot"], asked


def test_a_heard_on_and_off_done_only_one_way_is_asked_about(interpreter):
    """ "So full lamp on and big light off." (for "sofa lamp on…") switched only the big light
    off: the words say "on" and "off", the changes only one of them, so a clause was lost.
    Typed, or with "on" only where ("lights off on the landing"), it is done."""
    home = [{"name": "sofa lamp", "type": "lamp", "room": "lounge", "snapshot": {"state": "off"}},
            {"name": "big light", "type": "lamp", "room": "lounge", "snapshot": {"state": "on", "brightness": 70,
                                                                                 "color_temp": 3000}},
            {"name": "landing light", "type": "lamp", "room": "landing", "snapshot": {"state": "on", "brightness": 70,
                                                                                      "color_temp": 3000}}]
    before = {d["name"]: d["snapshot"] for d in home}
    lost = heard_line(interpreter, Transcript("So full lamp on and big light off.", 0.9), home=home)
    assert lost["kind"] == "clarify" and lost["after"] == before, lost
    where = heard_line(interpreter, Transcript("Lights off on the landing.", 0.95), home=home)
    assert where["kind"] == "action" and where["after"]["landing light"]["state"] == "off", where
    both = heard_line(interpreter, Transcript("Sofa lamp on and big light off.", 0.95), home=home)
    assert both["kind"] == "action" and both["after"]["sofa lamp"]["state"] == "on", both


def test_a_rehearsal_leaves_the_home_as_it_was(models):
    from thoughtful.state.device import Change
    from thoughtful.understanding.batch import home_from_case
    from thoughtful.understanding.contract import CaseInput

    home = home_from_case(CaseInput.model_validate({"home": HOME, "utterance": "x"}), models)
    before, logged = home.snapshots(), len(home.provenance)
    remembered = {name: dict(d.memory) for name, d in home.devices.items()}
    tried = home.rehearsal()
    tried.apply("desk lamp", Change(state="off"), by="voice", why="asked")
    tried.apply("thermostat", Change(set={"setpoint": 72}), by="voice", why="asked")
    assert tried["desk lamp"].snapshot["state"] == "off" and len(tried.provenance) == logged + 2
    assert home.snapshots() == before and len(home.provenance) == logged
    assert {name: dict(d.memory) for name, d in home.devices.items()} == remembered


def test_whisper_gives_its_other_readings(whisper):
    heard = transcribe_recording(whisper, spoken("set the heat to seventy two", "room", voice="flite:rms", seed=2))
    assert heard.text and heard.alternatives and heard.text not in heard.alternatives


def test_a_lost_number_is_asked_for_when_typed_and_heard_as_two(interpreter):
    out = run_line(json.dumps({"id": 1, "home": HOME, "utterance": "turn the thermostat down to degrees"}),
                   interpreter)
    assert out["kind"] == "clarify" and "how many degrees" in out["say"].lower()
    heard = heard_line(interpreter, Transcript("Turn the thermostat down to degrees.", 0.8))
    assert heard["after"]["thermostat"]["setpoint"] == 66, heard  # Whisper's "to" for "two"
    for garbled, setpoint in (("Set the heat to 7j2.", 72), ("Set the heat to 6T8.", 68), ("Set the heat to 7T.", 70),
                              ("Set the heat to 7D.", 70), ("Set the heat to 7 d.", 70)):
        heard = heard_line(interpreter, Transcript(garbled, 0.8))  # Whisper's "seventy-two", "seventy"
        assert heard["after"]["thermostat"]["setpoint"] == setpoint, (garbled, heard)
    assert heard_numbers("a 5k run in 3D") == "a 5k run in 3D"
    # "to a quarter" heard as "two quarter" once set 50%: two of them would be "two quarters"
    quarter = heard_line(interpreter, Transcript("Desk lamp, two quarter.", 0.8))
    assert 20 <= quarter["after"]["desk lamp"]["brightness"] <= 30, quarter
    possessive = heard_line(interpreter, Transcript("The office's lamp off.", 0.8))
    assert possessive["after"]["desk lamp"]["state"] == "off", possessive  # a possessive is a known word


def test_spoken_benchmark_reports_per_condition(tmp_path, models, whisper, interpreter):
    from thoughtful.bench.speech import load_cases
    from thoughtful.bench.spoken import build_set, run_spoken
    from thoughtful.speech.factory import home_phrases

    cases = [c for c in load_cases() if c["id"] in ("spoken-0", "spoken-27")]  # a command, out of scope
    template = {**cases[1], "id": "typed-only", "utterance": "{{ lights.off }}"}  # read out, it is "lights off"
    audio_cases = build_set([*cases, template], tmp_path / "spoken", voices=["flite:rms", "espeak:en-us"])
    assert len(audio_cases) == 8 and all(c["audio"].endswith(".wav") for c in audio_cases)
    assert {c["rate"] for c in audio_cases} == {16000, 44100}
    lines = (tmp_path / "spoken" / "audio-cases.jsonl").read_text().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [c["id"] for c in audio_cases]
    mtimes = [p.stat().st_mtime for p in sorted((tmp_path / "spoken").glob("*.wav"))]
    build_set(cases, tmp_path / "spoken", voices=["flite:rms", "espeak:en-us"])  # cached: not rendered again
    assert mtimes == [p.stat().st_mtime for p in sorted((tmp_path / "spoken").glob("*.wav"))]
    report, outcomes = run_spoken("whisper", lambda: whisper, interpreter, audio_cases,
                                  lambda case: home_phrases(models, None))
    for label in ("clean", "room", "noise", "both", "flite:rms", "wrong actions", "end of speech"):
        assert label in report
    out_of_scope = [o for o in outcomes if o.case["category"] == "out-of-scope"]
    assert out_of_scope and not any(o.kind == "action" for o in out_of_scope)
    clean = [o for o in outcomes if o.case["condition"] == "clean"]
    assert all(o.ok for o in clean), [(o.transcript, o.problems) for o in clean]


def test_transcript_keeps_confidence_through_wake_phrase():
    from thoughtful.speech.listener import Activation
    from thoughtful.speech.settings import SpeechSettings

    wake = Activation(SpeechSettings(activation="wake_phrase"))
    assert wake.accept(Transcript("hey thoughtful lamp off", 0.7)) == Transcript("lamp off", 0.7)
    checked = wake.accept(Transcript("hey thoughtful lamp off", 0.7, cross_check=Transcript("hey thoughtful lamp of", 0.5)))
    assert checked == Transcript("lamp off", 0.7, cross_check=Transcript("lamp of", 0.5))


def test_listen_on_an_alsa_microphone(tmp_path, model_dir):
    """`thoughtful listen --mic DEVICE` through real ALSA and arecord: an ALSA device whose
    capture reads a recording (the `file` plugin), as a USB microphone's would."""
    import os
    import subprocess
    import sys

    speech = spoken("turn on the lamp", "room", voice="flite:rms", seed=4)
    recording = tmp_path / "room.raw"
    recording.write_bytes(np.concatenate([speech, np.zeros(24000, np.int16)]).astype("<i2").tobytes())
    (tmp_path / "asoundrc").write_text(
        f'pcm.recording {{ type file slave.pcm "null" file "/dev/null" infile "{recording}" format "raw" }}\n')
    (tmp_path / "alsa.conf").write_text(f"</usr/share/alsa/alsa.conf>\n<{tmp_path / 'asoundrc'}>\n")
    listen = subprocess.Popen([sys.executable, "-m", "thoughtful", "listen", "--mic", "recording", "--model",
                               str(model_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "ALSA_CONFIG_PATH": str(tmp_path / "alsa.conf"),
                                   "HOME": str(tmp_path)})
    try:
        lines = []
        while not any(line.startswith("  ") for line in lines):  # a transcript, then what it would do
            line = listen.stdout.readline()
            assert line, listen.stderr.read()
            lines.append(line)
    finally:
        listen.terminate()
        listen.wait(10)
    heard = next(line for line in lines if line.startswith("heard:"))
    assert "lamp" in heard.lower() and " on" in heard.lower(), lines
    reply = lines[-1].strip()  # carried out, or (at a low confidence) asked about: never something else
    assert reply.startswith(("action:", "clarify: I'm not sure I heard you right")) and "lamp" in reply, lines


def test_heard_numbers_a_recognizer_mixes_up_are_confirmed(interpreter):
    """ "up two" heard as "up too" had raised the setpoint by one; "forty percent" heard as
    "14%" set 14%; "two warmer" heard as "to warmer" had raised it by one: heard, these are
    asked about; said plainly, they act."""
    for text in ("Turn the thermostat up too.", "Turn the thermostat up to.", "Desk lamp off and the heater up to.",
                 "Set the desk lamp to 14%.", "Desk lamp to 15.", "Thermostat to warmer.",  # "two warmer"
                 "Desk lamp off, then thermostat down do.",  # "down two"
                 "Desk lamp to 8 it."):  # "eighty"
        out = heard_line(interpreter, Transcript(text, 0.9))
        assert out["kind"] == "clarify" and out["after"] == {d["name"]: d["snapshot"] for d in HOME}, (text, out)
    assert heard_line(interpreter, Transcript("Turn the thermostat up two.", 0.9))["after"]["thermostat"]["setpoint"] == 70
    assert heard_line(interpreter, Transcript("Thermostat a bit warmer.", 0.9))["after"]["thermostat"]["setpoint"] > 68
    assert heard_line(interpreter, Transcript("Set the desk lamp to 40%.", 0.9))["after"]["desk lamp"]["brightness"] == 40


def test_words_people_say_for_levels_and_amounts_are_known_when_heard(interpreter):
    """A transcript with a word the language layer does not know is confirmed, not acted on;
    "halfway", "a couple of", "knock … down" are words requests use."""
    for text, key, value in [("Set the desk lamp halfway.", "brightness", 50),
                             ("Knock the heat down a couple of degrees.", "setpoint", 66),
                             ("Nudge the desk lamp up by 10%.", "brightness", 70)]:
        out = heard_line(interpreter, Transcript(text, 0.8))
        device = "desk lamp" if key == "brightness" else "thermostat"
        assert out["kind"] == "action" and out["after"][device][key] == value, (text, out)
    # a number lost for a device's word ("Heat on to ac.", for "to 18") is asked about, not defaulted
    out = heard_line(interpreter, Transcript("Thermostat on to ac.", 0.9))
    assert out["kind"] == "clarify" and out["after"]["thermostat"] == HOME[1]["snapshot"], out
    # a contraction is a known word: "shouldn't" had made a clearly heard request one to confirm
    out = heard_line(interpreter, Transcript("The desk lamp shouldn't be so bright.", 0.98))
    assert out["kind"] == "action" and out["after"]["desk lamp"]["brightness"] < 60, out
    # "except" leaves a device out, heard as typed
    out = heard_line(interpreter, Transcript("Turn off everything except the thermostat.", 0.9))
    assert out["kind"] == "action" and out["after"]["desk lamp"]["state"] == "off", out
    assert out["after"]["thermostat"] == HOME[1]["snapshot"], out


def test_a_heard_correction_takes_its_number_for_what_was_just_changed(interpreter):
    """ "Actually make that 72." right after the heating was set: the number is the setpoint
    (a number for nothing named is otherwise confirmed when heard)."""
    history = [{"at": "2026-11-29T20:00:00", "utterance": "set the heat to 70", "say": "Done."},
               {"at": "2026-11-29T20:00:00", "device": "thermostat", "changed": {"setpoint": 70},
                "from": {"setpoint": 68}, "by": "voice", "why": "asked"}]
    home = [HOME[0], {**HOME[1], "snapshot": {**HOME[1]["snapshot"], "setpoint": 70}}]
    line = {"id": 1, "home": home, "utterance": "Actually make that 72.", "history": history,
            "now": "2026-11-29T20:00:30"}
    out = run_line(json.dumps(line), interpreter, heard=Transcript("Actually make that 72.", 0.9))
    assert out["kind"] == "action" and out["after"]["thermostat"]["setpoint"] == 72, out
    assert out["after"]["desk lamp"] == HOME[0]["snapshot"], out
    nothing = heard_line(interpreter, Transcript("Set the easy to 72.", 0.9))  # no history: asked
    assert nothing["kind"] == "clarify" and nothing["after"]["thermostat"] == HOME[1]["snapshot"], nothing


def test_a_transcripts_commas_are_pauses_unless_both_sides_name_something(interpreter, models):
    from thoughtful.understanding.batch import home_from_case
    from thoughtful.understanding.contract import CaseInput

    home = home_from_case(CaseInput.model_validate({"home": HOME, "utterance": "x"}), models)
    join = interpreter._pauses_joined
    assert join(["desk lamp", "to 20", "thermostat to 70"], home) == ["desk lamp to 20", "thermostat to 70"]
    assert join(["lower", "the desk lamp", "5 percent"], home) == ["lower the desk lamp 5 percent"]
    assert join(["switch the desk lamp off", "the fan on"], home) == ["switch the desk lamp off", "the fan on"]
    # a piece that only says how goes with the one before that says what
    assert join(["desk lamp 10 percent", "brighter"], home) == ["desk lamp 10 percent brighter"]
    assert join(["don't make it darker", "make it brighter"], home) == ["don't make it darker", "make it brighter"]
    out = heard_line(interpreter, Transcript("desk lamp, 10%, brighter,", 0.8))
    assert out["after"]["desk lamp"]["brightness"] == 70, out
    # "up to degrees" heard is "up two degrees", never the maximum; typed, the planner asks.
    out = heard_line(interpreter, Transcript("heating up to degrees, please.", 0.9))
    assert out["after"]["thermostat"]["setpoint"] == 70, out
    from thoughtful.state.registry import Units
    from thoughtful.understanding.ask import Ask

    with pytest.raises(Ask, match="how many degrees"):
        interpreter.planner.plan(["thermostat:setpoint=max"], "heating up to degrees", Units())


def test_a_name_heard_split_or_joined_and_a_clause_saying_a_word_of_a_name(interpreter):
    """Whisper writes "night light" for the "nightlight" (and the other way); "…, then set
    upstairs to 70" is about the upstairs thermostat, not a pause after the nightlight (it had
    set the nightlight to 70%)."""
    home = [{"name": "nightlight", "type": "lamp", "room": "nursery", "snapshot": {"state": "on", "brightness": 5,
                                                                                "color_temp": 2200}},
            {"name": "upstairs thermostat", "type": "thermostat", "room": "landing",
             "snapshot": {"state": "heat", "setpoint": 68, "room_temperature": 67, "fan": "auto"}},
            {"name": "floor lamp", "type": "lamp", "room": "den", "snapshot": {"state": "off"}}]
    for text in ("Turn the night light off, then set upstairs to 70.", "Turn the nightlight off, then set upstairs to 70."):
        out = heard_line(interpreter, Transcript(text, 0.85), home=home)
        assert out["kind"] == "action" and out["after"]["nightlight"] == {"state": "off"}, (text, out)
        assert out["after"]["upstairs thermostat"]["setpoint"] == 70, (text, out)
    out = heard_line(interpreter, Transcript("Turn on the floorlamp.", 0.9), home=home)
    assert out["kind"] == "action" and out["after"]["floor lamp"]["state"] == "on", out
    assert interpreter.resolver.spoken_forms("nightlight") == ["night light", "nightlight"]


def test_a_heard_word_of_a_name_whose_device_would_not_change_is_confirmed(interpreter):
    """ "Mirror light up and the wall then warm it." (for "mirror light off and the wall lamp
    warmer") had made the mirror light warmer: "wall" says the wall lamp, which nothing changed."""
    home = [{"name": "mirror light", "type": "lamp", "room": "bathroom",
             "snapshot": {"state": "on", "brightness": 100, "color_temp": 5000}},
            {"name": "wall lamp", "type": "lamp", "room": "lounge", "snapshot": {"state": "on", "brightness": 50,
                                                                               "color_temp": 2700}}]
    before = {d["name"]: d["snapshot"] for d in home}
    out = heard_line(interpreter, Transcript("Mirror light up and the wall then warm it.", 0.8), home=home)
    assert out["kind"] == "clarify" and out["after"] == before, out
    out = heard_line(interpreter, Transcript("Make the wall lamp warmer.", 0.8), home=home)  # named whole: done
    assert out["kind"] == "action" and out["after"]["wall lamp"]["color_temp"] < 2700, out
    out = heard_line(interpreter, Transcript("Turn off all the lights except the wall lamp.", 0.8), home=home)
    assert out["kind"] == "action" and out["after"]["wall lamp"] == before["wall lamp"], out  # left out, as said


def test_a_heard_in_before_a_devices_name_is_and(interpreter):
    """ "Turn the cabinet light on in the ceiling light off." had left the cabinet light off and
    switched the ceiling light off; so with "into"; a room after "in" stays a room."""
    home = [{"name": "cabinet light", "type": "lamp", "room": "kitchen", "snapshot": {"state": "off"}},
            {"name": "ceiling light", "type": "lamp", "room": "kitchen", "snapshot": {"state": "on", "brightness": 90,
                                                                                   "color_temp": 4000}},
            {"name": "lamp", "type": "lamp", "room": "lounge", "snapshot": {"state": "off"}}]
    out = heard_line(interpreter, Transcript("Turn the cabinet light on in the ceiling light off.", 0.9), home=home)
    assert out["kind"] == "action" and out["after"]["cabinet light"]["state"] == "on", out
    assert out["after"]["ceiling light"] == {"state": "off"} and out["after"]["lamp"] == {"state": "off"}, out
    out = heard_line(interpreter, Transcript("Turn on the lamp in the lounge.", 0.9), home=home)
    assert out["after"]["lamp"]["state"] == "on" and out["after"]["cabinet light"] == {"state": "off"}, out
    # "…right into the ceiling light off." (for "red and"): a clause that asks nothing known of the
    # cabinet light, so a question; read whole, both lights had gone off.
    before = {d["name"]: d["snapshot"] for d in home}
    out = heard_line(interpreter, Transcript("Turn the cabinet light right into the ceiling light off.", 0.9), home=home)
    assert out["kind"] == "clarify" and out["after"] == before, out


def test_a_device_called_only_light_is_confirmed_when_heard_beside_a_reading_light(interpreter):
    """ "reading light off" heard as "We did light off": the device called just "light" is what a
    lost word leaves, so it is asked about; typed, "light off" means that device, and so does
    "the light in the kitchen" heard (the reading light is in the den)."""
    on = {"state": "on", "brightness": 50, "color_temp": 3000}
    home = [{"name": "light", "type": "lamp", "room": "kitchen", "snapshot": on},
            {"name": "reading light", "type": "lamp", "room": "den", "snapshot": on}]
    line = lambda text, heard=None: run_line(json.dumps({"id": 1, "home": home, "utterance": text}), interpreter,
                                             heard=heard)
    heard = line("We did light off,", Transcript("We did light off,", 0.8))
    assert heard["kind"] == "clarify" and heard["after"]["light"] == on, heard
    assert line("light off")["after"]["light"]["state"] == "off"
    sure = line("reading light off", Transcript("reading light off", 0.8))
    assert sure["after"]["reading light"]["state"] == "off" and sure["after"]["light"] == on
    kitchen = line("Turn off the light in the kitchen.", Transcript("Turn off the light in the kitchen.", 0.9))
    assert kitchen["after"]["light"]["state"] == "off", kitchen  # its room tells it from the reading light
    den = line("Turn off the light in the den.", Transcript("Turn off the light in the den.", 0.9))
    assert den["after"]["light"] == on, den
    # Heard as a whole noun phrase, nothing was lost: "the light" is the light; unless a word
    # like the lost one is there ("Read the light of the blue" was "reading light to blue").
    whole = line("Turn the light off.", Transcript("Turn the light off.", 0.9))
    assert whole["after"]["light"]["state"] == "off" and whole["after"]["reading light"] == on, whole
    echo = line("Read the light of the blue,", Transcript("Read the light of the blue,", 0.9))
    assert echo["kind"] != "action" and echo["after"]["light"] == on, echo
    # A clause of its own opens with the name, and the other device named beside it is no
    # mention of the light: "Reading light on and light to 30%." is the two of them.
    both = line("Reading light on and light to 30%.", Transcript("Reading light on and light to 30%.", 0.9))
    assert both["kind"] == "action" and both["after"]["light"]["brightness"] == 30, both
    # "and" or "then" opening the request is no clause's: "Then light to 40." was "den light"
    for text in ("Then light to 40.", "And light to 40."):
        opened = line(text, Transcript(text, 0.95))
        assert opened["kind"] == "clarify" and opened["after"]["light"] == on, (text, opened)
    # The name's own noun is no echo of the lost word: "Dim the light." beside a "night light"
    night = [home[0], {"name": "night light", "type": "lamp", "room": "hall", "snapshot": {"state": "off"}}]
    dim = run_line(json.dumps({"id": 1, "home": night, "utterance": "Dim the light."}), interpreter,
                   heard=Transcript("Dim the light.", 0.85))
    assert dim["kind"] == "action" and dim["after"]["light"]["brightness"] < 50, dim
    # A way of saying a device is not needed is made of known words: not a misheard request.
    done = line("I no longer need the reading light.", Transcript("I no longer need the reading light.", 0.9))
    assert done["after"]["reading light"]["state"] == "off", done


def test_a_name_heard_without_its_number_is_confirmed(interpreter):
    """ "Turn lamp to off." (heard for "turn lamp 2 off") had switched "lamp" off: a name that
    another's is with a number after it, heard followed by "to", "too" or "for" and no number, is
    asked about; "lamp to 50" and "lamp off" are the lamp's."""
    on = {"state": "on", "brightness": 50, "color_temp": 3000}
    home = [{"name": "lamp", "type": "lamp", "room": "bedroom", "snapshot": on},
            {"name": "lamp 2", "type": "lamp", "room": "living room", "snapshot": on}]
    line = lambda text: run_line(json.dumps({"id": 1, "home": home, "utterance": text}), interpreter,
                                 heard=Transcript(text, 0.92))
    for text in ("Turn lamp to off.", "Turn lamp too off."):
        out = line(text)
        assert out["kind"] == "clarify" and out["after"]["lamp"] == on and out["after"]["lamp 2"] == on, (text, out)
    assert line("Turn the lamp to 50.")["after"]["lamp"]["brightness"] == 50
    out = line("Turn lamp 2 off.")
    assert out["after"]["lamp 2"]["state"] == "off" and out["after"]["lamp"] == on, out


def test_a_heard_number_for_nothing_or_a_named_device_left_out_is_confirmed(interpreter):
    """ "set the easy to 72" (the "ac" misheard) names nothing a number could be for, in a home
    where 72 fits the lamp and the thermostat; "Lamp on an ac to 73" names the lamp, and only the
    ac would change: both asked about when heard."""
    for text in ("set the easy to 72.", "Desk lamp on an thermostat to 73."):
        out = heard_line(interpreter, Transcript(text, 0.8))
        assert out["kind"] == "clarify" and out["after"] == {d["name"]: d["snapshot"] for d in HOME}, (text, out)
    sure = heard_line(interpreter, Transcript("Set the thermostat to 72.", 0.8))
    assert sure["after"]["thermostat"]["setpoint"] == 72
    # "warm" says what "by 2" is for, as "warmer" would: done.
    warm = heard_line(interpreter, Transcript("Warm the hallway up by 2.", 0.9))
    assert warm["kind"] == "action" and warm["after"]["thermostat"]["setpoint"] == 70, warm
    # "is the desk lamp off?" with its "is" misheard opens as no command does: confirmed.
    question = heard_line(interpreter, Transcript("As the desk lamp off.", 0.8))
    assert question["kind"] == "clarify" and question["after"]["desk lamp"] == HOME[0]["snapshot"], question
    assert heard_line(interpreter, Transcript("The desk lamp off.", 0.8))["after"]["desk lamp"]["state"] == "off"


def test_a_heard_follow_up_number_said_of_that_is_the_last_changes(interpreter):
    """ "Make that 74." just after the thermostat was set says what the number is for."""
    history = [{"at": "2026-11-28T19:59:40", "utterance": "set the thermostat to 68", "say": "Set."},
               {"at": "2026-11-28T19:59:40", "device": "thermostat", "changed": {"setpoint": 68},
                "from": {"setpoint": 66}, "by": "voice"}]
    out = heard_line(interpreter, Transcript("Make that 74.", 0.95), history=history, now="2026-11-28T20:00:00")
    assert out["kind"] == "action" and out["after"]["thermostat"]["setpoint"] == 74, out
    alone = heard_line(interpreter, Transcript("Make that 74.", 0.95))  # nothing just changed: which?
    assert alone["kind"] != "action", alone


def test_a_refusal_then_the_same_verb_with_no_comma_and_a_refused_state(interpreter):
    """Whisper drops the comma of "don't dim the X, dim the Y"; "No heat to night." (for "no heat
    tonight") had been read as heating and good night, and switched the lamps off."""
    ceiling = {**HOME[0], "name": "ceiling light", "room": "kitchen"}
    out = heard_line(interpreter, Transcript("Don't dim the desk lamp dim the ceiling light.", 0.95),
                     home=[*HOME, ceiling])
    assert out["kind"] == "action" and out["after"]["desk lamp"] == HOME[0]["snapshot"], out
    assert out["after"]["ceiling light"]["brightness"] < 60, out
    night = heard_line(interpreter, Transcript("No heat to night.", 0.9))
    assert night["kind"] != "action" and night["after"] == {d["name"]: d["snapshot"] for d in HOME}, night
    off = heard_line(interpreter, Transcript("No heat tonight.", 0.9))
    assert off["kind"] == "action" and off["after"]["thermostat"]["state"] == "off", off


def test_a_name_heard_as_two_words_or_one_letter_off_is_the_name(interpreter):
    home = [{"name": "nightstand lamp", "type": "lamp", "room": "bedroom",
             "snapshot": {"state": "on", "brightness": 40, "color_temp": 2700}}, *HOME]
    out = heard_line(interpreter, Transcript("Turn off the night stand lamp.", 0.9), home=home)
    assert out["kind"] == "action" and out["after"]["nightstand lamp"] == {"state": "off"}, out
    assert out["after"]["desk lamp"] == HOME[0]["snapshot"], out
    bedroom = {**home[0], "name": "bedroom lamp", "room": "bedroom"}  # in a compound too, clause by clause
    out = heard_line(interpreter, Transcript("Bed room lamp to 60 and the thermostat up 2.", 0.9), home=[bedroom, *HOME])
    assert out["kind"] == "action" and out["after"]["bedroom lamp"]["brightness"] == 60, out
    assert out["after"]["thermostat"]["setpoint"] == 70, out
    strip = {"name": "led strip", "type": "lamp", "room": "office", "snapshot": {"state": "on", "brightness": 50,
                                                                              "color_temp": 2700}}
    out = heard_line(interpreter, Transcript("Make the lead strip blue.", 0.9), home=[strip, *HOME])
    assert out["kind"] == "action" and abs(out["after"]["led strip"]["color"]["hue"] - 230) <= 30, out
    assert out["after"]["desk lamp"] == HOME[0]["snapshot"], out
    unsure = heard_line(interpreter, Transcript("Make the lead strip blue.", 0.75), home=[strip, *HOME])
    assert unsure["kind"] == "clarify" and unsure["after"]["led strip"] == strip["snapshot"], unsure


def test_out_of_scope_words_are_not_swapped_for_a_beam_reading_of_known_words(interpreter):
    """ "call mum" heard "Call home." (beside "Cold home.") had switched the heat up: a reading
    with an unknown word gives way to one of known words, but not when the model is sure the
    words ask for nothing these devices do."""
    out = heard_line(interpreter, Transcript("Call home.", 0.89, ("Cold home.", "Call home!")))
    assert out["kind"] != "action" and out["after"] == {d["name"]: d["snapshot"] for d in HOME}, out


def test_a_beam_reading_that_leaves_out_the_device_named_is_about_the_same_devices(interpreter):
    """ "Turn everything off accept the thermostat." (beside the installed decoder's "…offset,
    thermostat.") had switched the thermostat off too: the beam's "…except the thermostat" is
    about the same devices, the thermostat left out."""
    heard = Transcript("Turn everything off accept the thermostat.", 0.76,
                       ("Turn everything off exact the thermostat.", "Turn everything off except the thermostat."))
    out = heard_line(interpreter, heard)
    assert out["kind"] == "action" and out["after"]["desk lamp"]["state"] == "off", out
    assert out["after"]["thermostat"] == HOME[1]["snapshot"], out


def test_a_word_of_the_changed_devices_name_is_no_echo_of_another_device(interpreter):
    """ "Warm up upstairs." raises the upstairs thermostat; that "upstairs" is also a word of the
    "upstairs light" does not make it a misheard request about the light."""
    home = [{"name": "upstairs light", "type": "lamp", "room": "upstairs hallway", "snapshot": {"state": "off"}},
            {"name": "upstairs thermostat", "type": "thermostat", "room": "upstairs hallway",
             "snapshot": {"state": "heat", "setpoint": 66, "room_temperature": 64, "fan": "auto"}},
            {"name": "downstairs thermostat", "type": "thermostat", "room": "hall",
             "snapshot": {"state": "heat", "setpoint": 68, "room_temperature": 67, "fan": "auto"}}]
    out = heard_line(interpreter, Transcript("Warm up upstairs.", 0.94), home=home)
    assert out["kind"] == "action" and out["after"]["upstairs thermostat"]["setpoint"] > 66, out
    assert out["after"]["downstairs thermostat"] == home[2]["snapshot"], out
    assert out["after"]["upstairs light"] == {"state": "off"}, out


def test_a_heard_step_of_many_degrees_is_confirmed(interpreter):
    """ "The air conditioner down 20." (heard for "back office lamp down twenty") would take the
    heating from 70°F to 50°F: a step of more than a quarter of a temperature's range, heard, is
    confirmed; typed, it is done; a heard step of a few degrees is done too."""
    heater = {"name": "building thermostat", "type": "thermostat", "room": "lobby",
              "snapshot": {"state": "heat", "setpoint": 70, "room_temperature": 67, "fan": "auto"}}
    line = lambda text, heard: run_line(json.dumps({"id": 1, "home": [heater], "utterance": text}), interpreter,
                                        heard=Transcript(text, 0.9) if heard else None)
    out = line("The thermostat down 20.", heard=True)
    assert out["kind"] == "clarify" and out["after"]["building thermostat"]["setpoint"] == 70, out
    out = line("the thermostat down 20", heard=False)
    assert out["kind"] == "action" and out["after"]["building thermostat"]["setpoint"] == 50, out
    out = line("The thermostat down 3.", heard=True)
    assert out["kind"] == "action" and out["after"]["building thermostat"]["setpoint"] == 67, out


def test_words_that_leave_out_or_correct_are_heard_as_known(interpreter):
    """Heard clearly, "turn on sam's lamp, not tom's" is done ("tom's", said to be left out, is
    no lost part of "tom's lamp"), and "no, I meant up" just after the heater went down two
    degrees is that change the other way ("meant" is a word of ours)."""
    lamps = [{"name": f"{who}'s lamp", "type": "lamp", "room": f"{who}'s room", "snapshot": {"state": "off"}}
             for who in ("sam", "tom")]
    out = run_line(json.dumps({"id": 1, "home": lamps, "utterance": "Turn on sam's lamp, not tom's."}), interpreter,
                   heard=Transcript("Turn on sam's lamp, not tom's.", 0.92))
    assert out["kind"] == "action" and out["after"]["sam's lamp"]["state"] == "on", out
    assert out["after"]["tom's lamp"]["state"] == "off", out
    heater = {"name": "nursery heater", "type": "thermostat", "room": "nursery",
              "snapshot": {"state": "heat", "setpoint": 66, "room_temperature": 66, "fan": "auto"}}
    history = [{"at": "2026-12-01T07:00:00", "utterance": "nursery heater down 2", "say": "Down."},
               {"at": "2026-12-01T07:00:00", "device": "nursery heater", "changed": {"setpoint": 66},
                "from": {"setpoint": 68}, "by": "voice"}]
    out = run_line(json.dumps({"id": 2, "home": [heater], "utterance": "No, I meant up.", "history": history,
                               "now": "2026-12-01T07:01:00"}), interpreter, heard=Transcript("No, I meant up.", 0.86))
    assert out["kind"] == "action" and out["after"]["nursery heater"]["setpoint"] == 70, out


def test_a_place_the_home_does_not_have_changes_nothing(interpreter):
    """ "Make the bathroom warmer" in a home whose only heater is in the guest room had warmed
    the guest room: typed, the bathroom is said to be unknown; heard (perhaps "bedroom"), the
    change is confirmed, not made."""
    home = [{"name": "guest room heater", "type": "thermostat", "room": "guest room",
             "snapshot": {"state": "heat", "setpoint": 66, "room_temperature": 64, "fan": "auto"}}]
    line = lambda heard: run_line(json.dumps({"id": 1, "home": home, "utterance": "make the bathroom warmer"}),
                                  interpreter, heard=Transcript("Make the bathroom warmer.", 0.9) if heard else None)
    typed, heard = line(False), line(True)
    assert typed["kind"] == "reject" and "bathroom" in typed["say"], typed
    assert heard["kind"] == "clarify", heard
    assert typed["after"] == heard["after"] == {"guest room heater": home[0]["snapshot"]}
    out = run_line(json.dumps({"id": 2, "home": home, "utterance": "warm up the guest room"}), interpreter)
    assert out["kind"] == "action" and out["after"]["guest room heater"]["setpoint"] > 66, out


def test_now_heard_before_a_device_beside_another_is_confirmed(interpreter):
    """ "Now the desk light, the overhead light off." (heard, by both decoders, for "not the desk
    light, the overhead light off") switched the desk light off too. "Now" right before one of
    two devices named, with nothing said of it, may be "not": asked about. "Now turn the desk
    light off" is a request."""
    on = {"state": "on", "brightness": 70, "color_temp": 4000}
    home = [{"name": "desk light", "type": "lamp", "room": "office", "snapshot": on},
            {"name": "overhead light", "type": "lamp", "room": "office", "snapshot": on}]
    line = lambda text: run_line(json.dumps({"id": 1, "home": home, "utterance": text}), interpreter,
                                 heard=Transcript(text, 0.9))
    out = line("Now the desk light, the overhead light off.")
    assert out["kind"] == "clarify" and out["after"]["desk light"] == on, out
    out = line("Now turn the desk light off.")
    assert out["kind"] == "action" and out["after"]["desk light"]["state"] == "off", out


def test_heard_lists_that_may_have_lost_a_word_are_confirmed(interpreter):
    """ "Everything off the tempest lamp." (for "everything off but Emma's lamp") switched Emma's
    lamp off with the rest, and "Garden spotlight and spotlight off." (for "…on, spotlight off")
    only the spotlight, the garden one being off already: everything then a device joined by
    nothing, and a device left as it is right before "and", are asked about when heard."""
    on = {"state": "on", "brightness": 60, "color_temp": 3000}
    home = [{"name": "spotlight", "type": "lamp", "room": "living room", "snapshot": on},
            {"name": "garden spotlight", "type": "lamp", "room": "garden", "snapshot": {"state": "off"}},
            {"name": "Emma's lamp", "type": "lamp", "room": "Emma's room", "snapshot": on}]
    line = lambda text: run_line(json.dumps({"id": 1, "home": home, "utterance": text}), interpreter,
                                 heard=Transcript(text, 0.9))
    for text in ("Everything off the tempest lamp.", "Everything off the Emma's lamp.",
                 "Garden spotlight and spotlight off."):
        out = line(text)
        assert out["kind"] in ("clarify", "reject") and out["after"]["spotlight"] == on, (text, out)
        assert out["after"]["Emma's lamp"] == on, (text, out)
    out = line("Everything off and the garden spotlight too.")
    assert out["kind"] == "action" and out["after"]["spotlight"]["state"] == "off", out


def test_a_heard_complaint_then_undo_undoes(interpreter):
    """ "Too warm now, go back." heard, just after the heat went up 2, took it to 65°F (the
    clauses of a transcript are joined where it paused): the undo is what to do."""
    lamp = {"name": "lamp", "type": "lamp", "room": "hall",
            "snapshot": {"state": "on", "brightness": 50, "color_temp": 3000}}
    heat = {"name": "thermostat", "type": "thermostat", "room": "hall",
            "snapshot": {"state": "heat", "setpoint": 70, "room_temperature": 67, "fan": "auto"}}
    raised = [{"at": "2026-11-29T08:00:00", "utterance": "thermostat up 2", "say": "Done."},
              {"at": "2026-11-29T08:00:00", "device": "thermostat", "changed": {"setpoint": 70},
               "from": {"setpoint": 68}, "by": "voice", "why": "asked"}]
    line = lambda text: run_line(json.dumps({"id": 1, "home": [lamp, heat], "utterance": text,
                                             "now": "2026-11-29T08:01:00", "history": raised}),
                                 interpreter, heard=Transcript(text, 0.92))
    out = line("Too warm now, go back.")
    assert out["kind"] == "action" and out["after"]["thermostat"]["setpoint"] == 68, out


def test_heard_readings_that_disagree_are_confirmed(interpreter):
    """Each of these acted when heard: "Light strip down by 4." beside the checker's "…by a
    quarter." (an amount heard two ways); "Warm up stairs please." (no heating on the stairs)
    beside "Morning, stairs, please." (the stair light's wake-up: not what the first one's
    words are about: the next test); "All light off." (for "hall light off": "all" before a noun
    in the singular); "…bedroom lamp on up 20." (for "on at 20": up from what, on a lamp that was off)."""
    on = {"state": "on", "brightness": 60, "color_temp": 3000}
    home = [{"name": "light strip", "type": "lamp", "room": "kitchen", "snapshot": on},
            {"name": "hall light", "type": "lamp", "room": "hall", "snapshot": on},
            {"name": "stair light", "type": "lamp", "room": "stairs", "snapshot": {"state": "off"}},
            {"name": "bedroom lamp", "type": "lamp", "room": "bedroom", "snapshot": {"state": "off"}},
            {"name": "thermostat", "type": "thermostat", "room": "living room",
             "snapshot": {"state": "heat", "setpoint": 67, "room_temperature": 65, "fan": "auto"}}]
    line = lambda heard: run_line(json.dumps({"id": 1, "home": home, "utterance": heard.text}), interpreter,
                                  heard=heard)
    quarter = Transcript("Light screw down by a quarter.", 0.6)
    for heard in (Transcript("Light strip down by 4.", 0.8, cross_check=quarter),
                  Transcript("All light off.", 0.9), Transcript("Bedroom lamp on up 20.", 0.9)):
        out = line(heard)
        assert out["kind"] != "action" and all(out["after"][d["name"]] == d["snapshot"] for d in home), (heard, out)
    assert line(Transcript("Light strip down by 4.", 0.8))["after"]["light strip"]["brightness"] == 56
    assert line(Transcript("Bedroom lamp on at 20.", 0.9))["after"]["bedroom lamp"]["brightness"] == 20


def test_the_other_decoder_acting_on_another_type_is_confirmed(interpreter):
    """ "Warm up stairs please." (no heating on the stairs, so asked) beside the checker's
    "Morning, stairs, please." switched the stair light on to wake someone up."""
    heat = {"state": "heat", "setpoint": 67, "room_temperature": 65, "fan": "auto"}
    home = [{"name": "downstairs thermostat", "type": "thermostat", "room": "living room", "snapshot": heat},
            {"name": "upstairs thermostat", "type": "thermostat", "room": "landing", "snapshot": heat},
            {"name": "stair light", "type": "lamp", "room": "stairs", "snapshot": {"state": "off"}}]
    heard = Transcript("Warm up stairs please.", 0.6, cross_check=Transcript("Morning, stairs, please.", 0.5))
    out = run_line(json.dumps({"id": 1, "home": home, "utterance": heard.text}), interpreter, heard=heard)
    assert out["kind"] != "action" and out["after"]["stair light"] == {"state": "off"}, out


def test_a_name_inside_another_heard_alike_by_both_decoders_is_carried_out(interpreter):
    """ "Lamp off." heard by both decoders, surely, beside a "floor lamp" and a "lamp post" was
    asked about (a recognizer may lose "floor"), as it still is when only one decoder heard it so
    or heard it unsure."""
    on = {"state": "on", "brightness": 40, "color_temp": 2700}
    home = [{"name": "lamp", "type": "lamp", "room": "bedroom", "snapshot": on},
            {"name": "floor lamp", "type": "lamp", "room": "living room", "snapshot": on}]
    line = lambda heard: run_line(json.dumps({"id": 1, "home": home, "utterance": heard.text}), interpreter,
                                  heard=heard)
    both = line(Transcript("Lamp off.", 0.9, cross_check=Transcript("lamp off", 0.8)))
    assert both["kind"] == "action" and both["after"]["lamp"] == {"state": "off"}, both
    assert both["after"]["floor lamp"] == on, both
    for heard in (Transcript("Lamp off.", 0.9, cross_check=Transcript("Lamp of.", 0.6)),
                  Transcript("Lamp off.", 0.6, cross_check=Transcript("Lamp off.", 0.5))):
        out = line(heard)
        assert out["kind"] != "action" and out["after"]["lamp"] == on, (heard, out)


def test_an_inflected_known_word_is_no_sign_of_mishearing(interpreter):
    """ "Without changing the colour, make the accent strip brighter." was confirmed in every
    condition: "changing" was taken for a word nothing here knows ("change" without its "e")."""
    on = {"state": "on", "brightness": 30, "color_temp": 3000}
    home = [{"name": "accent strip", "type": "lamp", "room": "living room", "snapshot": on}]
    text = "Without changing the colour, make the accent strip brighter."
    out = run_line(json.dumps({"id": 1, "home": home, "utterance": text}), interpreter, heard=Transcript(text, 0.9))
    assert out["kind"] == "action" and out["after"]["accent strip"]["brightness"] > 30, out


def test_too_before_a_direction_is_confirmed(interpreter):
    """ "Heat too up." (for "heat two up") raised the heat one degree: "too" or "to" before a
    direction may be "two", as before a comparative."""
    heat = {"name": "thermostat", "type": "thermostat", "room": "hall",
            "snapshot": {"state": "heat", "setpoint": 70, "room_temperature": 67, "fan": "auto"}}
    out = run_line(json.dumps({"id": 1, "home": [heat], "utterance": "Heat too up."}), interpreter,
                   heard=Transcript("Heat too up.", 0.9))
    assert out["kind"] == "clarify" and out["after"]["thermostat"] == heat["snapshot"], out


def test_heard_amount_words_and_a_number_to_go_back_to_are_carried_out(interpreter):
    """ "Thermostat plus 2." and "Ceiling lights 10 points brighter.", heard clearly by both
    decoders, were confirmed for "plus" and "points", words these rules read but no state model
    says; "Go back to 68." just after the thermostat went from 68 was confirmed as a number said
    of nothing, though "back" says it is the last change's."""
    plus = heard_line(interpreter, Transcript("Thermostat plus 2.", 0.92))
    assert plus["kind"] == "action" and plus["after"]["thermostat"]["setpoint"] == 70, plus
    points = heard_line(interpreter, Transcript("Desk lamp 10 points brighter.", 0.91))
    assert points["kind"] == "action" and points["after"]["desk lamp"]["brightness"] == 70, points
    warmer = {**HOME[1], "snapshot": {**HOME[1]["snapshot"], "setpoint": 71}}
    raised = [{"at": "2026-11-28T19:59:40", "utterance": "thermostat to 71", "say": "Done."},
              {"at": "2026-11-28T19:59:40", "device": "thermostat", "changed": {"setpoint": 71},
               "from": {"setpoint": 68}, "by": "voice"}]
    back = heard_line(interpreter, Transcript("Go back to 68.", 0.97), home=[HOME[0], warmer], history=raised,
                      now="2026-11-28T20:00:00")
    assert back["kind"] == "action" and back["after"]["thermostat"]["setpoint"] == 68, back


def test_heard_by_and_no_amount_or_a_step_of_eight_is_confirmed(interpreter):
    """ "Bringing the light up by reading." made it the reading light, and "The strip heater up
    8 degrees." (for "up a degree") raised it 8°F: "by" before a word that is no amount, and a
    step of 8 where "a" is often said, are confirmed when heard."""
    for text in ("Bring the desk lamp up by reading.", "The thermostat up 8 degrees."):
        out = heard_line(interpreter, Transcript(text, 0.95))
        assert out["kind"] == "clarify" and out["after"] == {d["name"]: d["snapshot"] for d in HOME}, (text, out)
    typed = run_line(json.dumps({"id": 1, "home": HOME, "utterance": "thermostat up 8 degrees"}), interpreter)
    assert typed["kind"] == "action" and typed["after"]["thermostat"]["setpoint"] == 76, typed


def test_a_name_read_as_its_room_leaves_no_word_of_it_behind(interpreter):
    """ "He has a reading nook right." (for "dim down the reading nook light") made the light
    bright for reading: "reading nook" was read as the room "nook", and "reading" left over as
    the reading goal. A name without its noun is the device."""
    nook = [{"name": "reading nook light", "type": "lamp", "room": "nook",
             "snapshot": {"state": "on", "brightness": 45, "color_temp": 3000}}, HOME[1]]
    out = heard_line(interpreter, Transcript("He has a reading nook right.", 0.64), home=nook)
    assert out["after"]["reading nook light"] == nook[0]["snapshot"], out
    dim = run_line(json.dumps({"id": 1, "home": nook, "utterance": "dim the reading nook"}), interpreter)
    assert dim["kind"] == "action" and dim["after"]["reading nook light"]["brightness"] < 45, dim
    assert dim["after"]["reading nook light"]["color_temp"] == 3000, dim


def test_not_a_name_heard_leaves_it_out(interpreter):
    """ "Turn off the kitchen strip, not a strip." (heard "a" for "the") switched both off."""
    strips = [{"name": "kitchen strip", "type": "lamp", "room": "kitchen", "snapshot": HOME[0]["snapshot"]},
              {"name": "strip", "type": "lamp", "room": "den", "snapshot": HOME[0]["snapshot"]}, HOME[1]]
    out = heard_line(interpreter, Transcript("Turn off the kitchen strip, not a strip.", 0.96), home=strips)
    assert out["after"]["strip"] == HOME[0]["snapshot"] and out["after"]["kitchen strip"] == {"state": "off"}, out


def test_heard_clearly_by_both_decoders_is_carried_out(interpreter):
    """Heard clearly, "Thermostat up 1." beside the second decoder's "Thermostat up one." was
    confirmed (a generic name, not heard twice: "1" and "one" counted as other words); "Lights
    out, I'm going to bed." was confirmed for the "bed" of the bed light, already off; "Make the
    study warmer." for an off thermostat warmed ("up from what?" is for a number said)."""
    two = [HOME[0], {**HOME[1], "name": "thermostat"},
           {"name": "study thermostat", "type": "thermostat", "room": "study",
            "snapshot": {"state": "off", "room_temperature": 65, "fan": "auto"}}]
    both = Transcript("Thermostat up 1.", 0.94, cross_check=Transcript("Thermostat up one.", 0.77))
    up = heard_line(interpreter, both, home=two)
    assert up["kind"] == "action" and up["after"]["thermostat"]["setpoint"] == 69, up
    warmer = heard_line(interpreter, Transcript("Make the study warmer.", 0.97), home=two)
    assert warmer["kind"] == "action" and warmer["after"]["study thermostat"]["state"] == "heat", warmer
    beds = [HOME[0], {"name": "bed light", "type": "lamp", "room": "bedroom", "snapshot": {"state": "off"}}, HOME[1]]
    night = heard_line(interpreter, Transcript("Lights out, I'm going to bed.", 0.97), home=beds)
    assert night["kind"] == "action" and night["after"]["desk lamp"] == {"state": "off"}, night


def test_a_heard_step_of_a_teen_or_a_lost_word_after_a_number_is_confirmed(interpreter):
    """ "Take the workshop lights down 14." (for "down 40") and "Island lights 10 % of." (for
    "10% up") acted: a step of 13–19 points but 15 is confirmed when heard, as such a level is,
    and so is a number ending in "of"; "up 15" is carried out."""
    for text in ("Desk lamp down 14.", "Desk lamp 10 % of."):
        out = heard_line(interpreter, Transcript(text, 0.9))
        assert out["kind"] == "clarify" and out["after"]["desk lamp"] == HOME[0]["snapshot"], (text, out)
    fifteen = heard_line(interpreter, Transcript("Desk lamp up 15.", 0.9))
    assert fifteen["kind"] == "action" and fifteen["after"]["desk lamp"]["brightness"] == 75, fifteen


def test_a_heard_room_whose_device_is_left_as_it_is_is_confirmed(interpreter):
    """ "Kids' lamp, landing, dimmer," (the second decoder's, for "kids' lamp 20 dimmer") dimmed
    the kids' lamp a step: the landing, named, has a light left as it was, so words around it may
    have been lost. "Kids' lamp dimmer." and "Make the hall warmer." still act."""
    home = [{"name": "kids' lamp", "type": "lamp", "room": "kids' room",
             "snapshot": {"state": "on", "brightness": 30, "color_temp": 2700}},
            {"name": "landing light", "type": "lamp", "room": "landing",
             "snapshot": {"state": "on", "brightness": 50, "color_temp": 2700}}]
    out = heard_line(interpreter, Transcript("Kids' lamp, landing, dimmer,", 0.9), home=home)
    assert out["kind"] == "clarify" and out["after"]["kids' lamp"] == home[0]["snapshot"], out
    out = heard_line(interpreter, Transcript("Kids' lamp dimmer.", 0.9), home=home)
    assert out["kind"] == "action" and out["after"]["kids' lamp"]["brightness"] < 30, out
    # a room said to be left alone is no lost word ("Never mind the porch, just the shelf light on.")
    out = heard_line(interpreter, Transcript("Never mind the landing, kids' lamp dimmer.", 0.95), home=home)
    assert out["kind"] == "action" and out["after"]["kids' lamp"]["brightness"] < 30, out
    hall = [home[0], {"name": "thermostat", "type": "thermostat", "room": "hall",
                      "snapshot": {"state": "heat", "setpoint": 68, "room_temperature": 66, "fan": "auto"}}]
    out = heard_line(interpreter, Transcript("Make the hall warmer.", 0.95), home=hall)
    assert out["kind"] == "action" and out["after"]["thermostat"]["setpoint"] > 68, out


def test_a_heard_complaint_then_go_back_without_a_pause_undoes(interpreter):
    """ "Nope, too warm go back." (heard without the comma) took one step back, read as the
    complaint: the change is undone as it is with the pause."""
    heat73 = {**HOME[1], "snapshot": {**HOME[1]["snapshot"], "state": "heat", "setpoint": 73}}
    history = [{"at": "2026-11-29T08:00:00", "utterance": f"{HOME[1]['name']} to 73", "say": "Done."},
               {"at": "2026-11-29T08:00:00", "device": HOME[1]["name"], "changed": {"setpoint": 73},
                "from": {"setpoint": 68}, "by": "voice", "why": "asked"}]
    out = heard_line(interpreter, Transcript("Nope, too warm go back.", 0.8), home=[HOME[0], heat73],
                     history=history, now="2026-11-29T08:01:00")
    assert out["kind"] == "action" and out["after"][HOME[1]["name"]]["setpoint"] == 68, out


def test_heard_small_amounts_and_oops_spelled_otherwise_are_understood(interpreter):
    """ "A tiny bit brighter." (clearly heard) was confirmed for its unknown word "tiny";
    "Whoops, not the desk lamp, the thermostat." was refused whole ("whoops" is "oops")."""
    lit = [{"at": "2026-11-29T08:00:00", "utterance": "desk lamp to 40", "say": "Done."},
           {"at": "2026-11-29T08:00:00", "device": "desk lamp", "changed": {"brightness": 60},
            "from": {"brightness": 40}, "by": "voice", "why": "asked"}]
    at = {"now": "2026-11-29T08:01:00", "history": lit}
    out = heard_line(interpreter, Transcript("A tiny bit brighter.", 0.97), **at)
    assert out["kind"] == "action" and out["after"]["desk lamp"]["brightness"] > 60, out
    off = [{"at": "2026-11-29T08:00:00", "utterance": "desk lamp off", "say": "Done."},
           {"at": "2026-11-29T08:00:00", "device": "desk lamp", "changed": {"state": "off"},
            "from": {"state": "on", "brightness": 60, "color_temp": 3000}, "by": "voice", "why": "asked"}]
    home = [{**HOME[0], "snapshot": {"state": "off"}}, HOME[1]]
    out = heard_line(interpreter, Transcript("Whoops, not the desk lamp, the thermostat.", 0.95), home=home,
                     now="2026-11-29T08:01:00", history=off)
    assert out["kind"] == "action" and out["after"]["desk lamp"] == HOME[0]["snapshot"], out
    assert out["after"]["thermostat"]["state"] == "off", out


def test_a_heard_swap_to_a_room_puts_the_wrong_one_back(interpreter):
    """ "No, the study." (clearly heard) just after "floor lamp on" was confirmed, the study
    named while the undo left its light as it was: the floor lamp goes off, the study light on."""
    home = [{"name": "floor lamp", "type": "lamp", "room": "living room",
             "snapshot": {"state": "on", "brightness": 80, "color_temp": 2700}},
            {"name": "study light", "type": "lamp", "room": "study", "snapshot": {"state": "off"}}]
    history = [{"at": "2026-11-29T08:00:00", "utterance": "floor lamp on", "say": "Done."},
               {"at": "2026-11-29T08:00:00", "device": "floor lamp", "changed": {"state": "on"},
                "from": {"state": "off"}, "by": "voice", "why": "asked"}]
    out = heard_line(interpreter, Transcript("No, the study.", 0.94), home=home, now="2026-11-29T08:01:00",
                     history=history)
    assert out["kind"] == "action" and out["after"]["floor lamp"] == {"state": "off"}, out
    assert out["after"]["study light"]["state"] == "on", out


def test_words_both_decoders_heard_are_not_swapped_for_a_surer_reading(interpreter):
    """ "I don't want the ceiling fan light any dimmer." heard by both decoders was read as its
    beam's "…light anymore." (surer for the model) and the light went off: the words heard twice
    are the words read."""
    said = "I don't want the desk lamp any dimmer."
    heard = Transcript(said, 0.98, alternatives=("I don't want the desk lamp anymore.",),
                       cross_check=Transcript(said, 0.97))
    out = heard_line(interpreter, heard)
    assert out["kind"] != "action" and out["after"]["desk lamp"] == HOME[0]["snapshot"], out


def test_an_amount_heard_with_no_word_of_its_way_is_confirmed(interpreter):
    """ "Or the central air by 1." (heard for "lower the central air by one") raised it: "by 1"
    says how far and no word which way, so it is asked; "Desk lamp down by 20." is carried out."""
    out = heard_line(interpreter, Transcript("Or the thermostat by 1.", 0.9))
    assert out["kind"] == "clarify" and out["after"]["thermostat"] == HOME[1]["snapshot"], out
    out = heard_line(interpreter, Transcript("Desk lamp down by 20.", 0.9))
    assert out["kind"] == "action" and out["after"]["desk lamp"]["brightness"] == 40, out


def test_an_amount_heard_two_ways_counts_a_misheard_two(interpreter):
    """ "Office ac up to 3." beside the second decoder's "Office ac, up to degree." (for "up a
    degree") raised it by 2: the second's "to degree" is the "2 degrees" it is read as, another
    amount than the first's 3, so it is asked."""
    heard = Transcript("Thermostat up to 3.", 0.72, cross_check=Transcript("Thermostat, up to degree.", 0.63))
    out = heard_line(interpreter, heard)
    assert out["kind"] == "clarify" and out["after"]["thermostat"] == HOME[1]["snapshot"], out


def test_a_follow_up_word_is_no_echo_of_a_name(interpreter):
    """ "Back to 50." just after "mezzanine lamp up 20" was asked about: "back" was taken for a lost
    part of the "back bedroom lamp"."""
    home = HOME + [{"name": "back porch light", "type": "lamp", "room": "porch", "snapshot": {"state": "off"}}]
    history = [{"at": "2026-11-29T08:00:00", "utterance": "desk lamp up 20", "say": "Done."},
               {"at": "2026-11-29T08:00:00", "device": "desk lamp", "changed": {"brightness": 60},
                "from": {"brightness": 40}, "by": "voice"}]
    heard = Transcript("Back to 50.", 0.96, cross_check=Transcript("Back to 50.", 0.95))
    out = run_line(json.dumps({"id": 1, "home": home, "utterance": heard.text, "history": history,
                               "now": "2026-11-29T08:01:00"}), interpreter, heard=heard)
    assert out["kind"] == "action" and out["after"]["desk lamp"]["brightness"] == 50, out
    assert out["after"]["back porch light"] == {"state": "off"}, out


def test_a_refused_state_heard_sure_twice_is_switched_off(interpreter):
    """ "No heat in the sleepout.", heard alike by both decoders, was asked about (the model reads
    "no heat" as heating); heard once, or unsure, it is still asked."""
    said = "No heat in the hallway."
    out = heard_line(interpreter, Transcript(said, 0.93, cross_check=Transcript(said, 0.9)))
    assert out["kind"] == "action" and out["after"]["thermostat"]["state"] == "off", out
    out = heard_line(interpreter, Transcript(said, 0.93))
    assert out["kind"] == "clarify" and out["after"]["thermostat"] == HOME[1]["snapshot"], out


def test_up_after_a_name_never_lowers_it(interpreter):
    """ "Bay window lamp up at 25%." (heard for "up by 25 percent") at 45% set 25%: "up" right
    after the lamp's noun says the way, and 25% is the other way."""
    out = heard_line(interpreter, Transcript("Desk lamp up at 25%.", 0.76))
    assert out["kind"] == "clarify" and out["after"]["desk lamp"] == HOME[0]["snapshot"], out
    out = heard_line(interpreter, Transcript("Desk lamp up to 80.", 0.9))
    assert out["kind"] == "action" and out["after"]["desk lamp"]["brightness"] == 80, out


def test_a_word_taken_off_for_an_amount_is_confirmed(interpreter):
    """ "Take time off the foyer pendant." (for "take 5 off") switched it off; "Take 5 off the
    desk lamp." takes 5 off."""
    out = heard_line(interpreter, Transcript("Take time off the desk lamp.", 0.75))
    assert out["kind"] == "clarify" and out["after"]["desk lamp"] == HOME[0]["snapshot"], out
    out = heard_line(interpreter, Transcript("Take 5 off the desk lamp.", 0.85))
    assert out["kind"] == "action" and out["after"]["desk lamp"]["brightness"] == 55, out


def test_a_long_word_of_a_name_heard_as_two_short_ones_is_rejoined(interpreter):
    """ "Tall up light 20 less." (the "tall uplight") brightened it by 20."""
    home = HOME + [{"name": "tall uplight", "type": "lamp", "room": "lounge",
                    "snapshot": {"state": "on", "brightness": 70, "color_temp": 3000}}]
    heard = Transcript("Tall up light 20 less.", 0.85)
    out = run_line(json.dumps({"id": 1, "home": home, "utterance": heard.text}), interpreter, heard=heard)
    assert out["kind"] == "action" and out["after"]["tall uplight"]["brightness"] == 50, out


def test_warm_enough_heard_with_a_degree_word_asks_for_nothing(interpreter):
    """ "The window seat lamp is so warm enough." (heard for "isn't warm enough") made the white
    cooler: it says the lamp is warm enough, which asks for no change."""
    out = heard_line(interpreter, Transcript("The desk lamp is so warm enough.", 0.8))
    assert out["after"]["desk lamp"] == HOME[0]["snapshot"], out


def test_heard_words_that_may_hide_a_number_or_a_refusal_are_confirmed(interpreter):
    """ "Kids' den lamp up for the." (for "up 40") went up a step; "Not back dim." (for "not that
    dim") dimmed the lantern to 1%."""
    for said in ("Desk lamp up for the.", "Not back dim."):
        out = heard_line(interpreter, Transcript(said, 0.85))
        assert out["kind"] == "clarify" and out["after"]["desk lamp"] == HOME[0]["snapshot"], (said, out)


def test_a_question_of_what_should_be_is_answered(interpreter):
    """ "The kids' den should it get any colder." cooled the room (read as "colder")."""
    out = heard_line(interpreter, Transcript("The hallway, should it get any colder?", 0.87))
    assert out["kind"] == "explanation" and out["after"]["thermostat"] == HOME[1]["snapshot"], out


def test_a_number_heard_before_to_the_device_is_confirmed(interpreter):
    """ "At 5% to the pergola lights." (for "add five percent to…") set 5%; "Add 5% to the desk
    lamp." adds."""
    out = heard_line(interpreter, Transcript("At 5% to the desk lamp.", 0.88))
    assert out["kind"] == "clarify" and out["after"]["desk lamp"] == HOME[0]["snapshot"], out
    out = heard_line(interpreter, Transcript("Add 5% to the desk lamp.", 0.9))
    assert out["kind"] == "action" and out["after"]["desk lamp"]["brightness"] == 65, out


def test_a_not_only_the_first_decoder_heard_keeps_the_second_from_acting(interpreter):
    """ "The dining room isn't cold." beside the second decoder's "The dining room is cold."
    heated the room: the second's reading is asked about, not carried out."""
    heard = Transcript("The hallway isn't cold.", 0.94, cross_check=Transcript("The hallway is cold.", 0.8))
    out = heard_line(interpreter, heard)
    assert out["kind"] != "action" and out["after"]["thermostat"] == HOME[1]["snapshot"], out


def test_a_names_s_closing_the_words_is_its_plural(interpreter):
    """ "Leave the heater, dim the wall washer's." (heard for "washers") dimmed one of the two."""
    home = [{"name": "wall washer", "type": "lamp", "room": "lounge",
             "snapshot": {"state": "on", "brightness": 50, "color_temp": 3000}},
            {"name": "wall washer 2", "type": "lamp", "room": "lounge",
             "snapshot": {"state": "on", "brightness": 50, "color_temp": 3000}}, HOME[1]]
    heard = Transcript("Leave the thermostat, dim the wall washer's.", 0.81)
    out = run_line(json.dumps({"id": 1, "home": home, "utterance": heard.text}), interpreter, heard=heard)
    assert out["kind"] == "action", out
    assert out["after"]["wall washer"]["brightness"] < 50 and out["after"]["wall washer 2"]["brightness"] < 50, out
    assert out["after"]["thermostat"] == HOME[1]["snapshot"], out


def test_an_amount_more_heard_as_eight_is_confirmed(interpreter):
    """ "8 degree more." (for "a degree more") just after "thermostat down 1" lowered it by 8."""
    history = [{"at": "2026-11-29T08:00:00", "utterance": "thermostat down 1", "say": "Done."},
               {"at": "2026-11-29T08:00:00", "device": "thermostat", "changed": {"setpoint": 68},
                "from": {"setpoint": 69}, "by": "voice"}]
    out = heard_line(interpreter, Transcript("8 degree more.", 0.84), history=history, now="2026-11-29T08:01:00")
    assert out["kind"] == "clarify" and out["after"]["thermostat"] == HOME[1]["snapshot"], out
    out = heard_line(interpreter, Transcript("A degree more.", 0.84), history=history, now="2026-11-29T08:01:00")
    assert out["kind"] == "action" and out["after"]["thermostat"]["setpoint"] == 67, out


def test_a_complaint_then_go_back_heard_undoes_the_change(interpreter):
    """ "That's too cold, go back." (heard, its comma a pause) just after the ac went 76 → 70°F took
    one step back: "that's too cold" beside an ac alone reads unsure, and is a complaint by its words."""
    ac = [{"name": "pavilion ac", "type": "thermostat", "room": "pavilion",
           "snapshot": {"state": "cool", "setpoint": 70, "room_temperature": 84, "fan": "auto"}}]
    history = [{"at": "2026-11-29T08:00:00", "utterance": "pavilion ac to 70", "say": "Done."},
               {"at": "2026-11-29T08:00:00", "device": "pavilion ac", "changed": {"setpoint": 70},
                "from": {"setpoint": 76}, "by": "voice"}]
    heard = Transcript("That's too cold, go back.", 0.96)
    out = run_line(json.dumps({"id": 1, "home": ac, "utterance": heard.text, "history": history,
                               "now": "2026-11-29T08:01:00"}), interpreter, heard=heard)
    assert out["kind"] == "action" and out["after"]["pavilion ac"]["setpoint"] == 76, out


def test_a_closing_number_two_past_one_said_may_be_its_too(interpreter):
    """ "Studio lamp to 20 and the strip to 22." (for "…the strip to 20 too"), both decoders
    agreeing, set the strip to 22%: heard, "20 too" and "22" sound alike, so it is asked; said
    with "too", it is done."""
    home = HOME + [{"name": "floor lamp", "type": "lamp", "room": "office",
                    "snapshot": {"state": "on", "brightness": 30, "color_temp": 3000}}]
    text = "Desk lamp to 20 and the floor lamp to 22."
    heard = Transcript(text, 0.97, cross_check=Transcript(text, 0.95))
    out = run_line(json.dumps({"id": 1, "home": home, "utterance": text}), interpreter, heard=heard)
    assert out["kind"] == "clarify" and out["after"]["floor lamp"] == home[2]["snapshot"], out
    text = "Desk lamp to 20 and the floor lamp to 20 too."
    heard = Transcript(text, 0.97, cross_check=Transcript(text, 0.95))
    out = run_line(json.dumps({"id": 1, "home": home, "utterance": text}), interpreter, heard=heard)
    assert out["kind"] == "action" and out["after"]["floor lamp"]["brightness"] == 20, out


def test_a_comparative_heard_closing_on_2_may_be_its_too(interpreter):
    """ "Dimmer 2." (for "dimmer too", just after the lava lamp went green) dimmed it by 2%: heard,
    it is asked; "Thermostat up 2." is still done."""
    heard = Transcript("Desk lamp dimmer 2.", 0.76, cross_check=Transcript("Desk lamp dimmer 2.", 0.7))
    out = heard_line(interpreter, heard)
    assert out["kind"] == "clarify" and out["after"]["desk lamp"] == HOME[0]["snapshot"], out
    heard = Transcript("Thermostat up 2.", 0.9, cross_check=Transcript("Thermostat up 2.", 0.9))
    out = heard_line(interpreter, heard)
    assert out["kind"] == "action" and out["after"]["thermostat"]["setpoint"] == 70, out


def test_words_a_recognizer_writes_for_others_are_asked_about(interpreter):
    """Heard wrong actions of probes72: "Turn it back to 8." (for "back to 80") set 8%;
    "Everything put the desk lamp off." (for "but") switched it off; "Thermostat have a degree
    lower." (for "half a degree") took a whole degree; "And the thermostat up too as well." (for
    "up 2") took one; of probes73–74, "Chandelier off as bright." (for "half as bright") switched it
    off, "…have a de re warmer." took a whole degree. Each is asked about."""
    for text in ("Desk lamp back to 8.", "Everything put the desk lamp off.", "Thermostat have a degree lower.",
                 "Thermostat up too as well.", "Desk lamp off as bright.", "Thermostat have a de re warmer.",
                 "I off the desk lamp again."):
        heard = Transcript(text, 0.9, cross_check=Transcript(text, 0.9))
        out = heard_line(interpreter, heard)
        assert out["kind"] == "clarify" and out["after"] == {d["name"]: d["snapshot"] for d in HOME}, (text, out)


def test_a_number_right_after_a_numbered_name_may_be_its_to(interpreter):
    """ "Reading lamp 2 80." (for "reading lamp to 80"), both decoders agreeing, set reading lamp 2:
    beside a "reading lamp", the 2 may be "to", so it is asked."""
    home = HOME + [{"name": "desk lamp 2", "type": "lamp", "room": "office",
                    "snapshot": {"state": "on", "brightness": 30, "color_temp": 3000}}]
    heard = Transcript("Desk lamp 2 80.", 0.9, cross_check=Transcript("Desk lamp 2 80.", 0.9))
    out = run_line(json.dumps({"id": 1, "home": home, "utterance": heard.text}), interpreter, heard=heard)
    assert out["kind"] == "clarify" and out["after"]["desk lamp 2"] == home[2]["snapshot"], out


def test_an_amount_far_under_a_step_is_asked_about(interpreter):
    """ "2 orange a bit whiter." (heard for "too orange, a bit whiter") moved the white by 2 K: an
    amount with no unit under a tenth of the setting's step is no change anyone asks for."""
    heard = Transcript("2 desk lamp a bit whiter.", 0.88, cross_check=Transcript("2 desk lamp a bit whiter.", 0.8))
    out = heard_line(interpreter, heard)
    assert out["kind"] == "clarify" and out["after"]["desk lamp"] == HOME[0]["snapshot"], out


def test_a_heater_is_not_switched_to_cooling_by_a_goal_no_word_names(interpreter):
    """ "The study is too warm enough." (heard for "isn't warm enough") switched the off fan heater
    to cooling by the too-hot goal: asked about; "cool the study with the fan heater" still cools."""
    home = [{"name": "fan heater", "type": "thermostat", "room": "study",
             "snapshot": {"state": "off", "room_temperature": 66, "fan": "auto"}}, HOME[0]]
    text = "The study is too warm enough."
    heard = Transcript(text, 0.86, cross_check=Transcript(text, 0.8))
    out = run_line(json.dumps({"id": 1, "home": home, "utterance": heard.text}), interpreter, heard=heard)
    assert out["kind"] == "clarify" and out["after"]["fan heater"] == home[0]["snapshot"], out
    out = run_line(json.dumps({"id": 1, "home": home, "utterance": "cool the study with the fan heater"}), interpreter)
    assert out["kind"] == "action" and out["after"]["fan heater"]["state"] == "cool", out
