"""Daemon figures: text command in → state out over MQTT (p50/p95), idle CPU and RSS of the
running daemon. Starts its own mosquitto on a loopback port and the daemon as a subprocess."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from thoughtful.bench import cpu_seconds, percentile, rss_mb
from thoughtful.bench.broker import Broker

COMMANDS = ["turn on the lamp", "turn off the lamp", "set the lamp to forty percent", "dim the lamp",
            "heat to seventy", "turn off the heat", "make it brighter", "lamp off please"]


def run_daemon_bench(model_dir: Path, rounds: int = 40) -> str:
    import paho.mqtt.client as paho

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        broker = Broker(folder).start()
        config = folder / "thoughtful.yaml"
        config.write_text(f"data_dir: {folder / 'data'}\nmodel_dir: {model_dir}\nnode_id: bench\n"
                          f"mqtt: {{host: 127.0.0.1, port: {broker.port}}}\n")
        daemon = subprocess.Popen([sys.executable, "-m", "thoughtful", "--config", str(config), "run",
                                   "--no-train", "--no-stdin"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        arrived = threading.Event()
        client = paho.Client(paho.CallbackAPIVersion.VERSION2)
        client.on_message = lambda c, u, m: arrived.set() if m.topic == "thoughtful/bench/response" else None
        client.connect("127.0.0.1", broker.port)
        client.subscribe("thoughtful/bench/#")
        client.loop_start()
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:  # wait until the daemon answers
                arrived.clear()
                client.publish("thoughtful/bench/command", "is the lamp on")
                if arrived.wait(2):
                    break
            latencies = []
            for i in range(rounds):
                arrived.clear()
                started = time.perf_counter()
                client.publish("thoughtful/bench/command", json.dumps({"text": COMMANDS[i % len(COMMANDS)], "id": i}))
                if arrived.wait(10):
                    latencies.append((time.perf_counter() - started) * 1000)
            cpu_before, wall_before = cpu_seconds(daemon.pid), time.monotonic()
            time.sleep(10)
            idle = (cpu_seconds(daemon.pid) - cpu_before) / (time.monotonic() - wall_before) * 100
            rss = rss_mb(daemon.pid)
        finally:
            client.loop_stop()
            daemon.terminate()
            daemon.wait(timeout=20)
            broker.stop()
    if not latencies:
        return "    the daemon did not answer"
    return (f"    text command → reply over MQTT: p50 {statistics.median(latencies):.1f} ms, "
            f"p95 {percentile(latencies, 0.95):.1f} ms ({len(latencies)}/{rounds} answered)\n"
            f"    idle CPU {idle:.1f}% of one core, RSS {rss:.0f} MB")
