"""The spoken benchmark: text cases spoken by several voices, in simulated rooms and noise,
recognized and interpreted end to end.

Each case is rendered in four conditions — ``clean`` (near-field, quiet), ``room`` (1–3 m,
RT60 0.3–0.8 s), ``noise`` (white, babble or hum at 10–25 dB SNR) and ``both`` — by a voice
that rotates over the cases, at 16 or 44.1 kHz. Audio is generated once and cached by
content; the set is written as contract-format lines with ``"audio"`` (``audio-cases.jsonl``),
so ``thoughtful eval`` and ``interpret --batch`` take it as it is.

Figures per recognizer, per condition and per voice: cases that end right, exact transcripts,
word error rate, wrong actions (a failed case that changed a device), latency from the end of
speech to the device change, and peak RSS.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from thoughtful.bench import percentile, rss_mb
from thoughtful.simulation.scene import CONDITIONS, render, write_wav
from thoughtful.speech.hearing import SPECULATE_MS
from thoughtful.simulation.voices import VOICES, available
from thoughtful.speech.corpus import word_errors
from thoughtful.speech.endpoint import EndpointSettings

RENDER_VERSION = 2
"""Bump when rendering changes, so cached audio is made again (2: rooms seeded by their draw)."""


def build_set(cases: list[dict], folder: Path, voices: Iterable[str] = VOICES,
              conditions: Iterable[str] = CONDITIONS, seed: int = 0) -> list[dict]:
    """Audio cases for ``cases`` (rendered once, then read from ``folder``): each case once
    per condition, the voice and the sample rate rotating; a case of text no one says (code, a
    path) is left out. Also writes ``folder/audio-cases.jsonl``."""
    from thoughtful.understanding.interpreter import NOT_SAID

    voices = [v for v in voices if available(v)]
    if not voices:
        raise RuntimeError("no test voice is installed (piper-tts, flite or espeak-ng)")
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, case in enumerate(cases):
        if NOT_SAID.search(case["utterance"]):  # typed only: a voice reads "{{ lights.off }}" as "lights off"
            continue
        for c, condition in enumerate(conditions):
            voice = voices[(i + 3 * c) % len(voices)]
            rate = 44100 if (i + c) % 2 else 16000
            key = json.dumps([case["utterance"], voice, condition, rate, seed, i, c, RENDER_VERSION])
            digest = hashlib.sha256(key.encode()).hexdigest()[:10]
            path = folder / f"{case['id']}-{condition}-{voice.replace(':', '-')}-{digest}.wav"
            if not path.exists():
                rng = np.random.default_rng([seed, i, c])
                write_wav(path, render(case["utterance"], voice, condition, rate, rng), rate)
            spoken = {k: v for k, v in case.items() if k != "utterance"}
            out.append({**spoken, "id": f"{case['id']}/{condition}", "audio": str(path),
                        "said": case["utterance"], "voice": voice, "condition": condition, "rate": rate})
    with open(folder / "audio-cases.jsonl", "w", encoding="utf-8") as handle:
        for line in out:
            handle.write(json.dumps(line) + "\n")
    return out


@dataclass
class Outcome:
    case: dict
    transcript: str
    confidence: float | None
    ok: bool
    wrong_action: bool
    errors: int
    words: int
    latency_ms: float
    problems: list[str] = field(default_factory=list)
    kind: str = ""


def run_case(case: dict, interpreter, recognizer, phrases: Callable[[dict], list[str]],
             endpoint: EndpointSettings, speculate_ms: int | None) -> Outcome:
    """One audio case through the daemon's hearing (endpointer, speculative decoding at the
    first pause, recognizer) and interpreter.

    The audio is fed faster than real time, so the latency from the end of speech to the
    device change is computed from measured times (:attr:`Heard.after_speech_ms`): the later
    of the endpoint's wait and the speculative decode, then the interpretation."""
    from thoughtful.speech.audio import read_wav
    from thoughtful.speech.hearing import Hearing, joined
    from thoughtful.understanding.batch import run_line
    from thoughtful.understanding.evaluate import check_case, wrong_action

    audio = read_wav(case["audio"])
    recognizer.bias(phrases(case))
    hearing = Hearing(recognizer, endpoint, speculate_ms, realtime=False)
    utterances = [h for h in hearing.hear(audio) if h.transcript.text]
    heard = joined(utterances)
    started = time.perf_counter()
    line = json.dumps({k: v for k, v in case.items() if k != "audio"} | {"utterance": heard.text or " "})
    output = run_line(line, interpreter, heard=heard)
    interpret_ms = (time.perf_counter() - started) * 1000
    latency = (utterances[-1].after_speech_ms if utterances else endpoint.end_ms) + interpret_ms
    problems = check_case(case.get("expect", {}), case, output)
    errors, words = word_errors(case["said"], heard.text)
    return Outcome(case, heard.text, heard.confidence, not problems, wrong_action(case, output, problems),
                   errors, words, latency, problems, output.get("kind", "error"))


def report(name: str, outcomes: list[Outcome], load_s: float, peak_rss: float) -> str:
    def line(label: str, group: list[Outcome]) -> str:
        ok = sum(o.ok for o in group)
        exact = sum(o.errors == 0 for o in group)
        wer = sum(o.errors for o in group) / max(1, sum(o.words for o in group))
        wrong = sum(o.wrong_action for o in group)
        return (f"      {label:16s} {ok:4d}/{len(group):<4d} {ok / max(1, len(group)):6.1%}   exact "
                f"{exact / max(1, len(group)):5.1%}   WER {wer:5.1%}   wrong actions {wrong}")

    latencies = [o.latency_ms for o in outcomes]
    quiet_acts = [o for o in outcomes if o.case.get("expect", {}).get("kind") == "reject" and o.kind == "action"]
    lines = [f"    {name}: load {load_s:.1f} s, peak RSS {peak_rss:.0f} MB, end of speech → device change "
             f"p50 {percentile(latencies, 0.5):.0f} ms, p95 {percentile(latencies, 0.95):.0f} ms, "
             f"out-of-scope speech that acted {len(quiet_acts)}",
             line("all", outcomes)]
    for condition in CONDITIONS:
        group = [o for o in outcomes if o.case["condition"] == condition]
        if group:
            lines.append(line(condition, group))
    for voice in sorted({o.case["voice"] for o in outcomes}):
        lines.append(line(voice, [o for o in outcomes if o.case["voice"] == voice]))
    return "\n".join(lines)


def run_spoken(name: str, make_recognizer: Callable[[], object], interpreter, spoken_cases: list[dict],
               phrases: Callable[[dict], list[str]], endpoint: EndpointSettings | None = None,
               speculate_ms: int | None = SPECULATE_MS, verbose: bool = False) -> tuple[str, list[Outcome]]:
    started = time.perf_counter()
    recognizer = make_recognizer()
    load = time.perf_counter() - started
    outcomes, peak = [], rss_mb()
    for case in spoken_cases:
        outcome = run_case(case, interpreter, recognizer, phrases, endpoint or EndpointSettings(), speculate_ms)
        outcomes.append(outcome)
        peak = max(peak, rss_mb())
        if verbose and not outcome.ok:
            print(f"FAIL {case['id']} [{case['voice']}] {case['said']!r} → {outcome.transcript!r} "
                  f"({outcome.confidence if outcome.confidence is None else round(outcome.confidence, 2)}): "
                  f"{'; '.join(outcome.problems)}{' WRONG ACTION' if outcome.wrong_action else ''}")
    return report(name, outcomes, load, peak), outcomes
