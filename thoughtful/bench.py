"""``thoughtful bench``: model load time, latency per utterance, peak memory, model size."""

from __future__ import annotations

import json
import resource
import statistics
import time
from pathlib import Path

from thoughtful.state.schema import StateModel
from thoughtful.understanding.runtime import LanguageModel
from thoughtful.understanding.synthesis import Synthesizer, normalize


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_bench(model_dir: Path, models: dict[str, StateModel], cases: Path | None = None) -> None:
    if cases:
        texts = [json.loads(l)["utterance"] for l in open(cases) if l.strip() and "utterance" in json.loads(l)]
    else:
        texts = [e.text for e in Synthesizer(models, seed=123).examples(200)]
    texts = [normalize(t) for t in texts]
    print(f"model: {model_dir} ({(model_dir / 'model.onnx').stat().st_size / 1e6:.1f} MB)")
    for threads in (1, None):
        started = time.perf_counter()
        lm = LanguageModel(model_dir, models, threads=threads)
        load = time.perf_counter() - started
        for t in texts[:10]:
            lm.predict(t)  # warm up
        times = []
        for t in texts:
            s = time.perf_counter()
            lm.predict(t)
            times.append((time.perf_counter() - s) * 1000)
        label = "1 thread" if threads == 1 else "all cores"
        print(f"{label:10s} load {load * 1000:6.0f} ms   p50 {statistics.median(times):5.1f} ms   "
              f"p95 {_percentile(times, 0.95):5.1f} ms   ({len(times)} utterances)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB (this process: interpreter, tokenizer, both sessions)")
