"""What the recognizers should expect to hear, from the same synthesis that trains the
language model: sentences (for PocketSphinx's language model) and their vocabulary
(for Vosk's grammar), in words as a recognizer writes them ("seventy two")."""

from __future__ import annotations

import re

from thoughtful.state.home import Home
from thoughtful.state.schema import StateModel
from thoughtful.understanding.synthesis import Synthesizer, spoken


def spoken_text(text: str) -> str:
    """Lower case, no punctuation, digits as words: "Set it to 72%" → "set it to seventy two percent"."""
    text = text.lower().replace("%", " percent ").replace("°", " degrees ")
    text = re.sub(r"\d+", lambda m: spoken(int(m.group())) if int(m.group()) <= 100 else
                  " ".join(spoken(int(d)) for d in m.group()), text)
    return " ".join(re.findall(r"[a-z']+", text))


def sentences(models: dict[str, StateModel], home: Home | None = None, count: int = 6000,
              seed: int = 7) -> list[str]:
    """Synthesized utterances, plus the home's device names and rooms in a few frames."""
    out = [spoken_text(e.text) for e in Synthesizer(models, seed=seed).examples(count)]
    if home is not None:
        for device in home.devices.values():
            for frame in ("turn on the {}", "turn off the {}", "dim the {}", "is the {} on", "{}"):
                out.append(spoken_text(frame.format(device.name)))
            if device.room:
                out.append(spoken_text(f"turn off the light in the {device.room}"))
                out.append(spoken_text(f"the {device.room} {device.model.display_name}"))
    return [s for s in out if s]


def vocabulary(corpus: list[str]) -> list[str]:
    return sorted({w for s in corpus for w in s.split()})


def words(models: dict[str, StateModel]) -> set[str]:
    """Every word a request to these device types is made of, as a recognizer writes it: the
    synthesized sentences' words and every word the interpreter knows."""
    from thoughtful.understanding.vocabulary import known_words

    return set(vocabulary(sentences(models))) | {w for k in known_words(models) for w in spoken_text(k).split()}


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(edit distance in words, reference length), both in spoken words."""
    ref, hyp = spoken_text(reference).split(), spoken_text(hypothesis).split()
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1], len(ref)
