"""Device-independent phrasing for synthesis: frames, fillers, ASR noise, out-of-scope requests.

Everything device-specific comes from the state models' ``language`` sections.
"""

WAKE = ["hey thoughtful", "ok house", "hey house", "computer", "hey home", "thoughtful"]
POLITE_BEFORE = ["please", "could you", "can you", "would you", "would you mind", "i want you to",
                 "i'd like you to", "go ahead and", "kindly", "could you please", "can you please",
                 "i need you to", "will you", "hey can you", "just"]
POLITE_AFTER = ["please", "thanks", "thank you", "for me", "now", "right now", "if you can", "will you"]
FILLERS = ["um", "uh", "so", "okay", "ok", "well", "hmm", "alright", "right", "oh", "yeah"]
SMALL = ["a bit", "a little", "a little bit", "a tad", "slightly", "a notch", "somewhat", "just a bit"]
ROOMS = ["kitchen", "bedroom", "living room", "office", "study", "hallway", "bathroom", "nursery",
         "dining room", "garage", "porch", "basement", "attic", "hall", "den", "lounge", "guest room"]
DESCRIPTORS = ["main", "big", "little", "small", "overhead", "ceiling", "desk", "floor",
               "bedside", "table", "corner", "pendant", "porch", "garden", "front", "back", "fairy", "string"]

# ASR confusions seen with Vosk and PocketSphinx: word → what the recognizer may write.
HOMOPHONES = {"lamp": ["lamb", "lamps", "lam"], "off": ["of"], "to": ["two", "too"], "light": ["lite", "lights"],
              "heat": ["heed", "hit"], "dim": ["them", "dem"], "on": ["an", "own"], "brighter": ["brider"],
              "the": ["a", "de"], "turn": ["turned", "term"], "thermostat": ["thermal stat"],
              "cooler": ["color"], "set": ["said", "sit"], "for": ["four"], "it": ["at"]}

NEGATIONS = ["don't {c}", "do not {c}", "please don't {c}", "no don't {c}", "never {c}", "you don't need to {c}",
             "there's no need to {c}", "i don't want you to {c}", "don't bother to {c}", "stop, don't {c}"]
CANCELS = ["never mind", "forget it", "cancel", "cancel that", "nevermind", "no stop", "leave it",
           "forget about it", "nothing", "that's all", "ignore that", "scratch that", "oops, never mind",
           "actually never mind", "no thanks", "stop", "leave everything as it is", "don't change anything",
           "leave the {d} alone", "never mind the {d}", "don't touch the {d}", "the {d} is fine",
           "the {d} is fine as it is", "forget the {d}"]
IMPLICIT_OFF = ["i don't need the {d} anymore", "i'm done with the {d}", "we're done with the {d}",
                "no more {d} tonight", "the {d} can go off now", "i don't need the {d} on", "nobody is using the {d}",
                "we don't need the {d} now", "you can shut the {d} now", "the {d} isn't needed anymore",
                "i'm finished with the {d}", "that's enough {d} for today", "we can do without the {d}",
                "i no longer need the {d}", "the {d} has been on long enough", "the {d} doesn't need to be on",
                "the {d} doesn't have to be on anymore", "there's no need for the {d}", "we won't need the {d}",
                "the {d} needn't stay on"]
"""Saying a device is not needed: it goes off ("{d}" is a name of the type)."""
CONTRASTS = ["{cancel}, {c}", "{cancel}, just {c}", "{cancel} and {c} instead", "not the {d}, {c}",
             "{cancel}. {c}", "{cancel}, {c} please", "{cancel}, only {c}"]
"""One device left alone, another changed: "forget the lamp, turn the heat down"."""
UNDO = ["undo", "undo that", "put it back", "change it back", "go back", "revert that", "put it back how it was",
        "back to how it was", "reverse that", "undo the last change", "set it back", "restore it",
        "that's worse, put it back", "no, put it back", "take it back to where it was", "switch it back"]
REVERSE = ["the other way", "no the other way", "other way", "the opposite", "opposite", "wrong way",
           "wrong direction", "the other direction", "go the other way", "other way round", "the other way around",
           "not that way", "the opposite way", "the opposite direction", "backwards", "in reverse",
           "that's the wrong way", "you went the wrong way", "other way please", "do the opposite"]
"""The last change, mirrored: "dim the lamp" … "no, the other way" brightens it as much."""
MORE = ["a bit more", "more", "even more", "a little more", "keep going", "again", "more please", "bit more",
        "do it again", "a tad more", "some more", "go further", "once more", "a little bit more", "further"]

OUT_OF_SCOPE = [
    # music & media
    "play some music", "play the news", "play jazz", "next song", "skip this track", "pause the music",
    "turn up the volume", "turn down the volume", "volume up", "mute", "play my playlist", "who sings this song",
    "turn on the tv", "turn off the tv", "switch the tv to channel five", "play a podcast", "turn on the radio",
    "stop the music", "play something relaxing", "put on some music", "play the radio",
    # weather, time, facts
    "what's the weather", "will it rain tomorrow", "what time is it", "what's the date today", "how tall is mount everest",
    "who is the president", "what's the capital of france", "how far is the moon", "what's the temperature outside",
    "is it going to be cold tomorrow", "what's the forecast", "how many ounces in a cup", "spell necessary",
    "what's two plus two", "tell me a fact", "when is sunset", "what day is it",
    # timers, alarms, calendar, reminders
    "set a timer for ten minutes", "set an alarm for seven", "remind me to call mom", "what's on my calendar",
    "cancel my alarm", "wake me up at six", "set a timer for 5 minutes", "how long is left on the timer",
    "schedule a meeting", "add an event tomorrow",
    # other appliances & security
    "start the dishwasher", "close the blinds", "open the curtains", "lock the front door", "unlock the door",
    "open the garage", "close the garage door", "start the vacuum", "turn on the oven", "preheat the oven to 350",
    "start the washing machine", "turn on the coffee maker", "make me a coffee", "arm the alarm", "show the camera",
    "water the garden", "turn on the sprinklers", "open the window", "run the dryer", "turn on the kettle",
    "turn on the dishwasher", "start the robot vacuum", "raise the blinds", "lower the shades",
    "turn on the microwave", "turn on the hair dryer", "charge my car", "feed the cat",
    # shopping, messaging, chit-chat
    "add milk to my shopping list", "order more paper towels", "buy batteries", "what's on my shopping list",
    "call mom", "send a message to john", "text my wife", "read my email", "tell me a joke", "how are you",
    "what's your name", "who made you", "thank you", "i love you", "sing a song", "are you alive", "good job",
    "hello", "you're stupid", "tell me a story", "what's the meaning of life",
    # look-alikes: warm, light, cool, heat in other senses
    "warm up some soup", "heat up my coffee", "cool down the oven", "light a candle", "cool the drinks",
    "turn the oven temperature up", "warm up the car", "heat the pool", "make the fridge colder",
    "how much energy is the heater using", "what's my electricity bill", "how much does the heating cost",
    "order a new light bulb", "buy a lamp", "what's the brightest star", "turn up the heat on the stove",
    "light up the christmas tree", "dim the screen", "make my phone brighter", "brighten the photo",
    "the cat is cold", "cool story", "that's hot", "light reading recommendations", "my coffee is cold",
    "the soup is too hot", "turn on the fireplace", "turn on the humidifier", "set the fridge to 38",
    "the light is flickering", "the bulb is broken", "the heater is making a noise", "the thermostat is beeping",
]
