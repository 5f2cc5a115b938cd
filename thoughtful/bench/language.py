"""Language model figures: load time, latency per utterance, peak memory, model size.

Latency is for the whole pipeline the daemon runs per utterance (normalize,
names, model, planning, state-model validation, reply) on the embedded default
home, first on one thread, then on all cores.
"""

from __future__ import annotations

import json
import resource
import statistics
import time
from pathlib import Path

from thoughtful.bench import percentile
from thoughtful.state.device import Device
from thoughtful.state.home import Home
from thoughtful.state.schema import StateModel
from thoughtful.understanding.interpreter import Interpreter, Request
from thoughtful.understanding.modelfiles import check_fresh
from thoughtful.understanding.runtime import LanguageModel
from thoughtful.understanding.synthesis import Synthesizer

HOME = {"lamp": {"state": "on", "brightness": 50, "color_temp": 3500},
        "thermostat": {"state": "heat", "setpoint": 69, "room_temperature": 68, "fan": "auto"}}


def _texts(models: dict[str, StateModel], cases: Path | None) -> list[str]:
    if cases:
        rows = [json.loads(line) for line in cases.read_text().splitlines() if line.strip()]
        return [r["utterance"] for r in rows if "utterance" in r]
    return [e.text for e in Synthesizer(models, seed=123).examples(300)]


def run_bench(model_dir: Path, models: dict[str, StateModel], cases: Path | None = None) -> str:
    """Time the interpreter; return the figures as text lines (:class:`ModelMissingError`, saying
    what to do, when ``model_dir`` holds no usable model)."""
    check_fresh(model_dir, models)
    texts = _texts(models, cases)
    lines = [f"model size {(model_dir / 'model.onnx').stat().st_size / 1e6:.1f} MB (int8 ONNX)"]
    peak = 0.0
    for threads, label in ((1, "1 thread"), (None, "all cores")):
        started = time.perf_counter()
        interpreter = Interpreter(models, LanguageModel(model_dir, models, threads=threads))
        load = time.perf_counter() - started
        times = []
        for i, text in enumerate(texts):
            home = Home([Device(name, models[name], snapshot=dict(s)) for name, s in HOME.items()])
            s = time.perf_counter()
            interpreter.interpret(Request(text, home))
            if i >= 10:  # the first ten warm up (not timed: a text read before is remembered)
                times.append((time.perf_counter() - s) * 1000)
        if threads == 1:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lines.append(f"{label:10s} load {load * 1000:5.0f} ms   p50 {statistics.median(times):5.1f} ms   "
                     f"p95 {percentile(times, 0.95):5.1f} ms   ({len(times)} utterances)")
    lines.append(f"peak RSS {peak:.0f} MB (the process with one interpreter loaded and run)")
    return "\n".join(f"    {line}" for line in lines)
